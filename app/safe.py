"""Untrusted text (from articles, the extractor or a link) made safe for the widgets that render markdown."""
from __future__ import annotations

import re
import string

_PUNCTUATION = re.compile("([" + re.escape(string.punctuation) + "])")
_AUTOLINK = re.compile(r"(?i)(https?(?=:)|www(?=\.)|@)")


def md(text: object) -> str:
    """Text shown literally by st.markdown/caption/subheader/warning: every ASCII punctuation mark
    backslash-escaped (CommonMark allows it for all of them), so `[x](url)`, `![img](...)`,
    `:red[...]`, `$math$` or `<b>` stay characters; and no address becomes a link (Streamlit's markdown
    links http://..., www.... and e-mail addresses even when escaped: an invisible word joiner after
    "http", "www" or "@" keeps them text)."""
    return _PUNCTUATION.sub(r"\\\1", _AUTOLINK.sub("\\1\u2060", str(text)))


def url(text: str) -> str:
    """The address if it is a web link; '' for anything else (javascript:, data:, file:, ...)."""
    text = (text or "").strip()
    return text if text.lower().startswith(("http://", "https://")) else ""
