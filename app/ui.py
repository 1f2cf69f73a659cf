"""Thin Streamlit pieces shared by the router and the pages: filters, charts, downloads, empty states."""
from __future__ import annotations

from dataclasses import dataclass

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from . import corpus as corpus_mod
from . import exports
from . import filters as flt
from . import safe

FILTERS_KEY = "_dashboard_filters"  # the router's Filters, read by the page it runs
# Relative, so it also works under a hosted base path; served from static/ (server.enableStaticServing).
PLOTLY_CONFIG = {"displaylogo": False, "topojsonURL": "app/static/topojson/",
                 "modeBarButtonsToRemove": ["select2d", "lasso2d"]}


@dataclass(frozen=True)
class View:
    corpus: corpus_mod.Corpus
    filters: flt.Filters
    events: pd.DataFrame  # the corpus's events that pass the filters


def sidebar_filters(corpus: corpus_mod.Corpus) -> flt.Filters:
    """The shared filters, each widget bound to its query parameter so a link reproduces the view.

    Streamlit silently drops a link value its widget cannot take; the raw link
    is checked first so that every refused value gets a visible notice.
    """
    options = flt.Options.from_events(corpus.events, corpus.article_labels)
    raw = {key: st.query_params.get_all(key) for key in flt.PARAMS}
    _, notices = flt.parse_params(raw, options)
    for notice in notices:
        st.warning(safe.md(notice), icon=":material/warning:")  # quotes the link's own values

    side = st.sidebar
    side.header("Filters")
    types = side.multiselect("Event type", options.types, key="type", bind="query-params",
                             placeholder="All event types")
    countries = side.multiselect("Country", options.countries, key="country", bind="query-params",
                                 placeholder="All countries")
    year_from = year_to = None
    if options.years:
        left, right = side.columns(2)
        year_from = left.selectbox("From year", options.years, index=0, key="from", bind="query-params")
        year_to = right.selectbox("To year", options.years, index=len(options.years) - 1, key="to",
                                  bind="query-params")
        if year_from > year_to:
            side.caption(f"“From” is after “To”: showing {year_to}–{year_from}.")
    sources = side.multiselect("Source article", options.sources, key="source", bind="query-params",
                               placeholder="All articles")
    inferred = side.toggle("Include inferred events", value=True, key="inferred", bind="query-params",
                           help="Rows the text implies but does not state, e.g. earlier editions "
                                "of a series said to be held annually.")
    filters = flt.from_values(types, countries, year_from, year_to, sources, inferred, options)
    st.session_state[FILTERS_KEY] = filters
    side.caption("The page address keeps these filters: copy it to share this view.")
    return filters


def corpus_status(corpus: corpus_mod.Corpus) -> None:
    """Say which files could not be read, instead of failing or hiding them."""
    side = st.sidebar
    side.divider()
    side.caption(f"Corpus: {len(corpus.articles)} article(s), {len(corpus.events)} event(s).")
    if corpus.problems:
        with side.expander(f"{len(corpus.problems)} file(s) could not be read"):
            for line in corpus.problems:
                st.text(line)


def leave_legacy_multipage_mode() -> None:
    """Hand a page request back to the router when Streamlit ran the page on its own.

    A fresh server whose first visitor opens a page link (/exercises?type=...)
    runs pages/exercises.py through Streamlit's old pages/-folder mode: no
    router, no filters. `st.navigation` switches that mode off, but only once
    the router has run, so switch it off here and rerun: the same page then
    runs through the router (its url path, the file stem, is the same in both modes).
    """
    try:
        from streamlit.runtime.pages_manager import PagesManager
    except ImportError:  # a Streamlit without the old mode
        return
    if getattr(PagesManager, "uses_pages_directory", False):
        PagesManager.uses_pages_directory = False
        st.rerun()


def view() -> View:
    """The corpus and the router's filters (defaults when a page runs on its own)."""
    leave_legacy_multipage_mode()
    corpus = corpus_mod.load_corpus()
    filters = st.session_state.get(FILTERS_KEY, flt.Filters())
    return View(corpus, filters, flt.apply(corpus.events, filters))


def empty_state(what: str, filters: flt.Filters) -> None:
    if filters.active:
        st.info(f"No {what} match the current filters ({safe.md('; '.join(filters.describe()))}). "
                "Widen or clear the filters in the sidebar.", icon=":material/search_off:")
    else:
        st.info(f"The corpus holds no {what}. Add articles under data/articles/ to see them here.",
                icon=":material/inbox:")


def chart(fig: go.Figure, key: str | None = None) -> None:
    # theme=None: the figure is drawn exactly as app/figures.py built (and tested) it.
    st.plotly_chart(fig, theme=None, config=PLOTLY_CONFIG, key=key)


def undated_caption(events: pd.DataFrame, what: str = "event") -> None:
    n = int(events["when"].isna().sum())
    if n:
        st.caption(f"{n} {what}{'s' if n != 1 else ''} without a date cannot be placed on the time axis "
                   "(see the table).")


def downloads(events: pd.DataFrame, columns: tuple[str, ...], stem: str = "events") -> None:
    cols = list(columns)
    left, right, _ = st.columns([1, 1, 3])
    left.download_button("Download CSV", exports.to_csv(events, cols), file_name=f"{stem}.csv",
                         mime="text/csv", icon=":material/download:", on_click="ignore")
    right.download_button("Download JSON", exports.to_json(events, cols), file_name=f"{stem}.json",
                          mime="application/json", icon=":material/download:", on_click="ignore")


def table(frame: pd.DataFrame, key: str | None = None) -> None:
    st.dataframe(frame, hide_index=True, key=key)
