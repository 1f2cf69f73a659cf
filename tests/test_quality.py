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


def _scores(folder: Path, tmp_path: Path) -> tuple[float, float]:
    """(strict F1, F1) over every row of a blind set, each article extracted on its own."""
    from bench.score_heldout import _extract, f1, score_rows
    from tests import score_events
    totals = [0] * 6
    for article in sorted((folder / "articles").glob("*.md")):
        _, pred = _extract([article], tmp_path, article.stem)
        t = score_rows(pred, score_events.load(folder / "gold" / (article.stem + ".gold.csv")))
        totals = [a + b for a, b in zip(totals, t)]
    strict, matched, pred, found_s, found, required = totals
    return f1(strict / pred, found_s / required), f1(matched / pred, found / required)


# Russian blind sets, scored 0.00 before the Russian reader and first-scored as its README says; the floors
# sit a little under today's figures so that a rule that costs Russian quality fails here.
@pytest.mark.parametrize("name, strict_floor, floor", [("heldout_ru1", 0.80, 0.90), ("heldout_ru2", 0.75, 0.86),
                                                       ("heldout_ru3", 0.66, 0.77), ("heldout_ru4", 0.72, 0.85)])
def test_russian_blind_sets_hold_their_scores(name, strict_floor, floor, tmp_path):
    strict, loose = _scores(HERE / name, tmp_path)
    assert strict >= strict_floor and loose >= floor, (strict, loose)


def test_a_mixed_corpus_tells_one_edition_in_one_row():
    """Seven Russian and seven English reports of one naval exercise (tests/heldout_mixed1): one row, every
    report among its sources, the Russian evidence beside the English."""
    articles = sorted((HERE / "heldout_mixed1" / "articles").glob("*.md"))
    records = extract_files(articles).records
    rows = [r for r in records if r["name"] == "Northern/Interaction-2023"]
    assert len(rows) == 1 and rows[0]["source_count"] >= 12, [(r["name"], r["source_count"]) for r in rows]
    assert (rows[0]["date_start"], rows[0]["date_end"], rows[0]["countries"]) == \
        ("2023-07-20", "2023-07-23", ["China", "Russia"])
    assert any("учени" in e for e in rows[0]["evidence"].split(" | ")) and "exercise" in rows[0]["evidence"]


def test_the_scorer_compares_names_and_evidence_in_cyrillic_as_in_latin_letters():
    """tests/score_events.py is the shared scorer as it now is (identical file): any script's letters count."""
    from tests import score_events
    assert score_events.names_match("Mi-35M|Ми-35М", "Ми-35 М") and score_events.names_match("Дружба-2021", "дружба 2021")
    assert not score_events.names_match("Дружба-2021", "Дружба-2020")
    gold = "Учение «Дружба-2021» началось в понедельник на полигоне Молькино."
    assert score_events.evidence_match(gold, "Сводка. | Учение «Дружба-2021» началось в понедельник на полигоне Молькино")
    assert not score_events.evidence_match(gold, "Учение «Индра-2021» завершилось в пятницу на полигоне Прудбой.")
