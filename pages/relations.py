"""Relations: one pair of countries, or two side by side — events per year, firsts and latest, the events."""
import streamlit as st

from app import relations, relations_figures, safe, tables, ui

view = ui.view()
st.title("Relations between two countries")
st.caption("An event belongs to a pair when it names both countries. Pick a pair, and another to compare "
           "it with; the page address keeps both (pair=Pakistan,Russia&compare=India,Russia).")

# The pairs come from the whole corpus, not the filtered view, so that a link means the same pair
# whatever the filters; the filters then decide which of its events are shown.
counts = relations.pair_counts(view.corpus.events)
countries = sorted({c for names in view.corpus.events["countries"] for c in names if c})
if counts.empty:
    if len(countries) == 1:
        st.info(f"The corpus names only one country ({safe.md(countries[0])}), so there is no pair to show. "
                "Add articles about its partners to see their relations here.", icon=":material/inbox:")
    else:
        st.info("No event in the corpus names two countries, so there is no pair to show. Add articles "
                "(the Add articles page, or files under data/articles/) to see relations here.",
                icon=":material/inbox:")
    st.stop()

pairs = list(counts.index)
default = pairs[0]  # the most frequent pair
links = {param: relations.read_pair(st.query_params.get_all(param), param, counts, countries, fallback)
         for param, fallback in (("pair", f"showing {relations.pair_label(default)}"),
                                 ("compare", "showing no second pair"))}
for param, link in links.items():
    if link.notice:
        st.warning(safe.md(link.notice), icon=":material/warning:")  # quotes the link's own value
    elif link.key and link.key != st.query_params.get(param):
        # "Russia,Pakistan" or "Pakistan, Russia": Streamlit drops a value its widget does not offer as
        # written (and the address with it), so the option it names is set here and the form explained.
        st.session_state[param] = link.key
        st.info(f"The link writes {param}=“{safe.md(st.query_params.get(param))}”: showing "
                f"{safe.md(relations.pair_label(link.key))}, which links write {param}={safe.md(link.key)}.",
                icon=":material/link:")

left, right = st.columns(2)
help_text = "Pairs of countries named together in at least one event, the most frequent first"
pair = left.selectbox("Pair of countries", pairs, key="pair", bind="query-params", help=help_text)
compare = right.selectbox("Compare with", pairs, index=None, key="compare", bind="query-params",
                          placeholder="No second pair", help=help_text)
if compare == pair:
    st.caption("The second pair is the first one; pick another to compare.")
    compare = None
chosen = [pair] + ([compare] if compare else [])
events = {key: relations.pair_events(view.events, key) for key in chosen}


def shown_of(key: str) -> str:
    n, total = len(events[key]), int(counts[key])
    if view.filters.active:
        return f"{safe.md(relations.pair_label(key))}: {n} of the {total} events naming both pass the filters"
    return (f"{safe.md(relations.pair_label(key))}: "
            + (f"{total} events name both" if total != 1 else "1 event names both"))


st.caption(" · ".join(shown_of(key) for key in chosen) + ".")

if all(events[key].empty for key in chosen):
    ui.empty_state(f"events of {' or '.join(safe.md(relations.pair_label(k)) for k in chosen)}", view.filters)
    st.stop()

ui.chart(relations_figures.events_per_year([(relations.pair_label(k), events[k]) for k in chosen]),
         key="per_year")
undated = {key: int(events[key]["when"].isna().sum()) for key in chosen}
if any(undated.values()):
    st.caption("Undated events cannot be placed on the time axis (see the tables): "
               + ", ".join(f"{n} of {safe.md(relations.pair_label(k))}" for k, n in undated.items() if n) + ".")

levels = relations.people_levels()
st.subheader("Firsts and latest")
st.caption("Reported, dated events only; a visit is at minister level or above when one of its people is a "
           "head of state, head of government or minister (data/people.toml).")
# One above the other, in the same row order: side by side, the evidence would not fit.
for key in chosen:
    if compare:
        st.markdown(f"**{safe.md(relations.pair_label(key))}**")
    ui.table(relations.firsts_and_latest(events[key], levels).drop(columns="Event id"), key=f"firsts_{key}")

source_links = view.corpus.source_links()
for key in chosen:
    st.subheader(f"Events of {safe.md(relations.pair_label(key))} ({len(events[key])})")
    ui.table(tables.events_display(events[key], source_links), key=f"events_{key}",
             empty="None of this pair's events passes the filters.")
