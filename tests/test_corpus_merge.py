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
    assert row["quantity"] == 120  # one source each: the earlier published stands
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


def _report(tmp_path, name, source, published, body, title=None):
    return write(tmp_path, name, f"---\ntitle: {title or name}\nsource: {source}\npublished: {published}\n---\n{body}\n")


def _outlets(tmp_path):
    """Five outlets on one edition: three say it opened on Monday the 12th, one gives the arrival on
    Saturday, one the first drill on Tuesday; three give 200 troops in all, two give 100 per side."""
    return [
        _report(tmp_path, "ispr.md", "Inter-Services Public Relations", "2023-06-13",
                "RAWALPINDI: The opening ceremony of Druzhba-2023 was held at Tarbela on 12 June, the ISPR said. "
                "About 100 troops from each side are taking part."),
        _report(tmp_path, "app.md", "APP", "2023-06-13",
                "ISLAMABAD, June 13 (APP): The sixth edition of Pakistan-Russia joint exercise Druzhba opened at "
                "Tarbela on Monday. Some 200 troops are taking part in the drill."),
        _report(tmp_path, "dawn.md", "Dawn", "2023-06-14",
                "Pakistan and Russia began the Druzhba-VI exercise at Tarbela on Monday. "
                "A total of 200 troops are participating."),
        _report(tmp_path, "tass.md", "TASS", "2023-06-11",
                "MOSCOW, June 11. /TASS/. Russian special forces arrived in Pakistan on Saturday for the "
                "Druzhba-2023 exercise, which begins on June 12. The drill involves 200 servicemen."),
        _report(tmp_path, "tribune.md", "The Express Tribune", "2023-06-15",
                "The joint exercise #DRUZHBA started at Tarbela on Tuesday with a heliborne assault. "
                "About 100 troops from each side are taking part."),
    ]


def test_values_are_the_ones_most_distinct_sources_give(tmp_path):
    events = extract_files(_outlets(tmp_path)).events
    ex = events[events["event_type"] == "exercise"]
    assert len(ex) == 1, ex[["name", "date_start", "sources"]].to_string()
    row = ex.iloc[0]
    assert row["source_count"] == 5
    assert (row["date_start"], row["date_precision"]) == ("2023-06-12", "day")
    assert row["quantity"] == 200
    # the minority values stay, with who gave them
    assert "date_start: 2023-06-12" in row["conflicts"] and "2023-06-13 (The joint exercise" not in row["conflicts"]
    assert "100 (" in row["conflicts"]


def test_the_table_is_the_same_whatever_order_the_files_come_in(tmp_path):
    import random
    paths = _outlets(tmp_path)
    first = extract_files(paths).events
    for seed in range(4):
        shuffled = list(paths)
        random.Random(seed).shuffle(shuffled)
        again = extract_files(shuffled).events
        assert again.to_dict("records") == first.to_dict("records")


def test_a_planned_event_later_reported_as_held_is_one_reported_row(tmp_path):
    plan = _report(tmp_path, "plan.md", "APP", "2025-11-20",
                   "The Indian defence minister Rajnath Singh will visit Moscow on December 5 for talks.")
    held = _report(tmp_path, "held.md", "PTI", "2025-12-06",
                   "Defence minister Rajnath Singh visited Moscow on Friday for talks with Russian officials.")
    events = extract_files([held, plan]).events
    visits = events[events["event_type"] == "visit"]
    assert len(visits) == 1
    row = visits.iloc[0]
    assert (row["status"], row["date_start"], row["source_count"]) == ("reported", "2025-12-05", 2)


def test_an_editions_translated_name_in_one_outlet_folds_into_the_name_most_give(tmp_path):
    opened = "Indian and French troops began the joint exercise {} at Umroi on 13 May 2024."
    paths = [_report(tmp_path, f"r{i}.md", f"Outlet {i}", "2024-05-14", opened.format("Shakti-2024"), f"Report {i}")
             for i in range(3)]
    paths.append(_report(tmp_path, "power.md", "Outlet 9", "2024-05-13", opened.format("Power-2024"), "Report 9"))
    events = extract_files(paths).events
    rows = events[events["event_type"] == "exercise"]
    assert list(rows["name"]) == ["Shakti-2024"]
    assert rows.iloc[0]["source_count"] == 4
    assert "Power-2024 (Report 9)" in rows.iloc[0]["conflicts"]


def test_a_country_only_one_of_many_outlets_names_is_not_a_party(tmp_path):
    opened = "{} troops began the Druzhba-VII exercise at Pabbi on Monday."
    paths = [_report(tmp_path, f"r{i}.md", f"Outlet {i}", "2023-10-10", opened.format("Pakistani and Russian"),
                     f"Report {i}") for i in range(3)]
    paths.append(_report(tmp_path, "odd.md", "Outlet 9", "2023-10-10", opened.format("Pakistani, Russian and Chinese"),
                         "Report 9"))
    row = extract_files(paths).events.query("name == 'Druzhba-7'").iloc[0]
    assert row["countries"] == ["Pakistan", "Russia"]
    assert row["source_count"] == 4
