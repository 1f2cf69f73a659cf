"""preprocessing.temporal: time expressions normalised at their true precision.

Every case asserts the exact (text, start, end, precision, role) of each value
found, in order, so a wrong year, an invented day or an extra match fails.
"""
from __future__ import annotations

import sys
from datetime import date
from pathlib import Path

import pytest

# Bare `pytest` does not put the project root on sys.path; drop this once the
# project sets `pythonpath = ["."]` (pyproject) or has a root conftest.py.
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from preprocessing import temporal  # noqa: E402
from preprocessing.temporal import find_times, is_future, tense  # noqa: E402

PUB = date(2020, 11, 9)  # a Monday: the seed article's publication date
SEED = Path(__file__).resolve().parents[1] / "seeds" / "000_a2ef007e2f04334a.txt"


def _values(sentence: str, published: date | None = PUB) -> list[tuple]:
    return [(t.text, t.start, t.end, t.precision, t.role) for t in find_times(sentence, published)]


# The seed article, sentence by sentence (published 2020-11-09).
SEED_CASES = [
    ("The 5th round of military exercise of Pakistani and Russian forces began on Sunday.",
     [("Sunday", "2020-11-08", None, "day", "point")]),
    ("A contingent of 150 Russian forces arrived in Pakistan on Thursday to participate in the two week "
     "exercise named 'Bruzhba-5' (Friendship-5).",
     [("Thursday", "2020-11-05", None, "day", "point")]),
    ("The Russian troops, which include 70 special forces, are participating in the exercise that would "
     "continue till 21st November.",
     [("till 21st November", "2020-11-21", None, "day", "end")]),
    ("The fourth edition of 'Bruzhba' (Friendship) was held in Russia in October last year.",
     [("October last year", "2019-10", None, "month", "point")]),
    ("The defense relations between the two countries have been strengthened since the signing of defense "
     "cooperation pact in 2014.",
     [("2014", "2014", None, "year", "point")]),
    ('The joint military exercise "Druzhba" between Pakistan and Russia has been held annually since 2016.',
     [("since 2016", "2016", None, "year", "since")]),
    ('Earlier in September, a contingent of the Pakistani armed forces participated in the opening ceremony '
     'of the multinational military exercise titled "Kavkaz-2020" in Astrakhan, Russia.',
     [("Earlier in September", "2020-09", None, "month", "point"),
      ("Kavkaz-2020", "2020", None, "year", "hint")]),
    ('"This year, due to the epidemiological situation in the world, the stages of the exercise will be held '
     'in compliance with all measures to prevent spread of the new Coronavirus infection.',
     [("This year", "2020", None, "year", "point")]),
    ("Russia had lifted the embargo on sale of arms to Pakistan in 2014, enabling the latter to diversify "
     "the source of purchase of military hardware.",
     [("2014", "2014", None, "year", "point")]),
    ("Pakistan had received four MI-35 attack helicopters from Russia in 2017.",
     [("2017", "2017", None, "year", "point")]),
    ("A state owned Russian entity, United Engine Corporation has agreed to supply modified version of RD-93 "
     "engine to be fitted in fighter jet JF-17, jointly manufactured by China and Pakistan at the "
     "Aeronautical complex at Kamra, according to Defense World.Net.",
     []),
    ("On July 3, 2019 Russia's Commander Ground Forces General Oleg Salyukov visited Pakistan for talks with "
     "Chief of Army Staff General Qamar Javed Bajwa.",
     [("July 3, 2019", "2019-07-03", None, "day", "point")]),
    ("In August 2018, Pakistan and Russia signed a military cooperation agreement which opened doors for "
     "Russian military training of Pakistani army officers.",
     [("August 2018", "2018-08", None, "month", "point")]),
    ("The security training agreement was concluded at the end of the two-day inaugural meeting of the "
     "Russia-Pakistan Joint Military Consultative Committee (JMCC), a statement of the Pakistan Defense "
     "Ministry said.",
     []),
    ("The Frontier Post reported that over the past few years, defense cooperation between Pakistan and "
     "Russia is gradually growing.",
     []),
    ('All Russian military personnel were tested for Covid-19 before leaving for the exercise," the Russian '
     "defense ministry said.",
     []),
]

# Other phrasings, each in a news-style sentence: (sentence, published, expected).
CASES = [
    # the current year or month named by its part: "by the end of the year", "later in the month"
    ("The rest will be delivered by the end of the year.", PUB, [("by the end of the year", "2020", None, "year", "end")]),
    ("A second round is due later in the month.", PUB, [("later in the month", "2020-11", None, "month", "point")]),
    ("The rest of the year was quiet.", PUB, []),
    # "May" and "March" after a planning word are months, not verbs; a plan's month is the one nearest the report
    ("A visit originally scheduled for March was postponed.", date(2020, 4, 10),
     [("March", "2020-03", None, "month", "point")]),
    ("A drill that had been planned for November was called off.", date(2023, 9, 22),
     [("November", "2023-11", None, "month", "point")]),
    # weekdays: on/before publication in the past, on/after in the future
    ("The joint exercise will begin on Sunday.", PUB, [("Sunday", "2020-11-15", None, "day", "point")]),
    ("The exercise, which began on Sunday, will end on Friday.", PUB,
     [("Sunday", "2020-11-08", None, "day", "point"), ("Friday", "2020-11-13", None, "day", "point")]),
    ("The drill will run until Sunday.", PUB, [("until Sunday", "2020-11-15", None, "day", "end")]),
    ("The two sides held talks on Friday.", date(2022, 3, 4), [("Friday", "2022-03-04", None, "day", "point")]),
    ("The drill ran from Monday to Friday.", PUB,
     [("from Monday to Friday", "2020-11-02", "2020-11-06", "day", "range")]),
    # relative to the publication date
    ("The two navies held their first joint drill last year.", PUB, [("last year", "2019", None, "year", "point")]),
    ("Earlier this month, the two armies signed a training pact.", PUB,
     [("Earlier this month", "2020-11", None, "month", "point")]),
    ("The deal was signed late last year.", PUB, [("late last year", "2019", None, "year", "point")]),
    ("The next edition is planned for next autumn.", PUB, [("next autumn", "2021", None, "year", "point")]),
    ("The contract was signed last month.", PUB, [("last month", "2020-10", None, "month", "point")]),
    ("Deliveries will start next month and end next year.", PUB,
     [("next month", "2020-12", None, "month", "point"), ("next year", "2021", None, "year", "point")]),
    ("The minister arrived yesterday and meets his counterpart today.", PUB,
     [("yesterday", "2020-11-08", None, "day", "point"), ("today", "2020-11-09", None, "day", "point")]),
    ("Two years ago, the sides agreed to hold annual drills.", PUB,
     [("Two years ago", "2018", None, "year", "point")]),
    ("The defence minister visited Moscow last week.", PUB,
     [("last week", "2020-11", None, "month", "point")]),  # a week names no day: its Monday's month
    ("The plan was adopted last October.", PUB, [("last October", "2020-10", None, "month", "point")]),
    # a bare month: most recent in the past, next one in the future
    ("The two navies exercised together in September.", PUB, [("September", "2020-09", None, "month", "point")]),
    ("The exercise will be held in September.", PUB, [("September", "2021-09", None, "month", "point")]),
    ("In January, the navies of the two countries held a joint patrol.", date(2020, 12, 10),
     [("January", "2020-01", None, "month", "point")]),
    ("Russia will deliver the remaining jets by October.", PUB, [("by October", "2021-10", None, "month", "end")]),
    ("Russia lifted the embargo in May 2014.", PUB, [("May 2014", "2014-05", None, "month", "point")]),
    # month and day without a year
    ("Russian troops were deployed on June 26.", PUB, [("June 26", "2020-06-26", None, "day", "point")]),
    ("Russian troops were deployed on 26 June.", PUB, [("26 June", "2020-06-26", None, "day", "point")]),
    ("The navy ships docked in Karachi on Oct. 12.", PUB, [("Oct. 12", "2020-10-12", None, "day", "point")]),
    ("The second batch will arrive on June 26.", PUB, [("June 26", "2021-06-26", None, "day", "point")]),
    ("The exercise lasted till 21st November.", PUB, [("till 21st November", "2019-11-21", None, "day", "end")]),
    ("The exercise will continue till the end of December.", date(2020, 12, 10),
     [("till the end of December", "2020-12", None, "month", "end")]),
    ("The jets arrived at Kamra on March 4.", date(2022, 3, 4), [("March 4", "2022-03-04", None, "day", "point")]),
    ("The jets will arrive at Kamra on March 4.", date(2022, 3, 4), [("March 4", "2022-03-04", None, "day", "point")]),
    ("The sides met on February 29.", date(2021, 3, 1), [("February 29", "2020-02-29", None, "day", "point")]),
    ('15 Squadron, known as the "Cobras", at a ceremony on March 11, which Prime Minister Imran Khan is '
     "expected to attend.", date(2022, 3, 5), [("March 11", "2022-03-11", None, "day", "point")]),
    # ranges
    ("The exercise was held between September 27 and October 6.", PUB,
     [("between September 27 and October 6", "2020-09-27", "2020-10-06", "day", "range")]),
    ("The exercise was held from 12 to 20 October.", PUB,
     [("from 12 to 20 October", "2020-10-12", "2020-10-20", "day", "range")]),
    ("The exercise was held October 12-20.", PUB, [("October 12-20", "2020-10-12", "2020-10-20", "day", "range")]),
    ("The exercise will be held 12-20 October 2021.", PUB,
     [("12-20 October 2021", "2021-10-12", "2021-10-20", "day", "range")]),
    ("The exercise will be held August 15-16, 2021.", PUB,
     [("August 15-16, 2021", "2021-08-15", "2021-08-16", "day", "range")]),
    ("The drill ran from December 28 to January 3.", date(2021, 1, 9),
     [("from December 28 to January 3", "2020-12-28", "2021-01-03", "day", "range")]),
    ("The two-week exercise is being held from August 1 to August 13.", date(2021, 8, 2),
     [("from August 1 to August 13", "2021-08-01", "2021-08-13", "day", "range")]),
    ("Pakistan plans to induct the jets by 2026-2027.", PUB, [("by 2026-2027", "2026", "2027", "year", "range")]),
    ("The 2019-20 defence budget rose sharply.", PUB, [("2019-20", "2019", "2020", "year", "range")]),
    ("The agreement covers the period 2021-2031.", PUB, [("2021-2031", "2021", "2031", "year", "range")]),
    ("The talks were held between 2016 and 2018.", PUB, [("between 2016 and 2018", "2016", "2018", "year", "range")]),
    ("The talks were held from 2016 to 2018.", PUB, [("from 2016 to 2018", "2016", "2018", "year", "range")]),
    ("The talks were held in 2014 and 2017.", PUB,
     [("2014", "2014", None, "year", "point"), ("2017", "2017", None, "year", "point")]),
    ("The talks were held on 12 and 20 October.", PUB,
     [("12", "2020-10-12", None, "day", "point"), ("20 October", "2020-10-20", None, "day", "point")]),
    # since
    ("Relations have improved since August 2018.", PUB, [("since August 2018", "2018-08", None, "month", "since")]),
    ("Relations have improved since early 2016.", PUB, [("since early 2016", "2016", None, "year", "since")]),
    # absolute dates at their own precision; modifiers keep it
    ("Deliveries began in mid-2019 and will end in early 2020.", PUB,
     [("mid-2019", "2019", None, "year", "point"), ("early 2020", "2020", None, "year", "point")]),
    ("The plant will close by the end of 2021.", PUB, [("by the end of 2021", "2021", None, "year", "end")]),
    ("The drills took place in the last week of December 2020.", PUB,
     [("the last week of December 2020", "2020-12", None, "month", "point")]),
    ("The talks opened on 2021-10-12.", PUB, [("2021-10-12", "2021-10-12", None, "day", "point")]),
    ("The pact was signed on 12 October 2021.", PUB, [("12 October 2021", "2021-10-12", None, "day", "point")]),
    ("The pact was signed on 12th October, 2021.", PUB,
     [("12th October, 2021", "2021-10-12", None, "day", "point")]),
    ("The pact was signed on October 12, 2021.", PUB, [("October 12, 2021", "2021-10-12", None, "day", "point")]),
    ("The pact was signed on Oct 12, 2021.", PUB, [("Oct 12, 2021", "2021-10-12", None, "day", "point")]),
    ("Sunday, November 8, 2020 marked the start of the drill.", PUB,
     [("Sunday, November 8, 2020", "2020-11-08", None, "day", "point")]),
    ("The drills were held in the summer of 2019.", PUB, [("summer of 2019", "2019", None, "year", "point")]),
    ("Relations soured in the 1990s.", PUB, [("the 1990s", "1990", "1999", "year", "point")]),
    # years inside names are hints
    ("The Zapad 2021 drills and the Aman-2021 naval exercise were watched closely.", PUB,
     [("Zapad 2021", "2021", None, "year", "hint"), ("Aman-2021", "2021", None, "year", "hint")]),
    ('The drill, dubbed "2022 Maritime Security Belt," covers an area of about 17,000 square km.', date(2022, 1, 19),
     [("2022", "2022", None, "year", "hint")]),
]

# Numbers that are not dates: ordinals, designations, counts, durations, money, percentages, clock times.
NOT_DATES = [
    "The 5th round of military exercise of Pakistani and Russian forces began.",
    "The fourth edition of the drill was a two week exercise.",
    "United Engine Corporation has agreed to supply modified version of RD-93 engine to be fitted in fighter "
    "jet JF-17.",
    "Pakistan had received four MI-35 attack helicopters.",
    "Russia will deliver S-400 systems, Su-30MKI jets, T-90 tanks, F-16 parts and a Type 054A frigate.",
    "A contingent of 150 Russian forces and 70 special forces arrived.",
    "The army sent 1,000 troops and 2,000 tonnes of aid worth $1.5 billion.",
    "A force of 2000 troops attended a two-day meeting.",
    "The troops trained for 10 days, a 20% rise, starting at 10:30.",
    "India paid Rs 5,000 crore and Rs 2000 crore for 6,01,427 rifles.",
    "The 21st century began with the 75th anniversary parade and the 12th round of talks.",
    "Mi-8 helicopters, BMP-2 vehicles and a 75-member contingent took part.",
    "No. 15 Squadron fires PL-15 missiles from 4.5-generation jets.",
    "May the troops march on.",
    "Eleven ships and a fifth of the fleet covered 17,000 square km.",
    "Mid-2019 saw the Kavkaz-2020 and Zapad 2021 drills planned.",  # "Mid-2019" is a date: checked below
]


@pytest.mark.parametrize("sentence, expected", SEED_CASES, ids=[s[:40] for s, _ in SEED_CASES])
def test_seed_sentences(sentence, expected):
    assert _values(sentence) == expected


def test_seed_sentences_are_from_the_seed_article():
    text = " ".join(SEED.read_text(encoding="utf-8").split())
    for sentence, _ in SEED_CASES:
        assert sentence in text


@pytest.mark.parametrize("sentence, published, expected", CASES, ids=[s[:40] for s, _, _ in CASES])
def test_phrases(sentence, published, expected):
    assert _values(sentence, published) == expected


@pytest.mark.parametrize("sentence", NOT_DATES[:-1], ids=[s[:40] for s in NOT_DATES[:-1]])
def test_numbers_that_are_not_dates(sentence):
    assert [t for t in find_times(sentence, PUB) if t.role != "hint"] == []


def test_hyphenated_names_are_hints_but_mid_year_is_a_date():
    assert _values(NOT_DATES[-1]) == [
        ("Mid-2019", "2019", None, "year", "point"),
        ("Kavkaz-2020", "2020", None, "year", "hint"),
        ("Zapad 2021", "2021", None, "year", "hint"),
    ]


ALL = [(s, PUB) for s, _ in SEED_CASES] + [(s, p) for s, p, _ in CASES]


@pytest.mark.parametrize("sentence, published", ALL, ids=[s[:40] for s, _ in ALL])
def test_offsets_point_at_the_text(sentence, published):
    for t in find_times(sentence, published):
        assert sentence[t.char_start:t.char_end] == t.text


@pytest.mark.parametrize("sentence, expected", [
    ("The 5th round of military exercise began on Sunday.", [("Sunday", None, None, None, "point")]),
    ("It was held in Russia in October last year.", [("October last year", None, None, None, "point")]),
    ("The exercise would continue till 21st November.", [("till 21st November", None, None, None, "end")]),
    ("It was held between September 27 and October 6.",
     [("between September 27 and October 6", None, None, None, "range")]),
    ("This year, the stages will be held online.", [("This year", None, None, None, "point")]),
    ("The pact was signed in 2014.", [("2014", "2014", None, "year", "point")]),
    ("On July 3, 2019 the general visited Pakistan.", [("July 3, 2019", "2019-07-03", None, "day", "point")]),
    ("In August 2018, the two signed an agreement.", [("August 2018", "2018-08", None, "month", "point")]),
    ("The drill has been held annually since 2016.", [("since 2016", "2016", None, "year", "since")]),
    ("Talks ran from 12 October to 20 October 2021.",
     [("from 12 October to 20 October 2021", "2021-10-12", "2021-10-20", "day", "range")]),
    ('The exercise titled "Kavkaz-2020" ended.', [("Kavkaz-2020", "2020", None, "year", "hint")]),
])
def test_without_publication_date(sentence, expected):
    assert _values(sentence, None) == expected


@pytest.mark.parametrize("sentence, published, relative", [
    ("The exercise began on Sunday.", PUB, [True]),
    ("The exercise began on Sunday.", None, [True]),
    ("It was held in October last year.", PUB, [True]),
    ("The pact was signed in 2014.", PUB, [False]),
    ("Talks were held on October 12, 2021 and on June 26.", PUB, [False, True]),
    ("The exercise will be held 12-20 October 2021.", PUB, [False]),
    ('The exercise titled "Kavkaz-2020" began on Sunday.', PUB, [False, True]),
])
def test_relative_flag(sentence, published, relative):
    assert [t.relative for t in find_times(sentence, published)] == relative


@pytest.mark.parametrize("sentence, future", [
    ("The exercise will be held in compliance with all measures.", True),
    ("The troops are participating in the exercise that would continue till 21st November.", True),
    ("The jets will be formally inducted next week.", True),
    ("The exercise is due to begin on Sunday.", True),
    ("The Prime Minister is expected to attend.", True),
    ("The 5th round of military exercise began on Sunday.", False),
    ("The exercise was postponed due to the epidemiological situation.", False),
    ("Pakistan had received four MI-35 attack helicopters from Russia in 2017.", False),
])
def test_is_future(sentence, future):
    assert is_future(sentence) is future


def test_tense_is_read_from_the_nearest_verb():
    s = "The exercise, which began on Sunday, will end on Friday."
    assert tense(s, s.index("Sunday")) == "past"
    assert tense(s, s.index("Friday")) == "future"
    assert tense("The scope of cooperation is expanding.") == "present"
    assert tense("No verb here.") == "past"


def test_sentence_without_any_cue_is_rejected_by_the_cheap_check(monkeypatch):
    class Exploding:
        def match(self, *args):
            raise AssertionError("the full pattern should not run")

        finditer = search = match

    monkeypatch.setattr(temporal, "_ATOM", Exploding())
    assert find_times("The scope of bilateral cooperation in areas of defense is expanding.", PUB) == []
    assert find_times("", None) == []


@pytest.mark.parametrize("sentence, published, expected", [
    ("From 9 to 20 October last year, a platoon trained near Chelyabinsk.", date(2024, 8, 12),
     ("From 9 to 20 October last year", "2023-10-09", "2023-10-20", "day", "range")),
    ("The drill was held on 5 March this year.", date(2024, 8, 12),
     ("5 March this year", "2024-03-05", None, "day", "point")),
    ("A decade ago, when Moscow lifted its arms embargo on Pakistan, few expected it.", date(2024, 8, 12),
     ("A decade ago", "2014", None, "year", "point")),
])
def test_year_phrases_after_a_date_and_decades_ago(sentence, published, expected):
    t = find_times(sentence, published)[0]
    assert (t.text, t.start, t.end, t.precision, t.role) == expected
