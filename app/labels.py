"""Readable names and fixed colours for the contract's codes, shared by tables and figures."""
from __future__ import annotations

from preprocessing.schema import STATUSES  # noqa: F401  (re-exported for the filters)

# The contract's event types, in the order pages list them.
EVENT_TYPES = ("exercise", "arms_transfer", "visit", "agreement", "policy")

TYPE_LABELS = {
    "exercise": "Exercise",
    "arms_transfer": "Arms transfer",
    "visit": "Visit or meeting",
    "agreement": "Agreement",
    "policy": "Policy change",
}

# Short plural names for headline counts, where space is tight.
TYPE_COUNTS = {
    "exercise": "Exercises",
    "arms_transfer": "Arms transfers",
    "visit": "Visits",
    "agreement": "Agreements",
    "policy": "Policy changes",
}

# Okabe–Ito colours: distinguishable with the common colour-vision deficiencies.
TYPE_COLOURS = {
    "exercise": "#0072B2",
    "arms_transfer": "#D55E00",
    "visit": "#009E73",
    "agreement": "#CC79A7",
    "policy": "#E69F00",
}
OTHER_COLOUR = "#7F7F7F"

# Subtypes whose plain humanised form reads wrong; every other code is humanised.
SUBTYPE_LABELS = {
    "official_visit": "Official visit",
    "supply_agreement": "Supply agreement",
    "defense_cooperation": "Defence cooperation",
}

# Arms-transfer subtypes as a register's "status" column reads them.
TRANSFER_STATUS = {
    "delivery": "Delivered",
    "order": "Ordered",
    "supply_agreement": "Agreed to supply",
}


# The contract's `status` column: what the text says of the event itself (STATUSES, in this order).
STATUS_MEANINGS = {
    "reported": "the text says it happened or is happening",
    "planned": "announced or scheduled, not yet reported as held",
    "cancelled": "called off, or postponed without a new date",
}
DEFAULT_STATUS = STATUSES[0]  # "reported": what a row without a status is read as


def event_status(code) -> str:
    """The row's status code; anything but planned or cancelled (e.g. a missing value) is reported."""
    code = str(code or "").strip().lower()
    return code if code in STATUSES else DEFAULT_STATUS


def humanise(code: str) -> str:
    code = (code or "").strip()
    return code.replace("_", " ").capitalize() if code else ""


def type_label(code: str) -> str:
    return TYPE_LABELS.get(code, humanise(code) or "Unknown type")


def type_colour(code: str) -> str:
    return TYPE_COLOURS.get(code, OTHER_COLOUR)


def subtype_label(code: str) -> str:
    return SUBTYPE_LABELS.get(code, humanise(code))


def transfer_status(subtype: str) -> str:
    return TRANSFER_STATUS.get(subtype, humanise(subtype) or "Unknown")
