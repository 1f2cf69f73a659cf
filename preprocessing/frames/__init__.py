"""Mentions in one sentence → event frames: what happened, as far as this sentence says."""
from __future__ import annotations

import re

from ..lexicon import Lexicon
from ..mentions import SentenceMentions
from .agreements import agreement_frames
from .arms import arms_frames
from .base import PRIORITY_ANAPHOR, PRIORITY_ARRIVAL, PRIORITY_PLAIN, PRIORITY_START, Frame, uniq
from .context import attribution
from .exercises import exercise_frames
from .policy import policy_frames
from .visits import visit_frames

__all__ = ["Frame", "PRIORITY_ANAPHOR", "PRIORITY_ARRIVAL", "PRIORITY_PLAIN", "PRIORITY_START", "sentence_frames"]


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
        if owner.start != f.trigger.start and owner.kind != f.event_type and not (
                f.trigger.start > t.char_end and re.search(r"\b(?:when|during|at which|where)\b",
                                                             f.sm.text[t.char_end:f.trigger.start])):
            f.time = None  # but "followed in September 2018, when the two held their first dialogue" shares it


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
        f.attributed_to = who
        f.people = f.people or people
        if not f.organizations:
            f.organizations = uniq(m.canonical for m in sm.of("organization")
                                    if m.attr("flag") == "generic" or
                                    lex.organizations.get(m.canonical, {}).get("kind") in ("company", "multilateral"))
    return frames
