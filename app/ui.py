"""Thin Streamlit pieces shared by the router and the pages: filters, the raw/curated switch, charts,
downloads, empty states, notices, and the gate in front of every change to the store."""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TypeVar

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from . import auth, chronology_ui, exports, safe, tables
from . import corpus as corpus_mod
from . import filters as flt
from .labels import STATUS_MEANINGS

FILTERS_KEY = "_dashboard_filters"  # the router's Filters, read by the page it runs
CORPUS_KEY = "_dashboard_corpus"  # the corpus the router loaded for this run, read by the page
RAW_KEY = "_dashboard_raw"  # the raw-extraction switch's value for this run
FLASH_KEY = "_dashboard_flash"  # a message that must survive the st.rerun() after a change
YEARS_KEY = "_dashboard_year_span"  # the (first, last) year the year filters were last drawn with
# Relative, so it also works under a hosted base path; served from static/ (server.enableStaticServing).
T = TypeVar("T")
PLOTLY_CONFIG = {"displaylogo": False, "topojsonURL": "app/static/topojson/",
                 "modeBarButtonsToRemove": ["select2d", "lasso2d"]}


@dataclass(frozen=True)
class View:
    corpus: corpus_mod.Corpus
    filters: flt.Filters
    events: pd.DataFrame  # the corpus's events that pass the filters

    def memo(self, name: str, make: Callable[[], T]) -> T:
        """`make()` for this view, built once and shared by every session and rerun that shows the same
        table under the same filters (figures and tables of thousands of events take a second to build).
        `name` must say everything else the result depends on ("series:Druzhba")."""
        if not self.corpus.key:  # a table nobody named (a test's): build it every time
            return make()
        return _memo((self.corpus.key, self.filters), name, make)


@st.cache_resource(show_spinner=False, max_entries=256)
def _memo(view_key: tuple, name: str, _make: Callable):
    return _make()


def raw_switch(where=None) -> bool:
    """The sidebar switch between the curated table (default) and the raw extraction, bound to `raw`."""
    where = where or st.sidebar
    raw = where.toggle("Show raw extraction", value=False, key="raw", bind="query-params",
                       help="The events as the extractor read them: no analyst's correction applied "
                            "and rejected events included. Off: the curated table.")
    st.session_state[RAW_KEY] = raw
    return raw


def link_notices(page_params: dict[str, tuple[str, ...]], page: str) -> None:
    """A notice for every part of the link that no filter reads and no widget of this page takes."""
    params = {key: st.query_params.get_all(key) for key in st.query_params}
    for notice in flt.link_notices(params, page_params, page):
        st.warning(safe.md(notice), icon=":material/warning:")


def choice_notice(key: str, options, what: str) -> None:
    """Before a page's picker bound to `key`: say so when the link asks for a value it does not offer."""
    params = {key: st.query_params.get_all(key)} if key in st.query_params else {}
    if notice := flt.choice_notice(params, key, options, what):
        st.warning(safe.md(notice), icon=":material/warning:")


def sidebar_filters(corpus: corpus_mod.Corpus, side=None) -> flt.Filters:
    """The shared filters, each widget bound to its query parameter so a link reproduces the view.

    Streamlit silently drops a link value its widget cannot take; the raw link
    is checked first so that every refused value gets a visible notice.
    """
    options = flt.Options.from_events(corpus.events, corpus.article_labels)
    raw = {key: st.query_params.get_all(key) for key in flt.PARAMS}
    _, notices = flt.parse_params(raw, options)
    for notice in notices:
        st.warning(safe.md(notice), icon=":material/warning:")  # quotes the link's own values

    _follow_year_span(options)
    side = side or st.sidebar
    side.header("Filters")
    types = side.multiselect("Event type", options.types, key="type", bind="query-params",
                             placeholder="All event types")
    countries = side.multiselect("Country", options.countries, key="country", bind="query-params",
                                 placeholder="All countries")
    year_from = year_to = None
    if options.years:
        left, right = side.columns(2)
        # no default once the value is in the session (_follow_year_span may have set it): a widget given
        # both logs a warning with a stack trace
        year_from = left.selectbox("From year", options.years, index=None if "from" in st.session_state else 0,
                                   key="from", bind="query-params")
        year_to = right.selectbox("To year", options.years, key="to", bind="query-params",
                                  index=None if "to" in st.session_state else len(options.years) - 1)
        if year_from > year_to:
            side.caption(f"“From” is after “To”: showing {year_to}–{year_from}.")
    sources = side.multiselect("Source article", options.sources, key="source", bind="query-params",
                               placeholder="All articles")
    statuses = side.multiselect("Status", options.statuses, key="status", bind="query-params",
                                placeholder="Reported, planned and cancelled",
                                help="What the text says of the event: "
                                     + "; ".join(f"{s}: {STATUS_MEANINGS[s]}" for s in STATUS_MEANINGS) + ".")
    inferred = side.toggle("Include inferred events", value=True, key="inferred", bind="query-params",
                           help="Rows the text implies but does not state, e.g. earlier editions "
                                "of a series said to be held annually.")
    filters = flt.from_values(types, countries, year_from, year_to, sources, inferred, options, statuses)
    st.session_state[FILTERS_KEY] = filters
    side.caption("The page address keeps these filters: copy it to share this view.")
    return filters


def _follow_year_span(options: flt.Options) -> None:
    """Keep "every year" meaning every year when the corpus's span changes (an article was added,
    an edit moved a date, the raw switch): a year filter left at the old first or last year would
    otherwise become a real filter and hide the new events.

    The value is set, not forgotten: a browser keeps a widget's value unless the server sets it.
    """
    span = (options.first_year, options.last_year)
    before = st.session_state.get(YEARS_KEY)
    if before and before != span and options.years:
        for key, old, new in (("from", before[0], span[0]), ("to", before[1], span[1])):
            if st.session_state.get(key) == old:
                st.session_state[key] = new
    st.session_state[YEARS_KEY] = span


def corpus_status(corpus: corpus_mod.Corpus, side=None) -> None:
    """Say what the corpus holds and which files could not be read, instead of failing or hiding them."""
    side = side or st.sidebar
    added = len(corpus.added_articles)
    articles = f"{len(corpus.bundled_articles)} bundled + {added} added" if added else f"{len(corpus.articles)}"
    table = ("raw extraction" if corpus.is_raw or not corpus.store.available
             else "curated" if corpus.raw is not None else "")
    rejected = len(corpus.rejected) if corpus.rejected is not None and not corpus.is_raw else 0
    side.caption(f"Corpus: {articles} article(s), {len(corpus.events)} event(s)"
                 + (f" ({table}" + (f"; {rejected} rejected not shown" if rejected else "") + ")" if table else "")
                 + ".")
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


def store_notice(corpus: corpus_mod.Corpus) -> None:
    """On every page, when the database cannot be reached: what is shown instead, and why."""
    if not corpus.store.available:
        why = corpus.store.message[:1].upper() + corpus.store.message[1:]
        st.warning(f"Read-only: showing the bundled articles only, as extracted. {safe.md(why)}. Added "
                   "articles, corrections and reviews come back with the database.", icon=":material/cloud_off:")


def loaded_corpus() -> corpus_mod.Corpus:
    """The corpus the router loaded for this run (one read of the store per run), or a fresh one."""
    loaded = st.session_state.get(CORPUS_KEY)
    return loaded if loaded is not None else corpus_mod.load_corpus()


def view(raw: bool | None = None) -> View:
    """The corpus and the router's filters (defaults when a page runs on its own).

    `raw` None follows the sidebar switch; False is the curated table whatever the switch says.
    """
    leave_legacy_multipage_mode()
    raw = st.session_state.get(RAW_KEY, False) if raw is None else raw
    corpus = loaded_corpus().shown(raw)
    filters = st.session_state.get(FILTERS_KEY, flt.Filters())
    return View(corpus, filters, flt.apply(corpus.events, filters))


def flash(kind: str, text: str) -> None:
    """Keep a message ("success", "error", "warning", "info") for the next run, after st.rerun()."""
    st.session_state.setdefault(FLASH_KEY, []).append((kind, text))


def show_flash() -> None:
    for kind, text in st.session_state.pop(FLASH_KEY, []):
        icon = {"success": ":material/check_circle:", "error": ":material/error:"}.get(kind)
        getattr(st, kind)(safe.md(text), icon=icon)


def editor(corpus: corpus_mod.Corpus, action: str, doing: str):
    """(engine, editor's name) when this session may `action` ("add articles") now, else (None, None).

    The store must be reachable and the sign-in (app.auth) satisfied; whatever is missing is said
    where the controls would be (`doing`: "Adding articles").
    """
    if not corpus.store.available:  # store_notice, above the page, says why
        st.error(f"{doing} is unavailable while the events store cannot be reached. Reading is not affected.",
                 icon=":material/cloud_off:")
        return None, None
    who = auth.require_editor(action)
    engine = corpus_mod.open_engine()[0] if who else None
    return (engine, who) if engine is not None else (None, None)


def empty_state(what: str, filters: flt.Filters) -> None:
    if filters.active:
        st.info(f"No {what} match the current filters ({safe.md('; '.join(filters.describe()))}). "
                "Widen or clear the filters in the sidebar.", icon=":material/search_off:")
    else:
        st.info(f"The corpus holds no {what}. Add articles (the Add articles page, or files under "
                "data/articles/) to see them here.", icon=":material/inbox:")


def chart(fig: go.Figure, key: str | None = None) -> None:
    # theme=None: the figure is drawn exactly as app/figures.py built (and tested) it.
    st.plotly_chart(fig, theme=None, config=PLOTLY_CONFIG, key=key)


def undated_caption(events: pd.DataFrame, what: str = "event") -> None:
    n = int(events["when"].isna().sum())
    if n:
        st.caption(f"{n} {what}{'s' if n != 1 else ''} without a date cannot be placed on the time axis "
                   "(see the table).")


def downloads(events: pd.DataFrame, corpus: corpus_mod.Corpus, filters: flt.Filters) -> None:
    """The table as CSV, JSON and Parquet and the chronology as Markdown and Word, in one row, each
    file named by the filters that made it (defence-events_Pakistan_2016-2020.csv)."""
    cols = list(corpus.columns)
    raw = "-raw" if corpus.is_raw else ""
    stem, chron = filters.file_stem(f"defence-events{raw}"), filters.file_stem(f"defence-chronology{raw}")
    row = st.container(horizontal=True)  # buttons as wide as their labels
    row.download_button("Download CSV", lambda: exports.to_csv(events, cols), file_name=f"{stem}.csv",
                        mime="text/csv", icon=":material/download:", on_click="ignore")
    row.download_button("Download JSON", lambda: exports.to_json(events, cols), file_name=f"{stem}.json",
                        mime="application/json", icon=":material/download:", on_click="ignore")
    row.download_button("Download Parquet", lambda: exports.to_parquet(events, cols), file_name=f"{stem}.parquet",
                        mime="application/vnd.apache.parquet", icon=":material/download:", on_click="ignore")
    chronology_ui.chronology_downloads(events, corpus.articles, chron, filters=filters, raw=corpus.is_raw, row=row)


TABLE_MAX_HEIGHT = 880  # px: taller tables scroll inside themselves
LAZY_ROWS = 1000
_HEADER, _ROW, _WRAPPED_ROW = 38, 35, 78  # px; a row with evidence has room for three wrapped lines


def table_height(rows: int, wrapped: bool) -> int:
    """Tall enough for every row, up to TABLE_MAX_HEIGHT (then the table scrolls)."""
    return min(_HEADER + max(rows, 1) * (_WRAPPED_ROW if wrapped else _ROW) + 2, TABLE_MAX_HEIGHT)


def column_config(frame: pd.DataFrame) -> dict:
    """How the shared columns read: sources as links titled by the article, evidence wide and wrapped,
    dates explained."""
    config = {}
    if "Source" in frame.columns:
        config["Source"] = st.column_config.LinkColumn(
            display_text=tables.SOURCE_DISPLAY, width="medium",
            help="The first (primary) source: opens the article, or the Sources page when it has no web address")
    if "Evidence" in frame.columns:
        config["Evidence"] = st.column_config.TextColumn(width="large", help="The sentence the event was read from")
    for name in ("Date", "Dates"):
        if name in frame.columns:
            config[name] = st.column_config.TextColumn(
                help="ISO date at the precision the text gives (2017, 2019-10, 2020-11-08); sorts as a date")
    return config


def table(frame: pd.DataFrame, key: str | None = None, empty: str = "") -> None:
    """The table, or, when it has no rows and `empty` says why, that note instead."""
    if frame.empty and empty:
        st.info(empty, icon=":material/search_off:")
        return
    wrapped = "Evidence" in frame.columns
    # thousands of rows are sent as the analyst scrolls, not all at once (the downloads hold them all)
    st.dataframe(frame, hide_index=True, key=key, column_config=column_config(frame),
                 height=table_height(len(frame), wrapped), row_height=_WRAPPED_ROW if wrapped else None,
                 lazy=len(frame) > LAZY_ROWS)
