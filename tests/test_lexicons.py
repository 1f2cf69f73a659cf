"""The domain data under data/ is consistent: what one file names, the others know."""
import tomllib
from pathlib import Path

import pytest

from preprocessing.lexicon import build_lexicon
from preprocessing.matcher import pattern_key

DATA = Path(__file__).resolve().parent.parent / "data"


def load(name):
    with (DATA / name).open("rb") as f:
        return tomllib.load(f)


@pytest.fixture(scope="module")
def countries():
    return {c["name"] for c in load("countries.toml")["country"]}


def test_every_country_referenced_exists(countries):
    refs = []
    refs += [(p["name"], p["country"]) for p in load("places.toml")["place"] if p.get("country")]
    refs += [(s["name"], c) for s in load("exercises.toml")["series"] for c in s.get("participants", [])]
    refs += [(e["name"], c) for e in load("equipment.toml")["equipment"] for c in e.get("origin", [])]
    refs += [(o["name"], o["country"]) for o in load("organizations.toml")["organization"] if o.get("country")]
    unknown = [(who, c) for who, c in refs if c not in countries]
    assert not unknown


def test_equipment_categories_and_series_kinds_are_known():
    eq = load("equipment.toml")
    assert {e["category"] for e in eq["equipment"]} <= set(eq["categories"])
    for s in load("exercises.toml")["series"]:
        assert s["kind"] in {"bilateral", "multilateral"}, s["name"]
        assert s["numbering"] in {"edition", "year", "none"}, s["name"]


def test_coordinates_are_on_the_globe():
    for p in load("places.toml")["place"] + load("countries.toml")["country"]:
        assert -90 <= p["lat"] <= 90 and -180 <= p["lon"] <= 180, p["name"]


@pytest.mark.parametrize("kind, name", [("country", "country"), ("equipment", "equipment"),
                                        ("series", "series"), ("organization", "organization")])
def test_no_phrase_names_two_entries_of_one_kind(kind, name):
    lex = build_lexicon(DATA)
    files = {"country": "countries.toml", "equipment": "equipment.toml", "series": "exercises.toml",
             "organization": "organizations.toml"}
    entries = load(files[kind])[name]
    owner = {}
    clashes = []
    for e in entries:
        for phrase in [e["name"], *e.get("aliases", []), *e.get("demonyms", [])]:
            key = pattern_key(phrase)
            if owner.setdefault(key, e["name"]) != e["name"]:
                clashes.append((phrase, owner[key], e["name"]))
    assert not clashes
    assert lex.entities  # the lexicon compiles


def test_adding_a_series_is_a_data_change(tmp_path):
    """A new series in the data is found in text without touching code."""
    for f in DATA.glob("*.toml"):
        (tmp_path / f.name).write_bytes(f.read_bytes())
    with (tmp_path / "exercises.toml").open("a", encoding="utf-8") as f:
        f.write('\n[[series]]\nname = "Steppe Eagle"\naliases = []\nweak_aliases = []\n'
                'participants = ["Kazakhstan", "United Kingdom"]\nkind = "bilateral"\nnumbering = "year"\n')
    from preprocessing.articles import article_from_text
    from preprocessing.pipeline import extract_articles
    from datetime import date
    lex = build_lexicon(tmp_path)
    a = article_from_text("Kazakh and British troops began the Steppe Eagle-2023 exercise on Monday.", "x",
                          published=date(2023, 6, 14)).article
    row = extract_articles([a], lex).events.iloc[0]
    assert (row["name"], row["date_start"]) == ("Steppe Eagle-2023", "2023-06-12")
    assert row["countries"] == ["Kazakhstan", "United Kingdom"]
