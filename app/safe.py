"""Untrusted text (from articles, the extractor or a link) made safe for the widgets that render markdown."""
from __future__ import annotations

import re
import string

_PUNCTUATION = re.compile("([" + re.escape(string.punctuation) + "])")


def md(text: object) -> str:
    """Text shown literally by st.markdown/caption/subheader/warning: every ASCII punctuation mark
    backslash-escaped (CommonMark allows it for all of them), so `[x](url)`, `![img](...)`,
    `:red[...]`, `$math$` or `<b>` stay characters."""
    return _PUNCTUATION.sub(r"\\\1", str(text))


def url(text: str) -> str:
    """The address if it is a web link; '' for anything else (javascript:, data:, file:, ...)."""
    text = (text or "").strip()
    return text if text.lower().startswith(("http://", "https://")) else ""
