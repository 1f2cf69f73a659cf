"""The whole store in one file, and back.

The file is one UTF-8 JSON document (optionally gzip-compressed):

    {"format": "defence-ties-store", "schema_version": 2, "exported_at": "...",
     "articles": [...], "edits": [...], "event_state": [...], "feeds": [...]}

`feeds` (the saved news feeds) came with schema version 2. A backup's feeds replace the store's; a
backup without any (an older one, or none were saved) restores and leaves the saved feeds as they are:
a list of feeds is never lost to a backup that says nothing of it.

Restoring validates the whole document (format tag, version, keys, types, duplicates, each
article's hash against its text, the bounds below) and refuses with a one-line BackupError leaving
the store untouched: the replacement is one transaction, rolled back at the first problem. The file
is read as a stream, never held decompressed. Nothing is unpickled or evaluated: JSON only.
"""
from __future__ import annotations

import codecs
import gzip
import hashlib
import itertools
import json
import re
import zlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime

from sqlalchemy import Engine, delete, func, insert, select, text
from sqlalchemy.exc import DataError, IntegrityError

from preprocessing.dedupe import text_fingerprint

from .articles import MAX_META_CHARS, MAX_TEXT_CHARS, MAX_URL_CHARS, text_sha256, url_key
from .db import SCHEMA_VERSION, read, utcnow, write
from .edits import LEGACY_REVIEW_FIELD, REVIEW_FIELD, EditError, normalise_value
from .errors import BackupError
from .feeds import MAX_NAME_CHARS, MAX_RESULT_CHARS
from .tables import EDIT_KINDS, STATUSES
from .tables import articles as t_articles
from .tables import edits as t_edits
from .tables import event_state as t_state
from .tables import feeds as t_feeds

FORMAT = "defence-ties-store"
# The bounds of what a backup of the store can be; a file beyond them is refused with one line.
MAX_ITEMS = 100_000  # entries in any one list: far more articles, edits or reviews than analysts make
# One entry as export_store writes it: an article's text at its longest (what add_articles accepts),
# every character at most doubled by JSON's escapes (\n, \", \\), and its metadata.
MAX_ENTRY_CHARS = 2 * (MAX_TEXT_CHARS + 2 * MAX_META_CHARS + 2 * MAX_URL_CHARS) + 64 * 1024
# The whole file decompressed: a backup of the largest upload (20 MB, pages/review.py) expands 3 to
# 8 times (article text, JSON's repeated keys); 256 MB is a bomb, or no backup this dashboard made.
MAX_BYTES = 256 * 1024 * 1024
MAX_PADDING = 64 * 1024  # white space between two entries: the export's indentation is a few spaces
ARTICLE_KEYS = {"id": int, "doc_id": str, "title": str, "source": str, "url": str, "published": (str, type(None)),
                "text": str, "text_sha256": str, "url_key": (str, type(None)), "added_at": str, "added_by": str}
EDIT_KEYS = {"id": int, "event_id": str, "field": str, "old": object, "new": object, "author": str,
             "at": str, "kind": str}
STATE_KEYS = {"event_id": str, "status": str, "version": int, "updated_at": str, "updated_by": str}
FEED_KEYS = {"id": int, "name": str, "url": str, "added_at": str, "added_by": str,
             "last_read_at": (str, type(None)), "last_result": str}
_DOC_ID = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")  # a slug: never a path
MAX_CHARS = {"doc_id": 200, "added_by": 200, "event_id": 100, "author": 200, "updated_by": 200,
             "field": 50, "kind": 10, "status": 20, "url": MAX_URL_CHARS, "text_sha256": 64,
             "title": MAX_META_CHARS, "source": MAX_META_CHARS, "text": MAX_TEXT_CHARS,
             "name": MAX_NAME_CHARS, "last_result": MAX_RESULT_CHARS}
TOP_KEYS = ("format", "schema_version", "exported_at", "articles", "edits", "event_state")  # feeds: optional


@dataclass(frozen=True)
class RestoreReport:
    articles: int
    edits: int
    event_state: int
    replaced: tuple[int, int, int]  # what the store held before: articles, edits, event_state
    feeds: int = 0  # saved feeds restored (0: the backup has none, and the store's were kept)
    replaced_feeds: int = 0  # the store's saved feeds the backup's replaced


def _iso(value) -> str | None:
    return None if value is None else value.isoformat()


def export_document(engine: Engine) -> dict:
    """The store as a JSON-able dict (one consistent snapshot)."""
    with read(engine, snapshot=True) as conn:
        arts = conn.execute(select(t_articles).order_by(t_articles.c.id)).all()
        eds = conn.execute(select(t_edits).order_by(t_edits.c.id)).all()
        states = conn.execute(select(t_state).order_by(t_state.c.event_id)).all()
        feeds = conn.execute(select(t_feeds).order_by(t_feeds.c.id)).all()
    return {
        "format": FORMAT, "schema_version": SCHEMA_VERSION, "exported_at": utcnow().isoformat(),
        "articles": [{"id": a.id, "doc_id": a.doc_id, "title": a.title, "source": a.source, "url": a.url,
                      "published": _iso(a.published), "text": a.text, "text_sha256": a.text_sha256,
                      "url_key": a.url_key, "added_at": _iso(a.added_at), "added_by": a.added_by,
                      "language": a.language} for a in arts],
        "edits": [{"id": e.id, "event_id": e.event_id, "field": e.field, "old": json.loads(e.old_value),
                   "new": json.loads(e.new_value), "author": e.author, "at": _iso(e.at), "kind": e.kind}
                  for e in eds],
        "event_state": [{"event_id": s.event_id, "status": s.status, "version": s.version,
                         "updated_at": _iso(s.updated_at), "updated_by": s.updated_by} for s in states],
        "feeds": [{"id": f.id, "name": f.name, "url": f.url, "added_at": _iso(f.added_at), "added_by": f.added_by,
                   "last_read_at": _iso(f.last_read_at), "last_result": f.last_result} for f in feeds],
    }


def export_store(engine: Engine, compress: bool = False, events: list[dict] | None = None) -> bytes:
    """The backup file's bytes: UTF-8 JSON, gzip-compressed when `compress`.

    `events`, when given, is the curated events table as the dashboard shows it at export time:
    kept in the file so a backup can be read on its own. Restoring ignores it, since events are
    derived again from the articles (so a better extractor improves them)."""
    doc = export_document(engine)
    if events is not None:
        doc["events"] = events
    data = json.dumps(doc, ensure_ascii=False, indent=1, default=str).encode("utf-8")
    return gzip.compress(data, mtime=0) if compress else data


# ---- validation: a problem anywhere is refused with one line, and the store is left as it was ----
#
# A file is read as a stream: decompressed, decoded and parsed a piece at a time, each entry of the
# four lists decoded on its own, checked and let go. Memory is bounded by the largest entry the store
# can hold (MAX_ENTRY_CHARS) and a few bytes of keys per entry, never by the file: a small gzip that
# expands to a gigabyte is refused at MAX_BYTES (or sooner, at a padding run or an oversized entry)
# without being held.

def _no_constants(name):
    raise ValueError(f"{name} is not JSON")


_DECODER = json.JSONDecoder(parse_constant=_no_constants)
_WS = re.compile(r"[ \t\n\r]*")
CHUNK = 1 << 20  # bytes read, decompressed and decoded at a time
LISTS = ("articles", "edits", "event_state", "feeds", "events")
NOT_JSON = "not a store backup: the file is not UTF-8 JSON"


@dataclass(frozen=True)
class BackupSummary:
    """What a valid backup holds (its entries are not kept: restore_store reads the file again)."""
    articles: int
    edits: int
    event_state: int
    events: int = 0  # the curated events as shown at export time (never restored)
    feeds: int = 0  # saved news feeds


def _pieces(source) -> Iterator[bytes]:
    """The file's bytes a piece at a time: `source` is bytes or a binary file (an upload)."""
    if isinstance(source, (bytes, bytearray, memoryview)):
        view = memoryview(source)
        for i in range(0, len(view), CHUNK):
            yield bytes(view[i:i + CHUNK])
        return
    if getattr(source, "seekable", lambda: False)():
        source.seek(0)
    while piece := source.read(CHUNK):
        yield piece


def _inflate(pieces: Iterator[bytes]) -> Iterator[bytes]:
    """gzip'd pieces decompressed a CHUNK at a time (what follows the gzip stream is ignored)."""
    inflater = zlib.decompressobj(wbits=31)
    try:
        for piece in pieces:
            while piece:
                out = inflater.decompress(piece, CHUNK)
                if out:
                    yield out
                if inflater.eof:
                    return
                piece = inflater.unconsumed_tail
    except zlib.error:
        raise BackupError("the backup file is a damaged gzip file") from None
    raise BackupError("the backup file is a truncated gzip file")


def _text(source) -> Iterator[str]:
    """The document as text, a piece at a time, decompressed when gzip'd; at most MAX_BYTES in all."""
    pieces = _pieces(source)
    first = next(pieces, b"")
    if not first:
        raise BackupError("the backup file is empty")
    pieces = itertools.chain([first], pieces)
    if first[:2] == b"\x1f\x8b":
        pieces = _inflate(pieces)
    decoder, total = codecs.getincrementaldecoder("utf-8")(), 0
    try:
        for piece in pieces:
            total += len(piece)
            if total > MAX_BYTES:
                raise BackupError(f"the backup file is larger than {MAX_BYTES // 2**20} MB once decompressed, "
                                  "more than a backup of this store can be")
            if text := decoder.decode(piece):
                yield text
        if text := decoder.decode(b"", final=True):
            yield text
    except UnicodeDecodeError:
        raise BackupError(NOT_JSON) from None


_SURROGATE_ESCAPE = re.compile(r"\\u[dD][89a-fA-F]")  # JSON can spell a lone surrogate; UTF-8 cannot store it
_SURROGATE = re.compile("[\ud800-\udfff]")


def _lone_surrogate(value) -> bool:
    if isinstance(value, str):
        return bool(_SURROGATE.search(value))
    if isinstance(value, dict):
        return any(_lone_surrogate(k) or _lone_surrogate(v) for k, v in value.items())
    return isinstance(value, list) and any(_lone_surrogate(v) for v in value)


class _Reader:
    """A JSON document read from a stream of text, holding only the part not parsed yet."""

    def __init__(self, chunks: Iterator[str]):
        self._chunks = chunks
        self.buf, self.pos, self.eof = "", 0, False

    def _more(self, wanted: int) -> None:
        """Read at least `wanted` more characters (fewer at the end of the file)."""
        parts, got = [self.buf[self.pos:]], 0
        self.buf = ""  # the old buffer goes before the new one is built: never both at once
        while got < wanted:
            chunk = next(self._chunks, None)
            if chunk is None:
                self.eof = True
                break
            parts.append(chunk)
            got += len(chunk)
        self.buf, self.pos = "".join(parts), 0

    def peek(self) -> str:
        """The next character that is not white space ("" at the end); a long run of white space is a
        padded file, refused before it is read to its end."""
        run = 0
        while True:
            end = _WS.match(self.buf, self.pos).end()
            run += end - self.pos
            self.pos = end
            if run > MAX_PADDING:
                raise BackupError(f"the backup file is padded with more than {MAX_PADDING // 1024} KB of white "
                                  "space, which the dashboard never writes")
            if self.pos < len(self.buf) or self.eof:
                return self.buf[self.pos:self.pos + 1]
            self._more(CHUNK)

    def take(self, char: str) -> None:
        if self.peek() != char:
            raise BackupError(NOT_JSON)
        self.pos += 1

    def value(self, what: str):
        """The JSON value that starts here, decoded on its own once it is all read (an entry, a key,
        a scalar). A value longer than MAX_ENTRY_CHARS is refused without being read to its end."""
        self.peek()
        while True:
            try:
                value, end = _DECODER.raw_decode(self.buf, self.pos)
            except json.JSONDecodeError as exc:
                # cut off at the end of what is read so far (read on), or malformed (refuse)
                cut = exc.pos >= len(self.buf) - 16 or exc.msg.startswith("Unterminated")
                if self.eof or not cut:
                    self._refuse(what)
            except (ValueError, RecursionError):  # NaN, Infinity; absurd nesting
                self._refuse(what)
            else:
                if end < len(self.buf) or self.eof:  # a number at the very end may go on in the next piece
                    if _SURROGATE_ESCAPE.search(self.buf, self.pos, end) and _lone_surrogate(value):
                        raise BackupError(f"{what} holds an unpaired surrogate escape (\\uD800 to \\uDFFF), "
                                          "which is not text")
                    self.pos = end
                    if len(self.buf) > 4 * CHUNK:  # a long entry: let its text go before it is checked
                        self.buf, self.pos = self.buf[end:], 0
                    return value
            if len(self.buf) - self.pos > MAX_ENTRY_CHARS:
                self._refuse(what)
            self._more(max(len(self.buf) - self.pos, CHUNK))  # double what is held: few decodes an entry

    def _refuse(self, what: str):
        if len(self.buf) - self.pos > MAX_ENTRY_CHARS:
            raise BackupError(f"{what} is longer than {MAX_ENTRY_CHARS // 2**20} million characters, "
                              "more than any entry of the store can be")
        raise BackupError(NOT_JSON)

    def items(self, what: str) -> Iterator:
        """The entries of the array that starts here, one at a time."""
        self.take("[")
        if self.peek() == "]":
            self.pos += 1
            return
        i = 0
        while True:
            yield self.value(f"{what}[{i}]")
            i += 1
            sep = self.peek()
            self.pos += 1
            if sep == "]":
                return
            if sep != ",":
                raise BackupError(NOT_JSON)


class _Unique:
    """The keys seen so far of one list, kept as short digests (an article's URL key may be 2,000
    characters; 100,000 of them would not be small)."""

    def __init__(self, table: str, keys: tuple[str, ...]):
        self.table, self.seen = table, {k: set() for k in keys}

    def add(self, rec: dict) -> None:
        for key, seen in self.seen.items():
            v = rec[key]
            if v is None:
                continue
            digest = hashlib.blake2b(repr(v).encode("utf-8", "surrogatepass"), digest_size=16).digest()
            if digest in seen:
                raise BackupError(f"the backup's {self.table} has two entries with {key} {str(v)[:60]!r}")
            seen.add(digest)


def _check_version(version) -> None:
    if isinstance(version, bool) or not isinstance(version, int):
        raise BackupError("the backup has no schema version")
    if version > SCHEMA_VERSION:
        raise BackupError(f"the backup was made by a newer dashboard (schema version {version}; "
                          f"this one knows {SCHEMA_VERSION}); update the dashboard to restore it")
    if version < 1:
        raise BackupError(f"the backup's schema version {version} is not one this dashboard knows")


def _check_event(i: int, rec) -> dict:
    if not isinstance(rec, dict):
        raise BackupError("the backup's events is not a list of objects")
    return rec


def scan_backup(source, sink: Callable[[str, dict], None] | None = None) -> BackupSummary:
    """Check a backup (bytes or a binary file, gzip'd or not) in one streaming pass; BackupError
    naming the first problem. `sink(table, record)`, when given, receives every validated article,
    edit, review state and feed as it is read (restore_store writes them in batches)."""
    reader = _Reader(_text(source))
    if reader.peek() != "{":
        reader.value("the backup")  # valid JSON that is not an object is a foreign file; else not JSON
        raise BackupError(f"not a store backup: its format is not {FORMAT!r}")
    reader.take("{")
    found: dict = {}
    counts = dict.fromkeys(LISTS, 0)
    while reader.peek() != "}":
        if found:
            reader.take(",")
        if reader.peek() != '"':
            raise BackupError(NOT_JSON)
        key = reader.value("a key of the backup")
        reader.take(":")
        if key in found:
            raise BackupError(f"the backup has {str(key)[:40]!r} twice")
        found[key] = None
        if key not in LISTS:
            found[key] = reader.value(f"the backup's {str(key)[:40]}")
            if key == "format" and found[key] != FORMAT:
                raise BackupError(f"not a store backup: its format is not {FORMAT!r}")
            if key == "schema_version":
                _check_version(found[key])
            continue
        if reader.peek() != "[":
            reader.value(f"the backup's {key}")
            raise BackupError("the backup's events is not a list of objects" if key == "events"
                              else f"the backup's {key} is not a list")
        check, keys = CHECKS[key]
        unique = _Unique(key, keys)
        for i, rec in enumerate(reader.items(f"the backup's {key}")):
            if i >= MAX_ITEMS:
                raise BackupError(f"the backup's {key} holds more than {MAX_ITEMS:,} entries, "
                                  "more than a store of this dashboard holds")
            rec = check(i, rec)
            unique.add(rec)
            counts[key] = i + 1
            if sink is not None and key != "events":
                sink(key, rec)
    reader.pos += 1
    if reader.peek() != "":
        raise BackupError(NOT_JSON)  # something after the document
    if found.get("format") != FORMAT:
        raise BackupError(f"not a store backup: its format is not {FORMAT!r}")
    _check_version(found.get("schema_version"))
    missing = [k for k in TOP_KEYS if k not in found]
    if missing:
        raise BackupError(f"the backup is incomplete: no {', '.join(missing)}")
    return BackupSummary(counts["articles"], counts["edits"], counts["event_state"], counts["events"],
                         counts["feeds"])


def check_backup(source) -> BackupSummary:
    """What a backup holds, or BackupError: the whole file checked, nothing of it kept."""
    return scan_backup(source)


def parse_backup(source) -> dict:
    """The validated document (articles, edits, event_state, feeds as lists), or BackupError naming the
    first problem. Holds every entry: check_backup and restore_store do not."""
    doc: dict = {"articles": [], "edits": [], "event_state": [], "feeds": []}
    scan_backup(source, lambda table, rec: doc[table].append(rec))
    return doc


def _record(table: str, i: int, rec, keys: dict) -> dict:
    where = f"the backup's {table}[{i}]"
    if not isinstance(rec, dict):
        raise BackupError(f"{where} is not an object")
    missing = [k for k in keys if k not in rec]
    if missing:
        raise BackupError(f"{where} has no {', '.join(missing)}")
    for k, kind in keys.items():
        v = rec[k]
        if kind is object:
            continue
        if isinstance(v, bool) or not isinstance(v, kind):
            raise BackupError(f"{where}.{k} has the wrong type ({type(v).__name__})")
        if isinstance(v, str) and "\x00" in v:
            raise BackupError(f"{where}.{k} holds a NUL character")
        if isinstance(v, str) and len(v) > MAX_CHARS.get(k, 10**9):
            raise BackupError(f"{where}.{k} is longer than {MAX_CHARS[k]} characters")
        if isinstance(v, int) and not 1 <= v < 2**31:
            raise BackupError(f"{where}.{k} is out of range")
    return rec


def _when(where: str, value: str) -> datetime:
    try:
        dt = datetime.fromisoformat(value)
    except ValueError:
        raise BackupError(f"{where} is not an ISO date and time") from None
    if dt.tzinfo is None:
        raise BackupError(f"{where} has no time zone")
    return dt.astimezone(UTC)


def _check_article(i: int, rec) -> dict:
    a = _record("articles", i, rec, ARTICLE_KEYS)
    where = f"the backup's articles[{i}]"
    if not a["text"].strip():
        raise BackupError(f"{where} has no text")
    # (a backup made before invisible characters were cleaned at the door holds the older key)
    if a["text_sha256"] not in (text_sha256(a["text"]), text_fingerprint(a["text"])):
        raise BackupError(f"{where} ({a['doc_id']}): its text does not match its hash (damaged file?)")
    if a["url"].strip() and url_key(a["url"]) is None:
        raise BackupError(f"{where} ({a['doc_id']}): its URL is not an http(s) address")
    if not _DOC_ID.match(a["doc_id"]):
        raise BackupError(f"{where}: doc_id {a['doc_id'][:60]!r} is not a stored article's id")
    try:
        published = date.fromisoformat(a["published"]) if a["published"] is not None else None
    except ValueError:
        raise BackupError(f"{where}.published is not an ISO date") from None
    # a backup made before articles kept their language has none: detected when the article is read
    language = rec.get("language", "")
    if not isinstance(language, str) or len(language) > 8:
        raise BackupError(f"{where}.language is not a language code")
    # the URL key is derived: recomputed, so a backup stays valid if its rule is refined
    return {**{k: a[k] for k in ARTICLE_KEYS}, "language": language, "published": published,
            "url_key": url_key(a["url"]),
            "added_at": _when(f"{where}.added_at", a["added_at"])}


def _check_edit(i: int, rec) -> dict:
    e = _record("edits", i, rec, EDIT_KEYS)
    where = f"the backup's edits[{i}]"
    if e["kind"] not in EDIT_KINDS:
        raise BackupError(f"{where}.kind must be one of {', '.join(EDIT_KINDS)}")
    if e["kind"] == "status":  # a review change: logged as "status" by older stores, kept as it was
        if e["field"] not in (REVIEW_FIELD, LEGACY_REVIEW_FIELD) or e["new"] not in STATUSES \
                or e["old"] not in STATUSES:
            raise BackupError(f"{where}: a review status change must go between {', '.join(STATUSES)}")
    else:
        try:
            if normalise_value(e["field"], e["new"]) != e["new"]:
                raise EditError("not in its stored form")
        except EditError as exc:
            raise BackupError(f"{where}: {exc}") from None
    if not e["event_id"]:
        raise BackupError(f"{where} has no event_id")
    return {**{k: e[k] for k in EDIT_KEYS}, "at": _when(f"{where}.at", e["at"])}


def _check_state(i: int, rec) -> dict:
    s = _record("event_state", i, rec, STATE_KEYS)
    where = f"the backup's event_state[{i}]"
    if s["status"] not in STATUSES:
        raise BackupError(f"{where}.status must be one of {', '.join(STATUSES)}")
    if s["version"] < 1:
        raise BackupError(f"{where}.version must be 1 or more")
    return {**{k: s[k] for k in STATE_KEYS}, "updated_at": _when(f"{where}.updated_at", s["updated_at"])}


def _check_feed(i: int, rec) -> dict:
    f = _record("feeds", i, rec, FEED_KEYS)
    where = f"the backup's feeds[{i}]"
    if not f["name"].strip():
        raise BackupError(f"{where} has no name")
    if url_key(f["url"]) is None:
        raise BackupError(f"{where} ({f['name'][:60]}): its URL is not an http(s) address")
    read_at = f["last_read_at"]
    return {**{k: f[k] for k in FEED_KEYS}, "url_key": url_key(f["url"]),
            "added_at": _when(f"{where}.added_at", f["added_at"]),
            "last_read_at": None if read_at is None else _when(f"{where}.last_read_at", read_at)}


CHECKS = {"articles": (_check_article, ("id", "doc_id", "text_sha256", "url_key")),
          "edits": (_check_edit, ("id",)),
          "event_state": (_check_state, ("event_id",)),
          "feeds": (_check_feed, ("id", "url_key")),
          "events": (_check_event, ())}


def restore_store(engine: Engine, source, mode: str = "replace") -> RestoreReport:
    """Replace the store's articles, edits and event states (and saved feeds, when the backup has
    them) with the backup's (bytes or a binary file), in one transaction: the file is read once, each
    entry checked and written in batches, and a problem anywhere rolls everything back. BackupError
    (and an unchanged store) for a file that is not a valid backup."""
    if mode != "replace":
        raise ValueError("restore mode must be 'replace'")
    try:
        with write(engine) as conn:
            before = tuple(conn.execute(select(func.count()).select_from(t)).scalar_one()
                           for t in (t_articles, t_edits, t_state))
            # Whether the backup holds feeds is known only once it is read: keep the store's to put back.
            kept_feeds = [r._asdict() for r in conn.execute(select(t_feeds))]
            for t in (t_edits, t_state, t_articles, t_feeds):
                conn.execute(delete(t))
            batches = _Batches(conn)
            summary = scan_backup(source, batches.add)
            batches.flush()
            if not summary.feeds and kept_feeds:
                conn.execute(insert(t_feeds), kept_feeds)
            if conn.dialect.name == "postgresql":
                # explicit ids were inserted: move the sequences past them, or the next add collides
                for t in (t_articles, t_edits, t_feeds):
                    conn.execute(text(f"SELECT setval(pg_get_serial_sequence('{t.name}', 'id'), "
                                      f"COALESCE((SELECT MAX(id) FROM {t.name}), 0) + 1, false)"))
    except (IntegrityError, DataError) as exc:  # rolled back: the store is as it was
        reason = str(getattr(exc, "orig", exc)).splitlines()[0][:200]
        raise BackupError(f"the store refused the backup ({reason}); nothing was changed") from None
    return RestoreReport(summary.articles, summary.edits, summary.event_state, before, summary.feeds,
                         len(kept_feeds) if summary.feeds else 0)


RESTORED = {"articles": t_articles, "edits": t_edits, "event_state": t_state, "feeds": t_feeds}


class _Batches:
    """Validated entries written as they are read, a few hundred rows (or a few MB of text) at a time."""

    ROWS, CHARS = 500, 8 * 2**20

    def __init__(self, conn):
        self.conn, self.table, self.rows, self.chars = conn, "", [], 0

    def add(self, table: str, rec: dict) -> None:
        if table != self.table:
            self.flush()
            self.table = table
        if table == "edits":
            rec = {"id": rec["id"], "event_id": rec["event_id"], "field": rec["field"],
                   "old_value": json.dumps(rec["old"], ensure_ascii=False),
                   "new_value": json.dumps(rec["new"], ensure_ascii=False),
                   "author": rec["author"], "at": rec["at"], "kind": rec["kind"]}
        self.rows.append(rec)
        self.chars += len(rec.get("text", ""))
        if len(self.rows) >= self.ROWS or self.chars >= self.CHARS:
            self.flush()

    def flush(self) -> None:
        if self.rows:
            self.conn.execute(insert(RESTORED[self.table]), self.rows)
        self.rows, self.chars = [], 0
