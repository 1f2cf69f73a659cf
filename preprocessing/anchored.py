"""Dates told relative to another date in the text, not to the publication date:
"the same year", "the following year", "That November", "in March the previous year".

They are found here and resolved by the pipeline against the last year the article named,
so "signed in 2014 ... the same year" is 2014 whatever the article's date.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

_MONTHS = ("January February March April May June July August September October November December").split()
_MONTH = "|".join(_MONTHS)
_SHIFT = {"same": 0, "that": 0, "following": 1, "next": 1, "subsequent": 1, "previous": -1, "preceding": -1,
          "prior": -1}
_PATTERN = re.compile(
    rf"(?:(?P<month>{_MONTH})\s+(?:of\s+)?)?"
    r"(?:(?:the\s+(?P<rel>same|following|next|subsequent|previous|preceding|prior))|(?P<that>that))\s+year\b"
    rf"|(?P<later>a\s+year\s+(?:later|earlier))"
    rf"|\b[Tt]hat\s+(?P<that_month>{_MONTH})\b"
    r"|(?P<day>\b(?:[Ee]arlier|[Ll]ater)\s+(?:in\s+the|that|on\s+the\s+same)\s+day\b|\b(?:[Oo]n\s+)?the\s+same\s+day\b"
    r"|\b(?:[Ll]ater\s+)?(?:that|[Ii]n\s+the)\s+(?:evening|morning|afternoon)\b|\b[Ll]ater\s+that\s+night\b)"
    # "A day earlier", "the following day", "two days later": a day counted from the day told before
    r"|(?P<days>\b(?:[Aa]|[Oo]ne|[Tt]wo|[Tt]hree)\s+days?\s+(?:earlier|later|before|after)\b"
    r"|\b[Tt]he\s+(?:previous|next|following)\s+day\b|\b[Tt]he\s+day\s+(?:before|after)\b)")
_COUNT = {"a": 1, "one": 1, "two": 2, "three": 3}


@dataclass(frozen=True)
class Anchored:
    start: int
    end: int
    text: str
    shift: int  # years from the anchor
    month: int | None  # 1-12, or None for a whole year
    same_day: bool = False  # "earlier in the day", "in the evening": the day of the date told before
    days: int = 0  # with same_day: "a day earlier" is -1, "the following day" +1


def find_anchored(sentence: str) -> list[Anchored]:
    if "year" not in sentence and "hat " not in sentence and "day" not in sentence and "ing" not in sentence \
            and "days" not in sentence:
        return []  # the quick reject: most sentences have none of these
    out = []
    for m in _PATTERN.finditer(sentence):
        if m["day"]:
            out.append(Anchored(m.start(), m.end(), m.group(), 0, None, True))
            continue
        if m["days"]:
            words = m["days"].lower().split()
            n = _COUNT.get(words[0], 1)
            back = words[-1] in ("earlier", "before") or "previous" in words
            out.append(Anchored(m.start(), m.end(), m.group(), 0, None, True, -n if back else n))
            continue
        if m["later"]:
            shift, month = (1 if m["later"].endswith("later") else -1), None
        elif m["that_month"]:
            shift, month = 0, _MONTHS.index(m["that_month"]) + 1
        else:
            shift = _SHIFT[m["rel"]] if m["rel"] else 0
            month = _MONTHS.index(m["month"]) + 1 if m["month"] else None
        out.append(Anchored(m.start(), m.end(), m.group(), shift, month))
    return out
