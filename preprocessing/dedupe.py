"""Keys that recognise one article added twice: by its address, or by its text. Pure functions.

The keys are for comparison only, never for fetching: `http://www.Dawn.com/news/1/?utm_source=x#top`
and `https://dawn.com/news/1` are one article, so they get one key.
"""
from __future__ import annotations

import hashlib
import re
import unicodedata
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

# Parameters that say how a reader arrived, not which article it is.
TRACKING_PARAMS = frozenset({"fbclid", "gclid", "dclid", "msclkid", "yclid", "igshid", "mc_cid", "mc_eid"})
TRACKING_PREFIXES = ("utm_",)
_BARE_HOST = re.compile(r"^[\w-]+(?:\.[\w-]+)+(?::\d+)?(?:[/?#]|$)")  # "www.dawn.com/news/1"


def _tracking(key: str) -> bool:
    key = key.lower()
    return key in TRACKING_PARAMS or key.startswith(TRACKING_PREFIXES)


def normalise_url(url: str | None) -> str:
    """One key per article address; '' when there is no web address to compare.

    Case of scheme and host, `www.`, default ports, a trailing slash, the
    fragment, tracking parameters and the order of the other parameters do not
    make a different article; http and https do not either.
    """
    text = (url or "").strip()
    if not text:
        return ""
    if "://" not in text:
        if not _BARE_HOST.match(text):
            return ""  # mailto:, javascript:, a sentence ...
        text = "https://" + text  # an address pasted without its scheme
    try:
        parts = urlsplit(text)
        port = parts.port
    except ValueError:  # a malformed port or IPv6 host
        return ""
    if parts.scheme.lower() not in ("http", "https") or not parts.hostname:
        return ""
    host = parts.hostname.rstrip(".")  # .hostname is already lower case
    host = host.removeprefix("www.")
    if port and port not in (80, 443):
        host = f"{host}:{port}"
    path = re.sub(r"/{2,}", "/", parts.path).rstrip("/")
    query = sorted((k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True) if not _tracking(k))
    return urlunsplit(("https", host, path, urlencode(query), ""))


_WORD = re.compile(r"\S+")


def text_fingerprint(text: str) -> str:
    """sha256 (hex) of the article body with case, Unicode compatibility forms (no-break spaces,
    ligatures) and runs of white space ignored: the same text pasted or uploaded twice."""
    folded = unicodedata.normalize("NFKC", text or "").casefold()
    # word by word into the hash (what " ".join(folded.split()) would give): a list of every word of a
    # 5 MB article costs ten times its size
    digest, sep = hashlib.sha256(), b""
    for word in _WORD.finditer(folded):
        digest.update(sep + word.group().encode("utf-8"))
        sep = b" "
    return digest.hexdigest()
