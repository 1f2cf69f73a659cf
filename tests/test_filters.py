"""app.filters: link parsing with notices, and the rows each filter keeps."""
from __future__ import annotations

import pytest

from app import filters as flt
from tests.factories import ARTICLE_A, ARTICLE_B, CANCELLED_IDS, PLANNED_IDS, events_table, events_with_status


@pytest.fixture(scope="module")
def events():
    return events_table()


@pytest.fixture(scope="module")
def options(events):
    return flt.Options.from_events(events, [ARTICLE_A, ARTICLE_B, "An article with no events"])


def ids(frame):
    return list(frame["event_id"])


def test_options_come_from_the_corpus(options):
    assert options.types == ("exercise", "arms_transfer", "visit", "agreement", "policy")
    assert options.countries == ("China", "India", "Pakistan", "Russia")
    assert options.years == tuple(range(2014, 2023))
    assert "An article with no events" in options.sources


def test_no_params_means_no_filter_and_no_notice(events, options):
    filters, notices = flt.parse_params({}, options)
    assert filters == flt.Filters() and not filters.active
    assert notices == []
    assert ids(flt.apply(events, filters)) == ids(events)


def test_valid_link_round_trips(options):
    params = {"type": ["exercise", "visit"], "country": ["India"], "from": ["2016"], "to": ["2020"],
              "source": [ARTICLE_B], "inferred": ["false"]}
    filters, notices = flt.parse_params(params, options)
    assert notices == []
    assert filters == flt.Filters(("exercise", "visit"), ("India",), 2016, 2020, (ARTICLE_B,), False)
    assert flt.to_params(filters) == params


@pytest.mark.parametrize("params, needle", [
    ({"type": ["bogus"]}, "type=“bogus”"),
    ({"country": ["Atlantis"]}, "country=“Atlantis”"),
    ({"from": ["abc"]}, "from=“abc”, which is not a year; showing from 2014"),
    ({"to": ["1900"]}, "to=1900, outside the years the corpus covers (2014–2022); showing up to 2022"),
    ({"source": ["No such article"]}, "source=“No such article”"),
    ({"inferred": ["maybe"]}, "inferred=“maybe”"),
    ({"status": ["postponed"]}, "status=“postponed”, which is not a status in this corpus; showing every status"),
])
def test_malformed_values_get_a_notice_and_the_default(options, params, needle):
    filters, notices = flt.parse_params(params, options)
    assert filters == flt.Filters()
    assert len(notices) == 1 and needle in notices[0]


def test_partly_valid_list_keeps_the_good_values(options):
    filters, notices = flt.parse_params({"type": ["exercise", "bogus"]}, options)
    assert filters.types == ("exercise",)
    assert "showing exercise instead" in notices[0]


def test_values_must_match_exactly_as_the_widgets_write_them(options):
    # Streamlit's bound widgets accept only the exact option text; so must the notice logic.
    _, notices = flt.parse_params({"type": ["Exercise"]}, options)
    assert notices


def test_backwards_years_are_swapped_with_a_notice(events, options):
    filters, notices = flt.parse_params({"from": ["2020"], "to": ["2016"]}, options)
    assert (filters.year_from, filters.year_to) == (2016, 2020)
    assert "backwards" in notices[0]


def test_full_year_range_is_no_year_filter(options):
    assert flt.from_values(year_from=2014, year_to=2022, options=options) == flt.Filters()


def test_each_filter_cuts_rows(events):
    assert ids(flt.apply(events, flt.Filters(types=("arms_transfer",)))) == ["ev_mi35", "ev_j10c"]
    assert ids(flt.apply(events, flt.Filters(countries=("India",)))) == ["ev_meeting"]
    assert ids(flt.apply(events, flt.Filters(sources=(ARTICLE_B,)))) == ["ev_j10c", "ev_meeting"]
    assert "ev_druzhba1" not in ids(flt.apply(events, flt.Filters(inferred=False)))
    # A year filter keeps only dated rows inside it: the undated meeting drops out.
    assert ids(flt.apply(events, flt.Filters(year_from=2019, year_to=2020))) == [
        "ev_visit", "ev_druzhba4", "ev_kavkaz", "ev_druzhba5"]


def test_filters_combine(events):
    both = flt.Filters(types=("exercise",), year_from=2019, inferred=False)
    assert ids(flt.apply(events, both)) == ["ev_druzhba4", "ev_kavkaz", "ev_druzhba5"]


def test_describe_names_active_filters():
    text = flt.Filters(types=("policy",), year_to=2018, inferred=False).describe()
    assert text == ["type: policy", "years: …–2018", "inferred rows hidden"]


def test_the_status_filter_keeps_the_chosen_statuses(options):
    events = events_with_status()
    filters, notices = flt.parse_params({"status": ["planned"]}, options)
    assert notices == [] and filters == flt.Filters(statuses=("planned",)) and filters.active
    assert sorted(ids(flt.apply(events, filters))) == sorted(PLANNED_IDS)
    assert flt.to_params(filters) == {"status": ["planned"]}
    assert filters.describe() == ["status: planned"]
    both = flt.Filters(statuses=("planned", "cancelled"))
    assert sorted(ids(flt.apply(events, both))) == sorted(PLANNED_IDS + CANCELLED_IDS)
    reported = flt.apply(events, flt.Filters(statuses=("reported",)))
    assert not set(ids(reported)) & set(PLANNED_IDS + CANCELLED_IDS) and len(reported) == len(events) - 3
    assert options.statuses == ("reported", "planned", "cancelled")


def test_a_downloads_name_says_which_filters_made_it():
    assert flt.Filters().file_stem("defence-events") == "defence-events"
    assert flt.Filters(countries=("Pakistan",), year_from=2016, year_to=2020).file_stem("defence-events") == \
        "defence-events_Pakistan_2016-2020"
    assert flt.Filters(types=("arms_transfer",), year_to=2018, statuses=("planned",), sources=("A title",),
                       inferred=False).file_stem("defence-events") == \
        "defence-events_arms-transfer_to-2018_planned_1-source_stated-only"
    # any country name gives a name every file system takes
    assert flt.Filters(countries=("Côte d'Ivoire", "United States")).file_stem("x") == "x_Cote-d-Ivoire_United-States"


def test_link_parts_no_filter_reads_are_named():
    pages = {"exercises": ("series",), "sources": ("article",)}
    assert flt.link_notices({"type": ["exercise"], "raw": ["true"], "embed": ["true"]}, pages, "") == []
    notes = flt.link_notices({"raw": ["yes"], "article": ["x"], "utm_source": ["mail"]}, pages, "exercises")
    assert notes == ["The link asks for raw=“yes”; it takes true or false, so the curated table is shown.",
                     "The link's “article” is read on the /sources page, not here; it is ignored.",
                     "The link asks for “utm_source”, which this dashboard does not know; it is ignored."]
    assert flt.link_notices({"series": ["Druzhba"]}, pages, "exercises") == []
    assert flt.choice_notice({"series": ["Nope"]}, "series", ["Druzhba"], "series").startswith(
        "The link asks for series=“Nope”, which is not a series")
    assert flt.choice_notice({"series": ["Druzhba"]}, "series", ["Druzhba"], "series") == ""
