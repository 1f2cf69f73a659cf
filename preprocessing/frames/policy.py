"""Policy frames: embargoes and sanctions imposed or lifted, cooperation suspended or resumed."""
from __future__ import annotations

import re

from ..lexicon import Lexicon, word_set
from ..mentions import SentenceMentions
from ..model import Mention
from .base import Frame, uniq
from .context import (choose_times, clause_around, countries_of, date_priority, first_country_after, is_hypothetical,
                      is_negated)


def _lifted(sm: SentenceMentions, trig: Mention, lex: Lexicon) -> bool:
    """'ended its informal arms embargo', 'the embargo expired': an embargo named, then lifted."""
    lift = word_set(lex, "policy", "lift", "words")
    before = [w.lower() for w in re.findall(r"[\w-]+", sm.text[:trig.start])[-6:]]  # "lifting of the decades-old U.S. embargo"
    after = [w.lower() for w in re.findall(r"[\w-]+", sm.text[trig.end:])[:8]]
    return any(w in lift for w in before + after)


def policy_frames(sm: SentenceMentions, lex: Lexicon) -> list[Frame]:
    triggers = [t for t in sm.triggers if t.kind == "policy" and not is_hypothetical(sm, t) and not is_negated(sm, t)]
    out = []
    for trig in triggers:
        subtype, name = trig.attr("detail")
        if sm.language != "en" and any(w.start < trig.end and trig.start < w.end for w in sm.cue("withdrawal")):
            continue  # "отказалась от участия в учении": a party pulling out of an exercise, no policy
        if sm.text[:trig.start].count("«") > sm.text[:trig.start].count("»"):
            continue  # "закон «О противодействии ... посредством санкций»": a title, not an act
        if subtype.startswith("cooperation"):
            # the object's noun phrase ends at the first preposition or punctuation
            # "removed Turkey from the F-35 programme": the object may follow "from"/"of"
            head = re.match(r"\s+(?:[A-Z][\w-]*\s+){0,3}(?:from|of)\s+", sm.text[trig.end:])
            obj_start = trig.end + (head.end() if head else 0)
            stop = re.search(r"[,;:]|\.(?=\s+[A-Z]|$)|\s(?:with|to|for|on|against|in|from|by|and|as|after|amid)\s",
                             sm.text[obj_start:])  # "U.S. security assistance" goes on past "U.S."
            limit = obj_start + (stop.start() if stop else len(sm.text))
            objs = [c for c in sm.cues if c.canonical == "policy_object" and obj_start <= c.start and c.end <= limit]
            if not objs:
                continue
            phrase = sm.text[obj_start:objs[-1].end]
            name = re.sub(r"^\s*(?:of\s+)?(?:all\s+|the\s+|its\s+|their\s+|almost\s+|nearly\s+|most\s+|some\s+)*",
                          "", phrase).strip() if sm.language == "en" else ""  # (a Russian phrase is no English name)
        if subtype.endswith("_imposed") and _lifted(sm, trig, lex):
            subtype = subtype.replace("_imposed", "_lifted")  # "Moscow ended its informal arms embargo on ..."
        if subtype.startswith("cooperation") and not (sm.has_cue("defence_topic") or sm.of("equipment")
                                                      or sm.cue("equipment_anaphor")):  # "the helicopter programme"
            continue  # "restoration of Saudi-Iranian diplomatic ties": not defence
        f = Frame("policy", subtype, sm, trigger=trig, name=name, priority=date_priority(sm))
        f.time, _, since, _ = choose_times(sm, trig.start)
        f.time = f.time or since  # "has maintained an arms embargo on Cambodia since December 2021"
        lo, hi = clause_around(sm, trig.start)
        acted = sm.tense(trig.start) == "past" and not any(lo <= c.start < hi for c in sm.cue("negation")) \
            if sm.language != "en" else \
            re.search(r"[a-z]{3,}(?:ed|ew|ose|ut|ft)\b", trig.text, re.I)
        if f.time is None and not acted \
                and not re.search(r"\b(?:imposed|lifted|slapped|introduced|announced|extended|adopted|"
                                  r"maintained|placed|put)\b", sm.text[max(0, trig.start - 40):trig.start]):
            continue  # "sanctions on Moscow have complicated payments": no one imposed anything here
        before = countries_of(sm, lex, 0, trig.start)
        after = countries_of(sm, lex, trig.end)
        f.actor2 = first_country_after(sm, lex, trig.end, ("to", "on", "against", "with", "for")) or \
            next((c for c in after if c not in before), "")
        # the one who acts: named before the verb, or the owner of what is cut ("U.S. security assistance")
        owner = countries_of(sm, lex, trig.end, trig.end + len(f.name) + 12) if f.name else []
        f.actor1 = next((c for c in before[::-1] + owner if c != f.actor2), "") or next(
            # "President Barack Obama lifted the freeze": the person's country acts
            (p.attr("country") for p in sm.people if p.end <= trig.start and p.attr("country")
             and p.attr("country") != f.actor2), "")
        if re.search(r"\b(?:was|were|has been|have been|had been|is|are|being)\s+$", sm.text[:trig.start]) and before:
            # "Turkey was suspended from the F-35 programme": the subject is the one acted on
            f.actor2 = before[-1]
            origin = [c for m in sm.of("equipment") for c in lex.equipment.get(m.canonical, {}).get("origin", [])]
            f.actor1 = next((c for c in owner + origin + after if c != f.actor2), "")
            before = [f.actor1] if f.actor1 else []
        f.countries = uniq(before + [f.actor1, f.actor2])
        f.needs_pair = len(f.countries) < 2
        if any(g.subtype == f.subtype and g.name == f.name for g in out):
            continue  # "imposed sanctions on ..., sanctions that ...": one act
        out.append(f)
    return out
