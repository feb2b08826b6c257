"""A synthetic news corpus for the scale benchmarks: made-up articles written from armskg's lexicons.

Each article is about 3 KB of news English on arms transfers, strikes and diplomatic
statements, composed from the lexicons in ``loaders/lexicons/`` (states with their aliases,
capitals and demonyms, known officials and their titles, weapon terms with designations,
places, armed groups, government bodies) and sentence frames written for this script: joint
statements with long signatory lists; condemnations, concern, calls, warnings, denials and
allegations from officials with titles or appositions, ministries and states; transfers with
and without designations (delivered, agreed, alleged); strikes with weapons, places and days
("on Tuesday", "on 12 March"); quotes, background paragraphs and site boilerplate (bylines,
"Reporting by", copyright lines, related links).

The distributions are shaped like real coverage: the events come from a fixed pool of
:data:`EVENT_POOL` events picked with Zipf-like weights, so many articles re-report the same
events in different words (merging has work to do); a few state pairs (Russia → Ukraine
strikes, North Korea → Russia transfers) are far more frequent than a long tail of others;
publication days span 2021-2025; 400 publishers, a few much bigger than the rest.
:func:`main_event` says which pool event an article reports (the truth a merge can be checked against).

Reproducible: article ``k`` depends only on the seed and ``k`` (and the lexicon files), so the
same seed and count give byte-identical files, and the 1,000-article corpus is the first 1,000
lines of the 10,000-article one.  Written as JSON Lines (``id``, ``text``, ``title``, ``date``,
``publisher``, ``url``: what ``armskg ingest`` reads), streaming, in bounded chunks.

Usage::

    .venv/bin/python benchmarks/synthetic_articles.py --articles 10000 --seed 7 -o DIR [--shards K] [--workers W]

writes ``DIR/corpus-00000.jsonl`` ... (``K`` files of consecutive articles; ``W`` processes
write them in parallel) and prints the count, the bytes and the rate.  From Python:

>>> first = next(generate_articles(1, seed=7))
>>> sorted(first), first["id"]
(['date', 'id', 'publisher', 'text', 'title', 'url'], 'syn7-0000000')
>>> article_record(0, seed=7) == first
True
"""

from __future__ import annotations

import argparse
import bisect
import datetime as dt
import functools
import itertools
import json
import random
import re
import sys
import time
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import TypeVar

from armskg.loaders.lexicon import load_lexicon

__all__ = [
    "EVENT_POOL",
    "FIRST_DAY",
    "LAST_DAY",
    "CorpusStats",
    "article_record",
    "generate_articles",
    "main",
    "main_event",
    "shard_ranges",
    "write_corpus",
]

FIRST_DAY = dt.date(2021, 1, 4)
"""The earliest event day."""

LAST_DAY = dt.date(2025, 6, 30)
"""The latest publication day (in the past, so that the readers accept every date)."""

EVENT_POOL = 50_000
"""How many distinct events the articles report: a fixed pool, so article ``k`` never depends on the count."""

_SPAN = (LAST_DAY - FIRST_DAY).days - 40
_CHUNK = 256  # JSON lines written at a time


def _words(text: str) -> tuple[str, ...]:
    return tuple(text.split())


# --- the world: parties, weapons, officials, publishers ------------------------------------


@dataclass(frozen=True, slots=True)
class _Party:
    """A state or an armed group, with the ways news names it."""

    key: str
    name: str
    aliases: tuple[str, ...]
    capitals: tuple[str, ...]
    demonym: str
    state: bool
    city: str  # where a dateline puts a story about it

    @property
    def possessive(self) -> str:
        return self.name + ("'" if self.name.endswith("s") else "'s")


@dataclass(frozen=True, slots=True)
class _Weapon:
    """A weapon as an event carries it: its category and a generic plural noun, or a named system."""

    category: str
    generic: str
    designation: str | None = None


@dataclass(frozen=True, slots=True)
class _Official:
    """A person with a title who speaks for a state."""

    name: str
    title: str

    @property
    def surname(self) -> str:
        return self.name.split()[-1]


@dataclass(slots=True)
class _Event:
    """One thing that happened; many articles report it, each in its own words."""

    kind: str  # transfer, strike, joint
    date: dt.date
    a: _Party  # supplier or attacker (a joint statement: those of the event it is about)
    b: _Party  # recipient or target
    weapon: _Weapon | None
    status: str = "asserted"  # transfers: asserted, planned, alleged
    place: str | None = None
    origin: _Party | None = None
    quantity: str | None = None
    money: str | None = None
    killed: int = 0
    wounded: int = 0
    signatories: tuple[_Party, ...] = ()
    about: _Event | None = None
    stances: tuple[str, ...] = ()


_GROUPS: dict[str, tuple[str, tuple[str, ...], str, str]] = {
    # key: (name, aliases, adjective, home state); the names are rows of organizations.tsv
    "Houthis": ("the Houthis", ("Houthi rebels", "the Houthi movement", "Ansar Allah"), "Houthi", "YEM"),
    "Hezbollah": ("Hezbollah", ("Hizbollah",), "Hezbollah", "LBN"),
    "Hamas": ("Hamas", ("the Islamic Resistance Movement",), "Hamas", "PSE"),
    "RSF": ("the Rapid Support Forces", ("the RSF",), "RSF", "SDN"),
}
_TRANSFER_HEAD = (
    ("PRK", "RUS"),
    ("IRN", "RUS"),
    ("USA", "UKR"),
    ("DEU", "UKR"),
    ("USA", "ISR"),
    ("GBR", "UKR"),
    ("IRN", "Houthis"),
    ("FRA", "UKR"),
    ("CHN", "RUS"),
    ("IRN", "Hezbollah"),
    ("USA", "TWN"),
    ("TUR", "UKR"),
    ("RUS", "BLR"),
    ("POL", "UKR"),
    ("RUS", "IND"),
    ("ARE", "RSF"),
    ("CHN", "PAK"),
    ("IRN", "Hamas"),
    ("KOR", "POL"),
    ("NLD", "UKR"),
    ("USA", "SAU"),
    ("TUR", "AZE"),
    ("CZE", "UKR"),
    ("FRA", "IND"),
    ("ISR", "AZE"),
    ("SWE", "UKR"),
    ("RUS", "IRN"),
    ("NOR", "UKR"),
    ("USA", "KOR"),
    ("USA", "JPN"),
)
_STRIKE_HEAD = (
    ("RUS", "UKR"),
    ("ISR", "PSE"),
    ("UKR", "RUS"),
    ("ISR", "LBN"),
    ("Houthis", "ISR"),
    ("USA", "YEM"),
    ("ISR", "SYR"),
    ("Hezbollah", "ISR"),
    ("ISR", "IRN"),
    ("IRN", "ISR"),
    ("GBR", "YEM"),
    ("TUR", "IRQ"),
    ("Hamas", "ISR"),
    ("TUR", "SYR"),
    ("RSF", "SDN"),
    ("SAU", "YEM"),
    ("AZE", "ARM"),
    ("PAK", "AFG"),
    ("IND", "PAK"),
    ("USA", "IRQ"),
)
_ALLIES_TEXT = (
    "ALB AND AUS AUT BEL BGR CAN HRV CYP CZE DNK EST FIN FRA GEO DEU GRC ISL IRL ITA JPN LVA LIE LTU LUX MLT MDA MCO "
    "MNE NLD NZL MKD NOR PLW POL PRT KOR ROU SMR SVK SVN ESP SWE CHE UKR GBR USA GTM MHL FSM"
)  # the states that sign the joint statements
_CAPITAL_METONYMS = set(
    _words("RUS UKR USA CHN PRK KOR IRN ISR GBR FRA DEU JPN TUR POL IND PAK SAU ARE SYR IRQ YEM LBN BLR TWN EGY QAT")
)
_ALIGNED = {*_ALLIES_TEXT.split(), "ISR", "TWN", "PHL"}  # whose strikes allies answer with calls for restraint
_CONTESTED = {"PRK", "IRN", "CHN", "RUS", "ARE", "BLR"}  # suppliers whose deliveries are denied and condemned
_ORIGINS = {"RUS": ("IRN", "PRK"), "Houthis": ("IRN",), "Hezbollah": ("IRN",), "RSF": ("ARE",), "UKR": ("USA",)}
_JOINT_TRANSFERS = (("PRK", "RUS"), ("IRN", "RUS"), ("PRK", "RUS"), ("CHN", "RUS"), ("IRN", "Houthis"), ("ARE", "RSF"))
_JOINT_STRIKES = (("RUS", "UKR"), ("RUS", "UKR"), ("Houthis", "ISR"), ("IRN", "ISR"), ("RSF", "SDN"))
_REGIONS = (  # (attackers, targets): the long tail of strikes stays within a theatre
    ("ISR IRN USA GBR SAU ARE TUR SYR IRQ YEM LBN JOR Houthis Hezbollah Hamas", "SYR IRQ YEM LBN ISR IRN PSE SAU JOR"),
    ("RUS UKR BLR AZE ARM GEO", "UKR RUS ARM AZE GEO"),
    ("SDN ETH ERI NGA MLI BFA NER SOM COD RWA LBY EGY TCD USA TUR ARE RSF", "SDN ETH SOM MLI NGA NER COD LBY BFA"),
    ("IND PAK AFG MMR CHN PRK KOR USA", "PAK IND AFG MMR"),
)
_GENERIC_BLOCK = re.compile(
    r"intercontinental|submarine|ICBM|SLBM|IRBM|MRBM|intermediate|anti-ship|air-launched|naval|sea drone|"
    r"surface vessel|interceptor|reconnaissance|surveillance|landmine|anti-personnel|anti-tank mine"
)
_EXPORTERS = _words(
    "USA RUS FRA CHN DEU ITA GBR ESP KOR ISR TUR NLD SWE CHE UKR POL CZE IRN PRK IND BRA ZAF NOR AUS CAN BLR ARE PAK"
)
_ALLIES = _ALLIES_TEXT.split()
# nouns after a named system: in a transfer (the items) and in a strike (the munitions)
_SUPPLY_NOUN = {
    "ballistic missile": ("ballistic missiles", "missiles"),
    "cruise missile": ("cruise missiles", "missiles"),
    "drone": ("drones", "attack drones"),
    "air defence system": ("air defence systems", "air defense systems", "systems", "batteries"),
    "artillery ammunition": ("shells", "artillery shells"),
    "aircraft": ("combat aircraft", "aircraft", "jets"),
    "armoured vehicle": ("armoured vehicles", "vehicles"),
    "rocket artillery": ("rocket launchers", "launchers", "systems"),
    "small arms": ("rifles",),
    "other": ("weapons", "systems"),
}
_STRIKE_NOUN = {
    "ballistic missile": ("ballistic missiles", "missiles"),
    "cruise missile": ("cruise missiles", "missiles"),
    "drone": ("drones", "attack drones"),
    "artillery ammunition": ("shells",),
    "rocket artillery": ("rockets",),
}
_SUPPLY_CATEGORIES = (
    "air defence system",
    "artillery ammunition",
    "armoured vehicle",
    "ballistic missile",
    "cruise missile",
    "drone",
    "aircraft",
    "rocket artillery",
    "small arms",
)
_STRIKE_CATEGORIES = ("ballistic missile", "cruise missile", "drone", "drone", "artillery ammunition")
_PAIR_CATEGORIES: dict[tuple[str, str], tuple[str, ...]] = {
    ("PRK", "RUS"): ("ballistic missile", "artillery ammunition", "artillery ammunition", "rocket artillery"),
    ("IRN", "RUS"): ("drone", "drone", "ballistic missile"),
    ("IRN", "Houthis"): ("drone", "ballistic missile", "cruise missile"),
    ("IRN", "Hezbollah"): ("rocket artillery", "drone", "ballistic missile"),
    ("IRN", "Hamas"): ("rocket artillery", "small arms", "drone"),
    ("CHN", "RUS"): ("drone", "drone", "other"),
    ("ARE", "RSF"): ("drone", "small arms", "armoured vehicle"),
    ("USA", "UKR"): ("air defence system", "ballistic missile", "rocket artillery", "artillery ammunition"),
}

# made-up people: officials of states the lexicon names no one for, reporters and editors
_GIVEN = _words(
    "Anna Marek Lena Tomas Ilse Pavel Sofia Jonas Mira Karl Elif Omar Nadia Rafael Ines Viktor Hana Luca Maren Aleksi "
    "Teresa Dario Petra Samir Leila Yusuf Ingrid Mateo Clara Stefan Amara Kenji Yuna Arjun Priya Tariq Zofia Emil Ruth "
    "Bogdan Olena Farid Selin Nikos Irena Henrik Astrid Goran Milena Ravi Dalia Kofi Ama Mateus Liv Oskar"
)
_FAMILY = _words(
    "Berg Novak Lindqvist Moravec Halloran Petrov Okafor Reyes Castell Haddad Yilmaz Kowal Sorensen Draganic Falk "
    "Almeida Varga Kuznets Ferreira Brandt Lukin Mendez Osei Takeda Navarro Karimi Rasmussen Horvat Bianchi Dumont "
    "Ekstrom Santos Vidal Hartmann Nieminen Popescu Kaya Stavros Wexler Ostrander Marchetti Quinlan Bauer Sandoval "
    "Lindgren Kovalenko Achterberg Holm Dalca Ferrante Mbeki Nakamura Oyelaran Pereira Sato Tanaka Velasquez Zeller"
)
_PUB_FIRST = _words(
    "Northern Meridian Harbor Granite Cobalt Summit Riverside Lantern Compass Beacon Capital Continental Silverline "
    "Eastbound Westgate Highland Coastal Pinnacle Sentinel Horizon Keystone Ironwood Clearwater Bluewater Crossroads "
    "Evening Morning Daily Weekly Open Frontier Signal Atlas Orbit Prairie Valley Lakeside Stonebridge Redwood"
)
_PUB_SECOND = _words(
    "Ledger Courier Herald Gazette Observer Chronicle Dispatch Review Post Tribune Monitor Wire Bulletin Record "
    "Standard Journal Report Times Mirror Examiner Register Press Digest Sentinel"
)
_ROLE_TITLES = {
    "head": ("President", "Prime Minister"),
    "fm": ("Foreign Minister",),
    "dm": ("Defence Minister", "Defense Minister"),
    "spokes": ("Foreign Ministry spokesperson", "Foreign Ministry spokesman"),
    "nsa": ("National Security Adviser",),
}
_STATE_TITLES = {  # where the usual title differs from the generic one
    ("USA", "spokes"): ("State Department spokesperson",),
    ("USA", "dm"): ("Defense Secretary",),
    ("GBR", "fm"): ("Foreign Secretary",),
    ("GBR", "dm"): ("Defence Secretary",),
    ("GBR", "spokes"): ("Foreign Office spokesperson",),
    ("GBR", "head"): ("Prime Minister",),
}
_NAMED_BODIES = {  # bodies organizations.tsv knows by name, used instead of "X's foreign ministry"
    "USA": ("the State Department", "the Pentagon", "the White House"),
    "GBR": ("the British Foreign Office",),
}
_ROLE_OF_TITLE = {
    "president": "head",
    "prime minister": "head",
    "chancellor": "head",
    "foreign minister": "fm",
    "secretary of state": "fm",
    "foreign secretary": "fm",
    "defence minister": "dm",
    "secretary of defense": "dm",
    "defence secretary": "dm",
    "foreign ministry spokesperson": "spokes",
    "foreign ministry spokesman": "spokes",
    "foreign ministry spokeswoman": "spokes",
    "national security advisor": "nsa",
}
_NEEDS_THE = re.compile(
    r"^(?!the )(.*\b(Republic|Kingdom|Federation|State|States|Union|Emirates|Commonwealth|Principality|Duchy|"
    r"Confederation|Sultanate|Islands|Netherlands|Philippines)\b|United |Holy See|Gambia|Bahamas|Maldives|Comoros)",
    re.IGNORECASE,
)


def _with_the(name: str) -> str:
    """``the United States``, ``the Russian Federation``, ``the DPRK``; ``Russia`` stays as it is."""
    return ("the " + name) if _NEEDS_THE.match(name) or re.fullmatch(r"[A-Z.]{2,}", name) else name


_OFFICIAL_NAME = re.compile(r"\b(Republic|Kingdom|Principality|Duchy|Commonwealth|Confederation|Sultanate|State)\b")


def _everyday_alias(alias: str, name: str) -> bool:
    """An alias news uses in running text: ``DPRK``, ``Britain``, ``Russian Federation``, not ``Kingdom of Spain``."""
    plain = alias.removeprefix("the ")
    if plain == name or " of " in plain or len(plain.split()) > 3:
        return False
    return plain == "Islamic Republic" or _OFFICIAL_NAME.search(plain) is None


def _state_rows() -> list[list[str]]:
    """The rows of the bundled ``states.tsv`` in file order (the lexicon keeps names in sets;
    the first capital and demonym listed are the usual ones)."""
    path = resources.files("armskg.loaders").joinpath("lexicons", "states.tsv")
    lines = [line for line in path.read_text(encoding="utf-8").splitlines() if line.strip() and line[0] != "#"]
    return [(line.split("\t") + [""] * 6)[:6] for line in lines[1:]]


def _cells(value: str) -> list[str]:
    return [c.strip() for c in value.split("|") if c.strip()]


_T = TypeVar("_T")


def _one(rnd: random.Random, items: Sequence[_T]) -> _T:
    """One of ``items`` (``random.choice`` costs three times as much; a million articles make tens of millions)."""
    return items[int(rnd.random() * len(items))]


def _below(rnd: random.Random, n: int) -> int:
    return int(rnd.random() * n)


def _between(rnd: random.Random, lo: int, hi: int) -> int:
    """An integer in ``[lo, hi)``."""
    return lo + int(rnd.random() * (hi - lo))


def _zipf_cum(count: int, exponent: float, offset: float = 1.0) -> list[float]:
    """Cumulative Zipf-Mandelbrot weights ``1 / (rank + offset) ** exponent``."""
    return list(itertools.accumulate(1.0 / (rank + offset) ** exponent for rank in range(count)))


def _pick(rnd: random.Random, cum: list[float]) -> int:
    return min(bisect.bisect(cum, rnd.random() * cum[-1]), len(cum) - 1)


@dataclass(slots=True)
class _World:
    """Everything the articles are written from, built once per seed from the lexicons."""

    seed: int
    parties: dict[str, _Party]
    places: dict[str, tuple[str, ...]]
    designations: dict[str, list[_Weapon]]  # producer -> named systems
    generics: dict[str, tuple[str, ...]]  # category -> plural generic terms
    transfer_pairs: list[tuple[str, str]]
    transfer_cum: list[float]
    strike_pairs: list[tuple[str, str]]
    strike_cum: list[float]
    known: dict[tuple[str, str], list[_Official]]
    publishers: list[str]
    publisher_cum: list[float]
    event_cum: list[float]
    events: dict[int, _Event] = field(default_factory=dict)

    def event(self, index: int) -> _Event:
        """Event ``index`` of the pool, made on first use from the seed and the index alone."""
        found = self.events.get(index)
        if found is None:
            if len(self.events) >= 2 * EVENT_POOL:
                self.events.clear()
            found = self.events[index] = _make_event(self, random.Random(f"{self.seed}:event:{index}"))
        return found

    def official(self, key: str, role: str, rnd: random.Random) -> _Official:
        """Who holds ``role`` for state ``key``: a figure from people.tsv when there is one, else a made-up name."""
        known = self.known.get((key, role))
        if known is None:
            r = random.Random(f"{self.seed}:official:{key}:{role}")
            known = self.known[key, role] = [
                _Official(
                    f"{_one(r, _GIVEN)} {_one(r, _FAMILY)}", _one(r, _STATE_TITLES.get((key, role), _ROLE_TITLES[role]))
                )
            ]
        return known[0] if len(known) == 1 else _one(rnd, known)


@functools.lru_cache(maxsize=4)
def _world(seed: int) -> _World:
    lex = load_lexicon()
    parties: dict[str, _Party] = {}
    for iso3, _wikidata, name, aliases, metonyms, demonyms in _state_rows():
        short = tuple(_with_the(a) for a in _cells(aliases) if _everyday_alias(a, name))
        cities = [m for m in _cells(metonyms) if "," not in m]
        capitals = tuple(cities) if iso3 in _CAPITAL_METONYMS else ()
        adjective = next(iter(_cells(demonyms)), "")
        adjective = "" if adjective.endswith("er") else adjective  # "New Zealander" names a person
        parties[iso3] = _Party(iso3, _with_the(name), short, capitals, adjective, True, (*cities, "Brussels")[0])
    for key, (label, forms, group_adjective, home) in _GROUPS.items():
        parties[key] = _Party(key, label, forms, (), group_adjective, False, parties[home].city)
    places: dict[str, list[str]] = {}
    for place in lex.places:
        if place.name.isascii() and "'" not in place.name:
            places.setdefault(place.iso3, []).append(place.name)
    for key, (*_, home) in _GROUPS.items():
        places[key] = places.get(home, [])
    designations: dict[str, list[_Weapon]] = {}
    generics: dict[str, list[str]] = {}
    seen: set[str] = set()
    terms = {w.term for w in lex.weapons}
    for w in lex.weapons:
        if w.designation is None:
            if w.term.endswith("s") and len(w.term.split()) <= 3 and not _GENERIC_BLOCK.search(w.term):
                generics.setdefault(w.category, []).append(w.term)
        elif w.producer is not None and w.designation not in seen and w.term.isascii():
            seen.add(w.designation)
            surface = w.designation if w.designation in terms else w.term
            designations.setdefault(w.producer, []).append(_Weapon(w.category, "", surface))
    rnd = random.Random(f"{seed}:world")
    states = [k for k in lex.states if k != "VAT"]
    transfer_pairs = list(_TRANSFER_HEAD)
    taken = set(transfer_pairs)
    while len(transfer_pairs) < 1_500:
        pair = (_one(rnd, _EXPORTERS), _one(rnd, states))
        rivals = (pair[0] in _CONTESTED and pair[1] in _ALIGNED) or (pair[0] in _ALIGNED and pair[1] in _CONTESTED)
        if pair[0] != pair[1] and pair not in taken and not rivals:
            taken.add(pair)
            transfer_pairs.append(pair)
    tail = [
        (a, t)
        for attackers, targets in _REGIONS
        for a in attackers.split()
        for t in targets.split()
        if a != t and places.get(t) and (a, t) not in _STRIKE_HEAD and _GROUPS.get(a, ("", (), "", ""))[3] != t
    ]
    rnd.shuffle(tail)
    strike_pairs = [*_STRIKE_HEAD, *dict.fromkeys(tail)]
    known: dict[tuple[str, str], list[_Official]] = {}
    titles = {t.title.lower() for t in lex.titles}
    for person in lex.people:
        role = _ROLE_OF_TITLE.get(person.role.lower())
        if role and person.role.lower() in titles and person.affiliation in parties:
            known.setdefault((person.affiliation, role), []).append(_Official(person.name, person.role))
    names = [f"{a} {b}" for a in _PUB_FIRST for b in _PUB_SECOND]
    rnd.shuffle(names)
    return _World(
        seed=seed,
        parties=parties,
        places={k: tuple(v) for k, v in places.items()},
        designations=designations,
        generics={k: tuple(v) for k, v in generics.items()},
        transfer_pairs=transfer_pairs,
        transfer_cum=_zipf_cum(len(transfer_pairs), 1.15),
        strike_pairs=strike_pairs,
        strike_cum=_zipf_cum(len(strike_pairs), 1.3),
        known=known,
        publishers=names[:400],
        publisher_cum=_zipf_cum(400, 0.9, 2.0),
        event_cum=_zipf_cum(EVENT_POOL, 1.05, 12.0),
    )


# --- events -----------------------------------------------------------------------------------


def _quantity(rnd: random.Random, category: str, *, strike: bool = False) -> str | None:
    if rnd.random() < 0.45:
        return None
    if strike:
        return _one(rnd, ("a barrage of", "dozens of", "several", "two", "at least 20", "more than 40"))
    if category == "artillery ammunition":
        return _one(rnd, ("hundreds of thousands of", "about one million", "tens of thousands of", "500,000"))
    if category in ("air defence system", "aircraft"):
        return _one(rnd, ("two", "three", "four", "six", "a dozen", "additional"))
    return _one(rnd, ("dozens of", "several dozen", "more than 100", "about 40", "hundreds of", "24"))


def _weapon(world: _World, rnd: random.Random, maker: str, categories: Sequence[str], *, strike: bool) -> _Weapon:
    nouns = _STRIKE_NOUN if strike else _SUPPLY_NOUN
    named = [w for w in world.designations.get(maker, ()) if w.category in nouns]
    category = _one(rnd, categories)
    fitting = [w for w in named if w.category == category]
    if fitting and rnd.random() < 0.6:
        return _one(rnd, fitting)
    if named and rnd.random() < 0.2 and categories in (_SUPPLY_CATEGORIES, _STRIKE_CATEGORIES):
        return _one(rnd, named)
    if strike and category == "rocket artillery":
        category = "ballistic missile"
    return _Weapon(category, _one(rnd, world.generics.get(category) or nouns[category]))


def _make_event(world: _World, rnd: random.Random) -> _Event:
    date = FIRST_DAY + dt.timedelta(days=_below(rnd, _SPAN))
    roll = rnd.random()
    if roll < 0.42:
        return _transfer_event(world, rnd, date)
    if roll < 0.84:
        return _strike_event(world, rnd, date)
    if rnd.random() < 0.6:
        about = _transfer_event(world, rnd, date, _one(rnd, _JOINT_TRANSFERS))
    else:
        about = _strike_event(world, rnd, date, _one(rnd, _JOINT_STRIKES))
    about.date = max(FIRST_DAY, date - dt.timedelta(days=_between(rnd, 1, 25)))
    if about.kind == "transfer" and about.status == "planned":
        about.status = "asserted"
    size = _one(rnd, (_between(rnd, 10, 20), _between(rnd, 20, 51), _between(rnd, 10, 51)))
    pool = [world.parties[k] for k in _ALLIES if k not in (about.a.key, about.b.key)]
    signatories = tuple(sorted(rnd.sample(pool, min(size, len(pool))), key=lambda p: p.name.removeprefix("the ")))
    stances = tuple(rnd.sample(("condemn", "concern", "call_on", "support"), _between(rnd, 2, 5)))
    return _Event("joint", date, about.a, about.b, about.weapon, signatories=signatories, about=about, stances=stances)


def _transfer_event(world: _World, rnd: random.Random, date: dt.date, pair: tuple[str, str] | None = None) -> _Event:
    sup, rec = pair or world.transfer_pairs[_pick(rnd, world.transfer_cum)]
    weapon = _weapon(world, rnd, sup, _PAIR_CATEGORIES.get((sup, rec), _SUPPLY_CATEGORIES), strike=False)
    status = "alleged" if sup in _CONTESTED and rec not in _ALIGNED and rnd.random() < 0.6 else "asserted"
    if status == "asserted" and rnd.random() < 0.3:
        status = "planned"
    money = None
    if rnd.random() < 0.5:
        money = _one(rnd, ("$", "€")) + _one(
            rnd, ("125 million", "400 million", "1.2 billion", "2.5 billion", "80 million")
        )
    return _Event(
        "transfer",
        date,
        world.parties[sup],
        world.parties[rec],
        weapon,
        status,
        None,
        None,
        _quantity(rnd, weapon.category),
        money,
    )


def _strike_event(world: _World, rnd: random.Random, date: dt.date, pair: tuple[str, str] | None = None) -> _Event:
    att, tgt = pair or world.strike_pairs[_pick(rnd, world.strike_cum)]
    weapon: _Weapon | None = None
    origin: _Party | None = None
    if rnd.random() < 0.8:
        suppliers = _ORIGINS.get(att, ())
        if suppliers and rnd.random() < 0.45:
            source = _one(rnd, suppliers)
            listed = _PAIR_CATEGORIES.get((source, att), _STRIKE_CATEGORIES)
            usable = [c for c in listed if c in _STRIKE_NOUN] or list(_STRIKE_CATEGORIES)
            weapon = _weapon(world, rnd, source, usable, strike=True)
            origin = world.parties[source]
        else:
            weapon = _weapon(world, rnd, att, _STRIKE_CATEGORIES, strike=True)
    places = world.places.get(tgt) or ()
    place = _one(rnd, places) if places and (rnd.random() < 0.8 or att == "RSF") else None
    killed = _one(rnd, (0, 0, 1, 2, 3, 4, 5, 7, 9, 12, 15, 21))
    return _Event(
        "strike",
        date,
        world.parties[att],
        world.parties[tgt],
        weapon,
        place=place,
        origin=origin,
        quantity=_quantity(rnd, weapon.category, strike=True) if weapon else None,
        killed=killed,
        wounded=killed * _between(rnd, 1, 5) + _between(rnd, 0, 6),
    )


# --- sentence frames --------------------------------------------------------------------------
# Placeholders: {S} {R} supplier and recipient, {A} {T} attacker and target ({B} = the second
# party of either kind), {O} the state a strike's weapons came from, {X} {Y} speakers and third
# states, {V} the party others stand with.  Suffixes: none = as a subject (name, alias or
# capital), _n name, _o as an object (name or alias), _g a government (name, capital or a
# ministry: "it"), _d demonym, _p possessive, _c capital or name, _min a ministry, _tn title
# and name (or the surname once named), _ap "Name, X's foreign minister,", _spk any speaker.
# {W} the weapons with a quantity, {Wn} without, {Wg} a generic noun; {when} " on Tuesday" or
# nothing, {P} the place struck, {month} "in March 2023"; {src} a source; {noun} "the attack".

_TRANSFER_FRAMES: dict[str, tuple[str, ...]] = {
    "asserted": (
        "{S} has supplied {R_o} with {W}, {src}.",
        "{S} delivered {W} to {R_o}{when}, {src}.",
        "{S} sent {W} to {R_o}{when}.",
        "{S_min} said it had handed over {W} to {R_n}{when}.",
        "{R} received {W} from {S_o}{when}, {src}.",
        "{S} shipped {W} to {R_o} by sea{when}, {src}.",
        "{S} transferred {W} to {R_o}{when} as part of a {money} package.",
        "{S} provided {R_o} with {W} earlier this year, {src}.",
        "{R} took delivery of the first {Wn} from {S_o}{when}, {src}.",
        "{S_tn} confirmed that {S_c} had delivered {W} to {R_n}.",
    ),
    "planned": (
        "{S} will send {W} to {R_o}, {S_tn} announced{when}.",
        "{S} has agreed to supply {R_o} with {W} under a deal worth {money}.",
        "{S} pledged {W} to {R_o}{when}.",
        "{S_tn} said {S_c} will deliver {W} to {R_n} before the end of the year.",
        "{R} is set to receive {W} from {S_o} under the agreement.",
        "{S} approved the sale of {W} to {R_o}{when}.",
        "{S} promised to provide {R_o} with {W}{when}, {src}.",
    ),
    "alleged": (
        "{X} accused {S_o} of supplying {W} to {R_o}.",
        "{X_min} said {S} had secretly shipped {W} to {R_o}{when}.",
        "{S} has allegedly provided {R_o} with {W}, according to {X_d} intelligence officials.",
        "According to {X_p} military intelligence, {S} transferred {W} to {R_o}{when}.",
        "{X} and {Y} have accused {S_o} of sending {W} to {R_o}.",
        "{X_tn} said {S} had delivered {W} to {R_o}, citing intelligence assessments.",
        "{X_ap} told reporters that {S} had sent {W} to {R_o}{when}.",
    ),
}
_STRIKE_FRAMES = (
    "{A} launched {W} at {P}{when}, killing {killed} people, {src}.",
    "{A_d} forces struck {P} with {W}{when}.",
    "{A} fired {W} at {P}{when}, {T_min} said.",
    "{A} carried out air strikes on {P}{when}, {src}.",
    "{A} pounded {P} with {W} overnight, {src}.",
    "A {A_d} missile strike on {P}{when} killed {killed} people and wounded {wounded}.",
    "{A} attacked {T_p} energy infrastructure with {W}{when}.",
    "{A_d} troops shelled {P}{when}, damaging {damage}.",
    "{A} targeted {P} with {W}{when}, {T_min} said.",
    "{A} hit {P} with {W}{when}, damaging {damage}, {src}.",
)
_STRIKE_ORIGIN_FRAMES = (
    "{A} fired {O_d}-made {Wn} at {P}{when}.",
    "{A} struck {P}{when} with {Wn} supplied by {O_o}, {src}.",
    "{A} launched {O_d}-supplied {Wn} at {P}{when}, {T_min} said.",
)
_JOINT_LEAD = {
    "transfer": (
        "Foreign ministers from {K} countries{EU} condemned {S_p} supply of {Wn} to {R_n} in a joint statement{when}.",
        "In a joint statement released{when}, {K} governments denounced the transfer of {Wn} from {S_n} to {R_n}.",
        "{K} countries{EU} have condemned {S_p} arms deliveries to {R_n}, in a joint statement issued{when}.",
    ),
    "strike": (
        "Foreign ministers from {K} countries{EU} condemned {A_p} attacks on {P} in a joint statement{when}.",
        "In a joint statement released{when}, {K} governments denounced {A_p} strikes against {T_n}.",
    ),
}
_JOINT_LIST = (
    "The statement was signed by the foreign ministers of {LIST}.",
    "The signatories were {LIST}.",
    "The statement was signed by {LIST}.",
    "The joint statement was endorsed by the governments of {LIST}.",
)
_JOINT_FOLLOW = {
    "condemn": (
        "The signatories said they condemned the {noun} in the strongest terms.",
        "The ministers condemned {A_p} actions and said those responsible would be held to account.",
    ),
    "concern": (
        "The governments said they were gravely concerned by the consequences for regional security.",
        "The signatories said they were deeply concerned by the {noun} and their consequences.",
    ),
    "call_on": (
        "The ministers called on {A_n} to stop at once all activity that violates UN Security Council resolutions.",
        "The signatories urged {A_n} to comply with its international obligations.",
    ),
    "support": (
        "The ministers also voiced support for {V_n}.",
        "The signatories said they stand with {V_n} and its people.",
    ),
    "concern_transfer": (
        "The signatories said they were deeply concerned by the growing military cooperation between {A_n} and {B_n}.",
    ),
    "call_on_transfer": ("The signatories urged {A_n} and {B_n} to comply with their international obligations.",),
}
_REACTIONS: dict[str, tuple[str, ...]] = {
    "condemn": (
        "{X_spk} condemned the {noun}.",
        "{X_g} strongly condemned {A_p} {noun} and said it would raise the matter at the United Nations.",
        "{X_tn} denounced the {noun} as a violation of international law.",
        "{X_ap} condemned the {noun} in a post on X.",
        '"We condemn this in the strongest possible terms," {X_tn} said of the {noun}.',
    ),
    "concern": (
        "{X_g} said it was deeply concerned by the {noun}.",
        "{X_tn} expressed grave concern over the {noun}{when}.",
        '"We are deeply concerned by what we have seen," {X_tn} told reporters.',
        "{X_min} voiced concern about the escalation and its consequences for civilians.",
    ),
    "call_on": (
        "{X} called on {A_n} to halt the {noun} immediately.",
        "{X_tn} urged {A_n} to respect international law.",
        "{X_min} called on all sides to exercise restraint.",
        "In a phone call with his {Y_d} counterpart, {X_tn} urged {A_n} to stop the {noun}.",
    ),
    "warn": (
        "{X_tn} warned that the {noun} would have serious consequences.",
        "{X} warned {A_n} against any further escalation.",
    ),
    "support": (
        "{X_g} reaffirmed support for {V_n}.",
        "{X_tn} said {X_c} stands with {V_n}.",
        "{X_spk} expressed support for {V_n}{when}.",
        '"We stand with {V_n} for as long as it takes," {X_tn} said at a news conference.',
    ),
    "welcome": (
        "{B_tn} welcomed the decision and thanked {A_n} for its support.",
        "{B_min} praised the agreement as an important step for the country's defence.",
        '"This will help us protect our people," {B_tn} said of the {noun}.',
    ),
    "commit": (
        "{A_tn} pledged that {A_c} would keep supporting {B_n}.",
        "{A_min} said it will send more {Wg} to {B_n} in the coming months.",
        "{A_tn} pledged to keep helping {B_n} strengthen its defences.",
    ),
}
_DENIALS: dict[str, tuple[str, ...]] = {
    "transfer": (
        "{A_min} denied supplying {B_n} with weapons.",
        "{A_tn} rejected the accusations, saying {A_c} had never sent {Wg} to {B_n}.",
        "{A_c} dismissed the reports as baseless.",
        "{A_ap} denied that {A_c} had provided {Wg} to {B_n}.",
        '"These claims are false," {A_tn} said, denying any arms transfers to {B_n}.',
    ),
    "strike": (
        "{A_min} denied targeting civilians.",
        "{A_tn} rejected the accusations and said {A_d} forces had hit only military targets.",
        "{A_c} denied involvement in the attack.",
    ),
}
_ADMISSIONS: dict[str, tuple[str, ...]] = {
    "transfer": (
        "{A_tn} acknowledged that {A_c} had sent {Wg} to {B_n}.",
        "{A_min} confirmed the delivery in a statement{when}.",
    ),
    "strike": (
        "{A_min} said {A_d} forces had struck military facilities in {P}.",
        "{A_tn} defended the strikes, saying they had targeted military infrastructure.",
    ),
}
_DETAILS: dict[str, tuple[str, ...]] = {
    "transfer": (
        "The {Wg} were shipped by rail and sea over several weeks, {src}.",
        "Officials did not say how many {Wg} had been delivered or when they would be used.",
        "The package is worth about {money}, {src}.",
        "Satellite images published by independent researchers showed cargo being loaded at a port.",
        "It was not clear when the {Wg} would enter service.",
        "The deliveries are expected to continue into next year, two people familiar with the matter said.",
        "Training for the crews is expected to take several months.",
        "The {Wg} are meant to strengthen {R_p} defences, {src}.",
        "Lawmakers in {S_c} still have to approve parts of the agreement.",
        "The contract also covers spare parts, maintenance and training.",
        "Officials in {R_c} said the first units would be deployed within weeks.",
        "The value of the deal was not disclosed.",
        "Part of the cargo was flown in on military transport aircraft, {src}.",
        "It is the largest such agreement between the two countries in years.",
    ),
    "strike": (
        "Rescue workers were searching the rubble for survivors late into the night.",
        "Local authorities said {killed} people were killed and {wounded} were wounded.",
        "Air defence units shot down part of the incoming barrage, officials said.",
        "The attack damaged {damage}, according to emergency services.",
        "Power was cut to thousands of homes in the area.",
        "Residents described several loud explosions shortly before dawn.",
        "Emergency crews worked through the night to put out fires.",
        "Officials in {P} said most of the dead were civilians.",
        "It was one of the heaviest attacks on {P} in months.",
        "Sirens sounded across the region for more than two hours.",
        "Debris from intercepted {Wg} fell on several districts, {src}.",
        "The regional governor said {wounded} people had been taken to hospital.",
        "Video posted online showed thick smoke rising over the area.",
        "Schools and shops in the area were closed on the following day.",
    ),
}
_BACKGROUND: dict[str, tuple[str, ...]] = {
    "transfer": (
        "{Month}, {S} sent {W} to {R_o}, {src}.",
        "{S} first supplied {Wn} to {R_o} {month}.",
        "{R} received {W} from {S_o} {month}.",
    ),
    "alleged": (
        "{Month}, {X} accused {S_o} of delivering {Wn} to {R_o}.",
        "{S} has been accused of sending {Wn} to {R_o} since {month_bare}.",
        "{Month}, {X_min} said {S} had shipped {Wn} to {R_o}.",
    ),
    "strike": (
        "{Month}, {A} struck {P} with {W}.",
        "{A} had already attacked {P} {month}, killing {killed} people.",
        "{Month}, {A_d} forces launched {Wn} at {P}.",
    ),
    "joint_transfer": (
        "{Month}, {K} countries issued a joint statement condemning {S_p} arms supplies to {R_n}.",
        "{Month}, a group of {K} governments denounced the {noun} in a joint statement.",
    ),
    "joint_strike": (
        "{Month}, {K} countries issued a joint statement condemning {A_p} attacks on {T_n}.",
        "{Month}, a group of {K} governments denounced the {noun} in a joint statement.",
    ),
}
_FILLER = (
    "The war has displaced millions of people and left much of the country's infrastructure in ruins.",
    "Analysts said the move could deepen divisions among the permanent members of the Security Council.",
    "Diplomats in {city} said talks on a ceasefire had stalled in recent weeks.",
    "The figures could not be independently verified.",
    "Markets in the region were little changed on the news.",
    "The defence ministry did not respond to a request for comment.",
    "The talks come ahead of a summit of NATO leaders next month.",
    "Officials have not disclosed the value of the contract.",
    "Independent experts say such claims are difficult to confirm without access to the sites.",
    "The issue is expected to dominate a meeting of foreign ministers in {city} later this month.",
    "Humanitarian groups have warned of a worsening crisis as winter approaches.",
    "Prices for grain and fuel rose sharply in the weeks that followed.",
    "Both governments have expanded their economic and military ties over the past two years.",
    "Sanctions experts said enforcement remained patchy and hard to monitor.",
    "The conflict has reshaped defence budgets across the region.",
    "A spokesperson for the embassy declined to comment.",
    "Researchers tracking the conflict said the number of attacks had risen in recent months.",
    "The government has repeatedly asked its partners for more help.",
    "Opposition lawmakers demanded a full briefing from the government.",
    "The United Nations said it was trying to verify reports of civilian casualties.",
    "Shipping companies have rerouted vessels away from the area, raising costs.",
    "The European Union is preparing a new package of sanctions, diplomats said.",
    "Military analysts noted that stockpiles on both sides have been running low.",
    "The dispute has also strained relations with neighbouring states.",
    "Observers expect the issue to come up at the next session of the UN General Assembly.",
    "Negotiators met for a third round of talks without reaching an agreement.",
    "Officials said an investigation was under way.",
    "The region has seen a sharp rise in tensions since the start of the year.",
    "Aid agencies said access to the worst-hit areas remained limited.",
    "The parliament is due to debate the budget for the armed forces next week.",
    "Several airlines have suspended flights over the area until further notice.",
    "Insurance premiums for ships crossing the region have more than doubled, brokers said.",
    "A senior diplomat in {city} described the mood at the talks as tense but businesslike.",
    "The central bank said the fighting had weighed on exports and investment.",
    "Thousands of people have left the border districts since the summer.",
    "Local officials said schools in the area would stay closed for the rest of the week.",
    "The foreign ministry summoned the ambassador for talks, according to a short statement.",
    "Experts said the episode showed how quickly supply chains for munitions have grown.",
    "The next round of consultations is scheduled to take place in {city}.",
    "Public opinion polls show strong support for the government's handling of the crisis.",
    "Officials in {city} said the matter would be discussed at a closed-door meeting.",
    "Rights groups called for an independent inquiry into the incident.",
    "The cost of rebuilding damaged infrastructure is estimated at several billion dollars.",
    "Defence companies across the region have reported record orders this year.",
    "Officials declined to say when the talks would resume.",
    "Relations between {A_n} and {B_n} have changed markedly over the past decade.",
    "{B_n} has a population of several million people, many of them living near the border.",
    "The two governments signed a broad cooperation treaty several years ago.",
    "Talks between {A_n} and its neighbours have made little progress this year.",
    "Western officials have long debated how far to go in responding to such moves.",
    "The economy of {B_n} has shrunk since the crisis began, according to the World Bank.",
    "Opinion surveys in {city} suggest voters are divided over the government's approach.",
    "The announcement came on the eve of a regional security conference in {city}.",
    "Trade between the two countries has grown steadily despite the tensions.",
    "Few details of the arrangement have been made public.",
    "Analysts in {city} cautioned against reading too much into the timing.",
    "The ministry published a short summary of the meeting on its website.",
    "It was the latest in a series of incidents that have alarmed the region's governments.",
    "Lawmakers are expected to question the defence minister about the matter on Thursday.",
    "The situation on the ground remained tense, residents said.",
    "Officials described the talks as constructive but said gaps remained.",
    "The embassy in {city} said it was following the situation closely.",
    "Several international organisations have offered to mediate.",
    "Diplomats said the issue would come up again when ministers meet in {city}.",
    "The statement did not name any of the officials involved.",
    "Satellite imagery of the area has been studied closely by private analysts.",
    "Economists warned that the uncertainty would weigh on growth next year.",
    "A spokesperson for the prime minister's office said the government would respond in due course.",
    "The decision follows months of internal debate, officials familiar with the discussions said.",
    "The matter has become a central issue in domestic politics.",
    "Local media carried images of long queues at petrol stations.",
    "The two sides last held formal talks more than a year ago.",
    "Independent monitors have asked for access to the affected areas.",
    "Think-tank researchers said the pattern matched that of earlier episodes.",
    "A government statement said the country remained open to dialogue.",
    "The ministry did not give further details.",
    "Regional leaders are due to meet in {city} at the end of the month.",
    "Military experts said the claims were consistent with earlier assessments.",
    "The currency weakened slightly after the news broke.",
    "Hospitals in the area said they were treating a large number of patients.",
    "The issue has divided opinion among the country's allies.",
    "Officials said they expected more information in the coming days.",
    "A full assessment of the damage could take weeks, engineers said.",
    "Commentators noted that the government faces elections next year.",
)
_HEADLINES: dict[str, tuple[str, ...]] = {
    "asserted": ("{S_n} sends {Wg} to {R_n}", "{R_n} receives {Wg} from {S_n}", "{S_n} delivers {Wg} to {R_n}"),
    "planned": ("{S_n} pledges {Wg} for {R_n}", "{S_n} agrees to supply {R_n} with {Wg}"),
    "alleged": ("{S_n} accused of arming {R_n}", "Officials say {S_n} supplied {Wg} to {R_n}"),
    "strike": ("{A_n} strikes {P}", "Deadly attack on {P}", "{T_n} says {A_n} hit {P} with {Wg}"),
    "strike_state": ("{A_n} launches strikes on {T_n}", "{T_n} accuses {A_n} of new attacks", "{A_n} attacks {T_n}"),
    "joint": ("{K} countries condemn {A_n} in joint statement", "Joint statement denounces {A_p} actions"),
}
_SOURCES = (
    "officials said",
    "the defence ministry said",
    "according to people familiar with the matter",
    "a senior official said",
    "according to local authorities",
    "two diplomats said",
    "according to officials",
)
_NOUNS = {
    "transfer": ("transfers", "deliveries", "arms transfers", "shipments"),
    "strike": ("attack", "strikes", "attacks", "bombardment"),
}
_MINISTRIES = (
    "{p} foreign ministry",
    "{p} defence ministry",
    "the {d} Foreign Ministry",
    "the {d} Defence Ministry",
    "the Ministry of Foreign Affairs of {n}",
)
_DAMAGE = (
    "residential buildings and a school",
    "a power substation",
    "port infrastructure",
    "a railway depot",
    "several apartment blocks",
    "a fuel storage site",
    "a hospital and nearby homes",
    "a grain terminal",
    "an industrial facility",
    "water and heating networks",
)
_CITIES = ("Brussels", "Geneva", "Vienna", "New York", "Istanbul", "Singapore", "Nairobi", "Doha")
_MONTHS = _words("January February March April May June July August September October November December")
_WEEKDAYS = _words("Monday Tuesday Wednesday Thursday Friday Saturday Sunday")
_NUMBERS = ("no", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine")
_FURNITURE_MIDDLE = ("Advertisement", "ADVERTISEMENT", "Read more", "Most popular")

# --- rendering --------------------------------------------------------------------------------


class _Fill(dict[str, str]):
    """The placeholders of one sentence, each worked out when the frame first asks for it."""

    __slots__ = ("story",)

    def __init__(self, story: _Story) -> None:
        super().__init__()
        self.story = story

    def __missing__(self, key: str) -> str:
        value = self[key] = self.story.value(key)
        return value


_PARTY_FORMS = frozenset(("", "n", "o", "g", "d", "p", "c", "min", "tn", "ap", "spk"))
_PROPER_IN_TITLES = frozenset(("Kremlin", "White", "House"))


def _lower_title(title: str) -> str:
    """``Foreign Ministry spokesperson`` -> ``foreign ministry spokesperson``; ``Kremlin`` keeps its capital."""
    if "State Department" in title:
        return title
    return " ".join(w if w in _PROPER_IN_TITLES else w.lower() for w in title.split())


def _number(n: int) -> str:
    return _NUMBERS[n] if n < 10 else str(n)


@dataclass(slots=True)
class _Story:
    """What an article is telling at the moment: the event, who plays which role, the day it is published."""

    world: _World
    rnd: random.Random
    published: dt.date
    event: _Event
    roles: dict[str, _Party]
    named: dict[str, _Official]
    used: set[str] = field(default_factory=set)
    _thirds: list[_Party] = field(default_factory=list)

    @property
    def thirds(self) -> list[_Party]:
        """Three or more states that comment on the event (signatory-type states, not its parties)."""
        if not self._thirds:
            inner = self.inner
            picks = {_one(self.rnd, _ALLIES) for _ in range(6)} - {inner.a.key, inner.b.key}
            self._thirds = [self.world.parties[k] for k in sorted(picks)]
            for k in _ALLIES:
                if len(self._thirds) >= 3:
                    break
                if k not in picks and k not in (inner.a.key, inner.b.key):
                    self._thirds.append(self.world.parties[k])
            self.rnd.shuffle(self._thirds)
        return self._thirds

    @property
    def inner(self) -> _Event:
        """The event itself, or for a joint statement the event it is about."""
        return self.event.about or self.event

    def party_form(self, party: _Party, form: str) -> str:
        rnd = self.rnd
        if form == "n":
            return party.name
        if form == "d":
            return party.demonym or party.possessive
        if form == "p":
            return party.possessive
        if form == "c":
            return party.capitals[0] if party.capitals and rnd.random() < 0.5 else party.name
        if form == "o":
            return _one(rnd, party.aliases) if party.aliases and rnd.random() < 0.1 else party.name
        if form == "g":
            form = _one(rnd, ("", "", "min"))
        elif form == "spk":
            form = _one(rnd, ("", "min", "tn", "tn", "ap"))
        if not party.state and form in ("min", "tn", "ap"):
            return party.name
        if form == "min":
            if party.key in _NAMED_BODIES and rnd.random() < 0.7:
                return _one(rnd, _NAMED_BODIES[party.key])
            pattern = _MINISTRIES[_below(rnd, 5 if party.demonym else 2)]
            return pattern.format(p=party.possessive, d=party.demonym, n=party.name)
        if form in ("tn", "ap"):
            official = self.named.get(party.key)
            if official is not None and rnd.random() < 0.5:
                return official.surname
            role = _one(rnd, ("head", "fm", "fm", "dm", "spokes", "nsa"))
            official = self.named.get(f"{party.key}:{role}") or self.world.official(party.key, role, rnd)
            self.named[party.key] = self.named[f"{party.key}:{role}"] = official
            if form == "ap":
                return f"{official.name}, {party.possessive} {_lower_title(official.title)},"
            lead = party.demonym if party.demonym and rnd.random() < 0.5 else party.possessive
            return f"{lead} {official.title} {official.name}"
        roll = rnd.random()  # a subject: the name mostly, sometimes an alias or the capital
        if roll < 0.12 and party.aliases:
            return _one(rnd, party.aliases)
        if roll < 0.3 and party.capitals:
            return party.capitals[0]
        return party.name

    def weapon(self, quantity: bool) -> str:
        inner = self.inner
        w = inner.weapon
        if w is None:
            return "missiles"
        if w.designation:
            nouns = (_STRIKE_NOUN if inner.kind == "strike" else _SUPPLY_NOUN)[w.category]
            phrase = f"{w.designation} {_one(self.rnd, nouns)}"
        else:
            phrase = w.generic
        return f"{inner.quantity} {phrase}" if quantity and inner.quantity else phrase

    def generic(self) -> str:
        w = self.inner.weapon
        if w is None:
            return "weapons"
        if not w.designation:
            return w.generic
        return (_STRIKE_NOUN if self.inner.kind == "strike" else _SUPPLY_NOUN)[w.category][0]

    def day(self, day: dt.date, *, optional: bool) -> str:
        """``on Tuesday`` (within the week before publication), ``on 12 March``, ``on March 12, 2023``."""
        rnd = self.rnd
        if optional and rnd.random() < 0.2:
            return ""
        if 0 <= (self.published - day).days <= 6 and rnd.random() < 0.75:
            return "on " + _WEEKDAYS[day.weekday()]
        year = day.year != self.published.year
        if rnd.random() < 0.5:
            return f"on {day.day} {_MONTHS[day.month - 1]}" + (f" {day.year}" if year else "")
        return f"on {_MONTHS[day.month - 1]} {day.day}" + (f", {day.year}" if year else "")

    def month(self) -> str:
        day = self.event.date
        if day.year == self.published.year and day.month == self.published.month:
            return "earlier this month"
        return f"in {_MONTHS[day.month - 1]}" + (f" {day.year}" if day.year != self.published.year else "")

    def place(self) -> str:
        inner = self.inner
        if inner.place is None:
            return inner.b.name if self.rnd.random() < 0.7 else f"targets in {inner.b.name}"
        if inner.place.endswith("region") and self.rnd.random() < 0.7:
            return f"the {inner.place}"
        return inner.place

    def signatory_list(self) -> str:
        names = [p.name for p in self.event.signatories]
        comma = "," if self.rnd.random() < 0.3 else ""
        return ", ".join(names[:-1]) + f"{comma} and {names[-1]}" if len(names) > 1 else "".join(names)

    def value(self, key: str) -> str:
        role, _, form = key.partition("_")
        party = self.roles.get(role)
        if party is None and role in ("X", "Y"):
            self.roles["X"], self.roles["Y"] = self.thirds[0], self.thirds[1]
            party = self.roles[role]
        if party is not None and form in _PARTY_FORMS:
            return self.party_form(party, form)
        make = _SLOTS.get(key)
        if make is None:
            raise KeyError(f"frame placeholder {{{key}}} is unknown")
        return make(self)

    def render(self, frame: str) -> str:
        """The frame with its placeholders filled (each placeholder once per sentence), capitalised."""
        if "{" not in frame:
            return frame
        text = frame.format_map(_Fill(self))
        return text[0].upper() + text[1:]


_SLOTS: dict[str, Callable[[_Story], str]] = {
    "W": lambda s: s.weapon(True),
    "Wn": lambda s: s.weapon(False),
    "Wg": lambda s: s.generic(),
    "when": lambda s: (" " + d) if (d := s.day(s.event.date, optional=True)) else "",
    "month": lambda s: s.month(),
    "Month": lambda s: s.month()[0].upper() + s.month()[1:],
    "month_bare": lambda s: s.month().removeprefix("in ").replace("earlier this month", "the start of the month"),
    "P": lambda s: s.place(),
    "src": lambda s: _one(s.rnd, _SOURCES),
    "killed": lambda s: _number(max(2, s.inner.killed) if s.inner.killed else _between(s.rnd, 2, 9)),
    "wounded": lambda s: _number(s.inner.wounded or _between(s.rnd, 3, 20)),
    "money": lambda s: s.inner.money or "$300 million",
    "damage": lambda s: _one(s.rnd, _DAMAGE),
    "city": lambda s: _one(s.rnd, _CITIES),
    "noun": lambda s: _one(s.rnd, _NOUNS[s.inner.kind]),
    "K": lambda s: str(len(s.event.signatories) or _between(s.rnd, 12, 40)),
    "EU": lambda s: _one(s.rnd, ("", "", " and the European Union", ", together with the EU's High Representative,")),
    "LIST": lambda s: s.signatory_list(),
}


def _story(world: _World, rnd: random.Random, published: dt.date, event: _Event, named: dict[str, _Official]) -> _Story:
    """A story about ``event``: its parties in their roles, speakers and third states drawn from allies."""
    inner = event.about or event
    a, b = inner.a, inner.b
    roles = {"A": a, "B": b, "S": a, "R": b, "T": b, "V": b}
    if inner.kind == "strike" and a.key in _ALIGNED:
        roles["V"] = a
    if inner.kind == "transfer" and a.key in _CONTESTED:
        roles["V"] = world.parties["UKR"] if b.key == "RUS" else world.parties[_one(rnd, _ALLIES)]
    if inner.origin is not None:
        roles["O"] = inner.origin
    return _Story(world, rnd, published, event, roles, named)


def _frame(rnd: random.Random, frames: Sequence[str]) -> str:
    return _one(rnd, frames)


def _lead(story: _Story) -> list[str]:
    """The first paragraphs: the main event in one of the frames of its kind."""
    event, rnd = story.event, story.rnd
    if event.kind == "transfer":
        return [story.render(_frame(rnd, _TRANSFER_FRAMES[event.status]))]
    if event.kind == "strike":
        frames: tuple[str, ...] = (
            _STRIKE_ORIGIN_FRAMES if event.origin is not None and rnd.random() < 0.6 else _STRIKE_FRAMES
        )
        if event.weapon is None:
            frames = tuple(f for f in _STRIKE_FRAMES if "{W" not in f)
        if not event.a.state:
            frames = tuple(f for f in frames if "{T_p}" not in f)
        return [story.render(_frame(rnd, frames))]
    inner = story.inner
    follow = []
    for stance in event.stances:
        frames = _JOINT_FOLLOW[stance] + _JOINT_FOLLOW.get(f"{stance}_{inner.kind}", ())
        follow.append(story.render(_frame(rnd, frames)))
    restated = _story(story.world, rnd, story.published, inner, story.named)  # the event itself, on its own day
    return [
        story.render(_frame(rnd, _JOINT_LEAD[inner.kind])),
        story.render(_frame(rnd, _JOINT_LIST)),
        " ".join(follow),
        _context(story, _between(rnd, 1, 3)),
        _lead(restated)[0],
    ]


def _reaction(story: _Story, said: set[str]) -> str:
    """One statement about the event: a party's denial or admission, or a reaction of others."""
    rnd, inner = story.rnd, story.inner
    kind = inner.kind
    contested = kind == "strike" or inner.a.key in _CONTESTED or not inner.b.state
    if "party" not in said and rnd.random() < 0.35:
        said.add("party")
        denies = (kind == "transfer" and inner.status == "alleged") or (kind == "strike" and rnd.random() < 0.5)
        return story.render(_frame(rnd, (_DENIALS if denies else _ADMISSIONS)[kind]))
    if kind == "strike" and inner.a.key in _ALIGNED:
        stance = _one(rnd, ("concern", "call_on", "support", "victim", "victim"))
    elif contested:
        stance = _one(rnd, ("condemn", "condemn", "concern", "call_on", "warn", "support", "victim"))
    else:
        stance = _one(rnd, ("welcome", "welcome", "commit", "commit", "concern"))
    speaker = _one(rnd, story.thirds[:3])
    if stance == "victim":
        stance = _one(rnd, ("condemn", "condemn", "call_on", "warn"))
        if kind == "strike" and inner.b.state:
            speaker = inner.b
    story.roles["X"] = speaker
    story.roles["Y"] = _one(rnd, [p for p in story.thirds if p is not speaker])
    return story.render(_frame(rnd, _REACTIONS[stance]))


def _context(story: _Story, count: int) -> str:
    """``count`` sentences of background colour that report no fact, none used before in the article."""
    out: list[str] = []
    for _ in range(count):
        for _ in range(4):
            frame = _frame(story.rnd, _FILLER)
            if frame not in story.used:
                story.used.add(frame)
                out.append(story.render(frame))
                break
    return " ".join(out)


def _background(world: _World, rnd: random.Random, published: dt.date, named: dict[str, _Official]) -> str | None:
    """A sentence about an earlier event of the pool (one at least ten days before this article)."""
    for _ in range(4):
        event = world.event(_pick(rnd, world.event_cum))
        if event.date < published - dt.timedelta(days=10):
            story = _story(world, rnd, published, event, named)
            key = "alleged" if event.kind == "transfer" and event.status == "alleged" else event.kind
            if event.about is not None:
                key = f"joint_{event.about.kind}"
            return story.render(_frame(rnd, _BACKGROUND[key]))
    return None


def _headline(story: _Story) -> str:
    event = story.event
    key = event.status if event.kind == "transfer" else event.kind
    if key == "strike" and event.place is None:
        key = "strike_state"
    frames = _HEADLINES[key]
    if event.weapon is None:
        frames = tuple(f for f in frames if "{Wg}" not in f) or frames
    return story.render(_frame(story.rnd, frames))


def _person(rnd: random.Random) -> str:
    return f"{_one(rnd, _GIVEN)} {_one(rnd, _FAMILY)}"


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")[:60].strip("-")


def _body(story: _Story, target: int) -> list[str]:
    """Paragraphs of about ``target`` characters: the lead, details, reactions, background, context."""
    world, rnd, published = story.world, story.rnd, story.published
    kind = story.inner.kind
    seen: set[str] = set()

    def fresh(sentences: list[str | None]) -> str:
        kept: list[str] = []
        for sentence in sentences:
            if sentence and sentence not in seen:
                seen.add(sentence)
                kept.append(sentence)
        return " ".join(kept)

    paragraphs = _lead(story)
    paragraphs[0] = fresh([paragraphs[0], story.render(_frame(rnd, _DETAILS[kind]))])
    said: set[str] = set()
    size = sum(len(p) for p in paragraphs)
    # about half the sentences say something about the event; the rest is colour, as in real coverage
    reactions = max(2, round(target / 600 * (0.6 + 0.8 * rnd.random())))
    backgrounds = max(1, round(target / 1000 * (0.6 + 0.8 * rnd.random())))
    details = max(1, round(target / 800 * (0.6 + 0.8 * rnd.random())))
    step = 0
    while size < target:
        step += 1
        sentences: list[str | None] = []
        if step % 2 == 1 and reactions > 0:
            take = min(reactions, _between(rnd, 1, 3))
            reactions -= take
            sentences = [_reaction(story, said) for _ in range(take)]
            if details > 0 and rnd.random() < 0.5:
                details -= 1
                sentences.append(story.render(_frame(rnd, _DETAILS[kind])))
        elif step % 4 == 2 and backgrounds > 0:
            backgrounds -= 1
            sentences = [_background(world, rnd, published, story.named), _context(story, 1)]
            if rnd.random() < 0.5:
                sentences.reverse()
        elif details > 0 and rnd.random() < 0.5:
            details -= 1
            sentences = [story.render(_frame(rnd, _DETAILS[kind])), _context(story, _between(rnd, 1, 3))]
        else:
            sentences = [_context(story, _between(rnd, 2, 4))]
        paragraph = fresh(sentences)
        if paragraph:
            paragraphs.append(paragraph)
            size += len(paragraph) + 2
    return paragraphs


def article_record(index: int, seed: int = 1) -> dict[str, str]:
    """Article ``index`` of the corpus for ``seed`` as a JSON Lines record: id, text, title, date, publisher, url.

    It depends only on ``seed``, ``index`` and the lexicon files, never on how many articles are made.
    """
    if index < 0:
        raise ValueError(f"article index must be 0 or more, not {index}")
    world = _world(seed)
    rnd = random.Random(f"{seed}:article:{index}")
    event = world.event(_pick(rnd, world.event_cum))  # the first draw: main_event() repeats it
    lag = _one(rnd, (0, 0, 0, 1, 1, 1, 2, 3, 4, 5, 6, 9, 14, 30))
    published = min(LAST_DAY, event.date + dt.timedelta(days=lag))
    publisher = world.publishers[_pick(rnd, world.publisher_cum)]
    story = _story(world, rnd, published, event, {})
    title = _headline(story)
    paragraphs = _body(story, int(rnd.triangular(1_300, 5_500, 2_300)))

    where = story.inner.b.city if rnd.random() < 0.7 else story.inner.a.city
    roll = rnd.random()
    if roll < 0.4:
        paragraphs[0] = f"{where.upper()} ({publisher}) — {paragraphs[0]}"
    elif roll < 0.6:
        paragraphs[0] = (
            f"{where.upper()}, {_MONTHS[published.month - 1]} {published.day} ({publisher}) - {paragraphs[0]}"
        )
    elif roll < 0.75:
        paragraphs[0] = f"{where.upper()} — {paragraphs[0]}"
    if rnd.random() < 0.15:
        paragraphs.insert(_between(rnd, 1, len(paragraphs)), _one(rnd, _FURNITURE_MIDDLE))
    head: list[str] = []
    if rnd.random() < 0.12:
        head.append(title)
    if rnd.random() < 0.35:
        head.append(f"By {_person(rnd)}" + (f" and {_person(rnd)}" if rnd.random() < 0.3 else ""))
    if rnd.random() < 0.1:
        head.append(f"{_between(rnd, 2, 8)} min read")
    tail: list[str] = []
    if rnd.random() < 0.5:
        tail.append(
            f"Reporting by {_person(rnd)} in {_one(rnd, (where, *_CITIES[:3]))}; additional reporting by "
            f"{_person(rnd)}; Editing by {_person(rnd)} and {_person(rnd)}"
        )
    if rnd.random() < 0.25:
        tail.append("Share this article")
    if rnd.random() < 0.3:
        tail.append("Related articles")
        for _ in range(_between(rnd, 1, 4)):
            other = world.event(_pick(rnd, world.event_cum))
            tail.append(_headline(_story(world, rnd, published, other, {})))
    if rnd.random() < 0.45:
        tail.append(
            f"© {published.year} {publisher}. All rights reserved."
            if rnd.random() < 0.5
            else f"Copyright {published.year} {publisher}"
        )
    text = "\n".join(head) + ("\n\n" if head else "") + "\n\n".join(paragraphs)
    if tail:
        text += "\n\n" + "\n".join(tail)
    return {
        "id": f"syn{seed}-{index:07d}",
        "text": text,
        "title": title,
        "date": published.isoformat(),
        "publisher": publisher,
        "url": f"https://{_slug(publisher)}.example/{published:%Y/%m/%d}/{_slug(title)}-{index}",
    }


def main_event(index: int, seed: int = 1) -> int:
    """Which event of the pool article ``index`` reports (articles with the same number report the same event).

    >>> main_event(0, seed=7) == main_event(0, seed=7)
    True
    """
    return _pick(random.Random(f"{seed}:article:{index}"), _world(seed).event_cum)


def generate_articles(count: int, seed: int = 1, start: int = 0) -> Iterator[dict[str, str]]:
    """Articles ``start`` .. ``start + count - 1`` of the corpus for ``seed``, one at a time."""
    for index in range(start, start + count):
        yield article_record(index, seed)


# --- writing ----------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class CorpusStats:
    """What :func:`write_corpus` wrote, and how long it took."""

    articles: int
    bytes: int
    files: tuple[Path, ...]
    seconds: float

    @property
    def articles_per_second(self) -> float:
        """Articles written per second of wall-clock time."""
        return self.articles / self.seconds if self.seconds > 0 else float("inf")

    @property
    def megabytes_per_second(self) -> float:
        """Megabytes (10^6 bytes) written per second of wall-clock time."""
        return self.bytes / 1e6 / self.seconds if self.seconds > 0 else float("inf")


def shard_ranges(count: int, shards: int) -> list[range]:
    """Consecutive, nearly equal article ranges, one per shard (the first ones one longer).

    >>> shard_ranges(10, 3)
    [range(0, 4), range(4, 7), range(7, 10)]
    """
    if shards < 1:
        raise ValueError(f"shards must be 1 or more, not {shards}")
    size, rest = divmod(count, shards)
    bounds = list(itertools.accumulate((size + (1 if i < rest else 0) for i in range(shards)), initial=0))
    return [range(lo, hi) for lo, hi in itertools.pairwise(bounds)]


def _write_shard(job: tuple[str, int, int, int]) -> int:
    """Write one shard file, ``_CHUNK`` lines at a time; return its size in bytes."""
    path, start, stop, seed = job
    written = 0
    with Path(path).open("wb") as out:
        for lo in range(start, stop, _CHUNK):
            lines = [json.dumps(article_record(i, seed), ensure_ascii=False) for i in range(lo, min(stop, lo + _CHUNK))]
            chunk = ("\n".join(lines) + "\n").encode("utf-8")
            out.write(chunk)
            written += len(chunk)
    return written


def write_corpus(
    out_dir: Path, count: int, seed: int = 1, *, shards: int = 1, workers: int = 1, force: bool = False
) -> CorpusStats:
    """Write ``count`` articles as ``out_dir/corpus-00000.jsonl`` ... (``shards`` files of consecutive articles).

    ``workers`` processes write shards in parallel; the files are the same either way.  Existing
    ``corpus-*.jsonl`` files in ``out_dir`` are an error unless ``force``: then they are removed
    first, so that no stale shard of an earlier run is left beside the new ones.
    """
    if count < 0:
        raise ValueError(f"articles must be 0 or more, not {count}")
    if workers < 1:
        raise ValueError(f"workers must be 1 or more, not {workers}")
    ranges = shard_ranges(count, shards)
    out_dir.mkdir(parents=True, exist_ok=True)
    old = sorted(out_dir.glob("corpus-*.jsonl"))
    if old and not force:
        raise FileExistsError(f"{out_dir} already holds {len(old)} corpus-*.jsonl file(s); --force replaces them")
    for path in old:
        path.unlink()
    paths = tuple(out_dir / f"corpus-{i:05d}.jsonl" for i in range(shards))
    jobs = [(str(p), r.start, r.stop, seed) for p, r in zip(paths, ranges, strict=True)]
    clock = time.perf_counter()
    if workers == 1 or shards == 1:
        sizes = [_write_shard(job) for job in jobs]
    else:
        with ProcessPoolExecutor(max_workers=min(workers, shards)) as pool:
            sizes = list(pool.map(_write_shard, jobs))
    return CorpusStats(count, sum(sizes), paths, time.perf_counter() - clock)


def main(argv: list[str] | None = None) -> int:
    """Write a corpus; print how many articles and bytes, and how fast."""
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--articles", type=int, default=1_000, help="how many articles (default 1000)")
    parser.add_argument("--seed", type=int, default=1, help="which corpus (default 1)")
    parser.add_argument("-o", "--out", type=Path, required=True, help="folder for corpus-NNNNN.jsonl")
    parser.add_argument("--shards", type=int, default=1, help="split into this many files (default 1)")
    parser.add_argument("--workers", type=int, default=1, help="processes writing shards in parallel (default 1)")
    parser.add_argument("--force", action="store_true", help="replace corpus-*.jsonl files already in the folder")
    args = parser.parse_args(argv)
    if args.articles < 0:
        parser.error(f"--articles must be 0 or more, not {args.articles}")
    for name in ("shards", "workers"):
        if getattr(args, name) < 1:
            parser.error(f"--{name} must be 1 or more, not {getattr(args, name)}")
    if args.out.exists() and not args.out.is_dir():
        parser.error(f"-o {args.out}: exists and is not a folder")
    try:
        stats = write_corpus(
            args.out, args.articles, args.seed, shards=args.shards, workers=args.workers, force=args.force
        )
    except OSError as exc:  # FileExistsError included
        print(f"error: {exc}", file=sys.stderr)
        return 1
    print(
        f"wrote {stats.articles:,} articles, {stats.bytes:,} bytes ({stats.bytes / max(stats.articles, 1):,.0f} per "
        f"article) in {len(stats.files)} file(s) under {args.out} in {stats.seconds:.1f} s: "
        f"{stats.articles_per_second:,.0f} articles/s, {stats.megabytes_per_second:.1f} MB/s"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
