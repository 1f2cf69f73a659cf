"""Official visits and agreements: a timeline, who visited whom, and counts per year."""
import streamlit as st

from app import figures, tables, ui

view = ui.view()
st.title("Official visits and agreements")
st.caption("Hollow markers are inferred; triangles are planned visits, meetings or agreements (announced or "
           "scheduled) and crosses cancelled ones.")

relevant = view.events[view.events["event_type"].isin(["visit", "agreement"])]
if relevant.empty:
    ui.empty_state("visits, meetings or agreements", view.filters)
    st.stop()

ui.chart(view.memo("visits_chart", lambda: figures.visits_timeline(relevant)), key="visits_chart")
ui.undated_caption(relevant)

st.subheader("Who visited whom")
links = view.corpus.source_links()
ui.table(view.memo("visits_table", lambda: tables.visits_display(relevant, links)), key="visits_table",
         empty="No visit or meeting matches the filters.")

st.subheader("Agreements")
ui.table(view.memo("agreements_table", lambda: tables.agreements_display(relevant, links)), key="agreements_table",
         empty="No agreement matches the filters.")

ui.chart(view.memo("per_year", lambda: figures.counts_per_year(relevant, "Visits, meetings and agreements per year")),
         key="per_year")
cancelled = int((figures.statuses(relevant) == "cancelled").sum())
if cancelled:
    st.caption(f"{cancelled} cancelled visit(s), meeting(s) or agreement(s) are left out of the counts per year; "
               "planned ones are the hatched segments.")
