"""The analysts' corrections, keyed by stable event id, with optimistic concurrency.

Every event has a version (0 until someone saves something for it). A save names the version it
was made against; it is written only if that is still the stored version, and it bumps it. So of
two analysts who opened version 1, the first save wins and the second is refused with EditConflict
(who saved first, and when) instead of silently overwriting it. The check, the version bump and the
edit rows are one transaction: a failure leaves nothing behind.

Edits are never deleted or rewritten: `history` is the full log, and the curated value of a field is
its latest edit (see curate.py).
"""
from __future__ import annotations

import json
import math
import re
from dataclasses import dataclass
from datetime import date, datetime

import numpy as np
import pandas as pd
from sqlalchemy import Engine, insert, select, update
from sqlalchemy.exc import IntegrityError

from preprocessing.schema import COLUMNS, LIST_COLUMNS
from preprocessing.schema import STATUSES as EVENT_STATUSES

from .db import read, utcnow, write
from .errors import EditConflict, EditError
from .tables import STATUSES
from .tables import edits as t_edits
from .tables import event_state as t_state

CONTRACT_COLUMNS = [c for c in COLUMNS if c != "conflicts"]  # "conflicts" is computed, not contract
NOT_EDITABLE = ("event_id", "sources", "source_count", "evidence")
EDITABLE_FIELDS = tuple(c for c in CONTRACT_COLUMNS if c not in NOT_EDITABLE)
EDITABLE_LIST_FIELDS = tuple(c for c in EDITABLE_FIELDS if c in LIST_COLUMNS)
EVENT_TYPES = ("exercise", "arms_transfer", "visit", "agreement", "policy")
PRECISIONS = ("", "day", "month", "year")
# The pseudo-field review changes (unreviewed/confirmed/rejected) are logged under, with kind "status".
# Stores and backups written before the events table had its own `status` column logged them under
# "status": history() reads those rows (kind "status") as REVIEW_FIELD, so both read the same.
REVIEW_FIELD = "review_status"
LEGACY_REVIEW_FIELD = "status"
HISTORY_COLUMNS = ["event_id", "field", "old", "new", "author", "at"]
MAX_VALUE_CHARS = 5000
_ISO = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")


@dataclass(frozen=True)
class State:
    event_id: str
    status: str = "unreviewed"
    version: int = 0  # 0: nothing saved yet
    updated_at: datetime | None = None
    updated_by: str = ""


def _missing(value) -> bool:
    if value is None or value is pd.NA or value is pd.NaT:
        return True
    return isinstance(value, float) and math.isnan(value)


def _iso_ok(text: str) -> bool:
    if not _ISO.match(text):
        return False
    parts = [int(p) for p in text.split("-")]
    try:
        date(parts[0], parts[1] if len(parts) > 1 else 1, parts[2] if len(parts) > 2 else 1)
    except ValueError:
        return False
    return True


def normalise_value(field: str, value):
    """The JSON-able form of a new value for `field`; EditError when it has the wrong form.

    Lists accept a list or a ';'-separated string; quantity an integer ≥ 0 or empty; inferred a
    boolean; dates `YYYY`, `YYYY-MM` or `YYYY-MM-DD` (a real date) or empty; status one of
    reported, planned, cancelled (the event's own status, not its review).
    """
    if field not in EDITABLE_FIELDS:
        raise EditError(f"{field!r} cannot be edited (editable: {', '.join(EDITABLE_FIELDS)})")
    if field in EDITABLE_LIST_FIELDS:
        if _missing(value):
            return []
        items = value.split(";") if isinstance(value, str) else value
        if not hasattr(items, "__iter__") or isinstance(items, (dict, bytes)):
            raise EditError(f"{field} must be a list of names")
        out = [str(x).strip() for x in items if not _missing(x) and str(x).strip()]
        return list(dict.fromkeys(out))
    if field == "quantity":
        if _missing(value) or (isinstance(value, str) and not value.strip()):
            return None
        if isinstance(value, bool):
            raise EditError("quantity must be a whole number")
        try:
            number = float(value)
        except (TypeError, ValueError):
            raise EditError(f"quantity must be a whole number, not {str(value)[:40]!r}") from None
        if not number.is_integer() or number < 0:
            raise EditError(f"quantity must be a whole number ≥ 0, not {str(value)[:40]!r}")
        return int(number)
    if field == "inferred":
        if isinstance(value, str) and value.strip().lower() in ("true", "false", "1", "0", "yes", "no"):
            return value.strip().lower() in ("true", "1", "yes")
        if not isinstance(value, (bool, int, np.bool_, np.integer)):
            raise EditError("inferred must be true or false")
        return bool(value)
    text = "" if _missing(value) else value
    if not isinstance(text, str):
        raise EditError(f"{field} must be text")
    text = text.strip()
    if len(text) > MAX_VALUE_CHARS:
        raise EditError(f"{field} is longer than {MAX_VALUE_CHARS} characters")
    if field == "event_type" and text not in EVENT_TYPES:
        raise EditError(f"event_type must be one of {', '.join(EVENT_TYPES)}")
    if field in ("date_start", "date_end") and text and not _iso_ok(text):
        raise EditError(f"{field} must be YYYY, YYYY-MM or YYYY-MM-DD (a real date), not {text[:40]!r}")
    if field == "date_precision" and text not in PRECISIONS:
        raise EditError("date_precision must be day, month, year or empty")
    if field == "status":
        text = text.lower()
        if text not in EVENT_STATUSES:
            raise EditError(f"status must be one of {', '.join(EVENT_STATUSES)}, not {text[:40]!r}")
    return text


def _lenient(field: str, value):
    """The old value as the analyst saw it; never refuses (it is only recorded)."""
    try:
        return normalise_value(field, value)
    except EditError:
        return None if _missing(value) else str(value)


def _author(author: str) -> str:
    return str(author or "").replace("\x00", "").strip()[:200] or "anonymous"


def _state(row) -> State:
    return State(row.event_id, row.status, row.version, row.updated_at, row.updated_by)


def load_state(engine: Engine) -> dict[str, State]:
    """Every event that has a saved edit or status; the others are State(event_id) (version 0)."""
    with read(engine) as conn:
        return {r.event_id: _state(r) for r in conn.execute(select(t_state))}


def get_state(engine: Engine, event_id: str) -> State:
    with read(engine) as conn:
        row = conn.execute(select(t_state).where(t_state.c.event_id == event_id)).first()
    return _state(row) if row else State(event_id)


class _Stale(Exception):
    def __init__(self, current: State):
        self.current = current


def _conflict(event_id: str, expected: int, current: State) -> EditConflict:
    if current.version == 0 or current.updated_at is None:
        msg = ("Not saved: this event's saved changes were replaced (a restore?) after you opened it. "
               "Reload the event and make your change again.")
    else:
        msg = (f"Not saved: {current.updated_by} saved a change to this event at "
               f"{current.updated_at:%Y-%m-%d %H:%M:%S} UTC, after you opened it (version "
               f"{current.version}; yours was {expected}). Reload it to see that change, then make yours again.")
    return EditConflict(msg, event_id=event_id, expected_version=expected, current=current)


def _bump(conn, event_id: str, expected: int, author: str, at: datetime, status: str | None) -> State:
    """Check the version and advance it, inside the caller's transaction; returns the state before."""
    row = conn.execute(select(t_state).where(t_state.c.event_id == event_id).with_for_update()).first()
    current = _state(row) if row else State(event_id)
    if current.version != expected:
        raise _Stale(current)
    if row is None:
        # a concurrent first save inserts the same key: IntegrityError, turned into a conflict
        conn.execute(insert(t_state).values(event_id=event_id, status=status or "unreviewed", version=1,
                                            updated_at=at, updated_by=author))
    else:
        done = conn.execute(update(t_state)
                            .where(t_state.c.event_id == event_id, t_state.c.version == expected)
                            .values(version=expected + 1, status=status or current.status,
                                    updated_at=at, updated_by=author))
        if done.rowcount != 1:
            raise _Stale(current)
    return current


def _commit(engine: Engine, event_id: str, expected: int, author: str, status: str | None, rows) -> int:
    """Bump the version and write the edit rows (`rows(before)` builds them) in one transaction."""
    at = utcnow()
    try:
        with write(engine) as conn:
            before = _bump(conn, event_id, expected, author, at, status)
            for field, old, new, kind in rows(before):
                conn.execute(insert(t_edits).values(
                    event_id=event_id, field=field, old_value=_dump(old), new_value=_dump(new),
                    author=author, at=at, kind=kind))
    except _Stale as stale:
        raise _conflict(event_id, expected, stale.current) from None
    except IntegrityError:
        raise _conflict(event_id, expected, get_state(engine, event_id)) from None
    return expected + 1


def _dump(value) -> str:
    return json.dumps(value, ensure_ascii=False)


def _check_id(event_id: str, expected_version) -> None:
    if not isinstance(event_id, str) or not event_id.strip() or len(event_id) > 100 or "\x00" in event_id:
        raise EditError("an edit needs the event's id")
    if isinstance(expected_version, bool) or not isinstance(expected_version, int) or expected_version < 0:
        raise EditError("expected_version must be the event's version as it was read (an integer ≥ 0)")


def save_edit(engine: Engine, event_id: str, changes: dict, old: dict, expected_version: int,
              author: str) -> int:
    """Record new values for some fields of one event; returns the event's new version.

    `old` holds the values the analyst saw (recorded in the history). Fields whose new value equals
    the old are left out; when nothing is left, nothing is written and `expected_version` is
    returned. Raises EditError for a bad field or value, EditConflict when the event was saved by
    someone else since `expected_version`.
    """
    _check_id(event_id, expected_version)
    if not changes:
        raise EditError("no change to save")
    new = {f: normalise_value(f, v) for f, v in changes.items()}  # all checked before any write
    pairs = [(f, _lenient(f, (old or {}).get(f)), v) for f, v in new.items()]
    pairs = [(f, o, v) for f, o, v in pairs if o != v]
    if not pairs:
        return expected_version
    return _commit(engine, event_id, expected_version, _author(author), None,
                   lambda _before: [(f, o, v, "set") for f, o, v in pairs])


def set_status(engine: Engine, event_id: str, status: str, expected_version: int, author: str) -> int:
    """Confirm, reject or reopen ("unreviewed") an event: its review status, logged under
    REVIEW_FIELD (the event's own `status` column is edited with save_edit); same version rule as
    save_edit. A rejected event leaves the curated table but is kept (Curated.rejected)."""
    _check_id(event_id, expected_version)
    if status not in STATUSES:
        raise EditError(f"review status must be one of {', '.join(STATUSES)}")
    return _commit(engine, event_id, expected_version, _author(author), status,
                   lambda before: [(REVIEW_FIELD, before.status, status, "status")])


def history(engine: Engine, event_id: str | None = None) -> pd.DataFrame:
    """Every edit, oldest first: event_id, field (REVIEW_FIELD for review changes, also those an
    older store logged as "status"), old, new (decoded values, lists as lists), author, at (UTC).
    This is also what curate() takes."""
    query = select(t_edits).order_by(t_edits.c.id)
    if event_id is not None:
        query = query.where(t_edits.c.event_id == event_id)
    with read(engine) as conn:
        rows = conn.execute(query).all()
    df = pd.DataFrame({
        "event_id": pd.Series([r.event_id for r in rows], dtype="str"),
        "field": pd.Series([REVIEW_FIELD if r.kind == "status" else r.field for r in rows], dtype="str"),
        "old": pd.Series([json.loads(r.old_value) for r in rows], dtype="object"),
        "new": pd.Series([json.loads(r.new_value) for r in rows], dtype="object"),
        "author": pd.Series([r.author for r in rows], dtype="str"),
        "at": pd.Series([r.at for r in rows], dtype="datetime64[us, UTC]"),
    })
    return df[HISTORY_COLUMNS]
