"""Russian words → their dictionary forms (pymorphy3), so that every case of a name matches one entry;
and Cyrillic → Latin letters, for designations ("Су-30МКИ" → "Su-30MKI") and people's names."""
from __future__ import annotations

import re
from functools import lru_cache
from typing import NamedTuple

_RUN = re.compile(r"[^\W\d_]+|\d+")
_CYRILLIC = re.compile(r"[а-яё]")
_ANALYZER = None


def analyzer():
    global _ANALYZER
    if _ANALYZER is None:  # 0.1 s and 15 MB of dictionaries: only when Russian is read
        import pymorphy3
        _ANALYZER = pymorphy3.MorphAnalyzer()
    return _ANALYZER


@lru_cache(maxsize=200_000)
def parse(word: str) -> tuple:
    """pymorphy3's readings of a lower-case word, once per word for the whole reader (tokens, tense,
    cases and names all ask of the same words)."""
    return tuple(analyzer().parse(word))


class MorphToken(NamedTuple):
    norm: str  # the dictionary form of the likeliest reading
    start: int
    end: int
    alts: tuple[str, ...] = ()  # the dictionary forms of the other readings


# A word first read as one of these is that word: "после" is "after", not the ambassador ("посол").
_FUNCTION = {"PREP", "CONJ", "PRCL", "INTJ", "NPRO"}


@lru_cache(maxsize=200_000)
def readings(word: str) -> tuple[str, ...]:
    """The dictionary forms of a word's readings, likeliest first ("прибыли" → прибыль, прибыть)."""
    w = word.lower().replace("ё", "е")
    if not _CYRILLIC.search(w):
        return (w,)
    parses = parse(w)
    if parses[0].tag.POS in _FUNCTION:
        return (parses[0].normal_form.replace("ё", "е"),)
    return tuple(dict.fromkeys(p.normal_form.replace("ё", "е") for p in parses))


@lru_cache(maxsize=100_000)
def part_of_speech(word: str) -> str:
    """The likeliest reading's part of speech (pymorphy3's tags: NOUN, VERB, ADJF, PRTF ...); "" if none."""
    if not _CYRILLIC.search(word.lower()):
        return ""
    return str(parse(word.lower())[0].tag.POS or "")


def cases(word: str) -> set[str]:
    """The grammatical cases a word can be in ("Пакистану" → {"datv"}; "Индии" → gent, datv, loct)."""
    return {p.tag.case for p in parse(word.lower()) if p.tag.case}


@lru_cache(maxsize=50_000)
def is_common_word(word: str) -> bool:
    """A word of the dictionary that is no proper name ("щит", "пустынный"; not "Селенга", "Орруда")."""
    w = word.lower()
    if not _CYRILLIC.search(w) or not analyzer().word_is_known(w):
        return False
    return not ({"Name", "Surn", "Patr", "Geox", "Orgn", "Trad"} & set(parse(w)[0].tag.grammemes))


def has_cyrillic(text: str) -> bool:
    return bool(_CYRILLIC.search(text.lower()))


def lemma(word: str) -> str:
    return readings(word)[0]


def tokenize(text: str) -> list[MorphToken]:
    """Runs of letters and runs of digits (as the English matcher cuts them: "Ми-35М" → ми, 35, м),
    each with its dictionary forms."""
    out = []
    for m in _RUN.finditer(text):
        r = readings(m.group())
        out.append(MorphToken(r[0], m.start(), m.end(), r[1:]))
    return out


def normalise(phrase: str) -> tuple[str, ...]:
    """A lexicon phrase as the norms its tokens must have; written in dictionary form, so its first
    reading is the one meant."""
    return tuple(lemma(m.group()) for m in _RUN.finditer(phrase))


def keys(phrase: str, limit: int = 16) -> list[tuple[str, ...]]:
    """Every way a lexicon phrase may be read: "Песков" is also "песок", "Белоусов" "белоус"; the text's
    tokens carry their readings too, so whichever the analyser prefers there, one key matches."""
    out: list[tuple[str, ...]] = [()]
    for m in _RUN.finditer(phrase):
        out = [k + (r,) for k in out for r in readings(m.group())][:limit]
    return out if out != [()] else []


# Transliteration as English-language outlets write Russian names (Sergei, Dmitry, Shoigu, Yevgeny).
_LATIN = dict(zip("абвгдезийклмнопрстуфыэ", "abvgdeziyklmnoprstufye")) | {
    "ж": "zh", "х": "kh", "ц": "ts", "ч": "ch", "ш": "sh", "щ": "shch", "ю": "yu", "я": "ya", "ё": "yo",
    "ъ": "", "ь": ""}
_VOWELS = "аеёиоуыэюя"


def _latin_word(word: str) -> str:
    low = word.lower()
    out = []
    for i, ch in enumerate(low):
        prev = low[i - 1] if i else ""
        nxt = low[i + 1] if i + 1 < len(low) else ""
        if ch == "е" and (i == 0 or prev in "ъь"):
            out.append("ye")  # Yevgeny
        elif ch == "й" and prev in _VOWELS and prev != "и" and (not nxt or nxt not in _VOWELS):
            out.append("i")  # Sergei, Shoigu
        elif ch == "и" and nxt == "й" and i + 2 == len(low) and i > 1:
            out.append("y")  # Dmitry, Yury: "-ий" ends in y
        elif ch == "й" and prev in "иы" and i + 1 == len(low):
            out.append("")
        elif ch in "ьъ" and nxt in ("и", "е", "о"):
            out.append("y" if nxt != "е" else "")  # Ilyin, Ulyanovsk; "Дьяков" keeps the ya of я
        elif ch == "ы" and nxt == "й" and i + 2 == len(low):
            out.append("y")
        else:
            out.append(_LATIN.get(ch, ch))
    latin = "".join(out)
    if word[:1].isupper():
        latin = latin.upper() if word.isupper() and len(word) > 1 else latin[:1].upper() + latin[1:]
    return latin


def latin(text: str) -> str:
    """Cyrillic letters written in Latin ones; everything else as it was."""
    if not _CYRILLIC.search(text.lower()):
        return text
    return re.sub(r"[А-Яа-яЁё]+", lambda m: _latin_word(m.group()), text)
