"""Load the lexicons: tab-separated data files a researcher can read and extend.

The bundled files live in ``armskg/loaders/lexicons/`` (see the README there).  A
researcher's own folder of files with the same names and columns adds rows to them:
``load_lexicon(Path("my-lexicons"))``.

>>> lex = load_lexicon()
>>> lex.states["PRK"].name, "DPRK" in lex.states["PRK"].names
('North Korea', True)
>>> lex.weapon_terms["KN-23"].category
'ballistic missile'
"""

from __future__ import annotations

import csv
import functools
from collections.abc import Iterator
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path

import pycountry

from .facts import STANCES, WEAPON_CONCEPTS
from .grammar_classes import GRAMMAR_CLASSES

__all__ = [
    "GRAMMAR_CLASSES",
    "BodyEntry",
    "Lexicon",
    "LexiconError",
    "OrgEntry",
    "PersonEntry",
    "PlaceEntry",
    "StateEntry",
    "TitleEntry",
    "VerbEntry",
    "WeaponEntry",
    "load_lexicon",
]


class LexiconError(ValueError):
    """A lexicon file is malformed; the message names the file and line."""


@dataclass(slots=True)
class StateEntry:
    """A state: display name, every name news uses for it, capitals, demonyms."""

    iso3: str
    wikidata: str | None
    name: str
    names: set[str] = field(default_factory=set)
    metonyms: set[str] = field(default_factory=set)
    demonyms: set[str] = field(default_factory=set)


@dataclass(frozen=True, slots=True)
class OrgEntry:
    """An organization or armed group the lexicon knows by name."""

    label: str
    aliases: tuple[str, ...]
    kind: str
    based_in: str | None
    affiliation: str | None
    wikidata: str | None


@dataclass(frozen=True, slots=True)
class TitleEntry:
    """An official's title as written, its normalized role and what it implies."""

    title: str
    role: str
    scope: str


@dataclass(frozen=True, slots=True)
class WeaponEntry:
    """A weapon term: its category, designation (named systems) and producer."""

    term: str
    category: str
    designation: str | None
    producer: str | None


@dataclass(frozen=True, slots=True)
class PersonEntry:
    """A public figure: name, other spellings, the state or body served, a role."""

    name: str
    aliases: tuple[str, ...]
    affiliation: str
    role: str


@dataclass(frozen=True, slots=True)
class PlaceEntry:
    """A city or region, the state whose territory it is in, and the state that holds it
    when that is another ("Crimea": UKR, held by RUS)."""

    name: str
    iso3: str
    kind: str
    held_by: str | None = None


@dataclass(frozen=True, slots=True)
class VerbEntry:
    """A trigger phrase (as lemmas) for an event, with the value it gives."""

    phrase: str
    event: str
    value: str


@dataclass(frozen=True, slots=True)
class BodyEntry:
    """The head of a government-body phrase ("foreign ministry") and its role."""

    head: str
    role: str


@dataclass(eq=False)
class Lexicon:
    """Every lexicon, indexed for the extractor (hashed by identity, so matchers cache per lexicon)."""

    states: dict[str, StateEntry]
    orgs: list[OrgEntry]
    titles: list[TitleEntry]
    weapons: list[WeaponEntry]
    places: list[PlaceEntry]
    verbs: list[VerbEntry]
    bodies: list[BodyEntry]
    furniture: list[str]
    people: list[PersonEntry] = field(default_factory=list)
    grammar: dict[str, frozenset[str]] = field(default_factory=dict)
    """Closed-class word lists by class (``future``, ``hedge``, ``group``, ...), as lemmas."""
    landmarks: list[str] = field(default_factory=list)
    """Names that hold a state's name but name no state (``landmarks.tsv``: "South China Sea")."""
    groups: dict[str, tuple[str, ...]] = field(default_factory=dict)
    """Groupings that speak as their member states (``groups.tsv``): organization label -> ISO3 codes."""
    link_headings: list[str] = field(default_factory=list)
    """Furniture patterns of headings that open a list of linked headlines ("Read more:")."""

    def words(self, kind: str) -> frozenset[str]:
        """The grammar words of one class (empty when the class has none)."""
        return self.grammar.get(kind, frozenset())

    @functools.cached_property
    def weapon_terms(self) -> dict[str, WeaponEntry]:
        """Weapon entries by term."""
        return {w.term: w for w in self.weapons}

    @functools.cached_property
    def _roles_of_titles(self) -> dict[str, str]:
        return {_title_words(t.title): t.role.lower() for t in self.titles}

    def role_of_title(self, title: str | None) -> str:
        """The role a title names, as lower-case words, so a person's title and a title without a
        name can be compared ("Secretary of State" and "top diplomat": "foreign minister";
        "Secretary-General": "secretary general" when no row gives its role)."""
        words = _title_words(title or "")
        return self._roles_of_titles.get(words, words)

    def verbs_for(self, event: str) -> list[VerbEntry]:
        """The trigger entries of one event kind (``stance``, ``supply``, ...)."""
        return [v for v in self.verbs if v.event == event]


def _title_words(title: str) -> str:
    return " ".join(title.lower().replace("-", " ").split())


def _cells(value: str) -> tuple[str, ...]:
    return tuple(p.strip() for p in value.split("|") if p.strip())


def _rows(path: Path, columns: tuple[str, ...]) -> Iterator[tuple[int, dict[str, str]]]:
    with path.open(encoding="utf-8", newline="") as fh:
        lines = [(n, line) for n, line in enumerate(fh, start=1) if line.strip() and not line.startswith("#")]
    if not lines:
        return
    header_no, header = lines[0]
    found = tuple(h.strip() for h in header.rstrip("\n").split("\t"))
    if found != columns[: len(found)] or len(found) < 2:  # trailing optional columns may be left out
        raise LexiconError(f"{path}:{header_no}: header should be {'<TAB>'.join(columns)}, found {'<TAB>'.join(found)}")
    reader = csv.reader((line for _, line in lines[1:]), delimiter="\t", quoting=csv.QUOTE_NONE)
    for (n, _), row in zip(lines[1:], reader, strict=True):
        if len(row) > len(found):
            raise LexiconError(f"{path}:{n}: {len(row)} cells, expected at most {len(found)}")
        row += [""] * (len(columns) - len(row))
        yield n, {c: v.strip() for c, v in zip(columns, row, strict=True)}


def _sources(name: str, extra: Path | None) -> list[Path]:
    bundled = Path(str(resources.files(__package__).joinpath("lexicons", name)))
    paths = [bundled]
    if extra is not None and (extra / name).exists():
        paths.append(extra / name)
    return paths


def _pycountry_names(iso3: str) -> set[str]:
    country = pycountry.countries.get(alpha_3=iso3)
    if country is None:
        return set()
    names = {country.name}
    for attr in ("official_name", "common_name"):
        value = getattr(country, attr, None)
        if value:
            names.add(value)
    return {n for n in names if "," not in n}


def _load_states(extra: Path | None) -> dict[str, StateEntry]:
    states: dict[str, StateEntry] = {}
    cols = ("iso3", "wikidata", "name", "aliases", "metonyms", "demonyms")
    for path in _sources("states.tsv", extra):
        for n, row in _rows(path, cols):
            iso3 = row["iso3"].upper()
            if iso3 != "XKX" and pycountry.countries.get(alpha_3=iso3) is None:
                raise LexiconError(f"{path}:{n}: {iso3!r} is not an ISO 3166-1 alpha-3 code")
            entry = states.get(iso3) or StateEntry(iso3, row["wikidata"] or None, row["name"] or iso3)
            entry.names |= {row["name"], *_cells(row["aliases"])} - {""}
            entry.metonyms |= set(_cells(row["metonyms"]))
            entry.demonyms |= set(_cells(row["demonyms"]))
            states[iso3] = entry
    listed = {name: iso3 for iso3, entry in states.items() for name in entry.names}
    for iso3, entry in states.items():
        entry.names |= {n for n in _pycountry_names(iso3) if listed.get(n, iso3) == iso3}
    return states


def _check_iso(value: str, states: dict[str, StateEntry], where: str) -> str | None:
    if not value:
        return None
    if value.upper() not in states:
        raise LexiconError(f"{where}: unknown state code {value!r} (not in states.tsv)")
    return value.upper()


def load_lexicon(extra: Path | None = None) -> Lexicon:
    """Read the bundled lexicons, plus the rows of same-named files in ``extra``.

    The result is cached; editing a file in ``extra`` (a new modification time or size)
    makes the next call read the folder again.
    """
    stamp: tuple[tuple[str, int, int], ...] = ()
    if extra is not None and extra.is_dir():
        stamp = tuple(
            (f.name, f.stat().st_mtime_ns, f.stat().st_size) for f in sorted(extra.iterdir()) if f.suffix == ".tsv"
        )
    return _load_lexicon(extra, stamp)


@functools.lru_cache(maxsize=8)
def _load_lexicon(extra: Path | None, stamp: tuple[tuple[str, int, int], ...]) -> Lexicon:
    states = _load_states(extra)
    orgs: list[OrgEntry] = []
    for path in _sources("organizations.tsv", extra):
        for n, r in _rows(path, ("label", "aliases", "kind", "based_in", "affiliation", "wikidata")):
            where = f"{path}:{n}"
            if r["kind"] not in ("organization", "armed_group"):
                raise LexiconError(f"{where}: kind should be organization or armed_group, not {r['kind']!r}")
            orgs.append(
                OrgEntry(
                    r["label"],
                    _cells(r["aliases"]),
                    r["kind"],
                    _check_iso(r["based_in"], states, where),
                    _check_iso(r["affiliation"], states, where),
                    r["wikidata"] or None,
                )
            )
    titles = [
        TitleEntry(r["title"], r["role"], r["scope"] or "any")
        for path in _sources("titles.tsv", extra)
        for _, r in _rows(path, ("title", "role", "scope"))
    ]
    weapons: list[WeaponEntry] = []
    for path in _sources("weapons.tsv", extra):
        for n, r in _rows(path, ("term", "category", "designation", "producer")):
            if r["category"] not in WEAPON_CONCEPTS:
                raise LexiconError(f"{path}:{n}: category {r['category']!r} is not one of {', '.join(WEAPON_CONCEPTS)}")
            producer = _check_iso(r["producer"], states, f"{path}:{n}")
            weapons.append(WeaponEntry(r["term"], r["category"], r["designation"] or None, producer))
    places: list[PlaceEntry] = []
    for path in _sources("places.tsv", extra):
        for n, r in _rows(path, ("name", "iso3", "kind", "held_by")):
            iso3 = _check_iso(r["iso3"], states, f"{path}:{n}")
            if iso3:
                held_by = _check_iso(r["held_by"], states, f"{path}:{n}")
                places.append(PlaceEntry(r["name"], iso3, r["kind"] or "city", held_by))
    verbs: list[VerbEntry] = []
    for path in _sources("verbs.tsv", extra):
        for n, r in _rows(path, ("phrase", "event", "value", "note")):
            if r["event"] == "stance" and r["value"] not in STANCES:
                raise LexiconError(f"{path}:{n}: stance {r['value']!r} is not one of {', '.join(STANCES)}")
            verbs.append(VerbEntry(r["phrase"], r["event"], r["value"]))
    bodies = [
        BodyEntry(r["head"], r["role"])
        for path in _sources("bodies.tsv", extra)
        for _, r in _rows(path, ("head", "role"))
    ]
    furniture_rows = [
        r for path in _sources("furniture.tsv", extra) for _, r in _rows(path, ("pattern", "note", "block"))
    ]
    furniture = [r["pattern"] for r in furniture_rows]
    link_headings = [r["pattern"] for r in furniture_rows if r["block"] == "links"]
    org_labels = {o.label for o in orgs}
    people: list[PersonEntry] = []
    for path in _sources("people.tsv", extra):
        for n, r in _rows(path, ("name", "aliases", "affiliation", "role")):
            affiliation = r["affiliation"]
            if affiliation not in org_labels:
                affiliation = _check_iso(affiliation, states, f"{path}:{n}") or ""
            if not affiliation:
                raise LexiconError(
                    f"{path}:{n}: affiliation {r['affiliation']!r} is neither a state code nor an organization"
                )
            people.append(PersonEntry(r["name"], _cells(r["aliases"]), affiliation, r["role"]))
    grammar: dict[str, set[str]] = {}
    for path in _sources("grammar.tsv", extra):
        for n, r in _rows(path, ("word", "class", "note")):
            if r["class"] not in GRAMMAR_CLASSES:
                raise LexiconError(f"{path}:{n}: class {r['class']!r} is not one of {', '.join(GRAMMAR_CLASSES)}")
            grammar.setdefault(r["class"], set()).add(r["word"].lower())
    frozen = {k: frozenset(v) for k, v in grammar.items()}
    groups: dict[str, tuple[str, ...]] = {}
    for path in _sources("groups.tsv", extra):
        for n, r in _rows(path, ("group", "members", "note")):
            if r["group"] not in org_labels:
                raise LexiconError(f"{path}:{n}: group {r['group']!r} is not an organization in organizations.tsv")
            members = [_check_iso(code, states, f"{path}:{n}") for code in _cells(r["members"])]
            groups[r["group"]] = tuple(m for m in members if m)
    landmarks = [r["name"] for path in _sources("landmarks.tsv", extra) for _, r in _rows(path, ("name", "note"))]
    return Lexicon(
        states,
        orgs,
        titles,
        weapons,
        places,
        verbs,
        bodies,
        furniture,
        people,
        frozen,
        landmarks,
        groups,
        link_headings,
    )
