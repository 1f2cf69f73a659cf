"""Extraction quality against hand-made gold tables: the seed and articles written for the tests."""
from pathlib import Path

import pytest

from preprocessing import extract_files

from .quality import strict_f1

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
SEED = ROOT / "seeds" / "000_a2ef007e2f04334a.txt"
FIXTURES = sorted((HERE / "fixtures" / "articles").glob("*.md"))
BAR = 0.95


def test_seed_reaches_the_bar(tmp_path):
    result = extract_files([SEED])
    score, report = strict_f1(result.events, HERE / "gold" / "000_a2ef007e2f04334a.gold.csv", tmp_path)
    assert score >= BAR, report


@pytest.mark.parametrize("article", [f for f in FIXTURES if "006_" not in f.name], ids=lambda p: p.stem)
def test_fixture_reaches_the_bar(article, tmp_path):
    gold = HERE / "fixtures" / "gold" / (article.stem + ".gold.csv")
    result = extract_files([article])
    score, report = strict_f1(result.events, gold, tmp_path)
    assert score >= BAR, report


def test_opinion_piece_yields_no_events():
    article = next(f for f in FIXTURES if "006_" in f.name)
    events = extract_files([article]).events
    assert events.empty, events[["event_type", "name", "evidence"]].to_string()
