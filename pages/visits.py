"""Official visits and agreements: a timeline, who visited whom, and counts per year."""
import streamlit as st

from app import figures, tables, ui

view = ui.view()
st.title("Official visits and agreements")

relevant = view.events[view.events["event_type"].isin(["visit", "agreement"])]
if relevant.empty:
    ui.empty_state("visits, meetings or agreements", view.filters)
    st.stop()

ui.chart(figures.visits_timeline(relevant), key="visits_chart")
ui.undated_caption(relevant)

st.subheader("Who visited whom")
visits = tables.visits_display(relevant)
if visits.empty:
    st.info("No visit or meeting matches the filters.", icon=":material/search_off:")
else:
    ui.table(visits, key="visits_table")

st.subheader("Agreements")
agreements = tables.agreements_display(relevant)
if agreements.empty:
    st.info("No agreement matches the filters.", icon=":material/search_off:")
else:
    ui.table(agreements, key="agreements_table")

ui.chart(figures.counts_per_year(relevant, "Visits, meetings and agreements per year"), key="per_year")
