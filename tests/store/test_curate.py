"""The curated table: edits applied, rejected rows kept aside, orphans shown; re-extraction keeps edits."""
from __future__ import annotations

import shutil

import pandas as pd

import store
from preprocessing import extract_articles
from preprocessing.lexicon import DATA_DIR, build_lexicon
from store.edits import State

from .helpers import DAWN, REUTERS, as_input, bundled

EVENTS = extract_articles([bundled(DAWN)]).events
DELIVERY = EVENTS.loc[EVENTS["name"].eq("J-10C") & EVENTS["quantity"].eq(6), "event_id"].item()


def edits_frame(*rows) -> pd.DataFrame:
    return pd.DataFrame(rows, columns=["event_id", "field", "old", "new", "author", "at"])


def row(table, event_id):
    return table.set_index("event_id").loc[event_id]


def test_without_edits_the_curated_table_is_the_extraction_plus_two_columns():
    cur = store.curate(EVENTS, edits_frame(), {})
    assert list(cur.table.columns) == list(EVENTS.columns) + ["review_status", "edited_fields"]
    pd.testing.assert_frame_equal(cur.table[EVENTS.columns], EVENTS)
    assert set(cur.table["review_status"]) == {"unreviewed"} and cur.rejected.empty and cur.orphans.empty


def test_the_latest_edit_of_each_field_wins_and_types_are_kept():
    edits = edits_frame(
        (DELIVERY, "quantity", 6, 7, "alice", None), (DELIVERY, "quantity", 7, 8, "bob", None),
        (DELIVERY, "countries", [], ["China", "Pakistan", "India"], "bob", None),
        (DELIVERY, "date_start", "2022-03-04", "2022-03", "bob", None),
        (DELIVERY, "review_status", "unreviewed", "confirmed", "bob", None))
    cur = store.curate(EVENTS, edits, {DELIVERY: State(DELIVERY, "confirmed", 4)})
    r = row(cur.table, DELIVERY)
    assert (r["quantity"], r["countries"], r["date_start"]) == (8, ["China", "Pakistan", "India"], "2022-03")
    assert r["date_precision"] == "month"  # follows the edited date
    assert r["review_status"] == "confirmed"
    assert r["edited_fields"] == ["date_start", "countries", "quantity"]
    assert cur.table["quantity"].dtype == "Int64" and cur.table["date_start"].dtype == EVENTS["date_start"].dtype
    others = cur.table[cur.table["event_id"] != DELIVERY].reset_index(drop=True)
    pd.testing.assert_frame_equal(others[EVENTS.columns], EVENTS[EVENTS["event_id"] != DELIVERY].reset_index(drop=True))


def test_an_edit_of_the_events_status_is_applied_apart_from_its_review_status(engine):
    assert set(EVENTS["status"]) == {"reported"}
    v = store.save_edit(engine, DELIVERY, {"status": "planned"}, {"status": "reported"}, 0, "alice")
    store.set_status(engine, DELIVERY, "confirmed", v, "bob")
    cur = store.curate(EVENTS, store.history(engine), store.load_state(engine))
    r = row(cur.table, DELIVERY)
    assert (r["status"], r["review_status"], r["edited_fields"]) == ("planned", "confirmed", ["status"])
    assert set(cur.table.loc[cur.table["event_id"] != DELIVERY, "status"]) == {"reported"}
    assert cur.orphans.empty


def test_a_history_with_review_rows_under_the_old_name_does_not_touch_the_events_status():
    # rows as an older store logged them (field "status", review values), handed over as they are
    edits = edits_frame((DELIVERY, "status", "unreviewed", "confirmed", "bob", None),
                        (DELIVERY, "status", "confirmed", "rejected", "bob", None))
    cur = store.curate(EVENTS, edits, {DELIVERY: State(DELIVERY, "rejected", 2)})
    r = row(cur.rejected, DELIVERY)
    assert (r["status"], r["review_status"], r["edited_fields"]) == ("reported", "rejected", [])
    assert cur.orphans.empty


def test_rejected_events_leave_the_table_and_are_kept():
    cur = store.curate(EVENTS, edits_frame(), {DELIVERY: State(DELIVERY, "rejected", 1)})
    assert DELIVERY not in set(cur.table["event_id"]) and len(cur.table) == len(EVENTS) - 1
    assert cur.rejected["event_id"].tolist() == [DELIVERY]
    assert cur.rejected["review_status"].tolist() == ["rejected"]


def test_edits_of_events_no_longer_extracted_are_orphans_never_dropped():
    edits = edits_frame(("ev_gone", "name", "x", "y", "alice", None), ("ev_gone", "review_status", "unreviewed",
                                                                      "rejected", "alice", None))
    cur = store.curate(EVENTS, edits, {"ev_gone": State("ev_gone", "rejected", 2)})
    assert cur.orphans[["event_id", "field", "new", "reason"]].values.tolist() == [
        ["ev_gone", "name", "y", "event no longer extracted"],
        ["ev_gone", "review_status", "rejected", "event no longer extracted"]]
    assert len(cur.table) == len(EVENTS)


def test_the_review_queue_names_its_reasons_and_leaves_out_confirmed_events():
    table = store.curate(EVENTS, edits_frame(), {}).table
    table.loc[0, "inferred"] = True
    queue = store.review_queue(table)
    assert "reasons" in queue.columns and queue["reasons"].map(bool).all()
    reasons = dict(zip(queue["event_id"], queue["reasons"]))
    assert "inferred" in reasons[table.loc[0, "event_id"]]
    undated = table.loc[table["date_start"].eq(""), "event_id"]
    assert all("no date" in reasons[e] for e in undated)
    table.loc[table["event_id"].isin(undated), "review_status"] = "confirmed"
    assert not set(undated) & set(store.review_queue(table)["event_id"])
    assert set(undated) <= set(store.review_queue(table, include_confirmed=True)["event_id"])


def test_review_reasons_rules():
    base = {"event_type": "exercise", "subtype": "bilateral", "name": "Druzhba-5", "date_start": "2020-11-08",
            "date_precision": "day", "countries": ["Pakistan", "Russia"], "inferred": False, "conflicts": ""}
    assert store.review_reasons(base) == []
    assert store.review_reasons({**base, "date_start": "2020", "date_precision": "year"}) == ["year-only date"]
    assert store.review_reasons({**base, "date_start": "", "date_precision": ""}) == ["no date"]
    assert store.review_reasons({**base, "conflicts": "quantity: 6 (a) vs 4 (b)"}) == ["sources disagree"]
    assert store.review_reasons({**base, "countries": ["Russia"]}) == ["one country"]
    assert store.review_reasons({**base, "subtype": "multilateral", "countries": ["Russia"]}) == []
    assert store.review_reasons({**base, "countries": []}) == ["no countries"]
    assert store.review_reasons({**base, "name": ""}) == ["no name"]
    assert store.review_reasons({**base, "event_type": "visit", "name": ""}) == []


def _curated(engine, articles, lex=None):
    events = extract_articles(articles, lex).events
    return store.curate(events, store.history(engine), store.load_state(engine))


def test_re_extraction_keeps_edits_and_shows_those_it_cannot_place_as_orphans(engine):
    # Reuters reported the delivery a day before Dawn, so in a merge its report comes first (the
    # extractor's canonical order) and its event id stands, whichever article was added first.
    reuters = store.add_articles(engine, [as_input(REUTERS)], "alice").added
    first = _curated(engine, list(reuters))
    delivery = first.table.loc[first.table["name"].eq("J-10C") & first.table["quantity"].eq(4), "event_id"].item()
    v = store.save_edit(engine, delivery, {"quantity": 7}, {"quantity": 4}, 0, "alice")
    store.set_status(engine, delivery, "confirmed", v, "alice")

    # another report of the same delivery added after it: same id, the edit still applies
    dawn = store.add_articles(engine, [as_input(DAWN)], "bob").added
    both = _curated(engine, list(reuters + dawn))
    r = row(both.table, delivery)
    assert (r["quantity"], r["source_count"], r["review_status"]) == (7, 2, "confirmed")
    assert both.orphans.empty

    # the event's first source gone from the corpus: its id no longer appears, the edit is an orphan
    alone = _curated(engine, list(dawn))
    assert delivery not in set(alone.table["event_id"])
    assert set(alone.orphans["event_id"]) == {delivery}
    assert alone.orphans["field"].tolist() == ["quantity", "review_status"]
    assert len(store.history(engine)) == 2  # and nothing was deleted


def test_edits_survive_a_lexicon_change_and_orphan_when_the_change_removes_the_event(engine, tmp_path):
    articles = [bundled(DAWN)]
    store.save_edit(engine, DELIVERY, {"quantity": 7}, {"quantity": 6}, 0, "alice")
    grown, shrunk = tmp_path / "grown", tmp_path / "shrunk"
    for d in (grown, shrunk):
        shutil.copytree(DATA_DIR, d, ignore=shutil.ignore_patterns("articles"))
    with (grown / "equipment.toml").open("a") as f:  # a new helicopter: this event is untouched
        f.write('\n[[equipment]]\nname = "Zz-99"\ncategory = "helicopter"\norigin = ["China"]\n')
    eq = (shrunk / "equipment.toml").read_text()
    (shrunk / "equipment.toml").write_text(eq.replace('name = "J-10C"\naliases = ["J-10CE"]', 'name = "Zz-98"'))

    kept = _curated(engine, articles, build_lexicon(grown))
    assert row(kept.table, DELIVERY)["quantity"] == 7 and kept.orphans.empty
    lost = _curated(engine, articles, build_lexicon(shrunk))
    assert DELIVERY not in set(lost.table["event_id"])
    assert lost.orphans["event_id"].tolist() == [DELIVERY]
