"""Several articles about one event become one row, with every source and their disagreements."""
from pathlib import Path

from preprocessing import extract_files

DAWN = """---
title: Druzhba-7 begins in Tarbela
source: Dawn
published: 2022-11-14
---
RAWALPINDI: The seventh edition of the Pakistan-Russia joint exercise Druzhba began at Tarbela on Sunday, the ISPR said.
A contingent of 120 Russian troops is taking part in the exercise.
"""
TASS = """---
title: Russian paratroopers start Druzhba-7 drills in Pakistan
source: TASS
published: 2022-11-15
---
MOSCOW, November 15. /TASS/. Russian and Pakistani special forces began the joint exercise Druzhba-7 in Pakistan on Sunday, the Russian Defence Ministry said.
Some 150 Russian servicemen are participating in the exercise.
"""


def write(tmp_path: Path, name: str, text: str) -> Path:
    p = tmp_path / name
    p.write_text(text, encoding="utf-8")
    return p


def test_one_row_for_an_exercise_reported_twice_with_both_sources(tmp_path):
    events = extract_files([write(tmp_path, "dawn.md", DAWN), write(tmp_path, "tass.md", TASS)]).events
    druzhba = events[events["name"] == "Druzhba-7"]
    assert len(druzhba) == 1
    row = druzhba.iloc[0]
    assert row["date_start"] == "2022-11-13" and row["date_precision"] == "day"
    assert row["source_count"] == 2
    assert row["sources"] == ["Druzhba-7 begins in Tarbela", "Russian paratroopers start Druzhba-7 drills in Pakistan"]
    assert len(row["evidence"].split(" | ")) >= 3


def test_conflicting_troop_numbers_are_kept_not_overwritten(tmp_path):
    events = extract_files([write(tmp_path, "dawn.md", DAWN), write(tmp_path, "tass.md", TASS)]).events
    row = events[events["name"] == "Druzhba-7"].iloc[0]
    assert row["quantity"] == 120  # the first article given stands
    assert "quantity: 120 (Druzhba-7 begins in Tarbela) vs 150 (Russian paratroopers" in row["conflicts"]


def test_event_ids_are_stable_across_runs_and_file_order(tmp_path):
    a, b = write(tmp_path, "dawn.md", DAWN), write(tmp_path, "tass.md", TASS)
    first = extract_files([a, b]).events.set_index("name")["event_id"]
    again = extract_files([a, b]).events.set_index("name")["event_id"]
    assert first.to_dict() == again.to_dict()
    alone = extract_files([a]).events.set_index("name")["event_id"]
    assert alone["Druzhba-7"] == first["Druzhba-7"]


def test_the_same_goods_for_another_buyer_stay_two_transfers(tmp_path):
    china = write(tmp_path, "china.md", "---\ntitle: Sanctions\npublished: 2019-08-28\n---\n"
                  "China bought S-400 systems from Russia.\n")
    india = write(tmp_path, "india.md", "---\ntitle: Deal\npublished: 2021-12-07\n---\n"
                  "India signed a $5.43 billion deal for five S-400 squadrons from Russia in October 2018.\n")
    events = extract_files([china, india]).events
    s400 = events[events["name"] == "S-400"].set_index("actor2")
    assert sorted(s400.index) == ["China", "India"]
    assert s400.loc["India", "date_start"] == "2018-10" and s400.loc["China", "date_start"] == ""
