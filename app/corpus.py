"""The dashboard's corpus: find the article files, extract them once, cache the result.

The only module that calls the extractor. The cache is keyed on every file's
path, modification time and size (articles, their sidecar metadata and the
lexicon in data/*.toml), so editing or adding a file re-extracts on the next
rerun and every other rerun is a cache hit.
"""
from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

import pandas as pd
import streamlit as st

import preprocessing
from preprocessing.lexicon import build_lexicon

from . import places
from .dates import add_time_columns

ROOT = Path(__file__).resolve().parent.parent
ENV_VAR = "DEFENCE_DASHBOARD_CORPUS"  # os.pathsep-separated folders or files; replaces the defaults
DEFAULT_SOURCES = (ROOT / "seeds", ROOT / "data" / "articles")
ARTICLE_SUFFIXES = (".txt", ".md")
LEXICON_DIR = ROOT / "data"


@dataclass(frozen=True)
class Corpus:
    events: pd.DataFrame  # the contract's columns, plus when/when_end/when_label/year
    articles: tuple  # preprocessing.model.Article, in file order
    spans: pd.DataFrame  # event_id, doc_id, start, end
    columns: tuple[str, ...]  # the events table's own columns (what downloads write)
    problems: tuple[str, ...] = ()  # files that could not be read
    notes: tuple[str, ...] = ()

    def article(self, doc_id: str):
        return next((a for a in self.articles if a.doc_id == doc_id), None)

    @property
    def article_labels(self) -> list[str]:
        return [a.label for a in self.articles]

    def article_names(self) -> dict[str, str]:
        """Unique display name → doc_id: the title, or "title (file)" when two articles share one.

        The Sources page's article picker is bound to the URL by these names.
        """
        counts: dict[str, int] = {}
        for a in self.articles:
            counts[a.label] = counts.get(a.label, 0) + 1
        return {(a.label if counts[a.label] == 1 else f"{a.label} ({a.doc_id})"): a.doc_id
                for a in self.articles}


def corpus_sources(environ: Mapping[str, str] = os.environ) -> list[Path]:
    raw = environ.get(ENV_VAR, "")
    if raw.strip():
        return [Path(p).expanduser() for p in raw.split(os.pathsep) if p.strip()]
    return list(DEFAULT_SOURCES)


def corpus_files(sources: list[Path]) -> list[Path]:
    """Article files under the given folders (recursively) or given directly, sorted, no duplicates."""
    found: dict[Path, None] = {}
    for src in sources:
        if src.is_dir():
            for p in sorted(src.rglob("*")):
                if p.is_file() and p.suffix.lower() in ARTICLE_SUFFIXES and not p.name.startswith("."):
                    found[p.resolve()] = None
        elif src.is_file():
            found[src.resolve()] = None
    return list(found)


def _stamp(path: Path) -> tuple[str, int, int]:
    try:
        st_ = path.stat()
        return str(path), st_.st_mtime_ns, st_.st_size
    except OSError:
        return str(path), -1, -1


def fingerprint(files: list[Path]) -> tuple:
    """What the cache is keyed on: every input's path, mtime and size."""
    sidecars = [f.with_name(f.stem + ".meta.toml") for f in files]
    lexicon = sorted(LEXICON_DIR.glob("*.toml"))
    return (tuple(_stamp(f) for f in files),
            tuple(_stamp(s) for s in sidecars if s.is_file()),
            tuple(_stamp(t) for t in lexicon))


@st.cache_data(show_spinner="Reading the articles…", max_entries=4)
def _extract(key: tuple) -> Corpus:
    files = [path for path, _, _ in key[0]]
    # A fresh lexicon, so that an edited data/*.toml (part of the key) takes effect.
    result = preprocessing.extract_files(files, lex=build_lexicon(LEXICON_DIR))
    return Corpus(events=add_time_columns(result.events), articles=tuple(result.articles),
                  spans=result.spans if result.spans is not None else
                  pd.DataFrame({"event_id": [], "doc_id": [], "start": [], "end": []}),
                  columns=tuple(result.events.columns), problems=tuple(result.problems),
                  notes=tuple(result.notes))


def load_corpus() -> Corpus:
    """The corpus as it is on disk now; extracted only when a file changed since the last call."""
    return _extract(fingerprint(corpus_files(corpus_sources())))


@st.cache_resource(show_spinner=False, max_entries=2)
def _gazetteer(key: tuple) -> places.Gazetteer:
    return places.load_gazetteer(LEXICON_DIR)


def load_gazetteer() -> places.Gazetteer:
    return _gazetteer(tuple(_stamp(LEXICON_DIR / n) for n in ("places.toml", "countries.toml")))
