"""Exercise series: the editions of one series over time, with multilateral exercises alongside."""
import streamlit as st

from app import corpus, figures, safe, tables, ui

view = ui.view()
st.title("Exercise series")
st.caption("Filled markers are editions the articles report; hollow ones are editions the text only implies; "
           "triangles are planned editions (announced or scheduled) and crosses cancelled ones.")

editions = view.memo("editions", lambda: tables.exercise_editions(view.events,
                                                                 country_of=corpus.load_gazetteer().country_of))
if editions.empty:
    ui.empty_state("exercises", view.filters)
    st.stop()

names = tables.series_names(editions)
picker = st.columns([1, 2])[0]
ui.choice_notice("series", names, "series")
series = picker.selectbox("Series", names, key="series", bind="query-params",
                          help="Exercise series named in the articles") if names else ""
chosen = editions[editions["series"] == series] if series else editions.iloc[0:0]
others = editions[(editions["series"] != series) & (editions["kind"] == "multilateral")]

ui.chart(view.memo(f"series_chart:{series}", lambda: figures.exercise_series(chosen, series, others)),
         key="series_chart")
ui.undated_caption(editions, "exercise")
if not names:
    st.caption("No exercise in view has a series name; the chart shows the multilateral exercises only.")

st.subheader(f"{safe.md(series)} editions" if series else "Exercises")
links = view.corpus.source_links()
ui.table(tables.editions_display(chosen if series else editions, links), key="editions_table")
st.subheader("Every exercise in view")
ui.table(tables.editions_display(editions, links), key="all_exercises_table")
