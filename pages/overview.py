"""Overview: the relationship at a glance — counts, a timeline, a map and the events table."""
import streamlit as st

from app import corpus, event_map, figures, places, safe, tables, ui
from app.labels import EVENT_TYPES, STATUS_MEANINGS, TYPE_COUNTS, type_label

view = ui.view()
st.title("Defence cooperation at a glance")
dense = not view.events.empty and figures.is_dense(view.events)
st.caption("Events read from the corpus's articles"
           + (", as extracted (raw)." if view.corpus.is_raw else ", with the analysts' corrections.")
           + ("" if dense else " Hover any point to read the sentence it came from. Filled markers are reported "
              "events, hollow ones inferred, triangles planned and crosses cancelled."))

if view.events.empty:
    ui.empty_state("events", view.filters)
    st.stop()

head = view.memo("headline", lambda: tables.headline(view.events))
# As wide as their labels and values, wrapping onto a second line on a narrow screen instead of cutting them.
counts = st.container(horizontal=True, gap="small")
for etype in EVENT_TYPES:
    counts.metric(TYPE_COUNTS[etype], head["by_type"].get(etype, 0), width="content",
                  help=f"Reported events of type “{type_label(etype)}” "
                       "(planned and cancelled ones are counted apart)")
counts.metric("Planned", head["planned"], width="content",
              help=f"Events {STATUS_MEANINGS['planned']} (of any type; not in the counts by type)")
counts.metric("Cancelled", head["cancelled"], width="content",
              help=f"Events {STATUS_MEANINGS['cancelled']} (of any type; not in the counts by type)")
counts.metric("Articles", head["articles"], width="content",
              help=f"Articles reporting these events, of {len(view.corpus.articles)} in the corpus")
counts.metric("Years covered", head["years"], width="content", help="From the earliest to the latest dated event")

if dense:
    st.caption(f"With more than {figures.DENSE_EVENTS:,} dated events the timeline counts them: each marker is one "
               "type's events in one month, larger for more. Filter by country, years or type to see each event.")
ui.chart(view.memo("timeline", lambda: figures.timeline(view.events)), key="timeline")
ui.undated_caption(view.events)

located = view.memo("located", lambda: places.locate_events(view.events, corpus.load_gazetteer()))
if located.points.empty:
    st.info("None of these events names a place or a country the gazetteer knows, so there is nothing to map.",
            icon=":material/map:")
else:
    ui.chart(view.memo("map", lambda: event_map.event_map(located.points)), key="map")
if note := located.caption():
    st.caption(safe.md(note))

st.subheader(f"Events ({len(view.events)})")
ui.table(view.memo("events_table", lambda: tables.events_display(view.events, view.corpus.source_links())),
         key="events_table")
ui.downloads(view.events, view.corpus, view.filters)
