"""Load the domain knowledge in data/*.toml and compile it into matchers, once."""
from __future__ import annotations

import hashlib
import re

import tomllib
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from .matcher import PhraseMatcher

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
    broad_categories: dict = field(default_factory=dict)  # "warship" → the categories it covers
    named_for: dict = field(default_factory=dict)  # organisation → the country its name names ("Pakistan Navy")
    events: dict = field(default_factory=dict)
    version: str = ""  # a digest of the data files it was built from ("" when built by hand)
    word_sets: dict = field(default_factory=dict)  # cache for word_set()

    def fits(self, equipment: str, category: str, unlisted: dict[str, str] | None = None) -> bool:
        """May a noun of `category` ("the jets", "the ship") stand for this equipment? `unlisted` gives
        the kinds of goods the article named that the lexicon does not list ("an S26T submarine")."""
        if category not in self.categories:
            return True  # a plain noun: "the batch", "the system"
        own = self.equipment.get(equipment, {}).get("category") or (unlisted or {}).get(equipment)
        return own == category or own in self.broad_categories.get(category, ())


def data_version(data_dir: Path) -> str:
    """A digest of the data files (data/*.toml): their names and contents."""
    h = hashlib.sha256()
    for path in sorted(Path(data_dir).glob("*.toml")):
        h.update(path.name.encode() + b"\0" + path.read_bytes() + b"\0")
    return h.hexdigest()


def build_lexicon(data_dir: Path = DATA_DIR) -> Lexicon:
    lex = Lexicon(version=data_version(data_dir))
    ent, trg, cue = lex.entities, lex.triggers, lex.cues

    for c in _load(data_dir, "countries.toml").get("country", []):
        name = c["name"]
        lex.countries[name] = c
        for w in [name, *c.get("aliases", [])]:
            ent.add(w, ("country", name, "name"))
        for w in c.get("demonyms", []):
            ent.add(w, ("country", name, "demonym"))
        for w in c.get("capitals", []):
            ent.add(w, ("country", name, "capital"))
        for w in c.get("bodies", []):
            ent.add(w, ("country", name, "body"))

    for p in _load(data_dir, "places.toml").get("place", []):
        lex.places[p["name"]] = p
        for w in [p["name"], *p.get("aliases", [])]:
            ent.add(w, ("place", p["name"], ""))

    for s in _load(data_dir, "exercises.toml").get("series", []):
        lex.series[s["name"]] = s
        weak = {w.lower() for w in s.get("weak_aliases", [])}
        # a name that is also an ordinary word ("Druzhba" the pipeline) is listed weak and stays weak
        for w in [s["name"], *s.get("aliases", [])]:
            if w.lower() not in weak:
                ent.add(w, ("series", s["name"], "strong"))
        for w in s.get("weak_aliases", []):
            ent.add(w, ("series", s["name"], "weak"))

    eq = _load(data_dir, "equipment.toml")
    lex.categories = eq.get("categories", {})
    lex.broad_categories = {k: set(v) for k, v in eq.get("broad_categories", {}).items()}
    for category, nouns in lex.categories.items():
        for w in nouns:
            cue.add(w, ("unit", w.lower()))
            cue.add(w, ("equipment_anaphor", category))  # "the jets", "the four corvettes"
    for e in eq.get("equipment", []):
        lex.equipment[e["name"]] = e
        for w in [e["name"], *e.get("aliases", [])]:
            ent.add(w, ("equipment", e["name"], ""))
            # plurals: "Rafales", "F-16s", "Mi-35s"
            ent.add(w + "s" if w[-1].isalpha() else w + " s", ("equipment", e["name"], ""))

    orgs = _load(data_dir, "organizations.toml")
    lex.org_heads = frozenset(w.lower() for w in orgs.get("head_words", []))
    for o in orgs.get("organization", []):
        lex.organizations[o["name"]] = o
        for w in [o["name"], *o.get("aliases", [])]:
            ent.add(w, ("organization", o["name"], o.get("kind", "")))
        if _names_its_country(o, lex.countries):
            lex.named_for[o["name"]] = o["country"]

    for person in _load(data_dir, "people.toml").get("person", []):
        for w in [person["name"], *person.get("aliases", [])]:
            lex.people[w] = (person["name"], person["country"])
    if lex.people:
        names = sorted(lex.people, key=len, reverse=True)
        lex.people_pattern = re.compile(r"(?<![\w\-])(?:" + "|".join(map(re.escape, names)) + r")(?![\w\-])")

    titles = _load(data_dir, "titles.toml")
    for group in ("ranks", "titles", "honorifics", "descriptors"):
        for w in titles.get(group, []):
            ent.add(w, ("title", w, group))

    ev = lex.events = _load(data_dir, "events.toml")
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
    for w in q.get("other_units", []):
        cue.add(w, ("unit", w.lower()))
    for w in q.get("equipment_anaphors", []):
        cue.add(w, ("equipment_anaphor", w.lower()))
    return lex


@lru_cache(maxsize=4)
def default_lexicon(data_dir: str = str(DATA_DIR)) -> Lexicon:
    return build_lexicon(Path(data_dir))


def word_set(lex: Lexicon, *path: str) -> frozenset[str]:
    """A list from events.toml as a lower-cased set, e.g. word_set(lex, 'cues', 'anaphoric_determiners')."""
    cached = lex.word_sets.get(path)
    if cached is None:
        node = lex.events
        for key in path:
            node = node.get(key, {})
        cached = lex.word_sets[path] = frozenset(w.lower() for w in (node or []))
    return cached
