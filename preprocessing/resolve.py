"""Frames of one article → its events: coreference, the article's main pair, series inference."""
from __future__ import annotations

import re
from collections import Counter
from datetime import date
from dataclasses import dataclass, field

from .frames import PRIORITY_ANAPHOR, PRIORITY_ARRIVAL, PRIORITY_PLAIN, PRIORITY_START, Frame
from .lexicon import Lexicon
from .model import Article, EventDetails, Sentence, TimeValue
from .schema import EVIDENCE_JOINER


@dataclass
class Event(EventDetails):
    """One real-world event as an article (or, merged, a corpus) tells it."""

    event_type: str
    subtype: str = ""
    date_start: str = ""
    date_end: str = ""
    date_precision: str = ""
    date_text: str = ""
    date_priority: int = -1
    inferred: bool = False
    status: str = "reported"  # reported, planned or cancelled (schema.STATUSES)
    published: str = ""  # the reporting article's publication date, ISO
    primary: bool = False  # reported by the armed forces or a ministry themselves
    told: bool = False  # some sentence states it, not only refers back to it
    sentences: list[Sentence] = field(default_factory=list)
    sources: list[str] = field(default_factory=list)
    conflicts: list[str] = field(default_factory=list)

    @property
    def evidence(self) -> str:
        return EVIDENCE_JOINER.join(dict.fromkeys(s.text for s in self.sentences))


def _uniq(items):
    return list(dict.fromkeys(x for x in items if x))


def _compatible(a: str, b: str) -> bool:
    """Two ISO dates of any precision that could name the same time."""
    return not a or not b or a.startswith(b) or b.startswith(a)


def _set_time(ev: Event, t: TimeValue | None, priority: int, note: str = "") -> None:
    if t is None or not t.start:
        return
    finer = len(t.start) > len(ev.date_start)
    if priority > ev.date_priority or (priority == ev.date_priority and finer and _compatible(t.start, ev.date_start)):
        ev.date_start, ev.date_precision = t.start, t.precision or ""
        ev.date_text, ev.date_priority = t.text + note, priority
        if t.end:
            ev.date_end = t.end


def _absorb(ev: Event, f: Frame) -> None:
    """Add what a frame says to an event without overwriting what is already known."""
    ev.sentences.append(f.sm.sentence)
    if f.name and not ev.name:
        ev.name = f.name
    if f.series and not ev.series:
        ev.series = f.series
    if f.edition and not ev.edition:
        ev.edition = f.edition
    ev.told = ev.told or not f.anaphoric
    if f.status == "cancelled":
        ev.status = "cancelled"  # "The exercise has been called off"
    elif f.status == "reported" and not f.anaphoric and ev.status == "planned" and (
            f.time is not None or f.sm.tells_past()):
        ev.status = "reported"  # announced, then told as held (not "Rendez-vous in Umroi for #SHAKTI2024")
    if f.time is not None and f.anaphoric and f.priority == PRIORITY_START:
        _set_time(ev, f.time, f.priority)  # "The exercise opened on Sunday": the start, told plainly
    elif f.time is not None and f.anaphoric and not _compatible(ev.date_start, f.time.start or "") and not (
            ev.date_priority <= PRIORITY_ARRIVAL and f.time.precision == "day" and (
                f.time.role == "range" or re.search(r"(?i)\bfrom\s+$", f.sm.text[:f.time.char_start])
                or f.priority > PRIORITY_ARRIVAL)):
        pass  # "The drill comes as X travels on Wednesday": that date is X's; but "The exercise is scheduled to
        # be conducted ... from 24th February" beats the day the contingent departed
    else:
        _set_time(ev, f.time, max(f.priority, PRIORITY_PLAIN) if f.anaphoric and ev.date_priority <= PRIORITY_ARRIVAL
                  and f.time is not None and f.time.precision == "day" else f.priority)
        if f.time and f.time.end and not ev.date_end and _compatible(ev.date_start, f.time.start or ""):
            ev.date_end = f.time.end  # "being held from August 1 to August 13"
    if f.end and f.end.start and not ev.date_end:
        ev.date_end = f.end.start
    ev.people = _uniq(ev.people + f.people)
    ev.absent = _uniq(ev.absent + f.absent)
    if f.attributed_to and not ev.attributed_to:
        ev.attributed_to = f.attributed_to
    if f.quantity and ev.quantity is None:
        ev.quantity, ev.quantity_unit = f.quantity, f.quantity_unit
    if f.anaphoric and f.participants and ev.event_type == "exercise":
        # "в учении примут участие контингенты Азербайджана, Алжира ...": who takes part, not bystanders
        ev.countries = _uniq(ev.countries + [c for c in f.countries if c not in ev.absent])
        ev.subtype = "multilateral" if len(ev.countries) > 2 else ev.subtype
    if f.anaphoric and ev.sentences[:-1]:
        return  # "the exercise ..." adds its sentence and dates, not its bystanders
    if f.subtype and (not ev.subtype or (ev.subtype == "bilateral" and f.subtype == "multilateral")):
        ev.subtype = f.subtype
    ev.countries = _uniq(ev.countries + f.countries)
    ev.actor1 = ev.actor1 or f.actor1
    ev.actor2 = ev.actor2 or f.actor2
    ev.organizations = _uniq(ev.organizations + f.organizations)
    ev.equipment = _uniq(ev.equipment + f.equipment)
    if f.location and not ev.location:
        ev.location = f.location


def _start(f: Frame) -> str:
    return f.time.start if f.time and f.time.start else ""


def _new_event(f: Frame) -> Event:
    ev = Event(f.event_type, local_pair=list(f.local_pair), status=f.status)
    _absorb(ev, f)
    return ev


def main_pair(article_countries: Counter) -> list[str]:
    """The two countries the article is about: the most mentioned, first mention breaking ties."""
    return [c for c, _ in article_countries.most_common(2)]


def exercise_name(series: str, edition: int | None, year: int | None, lex: Lexicon) -> str:
    if not series:
        return ""
    info = lex.series.get(series, {})
    numbering, years = info.get("numbering", "edition"), info.get("years", [])
    if edition and not year and edition <= len(years):
        year = years[edition - 1]  # "Defenders of Friendship 4" is the 2019 edition (data)
    if numbering in ("year", "none") and year:
        return f"{series}-{year}"  # as the text writes it: "Sea Guardians-2020" even if it is the sixth
    if edition and numbering != "year":
        return f"{series}-{edition}"
    if year:
        return f"{series}-{year}"  # "Druzhba-2021" when the text gives no edition number
    return ""


def edition_of_year(series: str, year: int | None, lex: Lexicon) -> int | None:
    """The edition of an edition-numbered series held in `year`, from the series' `years` (data)."""
    info = lex.series.get(series, {})
    years = info.get("years", [])
    if not year or years.count(year) != 1:
        return None
    return years.index(year) + 1


def _name_exercise(f: Frame, lex: Lexicon) -> None:
    dated = int(f.time.start[:4]) if f.time and f.time.start else None
    numbering = lex.series.get(f.series, {}).get("numbering")
    if f.series and f.series not in lex.series and f.sm.language != "en" and (f.year_hint or dated):
        f.name = f"{f.series}-{f.year_hint or dated}"  # a series no entry knows, named as Russian names one: by year
        return
    if f.series and not f.edition:
        # "Druzhba-2020", or "#DRUZHBA began on Sunday" in a 2020 report: the edition of that year
        f.edition = edition_of_year(f.series, f.year_hint or (dated if not f.anaphoric else None), lex)
    year = f.year_hint or (dated if numbering == "year" else None)
    f.name = exercise_name(f.series, f.edition, year, lex)


def _days_apart(a: str, b: str) -> int:
    """Days between two day-precise dates; a large number when either is coarser."""
    if len(a) < 10 or len(b) < 10:
        return 10_000
    return abs((date.fromisoformat(a) - date.fromisoformat(b)).days)


def _recent(iso: str, article: Article, days: int = 7) -> bool:
    """A day-precise date within `days` before the article's publication (an ongoing trip)."""
    if len(iso) < 10 or article.published is None:
        return False
    return 0 <= (article.published - date.fromisoformat(iso)).days <= days


def _year_of(name: str, date_start: str) -> int | None:
    m = re.search(r"-((?:19|20)\d\d)$", name)
    return int(m.group(1)) if m else (int(date_start[:4]) if date_start else None)


def _same_edition(e: Event, f: Frame) -> bool:
    """"Defenders of Friendship-2019" told, then "Defenders of Friendship 4": one edition when one
    name has only a number, the other only a year, and their dates do not disagree."""
    if not (e.series and e.series == f.series and e.name and f.name):
        return False
    e_year, f_year = _year_of(e.name, e.date_start), _year_of(f.name, _start(f))
    numbered = [bool(re.search(r"-\d{1,2}$", n)) for n in (e.name, f.name)]
    if numbered[0] == numbered[1]:
        return False
    return (not _start(f) or not e.date_start or _compatible(e.date_start[:4], _start(f)[:4])) and \
        (e_year is None or f_year is None or e_year == f_year)


def _fill_pair(ev: Event, pair: list[str]) -> None:
    if len(pair) < 2:
        return
    if ev.event_type == "arms_transfer":
        if ev.actor1 and not ev.actor2:
            # the buyer nobody named is the article's main country (or its partner, if that is the seller)
            partner = [c for c in pair if c != ev.actor1]
            cands = [c for c in ev.countries if c != ev.actor1]
            ev.actor2 = partner[0] if partner else (cands[0] if cands else "")
        elif ev.actor2 and not ev.actor1 and ev.actor2 in pair:
            ev.actor1 = next(c for c in pair if c != ev.actor2)  # the seller nobody named: the buyer's partner
        ev.countries = _uniq([ev.actor1, ev.actor2]) if ev.actor2 else ev.countries
        return
    if ev.event_type == "visit" and ev.actor2 and not ev.actor1 and ev.actor2 in pair:
        ev.actor1 = next(c for c in pair if c != ev.actor2)  # the visitor by office only: the host's partner
    if len(ev.countries) < 2 and (not ev.countries or ev.countries[0] in pair):
        ev.countries = _uniq(ev.countries + pair)


def _host_and_guest(ev: Event, lex: Lexicon) -> None:
    """Exercises and visits: the host is the country where it happened, the guest the other party."""
    if ev.event_type not in ("exercise", "visit") or not ev.location:
        return
    host = ev.location if ev.location in lex.countries else lex.places.get(ev.location, {}).get("country", "")
    if not host or host not in ev.countries:
        return
    others = [c for c in ev.countries if c != host]
    if ev.event_type == "exercise":
        ev.actor1 = ev.actor1 or host  # host / guest
        ev.actor2 = ev.actor2 or (others[0] if len(others) == 1 else "")
    else:
        ev.actor2 = ev.actor2 or host  # visitor / host
        ev.actor1 = ev.actor1 or (others[0] if len(others) == 1 else "")


def _fold_into(target: Event, ev: Event) -> None:
    """Another telling of `target`: its sentences are evidence; it fills what `target` lacks."""
    target.sentences += [s for s in ev.sentences if s not in target.sentences]
    target.date_end = target.date_end or ev.date_end
    if target.quantity is None:
        target.quantity, target.quantity_unit = ev.quantity, ev.quantity_unit


def _fold_same_series(events: list[Event]) -> list[Event]:
    """A headline's undated "'Defenders of Friendship' drills" or "Medusa drills next month" is the
    edition the body dates and numbers, when the article tells only one edition of that series; so is
    "This is the seventh edition of the exercise" when the article names one exercise."""
    by_name: dict[str, Event] = {}
    for ev in list(events):  # one edition told twice before it was numbered ("Medusa drills", "Medusa-9")
        first = by_name.setdefault(ev.name, ev) if ev.event_type == "exercise" and ev.name and ev.series else ev
        if first is not ev and _compatible(first.date_start, ev.date_start):
            first.date_start = max(first.date_start, ev.date_start, key=len)
            _fold_into(first, ev)
            events.remove(ev)
    named = [e for e in events if e.event_type == "exercise" and e.series and e.told and not e.inferred]
    series = {e.series for e in named}
    out: list[Event] = []
    for ev in events:
        if ev.event_type == "exercise" and not ev.series and not ev.inferred and len(series) == 1:
            lead = [e for e in named if e.date_start or e.name][:1]
            target = lead[0] if lead else None
            if target is not None and target is not ev and (not ev.edition or ev.edition == target.edition) and (
                    not ev.date_start or _compatible(ev.date_start[:7], target.date_start[:7])) and (
                    not ev.countries or set(ev.countries) <= set(target.countries) | set(ev.local_pair)):
                _fold_into(target, ev)
                continue
        if ev.event_type != "exercise" or not ev.series or ev.inferred:
            out.append(ev)
            continue
        others = [e for e in events if e is not ev and e.event_type == "exercise" and e.series == ev.series
                  and not e.inferred and e.told]
        loose = not ev.edition and (not ev.date_start or not others or len(others) == 1)
        dated = [e for e in others if e.date_start and (not ev.date_start or _compatible(e.date_start[:7], ev.date_start[:7]))
                 and (e.edition or not ev.date_start)]
        if loose and len(dated) == 1 and dated[0] is not ev:
            _fold_into(dated[0], ev)
            continue
        out.append(ev)
    return out


def _infer_series(events: list[Event], statements: list[Frame], lex: Lexicon) -> list[Event]:
    """'Held annually since 2016' + a known edition → the editions in between, marked inferred."""
    out = []
    for st in statements:
        if not st.since or not st.since.start:
            continue
        if not st.period:
            continue  # a start year alone does not say how often it recurs
        first_year, period = int(st.since.start[:4]), st.period
        known = [e for e in events if e.event_type == "exercise" and e.series == st.series and e.date_start]
        numbering = lex.series.get(st.series, {}).get("numbering", "edition")
        if numbering == "edition":
            known = [e for e in known if e.edition]
            if not known or any(int(e.date_start[:4]) != first_year + (e.edition - 1) * period for e in known):
                continue  # the numbers do not fit the stated rhythm: infer nothing
            have = {e.edition for e in known}
            missing = [n for n in range(1, max(have)) if n not in have]
            rows = [(n, first_year + (n - 1) * period) for n in missing]
        else:
            have = {int(e.date_start[:4]) for e in known}
            if not have:
                continue
            rows = [(None, y) for y in range(first_year, max(have), period) if y not in have]
        template = known[0]
        for edition, year in rows:
            ev = Event("exercise", subtype=template.subtype, series=st.series, edition=edition,
                       name=exercise_name(st.series, edition, year, lex), date_start=str(year),
                       date_precision="year", date_text=f"{st.since.text} (inferred)", inferred=True,
                       countries=list(template.countries), attributed_to=st.attributed_to)
            ev.sentences.append(st.sm.sentence)
            out.append(ev)
        template.sentences.append(st.sm.sentence)
    return out


PRIMARY_KINDS = ("military", "ministry")


def is_primary_source(article: Article, lex: Lexicon) -> bool:
    """An article published by armed forces or a ministry (ISPR, a defence ministry's press office)."""
    return any(p[0] == "organization" and lex.organizations.get(p[1], {}).get("kind") in PRIMARY_KINDS
               for m in lex.entities.find(article.source or "") for p in m.payloads)


def resolve(article: Article, frames: list[Frame], lex: Lexicon, mentions_countries: Counter,
            unlisted: dict[str, str] | None = None) -> list[Event]:
    pair = main_pair(mentions_countries)
    primary = is_primary_source(article, lex)
    total = sum(mentions_countries.values())
    focused = bool(total) and sum(mentions_countries[c] for c in pair) / total >= 0.5
    events: list[Event] = []
    statements = [f for f in frames if f.event_type == "series"]
    by_sentence: dict[int, list[tuple[Frame, Event]]] = {}
    lead_exercise: Event | None = None

    def place(f: Frame, ev: Event | None) -> Event:
        nonlocal lead_exercise
        if ev is None:
            ev = _new_event(f)
            events.append(ev)
        else:
            _absorb(ev, f)
        if ev.event_type == "exercise" and lead_exercise is None:
            lead_exercise = ev
        by_sentence.setdefault(f.sm.sentence.index, []).append((f, ev))
        return ev

    for f in frames:
        if f.event_type == "series":
            continue
        same_type = [e for e in events if e.event_type == f.event_type]
        if f.event_type == "exercise":
            _name_exercise(f, lex)
            target = None
            if f.name:
                target = next((e for e in same_type if e.name == f.name), None) or next(
                    (e for e in same_type if not e.name and f.edition and e.edition == f.edition), None) or next(
                    (e for e in same_type if _same_edition(e, f)), None)
                # (a start reckoned from "ended two weeks of drills on Friday" is a day or two off the one told)
                if target is None and (f.definite or f.time is None) and lead_exercise is not None \
                        and not lead_exercise.name and (_compatible(lead_exercise.date_start, _start(f)) or (
                            len(_start(f)) == len(lead_exercise.date_start) == 10
                            and _days_apart(lead_exercise.date_start, _start(f)) <= 3)):
                    target = lead_exercise  # "The drill, dubbed X, ..." names the article's exercise
                if target is None and lead_exercise is not None and lead_exercise.name and f.trigger is not None \
                        and re.search(r"(?i)\b(?:the|this)\s+(?:exercise|drills?)\s*,\s*[\"“'‘]?$",
                                      f.sm.text[:f.trigger.start]) \
                        and re.match(r"(?:[\-–\s]?(?:(?:19|20)\d\d|[IVX]+|\d{1,2}))?[\"”'’]?\s+(?:in|as it is called in|"
                                     r"as it is known in)\s+[A-Z][a-z]+\b",
                                     f.sm.text[f.trigger.end:]) and lead_exercise.date_start[:4] == str(_year_of(
                            f.name, _start(f))):
                    # "The exercise, Haiyang Weishi-2023 in Chinese, will last until Nov 17": its name in another
                    # language, not another exercise
                    f.anaphoric, f.name, f.series, f.edition = True, "", "", None
                    target = lead_exercise
            elif f.edition:
                series = lead_exercise.series if lead_exercise is not None else ""
                if series and f.definite and not _start(f) and lead_exercise.edition in (None, f.edition) \
                        and f.series in ("", series):
                    # "This is the seventh edition of the exercise": the article's exercise, numbered
                    lead_exercise.edition = f.edition
                    f.anaphoric = True
                    place(f, lead_exercise)
                    continue
                if series and (f.definite or f.trigger is None) and not f.countries[2:] and f.series in ("", series):
                    # "The third edition of the drills was held in Egypt in 2018": the article's series
                    f.series = series
                    _name_exercise(f, lex)
                    target = next((e for e in same_type if e.name == f.name), None)
                    place(f, target)
                    continue
                if not series and f.trigger is None and not f.series:
                    continue  # "the 10th edition" with no exercise named anywhere: nothing to number
                target = next((e for e in same_type if e.edition == f.edition), None)
                if target is None and f.time is None and lead_exercise is not None \
                        and not lead_exercise.name and not lead_exercise.edition:
                    target = lead_exercise  # "This is the fifth joint air patrol"
            elif f.series and not _start(f):
                # "Urban combat will be the focus of #DRUZHBA": evidence for the edition told, not another
                target = next((e for e in reversed(same_type) if e.series == f.series), None)
                if target is None and lead_exercise is not None and not lead_exercise.series and \
                        not set(f.countries) - set(lead_exercise.countries):
                    target = lead_exercise  # "the drill, code-named "Shakti," which will last until May 26"
                # (but "The Indian and French armies are holding joint drills, Shakti" tells one, undated here)
                if target is None and (not f.countries or f.series in lex.series and f.status == "reported") and not (
                        len(f.countries) >= 2 and any(t.kind == "exercise" for t in f.sm.triggers)
                        and re.search(r"\b(?:are|is)\s+(?:\w+\s+)?(?:holding|conducting|taking part|participating)\b",
                                      f.sm.text)):
                    continue  # the series named in passing, with no edition and no date: no event
                f.anaphoric = target is not None  # else "sailed ... in exercise BRIGHT SHIELD": told here
            elif f.anaphoric:
                if lead_exercise is None:
                    if not ((_start(f) or (f.end is not None and f.end.start)) and len(f.countries) >= 2):
                        continue  # nothing to refer back to ("... will continue till 14 September" tells one)
                    f.anaphoric = False  # "The Pakistan-Russia joint exercise began on Sunday": a first telling
                target = lead_exercise
            elif f.sibling and lead_exercise is not None:
                # "The previous patrol took place on May 24": same parties, another date
                f.countries, f.subtype = list(lead_exercise.countries), lead_exercise.subtype
                f.needs_pair = False
                cue = next((c.text.lower() for c in f.sm.cue("sibling")), "") or (
                    re.search(r"(?i)\b(previous|last|prior|next|upcoming)\b", f.sm.text) or [""])[0].lower()
                if lead_exercise.series and cue in ("previous", "last", "prior", "former", "next", "upcoming",
                                                    "following"):
                    # "The previous edition was held at Fort Wainwright": the edition before the one told
                    f.series = lead_exercise.series
                    if lead_exercise.edition:
                        f.edition = lead_exercise.edition + (1 if cue in ("next", "upcoming", "following") else -1)
                    _name_exercise(f, lex)
            elif _start(f):
                # the same unnamed drill told twice ("on Wednesday" ... "On November 30, 2022")
                target = next((e for e in same_type if not e.name and e.date_start and
                               _compatible(e.date_start, _start(f)) and set(e.countries) & set(f.countries)), None)
            place(f, target)
            continue
        if f.needs_equipment:
            # goods already traded in the article come first ("the purchase of the Russian system"),
            # then the last ones named of the right kind ("The Rafale has had a strong year.")
            named = [e for e in reversed(same_type) if e.name and lex.fits(e.name, f.anaphor_category, unlisted)]
            told = next(iter(named), None)
            if told is None and not f.context_equipment:
                continue  # "the jets" with no jets named before
            if told is None:  # named in passing ("The Rafale has had a strong year."), not yet traded
                told = Event("arms_transfer", name=f.context_equipment, equipment=[f.context_equipment])
            f.name, f.equipment = told.name, list(told.equipment)
            f.anaphoric = not f.time and f.subtype == told.subtype and told in events
            # "the first battery was delivered": same goods, so the same supplier and buyer
            f.actor2 = f.actor2 or told.actor2
            if not f.actor1:
                origin = [c for c in lex.equipment.get(f.name, {}).get("origin", []) if c != f.actor2]
                f.actor1 = (told.actor1 if told.actor1 != f.actor2 else "") or (origin[0] if origin else "")
            f.countries = _uniq([f.actor1, f.actor2])
        if f.event_type == "visit" and f.subtype == "meeting" and not f.name and f.people and not f.anaphoric \
                and f.trigger is not None and re.fullmatch(r"(?i)met|meets|held talks|talks", f.trigger.text):
            # "Shin met his Saudi counterpart on Monday evening": talks held on a visit the article tells
            trip = next((e for e in same_type if e.subtype == "official_visit" and set(e.people) & set(f.people)
                         and (not _start(f) or not e.date_start or _days_apart(e.date_start, _start(f)) <= 3)), None)
            if trip is not None:
                f.anaphoric = True
                place(f, trip)
                continue
        if f.event_type == "visit" and f.subtype == "official_visit" and not f.anaphoric and (
                not _start(f) or f.status == "reported") and (f.people or f.actor1):
            # "Erdogan, who is in Russia for a one-day working visit, was shown ...", "The CGS also called
            # on ...": the visit told before, by the same person or the same visitor to the same host
            # "Earlier in the day, the Turkish CGS called on General X": a visitor named by office only
            unnamed = f.trigger is not None and not any(p.start < f.trigger.start for p in f.sm.people) and \
                any(t.start < f.trigger.start for t in f.sm.of("title"))
            same = next((e for e in same_type if e.subtype == "official_visit" and f.actor2 in ("", e.actor2) and (
                (set(e.people) & set(f.people) if not _start(f) else e.people[:1] == f.people[:1] != [])
                or (f.actor1 and f.actor1 == e.actor1 and (f.actor2 or _start(f))
                    and (not _start(f) or not f.people or not e.people
                         or (unnamed and _days_apart(e.date_start, _start(f)) <= 1)))
                # "The Naval Chief arrived in Colombo on Tuesday on a four-day visit": the visit told, by office
                or (unnamed and e.people and not (f.actor1 and e.actor1) and f.actor2 and f.actor2 == e.actor2
                    and _start(f) and _days_apart(e.date_start, _start(f)) <= 1))
                and (not _start(f) or _days_apart(e.date_start, _start(f)) <= 3)), None)
            if same is not None:
                f.anaphoric = True
                place(f, same)
                continue
        if f.event_type == "visit" and f.subtype == "official_visit" and f.status == "planned" and not f.anaphoric:
            # "The COAS will visit Kubinka on Wednesday before concluding his visit": a later stop of
            # the trip the article reports, not another visit
            trip = next((e for e in same_type if e.subtype == "official_visit" and e.status == "reported"
                         and _recent(e.date_start, article) and f.actor2 in ("", e.actor2)
                         and (not f.actor1 or f.actor1 == e.actor1)
                         # "is expected to visit Islamabad in the first quarter of next year": another trip
                         and (not _start(f) or len(_start(f)) == 10 and _days_apart(e.date_start, _start(f)) <= 7)),
                        None)
            if trip is not None:
                f.anaphoric, f.time, f.end = True, None, None
                place(f, trip)
                continue
        if f.event_type == "arms_transfer" and f.name and not _start(f) and f.quantity is None and not f.anaphoric:
            # "The Rafale contract is the largest ever export order": the deal told before, restated
            told_before = next((e for e in same_type if e.name == f.name and e.subtype == f.subtype), None)
            if told_before is not None:
                f.anaphoric = True
                place(f, told_before)
                continue
        target = None
        if f.anaphoric and same_type:
            target = same_type[-1] if f.event_type != "arms_transfer" else next(
                (e for e in reversed(same_type) if e.name == f.name and e.subtype == f.subtype), None)
        elif f.anaphoric:
            continue
        elif f.name and f.event_type in ("arms_transfer", "agreement", "policy"):
            # a batch still due is not the batch that came ("the remaining two by the end of the year")
            target = next((e for e in same_type if e.name == f.name and e.subtype == f.subtype
                           and _compatible(e.date_start, _start(f)) and e.status == f.status
                           and (not e.actor2 or not f.actor2 or e.actor2 == f.actor2)), None)
        place(f, target)

    # An undated meeting, visit or agreement told beside a dated event it belongs to ("the
    # agreement was concluded at the meeting", "During the visit, they signed an agreement")
    # takes that event's date, marked as inferred from context.
    for pairs in by_sentence.values():
        dated = [ev for f, ev in pairs if f.anaphoric and ev.date_start]
        for f, ev in pairs:
            if ev.event_type == "visit" and not ev.date_start and not dated:
                # "Dendias, who is on a visit to Paris, signed a contract on Monday": the visit is then
                dated = [e for g, e in pairs if e is not ev and e.event_type != "visit" and g.time is not None
                         and g.time.precision == "day" and e.status == "reported" and e.date_start]
            if ev.event_type == "agreement" and not ev.date_start and not dated:
                # "Shoigu flew to Islamabad that November to sign the agreement": signed on that trip
                dated = [e for g, e in pairs if e.event_type == "visit" and g.time is not None and e.date_start
                         and g.trigger is not None and f.trigger is not None and (
                             g.trigger.start < f.trigger.start or re.search(
                                 r"\b(?:during|on the sidelines of|at)\b", f.sm.text[f.trigger.end:g.trigger.start]))]
            if ev.event_type in ("visit", "agreement") and not ev.date_start and dated and dated[0] is not ev:
                src = dated[0]
                _set_time(ev, TimeValue(src.date_text, src.date_start, None, src.date_precision),
                          PRIORITY_ANAPHOR, " (from context)")
                ev.inferred = True

    for ev in events:
        if ev.series and not ev.name:
            ev.name = exercise_name(ev.series, ev.edition,
                                    int(ev.date_start[:4]) if ev.date_start else None, lex)
            if not ev.name:
                ev.name = ev.series  # a series with no number or date told: its name is all there is
        year = re.search(r"-((?:19|20)\d\d)$", ev.name) if ev.event_type == "exercise" else None
        if year and not ev.date_start:  # "Northern/Interaction-2023 in the summer": at least the year
            ev.date_start, ev.date_precision, ev.date_text = year.group(1), "year", f"{ev.name} (year in the name)"
        if ev.series and ev.series in lex.series and lex.series[ev.series].get("kind") == "bilateral":
            ev.countries = _uniq(ev.countries + lex.series[ev.series].get("participants", []))
        # "the two countries" are the article's main pair, unless the article has none (a round-up
        # of many pairs): then they are the last two the text named
        local = focused is False and ev.event_type != "arms_transfer" and len(ev.local_pair) == 2
        _fill_pair(ev, ev.local_pair if local else pair)
        ev.countries = [c for c in ev.countries if c not in ev.absent]
        if ev.date_end and ev.date_start and ev.date_end < ev.date_start[:len(ev.date_end)] and \
                len(ev.date_end) >= 7 and int(ev.date_start[:4]) - int(ev.date_end[:4]) == 1:
            ev.date_end = ev.date_start[:4] + ev.date_end[4:]  # "until 31 July" read a year too early
        _host_and_guest(ev, lex)
        ev.countries = sorted(ev.countries)
        ev.sources = [article.label]
        ev.published = article.published.isoformat() if article.published else ""
        ev.primary = primary
    events = _fold_same_series(events)
    inferred = _infer_series(events, statements, lex)
    for ev in inferred:  # the article that implies an edition is its source, so a filter by source keeps it
        ev.sources = [article.label]
        ev.published = article.published.isoformat() if article.published else ""
        ev.primary = primary
    events += inferred
    # Only what some sentence states is an event; references back alone are not.
    return [e for e in events if e.told or e.inferred]
