"""Visit and meeting frames: who went where, whom they met, when."""
from __future__ import annotations

import copy
import re
from functools import lru_cache

from ..lexicon import Lexicon, word_set
from ..mentions import SentenceMentions
from ..model import Mention
from .base import Frame, uniq
from .context import (choose_times, countries_of, date_priority, first_country_after,
                      is_definite, is_hypothetical, is_negated, location_of, start_from_end)


def visit_frames(sm: SentenceMentions, lex: Lexicon) -> list[Frame]:
    # official visits before meetings; the first trigger whose conditions hold wins
    triggers = sorted((t for t in sm.triggers if t.kind == "visit"),
                      key=lambda t: (t.attr("detail")[0] != "official_visit", t.start))
    told, referred = [], []
    for trig in triggers:
        if trig.text.lower() == "visiting" and re.search(r"\b(?:the|a|an|his|her|their)\s+$", sm.text[:trig.start], re.I):
            continue  # "the visiting dignitary": an adjective
        f = _visit_frame(sm, lex, trig)
        if f is not None:
            (referred if f.anaphoric else told).append(f)
    # a visit or meeting told here wins over a reference back ("during the visit"); a trip and the
    # named body it goes to meet are two rows ("will travel to Moscow, where he will co-chair the session")
    if told and referred and all(f.subtype == "meeting" and not f.name and f.time is None for f in told):
        return referred[:1]  # "The meeting was co-chaired by ...": the meeting told before
    bodies = [f for f in told if f.subtype == "meeting" and f.name]
    if told and told[0].subtype == "official_visit":
        # "visited Moscow for a meeting of the SCO defence ministers": the trip is the row
        bodies = [f for f in bodies if not re.search(r"\b(?:for|attend)\s+(?:a|the)\s+$", sm.text[:f.trigger.start])]
        stops = _stops(sm, lex, told[0])
        if stops and told[0].end is not None:  # the tour's last stop is the day it wrapped up there
            told[0].time, told[0].end = told[0].end, None
        return told[:1] + bodies[:1] + stops
    return (bodies or told)[:1] if told else referred[:1]


def _stops(sm: SentenceMentions, lex: Lexicon, tour: Frame) -> list[Frame]:
    """"wrapped up a Gulf tour in Abu Dhabi on Wednesday, after stops in Jeddah on Monday and Doha on
    Tuesday": each stop of a tour is a visit to its country, on its day."""
    m = re.search(r"\bstops?\s+(?:in|at)\s+", sm.text)
    if m is None:
        return []
    out, pos = [], m.end()  # where the next stop's place may begin
    for place in sorted(sm.entities, key=lambda e: e.start):
        if place.start < pos or place.kind not in ("place", "country"):
            continue
        if not re.fullmatch(r"(?:\s*(?:,|and|,\s*and)?\s*)", sm.text[pos:place.start]) and not out:
            break
        when = next((t for t in sm.times if 0 <= t.char_start - place.end <= 4 and t.start), None)
        country = place.canonical if place.kind == "country" else lex.places.get(place.canonical, {}).get("country", "")
        if when is None or not country or country == tour.actor1:
            break
        f = copy.copy(tour)
        f.time, f.end, f.actor2, f.location = when, None, country, place.canonical
        f.countries = uniq([tour.actor1, country])
        out.append(f)
        nxt = re.match(r"\s*(?:,\s*and|,|and)\s+", sm.text[when.char_end:])
        if nxt is None:
            break
        pos = when.char_end + nxt.end()
    return out


@lru_cache(maxsize=8)
def _body_pattern(heads: frozenset[str]):
    if not heads:
        return None
    alts = "|".join(re.escape(w) for w in sorted(heads, key=len, reverse=True))
    return re.compile(r"((?:[\w\-]+\s+){0,5}?(?:" + alts + r"))(\s+on\s+(?:[a-z\-]+\s+){0,2}[a-z\-]+)?(?=[\s,.;]|$)",
                      re.I)


@lru_cache(maxsize=8)
def _words_pattern(words: frozenset[str]):
    return re.compile(r"(?i)\b(?:" + "|".join(map(re.escape, sorted(words))) + r")\b")


def _lowercase_body(sm: SentenceMentions, lex: Lexicon, at: int) -> str:
    """"joint working group on defence industry" right after "meeting of the"."""
    pattern = _body_pattern(word_set(lex, "visit", "bodies", "words"))
    m = pattern.match(sm.text[at:]) if pattern is not None else None
    if not m:
        return ""
    words = (m.group(1) + (m.group(2) or "")).split()
    while words and words[-1].lower() in ("was", "were", "is", "are", "has", "have", "held", "in", "at", "on"):
        words.pop()  # "... on defence industry was held": the name ends before the verb
    return " ".join(words)


_NAME_PARTS = {"NOUN", "ADJF", "PRTF", "NUMR", ""}  # ("" for Latin letters and digits)


def _body_after(sm: SentenceMentions, lex: Lexicon, trig: Mention, orgs: list[Mention]) -> tuple[list, str]:
    """"заседание российско-казахстанской межправительственной комиссии по ВТС": the body right after
    the sitting (only adjectives between), named for the pair its adjectives give; or a body the
    lexicon does not list, by its head noun ("рабочей группы по ...") as written."""
    def close(start: int) -> bool:
        return 0 <= start - trig.end <= 60 and not re.search(r"[,;:.()«»\"]", sm.text[trig.end:start])
    heads = word_set(lex, "visit", "bodies", "words")
    # a body, not the other side of talks: "переговоры с командующим ВМС НОАК" names no meeting
    org = next((o for o in orgs if close(o.start) and (
        lex.organizations.get(o.canonical, {}).get("kind") in ("bilateral_body", "multilateral")
        or any(t.norm in heads for t in sm.tokens if o.start <= t.start < o.end))), None)
    if org is not None:
        pair = [c.canonical for c in sm.of("country") if trig.end <= c.start < org.start]
        kind = lex.organizations.get(org.canonical, {}).get("kind")
        name = "-".join(uniq(pair)) + " " + org.canonical if kind == "bilateral_body" and len(uniq(pair)) == 2 \
            else org.canonical
        return [Mention("organization", name, org.text, org.start, org.end)], ""
    for tok in sm.tokens:
        if close(tok.start) and (tok.norm in heads or any(a in heads for a in tok.alts)):
            # the name runs over nouns and adjectives ("рабочей группы по военному сотрудничеству") to a verb
            end = tok.end
            for t in (t for t in sm.tokens if t.start > tok.start):
                if re.search(r"[,;:.()]", sm.text[end:t.start]) or not (
                        t.norm in ("по", "и") or sm.part_of_speech(sm.text[t.start:t.end]) in _NAME_PARTS):
                    break
                end = t.end
            return [], sm.text[tok.start:end]
    return [], ""


def _name_before(sm: SentenceMentions, trig: Mention) -> str:
    """"Sergei Shoigu flew to Islamabad": a capitalised name right before the verb, known to no lexicon."""
    m = re.search(r"(?:^|[;,]\s+|\b[a-z]+\s+)((?:[A-Z][a-z]+\s){1,2}[A-Z][a-z]+)\s+$", sm.text[:trig.start])
    if not m or any(e.start < m.end(1) and m.start(1) < e.end for e in sm.entities):
        return ""
    return m.group(1)


def _told_in_phrase(sm: SentenceMentions, trig: Mention, f: Frame) -> bool:
    """"during the visit of Defence Minister Rajnath Singh to Cairo", "during a visit to Beijing in
    April": the noun phrase itself says who went where, or where and when; a telling, not a reference."""
    m = re.match(r"\s+(of\s+[^,;.]{3,80}?\s+)?to\s+", sm.text[trig.end:])
    if not m or not f.actor2 or not (f.people or sm.of("title")):
        return False
    if m.group(1) and any(trig.end <= p.start < trig.end + m.end() for p in sm.people + sm.of("title")):
        return True
    return any(trig.end + m.end() < t.char_start <= trig.end + m.end() + 40 and t.start
               and not re.search(r"[,;]", sm.text[trig.end:t.char_start]) for t in sm.times)


def _person_after(sm: SentenceMentions, trig: Mention) -> bool:
    return any(p.start > trig.start for p in sm.people) or any(
        t.start > trig.start for t in sm.of("title"))


def _visit_frame(sm: SentenceMentions, lex: Lexicon, trig: Mention) -> Frame | None:
    subtype, needs_person, needs_body, host_first = trig.attr("detail")
    ships = word_set(lex, "visit", "ships", "words")
    prefixes = lex.events.get("visit", {}).get("ship_prefixes", {})
    words_before = [w.strip(",.'’") for w in sm.text[:trig.start].split()[-12:]] if sm.language == "en" else \
        [t.norm for t in sm.tokens if t.end <= trig.start][-12:] + \
        [t.norm for t in sm.tokens if t.start >= trig.end][:4]  # "прибыл отряд кораблей": by dictionary form
    # "PNS Saif called at ...", "a port call by Russian Pacific Fleet ships at Karachi"
    by = re.match(r"\s+by\s+([^,;.]{1,60})", sm.text[trig.end:])
    words_by = [w.strip(",.'’") for w in by.group(1).split()] if by else []
    # "#INSTabar arrived at Alexandria": a ship's prefix run into its name in a hashtag
    tagged = [prefixes[m.group(1)] for m in re.finditer(r"#(" + "|".join(map(re.escape, prefixes)) + r")[A-Z][a-z]",
                                                        sm.text[:trig.start])] if prefixes else []
    naval = any(w.lower() in ships or w in prefixes for w in words_before + words_by) or bool(tagged)
    # "Two Russian Navy ships", "the PN ships": ships of a navy; a cruise liner's "ship" is not
    ship = not host_first and naval
    # "arrived in", "attended" make a visit only when a person (named, or by office) or a warship does it,
    # and is its subject: "the first aircraft will arrive in 2026, the spokesman said" is no visit
    named = _name_before(sm, trig) if needs_person and not sm.people else ""
    subject = [m.end for m in sm.people + sm.of("title") if m.end <= trig.start] + ([trig.start] if named else [])
    goods = [m.end for m in sm.of("equipment") + sm.cue("equipment_anaphor") if m.end <= trig.start]
    if sm.words_of(trig) in word_set(lex, "visit", "ship_only", "words") and not naval:
        return None  # "a Russian cruise liner called at Hurghada": no navy, no visit
    if needs_person and not host_first and not ship and (
            not (sm.people or sm.of("title") or named) or (goods and max(goods) > max(subject, default=-1))):
        return None
    if host_first and (sm.of("equipment") or not _person_after(sm, trig)):
        return None  # "received four jets" is a delivery; "received a call" no visit
    if trig.text.lower() in ("called on", "calls on") and re.match(r"[^.;]{1,80}?\bto\s+[a-z]+", sm.text[trig.end:]) \
            and not re.match(r"\s+(?:the\s+)?(?:[A-Z][\w.\-]*\s+){1,6}(?:at|in|on)\b", sm.text[trig.end:]):
        return None  # "called on Secretary of State Antony Blinken to impose sanctions": urged, not visited
    if is_negated(sm, trig) or is_hypothetical(sm, trig, word_set(lex, "cues", "planning")):
        return None  # "has not held talks", "offered to host a meeting"
    if re.match(r"\s+(?:on|over|about|for)\s+(?:the\s+)?(?:purchase|sale|acquisition|procurement|supply|buying|deal|"
                r"contract)\b", sm.text[trig.end:]):
        return None  # "talks on the purchase of 26 navy jets are ongoing": a negotiation, not a meeting
    if trig.text.lower() in ("met", "meets", "meet") and (
            re.match(r"\s+(?:in|at|during)\s+(?:the\s+)?(?:[\w\-]+\s+){0,4}(?:exercise|drills?|war ?games)\b",
                     sm.text[trig.end:])
            or re.search(r"\b(?:that|which|who)\s+$", sm.text[:trig.start])):
        return None  # "last met in the Cope India exercise": they exercised; "a committee that meets in secret": a habit
    f = Frame("visit", subtype, sm, trigger=trig, priority=date_priority(sm))
    f.time, f.end, _, _ = choose_times(sm, trig.start, spans=True)
    if f.time is None:
        f.time = start_from_end(sm, f.end)
    f.people = uniq(p.canonical for p in sm.people)
    orgs = sm.of("organization")
    f.organizations = uniq(m.canonical for m in orgs
                            if lex.organizations.get(m.canonical, {}).get("kind") not in ("media",))
    before = countries_of(sm, lex, 0, trig.start)
    guest = "guest" in trig.text.lower()  # "chief guest", "guest of honour"
    if f.subtype == "official_visit":
        place = location_of(sm, lex, trig.start if sm.language == "en" else 0)  # ("в Камрань прибыл": before it)
        port = lex.places.get(place, {}).get("country", "") if \
            sm.words_of(trig) in word_set(lex, "visit", "ship_only", "words") else ""  # "a port call ... at Karachi"
        guest_of = first_country_after(sm, lex, trig.start, ("of",), trig.end + 30) if guest \
            else ""  # "Chief Guest of India's Republic Day celebrations"
        host = port or guest_of or first_country_after(sm, lex, trig.start, (
            "visited", "visit to", "visits", "visiting", "trip to", "to", "in", "arrived in", "arrives in")) or \
            next(iter(countries_of(sm, lex, trig.start, trig.end + 25) if sm.language == "en" else
                      # (in Russian a subject may follow its verb: "прибыл отряд кораблей ТОФ" names the visitor)
                      [m.canonical for m in sm.of("country") if trig.start <= m.start < trig.end + 25]), "")
        host = host or lex.places.get(place, {}).get("country", "")
        if sm.language != "en" and not host_first and not port and not guest_of:
            # word order is free in Russian: where one went is what follows "в"/"на", wherever it stands
            # ("2 октября в Москву с визитом прибыл министр обороны Пакистана"); the visitor is the other side
            dest = first_country_after(sm, lex, 0, ("to",)) or lex.places.get(place, {}).get("country", "")
            host = dest or host
            before = [c for c in countries_of(sm, lex) if c != host]
        if not host and not host_first:  # "toured the air show with Chinese President Xi Jinping"
            host = next((p.attr("country") for p in sm.people if p.start > trig.start and p.attr("country")
                         and p.attr("country") not in before), "")
        visitor = next((c for c in before if c != host), "")
        if ship and not visitor and by:  # "a port call by Russian Pacific Fleet ships"
            visitor = next((c for c in countries_of(sm, lex, trig.end, trig.end + by.end()) if c != host), "")
        if ship and not visitor:  # "PNS Tippu Sultan arrived at Vladivostok": the navy's prefix says whose
            visitor = next(iter(tagged), "") or next((prefixes[w] for w in sm.text[:trig.start].split() if w in prefixes
                            and prefixes[w] != host), "")
        if ship and not visitor:  # "прибыл отряд кораблей ТОФ": the fleet named says whose ships
            visitor = next((c for o in orgs if (c := lex.organizations.get(o.canonical, {}).get("country"))
                            and c != host), "")
        if host_first and re.search(r"\b(?:was|were|been|being)\s+$", sm.text[:trig.start]):
            # "the prince was received at the Elysee by President Macron": the visitor comes first
            visitor = next(iter(before), "") or next((p.attr("country") for p in sm.people
                                                      if p.end <= trig.start and p.attr("country")), "")
            host = next((p.attr("country") for p in sm.people if p.start > trig.start and p.attr("country")
                         and p.attr("country") != visitor), "") or host
        elif host_first:  # "Putin received Indonesian Defence Minister Prabowo": the host comes first
            host = next(iter(before), "") or next((p.attr("country") for p in sm.people
                                                   if p.end <= trig.start and p.attr("country")), "")
            visitor = next((p.attr("country") for p in sm.people if p.start > trig.start and p.attr("country")
                            and p.attr("country") != host), "") or next(
                (c for c in countries_of(sm, lex, trig.end) if c != host), "")
        f.actor1, f.actor2 = visitor, host
        f.location = place or f.actor2
        # "Chief Guest of India's Republic Day": the host is named; a chief guest at home ("attended the
        # ceremony as chief guest") is no visit
        guest_from = visitor or next((p.attr("country") for p in sm.people if p.start < trig.start and p.attr("country")), "")
        if guest and not (guest_from and host and guest_from != host):
            return None  # "the naval chief was the chief guest at the ceremony": at home, as far as we know
        if needs_person and not place and not host_first and not (ship and host) and not guest_of:
            return None  # "attended the opening ceremony": no journey anywhere
    else:
        m = re.match(r"\w+\s+of\s+(?:the\s+)?", sm.text[trig.start:])  # "meeting of the ...", "round of the ..."
        after_of = [o for o in orgs if m and trig.start + m.end() - 1 <= o.start <= trig.start + m.end() + 1]
        body = _lowercase_body(sm, lex, trig.start + m.end()) if m else ""
        if sm.language != "en":  # a body follows its sitting in the genitive: "заседание ... комиссии по ..."
            after_of, body = _body_after(sm, lex, trig, orgs)
        if after_of:
            f.name = after_of[0].canonical
        elif body:
            f.name = body
        elif needs_body:
            return None  # "the 5th round of military exercise": not a meeting
        f.location = location_of(sm, lex)
        where = lex.places.get(f.location, {}).get("country", "") or (f.location if f.location in lex.countries else "")
        traveller = before[0] if len(before) == 1 else ""  # one party travels; "leaders of four nations met" none
        if not f.name and where and traveller and traveller != where and not re.search(
                r"(?:by (?:video|phone|telephone)|video ?conference|virtual|online|phone call)", sm.text, re.I):
            # "The Bangladeshi army chief held talks with the Turkish commander in Ankara in May": talks
            # abroad are a visit by the one who travelled
            f.subtype, f.actor1, f.actor2 = "official_visit", traveller, where
    # a person's country counts: "French President Emmanuel Macron met ..." brings France
    nationals = [p.attr("country") for p in sorted(sm.people, key=lambda p: p.start) if p.attr("country")]
    if f.subtype == "official_visit" and not f.actor1:
        f.actor1 = next((c for c in nationals if c != f.actor2), "")
    # a visit is its visitor's and host's; "after the war in Ukraine began" names no party
    f.countries = uniq([f.actor1, f.actor2] + (nationals if f.subtype == "official_visit" and f.actor1 and f.actor2
                                               else countries_of(sm, lex) + nationals))
    f.needs_pair = len(f.countries) < 2
    sibling = any(0 <= trig.start - c.end <= 12 for c in sm.cue("sibling"))  # "The previous session ..."
    if is_definite(sm, trig, lex) and not f.name and not sibling and not _told_in_phrase(sm, trig, f) \
            and not guest:  # "was the guest of honour at": told, not referred to
        f.anaphoric = True  # "During the visit, Shoigu and Asif signed ...", "Algeria condemned the visit"
    resident = word_set(lex, "visit", "resident_titles", "words")
    if needs_person and resident and trig.text.lower().startswith("attend") and \
            _words_pattern(resident).search(sm.text[trig.end:]):
        return None  # "attended by the Ambassador of France to India": he lives there; no visit
    if named:
        f.people = uniq(f.people + [named])
    if needs_person and not sm.people and not named and not ship and not (f.actor1 and f.actor1 != f.actor2):
        return None  # "The Prime Minister attended the parade at Kakul": an office at home is no visit
    if re.search(r"(?i)\b(?:press|news|regular press|media)\s+$", sm.text[:trig.start]):
        return None  # "told a regular press conference": a briefing, not a meeting
    if re.search(r"(?i)\b(?:sailors|soldiers|troops|personnel|cadets|servicemen|crews?)\b", sm.text[:trig.start]) \
            and not any(m.start < trig.start for m in sm.people + sm.of("title")):
        return None  # "Officers and sailors of the task group visited the frigate": the drill's crews, not officials
    if sm.words_of(trig) in word_set(lex, "visit", "participation", "words") and any(
            t.kind == "exercise" and t.start > trig.end for t in sm.triggers) or sm.language != "en" and any(
            c.canonical == "unit" and c.attr("value") == "troops" and c.end <= trig.start for c in sm.cues) \
            and not any(m.start < trig.start for m in sm.people + sm.of("title")):
        return None  # "экипажи кораблей примут участие в учении": taking part in a drill; troops are no visitors
    if re.search(r"\b(?:pattern|series|history|string|record)\s+of\s+(?:[\w\-]+\s+){0,4}$", sm.text[:trig.start]):
        return None  # "a pattern of Chinese naval vessels visiting Sri Lanka": visits in general
    if trig.text.lower() in ("visits", "meetings") and not sm.people and not f.name:
        return None  # "a rhythm of exercises and visits": visits in general, no one's
    # ("The Egyptian defence minister's visit to Moscow has been postponed": an office, a visitor and a host)
    if not (f.people or f.time or f.name or (ship and f.actor2) or (
            trig.text.lower() == "visit" and sm.of("title") and f.actor1 and f.actor2 and f.actor1 != f.actor2)):
        return None  # "a structured dialogue could help": no one, no when, no which
    return f
