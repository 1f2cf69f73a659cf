"""Russian time expressions → TimeValue, with the English reader's semantics exactly.

Values, roles, directions and conventions are those of preprocessing.temporal (read its module doc).
The resolution itself (a date-like part → ISO at its precision, against the publication date) is
that module's, imported, so the two languages cannot drift apart. What is Russian here is the
surface: month and weekday names in every case, "г."/"года"/"году" after years, prepositions as
role words, and tense read with pymorphy3 (a perfective present form, "пройдет", is a future).
Candidates are found with one compiled regular expression, tried only where a cheap one says an
expression can start; dateparser is not called (bench/bench_temporal_ru.py measures it).

Russian conventions, on top of the English ones:
- `text` keeps role words (с, начиная с, до, вплоть до, по, к, между), modifiers (начале, середине,
  конце, первой половине ...) and year words (года, г., -го), and drops plain в/во/на.
- "с X" alone is "since"; "с X по Y" / "с X до Y" / "X–Y" is a range. "с 2020 годом" (instrumental:
  "compared with") is a plain point. "с 1 июня" in a future sentence looks forward ("вступит в силу с
  1 июня"), where the English "since" always looks back.
- "по X" and "к X" are ends, as "till X" and "by X".
- A bare number is a year only after a date preposition ("в 2014", "с 2016 по 2018 год") or with a
  year word ("2014 год"); never before a noun ("2000 военнослужащих").
- "накануне" is the day before publication, like "вчера", when the sentence names no other date;
  beside another date it is left out (that date says when), and before a genitive ("накануне
  визита", a preposition) it is no date at all.
- Seasons are years, as in English ("осенью 2016-го" → "2016"); the season only picks the year.
- "того же года", "в том же году", "годом ранее", "на следующий день" are told relative to another
  date of the text: find_times gives them unresolved (start None, relative True) and find_anchored
  gives them as preprocessing.anchored.Anchored for the pipeline's resolve_anchored, as in English.
- Wire datelines ("МОСКВА, 12 мая - РИА Новости.") are not read here: the sentence splitter strips
  them, measuring them with dateline_length.
"""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import replace
from functools import cache, lru_cache
from typing import NamedTuple

from ..anchored import Anchored
from ..model import TimeValue
from . import morph
from ..temporal import (
    _months_from,
    _needs_pub,
    _Part,
    _precision,
    _resolve,
    _resolve_range,
    _valid,
)

__all__ = ["dateline_length", "find_anchored", "find_times", "is_future", "tells_past", "tense"]

# ── language facts ──────────────────────────────────────────────────────────────────────────────

# A month by its first three letters, which every case form keeps ("марта", "мае", "сент.").
_MONTHS = {"янв": 1, "фев": 2, "мар": 3, "апр": 4, "май": 5, "мая": 5, "мае": 5, "маю": 5, "июн": 6,
           "июл": 7, "авг": 8, "сен": 9, "окт": 10, "ноя": 11, "дек": 12}
_WEEKDAYS = {"пон": 0, "вто": 1, "сре": 2, "чет": 3, "пят": 4, "суб": 5, "вос": 6}  # by the first three letters
_SEASONS = {"вес": 3, "лет": 6, "осе": 9, "зим": 12}  # first month, as in English: it only picks the year
# A relative adjective's stem → years/months/weeks from publication ("в прошлом году": −1).
_SHIFTS = {"позапрошл": -2, "прошл": -1, "минувш": -1, "прошедш": -1, "эт": 0, "текущ": 0, "нынешн": 0,
           "уходящ": 0, "следующ": 1, "будущ": 1, "наступающ": 1, "грядущ": 1}
_SHIFT_WORDS = {-1: "last", 0: "this", 1: "next"}  # the English module's names for a weekday/month/season shift
_DAYS = {"сегодня": 0, "вчера": -1, "завтра": 1, "позавчера": -2, "послезавтра": 2, "накануне": -1}
_NUMBERS = {"один": 1, "одну": 1, "одна": 1, "два": 2, "две": 2, "три": 3, "четыре": 4, "пять": 5, "шесть": 6,
            "семь": 7, "восемь": 8, "девять": 9, "десять": 10, "одиннадцать": 11, "двенадцать": 12,
            "пятнадцать": 15, "двадцать": 20, "тридцать": 30}
# "… назад": a unit by its first letters → (the English unit, how many of it); weeks count as days.
_AGO_UNITS = {"ден": ("day", 1), "дн": ("day", 1), "нед": ("day", 7), "мес": ("month", 1), "пол": ("month", 6),
              "год": ("year", 1), "лет": ("year", 1), "дес": ("year", 10)}
_AGO_SINGULAR = {"день", "неделю", "месяц", "год", "десятилетие", "полгода"}  # these go without a number
# Told relative to another date of the text → (years from it, same day?, days from it), as in .anchored.
_ANCHORED = {"том же году": (0, False, 0), "того же года": (0, False, 0), "предыдущем году": (-1, False, 0),
             "предыдущего года": (-1, False, 0), "годом ранее": (-1, False, 0), "годом раньше": (-1, False, 0),
             "годом позже": (1, False, 0), "годом позднее": (1, False, 0), "год спустя": (1, False, 0),
             "спустя год": (1, False, 0), "тот же день": (0, True, 0), "следующий день": (0, True, 1),
             "днем ранее": (0, True, -1), "днём ранее": (0, True, -1), "днем позже": (0, True, 1),
             "днём позже": (0, True, 1)}
_ROLES = {"с": "since", "со": "since", "начиная с": "since", "начиная со": "since", "до": "end", "вплоть до": "end",
          "не позднее": "end", "не позже": "end", "по": "end", "к": "end", "ко": "end"}
_BARE_YEAR_NEXT = {"и", "или", "а", "по", "до"}  # words that may follow a year said without "год"

# Tense. Lemmas that speak of a plan are future in any non-past form ("запланировано", "предстоит");
# reporting verbs ("сообщил", "говорится") tell when it was said, not when it happens, so they decide
# only when nothing else does.
_FUTURE_LEMMAS = frozenset({"планироваться", "планировать", "запланировать", "наметить", "предстоять",
                            "предстоящий", "ожидаться", "намереваться", "намеренный", "собираться", "должный"})
_SAY_LEMMAS = frozenset({"сообщить", "сообщать", "сообщаться", "заявить", "заявлять", "сказать", "говорить",
                         "говориться", "рассказать", "рассказывать", "отметить", "отмечать", "отмечаться",
                         "подчеркнуть", "подчёркивать", "подчеркивать", "добавить", "уточнить", "пояснить",
                         "объявить", "указать", "указываться", "передавать", "писать", "информировать",
                         "проинформировать", "цитировать"})
_TENSES = {"past": "past", "pres": "present", "futr": "future"}

# ── patterns ────────────────────────────────────────────────────────────────────────────────────

_NL = r"(?![а-яёА-ЯЁ])"  # no letter follows
_MONTH = (r"(?i:(?:январ|феврал|апрел|июн|июл|сентябр|октябр|ноябр|декабр)(?:ь|я|е|ю|ем|ём)|"
          r"(?:март|август)(?:а|е|у|ом)?|ма(?:й|я|е|ю|ем))" + _NL)
# "в ходе августовского визита": the month said as an adjective, as English says "the August visit"
_MONTH_ADJ = (r"(?i:январск|февральск|мартовск|апрельск|майск|июньск|июльск|августовск|сентябрьск|октябрьск|"
              r"ноябрьск|декабрьск)(?:ий|ого|ому|им|ом|ая|ой|ую|ое|ие|их|ими)" + _NL)
_MONTH_ABBR = r"(?i:янв|февр?|мар|апр|июн|июл|авг|сент?|окт|нояб?|дек)\.?" + _NL  # only after a day
_WEEKDAY = r"(?i:понедельника?|вторника?|сред[уы]|четверга?|пятниц[уы]|суббот[уы]|воскресень[ея])" + _NL
_SEASON_INS = r"(?i:весной|летом|осенью|зимой)" + _NL  # "летом": in the summer
_SEASON_ANY = r"(?i:весн(?:ой|а|ы|е|у)|лет(?:ом|о|а|е|у)|осен(?:ью|ь|и)|зим(?:ой|а|ы|е|у))" + _NL
_SHIFT = "(?i:" + "|".join(sorted(_SHIFTS, key=len, reverse=True)) + ")"
_ADJ = r"(?:ого|его|ому|ему|ый|ий|ой|ом|ем|ую|юю|ее|ое|ей|ым|им|от|у)"  # singular endings
_GEN = r"(?:ого|его)"
_YEAR_WORD = (r"(?:-(?:го|м|й)" + _NL + r"(?:\s+год(?:а|у|ом)?" + _NL + r")?|"
              r"\s*(?:гг?\.|год(?:а|у|ом|ы|ах|ов|ам|ами)?" + _NL + "))")
_NB = r"(?<![\w.,$€£/:№-])"  # a number starts here, not inside "С-400", "1,5", "$5"
_ANCH = "(?i:" + "|".join(k.replace(" ", r"\s+") for k in sorted(_ANCHORED, key=len, reverse=True)) + ")" + _NL
_AGO_UNIT = r"(?i:день|дня|дней|недел[юиь]|месяц(?:а|ев)?|год(?:а)?|лет|десятилети[ейя]|полгода)" + _NL
_NUMBER = r"(?i:" + "|".join(sorted(_NUMBERS, key=len, reverse=True)) + ")" + _NL
_NAME = r"[А-ЯЁA-Z][\wёЁ]*(?:\s+[а-яё]+){0,2}?"  # "Кавказ", "Морское взаимодействие", "Защитники дружбы"
# A capitalised word that names no exercise before a year: prepositions, conjunctions, quantities.
_HINT_STOP = (r"(?:В|Во|С|Со|До|По|К|Ко|На|От|За|Из|После|Между|Начиная|Вплоть|И|А|Но|Около|Более|Менее|"
              r"Свыше|Почти|Уже|Еще|Ещё|Лишь|Только|Год|Году|Года|Летом|Весной|Осенью|Зимой)" + _NL)


def _day(g: str) -> str:
    return rf"(?P<{g}>[12]\d|3[01]|0?[1-9])(?:-го)?(?!\d)(?![.,:]\d)(?!\s*%)"


def _year(g: str) -> str:
    # without a year word, a year must not run on into a noun ("2000 военнослужащих") or a number
    return (rf"(?P<{g}>(?:19|20)\d\d)(?!\d)(?P<{g}_w>{_YEAR_WORD})?"
            rf"(?({g}_w)|(?![\w%-])(?![.,:]\d)(?!\s+(?!или\b)[а-яёa-z]{{3}}))")


def _tail(g: str, required: bool = False) -> str:
    """After a day, month or season: its year, "прошлого года" (from publication) or "того же года" (anchored)."""
    return (rf"(?:\s+{_year(g + '_y')}|\s+(?P<{g}_r>{_SHIFT}){_GEN}\s+года{_NL}|"
            rf"\s+(?P<{g}_same>(?i:того\s+же|предыдущего)\s+года){_NL}){'' if required else '?'}")


# One alternation; at a given position the first (most specific) form wins.
_FORMS = {
    "num": rf"{_NB}(?P<num_d>0?[1-9]|[12]\d|3[01])\.(?P<num_m>0?[1-9]|1[0-2])\.(?P<num_y>(?:19|20)\d\d)(?!\d)"
           r"(?:\s*г\.)?",
    "dr": rf"{_NB}{_day('dr_a')}(?P<dr_c>\s*[-–—]\s*|\s+(?:по|до|и)\s+){_day('dr_b')}\s+"
          rf"(?P<dr_m>{_MONTH}|{_MONTH_ABBR}){_tail('dr')}",
    "dmy": rf"{_NB}{_day('dmy_d')}\s+(?P<dmy_m>{_MONTH}|{_MONTH_ABBR}){_tail('dmy')}",
    "yr2": rf"{_NB}(?P<yr2_a>(?:19|20)\d\d)\s*[-–—/]\s*(?P<yr2_b>(?:19|20)\d\d|\d\d)(?![\d%])(?![.,]\d)"
           rf"(?:\s*(?:гг\.|годах|годы|годов|годам|годами){_NL})?",
    "dec": rf"(?<![\w-])(?:(?P<dec_y>(?:19|20)\d0)|(?P<dec_s>[3-9]0))-(?:х|е|ых|ые){_NL}"
           rf"(?:\s+(?:годах|годы|годов|годам|гг\.){_NL})?",
    "ago": rf"(?:(?P<ago_n>\d{{1,3}}|{_NUMBER})\s+)?(?P<ago_u>{_AGO_UNIT})\s+(?i:назад){_NL}",
    "year": rf"{_NB}{_year('year_y')}",
    "ms": rf"(?P<ms_r>{_SHIFT})(?:ом|ем|ый|ий|ого|его)\s+(?P<ms_m>{_MONTH})",
    "rel": rf"(?P<rel_r>{_SHIFT}){_ADJ}\s+(?P<rel_u>(?i:год(?:а|у|ом)?|месяц(?:а|е|ем)?|недел(?:я|и|е|ю|ей))){_NL}",
    "wkend": rf"(?:(?P<wkend_r>{_SHIFT})(?:ие|ые|их|ых|и)\s+)?(?i:выходн(?:ые|ых)){_NL}",
    "wday": rf"(?:(?P<wday_r>{_SHIFT}){_ADJ}\s+)?(?P<wday_d>{_WEEKDAY})",
    "sy": rf"(?P<sy_s>{_SEASON_ANY}){_tail('sy', required=True)}",
    "ss": rf"(?:(?P<ss_r>{_SHIFT})(?:ой|ей|ым|им)\s+)?(?P<ss_s>{_SEASON_INS})",
    "mon": rf"(?P<mon_m>{_MONTH}|{_MONTH_ADJ}){_tail('mon')}",
    "rday": rf"(?P<rday_w>(?i:{'|'.join(_DAYS)})){_NL}",
    "cur": rf"(?i:начал[аеоу]|середин[аеуы]|конц[аеу]|исход[аеу])\s+(?P<cur_u>(?i:года|месяца|недели)){_NL}",
    "anch": _ANCH,
    # a name and its year: "Кавказ-2020", "Морское взаимодействие – 2021"; with a plain space only in quotes
    "hint": rf"(?<![\w-])(?!{_HINT_STOP})(?:{_NAME}\s*[-–—]\s*(?P<hint_y>(?:19|20)\d\d)(?![\w%-])(?!\s*(?:гг?\.|год))|"
            rf"(?<=[«\"“„]){_NAME}\s+(?P<hint_q>(?:19|20)\d\d)(?=[»\"”]))",
}
_KINDS = list(_FORMS)
_ATOM = re.compile("|".join(f"(?P<{k}>{v})" for k, v in _FORMS.items()))

# Where an _ATOM form can start: a digit, or a word that begins one of them. One search of this is
# also the quick reject of a sentence that has none.
_START = re.compile(
    r"(?<![\w-])\d|(?<!\w)(?:(?i:янв|фев|мар|апр|ма[йяюе]|июн|июл|авг|сен|окт|ноя|дек|позапрошл|прошл|минувш|прошедш|"
    r"эт[оиуа]|текущ|нынешн|уходящ|следующ|будущ|наступающ|грядущ|весн|лет|осен|зим|сегодня|вчера|завтра|позавчера|"
    r"послезавтра|накануне|начал|середин|конц|исход|выходн|понедельник|вторник|сред[уы]|четверг|пятниц|суббот|"
    r"воскресен|том\s|того\s|тот\s|предыдущ|год|спустя|дн[её]м|день|дня|дней|недел|месяц|полгода|десятилет|"
    + "|".join(_NUMBERS) + r")|[А-ЯЁA-Z][\wёЁ]*(?:\s+[а-яё]+){0,2}?\s*[-–—\s]\s*(?:19|20)\d\d)")

# "визит, приуроченный ко Дню ВМФ 30 июля, отменен": a plan called off keeps the date it was planned for
_CALLED_OFF = re.compile(r"(?i)(?<![а-яё])(?:отмен[еиаоуя]\w*|отлож[еиа]\w*|перенес[еёлт]\w*|сорван\w*)")
_ROLE = re.compile(r"(?i:(?<![а-яё])(начиная\s+со?|вплоть\s+до|не\s+позднее|не\s+позже|со?|до|по|ко?|между)\s+)\Z")
_MOD = re.compile(
    r"(?i:(?<![а-яё])(?:ранее\s+(?:в|во|на)|начал[аеоу]|середин[аеуы]|конц[аеу]|исход[аеу]|"
    r"(?:перв|втор)(?:ой|ую|ая)\s+половин[аеуы]|"
    r"(?:перв|втор|трет|четв[её]рт|последн)(?:ий|ый|ого|его|ом|ем)\s+квартал[аеу]?|"
    r"(?:перв|последн)(?:ых|их|ие|ей|юю|ую|ой)\s+(?:числах|числа|дн(?:ях|ей|и)|недел[еиюя]|декад[аеуы]))\s+)\Z")
_CONNECT = re.compile(r"\s*[-–—]\s*|\s+(?:по|до|и)\s+")
_RANGE_KINDS = {"date", "month", "year", "weekday"}
_YEAR_PREP = re.compile(r"(?i:(?:^|(?<![а-яё])(?:в|во|с|со|до|по|к|ко|после|между|от|и|или|начиная\s+с|"
                        r"середин[аеуы]|начал[аеоу]|конц[аеу])\s+|,\s*|[-–—]\s*))\Z")
_WORD_AFTER = re.compile(r"\s*([а-яёa-z]+)")
_RESCHEDULED = re.compile(r"(?i:(?<![а-яё])(?:перенес|перенос|отлож|сдвину)[а-яё]*\s+(?:на|до)\s+)\Z")
_RESCHEDULED_FAR = re.compile(r"(?i:(?<![а-яё])(?:перенес|перенос|отлож|сдвину)[а-яё]*[^.;]{0,60}?\s(?:на|до)\s+)\Z")
_PLANNED_FOR = re.compile(r"(?i:(?<![а-яё])(?:запланирован|намечен|планировал|планирует|назначен)[а-яё]*"
                          r"(?:\s+(?:провести|проводить|начать|завершить|организовать)[а-яё]*)?\s+(?:на|в|во)\s+)\Z")
_SINCE_WHEN = re.compile(r",?\s*когда\b")
_INSTRUMENTAL = re.compile(r"(?i)годом\Z")  # "по сравнению с 2020 годом": "with", not "since"


# ── reading one match into parts ────────────────────────────────────────────────────────────────

def _month(word: str) -> int:
    return _MONTHS[word.lower()[:3]]


def _shift(word: str) -> int:
    w = word.lower()
    return next(v for k, v in _SHIFTS.items() if w.startswith(k))


def _with_tail(g, k: str, part: _Part) -> _Part:
    """A day/month/season part given the year its tail says: a year, one from publication, or the anchor's."""
    if g[k + "_y"]:
        return replace(part, y=int(g[k + "_y"]))
    if g[k + "_r"]:
        return replace(part, n=_shift(g[k + "_r"]), shift="year")  # shift="year": n counts years
    if g[k + "_same"]:
        key = " ".join(g[k + "_same"].lower().split())
        return _Part(part.a, part.b, "anch", m=part.m if part.kind in ("date", "month") else None, shift=key)
    return part


def _read_num(g, s, a, b):
    y, m, d = int(g["num_y"]), int(g["num_m"]), int(g["num_d"])
    return ([_Part(a, b, "date", y, m, d)] if _valid(y, m, d) else []), ""


def _read_dr(g, s, a, b):
    m, d1, d2 = _month(g["dr_m"]), int(g["dr_a"]), int(g["dr_b"])
    if not (_valid(None, m, d1) and _valid(None, m, d2) and d1 < d2):
        return [], ""
    left = _with_tail(g, "dr", _Part(a, g.end("dr_a"), "date", m=m, d=d1))
    right = _with_tail(g, "dr", _Part(g.start("dr_b"), b, "date", m=m, d=d2))
    return [left, right], g["dr_c"].strip()


def _read_dmy(g, s, a, b):
    m, d = _month(g["dmy_m"]), int(g["dmy_d"])
    return ([_with_tail(g, "dmy", _Part(a, b, "date", m=m, d=d))] if _valid(None, m, d) else []), ""


def _read_yr2(g, s, a, b):
    y1, tail = int(g["yr2_a"]), g["yr2_b"]
    y2 = int(tail) if len(tail) == 4 else y1 // 100 * 100 + int(tail)
    if y2 <= y1:
        return [], ""
    return [_Part(a, g.end("yr2_a"), "year", y1), _Part(g.start("yr2_b"), b, "year", y2)], ""


def _read_dec(g, s, a, b):
    return [_Part(a, b, "decade", int(g["dec_y"]) if g["dec_y"] else 1900 + int(g["dec_s"]))], ""


def _read_ago(g, s, a, b):
    n_word, unit_word = g["ago_n"], g["ago_u"].lower()
    if n_word is None and unit_word not in _AGO_SINGULAR:
        return [], ""  # "несколько лет назад": no number we can read
    n = 1 if n_word is None else int(n_word) if n_word.isdigit() else _NUMBERS[n_word.lower()]
    unit, k = _AGO_UNITS.get(unit_word[:3]) or _AGO_UNITS[unit_word[:2]]
    return [_Part(a, b, "rel", unit=unit, n=-n * k)], ""


def _read_year(g, s, a, b):
    if not g["year_y_w"]:  # a bare number is a year only where a date is expected
        after = _WORD_AFTER.match(s, b)
        if not _YEAR_PREP.search(s, max(0, a - 16), a) or (after and after.group(1) not in _BARE_YEAR_NEXT):
            return [], ""
    return [_Part(a, b, "year", int(g["year_y"]))], ""


def _read_ms(g, s, a, b):
    n = _shift(g["ms_r"])
    return ([_Part(a, b, "month", m=_month(g["ms_m"]), shift=_SHIFT_WORDS[n])] if n in _SHIFT_WORDS else []), ""


def _read_rel(g, s, a, b):
    unit = {"г": "year", "м": "month", "н": "week"}[g["rel_u"][0].lower()]
    return [_Part(a, b, "rel", unit=unit, n=_shift(g["rel_r"]))], ""


def _read_wkend(g, s, a, b):
    if not _preposition_before(s, a, ("в", "на")):
        return [], ""  # "выходные дни" as a noun phrase
    n = _shift(g["wkend_r"]) if g["wkend_r"] else None
    if n is not None and n not in _SHIFT_WORDS:
        return [], ""
    return [_Part(a, b, "rel", unit="weekend", shift=_SHIFT_WORDS.get(n, "the"))], ""


def _read_wday(g, s, a, b):
    word = g["wday_d"].lower()
    genitive = word[-1] in "аы" or word.endswith("ья")  # "с понедельника", "до пятницы"
    if not _preposition_before(s, a, ("с", "со", "до") if genitive else ("в", "во", "по")):
        return [], ""  # "среда" is also "environment"; a weekday needs its preposition
    n = _shift(g["wday_r"]) if g["wday_r"] else None
    if n is not None and n not in _SHIFT_WORDS:
        return [], ""
    return [_Part(a, b, "weekday", d=_WEEKDAYS[word[:3]], shift=_SHIFT_WORDS.get(n, ""))], ""


def _read_sy(g, s, a, b):
    season = _Part(a, b, "year", m=_SEASONS[g["sy_s"].lower()[:3]])
    part = _with_tail(g, "sy", season)
    if part.kind == "year" and part.shift == "year":  # "осенью прошлого года": that year
        return [_Part(a, b, "rel", unit="year", n=part.n)], ""
    return [part], ""


def _read_ss(g, s, a, b):
    n = _shift(g["ss_r"]) if g["ss_r"] else None
    if n is not None and n not in _SHIFT_WORDS:
        return [], ""
    return [_Part(a, b, "season", m=_SEASONS[g["ss_s"].lower()[:3]], shift=_SHIFT_WORDS.get(n, ""))], ""


def _read_mon(g, s, a, b):
    return [_with_tail(g, "mon", _Part(a, b, "month", m=_month(g["mon_m"])))], ""


def _read_rday(g, s, a, b):
    word = g["rday_w"].lower()
    if word == "накануне" and _governs_genitive(s, b):
        return [], ""  # "накануне визита": a preposition, "on the eve of"
    return [_Part(a, b, "rel", unit="day", n=_DAYS[word])], ""


def _read_cur(g, s, a, b):
    unit = {"г": "year", "м": "month", "н": "week"}[g["cur_u"][0].lower()]
    return [_Part(a, b, "rel", unit=unit, n=0)], ""


def _read_anch(g, s, a, b):
    return [_Part(a, b, "anch", shift=" ".join(g["anch"].lower().split()))], ""


def _read_hint(g, s, a, b):
    return [_Part(a, b, "hint", int(g["hint_y"] or g["hint_q"]))], ""


_READERS = {"num": _read_num, "dr": _read_dr, "dmy": _read_dmy, "yr2": _read_yr2, "dec": _read_dec,
            "ago": _read_ago, "year": _read_year, "ms": _read_ms, "rel": _read_rel, "wkend": _read_wkend,
            "wday": _read_wday, "sy": _read_sy, "ss": _read_ss, "mon": _read_mon, "rday": _read_rday,
            "cur": _read_cur, "anch": _read_anch, "hint": _read_hint}


def _preposition_before(s: str, a: int, words: tuple[str, ...]) -> bool:
    """One of `words` just before a ("в пятницу", "в минувшую пятницу": a is where the match starts)."""
    return _preposition(words).search(s, max(0, a - 6), a) is not None


@cache
def _preposition(words: tuple[str, ...]) -> re.Pattern:
    return re.compile(r"(?i:(?<![а-яё])(?:" + "|".join(words) + r"))\s+\Z")


def _governs_genitive(s: str, b: int) -> bool:
    """The word after b can be genitive but not nominative: "накануне визита", not "накануне министр"."""
    m = _WORD_AFTER.match(s.lower(), b)
    if m is None:
        return False
    cases = morph.cases(m.group(1))
    return "gent" in cases and "nomn" not in cases


# ── finding and resolving ───────────────────────────────────────────────────────────────────────

def _scan(sentence: str) -> list[tuple[list[_Part], str]]:
    """Every candidate, in order, as its parts (two parts: a range) and the word that joined them."""
    items = []
    pos = 0
    while (st := _START.search(sentence, pos)) is not None:
        m = _ATOM.match(sentence, st.start())
        if m is None:
            pos = st.start() + 1
            continue
        kind = next(k for k in _KINDS if m[k] is not None)
        parts, conj = _READERS[kind](m, sentence, m.start(), m.end())
        if parts:
            items.append((parts, conj))
            pos = m.end()
        else:  # "2000 военнослужащих", "накануне визита": a shorter form may still start inside
            pos = st.start() + 1
    return items


def _with_year_shift(p: _Part, pub: dt.date | None) -> tuple[_Part, bool]:
    """A day or month told with "прошлого/этого года" takes its year from publication."""
    if p.shift != "year":
        return p, False
    return replace(p, y=pub.year + p.n if pub else None, n=0, shift=""), True


def _value(parts: list[_Part], pub: dt.date | None, back: bool) -> tuple[str | None, str | None, bool]:
    if any(p.kind == "anch" for p in parts):
        return None, None, True  # resolved later against the text's own dates (find_anchored)
    fixed = [_with_year_shift(p, pub) for p in parts]
    shifted = any(f for _, f in fixed)
    parts = [p for p, _ in fixed]
    if shifted and pub is None:
        return None, None, True
    start, end, rel = _resolve(parts[0], pub, back) if len(parts) == 1 else _resolve_range(*parts, pub, back)
    return start, end, rel or shifted


def _needs_direction(p: _Part) -> bool:
    return p.kind != "anch" and p.shift != "year" and _needs_pub(p)


def find_times(sentence: str, published: dt.date | None) -> list[TimeValue]:
    """Every time expression of the sentence, in order, normalised (see module doc)."""
    items = _scan(sentence)
    out: list[TimeValue] = []
    prev_end, i = 0, 0
    while i < len(items):
        parts, conj = items[i]
        first = parts[0]
        hint = first.kind == "hint"
        mod = None if hint else _MOD.search(sentence, max(prev_end, first.a - 40), first.a)
        a = mod.start() if mod else first.a
        role_m = None if hint else _ROLE.search(sentence, max(prev_end, a - 14), a)
        role_word = " ".join(role_m.group(1).lower().split()) if role_m else ""
        # two single items joined by "по"/"до"/"–" (or "и" after "между") make one range
        if len(parts) == 1 and i + 1 < len(items) and len(items[i + 1][0]) == 1:
            nxt = items[i + 1][0][0]
            gap = _CONNECT.fullmatch(sentence, first.b, nxt.a)
            if gap and first.kind in _RANGE_KINDS and nxt.kind in _RANGE_KINDS and (
                    gap.group().strip() != "и" or role_word == "между"):
                parts, conj, i = [first, nxt], gap.group().strip(), i + 1
        consecutive = len(parts) == 2 and parts[0].kind == parts[1].kind == "date" and \
            parts[0].m == parts[1].m and parts[1].d == parts[0].d + 1
        if len(parts) == 2 and conj == "и" and role_word != "между" and not consecutive:
            items[i] = ([parts[1]], "")  # "12 и 20 октября": two days, not a range ("12 и 13" is one)
            parts = [parts[0]]
        else:
            i += 1
        last = parts[-1]
        role = "hint" if hint else "range" if len(parts) == 2 else _ROLES.get(role_word, "point")
        if role == "since" and (_INSTRUMENTAL.search(sentence, 0, last.b) or _SINCE_WHEN.match(sentence, last.b)):
            role = "point"  # "по сравнению с 2020 годом"; "с 2017 года, когда ...": the event's date
        rescheduled = _RESCHEDULED.search(sentence[:a]) or _RESCHEDULED_FAR.search(sentence[:a])
        if role == "end" and rescheduled:
            role = "point"  # "перенесены до сентября": the new date, not an end
        if role_m and role != "point":
            a = role_m.start()
        back = _direction(sentence, first, parts, role, mod, rescheduled, published)
        start, end, rel = _value(parts, published, back)
        if len(parts) == 1 and first.kind in ("month", "date") and first.y is None and not first.shift \
                and published is not None and (_PLANNED_FOR.search(sentence[:a]) or (
                    _CALLED_OFF.search(sentence) and not rescheduled)):
            # "планировалось провести в сентябре": a plan's month is the one nearest the report
            other, other_end, other_rel = _value(parts, published, not back)
            if other and start and _months_from(other, published) < _months_from(start, published):
                start, end, rel = other, other_end, other_rel
        if start is None:
            end = None
        if role == "since" and _precision(start) == "day":
            role = "point"  # "проходившее с 3 ноября": a day is when an event began, not a series' origin
        out.append(TimeValue(text=sentence[a:last.b], start=start, end=end, precision=_precision(start),
                             role=role, char_start=a, char_end=last.b, relative=rel))
        prev_end = last.b
    return _in_the_year_told(_without_eve_beside_a_date(out), sentence)


_BARE_MONTH = re.compile(r"(?i)^(?:\d{1,2}(?:\s*[-–]\s*\d{1,2})?\s+)?[а-яё]+$")  # "июне", "3 марта", "12-25 мая"


def _in_the_year_told(out: list[TimeValue], sentence: str) -> list[TimeValue]:
    """"Перелом наступил в 2014 году: в июне Москва сняла эмбарго, а в ноябре ...": a day or month
    told without a year after a year of the past, in a sentence about the past, is in that year."""
    year = None
    done = []
    for t in out:
        if t.role in ("point", "range") and t.precision == "year" and t.start and not t.relative:
            year = t.start
        elif year and t.relative and t.start and t.precision in ("day", "month") and \
                _BARE_MONTH.match(t.text) and t.start[:4] != year and tense(sentence, t.char_start) == "past":
            t = replace(t, start=year + t.start[4:], end=(year + t.end[4:]) if t.end else None)
        done.append(t)
    return done


def _direction(sentence, first, parts, role, mod, rescheduled, published) -> bool:
    """True to look on/before publication, False after: as in English, from the nearest verb."""
    if mod is not None and mod.group().lower().startswith("ранее"):
        return True
    if rescheduled:
        return False  # "перенесены на сентябрь": the new date is ahead
    if published is None or not any(_needs_direction(p) for p in parts):
        return True  # direction is irrelevant
    t = tense(sentence, first.a)
    if role == "since":
        return t != "future"  # "с 1 июня вступит в силу": from a coming date
    return t == "past" if role in ("end", "range") else t != "future"


def _without_eve_beside_a_date(out: list[TimeValue]) -> list[TimeValue]:
    """"накануне" stands for the day before publication only when nothing else in the sentence says when."""
    eve = [t for t in out if t.text.lower().endswith("накануне")]
    if eve and any(t.role != "hint" and t not in eve for t in out):
        return [t for t in out if t not in eve]
    return out


def find_anchored(sentence: str) -> list[Anchored]:
    """The phrases told relative to another date of the text, for the pipeline's resolve_anchored."""
    out = []
    for parts, _ in _scan(sentence):
        anch = [p for p in parts if p.kind == "anch"]
        if not anch:
            continue
        a, b = parts[0].a, parts[-1].b
        years, same_day, days = _ANCHORED[anch[-1].shift]
        out.append(Anchored(a, b, sentence[a:b], years, anch[-1].m, same_day, days))
    return out


# ── tense ───────────────────────────────────────────────────────────────────────────────────────

_WORD = re.compile(r"[А-Яа-яЁё]+")
_BOUNDARY = re.compile(r"[,;:()«»\"“”]|\s[-–—]\s")  # clause edges: the verb of a date's own clause decides
_CHAIN_GAP = re.compile(r"\s+(?:[а-яё]+\s+)?")  # "будет (также) проведено": one verb


class _Reading(NamedTuple):
    tense: str | None  # past | present | future, or None for a word that tells none
    say: bool  # a reporting verb
    be: bool  # a form of быть, which lends its tense to the participle after it
    participle: bool


@lru_cache(maxsize=100_000)
def _reading(word: str) -> _Reading:
    p = morph.parse(word.lower())[0]  # the likeliest reading
    tag, lemma, pos = p.tag, p.normal_form, p.tag.POS
    participle = pos in ("PRTS", "PRTF", "ADJS")
    if lemma in _FUTURE_LEMMAS and not (pos == "VERB" and tag.tense == "past"):
        return _Reading("future", False, False, participle)  # "запланировано", "предстоит"; not "планировалось"
    if pos == "VERB":
        return _Reading(_TENSES.get(tag.tense), lemma in _SAY_LEMMAS, lemma == "быть", False)
    if pos == "PRTS":
        return _Reading("past", False, False, True)  # "подписан": done
    if pos == "PRTF" and not word.startswith(tuple(_SHIFTS)):  # "прошедшие учения", not "следующем году"
        return _Reading(_TENSES.get(tag.tense), False, False, True)
    return _Reading(None, False, False, participle)


class _Mark(NamedTuple):
    a: int
    b: int
    kind: str
    say: bool
    be: bool


@lru_cache(maxsize=4096)  # direction and status both ask of the same sentence
def _marks(sentence: str) -> tuple[_Mark, ...]:
    lower = sentence.lower()
    marks: list[_Mark] = []
    for m in _WORD.finditer(lower):
        r = _reading(m.group())
        prev = marks[-1] if marks else None
        if prev and prev.be and r.participle and _CHAIN_GAP.fullmatch(lower, prev.b, m.start()):
            marks[-1] = prev._replace(b=m.end(), be=False)  # "были запланированы": past, as быть says
            continue
        if r.tense:
            marks.append(_Mark(m.start(), m.end(), r.tense, r.say, r.be))
    return tuple(marks)


def _clause(sentence: str, pos: int) -> tuple[int, int]:
    lo, hi = 0, len(sentence)
    for m in _BOUNDARY.finditer(sentence):
        if m.end() <= pos:
            lo = m.end()
        elif m.start() >= pos:
            hi = m.start()
            break
    return lo, hi


def _nearest(marks, pos: int) -> str | None:
    before = [k.kind for k in marks if k.b <= pos]
    after = [k.kind for k in marks if k.a >= pos]
    return before[-1] if before else after[0] if after else None


def tense(sentence: str, pos: int | None = None) -> str:
    """"future", "present" or "past" ─ of the whole sentence, or of the verb nearest `pos`.

    Nearest means: in the clause of `pos` first, then in the sentence; reporting verbs last."""
    marks = _marks(sentence)
    told = [k for k in marks if not k.say] or list(marks)
    if pos is None:  # any future verb makes the sentence future; else any present one
        kinds = {k.kind for k in told}
        return next((k for k in ("future", "present") if k in kinds), "past")
    lo, hi = _clause(sentence, pos)
    for pool in ([k for k in told if lo <= k.a and k.b <= hi], told, marks):
        kind = _nearest(pool, pos)
        if kind:
            return kind
    return "past"


def tells_past(sentence: str) -> bool:
    """True when some verb of the sentence is in the past ("прошло"); a bare caption has none."""
    return any(k.kind == "past" for k in _marks(sentence))


def is_future(sentence: str, pos: int | None = None) -> bool:
    """True when the sentence (or the verb nearest `pos`) speaks of the future."""
    return tense(sentence, pos) == "future"


# ── wire datelines ──────────────────────────────────────────────────────────────────────────────

# Agencies and outlets that sign a dateline ("/ТАСС/.", "- РИА Новости.", "(Интерфакс)", "ИА «Восток-Медиа»").
_AGENCY = (r"(?:РИА\s+Новости|ТАСС|(?i:интерфакс)(?:-[А-ЯЁа-яё]+)*|INTERFAX(?:\.RU)?|Синьхуа|ПРАЙМ|Прайм|РБК|"
           r"RT|Sputnik|БелТА|БЕЛТА|ИА\s+[«\"][^»\"\n]{1,40}[»\"]|"
           r"[«\"][А-ЯЁA-Z][^»\"\n]{1,40}[»\"](?=\.?\s*(?:$|[А-ЯЁA-Z«\"])))")  # "Владивосток, 20 декабря, «Восток-Медиа»."
_OUTLET_LINE = re.compile(r"(?i:[^.!?\n]*(?:пресс-служба|агентство|газета|телеканал|радио|daily|news|ИА\s)"
                          r"[^!?\n]{0,100})\Z")  # a whole paragraph that only names the source
_DATELINE = re.compile(
    r"\s*(?:(?P<caps>[А-ЯЁ]{2,}(?:[-\s][А-ЯЁ]{2,})*(?:-[А-ЯЁ]{2,})*)|(?P<title>[А-ЯЁ][а-яё]+(?:-[А-ЯЁа-яё][а-яё]+)*"
    r"(?:\s[А-ЯЁ][а-яё]+)?))"
    r"(?:\s*/[^/\n]{1,40}/|\s*\([^)\n]{1,40}\))?"  # region: "КУБИНКА /Московская область/"
    r"\s*[,.]\s*"
    r"(?P<date>\d{1,2}\s+(?:" + _MONTH + "|" + _MONTH_ABBR + r")(?:\s+(?:19|20)\d\d(?:\s*(?:г\.|года))?)?)?"
    r"(?P<sep>\s*[.,]?\s*)"
    r"(?P<agency>/\s*(?:Корр\.\s*)?" + _AGENCY + r"[^/\n]{0,60}/\.?|\(\s*" + _AGENCY + r"\s*\)|"
    r"[-–—]\s*" + _AGENCY + r"(?:,\s*[А-ЯЁ][^.\n]{0,60})?\.?|" + _AGENCY + r"\.?)?"
    r"(?P<tail>\s*(?:[-–—]\s*)?)")


def dateline_length(paragraph: str) -> int:
    """Characters of the wire dateline that opens the paragraph ("МОСКВА, 12 мая - РИА Новости. "), 0 if none.

    A dateline is a city (in capitals, or capitalised when an agency follows), an optional region, a
    day and month (full or abbreviated, maybe a year), then an agency's signature; a city in capitals
    with a date needs no signature ("ВЛАДИВОСТОК, 3 марта. Учения ..."). A paragraph that is only a
    dateline and its outlet ("РОСТОВ-НА-ДОНУ, 28 сентября. Пресс-служба Южного военного округа.") is
    all dateline."""
    m = _DATELINE.match(paragraph)
    if m is None or not (m["date"] or m["agency"]):
        return 0
    if m["agency"]:
        return m.end()
    if not m["date"]:
        return 0
    if _OUTLET_LINE.match(paragraph, m.end()):
        return len(paragraph)
    if m["caps"] and ("." in m["sep"] or m["tail"].strip()):  # "ВЛАДИВОСТОК, 3 марта. " / "... 3 марта - "
        return m.end()
    return 0
