"""Mentions in one sentence → event frames: what happened, as far as this sentence says."""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from .lexicon import Lexicon, word_set
from .mentions import SentenceMentions, ordinal_value, roman_to_int
from .model import Mention, TimeValue

# How much a sentence's date can be trusted as the event's date, highest first.
PRIORITY_START, PRIORITY_PLAIN, PRIORITY_ARRIVAL, PRIORITY_ANAPHOR = 3, 2, 1, 0


@dataclass
class Frame:
    event_type: str
    subtype: str
    sm: SentenceMentions
    trigger: Mention | None = None
    name: str = ""
    series: str = ""
    edition: int | None = None
    year_hint: int | None = None
    time: TimeValue | None = None
    end: TimeValue | None = None
    priority: int = PRIORITY_PLAIN
    countries: list[str] = field(default_factory=list)
    actor1: str = ""
    actor2: str = ""
    people: list[str] = field(default_factory=list)
    organizations: list[str] = field(default_factory=list)
    location: str = ""
    quantity: int | None = None
    quantity_unit: str = ""
    equipment: list[str] = field(default_factory=list)
    attributed_to: str = ""
    anaphoric: bool = False
    needs_pair: bool = False  # "the two countries": the article's main pair takes part
    # series statements ("held annually since 2016")
    since: TimeValue | None = None
    period: int | None = None


def _uniq(items):
    return list(dict.fromkeys(x for x in items if x))


def countries_of(sm: SentenceMentions, lex: Lexicon, start: int = 0, end: int | None = None) -> list[str]:
    """Countries named in [start, end): names, demonyms, capitals, bodies, and organisations' countries."""
    end = len(sm.text) if end is None else end
    found = []
    for m in sorted(sm.entities, key=lambda m: m.start):
        if not (start <= m.start < end):
            continue
        if m.kind == "country":
            found.append(m.canonical)
        elif m.kind == "organization":
            found.append(lex.organizations.get(m.canonical, {}).get("country", ""))
    return _uniq(found)


def _first_country_after(sm: SentenceMentions, lex: Lexicon, pos: int, words: tuple[str, ...], window: int = 40):
    """The country right after one of `words` ("from Russia", "to Pakistan") that follows `pos`."""
    text = sm.text
    for m in re.finditer(r"\b(" + "|".join(words) + r")\s+(?:the\s+)?", text[pos:]):
        at = pos + m.end()
        for c in sorted(sm.entities, key=lambda e: e.start):
            if c.kind == "country" and at <= c.start <= at + 2:
                return c.canonical
    return ""


def attribution(sm: SentenceMentions) -> str:
    text = sm.text
    m = re.search(r"according to\s+(?:the\s+)?([^,;:\"“”]+?)(?:[,;:\"“”]|\.(?=\s|$)|$)", text)
    if m:
        return m.group(1).strip().rstrip(".")
    m = re.search(r"(?:^|[,\"“”]\s*|\b(?:of|by)\s+)(?:the\s+|a\s+)?((?:[\w.\-’']+\s+){0,5}?[\w.\-’']+)\s+(?:said|says|stated|announced|reported|told)\b",
                  text)
    if m:
        who = re.sub(r"^(?:the|a|an)\s+", "", m.group(1).strip(), flags=re.I)
        if who.lower() not in {"he", "she", "it", "they", "we", "i", "officials", "statement"} and len(who) > 2:
            return who
    m = re.search(r"\b(?:said|says|stated)\s+(?:the\s+)?((?:[A-Z][\w.\-’']*\s*){1,6})", text)
    if m and not text[m.end(1):].strip().startswith(("that",)):
        return m.group(1).strip()
    return ""


def _choose_times(sm: SentenceMentions, anchor: int) -> tuple[TimeValue | None, TimeValue | None, TimeValue | None, int | None]:
    """(point or range, end, since, year hint) nearest the trigger."""
    def near(t):
        return abs(t.char_start - anchor)

    points = sorted((t for t in sm.times if t.role in ("point", "range")), key=near)
    ends = sorted((t for t in sm.times if t.role == "end"), key=near)
    since = [t for t in sm.times if t.role == "since"]
    hints = [t for t in sm.times if t.role == "hint" and t.start]
    hint = int(hints[0].start[:4]) if hints else None
    return (points[0] if points else None, ends[0] if ends else None, since[0] if since else None, hint)


def _date_priority(sm: SentenceMentions) -> int:
    if sm.has_cue("start"):
        return PRIORITY_START
    if sm.has_cue("arrival"):
        return PRIORITY_ARRIVAL
    return PRIORITY_PLAIN


def _is_definite(sm: SentenceMentions, trig: Mention, lex: Lexicon) -> bool:
    """'the exercise', 'The joint military exercise', 'this drill' (up to three words between)."""
    before = sm.text[:trig.start].split()[-4:]
    dets = word_set(lex, "cues", "anaphoric_determiners")
    for i in range(len(before) - 1, -1, -1):
        w = before[i].lower().strip("\"'“”‘’(")
        if w in dets:
            return True
        if not re.fullmatch(r"[a-z\-]+", w):
            return False
    return False


def _location(sm: SentenceMentions, lex: Lexicon, after: int = 0) -> str:
    """A place after 'in'/'at'/'near'/'off' (gazetteer place first, then a country)."""
    text = sm.text
    best = ""
    for m in sorted(sm.entities, key=lambda e: e.start):
        if m.kind not in ("place", "country") or m.start < after:
            continue
        if m.attr("flag") in ("demonym", "body"):
            continue
        prefix = text[max(0, m.start - 12):m.start].lower()
        if re.search(r"\b(?:in|at|near|off|to|visited|visit|from)\s+(?:the\s+)?$", prefix):
            if m.kind == "place":
                return m.canonical if m.text.lower() == m.canonical.lower() else m.text
            best = best or m.canonical
    return best


def _edition_near(sm: SentenceMentions, series_end: int | None) -> tuple[int | None, int | None]:
    """(edition, year) from 'Druzhba-5', 'DRUZHBA-V', 'Kavkaz-2020', '5th round', 'fourth edition'."""
    text = sm.text
    if series_end is not None:
        m = re.match(r"\s*[-–]?\s*(\d{1,4}|[IVXLC]{1,6})\b(?![-–]\w)", text[series_end:])
        if m:
            tok = m.group(1)
            if tok.isdigit():
                n = int(tok)
                if 1900 <= n <= 2100:
                    return None, n
                if n < 200:
                    return n, None
            else:
                r = roman_to_int(tok)
                if r:
                    return r, None
    nouns = [c for c in sm.cues if c.canonical == "edition_noun"] + [t for t in sm.triggers if t.kind == "exercise"]
    for n in nouns:
        words = re.findall(r"[\w\-]+", text[:n.start])[-3:]
        for w in reversed(words):
            val = ordinal_value(w)
            if val:
                return val, None
    return None, None


def _series_mentions(sm: SentenceMentions) -> list[Mention]:
    out = []
    for m in sm.of("series"):
        if m.attr("flag") == "weak":
            before = sm.text[max(0, m.start - 1):m.start]
            after = sm.text[m.end:m.end + 2]
            if not (before in "'\"“‘(" and before) and not re.match(r"[-–]\s?\w", after):
                continue
        out.append(m)
    return out


def exercise_frames(sm: SentenceMentions, lex: Lexicon) -> list[Frame]:
    triggers = [t for t in sm.triggers if t.kind == "exercise"]
    series = _series_mentions(sm)
    if not triggers and not series:
        return []
    anchor = (series or triggers)[0].start
    point, end, since, hint = _choose_times(sm, anchor)
    recurrence = [c.attr("value") for c in sm.cues if c.canonical == "recurrence"]
    s_name = series[0].canonical if series else ""
    edition, year = None, None
    for s in series:
        edition, year = _edition_near(sm, s.end)
        if edition or year:
            break
    if not series:
        edition, _ = _edition_near(sm, None)
    info = lex.series.get(s_name, {})
    f = Frame("exercise", "", sm, trigger=(triggers or series)[0], series=s_name, edition=edition,
              year_hint=year or hint, priority=_date_priority(sm))
    if series and not edition and not year and (recurrence or since) and not point:
        f.since, f.period = since, (recurrence[0] if recurrence else 1)
        f.event_type = "series"  # a statement about the series, not an event
        return [f]
    f.time, f.end = point, end
    text_countries = countries_of(sm, lex)
    if info.get("kind") == "bilateral":
        text_countries += info.get("participants", [])
    f.countries = _uniq(text_countries)
    multi = sm.has_cue("multilateral") or info.get("kind") == "multilateral" or len(f.countries) > 2
    f.subtype = "multilateral" if multi else "bilateral"
    f.location = _location(sm, lex)
    if f.location in lex.places:
        f.countries = _uniq(f.countries + [lex.places[f.location].get("country", "")])
    troops = [q for q in sm.quantities if q.attr("troops")]
    if troops:
        f.quantity, f.quantity_unit = int(troops[0].canonical), "troops"
    f.needs_pair = sm.has_cue("pair") or len(f.countries) < 2
    if not series and not edition:
        if _is_definite(sm, triggers[0], lex):
            f.anaphoric, f.priority = True, PRIORITY_ANAPHOR
        elif point is None and end is None and not countries_of(sm, lex):
            return []  # "exercises like these build trust": no event
    return [f]


def _equipment_name(sm: SentenceMentions, after: int) -> list[str]:
    eq = sorted(sm.of("equipment"), key=lambda m: (m.start < after, m.start))
    return _uniq(m.canonical for m in eq)


def arms_frames(sm: SentenceMentions, lex: Lexicon) -> list[Frame]:
    triggers = [t for t in sm.triggers if t.kind == "arms_transfer"]
    equipment = sm.of("equipment")
    if not triggers or not equipment:
        return []
    trig = triggers[0]
    subtype, direction = trig.attr("detail")
    f = Frame("arms_transfer", subtype, sm, trigger=trig, priority=_date_priority(sm))
    names = _equipment_name(sm, trig.start)
    f.name, f.equipment = names[0], sorted(set(names), key=names.index)
    point, _, _, _ = _choose_times(sm, trig.start)
    f.time = point
    before = countries_of(sm, lex, 0, trig.start)
    after = countries_of(sm, lex, trig.end)
    from_c = _first_country_after(sm, lex, trig.start, ("from", "by"))
    to_c = _first_country_after(sm, lex, trig.start, ("to", "for", "with"))
    if direction == "recipient":
        recipient = before[0] if before else to_c
        supplier = from_c or next((c for c in after if c != recipient), "")
    else:
        supplier = before[-1] if before else from_c
        recipient = to_c or ""
        f.needs_pair = not recipient
        if not recipient:
            others = [c for c in after if c != supplier]
            f.countries = others  # candidates; the article's main pair decides
    if not supplier:
        origin = lex.equipment.get(f.name, {}).get("origin", [])
        supplier = origin[0] if len(origin) == 1 and origin[0] != recipient else ""
    f.actor1, f.actor2 = supplier, recipient
    f.countries = _uniq([supplier, recipient]) if recipient else f.countries
    kinds = [q for q in sm.quantities if not q.attr("troops")]
    if kinds:
        f.quantity, f.quantity_unit = int(kinds[0].canonical), kinds[0].attr("unit")
    f.organizations = _uniq(m.canonical for m in sm.of("organization")
                            if lex.organizations.get(m.canonical, {}).get("kind") not in ("media",))
    return [f]


def visit_frames(sm: SentenceMentions, lex: Lexicon) -> list[Frame]:
    triggers = [t for t in sm.triggers if t.kind == "visit"]
    if not triggers:
        return []
    official = [t for t in triggers if t.attr("detail") == "official_visit"]
    trig = (official or triggers)[0]
    f = Frame("visit", trig.attr("detail"), sm, trigger=trig, priority=_date_priority(sm))
    f.time, _, _, _ = _choose_times(sm, trig.start)
    f.people = _uniq(p.canonical for p in sm.people)
    orgs = sm.of("organization")
    f.organizations = _uniq(m.canonical for m in orgs
                            if lex.organizations.get(m.canonical, {}).get("kind") not in ("media",))
    before = countries_of(sm, lex, 0, trig.start)
    host_words = ("visited", "visit to", "visits", "visiting", "trip to", "arrived in", "in", "to")
    if f.subtype == "official_visit":
        host = _first_country_after(sm, lex, trig.start, ("visited", "visit to", "visits", "visiting",
                                                          "trip to", "to", "in")) or \
            next(iter(countries_of(sm, lex, trig.start, trig.end + 25)), "")
        visitor = next((c for c in before if c != host), "")
        f.actor1, f.actor2 = visitor, host
        f.location = _location(sm, lex, trig.start) or host
    else:
        m = re.search(r"meeting of (?:the\s+)?", sm.text[trig.start:])
        after_of = [o for o in orgs if m and o.start >= trig.start + m.end() - 1]
        if after_of:
            f.name = after_of[0].canonical
        f.location = _location(sm, lex)
    del host_words
    f.countries = _uniq([f.actor1, f.actor2] + countries_of(sm, lex))
    f.needs_pair = len(f.countries) < 2
    if _is_definite(sm, trig, lex) and not f.people and f.time is None and not f.name:
        f.anaphoric = True
    if not (f.people or f.countries or f.name):
        return []
    return [f]


def _agreement_name(sm: SentenceMentions, trig: Mention, lex: Lexicon) -> str:
    words = word_set(lex, "agreement", "name_words")
    before = re.findall(r"[\w\-]+", sm.text[:trig.start])
    kept = []
    for w in reversed(before):
        if w.lower() in words:
            kept.insert(0, w)
        else:
            break
    return " ".join(kept + [trig.text]).strip()


def _agreement_subtype(name: str, lex: Lexicon) -> str:
    low = name.lower()
    for rule in lex.events.get("agreement", {}).get("subtype", []):
        if any(w in low for w in rule["words"]):
            return rule["subtype"]
    return "other"


def agreement_frames(sm: SentenceMentions, lex: Lexicon, arms: list[Frame]) -> list[Frame]:
    triggers = [t for t in sm.triggers if t.kind == "agreement"]
    if arms:
        # "a deal for S-400s" is the arms transfer itself
        triggers = [t for t in triggers if t.text.lower() not in ("deal", "contract")]
    if not triggers:
        return []
    trig = triggers[0]
    f = Frame("agreement", "", sm, trigger=trig, priority=_date_priority(sm))
    f.name = _agreement_name(sm, trig, lex)
    f.subtype = _agreement_subtype(f.name, lex)
    f.time, _, _, _ = _choose_times(sm, trig.start)
    f.countries = countries_of(sm, lex)
    f.needs_pair = len(f.countries) < 2
    signed = sm.has_cue("signing")
    if _is_definite(sm, trig, lex) and f.time is None:
        f.anaphoric = True
    elif not signed and f.time is None:
        return []
    return [f]


def policy_frames(sm: SentenceMentions, lex: Lexicon) -> list[Frame]:
    triggers = [t for t in sm.triggers if t.kind == "policy"]
    out = []
    for trig in triggers:
        subtype, name = trig.attr("detail")
        if subtype.startswith("cooperation"):
            objs = [c for c in sm.cues if c.canonical == "policy_object" and trig.end <= c.start <= trig.end + 60]
            if not objs:
                continue
            obj = objs[0]
            phrase = sm.text[trig.end:obj.end]
            name = re.sub(r"^\s*(?:of\s+)?(?:all\s+|the\s+|its\s+|their\s+)*", "", phrase).strip()
        f = Frame("policy", subtype, sm, trigger=trig, name=name, priority=_date_priority(sm))
        f.time, _, _, _ = _choose_times(sm, trig.start)
        before = countries_of(sm, lex, 0, trig.start)
        after = countries_of(sm, lex, trig.end)
        f.actor1 = before[0] if before else ""
        f.actor2 = next((c for c in after if c != f.actor1), "")
        f.countries = _uniq(before + [f.actor2])
        f.needs_pair = len(f.countries) < 2
        out.append(f)
        break
    return out


def sentence_frames(sm: SentenceMentions, lex: Lexicon) -> list[Frame]:
    arms = arms_frames(sm, lex)
    frames = exercise_frames(sm, lex) + arms + visit_frames(sm, lex) + \
        agreement_frames(sm, lex, arms) + policy_frames(sm, lex)
    who = attribution(sm)
    for f in frames:
        f.attributed_to = who
        if not f.organizations:
            f.organizations = _uniq(m.canonical for m in sm.of("organization")
                                    if m.attr("flag") == "generic" or
                                    lex.organizations.get(m.canonical, {}).get("kind") in ("company", "multilateral"))
    return frames
