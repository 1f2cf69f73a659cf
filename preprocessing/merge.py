"""Events of several articles → one row per real-world event, each value the best supported.

Articles are merged in a canonical order (publication date, then title, then file name), so the
table is the same whatever order the files come in. Each value of a merged row is the one the most
distinct sources give; ties go to the more precise value, then to a primary source (the armed forces'
or a ministry's own statement), then to the earlier-published one. Every other value stays in
`conflicts`, with the sources that gave it.
"""
from __future__ import annotations

import copy
import threading
from collections import OrderedDict, defaultdict
from datetime import date

from .resolve import Event, _compatible, _uniq

STATUS_RANK = {"reported": 0, "cancelled": 1, "planned": 2}  # a report that it was held wins


def _same_event(a: Event, b: Event) -> bool:
    if a.event_type != b.event_type:
        return False
    if a.event_type == "exercise" and a.name and b.name and a.name.lower() == b.name.lower():
        return True  # an edition's name identifies it
    if a.event_type == "exercise" and a.series and a.series == b.series and not (
            a.edition and b.edition and a.edition != b.edition):
        # "Shaheen-2023" and "Shaheen-X", or "#SHAHEEN began on Sunday": one edition when the months agree
        return bool(a.date_start and b.date_start) and _compatible(a.date_start[:7], b.date_start[:7])
    if a.event_type == "exercise" and a.name and b.name:
        return False
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
    if set(a.people) & set(b.people) and a.date_start == b.date_start:
        return True  # the same person, the same day: "will visit Moscow on December 5", then "visited"
    shared = set(a.countries) & set(b.countries)
    return len(shared) >= 2 or (shared and set(a.countries) == set(b.countries))


def _key(ev: Event) -> tuple:
    """Events that could be one share this key; `_same_event` decides among them."""
    if ev.event_type == "exercise" and ev.series:
        return ("exercise", "", ev.series.lower())
    if ev.event_type == "agreement":  # outlets name one pact many ways, a Russian report not at all
        return (ev.event_type, ev.subtype, ev.date_start[:4])
    if ev.name:
        sub = "" if ev.event_type == "exercise" else ev.subtype
        return (ev.event_type, sub, ev.name.lower())
    return (ev.event_type, ev.subtype, ev.date_start[:4])


def _order(ev: Event) -> tuple:
    """Reports in canonical order: primary sources first, then the earlier published."""
    return (not ev.primary, ev.published or "9999", ev.sources[:1])


def _precision_rank(value) -> int:
    return len(value) if isinstance(value, str) else 0


def _pick(reports: list[Event], field: str, dated: bool = False) -> tuple[object, list[str]]:
    """(best supported value, conflict notes) of one field across the reports of one event."""
    support: dict[object, list[Event]] = defaultdict(list)
    for r in reports:
        v = getattr(r, field)
        if v not in ("", None):
            support[v].append(r)
    if not support:
        return (None if field == "quantity" else ""), []

    own = {v: {s for r in rr for s in r.sources} for v, rr in support.items()}

    def backing(v) -> set[str]:
        # a coarser date does not contradict a finer one: "2020-11" backs "2020-11-08" (not the reverse)
        if not dated:
            return own[v]
        return set().union(*(srcs for w, srcs in own.items() if v.startswith(w)))

    def rank(v):
        first = min(_order(r) for r in support[v])
        return (-len(backing(v)), -_precision_rank(v) if dated else 0, first)

    ranked = sorted(support, key=rank)
    best = ranked[0]
    notes = []
    for v in ranked:
        if v == best or (dated and _compatible(v, best)) or (field == "location" and _same_place(v, best)):
            continue
        srcs = _uniq(s for r in sorted(support[v], key=_order) for s in r.sources)
        notes.append(f"{v} ({'; '.join(srcs)})")
    if notes:
        srcs = _uniq(s for r in sorted(support[best], key=_order) for s in r.sources)
        return best, [f"{field}: {best} ({'; '.join(srcs)}) vs " + " vs ".join(notes)]
    return best, []


def _same_place(a: str, b: str) -> bool:
    """"Molkino" and "Molkino training ground", "Prudboy" and "the Prudboy ranges": one place told two ways
    (a gazetteer name and the words an outlet wrapped round it) is no disagreement."""
    a, b = a.lower(), b.lower()
    return a in b or b in a


def _combine(reports: list[Event]) -> Event:
    """One row from the reports of one event."""
    reports = sorted(reports, key=_order)
    told = [r for r in reports if not r.inferred] or reports  # a report beats an inference
    if len(reports) == 1:
        return reports[0]
    row = copy.copy(told[0])  # every list field is rebuilt below, so a shallow copy shares nothing mutated
    conflicts: list[str] = []
    row.date_start, notes = _pick(told, "date_start", dated=True)
    conflicts += notes
    for r in sorted(told, key=_order):
        if r.date_start == row.date_start:
            row.date_precision, row.date_text = r.date_precision, r.date_text
            break
    row.date_end, notes = _pick(told, "date_end", dated=True)
    conflicts += notes
    countries = {c for r in reports for c in r.countries}
    for f in ("quantity", "location", "subtype", "name", "actor1", "actor2", "attributed_to"):
        pool = told
        if f == "location" and any(r.location and r.location not in countries for r in told):
            pool = [r for r in told if r.location not in countries]  # "Tarbela" is finer than "Pakistan"
        value, notes = _pick(pool, f)
        setattr(row, f, value)
        if f in ("quantity", "location") or (f == "name" and len({r.series for r in told}) > 1):
            conflicts += notes  # and an edition's other names ("Power-2024" beside "Shakti-2024")
    if row.quantity is not None:
        row.quantity_unit = next((r.quantity_unit for r in told if r.quantity == row.quantity), "")
    row.inferred = all(r.inferred for r in reports)
    row.status = min((r.status for r in told), key=lambda s: STATUS_RANK.get(s, 0))
    for f in ("countries", "people", "organizations", "equipment", "sources"):
        setattr(row, f, _uniq(x for r in reports for x in getattr(r, f)))
    if len(row.sources) >= 3:
        # many outlets: a country only one of them names ("India" in an aside) is not a party
        backers = {c: {s for r in reports if c in r.countries for s in r.sources} for c in row.countries}
        row.countries = [c for c in row.countries if len(backers[c]) >= 2] or row.countries
    row.countries = sorted(row.countries)
    row.conflicts = _uniq([c for r in reports for c in r.conflicts] + conflicts)
    row.sentences = list(dict.fromkeys(s for r in reports for s in r.sentences))
    return row


def merge_events(per_article: list[list[Event]]) -> list[Event]:
    """One event per cluster of reports; articles are taken in canonical order."""
    order = sorted(range(len(per_article)), key=lambda i: min(
        ((e.published or "9999", e.sources[:1], e.sentences[0].doc_id if e.sentences else "")
         for e in per_article[i]), default=("", [], "")))
    clusters: list[list[Event]] = []
    # key → token → the numbers of the clusters whose first or a later report has that token: only
    # those can match (see _tokens), so merging stays near linear in the corpus size
    index: dict[tuple, dict[tuple, list[int]]] = {}
    for i in order:
        new: list[tuple[list[Event], list[tuple]]] = []
        for ev in per_article[i]:
            # only fold into events of other articles: one article's rows are already distinct
            # against the first and the latest report of each cluster: linear, not quadratic, in its size
            asking, filing = _tokens(ev)
            by_token = index.get(_key(ev), {})
            candidates = sorted({n for t in asking for n in by_token.get(t, ())})
            target = next((n for n in candidates if _same_event(clusters[n][0], ev)
                           or (len(clusters[n]) > 1 and _same_event(clusters[n][-1], ev))), None)
            if target is None:
                new.append(([ev], filing))
            else:
                clusters[target].append(ev)
                for t in filing:
                    by_token.setdefault(t, []).append(target)
        for c, filing in new:
            clusters.append(c)
            by_token = index.setdefault(_key(c[0]), {})
            for t in filing:
                by_token.setdefault(t, []).append(len(clusters) - 1)
    return [_combined(c) for c in _fold_unnamed_exercises(clusters)]


# Rows already combined, by the very report objects they came from: a merge after one article is added
# (whose other articles' events come from preprocessing.cache's memory) combines only the clusters
# that changed. The same reports in the same order give the same row, so the table is unchanged.
_COMBINED: OrderedDict[tuple[int, ...], tuple[tuple[Event, ...], Event]] = OrderedDict()
_COMBINED_MAX = 50_000
_COMBINED_LOCK = threading.Lock()


def _combined(reports: list[Event]) -> Event:
    if len(reports) == 1:
        return reports[0]
    key = tuple(map(id, reports))
    with _COMBINED_LOCK:
        hit = _COMBINED.get(key)
        if hit is not None and all(a is b for a, b in zip(hit[0], reports)):
            _COMBINED.move_to_end(key)
            return hit[1]
    row = _combine(reports)
    with _COMBINED_LOCK:
        _COMBINED[key] = (tuple(reports), row)  # the reports kept alive, so their ids stay theirs
        while len(_COMBINED) > _COMBINED_MAX:
            _COMBINED.popitem(last=False)
    return row


def _tokens(ev: Event) -> tuple[list[tuple], list[tuple]]:
    """(what to look under for reports that could be this one, what to file it under).

    What two reports must share for `_same_event` to hold: an exercise's name; another event's name
    and a time that could be the same; or such a time and the same series, a shared country or a shared
    person. A necessary condition, never a sufficient one. A report is filed under its year ("y") and
    its month ("m"), or, when it gives only a year, as year-only ("yo"); undated, under "". A month
    looks under its month, the year-only reports of its year and ""; a year under the whole year and ""."""
    name = ev.name.lower()
    other = ev.event_type != "exercise"  # another event's name matches only at a compatible time
    if not ev.date_start:
        if not name:
            return [], []
        return [("name", name)], [("name", name)] + ([("named", name, "")] if other else [])
    year, month = ev.date_start[:4], ev.date_start[:7]
    if len(month) == 7:
        ask_times, file_times = (("m", month), ("yo", year)), (("y", year), ("m", month))
    else:
        ask_times, file_times = (("y", year),), (("y", year), ("yo", year))
    keys = [("country", c) for c in ev.countries] + [("person", p) for p in ev.people]
    if ev.event_type == "exercise" and ev.series:
        keys.append(("series", ev.series))
    if name and other:
        keys.append(("named", name))
    asking = [(*k, t) for t in ask_times for k in keys]
    filing = [(*k, t) for t in file_times for k in keys]
    if name:
        filing.append(("name", name))  # the undated with this name look here
        asking.append(("named", name, "") if other else ("name", name))
    return asking, filing


def _sources(cluster: list[Event]) -> int:
    return len({s for e in cluster for s in e.sources})


def _fold_unnamed_exercises(clusters: list[list[Event]]) -> list[list[Event]]:
    """"Pakistani and Russian troops began a joint drill on Sunday" in one outlet is the named
    edition another outlet reports for the same pair and month, when exactly one fits."""
    named: dict[tuple, list[list[Event]]] = defaultdict(list)
    for c in clusters:
        if c[0].event_type == "exercise" and c[0].series and c[0].date_start:
            named[(c[0].date_start[:7], tuple(sorted(c[0].countries)))].append(c)
    if not named:
        return clusters
    by_day: dict[str, list[list[Event]]] = defaultdict(list)  # the same lists, found by day and by month
    by_month: dict[str, list[tuple[tuple, list[Event]]]] = defaultdict(list)
    for (month, pair), ks in named.items():
        for k in ks:
            by_day[k[0].date_start].append(k)
            by_month[month].append((pair, k))
    out = []
    for c in clusters:
        ev = c[0]
        if ev.event_type == "exercise" and ev.series and not ev.date_start and not ev.inferred and ev.published:
            # "Now in its 19th iteration, Yudh Abhyas alternates ...", undated in a September 2023 report:
            # the one edition of that series the corpus dates around then
            year = int(ev.published[:4])
            near = [k for (month, _), ks in named.items() for k in ks if k[0].series == ev.series
                    and year - 1 <= int(month[:4]) <= year and k is not c]
            same_year = [k for k in near if k[0].date_start[:4] == ev.published[:4]]
            near = same_year if len(same_year) == 1 else near
            if len(near) == 1:
                near[0].extend(c)
                continue
        if ev.event_type == "exercise" and ev.series and len(ev.date_start) == 10 and len(ev.countries) >= 2:
            # "Power-2024 - Shakti" in one outlet, "Shakti-2024" in thirteen: another name of the edition that
            # the same pair began the same day, folded into the name more sources give
            rivals = [k for k in by_day[ev.date_start] if k is not c and k[0].series != ev.series
                      and sorted(k[0].countries) == sorted(ev.countries)]
            bigger = [k for k in rivals if _sources(k) > _sources(c) or (_sources(k) == _sources(c) and (
                k[0].published or "9999") < (ev.published or "9999"))]
            if len(rivals) == 1 and bigger:
                bigger[0].extend(c)
                continue
        if ev.event_type == "exercise" and not ev.series and not ev.name and not ev.date_start and ev.published \
                and len(ev.countries) >= 2 and not ev.inferred:
            # "China and Pakistan wrapped up a week of naval drills": the pair's edition held about then
            around = [k for ks in named.values() for k in ks if set(ev.countries) <= set(k[0].countries) and (
                abs((date.fromisoformat(k[0].date_start) - date.fromisoformat(ev.published)).days) <= 21
                if len(k[0].date_start) == 10 else k[0].date_start[:7] == ev.published[:7])]
            if len(around) == 1:
                around[0].extend(c)
                continue
        if ev.event_type == "exercise" and not ev.series and not ev.name and len(ev.date_start) >= 7:
            # the same pair, or one side of it ("Indian troops landed in Alaska on Saturday")
            fits = [k for pair, k in by_month[ev.date_start[:7]] if ev.countries and set(ev.countries) <= set(pair)]
            if len(fits) == 1 and ev.subtype == fits[0][0].subtype:
                fits[0].extend(c)
                continue
        out.append(c)
    return out
