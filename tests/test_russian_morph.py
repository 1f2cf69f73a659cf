"""Russian words matched in every case, designations and names in the Latin letters English outlets use."""
import pytest

from preprocessing.matcher import AlternativesMatcher
from preprocessing.russian import morph


@pytest.mark.parametrize("form", ["Пакистан", "Пакистана", "Пакистаном", "Пакистане"])
def test_every_case_of_a_name_has_one_dictionary_form(form):
    assert morph.lemma(form) == "пакистан"


def test_a_phrase_matches_in_any_case_and_keeps_its_span():
    m = AlternativesMatcher(morph.keys, morph.tokenize)
    m.add("министр обороны", "title")
    m.add("прибыть", "arrival")
    text = "С министром обороны Индии, прибывшим вчера, встретились; делегации прибыли в Москву."
    found = [(text[x.start:x.end], x.payloads) for x in m.find(text, morph.tokenize(text))]
    # "прибыли" is first read as the noun "прибыль" (profit): the verb's reading matches too
    assert found == [("министром обороны", ("title",)), ("прибывшим", ("arrival",)), ("прибыли", ("arrival",))]


@pytest.mark.parametrize("cyrillic, latin", [
    ("Су-30МКИ", "Su-30MKI"), ("Ми-35М", "Mi-35M"), ("С-400", "S-400"), ("Т-90С", "T-90S"), ("Ка-226Т", "Ka-226T"),
    ("Сергей Шойгу", "Sergei Shoigu"), ("Андрей Белоусов", "Andrei Belousov"), ("Дмитрий Шугаев", "Dmitry Shugaev"),
    ("Евгений Ильин", "Yevgeny Ilyin"), ("Ульяновск", "Ulyanovsk"), ("Юрий Борисов", "Yury Borisov"), ("Николай Патрушев", "Nikolai Patrushev"),
    ("AMAN-2021", "AMAN-2021")])
def test_transliteration_as_english_outlets_write_it(cyrillic, latin):
    assert morph.latin(cyrillic) == latin
