"""Review and correction: the queue, the field editor's table, the writes, histories and backups
(no Streamlit here; pages/review.py draws the widgets).

Concurrency follows store.edits: the editor is drawn from a `Pin`, the event's values and version as
they were when the analyst opened it. A save sends that version and those values (as `old`), never
re-read just before saving, so a colleague's save in between is refused as a conflict instead of
being overwritten. After any write the pin is dropped and the next run pins the event afresh.
"""
from __future__ import annotations

import dataclasses
import json
import math
import uuid
from dataclasses import dataclass
from datetime import UTC, datetime

import numpy as np
import pandas as pd

import store

from . import dates, tables
from .labels import STATUS_MEANINGS, STATUSES

# The order reasons are offered in (store.curate.review_reasons); an unknown one goes last.
REASON_ORDER = ("inferred", "no date", "year-only date", "sources disagree", "no countries", "one country",
                "no name")
EDITOR_COLUMNS = ["Field", "Extracted", "Value", "Edited"]
# The event's own status is chosen from its three values in a select box, not typed into the table.
STATUS_FIELD = "status"
STATUS_LABEL = "Status (reported, planned, cancelled)"
STATUS_CHOICES = STATUSES
STATUS_WORDS = {"confirmed": "Confirmed", "rejected": "Rejected", "unreviewed": "Back in the queue"}
# The editor's field names as an analyst reads them; the directed pair is named by the event's kind.
FIELD_LABELS = {
    "event_type": "Kind", "subtype": "Subtype", "name": "Name", "date_start": "Start date",
    "date_end": "End date", "date_precision": "Date precision", "date_text": "Date as written",
    "countries": "Countries", "people": "People", "organizations": "Organisations", "location": "Place",
    "quantity": "Quantity", "quantity_unit": "Unit of quantity", "equipment": "Equipment",
    "inferred": "Inferred", "attributed_to": "Attributed to", "status": "Status", "review_status": "Review",
}
PAIR_LABELS = {"exercise": ("Host", "Guest"), "arms_transfer": ("Supplier", "Recipient"),
               "visit": ("Visitor", "Host")}
SNIPPET = 70  # characters of evidence that tell unnamed events apart in the picker


def plain(value):
    """A table cell as a plain Python value: lists as lists, NA as None, numpy scalars unwrapped."""
    if isinstance(value, (list, tuple, np.ndarray)):
        return [plain(v) for v in value]
    if value is None or value is pd.NA or value is pd.NaT or (isinstance(value, float) and math.isnan(value)):
        return None
    return value.item() if isinstance(value, np.generic) else value


def as_text(value) -> str:
    """How the editor shows a value: lists '; '-joined, true/false, '' for nothing."""
    value = plain(value)
    if isinstance(value, list):
        return "; ".join(str(v) for v in value)
    if isinstance(value, bool):
        return "true" if value else "false"
    return "" if value is None else str(value)


# ---------------------------------------------------------------- the queue

def queue(events: pd.DataFrame) -> pd.DataFrame:
    """store.review_queue over a curated table (the raw extraction has no review status)."""
    if "review_status" not in events.columns:
        events = events.assign(review_status="unreviewed", edited_fields=[[] for _ in range(len(events))])
    return store.review_queue(events)


def reason_options(q: pd.DataFrame) -> list[str]:
    found = {r for reasons in q["reasons"] for r in reasons}
    return sorted(found, key=lambda r: (REASON_ORDER.index(r) if r in REASON_ORDER else len(REASON_ORDER), r))


def with_reasons(q: pd.DataFrame, chosen) -> pd.DataFrame:
    """The queue's events with any of the chosen reasons (all of them when none is chosen)."""
    chosen = set(chosen or ())
    if not chosen:
        return q
    return q[q["reasons"].map(lambda rs: bool(chosen.intersection(rs))).astype(bool)]


def queue_display(q: pd.DataFrame) -> pd.DataFrame:
    out = tables.event_rows(q)
    out.insert(1, "Why", q["reasons"].map(", ".join).tolist())
    out.insert(5, "Edited", q["edited_fields"].map(", ".join).tolist())
    out.insert(6, "Evidence", q["evidence"].tolist())  # tells apart events with no name
    return out


def rejected_display(rejected: pd.DataFrame) -> pd.DataFrame:
    out = tables.event_rows(rejected)
    out.insert(4, "Evidence", rejected["evidence"].tolist())
    return out


def picker_labels(events: pd.DataFrame) -> dict[str, str]:
    """event_id → one line per event that tells it from the others: name or kind, date, countries, and
    for an unnamed event (or two that would read the same) the start of its evidence."""
    rows = events.to_dict("records")
    base = [tables.event_label(r) for r in rows]
    seen = pd.Series(base).value_counts()
    out = {}
    for r, label in zip(rows, base):
        if not r.get("name") or seen[label] > 1:
            label += f" — “{_snippet(r.get('evidence') or '')}”"
        out[r["event_id"]] = label
    if len(set(out.values())) < len(out):  # the same evidence twice: the id settles it
        out = {eid: f"{label} [{eid}]" for eid, label in out.items()}
    return out


def _snippet(text: str) -> str:
    text = " ".join(str(text).split())
    return text if len(text) <= SNIPPET else text[:SNIPPET].rsplit(" ", 1)[0] + "…"


def picker_ids(pool_ids: list[str], kept: str | None, known_ids) -> list[str]:
    """The events the picker offers: the pool's, and first the event just acted on when it has left the
    pool (confirmed out of the queue, rejected), so that the selection never moves by itself."""
    if kept and kept not in pool_ids and kept in set(known_ids):
        return [kept, *pool_ids]
    return list(pool_ids)


def rows_of(ids: list[str], events: pd.DataFrame, rejected: pd.DataFrame) -> pd.DataFrame:
    """The rows of these events, from the table or from the rejected ones, in the order of `ids`."""
    both = pd.concat([f for f in (events, rejected) if len(f)]) if len(rejected) else events
    both = both.drop_duplicates("event_id").set_index("event_id", drop=False)
    return both.loc[[i for i in ids if i in both.index]].reset_index(drop=True)


def short_name(row) -> str:
    """What a button calls an event: its name, else its kind and date ("Visit or meeting of 3 May 2022")."""
    if row.get("name"):
        return str(row["name"])
    when = dates.span_label(str(row.get("date_start") or ""), str(row.get("date_end") or "")).replace("undated", "")
    kind = tables.type_label(row.get("event_type", ""))
    return f"{kind} of {when}" if when else kind


def field_label(field: str, event_type: str) -> str:
    if field in ("actor1", "actor2"):
        pair = PAIR_LABELS.get(event_type, ("First party", "Second party"))
        return pair[field == "actor2"]
    return FIELD_LABELS.get(field, field.replace("_", " ").capitalize())


# ---------------------------------------------------------------- the editor

@dataclass(frozen=True)
class Pin:
    """One event as the analyst opened it: what the editor shows and what a save is checked against."""
    event_id: str
    version: int
    values: dict  # field → the curated value shown (plain Python), `status` included
    frame: pd.DataFrame  # EDITOR_COLUMNS, one row per editable field but `status` (its own select box)
    review_status: str  # unreviewed, confirmed or rejected
    nonce: str  # new editor widgets for every pin, so a reload drops unsaved edits
    extracted: dict = dataclasses.field(default_factory=dict)  # field → the value as extracted (plain Python)
    fields: tuple = ()  # the field code of each row of `frame` (whose "Field" column is its label)
    name: str = ""  # what buttons and messages call the event (short_name)

    @property
    def editor_key(self) -> str:
        return f"editor-{self.nonce}"

    @property
    def status_key(self) -> str:
        return f"status-{self.nonce}"

    def labels(self, fields) -> str:
        """The fields as the editor names them ("Start date, Status")."""
        return ", ".join(field_label(f, str(self.values.get("event_type") or "")) for f in fields)

    @property
    def status(self) -> str | None:
        """The event's status as shown (None when it is not one of the three: the select box starts empty)."""
        value = self.values.get(STATUS_FIELD)
        return value if value in STATUS_CHOICES else None

    def status_help(self) -> str:
        meanings = "; ".join(f"{s}: {m}" for s, m in STATUS_MEANINGS.items())
        extracted = self.extracted.get(STATUS_FIELD)
        edited = extracted is not None and extracted != self.values.get(STATUS_FIELD)
        return (f"What the text says of the event: {meanings}. As extracted: {extracted or 'none'}"
                + (" (an analyst changed it)." if edited else "."))


def pin(corpus, event_id: str) -> Pin | None:
    """Pin an event of a curated corpus (app.corpus.Corpus) with the version it was built from."""
    rows = corpus.events[corpus.events["event_id"] == event_id]
    if rows.empty:
        return None
    row = rows.iloc[0]
    raw = corpus.raw[corpus.raw["event_id"] == event_id] if corpus.raw is not None else rows
    raw_row = raw.iloc[0] if len(raw) else row
    fields = [f for f in store.EDITABLE_FIELDS if f in row.index]
    in_table = [f for f in fields if f != STATUS_FIELD]
    edited = set(plain(row.get("edited_fields")) or [])
    frame = pd.DataFrame({
        "Field": [field_label(f, str(row.get("event_type") or "")) for f in in_table],
        "Extracted": [as_text(raw_row[f]) for f in in_table],
        "Value": [as_text(row[f]) for f in in_table],
        "Edited": [f in edited for f in in_table],
    })
    return Pin(event_id, corpus.version(event_id), {f: plain(row[f]) for f in fields}, frame,
               str(row.get("review_status") or "unreviewed"), uuid.uuid4().hex[:10],
               {f: plain(raw_row[f]) for f in fields if f in raw_row.index}, tuple(in_table),
               short_name(row))


def changes(p: Pin, edited: pd.DataFrame, status: str | None = None) -> dict[str, str]:
    """field → new text, for every row whose Value the analyst changed, and `status` when the one
    chosen in its select box (None: none chosen) differs from the event's."""
    out = {}
    for field, before, after in zip(p.fields, p.frame["Value"], edited["Value"]):
        after = "" if after is None or (isinstance(after, float) and math.isnan(after)) else str(after)
        if after.strip() != before.strip():
            out[field] = after
    if status is not None and status != p.values.get(STATUS_FIELD):
        out[STATUS_FIELD] = status
    return out


@dataclass(frozen=True)
class Result:
    kind: str  # "success" | "info" | "error"
    message: str
    done: bool  # something was written (or refused as a conflict): drop the pin and reload


def save(engine, p: Pin, edited: pd.DataFrame, author: str, status: str | None = None) -> Result:
    new = changes(p, edited, status)
    if not new:
        return Result("info", "Nothing to save: no value was changed.", False)
    try:
        version = store.save_edit(engine, p.event_id, new, old={f: p.values.get(f) for f in new},
                                  expected_version=p.version, author=author)
    except store.EditConflict as exc:
        return Result("error", str(exc), True)
    except store.EditError as exc:  # a value of the wrong form: keep the analyst's edits to fix it
        return Result("error", f"Not saved: {exc}.", False)
    except store.StoreError as exc:
        return Result("error", f"Not saved: {exc}", False)
    if version == p.version:
        return Result("info", "Nothing to save: the values are the same as before.", False)
    return Result("success", f"Saved {p.labels(new)} of “{p.name or p.event_id}” (version {version}).", True)


def set_status(engine, event_id: str, status: str, version: int, author: str, name: str = "") -> Result:
    try:
        store.set_status(engine, event_id, status, expected_version=version, author=author)
    except store.EditConflict as exc:
        return Result("error", str(exc), True)
    except store.StoreError as exc:
        return Result("error", f"Not changed: {exc}", False)
    what = {"confirmed": "confirmed: it leaves the queue",
            "rejected": "rejected: it leaves the tables and charts, and is listed under Rejected events",
            "unreviewed": "back in the tables, unreviewed"}[status]
    return Result("success", f"“{name}” ({event_id}) {what}." if name else f"Event {event_id} {what}.", True)


# ---------------------------------------------------------------- histories and orphans

def _when(at) -> str:
    return "" if at is None or pd.isna(at) else pd.Timestamp(at).strftime("%Y-%m-%d %H:%M UTC")


def history(reader, event_id: str) -> tuple[pd.DataFrame | None, str]:
    """(the event's history, "") or (None, why it cannot be read); (None, "") without a store."""
    if reader is None:
        return None, ""
    try:
        return store.history(reader, event_id), ""
    except store.StoreError as exc:  # the database went away since this run began
        return None, f"The history cannot be read: {exc}"


def backup_bytes(reader, corpus) -> bytes:
    """The store and the curated events as one gzip'd JSON file (see store.export_store)."""
    return store.export_store(reader, compress=True, events=events_snapshot(corpus))


def history_display(history: pd.DataFrame, event_type: str = "") -> pd.DataFrame:
    """Newest first: when, who, which field (in words), from which value to which."""
    h = history.iloc[::-1]
    return pd.DataFrame({
        "When": [_when(a) for a in h["at"]],
        "Who": h["author"].tolist(),
        "Field": [field_label(f, event_type) for f in h["field"]],
        "From": [as_text(v) for v in h["old"]],
        "To": [as_text(v) for v in h["new"]],
    })


def orphans_display(orphans: pd.DataFrame) -> pd.DataFrame:
    return pd.DataFrame({
        "Event id": orphans["event_id"].tolist(),
        "Field": orphans["field"].tolist(),
        "From": [as_text(v) for v in orphans["old"]],
        "To": [as_text(v) for v in orphans["new"]],
        "Who": orphans["author"].tolist(),
        "When": [_when(a) for a in orphans["at"]],
        "Why it is not applied": orphans["reason"].tolist(),
    })


# ---------------------------------------------------------------- backups

def backup_name(now: datetime | None = None) -> str:
    return f"defence-store-{(now or datetime.now(UTC)):%Y%m%d-%H%M%S}.json.gz"


def check_backup(source) -> tuple[store.backup.BackupSummary | None, str]:
    """(what the backup holds, "") or (None, why it cannot be restored). `source` is bytes or the
    uploaded file, read as a stream: nothing of it is kept, so check it once per upload."""
    try:
        return store.backup.check_backup(source), ""
    except store.BackupError as exc:
        return None, f"This file cannot be restored: {exc}. Nothing was changed."


def restore_summary(summary, corpus) -> str:
    feeds = (f" and {summary.feeds} saved news feed(s), which replace the saved feeds" if summary.feeds
             else "; it has no saved news feeds, so the saved feeds are kept")
    return (f"This backup holds {summary.articles} added article(s), {summary.edits} edit(s) and "
            f"{summary.event_state} review state(s){feeds}. Restoring replaces every added article, edit and "
            f"review state the store holds now ({len(corpus.added_articles)} added article(s), "
            f"{corpus.edit_count} edit(s), {len(corpus.versions)} review state(s)). The bundled articles are "
            "not affected.")


def restore(engine, source) -> Result:
    try:
        report = store.restore_store(engine, source)
    except store.BackupError as exc:
        return Result("error", f"Not restored: {exc}. Nothing was changed.", False)
    except store.StoreError as exc:
        return Result("error", f"Not restored: {exc}", False)
    a, e, s = report.replaced
    feeds = (f", and {report.feeds} saved feed(s), replacing {report.replaced_feeds}" if report.feeds else "")
    return Result("success", f"Restored {report.articles} article(s), {report.edits} edit(s) and "
                             f"{report.event_state} review state(s), replacing {a}, {e} and {s}{feeds}.", True)


def events_snapshot(corpus) -> list[dict]:
    """The curated events table as JSON-able records, for the backup file (read, never restored)."""
    from preprocessing.schema import COLUMNS
    table = corpus.events[[c for c in COLUMNS if c in corpus.events.columns]]
    return json.loads(table.to_json(orient="records", force_ascii=False))
