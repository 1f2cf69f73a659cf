"""Events of several articles → one row per real-world event, keeping conflicting values."""
from __future__ import annotations

from .resolve import Event, _compatible, _uniq


def _same_event(a: Event, b: Event) -> bool:
    if a.event_type != b.event_type:
        return False
    if a.event_type == "exercise" and a.name and b.name:
        return a.name.lower() == b.name.lower()  # an edition's name identifies it
    if not _compatible(a.date_start, b.date_start):
        return False
    if a.name and b.name:
        # the same goods to another buyer ("S-400 to China", "S-400 to India") is another transfer
        parties = (a.actor2 == b.actor2 if a.actor2 and b.actor2 else bool(set(a.countries) & set(b.countries)))
        return a.name.lower() == b.name.lower() and a.subtype == b.subtype and parties
    if a.subtype != b.subtype or not (a.date_start and b.date_start):
        return False
    if a.people and b.people and not set(a.people) & set(b.people):
        return False
    shared = set(a.countries) & set(b.countries)
    return len(shared) >= 2 or (shared and set(a.countries) == set(b.countries))


def _note_conflict(a: Event, field_name: str, kept, other, b: Event) -> None:
    if kept not in ("", None) and other not in ("", None) and kept != other:
        a.conflicts.append(f"{field_name}: {kept} ({'; '.join(a.sources[:1])}) vs {other} ({'; '.join(b.sources[:1])})")


def _fold(a: Event, b: Event) -> None:
    """Fold b into a. a's values stand; b's differing ones are recorded in a.conflicts."""
    if a.inferred and not b.inferred:  # a report beats an inference: its date stands
        a.inferred = False
        a.date_start, a.date_precision, a.date_text = b.date_start, b.date_precision, b.date_text
    if b.date_start.startswith(a.date_start) and len(b.date_start) > len(a.date_start):
        a.date_start, a.date_precision, a.date_text = b.date_start, b.date_precision, b.date_text  # finer
    elif not a.date_start.startswith(b.date_start):
        _note_conflict(a, "date_start", a.date_start, b.date_start, b)
    _note_conflict(a, "date_end", a.date_end, b.date_end, b)
    a.date_end = a.date_end or b.date_end
    _note_conflict(a, "quantity", a.quantity, b.quantity, b)
    if a.quantity is None:
        a.quantity, a.quantity_unit = b.quantity, b.quantity_unit
    _note_conflict(a, "location", a.location, b.location, b)
    a.location = a.location or b.location
    a.subtype = a.subtype or b.subtype
    a.name = a.name or b.name
    a.actor1, a.actor2 = a.actor1 or b.actor1, a.actor2 or b.actor2
    a.attributed_to = a.attributed_to or b.attributed_to
    for f in ("countries", "people", "organizations", "equipment", "sources", "conflicts"):
        setattr(a, f, _uniq(getattr(a, f) + getattr(b, f)))
    a.countries = sorted(a.countries)
    a.sentences += [s for s in b.sentences if s not in a.sentences]


def _key(ev: Event) -> tuple:
    """Events that could be one share this key; `_same_event` decides among them."""
    if ev.name:
        sub = "" if ev.event_type == "exercise" else ev.subtype
        return (ev.event_type, sub, ev.name.lower())
    return (ev.event_type, ev.subtype, ev.date_start[:4])


def merge_events(per_article: list[list[Event]]) -> list[Event]:
    merged: list[Event] = []
    index: dict[tuple, list[Event]] = {}  # keeps merging linear in the corpus size
    for events in per_article:
        new: list[Event] = []
        for ev in events:
            # only fold into events of earlier articles: one article's rows are already distinct
            target = next((m for m in index.get(_key(ev), []) if _same_event(m, ev)), None)
            if target is None:
                new.append(ev)
            else:
                _fold(target, ev)
        for ev in new:
            merged.append(ev)
            index.setdefault(_key(ev), []).append(ev)
    return merged
