"""Plain data types that flow through the pipeline: article → sentence → mention → event."""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date


@dataclass(frozen=True)
class Article:
    doc_id: str  # file name (stable, used in `sources` when there is no title)
    text: str
    title: str = ""
    source: str = ""
    url: str = ""
    published: date | None = None
    path: str = ""
    language: str = ""  # "en", "ru": declared or detected when read; "" is detected when extracted
    metadata: dict = field(default_factory=dict, compare=False, hash=False)

    @property
    def label(self) -> str:
        """How the article is named in the `sources` column."""
        return self.title or self.doc_id


@dataclass(frozen=True)
class Sentence:
    doc_id: str
    index: int
    text: str
    start: int  # character offsets in Article.text
    end: int


@dataclass(frozen=True)
class Mention:
    """A lexicon or pattern match inside one sentence."""

    kind: str  # country, series, equipment, organization, title, trigger, person, quantity ...
    canonical: str
    text: str
    start: int  # offsets within Sentence.text
    end: int
    attrs: tuple[tuple[str, object], ...] = ()

    def flag_in(self, flags) -> bool:
        return self.attr("flag") in flags

    def attr(self, key: str, default=None):
        for k, v in self.attrs:
            if k == key:
                return v
        return default


@dataclass(frozen=True)
class TimeValue:
    """A time expression normalised at its true precision.

    start/end are ISO strings cut to precision ("2020-11-08", "2019-10", "2017");
    None when the phrase cannot be resolved (e.g. a relative phrase with no
    publication date). `role` says how the phrase relates to an event:
    "point" (on/in X), "end" (till X), "range" (between X and Y / X to Y),
    "since" (the start of a series or state), "hint" (a year inside a name).
    """

    text: str
    start: str | None
    end: str | None
    precision: str | None  # "day" | "month" | "year" of start
    role: str = "point"
    char_start: int = 0  # offsets within the sentence text
    char_end: int = 0
    relative: bool = False  # resolved against the publication date


@dataclass(kw_only=True)
class EventDetails:
    """What is said about an event: by one sentence (a Frame) or, gathered, by a text (an Event)."""

    name: str = ""
    series: str = ""
    edition: int | None = None
    countries: list[str] = field(default_factory=list)
    actor1: str = ""  # supplier, visitor, imposer
    actor2: str = ""  # recipient, host, target
    people: list[str] = field(default_factory=list)
    organizations: list[str] = field(default_factory=list)
    location: str = ""
    quantity: int | None = None
    quantity_unit: str = ""
    equipment: list[str] = field(default_factory=list)
    attributed_to: str = ""
    local_pair: list[str] = field(default_factory=list)  # the last two countries named where it was told
    absent: list[str] = field(default_factory=list)  # countries the text says pulled out ("India pulled out of")
