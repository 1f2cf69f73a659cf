"""The events table's columns and ids (see EVENTS_SCHEMA.md); no pandas here, so the CLI starts fast."""
from __future__ import annotations

import hashlib

COLUMNS = [
    "event_id", "event_type", "subtype", "name",
    "date_start", "date_end", "date_precision", "date_text",
    "countries", "actor1", "actor2", "people", "organizations", "location",
    "quantity", "quantity_unit", "equipment", "inferred", "status",
    "sources", "source_count", "attributed_to", "evidence",
    "conflicts",  # beyond the contract: values other sources gave, "field: kept (source) vs other (source)"
]
LIST_COLUMNS = ["countries", "people", "organizations", "equipment", "sources"]
STR_COLUMNS = [c for c in COLUMNS if c not in LIST_COLUMNS + ["quantity", "inferred", "source_count"]]
EVIDENCE_JOINER = " | "
STATUSES = ("reported", "planned", "cancelled")  # what the text says of the event itself


def event_id(*parts: object) -> str:
    """Stable id from the fields that identify an event (same text, same id)."""
    key = "\x1f".join("" if p is None else str(p) for p in parts)
    return "ev_" + hashlib.sha1(key.encode("utf-8")).hexdigest()[:12]


def csv_row(record: dict) -> dict:
    """A record as the CSV form of the contract has it: lists ';'-joined, empty for missing."""
    out = {}
    for col in COLUMNS:
        v = record.get(col)
        out[col] = ";".join(v) if col in LIST_COLUMNS else ("" if v is None else v)
    return out
