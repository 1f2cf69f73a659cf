"""What real news does to an extractor (../shared/REAL_NEWS.md), one phenomenon per test.

Every article here is written for the test in the manner of published reports, about other
events and other country pairs than the examples there; each test asserts the rows an analyst
would want from it.
"""
from datetime import date

from tests.test_extraction_rules import events as table, one


def rows(df, **match):
    for k, v in match.items():
        df = df[df[k] == v]
    return df


# ---------------------------------------------------------------- dates

def test_end_date_in_the_next_sentence():
    df = table("CAIRO, March 6 (MENA) - Egyptian and Greek naval units began the Medusa-12 exercise off Alexandria "
               "on Sunday. The drill will run until 16 March.", date(2023, 3, 6))
    row = one(df, event_type="exercise")
    assert (row["name"], row["date_start"], row["date_end"]) == ("Medusa-12", "2023-03-05", "2023-03-16")


def test_day_and_month_take_the_editions_year_not_a_background_year():
    df = table("Tsentr-2023 will be held from September 12 to 19, Russia's defence ministry said, a year after "
               "last year's Vostok-2022 drew troops from 13 countries.", date(2023, 7, 28))
    row = one(df, name="Tsentr-2023")
    assert (row["date_start"], row["date_end"], row["status"]) == ("2023-09-12", "2023-09-19", "planned")


def test_a_date_belongs_to_its_own_clause():
    df = table("Planning talks for Harimau Shakti-2024 were held in Kuala Lumpur in March 2024; the exercise "
               "itself will take place in the autumn.", date(2024, 4, 2))
    row = one(df, event_type="exercise")
    assert (row["date_start"], row["date_precision"], row["status"]) == ("2024", "year", "planned")


def test_no_event_is_dated_by_the_publication_date_by_default():
    df = table("The sanctions come on top of measures over Algeria's purchase of the S-400 from Russia.",
               date(2022, 3, 15))
    row = one(df, event_type="arms_transfer")
    assert row["date_start"] == "" and row["date_precision"] == ""


def test_earlier_in_the_day_takes_the_day_told_before():
    df = table("Air Chief Marshal Zaheer Ahmed Babar Sidhu met Turkish Air Force Commander General Ziya Cemal "
               "Kadioglu in Ankara on Tuesday. Earlier in the day, Sidhu visited the Turkish Aerospace plant in "
               "Kahramankazan.", date(2024, 5, 9))
    visit = one(df, event_type="visit", subtype="official_visit")
    assert visit["date_start"] == "2024-05-07"


def test_began_recently_gives_no_day_and_a_posts_date_is_the_posts():
    df = table("Indian and Omani troops began the Al Najah exercise recently at Jabal Al Akhdar. "
               "pic.twitter.com/AbCd12 — ADG PI - INDIAN ARMY (@adgpi) September 19, 2024", date(2024, 9, 22))
    assert all(d[:10] != "2024-09-19" for d in df["date_start"])


def test_a_tweets_own_date_does_not_date_the_delivery():
    df = table("Bangladesh received the first two K-8W trainers from China earlier this month "
               "pic.twitter.com/x9Yt — ISPR (@ISPR_BD) June 12, 2023", date(2023, 6, 20))
    row = one(df, event_type="arms_transfer")
    assert (row["date_start"], row["date_precision"]) == ("2023-06", "month")


# ---------------------------------------------------------------- events missed

def test_an_official_named_only_by_office_still_makes_a_visit():
    df = table("The Egyptian army chief visited Beijing last month for talks on defence industry.",
               date(2023, 11, 14))
    row = one(df, event_type="visit")
    assert (row["subtype"], row["date_start"], row["actor1"], row["actor2"]) == (
        "official_visit", "2023-10", "Egypt", "China")


def test_background_paragraph_with_several_dated_transfers():
    df = table("Moscow's record in the region is long. Algeria bought 16 Su-30MKA fighters in 2015, and "
               "Egypt ordered 46 Ka-52 helicopters from Russia in 2017.", date(2021, 2, 1))
    su, ka = one(df, name="Su-30"), one(df, name="Ka-52")  # Su-30MKA is listed as a Su-30
    assert (su["date_start"], su["actor2"], su["quantity"]) == ("2015", "Algeria", 16)
    assert (ka["date_start"], ka["actor2"], ka["actor1"], ka["quantity"]) == ("2017", "Egypt", "Russia", 46)


def test_a_visit_implied_by_a_signing_during_it():
    df = table("The Greek defence minister, who is on a visit to Seoul, signed a memorandum on defence "
               "cooperation with his South Korean counterpart on Wednesday.", date(2023, 5, 25))
    visit = one(df, event_type="visit")
    assert (visit["actor1"], visit["actor2"], visit["date_start"]) == ("Greece", "South Korea", "2023-05-24")
    assert one(df, event_type="agreement")["date_start"] == "2023-05-24"


def test_the_visiting_chief_calls_on_a_host_but_a_home_ceremony_is_no_visit():
    called = table("The visiting Saudi chief of general staff called on the Prime Minister in Islamabad on Monday.",
                   date(2024, 2, 13))
    assert one(called, event_type="visit")["actor2"] == "Pakistan"
    home = table("The Prime Minister attended the passing-out parade at Kakul on Saturday.", date(2024, 2, 13))
    assert home[home["event_type"] == "visit"].empty


def test_induction_delivery_and_order_of_one_aircraft_are_three_rows():
    df = table("The Bangladesh Air Force inducted six Yak-130 trainers at Zahurul Haque base on Thursday. "
               "It received the first batch of six from Russia last month. "
               "Dhaka has ordered 16 Yak-130 in all.", date(2015, 12, 11))
    jets = rows(df, event_type="arms_transfer", name="Yak-130")
    assert sorted(jets["subtype"]) == ["delivery", "induction", "order"]
    assert one(jets, subtype="induction")["date_start"] == "2015-12-10"
    assert one(jets, subtype="delivery")["date_start"] == "2015-11"
    assert one(jets, subtype="order")["quantity"] == 16


def test_a_meeting_of_a_named_body_in_lower_case():
    df = table("The sixth meeting of the joint working group on military cooperation was held in Baku on "
               "Thursday, the Azerbaijani defence ministry said.", date(2022, 10, 1))
    row = one(df, event_type="visit")
    assert (row["subtype"], row["name"], row["date_start"]) == (
        "meeting", "joint working group on military cooperation", "2022-09-29")


def test_a_port_call_by_a_warship_then_an_exercise():
    df = table("INS Tabar arrived at Alexandria on Sunday for a four-day goodwill visit. The frigate then sailed "
               "with Egyptian Navy ships in exercise BRIGHT SHIELD.", date(2023, 8, 28))
    visit = one(df, event_type="visit")
    assert (visit["actor1"], visit["actor2"], visit["date_start"], visit["location"]) == (
        "India", "Egypt", "2023-08-27", "Alexandria")
    assert one(df, event_type="exercise")["name"].startswith("Bright Shield")


# ---------------------------------------------------------------- wrong rows

def test_one_edition_under_several_names_is_one_row():
    df = table("RAWALPINDI: The fifth edition of Druzhba began at Tarbela on Sunday, the ISPR said. "
               "Druzhba-2020 will continue till November 21. #DRUZHBA focuses on counter-terrorism.",
               date(2020, 11, 9))
    row = one(df, event_type="exercise")
    assert (row["name"], row["date_start"], row["date_end"]) == ("Druzhba-5", "2020-11-08", "2020-11-21")
    assert len(row["evidence"].split(" | ")) == 3


def test_a_phase_is_not_an_edition():
    df = table("The second phase of Eastern Bridge-VII began at Masirah on Monday.", date(2023, 10, 24))
    assert list(rows(df, event_type="exercise")["name"]) == ["Eastern Bridge-7"]


def test_restatements_of_an_exercise_are_evidence_not_events():
    df = table("Pakistani and Saudi special forces began the Al-Samsaam-VIII exercise in Jhelum on Monday. "
               "Counter-terrorism in urban areas is the focus of exercise #AlSamsaam. "
               "The exercise gives both sides a chance to learn from each other.", date(2023, 3, 7))
    row = one(df, event_type="exercise")
    assert row["name"] == "Al-Samsaam-8" and len(row["evidence"].split(" | ")) == 3


def test_visitor_and_host_at_an_air_show():
    df = table("Indonesian President Joko Widodo toured the Zhuhai air show with Chinese President Xi Jinping "
               "on Tuesday.", date(2022, 11, 9))
    row = one(df, event_type="visit")
    assert (row["actor1"], row["actor2"]) == ("Indonesia", "China")


def test_a_country_that_pulled_out_is_no_participant():
    df = table("Belarus pulled out of Vostok-2022, the Russian-led multinational exercise held in September.",
               date(2022, 9, 20))
    row = one(df, event_type="exercise")
    assert "Belarus" not in row["countries"]


def test_expected_participants_are_planned():
    df = table("About 300 Indonesian troops are expected to take part in the Garuda Shield exercise next month.",
               date(2023, 7, 10))
    row = one(df, event_type="exercise")
    assert (row["status"], row["date_start"], row["quantity"]) == ("planned", "2023-08", 300)


def test_a_drill_the_text_calls_bilateral_is_bilateral():
    df = table("Pakistan and Turkey held the bilateral Ataturk-XIII exercise near Cherat in October.",
               date(2024, 11, 4))
    assert one(df, event_type="exercise")["subtype"] == "bilateral"


def test_a_suspension_from_a_programme_is_policy_not_a_transfer():
    df = table("India was suspended from the Rafale Marine programme in 2021.", date(2022, 1, 5))
    assert rows(df, event_type="arms_transfer").empty
    row = one(df, event_type="policy")
    assert (row["subtype"], row["actor2"]) == ("cooperation_suspended", "India")


def test_read_more_lines_are_links_not_text():
    df = table("Pakistan and China held the Sea Guardians-3 naval drill off Shanghai in July.\n"
               "Read more: Russia delivers S-400 to India in 2021", date(2023, 8, 1))
    assert rows(df, event_type="arms_transfer").empty


# ---------------------------------------------------------------- the rules these needed

def test_an_exercise_the_lexicon_does_not_list_is_read_from_its_name():
    df = table("The armies of Nepal and China began the Sagarmatha Friendship-2024 joint exercise in Kathmandu "
               "on Monday.", date(2024, 5, 8))
    row = one(df, event_type="exercise")
    assert (row["name"], row["date_start"], row["countries"]) == ("Sagarmatha Friendship-2024", "2024-05-06",
                                                                  ["China", "Nepal"])


def test_a_first_ever_exercise_is_no_first_edition():
    df = table("Thailand and Vietnam will hold their first ever joint exercise, Sea Lotus-2025, next month.",
               date(2025, 3, 3))
    row = one(df, event_type="exercise")
    assert (row["name"], row["status"], row["date_start"]) == ("Sea Lotus-2025", "planned", "2025-04")


def test_ships_known_by_type_or_project_number_are_equipment():
    df = table("Thailand took delivery of the Type 071E landing dock HTMS Chang from China in April 2023.",
               date(2023, 6, 1))
    row = one(df, event_type="arms_transfer")
    assert (row["name"], row["date_start"], row["actor1"], row["actor2"]) == ("Type 071E", "2023-04", "China",
                                                                               "Thailand")


def test_a_bare_count_takes_the_goods_named_before():
    df = table("Russia has sold the Su-35 abroad twice. China ordered 24 in November 2015 and had received all "
               "of them by 2018.", date(2021, 1, 5))
    order, delivery = one(df, subtype="order"), one(df, subtype="delivery")
    assert (order["name"], order["quantity"], order["date_start"]) == ("Su-35", 24, "2015-11")
    assert (delivery["name"], delivery["date_start"]) == ("Su-35", "2018")


def test_a_date_inside_a_noun_phrase_is_not_the_events():
    df = table("Russia will deliver the second S-400 regiment under the October 2018 contract to India early "
               "next year.", date(2021, 6, 1))
    row = one(df, event_type="arms_transfer")
    assert (row["date_start"], row["status"]) == ("2022", "planned")


def test_a_relative_clause_dates_its_own_event():
    df = table("Bangladesh, which signed the purchase deal with Beijing in 2013, took delivery of two Type 035G "
               "submarines at Dalian on Monday.", date(2016, 11, 16))
    delivery = one(df, subtype="delivery")
    assert delivery["date_start"] == "2016-11-14"


def test_urging_someone_to_impose_sanctions_is_neither_a_visit_nor_a_policy():
    df = table("Twenty senators called on Secretary of State Antony Blinken to impose sanctions on Egypt over "
               "the Su-35 deal.", date(2021, 5, 1))
    assert df[df["event_type"].isin(["visit", "policy"])].empty


def test_commissioning_a_base_is_no_delivery():
    df = table("Bangladesh commissioned the BNS Sheikh Hasina submarine base in Cox's Bazar last year.",
               date(2024, 3, 1))
    assert rows(df, event_type="arms_transfer").empty


def test_postponed_to_a_new_date_is_planned_there():
    df = table("The Thracian Star air exercise, planned for May, has been moved to September, the ministry said.",
               date(2020, 4, 2))
    row = one(df, event_type="exercise")
    assert (row["status"], row["date_start"]) == ("planned", "2020-09")


def test_an_annual_exercise_that_began_is_an_edition_not_a_series_statement():
    df = table("About 16,700 American, Filipino, Australian and French troops began the annual Balikatan exercise "
               "on Monday.", date(2024, 4, 23))
    row = one(df, event_type="exercise")
    assert (row["date_start"], row["countries"]) == ("2024-04-22", ["Australia", "France", "Philippines",
                                                                    "United States"])


def test_a_named_traveller_without_a_title_and_the_agreement_signed_on_the_trip():
    df = table("Moscow lifted its arms embargo on Pakistan in June 2014; Sergei Shoigu flew to Islamabad that "
               "November to sign the first defence cooperation agreement between the two countries.",
               date(2026, 3, 1))
    visit = one(df, event_type="visit")
    assert (visit["date_start"], visit["people"], visit["actor2"]) == ("2014-11", ["Sergei Shoigu"], "Pakistan")
    assert one(df, event_type="agreement")["date_start"] == "2014-11"


def test_the_two_ministers_are_the_articles_pair():
    df = table("Saudi Defence Minister Khalid bin Salman arrived in Seoul on Tuesday for talks with his South "
               "Korean counterpart. Earlier in the day, the two ministers signed a memorandum of understanding on "
               "defence industry cooperation.", date(2024, 2, 7))
    row = one(df, event_type="agreement")
    assert row["countries"] == ["Saudi Arabia", "South Korea"] and row["date_start"] == "2024-02-06"


def test_a_cruise_liner_calling_at_a_port_is_no_visit():
    df = table("A Russian cruise liner carrying 1,200 tourists called at Hurghada on Monday.", date(2023, 5, 17))
    assert df.empty


def test_the_meeting_co_chaired_is_the_meeting_told_before():
    df = table("The sixth meeting of the India-Armenia Joint Working Group on defence cooperation was held in New "
               "Delhi on Monday. The meeting was co-chaired by Joint Secretary Vishwesh Negi and Armenia's Deputy "
               "Defence Minister Arman Sargsyan.", date(2024, 3, 6))
    row = one(df, event_type="visit")
    assert row["date_start"] == "2024-03-04" and len(row["evidence"].split(" | ")) == 2


def test_agreeing_to_hold_an_edition_is_a_plan_dated_ahead():
    df = table("Pakistan and Russia on Wednesday agreed to hold the eighth edition of their joint special forces "
               "exercise, Druzhba, in Russia in October.", date(2025, 8, 15))
    row = one(df, event_type="exercise")
    assert (row["name"], row["date_start"], row["status"]) == ("Druzhba-8", "2025-10", "planned")


def test_the_previous_edition_is_the_one_before_and_named_for_the_series():
    df = table("The 6th edition of Dharma Guardian began at Mount Fuji on Monday. The previous edition was held at "
               "the Mahajan Field Firing Ranges, Rajasthan from 25th February to 9th March 2024.", date(2025, 2, 25))
    previous = one(df, date_start="2024-02-25")
    assert previous["name"].startswith("Dharma Guardian") and previous["date_end"] == "2024-03-09"


def test_two_named_exercises_in_one_clause_are_two_rows():
    df = table("Mitra Shakti-IX follows the SLINEX 2023 naval exercise, which the two navies conducted off Colombo "
               "from April 3 to 8, 2023.", date(2023, 8, 17))
    slinex = one(df, name="SLINEX-2023")
    assert (slinex["date_start"], slinex["date_end"]) == ("2023-04-03", "2023-04-08")


def test_a_planned_delivery_is_dated_by_its_deadline():
    df = table("The UAE ordered ten KM-SAM batteries from South Korea in 2022. The remaining batteries will be "
               "delivered by 2027, according to the manufacturer.", date(2024, 11, 26))
    planned = one(df, status="planned")
    assert (planned["subtype"], planned["date_start"]) == ("delivery", "2027")


def test_agreeing_to_buy_is_an_order_made():
    df = table("The UAE also agreed to buy 12 Caracal military transport helicopters made by Airbus, the ministry "
               "said on Friday.", date(2021, 12, 3))
    row = one(df, event_type="arms_transfer")
    assert (row["subtype"], row["status"], row["quantity"]) == ("order", "reported", 12)


def test_an_order_in_a_relative_clause_and_the_delivery_of_the_main_clause():
    df = table("The last of the 36 Rafale jets that India ordered in September 2016 touched down in India in "
               "December 2022.", date(2024, 5, 4))
    assert one(df, subtype="order")["date_start"] == "2016-09"
    assert (one(df, subtype="delivery")["date_start"], one(df, subtype="delivery")["actor2"]) == ("2022-12", "India")


def test_goods_that_reached_a_country_were_delivered_to_it():
    df = table("The four Mi-35M helicopters ordered in 2015 reached Pakistan in 2017.", date(2021, 3, 4))
    delivery = one(df, subtype="delivery")
    assert (delivery["date_start"], delivery["actor1"], delivery["actor2"]) == ("2017", "Russia", "Pakistan")
    assert one(df, subtype="order")["date_start"] == "2015"


def test_a_sale_told_by_the_seller_is_the_order():
    df = table("India sold BrahMos missiles to the Philippines in January 2022.", date(2024, 4, 20))
    row = one(df, event_type="arms_transfer")
    assert (row["subtype"], row["actor1"], row["actor2"], row["date_start"]) == ("order", "India", "Philippines",
                                                                                  "2022-01")


# ------------------------------------------- batches, unlisted goods, contracts

def test_the_remaining_batch_is_its_own_planned_delivery():
    df = table("Kenya's air force has received the first four Z-9 helicopters from China. Nairobi ordered ten of "
               "the helicopters in 2022. The remaining six are scheduled to arrive by the end of the year, the "
               "ministry said.", date(2024, 5, 8))
    planned = one(df, subtype="delivery", status="planned")
    assert (planned["name"], planned["date_start"], planned["quantity"]) == ("Z-9", "2024", 6)
    assert one(df, subtype="delivery", status="reported")["quantity"] == 4
    assert (one(df, subtype="order")["date_start"], one(df, subtype="order")["quantity"]) == ("2022", 10)


def test_goods_the_lexicon_does_not_list_are_named_by_the_noun_after_them():
    df = table("Under a contract signed in February, Hanwha will deliver 18 KRS-88 multiple rocket launch systems "
               "to the Philippine Army by 2027, the department added.", date(2025, 5, 14))
    order, delivery = one(df, subtype="order"), one(df, subtype="delivery")
    assert (order["name"], order["date_start"], order["status"], order["quantity"]) == ("KRS-88", "2025-02",
                                                                                        "reported", 18)
    assert (delivery["name"], delivery["date_start"], delivery["status"]) == ("KRS-88", "2027", "planned")
    assert delivery["actor2"] == "Philippines"


def test_the_kind_of_unlisted_goods_decides_what_a_later_noun_refers_to():
    df = table("Thailand signed for a Bulan-class frigate in 2019 and took delivery of the Type 072X landing "
               "ship in 2022. The frigate is now due to be handed over in 2027.", date(2025, 3, 3))
    planned = one(df, status="planned")
    assert (planned["name"], planned["date_start"]) == ("Bulan", "2027")
    assert one(df, subtype="order")["name"] == "Bulan"


def test_a_ships_history_in_apposition_is_no_transfer():
    df = table("The Castle-class patrol vessel, commissioned in 1989, will be handed over to the Bangladesh Navy "
               "next month.", date(2024, 9, 2))
    assert list(df["date_start"]) == ["2024-10"], df[["subtype", "date_start", "evidence"]].to_string()


def test_items_joined_by_and_share_the_date_after_them():
    df = table("Belarus gave Serbia eight used MiG-29 jets in 2019, as well as 20 T-72 tanks and 20 BRDM-2 "
               "armoured vehicles last year.", date(2022, 5, 2))
    dates = dict(zip(df["name"], df["date_start"]))
    assert (dates["MiG-29"], dates["T-72"], dates["BRDM-2"]) == ("2019", "2021", "2021")


# ------------------------------------------------------ visits told in passing

def test_a_visit_noun_phrase_that_says_who_went_where_is_a_visit():
    df = table("Ghana and Turkey signed a memorandum of understanding on defence cooperation during the visit of "
               "Turkish Defence Minister Yasar Guler to Accra in October last year.", date(2024, 2, 20))
    visit = one(df, event_type="visit")
    assert (visit["actor1"], visit["actor2"], visit["date_start"]) == ("Turkey", "Ghana", "2023-10")
    assert one(df, event_type="agreement")["date_start"] == "2023-10"


def test_a_past_plan_called_off_is_a_cancelled_visit():
    df = table("An Indian Navy frigate, INS Talwar, had been due to call at Jeddah on March 3, but the visit was "
               "called off after the port was closed.", date(2024, 3, 10))
    row = one(df, event_type="visit")
    assert (row["status"], row["date_start"], row["actor1"], row["actor2"]) == ("cancelled", "2024-03-03",
                                                                                "India", "Saudi Arabia")


def test_a_port_call_by_a_navys_ships_at_a_port():
    df = table("A port call by Chinese navy ships at Colombo, planned for March 2023, was called off after the "
               "war in Ukraine drove up fuel prices.", date(2023, 6, 1))
    row = one(df, event_type="visit")
    assert (row["actor1"], row["actor2"], row["date_start"], row["status"]) == ("China", "Sri Lanka", "2023-03",
                                                                                "cancelled")
    assert row["countries"] == ["China", "Sri Lanka"]


def test_the_new_date_of_a_moved_event_wins_over_the_planned_one():
    df = table("The Ocean Shield air exercise, originally planned for May, has been moved to September, the "
               "ministry said.", date(2024, 3, 12))
    row = one(df, event_type="exercise")
    assert (row["date_start"], row["status"]) == ("2024-09", "planned")


# ---------------------------------------------------------------- policy

def test_export_permits_suspended_are_an_embargo_and_cancelling_them_is_the_act():
    df = table("Norway suspended export permits for Turkish drone parts in October last year. In April, Oslo "
               "cancelled the permits outright.", date(2021, 6, 1))
    assert list(zip(df["subtype"], df["date_start"], df["status"])) == [
        ("embargo_imposed", "2020-10", "reported"), ("embargo_imposed", "2021-04", "reported")]
    assert set(df["actor1"]) == {"Norway"}


def test_two_policies_in_one_sentence_each_with_its_date():
    df = table("Hungary was removed from the joint helicopter programme in May 2019, and in December 2020 "
               "Washington imposed sanctions on its procurement agency.", date(2022, 1, 5))
    sanctions = one(df, subtype="sanctions_imposed")
    assert (sanctions["date_start"], sanctions["actor1"]) == ("2020-12", "United States")
    assert one(df, subtype="cooperation_suspended")["date_start"] == "2019-05"


def test_a_signed_contract_for_goods_is_their_order_not_an_agreement():
    df = table("Cairo signed a 1.2 billion euro deal with Paris for 30 Rafale jets in May 2021.", date(2022, 1, 5))
    row = one(df, event_type="arms_transfer")
    assert (row["subtype"], row["name"], row["date_start"], row["quantity"]) == ("order", "Rafale", "2021-05", 30)
    assert (row["actor1"], row["actor2"]) == ("France", "Egypt")
    assert "agreement" not in set(df["event_type"])


def test_a_batch_due_later_is_a_planned_delivery_and_a_squadron_number_ends_no_sentence():
    df = table("Six Su-30 jets were formally inducted into the Vietnam People's Air Force's No. 923 Regiment at a "
               "ceremony on Friday. A second batch of four aircraft is due in the second half of 2026.",
               date(2025, 3, 15))
    induction = one(df, subtype="induction")
    assert (induction["date_start"], induction["quantity"]) == ("2025-03-14", 6)
    planned = one(df, subtype="delivery")
    assert (planned["status"], planned["date_start"], planned["quantity"]) == ("planned", "2026", 4)


def test_a_visitor_named_by_office_the_same_day_is_the_same_visit():
    df = table("ISLAMABAD, May 7 (APP): Egypt's Chief of Staff Lt Gen Ahmed Khalifa called on the Prime Minister "
               "in Islamabad on Tuesday. Earlier in the day, the Egyptian Chief of Staff called on General Sahir "
               "Shamshad Mirza, Chairman Joint Chiefs of Staff Committee, at Joint Staff Headquarters.",
               date(2024, 5, 7))
    row = one(df, event_type="visit")
    assert (row["actor1"], row["actor2"], row["date_start"]) == ("Egypt", "Pakistan", "2024-05-07")


def test_a_navy_named_for_its_country_makes_the_country_part_of_the_story():
    df = table("COLOMBO, Nov 9 (APP): Chief of the Naval Staff Admiral Zafar Abbasi called on the Sri Lankan "
               "President on Wednesday. The talks covered maritime security, a press release of the Pakistan Navy "
               "said. The Pakistan Navy will continue to offer training slots to Sri Lankan officers.",
               date(2019, 11, 10))
    row = one(df, event_type="visit")
    assert (row["actor1"], row["actor2"]) == ("Pakistan", "Sri Lanka")


def test_a_date_after_an_order_verb_is_the_orders_though_the_delivery_verb_follows_it():
    df = table("The last of the 24 Rafale jets that Qatar ordered in May 2015 touched down in Qatar in February 2021; "
               "Emir Tamim bin Hamad Al Thani was guest of honour at the Bastille Day parade in Paris in July last "
               "year, a visit that produced a new roadmap.", date(2022, 3, 1))
    assert one(df, subtype="order")["date_start"] == "2015-05"
    assert one(df, subtype="delivery")["date_start"] == "2021-02"


def test_a_drill_planned_for_a_month_then_called_off_is_cancelled_in_the_month_nearest_the_report():
    df = table("Both sides said the partnership was growing. A joint exercise between the marines of the two "
               "countries, which had been planned for November, was called off, the ISPR said. Indonesia and "
               "Turkey signed a training pact last year.", date(2023, 9, 22))
    row = one(df, event_type="exercise")
    assert (row["date_start"], row["status"]) == ("2023-11", "cancelled")
    assert row["countries"] == ["Indonesia", "Turkey"]  # the two countries, not the ISPR's


def test_talks_held_abroad_are_a_visit_by_the_one_who_travelled():
    df = table("The Kenyan army chief held talks with the commander of the Turkish Land Forces in Ankara in May, "
               "the ministry said.", date(2023, 9, 22))
    row = one(df, event_type="visit")
    assert (row["subtype"], row["actor1"], row["actor2"], row["date_start"]) == ("official_visit", "Kenya", "Turkey",
                                                                                 "2023-05")


def test_the_lifting_of_a_decades_old_embargo_is_a_lift():
    df = table("Then-President Barack Obama announced the full lifting of the decades-old U.S. embargo on lethal "
               "arms sales to Vietnam in May 2016.", date(2024, 9, 20))
    row = one(df, event_type="policy")
    assert (row["subtype"], row["actor1"], row["actor2"], row["date_start"]) == ("embargo_lifted", "United States",
                                                                                 "Vietnam", "2016-05")


def test_a_visit_due_next_year_is_another_trip_not_a_stop_of_this_one():
    df = table("ISLAMABAD: General Metin Gurak, Chief of the General Staff of the Turkish Armed Forces, called on "
               "the Prime Minister in Islamabad on Monday. The Turkish defence minister is expected to visit "
               "Islamabad in the first quarter of next year, officials said.", date(2024, 11, 26))
    planned = one(df, event_type="visit", status="planned")
    assert (planned["date_start"], planned["actor1"], planned["actor2"]) == ("2025", "Turkey", "Pakistan")
    assert one(df, event_type="visit", status="reported")["date_start"] == "2024-11-25"


# ------------------------------------------------- one edition, its stages and its series

def test_a_series_launched_in_a_year_is_its_first_edition_not_todays():
    df = table("From 3 to 16 June 2024, some 120 Omani and Indian soldiers will train together at Mahajan as part "
               "of the 5th edition of exercise AL NAJAH. Launched in 2009, AL NAJAH is the main exercise between the "
               "two armies.", date(2024, 5, 28))
    dates = dict(zip(df["name"], zip(df["date_start"], df["status"])))
    assert dates == {"Al Najah-5": ("2024-06-03", "planned"), "Al Najah-1": ("2009", "reported")}, dates


def test_a_validation_phase_dates_only_the_month_of_its_edition():
    df = table("MUMBAI, Oct 10 (PTI) The validation phase of the India-Oman joint exercise 'Al Najah' began at "
               "Mahajan on Thursday, a defence spokesperson said. The exercise, which started on September 28, "
               "will end on Sunday.", date(2024, 10, 10))
    row = one(df, event_type="exercise")
    assert (row["date_start"], row["date_end"]) == ("2024-09-28", "2024-10-13")


def test_a_name_given_later_names_the_drill_already_told_and_brings_its_end():
    df = table("NEW DELHI, May 14 (Xinhua) -- India and Oman kicked off a joint army exercise Monday in Rajasthan. "
               "Nearly 200 soldiers are taking part in the drill, code-named \"Al Najah,\" which will last until "
               "May 26, the ministry said.", date(2024, 5, 14))
    row = one(df, event_type="exercise")
    assert (row["name"], row["date_start"], row["date_end"]) == ("Al Najah-2024", "2024-05-13", "2024-05-26")


def test_a_drill_wrapped_up_at_a_place_in_a_region_on_a_day_ends_then():
    df = table("The Indian and Omani armies wrapped up exercise AL NAJAH-V at Mahajan, Rajasthan on Sunday. The "
               "drill, which kicked off on 13 May, saw 120 troops train together.", date(2024, 5, 27))
    row = one(df, event_type="exercise")
    assert (row["name"], row["date_start"], row["date_end"]) == ("Al Najah-5", "2024-05-13", "2024-05-26")


def test_an_aside_with_its_own_date_does_not_take_the_main_clauses_date():
    df = table("Greece took delivery of the last of 24 Rafale fighter jets, ordered in 2021, in January 2024.",
               date(2024, 5, 2))
    assert one(df, subtype="order")["date_start"] == "2021"
    assert one(df, subtype="delivery")["date_start"] == "2024-01"


def test_an_undated_post_does_not_turn_a_planned_drill_into_a_held_one():
    df = table("From 13 to 26 May 2024, some 90 legionnaires will train with Indian troops at Umroi as part of "
               "exercise SHAKTI. Rendez-vous in Umroi for #SHAKTI2024 pic.twitter.com/kQ7mZr2LpX — France in India "
               "(@FranceinIndia) May 7, 2024", date(2024, 5, 8))
    assert one(df, event_type="exercise")["status"] == "planned"


def test_troops_from_each_side_are_counted_for_both():
    df = table("The India-Oman exercise Al Najah-V began at Mahajan on Monday with about 60 personnel from each "
               "side.", date(2024, 5, 15))
    row = one(df, event_type="exercise")
    assert (row["quantity"], row["quantity_unit"]) == (120, "troops")


def test_talks_on_a_purchase_are_a_negotiation_not_a_meeting():
    df = table("Greece took delivery of its last Rafale jet in January 2024, and talks on the purchase of six more "
               "are ongoing.", date(2024, 5, 2))
    assert list(df["event_type"]) == ["arms_transfer"], df[["event_type", "evidence"]].to_string()


def test_a_guest_of_honour_abroad_is_a_visit_and_one_at_home_is_not():
    df = table("Prime Minister Narendra Modi was the guest of honour at the Bastille Day parade in Paris in July "
               "2023. Prime Minister Imran Khan, who attended the ceremony as the chief guest, praised the pilots.",
               date(2024, 5, 20))
    row = one(df, event_type="visit")
    assert (row["actor2"], row["date_start"], row["people"]) == ("France", "2023-07", ["Narendra Modi"])


def test_two_series_in_one_sentence_each_keep_their_own_partner():
    df = table("As exercise Mitra Shakti with Sri Lanka opened in Pune on Monday, it is worth looking back at the "
               "Army's other 'Shakti', its exercise with France, whose seventh edition was held at Umroi in May "
               "this year.", date(2024, 8, 13))
    countries = {r["name"]: r["countries"] for _, r in df.iterrows()}
    assert countries == {"Mitra Shakti-2024": ["India", "Sri Lanka"], "Shakti-2024": ["France", "India"]}, countries


def test_a_contract_signed_for_batteries_named_before_is_their_order_and_the_rest_are_due():
    df = table("Indonesia received the first BrahMos battery on Friday. The delivery is part of a USD 450 million "
               "contract signed in March 2023 for three batteries. The remaining two batteries are due by 2027, "
               "the ministry said.", date(2025, 4, 20))
    order = one(df, subtype="order")
    assert (order["name"], order["date_start"], order["quantity"]) == ("BrahMos", "2023-03", 3)
    planned = one(df, subtype="delivery", status="planned")
    assert (planned["date_start"], planned["quantity"]) == ("2027", 2)


def test_two_batches_due_in_one_sentence_are_two_planned_deliveries():
    df = table("Peru received its first four KF-21 jets from South Korea in December. A second batch of four "
               "aircraft is due in the second half of 2026, with the remaining eight to follow by 2028.",
               date(2025, 12, 20))
    planned = df[df["status"] == "planned"]
    assert sorted(zip(planned["date_start"], planned["quantity"])) == [("2026", 4), ("2028", 8)]


def test_weighing_a_purchase_is_no_order():
    df = table("India is also weighing the purchase of six more P-8I maritime patrol aircraft, though no request "
               "has been sent to Washington.", date(2025, 11, 22))
    assert df.empty, df[["event_type", "subtype", "evidence"]].to_string()


def test_a_contract_to_be_signed_on_a_given_day_is_a_planned_order():
    df = table("Defence minister Nikos Dendias said the contract for a fourth FDI frigate will be signed with "
               "Naval Group in Paris on Friday.", date(2025, 6, 14))
    row = one(df, event_type="arms_transfer")
    assert (row["subtype"], row["date_start"], row["status"]) == ("order", "2025-06-20", "planned")


def test_an_agreement_for_the_lease_of_unlisted_goods_is_their_order():
    df = table("India and Russia signed a $3 billion agreement last week for the lease of a third Yasen-class "
               "nuclear-powered attack submarine to the Indian Navy.", date(2019, 3, 20))
    row = one(df, event_type="arms_transfer")
    assert (row["subtype"], row["date_start"]) == ("order", "2019-03")


def test_a_delivery_under_a_contract_is_dated_by_its_clause_and_an_undated_contract_is_no_order():
    df = table("Russia delivered the first batch of AL-31 engines under a new contract for Algeria's Su-30 fleet "
               "last month.", date(2016, 3, 15))
    row = one(df, event_type="arms_transfer")
    assert (row["subtype"], row["date_start"]) == ("delivery", "2016-02")


def test_a_relative_clause_saying_when_a_named_drill_is_scheduled_dates_it():
    df = table("The drills come ahead of Pitch Black, Australia's largest air exercise, which the Royal Australian "
               "Air Force is scheduled to host in July at Darwin, with India and Japan expected to send aircraft.",
               date(2024, 5, 20))
    row = one(df, event_type="exercise")
    assert row["name"] == "Pitch Black-2024"
    assert (row["date_start"], row["status"]) == ("2024-07", "planned")


def test_a_roadmap_adopted_by_two_leaders_is_an_agreement():
    df = table("The exercise expresses the Horizon 2047 roadmap on defence cooperation, adopted by President "
               "Emmanuel Macron and Prime Minister Narendra Modi in Paris in July 2023.", date(2024, 5, 20))
    row = one(df, event_type="agreement")
    assert row["date_start"] == "2023-07"


def test_the_day_a_contingent_departed_yields_to_the_exercises_own_start():
    df = table("The Indian Army contingent departed today for Japan to participate in the 6th edition of the "
               "India-Japan exercise DHARMA GUARDIAN. The exercise is scheduled to be conducted at Gotemba from 24th "
               "February. It will continue till 9th March 2025.", date(2025, 2, 22))
    row = one(df, event_type="exercise")
    assert (row["date_start"], row["date_end"]) == ("2025-02-24", "2025-03-09")


def test_a_quoted_name_after_joint_training_is_an_exercise():
    df = table('CAIRO, Jan 22 -- The spokesman announced that the activities of the joint Egyptian-Greek special '
               'forces training "Medusa Shield-II" kicked off on Sunday at the Anshas base.', date(2024, 1, 22))
    row = one(df, event_type="exercise")
    assert (row["name"], row["date_start"], row["countries"]) == ("Medusa Shield-2", "2024-01-21", ["Egypt", "Greece"])


def test_a_definite_deal_signed_is_the_sale_told_and_the_visitor_arrived_that_day():
    df = table("Hanwha signed a $1 billion contract to supply 24 K9 howitzers to Saudi Arabia. The deal was signed "
               "in Riyadh at the World Defense Show, where South Korean Defence Minister Shin Won-sik arrived on "
               "Monday for a three-day visit. Seoul is keen to sell K2 tanks to the region as well.",
               date(2024, 2, 7))
    assert sorted(df["event_type"]) == ["arms_transfer", "visit"], df[["event_type", "evidence"]].to_string()
    assert one(df, event_type="visit")["date_start"] == "2024-02-05"


def test_a_freeze_lifted_and_goods_withheld_are_policy():
    df = table("Washington had withheld the F-16s and tank kits from Egypt since October 2013. Eight F-16 jets "
               "arrived at an Egyptian air base on 31 July, the first since the United States lifted the freeze on "
               "arms deliveries to Cairo on 31 March.", date(2015, 8, 10))
    policies = df[df["event_type"] == "policy"]
    assert sorted(zip(policies["subtype"], policies["date_start"])) == [("embargo_imposed", "2013-10"),
                                                                        ("embargo_lifted", "2015-03-31")]


def test_a_drill_that_was_to_be_held_and_has_been_called_off_is_cancelled_then():
    df = table("The annual India-China exercise Hand-in-Hand, which was to be held in China in October, has been "
               "called off this year, army officials said on Tuesday.", date(2017, 9, 12))
    row = one(df, event_type="exercise")
    assert (row["date_start"], row["status"]) == ("2017-10", "cancelled")


def test_deliveries_scheduled_to_begin_are_of_the_goods_the_article_is_about():
    df = table("Indonesia ordered 42 Rafale jets from France in 2022. Deliveries to the Indonesian Air Force are "
               "scheduled to begin in early 2026.", date(2024, 1, 10))
    planned = one(df, subtype="delivery")
    assert (planned["name"], planned["date_start"], planned["status"]) == ("Rafale", "2026", "planned")


def test_goods_contracted_with_a_country_in_a_month_are_an_order():
    df = table("INS Tushil is the first of two upgraded Talwar-class frigates contracted with Russia in October "
               "2018.", date(2024, 12, 10))
    row = one(df, subtype="order")
    assert (row["date_start"], row["actor1"]) == ("2018-10", "Russia")


def test_a_decision_to_lift_a_freeze_on_arms_exports_is_a_lift_and_a_habit_is_no_meeting():
    df = table("Germany's government decided on Wednesday to lift a freeze on arms exports to Saudi Arabia. The "
               "decision was taken by the Federal Security Council, a cabinet committee that meets in secret.",
               date(2023, 5, 19))
    row = one(df, event_type="policy")
    assert (row["subtype"], row["actor1"], row["actor2"]) == ("embargo_lifted", "Germany", "Saudi Arabia")
    assert "visit" not in set(df["event_type"])


def test_air_forces_that_met_in_an_exercise_held_no_meeting():
    df = table("The two air forces last met in the Cope India exercise at Kalaikunda in April 2023.", date(2024, 5, 26))
    assert list(df["event_type"]) == ["exercise"], df[["event_type", "evidence"]].to_string()


def test_ex_before_an_editions_name_is_not_part_of_it():
    df = table("RAWALPINDI: Opening ceremony of Pakistan-Russia joint exercise, Ex DRUZHBA-VI, was held at "
               "Molkino, Russia today.", date(2021, 9, 20))
    assert one(df, event_type="exercise")["name"] == "Druzhba-6"


def test_known_as_names_the_drills_told_before_with_a_start_a_day_or_two_off():
    df = table("ISLAMABAD, Oct 1 (Reuters) - Pakistani and Russian special forces ended two weeks of joint "
               "exercises in southern Russia on Friday. The drills, known as Druzhba, began on Sept. 20 at the "
               "Molkino range.", date(2021, 10, 1))
    row = one(df, event_type="exercise")
    assert (row["name"], row["date_start"], row["date_end"]) == ("Druzhba-6", "2021-09-20", "2021-10-01")


def test_a_day_earlier_is_the_day_before_the_one_told():
    df = table("The closing ceremony was held at Molkino on Friday. A day earlier, Pakistan's Chief of General "
               "Staff Lt Gen Sahir Shamshad Mirza had visited the exercise area in Russia.", date(2021, 10, 2))
    assert one(df, event_type="visit")["date_start"] == "2021-09-30"


def test_a_name_given_in_apposition_does_not_make_a_plan_past():
    df = table("The Pakistan Navy is set to hold its first bilateral exercise with the Russian Navy, named Arabian "
               "Monsoon, in the Arabian Sea in November.", date(2021, 9, 21))
    row = one(df, event_type="exercise")
    assert (row["date_start"], row["status"]) == ("2021-11", "planned")


def test_troops_training_since_last_week_are_this_editions_not_a_series():
    df = table("NEW DELHI: The validation phase of the India-Oman joint exercise Al Najah will begin on Friday at "
               "Mahajan, where troops of the two armies have been training since last week.", date(2024, 5, 23))
    row = one(df, event_type="exercise")
    assert (row["name"], row["date_start"], row["status"]) == ("Al Najah-2024", "2024-05", "planned")


def test_drills_being_held_under_a_name_are_told_though_the_dates_come_later():
    df = table("The Indian and Omani armies are holding joint drills, Al Najah (Success)-2024, in Rajasthan, the "
               "ministry said. The exercise began on May 13 and will continue until May 26.", date(2024, 5, 16))
    row = one(df, event_type="exercise")
    assert (row["name"], row["date_start"], row["date_end"]) == ("Al Najah-2024", "2024-05-13", "2024-05-26")


def test_a_plan_of_military_cooperation_signed_is_an_agreement_not_dated_by_the_year_it_covers():
    df = table("Kazakhstan and Uzbekistan signed a plan of bilateral military cooperation for 2021 in Tashkent on "
               "Thursday, 10 September, the Kazakh defence ministry said.", date(2020, 9, 12))
    row = one(df, event_type="agreement")
    assert row["date_start"] == "2020-09-10"


def test_a_delivery_a_minister_said_would_come_is_planned():
    df = table("Speaking to reporters on 2 June, the Indonesian defence minister said the first batch of Rafale "
               "fighters would arrive at Pekanbaru air base in early 2026.", date(2025, 6, 5))
    row = one(df, event_type="arms_transfer")
    assert (row["subtype"], row["date_start"], row["status"]) == ("delivery", "2026", "planned")


def test_a_visit_that_had_been_scheduled_for_a_day_keeps_the_day_nearest_the_report():
    df = table("Sofia has cancelled a visit by the Russian deputy defence minister that had been scheduled for "
               "24 March, citing the crisis in Crimea.", date(2014, 3, 19))
    row = one(df, event_type="visit")
    assert (row["date_start"], row["status"]) == ("2014-03-24", "cancelled")


def test_a_second_batch_told_without_its_verb_is_its_own_row():
    df = table("India ordered five S-400 squadrons from Russia in 2018. The first set was delivered in December 2021 "
               "and the second in April 2022.", date(2023, 5, 18))
    deliveries = df[df["subtype"] == "delivery"]
    assert sorted(deliveries["date_start"]) == ["2021-12", "2022-04"]
    assert set(deliveries["name"]) == {"S-400"}


def test_two_more_ordered_later_are_a_second_order():
    df = table("Egypt ordered two FREMM frigates from Italy in 2020 and two more in June 2021.", date(2023, 5, 18))
    orders = df[df["subtype"] == "order"]
    assert sorted(zip(orders["date_start"], orders["quantity"])) == [("2020", 2), ("2021-06", 2)]


def test_each_stop_of_a_tour_is_a_visit_on_its_day():
    df = table("President Recep Tayyip Erdogan wrapped up a three-day Gulf tour in Abu Dhabi on Wednesday, after "
               "stops in Jeddah on Monday and Doha on Tuesday.", date(2023, 7, 20))
    visits = sorted(zip(df["date_start"], df["actor1"], df["actor2"]))
    assert visits == [("2023-07-17", "Turkey", "Saudi Arabia"), ("2023-07-18", "Turkey", "Qatar"),
                      ("2023-07-19", "Turkey", "United Arab Emirates")]


def test_a_known_office_holder_carries_his_country_without_a_demonym():
    df = table("President Emmanuel Macron arrived in New Delhi on Thursday for a two-day state visit.",
               date(2024, 1, 26))
    row = one(df, event_type="visit")
    assert (row["actor1"], row["actor2"]) == ("France", "India")


def test_a_delivery_is_not_dated_by_the_day_a_source_spoke_of_it():
    df = table("China has taken delivery of the first four of 24 Su-35 fighter jets it ordered from Russia, a source "
               "in the Russian defence industry told TASS on Monday.", date(2016, 12, 28))
    assert one(df, subtype="delivery")["date_start"] == ""


def test_an_editions_name_in_another_language_is_not_another_exercise():
    df = table("China and Pakistan on Saturday launched the Sea Guardian-2023 joint maritime exercise in Karachi. The "
               "exercise, Haiyang Weishi-2023 in Chinese, will last until Nov 17.", date(2023, 11, 11))
    row = one(df, event_type="exercise")
    assert (row["name"], row["date_start"], row["date_end"]) == ("Sea Guardian-2023", "2023-11-11", "2023-11-17")


def test_a_naval_chief_as_chief_guest_at_home_and_a_pattern_of_visits_are_no_visits():
    df = table("Chief of the Naval Staff Admiral Naveed Ashraf was the chief guest at the ceremony in Karachi. The "
               "port call follows a pattern of Chinese naval vessels visiting Sri Lanka.", date(2023, 11, 18))
    assert df.empty, df[["event_type", "evidence"]].to_string()


def test_a_round_of_drills_is_not_a_meeting_of_the_body_named_later():
    df = table("The fourth round of the drills is expected to be held in Chinese waters in 2025, according to the "
               "PLA Navy.", date(2023, 11, 20))
    assert "visit" not in set(df["event_type"]), df[["event_type", "evidence"]].to_string()


def test_a_press_conference_and_crews_visiting_a_ship_are_no_visits():
    df = table("The exercise, code-named Sea Guardian-3, will be held in Karachi, a spokesperson told a regular press "
               "conference. Officers and sailors of the Chinese naval task group visited the Pakistani frigate PNS "
               "Tippu Sultan on Sunday.", date(2023, 11, 12))
    assert "visit" not in set(df["event_type"]), df[["event_type", "evidence"]].to_string()


def test_a_drill_told_in_a_relative_clause_keeps_its_month_not_the_main_verbs_day():
    df = table("The Chinese naval task group that took part in the China-Pakistan exercise earlier this month "
               "arrived in Colombo on Friday for a three-day port call.", date(2023, 11, 27))
    assert one(df, event_type="exercise")["date_start"] == "2023-11"


def test_the_year_a_series_started_is_not_this_editions_date():
    df = table("China and Pakistan began the Sea Guardian-3 naval exercise off Karachi on Saturday. The exercise, the "
               "third in a series that started in 2020, involves eight warships.", date(2023, 11, 13))
    row = one(df, name="Sea Guardian-3")
    assert row["date_start"] == "2023-11-11"
    assert "2020" not in set(df["date_start"]), df[["name", "date_start", "evidence"]].to_string()


def test_talks_held_by_a_visitor_during_his_visit_are_part_of_it():
    df = table("German Defence Minister Boris Pistorius arrived in Riyadh on Monday for a three-day visit. "
               "Pistorius met his Saudi counterpart, Prince Khalid bin Salman, on Monday evening.", date(2024, 2, 7))
    row = one(df, event_type="visit")
    assert (row["subtype"], row["actor1"], row["actor2"], row["date_start"]) == ("official_visit", "Germany",
                                                                                 "Saudi Arabia", "2024-02-05")


def test_a_known_presidents_country_lifts_the_freeze():
    df = table("Eight F-16 jets arrived at an Egyptian air base on 31 July, the first since President Barack Obama "
               "lifted the freeze on arms deliveries to Cairo on 31 March.", date(2015, 8, 10))
    row = one(df, event_type="policy")
    assert (row["subtype"], row["actor1"], row["actor2"]) == ("embargo_lifted", "United States", "Egypt")


def test_a_statement_date_in_a_trailing_attribution_does_not_date_a_delivery():
    df = table("Morocco has taken delivery of its first AH-64E Apache attack helicopters, the Royal Armed Forces said "
               "in a statement on Tuesday.", date(2025, 3, 12))
    assert one(df, event_type="arms_transfer")["date_start"] == ""


def test_a_drill_postponed_to_a_month_is_planned_then():
    df = table("Russia and Pakistan have postponed their joint naval drill in the Arabian Sea to March, a Pakistan "
               "Navy official said.", date(2020, 12, 10))
    row = one(df, event_type="exercise")
    assert (row["date_start"], row["status"]) == ("2021-03", "planned")


def test_an_aside_contract_date_does_not_date_the_delivery_due():
    df = table("The two remaining S-400 regiments for India, contracted in 2018, are due to be delivered in 2026, a "
               "Russian official said.", date(2025, 3, 12))
    delivery = one(df, subtype="delivery")
    assert (delivery["date_start"], delivery["status"]) == ("2026", "planned")


def test_a_ministers_visit_postponed_without_a_date_is_cancelled():
    df = table("The Egyptian defence minister's visit to Moscow has been postponed, the ministry said, without giving "
               "a new date.", date(2022, 4, 8))
    row = one(df, event_type="visit")
    assert (row["status"], row["actor1"], row["actor2"]) == ("cancelled", "Egypt", "Russia")


def test_the_year_a_series_began_does_not_date_its_seventh_edition():
    df = table("Pakistani and Russian special forces are holding Druzhba-VII at Pabbi. The exercise was the seventh "
               "since the series began at Cherat in 2016.", date(2023, 10, 10))
    assert "2016" not in set(df[df["name"] == "Druzhba-7"]["date_start"]), df[["name", "date_start"]].to_string()


def test_a_ship_named_in_a_hashtag_makes_the_port_call():
    df = table("#INSTabar arrived at Alexandria on Saturday for a goodwill visit, strengthening bonds of friendship "
               "with the Egyptian Navy pic.twitter.com/k3Qz8wTnLp — SpokespersonNavy (@indiannavy) August 30, 2021",
               date(2021, 8, 31))
    row = one(df, event_type="visit")
    assert (row["actor1"], row["actor2"], row["date_start"]) == ("India", "Egypt", "2021-08-28")


def test_units_that_exercised_together_held_an_exercise():
    df = table("Singaporean and Australian armoured units exercised together at Shoalwater Bay from Monday to "
               "Thursday, the Singapore army said.", date(2024, 5, 10))
    row = one(df, event_type="exercise")
    assert (row["date_start"], row["date_end"], row["countries"]) == ("2024-05-06", "2024-05-09",
                                                                      ["Australia", "Singapore"])


def test_the_first_mention_of_a_drill_with_only_its_end_is_a_row():
    df = table("RAWALPINDI, Sept 6 (APP): The joint counter-terrorism exercise of Pakistani and Uzbek special forces "
               "near Cherat will continue till 14 September, the ISPR said.", date(2022, 9, 6))
    row = one(df, event_type="exercise")
    assert (row["date_start"], row["date_end"], row["countries"]) == ("", "2022-09-14", ["Pakistan", "Uzbekistan"])


def test_countries_in_an_aside_after_a_drill_are_not_its_participants():
    df = table("ISLAMABAD, Oct 23 (Reuters) - Russian and Pakistani special forces wrapped up a two-week joint "
               "exercise in northwestern Pakistan on Saturday, as Moscow seeks ties with a country long aligned with "
               "the United States and China.", date(2023, 10, 23))
    row = one(df, event_type="exercise")
    assert (row["countries"], row["subtype"]) == (["Pakistan", "Russia"], "bilateral")


def test_the_contract_a_delivery_was_made_under_is_for_the_goods_of_its_own_clause():
    df = table("Pakistan received four Mi-35M attack helicopters from Russia in 2017 under a contract signed in "
               "August 2015, and Russian-designed RD-93 engines power the JF-17 fighters.", date(2023, 10, 23))
    order = one(df, subtype="order")
    assert (order["name"], order["date_start"]) == ("Mi-35", "2015-08")


def test_a_capitalised_word_in_ed_is_no_past_verb_so_a_plan_across_the_year_end_looks_ahead():
    # "Red" and "United" once read as past verbs and sent the dates back a year
    df = table("MUSCAT, Dec 15 (ONA) - The Omani and Indian navies will hold joint drills in the Red Sea from "
               "29 December to 3 January, the Royal Navy of Oman said.", date(2022, 12, 15))
    row = one(df, event_type="exercise")
    assert (row["date_start"], row["date_end"], row["status"]) == ("2022-12-29", "2023-01-03", "planned")


def test_a_plan_called_off_keeps_its_date_in_the_coming_weeks_not_last_year():
    df = table("MANILA, April 10 (PNA) - The Philippine Air Force on Friday cancelled a joint air drill with Japan "
               "that had been due to begin on 20 April, officials said.", date(2023, 4, 10))
    row = one(df, event_type="exercise")
    assert (row["date_start"], row["status"]) == ("2023-04-20", "cancelled")


def test_a_postponement_without_a_new_date_is_a_cancellation():
    df = table("ASTANA, Feb 2 (Kazinform) - The Kazakh-Kyrgyz border security drill, planned for May, has been "
               "postponed indefinitely, the Kazakh border service said.", date(2021, 2, 2))
    row = one(df, event_type="exercise")
    assert (row["date_start"], row["status"]) == ("2021-05", "cancelled")
    moved = one(table("The Kazakh-Kyrgyz border security drill, planned for May, has been postponed until September, "
                      "the border service said.", date(2021, 2, 2)), event_type="exercise")
    assert (moved["date_start"], moved["status"]) == ("2021-09", "planned")


def test_a_clause_saying_when_the_drill_began_dates_the_drill():
    df = table("MOSCOW, Aug 16 (TASS) - The Union Shield-2023 exercise of Russian and Belarusian forces, which "
               "began on Monday, will end on 25 August.", date(2023, 8, 16))
    row = one(df, event_type="exercise")
    assert (row["date_start"], row["date_end"]) == ("2023-08-14", "2023-08-25")


def test_a_visitor_who_will_call_on_a_minister_is_a_planned_visit():
    df = table("COLOMBO, June 7 (Xinhua) - The visiting Pakistani naval chief will call on Sri Lanka's defence "
               "secretary later on Wednesday, officials said.", date(2023, 6, 7))
    row = one(df, event_type="visit")
    assert (row["date_start"], row["status"], row["actor1"], row["actor2"]) == (
        "2023-06-07", "planned", "Pakistan", "Sri Lanka")


def test_a_contract_to_build_is_signed_by_the_seller():
    df = table("France has signed a contract to build four Gowind corvettes for the Egyptian Navy, the French "
               "defence ministry said in 2014.", date(2014, 8, 2))
    row = one(df, event_type="arms_transfer")
    assert (row["subtype"], row["actor1"], row["actor2"]) == ("order", "France", "Egypt")


def test_a_known_bilateral_series_stays_bilateral_when_the_two_navies_are_named():
    df = table("The Indian and Thai navies will hold the 35th edition of Indo-Thai CORPAT in the Andaman Sea next "
               "month.", date(2023, 4, 20))
    row = one(df, event_type="exercise")
    assert (row["name"], row["subtype"], row["date_start"]) == ("Indo-Thai CORPAT-35", "bilateral", "2023-05")


def test_the_day_a_press_release_was_issued_does_not_date_the_drill():
    df = table("ISLAMABAD, May 10 (APP): Pakistani and Saudi special forces on Monday opened the joint exercise "
               "Al-Samsaam-8 near Jhelum, according to a press release issued by the ISPR on Tuesday.",
               date(2022, 5, 10))
    assert one(df, event_type="exercise")["date_start"] == "2022-05-09"


def test_since_a_year_when_something_happened_dates_what_happened():
    df = table("Military ties between Cairo and Moscow have deepened since 2015, when the two sides signed an "
               "agreement on the use of each other's airspace.", date(2021, 3, 1))
    assert one(df, event_type="agreement")["date_start"] == "2015"


def test_months_later_counts_from_the_date_told_before():
    df = table("Washington lifted its arms embargo on Vietnam in May 2016, and seven months later Hanoi signed a "
               "defence cooperation agreement with Canberra.", date(2020, 5, 1))
    assert one(df, event_type="agreement")["date_start"] == "2016-12"
    assert one(df, event_type="policy")[["subtype", "date_start"]].tolist() == ["embargo_lifted", "2016-05"]


def test_an_embargo_dropped_is_lifted_and_signatures_put_to_an_agreement_sign_it():
    df = table("Berlin quietly dropped its embargo on arms sales to Riyadh in 2019, and the two defence ministers "
               "later put their signatures to a defence cooperation agreement in Jeddah.", date(2020, 5, 1))
    assert one(df, event_type="policy")["subtype"] == "embargo_lifted"
    assert len(df[df["event_type"] == "agreement"]) == 1


def test_a_purchase_named_as_the_cause_of_sanctions_is_no_new_row_and_the_reaction_day_dates_nothing():
    df = table("ANKARA (AA) - Egypt on Thursday condemned a US decision to impose sanctions on its air force over "
               "its purchase of Su-35 fighter jets from Russia.", date(2021, 6, 4))
    assert df[df["event_type"] == "arms_transfer"].empty, "the purchase is the cause, told elsewhere"
    assert not (df["date_start"] == "2021-06-03").any(), "Thursday is when Egypt condemned it"


def test_an_agreement_for_the_purchase_of_goods_is_the_order_itself():
    df = table("Qatar signed an agreement with France for the purchase of 12 more Rafale jets in 2017.",
               date(2018, 1, 1))
    assert df["event_type"].tolist() == ["arms_transfer"]
    assert one(df, event_type="arms_transfer")[["subtype", "date_start"]].tolist() == ["order", "2017"]


def test_a_clause_for_which_a_deal_was_signed_keeps_its_date_from_the_delivery():
    df = table("Deliveries of the Rafale jets, for which Greece signed a deal with France in January 2021, are set "
               "to begin by the end of this year.", date(2021, 6, 1))
    delivery = one(df, subtype="delivery")
    assert (delivery["date_start"], delivery["status"]) == ("2021", "planned")


def test_a_contract_named_by_its_goods_and_signed_is_an_order_and_its_price_is_no_count():
    df = table("The $2.84-billion Su-35 contract was signed in Cairo in March 2018, officials said.", date(2020, 1, 1))
    order = one(df, event_type="arms_transfer")
    assert (order["subtype"], order["name"], order["date_start"]) == ("order", "Su-35", "2018-03")
    assert order["quantity"] is None or str(order["quantity"]) == "<NA>", "84 is the price, not a count"


def test_a_contract_still_expected_to_be_signed_is_no_order():
    df = table("The long-delayed contract for 156 Prachand helicopters is expected to be signed soon, sources said.",
               date(2023, 8, 1))
    assert df[df["event_type"] == "arms_transfer"].empty


def test_a_naval_leg_with_its_own_series_name_is_not_the_army_edition():
    df = table("INDRA 2023 began at Babina on Monday. A separate naval leg, INDRA NAVY-23, will be held in the "
               "Bay of Bengal next month.", date(2023, 11, 22))
    assert sorted(df.loc[df["event_type"] == "exercise", "name"]) == ["Indra Navy-2023", "Indra-2023"]


def test_editions_inferred_from_a_rhythm_carry_the_article_that_implies_them_as_source():
    df = table("The fourth Kazind exercise opened at Oshaqty on Monday. Kazind has been held annually since 2016.",
               date(2019, 10, 8))
    told = one(df, name="KAZIND-2019")
    inferred = df[df["inferred"]]
    assert sorted(inferred["name"]) == ["KAZIND-2016", "KAZIND-2017", "KAZIND-2018"]
    assert all(list(s) == list(told["sources"]) for s in inferred["sources"]) and set(inferred["source_count"]) == {1}
