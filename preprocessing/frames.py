"""Mentions in one sentence → event frames: what happened, as far as this sentence says."""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, timedelta

from .lexicon import Lexicon, word_set
from .mentions import NUMBER_WORDS, SentenceMentions, ordinal_value, roman_to_int
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
    anaphoric: bool = False  # refers back to an event already told ("the exercise")
    definite: bool = False  # "the drill, dubbed X": names an event already told
    sibling: bool = False  # "the previous patrol": another edition of the article's exercise
    troops_only: bool = False  # "A contingent of 250 personnel ...": belongs to the article's exercise
    needs_equipment: bool = False  # "ordered 25 of the jets": the equipment was named before
    context_equipment: str = ""  # the equipment the article named last before this sentence
    anaphor_category: str = ""  # what "the jets" are: a category from equipment.toml, or a plain noun
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


def _first_country_after(sm: SentenceMentions, lex: Lexicon, pos: int, words: tuple[str, ...],
                         end: int | None = None):
    """The country right after one of `words` ("from Russia", "to Pakistan") between `pos` and `end`."""
    text = sm.text[:end] if end is not None else sm.text
    # "to the Government of India", "for the Pakistan Navy"
    for m in re.finditer(r"\b(" + "|".join(words) + r")\s+(?:the\s+)?(?:(?:government|people|armed forces|"
                         r"army|navy|air force|military) of\s+(?:the\s+)?)?", text[pos:], re.I):
        at = pos + m.end()
        for c in sorted(sm.entities, key=lambda e: e.start):
            if at <= c.start <= at + 2:
                if c.kind == "country":
                    return c.canonical
                if c.kind == "organization" and lex.organizations.get(c.canonical, {}).get("country"):
                    return lex.organizations[c.canonical]["country"]  # "to the Pakistan Navy"
    return ""


def _position(sm: SentenceMentions, country: str, start: int) -> int:
    """Where a country (by any of its names) is first mentioned at or after `start`."""
    return next((m.start for m in sorted(sm.entities, key=lambda m: m.start)
                 if m.kind == "country" and m.canonical == country and m.start >= start), start)


def attribution(sm: SentenceMentions) -> str:
    text = sm.text
    m = re.search(r"according to\s+(?:the\s+)?([^,;:\"“”]+?)(?:[,;:\"“”]|\.(?=\s|$)|$)", text)
    if m:
        return m.group(1).strip().rstrip(".")
    m = re.search(r"(?:^|[,\"“”]\s*|\b(?:of|by)\s+)(?:the\s+|a\s+)?((?:[\w.\-’']+\s+){0,5}?[\w.\-’']+)\s+(?:(?:has|have|had|was|were)\s+)?(?:said|says|stated|announced|reported|told|quoted)\b",
                  text)
    if m:
        who = re.sub(r"^(?:the|a|an)\s+", "", m.group(1).strip(), flags=re.I)
        if who.lower() not in {"he", "she", "it", "they", "we", "i", "statement"} and len(who) > 2:
            return who
    m = re.search(r"\b(?:said|says|stated)\s+(?:the\s+)?((?:[A-Z][\w.\-’']*\s*){1,6})", text)
    if m and not text[m.end(1):].strip().startswith(("that",)):
        return m.group(1).strip()
    return ""


def _governing(sm: SentenceMentions, t: TimeValue) -> str:
    """The kind of the verb cue nearest before a date in its clause: start, end, arrival or reporting."""
    before = [c for c in sm.cues if c.canonical in ("start", "end", "arrival", "reporting")
              and c.end <= t.char_start and not re.search(r"[,;]", sm.text[c.end:t.char_start])]
    if not before:
        return ""
    verb = max(before, key=lambda c: c.end)
    gap = sm.text[verb.end:t.char_start]
    if verb.canonical == "reporting" and (len(gap.split()) > 3 or re.search(r"\bthat\b", gap)):
        return ""  # "told TASS that the navies will hold it in December": the date is the drill's
    return verb.canonical


def _choose_times(sm: SentenceMentions, anchor: int, times: list[TimeValue] | None = None, spans: bool = False
                  ) -> tuple[TimeValue | None, TimeValue | None, TimeValue | None, int | None]:
    """(point or range, end, since, year hint) nearest the trigger. With `spans` (exercises, visits),
    a date after an end verb is the end ("will conclude on December 2"). A date said of a statement
    ("officials said on Wednesday") is taken only when there is no other."""
    def near(t):
        return (_governing(sm, t) == "reporting", abs(t.char_start - anchor))

    periods = sm.cue("period")
    usable = [t for t in (sm.times if times is None else times)
              if not any(0 <= t.char_start - c.end <= 3 for c in periods)]  # "for the period 2021-2031"
    # "which will conclude on December 2", "wrapped up a three-day visit on Wednesday": an end;
    # "the press office told TASS on Monday": when it was said, not when it happened
    closing = [t for t in usable if spans and t.role == "point" and _governing(sm, t) == "end"]
    points = sorted((t for t in usable if t.role in ("point", "range") and t not in closing), key=near)
    ends = sorted((t for t in usable if t.role == "end") , key=near) + closing
    since = [t for t in usable if t.role == "since"]
    hints = [t for t in usable if t.role == "hint" and t.start]
    hint = int(hints[0].start[:4]) if hints else None
    return (points[0] if points else None, ends[0] if ends else None, since[0] if since else None, hint)


def _hypothetical(sm: SentenceMentions, trig: Mention) -> bool:
    """'was expected to buy', 'whether Turkey could buy', 'called for sanctions', 'posts claimed
    that the jets had arrived': not an event."""
    for c in sm.cue("hypothetical"):
        if c.start > 0 and c.text[:1].isupper():
            continue  # "in May" is a month, not a modal
        if c.start < trig.start and c.end <= trig.end and len(sm.text[c.end:trig.start].split()) <= 5:
            return True  # may overlap: "attempt to" + "to sell"
    return any(c.end <= trig.start for c in sm.cue("unconfirmed"))


def _after_publication(sm: SentenceMentions, t: TimeValue | None) -> bool:
    return bool(t and t.start and sm.published and t.start > sm.published.isoformat()[:len(t.start)])


def _negated(sm: SentenceMentions, trig: Mention) -> bool:
    """'has not held any talks', 'never visited': the clause says it did not happen."""
    for c in sm.cue("negation"):
        if c.end <= trig.start and len(sm.text[c.end:trig.start].split()) <= 8 \
                and not re.search(r"[,;]", sm.text[c.end:trig.start]):
            return True
    return False


def _priority_of(sm: SentenceMentions, t: TimeValue | None) -> int:
    """A date only said of a statement yields to any other the article gives."""
    return PRIORITY_ANAPHOR if t is not None and _governing(sm, t) == "reporting" else _date_priority(sm)


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


def _location(sm: SentenceMentions, lex: Lexicon, after: int = 0, before: int | None = None) -> str:
    """A place after 'in'/'at'/'near'/'off' (gazetteer place first, then a country)."""
    text = sm.text
    best = ""
    for m in sorted(sm.entities, key=lambda e: e.start):
        if m.kind not in ("place", "country") or m.start < after or (before is not None and m.start >= before):
            continue
        if m.attr("flag") in ("demonym", "body"):
            continue
        prefix = text[max(0, m.start - 12):m.start].lower()
        if re.search(r"\b(?:in|at|near|off|to|visited|visit|from)\s+(?:the\s+)?$", prefix):
            if m.kind == "place":
                return m.canonical if m.text.lower() == m.canonical.lower() else m.text
            best = best or m.canonical
    return best


def _edition_near(sm: SentenceMentions, series_end: int | None, lo: int = 0, hi: int | None = None
                  ) -> tuple[int | None, int | None]:
    """(edition, year) from 'Druzhba-5', 'DRUZHBA-V', 'Kavkaz-2020', '5th round', 'fourth edition'."""
    text = sm.text
    hi = len(text) if hi is None else hi
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
    for n in (n for n in nouns if lo <= n.start < hi):
        words = re.findall(r"[\w\-]+", text[lo:n.start])[-5:]  # "The sixth joint Russian-Pakistani ... exercise"
        for w in reversed(words):
            val = ordinal_value(w)
            if val:
                return val, None
    return None, None


def _series_mentions(sm: SentenceMentions) -> list[Mention]:
    """Series names; a weak one ("Friendship", "Warrior") only when the text marks it as a name:
    quoted, numbered, or next to an exercise noun ("the Druzhba exercise", "exercise Warrior")."""
    out = []
    nouns = [t for t in sm.triggers if t.kind == "exercise"]
    for m in sm.of("series"):
        if m.attr("flag") == "weak":
            before = sm.text[max(0, m.start - 1):m.start]
            after = sm.text[m.end:m.end + 2]
            quoted = bool(before) and before in "'\"“‘("
            numbered = re.match(r"[-–]\s?\w|\s(?:\d|[IVX]+\b)", after)
            beside = any(0 <= t.start - m.end <= 2 or 0 <= m.start - t.end <= 12 and
                         re.fullmatch(r"\W*(?:named|titled|dubbed|called|code-named|codenamed)?\W*",
                                      sm.text[t.end:m.start]) for t in nouns)
            if not (quoted or numbered or beside):
                continue
        out.append(m)
    return out


def exercise_frames(sm: SentenceMentions, lex: Lexicon) -> list[Frame]:
    """One exercise per clause that names or numbers one: "Druzhba-II followed in September 2017,
    and the third edition took place in October last year" is two editions."""
    clauses = _clauses(sm)
    if len(clauses) > 1:
        frames, series = [], ""
        for lo, hi in clauses:
            made = _exercise_frames_at(sm, lex, lo, hi, series)
            if made and made[0].event_type == "exercise" and not (made[0].series or made[0].edition):
                return _exercise_frames_at(sm, lex, 0, len(sm.text), "")  # one drill told across clauses
            frames += made
            series = next((f.series for f in made if f.series), series)
        if len([f for f in frames if f.event_type == "exercise"]) > 1:
            return frames
    return _exercise_frames_at(sm, lex, 0, len(sm.text), "")


def _exercise_frames_at(sm: SentenceMentions, lex: Lexicon, lo: int, hi: int, series_before: str) -> list[Frame]:
    modified = word_set(lex, "exercise", "modified_nouns")
    triggers = [t for t in sm.triggers if t.kind == "exercise" and lo <= t.start < hi and not _negated(sm, t) and
                (sm.text[t.end:].split()[:1] or [""])[0].strip(",.;:").lower() not in modified]
    series = [m for m in _series_mentions(sm) if lo <= m.start < hi]
    if not triggers and not series:
        edition, _ = _edition_near(sm, None, lo, hi)
        if series_before and edition:  # "..., and the third edition took place ..."
            return _edition_frame(sm, lex, lo, hi, None, series_before, edition, None, [])
        troops = [q for q in sm.quantities if q.attr("troops")]
        if troops and not sm.triggers and lo == 0:
            f = Frame("exercise", "", sm, anaphoric=True, troops_only=True, priority=PRIORITY_ANAPHOR)
            f.quantity, f.quantity_unit = int(troops[0].canonical), "troops"
            return [f]
        return []
    edition, year = None, None
    for m in series:
        edition, year = _edition_near(sm, m.end, lo, hi)
        if edition or year:
            break
    if not series:
        edition, _ = _edition_near(sm, None, lo, hi)
    elif year and not edition:
        edition, _ = _edition_near(sm, None, lo, hi)  # "The sixth ... exercise Druzhba-2021"
    anchor = (series or triggers)[0]
    s_name = series[0].canonical if series else ""
    return _edition_frame(sm, lex, lo, hi, anchor, s_name, edition, year, triggers)


def _edition_frame(sm, lex, lo, hi, anchor, s_name, edition, year, triggers) -> list[Frame]:
    times = [t for t in sm.times if lo <= t.char_start < hi]
    point, end, since, hint = _choose_times(sm, anchor.start if anchor else lo, times, spans=True)
    recurrence = [c.attr("value") for c in sm.cues if c.canonical == "recurrence"]
    info = lex.series.get(s_name, {})
    f = Frame("exercise", "", sm, trigger=anchor, series=s_name, edition=edition,
              year_hint=year or hint, priority=_date_priority(sm))
    # "held annually since 2016", "The INDRA series began in 2003": about the series, not one edition
    about_series = anchor is not None and anchor.kind == "series" and re.match(r"\W*series\b", sm.text[anchor.end:], re.I)
    if s_name and not edition and not year and (recurrence or since or about_series):
        f.since, f.period = since or (point if about_series else None), (recurrence[0] if recurrence else None)
        f.event_type = "series"
        return [f]
    f.time, f.end = point or _start_from_end(sm, end), end
    text_countries = countries_of(sm, lex)
    if info.get("kind") == "bilateral":
        text_countries += info.get("participants", [])
    f.countries = _uniq(text_countries)
    multi = sm.has_cue("multilateral") or info.get("kind") == "multilateral" or len(f.countries) > 2
    f.subtype = "multilateral" if multi else "bilateral"
    f.location = _location(sm, lex, lo, hi)
    if f.location in lex.places:
        f.countries = _uniq(f.countries + [lex.places[f.location].get("country", "")])
    troops = [q for q in sm.quantities if q.attr("troops") and lo <= q.start < hi]
    if troops:
        f.quantity, f.quantity_unit = int(troops[0].canonical), "troops"
    f.needs_pair = sm.has_cue("pair") or len(f.countries) < 2
    f.definite = bool(triggers) and _is_definite(sm, triggers[0], lex)
    # "The previous patrol took place on May 24": another edition, between the same parties
    f.sibling = bool(triggers) and any(0 <= triggers[0].start - c.end <= 25 for c in sm.cue("sibling"))
    f.definite = f.definite and not f.sibling
    if not s_name and not edition:
        if f.definite:
            f.anaphoric = True
            # "The exercise opened on Sunday" still dates the start; other references only fill gaps
            f.priority = PRIORITY_START if point and _governing(sm, point) == "start" else PRIORITY_ANAPHOR
        elif point is None and end is None and not f.location and not troops:
            return []  # "more joint exercises with China would help": no when, no where
    return [f]


def _coordinated(sm: SentenceMentions, first: Mention) -> list[Mention]:
    """The equipment named with `first` in one phrase: "Su-35 fighter jets and S-400 equipment"."""
    out, prev = [first], first
    for m in sorted(sm.of("equipment"), key=lambda m: m.start):
        if m.start <= prev.start or m.canonical in {o.canonical for o in out}:
            continue
        gap = sm.text[prev.end:m.start]
        if re.search(r"\b(?:and|as well as)\b", gap) and len(gap.split()) <= 5 and not re.search(r"[.;:]", gap):
            out.append(m)
            prev = m
        else:
            break
    return out


_CLAUSE_BREAK = re.compile(r",\s+(?:and|while|but|whereas)\s+|;\s+|\.\s+")


def _clauses(sm: SentenceMentions) -> list[tuple[int, int]]:
    """Coordinated clauses: "Egypt ordered 30 in May, and Greece bought 18 in January"."""
    cuts = [0] + [m.end() for m in _CLAUSE_BREAK.finditer(sm.text)] + [len(sm.text)]
    return list(zip(cuts, cuts[1:]))


def arms_frames(sm: SentenceMentions, lex: Lexicon) -> list[Frame]:
    """One transfer per clause that has a real (not hypothetical) trigger and names what changes hands."""
    triggers = [t for t in sm.triggers if t.kind == "arms_transfer" and not _hypothetical(sm, t)
                and not _negated(sm, t)]
    carriers = sm.cue("carrier")
    equipment_all = [m for m in sm.of("equipment") if not any(0 <= c.start - m.end <= 25 for c in carriers)]
    frames, previous = [], []
    for lo, hi in _clauses(sm):
        here = [t for t in triggers if lo <= t.start < hi]
        if not here:
            continue
        # "Russia delivered three of the S-400s that India ordered in 2018": a delivery and an order
        groups, cuts = [[here[0]]], [lo]
        for t in here[1:]:
            rel = _relative_start(sm, t, groups[-1][-1].end)
            if rel < t.start and t.attr("detail")[0] != groups[-1][0].attr("detail")[0]:
                groups.append([t])
                cuts.append(rel)
            else:
                groups[-1].append(t)
        cuts.append(hi)
        opening = [t for t in sm.times if lo <= t.char_start < here[0].start]  # "In August 2015, ..."
        for group, a, b in zip(groups, cuts, cuts[1:]):
            inside = [m for m in equipment_all if a <= m.start < b]
            made = _arms_frames_at(sm, lex, _main_trigger(group, inside), a, b, inside, previous, opening)
            frames += made
            previous = made or previous
    return frames


def _main_trigger(group: list[Mention], equipment: list[Mention]) -> Mention:
    """"signed a contract to supply four Mi-35M": the verb nearest before the goods says what happens."""
    first_item = min((m.start for m in equipment), default=None)
    if first_item is None:
        return group[0]
    before = [t for t in group if t.end <= first_item]
    return before[-1] if before else group[0]


def _relative_start(sm: SentenceMentions, trig: Mention, lo: int) -> int:
    """Where the relative clause holding `trig` begins ("that India ordered"), else the trigger."""
    m = None
    for m in re.finditer(r"\b(?:that|which|who)\b", sm.text[lo:trig.start]):
        pass
    return lo + m.start() if m else trig.start


def _arms_frames_at(sm, lex, trig, lo, hi, equipment, previous: list[Frame], opening=()) -> list[Frame]:
    anaphor = [c for c in sm.cue("equipment_anaphor") if lo <= c.start < hi]
    passive = re.search(r"\b(?:was|were|been|being|is|are|be)\s+(?:\w+ly\s+)?$", sm.text[lo:trig.start]) \
        and re.search(r"(?:ed|en|wn|ght|ld)$", trig.text.split()[0])  # "were delivered", not "is acquiring"
    if passive:
        # "The helicopters ... were delivered in 2017 and now fly alongside the Mi-171Sh": the subject
        equipment = [m for m in equipment if m.start < trig.start]
        anaphor = [c for c in anaphor if c.start < trig.start]
    equipment = sorted(equipment, key=lambda m: (m.start < trig.start, m.start))
    if not equipment and not anaphor and not previous:
        return []
    subtype, direction, needs_batch = trig.attr("detail")
    counts = [q for q in sm.quantities if not q.attr("troops")]
    if needs_batch and not any(lo <= c.start < hi for c in sm.cue("batch")) and not counts:
        return []  # "the frigate arrived in St Petersburg": a port call, not a delivery
    window_times = [t for t in sm.times if lo <= t.char_start < hi] or list(opening)
    point, _, _, _ = _choose_times(sm, trig.start, window_times)
    prefix = sm.text[:trig.start].split()[-1:]
    if prefix and prefix[0].lower() in word_set(lex, "cues", "background") and trig.text.endswith("ing"):
        point = None  # "sanctions in September for buying S-400s": the date is the sanctions'
    before = [c for c in countries_of(sm, lex, lo, trig.start)
              if not re.search(r"\b(?:from|by)\s+(?:the\s+)?$", sm.text[:_position(sm, c, lo)])]
    after = countries_of(sm, lex, trig.end, hi)
    from_c = _first_country_after(sm, lex, trig.start, ("from", "by"), hi)
    to_c = _first_country_after(sm, lex, trig.start, ("to", "for", "with", "in"), hi)
    if direction == "recipient":  # the buyer is the nearest country before the verb
        recipient, supplier = (before[-1] if before else to_c), from_c
    else:
        supplier, recipient = (before[-1] if before else from_c), to_c
    if _after_publication(sm, point):
        return []  # "deliveries due to start in 2027": a plan, not a transfer
    kinds = [q for q in sm.quantities if not q.attr("troops") and lo <= q.start < hi]
    orgs = _uniq(m.canonical for m in sm.of("organization")
                 if lex.organizations.get(m.canonical, {}).get("kind") not in ("media",))
    items = _coordinated(sm, equipment[0]) if equipment else [None]
    frames = []
    for item in items:
        f = Frame("arms_transfer", subtype, sm, trigger=trig, priority=_priority_of(sm, point), time=point)
        f.name = item.canonical if item else ""
        f.equipment = [m.canonical for m in items if m] or []
        if item is None and not anaphor:  # "..., and Greece bought 18": the goods of the clause before
            f.name, f.equipment = previous[0].name, list(previous[0].equipment)
            f.needs_equipment = not f.name
            f.anaphor_category = previous[0].anaphor_category
        elif item is None:
            f.needs_equipment = True
            f.anaphor_category = anaphor[0].attr("value")
        sup = supplier
        if not sup and f.name:
            origin = [c for c in lex.equipment.get(f.name, {}).get("origin", []) if c != recipient]
            sup = origin[0] if origin else ""
        sup = sup or next((c for c in after if c != recipient), "")
        f.actor1, f.actor2 = sup, recipient
        f.countries = _uniq([sup, recipient]) if recipient else [c for c in after if c != sup]
        f.needs_pair = not recipient
        if kinds and len(items) == 1:
            f.quantity, f.quantity_unit = int(kinds[0].canonical), kinds[0].attr("unit")
        f.organizations = orgs
        frames.append(f)
    return frames


def visit_frames(sm: SentenceMentions, lex: Lexicon) -> list[Frame]:
    # official visits before meetings; the first trigger whose conditions hold wins
    triggers = sorted((t for t in sm.triggers if t.kind == "visit"),
                      key=lambda t: (t.attr("detail")[0] != "official_visit", t.start))
    for trig in triggers:
        f = _visit_frame(sm, lex, trig)
        if f is not None:
            return [f]
    return []


def _visit_frame(sm: SentenceMentions, lex: Lexicon, trig: Mention) -> Frame | None:
    subtype, needs_person = trig.attr("detail")
    if needs_person and not sm.people:
        return None  # "arrived in", "attended" make a visit only when a named person does it
    if _negated(sm, trig):
        return None
    f = Frame("visit", subtype, sm, trigger=trig, priority=_date_priority(sm))
    f.time, f.end, _, _ = _choose_times(sm, trig.start, spans=True)
    if f.time is None:
        f.time = _start_from_end(sm, f.end)
    f.people = _uniq(p.canonical for p in sm.people)
    orgs = sm.of("organization")
    f.organizations = _uniq(m.canonical for m in orgs
                            if lex.organizations.get(m.canonical, {}).get("kind") not in ("media",))
    before = countries_of(sm, lex, 0, trig.start)
    if f.subtype == "official_visit":
        host = _first_country_after(sm, lex, trig.start, ("visited", "visit to", "visits", "visiting",
                                                          "trip to", "to", "in", "arrived in", "arrives in")) or \
            next(iter(countries_of(sm, lex, trig.start, trig.end + 25)), "")
        visitor = next((c for c in before if c != host), "")
        f.actor1, f.actor2 = visitor, host
        place = _location(sm, lex, trig.start)
        f.location = place or host
        if needs_person and not place:
            return None  # "attended the opening ceremony": no journey anywhere
    else:
        m = re.search(r"meeting of (?:the\s+)?", sm.text[trig.start:])
        after_of = [o for o in orgs if m and o.start >= trig.start + m.end() - 1]
        if after_of:
            f.name = after_of[0].canonical
        f.location = _location(sm, lex)
    f.countries = _uniq([f.actor1, f.actor2] + countries_of(sm, lex))
    f.needs_pair = len(f.countries) < 2
    if _is_definite(sm, trig, lex) and f.time is None and not f.name:
        f.anaphoric = True  # "During the visit, Shoigu and Asif signed ..."
    if not (f.people or f.time or f.name):
        return None  # "a structured dialogue could help": no one, no when, no which
    if _after_publication(sm, f.time):
        return None  # "The COAS will visit Kubinka on Wednesday": a plan
    return f


def _agreement_name(sm: SentenceMentions, trig: Mention, lex: Lexicon) -> str:
    words = word_set(lex, "agreement", "name_words")
    before = re.findall(r"[\w\-]+", sm.text[:trig.start])
    kept = []
    for w in reversed(before):
        if w.lower() in words or (w[:1].isupper() and len(kept) < 3 and w.lower() not in ("the", "a", "an")):
            kept.insert(0, w)  # "defence cooperation pact", "the Shusha Declaration"
        else:
            break
    if kept:
        return " ".join(kept + [trig.text]).strip()
    # "an agreement on the programme for military-technical cooperation between ..."
    m = re.match(r"\s+(on|for|of)\s+((?:[\w\-]+\s+){0,7}?[\w\-]+?)(?=\s+(?:between|with|in|at|during|for the period|"
                 r"until|till|from|by|to)\b|\s*[,.;:(]|$)", sm.text[trig.end:])
    return f"{trig.text} {m.group(1)} {m.group(2)}" if m else trig.text


def _agreement_subtype(name: str, lex: Lexicon) -> str:
    low = name.lower()
    for rule in lex.events.get("agreement", {}).get("subtype", []):
        if any(w in low for w in rule["words"]):
            return rule["subtype"]
    return "other"


def agreement_frames(sm: SentenceMentions, lex: Lexicon, arms: list[Frame], policy: list[Frame]) -> list[Frame]:
    triggers = [t for t in sm.triggers if t.kind == "agreement" and not _negated(sm, t)]
    if arms or policy:
        # "a deal for S-400s" is the arms transfer itself
        triggers = [t for t in triggers if t.text.lower() not in ("deal", "contract")]
    if not triggers:
        return []
    trig = triggers[0]
    f = Frame("agreement", "", sm, trigger=trig, priority=_date_priority(sm))
    f.name = _agreement_name(sm, trig, lex)
    f.subtype = _agreement_subtype(f.name, lex)
    f.time, _, _, _ = _choose_times(sm, trig.start)
    if f.time and f.time.end and f.time.precision == "year" and int(f.time.end) - int(f.time.start) >= 9:
        return []  # "the border agreements signed in the 1990s": background, not a dated event
    f.countries = countries_of(sm, lex)
    f.needs_pair = len(f.countries) < 2
    signed = sm.has_cue("signing")
    if not sm.has_cue("defence_topic"):
        return []  # "an intergovernmental agreement to build a gas pipeline"
    if _is_definite(sm, trig, lex) and f.time is None:
        f.anaphoric = True
    elif not signed:
        return []  # "walked away from the deal last year": no signing, no agreement
    elif len(f.countries) < 2 and not sm.has_cue("pair") and len(sm.people) < 2:
        return []  # an agreement needs its parties: "violates border agreements China signed"
    return [f]


def _lifted(sm: SentenceMentions, trig: Mention, lex: Lexicon) -> bool:
    """'ended its informal arms embargo', 'the embargo expired': an embargo named, then lifted."""
    lift = word_set(lex, "policy", "lift", "words")
    before = [w.lower() for w in re.findall(r"[\w-]+", sm.text[:trig.start])[-4:]]
    after = [w.lower() for w in re.findall(r"[\w-]+", sm.text[trig.end:])[:8]]
    return any(w in lift for w in before + after)


def policy_frames(sm: SentenceMentions, lex: Lexicon) -> list[Frame]:
    triggers = [t for t in sm.triggers if t.kind == "policy" and not _hypothetical(sm, t) and not _negated(sm, t)]
    out = []
    for trig in triggers:
        subtype, name = trig.attr("detail")
        if subtype.startswith("cooperation"):
            # the object's noun phrase ends at the first preposition or punctuation
            # "removed Turkey from the F-35 programme": the object may follow "from"/"of"
            head = re.match(r"\s+(?:[A-Z][\w-]*\s+){1,3}(?:from|of)\s+", sm.text[trig.end:])
            obj_start = trig.end + (head.end() if head else 0)
            stop = re.search(r"[,;:]|\.(?=\s+[A-Z]|$)|\s(?:with|to|for|on|against|in|from|by|and|as|after|amid)\s",
                             sm.text[obj_start:])  # "U.S. security assistance" goes on past "U.S."
            limit = obj_start + (stop.start() if stop else len(sm.text))
            objs = [c for c in sm.cues if c.canonical == "policy_object" and obj_start <= c.start and c.end <= limit]
            if not objs:
                continue
            phrase = sm.text[obj_start:objs[-1].end]
            name = re.sub(r"^\s*(?:of\s+)?(?:all\s+|the\s+|its\s+|their\s+)*", "", phrase).strip()
        if subtype.endswith("_imposed") and _lifted(sm, trig, lex):
            subtype = subtype.replace("_imposed", "_lifted")  # "Moscow ended its informal arms embargo on ..."
        if subtype.startswith("cooperation") and not (sm.has_cue("defence_topic") or sm.of("equipment")):
            continue  # "restoration of Saudi-Iranian diplomatic ties": not defence
        f = Frame("policy", subtype, sm, trigger=trig, name=name, priority=_date_priority(sm))
        f.time, _, _, _ = _choose_times(sm, trig.start)
        before = countries_of(sm, lex, 0, trig.start)
        after = countries_of(sm, lex, trig.end)
        f.actor2 = _first_country_after(sm, lex, trig.end, ("to", "on", "against", "with", "for")) or \
            next((c for c in after if c not in before), "")
        # the one who acts: named before the verb, or the owner of what is cut ("U.S. security assistance")
        owner = countries_of(sm, lex, trig.end, trig.end + len(f.name) + 12) if f.name else []
        f.actor1 = next((c for c in before + owner if c != f.actor2), "")
        before = before or [c for c in owner if c != f.actor2]
        f.countries = _uniq(before + [f.actor2])
        f.needs_pair = len(f.countries) < 2
        out.append(f)
        break
    return out


def _share_times(frames: list[Frame]) -> None:
    """With events of several kinds in one sentence, a date belongs to the trigger it follows
    ("met ... where they planned the exercise for later this year": the date is the exercise's)."""
    kinds = {f.event_type for f in frames if f.trigger is not None}
    if len(kinds) < 2:
        return
    for f in frames:
        t = f.time
        if t is None or f.trigger is None:
            continue
        others = [g.trigger for g in frames if g.trigger is not None]
        preceding = [g for g in others if g.end <= t.char_start]
        if not preceding:
            continue  # "In August, they held a meeting and signed an agreement": the date covers both
        owner = max(preceding, key=lambda g: g.end)
        if owner.start != f.trigger.start and owner.kind != f.event_type:
            f.time = None


_DURATION = re.compile(r"\b(\d+|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|"
                       r"fifteen)[- ](day|week)s?\b", re.I)


def _duration_days(sm: SentenceMentions) -> int | None:
    m = _DURATION.search(sm.text)
    if not m:
        return None
    n = int(m.group(1)) if m.group(1).isdigit() else NUMBER_WORDS[m.group(1).lower()]
    return n * (7 if m.group(2).lower() == "week" else 1)


def _start_from_end(sm: SentenceMentions, end: TimeValue | None) -> TimeValue | None:
    """"wrapped up a three-day visit on Wednesday": it began two days before."""
    days = _duration_days(sm)
    if not (end and end.start and end.precision == "day" and days):
        return None
    start = (date.fromisoformat(end.start) - timedelta(days=days - 1)).isoformat()
    return TimeValue(f"{end.text} ({days}-day span)", start, end.start, "day", "range",
                     end.char_start, end.char_end, end.relative)


def sentence_frames(sm: SentenceMentions, lex: Lexicon) -> list[Frame]:
    arms, policy = arms_frames(sm, lex), policy_frames(sm, lex)
    frames = exercise_frames(sm, lex) + arms + visit_frames(sm, lex) + \
        agreement_frames(sm, lex, arms, policy) + policy
    if not frames:
        return frames
    _share_times(frames)
    who = attribution(sm)
    people = _uniq(p.canonical for p in sm.people)
    for f in frames:
        f.attributed_to = who
        f.people = f.people or people
        if not f.organizations:
            f.organizations = _uniq(m.canonical for m in sm.of("organization")
                                    if m.attr("flag") == "generic" or
                                    lex.organizations.get(m.canonical, {}).get("kind") in ("company", "multilateral"))
    return frames
