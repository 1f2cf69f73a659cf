"""Backup and restore: a round trip gives the same store; a bad file is refused and changes nothing."""
from __future__ import annotations

import gzip
import json

import pytest

import store
import store.backup as backup_mod
from store import ArticleInput

from .helpers import DAWN, REUTERS, as_input, snapshot


def fill(engine) -> None:
    store.add_articles(engine, [as_input(DAWN), ArticleInput("Ünïcode text — “quoted”.", title="Ω", published=None)],
                       "alice")
    v = store.save_edit(engine, "ev_a", {"countries": ["Pakistan", "China"], "quantity": 7},
                        {"countries": [], "quantity": None}, 0, "alice")
    store.set_status(engine, "ev_a", "confirmed", v, "bob")
    store.set_status(engine, "ev_b", "rejected", 0, "carol")


def test_backup_then_restore_into_an_empty_store_gives_the_same_store(engine, tmp_path):
    fill(engine)
    data = store.export_store(engine)
    doc = json.loads(data.decode("utf-8"))
    assert doc["format"] == "defence-ties-store" and doc["schema_version"] == store.SCHEMA_VERSION
    assert (len(doc["articles"]), len(doc["edits"]), len(doc["event_state"])) == (2, 4, 2)

    empty = store.open_store(f"sqlite:///{tmp_path / 'empty.sqlite'}")
    report = store.restore_store(empty, data)
    assert (report.articles, report.edits, report.event_state, report.replaced) == (2, 4, 2, (0, 0, 0))
    assert snapshot(empty) == snapshot(engine)
    assert store.list_articles(empty) == store.list_articles(engine)
    assert store.load_state(empty) == store.load_state(engine)
    assert store.history(empty).equals(store.history(engine))


def test_restore_replaces_the_store(engine, other_engine):
    fill(engine)
    data = store.export_store(engine, compress=True)
    assert data[:2] == b"\x1f\x8b"
    expected = snapshot(engine)
    store.add_articles(engine, [as_input(REUTERS)], "dave")
    store.save_edit(engine, "ev_c", {"name": "x"}, {}, 0, "dave")
    report = store.restore_store(other_engine, data)  # from another session
    assert report.replaced == (3, 5, 3)
    assert snapshot(engine) == expected


def test_after_a_restore_new_rows_do_not_collide_with_the_restored_ids(engine, tmp_path):
    elsewhere = store.open_store(f"sqlite:///{tmp_path / 'elsewhere.sqlite'}")
    fill(elsewhere)
    store.restore_store(engine, store.export_store(elsewhere))  # explicit ids into a fresh store
    assert len(store.add_articles(engine, [as_input(REUTERS)], "dave").added) == 1
    store.save_edit(engine, "ev_c", {"name": "x"}, {}, 0, "dave")
    assert store.history(engine)["event_id"].tolist()[-1] == "ev_c"
    assert store.count_articles(engine) == 3


def _doc(engine) -> dict:
    return json.loads(store.export_store(engine))


def _bytes(doc) -> bytes:
    return json.dumps(doc).encode("utf-8")


BROKEN = {
    "not json": (lambda d: b"\x89PNG\r\n\x1a\n binary", "not UTF-8 JSON"),
    "json but not an object": (lambda d: b"[1, 2]", "its format is not 'defence-ties-store'"),
    "foreign format": (lambda d: _bytes({**d, "format": "other-app"}), "its format is not"),
    "future schema": (lambda d: _bytes({**d, "schema_version": 99}), "made by a newer dashboard"),
    "no version": (lambda d: _bytes({k: v for k, v in d.items() if k != "schema_version"}), "no schema version"),
    "missing key": (lambda d: _bytes({k: v for k, v in d.items() if k != "edits"}), "incomplete: no edits"),
    "list is a dict": (lambda d: _bytes({**d, "articles": {}}), "articles is not a list"),
    "bad type": (lambda d: _bytes({**d, "event_state": [{**d["event_state"][0], "version": "2"}]}),
                 r"event_state\[0\]\.version has the wrong type"),
    "missing field": (lambda d: _bytes({**d, "edits": [{"id": 1}]}), r"edits\[0\] has no event_id"),
    "bad status": (lambda d: _bytes({**d, "event_state": [{**d["event_state"][0], "status": "gone"}]}),
                   "status must be one of"),
    "bad edit value": (lambda d: _bytes({**d, "edits": [{**d["edits"][0], "field": "quantity", "new": "lots"}]}),
                       "quantity must be a whole number"),
    "bad event status": (lambda d: _bytes({**d, "edits": [{**d["edits"][0], "field": "status", "new": "confirmed"}]}),
                         "status must be one of reported, planned, cancelled"),
    "review change of a field": (lambda d: _bytes({**d, "edits": [{**d["edits"][-1], "field": "name"}]}),
                                 "a review status change must go between"),
    "duplicate article": (lambda d: _bytes({**d, "articles": d["articles"] + [{**d["articles"][0], "id": 99}]}),
                          "two entries with doc_id"),
    "damaged text": (lambda d: _bytes({**d, "articles": [{**d["articles"][0], "text": "changed"}]}),
                     "does not match its hash"),
    "path as doc_id": (lambda d: _bytes({**d, "articles": [{**d["articles"][0], "doc_id": "../../etc/passwd"}]}),
                       "is not a stored article's id"),
    "naive time": (lambda d: _bytes({**d, "edits": [{**d["edits"][0], "at": "2024-01-01T10:00:00"}]}),
                   "has no time zone"),
    "NaN": (lambda d: _bytes(d).replace(f'"schema_version": {store.SCHEMA_VERSION}'.encode(), b'"schema_version": NaN'), "not UTF-8 JSON"),
    "truncated gzip": (lambda d: gzip.compress(_bytes(d))[:-30], "truncated gzip|damaged gzip"),
    "empty": (lambda d: b"", "empty"),
}


@pytest.mark.parametrize("case", list(BROKEN))
def test_a_malformed_or_foreign_backup_is_refused_and_changes_nothing(engine, case):
    fill(engine)
    make, message = BROKEN[case]
    before = snapshot(engine)
    with pytest.raises(store.BackupError, match=message) as err:
        store.restore_store(engine, make(_doc(engine)))
    assert "\n" not in str(err.value)
    assert snapshot(engine) == before


def test_a_failure_in_the_middle_of_a_restore_changes_nothing(engine, monkeypatch):
    fill(engine)
    data = store.export_store(engine)
    store.save_edit(engine, "ev_c", {"name": "later"}, {}, 0, "dave")
    before = snapshot(engine)
    real_insert, calls = backup_mod.insert, []

    def fail_on_edits(table):  # the old rows are deleted and the articles written when this fails
        calls.append(table.name)
        if table.name == "edits":
            raise RuntimeError("server closed the connection")
        return real_insert(table)

    monkeypatch.setattr(backup_mod, "insert", fail_on_edits)
    with pytest.raises(RuntimeError):
        store.restore_store(engine, data)
    assert calls == ["articles", "edits"]
    assert snapshot(engine) == before


def test_only_the_replace_mode_exists(engine):
    with pytest.raises(ValueError):
        store.restore_store(engine, store.export_store(engine), mode="merge")


def test_a_backup_may_carry_the_events_as_shown_and_restore_ignores_them(tmp_path):
    from store import backup
    from store.db import open_store
    engine = open_store(f"sqlite:///{tmp_path / 'a.sqlite'}")
    events = [{"event_id": "ev_1", "name": "Druzhba-5", "countries": ["Pakistan", "Russia"], "quantity": 150}]
    data = backup.export_store(engine, compress=True, events=events)
    import gzip, json
    assert json.loads(gzip.decompress(data))["events"] == events
    other = open_store(f"sqlite:///{tmp_path / 'b.sqlite'}")
    backup.restore_store(other, data)  # accepted; events are derived again, not restored
    with pytest.raises(backup.BackupError, match="events is not a list"):
        backup.restore_store(other, json.dumps({**json.loads(gzip.decompress(data)), "events": 3}).encode())


def test_an_older_backup_with_review_changes_logged_as_status_still_restores(engine, tmp_path):
    fill(engine)
    v = store.get_state(engine, "ev_a").version
    store.save_edit(engine, "ev_a", {"status": "planned"}, {"status": "reported"}, v, "dave")
    doc = _doc(engine)
    review_rows = [e for e in doc["edits"] if e["kind"] == "status"]
    assert {e["field"] for e in review_rows} == {"review_status"}
    for e in review_rows:  # as a backup made before the events table had a status column has them
        e["field"] = "status"
    other = store.open_store(f"sqlite:///{tmp_path / 'other.sqlite'}")
    report = store.restore_store(other, _bytes(doc))
    assert (report.edits, report.event_state) == (5, 2)
    assert store.history(other).equals(store.history(engine)), "old review rows read as review_status"
    assert store.load_state(other) == store.load_state(engine)
    assert store.history(other, "ev_a")["field"].tolist() == ["countries", "quantity", "review_status", "status"]
