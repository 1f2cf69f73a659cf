"""Sentence → mentions: every entity, trigger, cue, date, count and person, with its span."""
from __future__ import annotations

import re
from datetime import date, timedelta
from dataclasses import dataclass, field

from .lexicon import Lexicon, word_set
from .matcher import Token, tokenize
from .model import Mention, Sentence, TimeValue
from .anchored import find_anchored
from .readers import reader_for
from .temporal import find_times

# Number words and ordinals are facts of English, not domain knowledge.
NUMBER_WORDS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14,
    "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20,
    "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90,
    "hundred": 100, "dozen": 12, "dozens": 24,
}
ORDINALS = {
    "first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7,
    "eighth": 8, "ninth": 9, "tenth": 10, "eleventh": 11, "twelfth": 12, "thirteenth": 13,
    "fourteenth": 14, "fifteenth": 15, "sixteenth": 16, "seventeenth": 17, "eighteenth": 18,
    "nineteenth": 19, "twentieth": 20, "inaugural": 1, "maiden": 1,
}
_ROMAN = {"i": 1, "v": 5, "x": 10, "l": 50, "c": 100}
_CAPITALISED_RUN = re.compile(r"(?:[A-Z][\w'’.&\-]*\s+(?:(?:of|for|and|on)\s+(?:the\s+)?)?)*[A-Z][\w'’.&\-]*")
_NAME_WORD = re.compile(r"[A-Z][\w'’\-]*[A-Za-z]|[A-Z]\.?")
_NAME_PARTICLES = {"bin", "al", "ibn", "ul", "ud", "de", "van", "von", "el", "da"}
_NAME_STOP = {"The", "A", "An", "This", "That", "He", "She", "It", "They", "In", "On", "At", "And",
              "But", "Said", "Army", "Navy", "Air", "Force", "Forces", "Staff", "Chief", "Ministry"}


def roman_to_int(s: str) -> int | None:
    s = s.lower()
    if not s or any(ch not in _ROMAN for ch in s):
        return None
    total = 0
    for a, b in zip(s, s[1:] + " "):
        v = _ROMAN[a]
        total += -v if b in _ROMAN and _ROMAN[b] > v else v
    return total if 0 < total < 200 else None


def number_value(word: str) -> int | None:
    """"4", "four": the number a word says."""
    return int(word) if word.isdigit() else NUMBER_WORDS.get(word.lower())


def ordinal_value(word: str) -> int | None:
    w = word.lower()
    if w in ORDINALS:
        return ORDINALS[w]
    m = re.fullmatch(r"(\d{1,2})(?:st|nd|rd|th)", w)
    return int(m.group(1)) if m else None


@dataclass
class SentenceMentions:
    sentence: Sentence
    tokens: list[Token]
    entities: list[Mention] = field(default_factory=list)
    triggers: list[Mention] = field(default_factory=list)
    cues: list[Mention] = field(default_factory=list)
    times: list[TimeValue] = field(default_factory=list)
    quantities: list[Mention] = field(default_factory=list)
    people: list[Mention] = field(default_factory=list)
    published: object = None  # the article's publication date, for telling plans from events
    anchored: list = field(default_factory=list)  # "the same year": dates to resolve from the text
    language: str = "en"

    @property
    def reader(self):
        """The reader of the sentence's language: what the shared frames ask of it goes there."""
        return reader_for(self.language)

    def tense(self, pos: int | None = None) -> str:
        """"past", "present" or "future": of the sentence, or of the verb nearest `pos` (by its language)."""
        return self.reader.tense(self.text, pos)

    def tells_past(self) -> bool:
        return self.reader.tells_past(self.text)

    def ordinal(self, word: str) -> int | None:
        """"sixth", "6th"; "шестого", "6-го": the number an ordinal word says, in the sentence's language."""
        return self.reader.ordinal(word)

    def number(self, word: str) -> int | None:
        """"four", "4"; "четыре": the number a word says, in the sentence's language."""
        return self.reader.number(word)

    def part_of_speech(self, word: str) -> str:
        """The likeliest part of speech of a word of this sentence's language ("" where not known)."""
        return self.reader.part_of_speech(word)

    def case_of(self, m) -> set[str]:
        """The grammatical cases a mention's first word can be in ({"datv"} for "Пакистану"); empty
        for a language without cases."""
        word = re.match(r"\w+", m.text)
        return self.reader.cases(word.group()) if word else set()

    def words_of(self, m) -> str:
        """A mention's words as the lexicon's word lists hold them: lower case ("called at"); in
        Russian their dictionary forms ("должны" → "должен")."""
        if self.language == "en":
            return m.text.lower()
        return " ".join(t.norm for t in self.tokens if m.start <= t.start and t.end <= m.end)

    @property
    def text(self) -> str:
        return self.sentence.text

    def of(self, kind: str) -> list[Mention]:
        return [m for m in self.entities if m.kind == kind]

    def cue(self, name: str) -> list[Mention]:
        return [m for m in self.cues if m.canonical == name]

    def has_cue(self, name: str) -> bool:
        return any(m.canonical == name for m in self.cues)


def _covered(spans: list[tuple[int, int]], start: int, end: int) -> bool:
    return any(s < end and start < e for s, e in spans)


def _entity_mentions(text: str, tokens: list[Token], lex: Lexicon) -> list[Mention]:
    out = []
    for m in lex.entities.find(text, tokens):
        surface = text[m.start:m.end]
        for kind, canonical, flag in m.payloads:
            # Proper names must be written as names: "Chad" the country, not "chad".
            if kind != "title" and not (surface[0].isupper() or surface[0].isdigit()):
                continue
            if kind == "title" and flag not in ("ranks", "descriptors") and surface[0].islower() and " " not in surface:
                continue  # "president of the club" is not a title before a name
            if flag == "capital" and surface.isupper() and len(surface) > 3:
                continue  # "LIMA 2023" is an air show's acronym, not Peru's government
            out.append(Mention(kind, canonical, surface, m.start, m.end, (("flag", flag),)))
    return out


def _generic_organizations(text: str, lex: Lexicon, known: list[Mention]) -> list[Mention]:
    """Capitalised runs ending in a head word ("... Consultative Committee") not in the lexicon."""
    if not lex.org_heads:
        return []
    out = []
    spans = [(m.start, m.end) for m in known if m.kind == "organization"]
    # a leading country or title is not part of the name: "Chairman Joint Chiefs of Staff Committee"
    country_spans = [(m.start, m.end) for m in known if m.kind in ("country", "title")]
    for m in _CAPITALISED_RUN.finditer(text):
        words = m.group().split()
        if len(words) < 2 or words[-1].lower().strip(".") not in lex.org_heads:
            continue
        start = m.start()
        # A leading country ("Russia-Pakistan Joint ... Committee") is not part of the name.
        for w in list(words):
            end_w = start + len(w)
            if _covered(country_spans, start, end_w) and len(words) > 2:
                words.pop(0)
                start = text.index(words[0], end_w)
            else:
                break
        if _covered(spans, start, m.end()) or len(words) < 2:
            continue
        out.append(Mention("organization", " ".join(words), text[start:m.end()], start, m.end(),
                           (("flag", "generic"),)))
    return out


def _nationality(text: str, entities: list[Mention], title_spans, start: int) -> tuple:
    """"Russian Defence Minister General Sergei Shoigu", "Russia's Commander ... Oleg Salyukov":
    the country named right before the titles in front of a name (as an attribute)."""
    pos = start
    while True:  # walk back over the titles and spaces in front of the name
        before = [e for s_, e in title_spans if e <= pos and not text[e:pos].strip(" ,")]
        if not before:
            break
        pos = next(s_ for s_, e in title_spans if e == max(before))
    for m in entities:
        if m.kind == "country" and m.flag_in(("demonym", "name", "capital")) and m.end <= pos and \
                re.fullmatch(r"(?:['’]s)?\s*", text[m.end:pos]):
            return (("country", m.canonical),)
    return ()


def _people(text: str, entities: list[Mention]) -> list[Mention]:
    titles = sorted((m for m in entities if m.kind == "title"), key=lambda m: m.start)
    blockers = [(m.start, m.end) for m in entities if m.kind != "title"]
    title_spans = [(m.start, m.end) for m in titles]
    found: dict[str, Mention] = {}
    for t in titles:
        pos, words, start = t.end, [], None
        for w in re.finditer(r"\S+", text[t.end:]):
            word = w.group().strip(",;:()\"'“”")
            if len(word) > 2 and word.endswith("."):
                word = word[:-1]  # the sentence's full stop, not an initial
            ws, we = t.end + w.start(), t.end + w.start() + len(word)
            if not words and _covered(title_spans, ws, we):
                break  # another title follows; it names the person
            if _covered(blockers, ws, we) or word in _NAME_STOP and not words:
                break
            if _NAME_WORD.fullmatch(word) and word not in _NAME_STOP or (words and word.lower() in _NAME_PARTICLES):
                words.append(word)
                start = ws if start is None else start
                pos = we
                if w.group() != word and not w.group().startswith(word + "'s"):
                    break  # punctuation ends the name
                if word.endswith("'s") or word.endswith("’s"):
                    break
            else:
                break
        if words:
            name = " ".join(words).removesuffix("'s").removesuffix("’s")
            found.setdefault(name, Mention("person", name, text[start:pos], start, pos,
                                           _nationality(text, entities, title_spans, start)))
    # "Rajnath Singh, India's defence minister": the name before an appositive title.
    for t in titles:
        m = re.search(r"((?:[A-Z][\w'’\-]+\s+){1,3}[A-Z][\w'’\-]+),\s+(?:the\s+)?(?:[A-Z]\w+(?:['’]s)?\s+)?$",
                      text[:t.start])
        if m and not _covered(blockers + title_spans, m.start(1), m.end(1)):
            name = m.group(1)
            if not any(w in _NAME_STOP for w in name.split()):
                found.setdefault(name, Mention("person", name, name, m.start(1), m.end(1)))
    # A surname alone ("Putin") folds into the full name given elsewhere in the sentence.
    names = list(found)
    return [found[n] for n in names
            if not any(o != n and o.endswith(" " + n) for o in names)]


def _quantities(text: str, tokens: list[Token], cues: list[Mention], times: list[TimeValue],
                entities: list[Mention]) -> list[Mention]:
    units = [c for c in cues if c.canonical == "unit"]
    # digits inside a date or a designation ("Type 054A/P") are not counts
    time_spans = [(t.char_start, t.char_end) for t in times] + \
        [(m.start, m.end) for m in entities if m.kind in ("equipment", "series")]
    out = []
    for i, tok in enumerate(tokens):
        if tok.norm.isdigit():
            # "RD-93", "Su-30": a number glued to letters by a hyphen is a designation.
            before = text[max(0, tok.start - 2):tok.start]
            # "$5.43-billion": the digits after a decimal point are no count either
            if re.search(r"[A-Za-z][-–]$|[A-Za-z]$|\d[.,]$", before) or _covered(time_spans, tok.start, tok.end):
                continue
            # "1,000", and Indian grouping "6,01,427"
            m = re.match(r"\d{1,3}(?:,\d{2})*,\d{3}(?!\d)|\d+(?:\.\d+)?", text[tok.start:])
            value, end = float(m.group().replace(",", "")), tok.start + m.end()
            if text[end:end + 1] == "%" or text[max(0, tok.start - 1):tok.start] in "$€£":
                continue
        elif tok.norm in NUMBER_WORDS:
            value, end = NUMBER_WORDS[tok.norm], tok.end
        else:
            continue
        found = False
        for u in units:
            # the unit noun within a few words: "150 Russian forces", "four MI-35 attack helicopters"
            if u.start >= end and len(text[end:u.start].split()) <= 4 and not re.search(r"[,;.()]", text[end:u.start]):
                if value == int(value) and 0 < value < 10_000_000:
                    out.append(Mention("quantity", str(int(value)), text[tok.start:u.end], tok.start, u.end,
                                       (("unit", u.attr("value")), ("troops", u.attr("value") == "troops"))))
                found = True
                break
        if found or value != int(value) or not 0 < value < 100_000:
            continue
        # "50 JF-17 Block III", "the first batch of eight": a count of the goods themselves
        goods = next((m for m in entities if m.kind == "equipment" and m.start >= end
                      and re.fullmatch(r"\s*(?:[A-Za-z\-]+\s+){0,1}", text[end:m.start])), None)
        batch = re.search(r"\b(?:batch|consignment|tranche|lot|shipment)\s+of\s+$|\b(?:the\s+)?(?:first|last|"
                          r"remaining|final)\s+$", text[:tok.start]) and re.match(
            r"\s*(?:in|on|by|of|were|was|are|is|will|would|have|has|had|to|,|;|\.)\b", text[end:])
        if goods is not None or batch:
            stop = goods.end if goods is not None else end
            # "the remaining seven are due by 2025": the goods are the ones told before
            out.append(Mention("quantity", str(int(value)), text[tok.start:stop], tok.start, stop,
                               (("unit", "units"), ("troops", False), ("anaphoric", goods is None))))
    return out


# An exercise the lexicon does not know, named next to an exercise noun ("the Golden Friendship-2024
# exercise", "exercise FALCON STRIKE 2025", "drills dubbed 'Sea Shield'"). A name is a run of
# capitalised words; the number or year after it is left to the edition reader.
_WORD = r"(?![IVXLC]+\b)(?:[A-Z][A-Za-z'’]+|[A-Z]{2,})"  # a roman numeral is the edition, not the name
_NAME_RUN = r"(?P<name>" + _WORD + r"(?:[ \-](?:of |al-|Al-|el-)?" + _WORD + r"){0,3})"
_NOUN = r"(?:exercises?|drills?|war ?games|manoeuvres|maneuvers)\b"
_EDITION_TAIL = (r"(?=(?:[ \-–]?(?:(?:19|20)\d\d|[IVX]{1,5})|[\-–]\d{1,2})\b['’\"”]?(?:\s+[a-z\-]+){0,4}\s+" + _NOUN +
                 r"|['’\"”]?(?:\s+[a-z\-]+){0,3}\s+" + _NOUN + r")")
_UNLISTED_SERIES = re.compile(
    r"(?:\b(?:[Ee]xercises?|[Dd]rills?|war ?games|manoeuvres|maneuvers)[,:]?\s+(?:(?:code-?named|dubbed|named|titled|called)\s+)?"
    r"[#'‘\"“]?" + _NAME_RUN + r"|[#'‘\"“]?" + _NAME_RUN.replace("name>", "name2>") + _EDITION_TAIL + r")")
# "the joint Egyptian-Indian special forces training "Cyclone-II"": a quoted name after "training"
_QUOTED_TRAINING = re.compile(r"\b(?:joint|combined|bilateral)\b[^.;,]{0,40}\btraining,?\s+[\"“'‘]" + _NAME_RUN
                              + r"|(?P<name2>(?!x)x)")
_UNLISTED_STOP = {"some", "about", "around", "nearly", "over", "almost", "covid"}
_NOT_NAME = {"ex", "ex.", "the", "a", "an", "this", "that", "joint", "military", "naval", "air", "army", "special", "combined",
             "bilateral", "multilateral", "international", "annual", "exercise", "exercises", "drill", "drills",
             "operation", "navy", "forces", "force", "armed", "tactical", "strategic", "command", "staff",
             "field", "live", "in", "on", "at", "and", "with", "for", "of", "after", "before", "during", "since",
             "read", "more", "also", "photo", "file", "video", "his", "her", "their", "its", "our",
             "next", "previous", "last", "first", "second", "third", "latest", "upcoming", "new", "another"}


def _unlisted_series(text: str, entities: list[Mention], lex: Lexicon) -> list[Mention]:
    """Series named as names but not in exercises.toml: a mention flagged "unlisted"."""
    out = []
    taken = [(m.start, m.end) for m in entities if m.kind != "series" or m.attr("flag") != "weak"]
    matches = list(_UNLISTED_SERIES.finditer(text)) + list(_QUOTED_TRAINING.finditer(text))
    for m in sorted(matches, key=lambda m: m.start()):
        group = "name" if m.group("name") else "name2"
        start, end = m.start(group), m.end(group)
        if group == "name2":  # "Analysts say the exercise": only a modifier may stand before the noun
            gap = re.match(r"(?:[-–\s]?(?:(?:19|20)\d\d|[IVX]{1,5}|\d{1,2})\b)?['’\"”]?((?:\s+[a-z\-]+)*?)\s+" + _NOUN,
                           text[end:])
            modifiers = word_set(lex, "exercise", "name_modifiers")
            if gap is None or any(w not in modifiers for w in gap.group(1).split()):
                continue
        words = text[start:end].replace("-", " ").split()
        if words and words[0].lower() in _UNLISTED_STOP | {"covid"} or any(w.endswith(("'s", "’s")) for w in words):
            continue  # "Tuesday's drills", "Russia's exercise": a possessive, not a name
        while words and words[0].lower() in _NOT_NAME:  # "the Joint Golden Friendship": from "Golden"
            start += text[start:].index(words[0]) + len(words[0])
            start += len(text[start:]) - len(text[start:].lstrip(" -"))
            words = words[1:]
        while words and words[-1].lower() in _NOT_NAME:
            words = words[:-1]
        if not words or any(w[:1].isdigit() for w in words) or _covered(taken, start, end) or \
                any(start < a < end or start < b < end for a, b in taken):
            continue
        end = start + len(" ".join(words)) if text[start:start + len(" ".join(words))] == " ".join(words) else end
        if re.fullmatch(r"(?i)(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)\w*|monday|tuesday|wednesday|"
                        r"thursday|friday|saturday|sunday", words[0]):
            continue
        name = text[start:end]
        caps = name.replace("-", "").replace(" ", "").isupper()  # "FALCON STRIKE", "SEA SHIELD"
        canonical = " ".join(w.capitalize() if caps and w.isupper() else w for w in name.split())
        if len(canonical) < 3:
            continue
        canonical = _known_spelling(canonical, lex) or canonical  # "Defenders of Freindship": a typo
        if canonical in lex.series and not any(e.kind == "series" and e.start == start for e in entities):
            out.append(Mention("series", canonical, name, start, end, (("flag", "strong"),)))
            continue
        if canonical in lex.series:
            continue
        out.append(Mention("series", canonical, name, start, end, (("flag", "unlisted"),)))
    return out


def _known_spelling(name: str, lex: Lexicon) -> str:
    """The listed series a misspelt name stands for ("Defenders of Freindship", "Bruzhba"), if one is close."""
    import difflib
    if len(name) < 6:
        return ""
    key = name.lower()
    best, score = "", 0.0
    for series in lex.series:
        if len(key) >= 10 and series.lower().endswith(" " + key):
            return series  # "Security Belt" for "Maritime Security Belt"
        r = difflib.SequenceMatcher(None, key, series.lower()).ratio()
        if r > score:
            best, score = series, r
    return best if score >= (0.85 if len(key) >= 7 else 0.9) else ""  # "Drushba" for Druzhba


_DESIGNATION = re.compile(r"\b(?:Type|Project)\s+\d{2,4}(?:\.\d)?[A-Z]{0,3}(?:/[A-Z]{1,2})?\b")


def _designations(text: str, entities: list[Mention]) -> list[Mention]:
    """Ships and systems known by a number the lexicon does not list: "Type 071E", "Project 636.1"."""
    spans = [(m.start, m.end) for m in entities]
    return [Mention("equipment", m.group(), m.group(), m.start(), m.end(), (("flag", "designation"),))
            for m in _DESIGNATION.finditer(text) if not any(a < m.end() and m.start() < b for a, b in spans)]


# Goods the lexicon does not list, named right before a noun of their kind: "an S26T submarine",
# "24 CAESAR self-propelled howitzers", "T-300 Kasirga multiple rocket launch systems", "Mogami-class
# frigates". The name is a designation (letters and digits), an acronym, or a class name.
_GOODS_TOKEN = (r"(?:[A-Z]{1,5}-?\d{1,4}[A-Z]{0,3}(?:/[A-Z]{1,3})?|[A-Z]{3,}|[A-Z][a-z]+-class|[A-Z][a-z]+-\d{1,3}[A-Z]?|"
                r"(?!(?:The|This|That|These|Those|Its|Their|Our|His|Her|All|Both|Each|Some|Two|Three|Four|Five|Six|"
                r"New|More|Other|First|Second|Last|Next|Several|Many|Such)\b)[A-Z][a-z]{2,})")
_GOODS_NAME = re.compile(
    r"(?<![\w\-])(?P<name>" + _GOODS_TOKEN + r"(?:[ \-](?:" + _GOODS_TOKEN + r"|[IVX]{1,4}|Mk ?(?:[IVX]{1,4}|\d)|Block[ \-]?(?:[IVX]{1,4}|\d+)|"
    r"Batch \d))*)(?P<mods>(?:\s+[a-z][a-z]*(?:-[a-z]+)*){0,3})\s+$")
_GOODS_MODS_STOP = {"of", "and", "or", "the", "a", "an", "to", "for", "from", "in", "on", "at", "by", "with", "its",
                    "their", "his", "her", "new", "more", "two", "three", "four", "five", "six", "has", "have", "had",
                    "was", "were", "is", "are", "will", "be", "been", "that", "which", "as", "first", "second"}


def _unlisted_equipment(text: str, entities: list[Mention], cues: list[Mention]) -> list[Mention]:
    spans = [(m.start, m.end) for m in entities]
    out = []
    for c in cues:
        if c.canonical != "equipment_anaphor":
            continue
        m = _GOODS_NAME.search(text[max(0, c.start - 80):c.start])
        if not m:
            continue
        base = max(0, c.start - 80)
        start, end = base + m.start("name"), base + m.end("name")
        name = m.group("name")
        mods = m.group("mods").split()
        if any(w in _GOODS_MODS_STOP or (w.endswith("ed") and "-" not in w) for w in mods):
            continue
        words = name.split()
        # a run of plain capitalised words is a name only after an article or a count ("the Littoral
        # Mission ships"), never at the start of the sentence ("Chinese frigates", "Navy ships")
        coded = any(ch.isdigit() for ch in name) or name.isupper() or name.endswith("-class")
        if not coded and (start == 0 or not re.search(r"\b(?:the|a|an|its|their|of|for|\d+|[a-z]+)\s+$",
                                                       text[:start]) or len(words) < 2):
            continue
        if any(a < end and start < b for a, b in spans) or name.lower() in _GOODS_STOP:
            continue
        canonical = re.sub(r"[ \-]class$", "", name)
        out.append(Mention("equipment", canonical, name, start, end, (("flag", "unlisted"), ("category", c.attr("value")))))
        spans.append((start, end))
    return out


_GOODS_STOP = {"the", "navy", "army", "air force", "nato", "un", "eu", "usa", "us", "uk", "uae", "ksa", "prc", "dprk",
               "pla", "plan", "plaaf", "isis", "covid", "ceo", "mod", "ispr", "tass", "pti", "ani", "apa", "afp"}


# "signed a 7.87 billion euro deal with France for 36 Rafale jets", "signed an Inter-Governmental
# Agreement with France in September 2016 for 36 Rafale jets": a contract for goods is their order.
_CONTRACT_FOR = re.compile(
    r"\b(?:signed|signs|sign|inked|concluded|placed|awarded)\s+(?:an?|the|its)\s+(?:(?:[^,;.]|\.\d){0,50}?\s)?"
    r"(?:contract|deal|agreement|order|[Ll]etter of [Oo]ffer and [Aa]cceptance|LOA)\b(?:[^;]{0,70}?)\s(?:for|to buy|to acquire)\s+"
    r"(?:the\s+(?:lease|purchase|supply|sale|acquisition|procurement)\s+of\s+)?",
    re.I)


# "a USD 375 million contract signed in January 2022 for three batteries": the contract, then its signing
_CONTRACT_SIGNED_FOR = re.compile(
    r"\b(?:an?|the)\s+(?:(?:(?!\b(?:an?|the)\s)(?:[^,;.]|\.\d)){0,40}?\s)?(?:contract|deal|agreement|order)\s+"
    r"(?:signed|inked|concluded|placed)"
    r"\s+(?:in|on|last|this)\s+[^,;]{3,20}?\s+(?:for|to buy|to acquire)\s+", re.I)


def _contract_triggers(text: str, entities: list[Mention], triggers: list[Mention],
                       cues: list[Mention] = ()) -> list[Mention]:
    """An order trigger for a signed contract whose goods (or a noun for them) follow its "for"."""
    equipment = [e for e in entities if e.kind == "equipment"]
    anaphors = [c for c in cues if c.canonical == "equipment_anaphor"]
    out = []
    for pattern, goods_words in ((_CONTRACT_SIGNED_FOR, equipment + anaphors), (_CONTRACT_FOR, equipment)):
        for m in pattern.finditer(text):
            if any(t.kind == "arms_transfer" and m.start() <= t.start < m.end() for t in triggers):
                continue  # "signed a contract for": the lexicon's own trigger
            goods = [e for e in goods_words if 0 <= e.start - m.end() <= 40]
            # the nearest goods for a contract "signed in January 2022 for"; the first named for the others
            first = min(g.start for g in goods) if goods and pattern is _CONTRACT_SIGNED_FOR else \
                (goods[0].start if goods else None)
            if first is not None and re.fullmatch(r"(?:[\w$€£.,\-]+\s+){0,4}", text[m.end():first]):
                out.append(Mention("arms_transfer", "arms_transfer", text[m.start():m.end()].rstrip(), m.start(),
                                   m.end(), (("detail", ("order", "recipient", False)),)))
    return out


def _cue_mentions(text: str, tokens: list[Token], lex: Lexicon) -> list[Mention]:
    out = []
    for m in lex.cues.find(text, tokens):
        for cue, value in m.payloads:
            out.append(Mention("cue", cue, text[m.start:m.end], m.start, m.end, (("value", value),)))
    return out


def _trigger_mentions(text: str, tokens: list[Token], lex: Lexicon) -> list[Mention]:
    out = []
    for m in lex.triggers.find(text, tokens):
        for family, detail in m.payloads:
            out.append(Mention(family, family, text[m.start:m.end], m.start, m.end, (("detail", detail),)))
    return out


def analyse(sentence: Sentence, lex: Lexicon, published) -> SentenceMentions:
    text = sentence.text
    tokens = tokenize(text)
    entities = _entity_mentions(text, tokens, lex)
    entities += _generic_organizations(text, lex, entities)
    if "Type " in text or "Project " in text:
        entities += _designations(text, entities)
    if "xercise" in text or "rill" in text or "games" in text or "anoeuvre" in text or "aneuver" in text or \
            "training" in text:
        unlisted = _unlisted_series(text, entities, lex)
        if unlisted:  # "Golden Friendship-2024": not the weak "Friendship" inside it
            weak = [e for e in entities if e.kind == "series" and e.attr("flag") == "weak"]
            unlisted = [u for u in unlisted if not any(w.start == u.start for w in weak)]  # "Ataturk-XII"
            entities = [e for e in entities if not (e in weak and any(
                u.start < e.start and e.end <= u.end for u in unlisted))] + unlisted
    cues = _cue_mentions(text, tokens, lex)
    times = find_times(text, published)
    anchored = find_anchored(text)
    if anchored:  # "November the previous year": not November before the publication date
        times = [t for t in times if not any(a.start < t.char_end and t.char_start < a.end for a in anchored)]
        times += [TimeValue(a.text, None, None, None, "point", a.start, a.end, True) for a in anchored]
        times.sort(key=lambda t: t.char_start)
    triggers = _trigger_mentions(text, tokens, lex)
    if any(t.kind == "arms_transfer" for t in triggers) or _CONTRACT_FOR.search(text):
        entities += _unlisted_equipment(text, entities, cues)
    if "for" in text and (any(e.kind == "equipment" for e in entities) or "contract" in text or "deal" in text):
        triggers += _contract_triggers(text, entities, triggers, cues)
    sm = SentenceMentions(sentence, tokens, entities, triggers, cues, times,
                          published=published, anchored=anchored)
    sm.quantities = _quantities(text, tokens, cues, times, entities)
    people = _people(text, entities)
    # (one search of every known name per sentence is dear: only where one of their words stands)
    sm.people = _known_people(text, people, entities, lex) if not lex.people_words.isdisjoint(
        t.norm for t in tokens) else people
    return sm


def _known_people(text: str, people: list[Mention], entities: list[Mention], lex: Lexicon) -> list[Mention]:
    """People listed in people.toml carry their country ("President Erdogan" is Turkey's), titled or not."""
    if lex.people_pattern is None:
        return people
    out = list(people)
    for m in lex.people_pattern.finditer(text):
        name, country = lex.people[m.group()]
        here = next((i for i, p in enumerate(out) if p.start < m.end() and m.start() < p.end), None)
        if here is not None:
            p = out[here]
            if p.attr("country") != country and (p.canonical == name or p.canonical.split()[-1] == name.split()[-1]):
                out[here] = Mention("person", name, p.text, p.start, p.end, (("country", country),))
            continue
        if any(e.start < m.end() and m.start() < e.end and e.kind != "title" for e in entities):
            continue
        out.append(Mention("person", name, m.group(), m.start(), m.end(), (("country", country),)))
    return out


def link_people(analysed: list[SentenceMentions]) -> None:
    """Once an article has named "General Sergei Shoigu", a later "Shoigu" is him too."""
    full, nationality = {}, {}
    for sm in analysed:
        for p in sm.people:
            parts = p.canonical.split()
            if len(parts) >= 2:
                full.setdefault(parts[-1], p.canonical)
            if p.attrs:
                nationality.setdefault(p.canonical, p.attrs)
    if not full:
        return
    pattern = re.compile(r"\b(" + "|".join(re.escape(k) for k in full) + r")\b(?!\s+[A-Z])")
    for sm in analysed:
        known = {p.canonical for p in sm.people}
        spans = [(p.start, p.end) for p in sm.people] + [(m.start, m.end) for m in sm.entities]
        for m in pattern.finditer(sm.text):
            name = full[m.group(1)]
            if name not in known and not _covered(spans, m.start(), m.end()):
                sm.people.append(Mention("person", name, m.group(), m.start(), m.end(), nationality.get(name, ())))
                known.add(name)
        # a surname alone that an earlier sentence completes
        sm.people = [Mention(p.kind, full.get(p.canonical, p.canonical), p.text, p.start, p.end,
                             p.attrs or nationality.get(full.get(p.canonical, p.canonical), ()))
                     if " " not in p.canonical else p for p in sm.people]
        sm.people = list({p.canonical: p for p in sm.people}.values())


def resolve_anchored(analysed: list[SentenceMentions]) -> None:
    """Give "the same year", "That November" the year the article last named before them."""
    year, day = None, None
    for sm in analysed:
        anchored = {a.start: a for a in sm.anchored}
        times = []
        for t in sm.times:
            a = anchored.get(t.char_start)
            if a is not None and t.start is None and a.same_day:
                if day is not None:  # "Earlier in the day": the day the text last named; "A day earlier" before it
                    iso = (date.fromisoformat(day) + timedelta(days=a.days)).isoformat() if a.days else day
                    t = TimeValue(t.text, iso, None, "day", "point", t.char_start, t.char_end, True)
            elif a is not None and t.start is None:
                if year is not None:
                    y = year + a.shift
                    start = f"{y:04d}-{a.month:02d}" if a.month else f"{y:04d}"
                    t = TimeValue(t.text, start, None, "month" if a.month else "year", "point",
                                  t.char_start, t.char_end, True)
            elif t.start and t.role in ("point", "range", "hint"):  # not "since 1981": a bound, not an event
                year = int(t.start[:4])
                day = t.start[:10] if t.precision == "day" else day
            times.append(t)
        sm.times = times
