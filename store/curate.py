"""The curated events table: the extraction with the analysts' edits applied (pure pandas).

Rules:
- For each (event_id, field) the latest edit wins, in the order of the history (oldest first).
- When date_start was edited and date_precision was not, the precision follows the new date's form
  (`2019` → year, `2019-10` → month, `2019-10-05` → day; empty date → empty precision).
- `review_status` comes from the event's state (unreviewed when it has none). Rejected events leave
  the table and are kept in `Curated.rejected`. Review changes in the history (field
  `review_status`) are not applied as values; the event's own `status` column (reported, planned,
  cancelled) is edited like any other field.
- Edits whose event the extraction no longer yields (or whose field no longer exists) are returned
  as `Curated.orphans`, with a reason: never dropped, never applied to another event.
- Two columns are added: `review_status` and `edited_fields` (the fields an analyst changed).
  Columns the caller added (e.g. the dashboard's time columns) are kept as they are, so add them
  after curating.
"""
from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

import pandas as pd

from preprocessing.schema import LIST_COLUMNS

from .edits import EDITABLE_FIELDS, LEGACY_REVIEW_FIELD, REVIEW_FIELD, State
from .tables import STATUSES as REVIEW_STATUSES

EXTRA_COLUMNS = ["review_status", "edited_fields"]
ORPHAN_COLUMNS = ["event_id", "field", "old", "new", "author", "at", "reason"]
BILATERAL = ("arms_transfer", "visit", "agreement")  # and exercises whose subtype is bilateral
NAMED = ("exercise", "arms_transfer")


@dataclass(frozen=True)
class Curated:
    table: pd.DataFrame  # what every page shows: edits applied, rejected events left out
    rejected: pd.DataFrame  # rejected events (same columns), kept
    orphans: pd.DataFrame  # ORPHAN_COLUMNS: edits that no longer apply to any extracted event


def _precision(date_text: str) -> str:
    return {4: "year", 7: "month", 10: "day"}.get(len(date_text or ""), "")


def _status(state: Mapping, event_id: str) -> str:
    st = state.get(event_id)
    if st is None:
        return "unreviewed"
    return st.status if isinstance(st, State) else str(st)


def _review_rows(edits: pd.DataFrame) -> pd.Series:
    """The history rows that are review changes, not values: field `review_status`, or (a history
    built from an older store's rows, not through store.history) field "status" going between review
    states, which the event's own status values (reported, planned, cancelled) never are."""
    legacy = ((edits["field"] == LEGACY_REVIEW_FIELD) & edits["new"].isin(REVIEW_STATUSES)
              & edits["old"].isin(REVIEW_STATUSES))
    return ((edits["field"] == REVIEW_FIELD) | legacy).astype(bool)


def curate(events: pd.DataFrame, edits: pd.DataFrame, state: Mapping[str, State]) -> Curated:
    """Apply `edits` (as returned by store.history) and `state` (store.load_state) to `events`."""
    work = events.reset_index(drop=True).copy()
    pos = {eid: i for i, eid in enumerate(work["event_id"])}
    edits = edits if len(edits) else pd.DataFrame(columns=ORPHAN_COLUMNS[:-1])
    is_status = _review_rows(edits)
    unknown_event = ~edits["event_id"].isin(pos)
    unknown_field = ~is_status & ~edits["field"].isin([f for f in EDITABLE_FIELDS if f in work.columns])
    orphans = edits[unknown_event | unknown_field].copy()
    orphans["reason"] = ["event no longer extracted" if e not in pos else "field no longer in the table"
                         for e in orphans["event_id"]]
    orphans = orphans.reindex(columns=ORPHAN_COLUMNS).reset_index(drop=True)

    applied = edits[~(unknown_event | unknown_field | is_status)]
    latest = applied.drop_duplicates(["event_id", "field"], keep="last")
    edited: list[list[str]] = [[] for _ in range(len(work))]
    columns: dict[str, list] = {}
    for eid, field, value in zip(latest["event_id"], latest["field"], latest["new"]):
        col = columns.setdefault(field, work[field].tolist())
        col[pos[eid]] = value
        edited[pos[eid]].append(field)
    if "date_start" in columns and "date_precision" in work.columns:
        prec = columns.setdefault("date_precision", work["date_precision"].tolist())
        for i, fields in enumerate(edited):
            if "date_start" in fields and "date_precision" not in fields:
                prec[i] = _precision(columns["date_start"][i])
    for field, values in columns.items():
        work[field] = _typed(field, values, work[field].dtype)

    order = {f: i for i, f in enumerate(EDITABLE_FIELDS)}
    work["review_status"] = pd.Series([_status(state, e) for e in work["event_id"]], dtype="str")
    work["edited_fields"] = pd.Series([sorted(f, key=order.get) for f in edited], dtype="object")
    rejected = work["review_status"] == "rejected"
    return Curated(work[~rejected].reset_index(drop=True), work[rejected].reset_index(drop=True), orphans)


def _typed(field: str, values: list, dtype) -> pd.Series:
    if field in LIST_COLUMNS:
        return pd.Series([list(v) if isinstance(v, (list, tuple)) else [] for v in values], dtype="object")
    if field == "quantity":
        return pd.Series([pd.NA if v is None or v is pd.NA else int(v) for v in values], dtype="Int64")
    if field == "inferred":
        return pd.Series([bool(v) for v in values], dtype="bool")
    return pd.Series(["" if v is None else str(v) for v in values], dtype=dtype)


def review_reasons(row: Mapping) -> list[str]:
    """Why an event needs a human eye (empty: it does not).

    - "inferred": the text implies the event but does not state it;
    - "no date", "year-only date": missing or coarse date;
    - "sources disagree": `conflicts` is not empty;
    - low confidence, when the extractor filled too little to trust the row: "no countries";
      "one country" for a type that takes two parties (arms transfer, visit, agreement, bilateral
      exercise); "no name" for an exercise or an arms transfer.
    """
    reasons = []
    if bool(row.get("inferred")):
        reasons.append("inferred")
    if not row.get("date_start"):
        reasons.append("no date")
    elif row.get("date_precision") == "year":
        reasons.append("year-only date")
    if str(row.get("conflicts") or "").strip():
        reasons.append("sources disagree")
    countries = row.get("countries")
    n = len(countries) if isinstance(countries, (list, tuple)) else 0
    etype = row.get("event_type")
    if n == 0:
        reasons.append("no countries")
    elif n == 1 and (etype in BILATERAL or (etype == "exercise" and row.get("subtype") == "bilateral")):
        reasons.append("one country")
    if etype in NAMED and not str(row.get("name") or "").strip():
        reasons.append("no name")
    return reasons


def review_queue(table: pd.DataFrame, include_confirmed: bool = False) -> pd.DataFrame:
    """The events that need review, with a `reasons` column (a list). Confirming an event is how a
    reviewer clears it, so confirmed events are left out unless asked for."""
    reasons = pd.Series([review_reasons(r) for r in table.to_dict("records")], index=table.index, dtype="object")
    keep = reasons.map(bool)
    if not include_confirmed and "review_status" in table.columns:
        keep &= table["review_status"] != "confirmed"
    out = table[keep].copy()
    out["reasons"] = reasons[keep]
    return out.reset_index(drop=True)
