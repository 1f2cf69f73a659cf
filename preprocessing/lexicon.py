"""Load the domain knowledge in data/*.toml and compile it into matchers, once."""
from __future__ import annotations

import hashlib
import re

import tomllib
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from .matcher import PhraseMatcher, pattern_key

DATA_DIR = Path(__file__).resolve().parent.parent / "data"


def _load(data_dir: Path, name: str) -> dict:
    path = data_dir / name
    if not path.is_file():
        return {}
    with path.open("rb") as f:
        return tomllib.load(f)


def _words(*lists) -> list[str]:
    return [w for lst in lists for w in (lst or [])]


def _names_its_country(org: dict, countries: dict) -> bool:
    """Is the organisation named for its country ("Pakistan Navy", "Indian Air Force")? "ISPR" is not:
    its name says nothing of a country (Bangladesh has one too)."""
    entry = countries.get(org.get("country", ""), {})
    names = [org.get("country", ""), *entry.get("aliases", []), *entry.get("demonyms", [])]
    return bool(entry) and any(re.search(rf"\b{re.escape(n)}\b", org["name"]) for n in names if n)


@dataclass
class Lexicon:
    entities: PhraseMatcher = field(default_factory=PhraseMatcher)  # payload (kind, canonical, flag)
    triggers: PhraseMatcher = field(default_factory=PhraseMatcher)  # payload (family, detail)
    cues: PhraseMatcher = field(default_factory=PhraseMatcher)  # payload (cue, value)
    countries: dict = field(default_factory=dict)
    places: dict = field(default_factory=dict)
    series: dict = field(default_factory=dict)
    equipment: dict = field(default_factory=dict)
    organizations: dict = field(default_factory=dict)
    org_heads: frozenset = frozenset()
    categories: dict = field(default_factory=dict)  # equipment category → nouns
    people: dict = field(default_factory=dict)  # a known person's name or alias → (full name, country)
    people_pattern: object = None  # one regex of every name and alias in `people`
    people_words: frozenset = frozenset()  # every word of those names: a sentence without one has none of them
    broad_categories: dict = field(default_factory=dict)  # "warship" → the categories it covers
    named_for: dict = field(default_factory=dict)  # organisation → the country its name names ("Pakistan Navy")
    events: dict = field(default_factory=dict)
    version: str = ""  # a digest of the data files it was built from ("" when built by hand)
    language: str = "en"  # the language whose words the matchers hold
    combining: dict = field(default_factory=dict)  # first parts of compound adjectives → country ("российско")
    known_people: dict = field(default_factory=dict)  # canonical name → its entry in people.toml
    series_names: dict = field(default_factory=dict)  # a series name's words as tokens' norms → its canonical name
    word_sets: dict = field(default_factory=dict)  # cache for word_set()
    data_dir: str = ""  # where it was built from: the other languages' lexicons are built from there too
    languages: dict = field(default_factory=dict)  # language → its lexicon, built when first asked for

    def for_language(self, language: str) -> "Lexicon":
        """This lexicon's twin for another language (same canonical entries, that language's words)."""
        if language == self.language or not self.data_dir:
            return self
        if language not in self.languages:
            twin = self.languages[language] = build_lexicon(Path(self.data_dir), language)
            twin.languages[self.language] = self  # (the Russian reader's Latin pass asks for this one back)
        return self.languages[language]

    def fits(self, equipment: str, category: str, unlisted: dict[str, str] | None = None) -> bool:
        """May a noun of `category` ("the jets", "the ship") stand for this equipment? `unlisted` gives
        the kinds of goods the article named that the lexicon does not list ("an S26T submarine")."""
        if category not in self.categories:
            return True  # a plain noun: "the batch", "the system"
        own = self.equipment.get(equipment, {}).get("category") or (unlisted or {}).get(equipment)
        return own == category or own in self.broad_categories.get(category, ())


def category_unit(category: str) -> str:
    """The English unit of an equipment category: "helicopter" → "helicopters", "transport_aircraft" → "aircraft"."""
    word = category.replace("_", " ").split()[-1]
    if word in ("aircraft", "equipment") or word.endswith("s"):
        return word
    if word.endswith("y") and word[-2:-1] not in "aeiou":
        return word[:-1] + "ies"  # batteries
    return word + ("es" if word.endswith(("x", "ch", "sh", "o")) else "s")  # torpedoes


def data_version(data_dir: Path) -> str:
    """A digest of the data files (data/*.toml and each language's data/LANG/*.toml): names and contents."""
    h = hashlib.sha256()
    data_dir = Path(data_dir)
    for path in sorted(data_dir.rglob("*.toml")):
        h.update(path.relative_to(data_dir).as_posix().encode() + b"\0" + path.read_bytes() + b"\0")
    return h.hexdigest()


_FILES = ("countries.toml", "places.toml", "exercises.toml", "equipment.toml", "organizations.toml",
          "people.toml", "titles.toml", "events.toml")


def _tables(data_dir: Path) -> dict[str, dict]:
    return {name: _load(data_dir, name) for name in _FILES}


def build_lexicon(data_dir: Path = DATA_DIR, language: str = "en") -> Lexicon:
    """The lexicon of one language: the canonical entries always come from the English files in
    `data_dir`; the words matched in text from that language's files (data/LANG/ beside them), whose
    entries name the same canonical entries. Adding a language is its word files plus its reader."""
    from .readers import reader_for  # a reader knows how its language's words are normalised

    data_dir = Path(data_dir)
    reader = reader_for(language)
    lex = Lexicon(entities=reader.matcher(), triggers=reader.matcher(), cues=reader.matcher(),
                  version=data_version(data_dir), language=language, data_dir=str(data_dir))
    english = _tables(data_dir)
    _knowledge(lex, english)
    _words(lex, english if language == "en" else _tables(data_dir / language))
    return lex


def _knowledge(lex: Lexicon, t: dict[str, dict]) -> None:
    """The canonical entries: what each country, place, series, system and organisation is."""
    for c in t["countries.toml"].get("country", []):
        lex.countries[c["name"]] = c
    for p in t["places.toml"].get("place", []):
        lex.places[p["name"]] = p
    for s in t["exercises.toml"].get("series", []):
        lex.series[s["name"]] = s
    eq = t["equipment.toml"]
    lex.categories = eq.get("categories", {})
    lex.broad_categories = {k: set(v) for k, v in eq.get("broad_categories", {}).items()}
    for e in eq.get("equipment", []):
        lex.equipment[e["name"]] = e
    for o in t["organizations.toml"].get("organization", []):
        lex.organizations[o["name"]] = o
        if _names_its_country(o, lex.countries):
            lex.named_for[o["name"]] = o["country"]
    for person in t["people.toml"].get("person", []):
        lex.known_people[person["name"]] = person


def _words(lex: Lexicon, t: dict[str, dict]) -> None:
    """The words of one language that name the entries, and its trigger and cue words."""
    from .readers import reader_for
    ent, trg, cue = lex.entities, lex.triggers, lex.cues

    def add_name(phrase: str, payload: tuple) -> None:
        if lex.language != "en":  # a name written in lower case ("залив Петра Великого") may be so in text
            payload += (phrase[:1].islower(),)
        ent.add(phrase, payload)

    for c in t["countries.toml"].get("country", []):
        name = c["name"]
        for w in [name, *c.get("aliases", [])] if lex.language == "en" else c.get("aliases", []):
            add_name(w, ("country", name, "name"))
        for w in c.get("demonyms", []):
            add_name(w, ("country", name, "demonym"))
        for w in c.get("capitals", []):
            add_name(w, ("country", name, "capital"))
        for w in c.get("bodies", []):
            add_name(w, ("country", name, "body"))
        for w in c.get("combining", []):  # "российско-" of "российско-индийский", by its dictionary form
            lex.combining[" ".join(reader_for(lex.language).normalise(w)[:1])] = c["name"]

    for p in t["places.toml"].get("place", []):
        for w in [p["name"], *p.get("aliases", [])] if lex.language == "en" else p.get("aliases", []):
            add_name(w, ("place", p["name"], ""))

    for s in t["exercises.toml"].get("series", []):
        weak = {w.lower() for w in s.get("weak_aliases", [])}
        # a name that is also an ordinary word ("Druzhba" the pipeline) is listed weak and stays weak
        for w in [s["name"], *s.get("aliases", [])] if lex.language == "en" else s.get("aliases", []):
            if w.lower() not in weak:
                add_name(w, ("series", s["name"], "strong"))
        if lex.language != "en":  # for a misspelt name: «Морской пояс безопастности»
            for w in [*s.get("aliases", []), *s.get("weak_aliases", [])]:
                lex.series_names[" ".join(reader_for(lex.language).normalise(w))] = s["name"]
        for w in s.get("weak_aliases", []):
            add_name(w, ("series", s["name"], "weak"))

    eq = t["equipment.toml"]
    for category, nouns in eq.get("categories", {}).items():
        for w in nouns:
            # counts are told in English units: "четыре вертолета" is 4 helicopters
            cue.add(w, ("unit", w.lower() if lex.language == "en" else category_unit(category)))
            cue.add(w, ("equipment_anaphor", category))  # "the jets", "the four corvettes"
    for e in eq.get("equipment", []):
        # (names that are also words, «Калибр», are written capitalised: matched only so)
        for w in [e["name"], *e.get("aliases", [])] if lex.language == "en" else \
                e.get("aliases", []) + e.get("weak_aliases", []):
            add_name(w, ("equipment", e["name"], ""))
            if lex.language == "en":  # plurals: "Rafales", "F-16s", "Mi-35s"
                add_name(w + "s" if w[-1].isalpha() else w + " s", ("equipment", e["name"], ""))

    orgs = t["organizations.toml"]
    lex.org_heads = frozenset(w.lower() for w in orgs.get("head_words", []))
    for o in orgs.get("organization", []):
        for w in [o["name"], *o.get("aliases", [])] if lex.language == "en" else o.get("aliases", []):
            add_name(w, ("organization", o["name"], lex.organizations.get(o["name"], o).get("kind", "")))

    for person in t["people.toml"].get("person", []):
        known = lex.known_people.get(person["name"], person)
        for w in [person["name"], *person.get("aliases", [])] if lex.language == "en" else person.get("aliases", []):
            lex.people[w] = (person["name"], known.get("country", ""))
            if lex.language != "en":  # inflected names are found by the matcher, not by a pattern
                add_name(w, ("person", person["name"], known.get("country", "")))
    if lex.people and lex.language == "en":
        lex.people_words = frozenset(t for name in lex.people for t in pattern_key(name))
        names = sorted(lex.people, key=len, reverse=True)
        lex.people_pattern = re.compile(r"(?<![\w\-])(?:" + "|".join(map(re.escape, names)) + r")(?![\w\-])")

    titles = t["titles.toml"]
    for group in ("ranks", "titles", "honorifics", "descriptors"):
        for w in titles.get(group, []):
            add_name(w, ("title", w, group))

    ev = lex.events = t["events.toml"]
    lex.word_sets = {}
    ex = ev.get("exercise", {})
    for w in ex.get("nouns", []):
        trg.add(w, ("exercise", ""))
    for t in ev.get("arms_transfer", {}).get("trigger", []):
        for w in t["words"]:
            trg.add(w, ("arms_transfer", (t["subtype"], t.get("direction", "supplier"), bool(t.get("needs_batch")))))
    for t in ev.get("visit", {}).get("trigger", []):
        for w in t["words"]:
            trg.add(w, ("visit", (t["subtype"], bool(t.get("requires_person")), bool(t.get("requires_body")),
                                  bool(t.get("host_first")))))
    ag = ev.get("agreement", {})
    for w in ag.get("nouns", []):
        trg.add(w, ("agreement", ""))
    for t in ev.get("policy", {}).get("trigger", []):
        for w in t["words"]:
            trg.add(w, ("policy", (t["subtype"], t.get("name", ""))))

    for w in ex.get("edition_nouns", []):
        cue.add(w, ("edition_noun", ""))
    for w in ex.get("multilateral_cues", []):
        cue.add(w, ("multilateral", ""))
    for w in ex.get("recurrence_cues", []):
        cue.add(w, ("recurrence", 1))
    for w in ex.get("biennial_cues", []):
        cue.add(w, ("recurrence", 2))
    for w in ag.get("signing_verbs", []):
        cue.add(w, ("signing", ""))
    for w in ag.get("defence_words", []):
        cue.add(w, ("defence_topic", ""))
    for w in ev.get("arms_transfer", {}).get("batch_words", []):
        cue.add(w, ("batch", ""))
    for w in ex.get("sibling_words", []):
        cue.add(w, ("sibling", ""))
    cues = ev.get("cues", {})
    for group in ("start", "end", "arrival", "reporting", "reaction"):
        for w in cues.get(group, []):
            cue.add(w, (group, ""))
    for w in cues.get("pair_phrases", []):
        cue.add(w, ("pair", ""))
    for group in ("hypothetical", "period", "carrier", "unconfirmed", "negation", "cancellation", "withdrawal",
                  "rescheduled"):
        for w in cues.get(group, []):
            cue.add(w, (group, ""))
    for w in ev.get("policy", {}).get("objects", {}).get("words", []):
        cue.add(w, ("policy_object", w))
    q = ev.get("quantity", {})
    for w in q.get("troops", []):
        cue.add(w, ("unit", "troops"))
    units = q.get("other_units", [])
    # another language's units name the English unit they count: {ships = ["корабль", "судно"]}
    for unit, words in units.items() if isinstance(units, dict) else ((w.lower(), [w]) for w in units):
        for w in words:
            cue.add(w, ("unit", unit))
    for w in q.get("equipment_anaphors", []):
        cue.add(w, ("equipment_anaphor", w.lower()))


@lru_cache(maxsize=4)
def default_lexicon(data_dir: str = str(DATA_DIR), language: str = "en") -> Lexicon:
    return build_lexicon(Path(data_dir), language)


def word_set(lex: Lexicon, *path: str) -> frozenset[str]:
    """A list from events.toml as a lower-cased set, e.g. word_set(lex, 'cues', 'anaphoric_determiners')."""
    cached = lex.word_sets.get(path)
    if cached is None:
        node = lex.events
        for key in path:
            node = node[int(key)]["words"] if isinstance(node, list) else node.get(key, {})
        if lex.language == "en":
            cached = frozenset(w.lower() for w in (node or []))
        else:  # compared with tokens' dictionary forms
            from .readers import reader_for
            keys = reader_for(lex.language).keys
            cached = frozenset(" ".join(k) for w in (node or []) for k in keys(w))
        lex.word_sets[path] = cached
    return cached
