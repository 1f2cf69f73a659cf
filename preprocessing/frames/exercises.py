"""Exercise frames: series, edition, dates, participants, troops, host."""
from __future__ import annotations

import re
from dataclasses import replace

from ..lexicon import Lexicon, word_set
from ..mentions import SentenceMentions, roman_to_int
from ..model import Mention, TimeValue
from .base import PRIORITY_ANAPHOR, PRIORITY_START, Frame, uniq
from .context import (choose_times, clauses, countries_of, date_priority, governing_verb, is_definite,
                      is_hypothetical, is_negated, location_of, start_from_end)


def _edition_near(sm: SentenceMentions, series_end: int | None, lo: int = 0, hi: int | None = None,
                  stages: frozenset[str] = frozenset()) -> tuple[int | None, int | None]:
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
        for i in range(len(words) - 1, -1, -1):
            if words[i].lower() in stages:
                break  # "the second phase of the drill": a stage, not an edition
            val = sm.ordinal(words[i])
            # "a first joint naval drill" is no edition of anything; "a seventh round" is
            if val and not (n.kind == "exercise" and i and words[i - 1].lower() in ("a", "an")):
                if val == 1 and ("ever" in (w.lower() for w in words[i + 1:]) or re.match(
                        r"\W*(?:between|of the two|with|together)\b", text[n.end:])):
                    return None, None  # "their first ever joint exercise": a first, not edition one
                return val, None
    return None, None


# A month's name, and the words that make a date relative to now ("October last year"), by language.
_MONTH_WORD = {"en": r"(?i)\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)",
               "ru": r"(?i)январ|феврал|март|апрел|ма[йяе]\b|июн|июл|август|сентябр|октябр|ноябр|декабр"}
_RELATIVE_WORD = {"en": r"(?i)\b(?:last|next|this|ago|earlier|later)\b",
                  "ru": r"(?i)прошл|следующ|\bэт(?:ого|ом|от)\b|текущ|нынешн|минувш|назад|будущ|\bтого\s+же"}


# Words that make a drill a joint one though no partner is named here, by language
_JOINT = {"en": r"(?i)\b(?:joint|bilateral|combined|together|alongside|with|multinational|trilateral)\b",
          "ru": r"(?i)(?<![а-яё])(?:совместн|двусторонн|трехсторонн|трёхсторонн|многонациональн|многосторонн|вместе)"}
# "It will last until 26 October": the end of the exercise just told
_IT_LASTS = {"en": r"\W*(?:It|They)\s+(?:will\s+)?(?:last|run|continue|end|conclude)",
             "ru": r"\W*(?:Оно|Они)\s+(?:продл|заверш|законч|продолж)"}


def _in_year(t, year: int, language: str = "en"):
    """A day or month written without a year, put in the edition's year."""
    if t is None or not t.start or not t.relative or t.precision not in ("day", "month") \
            or not re.search(_MONTH_WORD[language], t.text) \
            or re.search(r"\b(?:19|20)\d\d\b", t.text) or re.search(_RELATIVE_WORD[language], t.text):
        return t
    shift = year - int(t.start[:4])
    if shift == 0 or abs(shift) > 5:
        return t
    end = f"{int(t.end[:4]) + shift:04d}{t.end[4:]}" if t.end else None
    return replace(t, start=f"{year:04d}{t.start[4:]}", end=end)


def _series_mentions(sm: SentenceMentions) -> list[Mention]:
    """Series names; a weak one ("Friendship", "Warrior") only when the text marks it as a name:
    quoted, numbered, or next to an exercise noun ("the Druzhba exercise", "exercise Warrior")."""
    out = []
    nouns = [t for t in sm.triggers if t.kind == "exercise"] + sm.cue("edition_noun")
    for m in sm.of("series"):
        if m.attr("flag") == "weak":
            before = sm.text[max(0, m.start - 1):m.start]
            after = sm.text[m.end:m.end + 2]
            quoted = bool(before) and before in "'\"“‘«„(#"  # a hashtag marks a name too
            quoted = quoted or bool(re.search(r"\bEx\.?\s+$", sm.text[:m.start]))  # "Ex SHAKTI": Indian usage
            # ("Druzhba-V"; in Russian a number: «Восток-Медиа» is an outlet, not Vostok)
            numbered = re.match(r"[-–]\s?\w|\s(?:\d|[IVX]+\b)" if sm.language == "en" else
                                r"[-–]\s?(?:\d|[IVX]+\b)|\s(?:\d|[IVX]+\b)", after)
            beside = any(0 <= t.start - m.end <= 2 or 0 <= m.start - t.end <= 12 and
                         re.fullmatch(r"\W*(?:named|titled|dubbed|called|code-named|codenamed|known as|of(?: the)?)?\W*",
                                      sm.text[t.end:m.start]) for t in nouns)
            # "SHAKTI is the flagship exercise": capitals mark an exercise's name in military prose
            capitals = m.text.isupper() and len(m.text) >= 4 and not sm.text.isupper()
            if not (quoted or numbered or beside or capitals):
                continue
        out.append(m)
    return out


def exercise_frames(sm: SentenceMentions, lex: Lexicon) -> list[Frame]:
    """One exercise per clause that names or numbers one: "Druzhba-II followed in September 2017,
    and the third edition took place in October last year" is two editions."""
    parts = clauses(sm)
    first = _first_edition(sm, lex)
    if first:
        return first
    # "The series began in October 2016, and the second round was held ...": the first clause is edition one
    began = _SERIES_BEGAN.search(sm.text)
    if len(parts) > 1:
        frames, series = [], ""
        for lo, hi in parts:
            made = _exercise_frames_at(sm, lex, lo, hi, series)
            if not made and began and lo <= began.start() < hi:
                made = _series_began(sm, lex, lo, hi, began)
            elif not made and frames:
                made = _elliptic_edition(sm, lex, lo, hi, series)
            if made and made[0].event_type == "exercise" and not (made[0].series or made[0].edition):
                return _exercise_frames_at(sm, lex, 0, len(sm.text), "")  # one drill told across clauses
            frames += made
            series = next((f.series for f in made if f.series), series)
        if len(frames) > 1:  # "launched the series in 2014, and its fifth iteration was held ..."
            return frames
        if len(frames) == 1 and frames[0].time is not None and (frames[0].series or frames[0].edition):
            return frames  # "Last October they flew in Eastern Bridge-VII, and in January ...": its own clause's date
    return _exercise_frames_at(sm, lex, 0, len(sm.text), "")


# "Launched in 2011, SHAKTI is the flagship exercise ...", "SHAKTI, first held in 2011, alternates ...":
# the series' first edition, not the one the article reports
_LAUNCHED = r"(?:[Ll]aunched|[Ss]tarted|[Bb]egun|[Ii]nstituted|[Ii]nitiated|[Ii]naugurated|[Ff]irst held|[Ff]irst conducted)\s+in\s+"
_LAUNCHED_OPENING = re.compile(r"\W*" + _LAUNCHED)
_LAUNCHED_APPOSITION = re.compile(r",\s*" + _LAUNCHED)


def _first_edition(sm: SentenceMentions, lex: Lexicon) -> list[Frame]:
    series = _series_mentions(sm)
    if not series:
        return []
    m = _LAUNCHED_OPENING.match(sm.text)
    if m is None:
        m = next((a for a in _LAUNCHED_APPOSITION.finditer(sm.text) if series[0].end <= a.start() <= series[0].end + 2
                  and not re.match(r"[\s\-–]*(?:(?:19|20)\d\d|[IVX]+\b|\d)", sm.text[series[0].end:])), None)
    if m is None or (m.start() == 0 and not re.match(r"\s*,?\s*(?:the\s+)?$", sm.text[m.end():series[0].start].split(",", 1)[-1])):
        return []
    year = next((t for t in sm.times if t.char_start == m.end() and t.start and t.precision == "year"), None)
    if year is None:
        return []
    f = Frame("exercise", "bilateral", sm, series=series[0].canonical, edition=1, time=year, priority=PRIORITY_START)
    f.countries = uniq(countries_of(sm, lex))
    f.needs_pair = len(f.countries) < 2
    return [f]


_STAGE_OF = re.compile(r"\bvalidation(?: phase| exercise| stage)?\s+of\s+(?:the\s+)?(?:[\w\-'’]+\s+){0,7}['\"‘“]?$", re.I)
_PART_OF = re.compile(r"\bas\s+(?:a\s+)?part\s+of\s+(?:the\s+)?(?:[\w\-'’]+\s+){0,4}$", re.I)


_EACH_SIDE = re.compile(r"\s+(?:\w+\s+){0,2}?(?:from|on|of)\s+each\s+(?:side|country|army|navy|nation|contingent)\b"
                        r"|\s+each\b", re.I)


def status_hint(sm: SentenceMentions) -> bool:
    """A plan for one edition: "is scheduled to be held", "will take place", "was to be held"."""
    return bool(re.search(r"\b(?:will|was to|is to|are to|scheduled to|set to|due to)\s+(?:be\s+)?(?:held|take place|"
                          r"begin|start|run|be conducted)\b", sm.text))


_SERIES_BEGAN = re.compile(r"\b[Tt]he\s+(?:[A-Z][\w\-]*\s+)*(?:series|exercises|drills)\s+(?:first\s+)?"
                           r"(?:began|started|was launched|was inaugurated|kicked off)\b")
_ELLIPTIC = re.compile(r"^\W*(?:and\s+|while\s+|before\s+|after\s+)?the\s+(\w+)\b(?!\s+(?:time|day|week|month|year|"
                       r"batch|of|two|three|phase|stage|leg|part|half)\b)")


def _series_began(sm: SentenceMentions, lex: Lexicon, lo: int, hi: int, m) -> list[Frame]:
    """"The series began in October 2016": its first edition, then."""
    times = [t for t in sm.times if lo <= t.char_start < hi and t.role == "point" and t.start]
    if not times:
        return []
    series = [s for s in _series_mentions(sm) if m.start() <= s.start < m.end()]
    f = Frame("exercise", "bilateral", sm, series=series[0].canonical if series else "", edition=1,
              time=times[0], priority=PRIORITY_START)
    f.countries = uniq(countries_of(sm, lex, lo, hi))
    f.location = location_of(sm, lex, lo, hi)
    f.needs_pair = len(f.countries) < 2
    return [f]


def _elliptic_edition(sm: SentenceMentions, lex: Lexicon, lo: int, hi: int, series: str) -> list[Frame]:
    """"..., and the second round was held in Krasnodar in 2017 before the third came back to Egypt":
    an edition told by its number alone, after a clause about the series."""
    m = _ELLIPTIC.match(sm.text[lo:hi])
    edition = sm.ordinal(m.group(1)) if m else None
    if not edition:
        edition, _ = _edition_near(sm, None, lo, hi, word_set(lex, "exercise", "stage_nouns"))
    if not edition:
        return []
    return _edition_frame(sm, lex, lo, hi, None, series, edition, None, [])


def _exercise_frames_at(sm: SentenceMentions, lex: Lexicon, lo: int, hi: int, series_before: str) -> list[Frame]:
    modified = word_set(lex, "exercise", "modified_nouns")
    stages = word_set(lex, "exercise", "stage_nouns")
    triggers = [t for t in sm.triggers if t.kind == "exercise" and lo <= t.start < hi and not is_negated(sm, t)
                and not is_hypothetical(sm, t, word_set(lex, "cues", "planning")) and
                (sm.text[t.end:].split()[:1] or [""])[0].strip(",.;:").lower() not in modified]
    series = [m for m in _series_mentions(sm) if lo <= m.start < hi]
    if not triggers and not series:
        edition, _ = _edition_near(sm, None, lo, hi, stages)
        if series_before and edition:  # "..., and the third edition took place ..."
            return _edition_frame(sm, lex, lo, hi, None, series_before, edition, None, [])
        if edition and any(lo <= t.char_start < hi and t.start for t in sm.times) and \
                re.search(r"(?i)\bthe\s+\w+\s+(?:edition|iteration)\b", sm.text[lo:hi]):
            # "Sri Lanka will host the 10th edition in 2024": an edition of the article's series
            return _edition_frame(sm, lex, lo, hi, None, "", edition, None, [])
        sibling = re.search(r"(?i)\b(?:previous|last|prior|next|upcoming)\s+(?:edition|round|iteration)\b", sm.text[lo:hi])
        if sibling and not sm.triggers and not series_before:
            # "The previous edition was held at Mahajan from 25th February to 9th March 2024"
            times = [t for t in sm.times if lo <= t.char_start < hi]
            point, end, _, _ = choose_times(sm, lo + sibling.start(), times, spans=True)
            if point is not None or end is not None:
                f = Frame("exercise", "", sm, sibling=True, priority=date_priority(sm))
                f.time, f.end = point or start_from_end(sm, end), end
                f.location = location_of(sm, lex, lo, hi)
                f.needs_pair = True
                return [f]
        ends = [t for t in sm.times if t.role == "end" and t.start]
        if lo == 0 and not sm.triggers and ends and re.match(_IT_LASTS[sm.language], sm.text):
            # "It will last until 26 October": the end of the exercise just told
            f = Frame("exercise", "", sm, anaphoric=True, troops_only=True, priority=PRIORITY_ANAPHOR)
            f.end = ends[0]
            return [f]
        troops = [q for q in sm.quantities if q.attr("troops")]
        taking_part = word_set(lex, "visit", "participation", "words")  # "В нем примут участие 600 военнослужащих"
        if troops and not [t for t in sm.triggers if sm.words_of(t) not in taking_part] and lo == 0:
            f = Frame("exercise", "", sm, anaphoric=True, troops_only=True, priority=PRIORITY_ANAPHOR)
            f.quantity, f.quantity_unit = int(troops[0].canonical), "troops"
            return [f]
        return []
    edition, year = None, None
    for m in series:
        edition, year = _edition_near(sm, m.end, lo, hi, stages)
        info = lex.series.get(m.canonical, {})
        if edition and not year and info.get("numbering") == "year" and 10 <= edition < 100 \
                and edition > len(info.get("years", [])) and re.match(r"\s?[-–]?\s?\d\d\b", sm.text[m.end:]) \
                and not (sm.published and abs(2000 + edition - sm.published.year) > 2):
            edition, year = None, 2000 + edition  # "AMAN-23", "FRINJEX-23": a two-digit year
        if edition or year:
            break
    if not series:
        edition, _ = _edition_near(sm, None, lo, hi, stages)
    elif year and not edition:
        edition, _ = _edition_near(sm, None, lo, hi, stages)  # "The sixth ... exercise Druzhba-2021"
    anchor = (series or triggers)[0]
    s_name = series[0].canonical if series else ""
    others = [m for m in series[1:] if m.canonical != s_name and m.start > anchor.start]
    # "Mitra Shakti follows the SLINEX 2023 naval exercise, held from April 3 to 8": each series its own
    # dates; the first takes none from past the second's name
    own_hi = others[0].start if others and any(others[0].start <= t.char_start < hi for t in sm.times) else hi
    # "As Mitra Shakti with Sri Lanka opened ..., the other 'Shakti', its exercise with France, ...": each
    # series takes the countries of its own stretch
    frames = _edition_frame(sm, lex, lo, own_hi, anchor, s_name, edition, year, triggers, bool(others))
    for other in others:
        if not frames:
            continue
        e2, y2 = _edition_near(sm, other.end, other.start, hi, stages)
        more = _edition_frame(sm, lex, other.start, hi, other, other.canonical, e2, y2, [], True)
        if more and more[0].time is not None and more[0].time.char_start > other.start and (
                frames[0].time is None or frames[0].time.char_start != more[0].time.char_start):
            frames += more
    return frames


def _edition_frame(sm, lex, lo, hi, anchor, s_name, edition, year, triggers, own_span=False) -> list[Frame]:
    times = [t for t in sm.times if lo <= t.char_start < hi]
    if year:  # "Last year's edition, X-2020, took place in September": September of 2020
        times = [_in_year(t, year, sm.language) for t in times]
    point, end, since, hint = choose_times(sm, anchor.start if anchor else lo, times, spans=True)
    # "held almost every year" does not fix a rhythm to count editions by
    recurrence = [c.attr("value") for c in sm.cues if c.canonical == "recurrence"
                  and not re.search(r"\b(?:almost|nearly|most|roughly|usually)\s+$", sm.text[:c.start])]
    info = lex.series.get(s_name, {})
    f = Frame("exercise", "", sm, trigger=anchor, series=s_name, edition=edition,
              year_hint=year or hint, priority=date_priority(sm))
    # "held annually since 2016", "The INDRA series began in 2003": about the series, not one edition
    about_series = anchor is not None and anchor.kind == "series" and re.match(r"\W*series\b", sm.text[anchor.end:], re.I)
    # "the annual Balikatan exercise began on Monday" is an edition; "held annually since 2016" the series
    # and so is "The annual exercise X, which was to be held in October, has been called off": a month of its own
    this_one = point is not None and point.precision in ("month", "day") and (
        sm.has_cue("start") or sm.cue("cancellation") or sm.cue("rescheduled") or status_hint(sm))
    # ("training since last week" is this edition's, not a series' "held since 2016")
    if since is not None and since.start and since.precision != "year" and sm.published and \
            int(since.start[:4]) >= sm.published.year:
        since = None
    if s_name and not edition and not year and ((recurrence and not this_one) or since or about_series):
        f.since, f.period = since or (point if about_series else None), (recurrence[0] if recurrence else None)
        f.event_type = "series"
        return [f]
    f.time, f.end = point or start_from_end(sm, end), end
    before_anchor = sm.text[max(0, anchor.start - 90):anchor.start] if anchor is not None else ""
    if f.time and f.time.start and (_STAGE_OF.search(before_anchor) or (
            _PART_OF.search(before_anchor) and f.time.char_end <= anchor.start
            and re.search(r"(?i)\b(?:validation|phase|stage)\b", before_anchor))):
        # "The validation phase of the India-France exercise Shakti began on Friday", "a validation exercise on
        # 24-25 May as part of Shakti 2024": the stage's days; of the edition they say only the month
        f.time = TimeValue(f.time.text, f.time.start[:7], None, "month", "point", f.time.char_start,
                           f.time.char_end, f.time.relative)
        f.end, f.priority = None, PRIORITY_ANAPHOR
    if year:  # "Bright Star-2025 ... from August 31 to September 10": the edition's year, not the nearest
        f.time, f.end = _in_year(f.time, year, sm.language), _in_year(f.end, year, sm.language)
    # (the sentence's subject before the first name counts for every series: "Pakistan and India both sent
    # troops to Tsentr-2019, a year after ... Peace Mission-2018")
    first_name = min((m.start for m in _series_mentions(sm)), default=0)
    text_countries = uniq(countries_of(sm, lex, 0, first_name) + countries_of(sm, lex, lo, hi)) if own_span \
        else countries_of(sm, lex)
    aside = re.search(r",\s+(?:as|while|amid|even as|at a time when)\s", sm.text[anchor.end:]) if anchor is not None else None
    if aside and not own_span:
        # "..., as Moscow seeks to build ties with a country long aligned with the United States and China": an aside
        cut = anchor.end + aside.start()
        text_countries = countries_of(sm, lex, 0, cut) or text_countries
    if info.get("kind") == "bilateral":
        text_countries += info.get("participants", [])
    # "India pulled out of Kavkaz-2020": whoever withdrew is named, but does not take part
    f.absent = uniq(c for w in sm.cue("withdrawal") if lo <= w.start < hi for c in countries_of(sm, lex, lo, w.start))
    f.countries = [c for c in uniq(text_countries) if c not in f.absent]
    # a series known to be bilateral stays so when "the two navies" are spoken of, unless a third takes part
    multi = (sm.has_cue("multilateral") and info.get("kind") != "bilateral") or info.get("kind") == "multilateral" \
        or len(f.countries) > 2
    f.subtype = "multilateral" if multi else "bilateral"
    f.location = location_of(sm, lex, lo, hi)
    if f.location in lex.places:
        f.countries = uniq(f.countries + [lex.places[f.location].get("country", "")])
    troops = [q for q in sm.quantities if q.attr("troops") and lo <= q.start < hi]
    if troops:
        f.quantity, f.quantity_unit = int(troops[0].canonical), "troops"
        if _EACH_SIDE.match(sm.text[troops[0].end:]) and f.subtype == "bilateral":
            f.quantity *= 2  # "about 90 personnel from each side": 180 in all
    f.needs_pair = sm.has_cue("pair") or len(f.countries) < 2
    f.definite = bool(triggers) and is_definite(sm, triggers[0], lex)
    f.participants = any(sm.words_of(t) in word_set(lex, "visit", "participation", "words")
                         for t in sm.triggers if t.kind == "visit")
    # "The previous patrol took place on May 24": another edition, between the same parties
    f.sibling = bool(triggers) and any(0 <= triggers[0].start - c.end <= 25 for c in sm.cue("sibling"))
    f.definite = f.definite and not f.sibling
    if not s_name and not edition:
        if f.definite:
            f.anaphoric = True
            # "The exercise opened on Sunday" still dates the start; other references only fill gaps
            f.priority = PRIORITY_START if point and governing_verb(sm, point) == "start" else PRIORITY_ANAPHOR
        elif point is None and end is None and not troops:
            return []  # "regulars at the Army Games", "including naval exercises": no when
        elif not f.sibling and not sm.has_cue("sibling") and len(countries_of(sm, lex)) < 2 and not re.search(
                _JOINT[sm.language], sm.text):
            return []  # "an emergency drill at the port": no partner, no joint exercise
    return [f]
