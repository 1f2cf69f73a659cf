"""Which language an article is in, and how it is kept: declared, detected, stored."""
from datetime import date

import pytest

from preprocessing.articles import read_article
from preprocessing.language import declared, detect, language_of
from preprocessing.model import Article


@pytest.mark.parametrize("value, code", [("ru", "ru"), ("Russian", "ru"), ("ru-RU", "ru"), ("EN", "en"),
                                         ("english", "en"), ("", ""), ("12", ""), (None, "")])
def test_declared_language_is_a_lower_case_code(value, code):
    assert declared(value) == code


def test_latin_text_is_english_and_cyrillic_is_told_apart():
    assert detect("Pakistan and Russia held a joint drill near Tarbela on Sunday.") == "en"
    assert detect("Министр обороны Пакистана прибыл в Москву с официальным визитом.") == "ru"
    assert detect("Міністр оборони України прибув до Києва з офіційним візитом у понеділок.") == "uk"
    assert detect("") == "en"  # nothing to read: the default, no model loaded


def test_front_matter_declares_and_the_rest_is_detected(tmp_path):
    ru = "Минобороны России сообщило, что учение «Дружба-2021» прошло в Молькино."
    (tmp_path / "a.md").write_text(f"---\ntitle: A\nlanguage: ru\n---\n{ru}\n", encoding="utf-8")
    (tmp_path / "b.md").write_text(f"---\ntitle: B\npublished: 2021-10-01\n---\n{ru}\n", encoding="utf-8")
    (tmp_path / "c.md").write_text("---\ntitle: C\nlanguage: en\n---\nThe drill began.\n", encoding="utf-8")
    got = {p: read_article(tmp_path / p, date(2021, 10, 1)).article.language for p in ("a.md", "b.md", "c.md")}
    assert got == {"a.md": "ru", "b.md": "ru", "c.md": "en"}


def test_an_unread_language_is_said_and_gives_no_events(tmp_path):
    (tmp_path / "uk.md").write_text("---\ntitle: U\npublished: 2021-10-01\n---\nМіністр оборони України прибув "
                                    "до Києва з офіційним візитом у понеділок.\n", encoding="utf-8")
    from preprocessing import extract_files
    out = extract_files([tmp_path / "uk.md"])
    assert out.records == []
    assert any("Ukrainian, which the extractor does not read" in n for n in out.notes)


def test_an_article_without_a_kept_language_is_detected_when_extracted():
    a = Article("x", "Российские военные прибыли в Пакистан для участия в учении.")
    assert language_of(a) == "ru"
    assert language_of(Article("y", "Pakistani troops arrived.", metadata={"language": "ru"})) == "ru"


@pytest.mark.parametrize("codec, named", [("cp1251", "Windows-1251"), ("koi8_r", "KOI8-R")])
def test_russian_saved_in_an_old_encoding_is_read_as_russian(tmp_path, codec, named):
    text = "Учение \"Дружба-2021\" началось в понедельник на полигоне Молькино в Краснодарском крае."
    path = tmp_path / "old.md"
    path.write_bytes(f"---\ntitle: t\npublished: 2021-09-28\n---\n{text}\n".encode(codec))
    result = read_article(path)
    assert result.article.text.strip() == text and result.article.language == "ru"
    assert any(named in n for n in result.notes)


def test_western_european_text_is_still_windows_1252(tmp_path):
    path = tmp_path / "fr.md"
    path.write_bytes("Les exercices conjoints ont débuté à Toulon, a précisé le ministère.\n".encode("cp1252"))
    result = read_article(path, date(2021, 9, 28))
    assert result.article.text.startswith("Les exercices conjoints ont débuté") and result.article.language == "en"
