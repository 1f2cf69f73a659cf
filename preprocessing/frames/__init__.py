"""Mentions in one sentence → event frames: what happened, as far as this sentence says."""
from __future__ import annotations

import re

from ..lexicon import Lexicon
from ..mentions import SentenceMentions
from .agreements import agreement_frames
from .arms import arms_frames
from .base import PRIORITY_ANAPHOR, PRIORITY_ARRIVAL, PRIORITY_PLAIN, PRIORITY_START, Frame, uniq
from .context import attribution, governing_verb, status_of
from .exercises import exercise_frames
from .policy import policy_frames
from .visits import visit_frames

__all__ = ["Frame", "PRIORITY_ANAPHOR", "PRIORITY_ARRIVAL", "PRIORITY_PLAIN", "PRIORITY_START", "sentence_frames"]


def _share_times(frames: list[Frame]) -> None:
    """With events of several kinds in one sentence, a date belongs to the trigger it follows
    ("met ... where they planned the exercise for later this year": the date is the exercise's)."""
    if len({f.event_type for f in frames if f.trigger is not None}) < 2:
        return
    triggers = [g.trigger for g in frames if g.trigger is not None]
    for f in frames:
        if f.trigger is None:
            continue
        if f.time is not None and not _owns(f, f.time, triggers):
            # the next date the sentence gives that is this event's ("...; the exercise itself will take
            # place in the autumn")
            f.time = next((t for t in f.sm.times if t is not f.time and t.start and t.role in ("point", "range")
                           and t.char_start > f.time.char_start and _owns(f, t, triggers)), None) or next(
                # "In June 2022, X, on a visit to Hanoi, signed ... towards 2030": the opening date covers all
                (t for t in f.sm.times[:1] if t.start and t.role in ("point", "range") and t.char_start <= 3
                 and re.match(r"[\w\s]{0,25},", f.sm.text[t.char_end:]) and _owns(f, t, triggers)), None)
        if f.end is not None and not _owns(f, f.end, triggers):
            f.end = None


# The few function words the date-ownership rules read, by language (facts of the language, as the
# English regular expressions below are): a clause joined on ("and", ", а"), "during"/"when", an
# opening "At"/"В ходе".
_JOIN = {"en": r"and|but|while|whereas", "ru": r"а|и|но|однако|тогда как|при этом"}
# A date that opens a clause after the last trigger is the next trigger's: "..., and in December 2020
# Washington imposed"; in Russian a comma and a preposition suffice: "..., в ноябре того же года Шойгу посетил"
_OPENS_CLAUSE = {"en": r"(?:[;]|,\s+(?:and|but|while|whereas))\s+(?:\w+\s+){0,1}$",
                 "ru": r"(?:[;]|,\s+(?:(?:а|и|но|однако)\s+)?(?:\w+\s+){0,1})$"}
_DURING = {"en": r"when|during|at which|where",
           "ru": r"когда|в\s+ходе|во\s+время|где|на\s+котором|на\s+которой|в\s+рамках|на\s+полях"}
_OPENING = {"en": r"\W*(?:At|During|On the sidelines of)\b",
            # (after a lead-in: "Как стало известно “Ъ”, на полях заседания ...")
            "ru": r"(?:\W*|.*,\s*)(?:[Вв]\s+ходе|[Вв]о\s+время|[Нн]а\s+полях|[Вв]\s+рамках)\b"}


# compiled once: _owns runs for every date of every sentence with events of several kinds
_HOST_JOIN = {k: re.compile(rf"[;]|,\s+(?:{v})\s") for k, v in _JOIN.items()}
_DURING_RE = {k: re.compile(rf"\b(?:{v})\b") for k, v in _DURING.items()}


def _owns(f: Frame, t, triggers) -> bool:
    # "The April visit", "the State Department on April 1 approved": the date of what follows it; but in
    # "India ordered in September 2016 touched down" the date is the verb's before it
    modified = next((g for g in triggers if 0 <= g.start - t.char_end <= 1), None)
    if modified is not None and re.match(r"\w+ed\b", modified.text) and any(
            re.fullmatch(r"\s+(?:in|on|at|during)\s+", f.sm.text[g.end:t.char_start]) for g in triggers):
        modified = None
    if modified is not None:  # "The April visit": the date is that noun's
        return modified.start == f.trigger.start
    if f.trigger.start >= t.char_end and re.search(r"\b(?:arrived|arrives|landed|reached)\s+(?:on\s+)?$", f.sm.text[:t.char_start]) \
            and re.fullmatch(r"\s+(?:for|on)\s+(?:a|an|his|her|their)\s+(?:[\w\-]+\s+){0,3}", f.sm.text[t.char_end:f.trigger.start]):
        return True  # "where the minister arrived on Monday for a three-day visit": the visit's day
    preceding = [g for g in triggers if g.end <= t.char_start]
    if not preceding:
        return True  # "In August, they held a meeting and signed an agreement": the date covers both
    owner = max(preceding, key=lambda g: g.end)
    following = min((g for g in triggers if g.start >= t.char_end), key=lambda g: g.start, default=None)
    lang = f.sm.language
    if following is not None and re.search(_OPENS_CLAUSE[lang], f.sm.text[owner.end:t.char_start]) \
            and not re.search(r"[,;]" if lang == "en" else r";", f.sm.text[t.char_end:following.start]):
        # (a Russian participle clause keeps its comma: "а в ноябре Шойгу стал первым ..., посетившим Исламабад")
        owner = following  # "..., and in December 2020 Washington imposed sanctions": the date opens its clause
    # "Planning talks for Ekuverin-2023 were held in May": the exercise only says what the talks were for
    host = next((g for g in preceding if g.end <= owner.start and g.kind == "visit" and re.fullmatch(
        r"\s+(?:for|on|of|ahead of|to prepare)\s+(?:the\s+)?(?:[\w\-]+\s+){0,2}", f.sm.text[g.end:owner.start])), None)
    if host is not None and not _HOST_JOIN[lang].search(f.sm.text[owner.end:t.char_start]):
        owner = host
    if owner.start == f.trigger.start or owner.kind == f.event_type:
        return True
    if re.match(_OPENING[lang], f.sm.text[:t.char_start]) and "," in f.sm.text[t.char_end:f.trigger.start]:
        return True  # "At the 2+2 dialogue on December 6, the two sides signed a contract": the opening phrase dates both
    # "followed in September 2018, when the two held their first dialogue" shares it
    return f.trigger.start > t.char_end and bool(_DURING_RE[lang].search(f.sm.text[t.char_end:f.trigger.start]))


def sentence_frames(sm: SentenceMentions, lex: Lexicon) -> list[Frame]:
    arms, policy = arms_frames(sm, lex), policy_frames(sm, lex)
    frames = exercise_frames(sm, lex) + arms + visit_frames(sm, lex) + \
        agreement_frames(sm, lex, arms, policy) + policy
    if not frames:
        return frames
    _share_times(frames)
    # an unnamed drill whose only date belonged to another event is not dated enough to be one
    frames = [f for f in frames if not (f.event_type == "exercise" and not (f.series or f.edition or f.anaphoric
                                         or f.troops_only) and f.time is None and f.end is None)]
    if not frames:
        return frames
    who = attribution(sm)
    people = uniq(p.canonical for p in sm.people)
    for f in frames:
        f.status = status_of(sm, f.trigger, f.time)
        if f.status == "cancelled" and f.time is not None and governing_verb(sm, f.time) == "reporting":
            f.time = None  # "the drill was called off, the navy said on Friday": Friday is the announcement
        f.attributed_to = who
    # a purchase or a sanction still to come is an intention, not an event; a delivery due is planned
    # (a contract to be signed on a given day is scheduled: "will be signed in Paris on Friday")
    frames = [f for f in frames if f.status != "planned" or f.event_type not in ("policy",) and not (
        f.event_type == "arms_transfer" and f.subtype != "delivery" and not (f.time and f.time.precision == "day"))]
    for f in frames:
        f.people = f.people or people
        if not f.organizations:
            f.organizations = uniq(m.canonical for m in sm.of("organization")
                                    if m.attr("flag") == "generic" or
                                    lex.organizations.get(m.canonical, {}).get("kind") in ("company", "multilateral"))
    return frames
