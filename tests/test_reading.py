"""Reading articles: front matter, sidecar metadata, encodings, sentences and datelines."""
from datetime import date

import pytest

from preprocessing.articles import ArticleError, article_from_text, read_article
from preprocessing.matcher import PhraseMatcher
from preprocessing.model import Article
from preprocessing.sentences import split_sentences


def test_front_matter_fields_and_extra_keys(tmp_path):
    p = tmp_path / "a.md"
    p.write_text("---\ntitle: Talks in Moscow\nsource: TASS\nurl: https://example.org/x\n"
                 "published: 2021-04-06\nauthor: Staff\n---\nBody sentence.\n", encoding="utf-8")
    a = read_article(p).article
    assert (a.title, a.source, a.url, a.published) == ("Talks in Moscow", "TASS", "https://example.org/x",
                                                        date(2021, 4, 6))
    assert a.metadata == {"author": "Staff"}
    assert a.text == "Body sentence.\n"


def test_sidecar_metadata_names_the_seed():
    from pathlib import Path
    seed = Path(__file__).resolve().parent.parent / "seeds" / "000_a2ef007e2f04334a.txt"
    a = read_article(seed).article
    assert a.published == date(2020, 11, 9)
    assert a.source == "OpEdNews"
    assert a.metadata["author"] == "Abdus Sattar Ghazali"


def test_bad_published_value_is_a_note_not_a_crash():
    r = article_from_text("---\npublished: last Tuesday\n---\nText.", "x.md")
    assert r.article.published is None
    assert any("not a date" in n for n in r.notes)


@pytest.mark.parametrize("value, expected", [
    ("2020-11-09", date(2020, 11, 9)),
    ("Mon, 09 Nov 2020 10:12:00 +0500", date(2020, 11, 9)),
    ("November 9, 2020", date(2020, 11, 9)),
    ("9 November 2020", date(2020, 11, 9)),
    ("09/11/2020", date(2020, 11, 9)),  # day first, as most of the world's press writes it
    ("November 2020", None),  # no day: not a publication date
    ("2020-13-45", None),
])
def test_publication_dates_in_the_forms_feeds_use(value, expected):
    r = article_from_text(f"---\npublished: {value}\n---\nText.", "x.md")
    assert r.article.published == expected


@pytest.mark.parametrize("data, why", [
    (b"", "empty"), (b"   \n\t", "empty"), (b"\x00\x01\x02binary\x00" * 50, "binary"),
    (b"---\ntitle: only front matter\n---\n", "no article text"),
])
def test_unreadable_files_raise_one_line(tmp_path, data, why):
    p = tmp_path / "bad.txt"
    p.write_bytes(data)
    with pytest.raises(ArticleError) as exc:
        read_article(p)
    assert why in str(exc.value) and "\n" not in str(exc.value)


def test_utf16_with_bom_is_read(tmp_path):
    p = tmp_path / "u16.txt"
    p.write_bytes("Pakistan and Russia held talks.".encode("utf-16"))
    r = read_article(p)
    assert r.article.text == "Pakistan and Russia held talks."
    assert "UTF-16" in r.notes[0]


def _sentences(text):
    return [s.text for s in split_sentences(Article("t", text))]


def test_datelines_are_not_sentences():
    text = ("ISLAMABAD: Pakistan and China began drills.\nRAWALPINDI – The army said so.\n"
            "MOSCOW, Oct 12 (Reuters) - Russia agreed. It was sunny.\n")
    assert _sentences(text) == ["Pakistan and China began drills.", "The army said so.", "Russia agreed.",
                                "It was sunny."]


def test_abbreviations_and_initials_do_not_split():
    text = "Lt. Gen. A. Khan met U.S. officials on Jan. 5. The Navy then sailed."
    assert _sentences(text) == ["Lt. Gen. A. Khan met U.S. officials on Jan. 5.", "The Navy then sailed."]


def test_quotes_end_sentences_and_offsets_point_into_the_text():
    text = '"We are ready," the minister said. Troops arrived!\nNo punctuation at the end'
    sents = split_sentences(Article("t", text))
    assert [s.text for s in sents] == ['"We are ready," the minister said.', "Troops arrived!",
                                       "No punctuation at the end"]
    assert all(text[s.start:s.end] == s.text for s in sents)


def test_matcher_ignores_case_hyphens_and_spaces_in_designations():
    m = PhraseMatcher()
    m.add("Mi-35", "heli")
    m.add("Su-30MKI", "jet")
    text = "MI-35, Mi 35, Mi35 and Su-30 MKI but not Mi-351"
    found = [(text[x.start:x.end], x.payloads[0]) for x in m.find(text)]
    assert found == [("MI-35", "heli"), ("Mi 35", "heli"), ("Mi35", "heli"), ("Su-30 MKI", "jet")]


def test_matcher_prefers_the_longest_phrase():
    m = PhraseMatcher()
    m.add("Pakistan", "country")
    m.add("Pakistan Army Public Relations", "org")
    text = "the Pakistan Army Public Relations said Pakistan"
    assert [x.payloads[0] for x in m.find(text)] == ["org", "country"]
