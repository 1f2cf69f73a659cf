"""Arms transfers: a register like SIPRI's, a chart over time, and the policy changes around them."""
import streamlit as st

from app import figures, tables, ui

view = ui.view()
st.title("Arms transfers")
st.caption("Deals and deliveries by supplier and recipient. "
           "Dotted lines mark policy changes such as embargoes.")

register = view.memo("register", lambda: tables.transfer_register(view.events, view.corpus.source_links()))
policies = view.events[view.events["event_type"] == "policy"]
if register.empty and policies.empty:
    ui.empty_state("arms transfers or policy changes", view.filters)
    st.stop()

ui.chart(view.memo("transfers_chart", lambda: figures.transfers_over_time(view.events)), key="transfers_chart")
ui.undated_caption(view.events[view.events["event_type"].isin(["arms_transfer", "policy"])])

st.subheader(f"Transfer register ({len(register)})")
if register.empty:
    st.info("No arms transfer matches the filters; the chart shows policy changes only.",
            icon=":material/search_off:")
else:
    ui.table(register, key="register")

st.subheader(f"Policy changes ({len(policies)})")
if policies.empty:
    why = " (the event-type filter leaves policy changes out)" if view.filters.types else ""
    st.info(f"No policy change matches the filters{why}.", icon=":material/search_off:")
else:
    shown = tables.events_display(policies, view.corpus.source_links())
    ui.table(shown[["Date", "Kind", "Name", "From → to", "Countries", "Evidence", "Source"]], key="policies")
