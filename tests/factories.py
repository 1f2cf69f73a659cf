"""Small, fixed events tables for tests: the contract's columns plus the dashboard's time columns."""
from __future__ import annotations

from datetime import date

import pandas as pd

from app.corpus import Corpus
from app.dates import add_time_columns
from preprocessing.model import Article
from preprocessing.table import COLUMNS, to_frame

ARTICLE_A = "Pakistan and Russia hold drills"
ARTICLE_B = "Jets arrive in Pakistan"


def event(event_id: str, event_type: str, **fields) -> dict:
    base = {c: "" for c in COLUMNS}
    base.update({"event_id": event_id, "event_type": event_type, "countries": [], "people": [],
                 "organizations": [], "equipment": [], "sources": [ARTICLE_A], "quantity": None,
                 "inferred": False})
    base.update(fields)
    if base["date_start"] and not base["date_precision"]:
        base["date_precision"] = {4: "year", 7: "month", 10: "day"}[len(base["date_start"])]
    base["source_count"] = len(base["sources"])
    return base


def records() -> list[dict]:
    pk_ru = ["Pakistan", "Russia"]
    return [
        event("ev_embargo", "policy", subtype="embargo_lifted", name="arms embargo", date_start="2014",
              countries=pk_ru, actor1="Russia", actor2="Pakistan",
              evidence="Russia had lifted the embargo on sale of arms to Pakistan in 2014."),
        event("ev_druzhba1", "exercise", subtype="bilateral", name="Druzhba-1", date_start="2016",
              countries=pk_ru, inferred=True, evidence="The exercise has been held annually since 2016."),
        event("ev_mi35", "arms_transfer", subtype="delivery", name="Mi-35", date_start="2017", countries=pk_ru,
              actor1="Russia", actor2="Pakistan", quantity=4, quantity_unit="helicopters", equipment=["Mi-35"],
              evidence="Pakistan had received four Mi-35 attack helicopters from Russia in 2017."),
        event("ev_agreement", "agreement", subtype="military_cooperation", name="military cooperation agreement",
              date_start="2018-08", countries=pk_ru,
              evidence="In August 2018, Pakistan and Russia signed a military cooperation agreement."),
        event("ev_visit", "visit", subtype="official_visit", date_start="2019-07-03", countries=pk_ru,
              actor1="Russia", actor2="Pakistan", people=["Oleg Salyukov", "Qamar Javed Bajwa"],
              location="Rawalpindi", evidence="On July 3, 2019 General Oleg Salyukov visited Pakistan."),
        event("ev_druzhba4", "exercise", subtype="bilateral", name="Druzhba-4", date_start="2019-10",
              countries=pk_ru, actor1="Russia", location="Russia",
              evidence="The fourth edition of Druzhba was held in Russia in October last year."),
        event("ev_kavkaz", "exercise", subtype="multilateral", name="Kavkaz-2020", date_start="2020-09",
              countries=pk_ru, location="Astrakhan",
              evidence='Pakistani forces took part in the multinational exercise "Kavkaz-2020" in Astrakhan.'),
        event("ev_druzhba5", "exercise", subtype="bilateral", name="Druzhba-5", date_start="2020-11-08",
              date_end="2020-11-21", countries=pk_ru, actor1="Pakistan", location="Pakistan", quantity=150,
              quantity_unit="troops", evidence="The 5th round of the exercise began on Sunday."),
        event("ev_j10c", "arms_transfer", subtype="delivery", name="J-10C", date_start="2022-03-04",
              countries=["China", "Pakistan"], actor1="China", actor2="Pakistan", quantity=6,
              quantity_unit="fighter jets", equipment=["J-10C"], sources=[ARTICLE_B],
              evidence="The first batch of six J-10C jets arrived <b>on Friday</b>."),
        event("ev_meeting", "visit", subtype="meeting", countries=["India", "Russia"], sources=[ARTICLE_B],
              evidence="The ministers also met on the sidelines."),
    ]


def events_table() -> pd.DataFrame:
    return add_time_columns(to_frame(records()))


# The same table with statuses other than "reported": a planned edition and visit, a cancelled exercise.
PLANNED_IDS = ("ev_druzhba5", "ev_visit")
CANCELLED_IDS = ("ev_kavkaz",)


def events_with_status() -> pd.DataFrame:
    events = events_table()
    events.loc[events["event_id"].isin(PLANNED_IDS), "status"] = "planned"
    events.loc[events["event_id"].isin(CANCELLED_IDS), "status"] = "cancelled"
    return events


TEXT_A = ("The 5th round of the exercise began on Sunday. "
          "<script>window.__pwned=1</script> The fourth edition of Druzhba was held in Russia in October last year.")
TEXT_B = "The first batch of six J-10C jets arrived <b>on Friday</b>. <img src=x onerror=\"window.__pwned=1\">"


def articles() -> tuple[Article, ...]:
    return (
        Article("a.md", TEXT_A, title=ARTICLE_A, source="Example News", url="https://example.org/a",
                published=date(2020, 11, 9)),
        Article("b.md", TEXT_B, title=ARTICLE_B, source="Other Wire", url="javascript:alert(1)",
                published=date(2022, 3, 5)),
    )


def spans() -> pd.DataFrame:
    s1 = TEXT_A.index("The 5th")
    s2 = TEXT_A.index("The fourth")
    s3 = TEXT_B.index("The first")
    return pd.DataFrame({
        "event_id": ["ev_druzhba5", "ev_druzhba4", "ev_j10c"],
        "doc_id": ["a.md", "a.md", "b.md"],
        "start": [s1, s2, s3],
        "end": [TEXT_A.index("<script>") - 1, len(TEXT_A), TEXT_B.index("<img") - 1],
    }).astype({"event_id": "str", "doc_id": "str"})


def corpus(events: pd.DataFrame | None = None) -> Corpus:
    return Corpus(events=events_table() if events is None else events, articles=articles(), spans=spans(),
                  columns=tuple(COLUMNS))
