"""Saved news feeds: saved once by address, listed by name, read and deleted; backed up and restored."""
from __future__ import annotations

import json
from datetime import UTC, datetime

import pytest

import store

from .helpers import DAWN, as_input

RSS = "https://www.defence-digest.example/feeds/latest.rss"


def test_a_feed_is_saved_listed_marked_read_and_deleted(engine):
    saved = store.save_feed(engine, "  Defence   Digest ", RSS, "alice")
    assert (saved.name, saved.url, saved.added_by, saved.last_read_at) == ("Defence Digest", RSS, "alice", None)
    store.save_feed(engine, "Atlantic Naval Digest", "naval.example/atom.xml", "bob")  # pasted without a scheme
    assert [(f.name, f.url) for f in store.list_feeds(engine)] == [
        ("Atlantic Naval Digest", "https://naval.example/atom.xml"), ("Defence Digest", RSS)]

    at = datetime(2025, 6, 18, 9, 30, tzinfo=UTC)
    store.mark_read(engine, saved.id, "3 article(s): 2 new,\n1 already stored", at)
    (read,) = [f for f in store.list_feeds(engine) if f.id == saved.id]
    assert read.last_read_at == at and read.last_result == "3 article(s): 2 new, 1 already stored"

    assert store.delete_feed(engine, saved.id) is True
    assert store.delete_feed(engine, saved.id) is False, "deleting it again says it was gone"
    assert [f.name for f in store.list_feeds(engine)] == ["Atlantic Naval Digest"]


@pytest.mark.parametrize("name, url, says", [
    ("", RSS, "give the feed a name"),
    ("x" * 201, RSS, "name is longer than 200 characters"),
    ("Not a feed", "javascript:alert(1)", "not a web address"),
    ("Not a feed", "ftp://files.example.org/feed.xml", "not a web address"),
    ("Too long", "https://example.org/" + "a" * 2100, "longer than 2000 characters"),
])
def test_a_feed_without_a_name_or_a_web_address_is_refused(engine, name, url, says):
    with pytest.raises(store.FeedError, match=says):
        store.save_feed(engine, name, url, "alice")
    assert store.list_feeds(engine) == []


def test_the_same_feed_twice_is_refused_with_the_name_it_has(engine):
    store.save_feed(engine, "Defence Digest", RSS, "alice")
    same = RSS.replace("https://www.", "http://") + "?utm_source=newsletter"
    with pytest.raises(store.FeedError, match="already saved, as “Defence Digest”"):
        store.save_feed(engine, "Another name", same, "bob")
    assert len(store.list_feeds(engine)) == 1


def test_a_long_result_is_kept_to_one_short_line(engine):
    feed = store.save_feed(engine, "Digest", RSS, "alice")
    store.mark_read(engine, feed.id, "failed: " + "very " * 200 + "long")
    (read,) = store.list_feeds(engine)
    assert len(read.last_result) == 500 and read.last_result.endswith("…") and "\n" not in read.last_result


# ---------------------------------------------------------------- in the backup

def test_feeds_are_backed_up_and_restored_with_when_they_were_read(engine, tmp_path):
    store.add_articles(engine, [as_input(DAWN)], "alice")
    digest = store.save_feed(engine, "Defence Digest", RSS, "alice")
    store.save_feed(engine, "Naval Affairs", "https://naval.example/atom.xml", "bob")
    store.mark_read(engine, digest.id, "2 article(s): 2 new", datetime(2025, 6, 18, 9, 30, tzinfo=UTC))
    data = store.export_store(engine, compress=True)

    other = store.open_store(f"sqlite:///{tmp_path / 'other.sqlite'}")
    store.save_feed(other, "A feed the backup replaces", "https://replaced.example/rss", "carol")
    report = store.restore_store(other, data)
    assert (report.articles, report.feeds, report.replaced_feeds) == (1, 2, 1)
    assert store.list_feeds(other) == store.list_feeds(engine)
    with pytest.raises(store.FeedError, match="already saved"):
        store.save_feed(other, "Again", RSS, "dave")  # the restored address keys still count
    assert store.save_feed(other, "New", "https://new.example/rss", "dave").id > digest.id, "no id collides"
    doc = store.backup.parse_backup(data)
    assert [f["name"] for f in doc["feeds"]] == ["Defence Digest", "Naval Affairs"]


@pytest.mark.parametrize("made", ["before feeds", "with none saved"])
def test_a_backup_without_feeds_restores_and_keeps_the_saved_feeds(engine, made):
    store.add_articles(engine, [as_input(DAWN)], "alice")
    doc = json.loads(store.export_store(engine))
    backup = {k: v for k, v in doc.items() if k != "feeds"} | {"schema_version": 1} if made == "before feeds" else doc
    store.save_feed(engine, "Defence Digest", RSS, "alice")
    summary = store.backup.check_backup(json.dumps(backup).encode())
    assert (summary.articles, summary.feeds) == (1, 0)
    report = store.restore_store(engine, json.dumps(backup).encode())
    assert (report.articles, report.feeds, report.replaced_feeds) == (1, 0, 0)
    assert [f.name for f in store.list_feeds(engine)] == ["Defence Digest"], "a backup silent on feeds keeps them"


@pytest.mark.parametrize("change, says", [
    (lambda f: {**f, "url": "javascript:alert(1)"}, r"feeds\[0\] \(Digest\): its URL is not an http\(s\) address"),
    (lambda f: {**f, "name": " "}, r"feeds\[0\] has no name"),
    (lambda f: {**f, "last_read_at": "yesterday"}, r"feeds\[0\]\.last_read_at is not an ISO date"),
    (lambda f: {**f, "last_result": "x" * 501}, r"feeds\[0\]\.last_result is longer than 500"),
    (lambda f: {k: v for k, v in f.items() if k != "added_by"}, r"feeds\[0\] has no added_by"),
])
def test_a_backup_with_a_bad_feed_is_refused_and_changes_nothing(engine, change, says):
    store.save_feed(engine, "Digest", RSS, "alice")
    doc = json.loads(store.export_store(engine))
    doc["feeds"] = [change(doc["feeds"][0])]
    with pytest.raises(store.BackupError, match=says):
        store.restore_store(engine, json.dumps(doc).encode())
    assert [f.name for f in store.list_feeds(engine)] == ["Digest"]


def test_a_backup_with_one_feed_twice_is_refused(engine):
    store.save_feed(engine, "Digest", RSS, "alice")
    doc = json.loads(store.export_store(engine))
    doc["feeds"].append({**doc["feeds"][0], "id": 2, "url": RSS.replace("https://www.", "http://")})
    with pytest.raises(store.BackupError, match="feeds has two entries with url_key"):
        store.restore_store(engine, json.dumps(doc).encode())
