"""app.safe: untrusted text stays text in markdown widgets; only web links become links."""
from __future__ import annotations

import pytest

from app import safe


@pytest.mark.parametrize("raw, escaped", [
    ("[click](javascript:alert(1))", r"\[click\]\(javascript\:alert\(1\)\)"),
    ("![x](http://t.example/p.png)", "\\!\\[x\\]\\(http\u2060\\:\\/\\/t\\.example\\/p\\.png\\)"),
    (":red[alarm]", r"\:red\[alarm\]"),
    ("$x^2$ <b>", r"\$x\^2\$ \<b\>"),
    ("**a** _b_ `c` # d \\", r"\*\*a\*\* \_b\_ \`c\` \# d \\"),
])
def test_markdown_syntax_is_escaped(raw, escaped):
    # CommonMark lets a backslash escape any ASCII punctuation, so none of it acts as markup.
    assert safe.md(raw) == escaped


def test_addresses_never_become_links():
    # Streamlit's markdown links bare addresses even when escaped; a word joiner after the scheme, "www"
    # or "@" breaks that, and is invisible
    assert safe.md("http://evil.example") == "http\u2060\\:\\/\\/evil\\.example"
    assert "www\u2060" in safe.md("www.evil.example") and "@\u2060" in safe.md("ops@evil.example")
    assert safe.md("HTTPS://x.org").startswith("HTTPS\u2060")


def test_plain_words_are_unchanged():
    assert safe.md("Pakistan Russia 2020") == "Pakistan Russia 2020"
    assert safe.md("Druzhba-5 (Friendship)") == r"Druzhba\-5 \(Friendship\)"


def test_only_web_links_are_offered():
    assert safe.url("https://example.org/a") == "https://example.org/a"
    assert safe.url(" http://example.org ") == "http://example.org"
    for bad in ("javascript:alert(1)", "JavaScript:alert(1)", "data:text/html,x", "file:///etc/passwd", ""):
        assert safe.url(bad) == ""
