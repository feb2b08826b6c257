"""The lexicon TSV files in loaders/lexicons/ are well formed and consistent with each other.

These tests read the files themselves (not the loader code): header rows, allowed values,
ISO3 references, Q-ids and duplicates.
"""

from __future__ import annotations

import csv
import re
from collections import Counter
from pathlib import Path

import pycountry
import pytest

LEXICONS = Path(__file__).resolve().parent.parent / "loaders" / "lexicons"

COLUMNS: dict[str, list[str]] = {
    "states.tsv": ["iso3", "wikidata", "name", "aliases", "metonyms", "demonyms"],
    "organizations.tsv": ["label", "aliases", "kind", "based_in", "affiliation", "wikidata"],
    "titles.tsv": ["title", "role", "scope"],
    "weapons.tsv": ["term", "category", "designation", "producer"],
    "places.tsv": ["name", "iso3", "kind", "held_by"],
    "verbs.tsv": ["phrase", "event", "value", "note"],
    "bodies.tsv": ["head", "role"],
    "people.tsv": ["name", "aliases", "affiliation", "role"],
    "furniture.tsv": ["pattern", "note", "block"],
    "groups.tsv": ["group", "members", "note"],
    "landmarks.tsv": ["name", "note"],
    "grammar.tsv": ["word", "class", "note"],
}

# The key column(s) that must be unique (case-sensitive) within each file.
KEYS: dict[str, tuple[str, ...]] = {
    "states.tsv": ("iso3",),
    "organizations.tsv": ("label",),
    "titles.tsv": ("title",),
    "weapons.tsv": ("term",),
    "places.tsv": ("name",),
    "verbs.tsv": ("phrase", "event"),
    "bodies.tsv": ("head",),
    "people.tsv": ("name",),
    "furniture.tsv": ("pattern",),
    "groups.tsv": ("group",),
    "landmarks.tsv": ("name",),
    "grammar.tsv": ("word", "class"),
}

# ISO 3166-1 entries that are not UN members, observers, Taiwan or Kosovo: dependent territories,
# special administrative regions, Antarctica and the like.  Everything else in pycountry must be
# in states.tsv.
NON_STATE_TERRITORIES = frozenset(
    {
        "ABW",
        "AIA",
        "ALA",
        "ASM",
        "ATA",
        "ATF",
        "BES",
        "BLM",
        "BMU",
        "BVT",
        "CCK",
        "COK",
        "CUW",
        "CXR",
        "CYM",
        "ESH",
        "FLK",
        "FRO",
        "GGY",
        "GIB",
        "GLP",
        "GRL",
        "GUF",
        "GUM",
        "HKG",
        "HMD",
        "IMN",
        "IOT",
        "JEY",
        "MAC",
        "MAF",
        "MNP",
        "MSR",
        "MTQ",
        "MYT",
        "NCL",
        "NFK",
        "NIU",
        "PCN",
        "PRI",
        "PYF",
        "REU",
        "SGS",
        "SHN",
        "SJM",
        "SPM",
        "SXM",
        "TCA",
        "TKL",
        "UMI",
        "VGB",
        "VIR",
        "WLF",
    }
)
NON_MEMBERS_INCLUDED = frozenset({"VAT", "PSE", "TWN", "XKX"})

WEAPON_CATEGORIES = frozenset(
    {
        "ballistic missile",
        "cruise missile",
        "drone",
        "artillery ammunition",
        "air defence system",
        "armoured vehicle",
        "aircraft",
        "rocket artillery",
        "small arms",
        "other",
        "tube artillery",  # the finer concepts, each skos:broader other
        "aircraft bomb",
        "anti-tank missile",
    }
)

VERB_VALUES: dict[str, frozenset[str]] = {
    "stance": frozenset({"condemn", "concern", "deny", "admit", "allege", "warn", "support", "call_on", "commit"}),
    "supply": frozenset({"transfer", "receive", "pledge", "arrive"}),
    "supply_noun": frozenset({"transfer", "receive", "pledge"}),
    "strike": frozenset({"attack"}),
    "strike_noun": frozenset({"attack"}),
    "negation": frozenset({"neg"}),
    "hedge": frozenset({"hypothetical"}),
    "report": frozenset({"say"}),
    "channel": frozenset(
        {"joint statement", "phone call", "readout", "press briefing", "press release", "interview", "social media"}
    ),
}

QID = re.compile(r"^Q\d+$")


def _lines(name: str) -> list[str]:
    with (LEXICONS / name).open(encoding="utf-8", newline="") as fh:
        return fh.read().splitlines()


def _data_lines(name: str) -> list[str]:
    return [line for line in _lines(name) if not line.startswith("#")]


def _rows(name: str) -> list[dict[str, str]]:
    reader = csv.DictReader(_data_lines(name), delimiter="\t", quoting=csv.QUOTE_NONE, strict=True)
    rows: list[dict[str, str]] = []
    for row in reader:
        assert None not in row, f"{name}: too many cells in {row}"
        assert all(value is not None for value in row.values()), f"{name}: too few cells in {row}"
        rows.append(row)
    return rows


def _values(cell: str) -> list[str]:
    return cell.split("|") if cell else []


def _iso3_in_states() -> set[str]:
    return {row["iso3"] for row in _rows("states.tsv")}


@pytest.mark.parametrize("name", sorted(COLUMNS))
def test_file_starts_with_a_comment_header(name: str) -> None:
    lines = _lines(name)
    assert lines, f"{name} is empty"
    assert lines[0].startswith("#"), f"{name} must start with a # comment header"


@pytest.mark.parametrize("name", sorted(COLUMNS))
def test_header_row_has_exact_columns(name: str) -> None:
    data = _data_lines(name)
    assert data, f"{name} has no header row"
    assert data[0].split("\t") == COLUMNS[name]


@pytest.mark.parametrize("name", sorted(COLUMNS))
def test_every_row_has_one_cell_per_column(name: str) -> None:
    width = len(COLUMNS[name])
    for number, line in enumerate(_data_lines(name)[1:], start=2):
        assert line.strip(), f"{name}: blank data line {number}"
        assert line.count("\t") == width - 1, f"{name}: line {number} has the wrong number of cells: {line!r}"


@pytest.mark.parametrize("name", sorted(COLUMNS))
def test_no_stray_spaces_and_no_empty_multi_values(name: str) -> None:
    for line in _lines(name):
        # A trailing tab is fine (an empty last cell); trailing spaces and carriage returns are not.
        assert line == line.rstrip(" \r"), f"{name}: trailing whitespace in {line!r}"
        assert "\t " not in line and " \t" not in line, f"{name}: space next to a tab in {line!r}"
    for row in _rows(name):
        for column, cell in row.items():
            assert cell == cell.strip(), f"{name}: spaces around {column}={cell!r}"
            if name == "furniture.tsv":
                continue  # a pattern's "|" is a regular-expression alternation, not a list
            for value in _values(cell):
                assert value, f"{name}: empty value in {column}={cell!r}"
                assert value == value.strip(), f"{name}: spaces around a value in {column}={cell!r}"


@pytest.mark.parametrize("name", sorted(COLUMNS))
def test_no_duplicate_keys(name: str) -> None:
    keys = [tuple(row[column] for column in KEYS[name]) for row in _rows(name)]
    duplicates = [key for key, count in Counter(keys).items() if count > 1]
    assert not duplicates, f"{name}: duplicate entries {duplicates}"
    assert all(all(part for part in key) for key in keys), f"{name}: empty key cell"


def test_states_are_exactly_the_un_members_observers_taiwan_and_kosovo() -> None:
    rows = _rows("states.tsv")
    codes = [row["iso3"] for row in rows]
    assert len(rows) == 197
    assert len(set(codes)) == 197
    pycountry_codes = {country.alpha_3 for country in pycountry.countries}
    for code in codes:
        assert code == "XKX" or code in pycountry_codes, f"{code} is not an ISO 3166-1 alpha-3 code"
    un_members = pycountry_codes - NON_STATE_TERRITORIES - NON_MEMBERS_INCLUDED
    assert len(un_members) == 193
    assert set(codes) == un_members | NON_MEMBERS_INCLUDED
    assert not set(codes) & NON_STATE_TERRITORIES


def test_states_have_name_metonym_sanity_and_no_bare_korea() -> None:
    rows = {row["iso3"]: row for row in _rows("states.tsv")}
    assert all(row["name"] for row in rows.values())
    assert rows["PRK"]["name"] == "North Korea"
    assert rows["KOR"]["name"] == "South Korea"
    assert rows["USA"]["name"] == "United States"
    assert "DPRK" in _values(rows["PRK"]["aliases"])
    assert "ROK" in _values(rows["KOR"]["aliases"])
    assert "Pyongyang" in _values(rows["PRK"]["metonyms"])
    assert "Kyiv" in _values(rows["UKR"]["metonyms"])
    assert "Washington" in _values(rows["USA"]["metonyms"])
    assert "the White House" not in _values(rows["USA"]["metonyms"])
    for row in rows.values():
        forms = _values(row["aliases"]) + _values(row["demonyms"])
        assert "Korea" not in forms, row["iso3"]
        assert "Korean" not in forms, row["iso3"]
        assert "Congolese" not in forms, row["iso3"]


def test_state_surface_forms_belong_to_one_state_only() -> None:
    owners: dict[str, set[str]] = {}
    for row in _rows("states.tsv"):
        forms = [row["name"], *_values(row["aliases"]), *_values(row["metonyms"]), *_values(row["demonyms"])]
        for form in forms:
            key = form.lower().removeprefix("the ")
            owners.setdefault(key, set()).add(row["iso3"])
    shared = {form: codes for form, codes in owners.items() if len(codes) > 1}
    assert not shared, f"surface forms used by several states: {shared}"


@pytest.mark.parametrize("name", ["states.tsv", "organizations.tsv"])
def test_wikidata_cells_are_qids_or_empty(name: str) -> None:
    for row in _rows(name):
        cell = row["wikidata"]
        assert cell == "" or QID.match(cell), f"{name}: bad Q-id {cell!r}"


def test_known_state_qids() -> None:
    rows = {row["iso3"]: row["wikidata"] for row in _rows("states.tsv")}
    assert rows["PRK"] == "Q423"
    assert rows["USA"] == "Q30"
    assert rows["RUS"] == "Q159"
    assert rows["UKR"] == "Q212"
    assert rows["KOR"] == "Q884"
    qids = [qid for qid in rows.values() if qid]
    assert len(qids) == len(set(qids)), "two states share a Q-id"


def test_organizations_kinds_and_iso3_references() -> None:
    states = _iso3_in_states()
    for row in _rows("organizations.tsv"):
        assert row["kind"] in {"organization", "armed_group"}, row
        for column in ("based_in", "affiliation"):
            assert row[column] == "" or row[column] in states, f"{row['label']}: unknown {column} {row[column]!r}"
        if row["kind"] == "armed_group":
            assert row["based_in"], f"armed group {row['label']} needs based_in"
            assert not row["affiliation"], f"armed group {row['label']} has an affiliation"


def test_organization_surface_forms_are_unique() -> None:
    owners: dict[str, set[str]] = {}
    for row in _rows("organizations.tsv"):
        for form in [row["label"], *_values(row["aliases"])]:
            owners.setdefault(form.lower().removeprefix("the "), set()).add(row["label"])
    shared = {form: labels for form, labels in owners.items() if len(labels) > 1}
    assert not shared, f"surface forms used by several organizations: {shared}"


def test_titles_scopes() -> None:
    rows = _rows("titles.tsv")
    assert len(rows) >= 100
    for row in rows:
        assert row["scope"] in {"state", "org", "any"}, row
        assert row["role"], row
    titles = {row["title"]: row for row in rows}
    assert titles["Foreign Minister"]["scope"] == "state"
    assert titles["Secretary-General"]["scope"] == "org"


def test_weapons_categories_designations_and_producers() -> None:
    states = _iso3_in_states()
    rows = _rows("weapons.tsv")
    assert len(rows) >= 300
    for row in rows:
        assert "|" not in row["term"], f"one term per row: {row['term']!r}"
        assert row["category"] in WEAPON_CATEGORIES, f"{row['term']}: bad category {row['category']!r}"
        assert row["producer"] == "" or row["producer"] in states, f"{row['term']}: unknown producer"
        assert bool(row["designation"]) == bool(row["producer"]), f"{row['term']}: designation and producer go together"
    terms = {row["term"]: row for row in rows}
    assert terms["Iskanders"]["designation"] == "Iskander-M"
    assert terms["KN-23"]["producer"] == "PRK"
    assert terms["ballistic missiles"]["category"] == "ballistic missile"
    assert terms["ballistic missiles"]["designation"] == ""


def test_weapon_designations_have_one_category_and_producer() -> None:
    seen: dict[str, tuple[str, str]] = {}
    for row in _rows("weapons.tsv"):
        if not row["designation"]:
            continue
        value = (row["category"], row["producer"])
        previous = seen.setdefault(row["designation"], value)
        assert previous == value, f"{row['designation']}: inconsistent category/producer {previous} vs {value}"


def test_places_kinds_and_iso3() -> None:
    states = _iso3_in_states()
    rows = _rows("places.tsv")
    assert len(rows) >= 250
    for row in rows:
        assert row["kind"] in {"city", "region"}, row
        assert row["iso3"] in states, f"{row['name']}: unknown iso3 {row['iso3']!r}"
    places = {row["name"]: row["iso3"] for row in rows}
    assert places["Kharkiv"] == "UKR"
    assert places["Gaza Strip"] == "PSE"
    assert places["Golan Heights"] == "SYR"
    held = {row["name"]: row["held_by"] for row in rows if row["held_by"]}
    assert held["Crimea"] == "RUS" and held["Golan Heights"] == "ISR"
    assert all(h != places[name] for name, h in held.items())  # a holder is another state


def test_verbs_events_and_values() -> None:
    rows = _rows("verbs.tsv")
    events = Counter(row["event"] for row in rows)
    assert set(events) == set(VERB_VALUES), f"unexpected or missing events: {set(events) ^ set(VERB_VALUES)}"
    for row in rows:
        assert row["value"] in VERB_VALUES[row["event"]], f"{row['phrase']}: bad {row['event']} value {row['value']!r}"
        assert row["phrase"] == " ".join(row["phrase"].split()), f"irregular spacing in {row['phrase']!r}"
    stances = {row["value"] for row in rows if row["event"] == "stance"}
    assert stances == VERB_VALUES["stance"], "every stance value needs at least one trigger"
    channels = {row["value"] for row in rows if row["event"] == "channel"}
    assert channels == VERB_VALUES["channel"], "every channel value needs at least one trigger"


def test_bodies_heads_are_lower_case_phrases() -> None:
    rows = _rows("bodies.tsv")
    heads = {row["head"] for row in rows}
    for head in ("foreign ministry", "defence ministry", "defense ministry", "presidential office", "armed forces"):
        assert head in heads
    for row in rows:
        assert row["role"], row
        first = row["head"].split()[0]
        assert first == first.lower(), f"head should start in lower case: {row['head']!r}"


def test_people_affiliations_are_states_or_known_organizations() -> None:
    states = {r["iso3"] for r in _rows("states.tsv")}
    orgs = {r["label"] for r in _rows("organizations.tsv")}
    for row in _rows("people.tsv"):
        assert row["affiliation"] in states | orgs, row
        assert row["role"], row


def test_furniture_patterns_compile_and_do_not_match_ordinary_sentences() -> None:
    patterns = [re.compile(r["pattern"], re.IGNORECASE) for r in _rows("furniture.tsv")]
    for sentence in (
        "Russia has started supplying India with air defence systems, officials said.",
        "Reporting by Reuters showed that Iran had shipped drones to Sudan.",
        "Editing by hand is slow, the minister said of the export licences.",
    ):
        assert not any(p.fullmatch(sentence) for p in patterns), sentence
    assert any(p.fullmatch("Back To Top") for p in patterns)
