"""Overview: the relationship at a glance — counts, a timeline, a map and the events table."""
import streamlit as st

from app import corpus, figures, places, safe, tables, ui
from app.labels import EVENT_TYPES, TYPE_COUNTS, type_label

view = ui.view()
st.title("Defence cooperation at a glance")
st.caption("Events read from the corpus's articles"
           + (", as extracted (raw)." if view.corpus.is_raw else ", with the analysts' corrections.")
           + " Hover any point to read the sentence it came from.")

if view.events.empty:
    ui.empty_state("events", view.filters)
    st.stop()

head = tables.headline(view.events)
cols = st.columns([1] * (len(EVENT_TYPES) + 1) + [1.6])
for col, etype in zip(cols, EVENT_TYPES):
    col.metric(TYPE_COUNTS[etype], head["by_type"].get(etype, 0),
               help=f"Number of events of type “{type_label(etype)}”")
cols[-2].metric("Articles", head["articles"],
                help=f"Articles reporting these events, of {len(view.corpus.articles)} in the corpus")
cols[-1].metric("Years covered", head["years"], help="From the earliest to the latest dated event")

ui.chart(figures.timeline(view.events), key="timeline")
ui.undated_caption(view.events)

located = places.locate_events(view.events, corpus.load_gazetteer())
if located.points.empty:
    st.info("None of these events names a place the gazetteer knows, so there is nothing to map.",
            icon=":material/map:")
else:
    ui.chart(figures.event_map(located.points), key="map")
if note := located.caption():
    st.caption(safe.md(note))

st.subheader(f"Events ({len(view.events)})")
ui.table(tables.events_display(view.events), key="events_table")
ui.downloads(view.events, view.corpus.columns, stem="defence-events-raw" if view.corpus.is_raw else "defence-events")
