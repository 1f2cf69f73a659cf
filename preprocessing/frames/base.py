"""What one sentence says about one event: the Frame, and how far its date can be trusted."""
from __future__ import annotations

from dataclasses import dataclass

from ..mentions import SentenceMentions
from ..model import EventDetails, Mention, TimeValue

# How much a sentence's date can be trusted as the event's date, highest first.
PRIORITY_START, PRIORITY_PLAIN, PRIORITY_ARRIVAL, PRIORITY_ANAPHOR = 3, 2, 1, 0


@dataclass
class Frame(EventDetails):
    event_type: str
    subtype: str
    sm: SentenceMentions
    trigger: Mention | None = None
    year_hint: int | None = None
    time: TimeValue | None = None
    end: TimeValue | None = None
    priority: int = PRIORITY_PLAIN
    anaphoric: bool = False  # refers back to an event already told ("the exercise")
    definite: bool = False  # "the drill, dubbed X": names an event already told
    sibling: bool = False  # "the previous patrol": another edition of the article's exercise
    participants: bool = False  # "в учении примут участие контингенты X, Y и Z": its countries take part
    troops_only: bool = False  # "A contingent of 250 personnel ...": belongs to the article's exercise
    needs_equipment: bool = False  # "ordered 25 of the jets": the equipment was named before
    context_equipment: str = ""  # the equipment the article named last before this sentence
    anaphor_category: str = ""  # what "the jets" are: a category from equipment.toml, or a plain noun
    status: str = "reported"  # reported, planned or cancelled (context.status_of)
    needs_pair: bool = False
    pronoun_subject: bool = False  # "It ordered VT-4 tanks": the country the sentence before was about  # "the two countries": the article's main pair takes part
    # series statements ("held annually since 2016")
    since: TimeValue | None = None
    period: int | None = None


def uniq(items):
    return list(dict.fromkeys(x for x in items if x))
