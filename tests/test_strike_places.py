"""Where a strike fell and who made it: places joined by "and", weapons fired from a state's soil, an armed
group hit outside its home state (sentences written for the tests)."""

from __future__ import annotations

from test_extract import _extract, _statements, _strikes


def test_targets_in_and_around_a_city_are_in_its_state() -> None:
    text = "Iran fired drones at targets in and around Erbil on Monday."
    assert _strikes(_extract(text)) == {("IRN", "IRQ", "drone")}


def test_rockets_launched_from_a_states_soil_are_that_states_strike() -> None:
    text = "Two ballistic missiles launched from Yemeni territory hit the Saudi city of Jizan."
    assert {(a, t) for a, t, _ in _strikes(_extract(text))} == {("YEM", "SAU")}


def test_an_armed_group_hit_outside_its_home_state_makes_that_state_the_target() -> None:
    text = "American aircraft bombed Islamic State hideouts in Iraq's Anbar province on Friday."
    assert {(a, t) for a, t, _ in _strikes(_extract(text))} == {("USA", "IRQ")}


def test_an_armed_group_hit_at_home_stays_the_target() -> None:
    ex = _extract("Israeli jets struck Hezbollah positions in southern Lebanon.")
    assert {s.target for s in ex.strikes} == {"org:hezbollah"}


def test_a_state_struck_beside_a_group_is_a_target_of_its_own() -> None:
    ex = _extract("Israel struck Hezbollah and Iran.")
    assert {s.target for s in ex.strikes} == {"org:hezbollah", "state:IRN"}


def test_a_base_a_state_is_said_to_own_in_an_apposition_makes_it_the_target() -> None:
    text = "Iran fired missiles at Al Udeid Air Base, the largest American military installation in the region."
    assert {(a, t) for a, t, _ in _strikes(_extract(text))} == {("IRN", "USA")}


def test_a_capital_described_by_its_own_state_stays_that_states() -> None:
    text = "Russian missiles hit Kyiv, the Ukrainian capital, overnight."
    assert {(a, t) for a, t, _ in _strikes(_extract(text))} == {("RUS", "UKR")}


def test_named_heavy_bombs_are_aircraft_bombs() -> None:
    text = "American aircraft dropped a GBU-43/B MOAB on a tunnel complex in Nangarhar province on Thursday."
    assert _strikes(_extract(text)) == {("USA", "AFG", "aircraft bomb")}


def test_strikes_carried_out_by_a_sides_drones_are_its_strikes() -> None:
    text = "Two strikes carried out by Turkish-operated drones killed 23 civilians near Mogadishu."
    assert _strikes(_extract(text)) == {("TUR", "SOM", "drone")}


def test_an_airstrike_by_named_jets_names_no_weapon() -> None:
    assert _strikes(_extract("An airstrike by Israeli F-35 jets hit a school in Gaza City.")) == {("ISR", "PSE", None)}
    assert _strikes(_extract("Israeli jets struck a school in Gaza City with guided bombs.")) == {
        ("ISR", "PSE", "aircraft bomb")
    }


def test_a_group_hit_in_the_mountains_of_another_states_region_gives_way_to_that_state() -> None:
    text = (
        "American forces carried out air strikes against Islamic State fighters in the Golis mountains "
        "of Somalia's Puntland region on Friday."
    )
    assert _strikes(_extract(text, "2025-02-02")) == {("USA", "SOM", None)}


def test_the_attackers_own_action_named_beside_its_strike_is_no_target() -> None:
    text = (
        "American forces carried out air strikes against Islamic State fighters in Somalia on Friday, "
        "the president said, the first U.S. military action in the country this year."
    )
    assert {k[1] for k in _strikes(_extract(text, "2025-02-02"))} == {"org:islamic-state"}


def test_missiles_that_fell_inside_an_exclusive_economic_zone_struck_no_one() -> None:
    text = (
        "Five ballistic missiles fired by China during military drills around Taiwan on Thursday fell inside "
        "Japan's exclusive economic zone, Japan's defence ministry said."
    )
    assert _strikes(_extract(text, "2025-02-02")) == set()


def test_missiles_fired_at_a_zone_on_land_still_strike() -> None:
    text = "Russia fired missiles at villages in the buffer zone of Ukraine's Sumy region on Friday."
    assert _strikes(_extract(text, "2025-02-02")) == {("RUS", "UKR", None)}


def test_the_backer_of_militias_that_carried_out_attacks_is_not_the_attacker() -> None:
    text = "Iran-backed militias have carried out more than 160 rocket attacks on U.S. forces in Syria since October."
    assert not any(k[0] == "IRN" for k in _strikes(_extract(text, "2025-02-02")))


def test_a_state_that_carried_out_attacks_is_the_attacker() -> None:
    text = "Iran has carried out more than 20 missile attacks on U.S. forces in Syria since October."
    assert {k[0] for k in _strikes(_extract(text, "2025-02-02"))} == {"IRN"}


def test_a_launch_reported_by_a_state_that_strikes_in_the_same_sentence_is_not_at_that_state() -> None:
    text = (
        "Tomahawk cruise missiles were fired from U.S. warships, while Royal Air Force jets dropped bombs "
        "on two Houthi sites, according to Britain's defence ministry."
    )
    assert not any(k[1] == "GBR" for k in _strikes(_extract(text, "2025-02-02")))


def test_a_launch_reported_by_its_target_is_at_that_target() -> None:
    text = "Russia launched 112 drones overnight, Ukraine's air force said on Sunday."
    assert _strikes(_extract(text, "2025-02-02")) == {("RUS", "UKR", "drone")}


def test_rockets_fired_across_the_attackers_own_border_hit_no_one_there() -> None:
    text = "Hezbollah has been launching rockets across the Lebanese border almost daily since October."
    assert not any(k[1] == "LBN" for k in _strikes(_extract(text, "2025-02-02")))


def test_villages_across_the_border_in_a_region_are_in_its_state() -> None:
    text = "Russian troops shelled villages across the border in Ukraine's Sumy region on Friday."
    assert _strikes(_extract(text, "2025-02-02")) == {("RUS", "UKR", None)}


def test_a_state_that_increased_or_resumed_its_strikes_is_their_attacker() -> None:
    text = "The United States has sharply increased air strikes against al Shabaab in Somalia this year."
    assert {k[0] for k in _strikes(_extract(text, "2025-02-02"))} == {"USA"}
    assert {k[0] for k in _strikes(_extract("Israel resumed air strikes on Gaza on Tuesday.", "2025-02-02"))} == {"ISR"}


def test_a_base_used_by_a_states_forces_is_that_states() -> None:
    text = "Al Shabaab militants attacked a military base used by U.S. forces at Manda Bay on Sunday."
    assert _strikes(_extract(text, "2025-02-02")) == {("org:al-shabaab", "USA", None)}


def test_a_base_built_by_a_state_is_not_its_target() -> None:
    text = "Al Shabaab militants attacked a military base built by Turkish engineers at Manda Bay on Sunday."
    assert not any(k[1] == "TUR" for k in _strikes(_extract(text, "2025-02-02")))


def test_forces_of_two_states_joined_before_their_noun_are_both_struck() -> None:
    text = "Al Shabaab militants attacked a military base used by U.S. and Kenyan forces at Manda Bay on Sunday."
    assert {k[1] for k in _strikes(_extract(text, "2025-02-02"))} == {"USA", "KEN"}


def test_an_officials_own_forces_are_his_states() -> None:
    text = "President Volodymyr Zelensky said his forces had struck a Russian airbase in Crimea on Friday."
    ex = _extract(text, "2025-02-02")
    assert _strikes(ex) == {("UKR", "RUS", None)}
    assert {stance for _, stance in _statements(ex)} == {"admit"}
