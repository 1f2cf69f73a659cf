"""app.review and app.adding without Streamlit: the editor's text form, what counts as a change,
the queue's reasons, and reading uploads."""
from __future__ import annotations

from datetime import date

import numpy as np
import pandas as pd

import store
from app import adding, review
from app.corpus import Corpus
from tests.factories import events_table


def curated() -> Corpus:
    events = events_table()
    events["review_status"] = "unreviewed"
    events["edited_fields"] = [[] for _ in range(len(events))]
    return Corpus(events=events, articles=(), spans=None, columns=(), raw=events_table(), versions={"ev_mi35": 3})


def test_values_are_shown_as_text_an_analyst_can_edit():
    assert review.as_text(["Pakistan", "Russia"]) == "Pakistan; Russia"
    assert review.as_text(np.bool_(True)) == "true" and review.as_text(False) == "false"
    assert review.as_text(pd.NA) == "" and review.as_text(np.int64(4)) == "4" and review.as_text(None) == ""


def test_a_pin_holds_the_values_and_the_version_the_analyst_opened():
    pinned = review.pin(curated(), "ev_mi35")
    assert pinned.version == 3 and pinned.values["quantity"] == 4 and pinned.values["countries"] == ["Pakistan", "Russia"]
    assert list(pinned.frame.columns) == review.EDITOR_COLUMNS
    assert list(pinned.fields) == [f for f in store.EDITABLE_FIELDS if f != "status"]
    # the analyst reads words, and the pair is named by the event's kind (a transfer here)
    labels = dict(zip(pinned.fields, pinned.frame["Field"]))
    assert (labels["event_type"], labels["date_start"], labels["location"]) == ("Kind", "Start date", "Place")
    assert (labels["actor1"], labels["actor2"]) == ("Supplier", "Recipient")
    assert review.pin(curated(), "ev_visit").frame["Field"].tolist()[review.pin(curated(), "ev_visit").fields.index(
        "actor1")] == "Visitor"
    assert pinned.name == "Mi-35"
    assert review.pin(curated(), "ev_unknown") is None
    assert review.pin(curated(), "ev_visit").version == 0, "never saved: version 0"


def test_only_changed_values_are_sent_and_white_space_is_no_change():
    pinned = review.pin(curated(), "ev_mi35")
    edited = pinned.frame.copy()
    rows = list(pinned.fields)
    edited.loc[rows.index("location"), "Value"] = "Kamra"
    edited.loc[rows.index("name"), "Value"] = " Mi-35 "
    edited.loc[rows.index("quantity_unit"), "Value"] = None  # a cleared cell
    assert review.changes(pinned, edited) == {"location": "Kamra", "quantity_unit": ""}
    assert review.changes(pinned, pinned.frame) == {}


def test_the_events_status_is_chosen_apart_from_the_table_and_sent_only_when_changed():
    pinned = review.pin(curated(), "ev_mi35")
    assert pinned.status == "reported" and pinned.review_status == "unreviewed"
    assert "status" not in pinned.fields and pinned.values["status"] == "reported"
    assert review.STATUS_LABEL == "Status (reported, planned, cancelled)"
    assert review.STATUS_CHOICES == ("reported", "planned", "cancelled")
    assert review.changes(pinned, pinned.frame, "reported") == {} and review.changes(pinned, pinned.frame) == {}
    edited = pinned.frame.copy()
    edited.loc[list(pinned.fields).index("location"), "Value"] = "Kamra"
    assert review.changes(pinned, edited, "planned") == {"location": "Kamra", "status": "planned"}
    assert "As extracted: reported." in pinned.status_help()
    assert "planned: announced or scheduled" in pinned.status_help()


def test_the_queue_orders_its_reasons_and_filters_by_any_of_them():
    queue = review.queue(curated().events)
    assert review.reason_options(queue)[:2] == ["inferred", "no date"]
    only = review.with_reasons(queue, ["inferred"])
    assert list(only["event_id"]) == ["ev_druzhba1"]
    assert len(review.with_reasons(queue, [])) == len(queue)


def test_a_backup_that_is_not_one_is_refused_with_its_reason():
    doc, problem = review.check_backup(b'{"format": "other"}')
    assert doc is None and problem.startswith("This file cannot be restored: not a store backup")
    assert problem.endswith("Nothing was changed.")


def test_uploads_are_read_by_extension_and_unreadable_ones_named():
    seen = []
    reading = adding.read_files([
        ("C:\\fakepath\\drill.md", b"---\ntitle: Drill\n---\nPakistan and Russia began Druzhba-6 on Monday."),
        ("notes.pdf", b"%PDF-1.4"),
        ("empty.txt", b""),
    ], published=date(2021, 10, 5), progress=lambda done, total, name: seen.append((done, total, name)))
    assert [i.title for i in reading.inputs] == ["Drill"] and reading.inputs[0].published == date(2021, 10, 5)
    assert [u.name for u in reading.unreadable] == ["notes.pdf", "empty.txt"]
    assert "not an article file" in reading.unreadable[0].reason
    assert seen == [(0, 3, "drill.md"), (1, 3, "notes.pdf"), (2, 3, "empty.txt"), (3, 3, "")]


def test_a_paste_is_named_by_its_title():
    reading = adding.read_paste("Pakistan and Russia began Druzhba-6 on Monday.", title="Drills open",
                                url="https://example.org/x")
    (inp,) = reading.inputs
    assert reading.pasted and inp.doc_id == "Drills open" and inp.url == "https://example.org/x"
    empty = adding.read_paste("   ", title="Nothing")
    assert not empty.inputs and empty.unreadable[0].name == "Nothing"


def test_the_picker_tells_events_apart_and_keeps_the_one_just_acted_on():
    events = events_table()
    labels = review.picker_labels(events)
    assert labels["ev_druzhba5"] == "Druzhba-5 · Exercise · 8 Nov 2020 – 21 Nov 2020 · Pakistan, Russia"
    # unnamed events are told apart by the start of their evidence
    assert labels["ev_meeting"].endswith("— “The ministers also met on the sidelines.”")
    twins = pd.concat([events[events["event_id"] == "ev_meeting"]] * 2).reset_index(drop=True)
    twins.loc[1, "event_id"] = "ev_meeting-2"
    assert len(set(review.picker_labels(twins).values())) == 2, "the same line twice is told apart by its id"
    # an event confirmed out of the queue stays offered, first; one nobody knows is not added
    assert review.picker_ids(["ev_a", "ev_b"], "ev_x", ["ev_a", "ev_b", "ev_x"]) == ["ev_x", "ev_a", "ev_b"]
    assert review.picker_ids(["ev_a", "ev_b"], "ev_b", ["ev_a", "ev_b"]) == ["ev_a", "ev_b"]
    assert review.picker_ids(["ev_a"], "ev_gone", ["ev_a"]) == ["ev_a"]
    assert review.short_name(events.set_index("event_id").loc["ev_visit"]) == "Visit or meeting of 3 Jul 2019"


def test_the_restore_summary_says_what_becomes_of_the_saved_feeds():
    from types import SimpleNamespace

    from store.backup import BackupSummary

    here = SimpleNamespace(added_articles=(1, 2), edit_count=3, versions={"a": 1})
    with_feeds = review.restore_summary(BackupSummary(articles=4, edits=0, event_state=0, feeds=2), here)
    assert "2 saved news feed(s), which replace the saved feeds" in with_feeds
    assert "(2 added article(s), 3 edit(s), 1 review state(s))" in with_feeds
    without = review.restore_summary(BackupSummary(articles=4, edits=0, event_state=0), here)
    assert "it has no saved news feeds, so the saved feeds are kept" in without
