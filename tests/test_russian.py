"""Russian articles read into the same table as English ones: English canonical values, Russian evidence.

Every article here is written for the test in the manner of Russian wire copy and ministry releases,
about events other than the blind sets'; each test asserts the rows an analyst would want from it.
"""
from datetime import date

import pytest

from preprocessing import extract_articles, extract_files
from preprocessing.articles import article_from_text
from preprocessing.lexicon import default_lexicon
from preprocessing.model import Sentence
from preprocessing.russian import mentions, sentences
from tests.test_extraction_rules import one


def table(text: str, published: date):
    return extract_articles([article_from_text(text, "ru.md", published=published).article]).events


def analysed(text: str, published=date(2023, 9, 18)):
    lex = default_lexicon().for_language("ru")
    return mentions.analyse(Sentence("d", 0, text, 0, len(text)), lex, published)


# ---------------------------------------------------------------- mentions

@pytest.mark.parametrize("text", ["Учения прошли в Пакистане.", "Вертолеты поставлены Пакистану.",
                                  "Переговоры с Пакистаном завершились.", "Делегация пакистанской стороны прибыла."])
def test_every_case_of_a_country_is_the_country(text):
    assert [m.canonical for m in analysed(text).of("country")] == ["Pakistan"]


def test_a_compound_adjective_names_both_countries():
    sm = analysed("Началось российско-монгольское учение.")
    assert [m.canonical for m in sm.of("country")] == ["Russia", "Mongolia"]


def test_cyrillic_designations_are_the_english_entries():
    sm = analysed("Полк получил Су-30СМ, Ми-35М и зенитные комплексы С-400.")
    assert [m.canonical for m in sm.of("equipment")] == ["Su-30SM", "Mi-35", "S-400"]


def test_a_lone_preposition_is_no_letter_of_a_designation():
    sm = analysed("Контракта по Су-35 с Пакистаном нет.")
    assert [(m.canonical, m.text) for m in sm.of("equipment")] == [("Su-35", "Су-35")]


def test_people_in_any_case_are_named_in_the_nominative_in_latin_letters():
    sm = analysed("Переговоры провели министр обороны России Сергей Шойгу и министр обороны Индии Раджнатом Сингхом,"
                  " а также командующий флотом адмирал Олегом Рябцевым.")
    assert [p.canonical for p in sm.people] == ["Sergei Shoigu", "Rajnath Singh", "Oleg Ryabtsev"]


def test_counts_of_troops_and_machines_in_english_units():
    sm = analysed("В учении участвуют около 800 военнослужащих и четыре вертолета.")
    assert [(q.canonical, q.attr("unit")) for q in sm.quantities] == [("800", "troops"), ("4", "helicopters")]


def test_a_wire_dateline_and_page_furniture_are_no_sentences():
    from preprocessing.model import Article
    text = ("ВЛАДИВОСТОК, 14 июля. /ТАСС/. Учение началось в понедельник.\n"
            "Читайте также: Флот получил новый корабль\nФото: Минобороны России\n")
    got = [s.text for s in sentences.split_sentences(Article("d", text))]
    assert got == ["Учение началось в понедельник."]


# ---------------------------------------------------------------- articles

def test_a_tass_report_of_an_exercise():
    df = table("ВЛАДИВОСТОК, 14 июля. /ТАСС/. Российско-вьетнамское военно-морское учение «Морской щит-2024» начнется "
               "в понедельник в заливе Камрань и продлится до 20 июля, сообщили ТАСС в пресс-службе Тихоокеанского "
               "флота. В нем примут участие около 600 военнослужащих и пять кораблей двух стран. Предыдущее учение "
               "прошло в августе прошлого года у берегов Приморья.", date(2024, 7, 14))
    this = one(df, date_start="2024-07-15")
    assert (this["date_end"], this["status"], this["countries"], this["quantity"]) == \
        ("2024-07-20", "planned", ["Russia", "Vietnam"], 600)
    assert this["evidence"].startswith("Российско-вьетнамское военно-морское учение")  # the Russian sentence
    before = one(df, date_start="2023-08")
    assert (before["date_precision"], before["status"]) == ("month", "reported")


def test_a_completed_contract_is_a_delivery_to_the_dative():
    df = table("Россия в полном объеме выполнила контракт на поставку Пакистану четырех ударно-транспортных "
               "вертолетов Ми-35М в 2017 году.", date(2017, 8, 23))
    row = one(df, event_type="arms_transfer")
    assert (row["subtype"], row["name"], row["date_start"], row["actor1"], row["actor2"], row["quantity"],
            row["quantity_unit"]) == ("delivery", "Mi-35", "2017", "Russia", "Pakistan", 4, "helicopters")


def test_an_order_and_a_delivery_from_one_report():
    df = table("Вьетнам получил первые три учебно-боевых самолета Як-130 в прошлом году. Контракт на поставку "
               "12 самолетов был подписан в январе 2019 года.", date(2021, 3, 2))
    order, delivery = one(df, subtype="order"), one(df, subtype="delivery")
    assert (order["name"], order["date_start"], order["quantity"]) == ("Yak-130", "2019-01", 12)
    assert (delivery["name"], delivery["date_start"], delivery["quantity"]) == ("Yak-130", "2020", 3)
    assert order["countries"] == delivery["countries"] == ["Russia", "Vietnam"]


def test_a_postponed_exercise_is_cancelled_at_its_planned_month():
    df = table("Учение «Дружба-2022», которое планировалось провести в сентябре, отложено.", date(2022, 8, 10))
    row = one(df, event_type="exercise")
    assert (row["name"], row["date_start"], row["status"]) == ("Druzhba-2022", "2022-09", "cancelled")


def test_hypotheticals_and_denied_reports_are_no_rows():
    df = table("Египет может закупить российские истребители Су-35, заявил эксперт. Ранее иранские СМИ заявляли, "
               "что контракт на поставку Су-35 подписан, однако Москва эту информацию не подтвердила.",
               date(2024, 5, 20))
    assert df.empty, df[["event_type", "name", "evidence"]].to_string()


def test_a_visit_and_its_talks():
    df = table("Министр обороны Пакистана Первез Хаттак прибыл в Москву с официальным визитом. В среду он провел "
               "переговоры с министром обороны России Сергеем Шойгу.", date(2019, 5, 15))
    visit = one(df, subtype="official_visit")
    assert (visit["actor1"], visit["actor2"], visit["location"], visit["people"]) == \
        ("Pakistan", "Russia", "Moscow", ["Pervez Khattak"])
    talks = one(df, subtype="meeting")
    assert (talks["date_start"], talks["people"]) == ("2019-05-15", ["Sergei Shoigu"])


def test_a_commission_sitting_is_named_for_its_pair():
    df = table("Очередное заседание российско-казахстанской межправительственной комиссии по военно-техническому "
               "сотрудничеству прошло в четверг в Астане.", date(2016, 6, 17))
    row = one(df, event_type="visit")
    assert (row["subtype"], row["name"], row["date_start"]) == \
        ("meeting", "Russia-Kazakhstan Intergovernmental Commission on Military-Technical Cooperation", "2016-06-16")


def test_an_unlisted_series_is_transliterated_and_named_by_year():
    df = table("Учение «Орруда-2024» проходит с 4 по 8 ноября в Яванском море.", date(2024, 11, 5))
    row = one(df, event_type="exercise")
    assert (row["name"], row["date_start"], row["date_end"]) == ("Orruda-2024", "2024-11-04", "2024-11-08")


def test_a_translatable_name_is_not_invented():
    df = table("Совместное российско-алжирское учение «Пустынный щит-2022» прошло с 16 по 28 ноября.",
               date(2022, 11, 30))
    row = one(df, event_type="exercise")
    assert (row["name"], row["date_start"], row["countries"]) == ("", "2022-11-16", ["Algeria", "Russia"])


# ---------------------------------------------------------------- one table across languages

def test_the_same_edition_reported_in_english_and_russian_is_one_row():
    en = article_from_text(
        "---\ntitle: Russia, India begin Indra drills\npublished: 2023-09-19\n---\nMOSCOW, Sept 19 (Reuters) - "
        "Russian and Indian troops began the INDRA-2023 joint exercise at the Prudboy range in the Volgograd region "
        "on Monday, the Russian defence ministry said. Some 400 troops are taking part.\n", "en.md").article
    ru = article_from_text(
        "---\ntitle: Началось учение «Индра-2023»\npublished: 2023-09-18\n---\nВОЛГОГРАД, 18 сентября. /ТАСС/. "
        "Совместное российско-индийское учение «Индра-2023» началось в понедельник на полигоне Прудбой в "
        "Волгоградской области. В нем участвуют около 500 военнослужащих двух стран.\n", "ru.md").article
    assert (en.language, ru.language) == ("en", "ru")
    df = extract_articles([en, ru]).events
    row = one(df, event_type="exercise")
    assert (row["name"], row["date_start"], row["source_count"]) == ("Indra-2023", "2023-09-18", 2)
    assert sorted(row["sources"]) == ["Russia, India begin Indra drills", "Началось учение «Индра-2023»"]
    assert "Совместное российско-индийское учение" in row["evidence"] and "began the INDRA-2023" in row["evidence"]
    assert "quantity: 500" in row["conflicts"] and "vs 400" in row["conflicts"]  # the reports disagree: kept


def test_the_command_reads_both_languages_into_one_table(tmp_path):
    (tmp_path / "ru.md").write_text(
        "---\ntitle: Учение\npublished: 2023-09-18\nlanguage: ru\n---\nУчение «Индра-2023» началось в понедельник "
        "на полигоне Прудбой.\n", encoding="utf-8")
    (tmp_path / "en.md").write_text(
        "---\ntitle: Drill\npublished: 2023-09-19\n---\nRussian and Indian troops began the INDRA-2023 exercise "
        "on Monday.\n", encoding="utf-8")
    out = extract_files([tmp_path / "ru.md", tmp_path / "en.md"])
    assert not out.problems
    assert [(r["name"], r["date_start"], r["source_count"]) for r in out.records] == [("Indra-2023", "2023-09-18", 2)]


def test_goods_named_together_and_a_batch_told_without_its_verb():
    df = table("В прошлом году вооруженные силы Сербии получили четыре ударных вертолета Ми-35М и три "
               "военно-транспортных Ми-17В-5. В апреле 2015 года ВВС Белоруссии получили первые четыре учебно-боевых "
               "самолета Як-130, в 2016-м — еще четыре.", date(2020, 2, 21))
    got = sorted((r["name"], r["date_start"], r["quantity"], r["actor2"]) for _, r in df.iterrows())
    assert got == [("Mi-17", "2019", 3, "Serbia"), ("Mi-35", "2019", 4, "Serbia"),
                   ("Yak-130", "2015-04", 4, "Belarus"), ("Yak-130", "2016", 4, "Belarus")]


def test_word_order_does_not_turn_a_visit_round():
    df = table("2 октября в Москву с визитом прибыл министр обороны Пакистана Хаваджа Асиф.", date(2017, 10, 3))
    row = one(df, event_type="visit")
    assert (row["actor1"], row["actor2"], row["date_start"], row["people"]) == \
        ("Pakistan", "Russia", "2017-10-02", ["Khawaja Asif"])


def test_a_contract_for_a_supply_is_an_order():
    for text in ("Россия и Пакистан в августе 2015 года подписали контракт на поставку вертолетов Ми-35М.",
                 "Контракт с Рособоронэкспортом на поставку Пакистану вертолетов Ми-35М был заключен в августе 2015 года."):
        row = one(table(text, date(2017, 9, 1)), event_type="arms_transfer")
        assert (row["subtype"], row["actor1"], row["actor2"], row["date_start"]) == ("order", "Russia", "Pakistan", "2015-08")


def test_an_agreement_told_in_both_languages_is_one_row():
    en = article_from_text("---\ntitle: E\npublished: 2023-06-21\n---\nRussia and Pakistan signed an agreement on "
                           "military cooperation in Moscow on June 20.\n", "en.md").article
    ru = article_from_text("---\ntitle: Р\npublished: 2023-06-21\n---\nРоссия и Пакистан 20 июня подписали в Москве "
                           "соглашение о военном сотрудничестве.\n", "ru.md").article
    row = one(extract_articles([en, ru]).events, event_type="agreement")
    assert (row["subtype"], row["date_start"], row["source_count"]) == ("military_cooperation", "2023-06-20", 2)


def test_foreign_names_in_oblique_cases_are_put_in_the_nominative():
    sm = analysed("Переговоры с генералом Мухаммадом Аюбом Ханом и маршалом авиации Ахмедом Ханом прошли в среду.")
    assert [p.canonical for p in sm.people] == ["Mukhammad Ayub Khan", "Akhmed Khan"]
