"""Router: page config, the shared sidebar filters, and navigation over pages/.

Run with `streamlit run dashboard.py`. Each page reads the filtered events
through `app.ui.view()`; nothing here or in the pages parses article text.
"""
import streamlit as st

from app import corpus, ui


def pages() -> list:
    # url paths are the file stems (/exercises, /arms_transfers): see ui.leave_legacy_multipage_mode.
    return [
        st.Page("pages/overview.py", title="Overview", default=True),
        st.Page("pages/exercises.py", title="Exercise series"),
        st.Page("pages/arms_transfers.py", title="Arms transfers"),
        st.Page("pages/visits.py", title="Visits and agreements"),
        st.Page("pages/sources.py", title="Sources"),
    ]


def run() -> None:
    st.set_page_config(page_title="Defence cooperation dashboard",
                       layout="wide")
    page = st.navigation(pages())
    loaded = corpus.load_corpus()
    ui.sidebar_filters(loaded)
    ui.corpus_status(loaded)
    page.run()


if __name__ == "__main__":
    run()
