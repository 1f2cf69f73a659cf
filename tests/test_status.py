"""Reported, planned and cancelled: what the text says of the event itself (the `status` column)."""
from datetime import date

from tests.test_extraction_rules import events, one


def test_an_announced_visit_is_a_planned_row_dated_in_the_future():
    df = events("The Indian defence minister will visit Moscow on December 5 for talks with his Russian "
                "counterpart Andrei Belousov.", published=date(2025, 11, 20))
    row = one(df, event_type="visit")
    assert (row["date_start"], row["date_precision"], row["status"]) == ("2025-12-05", "day", "planned")
    assert row["countries"] == ["India", "Russia"]


def test_a_scheduled_exercise_is_planned():
    df = events("Egypt and Russia are scheduled to hold the Defenders of Friendship exercise in "
                "September, the Egyptian military spokesman said.", published=date(2024, 6, 3))
    row = one(df, event_type="exercise")
    assert row["status"] == "planned" and row["date_start"] == "2024-09"


def test_a_contracted_future_delivery_is_planned():
    df = events("Russia will deliver the remaining two S-400 squadrons to India by 2026, officials said.",
                published=date(2024, 3, 1))
    row = one(df, event_type="arms_transfer")
    assert (row["subtype"], row["name"], row["status"]) == ("delivery", "S-400", "planned")
    assert (row["actor1"], row["actor2"]) == ("Russia", "India")


def test_a_called_off_exercise_is_cancelled():
    df = events("The Pakistan-Russia Druzhba exercise planned for October was called off because of "
                "the floods, the ISPR said.", published=date(2022, 9, 1))
    row = one(df, event_type="exercise")
    assert row["status"] == "cancelled"


def test_what_happened_is_reported():
    df = events("Pakistani and Russian special forces began the Druzhba-5 exercise at Tarbela on Sunday.",
                published=date(2020, 11, 9))
    assert one(df, event_type="exercise")["status"] == "reported"


def test_hypotheticals_stay_out():
    df = events("Turkey could buy more S-400 systems, and Washington called for sanctions; Ankara may consider "
                "a second batch.", published=date(2021, 9, 1))
    assert df.empty


def test_a_plan_to_buy_is_no_row_but_a_planned_signing_is_no_transfer_either():
    df = events("Pakistan plans to buy 36 J-10C fighters from China next year.", published=date(2021, 9, 1))
    assert df[df["event_type"] == "arms_transfer"].empty
