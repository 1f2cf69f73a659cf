"""Readable tables built from the events table: one function per view, no Streamlit."""
from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from urllib.parse import quote, unquote

import pandas as pd

from .dates import iso_span
from .labels import event_status, subtype_label, transfer_status, type_label

# The title rides in a link's fragment; ui.table shows it as the link's text (LinkColumn's display_text).
SOURCE_MARK = "#source="
SOURCE_DISPLAY = r"#source=([^#]*)$"
NOT_STATED = "not stated"

_EDITION = re.compile(r"^(?P<series>.*?\S)[\s-]+(?P<edition>\d+)$")


def _of_type(events: pd.DataFrame, event_type: str) -> pd.DataFrame:
    """One type's rows, oldest first, undated last."""
    return events[events["event_type"] == event_type].sort_values("when", kind="stable", na_position="last")


def _date_cell(rows: pd.DataFrame) -> pd.Series:
    """The date as a table shows it: ISO at its precision, so the column sorts as dates; blank when undated."""
    return pd.Series([iso_span(a, b) for a, b in zip(rows["date_start"].tolist(), rows["date_end"].tolist())],
                     index=rows.index, dtype="str")


def source_link(label: str, links: Mapping[str, str] | None = None) -> str:
    """A link to an article whose text (in a table) is its title: its own web address, or else the
    Sources page showing it."""
    href = (links or {}).get(label) or f"sources?article={quote(label, safe='')}"
    return f"{href}{SOURCE_MARK}{quote(label, safe='')}"


def link_title(cell: str) -> str:
    """The title a source link shows (the inverse of source_link, for tests and exports)."""
    return unquote(cell.rsplit(SOURCE_MARK, 1)[1]) if SOURCE_MARK in (cell or "") else (cell or "")


def _source_columns(rows: pd.DataFrame, links: Mapping[str, str] | None) -> dict[str, pd.Series]:
    """"Source": the first (primary) source as a link; "Also in": the other sources' titles."""
    sources = rows["sources"].tolist()
    made: dict[str, str] = {}  # thousands of rows name a few hundred articles: each link made once
    first = [(made.get(s[0]) or made.setdefault(s[0], source_link(s[0], links))) if len(s) else "" for s in sources]
    rest = [_join(list(s)[1:]) for s in sources]
    return {"Source": pd.Series(first, index=rows.index, dtype="str"),
            "Also in": pd.Series(rest, index=rows.index, dtype="str")}


def _join(values) -> str:
    return ", ".join(v for v in values if v)


def _arrow(a: str, b: str) -> str:
    if a and b:
        return f"{a} → {b}"
    return a or b


def _quantity(q, unit: str) -> str:
    return "" if pd.isna(q) else f"{int(q):,} {unit}".strip()


def _status(rows: pd.DataFrame) -> pd.Series:
    """The Status column: reported, planned or cancelled (a table without the column: reported)."""
    values = rows["status"] if "status" in rows.columns else pd.Series("", index=rows.index)
    return pd.Series([event_status(s) for s in values], index=rows.index, dtype="str")


def _review(status: str, edited) -> str:
    edited = ", ".join(edited) if len(edited) else ""
    return status + (f"; edited: {edited}" if edited else "")


def events_display(events: pd.DataFrame, links: Mapping[str, str] | None = None) -> pd.DataFrame:
    """Every filtered event, one row each, with columns a reader understands (and its review, when curated).
    `links` maps a source's title to its web address (Corpus.source_links)."""
    e = events
    out = pd.DataFrame({
        "Date": _date_cell(e),
        "Type": e["event_type"].map(type_label),
        "Kind": e["subtype"].map(subtype_label),
        "Name": e["name"],
        "Countries": e["countries"].map(_join),
        # what the analyst checks first, before the details: the sentence and where it came from
        "Evidence": e["evidence"],
        **_source_columns(e, links),
        "Status": _status(e),
        "From → to": [_arrow(a, b) for a, b in zip(e["actor1"], e["actor2"])],
        "People": e["people"].map(_join),
        "Organisations": e["organizations"].map(_join),
        "Place": e["location"],
        "Quantity": [_quantity(q, u) for q, u in zip(e["quantity"], e["quantity_unit"])],
        "Equipment": e["equipment"].map(_join),
        "Inferred": e["inferred"].astype(bool),
        "Said by": e["attributed_to"],
        "Event id": e["event_id"],
    }, index=e.index)
    if "review_status" in e.columns:
        out["Review"] = [_review(s, f) for s, f in zip(e["review_status"], e["edited_fields"])]
    return out.reset_index(drop=True)


def split_series(name: str) -> tuple[str, str]:
    """("Druzhba", "5") from "Druzhba-5", ("Kavkaz", "2020") from "Kavkaz-2020".

    The name is the contract's canonical `Series-N` / `Series-YYYY`; a name
    without a number is a series of its own.
    """
    name = (name or "").strip()
    m = _EDITION.match(name)
    if m:
        return m["series"].strip(" -"), m["edition"]
    return name, ""


def exercise_editions(events: pd.DataFrame,
                      country_of: Callable[[str], str] = lambda place: "") -> pd.DataFrame:
    """One row per exercise: series, edition, kind, host, participants, troops, dates and evidence.

    The host is actor1 (the contract's host/guest pair), else the country of
    the place it was held (a sea has none: then only the venue is known).
    """
    ex = events[events["event_type"] == "exercise"]
    parts = [split_series(n) for n in ex["name"]]
    hosts = [a or country_of(loc) or "" for a, loc in zip(ex["actor1"], ex["location"])]
    labels = [name or f"Unnamed exercise ({when})" for name, when in zip(ex["name"], ex["when_label"])]
    return pd.DataFrame({
        "event_id": ex["event_id"],
        "label": pd.Series(labels, index=ex.index, dtype="str"),
        "series": pd.Series([p[0] for p in parts], index=ex.index, dtype="str"),
        "edition": pd.Series([p[1] for p in parts], index=ex.index, dtype="str"),
        "kind": ex["subtype"],
        "host": pd.Series(hosts, index=ex.index, dtype="str"),
        "venue": ex["location"],
        "participants": ex["countries"].map(_join).astype("str"),
        "troops": pd.Series([_quantity(q, u) for q, u in zip(ex["quantity"], ex["quantity_unit"])],
                            index=ex.index, dtype="str"),
        "when": ex["when"], "when_end": ex["when_end"], "when_label": ex["when_label"],
        "inferred": ex["inferred"], "status": _status(ex), "evidence": ex["evidence"],
        "date_start": ex["date_start"], "date_end": ex["date_end"], "sources": ex["sources"],
    }).reset_index(drop=True)


def series_names(editions: pd.DataFrame) -> list[str]:
    """Named series, the one with most editions first (ties alphabetical)."""
    named = editions[editions["series"] != ""]
    counts = named.groupby("series").size()
    return sorted(counts.index, key=lambda s: (-counts[s], s))


def editions_display(editions: pd.DataFrame, links: Mapping[str, str] | None = None) -> pd.DataFrame:
    """Host and guests by name: the guests are the participants other than the host (all of them, with the
    host "not stated", when the text does not say who hosted)."""
    guests = [_join(p for p in parts.split(", ") if p != host) for parts, host in
              zip(editions["participants"], editions["host"])]
    return pd.DataFrame({
        "Exercise": editions["label"],
        "Dates": _date_cell(editions),
        "Host": editions["host"].replace("", NOT_STATED),
        "Guests": pd.Series(guests, index=editions.index, dtype="str"),
        "Evidence": editions["evidence"],
        **_source_columns(editions, links),
        "Kind": editions["kind"].map(subtype_label),
        "Venue": editions["venue"],
        "Troops": editions["troops"],
        "Status": _status(editions),
        "Stated or inferred": editions["inferred"].map({True: "inferred", False: "stated"}),
    })


def transfer_register(events: pd.DataFrame, links: Mapping[str, str] | None = None) -> pd.DataFrame:
    """Arms transfers in the manner of the SIPRI trade register, oldest first. Status is what became
    of the deal (delivered, ordered, agreed to supply) for a reported transfer, else planned or cancelled."""
    t = _of_type(events, "arms_transfer")
    equipment = [_join(eq) or name for eq, name in zip(t["equipment"], t["name"])]
    status = [(transfer_status(s) if st == "reported" else st.capitalize()) + (" (inferred)" if inf else "")
              for s, st, inf in zip(t["subtype"], _status(t), t["inferred"])]
    return pd.DataFrame({
        "Supplier": t["actor1"],
        "Recipient": t["actor2"],
        "Equipment": pd.Series(equipment, index=t.index, dtype="str"),
        "Quantity": pd.Series([_quantity(q, u) for q, u in zip(t["quantity"], t["quantity_unit"])],
                              index=t.index, dtype="str"),
        "Deal or delivery": t["subtype"].map(subtype_label),
        "Year": t["year"].map(lambda y: "" if pd.isna(y) else str(y)).astype("str"),
        "Date": _date_cell(t),
        "Status": pd.Series(status, index=t.index, dtype="str"),
        "Evidence": t["evidence"],
        **_source_columns(t, links),
    }).reset_index(drop=True)


def visits_display(events: pd.DataFrame, links: Mapping[str, str] | None = None) -> pd.DataFrame:
    """Who visited whom: visitor (actor1), host (actor2), people, offices, place and date."""
    v = _of_type(events, "visit")
    return pd.DataFrame({
        "Date": _date_cell(v),
        "Kind": v["subtype"].map(subtype_label),
        "Visitor": v["actor1"],
        "Host": v["actor2"],
        "People": v["people"].map(_join),
        "Evidence": v["evidence"],
        **_source_columns(v, links),
        "Offices": v["organizations"].map(_join),
        "Place": v["location"],
        "Status": _status(v),
    }).reset_index(drop=True)


def agreements_display(events: pd.DataFrame, links: Mapping[str, str] | None = None) -> pd.DataFrame:
    a = _of_type(events, "agreement")
    return pd.DataFrame({
        "Date": _date_cell(a),
        "Agreement": a["name"],
        "Kind": a["subtype"].map(subtype_label),
        "Parties": a["countries"].map(_join),
        "Evidence": a["evidence"],
        **_source_columns(a, links),
        "People": a["people"].map(_join),
        "Said by": a["attributed_to"],
        "Status": _status(a),
    }).reset_index(drop=True)


def article_events(events: pd.DataFrame, spans: pd.DataFrame, doc_id: str, label: str) -> pd.DataFrame:
    """Events read from one article, in order of their first evidence in its text, tagged E1, E2, …"""
    mine = spans[spans["doc_id"] == doc_id]
    first = mine.groupby("event_id")["start"].min()
    from_sources = events["sources"].map(lambda s: label in s).astype(bool)
    rows = events[events["event_id"].isin(first.index) | from_sources].copy()
    rows["first_start"] = rows["event_id"].map(first).astype("float64")
    rows = rows.sort_values(["first_start", "when"], kind="stable", na_position="last").reset_index(drop=True)
    rows["tag"] = [f"E{i}" for i in range(1, len(rows) + 1)]
    return rows.drop(columns="first_start")


def article_events_display(rows: pd.DataFrame) -> pd.DataFrame:
    return pd.DataFrame({
        "Tag": rows["tag"],
        "Type": rows["event_type"].map(type_label),
        "Kind": rows["subtype"].map(subtype_label),
        "Name": rows["name"],
        "Date": _date_cell(rows),
        "Countries": rows["countries"].map(_join),
        "Inferred": rows["inferred"].astype(bool),
        "Status": _status(rows),
        "Evidence": rows["evidence"],
    })


def headline(events: pd.DataFrame) -> dict:
    """The overview's metrics: reported events per type, planned and cancelled events apart (of any
    type), articles reporting them, years covered (by every dated event, planned ones included)."""
    years = events["year"].dropna()
    if len(years):
        first, last = int(years.min()), int(years.max())
        covered = str(first) if first == last else f"{first}–{last}"
    else:
        covered = "—"
    status = _status(events)
    return {
        "by_type": {t: int(n) for t, n in events.loc[status == "reported", "event_type"].value_counts().items()},
        "planned": int((status == "planned").sum()),
        "cancelled": int((status == "cancelled").sum()),
        "articles": len({s for lst in events["sources"] for s in lst}),
        "years": covered,
        "undated": int(events["when"].isna().sum()),
    }


def event_label(row) -> str:
    """One line naming an event for pickers and reports: "Druzhba-5 · Exercise · 8 Nov 2020 · Pakistan, Russia"."""
    kind = type_label(row.get("event_type", ""))
    when = str(row.get("when_label") or "").replace("undated", "") or "undated"
    countries = _join(row.get("countries") or [])
    parts = [str(row.get("name") or "").strip() or kind, kind if row.get("name") else "", when, countries]
    return " · ".join(p for p in parts if p)


def event_rows(events: pd.DataFrame) -> pd.DataFrame:
    """Short columns naming each event (for the review queue and the add report)."""
    return pd.DataFrame({
        "Event": [n or type_label(t) for n, t in zip(events["name"], events["event_type"])],
        "Date": _date_cell(events),
        "Type": events["event_type"].map(type_label),
        "Countries": events["countries"].map(_join),
        "Status": _status(events),
        "Event id": events["event_id"],
    }, index=events.index).reset_index(drop=True)
