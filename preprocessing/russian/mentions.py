"""A Russian sentence → its mentions, as the English reader gives them (preprocessing.mentions).

Names are matched on dictionary forms, so "Пакистана", "Пакистаном" and "пакистанской стороны" all
name Pakistan; designations are matched on their Latin spelling against the English entries ("Су-30МКИ"
is Su-30MKI); people are put in the nominative and transliterated as English outlets write them.
"""
from __future__ import annotations

import re

from ..lexicon import Lexicon, category_unit
from ..matcher import Token
from ..mentions import SentenceMentions, _covered, _cue_mentions, _trigger_mentions
from ..model import Mention, Sentence, TimeValue
from . import morph
from .temporal import find_anchored, find_times

# Number words are facts of the language; "около двухсот" is read by its first word.
NUMBER_WORDS = {
    "один": 1, "два": 2, "три": 3, "четыре": 4, "пять": 5, "шесть": 6, "семь": 7, "восемь": 8, "девять": 9,
    "десять": 10, "одиннадцать": 11, "двенадцать": 12, "пятнадцать": 15, "двадцать": 20, "тридцать": 30,
    "сорок": 40, "пятьдесят": 50, "сто": 100, "двести": 200, "триста": 300, "пятьсот": 500, "тысяча": 1000,
    "полтора": 1.5, "десяток": 10, "оба": 2, "двое": 2, "трое": 3, "четверо": 4,
}
ORDINALS = {
    "первый": 1, "второй": 2, "третий": 3, "четвертый": 4, "пятый": 5, "шестой": 6, "седьмой": 7,
    "восьмой": 8, "девятый": 9, "десятый": 10, "одиннадцатый": 11, "двенадцатый": 12, "тринадцатый": 13,
    "четырнадцатый": 14, "пятнадцатый": 15, "шестнадцатый": 16, "семнадцатый": 17, "восемнадцатый": 18,
    "девятнадцатый": 19, "двадцатый": 20,
}
_NUMBERED = re.compile(r"(\d{1,2})-?(?:й|я|е|го|му|м|ми|х|ого|ому|ое|ой|ая|ую|ым|ых|ом)")


def number_value(word: str) -> int | None:
    """"4", "четыре", "четырех": the number a word says."""
    return int(word) if word.isdigit() else NUMBER_WORDS.get(morph.lemma(word))


def ordinal_value(word: str) -> int | None:
    """"шестого", "6-го", "6-й": the number a Russian ordinal says."""
    m = _NUMBERED.fullmatch(word.lower())
    return int(m.group(1)) if m else ORDINALS.get(morph.lemma(word))


_THOUSANDS = re.compile(r"\s*(?:тыс\.|тысяч[аиу]?\b)")
_NAME_WORD = re.compile(r"[А-ЯЁ][а-яё]+(?:-[А-ЯЁ][а-яё]+)?")
_INITIALS = re.compile(r"(?:[А-ЯЁ]\.\s?){1,2}")


def _proper(kind: str, flag: str, surface: str, lower: bool) -> bool:
    """Names must be written as the lexicon writes them: "Пакистан" capitalised; adjectives of nationality
    and names that open with a common noun ("залив Петра Великого") in lower case."""
    if kind == "title" or lower or (kind == "country" and flag in ("demonym",)):
        return True
    return surface[:1].isupper() or surface[:1].isdigit()


# "Японского, Берингова и Охотского морей": an adjective of a sea's name, not of a nation
_WATERS = re.compile(r"(?i)(?:\s*,\s*[а-яё]+|\s+и\s+[а-яё]+)*\s+(?:мор[еяюйм]\w*|залив\w*|океан\w*|пролив\w*)")


def _entities(text: str, tokens, lex: Lexicon) -> list[Mention]:
    out = []
    for m in lex.entities.find(text, tokens):
        surface = text[m.start:m.end]
        kept = [p for p in m.payloads if _proper(p[0], p[2], surface, p[3])]
        if not kept and m.last_token - m.first_token > 1:
            # "вооруженных сил России" is no name written "Вооруженные силы России", but holds one
            inner = tokens[m.first_token + 1:m.last_token]
            out += _entities(text, inner, lex)
        if any(p[0] == "country" and p[2] == "demonym" for p in kept) and _WATERS.match(text, m.end):
            continue
        for kind, canonical, flag, lower in kept:
            if kind == "person":
                out.append(Mention("person", canonical, surface, m.start, m.end, (("country", flag),) if flag else ()))
                continue
            out.append(Mention(kind, canonical, surface, m.start, m.end, (("flag", flag),)))
    return out


def _latin_entities(text: str, tokens, lex: Lexicon, known: list[Mention]) -> list[Mention]:
    """Designations and series names in Latin letters, or in Cyrillic ones that transliterate to the
    English entry: "Ми-35М", "С-400", "Су-30МКИ", "AMAN-2021"."""
    english = lex.for_language("en")
    # a lower-case word standing alone is a Russian word, no letter of a designation: "Су-35 с Пакистаном"
    latin = [Token("\0" if text[t.start].islower() and text[t.start - 1:t.start] in (" ", "") and
                   morph.has_cyrillic(text[t.start:t.end]) else morph.latin(text[t.start:t.end]).lower(), t.start, t.end)
             for t in tokens]
    spans = [(m.start, m.end) for m in known if m.kind in ("equipment", "series", "organization", "place")]
    out = []
    for m in english.entities.find(text, latin):
        surface = text[m.start:m.end]
        if not (surface[:1].isupper() or surface[:1].isdigit()) or _covered(spans, m.start, m.end):
            continue
        for kind, canonical, flag, *_ in m.payloads:
            # a bare Latin word could be a Russian one transliterated ("Бук" the beech): names only
            if kind == "equipment" or (kind == "series" and flag == "strong"):
                out.append(Mention(kind, canonical, surface, m.start, m.end, (("flag", flag),)))
    return out


# A name in quotes next to an exercise noun: «Орруда-2024», "Морской щит"; the number after it is the
# edition reader's.
_QUOTED = re.compile(r"[«\"“„]((?:[А-ЯЁA-Z][\w\-]*?)(?:\s+[А-Яа-яЁёA-Za-z][\w\-]*?){0,3}?)"
                     r"(?:\s*[-–]\s*(?:(?:19|20)\d\d|\d{1,2}))?[»\"”“]")


def _unlisted_series(text: str, tokens, entities: list[Mention], triggers, lex: Lexicon) -> list[Mention]:
    """A quoted name beside an exercise noun that no entry lists: a misspelling of a known series
    («Морской пояс безопастности»), or a series of its own, named in Latin letters as English
    outlets transliterate it («Орруда» → Orruda)."""
    import difflib
    nouns = [t for t in triggers if t.kind == "exercise"]
    taken = [(m.start, m.end) for m in entities if m.kind in ("series", "equipment", "organization", "place")]
    out = []
    for m in _QUOTED.finditer(text):
        start, end = m.start(1), m.end(1)
        # right after the noun, or after adjectives of it: "учения «X»", "учении «X»"; not "на маневры эсминец «X»"
        beside = any(0 <= start - n.end <= 40 and all(
            morph.part_of_speech(w) in ("ADJF", "PRTF") for w in re.findall(r"[А-Яа-яЁё]+", text[n.end:m.start()]))
            for n in nouns) or any(0 <= n.start - m.end() <= 3 for n in nouns)
        if _covered(taken, start, end) or not beside:
            continue
        words = [t for t in tokens if start <= t.start and t.end <= end and not t.norm.isdigit()]
        key = " ".join(t.norm for t in words)
        spelt = key if key in lex.series_names else \
            next(iter(difflib.get_close_matches(key, lex.series_names, 1, 0.85)), "")
        if spelt:
            out.append(Mention("series", lex.series_names[spelt], text[start:end], start, end, (("flag", "strong"),)))
            continue
        if all(morph.is_common_word(text[t.start:t.end]) for t in words):
            continue  # «Пустынный щит»: English outlets translate such a name ("Desert Shield"); none is invented
        latin = " ".join(morph.latin(t.norm).capitalize() for t in words)
        if len(latin) >= 3:
            out.append(Mention("series", latin, text[start:end], start, end, (("flag", "unlisted"),)))
    return out


_CONTRACT_NOUNS = {"контракт", "договор", "сделка"}


def _contract_orders(triggers: list[Mention], text: str, tokens) -> list[Mention]:
    """"Контракт с Рособоронэкспортом на поставку вертолетов был заключен": the supply a contract is
    for is its order, not a delivery (as English reads "a contract for 12 helicopters")."""
    out = []
    for t in triggers:
        detail = t.attr("detail")
        if t.kind == "arms_transfer" and detail[0] == "delivery" and morph.part_of_speech(t.text.split()[0]) == "NOUN":
            before = [k for k in tokens if k.end <= t.start][-6:]
            if any(k.norm in _CONTRACT_NOUNS for k in before) and not re.search(r"[.;:]", text[before[0].start:t.start]
                                                                                  if before else ""):
                t = Mention(t.kind, t.canonical, t.text, t.start, t.end, (("detail", ("order", "recipient", False)),))
        out.append(t)
    return out


def _combined_countries(text: str, tokens, lex: Lexicon, known: list[Mention]) -> list[Mention]:
    """"российско-пакистанского": the first part of a compound adjective names a country too."""
    out = []
    for i, t in enumerate(tokens[:-1]):
        country = lex.combining.get(t.norm)
        if country and text[t.end:t.end + 1] in "-–" and not _covered([(m.start, m.end) for m in known], t.start, t.end):
            out.append(Mention("country", country, text[t.start:t.end], t.start, t.end, (("flag", "demonym"),)))
    return out


def _people(text: str, entities: list[Mention]) -> list[Mention]:
    """"министра обороны Пакистана генерала Тарика Наваза": capitalised words right after a title,
    put in the nominative and written in Latin letters."""
    # (a title inside quotes names a ship: «Адмирал Трибуц»)
    titles = sorted((m for m in entities if m.kind == "title" and
                     text[:m.start].count("«") <= text[:m.start].count("»")), key=lambda m: m.start)
    known = [m for m in entities if m.kind == "person"]
    blockers = [(m.start, m.end) for m in entities if m.kind not in ("title",)]
    title_spans = [(m.start, m.end) for m in titles]
    out = []
    for t in titles:
        pos = t.end
        # the title's own complement may follow: "министр обороны Индии", "командующий ВМС Пакистана"
        while True:
            nxt = next((e for e in entities if e.kind in ("country", "organization", "title") and
                        re.fullmatch(r"[\s,]*", text[pos:e.start]) and e.start >= pos), None)
            if nxt is None:
                break
            pos = nxt.end
        m = re.match(r"\s+(" + _INITIALS.pattern + r")?((?:" + _NAME_WORD.pattern + r")(?:\s+" + _NAME_WORD.pattern
                     + r"){0,2})", text[pos:])
        if not m:
            continue
        start, end = pos + m.start(2), pos + m.end(2)
        if _covered(blockers + [s for s in title_spans if s[0] >= end or s[1] <= start], start, end) or \
                any(p.start < end and start < p.end for p in known + out):
            continue
        words = m.group(2).split()
        name = " ".join(_nominative_latin(w, last=i == len(words) - 1) for i, w in enumerate(words))
        out.append(Mention("person", name, text[start:end], start, end))
    return known + out


def _nominative_latin(word: str, last: bool) -> str:
    parts = []
    for piece in word.split("-"):
        parses = morph.parse(piece.lower())
        # one person: a singular reading ("Рябцевым" is Рябцев's, not the Рябцевы's)
        named = next((p for p in sorted(parses, key=lambda p: p.tag.number != "sing")
                      if {"Name", "Surn", "Patr"} & set(p.tag.grammemes)), None)
        if named is not None:
            # a surname keeps its gender: "Рябцевой" → Рябцева
            nom = named.inflect({"nomn", "sing"}) if "Surn" in named.tag.grammemes else None
            piece = (nom.word if nom is not None else named.normal_form)
        elif parses and parses[0].tag.POS == "NOUN" and parses[0].tag.case not in (None, "nomn"):
            # a foreign name the dictionary reads as a word or guesses: "Ханом" → Хан, "Аюбом" → Аюб
            piece = parses[0].normal_form
        parts.append(morph.latin(piece.replace("ё", "е").capitalize()))
    return "-".join(parts)


def _quantities(text: str, tokens, cues: list[Mention], times, entities: list[Mention], lex: Lexicon) -> list[Mention]:
    units = [c for c in cues if c.canonical == "unit"]
    taken = [(t.char_start, t.char_end) for t in times] + \
        [(m.start, m.end) for m in entities if m.kind in ("equipment", "series")]
    out = []
    for i, tok in enumerate(tokens):
        if tok.norm.isdigit():
            if re.search(r"[^\W\d_][-–]?$|\d[.,]$", text[max(0, tok.start - 2):tok.start]) or \
                    _covered(taken, tok.start, tok.end):
                continue  # "С-400", "$5.4": designations and fractions are no counts
            m = re.match(r"\d{1,3}(?:[\s\u00a0]\d{3})+(?!\d)|\d+(?:,\d+)?", text[tok.start:])
            value, end = float(re.sub(r"[^\d,]", "", m.group()).replace(",", ".")), tok.start + m.end()
            thousands = _THOUSANDS.match(text, end)  # "более 50 тыс. военнослужащих"
            if thousands:
                value, end = value * 1000, thousands.end()
        elif tok.norm in NUMBER_WORDS:
            value, end = NUMBER_WORDS[tok.norm], tok.end
        else:
            continue
        # (the unit is a noun: "военного" in "семи полигонах военного округа" is no soldier)
        unit = next((u for u in units if u.start >= end and len(text[end:u.start].split()) <= 3
                     and not re.search(r"[,;.()]", text[end:u.start])
                     and morph.part_of_speech(u.text.split()[-1]) == "NOUN"), None)
        if unit is not None and value == int(value) and 0 < value < 10_000_000:
            out.append(Mention("quantity", str(int(value)), text[tok.start:unit.end], tok.start, unit.end,
                               (("unit", unit.attr("value")), ("troops", unit.attr("value") == "troops"))))
            continue
        # "три военно-транспортных Ми-17В-5": a count of the goods themselves
        goods = next((m for m in entities if m.kind == "equipment" and m.start >= end
                      and re.fullmatch(r"\s*(?:[а-яё\-]+\s+){0,2}", text[end:m.start])), None)
        if goods is not None and value == int(value) and 0 < value < 100_000:
            category = lex.equipment.get(goods.canonical, {}).get("category", "")
            out.append(Mention("quantity", str(int(value)), text[tok.start:goods.end], tok.start, goods.end,
                               (("unit", category_unit(category) if category else "units"), ("troops", False))))
    return out


def analyse(sentence: Sentence, lex: Lexicon, published) -> SentenceMentions:
    text = sentence.text
    tokens = morph.tokenize(text)
    entities = _entities(text, tokens, lex)
    entities += _latin_entities(text, tokens, lex, entities)
    entities += _combined_countries(text, tokens, lex, entities)
    entities.sort(key=lambda m: m.start)
    cues = _cue_mentions(text, tokens, lex)
    triggers = _contract_orders(_trigger_mentions(text, tokens, lex), text, tokens)
    if any(t.kind == "exercise" for t in triggers):
        entities += _unlisted_series(text, tokens, entities, triggers, lex)
        entities.sort(key=lambda m: m.start)
    times = find_times(text, published)
    anchored = find_anchored(text)  # "в ноябре того же года": resolved against the year told before
    if anchored:
        times = [t for t in times if not any(a.start < t.char_end and t.char_start < a.end for a in anchored)]
        times += [TimeValue(a.text, None, None, None, "point", a.start, a.end, True) for a in anchored]
        times.sort(key=lambda t: t.char_start)
    sm = SentenceMentions(sentence, tokens, [e for e in entities if e.kind != "person"], triggers, cues, times,
                          published=published, anchored=anchored, language="ru")
    sm.quantities = _quantities(text, tokens, cues, times, entities, lex)
    sm.people = _people(text, entities)
    return sm
