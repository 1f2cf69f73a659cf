"""Fetching a page by its address (issue 10, item 1): within time and size limits, redirects checked hop by
hop, nothing but public http(s) addresses, every failure one line. All against tests/http_server.py."""
from __future__ import annotations

import socket
import time

import pytest

from ingest.fetch import FEED, PAGE, FetchError, Limits, fetch
from ingest.web import article_from_page
from preprocessing.articles import ArticleError

FAST = Limits(timeout=0.5, deadline=2.0, allow_private=True)
PUBLIC = "93.184.215.14"  # an address on the public internet (never connected to by these tests)


def fetched(site, path: str, limits: Limits = FAST):
    return fetch(site.url(path), PAGE, limits)


def read(page):
    return article_from_page(page).article


def failure(site, path: str, limits: Limits = FAST, kind=PAGE) -> str:
    with pytest.raises(FetchError) as caught:
        fetch(site.url(path), kind, limits)
    message = str(caught.value)
    assert "\n" not in message and "Traceback" not in message
    return message


def test_a_news_page_is_read_to_its_article_and_metadata(news_site):
    article = read(fetched(news_site, "/news/india-france-shakti"))
    assert article.title == "Indian and French troops begin Exercise Shakti in Meghalaya"
    assert article.source == "Deccan Defence Review" and str(article.published) == "2025-06-18"
    assert article.url == news_site.url("/news/india-france-shakti")
    assert article.text.startswith("UMROI: Indian and French troops began the eighth edition")
    for chrome in ("Share on X", "Read more", "Most read", "All rights reserved", "Subscribe", "dataLayer"):
        assert chrome not in article.text
    assert news_site.agents[-1].startswith("DefenceTiesDashboard/1.0 ("), "a descriptive User-Agent"


def test_redirects_are_followed_and_the_canonical_address_is_kept(news_site):
    page = fetched(news_site, "/old/shakti")  # 301, then 302 to the article with a tracking parameter
    assert page.url == news_site.url("/news/india-france-shakti?utm_source=newsletter")
    assert news_site.hits["/old/shakti"] == news_site.hits["/r/shakti"] == 1
    assert read(page).url == news_site.url("/news/india-france-shakti"), "the page's canonical link"


def test_a_page_without_a_canonical_link_is_kept_under_its_address_after_redirects(news_site):
    page = fetched(news_site, "/moved/greek-frigate")
    assert read(page).url == news_site.url("/news/no-canonical")


def test_five_redirects_are_followed_and_a_sixth_is_not(news_site):
    assert read(fetched(news_site, "/chain/5")).title.startswith("South Korea delivers")
    assert failure(news_site, "/chain/6") == "redirected more than 5 times; gave up"
    assert news_site.hits["/chain/0"] == 1, "the page after six redirects was never asked for"


@pytest.mark.parametrize("path, says", [
    ("/loop/a", "the server redirects in a loop"),
    ("/to-file", "only http:// and https:// addresses are fetched, not file:"),
    ("/to-ftp", "only http:// and https:// addresses are fetched, not ftp:"),
    ("/report.pdf", "not a web page (the server sent application/pdf)"),
    ("/missing-page", "HTTP 404 (Not Found)"),
])
def test_a_page_that_cannot_be_had_is_one_line(news_site, path, says):
    assert failure(news_site, path) == says


def test_a_slow_server_times_out(news_site):
    start = time.monotonic()
    assert failure(news_site, "/slow", Limits(timeout=0.3, deadline=5, allow_private=True)) == "timed out after 0.3 s"
    assert time.monotonic() - start < 2


def test_a_server_that_trickles_is_cut_off_at_the_deadline(news_site):
    start = time.monotonic()
    says = failure(news_site, "/drip", Limits(timeout=0.5, deadline=1.0, allow_private=True))
    assert says == "took longer than 1 s in all; gave up"
    assert time.monotonic() - start < 2, "each byte came within the timeout; the deadline stopped it"


def test_an_oversized_page_is_refused_by_its_length_before_reading(news_site):
    assert failure(news_site, "/huge") == "too large: more than 5 MB (6.0 MB), more than an article can be"


def test_an_oversized_page_without_a_length_is_refused_while_reading(news_site):
    assert failure(news_site, "/huge-no-length") == "too large: more than 5 MB, more than an article can be"
    small = Limits(timeout=0.5, deadline=2, allow_private=True, max_bytes=1000)
    assert failure(news_site, "/news/k2-tanks-poland", small).startswith("too large: more than ")


def test_a_front_page_has_no_article(news_site):
    with pytest.raises(ArticleError, match="no article text found in the page"):
        read(fetched(news_site, "/"))


def test_a_feed_address_wants_a_feed_and_a_page_address_a_page(news_site):
    assert failure(news_site, "/news/k2-tanks-poland", kind=FEED) == \
        "a web page, not an RSS or Atom feed (give the feed's own address)"
    assert failure(news_site, "/feeds/defence.rss") == "not a web page (the server sent application/rss+xml)"


def test_nothing_is_fetched_through_a_proxy_from_the_environment(news_site, monkeypatch):
    for name in ("HTTP_PROXY", "http_proxy", "HTTPS_PROXY", "ALL_PROXY"):
        monkeypatch.setenv(name, "http://127.0.0.1:9")  # nothing listens there
    monkeypatch.delenv("NO_PROXY", raising=False)
    monkeypatch.delenv("no_proxy", raising=False)
    assert fetched(news_site, "/news/k2-tanks-poland").body


# ---------------------------------------------------------------- private addresses


@pytest.mark.parametrize("url, named", [
    ("http://127.0.0.1/", "127.0.0.1"),
    ("http://10.0.0.1/admin", "10.0.0.1"),
    ("http://[::1]:8080/", "::1"),
    ("http://169.254.169.254/latest/meta-data/", "169.254.169.254"),
    ("http://[::ffff:127.0.0.1]/", "::ffff:127.0.0.1"),
    ("http://2130706433/", "2130706433 (127.0.0.1)"),  # 127.0.0.1 written as one number
    ("http://0.0.0.0:8501/", "0.0.0.0"),
    ("http://224.0.0.1/", "224.0.0.1"),
])
def test_private_and_local_addresses_are_refused(monkeypatch, url, named):
    monkeypatch.delenv("FETCH_ALLOW_PRIVATE", raising=False)
    with pytest.raises(FetchError) as caught:
        fetch(url)
    assert str(caught.value) == f"refused: {named} is a private or local address, which the dashboard never fetches"


def _resolving(monkeypatch, answers: dict[str, list[str]]):
    """getaddrinfo answering `answers[host]` in turn (the last one for ever after; none: not found)."""
    real = socket.getaddrinfo

    def fake(host, port, *args, **kwargs):
        if host not in answers:
            return real(host, port, *args, **kwargs)
        if not answers[host]:
            raise socket.gaierror(socket.EAI_NONAME, "Name or service not known")
        address = answers[host].pop(0) if len(answers[host]) > 1 else answers[host][0]
        return [(socket.AF_INET, socket.SOCK_STREAM, 6, "", (address, port))]

    monkeypatch.setattr(socket, "getaddrinfo", fake)


def test_a_host_name_that_resolves_to_a_local_address_is_refused_unless_allowed(_web_server, monkeypatch):
    _resolving(monkeypatch, {"news.example": ["127.0.0.1"]})
    url = f"http://news.example:{_web_server.httpd.server_address[1]}/news/k2-tanks-poland"
    monkeypatch.delenv("FETCH_ALLOW_PRIVATE", raising=False)
    with pytest.raises(FetchError, match=r"refused: news\.example \(127\.0\.0\.1\) is a private or local address"):
        fetch(url)
    monkeypatch.setenv("FETCH_ALLOW_PRIVATE", "1")
    assert read(fetch(url)).title.startswith("South Korea delivers")


def test_a_name_that_resolves_public_then_local_is_refused_when_connecting(_web_server, monkeypatch):
    # DNS rebinding: the check sees a public address, the connection would reach the local one
    monkeypatch.delenv("FETCH_ALLOW_PRIVATE", raising=False)
    _resolving(monkeypatch, {"rebind.example": [PUBLIC, "127.0.0.1"]})
    _web_server.hits.clear()
    url = f"http://rebind.example:{_web_server.httpd.server_address[1]}/news/k2-tanks-poland"
    with pytest.raises(FetchError, match=r"refused: rebind\.example \(127\.0\.0\.1\) is a private or local address"):
        fetch(url, PAGE, Limits(timeout=1, deadline=2))
    assert _web_server.hits["/news/k2-tanks-poland"] == 0, "no request reached the local server"


def test_a_redirect_to_a_private_address_is_refused(_web_server, monkeypatch):
    monkeypatch.delenv("FETCH_ALLOW_PRIVATE", raising=False)
    # the test server stands in for a public one: every address but the redirect's target counts as public
    monkeypatch.setattr("ingest.fetch.public", lambda address: address != "10.0.0.1")
    url = _web_server.url("/to-private")
    with pytest.raises(FetchError, match=r"refused: 10\.0\.0\.1 is a private or local address"):
        fetch(url, PAGE, Limits(timeout=1, deadline=2))


@pytest.mark.parametrize("url, says", [
    ("www.example.com/news/1", "not a web address (it should start with https://)"),
    ("javascript:alert(1)", "only http:// and https:// addresses are fetched, not javascript:"),
    ("https://editor:secret@news.example/a", "an address with a user name or password is not fetched"),
    ("http://[::1/", "not a valid web address"),
    ("http://no-such-host.invalid/a", "the host no-such-host.invalid was not found"),
])
def test_an_address_that_is_not_one_to_fetch_is_one_line(monkeypatch, url, says):
    monkeypatch.delenv("FETCH_ALLOW_PRIVATE", raising=False)
    _resolving(monkeypatch, {"no-such-host.invalid": []})
    with pytest.raises(FetchError) as caught:
        fetch(url, PAGE, Limits(timeout=1, deadline=2))
    assert str(caught.value) == says
