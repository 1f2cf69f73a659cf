"""One rule at a time: short news passages and the exact rows an analyst expects from them."""
from datetime import date

from preprocessing.articles import article_from_text
from preprocessing.pipeline import extract_articles


def events(text: str, published=date(2021, 6, 14)):
    article = article_from_text(text, "t.md", published=published).article
    return extract_articles([article]).events


def one(df, **match):
    rows = df
    for k, v in match.items():
        rows = rows[rows[k] == v]
    assert len(rows) == 1, df[["event_type", "subtype", "name", "date_start", "evidence"]].to_string()
    return rows.iloc[0]


def test_delivery_with_supplier_recipient_quantity_and_year():
    df = events("Pakistan had received four MI-35 attack helicopters from Russia in 2017.")
    row = one(df, event_type="arms_transfer")
    assert (row["subtype"], row["name"], row["date_start"], row["date_precision"]) == ("delivery", "Mi-35", "2017", "year")
    assert (row["actor1"], row["actor2"], row["quantity"], row["quantity_unit"]) == ("Russia", "Pakistan", 4, "helicopters")
    assert row["countries"] == ["Pakistan", "Russia"]


def test_supplier_first_delivery_to_a_named_recipient():
    df = events("Russia delivered the second S-400 regiment to India in April 2022, officials said.",
                published=date(2022, 5, 2))
    row = one(df, event_type="arms_transfer")
    assert (row["subtype"], row["actor1"], row["actor2"], row["date_start"]) == ("delivery", "Russia", "India", "2022-04")
    assert row["attributed_to"] == "officials"


def test_hypothetical_and_negated_deals_are_not_events():
    df = events("Egypt could buy Su-35 fighters if talks succeed. India has not ordered more Rafale jets. "
                "Turkey was expected to buy more than 100 F-35 jets.")
    assert df.empty, df[["event_type", "name", "evidence"]].to_string()


def test_equipment_named_earlier_is_what_the_jets_refer_to():
    df = events("Pakistan received six J-10C fighter jets from China on Friday. "
                "Pakistan has ordered 25 of the jets, officials said.", published=date(2022, 3, 5))
    order = one(df, event_type="arms_transfer", subtype="order")
    assert (order["name"], order["quantity"], order["actor1"], order["actor2"]) == ("J-10C", 25, "China", "Pakistan")
    delivery = one(df, event_type="arms_transfer", subtype="delivery")
    assert delivery["date_start"] == "2022-03-04"


def test_roman_numeral_edition_and_an_end_date():
    df = events("The Pakistan Air Force and the PLA Air Force began the joint exercise Shaheen-IX on Monday. "
                "The exercise will continue till the end of the month.", published=date(2020, 12, 10))
    row = one(df, event_type="exercise")
    assert (row["name"], row["date_start"], row["subtype"]) == ("Shaheen-9", "2020-12-07", "bilateral")
    assert row["countries"] == ["China", "Pakistan"]


def test_annual_series_with_a_known_edition_infers_the_missing_ones():
    df = events("The sixth Druzhba exercise between Pakistan and Russia was held in October 2021. "
                "The joint military exercise Druzhba has been held annually since 2016.")
    names = dict(zip(df["name"], zip(df["date_start"], df["inferred"])))
    assert names["Druzhba-6"] == ("2021-10", False)
    assert {n: names[n] for n in ["Druzhba-1", "Druzhba-5"]} == {"Druzhba-1": ("2016", True), "Druzhba-5": ("2020", True)}
    assert len(df) == 6


def test_rhythm_that_contradicts_the_edition_infers_nothing():
    df = events("The sixth Druzhba exercise between Pakistan and Russia was held in October 2019. "
                "The joint military exercise Druzhba has been held annually since 2016.")
    assert list(df["name"]) == ["Druzhba-6"]


def test_official_visit_people_without_ranks_and_host():
    df = events("On July 3, 2019 Russia's Commander Ground Forces General Oleg Salyukov visited Pakistan for "
                "talks with Chief of Army Staff General Qamar Javed Bajwa.")
    row = one(df, event_type="visit")
    assert row["subtype"] == "official_visit" and row["date_start"] == "2019-07-03"
    assert row["people"] == ["Oleg Salyukov", "Qamar Javed Bajwa"]
    assert (row["actor1"], row["actor2"], row["location"]) == ("Russia", "Pakistan", "Pakistan")


def test_a_minister_arriving_in_a_capital_is_a_visit_and_a_surname_later_is_the_same_man():
    df = events("Russian Defence Minister Sergei Shoigu arrived in New Delhi on Monday for talks with his "
                "Indian counterpart Rajnath Singh. Singh and Shoigu signed an agreement on military-technical "
                "cooperation on Monday.", published=date(2021, 12, 7))
    visit = one(df, event_type="visit")
    assert (visit["date_start"], visit["location"]) == ("2021-12-06", "New Delhi")
    assert set(visit["people"]) == {"Sergei Shoigu", "Rajnath Singh"}
    agreement = one(df, event_type="agreement")
    assert agreement["subtype"] == "military_technical_cooperation"
    assert set(agreement["people"]) >= {"Sergei Shoigu", "Rajnath Singh"}


def test_embargo_lifted_and_programme_suspension():
    df = events("Russia had lifted the embargo on sale of arms to Pakistan in 2014. "
                "The United States removed Turkey from the F-35 programme last month.")
    lifted = one(df, subtype="embargo_lifted")
    assert (lifted["actor1"], lifted["actor2"], lifted["date_start"]) == ("Russia", "Pakistan", "2014")
    removed = one(df, subtype="cooperation_suspended")
    assert (removed["name"], removed["date_start"]) == ("F-35 programme", "2021-05")
    assert removed["countries"] == ["Turkey", "United States"]


def test_calls_for_sanctions_are_not_sanctions():
    assert events("US lawmakers have called for sanctions on Ankara under CAATSA.").empty


def test_agreement_validity_period_is_not_its_date():
    df = events("The two ministers signed an agreement on the programme for military-technical cooperation "
                "between India and Russia for the period 2021-2031.")
    row = one(df, event_type="agreement")
    assert row["date_start"] == ""


def test_dates_without_publication_date_stay_empty_but_absolute_ones_resolve():
    df = events("Pakistan and Russia began the joint exercise Druzhba-5 on Sunday. "
                "In August 2018, Pakistan and Russia signed a military cooperation agreement.", published=None)
    assert one(df, event_type="exercise")["date_start"] == ""
    assert one(df, event_type="agreement")["date_start"] == "2018-08"


def test_every_row_carries_its_sentences():
    df = events("The 5th round of military exercise of Pakistani and Russian forces began on Sunday. "
                "A contingent of 150 Russian forces arrived in Pakistan on Thursday to participate in the exercise "
                "named 'Bruzhba-5'.", published=date(2020, 11, 9))
    row = one(df, event_type="exercise")
    assert row["name"] == "Druzhba-5" and row["quantity"] == 150 and row["date_start"] == "2020-11-08"
    assert row["evidence"].split(" | ")[0].startswith("The 5th round")
    assert len(row["evidence"].split(" | ")) == 2


def test_a_delivery_dated_after_publication_is_a_planned_transfer():
    df = events("Dassault said the jets would be built to the F4 standard, and Rafale deliveries "
                "to the UAE start in 2027.", published=date(2021, 12, 3))
    row = one(df, event_type="arms_transfer")
    assert (row["name"], row["subtype"], row["date_start"], row["status"]) == ("Rafale", "delivery", "2027", "planned")


def test_several_orders_in_one_sentence_each_get_their_buyer_and_month():
    df = events("The Rafale has had a strong year. Egypt ordered 30 more of the jets in May, and Greece, "
                "which bought 18 in January, said in September it would buy six more.", published=date(2021, 12, 3))
    orders = df[df["event_type"] == "arms_transfer"].set_index("actor2")
    assert set(orders.index) == {"Egypt", "Greece"}
    assert orders.loc["Egypt", "date_start"] == "2021-05" and orders.loc["Egypt", "quantity"] == 30
    assert orders.loc["Greece", "date_start"] == "2021-01"
    assert (orders["name"] == "Rafale").all() and (orders["actor1"] == "France").all()


def test_unconfirmed_and_denied_reports_are_not_events():
    df = events("Unverified social media posts claimed last Tuesday that the first batch of Su-35 jets had "
                "arrived in Iran. Egypt's spokesman denied reports that Cairo would buy J-10C fighter jets.")
    assert df.empty, df[["event_type", "name", "evidence"]].to_string()


def test_a_three_day_visit_wrapped_up_on_wednesday_started_on_monday():
    df = events("Chinese President Xi Jinping wrapped up a three-day state visit to Moscow on Wednesday.",
                published=date(2023, 3, 23))
    row = one(df, event_type="visit")
    assert (row["date_start"], row["date_end"], row["location"]) == ("2023-03-20", "2023-03-22", "Moscow")
    assert row["countries"] == ["China", "Russia"]


def test_dates_relative_to_the_text_take_the_year_the_article_last_named():
    df = events("Moscow ended its informal arms embargo on Pakistan in 2014 and signed a defence cooperation "
                "agreement with Islamabad the same year. Pakistan ordered four Mi-35M helicopters in 2015 and "
                "received them in August the following year.", published=date(2022, 2, 25))
    assert one(df, event_type="policy")[["subtype", "date_start"]].tolist() == ["embargo_lifted", "2014"]
    assert one(df, event_type="agreement")["date_start"] == "2014"
    assert one(df, subtype="order")["date_start"] == "2015"
    assert one(df, subtype="delivery")[["date_start", "date_precision"]].tolist() == ["2016-08", "month"]


def test_a_named_agreement_with_a_date_needs_no_signing_verb():
    df = events("The Communications Compatibility and Security Agreement (COMCASA) between India and the "
                "United States followed in September 2018.", published=date(2020, 10, 27))
    row = one(df, event_type="agreement")
    assert (row["date_start"], row["countries"]) == ("2018-09", ["India", "United States"])


def test_a_person_named_with_their_country_brings_it_to_the_meeting():
    df = events("French President Emmanuel Macron met Abu Dhabi Crown Prince Sheikh Mohammed bin Zayed in "
                "Abu Dhabi on Friday.", published=date(2021, 12, 3))
    row = one(df, event_type="visit")
    assert row["countries"] == ["France", "United Arab Emirates"]
    assert (row["actor1"], row["actor2"]) == ("France", "United Arab Emirates")
