"""The whole store in one file, and back.

The file is one UTF-8 JSON document (optionally gzip-compressed):

    {"format": "defence-ties-store", "schema_version": 1, "exported_at": "...",
     "articles": [...], "edits": [...], "event_state": [...]}

Restoring validates the whole document first (format tag, version, keys, types, duplicates, each
article's hash against its text) and refuses with a one-line BackupError without touching the
store; the replacement itself is one transaction. Nothing is unpickled or evaluated: JSON only.
"""
from __future__ import annotations

import gzip
import json
import re
import zlib
from dataclasses import dataclass
from datetime import UTC, date, datetime

from sqlalchemy import Engine, delete, func, insert, select, text
from sqlalchemy.exc import DataError, IntegrityError

from .articles import text_sha256, url_key
from .db import SCHEMA_VERSION, read, utcnow, write
from .edits import LEGACY_REVIEW_FIELD, REVIEW_FIELD, EditError, normalise_value
from .errors import BackupError
from .tables import EDIT_KINDS, STATUSES
from .tables import articles as t_articles
from .tables import edits as t_edits
from .tables import event_state as t_state

FORMAT = "defence-ties-store"
MAX_BYTES = 512 * 1024 * 1024  # decompressed; a store of articles is far smaller
ARTICLE_KEYS = {"id": int, "doc_id": str, "title": str, "source": str, "url": str, "published": (str, type(None)),
                "text": str, "text_sha256": str, "url_key": (str, type(None)), "added_at": str, "added_by": str}
EDIT_KEYS = {"id": int, "event_id": str, "field": str, "old": object, "new": object, "author": str,
             "at": str, "kind": str}
STATE_KEYS = {"event_id": str, "status": str, "version": int, "updated_at": str, "updated_by": str}
_DOC_ID = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")  # a slug: never a path
MAX_CHARS = {"doc_id": 200, "added_by": 200, "event_id": 100, "author": 200, "updated_by": 200,
             "field": 50, "kind": 10, "status": 20, "url": 2000, "text_sha256": 64}
TOP_KEYS = ("format", "schema_version", "exported_at", "articles", "edits", "event_state")


@dataclass(frozen=True)
class RestoreReport:
    articles: int
    edits: int
    event_state: int
    replaced: tuple[int, int, int]  # what the store held before: articles, edits, event_state


def _iso(value) -> str | None:
    return None if value is None else value.isoformat()


def export_document(engine: Engine) -> dict:
    """The store as a JSON-able dict (one consistent snapshot)."""
    with read(engine, snapshot=True) as conn:
        arts = conn.execute(select(t_articles).order_by(t_articles.c.id)).all()
        eds = conn.execute(select(t_edits).order_by(t_edits.c.id)).all()
        states = conn.execute(select(t_state).order_by(t_state.c.event_id)).all()
    return {
        "format": FORMAT, "schema_version": SCHEMA_VERSION, "exported_at": utcnow().isoformat(),
        "articles": [{"id": a.id, "doc_id": a.doc_id, "title": a.title, "source": a.source, "url": a.url,
                      "published": _iso(a.published), "text": a.text, "text_sha256": a.text_sha256,
                      "url_key": a.url_key, "added_at": _iso(a.added_at), "added_by": a.added_by} for a in arts],
        "edits": [{"id": e.id, "event_id": e.event_id, "field": e.field, "old": json.loads(e.old_value),
                   "new": json.loads(e.new_value), "author": e.author, "at": _iso(e.at), "kind": e.kind}
                  for e in eds],
        "event_state": [{"event_id": s.event_id, "status": s.status, "version": s.version,
                         "updated_at": _iso(s.updated_at), "updated_by": s.updated_by} for s in states],
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


# ---- validation: everything is checked before anything is written ----

def _no_constants(name):
    raise ValueError(f"{name} is not JSON")


def parse_backup(data: bytes) -> dict:
    """The validated document, or BackupError naming the first problem."""
    if not isinstance(data, (bytes, bytearray)) or not data:
        raise BackupError("the backup file is empty")
    if data[:2] == b"\x1f\x8b":
        try:
            inflater = zlib.decompressobj(wbits=31)
            data = inflater.decompress(data, MAX_BYTES)
            if inflater.unconsumed_tail:
                raise BackupError("the backup file is too large once decompressed")
            if not inflater.eof:
                raise BackupError("the backup file is a truncated gzip file")
        except zlib.error:
            raise BackupError("the backup file is a damaged gzip file") from None
    if len(data) > MAX_BYTES:
        raise BackupError("the backup file is too large")
    try:
        doc = json.loads(bytes(data).decode("utf-8"), parse_constant=_no_constants)
    except (UnicodeDecodeError, ValueError, RecursionError):
        raise BackupError("not a store backup: the file is not UTF-8 JSON") from None
    if not isinstance(doc, dict) or doc.get("format") != FORMAT:
        raise BackupError(f"not a store backup: its format is not {FORMAT!r}")
    version = doc.get("schema_version")
    if isinstance(version, bool) or not isinstance(version, int):
        raise BackupError("the backup has no schema version")
    if version > SCHEMA_VERSION:
        raise BackupError(f"the backup was made by a newer dashboard (schema version {version}; "
                          f"this one knows {SCHEMA_VERSION}); update the dashboard to restore it")
    if version < 1:
        raise BackupError(f"the backup's schema version {version} is not one this dashboard knows")
    missing = [k for k in TOP_KEYS if k not in doc]
    if missing:
        raise BackupError(f"the backup is incomplete: no {', '.join(missing)}")
    for key in ("articles", "edits", "event_state"):
        if not isinstance(doc[key], list):
            raise BackupError(f"the backup's {key} is not a list")
    if "events" in doc and not (isinstance(doc["events"], list) and all(isinstance(e, dict) for e in doc["events"])):
        raise BackupError("the backup's events is not a list of objects")
    arts = [_check_article(i, a) for i, a in enumerate(doc["articles"])]
    eds = [_check_edit(i, e) for i, e in enumerate(doc["edits"])]
    states = [_check_state(i, s) for i, s in enumerate(doc["event_state"])]
    _unique("articles", arts, ("id", "doc_id", "text_sha256", "url_key"))
    _unique("edits", eds, ("id",))
    _unique("event_state", states, ("event_id",))
    return {"articles": arts, "edits": eds, "event_state": states}


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
    if text_sha256(a["text"]) != a["text_sha256"]:
        raise BackupError(f"{where} ({a['doc_id']}): its text does not match its hash (damaged file?)")
    if a["url"].strip() and url_key(a["url"]) is None:
        raise BackupError(f"{where} ({a['doc_id']}): its URL is not an http(s) address")
    if not _DOC_ID.match(a["doc_id"]):
        raise BackupError(f"{where}: doc_id {a['doc_id'][:60]!r} is not a stored article's id")
    try:
        published = date.fromisoformat(a["published"]) if a["published"] is not None else None
    except ValueError:
        raise BackupError(f"{where}.published is not an ISO date") from None
    # the URL key is derived: recomputed, so a backup stays valid if its rule is refined
    return {**{k: a[k] for k in ARTICLE_KEYS}, "published": published, "url_key": url_key(a["url"]),
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


def _unique(table: str, recs: list[dict], keys: tuple[str, ...]) -> None:
    for key in keys:
        seen = set()
        for r in recs:
            v = r[key]
            if v is None:
                continue
            if v in seen:
                raise BackupError(f"the backup's {table} has two entries with {key} {str(v)[:60]!r}")
            seen.add(v)


def restore_store(engine: Engine, data: bytes, mode: str = "replace") -> RestoreReport:
    """Replace the store's articles, edits and event states with the backup's, in one transaction.
    BackupError (and an unchanged store) for a file that is not a valid backup."""
    if mode != "replace":
        raise ValueError("restore mode must be 'replace'")
    doc = parse_backup(data)
    try:
        before = _replace(engine, doc)
    except (IntegrityError, DataError) as exc:  # rolled back: the store is as it was
        reason = str(getattr(exc, "orig", exc)).splitlines()[0][:200]
        raise BackupError(f"the store refused the backup ({reason}); nothing was changed") from None
    return RestoreReport(len(doc["articles"]), len(doc["edits"]), len(doc["event_state"]), before)


def _replace(engine: Engine, doc: dict) -> tuple[int, int, int]:
    with write(engine) as conn:
        before = tuple(conn.execute(select(func.count()).select_from(t)).scalar_one()
                       for t in (t_articles, t_edits, t_state))
        for t in (t_edits, t_state, t_articles):
            conn.execute(delete(t))
        if doc["articles"]:
            conn.execute(insert(t_articles), doc["articles"])
        if doc["edits"]:
            conn.execute(insert(t_edits), [
                {"id": e["id"], "event_id": e["event_id"], "field": e["field"],
                 "old_value": json.dumps(e["old"], ensure_ascii=False),
                 "new_value": json.dumps(e["new"], ensure_ascii=False),
                 "author": e["author"], "at": e["at"], "kind": e["kind"]} for e in doc["edits"]])
        if doc["event_state"]:
            conn.execute(insert(t_state), doc["event_state"])
        if conn.dialect.name == "postgresql":
            # explicit ids were inserted: move the sequences past them, or the next add collides
            for t in (t_articles, t_edits):
                conn.execute(text(f"SELECT setval(pg_get_serial_sequence('{t.name}', 'id'), "
                                  f"COALESCE((SELECT MAX(id) FROM {t.name}), 0) + 1, false)"))
    return before
