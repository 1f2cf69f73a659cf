"""The corpus the dashboard shows, without Streamlit: the bundled article files and the stored
articles, extracted together (kept results reused, the rest in worker processes) and curated.

The dashboard (app/corpus.py) and the command (`python -m store export`) both build it here, so the
table a cron job exports is the table the pages show.
"""
from __future__ import annotations

import os
from functools import lru_cache
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path

import pandas as pd
from sqlalchemy import Engine

from preprocessing.articles import ArticleError, read_article
from preprocessing.batch import Progress, default_jobs, events_by_article, quiet_gc
from preprocessing.cache import (FileCache, MemoryCache, corpus_key, dump_table, extractor_version, keys_of,
                                 load_table)
from preprocessing.lexicon import Lexicon, build_lexicon, data_version
from preprocessing.merge import merge_events
from preprocessing.model import Article
from preprocessing.pipeline import Extraction, merged

from .articles import list_articles
from .curate import EXTRA_COLUMNS, curate
from .edits import history, load_state
from .extractions import StoreCache

ROOT = Path(__file__).resolve().parent.parent
ENV_VAR = "DEFENCE_DASHBOARD_CORPUS"  # os.pathsep-separated folders or files; replaces the defaults
DEFAULT_SOURCES = (ROOT / "seeds", ROOT / "data" / "articles")
ARTICLE_SUFFIXES = (".txt", ".md")
LEXICON_DIR = ROOT / "data"
CACHE_VAR = "DEFENCE_DASHBOARD_CACHE"  # the bundled articles' result file; "off" keeps none
DEFAULT_CACHE = ROOT / "data" / "cache" / "extractions.sqlite"
JOBS_VAR = "EXTRACT_JOBS"  # worker processes for a first extraction (default: the CPUs)


def bundled_sources(environ: Mapping[str, str] = os.environ) -> list[Path]:
    raw = environ.get(ENV_VAR, "")
    if raw.strip():
        return [Path(p).expanduser() for p in raw.split(os.pathsep) if p.strip()]
    return list(DEFAULT_SOURCES)


def bundled_files(sources: Sequence[Path]) -> list[Path]:
    """Article files under the given folders (recursively) or given directly, sorted, no duplicates."""
    found: dict[Path, None] = {}
    for src in sources:
        if src.is_dir():
            root = src.resolve()  # once: resolving each of thousands of files costs more than the listing
            for p in sorted(src.rglob("*")):
                if p.is_file() and p.suffix.lower() in ARTICLE_SUFFIXES and not p.name.startswith("."):
                    found[p.resolve() if p.is_symlink() else root / p.relative_to(src)] = None
        elif src.is_file():
            found[src.resolve()] = None
    return list(found)


def read_bundled(files: Sequence[Path | str]) -> tuple[list[Article], list[str], list[str]]:
    """(articles, problems, notes): unreadable files are reported, never raised."""
    articles, problems, notes = [], [], []
    for path in files:
        try:
            result = read_article(path)
        except ArticleError as exc:
            problems.append(f"{path}: {exc}")
            continue
        articles.append(result.article)
        notes += [f"{path}: {n}" for n in result.notes]
    return articles, problems, notes


def bundled_articles(environ: Mapping[str, str] = os.environ) -> list[Article]:
    return read_bundled(bundled_files(bundled_sources(environ)))[0]


def file_cache(environ: Mapping[str, str] = os.environ) -> FileCache | None:
    raw = str(environ.get(CACHE_VAR) or "").strip()
    if raw.lower() == "off":
        return None
    return FileCache(Path(raw).expanduser() if raw else DEFAULT_CACHE)


def jobs(environ: Mapping[str, str] = os.environ) -> int:
    raw = str(environ.get(JOBS_VAR) or "").strip()
    return int(raw) if raw.isdigit() and int(raw) > 0 else default_jobs()


@lru_cache(maxsize=2)
def _lexicon(data_version: str) -> Lexicon:
    return build_lexicon(LEXICON_DIR)


def _per_article(bundled: Sequence[Article], stored: Sequence[Article], lex: Lexicon, keys: list[str], *,
                 files: FileCache | None, engine: Engine | None, memory: MemoryCache | None, jobs: int = 1,
                 progress: Progress | None = None) -> list:
    """Each article's events, the bundled ones' kept in `files`, the stored ones' in the store."""
    n = len(bundled)
    per = events_by_article(list(bundled), lex, cache=files, memory=memory, jobs=jobs, progress=progress,
                            keys=keys[:n])
    return per + events_by_article(list(stored), lex, cache=StoreCache(engine) if engine is not None else None,
                                   memory=memory, jobs=jobs, progress=progress, keys=keys[n:])


def extract(bundled: Sequence[Article], stored: Sequence[Article], *, engine: Engine | None = None,
            memory: MemoryCache | None = None, environ: Mapping[str, str] = os.environ,
            progress: Progress | None = None,
            later: Callable[[Callable[[], None]], None] | None = None) -> Extraction:
    """One extraction over both (the bundled first: an event they share is one row, with the bundled
    article's values and id). Bundled results are kept in a file, stored ones in the store, and the
    merged table of the last corpus in the file: a restart with nothing changed reads only that.
    `later` runs the writing of that table (the dashboard's: once the page is out); default: now."""
    data = data_version(LEXICON_DIR)
    articles = list(bundled) + list(stored)
    files = file_cache(environ)
    keys = keys_of(articles, extractor_version(data))
    key = corpus_key(keys)
    if files is not None and (kept := files.get_table(key)) is not None:
        try:
            records, spans = load_table(kept)
            return Extraction(records, articles, span_records=spans, kept=True)
        except ValueError:
            pass
    with quiet_gc():
        per = _per_article(bundled, stored, _lexicon(data), keys, files=files, engine=engine, memory=memory,
                           jobs=jobs(environ), progress=progress)
        result = merged(per, articles)
    if files is not None:
        (later or (lambda job: job()))(lambda: files.put_table(key, dump_table(result.records, result.span_records)))
    return result


def warm(bundled: Sequence[Article], stored: Sequence[Article], memory: MemoryCache, *,
         engine: Engine | None = None, environ: Mapping[str, str] = os.environ) -> None:
    """Decode every article's kept result into `memory` (after a start that read only the merged
    table), so that the first article added merges at once. Extracts what was not kept."""
    data = data_version(LEXICON_DIR)
    keys = keys_of(list(bundled) + list(stored), extractor_version(data))
    merge_events(_per_article(bundled, stored, _lexicon(data), keys, files=file_cache(environ), engine=engine,
                              memory=memory))  # and the merge's rows remembered (preprocessing.merge._combined)


def curated_events(engine: Engine, environ: Mapping[str, str] = os.environ) -> pd.DataFrame:
    """The table the dashboard shows: edits and review states applied, rejected events left out."""
    bundled = bundled_articles(environ)
    # edits and states before the articles, as the dashboard reads them (see app/corpus.py)
    states = load_state(engine)
    edits = history(engine)
    stored = list_articles(engine)
    events = extract(bundled, stored, engine=engine, environ=environ).events
    table = curate(events, edits, states).table
    return table[list(events.columns) + EXTRA_COLUMNS]
