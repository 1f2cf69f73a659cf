"""What the extractor read from each article, kept between runs so that only new or changed articles
are read again (issue 10).

A result is keyed by the article's text and the metadata the extractor reads (doc_id, title, source,
URL, publication date) and by the extractor's version: a digest of this package's code and of the
lexicon's data files. A change to any of them is a miss; nothing else is. Results are JSON (plain
values, never pickles: a store is shared, and a cache file may be copied between machines).

Two places keep them: `FileCache` (an SQLite file, for the bundled articles) and the store's
`extractions` table (store.extractions.StoreCache, beside the stored articles). Both answer
`get_many(keys)` and `put_many(results, version)`; a cache that cannot be read or written is
skipped, never an error: the worst case is extracting again.
"""
from __future__ import annotations

import hashlib
import json
import sqlite3
import threading
from collections import OrderedDict
from collections.abc import Iterable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import fields
from functools import lru_cache
from pathlib import Path
from typing import Protocol

from .model import Article, Sentence
from .resolve import Event

PAYLOAD_FORMAT = 3  # bump when the JSON below changes shape
PACKAGE_DIR = Path(__file__).resolve().parent
_EVENT_FIELDS = tuple(f.name for f in fields(Event) if f.name != "sentences")


@lru_cache(maxsize=1)
def code_version() -> str:
    """A digest of the extractor's own code (every .py file of this package)."""
    h = hashlib.sha256(f"payload {PAYLOAD_FORMAT}\n".encode())
    for path in sorted(PACKAGE_DIR.rglob("*.py")):
        h.update(path.relative_to(PACKAGE_DIR).as_posix().encode() + b"\0" + path.read_bytes() + b"\0")
    return h.hexdigest()


def extractor_version(lexicon_version: str) -> str:
    """The version results are kept under: the code's and the lexicon's ("" for a lexicon built
    by hand, whose results are never kept)."""
    if not lexicon_version:
        return ""
    return hashlib.sha256(f"{code_version()}:{lexicon_version}".encode()).hexdigest()


def article_key(article: Article, version: str) -> str:
    """What names one article's result: everything of the article the extractor reads, and the version."""
    basis = [version, article.doc_id, article.title, article.source, article.url,
             article.published.isoformat() if article.published else "", article.text, article.language]
    return hashlib.sha256(json.dumps(basis, ensure_ascii=False).encode("utf-8", "surrogatepass")).hexdigest()


def dump_events(events: list[Event]) -> str:
    """JSON of one article's events: each a list of its values in the order `fields` names them
    (half the size of objects, and quicker to read); each sentence written once and pointed at."""
    sentences: dict[Sentence, int] = {}
    rows = []
    for ev in events:
        rows.append([getattr(ev, name) for name in _EVENT_FIELDS]
                    + [[sentences.setdefault(s, len(sentences)) for s in ev.sentences]])
    table = [[s.doc_id, s.index, s.text, s.start, s.end] for s in sentences]
    return json.dumps({"fields": [*_EVENT_FIELDS, "sentences"], "sentences": table, "events": rows},
                      ensure_ascii=False, separators=(",", ":"))


def load_events(payload: str) -> list[Event]:
    """The events `dump_events` wrote; ValueError for anything else (a damaged or foreign row)."""
    try:
        doc = json.loads(payload)
        names = doc["fields"]
        sentences = [Sentence(*s) for s in doc["sentences"]]
        events = []
        for row in doc["events"]:
            rec = dict(zip(names, row, strict=True))
            rec["sentences"] = [sentences[i] for i in rec["sentences"]]
            events.append(Event(**rec))
        return events
    except (TypeError, KeyError, IndexError, ValueError, AttributeError) as exc:
        raise ValueError(f"not a kept extraction result ({type(exc).__name__})") from None


class ResultCache(Protocol):
    def get_many(self, keys: list[str]) -> dict[str, str]: ...

    def put_many(self, results: Mapping[str, str], version: str) -> None: ...


class MemoryCache:
    """Results already decoded, in this process: a page that adds one article merges again without
    reading or decoding the others. Bounded (least recently used out)."""

    def __init__(self, max_articles: int = 50_000):
        self._items: OrderedDict[str, list[Event]] = OrderedDict()
        self._max = max_articles
        self._lock = threading.Lock()

    def get(self, key: str) -> list[Event] | None:
        with self._lock:
            found = self._items.get(key)
            if found is not None:
                self._items.move_to_end(key)
            return found

    def put(self, key: str, events: list[Event]) -> None:
        with self._lock:
            self._items[key] = events
            self._items.move_to_end(key)
            while len(self._items) > self._max:
                self._items.popitem(last=False)

    def clear(self) -> None:
        with self._lock:
            self._items.clear()


def corpus_key(keys: Iterable[str]) -> str:
    """Names a whole corpus's table: its articles' keys (each holding the version), in order."""
    return hashlib.sha256("\n".join(keys).encode()).hexdigest()


def dump_table(records: list[dict], spans: list[dict]) -> str:
    """JSON of a merged table (records by position, as dump_events writes events)."""
    columns = list(records[0]) if records else []
    return json.dumps({"columns": columns, "records": [[r[c] for c in columns] for r in records],
                       "spans": [[s["event_id"], s["doc_id"], s["start"], s["end"]] for s in spans]},
                      ensure_ascii=False, separators=(",", ":"))


def load_table(payload: str) -> tuple[list[dict], list[dict]]:
    try:
        doc = json.loads(payload)
        records = [dict(zip(doc["columns"], row, strict=True)) for row in doc["records"]]
        spans = [{"event_id": e, "doc_id": d, "start": a, "end": b} for e, d, a, b in doc["spans"]]
        return records, spans
    except (TypeError, KeyError, ValueError) as exc:
        raise ValueError(f"not a kept table ({type(exc).__name__})") from None


class FileCache:
    """Results in one SQLite file. Writing it is best effort: a read-only disk only costs speed.

    Besides each article's result it keeps one merged table, the last corpus's (`get_table`,
    `put_table`): a restart with nothing changed reads it instead of merging again."""

    def __init__(self, path: Path | str):
        self.path = Path(path)

    @contextmanager
    def _open(self) -> Iterator[sqlite3.Connection]:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        conn = sqlite3.connect(self.path, timeout=5)
        try:
            conn.execute("CREATE TABLE IF NOT EXISTS results (key TEXT PRIMARY KEY, version TEXT NOT NULL, "
                         "payload TEXT NOT NULL)")
            conn.execute("CREATE TABLE IF NOT EXISTS tables (key TEXT PRIMARY KEY, payload TEXT NOT NULL)")
            yield conn
        finally:
            conn.close()

    def get_table(self, key: str) -> str | None:
        if not self.path.is_file():
            return None
        try:
            with self._open() as conn:
                row = conn.execute("SELECT payload FROM tables WHERE key = ?", (key,)).fetchone()
        except sqlite3.Error:
            return None
        return row[0] if row else None

    def put_table(self, key: str, payload: str) -> None:
        try:
            with self._open() as conn, conn:
                conn.execute("DELETE FROM tables")  # one corpus's table: the last one asked for
                conn.execute("INSERT INTO tables (key, payload) VALUES (?, ?)", (key, payload))
        except (sqlite3.Error, OSError):
            pass

    def get_many(self, keys: list[str]) -> dict[str, str]:
        if not keys or not self.path.is_file():
            return {}
        found: dict[str, str] = {}
        try:
            with self._open() as conn:
                for i in range(0, len(keys), 500):  # SQLite's bound on parameters
                    chunk = keys[i:i + 500]
                    marks = ",".join("?" * len(chunk))
                    found.update(conn.execute(f"SELECT key, payload FROM results WHERE key IN ({marks})", chunk))
        except sqlite3.Error:
            pass
        return found

    def put_many(self, results: Mapping[str, str], version: str) -> None:
        if not results:
            return
        try:
            with self._open() as conn, conn:
                # results of another version can never be read again
                conn.execute("DELETE FROM results WHERE version <> ?", (version,))
                conn.executemany("INSERT OR REPLACE INTO results (key, version, payload) VALUES (?, ?, ?)",
                                 [(k, version, p) for k, p in results.items()])
        except (sqlite3.Error, OSError):
            pass


def decode_found(found: Mapping[str, str]) -> dict[str, list[Event]]:
    """Decoded results; a row that does not decode is left out (extracted again)."""
    out = {}
    for key, payload in found.items():
        try:
            out[key] = load_events(payload)
        except ValueError:
            continue
    return out


def keys_of(articles: Iterable[Article], version: str) -> list[str]:
    return [article_key(a, version) for a in articles]
