"""Time expressions in a sentence → TimeValue, in the TimeML/HeidelTime spirit.

Each value keeps its true granularity ("2014" stays a year) and relative
phrases are anchored on the publication date. Candidates are found with one
compiled regular expression and normalised straight from its named groups. The
forms are few and fixed, so this is exact and far faster than dateparser, whose
search_dates invents days and reads designations ("RD-93") as dates; dateparser
is therefore not called at all.

Direction: a phrase without a year (weekday, "June 26", bare "September")
takes the occurrence on/before publication, or on/after it when the nearest verb
is future; end dates and ranges ("till X", "from X to Y") look forward unless
that verb is past; "since" and "earlier" always look back.

Conventions:
- `text` keeps role words (since/till/until/by/from/between) and modifiers
  (early, mid-, the end of ...) but drops plain "in"/"on"/"at".
- Modifiers never change the value: "mid-2019" is the year 2019.
- A span whose unit is not day/month/year (a week, a weekend, a decade) is
  returned with its first and last day/year in start..end.
- "2019-20" is a year range when the two digits exceed the year's own last two
  (fiscal years); otherwise "2021-10" is read as a month.
"""
from __future__ import annotations

import datetime as dt
import re
from functools import lru_cache
from dataclasses import dataclass

from .model import TimeValue

__all__ = ["find_times", "is_future", "tense"]

_MONTHS = {m: i + 1 for i, m in enumerate(
    "january february march april may june july august september october november december".split())}
_MONTHS.update({m[:3]: i for m, i in list(_MONTHS.items())} | {"sept": 9})
_WEEKDAYS = "Monday Tuesday Wednesday Thursday Friday Saturday Sunday".split()
_SEASONS = {"spring": 3, "summer": 6, "autumn": 9, "fall": 9, "winter": 12}  # first month
_NUMBERS = {w: i for i, w in enumerate(
    "zero one two three four five six seven eight nine ten eleven twelve".split())} | {"a": 1, "an": 1}
# Nouns that make a preceding 19xx/20xx a count ("2000 troops"), not a year.
_COUNT_NOUNS = ("troops|soldiers|servicemen|personnel|officers|sailors|marines|men|people|"
                "jets|aircraft|planes|helicopters|tanks|ships|vessels|missiles|vehicles|units|"
                "tonnes|tons|km|kilometres|kilometers|miles|metres|meters|dollars|rupees|"
                "roubles|rubles|euros|crores?|lakhs?|million|billion|hours|days|weeks|months|years")

MONTH_NAMES = "January|February|March|April|May|June|July|August|September|October|November|December"
_WD = "|".join(_WEEKDAYS)
_STOP = (rf"(?:{MONTH_NAMES}|{_WD}|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec|In|On|At|By|Since|Until|"
         r"Till|From|To|Through|During|Of|And|Or|For|The|Before|After|Between|Early|Late|Mid|End|"
         r"Pre|Post|Circa|Around|About|Year|Fiscal|FY|Spring|Summer|Autumn|Fall|Winter|Throughout|Within|"
         r"Over|As|Last|Next|This|That|Every|Each|Also|Then|Than|Starting|Beginning|Unlike|Like|Rs|USD|INR|PKR|"
         r"RUB|EUR|No|Nos|Article|Resolution|Section|Flight|Page)\b")


def _mon(g: str) -> str:
    return rf"(?P<{g}>{MONTH_NAMES}|(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)\.?)(?![a-z])"


def _day(g: str) -> str:
    return rf"(?P<{g}>[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?(?![\w%])(?![.,:]\d)"


def _year(g: str) -> str:
    return rf"(?P<{g}>(?:19|20)\d\d)(?![\w%-])(?![.,:]\d)(?!\s*per\s*cent)"


_NB = r"(?<![\w.,$£€/:-])"  # a number starts here, not inside "RD-93", "1,000", "$1.5"
_SEP = r"(?:,\s*|\s+)"
_WDPRE = rf"(?:(?:{_WD}),?\s+(?:the\s+)?)?"
_TO = r"\s*(?P<{}>[-–—]|to|and|until|till|through)\s*"
_NOCOUNT = rf"(?!\s+(?:[a-z-]+\s+)?(?:{_COUNT_NOUNS})\b)"
_REL = r"(?<![Tt]he\s)\b(?P<{}>[Ll]ast|[Nn]ext|[Tt]his)\s+"

# One alternation; at a given position the first (most specific) form wins.
_ATOM = re.compile("|".join([
    r"(?P<iso>(?<![\w.-])(?P<iso_y>(?:19|20)\d\d)-(?P<iso_m>0[1-9]|1[0-2])-(?P<iso_d>[0-3]\d)(?![\d-]))",
    rf"(?P<dr1>{_NB}{_day('dr1_a')}{_TO.format('dr1_c')}{_day('dr1_b')}(?:\s+of)?\s+{_mon('dr1_m')}"
    rf"(?:{_SEP}{_year('dr1_y')})?)",
    rf"(?P<dr2>{_mon('dr2_m')}\s+{_day('dr2_a')}{_TO.format('dr2_c')}{_day('dr2_b')}"
    rf"(?:{_SEP}{_year('dr2_y')}|{_NOCOUNT}))",
    rf"(?P<dmy>{_WDPRE}{_NB}{_day('dmy_d')}(?:\s+of)?\s+{_mon('dmy_m')}(?:{_SEP}{_year('dmy_y')})?)",
    rf"(?P<mdy>{_WDPRE}{_mon('mdy_m')}\s+(?:the\s+)?{_day('mdy_d')}(?:{_SEP}{_year('mdy_y')}|{_NOCOUNT}))",
    rf"(?P<mrel>{_mon('mrel_m')}\s+(?:of\s+)?(?P<mrel_r>last|this|next)\s+year\b)",
    rf"(?P<my>{_mon('my_m')}{_SEP}(?:of\s+)?{_year('my_y')})",
    rf"(?P<ms>{_REL.format('ms_r')}(?P<ms_m>{MONTH_NAMES})\b)",
    rf"(?P<ss>{_REL.format('ss_r')}(?P<ss_s>spring|summer|autumn|fall|winter)\b)",
    r"(?P<sst>\b(?<=[Ii]n\s)[Tt]he\s+(?P<sst_s>spring|summer|autumn|winter)\b(?!\s+(?:of|session)\b))",
    rf"(?P<sy>(?P<sy_s>[Ss]pring|[Ss]ummer|[Aa]utumn|[Ff]all|[Ww]inter){_SEP}(?:of\s+)?{_year('sy_y')})",
    rf"(?P<mon>\b(?P<mon_m>{MONTH_NAMES})\b)",
    rf"(?P<yr2>{_NB}(?P<yr2_a>(?:19|20)\d\d)\s*[-–—/]\s*(?P<yr2_b>(?:19|20)\d\d|\d\d)(?![\w%-])(?![.,]\d))",
    r"(?P<dec>(?:[Tt]he\s+)?(?<![\w-])(?P<dec_y>(?:19|20)\d0)'?s\b)",
    rf"(?P<hint>(?<![\w-])(?!{_STOP})[A-Z][A-Za-z]+(?:-|\s){_year('hint_y')})",
    rf"(?P<qhint>(?<=[\"“'‘]){_year('qhint_y')}(?=\s+[A-Z]))",  # "2022 Maritime Security Belt"
    rf"(?P<year>(?:{_NB}|(?<=[Mm]id-)|(?<=[Ee]nd-)){_year('year_y')})",
    r"(?P<rday>\b(?i:yesterday|today|tomorrow|tonight)\b)",
    rf"(?P<rel>{_REL.format('rel_r')}(?P<rel_u>year|month|week)\b(?!\s+of\b))",
    # "by the end of the year", "later in the month": the current one
    r"(?P<cur>(?:" + "|".join(f"(?<={w} of )" for w in ("end", "close", "start", "beginning", "middle", "half",
                                                         "quarter", "turn")) +
    "|(?<=later in )|(?<=earlier in ))[Tt]he\\s+(?P<cur_u>year|month)\\b)",
    r"(?P<wkend>\b(?P<wkend_r>[Ll]ast|[Nn]ext|[Tt]his|[Tt]he)\s+weekend\b)",
    rf"(?P<ago>\b(?P<ago_n>\d{{1,3}}|(?i:{'|'.join(_NUMBERS)}))\s+(?P<ago_u>day|week|month|year|decade)s?\s+ago\b)",
    rf"(?P<wday>(?:{_REL.format('wday_r')})?(?P<wday_d>{_WD})\b)",
]))
_KINDS = ["iso", "dr1", "dr2", "dmy", "mdy", "mrel", "my", "ms", "ss", "sst", "sy", "mon", "yr2", "dec",
          "hint", "qhint", "year", "rday", "rel", "cur", "wkend", "ago", "wday"]

# Where an _ATOM alternative can start. Matching only there gives the same
# leftmost matches as scanning every position, much faster; and a sentence with
# no digit, month, weekday or relative word is rejected by this one search.
_START = re.compile(  # the lookahead lists every first character below: a quick reject
    r"\b(?=[\dA-Zltnysafwoez])(?:\d|"
    r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec|Mon|Tue|Wed|Thu|Fri|Sat|Sun)[a-z]*\b|"
    r"[A-Z][A-Za-z]+[-\s](?:19|20)\d\d|[Tt]he\s+(?:\d|weekend|spring|summer|autumn|winter|year\b|month\b)|(?:[Ll]ast|[Nn]ext|[Tt]his)\s|"
    r"[Ss]pring|[Ss]ummer|[Aa]utumn|[Ff]all|[Ww]inter|(?i:yesterday|today|tomorrow|tonight)|"
    rf"(?i:{'|'.join(_NUMBERS)})\s+(?:day|week|month|year|decade)s?\s+ago)")
_RESCHEDULED = re.compile(r"(?i:\b(?:moved|rescheduled|postponed|pushed back|deferred|put off)\s+(?:to|until|till|for)\s+)\Z")
_RESCHEDULED_FAR = re.compile(r"(?i:\b(?:moved|rescheduled|postponed|pushed back|deferred|put off)\b[^.;]{0,60}?"
                             r"\b(?:to|until|till)\s+)\Z")  # "postponed their naval drill in the Arabian Sea to March"
_PLANNED_FOR = re.compile(r"(?i:\b(?:planned|scheduled|slated|set|due)\s+(?:for|in|to\s+(?:start|begin|open|be\s+held|"
                          r"take\s+place|run|arrive)\s+(?:on|in|from))\s+)\Z")


def _months_from(iso: str, published: dt.date) -> int:
    if len(iso) == 10:  # days, for a day's nearness
        return abs((dt.date.fromisoformat(iso) - published).days)
    return abs(int(iso[:4]) * 12 + int(iso[5:7]) - (published.year * 12 + published.month)) if len(iso) >= 7 else 99


_ROLE = re.compile(r"(?i:\b(since|until|till|til|through|by|from|between)\s+)\Z")
_MOD = re.compile(
    r"(?i:\b(?:(?:earl(?:y|ier)|late(?:r)?|mid(?:dle)?)(?:-|\s+)(?:in\s+)?|end-|(?:the\s+)?(?:very\s+)?"
    r"(?:start|beginning|end|middle|close|turn|(?:first|second|third|fourth|last|final|closing|opening)"
    r"\s+(?:week|weeks|half|quarter|days|months|part|fortnight))\s+of\s+(?:the\s+)?))\Z")
_CONNECT = re.compile(r"\s*(?:[-–—]|to|until|till|through|and)\s*")
_RANGE_KINDS = {"date", "month", "year", "weekday"}
_COUNT_AFTER = re.compile(rf"\s+(?:[a-z-]+\s+)?(?:{_COUNT_NOUNS})\b")
_DATE_PREP = re.compile(r"(?i:\b(?:in|since|until|till|by|during)\s+)\Z")
_MAY_MARCH_CONTEXT = re.compile(
    r"(?i:\b(?:in|since|until|till|by|during|from|of|to|and|or|between|through|early|earlier|late|later|mid|"
    r"(?:planned|scheduled|slated|set|due|moved|postponed|rescheduled|pushed back) for)"
    r"[\s-]+)\Z")
_ROLES = {"since": "since", "until": "end", "till": "end", "til": "end", "through": "end", "by": "end"}

# Tense markers; the one nearest a time expression decides its direction. A
# marker swallows its verb chain so "will be formally inducted" is one future.
# A word in -ed is a past verb unless it is capitalised ("the Red Sea", "United States")
# or follows a determiner ("their coordinated patrol", "an advanced jet").
_CHAIN = (r"(?:\s+(?:not|never|also|be|been|being|have|having|\w+ly))*"
          r"(?:\s+(?!(?:on|in|at|by|till|until|since|from|to|for|of|the|a|an)\b)(?-i:[a-z]+))?")
_TENSE = re.compile(
    r"(?i)\b(?=\w)(?:(?P<fut>(?:will|shall|won't|would|\w+'ll|upcoming|(?:is|are|am|was|were)\s+to|"
    r"(?:(?:is|are|am|was|were)\s+(?:also\s+|now\s+|still\s+|\w+ly\s+)?)?(?:(?:going|scheduled|slated|set|expected|planning)\s+to|"
    r"(?:agreed|decided|resolved|pledged|promised)\s+to|"
    r"due\s+to\s+(?:be|begin|start|take|hold|arrive|visit|sign|end|conclude|run|continue))|"
    r"plans?\s+to|intends?\s+to)" + _CHAIN + r")|"
    r"(?P<pres>(?:is|are|am)" + _CHAIN + r")|"
    r"(?P<past>(?:was|were|had|has|have|did)" + _CHAIN + r"|began|begun|held|met|took|"
    r"came|went|left|sent|led|saw|said|told|gave|made|won|flew|brought|bought|sold|became|(?<!-)(?<!\bthe\s)(?<!\ba\s)(?<!\ban\s)(?<!\bits\s)(?<!\btheir\s)(?<!\bhis\s)(?<!\bher\s)(?<!\bour\s)"
    r"(?!(?:named|called|dubbed|titled|nicknamed|codenamed)\b)(?-i:[a-z]\w*ed)))\b")


@lru_cache(maxsize=4096)  # status and direction both ask of the same sentence
def _marks(sentence: str) -> tuple[tuple[int, int, str], ...]:
    names = {"fut": "future", "pres": "present", "past": "past"}
    return tuple((m.start(), m.end(), names[m.lastgroup]) for m in _TENSE.finditer(sentence))


def _tense_at(marks: list[tuple[int, int, str]], pos: int) -> str:
    before = [k for a, b, k in marks if b <= pos]
    after = [k for a, b, k in marks if a >= pos]
    return before[-1] if before else after[0] if after else "past"


def tense(sentence: str, pos: int | None = None) -> str:
    """"future", "present" or "past" ─ of the whole sentence, or of the verb nearest `pos`."""
    marks = _marks(sentence)
    if pos is None:  # any future verb makes the sentence future; else any present one
        kinds = {k for _, _, k in marks}
        return next((k for k in ("future", "present") if k in kinds), "past")
    return _tense_at(marks, pos)


def tells_past(sentence: str) -> bool:
    """True when some verb of the sentence is in the past ("was held"); a bare caption has none."""
    return any(k == "past" for _, _, k in _marks(sentence))


def is_future(sentence: str, pos: int | None = None) -> bool:
    """True when the sentence (or the verb nearest `pos`) speaks of the future."""
    return tense(sentence, pos) == "future"


@dataclass(frozen=True)
class _Part:
    """One date-like piece before resolution; None fields are filled from context."""
    a: int
    b: int
    kind: str  # date | month | year | decade | weekday | season | rel | hint
    y: int | None = None
    m: int | None = None
    d: int | None = None
    shift: str = ""  # last/next/this
    unit: str = ""  # rel: day/week/weekend/month/year
    n: int = 0  # rel offset, or year offset for "October last year"


def _valid(y, m, d) -> bool:
    try:
        dt.date(2000 if y is None else y, m, d)  # 2000 is leap: Feb 29 possible without a year
        return True
    except ValueError:
        return False


def _parts(k: str, g, s: str, a: int, b: int) -> tuple[list[_Part], str]:
    """Parts for a match of kind k (two parts = a range); "" or "and" for that range."""
    num = lambda name: int(g[name]) if g[name] else None  # noqa: E731
    mon = lambda name: _MONTHS[g[name].rstrip(".").lower()]  # noqa: E731
    if k == "iso":
        y, m, d = num("iso_y"), num("iso_m"), num("iso_d")
        return ([_Part(a, b, "date", y, m, d)] if _valid(y, m, d) else []), ""
    if k in ("dr1", "dr2"):
        y, m, d1, d2 = num(k + "_y"), mon(k + "_m"), num(k + "_a"), num(k + "_b")
        if not (_valid(y, m, d1) and _valid(y, m, d2) and d1 < d2):
            return [], ""
        # left piece is "12" (dr1) or "October 12" (dr2); both get the month and year
        return [_Part(a, g.end(k + "_a"), "date", y, m, d1),
                _Part(g.start(k + "_b"), b, "date", y, m, d2)], g[k + "_c"]
    if k in ("dmy", "mdy"):
        y, m, d = num(k + "_y"), mon(k + "_m"), num(k + "_d")
        return ([_Part(a, b, "date", y, m, d)] if _valid(y, m, d) else []), ""
    if k == "mrel":
        return [_Part(a, b, "month", m=mon("mrel_m"), n={"last": -1, "this": 0, "next": 1}[g["mrel_r"]])], ""
    if k == "my":
        return [_Part(a, b, "month", num("my_y"), mon("my_m"))], ""
    if k == "ms":
        return [_Part(a, b, "month", m=mon("ms_m"), shift=g["ms_r"].lower())], ""
    if k == "ss":
        return [_Part(a, b, "season", m=_SEASONS[g["ss_s"]], shift=g["ss_r"].lower())], ""
    if k == "sst":  # "in the autumn": the next one in a plan, the last one in a report
        return [_Part(a, b, "season", m=_SEASONS[g["sst_s"]], shift="")], ""
    if k == "sy":
        return [_Part(a, b, "year", num("sy_y"))], ""
    if k == "mon":
        if g["mon_m"] in ("May", "March") and not _MAY_MARCH_CONTEXT.search(s, max(0, a - 24), a):
            return [], ""  # the verbs "may"/"march" at a sentence start
        return [_Part(a, b, "month", m=mon("mon_m"))], ""
    if k == "yr2":
        y1, tail = num("yr2_a"), g["yr2_b"]
        y2 = int(tail) if len(tail) == 4 else y1 // 100 * 100 + int(tail)
        if y2 > y1:
            return [_Part(a, g.end("yr2_a"), "year", y1), _Part(g.start("yr2_b"), b, "year", y2)], ""
        if len(tail) == 2 and 1 <= int(tail) <= 12:
            return [_Part(a, b, "month", y1, int(tail))], ""
        return [], ""
    if k == "dec":
        return [_Part(a, b, "decade", num("dec_y"))], ""
    if k in ("hint", "qhint"):
        return [_Part(a, b, "hint", num(k + "_y"))], ""
    if k == "year":
        if _COUNT_AFTER.match(s, b) and not _DATE_PREP.search(s, max(0, a - 10), a):
            return [], ""  # "2000 troops"
        return [_Part(a, b, "year", num("year_y"))], ""
    if k == "rday":
        n = {"yesterday": -1, "tomorrow": 1}.get(g["rday"].lower(), 0)
        return [_Part(a, b, "rel", unit="day", n=n)], ""
    if k == "rel":
        return [_Part(a, b, "rel", unit=g["rel_u"], n={"last": -1, "this": 0, "next": 1}[g["rel_r"].lower()])], ""
    if k == "cur":
        return [_Part(a, b, "rel", unit=g["cur_u"], n=0)], ""
    if k == "wkend":
        return [_Part(a, b, "rel", unit="weekend", shift=g["wkend_r"].lower())], ""
    if k == "ago":
        n = int(g["ago_n"]) if g["ago_n"].isdigit() else _NUMBERS[g["ago_n"].lower()]
        unit = g["ago_u"]
        if unit == "week":  # "two weeks ago": a day, like "14 days ago"
            unit, n = "day", 7 * n
        elif unit == "decade":  # "a decade ago": a year, as loosely as the text says it
            unit, n = "year", 10 * n
        return [_Part(a, b, "rel", unit=unit, n=-n)], ""
    # weekday
    return [_Part(a, b, "weekday", d=_WEEKDAYS.index(g["wday_d"]), shift=(g["wday_r"] or "").lower())], ""


def _ym(y: int, m: int, k: int = 0) -> tuple[int, int]:
    n = y * 12 + m - 1 + k
    return n // 12, n % 12 + 1


def _needs_anchor(p: _Part) -> bool:
    """Parts that a range partner (rather than the publication date) can complete."""
    return (p.kind in ("date", "month") and p.y is None and not p.shift and not p.n) or (
        p.kind == "weekday" and not p.shift)


def _needs_pub(p: _Part) -> bool:
    return not (p.kind in ("year", "hint", "decade") or (p.kind in ("date", "month") and p.y is not None))


def _resolve(p: _Part, pub: dt.date | None, back: bool) -> tuple[str | None, str | None, bool]:
    """(start, end, relative) of a part; `back` = look on/before pub, else on/after."""
    if not _needs_pub(p):
        if p.kind == "decade":
            return f"{p.y:04d}", f"{p.y + 9:04d}", False
        if p.kind in ("year", "hint"):
            return f"{p.y:04d}", None, False
        return f"{p.y:04d}-{p.m:02d}" + (f"-{p.d:02d}" if p.kind == "date" else ""), None, False
    if pub is None:
        return None, None, True
    if p.kind == "date":
        y = pub.year
        if back and (p.m, p.d) > (pub.month, pub.day):
            y -= 1
        elif not back and (p.m, p.d) < (pub.month, pub.day):
            y += 1
        while not _valid(y, p.m, p.d):  # only Feb 29 fails: step to a leap year
            y += -1 if back else 1
        return f"{y:04d}-{p.m:02d}-{p.d:02d}", None, True
    if p.kind == "month":
        if p.n:  # "October last year"
            return f"{pub.year + p.n:04d}-{p.m:02d}", None, True
        strict = p.shift in ("last", "next")
        back = {"last": True, "next": False}.get(p.shift, back)
        y = pub.year
        if back and (p.m > pub.month or (strict and p.m == pub.month)):
            y -= 1
        elif not back and (p.m < pub.month or (strict and p.m == pub.month)):
            y += 1
        return f"{y:04d}-{p.m:02d}", None, True
    if p.kind == "season":
        y, m = pub.year, p.m
        if not p.shift and not back:  # "will take place in the autumn": this year's, unless it is over
            y = y if _ym(y, m, 2) >= (pub.year, pub.month) else y + 1
        elif p.shift == "this":
            y -= 1 if m == 12 and pub.month <= 2 else 0
        elif p.shift == "next":
            y = y if (y, m) > (pub.year, pub.month) else y + 1
        else:  # last: the most recent one already over
            y = y if _ym(y, m, 2) < (pub.year, pub.month) else y - 1
        return f"{y:04d}", None, True
    if p.kind == "weekday":
        back = {"last": True, "next": False}.get(p.shift, back)
        step = (pub.weekday() - p.d) % 7 if back else (p.d - pub.weekday()) % 7
        if step == 0 and p.shift in ("last", "next"):
            step = 7
        return (pub - dt.timedelta(days=step if back else -step)).isoformat(), None, True
    # rel
    if p.unit == "day":
        return (pub + dt.timedelta(days=p.n)).isoformat(), None, True
    if p.unit == "year":
        return f"{pub.year + p.n:04d}", None, True
    if p.unit == "month":
        return "%04d-%02d" % _ym(pub.year, pub.month, p.n), None, True
    if p.unit == "week":  # "last week" names no day: the month its Monday falls in
        monday = pub - dt.timedelta(days=pub.weekday() - 7 * p.n)
        return monday.isoformat()[:7], None, True
    # weekend
    back = {"last": True, "next": False}.get(p.shift, back)
    if back or pub.weekday() == 6:  # on a Sunday "this weekend" is the current one
        sat = pub - dt.timedelta(days=(pub.weekday() - 5) % 7)
    else:
        sat = pub + dt.timedelta(days=(5 - pub.weekday()) % 7)
    if p.shift == "last" and sat >= pub - dt.timedelta(days=1):
        sat -= dt.timedelta(days=7)
    elif p.shift == "next" and sat <= pub:
        sat += dt.timedelta(days=7)
    return sat.isoformat(), (sat + dt.timedelta(days=1)).isoformat(), True


def _complete(p: _Part, anchor: str, before: bool) -> str | None:
    """Fill a part that lacks a year (or is a bare weekday) from its range partner."""
    ay, am = int(anchor[:4]), int(anchor[5:7]) if len(anchor) >= 7 else None
    if p.kind == "weekday":
        if len(anchor) < 10:
            return None
        ad = dt.date.fromisoformat(anchor)
        step = (ad.weekday() - p.d) % 7 if before else (p.d - ad.weekday()) % 7
        return (ad - dt.timedelta(days=step) if before else ad + dt.timedelta(days=step)).isoformat()
    if am is None:
        return f"{ay:04d}-{p.m:02d}" + (f"-{p.d:02d}" if p.kind == "date" else "")
    key, akey = (p.m, p.d or 0), (am, int(anchor[8:10]) if len(anchor) == 10 else 0)
    y = ay - 1 if before and key > akey else ay + 1 if not before and key < akey else ay
    return f"{y:04d}-{p.m:02d}" + (f"-{p.d:02d}" if p.kind == "date" else "")


def _resolve_range(left: _Part, right: _Part, pub, back: bool) -> tuple[str | None, str | None, bool]:
    """A side without its own year ("September 27 and October 6 2021") takes it from the other."""
    if _needs_anchor(left):  # the end side decides, as an end date does
        rs, r_end, rel = _resolve(right, pub, back)
        return (_complete(left, rs, True) if rs else None), r_end or rs, rel
    start, _, rel = _resolve(left, pub, back)
    if _needs_anchor(right):
        return start, (_complete(right, start, False) if start else None), rel
    rs, r_end, r_rel = _resolve(right, pub, back)
    return start, r_end or rs, rel or r_rel


def _precision(v: str | None) -> str | None:
    return None if v is None else {4: "year", 7: "month", 10: "day"}[len(v)]


def find_times(sentence: str, published: dt.date | None) -> list[TimeValue]:
    """Every time expression of the sentence, in order, normalised (see module doc)."""
    items: list[tuple[list[_Part], str]] = []
    pos = 0
    while (st := _START.search(sentence, pos)) is not None:
        m = _ATOM.match(sentence, st.start())
        if m is None:
            pos = st.start() + 1  # "The 2019-20": the year itself may still start a match
            continue
        pos = m.end()
        kind = next(k for k in _KINDS if m[k] is not None)
        parts, conj = _parts(kind, m, sentence, m.start(), m.end())
        if parts:
            items.append((parts, conj))
    marks = None  # tense markers, read only if some value needs a direction
    out: list[TimeValue] = []
    prev_end, i = 0, 0
    while i < len(items):
        parts, conj = items[i]
        first = parts[0]
        mod = _MOD.search(sentence, max(prev_end, first.a - 40), first.a) if first.kind != "hint" else None
        a = mod.start() if mod else first.a
        role_m = _ROLE.search(sentence, max(prev_end, a - 12), a) if first.kind != "hint" else None
        role_word = role_m.group(1).lower() if role_m else ""
        # two single items joined by "to"/"-"/("between" ... "and") make one range
        if len(parts) == 1 and i + 1 < len(items) and len(items[i + 1][0]) == 1:
            nxt = items[i + 1][0][0]
            gap = _CONNECT.fullmatch(sentence, first.b, nxt.a)
            if gap and first.kind in _RANGE_KINDS and nxt.kind in _RANGE_KINDS and (
                    "and" not in gap.group() or role_word == "between"):
                parts, conj, i = [first, nxt], gap.group().strip(), i + 1
        consecutive = len(parts) == 2 and parts[0].kind == parts[1].kind == "date" and \
            parts[0].m == parts[1].m and parts[0].d is not None and parts[1].d == parts[0].d + 1
        if len(parts) == 2 and conj == "and" and role_word != "between" and not consecutive:
            items[i] = ([parts[1]], "")  # "on 12 and 20 October": two days, not a range ("7 and 8" is one)
            parts = [parts[0]]
        else:
            i += 1
        last = parts[-1]
        role = ("hint" if first.kind == "hint" else "range" if len(parts) == 2
                else _ROLES.get(role_word, "point"))
        if role == "since" and re.match(r",?\s*when\b", sentence[last.b:]):
            role = "point"  # "since 2017, when the two sides signed an agreement": the signing's date
        if role == "end" and _RESCHEDULED.search(sentence[:role_m.end()]):
            role = "point"  # "postponed until September": the new date, not an end
        if role_m and role != "point":
            a = role_m.start()
        if (mod and mod.group().lower().startswith("earlier")) or role == "since":
            back = True
        elif _RESCHEDULED.search(sentence[:a]) or _RESCHEDULED_FAR.search(sentence[:a]):
            back = False  # "has been moved to September": the new date is ahead
        elif published is None or not any(_needs_pub(p) for p in parts):
            back = True  # direction is irrelevant
        else:
            marks = _marks(sentence) if marks is None else marks
            t = _tense_at(marks, first.a)
            back = t == "past" if role in ("end", "range") else t != "future"
        start, end, rel = _resolve(first, published, back) if len(parts) == 1 else _resolve_range(
            first, last, published, back)
        if len(parts) == 1 and first.kind in ("month", "date") and first.y is None and published is not None \
                and _PLANNED_FOR.search(sentence[:a]):
            # "which had been planned for November, was called off": a plan's month is the one nearest the
            # report, ahead or behind, whatever the tense of the telling
            other, other_end, other_rel = _resolve(first, published, not back)
            if other and start and _months_from(other, published) < _months_from(start, published):
                start, end, rel = other, other_end, other_rel
        if start is None:
            end = None
        out.append(TimeValue(text=sentence[a:last.b], start=start, end=end, precision=_precision(start),
                             role=role, char_start=a, char_end=last.b, relative=rel))
        prev_end = last.b
    return _with_later(_with_year_phrase(out, sentence), sentence)


_LATER = re.compile(r"(?i)\b(?P<n>\d{1,2}|a|an|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)\s+"
                    r"(?P<unit>day|week|month|year)s?\s+(?P<dir>later|afterwards|after that|earlier|before that)\b")


def _with_later(out: list[TimeValue], sentence: str) -> list[TimeValue]:
    """"In June 2014 ..., and five months later ...": an offset from the date told just before it, at the
    precision both allow (months from a month: a month; days from a year: only the year)."""
    for m in _LATER.finditer(sentence):
        before = [t for t in out if t.char_end <= m.start() and t.start and t.role in ("point", "range")]
        if not before:
            continue
        base, n, unit = before[-1], int(m["n"]) if m["n"].isdigit() else _NUMBERS[m["n"].lower()], m["unit"].lower()
        n = -n if m["dir"].lower().startswith(("earlier", "before")) else n
        value = _offset(base.start, n, unit)
        if value:
            out.append(TimeValue(m.group(), value, None, _precision(value), "point", m.start(), m.end(), True))
    return sorted(out, key=lambda t: t.char_start)


def _offset(iso: str, n: int, unit: str) -> str | None:
    if unit in ("day", "week"):
        if len(iso) < 10:
            return iso[:7] if unit == "week" and len(iso) == 7 and abs(n) < 2 else None
        return (dt.date.fromisoformat(iso) + dt.timedelta(days=n * (7 if unit == "week" else 1))).isoformat()
    if unit == "month":
        if len(iso) < 7:
            return None
        y, mo = _ym(int(iso[:4]), int(iso[5:7]), n)
        return f"{y:04d}-{mo:02d}"
    return f"{int(iso[:4]) + n:04d}"


def _with_year_phrase(out: list[TimeValue], sentence: str) -> list[TimeValue]:
    """"From 9 to 20 October last year": the year phrase after a day or month names its year."""
    merged: list[TimeValue] = []
    for t in out:
        prev = merged[-1] if merged else None
        if (prev is not None and t.role == "point" and t.precision == "year" and t.start
                and prev.precision in ("day", "month") and prev.start
                and re.fullmatch(r"[\s,]*", sentence[prev.char_end:t.char_start])
                and re.fullmatch(r"(?i)(?:last|this|next)\s+year", t.text)):
            y = t.start
            merged[-1] = TimeValue(sentence[prev.char_start:t.char_end], y + prev.start[4:],
                                   (y + prev.end[4:]) if prev.end else None, prev.precision, prev.role,
                                   prev.char_start, t.char_end, True)
            continue
        merged.append(t)
    return merged
