"""Feeds read to their entries, and a run's report (ingest.feeds, ingest.run; issue 10, items 2 and 4)."""
from __future__ import annotations

import os

import pytest

import store
from ingest import run
from ingest.feeds import MAX_ENTRIES, FeedError, parse_feed
from ingest.fetch import Fetched
from preprocessing.articles import ReadResult
from preprocessing.model import Article
from tests.http_server import ATOM, RSS

BASE = "https://news.example"


def feed(body: str | bytes, url: str = f"{BASE}/feed", content_type: str = "application/rss+xml") -> Fetched:
    data = body.encode() if isinstance(body, str) else body
    return Fetched(url, url, content_type, {"Content-Type": content_type}, data)


def test_an_rss_feed_gives_its_links_titles_and_dates():
    parsed = parse_feed(feed(RSS.format(base=BASE)))
    assert parsed.title == "Defence Digest: latest"
    assert [(e.link, str(e.published)) for e in parsed.entries] == [
        (f"{BASE}/news/india-france-shakti?utm_source=rss&utm_medium=feed", "2025-06-18"),
        (f"{BASE}/news/k2-tanks-poland", "2025-04-10"),
        (f"{BASE}/news/japan-philippines-visit", "2025-02-24")], "a relative link is resolved against the feed"
    assert parsed.entries[2].title == "Japanese defence minister visits Manila to deepen security ties"


def test_an_atom_feed_gives_its_entries():
    parsed = parse_feed(feed(ATOM.format(base=BASE), content_type="application/atom+xml"))
    assert [e.link for e in parsed.entries] == [f"{BASE}/news/brazil-france-submarines", f"{BASE}/news/k2-tanks-poland"]


@pytest.mark.parametrize("body, says", [
    ("<rss version='2.0'><channel><item><title>Unclosed <link>x</link></channel>", "mismatched tag, line "),
    ("<!DOCTYPE html><html><body><p>Our latest news</p></body></html>", "not a readable RSS or Atom feed"),
    (b"\x89PNG\r\n\x1a\n\x00\x00", "not a readable RSS or Atom feed"),
    ("", "not a readable RSS or Atom feed"),
])
def test_what_is_not_a_feed_is_one_line(body, says):
    with pytest.raises(FeedError, match=says) as caught:
        parse_feed(feed(body))
    assert "\n" not in str(caught.value)


def test_a_feed_body_that_names_a_local_file_is_not_opened(tmp_path):
    secret = tmp_path / "secret.xml"
    secret.write_text(RSS.format(base=BASE))
    with pytest.raises(FeedError):  # feedparser, given this as a string, would read the file
        parse_feed(feed(str(secret)))


def test_a_long_feed_is_read_up_to_its_first_hundred_entries():
    items = "".join(f"<item><title>Story {i}</title><link>{BASE}/news/{i}</link></item>" for i in range(105))
    parsed = parse_feed(feed(f"<rss version='2.0'><channel><title>Long</title>{items}</channel></rss>"))
    assert len(parsed.entries) == MAX_ENTRIES and parsed.more == 5 and parsed.entries[0].link == f"{BASE}/news/0"
    result = run.FeedResult("Long", f"{BASE}/feed", counts={"added": 100}, left_out=parsed.more)
    assert result.summary().endswith("; 5 older entries left for later")


# ---------------------------------------------------------------- a run's lines


def test_each_outcome_is_one_line_as_the_command_prints_it():
    assert run.Line("added", "Shakti begins", "https://a.example/1").text() == "added   Shakti begins (https://a.example/1)"
    assert run.Line("skipped", "https://a.example/1", "https://a.example/1", "same URL as a bundled article",
                    "Shakti").text() == "skipped https://a.example/1: same URL as a bundled article (“Shakti”)"
    assert run.Line("failed", "https://a.example/2", "https://a.example/2", "HTTP 404 (Not Found)").text() == \
        "failed  https://a.example/2: HTTP 404 (Not Found)"


def test_a_title_cannot_send_control_characters_to_a_terminal():
    line = run.Line("added", "Drills end\x1b[2J\x1b]0;pwned\x07 today\r\nfailed  fake", "https://a.example/1")
    assert line.text() == "added   Drills end [2J ]0;pwned today failed fake (https://a.example/1)"
    feed = run.FeedResult("Digest\x1b[31m", "https://a.example/rss", error="bad\x00 feed")
    assert feed.text() == "failed  feed Digest [31m (https://a.example/rss): bad feed"


def test_a_box_of_addresses_is_read_one_a_line():
    text = "\n  https://a.example/1  \n\n# a note to self\nwww.b.example/news/2\nnot an address\n"
    assert run.addresses(text) == ["https://a.example/1", "https://www.b.example/news/2", "not an address"]


def test_what_the_store_refuses_is_a_failure_and_a_duplicate_a_skip(tmp_path):
    engine = store.open_store(f"sqlite:///{tmp_path / 'store.sqlite'}")
    batch = run.Batch([])
    good = Article("a", "Indian and French troops began Exercise Shakti on Wednesday.", title="Shakti begins")
    batch.take(ReadResult(good), "https://a.example/1")
    batch.take(ReadResult(Article("b", "Binary\x00text", title="Broken page")), "https://a.example/2")
    batch.take(ReadResult(Article("c", good.text.upper(), title="SHAKTI BEGINS")), "https://a.example/3")
    batch.fail("https://a.example/4", "HTTP 404 (Not Found)")
    report = run.store_batch(engine, batch, "alice")
    assert [(line.outcome, line.label, line.reason) for line in report.lines] == [
        ("added", "Shakti begins", ""),
        ("failed", "Broken page", "the text holds NUL characters: it looks like a binary file"),
        ("skipped", "SHAKTI BEGINS", "same text as another article in this batch"),
        ("failed", "https://a.example/4", "HTTP 404 (Not Found)")]
    assert report.failed and report.summary() == "1 added, 1 skipped, 2 failed"
    assert [a.title for a in report.added] == ["Shakti begins"]
    engine.dispose()


def test_progress_is_told_for_each_feed_and_page(news_site, tmp_path):
    steps = []
    engine = store.open_store(os.environ["DATABASE_URL"])
    run.read_feeds(engine, [run.OneFeed(news_site.url("/feeds/defence.rss"))], "alice",
                   progress=lambda done, total, label: steps.append((done, total, label)))
    assert steps[0] == (0, 1, f"Reading the feed {news_site.url('/feeds/defence.rss')}")
    assert [s[:2] for s in steps[1:4]] == [(1, 4), (2, 4), (3, 4)]
    assert steps[3][2] == f"Fetching {news_site.url('/news/japan-philippines-visit')}"
    assert steps[-1] == (4, 4, "Storing the articles…")
    engine.dispose()


def test_an_entry_without_a_link_is_named_as_failed(news_site, monkeypatch, tmp_path):
    body = (f"<rss version='2.0'><channel><title>T</title><item><title>Drills end</title></item>"
            f"<item><title>K2</title><link>{news_site.url('/news/k2-tanks-poland')}</link></item></channel></rss>")
    monkeypatch.setitem(news_site.routes, "/feeds/partial.rss",
                        type(news_site.routes["/feeds/defence.rss"])(headers=(("Content-Type", "text/xml"),),
                                                                     body=body.encode()))
    engine = store.open_store(f"sqlite:///{tmp_path / 'store.sqlite'}")
    report = run.read_feeds(engine, [run.OneFeed(news_site.url("/feeds/partial.rss"), "Partial")], "alice")
    assert report.lines[0].text() == "failed  Drills end: the feed gives no link for it"
    assert report.feeds[0].summary() == "2 article(s): 1 new, 0 already stored or repeated, 1 failed"
    engine.dispose()
