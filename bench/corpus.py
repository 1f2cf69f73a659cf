"""Deterministic generator of synthetic defence-cooperation news articles.

    python bench/corpus.py OUTDIR --n 1000 --seed 1

Names come from data/*.toml (countries, exercise series, equipment, places,
organisations), so the corpus grows with the lexicons; a file that is missing,
empty or half-written falls back to a small built-in list. People and outlets
are invented. The corpus is a function of (n, seed, data/*.toml): article i has
its own RNG, so the first 1,000 articles of a 2,000-article corpus are the
1,000-article corpus.

Each article has a main story (exercise, delivery, order, visit, agreement,
sanctions/embargo or analysis), past events, quotes, background sentences with
no event, and noise sentences whose numbers are not dates (designations,
money, distances, percentages, counts that look like years).
"""
from __future__ import annotations

import argparse
import random
import re
import tomllib
import zlib
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

DATA_DIR = Path(__file__).resolve().parent.parent / "data"

# ------------------------------------------------------------------ built-in fallbacks
# Used only when the matching data/*.toml file is missing, empty or unreadable.
FALLBACK_COUNTRIES = [
    ("Pakistan", "Pakistani", "Islamabad"), ("India", "Indian", "New Delhi"), ("China", "Chinese", "Beijing"),
    ("Russia", "Russian", "Moscow"), ("United States", "American", "Washington"), ("Turkey", "Turkish", "Ankara"),
    ("France", "French", "Paris"), ("Saudi Arabia", "Saudi", "Riyadh"), ("Iran", "Iranian", "Tehran"),
    ("Egypt", "Egyptian", "Cairo"), ("Indonesia", "Indonesian", "Jakarta"), ("Bangladesh", "Bangladeshi", "Dhaka"),
    ("Belarus", "Belarusian", "Minsk"), ("United Kingdom", "British", "London"), ("Israel", "Israeli", "Jerusalem"),
    ("South Korea", "South Korean", "Seoul"), ("Sri Lanka", "Sri Lankan", "Colombo"),
    ("Azerbaijan", "Azerbaijani", "Baku"), ("Philippines", "Filipino", "Manila"), ("Mongolia", "Mongolian", "Ulaanbaatar"),
]
FALLBACK_SERIES = [  # name, participants, kind, numbering
    ("Druzhba", ["Pakistan", "Russia"], "bilateral", "edition"), ("Shaheen", ["Pakistan", "China"], "bilateral", "edition"),
    ("Warrior", ["Pakistan", "China"], "bilateral", "edition"), ("Sea Guardians", ["Pakistan", "China"], "bilateral", "year"),
    ("Indra", ["India", "Russia"], "bilateral", "year"), ("Yudh Abhyas", ["India", "United States"], "bilateral", "year"),
    ("Garuda Shakti", ["India", "Indonesia"], "bilateral", "edition"), ("Mitra Shakti", ["India", "Sri Lanka"], "bilateral", "edition"),
    ("Joint Sea", ["China", "Russia"], "bilateral", "year"), ("Ataturk", ["Pakistan", "Turkey"], "bilateral", "edition"),
    ("Al-Samsaam", ["Pakistan", "Saudi Arabia"], "bilateral", "edition"), ("Varuna", ["India", "France"], "bilateral", "year"),
    ("Nomadic Elephant", ["United States", "Mongolia"], "bilateral", "year"),
    ("Balikatan", ["Philippines", "United States"], "bilateral", "year"),
    ("Kavkaz", ["Russia"], "multilateral", "year"), ("Zapad", ["Russia", "Belarus"], "multilateral", "year"),
    ("Vostok", ["Russia", "China"], "multilateral", "year"), ("AMAN", ["Pakistan"], "multilateral", "year"),
    ("Malabar", ["India", "United States"], "multilateral", "none"),
    ("Anatolian Eagle", ["Turkey"], "multilateral", "year"),
]
FALLBACK_EQUIPMENT = [  # name, category, origin
    ("S-400", "air_defence", ["Russia"]), ("HQ-9", "air_defence", ["China"]), ("Patriot", "air_defence", ["United States"]),
    ("Mi-35", "attack_helicopter", ["Russia"]), ("Mi-17", "transport_helicopter", ["Russia"]),
    ("AH-64E Apache", "attack_helicopter", ["United States"]), ("T-129 ATAK", "attack_helicopter", ["Turkey"]),
    ("Su-35", "fighter", ["Russia"]), ("J-10C", "fighter", ["China"]), ("JF-17 Thunder", "fighter", ["China", "Pakistan"]),
    ("F-16", "fighter", ["United States"]), ("Rafale", "fighter", ["France"]), ("FA-50", "fighter", ["South Korea"]),
    ("T-90", "tank", ["Russia"]), ("VT-4", "tank", ["China"]), ("K9 Thunder", "howitzer", ["South Korea"]),
    ("Bayraktar TB2", "drone", ["Turkey"]), ("Wing Loong II", "drone", ["China"]), ("Heron", "drone", ["Israel"]),
    ("Type 054A", "frigate", ["China"]), ("Scorpene", "submarine", ["France"]), ("AK-203", "rifle", ["Russia", "India"]),
    ("BrahMos", "missile", ["India", "Russia"]), ("C-130J", "transport_aircraft", ["United States"]),
]
FALLBACK_NOUNS = {
    "fighter": ["fighter jets", "jets", "multirole fighters"], "attack_helicopter": ["attack helicopters", "helicopters"],
    "transport_helicopter": ["transport helicopters", "helicopters"], "air_defence": ["air defence systems", "batteries"],
    "tank": ["main battle tanks", "tanks"], "howitzer": ["self-propelled howitzers", "howitzers"],
    "drone": ["armed drones", "drones", "unmanned aerial vehicles"], "frigate": ["frigates", "warships"],
    "submarine": ["submarines"], "rifle": ["assault rifles", "rifles"], "missile": ["missiles"],
    "transport_aircraft": ["transport aircraft", "aircraft"],
}
FALLBACK_PLACES = [
    ("Volgograd", "Russia"), ("Astrakhan", "Russia"), ("Kamra", "Pakistan"), ("Pabbi", "Pakistan"), ("Karachi", "Pakistan"),
    ("Jodhpur", "India"), ("Babina", "India"), ("Goa", "India"), ("Korla", "China"), ("Zhanjiang", "China"),
    ("Konya", "Turkey"), ("Izmir", "Turkey"), ("Taif", "Saudi Arabia"), ("Alexandria", "Egypt"), ("Brest", "Belarus"),
]
PLURAL_NAMES = {"Philippines", "Netherlands", "Maldives", "Islands", "Bahamas", "Seychelles", "Comoros", "Emirates",
                "States"}
# A country that is often one side of a pair; random pairs are drawn around these.
HUBS = ["Russia", "China", "United States", "India", "Pakistan", "Turkey", "France", "United Kingdom", "Saudi Arabia",
        "Iran", "Israel", "Egypt", "South Korea", "Indonesia", "Bangladesh", "Belarus", "Azerbaijan", "Germany", "Japan",
        "United Arab Emirates", "Sri Lanka", "Vietnam", "Malaysia", "Algeria", "Serbia", "Kazakhstan"]

GIVEN = ["Ahmed", "Sergei", "Li", "Rajesh", "Mehmet", "James", "Pierre", "Khalid", "Reza", "Yusuf", "Dmitry", "Wang",
         "Arjun", "Hakan", "Robert", "Jean-Luc", "Faisal", "Hossein", "Tariq", "Nikolai", "Zhang", "Vikram", "Emre",
         "Michael", "Laurent", "Saud", "Ali", "Imran", "Andrei", "Chen", "Suresh", "Omar", "David", "Mohammed", "Anwar",
         "Igor", "Kemal", "Anil", "Hamid", "Takeshi"]
SURNAME = ["Rahman", "Volkov", "Jianguo", "Mehta", "Yilmaz", "Carter", "Dubois", "Al-Harbi", "Karimi", "Qureshi",
           "Petrov", "Haifeng", "Nair", "Demir", "Walsh", "Moreau", "Al-Otaibi", "Tehrani", "Mahmood", "Sokolov",
           "Wei", "Rao", "Kaya", "Hughes", "Girard", "Malik", "Hussain", "Orlov", "Ming", "Iyer", "Farooq", "Bennett",
           "Aziz", "Chaudhry", "Lebedev", "Celik", "Kapoor", "Sadeghi", "Tanaka", "Baig"]
OUTLETS = ["Defence Herald", "The Regional Tribune", "Strategic Affairs Daily", "Frontier Gazette", "Eastern Monitor",
           "Asia Security Wire", "The Capital Post", "Military Review Online", "Gulf Observer", "The Northern Courier"]
ACTIVITIES = ["cordon-and-search operations", "heliborne insertions", "joint firing drills", "counter-IED training",
              "hostage rescue drills", "urban warfare training", "air defence drills", "search-and-rescue operations",
              "anti-submarine warfare drills", "live-fire exercises", "mountain warfare training", "night-time raids"]
DOMAINS = ["counterterrorism", "counter-insurgency operations", "peacekeeping", "maritime security",
           "high-altitude warfare", "disaster relief", "air combat", "special operations"]
TOPICS = ["defence cooperation", "regional security", "joint training", "defence production", "maritime security",
          "counterterrorism cooperation", "the situation in Afghanistan", "arms sales", "military education"]
QUOTES = ["The exercise will strengthen mutual trust and interoperability between our armed forces",
          "Our defence ties have never been stronger",
          "We value our special and privileged strategic partnership",
          "This delivery will significantly enhance our operational capability",
          "The agreement opens a new chapter in our military cooperation",
          "We will continue to work together to ensure peace and stability in the region",
          "Both sides agreed to expand cooperation in training and defence production",
          "No third country should interfere in our bilateral relations",
          "We are ready to supply whatever our partners need",
          "Sanctions will not stop our cooperation"]
REASONS = ["human rights concerns", "the coup", "the border clashes", "its nuclear programme",
           "its support for militant groups", "the purchase of Russian weapons"]
MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
          "November", "December"]
ABBR = ["Jan.", "Feb.", "March", "April", "May", "June", "July", "Aug.", "Sept.", "Oct.", "Nov.", "Dec."]
WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
ORDINALS = ["first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth", "tenth",
            "eleventh", "twelfth", "thirteenth", "fourteenth", "fifteenth", "sixteenth", "seventeenth",
            "eighteenth", "nineteenth", "twentieth"]
NUM_WORDS = {2: "two", 3: "three", 4: "four", 5: "five", 6: "six", 8: "eight", 10: "ten", 12: "twelve"}


# ------------------------------------------------------------------ lexicon
@dataclass(frozen=True)
class Series:
    name: str
    participants: list[str]
    kind: str  # bilateral | multilateral
    numbering: str  # edition (Druzhba-5) | year (Kavkaz-2020) | none (either)
    aliases: list[str]


@dataclass(frozen=True)
class Country:
    name: str
    dem: str
    cap: str

    @property
    def the(self) -> str:
        """'the United States', 'the Philippines', but 'Pakistan'."""
        words = self.name.split()
        if words[-1] in PLURAL_NAMES or {"United", "Republic", "Kingdom"} & set(words):
            return "the " + self.name
        return self.name


def _load(name: str, key: str) -> list[dict]:
    """Entries of data/NAME that have a string `name`; [] for a missing or half-written file."""
    try:
        with (DATA_DIR / name).open("rb") as f:
            items = tomllib.load(f).get(key, [])
    except (OSError, tomllib.TOMLDecodeError, UnicodeDecodeError):
        return []
    return [x for x in items if isinstance(x, dict) and isinstance(x.get("name"), str) and x["name"].strip()]


def _first(value, default: str) -> str:
    return value[0] if isinstance(value, list) and value and isinstance(value[0], str) else default


def _as_list(value) -> list[str]:
    if isinstance(value, str):
        return [value]
    return [v for v in value if isinstance(v, str)] if isinstance(value, list) else []


class Lexicon:
    """The names the generator draws from (data/*.toml, else the fallbacks above)."""

    def __init__(self) -> None:
        rows = _load("countries.toml", "country")
        self.from_data = {"countries": bool(rows)}
        cs = [Country(c["name"], _first(c.get("demonyms"), c["name"]), _first(c.get("capitals"), c["name"])) for c in rows]
        self.countries = {c.name: c for c in cs or [Country(*x) for x in FALLBACK_COUNTRIES]}
        self.hubs = [h for h in HUBS if h in self.countries] or sorted(self.countries)

        rows = _load("exercises.toml", "series")
        self.from_data["series"] = bool(rows)
        series = [Series(s["name"], _as_list(s.get("participants")), str(s.get("kind", "bilateral")),
                         str(s.get("numbering", "edition")), _as_list(s.get("aliases"))) for s in rows] or \
            [Series(*x, []) for x in FALLBACK_SERIES]
        # Participants must be countries we can name.
        self.series = [Series(x.name, [p for p in x.participants if p in self.countries], x.kind, x.numbering,
                              x.aliases) for x in series]
        self.pairs = [x for x in self.series if len(x.participants) == 2 and x.kind != "multilateral"]
        self.hosted = [x for x in self.series if x.participants]  # can be the main story of an article
        self.multilateral = [x for x in self.series if x.kind == "multilateral"] or self.series

        rows = _load("equipment.toml", "equipment")
        self.from_data["equipment"] = bool(rows)
        try:
            with (DATA_DIR / "equipment.toml").open("rb") as f:
                cats = tomllib.load(f).get("categories", {})
        except (OSError, tomllib.TOMLDecodeError, UnicodeDecodeError):
            cats = {}
        self.nouns = {k: [w for w in _as_list(v) if w.endswith("s")] or _as_list(v) for k, v in cats.items()}
        self.nouns = {k: v for k, v in self.nouns.items() if v} or FALLBACK_NOUNS
        eq = [(e["name"], str(e.get("category", "")), _as_list(e.get("origin"))) for e in rows] or FALLBACK_EQUIPMENT
        self.equipment = [(n, c, [o for o in orig if o in self.countries]) for n, c, orig in eq]

        rows = _load("places.toml", "place")
        self.from_data["places"] = bool(rows)
        places = [(p["name"], str(p.get("country", ""))) for p in rows] or FALLBACK_PLACES
        self.places: dict[str, list[str]] = {}
        for name, country in places:
            self.places.setdefault(country, []).append(name)

        rows = _load("organizations.toml", "organization")
        self.from_data["organizations"] = bool(rows)
        self.orgs: dict[tuple[str, str], list[str]] = {}  # (country, kind) -> names
        for o in rows:
            self.orgs.setdefault((str(o.get("country", "")), str(o.get("kind", ""))), []).append(o["name"])

    def noun(self, category: str, rng: random.Random) -> str:
        return rng.choice(self.nouns.get(category) or FALLBACK_NOUNS.get(category) or ["systems", "units"])


# ------------------------------------------------------------------ helpers
def roman(n: int) -> str:
    out = ""
    for v, s in ((100, "C"), (90, "XC"), (50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")):
        while n >= v:
            out, n = out + s, n - v
    return out


def ordinal(n: int) -> str:
    return ORDINALS[n - 1] if n <= len(ORDINALS) else f"{n}{_suffix(n)}"


def _first_year(series: str) -> int:
    # Stable across runs (str hash() is salted per process).
    return 2003 + zlib.crc32(series.encode()) % 13


def slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")[:60]


class _Fill(dict):
    """format_map() mapping: each slot is computed on first use, once per sentence."""

    def __init__(self, art: "ArticleGen") -> None:
        super().__init__()
        self.art = art

    def __missing__(self, key: str) -> str:
        value = getattr(self.art, "s_" + key)()
        self[key] = value
        return value


# ------------------------------------------------------------------ templates
# One sentence each. Slots are ArticleGen.s_<name> methods; stable ones (A, B,
# pA, ex ...) are fixed for the article, the others are drawn afresh.
LEADS = {
    "exercise": [
        "The {nth_round} round of military exercise of {A_dem} and {B_dem} forces began {on_recent}.",
        "The {ordinal} edition of the {A_dem}-{B_dem} joint military exercise {ex} got under way at {place} {on_recent}, the {A_dem} Defence Ministry said.",
        "Troops from {A} and {B} {on_recent} kicked off {ex}, a {duration} joint exercise focused on {domain}.",
        "The armed forces of {A} and {B} {on_recent} began their {ordinal} joint exercise, {ex}, at {place}, {org_A} said.",
        "{A} and {B} launched the joint drill {ex} in {place} {on_recent}, with some {troops} troops taking part.",
    ],
    "delivery": [
        "{sup} delivered {qty_word} {eq} {eq_noun} to {rec} {when_recent}, {org_A} said.",
        "The first batch of {qty} {eq} {eq_noun} acquired from {sup} arrived in {rec} {on_recent}, the military's media wing said.",
        "Delivery of the {ordinal_small} batch of the {sup_dem}-made {eq} {eq_noun} to {rec} began {on_recent}, the {rec_dem} Defence Ministry said.",
        "{rec} has received {qty_word} {eq} {eq_noun} from {sup}, the {rec_dem} Air Force said {on_recent}.",
    ],
    "order": [
        "{rec} signed a {money} deal {on_recent} to buy {qty} {eq} {eq_noun} from {sup}, officials said.",
        "{rec} has ordered {qty_word} {eq} {eq_noun} from {sup}, the {rec_dem} Defence Ministry announced {on_recent}.",
        "{company} has agreed to supply {qty} {eq} {eq_noun} to {rec}, according to {outlet}.",
    ],
    "visit": [
        "{pA} arrived in {B_cap} {on_recent} for a {n_days}-day official visit at the invitation of his counterpart {pB}.",
        "{gA} visited {B} {on_recent} for talks with {gB}, {org_A} said.",
        "{pA} held talks with {pB} in {B_cap} {on_recent} on {topic} and {topic2}.",
    ],
    "agreement": [
        "{A} and {B} {on_recent} signed an agreement on military-technical cooperation for the period {yr_range}.",
        "{A} and {B} signed a memorandum of understanding on {topic} in {B_cap} {on_recent}, the ministry said.",
        "{A} and {B} inked a defence cooperation pact {on_recent} during a visit by {pA} to {B_cap}.",
    ],
    "policy": [
        "{C} imposed sanctions on {A_poss} defence procurement agency {on_recent} over its purchase of {eq} {eq_noun} from {sup}.",
        "{B} lifted the arms embargo on {A} {on_recent}, ending a ban that had lasted {n_years} years.",
        "{B} suspended military training programmes with {A} {on_recent}, citing {reason}.",
        "{B} resumed defence cooperation with {A} {on_recent} after a {n_years}-year freeze, officials said.",
    ],
    "analysis": [
        "Few partnerships in the region have proved as durable as the one between {A} and {B}.",
        "Defence ties between {A} and {B} have grown steadily over the past decade, analysts say.",
        "For {A}, the relationship with {B} has long been about more than arms sales.",
    ],
}
DETAILS = {
    "exercise": [
        "A contingent of {troops} {B_dem} troops arrived in {A} {on_recent2} to participate in the {duration} exercise.",
        "The exercise will continue till {future_day}, according to a statement issued by {org_A}.",
        "The {duration} exercise is being held from {range_future}.",
        "The drills include {activity} and {activity2}, officials said.",
        "\u201cThe exercise is aimed at sharing both armies\u2019 experiences in {domain},\u201d {org_A} said in a statement.",
        "The joint exercise {series} between {A} and {B} has been held {annually} since {first_year}.",
        "The {ordinal_prev} edition, {ex_prev}, was held in {B} in {month_last_year}.",
        "{ex} is the {ordinal} in the series, which is held alternately in {A} and {B}.",
        "About {troops} personnel from the two armies, along with {qty} {eq_noun}, are taking part in the drills.",
        "The closing ceremony is scheduled for {future_weekday}.",
        "The main phase will take place in the first week of {future_month}, with the final drills on {weekday_date}.",
    ],
    "delivery": [
        "The consignment reached {place_A} after a journey from {sup}, according to a statement.",
        "The {eq_noun} will be formally inducted {future_rel}.",
        "The remaining {eq_noun} are expected to be delivered by {future_month_year}.",
        "{rec} ordered {big_qty} {eq} {eq_noun} from {sup} in {past_month_year} under a deal worth {money}.",
        "The first consignment was delivered in {past_month_year}.",
        "The first battery was delivered in {n_tiny2} flights {range_past}.",
    ],
    "order": [
        "The contract is worth about {money}, officials said.",
        "Deliveries are expected to begin {future_rel} and be completed by {future_year}.",
        "The {eq} will replace ageing {eq_noun} that entered service in {old_year}.",
        "{rec} had first expressed interest in the {eq} in {past_year}.",
    ],
    "visit": [
        "During the visit, {pA} called on {hB} and discussed {topic}.",
        "{pA} is also scheduled to visit {place_B} {future_rel}.",
        "The two ministers co-chaired the {nth} meeting of the {A}-{B} Joint Military Consultative Committee.",
        "{pB} had visited {A_cap} in {month_last_year} for a meeting of defence ministers.",
        "Officials said the two sides also discussed the regional security situation.",
    ],
    "agreement": [
        "The agreement was concluded at the end of the {n_days}-day meeting of the {A}-{B} Joint Working Group, {org_A} said.",
        "The pact provides for {topic}, joint exercises and the exchange of military delegations.",
        "{A} and {B} signed their first defence cooperation agreement in {past_year}.",
        "The accord will be ratified by parliament {future_rel}, an official said.",
    ],
    "policy": [
        "US lawmakers have called for sanctions under CAATSA, but the administration has so far held off.",
        "{B} had imposed an arms embargo on {A} in {past_year} following {reason}.",
        "The embargo was lifted in {past_month_year}, enabling {A} to diversify the source of its military hardware.",
        "{C} imposed sanctions on {B_poss} arms export agency in {month_last_year} for selling {eq} {eq_noun} to {A}.",
    ],
    "analysis": [],
}
HISTORY = [  # past events of any kind, about the same pair
    "{rec} had received {qty_word} {eq} {eq_noun} from {sup} in {past_year}.",
    "In {past_month_year}, {A} and {B} signed a military cooperation agreement which opened doors for the training of {A_dem} officers.",
    "The defence relations between the two countries have been strengthened since the signing of a defence cooperation pact in {past_year}.",
    "{gA} visited {B} on {abs_date} for talks with {gB}.",
    "{B} had lifted the embargo on sale of arms to {A} in {past_year}.",
    "The {ordinal_prev} edition of {series} was held in {A} in {prev_when}.",
    "Earlier in {month_this}, a contingent of the {A_dem} armed forces took part in the multinational exercise {multi_ex} in {B}.",
    "{A} bought {big_qty} {eq} {eq_noun} from {sup} {ago_phrase}.",
    "{pB} had visited {A_cap} in {month_last_year}, when the two sides agreed to expand joint training.",
    "The two navies held their {ordinal_small} bilateral exercise off {place_A} in {past_month_year}.",
    "{C} imposed sanctions on {A} in {past_year} over its missile programme.",
    "{B} suspended military aid to {A} in {when_past_month}, citing {reason}.",
    "The deal for {eq} {eq_noun} was signed in {when_past_month} during {hB}\u2019s visit to {A_cap}.",
]
QUOTE = [
    "\u201c{quote},\u201d {pA} said.",
    "\u201c{quote},\u201d the {A_dem} Defence Ministry said in a statement.",
    "{pB} told reporters: \u201c{quote}.\u201d",
    "\u201c{quote},\u201d said {gA}, adding that {clause}.",
    "{outlet} quoted an unnamed official as saying that {clause}.",
    "\"{quote},\" {org_A} said.",
]
BACKGROUND = [
    "Analysts say the {story} reflects the long-standing defence partnership between the two countries.",
    "Cooperation between the two militaries has expanded steadily in recent years.",
    "Relations between {A} and {C} have been strained, and {A_cap} has sought to diversify its partners.",
    "The {A_dem} military has been modernising its fleet, much of which dates back to the Cold War era.",
    "The scope of bilateral cooperation in areas of defence is expanding, {outlet} reported.",
    "{A} is one of the largest arms importers in the region.",
    "Officials said the two sides also discussed the regional security situation.",
    "Critics say the relationship is more transactional than either government admits.",
    "The move is likely to be watched closely in {C_cap}.",
    "Neither ministry gave further details.",
]
NOISE = [
    "The {eq} has a range of about {km} km and a top speed of {speed} km per hour.",
    "The base lies about {km} km from {A_cap}, at an altitude of {alt} metres.",
    "{A_poss} defence budget for {fiscal_year} rose {pct} per cent to {money}.",
    "Around {n_small} local firms supply {parts} parts for the programme.",
    "The exercise area covers about {area} square km.",
    "The package also covers RD-93 engines, Su-30 spares and {n_small} Mi-17 overhauls, officials said.",
    "The two countries share a {km}-km border.",
    "Nearly {year_like} troops are stationed along the frontier, according to {outlet}.",
    "UN Security Council Resolution {resolution} bars the transfer of such weapons to conflict zones.",
    "The navy operates {n_small} vessels, including {n_tiny} submarines and {n_tiny2} frigates.",
    "Some {pct} per cent of {A_poss} arms imports came from {B}, according to {outlet}.",
    "The {eq} programme employs {big_qty} people at {n_tiny} plants.",
    "Flight PK-{flight} carrying the delegation landed at {hh}:{mm} local time.",
    "The ministry did not say how many of the {big_qty} {eq_noun} on order were affected.",
]
TITLES = {
    "exercise": ["{A}, {B} begin {ex} joint exercise", "{A_dem}, {B_dem} troops kick off {ex} in {place}",
                 "{ex}: {A} and {B} hold {ordinal} joint drill"],
    "delivery": ["{sup} delivers {eq} {eq_noun} to {rec}", "First {eq} {eq_noun} arrive in {rec}"],
    "order": ["{rec} orders {eq} {eq_noun} from {sup}", "{rec} signs deal for {qty} {eq} {eq_noun}"],
    "visit": ["{A_dem} defence minister visits {B}", "{pA} in {B_cap} for talks on defence ties"],
    "agreement": ["{A}, {B} sign defence cooperation pact", "{A} and {B} agree to deepen military ties"],
    "policy": ["{C} sanctions {A} over arms purchase", "{B} and {A}: arms embargo, sanctions and ties"],
    "analysis": ["Why {A} and {B} remain close security partners", "Opinion: what {A} wants from {B}"],
}
STORY_WEIGHTS = {"exercise": 30, "delivery": 15, "order": 12, "visit": 18, "agreement": 12, "policy": 8, "analysis": 5}


# ------------------------------------------------------------------ one article
class ArticleGen:
    def __init__(self, lex: Lexicon, rng: random.Random) -> None:
        self.lex, self.rng = lex, rng
        r = rng
        self.pub = date(2015, 1, 1) + timedelta(days=r.randrange((date(2026, 12, 31) - date(2015, 1, 1)).days + 1))
        self.story = r.choices(list(STORY_WEIGHTS), weights=list(STORY_WEIGHTS.values()))[0]
        # The pair: an exercise series' participants, an equipment's supplier, or hub + partner.
        self.series: Series | None = None
        eqs = lex.equipment
        self.eq = r.choice(eqs)
        if self.story == "exercise" and lex.hosted or self.story not in ("delivery", "order") and lex.pairs and r.random() < 0.3:
            self.series = r.choice(lex.pairs if lex.pairs and r.random() < 0.6 else lex.hosted)
            ps = self.series.participants
            a, b = r.sample(ps, 2) if len(ps) >= 2 else (ps[0], r.choice([h for h in lex.hubs if h != ps[0]]))
        elif self.story in ("delivery", "order") and self.eq[2]:
            b = r.choice(self.eq[2])
            a = r.choice([h for h in lex.hubs if h != b] or [c for c in lex.countries if c != b])
        else:
            a = r.choice(lex.hubs)
            pool = lex.hubs if r.random() < 0.7 else sorted(lex.countries)
            b = r.choice([c for c in pool if c != a])
            # A series this pair really holds, if any; else series sentences are left out.
            held = [x for x in lex.pairs if set(x.participants) == {a, b}]
            self.series = r.choice(held) if held else None
        if self.story not in ("delivery", "order"):  # prefer equipment the partner makes
            made = [e for e in eqs if b in e[2]]
            self.eq = r.choice(made) if made else self.eq
        self.A, self.B = lex.countries[a], lex.countries[b]
        self.C = lex.countries[r.choice([c for c in lex.hubs if c not in (a, b)] or [a])]
        sup = next((o for o in self.eq[2] if o != a), b)
        self.sup, self.rec = lex.countries[sup], self.A
        self.eq_noun = lex.noun(self.eq[1], r)
        # The exercise edition held this year; the previous one a year before.
        self.edition, self.ex, self.ex_prev = 2, "", ""
        if self.series:
            self.edition = max(2, self.pub.year - _first_year(self.series.name) + 1)
            self.ex = self._ex_name(self.series, self.edition, self.pub.year)
            self.ex_prev = self._ex_name(self.series, self.edition - 1, self.pub.year - 1)
        people = r.sample([f"{g} {s}" for g in GIVEN for s in SURNAME], 6)
        self.pA, self.pB, self.hB = people[0], people[1], people[2]
        self.titles = {self.pA: f"{self.A.dem} Defence Minister ", self.pB: f"{self.B.dem} Defence Minister ",
                       self.hB: f"{self.B.dem} President "}
        rank_a = r.choice(["General", "Lieutenant General", "Air Chief Marshal", "Admiral", "Chief of Army Staff General"])
        rank_b = r.choice(["General", "Colonel General", "Air Marshal", "Vice Admiral", "Commander Ground Forces General"])
        self.gA = f"{self.A.dem} {rank_a} {people[3]}"
        self.gB = f"{self.B.dem} {rank_b} {people[4]}"
        self.qty = r.choice([2, 3, 4, 5, 6, 8, 10, 12, 14, 16, 18, 24, 25, 30, 36, 40])
        self.curly = r.random() < 0.5
        self.place = self._place(self.A if r.random() < 0.6 else self.B)
        self.named: set[str] = set()  # people already introduced with their title

    def _ex_name(self, series: Series, edition: int, year: int) -> str:
        """'Druzhba-5', 'Shaheen-IX', 'INDRA 2021', 'AMAN-23': how the press writes an edition."""
        r = self.rng
        name = r.choice(series.aliases) if series.aliases and r.random() < 0.1 else series.name
        if r.random() < 0.15:
            name = name.upper()
        numbering = series.numbering if series.numbering in ("year", "edition") else r.choice(["year", "edition", ""])
        if numbering == "year":
            return r.choice([f"{name}-{year}", f"{name} {year}", f"{name}-{year}", f"{name}-{year % 100:02d}"])
        if numbering == "edition":
            return r.choice([f"{name}-{edition}", f"{name}-{roman(edition)}", f"{name} {roman(edition)}", f"{name}-{edition}"])
        return name

    # -------------------------------------------------------------- stable slots
    def s_A(self): return self.A.the
    def s_B(self): return self.B.the
    def s_C(self): return self.C.the
    def s_A_dem(self): return self.A.dem
    def s_B_dem(self): return self.B.dem
    def s_A_cap(self): return self.A.cap
    def s_B_cap(self): return self.B.cap
    def s_C_cap(self): return self.C.cap
    def s_A_poss(self): return _poss(self.A.the)
    def s_B_poss(self): return _poss(self.B.the)
    def s_sup(self): return self.sup.the
    def s_rec(self): return self.rec.the
    def s_sup_dem(self): return self.sup.dem
    def s_rec_dem(self): return self.rec.dem
    def s_eq(self): return self.eq[0]
    def s_eq_noun(self): return self.eq_noun
    def _person(self, name: str) -> str:
        """Title and full name at first mention, the surname after ("Putin said")."""
        if name in self.named:
            return name.split()[-1] if self.rng.random() < 0.7 else name
        self.named.add(name)
        return self.titles[name] + name

    def s_pA(self): return self._person(self.pA)
    def s_pB(self): return self._person(self.pB)
    def s_hB(self): return self._person(self.hB)
    def s_gA(self): return self.gA
    def s_gB(self): return self.gB
    def s_ex(self): return self.ex
    def s_ex_prev(self): return self.ex_prev
    def s_series(self): return self.series.name if self.series else ""
    def s_story(self): return {"analysis": "relationship", "policy": "move", "order": "deal"}.get(self.story, self.story)
    def s_ordinal(self): return ordinal(self.edition)
    def s_ordinal_prev(self): return ordinal(self.edition - 1)
    def s_nth_round(self): return self.rng.choice([ordinal(self.edition), f"{self.edition}{_suffix(self.edition)}"])
    def s_first_year(self): return str(_first_year(self.s_series()))
    def s_annually(self): return self.rng.choice(["annually", "every year", "each year"])

    # -------------------------------------------------------------- drawn slots
    def _place(self, country: Country) -> str:
        return self.rng.choice(self.lex.places.get(country.name) or [country.cap])

    def s_place(self): return self.place  # where the main event happens, the same all article long
    def s_place_A(self): return self._place(self.A)
    def s_place_B(self): return self._place(self.B)

    def _org(self, country: Country) -> str:
        names = ["the " + n.removeprefix("The ") for k in ("ministry", "military", "agency")
                 for n in self.lex.orgs.get((country.name, k), [])]
        generic = [f"the {country.dem} Defence Ministry", f"the {country.dem} Ministry of Defence",
                   f"the {country.dem} Army", "the military\u2019s media wing"]
        return self.rng.choice(names + generic)

    def s_org_A(self): return self._org(self.A)

    def s_company(self):
        firms = self.lex.orgs.get((self.sup.name, "company"), [])
        return self.rng.choice(firms) if firms else f"A state-owned {self.sup.dem} defence company"

    def s_outlet(self):
        media = [n for (c, k), ns in self.lex.orgs.items() if k == "media" for n in ns]
        return self.rng.choice(sorted(media) + OUTLETS)

    def s_multi_ex(self):
        s = self.rng.choice(self.lex.multilateral)
        return self._ex_name(s, self.rng.randint(2, 12), self.pub.year)

    def s_qty(self): return str(self.qty)
    def s_qty_word(self): return NUM_WORDS.get(self.qty, str(self.qty))
    def s_big_qty(self): return f"{self.rng.choice([48, 64, 100, 120, 150, 250, 300, 464, 1200, 6000]):,}"
    def s_troops(self): return f"{self.rng.choice([70, 120, 150, 200, 250, 300, 500, 1000, 1500, 2500, 4000]):,}"
    def s_n_days(self): return self.rng.choice(["two", "three", "four", "five"])
    def s_n_years(self): return str(self.rng.randint(3, 30))
    def s_nth(self):
        n = self.rng.randint(2, 25)
        return f"{n}{_suffix(n)}"
    def s_ordinal_small(self): return self.rng.choice(ORDINALS[1:6])
    def s_duration(self): return self.rng.choice(["two-week", "10-day", "week-long", "three-week", "14-day", "month-long"])
    def s_domain(self): return self.rng.choice(DOMAINS)
    def s_activity(self): return self.rng.choice(ACTIVITIES)
    def s_activity2(self): return self.rng.choice(ACTIVITIES)
    def s_topic(self): return self.rng.choice(TOPICS)
    def s_topic2(self): return self.rng.choice(TOPICS)
    def s_reason(self): return self.rng.choice(REASONS)
    def s_quote(self): return self.rng.choice(QUOTES)
    def s_clause(self): return self.rng.choice([
        "the talks had been constructive", "more deliveries would follow", "the two sides would meet again soon",
        f"{self.B.the} remained a reliable partner", "no timeline had been agreed"])
    def s_money(self):
        r = self.rng
        return r.choice([f"${r.choice(['1.2', '2.5', '5.43', '3'])} billion", f"${r.choice([450, 700, 900])} million",
                         f"Rs {r.choice([800, 5000, 12000, 21000]):,} crore", f"\u20ac{r.randint(1, 9)}.{r.randint(1, 9)} billion",
                         f"{r.randint(100, 900)} million dollars"])

    # noise numbers
    def s_km(self): return f"{self.rng.choice([120, 350, 400, 1200, 1800, 2500, 3300]):,}"
    def s_speed(self): return f"{self.rng.choice([900, 1400, 2100, 2400]):,}"
    def s_alt(self): return f"{self.rng.choice([450, 1200, 2900, 4500]):,}"
    def s_pct(self): return self.rng.choice(["4.5", "12", "7.2", "18", "36", "61"])
    def s_n_small(self): return str(self.rng.randint(12, 90))
    def s_n_tiny(self): return self.rng.choice(["two", "three", "five", "eight"])
    def s_n_tiny2(self): return str(self.rng.randint(2, 11))
    def s_parts(self): return f"{self.rng.choice([900, 1500, 3000]):,}"
    def s_area(self): return f"{self.rng.choice([17000, 4500, 850, 2300]):,}"
    def s_year_like(self): return str(self.rng.choice([2000, 2015, 1990, 2020]))  # counts that look like years
    def s_resolution(self): return str(self.rng.choice([1540, 2231, 1718, 2397]))
    def s_flight(self): return str(self.rng.randint(700, 899))
    def s_hh(self): return f"{self.rng.randint(0, 23):02d}"
    def s_mm(self): return f"{self.rng.randint(0, 59):02d}"

    # time expressions, relative to the publication date
    def _day_text(self, d: date, year: bool = True) -> str:
        r, m = self.rng, MONTHS[d.month - 1]
        forms = [f"{m} {d.day}, {d.year}", f"{d.day} {m} {d.year}", f"{ABBR[d.month - 1]} {d.day}, {d.year}"] if year else \
            [f"{m} {d.day}", f"{d.day} {m}", f"{d.day}{_suffix(d.day)} {m}"]
        return r.choice(forms)

    def s_on_recent(self):
        k = self.rng.randint(1, 6)
        d = self.pub - timedelta(days=k)
        return self.rng.choice([f"on {WEEKDAYS[d.weekday()]}"] * 4 + ["yesterday", "earlier this week", "last week",
                                                                      f"on {self._day_text(d, False)}"])

    def s_on_recent2(self): return self.s_on_recent()

    def s_when_recent(self): return self.rng.choice([self.s_on_recent(), "last month", "this week",
                                                     "earlier this month", f"on {self._day_text(self.pub - timedelta(days=self.rng.randint(1, 25)))}"])

    def _past(self) -> date:
        return self.pub - timedelta(days=self.rng.randint(60, 3600))

    def s_past_year(self): return str(self._past().year)
    def s_old_year(self): return str(self.pub.year - self.rng.randint(20, 45))
    def s_past_month_year(self):
        d = self._past()
        return self.rng.choice([f"{MONTHS[d.month - 1]} {d.year}", f"{MONTHS[d.month - 1]}, {d.year}", f"mid-{d.year}", f"late {d.year}"])
    def s_abs_date(self): return self._day_text(self._past())
    def s_prev_when(self):
        m = self.rng.choice(MONTHS)
        return self.rng.choice([f"{m} last year", f"{m} {self.pub.year - 1}", str(self.pub.year - 1)])
    def s_month_last_year(self): return f"{self.rng.choice(MONTHS)} last year"
    def s_month_this(self): return MONTHS[self.rng.randint(0, self.pub.month - 1)]
    def s_when_past_month(self): return self.rng.choice([self.s_month_last_year(), self.s_past_month_year(),
                                                         "the summer of " + self.s_past_year()])
    def s_ago_phrase(self): return self.rng.choice(["two years ago", "three years ago", "a year ago", "last year",
                                                    "more than a decade ago", "in the 1990s"])
    def s_future_rel(self): return self.rng.choice(["next month", "next week", "later this year", "in the coming days",
                                                    "by the end of the year", f"in {self._future_month()}"])
    def _future_month(self): return MONTHS[(self.pub.month + self.rng.randint(0, 3)) % 12]
    def s_future_month_year(self): return f"{self._future_month()} {self.pub.year + 1}"
    def s_future_year(self): return str(self.pub.year + self.rng.randint(1, 5))
    def s_future_day(self): return self._day_text(self.pub + timedelta(days=self.rng.randint(5, 20)), False)
    def s_future_weekday(self): return self.rng.choice(["next " + self.rng.choice(WEEKDAYS), self.rng.choice(WEEKDAYS)])
    def s_range_future(self):
        a = self.pub - timedelta(days=self.rng.randint(0, 3))
        b = a + timedelta(days=self.rng.randint(7, 20))
        return f"{MONTHS[a.month - 1]} {a.day} to {MONTHS[b.month - 1]} {b.day}"
    def s_range_past(self):
        a = self._past()
        b = a + timedelta(days=self.rng.randint(3, 20))
        ma, mb = MONTHS[a.month - 1], MONTHS[b.month - 1]
        if a.month == b.month and self.rng.random() < 0.5:
            return f"from {a.day} to {b.day} {ma} {a.year}"
        return f"between {ma} {a.day} and {mb} {b.day}" + (f", {b.year}" if self.rng.random() < 0.5 else "")

    def s_future_month(self): return self._future_month()
    def s_weekday_date(self):
        d = self.pub + timedelta(days=self.rng.randint(3, 30))
        return f"{WEEKDAYS[d.weekday()]}, {MONTHS[d.month - 1]} {d.day}"

    def s_fiscal_year(self):
        y = self.pub.year - self.rng.randint(0, 2)
        return self.rng.choice([f"{y}-{(y + 1) % 100:02d}", f"fiscal year {y}", str(y)])

    def s_yr_range(self): return f"{self.pub.year}-{self.pub.year + 10}"

    # -------------------------------------------------------------- assembly
    def fill(self, template: str) -> str:
        s = template.format_map(_Fill(self))
        if not self.curly:
            s = s.translate({0x201C: '"', 0x201D: '"', 0x2019: "'"})
        return s[0].upper() + s[1:]

    def dateline(self) -> str:
        city = self.A.cap.upper()
        mon = ABBR[self.pub.month - 1].rstrip(".")
        return self.rng.choice([f"{city}: ", f"{city} \u2014 ", f"{city}, {mon} {self.pub.day} ({self.rng.choice(OUTLETS)}) - ",
                                f"{city} - ", ""])

    def usable(self, templates: list[str]) -> list[str]:
        """Templates this article can fill: series sentences need a series the pair holds."""
        if self.series:
            return templates
        return [t for t in templates if not any(k in t for k in ("{series}", "{ex}", "{ex_prev}", "_prev}"))]

    def body(self) -> tuple[str, str]:
        r = self.rng
        n = r.randint(8, 25)  # sentences, lead included
        lead = self.dateline() + self.fill(r.choice(LEADS[self.story]))
        details, history = self.usable(DETAILS[self.story]), self.usable(HISTORY)
        main = r.sample(details, min(len(details), r.randint(2, 5)))
        rest = r.sample(history, r.randint(1, 5)) + r.sample(QUOTE, r.randint(1, 3)) + \
            r.sample(BACKGROUND, r.randint(1, 4)) + r.sample(NOISE, r.randint(1, 4))
        r.shuffle(rest)
        unused = [t for t in history + QUOTE + BACKGROUND + NOISE if t not in rest]
        r.shuffle(unused)
        templates = (main + rest + unused)[: n - 1]
        sentences = [self.fill(t) for t in templates]
        if r.random() < 0.3 and len(sentences) > 3:  # some articles put context before detail
            i, j = r.sample(range(len(sentences)), 2)
            sentences[i], sentences[j] = sentences[j], sentences[i]
        paragraphs = [lead]
        while sentences:
            k = r.choice([1, 1, 2, 2, 3])
            paragraphs.append(" ".join(sentences[:k]))
            sentences = sentences[k:]
        self.named.clear()  # the headline names people in full, like the lead
        return self.fill(r.choice(TITLES[self.story])), "\n\n".join(paragraphs) + "\n"


def _poss(name: str) -> str:
    return name + ("\u2019" if name.endswith("s") else "\u2019s")  # fill() straightens quotes when needed


def _suffix(n: int) -> str:
    return "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")


def make_article(lex: Lexicon, seed: int, i: int) -> tuple[str, str]:
    """(file name, file text) of article i; independent of the other articles."""
    rng = random.Random(f"{seed}:{i}")
    art = ArticleGen(lex, rng)
    title, body = art.body()
    kind = rng.random()
    head = [f"title: {title}", f"source: {rng.choice(OUTLETS)}",
            f"url: https://example.org/news/{art.pub:%Y/%m}/{slug(title)}-{rng.randrange(10**6)}"]
    if kind >= 0.03:  # ~3% lack a publication date: relative dates cannot be resolved
        head.append(f"published: {art.pub.isoformat()}")
    text = body if kind < 0.015 else "---\n" + "\n".join(head) + "\n---\n" + body  # ~1.5% no front matter
    ext = ".md" if rng.random() < 0.5 else ".txt"
    return f"{i:05d}_{slug(title)[:40]}{ext}", text


def write_corpus(outdir, n: int, seed: int = 1) -> list[Path]:
    """Write n articles into outdir (created if needed); returns their paths in order."""
    out = Path(outdir)
    out.mkdir(parents=True, exist_ok=True)
    lex = Lexicon()
    paths = []
    for i in range(n):
        name, text = make_article(lex, seed, i)
        p = out / name
        p.write_text(text, encoding="utf-8")
        paths.append(p)
    return paths


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description="Write N synthetic defence-news articles into OUTDIR.")
    ap.add_argument("outdir")
    ap.add_argument("--n", type=int, default=1000, help="number of articles (default 1000)")
    ap.add_argument("--seed", type=int, default=1, help="random seed (default 1)")
    args = ap.parse_args(argv)
    paths = write_corpus(args.outdir, args.n, args.seed)
    lex = Lexicon()
    src = ", ".join(f"{k}: {'data' if v else 'built-in'}" for k, v in lex.from_data.items())
    print(f"wrote {len(paths)} articles to {args.outdir} ({src})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
