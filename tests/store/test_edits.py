"""Edits and review states: history, rejection, the concurrent-edit refusal, failed writes."""
from __future__ import annotations

import threading

import pandas as pd
import pytest

import store
import store.edits as edits_mod
from store.edits import HISTORY_COLUMNS

from .helpers import snapshot


def test_an_edit_is_recorded_with_old_and_new_value_author_and_time(engine):
    before = pd.Timestamp.now(tz="UTC")
    version = store.save_edit(engine, "ev_1", {"quantity": "150", "countries": "Pakistan; Russia"},
                              {"quantity": 120, "countries": ["Pakistan"]}, 0, "alice")
    assert version == 1
    hist = store.history(engine)
    assert list(hist.columns) == HISTORY_COLUMNS
    assert hist[["event_id", "field", "author"]].values.tolist() == [
        ["ev_1", "quantity", "alice"], ["ev_1", "countries", "alice"]]
    assert hist["old"].tolist() == [120, ["Pakistan"]]
    assert hist["new"].tolist() == [150, ["Pakistan", "Russia"]]
    assert (hist["at"] >= before).all() and (hist["at"] <= pd.Timestamp.now(tz="UTC")).all()
    state = store.get_state(engine, "ev_1")
    assert (state.version, state.status, state.updated_by) == (1, "unreviewed", "alice")


def test_history_of_one_event_in_order_with_status_changes(engine):
    v = store.save_edit(engine, "ev_1", {"name": "Druzhba-5"}, {"name": "Druzhba"}, 0, "alice")
    store.save_edit(engine, "ev_2", {"location": "Tarbela"}, {"location": ""}, 0, "bob")
    v = store.save_edit(engine, "ev_1", {"name": "Druzhba-V"}, {"name": "Druzhba-5"}, v, "bob")
    store.set_status(engine, "ev_1", "confirmed", v, "carol")
    hist = store.history(engine, "ev_1")
    assert hist[["field", "old", "new", "author"]].values.tolist() == [
        ["name", "Druzhba", "Druzhba-5", "alice"], ["name", "Druzhba-5", "Druzhba-V", "bob"],
        ["review_status", "unreviewed", "confirmed", "carol"]]
    assert hist["at"].is_monotonic_increasing
    assert store.history(engine, "ev_nothing").empty


def test_unchanged_fields_are_not_recorded_and_an_empty_save_writes_nothing(engine):
    assert store.save_edit(engine, "ev_1", {"name": "Kavkaz-2020", "quantity": 5},
                           {"name": "Kavkaz-2020", "quantity": 4}, 0, "alice") == 1
    assert store.history(engine)["field"].tolist() == ["quantity"]
    assert store.save_edit(engine, "ev_1", {"quantity": "5"}, {"quantity": 5}, 1, "alice") == 1
    assert len(store.history(engine)) == 1


@pytest.mark.parametrize("changes, message", [
    ({"evidence": "x"}, "'evidence' cannot be edited"),
    ({"event_id": "ev_2"}, "cannot be edited"),
    ({"sources": ["x"]}, "cannot be edited"),
    ({"quantity": "many"}, "quantity must be a whole number"),
    ({"quantity": -3}, "quantity must be a whole number ≥ 0"),
    ({"date_start": "2020-02-30"}, "date_start must be YYYY, YYYY-MM or YYYY-MM-DD"),
    ({"date_start": "Nov 2020"}, "date_start must be"),
    ({"event_type": "parade"}, "event_type must be one of"),
    ({"inferred": "perhaps"}, "inferred must be true or false"),
    ({"name": "ok", "date_precision": "week"}, "date_precision must be"),
    ({"status": "postponed"}, "status must be one of reported, planned, cancelled, not 'postponed'"),
    ({"status": "confirmed"}, "status must be one of reported, planned, cancelled"),  # a review state is not one
    ({"status": ""}, "status must be one of reported, planned, cancelled"),
])
def test_bad_fields_and_values_are_refused_before_anything_is_written(engine, changes, message):
    with pytest.raises(store.EditError, match=message):
        store.save_edit(engine, "ev_1", changes, {}, 0, "alice")
    assert store.history(engine).empty and store.load_state(engine) == {}


def test_reject_then_reopen_changes_the_status_and_bumps_the_version(engine):
    assert store.set_status(engine, "ev_1", "rejected", 0, "alice") == 1
    assert store.load_state(engine)["ev_1"].status == "rejected"
    assert store.set_status(engine, "ev_1", "unreviewed", 1, "bob") == 2
    assert store.history(engine)["new"].tolist() == ["rejected", "unreviewed"]
    with pytest.raises(store.EditError, match="status must be one of"):
        store.set_status(engine, "ev_1", "deleted", 2, "bob")


def test_the_second_of_two_concurrent_saves_is_refused_with_who_and_when(engine, other_engine):
    store.save_edit(engine, "ev_1", {"name": "Druzhba-5"}, {"name": ""}, 0, "alice")
    # two analysts open the event at version 1
    seen_by_bob = store.load_state(engine)["ev_1"].version
    seen_by_carol = store.load_state(other_engine)["ev_1"].version
    assert seen_by_bob == seen_by_carol == 1
    store.save_edit(engine, "ev_1", {"quantity": 150}, {"quantity": None}, seen_by_bob, "bob")
    with pytest.raises(store.EditConflict) as err:
        store.save_edit(other_engine, "ev_1", {"quantity": 200}, {"quantity": None}, seen_by_carol, "carol")
    msg = str(err.value)
    assert msg.startswith("Not saved: bob saved a change to this event at ") and " UTC" in msg
    assert "Reload" in msg and "\n" not in msg
    assert err.value.current.updated_by == "bob" and err.value.current.version == 2
    assert store.history(engine)["new"].tolist() == ["Druzhba-5", 150]  # carol's value is not there
    with pytest.raises(store.EditConflict, match="bob saved"):  # a status change obeys the same rule
        store.set_status(other_engine, "ev_1", "rejected", seen_by_carol, "carol")


def test_two_first_saves_racing_on_a_new_event_one_wins(engine, other_engine):
    barrier, results = threading.Barrier(2), {}

    def save(eng, who):
        barrier.wait()
        try:
            results[who] = store.save_edit(eng, "ev_new", {"name": who}, {"name": ""}, 0, who)
        except store.EditConflict as exc:
            results[who] = exc

    threads = [threading.Thread(target=save, args=(e, w)) for e, w in ((engine, "alice"), (other_engine, "bob"))]
    for t in threads:
        t.start()
    for t in threads:
        t.join(30)
    assert sorted(type(r).__name__ for r in results.values()) == ["EditConflict", "int"]
    winner = next(w for w, r in results.items() if r == 1)
    assert store.history(engine)["author"].tolist() == [winner]
    assert store.get_state(engine, "ev_new").version == 1


def test_a_failed_edit_leaves_the_store_unchanged(engine, monkeypatch):
    store.save_edit(engine, "ev_1", {"name": "A"}, {"name": ""}, 0, "alice")
    before = snapshot(engine)
    real_dump, calls = edits_mod._dump, []

    def fail_on_third(value):  # the version is already bumped when the edit rows are written
        calls.append(value)
        if len(calls) == 3:
            raise RuntimeError("connection lost")
        return real_dump(value)

    monkeypatch.setattr(edits_mod, "_dump", fail_on_third)
    with pytest.raises(RuntimeError):
        store.save_edit(engine, "ev_1", {"name": "B", "location": "Tarbela"}, {"name": "A"}, 1, "bob")
    assert snapshot(engine) == before
    assert store.get_state(engine, "ev_1").version == 1


def test_an_empty_author_is_recorded_as_anonymous(engine):
    store.set_status(engine, "ev_1", "confirmed", 0, "   ")
    assert store.history(engine)["author"].tolist() == ["anonymous"]


def test_the_events_status_is_an_edit_and_the_review_status_is_logged_apart(engine):
    v = store.save_edit(engine, "ev_1", {"status": "Planned"}, {"status": "reported"}, 0, "alice")
    store.set_status(engine, "ev_1", "confirmed", v, "bob")
    hist = store.history(engine, "ev_1")
    assert hist[["field", "old", "new"]].values.tolist() == [
        ["status", "reported", "planned"], ["review_status", "unreviewed", "confirmed"]]
    assert store.load_state(engine)["ev_1"].status == "confirmed"


def test_review_changes_an_older_store_logged_as_status_are_read_as_review_status(engine):
    from datetime import UTC, datetime

    from sqlalchemy import insert

    from store.tables import edits as t_edits
    with engine.begin() as conn:  # a row as the store wrote it before events had a status column
        conn.execute(insert(t_edits).values(event_id="ev_1", field="status", old_value='"unreviewed"',
                                            new_value='"rejected"', author="old", at=datetime.now(UTC),
                                            kind="status"))
    store.save_edit(engine, "ev_1", {"status": "cancelled"}, {"status": "reported"}, 0, "alice")
    hist = store.history(engine, "ev_1")
    assert hist[["field", "new"]].values.tolist() == [["review_status", "rejected"], ["status", "cancelled"]]
