"""Adding articles: stored, deduplicated against the store, the batch and the bundled corpus."""
from __future__ import annotations

from datetime import date

import pytest

import store
import store.articles as articles_mod
from store import ArticleInput

from .helpers import DAWN, REUTERS, as_input, bundled

TEXT = "Pakistan and Russia began a joint exercise on Monday.\n\nIt will last two weeks."


def test_add_stores_the_article_and_lists_it_as_an_article(engine):
    report = store.add_articles(engine, [ArticleInput(TEXT, title="Drills begin", source="Dawn",
                                                      url="https://dawn.com/news/1", published=date(2020, 11, 9),
                                                      doc_id="C:\\fakepath\\../../etc/Drills Begin.md")], "alice")
    assert [a.title for a in report.added] == ["Drills begin"] and report.skipped == ()
    [a] = store.list_articles(engine)
    assert a == report.added[0]
    assert (a.text, a.source, a.url, a.published, a.path) == (TEXT, "Dawn", "https://dawn.com/news/1",
                                                               date(2020, 11, 9), "")
    assert a.doc_id.startswith("drills-begin-") and "/" not in a.doc_id and "." not in a.doc_id
    assert a.metadata["added_by"] == "alice"
    assert store.count_articles(engine) == 1


def test_doc_ids_are_stable_slugs_with_the_texts_hash(engine):
    [a] = store.add_articles(engine, [ArticleInput(TEXT)], "alice").added
    assert a.doc_id == f"article-{store.text_sha256(TEXT)[:10]}"


def test_the_same_url_written_differently_is_a_duplicate(engine):
    store.add_articles(engine, [ArticleInput(TEXT, title="First", url="https://www.dawn.com/news/1?a=1&b=2")], "alice")
    report = store.add_articles(engine, [
        ArticleInput("Another text entirely.", title="Second", url="HTTP://dawn.com/news/1/?b=2&a=1&utm_source=x#top")],
        "bob")
    assert report.added == ()
    [skip] = report.skipped
    assert skip.label == "Second" and skip.existing == "First"
    assert skip.reason.startswith("same URL as an article added by alice on ")
    assert store.count_articles(engine) == 1


def test_the_same_text_with_other_whitespace_is_a_duplicate(engine):
    store.add_articles(engine, [ArticleInput(TEXT, title="First")], "alice")
    rewrapped = "  " + TEXT.replace(" ", "\n").replace("\n\n", " \t ") + "\n"
    report = store.add_articles(engine, [ArticleInput(rewrapped, title="Copy", url="https://other.org/x")], "bob")
    assert report.added == () and report.skipped[0].existing == "First"
    assert report.skipped[0].reason.startswith("same text as ")


def test_a_bundled_article_is_not_added_again(engine):
    corpus = [bundled(DAWN)]
    by_text = store.add_articles(engine, [as_input(DAWN)], "alice", bundled=corpus)
    # scheme, host case, "www." and a trailing slash do not count; the path's case does
    url = bundled(DAWN).url.replace("https://example.org", "http://WWW.Example.org") + "/"
    by_url = store.add_articles(engine, [ArticleInput("Other words.", url=url)], "alice", bundled=corpus)
    for report in (by_text, by_url):
        assert report.added == ()
        assert report.skipped[0].existing == bundled(DAWN).title
        assert report.skipped[0].reason.endswith("a bundled article")
    assert store.count_articles(engine) == 0


def test_duplicates_inside_one_batch_are_added_once(engine):
    report = store.add_articles(engine, [as_input(DAWN), as_input(REUTERS), as_input(DAWN)], "alice")
    assert len(report.added) == 2
    assert [(s.reason, s.existing) for s in report.skipped] == [
        ("same text as another article in this batch", bundled(DAWN).title)]


def test_inputs_that_cannot_be_articles_are_refused_and_the_others_added(engine):
    report = store.add_articles(engine, [
        ArticleInput("   \n", title="Empty"),
        ArticleInput("bin\x00ary", title="Binary"),
        ArticleInput(TEXT, title="Script", url="javascript:alert(1)"),
        ArticleInput(TEXT, title="Good", url="dawn.com/news/9"),
    ], "alice")
    assert [(a.title, a.url) for a in report.added] == [("Good", "https://dawn.com/news/9")]
    assert [(s.label, s.reason) for s in report.skipped] == [
        ("Empty", "no article text"),
        ("Binary", "the text holds NUL characters: it looks like a binary file"),
        ("Script", "the URL is not an http(s) address")]


def test_a_failed_batch_leaves_the_store_unchanged(engine, monkeypatch):
    store.add_articles(engine, [as_input(DAWN)], "alice")
    before = store.list_articles(engine)
    # Simulate a stale duplicate check (another session's insert landed meanwhile): the new article
    # is inserted first, then the old one hits the unique constraint, and the whole batch rolls back.
    with monkeypatch.context() as m:
        m.setattr(articles_mod, "select", _no_rows_select)
        with pytest.raises(store.StoreError, match="nothing was added"):
            store.add_articles(engine, [ArticleInput(TEXT, title="New"), as_input(DAWN)], "bob")
    assert store.list_articles(engine) == before


def _no_rows_select(*cols):
    from sqlalchemy import false, select
    return select(*cols).where(false())


def test_a_failure_in_the_middle_of_a_batch_adds_nothing(engine, monkeypatch):
    real_article = articles_mod._article
    calls = []

    def fail_on_second(row, store_id):
        calls.append(store_id)
        if len(calls) == 2:
            raise RuntimeError("disk full")
        return real_article(row, store_id)

    monkeypatch.setattr(articles_mod, "_article", fail_on_second)
    with pytest.raises(RuntimeError):
        store.add_articles(engine, [as_input(DAWN), as_input(REUTERS)], "alice")
    assert store.count_articles(engine) == 0


RUSSIAN = "Совместное российско-пакистанское учение «Дружба-2021» началось в понедельник на полигоне Молькино."


def test_each_article_keeps_its_language_declared_or_detected(engine):
    store.add_articles(engine, [ArticleInput(TEXT, title="en"), ArticleInput(RUSSIAN, title="ru"),
                                ArticleInput(RUSSIAN + " Ещё одно предложение.", title="declared", language="RU")],
                       "alice")
    assert {a.title: a.language for a in store.list_articles(engine)} == {"en": "en", "ru": "ru", "declared": "ru"}


def test_a_store_made_before_articles_had_a_language_gains_it(store_url, engine):
    """Schema version 2 → 3: the column is added; the articles already there are detected when read."""
    from sqlalchemy import update

    from preprocessing.language import language_of
    from store.db import SCHEMA_VERSION, init_schema, write
    from store.tables import schema_version
    store.add_articles(engine, [ArticleInput(RUSSIAN, title="old")], "alice")
    with write(engine) as conn:  # as a version-2 store had it
        conn.exec_driver_sql("ALTER TABLE articles DROP COLUMN language")
        conn.execute(update(schema_version).values(version=2))
    assert init_schema(engine) == SCHEMA_VERSION == 3
    [a] = store.list_articles(engine)
    assert (a.title, a.language, language_of(a)) == ("old", "", "ru")
