"""The dashboard's corpus: the bundled articles and the ones analysts added, extracted together,
with the analysts' corrections applied.

The one module that gets the corpus for the pages (store.corpus extracts it) and opens the events store.

- Bundled articles are the files under seeds/ and data/articles/ (or DEFENCE_DASHBOARD_CORPUS);
  articles added through the app are in the events store (store/) and come after them.
- The extraction is cached, keyed on every bundled file's path, modification time and size
  (articles, sidecar metadata, the lexicon in data/*.toml) and on the stored articles' ids and
  metadata: adding or restoring articles merges again, every other rerun is a cache hit. What the
  extractor read from each article is kept (in this process, in a file for the bundled articles, in
  the store for the stored ones), so only new or changed articles are read again, even after a restart.
- Edits and review states are read on every run (they are small) and applied by `store.curate`,
  so a colleague's save shows on the next rerun, with no cache to clear.
- When the store cannot be reached the corpus is the bundled articles as extracted, read-only,
  and `Corpus.store` says why.
"""
from __future__ import annotations

import dataclasses
import hashlib
import os
import threading
import time
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd
import streamlit as st
from sqlalchemy import Engine
from sqlalchemy.exc import SQLAlchemyError

import store
import store.corpus
from preprocessing.language import NAMES, language_of
from preprocessing.cache import MemoryCache
from store.curate import EXTRA_COLUMNS, ORPHAN_COLUMNS
from store.db import normalise_url, unavailable
from store.edits import HISTORY_COLUMNS

from . import places, safe
from .dates import add_time_columns

ROOT = Path(__file__).resolve().parent.parent
ENV_VAR = store.corpus.ENV_VAR  # os.pathsep-separated folders or files; replaces the defaults
LEXICON_DIR = store.corpus.LEXICON_DIR
RETRY_SECONDS = 30  # an unreachable, locked or hung database is tried again after this, not on every rerun
SPAN_COLUMNS = ["event_id", "doc_id", "start", "end"]


@dataclass(frozen=True)
class StoreStatus:
    available: bool = True
    message: str = ""  # why the store cannot be used: one line, never a password


@dataclass(frozen=True)
class Corpus:
    events: pd.DataFrame  # what the pages show (curated unless the raw switch is on), plus time columns
    articles: tuple  # preprocessing.model.Article: the bundled files in file order, then the stored ones
    spans: pd.DataFrame  # event_id, doc_id, start, end
    columns: tuple[str, ...]  # the events table's own columns (what downloads write)
    problems: tuple[str, ...] = ()  # files that could not be read
    notes: tuple[str, ...] = ()
    raw: pd.DataFrame | None = None  # the extraction before any edit (None: `events` is that already)
    rejected: pd.DataFrame | None = None  # rejected events, curated, with time columns: kept, not shown
    orphans: pd.DataFrame | None = None  # edits whose event is no longer extracted (store.curate)
    versions: Mapping[str, int] = field(default_factory=dict)  # event_id → version `events` was built from
    edit_count: int = 0
    bundled: int | None = None  # how many of `articles` are bundled files (None: all of them)
    store: StoreStatus = StoreStatus()
    is_raw: bool = False  # `events` is the raw extraction (the sidebar switch)
    key: str = ""  # names this exact table (files, stored articles, edits, reviews, raw or not); "" unknown

    def article(self, doc_id: str):
        return next((a for a in self.articles if a.doc_id == doc_id), None)

    @staticmethod
    def language_name(article) -> str:
        """"Russian": the article's language as kept when it was read or added (detected if not kept)."""
        code = language_of(article)
        return NAMES.get(code, code)

    @property
    def article_labels(self) -> list[str]:
        return [a.label for a in self.articles]

    @property
    def bundled_articles(self) -> tuple:
        return self.articles if self.bundled is None else self.articles[:self.bundled]

    @property
    def added_articles(self) -> tuple:
        return () if self.bundled is None else self.articles[self.bundled:]

    @property
    def rejected_events(self) -> pd.DataFrame:
        return self.rejected if self.rejected is not None else self.events.iloc[0:0]

    @property
    def orphan_edits(self) -> pd.DataFrame:
        return self.orphans if self.orphans is not None else pd.DataFrame(columns=ORPHAN_COLUMNS)

    def shown(self, raw: bool) -> Corpus:
        """This corpus with the raw extraction as its events table, when asked for and there is one."""
        if not raw or self.raw is None or self.is_raw:
            return self
        return dataclasses.replace(self, events=self.raw, is_raw=True, key=self.key and f"{self.key}:raw",
                                   columns=tuple(c for c in self.columns if c not in EXTRA_COLUMNS))

    def version(self, event_id: str) -> int:
        """The event's version in the store when this corpus was read (0: never saved)."""
        return int(self.versions.get(event_id, 0))

    def source_links(self) -> dict[str, str]:
        """A source's title → its web address (http or https only), for tables' source links."""
        out: dict[str, str] = {}
        for a in self.articles:
            if (url := safe.url(a.url)) and a.label not in out:
                out[a.label] = url
        return out

    def article_names(self) -> dict[str, str]:
        """Unique display name → doc_id: the title, or "title (file)" when two articles share one.

        The Sources page's article picker is bound to the URL by these names.
        """
        counts: dict[str, int] = {}
        for a in self.articles:
            counts[a.label] = counts.get(a.label, 0) + 1
        return {(a.label if counts[a.label] == 1 else f"{a.label} ({a.doc_id})"): a.doc_id
                for a in self.articles}


corpus_sources = store.corpus.bundled_sources
corpus_files = store.corpus.bundled_files


def _stamp(path: Path) -> tuple[str, int, int]:
    try:
        st_ = path.stat()
        return str(path), st_.st_mtime_ns, st_.st_size
    except OSError:
        return str(path), -1, -1


def fingerprint(files: list[Path]) -> tuple:
    """What the cache is keyed on for the bundled files: every input's path, mtime and size."""
    sidecars = [f.with_name(f.stem + ".meta.toml") for f in files]
    lexicon = sorted(LEXICON_DIR.glob("*.toml"))
    return (tuple(_stamp(f) for f in files),
            tuple(_stamp(s) for s in sidecars if s.is_file()),
            tuple(_stamp(t) for t in lexicon))


def stored_key(stored) -> tuple:
    """What the cache is keyed on for the stored articles: their ids (a slug and the text's hash)
    and metadata (a restore may bring the same text back under another title or date)."""
    return tuple((a.doc_id, a.title, a.source, a.url, str(a.published)) for a in stored)


@dataclass(frozen=True)
class Extracted:
    events: pd.DataFrame  # the contract's columns, as extracted (what store.curate takes)
    timed: pd.DataFrame  # the same with the time columns (the raw view)
    articles: tuple
    spans: pd.DataFrame
    problems: tuple[str, ...]
    notes: tuple[str, ...]
    bundled: int  # the first `bundled` articles are files


# Each article's events, decoded, shared by every session of this server: adding one article merges
# again without reading or decoding the others (preprocessing.cache).
_MEMORY = MemoryCache()
WARM_AFTER = 3.0  # seconds after the server's first page is out: after the browser has drawn it (2 CPUs)
KEEP_AFTER = 5.0  # seconds after a merge: writing 2,000 articles' table takes a moment, off the analyst's way


@st.cache_resource(show_spinner=False, max_entries=2)
def _bundled(files_digest: str, _files: tuple) -> tuple[tuple, tuple[str, ...], tuple[str, ...]]:
    """The bundled files read (articles, problems, notes), once per state of the files."""
    articles, problems, notes = store.corpus.read_bundled([path for path, _, _ in _files[0]])
    return tuple(articles), tuple(problems), tuple(notes)


_deferred: dict[str, tuple] = {}  # name → (job, delay): put off until the page that asked is out
_pending: dict[str, threading.Timer] = {}
_lock = threading.Lock()


def _after_page(name: str, job, delay: float) -> None:
    """Run `job` off the page's thread, `delay` seconds after the current page is out
    (start_deferred); a job of the same name asked for again before it ran replaces it (three articles
    added in a row keep the table once)."""
    with _lock:
        _deferred[name] = (job, delay)


def start_deferred() -> None:
    """Start the jobs put off by this run (the router calls this once the page has run)."""
    with _lock:
        jobs = list(_deferred.items())
        _deferred.clear()
        for name, (job, delay) in jobs:
            if (old := _pending.get(name)) is not None:
                old.cancel()
            timer = _pending[name] = threading.Timer(delay, job)
            timer.daemon = True
            timer.start()


# A resource, not data: the table is shared, not unpickled afresh on every rerun (pandas copy-on-write
# keeps any page's change to itself).
@st.cache_resource(show_spinner="Reading the articles…", max_entries=4)
def _extract(files_digest: str, stored: tuple, _files: tuple, _stored_articles: tuple,
             _engine: Engine | None = None) -> Extracted:
    # `files_digest` stands for `_files` (fingerprint) and `stored` (stored_key) for `_stored_articles`:
    # the cache hashes the short keys, not thousands of entries on every rerun.
    bundled, problems, notes = _bundled(files_digest, _files)
    # Kept results are keyed by the data files' version: an edited data/*.toml (part of the key) takes effect.
    result = store.corpus.extract(bundled, _stored_articles, engine=_engine, memory=_MEMORY,
                                  later=lambda job: _after_page("keep the table", job, KEEP_AFTER))
    if result.kept:
        # A start that read the kept table has no article's events in memory yet: decode them (and merge
        # once) while the browser draws the first page, so that adding an article then merges at once.
        _after_page("warm", lambda environ=dict(os.environ): store.corpus.warm(
            bundled, _stored_articles, _MEMORY, engine=_engine, environ=environ), WARM_AFTER)
    return Extracted(result.events, add_time_columns(result.events), tuple(result.articles), result.spans,
                     problems, notes, len(bundled))


def _secrets() -> Mapping | None:
    """The app's secrets; {} when there are none; None when a secrets file exists but cannot be read."""
    try:
        return st.secrets.to_dict()
    except FileNotFoundError:  # no secrets file, or an unreadable one
        paths = st.get_option("secrets.files") or []
        return None if any(os.path.exists(p) for p in paths) else {}


def store_url() -> str:
    """DATABASE_URL (the environment, else a top-level secret), then [connections.events] url,
    then data/store.sqlite: store.resolve_url's order."""
    secrets = _secrets()
    if secrets is None:
        # Never fall back to the local file here: on a host its writes are lost at the next restart.
        raise store.StoreUnavailable("the secrets file cannot be read, so the events store's address is unknown")
    return store.resolve_url(secrets, os.environ)


def store_timeout() -> float:
    """Seconds a database call may take: STORE_TIMEOUT_SECONDS, then [connections.events]
    timeout_seconds in the secrets, then 5 (store.db.resolve_timeout)."""
    return store.db.resolve_timeout(_secrets() or {})


@st.cache_resource(show_spinner="Opening the events store…", max_entries=4)
def _engine(url: str, timeout: float) -> Engine:
    return store.open_store(url, timeout)  # a failure raises, and st.cache_resource does not cache exceptions


_failures: dict[str, tuple[float, str]] = {}  # url → (when, why): see RETRY_SECONDS


def _failed(reason: str) -> None:
    """Remember that the store failed just now (down, locked, hung): the next runs, in every session,
    show the bundled articles at once instead of each waiting for the timeout again."""
    try:
        _failures[store_url()] = (time.monotonic(), reason)
    except store.StoreError:
        pass


def _reason(exc: Exception, url) -> str:
    if isinstance(exc, store.StoreError):
        return str(exc)
    try:  # a driver error other than a lost connection (e.g. no right to create the tables)
        return str(unavailable(exc, normalise_url(url)))
    except store.StoreError as bad_url:
        return str(bad_url)


def open_engine() -> tuple[Engine | None, StoreStatus]:
    """The store's engine (opened once per URL and shared by every session), or None and why."""
    try:
        url = store_url()
        timeout = store_timeout()
    except store.StoreError as exc:
        return None, StoreStatus(False, str(exc))
    failed = _failures.get(url)
    if failed and time.monotonic() - failed[0] < RETRY_SECONDS:
        return None, StoreStatus(False, failed[1])
    try:
        engine = _engine(url, timeout)
    except (store.StoreError, SQLAlchemyError) as exc:
        _failures[url] = (time.monotonic(), _reason(exc, url))
        return None, StoreStatus(False, _failures[url][1])
    _failures.pop(url, None)
    return engine, StoreStatus()


def _read_store(engine: Engine | None, status: StoreStatus):
    """(stored articles, edits, states, status): one read of the store, or nothing and why."""
    empty = pd.DataFrame({c: pd.Series(dtype="object") for c in HISTORY_COLUMNS})
    if engine is None:
        return (), empty, {}, status
    try:
        # States before edits: a save landing in between then shows as a newer edit under an older
        # version, which the Review page's save refuses as a conflict. The other order would let an
        # analyst overwrite a change they never saw.
        states = store.load_state(engine)
        edits = store.history(engine)
        stored = tuple(store.list_articles(engine))
    except (store.StoreError, SQLAlchemyError) as exc:  # down, or locked past the timeout
        status = StoreStatus(False, _reason(exc, engine.url))
        _failed(status.message)
        return (), empty, {}, status
    return stored, edits, states, status


def load_corpus() -> Corpus:
    """The corpus as it is now: bundled files and stored articles (extracted again only when
    either changed), curated with the analysts' edits and review states (curated again only when
    those changed)."""
    engine, status = open_engine()
    stored, edits, states, status = _read_store(engine, status)
    digest, files = _files_key(tuple(map(str, corpus_sources())))
    stored_at = stored_key(stored)
    ext = _extract(digest, stored_at, files, stored, engine)
    curated = _curate((digest, stored_at), edits_key(edits, states), ext, edits, states)
    return dataclasses.replace(curated, store=status)


FILES_TTL = 2  # seconds: how soon a changed or added file in the corpus folders is noticed


def edits_key(edits: pd.DataFrame, states: Mapping) -> tuple:
    """What the curated table depends on in the store: every edit and every review state's version."""
    return (tuple(map(tuple, edits[["event_id", "field", "author", "at"]].astype("str").values.tolist())),
            tuple(sorted((k, s.status, s.version) for k, s in states.items())))


@st.cache_data(ttl=FILES_TTL, show_spinner=False, max_entries=4)
def _files_key(sources: tuple[str, ...]) -> tuple[str, tuple]:
    """(a digest of, and) the bundled files' fingerprint, looked at once every FILES_TTL seconds at most:
    stating thousands of files on every rerun of every page costs more than the page."""
    files = fingerprint(corpus_files([Path(s) for s in sources]))
    return hashlib.sha256(repr(files).encode()).hexdigest(), files


@st.cache_resource(show_spinner=False, max_entries=4)
def _curate(ext_key: tuple, state_key: tuple, _ext: Extracted, _edits: pd.DataFrame, _states) -> Corpus:
    """The curated corpus, built once per extraction and state of the store (shared, never mutated:
    pandas copy-on-write keeps every page's changes to itself)."""
    curated = store.curate(_ext.events, _edits, _states)
    # add_time_columns after curating: an edited date moves the event on every chart
    return Corpus(events=add_time_columns(curated.table), articles=_ext.articles, spans=_ext.spans,
                  columns=tuple(_ext.events.columns) + tuple(EXTRA_COLUMNS), problems=_ext.problems,
                  notes=_ext.notes, raw=_ext.timed, rejected=add_time_columns(curated.rejected),
                  orphans=curated.orphans if len(curated.orphans) else pd.DataFrame(columns=ORPHAN_COLUMNS),
                  versions={k: s.version for k, s in _states.items()}, edit_count=len(_edits),
                  bundled=_ext.bundled, key=hashlib.sha256(repr((ext_key, state_key)).encode()).hexdigest()[:16])


@st.cache_resource(show_spinner=False, max_entries=2)
def _gazetteer(key: tuple) -> places.Gazetteer:
    return places.load_gazetteer(LEXICON_DIR)


def load_gazetteer() -> places.Gazetteer:
    return _gazetteer(tuple(_stamp(LEXICON_DIR / n) for n in ("places.toml", "countries.toml")))
