"""app.tables and app.exports: readable views and downloads of the events table."""
from __future__ import annotations

import io
import json

import pandas as pd

from app import exports, tables
from preprocessing.table import COLUMNS
from tests.factories import ARTICLE_A, events_table, events_with_status, spans


def test_events_display_is_one_readable_row_per_event():
    events = events_table()
    shown = tables.events_display(events)
    assert list(shown["Event id"]) == list(events["event_id"])
    row = shown.set_index("Event id").loc["ev_druzhba5"]
    assert row["Date"] == "2020-11-08 – 2020-11-21"
    assert row["Type"] == "Exercise" and row["Countries"] == "Pakistan, Russia"
    assert row["Quantity"] == "150 troops"
    assert shown.set_index("Event id").loc["ev_mi35", "From → to"] == "Russia → Pakistan"
    assert shown.set_index("Event id").loc["ev_meeting", "Date"] == ""


def test_split_series():
    assert tables.split_series("Druzhba-5") == ("Druzhba", "5")
    assert tables.split_series("Kavkaz-2020") == ("Kavkaz", "2020")
    assert tables.split_series("Maritime Security Belt-2022") == ("Maritime Security Belt", "2022")
    assert tables.split_series("Sea Guardians 6") == ("Sea Guardians", "6")
    assert tables.split_series("Shaheen") == ("Shaheen", "")
    assert tables.split_series("") == ("", "")


def test_exercise_editions_host_venue_and_troops():
    ed = tables.exercise_editions(events_table(), country_of={"Astrakhan": "Russia"}.get).set_index("label")
    assert list(ed.index) == ["Druzhba-1", "Druzhba-4", "Kavkaz-2020", "Druzhba-5"]
    assert ed.loc["Druzhba-5", "host"] == "Pakistan" and ed.loc["Druzhba-5", "troops"] == "150 troops"
    assert ed.loc["Kavkaz-2020", "host"] == "Russia"  # from the venue's country
    assert ed.loc["Druzhba-1", "inferred"]
    assert tables.series_names(ed.reset_index()) == ["Druzhba", "Kavkaz"]


def test_tables_sort_dates_as_dates_and_keep_their_precision():
    shown = tables.events_display(events_table())
    dated = shown[shown["Date"] != ""]
    # sorting the text column is sorting by date: a year before its months, a month before its days
    assert list(dated.sort_values("Date")["Event id"]) == list(events_table().dropna(subset=["when"])
                                                              .sort_values("when", kind="stable")["event_id"])
    by_id = shown.set_index("Event id")["Date"]
    assert (by_id["ev_druzhba1"], by_id["ev_druzhba4"], by_id["ev_visit"]) == ("2016", "2019-10", "2019-07-03")


def test_every_table_links_its_first_source_by_title_and_lists_the_others():
    events = events_table()
    events.loc[events["event_id"] == "ev_druzhba5", "sources"] = pd.Series(
        [[ARTICLE_A, "Second report"]], index=events.index[events["event_id"] == "ev_druzhba5"])
    links = {ARTICLE_A: "https://example.org/drills"}
    shown = tables.events_display(events, links).set_index("Event id")
    cell = shown.loc["ev_druzhba5", "Source"]
    assert cell.startswith("https://example.org/drills#source=") and tables.link_title(cell) == ARTICLE_A
    assert shown.loc["ev_druzhba5", "Also in"] == "Second report"
    # an article without a web address opens on the Sources page
    other = shown.loc["ev_j10c", "Source"]
    assert other.startswith("sources?article=") and tables.link_title(other) == "Jets arrive in Pakistan"
    for view in (tables.transfer_register(events, links), tables.visits_display(events, links),
                 tables.agreements_display(events, links), tables.editions_display(tables.exercise_editions(events), links)):
        assert "Source" in view.columns and all(c == "" or "#source=" in c for c in view["Source"])


def test_exercise_tables_name_the_host_and_the_guests():
    ed = tables.editions_display(tables.exercise_editions(events_table(), country_of={"Astrakhan": "Russia"}.get))
    row = ed.set_index("Exercise").loc["Kavkaz-2020"]
    assert (row["Host"], row["Guests"]) == ("Russia", "Pakistan")
    unhosted = ed.set_index("Exercise").loc["Druzhba-1"]
    assert (unhosted["Host"], unhosted["Guests"]) == ("not stated", "Pakistan, Russia")
    assert "From → to" not in ed.columns and "Participants" not in ed.columns


def test_transfer_register_reads_like_sipri():
    reg = tables.transfer_register(events_table())
    assert list(reg.columns[:9]) == ["Supplier", "Recipient", "Equipment", "Quantity", "Deal or delivery",
                                     "Year", "Date", "Status", "Evidence"]
    first = reg.iloc[0]
    assert (first["Supplier"], first["Recipient"], first["Equipment"], first["Quantity"]) == (
        "Russia", "Pakistan", "Mi-35", "4 helicopters")
    assert first["Status"] == "Delivered" and first["Year"] == "2017"
    assert list(reg["Equipment"]) == ["Mi-35", "J-10C"]


def test_visits_and_agreements():
    v = tables.visits_display(events_table())
    assert list(v["Kind"]) == ["Official visit", "Meeting"]
    assert v.iloc[0][["Visitor", "Host", "People", "Place"]].tolist() == [
        "Russia", "Pakistan", "Oleg Salyukov, Qamar Javed Bajwa", "Rawalpindi"]
    a = tables.agreements_display(events_table())
    assert list(a["Agreement"]) == ["military cooperation agreement"]


def test_article_events_are_tagged_in_text_order():
    rows = tables.article_events(events_table(), spans(), "a.md", ARTICLE_A)
    # Events with spans come first, in order of their evidence; then the rest the article reports.
    assert list(rows["event_id"][:2]) == ["ev_druzhba5", "ev_druzhba4"]
    assert list(rows["tag"][:2]) == ["E1", "E2"]
    assert "ev_j10c" not in set(rows["event_id"])


def test_headline():
    head = tables.headline(events_table())
    assert head["by_type"] == {"exercise": 4, "arms_transfer": 2, "visit": 2, "agreement": 1, "policy": 1}
    assert head["articles"] == 2 and head["years"] == "2014–2022" and head["undated"] == 1
    assert (head["planned"], head["cancelled"]) == (0, 0)


def test_headline_counts_planned_and_cancelled_events_apart_from_the_types():
    head = tables.headline(events_with_status())
    assert head["by_type"] == {"exercise": 2, "arms_transfer": 2, "visit": 1, "agreement": 1, "policy": 1}
    assert (head["planned"], head["cancelled"]) == (2, 1)
    assert head["years"] == "2014–2022", "a planned event's date still counts for the years covered"


def test_every_events_table_has_a_status_column():
    events = events_with_status()
    shown = tables.events_display(events).set_index("Event id")
    assert shown.loc["ev_druzhba5", "Status"] == "planned" and shown.loc["ev_kavkaz", "Status"] == "cancelled"
    assert shown.loc["ev_mi35", "Status"] == "reported"
    editions = tables.editions_display(tables.exercise_editions(events)).set_index("Exercise")
    assert editions["Status"].to_dict() == {"Druzhba-1": "reported", "Druzhba-4": "reported",
                                            "Kavkaz-2020": "cancelled", "Druzhba-5": "planned"}
    assert editions.loc["Druzhba-1", "Stated or inferred"] == "inferred"
    assert list(tables.visits_display(events)["Status"]) == ["planned", "reported"]
    assert list(tables.agreements_display(events)["Status"]) == ["reported"]
    assert "Status" in tables.event_rows(events).columns
    rows = tables.article_events(events, spans(), "a.md", ARTICLE_A)
    assert list(tables.article_events_display(rows)["Status"][:2]) == ["planned", "reported"]
    # a table without the column (an older extraction) reads as reported
    assert set(tables.events_display(events.drop(columns="status"))["Status"]) == {"reported"}


def test_the_register_says_a_transfer_is_planned_or_cancelled():
    events = events_table()
    events.loc[events["event_id"] == "ev_j10c", "status"] = "planned"
    events.loc[events["event_id"] == "ev_mi35", "status"] = "cancelled"
    assert list(tables.transfer_register(events)["Status"]) == ["Cancelled", "Planned"]


def test_csv_download_joins_lists_like_the_cli():
    events = events_table()
    data = exports.to_csv(events, COLUMNS)
    back = pd.read_csv(io.BytesIO(data), dtype="str", keep_default_na=False)
    assert list(back.columns) == COLUMNS
    assert back.loc[back["event_id"] == "ev_visit", "people"].item() == "Oleg Salyukov;Qamar Javed Bajwa"
    assert back.loc[back["event_id"] == "ev_mi35", "quantity"].item() == "4"


def test_json_download_is_records_with_real_lists_and_nulls():
    records = json.loads(exports.to_json(events_table(), COLUMNS))
    by_id = {r["event_id"]: r for r in records}
    assert by_id["ev_mi35"]["quantity"] == 4 and by_id["ev_embargo"]["quantity"] is None
    assert by_id["ev_druzhba1"]["inferred"] is True
    assert by_id["ev_visit"]["countries"] == ["Pakistan", "Russia"]
    assert set(by_id["ev_visit"]) == set(COLUMNS)


def _curated():
    """The fixed table as store.curate returns it: review_status and edited_fields added."""
    events = events_table()
    events["review_status"] = "unreviewed"
    events["edited_fields"] = [["location"] if e == "ev_druzhba5" else [] for e in events["event_id"]]
    return events, COLUMNS + ["review_status", "edited_fields"]


def test_parquet_download_keeps_types_and_lists():
    import pyarrow as pa
    import pyarrow.parquet as pq

    events, columns = _curated()
    table = pq.read_table(io.BytesIO(exports.to_parquet(events, columns)))
    assert table.column_names == columns
    assert table.schema.field("countries").type == pa.list_(pa.string())
    assert table.schema.field("edited_fields").type == pa.list_(pa.string())
    assert table.schema.field("quantity").type == pa.int64() and table.schema.field("inferred").type == pa.bool_()
    back = table.to_pandas().set_index("event_id")
    assert list(back.loc["ev_visit", "people"]) == ["Oleg Salyukov", "Qamar Javed Bajwa"]
    assert list(back.loc["ev_druzhba5", "edited_fields"]) == ["location"]
    assert pd.isna(back.loc["ev_embargo", "quantity"]) and back.loc["ev_mi35", "quantity"] == 4


def test_the_curated_columns_download_flat_in_csv():
    events, columns = _curated()
    back = pd.read_csv(io.BytesIO(exports.to_csv(events, columns)), dtype="str", keep_default_na=False)
    assert back.loc[back["event_id"] == "ev_druzhba5", "edited_fields"].item() == "location"
    assert set(back["review_status"]) == {"unreviewed"}


def test_the_events_table_says_how_each_event_was_reviewed():
    events, _ = _curated()
    shown = tables.events_display(events).set_index("Event id")
    assert shown.loc["ev_druzhba5", "Review"] == "unreviewed; edited: location"
    assert "Review" not in tables.events_display(events_table()).columns  # the raw table has no review


def test_an_event_label_names_it_in_one_line():
    row = events_table().set_index("event_id").loc["ev_druzhba5"].to_dict()
    assert tables.event_label(row) == "Druzhba-5 · Exercise · 8 Nov 2020 – 21 Nov 2020 · Pakistan, Russia"
    meeting = events_table().set_index("event_id").loc["ev_meeting"].to_dict()
    assert tables.event_label(meeting) == "Visit or meeting · undated · India, Russia"
