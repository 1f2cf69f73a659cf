"""Router: page config, the shared sidebar (raw/curated switch, filters), and navigation over pages/.

Run with `streamlit run dashboard.py`. The corpus (bundled and added articles, curated with the
analysts' edits) is loaded once per run here; each page reads it, filtered, through
`app.ui.view()`. Nothing here or in the pages parses article text.
"""
import streamlit as st

from app import corpus, ui


def pages() -> list:
    # url paths are the file stems (/exercises, /add_articles): see ui.leave_legacy_multipage_mode.
    return [
        st.Page("pages/overview.py", title="Overview", default=True),
        st.Page("pages/exercises.py", title="Exercise series"),
        st.Page("pages/arms_transfers.py", title="Arms transfers"),
        st.Page("pages/visits.py", title="Visits and agreements"),
        st.Page("pages/relations.py", title="Relations"),
        st.Page("pages/sources.py", title="Sources"),
        st.Page("pages/add_articles.py", title="Add articles"),
        st.Page("pages/review.py", title="Review"),
    ]


# Each page's own link parameters (its pickers bound to the address), beside the shared filters.
PAGE_PARAMS = {"exercises": ("series",), "sources": ("article",), "relations": ("pair", "compare")}


def run() -> None:
    st.set_page_config(page_title="Defence cooperation dashboard",
                       layout="wide")
    page = st.navigation(pages())
    ui.link_notices(PAGE_PARAMS, page.url_path)  # before the bound widgets drop what they cannot take
    loaded = corpus.load_corpus()
    st.session_state[ui.CORPUS_KEY] = loaded  # the page reads this run's corpus, not a second copy
    # The switch sits below the filters but is read first: the filters' options come from its table.
    filters_box, switch_box = st.sidebar.container(), st.sidebar.container()
    switch_box.divider()
    shown = loaded.shown(ui.raw_switch(switch_box))
    ui.sidebar_filters(shown, filters_box)
    ui.corpus_status(shown, switch_box)
    ui.store_notice(loaded)
    try:
        page.run()
    finally:  # also after st.stop() or st.rerun() in the page
        corpus.start_deferred()  # what the corpus put off (a warm-up, keeping the table): the page is out


if __name__ == "__main__":
    run()
