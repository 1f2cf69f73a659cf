"""Arms-transfer frames: what changes hands, from whom, to whom, how many, when."""
from __future__ import annotations

import copy
import re
from dataclasses import replace

from ..lexicon import Lexicon, word_set
from ..mentions import NUMBER_WORDS, SentenceMentions
from ..model import Mention
from .base import Frame, uniq

from .context import (RELATIVE_CLAUSE, after_publication, choose_times, clauses, countries_of, first_country_after,
                      governing_verb, is_hypothetical, is_negated, position_of, priority_of)


# "X and Y", "X, as well as Y": goods named together, by language ("Ми-35М и три Ми-17В-5")
_AND = {"en": r"\b(?:and|as well as)\b", "ru": r"(?<![а-яё])(?:и|а\s+также)(?![а-яё])"}
_LISTED = {"en": r",\s+(?:as well as|and|plus)\s+(?:\w+\s+){0,2}$", "ru": r",\s+(?:а\s+также|и)\s+(?:\w+\s+){0,2}$"}


def _coordinated(sm: SentenceMentions, first: Mention) -> list[Mention]:
    """The equipment named with `first` in one phrase: "Su-35 fighter jets and S-400 equipment"."""
    out, prev = [first], first
    for m in sorted(sm.of("equipment"), key=lambda m: m.start):
        if m.start <= prev.start or m.canonical in {o.canonical for o in out}:
            continue
        gap = sm.text[prev.end:m.start]
        listed = re.search(_LISTED[sm.language], gap) and len(gap.split()) <= 10
        if (re.search(_AND[sm.language], gap) and len(gap.split()) <= 5 or listed) and not re.search(r"[.;:]", gap):
            out.append(m)
            prev = m
        else:
            break
    return out


# a contract "to build" or "to supply" is signed by the seller
_SUPPLIER_CONTRACT = re.compile(r"\s+(?:\w+\s+){0,2}to\s+(?:build|supply|deliver|sell|provide|manufacture|construct|"
                                r"produce|export)\b", re.I)


def arms_frames(sm: SentenceMentions, lex: Lexicon) -> list[Frame]:
    """One transfer per clause that has a real (not hypothetical) trigger and names what changes hands."""
    plans = word_set(lex, "cues", "planning")
    # a delivery "scheduled to" happen is a planned delivery; a purchase "expected to" be made is no event
    # "delivered the first batch of RD-93 engines under a new contract for Pakistan's JF-17 fleet last month":
    # the contract names what the delivery fulfils; it is not an order told here
    # (but "under a 2015 contract" dates an order of its own)
    under = [t for t in sm.triggers if t.kind == "arms_transfer" and t.attr("detail")[0] == "order" and (m := re.search(
        r"\bunder\s+(?:a|an|the|its|their)\s+(?:[\w$€£.,\-]+\s+){0,4}$", sm.text[:t.start]))
        and not any(m.start() <= x.char_start < t.end for x in sm.times)
        and any(g.kind == "arms_transfer" and g.attr("detail")[0] == "delivery" and g.end <= t.start for g in sm.triggers)]
    triggers = [t for t in sm.triggers if t.kind == "arms_transfer" and t not in under and not is_hypothetical(
        sm, t, plans if t.attr("detail")[0] == "delivery" else frozenset()) and not is_negated(sm, t)
        and not _facility(sm, t, lex) and not _apposition(sm, t) and not re.match(r"\s+(?:\w+\s+){0,2}(?:personnel|troops|servicemen|paratroopers|soldiers|aid|food)\b",
                         sm.text[t.end:])]  # "Il-76s delivered personnel": a flight, not a transfer
    # "The Castle-class patrol vessel, commissioned in 1989, will be handed over": 1989 is the apposition's
    asides = [(t.end, t.end + _ASIDE.match(sm.text[t.end:]).end())
              for t in sm.triggers if t.kind == "arms_transfer" and _apposition(sm, t)]
    if asides:
        sm = _without_times(sm, asides)
    carriers = sm.cue("carrier")
    # "flown in by An-124 transports"; in Russian also before them: "на борту транспортных Ан-124"
    equipment_all = [m for m in sm.of("equipment") if not any(
        0 <= c.start - m.end <= 25 or (sm.language != "en" and 0 <= m.start - c.end <= 25) for c in carriers)]
    frames, previous = [], []
    for lo, hi in clauses(sm):
        here = [t for t in triggers if lo <= t.start < hi]
        if not here:
            continue
        # "Russia delivered three of the S-400s that India ordered in 2018": a delivery and an order
        groups, cuts = [[here[0]]], [lo]
        for t in here[1:]:
            rel = _relative_start(sm, t, groups[-1][-1].end)
            prev = groups[-1][-1]
            goods_end = [m.end for m in sm.of("equipment") + sm.cue("equipment_anaphor") + sm.cue("unit")]
            in_relative = re.search(r"\b(?:that|which)\s+(?:[\w\-]+\s+){0,3}$", sm.text[:prev.start])
            if rel >= t.start and (any(0 <= prev.start - e <= 2 for e in goods_end) or in_relative) \
                    and prev.text.endswith("ed") and not re.search(r"\b(?:and|or|but)\b", sm.text[prev.end:t.start]):
                rel = t.start - 1  # "The four Mi-35M helicopters ordered in 2015 reached Pakistan in 2017"
            # "ordered VT-4 tanks in 2016, signed a contract for an S26T submarine in 2017": two orders
            own_goods = any(groups[-1][0].start <= m.start < rel for m in equipment_all) and \
                any(t.end <= m.start < hi for m in equipment_all)
            # "A second batch of six is due in 2026, with the remaining 12 to follow by 2028": two batches
            counted = [q for q in sm.quantities if not q.attr("troops")]
            own_goods = own_goods or (any(cuts[-1] <= q.start < rel for q in counted) and any(
                rel <= q.start < hi for q in counted) and sum(1 for x in sm.times if cuts[-1] <= x.char_start < rel) == 1
                and any(rel <= x.char_start < hi for x in sm.times))
            if rel < t.start and (t.attr("detail")[0] != groups[-1][0].attr("detail")[0] or own_goods):
                groups.append([t])
                cuts.append(rel)
            else:
                groups[-1].append(t)
        cuts.append(hi)
        opening = [t for t in sm.times if lo <= t.char_start < here[0].start]  # "In August 2015, ..."
        for group, a, b in zip(groups, cuts, cuts[1:]):
            inside = [m for m in equipment_all if a <= m.start < b]
            nouns = [c for c in sm.cue("equipment_anaphor") if a <= c.start < b]  # "for three batteries"
            made = _arms_frames_at(sm, lex, _main_trigger(group, inside or nouns), a, b, inside, previous, opening)
            made += _contract_orders(sm, made, triggers)
            made += _elliptic_batches(sm, made)
            frames += made
            previous = made or previous
    return frames


_UNDER_CONTRACT = re.compile(r"\b(?:under|with|through)\s+(?:a|the|an)\s+(?:[\w$€£.,\-]+\s+){0,4}?"
                             r"(?:contract|deal|agreement|order)\s+(?:signed|concluded|awarded|inked|placed)\s+"
                             r"(?:(?:in|on|last|this)\s+)?", re.I)


def _contract_orders(sm: SentenceMentions, made: list[Frame], triggers: list[Mention]) -> list[Frame]:
    """"Under a contract signed in March, KNDS will deliver 24 CAESARs by 2026": the contract is the
    order, dated by its signing, beside the delivery it schedules."""
    m = _UNDER_CONTRACT.search(sm.text)
    if not m or not made or any(t.attr("detail")[0] == "order" for t in triggers):
        return []
    signed = next((t for t in sm.times if t.char_start == m.end() and t.start and t.role == "point"), None)
    if signed is None or after_publication(sm, signed):
        return []
    out = []
    # "..., Türkiye is building four Ada-class MILGEM corvettes for Pakistan; the first ship, PNS Babur, ...":
    # the contract is for the goods named first
    stop = re.search(r",\s+(?:and|but|while)\s|;", sm.text[m.end():])  # the goods of the contract's own clause
    limit = m.end() + stop.start() if stop else len(sm.text)
    first = min((e for e in sm.of("equipment") if m.end() <= e.start < limit), key=lambda e: e.start, default=None)
    for f in made[:1]:
        if f.subtype not in ("delivery", "supply_agreement") or not f.name:
            continue
        # no trigger of its own: the clause's "will deliver" does not make the signed contract a plan
        g = Frame("arms_transfer", "order", sm, trigger=None, priority=f.priority, time=signed)
        g.name, g.equipment, g.actor1, g.actor2 = f.name, list(f.equipment), f.actor1, f.actor2
        if first is not None and first.canonical != f.name:
            g.name, g.equipment = first.canonical, [first.canonical]
        g.countries, g.needs_pair, g.organizations = list(f.countries), f.needs_pair, list(f.organizations)
        g.quantity, g.quantity_unit, g.status = f.quantity, f.quantity_unit, "reported"
        if f.time is signed:  # the delivery's own date is its deadline, not the signing
            f.time = None
        out.append(g)
    return out


_ELLIPSIS = re.compile(r"\s*,?\s*(?:and|while|with)\s+(?:the\s+)?(?P<what>second|third|fourth|fifth|last|final|rest|"
                       r"remaining(?:\s+\w+)?|another\s+\w+|(?P<n>\w+)\s+more)\b(?:(?!\b(?:and|but|while)\b)[^,;]){0,40}?"
                       r"\b(?:in|on|by|during)\s+$")


def _elliptic_batches(sm: SentenceMentions, made: list[Frame]) -> list[Frame]:
    """"The first set was delivered in December 2021 and the second in April 2022", "ordered two in 2017
    and two more in June 2018": a second batch told without its verb, at its own date."""
    if len(made) != 1 or made[0].time is None:
        return []
    f, out = made[0], []
    prev = f.time
    if sm.language == "ru":
        return _elliptic_batches_ru(sm, f)
    for t in sm.times:
        if t.char_start <= prev.char_end or not t.start:
            continue
        m = _ELLIPSIS.fullmatch(sm.text[prev.char_end:t.char_start])
        if m is None or any(prev.char_end <= g.start < t.char_start for g in sm.triggers):
            break
        g = copy.copy(f)
        g.time, g.end = t, None
        n = m.group("n")
        g.quantity = int(n) if n and n.isdigit() else NUMBER_WORDS.get((n or "").lower(), None)
        g.quantity_unit = f.quantity_unit if g.quantity else ""
        out.append(g)
        prev = t
    return out


# "..., в 2016-м — еще четыре": in Russian the date comes first and the count after a dash
_ELLIPSIS_RU = re.compile(r"\s*[—–-]\s*(?:и\s+)?(?:еще|ещё)\s+(?P<n>\d+|[а-яё]+)")


def _elliptic_batches_ru(sm: SentenceMentions, f: Frame) -> list[Frame]:
    out, prev = [], f.time
    for t in sm.times:
        if t.char_start <= prev.char_end or not t.start:
            continue
        m = _ELLIPSIS_RU.match(sm.text, t.char_end)
        since = max(prev.char_end, f.trigger.end if f.trigger is not None else 0)  # (the verb follows the date)
        if m is None or any(since <= g.start < t.char_start for g in sm.triggers) or \
                not re.search(r",\s*(?:а\s+|и\s+)?(?:в|во)?\s*$", sm.text[since:t.char_start]):
            break
        g = copy.copy(f)
        g.time, g.end = t, None
        n = m.group("n")
        g.quantity = sm.number(n)
        g.quantity_unit = f.quantity_unit if g.quantity else ""
        out.append(g)
        prev = t
    return out


def _main_trigger(group: list[Mention], equipment: list[Mention]) -> Mention:
    """"signed a contract to supply four Mi-35M": the verb nearest before the goods says what happens."""
    first_item = min((m.start for m in equipment), default=None)
    if first_item is None:
        return group[0]
    before = [t for t in group if t.end <= first_item]
    return before[-1] if before else group[0]


_ASIDE = re.compile(r"\s+(?:in|on)\s+[^,;.]{2,25},")


def _without_times(sm: SentenceMentions, spans) -> SentenceMentions:
    return replace(sm, times=[t for t in sm.times if not any(a <= t.char_start < b for a, b in spans)])


def _apposition(sm: SentenceMentions, trig: Mention) -> bool:
    """"The Khukri-class corvette, commissioned in 1991, still carries ...": the ship's history, not a transfer."""
    return trig.text.endswith("ed") and trig.attr("detail")[0] != "order" and bool(
        re.search(r"[a-z],\s*$", sm.text[:trig.start])) and bool(  # "jets, ordered in 2016, ..." are an order
        _ASIDE.match(sm.text[trig.end:]))


def _facility(sm: SentenceMentions, trig: Mention, lex: Lexicon) -> bool:
    """"commissioned the BNS Sheikh Hasina submarine base": a place opened, not goods received."""
    head = re.match(r"\s+((?:[\w'’\-]+\s+){0,6}?)([a-z]+)\b(?=[\s,.;]|$)", sm.text[trig.end:])
    return bool(head) and head.group(2).lower() in word_set(lex, "arms_transfer", "not_goods") and \
        not any(trig.end <= m.start < trig.end + len(head.group()) for m in sm.of("equipment"))


def _bare_count(text: str) -> int | None:
    """The count in " for 11 in", " 24," (a number with no goods after it), else None."""
    word = re.sub(r"^\s+(?:for\s+)?", "", text).split()[0].strip(",;.")
    return int(word) if word.isdigit() else NUMBER_WORDS.get(word.lower())


def _relative_start(sm: SentenceMentions, trig: Mention, lo: int) -> int:
    """Where the clause holding `trig` begins ("that India ordered", "and received them"), else the trigger."""
    m = None
    # "that India ordered", "and received them", "under a 2015 contract", "... was handed over"
    for m in re.finditer(r"\b(?:that|which|who|and|under|was|were)\b", sm.text[lo:trig.start]):
        pass
    if m:
        return lo + m.start()
    comma = sm.text.rfind(",", lo, trig.start)  # "Myanmar, which ordered six in 2018, received two in 2022"
    return comma + 1 if comma >= 0 else trig.start


_BATCH_NOUN = re.compile(r"(?i)\b(?:first|second|third|fourth|fifth|last|final|remaining)\s+(?:set|sets|lot|lots|"
                         r"tranche|unit|units)\b")


def _anaphors(sm: SentenceMentions, trig: Mention, lo: int, hi: int) -> list[Mention]:
    """What in the clause stands for goods told before: "the jets", "the first set", "the remaining seven",
    or a bare "Deliveries" with a date."""
    nouns = [c for c in sm.cue("equipment_anaphor") if lo <= c.start < hi]
    if nouns:
        return nouns
    batch = _BATCH_NOUN.search(sm.text[lo:hi])  # "The first set was delivered in December 2021"
    if batch:
        return [Mention("cue", "equipment_anaphor", batch.group(), lo + batch.start(), lo + batch.end(),
                        (("value", ""),))]
    counts = [q for q in sm.quantities if q.attr("anaphoric") and lo <= q.start < hi]  # "the remaining seven"
    if counts:
        return counts
    # "Deliveries are scheduled to begin in 2026": of the goods the article is about
    if re.fullmatch(r"(?i)deliver(?:y|ies)", trig.text) and re.match(
            r"\W*(?:(?:the|first|initial)\s+)*$", sm.text[lo:trig.start], re.I) \
            and any(lo <= t.char_start < hi for t in sm.times):
        return [trig]
    return []


def until_this_period(sm: SentenceMentions, t) -> bool:
    """"by the end of the year" told in that year: due within it, not overdue."""
    return bool(t.start and sm.published and t.start == sm.published.isoformat()[:len(t.start)])


def _arms_frames_at(sm, lex, trig, lo, hi, equipment, previous: list[Frame], opening=()) -> list[Frame]:
    anaphor = _anaphors(sm, trig, lo, hi)
    passive = re.search(r"\b(?:was|were|been|being|is|are|be)\s+(?:\w+ly\s+)?$", sm.text[lo:trig.start]) \
        and re.search(r"(?:ed|en|wn|ght|ld)$", trig.text.split()[0])  # "were delivered", not "is acquiring"
    if passive:
        # "The helicopters ... were delivered in 2017 and now fly alongside the Mi-171Sh": the subject
        equipment = [m for m in equipment if m.start < trig.start]
        anaphor = [c for c in anaphor if c.start < trig.start]
    equipment = sorted(equipment, key=lambda m: (m.start < trig.start, m.start))
    bare = re.match(r"\s+(?:for\s+)?(?:\d+|[a-z]+)\s*(?:in\b|on\b|by\b|,|;|\.|$)", sm.text[trig.end:])
    if not equipment and not anaphor and not previous and not (bare and sm.quantities == [] and _bare_count(bare.group())):
        return []
    subtype, direction, needs_batch = trig.attr("detail")
    contract = _UNDER_CONTRACT.search(sm.text)
    signing = [c for c in sm.cue("signing") if not (contract and contract.start() <= c.start < contract.end())]
    if subtype == "supply_agreement" and trig.text.lower().startswith("will ") and not signing \
            and not any(t.kind == "agreement" for t in sm.triggers):
        subtype = "delivery"  # "Russia will deliver the remaining two squadrons by 2026": a delivery to come
    counts = [q for q in sm.quantities if not q.attr("troops")]
    if needs_batch and not any(lo <= c.start < hi for c in sm.cue("batch")) and not counts:
        return []  # "the frigate arrived in St Petersburg": a port call, not a delivery
    # "the last of 36 Rafale jets, ordered in 2016, in December 2022": an aside does not end the clause
    asides = [(g.start, g.end + m.end()) for g in sm.triggers for m in [_ASIDE.match(sm.text[g.end:])]
              if m and re.search(r",\s*$", sm.text[:g.start])]
    # "Deliveries of the Rafale jets, for which Greece signed a deal in January 2021, are set to begin by ...":
    # a relative clause the trigger is not in is an aside too
    asides += [(m.start(), m.end()) for m in RELATIVE_CLAUSE.finditer(sm.text) if not m.start() <= trig.start < m.end()]
    window_times = [t for t in sm.times if lo <= t.char_start < hi] or list(opening) or [
        # "were inducted into No. 17 Squadron, the "Golden Arrows", at a ceremony ... on Thursday"
        t for t in sm.times if t.char_start >= hi and not any(a <= t.char_start < b for a, b in asides)
        and not any(hi <= g.start < t.char_start and not any(a <= g.start < b for a, b in asides)
                    for g in sm.triggers)]
    # "The two remaining regiments, contracted in 2018, are due to be delivered in 2026": the aside's date is its own
    window_times = [t for t in window_times if not any(a <= t.char_start < b and not a <= trig.start < b
                                                       for a, b in asides)]
    # "China has taken delivery of the first four ..., a source told TASS on Monday": when it was said (an
    # approval or a deal announced, though, is dated by its announcement)
    if trig.attr("detail")[0] == "delivery":
        window_times = [t for t in window_times
                        if not (t.char_start > trig.end and governing_verb(sm, t) == "reporting")]
    if contract and trig.attr("detail")[0] != "order":  # "under a contract signed in March": the order's date
        window_times = [t for t in window_times if t.char_start != contract.end()]
    point, until, _, _ = choose_times(sm, trig.start, window_times)
    if point is None and until is not None and until.start and (
            (not after_publication(sm, until) and sm.tense(trig.start) == "past")
            or (subtype == "delivery" and (after_publication(sm, until) or until_this_period(sm, until))
                and sm.tense(until.char_start) in ("future", "present"))):  # "are due by 2026"
        point = until  # "had received all of them by 2018", "will be delivered by 2027": dated then
    prefix = [w.lower() for w in sm.text[:trig.start].split()[-2:]]
    background = word_set(lex, "cues", "background")
    if sm.language != "en" and any(t.norm in background for t in sm.tokens if t.end <= trig.start
                                   and t.end > trig.start - 10) and trig.text[:1].islower() and \
            sm.part_of_speech(trig.text.split()[0]) == "NOUN":
        return []  # "санкции из-за покупки российских комплексов": the cause, a purchase told elsewhere
    if len(prefix) == 2 and prefix[0] in background and prefix[1] in ("its", "their", "his", "her"):
        return []  # "sanctions ... over its acquisition of S-400s": the cause, a purchase told elsewhere
    if prefix and prefix[-1] in background and trig.text.endswith("ing"):
        point = None  # "sanctions in September for buying S-400s": the date is the sanctions'

    before = [c for c in countries_of(sm, lex, lo, trig.start)
              if not re.search(r"\b(?:from|by)\s+(?:the\s+)?$", sm.text[:position_of(sm, c, lo)])]
    after = countries_of(sm, lex, trig.end, hi)
    if direction == "recipient" and _SUPPLIER_CONTRACT.match(sm.text[trig.end:]):
        direction = "supplier"  # "Turkey has signed a contract to build four corvettes for the Pakistan Navy"
    if direction == "recipient":  # the buyer is the nearest country before the verb; "bought from/with X"
        from_c = first_country_after(sm, lex, trig.start, ("from", "by", "with"), hi)
        to_c = first_country_after(sm, lex, trig.start, ("to", "for", "into"), hi)  # "inducted into the IAF"
        recipient, supplier = (before[-1] if before else to_c), from_c
    else:  # the seller comes first; "delivered to X", "signed with X to supply", "arrived in X"
        from_c = first_country_after(sm, lex, trig.start, ("from", "by"), hi)
        to_c = first_country_after(sm, lex, trig.start, ("to", "for", "with", "in"), hi)
        supplier, recipient = (before[-1] if before else from_c), to_c
        if not recipient:  # "the helicopters reached Pakistan in 2017": the place reached is the buyer
            recipient = next((c.canonical for c in sm.entities if c.kind == "country"
                              and 0 < c.start - trig.end <= 2 and c.canonical != supplier), "")
    if sm.language != "en":  # in Russian the case says who receives: "поставка Пакистану" (dative)
        dative = next((c.canonical for c in sm.of("country") if trig.end <= c.start < hi and c.attr("flag") == "name"
                       and sm.case_of(c) == {"datv"}), "")
        if dative and dative != recipient:
            supplier, recipient = (supplier if supplier != dative else recipient), dative
    if after_publication(sm, point) and subtype != "delivery" and not (point.precision == "day" and re.search(
            r"\bwill be signed\b|\bto be signed\b|\bwill sign\b", sm.text)):
        return []  # "will sign a contract next year": an intention; "will be signed in Paris on Friday" scheduled
    kinds = [q for q in sm.quantities if not q.attr("troops") and lo <= q.start < hi]
    orgs = uniq(m.canonical for m in sm.of("organization")
                 if lex.organizations.get(m.canonical, {}).get("kind") not in ("media",))
    items = _coordinated(sm, equipment[0]) if equipment else [None]
    frames, owns = [], {}
    for n in reversed(range(len(items)) if len(items) > 1 else ()):
        # "six MiG-29s in 2017, as well as 30 T-72 tanks and 30 BRDM-2s last year": each item's own date,
        # shared by items joined with a bare "and"
        item = items[n]
        stop = items[n + 1].start if n + 1 < len(items) else hi
        mine = [t for t in sm.times if item.end <= t.char_start < stop and t.role in ("point", "range")]
        later = [t for t in sm.times if t.char_start >= item.end and t.role in ("point", "range")]
        joined = n + 1 < len(items) and re.search(r"\band\b", sm.text[item.end:stop]) and "," not in sm.text[item.end:stop]
        owns[n] = mine[0] if mine else owns[n + 1] if joined and owns.get(n + 1) is not None else (
            later[0] if later and n + 1 < len(items) and not any(
                items[n + 1].end <= t.char_start for t in later[:1]) else point)
    for n, item in enumerate(items):
        own = owns.get(n, point)
        f = Frame("arms_transfer", subtype, sm, trigger=trig, priority=priority_of(sm, own), time=own)
        f.name = item.canonical if item else ""
        f.equipment = [m.canonical for m in items if m] or []
        if item is None and not anaphor and not previous:  # "China ordered 24 in 2015": the goods told before
            f.needs_equipment, f.anaphor_category = True, ""
            f.quantity, f.quantity_unit = _bare_count(bare.group()), "units"
        elif item is None and not anaphor:  # "..., and Greece bought 18": the goods of the clause before
            f.name, f.equipment = previous[0].name, list(previous[0].equipment)
            f.needs_equipment = not f.name
            f.anaphor_category = previous[0].anaphor_category
            if previous[0].sm is sm and not (supplier or recipient):
                supplier, recipient = previous[0].actor1, previous[0].actor2  # "... and handed over in 2018"
        elif item is None:
            f.needs_equipment = True
            f.anaphor_category = anaphor[0].attr("value", "")
        sup = supplier
        origin = lex.equipment.get(f.name, {}).get("origin", []) if f.name else []
        if direction == "recipient" and len(before) >= 2 and recipient in origin and \
                any(c not in origin for c in before):
            # "Turkey and Russia signed the deal for the S-400": the maker's country sells
            sup, recipient = recipient, next(c for c in before if c not in origin)
        if not sup and f.name:
            origin = [c for c in lex.equipment.get(f.name, {}).get("origin", []) if c != recipient]
            sup = origin[0] if origin else ""
        sup = sup or next((c for c in after if c != recipient and not re.search(
            r"\b(?:through|via)\s+(?:the\s+)?$", sm.text[:position_of(sm, c, trig.end)])), "")
        rec = recipient if recipient != sup else ""  # "... signed with South Korea's DAPA": not a sale to itself
        f.pronoun_subject = direction == "recipient" and not rec and bool(
            re.match(r"\W*(?:It|The country|The kingdom|The nation|The island nation|The republic)\b", sm.text)) \
            and not countries_of(sm, lex, 0, trig.start)
        f.actor1, f.actor2 = sup, rec
        f.countries = uniq([sup, rec]) if rec else [c for c in after if c != sup] or ([sup] if sup else [])
        f.needs_pair = not rec
        if kinds and len(items) == 1:
            f.quantity, f.quantity_unit = int(kinds[0].canonical), kinds[0].attr("unit")
        elif item is not None and len(items) > 1:  # "30 T-72 tanks and 30 BRDM-2s": the count before each
            mine = [q for q in kinds if q.start < item.end and q.end >= item.start - 1 or 0 <= item.start - q.end <= 2
                    or q.start <= item.start < q.end]
            if mine:
                f.quantity, f.quantity_unit = int(mine[0].canonical), mine[0].attr("unit")
        f.organizations = orgs
        frames.append(f)
    return frames
