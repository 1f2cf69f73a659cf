"""The Add-articles page's web addresses and news feeds (issue 10, items 1, 2 and 5), under AppTest, against
the local news server (tests/http_server.py) and a real store (SQLite, and PostgreSQL when it is set up)."""
from __future__ import annotations

import os

import store
from tests.test_pages import (_router_runs_every_page, any_store, overview, run_app, seed_only,  # noqa: F401
                              sqlite_store, table, texts)

SHAKTI = "Indian and French troops begin Exercise Shakti in Meghalaya"
K2 = "South Korea delivers first K2 tanks of second contract to Poland"


def add_page(at=None):
    at = at or run_app()
    at.switch_page("pages/add_articles.py").run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def fetch_addresses(at, *urls: str):
    at = add_page(at)
    at.text_area(key="web_urls").input("\n".join(urls))
    next(b for b in at.button if b.label == "Fetch and add").click().run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def save_feed(at, name: str, url: str):
    at.text_input(key="feed_name").input(name)
    at.text_input(key="feed_url").input(url)
    next(b for b in at.button if b.label == "Save the feed").click().run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def feeds_shown(at) -> list[dict]:
    found = [d.value for d in at.dataframe if list(d.value.columns) == ["Name", "Address", "Last read", "Last result"]]
    return found[0].to_dict("records") if found else []


def test_web_addresses_are_fetched_added_and_reported_like_uploads(any_store, news_site):  # noqa: F811
    missing = news_site.url("/news/withdrawn-story")
    at = fetch_addresses(None, news_site.url("/old/shakti"), missing)
    assert "Added 1 article(s)" in texts(at.success)
    report = table(at, "report")
    assert list(report["Event"]) and set(report["Merged into"]) == {"new event"}
    assert any(SHAKTI in m.value for m in at.markdown), "the article is named by the page's title"
    error = texts(at.error)
    assert "1 address(es) could not be fetched or read" in error and "HTTP 404 (Not Found)" in error
    assert missing.replace("http://", "") in error
    assert at.text_area(key="web_urls").value == missing, "the box keeps only what failed, to try again"
    assert SHAKTI in set(overview(at)["Sources"].str.split(", ").explode())

    engine = store.connect(any_store)
    try:
        (stored,) = store.list_articles(engine)
        assert stored.url == news_site.url("/news/india-france-shakti"), "under the page's canonical address"
        assert stored.metadata["added_by"] == "local" and stored.source == "Deccan Defence Review"
    finally:
        engine.dispose()

    news_site.hits.clear()
    at = fetch_addresses(at, news_site.url("/news/india-france-shakti?utm_source=x"))
    warning = texts(at.warning)
    assert "1 not added" in warning and "same URL as an article added by local" in warning and SHAKTI in warning
    assert news_site.hits["/news/india-france-shakti"] == 0, "an address already stored is not fetched again"


def test_an_empty_box_asks_for_addresses(sqlite_store):  # noqa: F811
    at = add_page()
    next(b for b in at.button if b.label == "Fetch and add").click().run()
    assert "Give one or more web addresses first." in texts(at.warning)


def test_feeds_are_saved_listed_fetched_and_deleted(sqlite_store, news_site):  # noqa: F811
    at = add_page()
    assert "No feed is saved yet." in texts(at.info)
    at = save_feed(at, "Defence Digest", news_site.url("/feeds/defence.rss"))
    at = save_feed(at, "Broken feed", news_site.url("/feeds/broken.rss"))
    assert [(f["Name"], f["Last read"]) for f in feeds_shown(at)] == [("Broken feed", "never"),
                                                                      ("Defence Digest", "never")]
    assert at.text_input(key="feed_name").value == "", "a saved feed empties the form"
    at = save_feed(at, "Again", news_site.url("/feeds/defence.rss?utm_medium=x"))
    assert "Not saved: this feed is already saved, as “Defence Digest”" in texts(at.error)
    assert at.text_input(key="feed_name").value == "Again", "a refused feed stays in the form"

    at.button(key="fetch_feeds").click().run()
    assert not at.exception, [e.value for e in at.exception]
    assert "Added 3 article(s)" in texts(at.success)
    feeds = texts(at.error)
    assert "**Defence Digest**: 3 article(s): 3 new, 0 already stored or repeated, 0 failed" in feeds
    assert "**Broken feed**: failed: not a readable RSS or Atom feed (mismatched tag, line 4)" in feeds
    shown = {f["Name"]: f for f in feeds_shown(add_page(at))}
    assert shown["Defence Digest"]["Last read"] != "never"
    assert shown["Defence Digest"]["Last result"] == "3 article(s): 3 new, 0 already stored or repeated, 0 failed"
    sources = set(overview(at)["Sources"].str.split(", ").explode())
    assert {SHAKTI, K2} <= sources

    at = add_page(at)
    at.selectbox(key="feed_delete").set_value(f"Broken feed ({news_site.url('/feeds/broken.rss')})").run()
    at.button(key="delete_feed").click().run()
    assert [f["Name"] for f in feeds_shown(at)] == ["Defence Digest"]


def test_readers_get_neither_the_addresses_nor_the_feeds(sqlite_store, news_site):  # noqa: F811
    from streamlit.testing.v1 import AppTest

    from tests.test_pages import ROOT
    at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=60)
    at.secrets["editor"] = {"password": "a long shared editor password"}
    at.run()
    at.switch_page("pages/add_articles.py").run()
    assert not at.exception
    assert not [t for t in at.text_area if t.key == "web_urls"]
    assert not [t for t in at.text_input if t.key in ("feed_name", "feed_url")]
    assert not [b for b in at.button if b.key in ("fetch_feeds", "delete_feed")]
    assert os.environ["FETCH_ALLOW_PRIVATE"] == "1"
