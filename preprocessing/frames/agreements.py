"""Agreement frames: signed defence agreements, their names and kinds."""
from __future__ import annotations

import re

from ..lexicon import Lexicon, word_set
from ..mentions import SentenceMentions
from ..model import Mention
from .base import Frame
from .context import choose_times, countries_of, date_priority, is_definite, is_hypothetical, is_negated


def _russian_name(sm: SentenceMentions, trig: Mention) -> str:
    """"соглашение о военном сотрудничестве": the noun and the phrase after it that says what it is about,
    in dictionary forms (a Russian title is not an English name: it gives only the kind)."""
    m = re.match(r"\s+((?:о|об|по|в\s+области|в\s+сфере)\s+[^,;:.()«»\"]{1,80}?)(?=\s+(?:между|с|со|в|на|до|от|"
                 r"сроком|был|была|было|были|подписан\w*)\b|[,;:.()«»\"]|$)", sm.text[trig.end:])
    end = trig.end + (m.end() if m else 0)
    return " ".join(t.norm for t in sm.tokens if trig.start <= t.start and t.end <= end)


def _agreement_name(sm: SentenceMentions, trig: Mention, lex: Lexicon) -> str:
    if sm.language != "en":
        return _russian_name(sm, trig)
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
    for i, rule in enumerate(lex.events.get("agreement", {}).get("subtype", [])):
        words = rule["words"] if lex.language == "en" else word_set(lex, "agreement", "subtype", str(i))
        if any(w in low for w in words):
            return rule["subtype"]
    return "other"


# "a plan of bilateral military cooperation for 2025": dated by the year it covers, not its signing
_PLAN = {"en": r"(?i)\b(?:plan|programme|program|roadmap)\b", "ru": r"\b(?:план|программа|дорожный карта)\b"}
_FOR_YEAR = {"en": r"\bfor\s+(?:the\s+(?:year|years)\s+)?$", "ru": r"(?i)\bна\s+(?:период\s+)?$"}
# "a deal that could be signed later this year" is not signed
_NOT_YET = {"en": r"\b(?:could|may|might|would|should|yet to|not)\s+(?:\w+\s+){0,2}$",
            "ru": r"(?i)\b(?:может|могут|мог|могл\w*|должн\w*|не|планиру\w*|намерен\w*)\s+(?:\w+\s+){0,2}$"}


_FOR_GOODS = re.compile(r"\s+(?:with\s+(?:\w+\s+){1,3})?(?:for|on)\s+the\s+(?:purchase|supply|sale|delivery|acquisition|"
                        r"procurement)\s+of\b", re.I)


def agreement_frames(sm: SentenceMentions, lex: Lexicon, arms: list[Frame], policy: list[Frame]) -> list[Frame]:
    triggers = [t for t in sm.triggers if t.kind == "agreement" and not is_negated(sm, t)
                and not is_hypothetical(sm, t, word_set(lex, "cues", "planning"))]
    if arms or policy:
        # "a deal for S-400s" is the arms transfer itself, and so is "an Inter-Governmental Agreement ... for
        # 36 Rafale jets"
        contracts = [f.trigger for f in arms if f.trigger is not None]
        triggers = [t for t in triggers if t.text.lower() not in ("deal", "contract")
                    and not any(c.start <= t.start < c.end for c in contracts)
                    # "signed an agreement with Russia for the purchase of the S-400": the order itself
                    and not (contracts and _FOR_GOODS.match(sm.text[t.end:]))]
    if not triggers:
        return []
    trig = triggers[0]
    f = Frame("agreement", "", sm, trigger=trig, priority=date_priority(sm))
    f.name = _agreement_name(sm, trig, lex)
    if f.name.lower() in ("deal", "contract", "a deal", "the deal") and (
            not sm.has_cue("defence_topic") or sm.cue("equipment_anaphor") or sm.of("equipment")):
        return []  # "Under a deal signed in 2018, ASFAT is building the corvettes": the purchase, not a pact
    f.subtype = _agreement_subtype(f.name, lex)
    times = None
    lang = sm.language
    if re.search(_PLAN[lang], f.name):
        times = [t for t in sm.times if not re.search(_FOR_YEAR[lang], sm.text[:t.char_start])]
    f.time, _, _, _ = choose_times(sm, trig.start, times)
    if f.time and f.time.end and f.time.precision == "year" and int(f.time.end) - int(f.time.start) >= 9:
        return []  # "the border agreements signed in the 1990s": background, not a dated event
    f.countries = countries_of(sm, lex)
    f.needs_pair = len(f.countries) < 2
    # "a deal that could be signed later this year" is not signed
    signed = any(not re.search(_NOT_YET[lang], sm.text[:c.start]) for c in sm.cue("signing"))
    # "The Communications Compatibility and Security Agreement (COMCASA) followed in September 2018"
    proper = trig.text[:1].isupper() and f.time is not None
    if not (sm.has_cue("defence_topic") or sm.of("equipment")):
        return []  # "an intergovernmental agreement to build a gas pipeline"
    if is_definite(sm, trig, lex) and (f.time is None or f.name.lower() in ("deal", "contract")):
        f.anaphoric = True  # "The deal was signed in Riyadh on Monday": the deal told before
    elif not signed and not proper:
        return []  # "walked away from the deal last year": no signing, no agreement
    elif len(f.countries) < 2 and not sm.has_cue("pair") and len(sm.people) < 2:
        return []  # an agreement needs its parties: "violates border agreements China signed"
    if re.search(r"\b(?:arms|weapons?)\s+(?:sales?|supply|purchases?|deal)\b", f.name, re.I):
        # "an arms sales agreement worth $142 billion" is a supply agreement, goods unnamed
        f.event_type, f.subtype, f.name = "arms_transfer", "supply_agreement", ""
    if lang != "en":
        f.name = ""  # its kind is in the subtype; the Russian words are in the evidence
    return [f]
