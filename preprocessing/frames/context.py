"""Reading around a trigger: who, where, when, and whether it happened at all."""
from __future__ import annotations

import re
from datetime import date, timedelta

from ..lexicon import Lexicon, word_set
from ..mentions import NUMBER_WORDS, SentenceMentions
from ..model import Mention, TimeValue
from ..temporal import MONTH_NAMES, _marks
from .base import PRIORITY_ANAPHOR, PRIORITY_ARRIVAL, PRIORITY_PLAIN, PRIORITY_START, uniq


def countries_of(sm: SentenceMentions, lex: Lexicon, start: int = 0, end: int | None = None) -> list[str]:
    """Countries named in [start, end): names, demonyms, capitals, bodies, and organisations' countries."""
    end = len(sm.text) if end is None else end
    found = []
    for m in sorted(sm.entities, key=lambda m: m.start):
        if not (start <= m.start < end):
            continue
        if sm.language == "ru" and re.search(r"(?i)\bпо\s+(?:данным|словам|информации|сведениям|оценкам)\s+[^,;]{0,25}$",
                                             sm.text[:m.start]):
            continue  # "по данным мьянманской стороны": who tells it, not who takes part
        if m.kind == "country":
            found.append(m.canonical)
        elif m.kind == "organization":
            if re.match(r"\s*(?:said|says|stated|added|announced|reported|told)\b", sm.text[m.end:]) or \
                    re.search(r"\baccording to\s+(?:the\s+)?$", sm.text[:m.start]):
                continue  # "..., the ISPR said": who tells it, not who takes part
            found.append(lex.organizations.get(m.canonical, {}).get("country", ""))
            if "-" in m.text:  # "the Pakistan-Russia Joint Military Consultative Committee": both sides
                found += [p[1] for e in lex.entities.find(m.text) for p in e.payloads if p[0] == "country"]
    return uniq(found)


def first_country_after(sm: SentenceMentions, lex: Lexicon, pos: int, words: tuple[str, ...],
                         end: int | None = None):
    """The country right after one of `words` ("from Russia", "to Pakistan") between `pos` and `end`."""
    text = sm.text[:end] if end is not None else sm.text
    if sm.language != "en":
        words = tuple(dict.fromkeys(w for word in words for w in _PREPOSITIONS_RU.get(word, ())))
        if not words:
            return ""
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
                if c.kind == "place" and lex.places.get(c.canonical, {}).get("country"):
                    return lex.places[c.canonical]["country"]  # "arrived in Ambala"
    return ""


def position_of(sm: SentenceMentions, country: str, start: int) -> int:
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


def governing_verb(sm: SentenceMentions, t: TimeValue) -> str:
    """The kind of the verb cue nearest before a date in its clause: start, end, arrival or reporting."""

    # a comma inside a place ("at Umroi, Meghalaya on Sunday") does not end the clause
    before = [c for c in sm.cues if c.canonical in ("start", "end", "arrival", "reporting")
              and c.end <= t.char_start and not re.search(r";|,(?!\s+[A-Z][a-z]+\s+(?:on|in|at)\s*$)",
                                                          sm.text[c.end:t.char_start])]
    if not before:
        return ""
    verb = max(before, key=lambda c: c.end)
    gap = sm.text[verb.end:t.char_start]
    if verb.canonical == "reporting" and re.fullmatch(r"\s+(?:in\s+)?(?:a|its|their|the)\s+(?:\w+\s+)?(?:statement|release|"
                                                      r"tweet|post|communique)\s+(?:(?:issued|released|posted|published)\s+)?"
                                                      r"(?:by\s+[^,;]{1,60}?\s+)?(?:on\s+)?", gap):
        return "reporting"  # "said in a statement on Tuesday", "according to a press release issued by ISPR on Tuesday"
    if verb.canonical == "reporting" and (len(gap.split()) > 3 or re.search(r"\bthat\b", gap)):
        return ""  # "told TASS that the navies will hold it in December": the date is the drill's
    return verb.canonical


def choose_times(sm: SentenceMentions, anchor: int, times: list[TimeValue] | None = None, spans: bool = False
                  ) -> tuple[TimeValue | None, TimeValue | None, TimeValue | None, int | None]:
    """(point or range, end, since, year hint) nearest the trigger. With `spans` (exercises, visits),
    a date after an end verb is the end ("will conclude on December 2"). A date said of a statement
    ("officials said on Wednesday") is taken only when there is no other."""
    def near(t):  # a date said of a statement last, a date said of a start first, then the nearest,
        # but not across another event's trigger ("received F-16s in 1983, but blocked ... in 1990")
        verb = governing_verb(sm, t)
        lo, hi = sorted((t.char_end, anchor))
        # the event's own noun right after its name ("Indestructible Brotherhood-2022 live-fire exercise")
        # is not another event
        across = any(lo <= g.start and g.end <= hi for g in sm.triggers if g.start != anchor
                     and not (g.kind == "exercise" and 0 <= g.start - anchor <= 45))
        return (verb == "reporting", across, verb != "start", abs(t.char_start - anchor))

    periods = sm.cue("period")
    usable = [t for t in (sm.times if times is None else times)
              if not any(0 <= t.char_start - c.end <= 3 for c in periods)  # "for the period 2021-2031"
              and not own_date_elsewhere(sm, t, anchor)
              # "Turkey on Tuesday condemned a US decision to impose sanctions": the day of the reaction
              and not any(0 <= c.start - t.char_end <= 2 and c.end <= anchor for c in sm.cue("reaction"))]
    # "which will conclude on December 2", "wrapped up a three-day visit on Wednesday": an end;
    # "the press office told TASS on Monday": when it was said, not when it happened
    ends_next = [c for c in sm.cue("end")]
    closing = [t for t in usable if spans and t.role == "point" and (
        governing_verb(sm, t) == "end" or any(0 <= c.start - t.char_end <= 2 for c in ends_next)  # "on Thursday concluded"
        or _opens_before_end(sm, t))]
    if sm.cue("rescheduled"):  # "originally planned for May, has been moved to September": the new date
        usable = [t for t in usable if not re.search(r"\b(?:planned|scheduled|slated|set|due)\s+(?:for|in)\s+$",
                                                     sm.text[:t.char_start])] or usable
    points = sorted((t for t in usable if t.role in ("point", "range") and t not in closing), key=near)
    ends = sorted((t for t in usable if t.role == "end") , key=near) + closing
    since = [t for t in usable if t.role == "since"]
    hints = [t for t in usable if t.role == "hint" and t.start]
    hint = int(hints[0].start[:4]) if hints else None
    point = points[0] if points else None
    if point is not None and point.start:
        # "Last month, ... which was held on September 16-21": the finer date of the same time wins
        # (not across another event's verb: "took part in the exercise earlier this month arrived on Friday")
        finer = [t for t in points[1:] if t.start and len(t.start) > len(point.start)
                 and t.start.startswith(point.start) and governing_verb(sm, t) != "reporting" and not near(t)[1]]
        point = finer[0] if finer else point
    return (point, ends[0] if ends else None, since[0] if since else None, hint)


_ATTRIBUTIVE = re.compile(r"\s*(?:-\s*)?(?:contract|deal|agreement|order|accord|pact|memorandum|MoU)\b", re.I)


RELATIVE_CLAUSE = re.compile(r",\s*(?:(?:for|under|in|by|through|with)\s+)?(?:which|whom|who|whose)\b[^,]*,")


def own_date_elsewhere(sm: SentenceMentions, t: TimeValue, anchor: int) -> bool:
    """Dates that belong to something else in the sentence: an embedded post's own date
    ("— Spokesperson (@handle) May 3, 2022"), a date inside a noun phrase ("under the October 2018
    contract"), a relative clause the trigger is not in (", which signed the deal in 2013,")."""
    before = sm.text[:t.char_start]
    if re.search(r"\(@\w+\)\s*$|pic\.twitter\.com/\S+.*$", before):
        return True
    began = re.search(r"\bseries\s+(?:(?:that|which)\s+)?(?:first\s+)?(?:started|began|was launched|was inaugurated)\b"
                      r"[^,.;]{0,30}?\s+in\s+$", before)
    if began and re.search(r"\b(?:since|in|of)\s+(?:the|a)\s+$", before[:began.start()]):
        return True  # "the third in a series that started in 2020": the series' start, not this edition's date
    if _ATTRIBUTIVE.match(sm.text[t.char_end:]) and re.search(r"\b(?:the|a|an|its|their|under)\s+$", before):
        return True
    if re.fullmatch(r"(?:19|20)\d\d", t.text) and re.search(r"\b(?:the|a|its|their|on)\s+$", before) \
            and re.match(r"\s+[a-z]", sm.text[t.char_end:]):
        return True  # "a protocol on the 2023 bilateral training plan": the plan's year
    for m in RELATIVE_CLAUSE.finditer(sm.text):
        own = 0 <= m.start() - anchor and (len(sm.text[anchor:m.start()].split()) <= 4 or (
            "," not in sm.text[anchor:m.start()] and any(0 <= m.start() - g.end <= 1 and g.start >= anchor
                                                         for g in sm.triggers)) or (
            # "A joint exercise between the special forces of the two countries, which had been planned for
            # November, ...", "Zapad-2021 ... of Belarus and Russia, which began on Friday,": a clause that
            # says when the event itself was (to be) held
            # (an apposition may stand between: "Tarang Shakti, India's first multinational air exercise, which")
            not any(anchor < g.start < m.start() and g.kind != "exercise" for g in sm.triggers)
            and re.match(r",\s*which\s+(?:(?:the\s+)?[A-Z][\w\-]*(?:\s+[A-Z][\w\-]*){0,4}\s+)?(?:(?:had been|has been|"
                         r"was|were|is|are|will be)\s+(?:\w+ly\s+)?(?:to be\s+)?(?:planned|scheduled|slated|held|conducted|due|"
                         r"set|postponed|expected)|began|begins|started|starts|opened|kicked off|commenced|got under\s*way|"
                         r"ended|concluded|will\s+(?:begin|start|end|conclude|run))\b", m.group())))
        if m.start() <= t.char_start < m.end() and not m.start() <= anchor < m.end() and not own:
            return True  # (", which will conclude on December 2," right after "the exercise" is its own)
    return False


def _opens_before_end(sm: SentenceMentions, t: TimeValue) -> bool:
    """"On Monday, Turkish and Azerbaijani troops concluded the exercise": a date opening the sentence,
    whose first verb is an end verb, is the end."""
    if t.char_start > 3:
        return False
    verbs = [c for c in sm.cues if c.canonical in ("start", "end", "arrival") and c.start > t.char_end]
    return bool(verbs) and min(verbs, key=lambda c: c.start).canonical == "end"


def is_hypothetical(sm: SentenceMentions, trig: Mention, plans: frozenset[str] = frozenset()) -> bool:
    """'was expected to buy', 'whether Turkey could buy', 'called for sanctions', 'posts claimed
    that the jets had arrived': not an event. Words in `plans` ("scheduled to") announce a
    planned event instead, for the event types that have plans."""
    for c in sm.cue("hypothetical"):
        if c.start > 0 and c.text[:1].isupper() and sm.language == "en":
            continue  # "in May" is a month, not a modal
        if sm.words_of(c) in plans:
            continue
        if c.text.lower() == "would" and plans and re.search(r"\b(?:said|says|told|announced|added|confirmed)\b",
                                                            sm.text[:c.start]):
            continue  # "the minister said the first batch would arrive in early 2026": a plan reported
        if c.start < trig.start and c.end <= trig.end and len(sm.text[c.end:trig.start].split()) <= 5:
            return True  # may overlap: "attempt to" + "to sell"
    lo, hi = clause_around(sm, trig.start)
    if re.search(r"\b(?:neither|nor|not|never)\b[^.;]{0,40}\bconfirmed\b", sm.text[trig.end:hi]):
        return True  # "..., but neither Moscow nor Cairo has officially confirmed the deal"
    if re.search(r"\b(?:called on|calls on|urged|urges|asked|pressed)\b[^.;]{0,80}\bto\s+(?:\w+\s+){0,2}$",
                 sm.text[:trig.start]) or re.search(r"\btalk\b[^.;]{0,25}\bof\b", sm.text[:trig.start]):
        return True  # "called on Blinken to impose sanctions", "talk for years of Pakistan buying Su-35s"
    if re.search(r"^[^.;]{0,120}?\b(?:is|are)\s+(?:\w+ly\s+)?(?:expected|likely|set|due|yet)\s+to\s+be\s+(?:signed|inked|"
                 r"finalised|finalized|concluded)\b", sm.text[trig.end:]) and not plans:
        return True  # "the long-pending contract for AK-203 rifles ... is expected to be signed soon": not yet made
    if re.search(r"\breported\b[^.;,]{0,25}\bthat\b", sm.text[:trig.start]):
        return True  # "Kommersant reported in March that Cairo had signed a contract": a report of a report
    # (in Russian the denial may follow: "..., однако Москва эту информацию не подтвердила")
    return any(c.end <= trig.start or sm.language != "en" for c in sm.cue("unconfirmed"))


def status_of(sm: SentenceMentions, trig: Mention | None, t: TimeValue | None) -> str:
    """reported, planned or cancelled: what the clause says of the event itself.

    Called off near its trigger is cancelled ("the drill was postponed"); a future verb or a
    date after publication is planned ("will visit Moscow on December 5"); else reported."""
    pos = trig.start if trig is not None else 0
    lo, hi = clause_around(sm, pos)
    if any(lo <= c.start < hi for c in sm.cue("rescheduled")) or re.search(
            r"\b(?:postponed|moved|pushed back|deferred|rescheduled)\b[^.;]{0,60}?\bto\s+(?:next\s+\w+|" + MONTH_NAMES + r")\b",
            sm.text[lo:hi]):
        return "planned"  # "postponed to March", "postponed their naval drill ... to March": planned, at the new date
    if any(lo <= c.start < hi and not (trig is not None and trig.start <= c.start < trig.end)
           for c in sm.cue("cancellation")):
        return "cancelled"  # not "cancelled the permits": that verb is the event itself
    if _past_plan(sm, pos) and any(c.start > pos for c in sm.cue("cancellation")):
        return "cancelled"  # "had been due to call at St Petersburg ..., but the visit was called off"
    if trig is not None and trig.kind == "arms_transfer" and re.search(
            r"\bagreed\s+to\s+(?:buy|purchase|acquire|procure|supply|sell|deliver|provide)\b", sm.text[lo:hi]):
        return "reported"  # "The UAE also agreed to buy 12 Caracal helicopters": the order is made
    if re.search(r"\b(?:under\s*way|ongoing|in progress)\b", sm.text[lo:hi], re.I):
        return "reported"  # "under way at Aundh, will continue till 21st November"
    if after_publication(sm, t) or (trig is not None and _future_at(sm, trig) and not _past_plan(sm, pos)) or (
            t is not None and t.char_start > pos and sm.tense(t.char_start) == "future"
            and not _GOING_ON.search(sm.text[pos:t.char_start])):  # "...; the exercise itself will take place"
        return "planned"
    return "reported"


_GOING_ON = re.compile(r"\b(?:continue|conclude|end|last|run|wrap|close|culminate)", re.I)


def _future_at(sm: SentenceMentions, trig: Mention) -> bool:
    """The verb chain holding the trigger, or else the nearest one before it, is future ("will visit");
    one that only says how long it goes on ("will continue till") is not a plan."""
    marks = [m for m in _marks(sm.text) if m[0] < trig.end]
    if not marks:
        return sm.tense(trig.start) == "future" and not _GOING_ON.search(sm.text[trig.end:])
    a, b, kind = marks[-1]
    return kind == "future" and not _GOING_ON.search(sm.text[a:b])


def _past_plan(sm: SentenceMentions, pos: int) -> bool:
    """'was scheduled to', 'had been expected to': a plan told in the past, now overtaken."""
    return bool(re.search(r"\b(?:was|were|had been)\s+(?:\w+\s+)?(?:scheduled|set|expected|due|slated|planned|"
                          r"supposed|to)\b[^,;]*$", sm.text[:pos]))


def clause_around(sm: SentenceMentions, pos: int) -> tuple[int, int]:
    for lo, hi in clauses(sm):
        if lo <= pos < hi:
            return lo, hi
    return 0, len(sm.text)


def after_publication(sm: SentenceMentions, t: TimeValue | None) -> bool:
    return bool(t and t.start and sm.published and t.start > sm.published.isoformat()[:len(t.start)])


def is_negated(sm: SentenceMentions, trig: Mention) -> bool:
    """'has not held any talks', 'never visited': the clause says it did not happen. In Russian a noun
    trigger's verb may follow it: "Контракт на поставку Су-57Э ... не заключался"."""
    for c in sm.cue("negation"):
        if c.end <= trig.start and len(sm.text[c.end:trig.start].split()) <= 8 \
                and not re.search(r"[,;]", sm.text[c.end:trig.start]):
            return True
        if sm.language != "en" and c.start >= trig.end and len(sm.text[trig.end:c.start].split()) <= 8 \
                and not re.search(r"[,;:]", sm.text[trig.end:c.start]) \
                and sm.part_of_speech(trig.text.split()[0]) == "NOUN":
            return True
    return False


def priority_of(sm: SentenceMentions, t: TimeValue | None) -> int:
    """A date only said of a statement yields to any other the article gives."""
    return PRIORITY_ANAPHOR if t is not None and governing_verb(sm, t) == "reporting" else date_priority(sm)


def date_priority(sm: SentenceMentions) -> int:
    if sm.has_cue("start"):
        return PRIORITY_START
    if sm.has_cue("arrival"):
        return PRIORITY_ARRIVAL
    return PRIORITY_PLAIN


def is_definite(sm: SentenceMentions, trig: Mention, lex: Lexicon) -> bool:
    """'the exercise', 'The joint military exercise', 'this drill' (up to three words between)."""
    if sm.language != "en":
        return _definite_without_articles(sm, trig, lex)
    head = trig.text.split()[0].lower()
    if head.endswith("ed") or head in ("met", "meets", "called", "calls", "held", "holds", "hold", "took", "led"):
        return False  # "The Pakistani army chief visited Moscow": a verb, told here
    before = sm.text[:trig.start].split()[-4:]
    dets = word_set(lex, "cues", "anaphoric_determiners")
    verbal = word_set(lex, "cues", "verb_markers")
    for i in range(len(before) - 1, -1, -1):
        w = before[i].lower().strip("\"'“”‘’(")
        if w in verbal:
            return False  # "The admiral will also visit": a verb, not "the visit"
        if w in dets:
            return True
        if not re.fullmatch(r"[a-z\-]+", w):
            return False
    return False


_VERBAL = {"VERB", "INFN", "PRTS", "GRND"}
_MODIFIERS = {"ADJF", "ADJS", "PRTF", "NUMR", "ADVB"}


def _definite_without_articles(sm: SentenceMentions, trig: Mention, lex: Lexicon) -> bool:
    """In a language without articles an event told before is named by a bare noun that opens the
    sentence ("Учение продлится до 10 октября") or by a demonstrative ("в ходе этого визита")."""
    part_of_speech = sm.part_of_speech
    if part_of_speech(trig.text.split()[0]) in _VERBAL:
        return False  # "посетил": a verb tells the event here
    dets = word_set(lex, "cues", "anaphoric_determiners")
    before = [t for t in sm.tokens if t.end <= trig.start][-4:]
    if before and part_of_speech(sm.text[before[-1].start:before[-1].end]) == "NOUN" and \
            len({m.canonical for m in sm.entities if m.kind == "country"}) < 2:
        return True  # "Церемония открытия учений": the exercise the article is about, as a complement
    for tok in reversed(before):
        if tok.norm in dets:
            return True
        pos = part_of_speech(sm.text[tok.start:tok.end])
        if pos == "PREP":  # "в учении примут участие ...", "к маневрам привлекаются": the one told
            return trig.kind == "exercise" and not sm.of("series")  # (not "прибыл с официальным визитом")
        if pos not in _MODIFIERS:
            return False
    return len(before) == len([t for t in sm.tokens if t.end <= trig.start])  # only modifiers before it


# What stands before a place where something happens, by language. In Russian the case does the rest:
# "в Новороссийске", "на полигоне Молькино", "под Брестом", "в порт Карачи".
_AT_PLACE = {
    "en": r"\b(?:in|at|near|off|to|visited|visit|from)\s+(?:the\s+)?$|\b(?:port|city|base|harbour|harbor|town)\s+of\s+$",
    "ru": r"(?<![а-яё])(?:в|во|на|под|у|около|близ|возле|вблизи|посетил\w*|район[еа]?|акватори[ия]|порт[уа]?|"
          r"полигон[еа]?|аэродром[еа]?|базе?|город[еа]?)\s+(?:[а-яё\-]+\s+){0,2}$"}
# The prepositions first_country_after reads ("from Russia", "to Pakistan"), as Russian says them.
_PREPOSITIONS_RU = {"to": ("в", "во", "на"), "in": ("в", "во", "на"), "into": ("в", "во"), "from": ("из", "от"),
                    "with": ("с", "со"), "for": ("для",), "on": ("против",), "against": ("против",),
                    "arrived in": ("в", "во"), "arrives in": ("в", "во"), "trip to": ("в", "во"), "visit to": ("в", "во")}


def location_of(sm: SentenceMentions, lex: Lexicon, after: int = 0, before: int | None = None) -> str:
    """A place after 'in'/'at'/'near'/'off' (gazetteer place first, then a country)."""
    text = sm.text
    best = ""
    for m in sorted(sm.entities, key=lambda e: e.start):
        if m.kind not in ("place", "country") or m.start < after or (before is not None and m.start >= before):
            continue
        if m.attr("flag") in ("demonym", "body"):
            continue
        prefix = text[max(0, m.start - 30):m.start].lower()
        if re.search(_AT_PLACE[sm.language], prefix):
            if m.kind == "place":  # as written in English; a Russian form ("Москву") by its English name
                return m.canonical if m.text.lower() == m.canonical.lower() or sm.language != "en" else m.text
            best = best or m.canonical
    return best


_CLAUSE_BREAK = re.compile(r",\s+(?:and|while|but|whereas|prompting|forcing|leading)\s+|;\s+|\.\s+|"
                           r"\s+(?=(?:before|after)\s+the\s+(?:first|second|third|fourth|fifth|sixth|seventh|eighth|"
                           r"ninth|tenth)\b)")


def clauses(sm: SentenceMentions) -> list[tuple[int, int]]:
    """Coordinated clauses: "Egypt ordered 30 in May, and Greece bought 18 in January"."""
    cuts = [0] + [m.end() for m in _CLAUSE_BREAK.finditer(sm.text)] + [len(sm.text)]
    return list(zip(cuts, cuts[1:]))


_DURATION = re.compile(r"\b(\d+|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|"
                       r"fifteen)[- ](day|week)s?\b", re.I)


def duration_days(sm: SentenceMentions) -> int | None:
    m = _DURATION.search(sm.text)
    if not m:
        return None
    n = int(m.group(1)) if m.group(1).isdigit() else NUMBER_WORDS[m.group(1).lower()]
    return n * (7 if m.group(2).lower() == "week" else 1)


def start_from_end(sm: SentenceMentions, end: TimeValue | None) -> TimeValue | None:
    """"wrapped up a three-day visit on Wednesday": it began two days before."""
    days = duration_days(sm)
    if not (end and end.start and end.precision == "day" and days):
        return None
    start = (date.fromisoformat(end.start) - timedelta(days=days - 1)).isoformat()
    return TimeValue(f"{end.text} ({days}-day span)", start, end.start, "day", "range",
                     end.char_start, end.char_end, end.relative)
