"""Text as it enters the project: one Unicode form, no invisible characters. A pure function.

Every reader (files, uploads, pastes) passes titles, sources, URLs and article text through
`clean_text`, so that the duplicate checks, the store and the pages all see the same text.
"""
from __future__ import annotations

import re
import unicodedata

# Invisible characters that change no word a reader sees but make two copies of one article
# differ (a duplicate slips past its check) or reorder what is displayed (a right-to-left
# override shows "evil\u202egnp.md" as "evildm.png"). All are Unicode format
# characters (category Cf); the script-specific ones (Arabic number signs and the like) stay.
INVISIBLE = (
    "\u00ad"  # soft hyphen: shown only at a line break, it splits a word for matching
    "\u061c"  # Arabic letter mark (bidirectional)
    "\u180e"  # Mongolian vowel separator (was a zero-width space)
    "\u200b-\u200f"  # zero-width space, non-joiner, joiner; left-to-right and right-to-left marks
    "\u202a-\u202e"  # bidirectional embeddings and overrides
    "\u2060-\u2064"  # word joiner and invisible operators
    "\u2066-\u206f"  # bidirectional isolates and deprecated format characters
    "\ufeff"  # byte-order mark / zero-width no-break space, wherever it is in the text
    "\ufff9-\ufffb"  # interlinear annotation marks
    "\U000e0000-\U000e007f"  # tag characters: invisible ASCII look-alikes that smuggle text
)
_INVISIBLE = re.compile(f"[{INVISIBLE}]")


def clean_text(value: object) -> str:
    """`value` as text in NFC without invisible format characters ('' for None). Idempotent;
    white space and line breaks are kept as they are (offsets are taken after this)."""
    text = value if isinstance(value, str) else "" if value is None else str(value)
    # Removed before composing: a zero-width character between a letter and its accent
    # would otherwise keep them apart.
    return unicodedata.normalize("NFC", _INVISIBLE.sub("", text))
