"""Duplicate keys: one article added twice gets one URL key or one text fingerprint."""
from __future__ import annotations

import pytest

from preprocessing.dedupe import normalise_url, text_fingerprint

KEY = "https://dawn.com/news/1678123/jets-arrive"


@pytest.mark.parametrize("url", [
    "https://dawn.com/news/1678123/jets-arrive",
    "HTTPS://WWW.Dawn.COM/news/1678123/jets-arrive/",
    "http://www.dawn.com/news/1678123/jets-arrive",
    "https://dawn.com:443/news/1678123/jets-arrive#comments",
    "https://dawn.com/news/1678123/jets-arrive?utm_source=twitter&utm_medium=social&UTM_Campaign=x",
    "https://dawn.com/news/1678123/jets-arrive?fbclid=IwAR0abc&gclid=xyz",
    "  www.dawn.com/news/1678123/jets-arrive  ",
    "https://dawn.com./news//1678123/jets-arrive",
])
def test_one_article_one_key(url):
    assert normalise_url(url) == KEY


def test_what_names_another_article_is_kept():
    assert normalise_url("https://dawn.com/news/1678124/jets-arrive") != KEY
    assert normalise_url("https://dawn.com/News/1678123/Jets-Arrive") != KEY  # paths are case-sensitive
    assert normalise_url("https://dawn.com:8080/x") == "https://dawn.com:8080/x"
    assert normalise_url("https://tass.com/story?id=7&utm_source=x") == "https://tass.com/story?id=7"
    # parameter order does not make another page
    assert normalise_url("https://x.org/a?b=2&a=1") == normalise_url("https://x.org/a?a=1&b=2")
    assert normalise_url("https://dawn.com/") == normalise_url("https://dawn.com") == "https://dawn.com"


@pytest.mark.parametrize("url", ["", None, "   ", "not a url", "javascript:alert(1)", "mailto:a@b.org",
                                 "file:///etc/passwd", "ftp://x.org/a", "http://[::1", "https://"])
def test_no_web_address_no_key(url):
    assert normalise_url(url) == ""


def test_text_fingerprint_ignores_case_and_white_space_only():
    a = "The first batch of J-10C jets arrived in Pakistan on Friday.\n\nThe aircraft landed at Kamra."
    b = "  the FIRST batch of J-10C jets\u00a0arrived in Pakistan on Friday. The aircraft landed at Kamra.\r\n"
    assert text_fingerprint(a) == text_fingerprint(b)
    assert len(text_fingerprint(a)) == 64 and int(text_fingerprint(a), 16) >= 0
    assert text_fingerprint(a) != text_fingerprint(a.replace("Friday", "Saturday"))
    assert text_fingerprint(a) != text_fingerprint(a.replace(".", ""))  # punctuation is text
