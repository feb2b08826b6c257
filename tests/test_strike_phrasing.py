"""Strike phrasing of wire copy: vivid verbs, munitions that land or tear through, barrages
aimed against a place, and "Congo" as news writes it (sentences written for the tests)."""

from __future__ import annotations

import pytest
from test_extract import _extract, _party, _statements, _states, _strikes


@pytest.mark.parametrize(
    "text",
    [
        "Russian forces hammered the Ukrainian city of Kharkiv overnight.",
        "Russian jets pummelled Ukrainian positions near Kharkiv.",
        "Russian artillery battered the Ukrainian town of Kupiansk.",
    ],
)
def test_vivid_strike_verbs_are_strikes(text: str) -> None:
    assert {(a, t) for a, t, _ in _strikes(_extract(text))} == {("RUS", "UKR")}


def test_a_barrage_unleashed_against_a_place_strikes_its_state() -> None:
    text = "Russia unleashed a barrage of Kalibr missiles against Odesa on Sunday."
    assert _strikes(_extract(text)) == {("RUS", "UKR", "cruise missile")}


def test_unleashing_without_munitions_is_no_strike() -> None:
    assert _strikes(_extract("Russia unleashed a wave of repression against Ukrainian activists.")) == set()


def test_shells_that_land_near_a_place_struck_its_state() -> None:
    text = "North Korean artillery shells landed near a South Korean border island on Tuesday."
    assert _strikes(_extract(text)) == {("PRK", "KOR", "artillery ammunition")}


def test_troops_that_land_strike_nothing() -> None:
    assert _strikes(_extract("Chinese troops landed on an island claimed by Taiwan for an exercise.")) == set()


def test_a_munition_tearing_through_a_building_struck_where_it_stood() -> None:
    text = "A Russian drone tore through a residential building in Odesa, killing two."
    assert {(a, t) for a, t, _ in _strikes(_extract(text))} == {("RUS", "UKR")}


def test_bare_congo_is_the_democratic_republic() -> None:
    assert _states(_extract("M23 rebels seized the town of Bunagana in eastern Congo.")) >= {"COD"}
    assert "COG" not in _states(_extract("Congo accused Rwanda of backing the rebels."))
    assert _states(_extract("The Republic of the Congo held elections.")) == {"COG"}


def test_a_supplier_named_as_the_agent_of_the_goods_is_not_the_attacker() -> None:
    ex = _extract("Drones shipped by Iran to Russia hit Kyiv on Monday.")
    assert _strikes(ex) == {("RUS", "UKR", "drone")}


def test_a_report_that_names_a_supply_is_an_alleged_transfer() -> None:
    text = "Seoul said it was alarmed by reports that North Korea had shipped artillery shells to Russia."
    (transfer,) = _extract(text).transfers
    assert (transfer.supplier, transfer.recipient, transfer.status) == ("state:PRK", "state:RUS", "alleged")


def test_an_acronym_spelled_as_a_word_is_the_same_weapon() -> None:
    ex = _extract("Ukraine fired Himars rockets at a Russian depot in Kherson.")
    assert _strikes(ex) == {("UKR", "RUS", "rocket artillery")}


def test_a_group_named_with_a_lower_case_article_is_the_group() -> None:
    text = "Kenyan troops attacked al-Shabaab fighters near the border."
    assert _strikes(_extract(text)) == {("KEN", "org:al-shabaab", None)}


def test_it_conducted_an_airstrike_is_the_speakers_strike() -> None:
    ex = _extract("The Turkish defence ministry said it conducted an airstrike against the PKK in northern Iraq.")
    assert {(a, t) for a, t, _ in _strikes(ex)} == {("TUR", "org:pkk")}
    ex = _extract("Israel said it had launched a wave of strikes on Hezbollah positions.")
    assert {(a, t) for a, t, _ in _strikes(ex)} == {("ISR", "org:hezbollah")}


def test_a_projectile_launched_by_a_group_is_its_strike() -> None:
    text = "A projectile launched by the Houthis struck an airport in southern Saudi Arabia."
    assert _strikes(_extract(text)) == {("org:houthis", "SAU", None)}


def test_a_participle_misread_as_a_verb_keeps_the_subject_of_the_clause() -> None:
    text = "Four Royal Air Force jets used Paveway IV guided bombs to strike a site in northwestern Yemen."
    assert {(a, t) for a, t, _ in _strikes(_extract(text))} == {("GBR", "YEM")}


def test_downing_munitions_aimed_at_someone_else_is_no_strike_on_the_interceptor() -> None:
    assert _strikes(_extract("British jets shot down a number of Iranian drones over Iraq.")) == set()
    assert _strikes(_extract("US warships in the Red Sea shot down 14 Houthi drones.")) == set()


def test_downing_munitions_at_home_is_a_strike_on_the_defender() -> None:
    assert _strikes(_extract("Ukraine's air force said it had shot down 30 Russian drones overnight.")) == {
        ("RUS", "UKR", "drone")
    }


def test_hundreds_of_them_fired_are_the_goods_supplied_before() -> None:
    text = "North Korea supplied Russia with KN-23 missiles, and Moscow has fired dozens of them at Ukrainian cities."
    assert ("RUS", "UKR", "ballistic missile") in _strikes(_extract(text))


def test_an_attack_a_state_blamed_on_another_struck_the_blamer() -> None:
    ex = _extract("Three soldiers died in a drone attack Kinshasa blamed on Rwanda.")
    assert _strikes(ex) == {("RWA", "COD", "drone")}
    assert (frozenset({"state:COD"}), "allege") in _statements(ex)


def test_an_air_force_named_by_its_abbreviation() -> None:
    text = "An Indian jet was shot down by the PAF, Pakistan's military said."
    assert {(a, t) for a, t, _ in _strikes(_extract(text))} == {("PAK", "IND")}


def test_what_a_strike_destroyed_is_its_target_not_its_weapon() -> None:
    text = "Azerbaijan said its drones had destroyed dozens of Armenian tanks and air defence systems."
    assert _strikes(_extract(text)) == {("AZE", "ARM", "drone")}


def test_blaming_a_party_for_the_attack_names_the_blamer_as_struck() -> None:
    assert _strikes(_extract("Azerbaijan's defence ministry blamed Armenian forces for the attack.")) == {
        ("ARM", "AZE", None)
    }
    assert _strikes(_extract("The United States blamed Iran for the attack on the tanker.")) == set()


def test_their_shelling_of_a_place_is_the_subjects() -> None:
    text = "Russian forces stepped up their shelling of Kharkiv overnight."
    assert _strikes(_extract(text)) == {("RUS", "UKR", None)}


def test_neutralising_fighters_is_a_strike() -> None:
    text = "The Turkish defence ministry said its forces had neutralised 12 PKK militants in northern Iraq."
    assert {(a, t) for a, t, _ in _strikes(_extract(text))} == {("TUR", "org:pkk")}


def test_named_munitions_with_no_attacker_were_fired_by_whoever_received_them() -> None:
    text = "Britain supplied Storm Shadow missiles to Ukraine. Storm Shadow missiles hit a shipyard in Sevastopol."
    assert _strikes(_extract(text)) == {("UKR", "RUS", "cruise missile")}


def test_answering_with_missile_fire_toward_a_state_strikes_it() -> None:
    assert _strikes(_extract("The Houthis answered with missile fire toward Israel.")) == {("org:houthis", "ISR", None)}


def test_a_strike_its_side_will_keep_up_warns() -> None:
    text = "Houthi leader Abdul Malik al-Houthi said the Houthis would keep targeting ships heading to Israel."
    assert {stance for _, stance in _statements(_extract(text))} == {"warn"}
    text = "The Houthis said they will continue to attack ships linked to Israel."
    assert {stance for _, stance in _statements(_extract(text))} == {"warn"}


def test_a_strike_on_the_speakers_side_with_no_attacker_named_is_alleged() -> None:
    text = "Missiles hit an apartment block in Dnipro overnight, Ukraine's air force said."
    assert _statements(_extract(text)) == {(frozenset({"org:ukrainian-air-force"}), "allege")}
    text = "Missiles hit an apartment block in Dnipro overnight, Russia's defence ministry said."
    assert _statements(_extract(text)) == set()  # the other side reporting it claims nothing of its own


def test_an_official_of_no_known_side_reporting_an_unclaimed_strike_alleges_it() -> None:
    text = "Missiles hit apartment blocks in Kharkiv overnight, Mayor Ihor Terekhov said."
    assert _statements(_extract(text)) == {(frozenset({"person:ihorterekhov"}), "allege")}


def test_a_designation_parsed_as_a_number_keeps_its_state() -> None:
    text = "It said Thai F-16 fighter jets had struck rebel camps in Myanmar."
    assert {(a, t) for a, t, _ in _strikes(_extract(text))} == {("THA", "MMR")}


def test_a_local_official_serves_the_state_of_the_place_before_the_title() -> None:
    text = (
        "Kharkiv Oblast Governor Oleh Syniehubov said a bomb hit a depot. "
        "The governor of the Belgorod region, Vyacheslav Gladkov, said two people were hurt."
    )
    people = {a.key: a.affiliation for a in _extract(text).actors.values() if a.kind == "person"}
    assert people == {"person:olehsyniehubov": "state:UKR", "person:vyacheslavgladkov": "state:RUS"}


def test_firing_the_weapons_of_an_attack_just_reported_names_its_target() -> None:
    text = (
        "Qatar condemned an Iranian missile attack on the Al Udeid air base in Qatar. "
        "The Revolutionary Guard fired the ballistic missiles on Monday evening."
    )
    assert ("IRN", "QAT", "ballistic missile") in _strikes(_extract(text, date="2025-06-24"))


def _strike_days(text: str, date: str) -> dict[tuple[str, str], set[str]]:
    days: dict[tuple[str, str], set[str]] = {}
    for s in _extract(text, date=date).strikes:
        days.setdefault((_party(s.attacker), _party(s.target)), set()).update(d.isoformat() for d in s.dates)
    return days


def test_a_strike_is_not_dated_by_another_partys_strike_in_a_clause_below_it() -> None:
    text = (
        "Iran fired ballistic missiles at Israel on Monday, saying it was responding to "
        "US strikes on Iranian nuclear sites on Sunday."
    )
    assert _strike_days(text, "2025-06-24")[("IRN", "ISR")] == {"2025-06-23"}
    text = "The US has struck Houthi targets in Yemen since it launched an air campaign on March 15."
    assert _strike_days(text, "2025-05-06")[("USA", "org:houthis")] == {"2025-03-15"}


def test_one_strike_reported_twice_in_a_sentence_keeps_both_days() -> None:
    text = "Israel struck Iran on Sunday and bombed Iran again on June 13."
    assert _strike_days(text, "2025-06-24")[("ISR", "IRN")] == {"2025-06-22", "2025-06-13"}


def test_the_weapons_an_attack_just_reported_involved_are_its_weapons() -> None:
    text = (
        "Russia attacked Ukraine with 810 drones overnight. "
        "The air force said the attack involved nine Kalibr cruise missiles."
    )
    assert ("RUS", "UKR", "cruise missile") in _strikes(_extract(text))
    text = "The air force said the attack involved nine Kalibr cruise missiles."
    assert _strikes(_extract(text)) == set()  # no attack reported before: no parties


def test_an_air_campaign_against_a_party_strikes_it() -> None:
    text = "The US carried out an intensive air campaign against the Houthis from March 15."
    assert _strikes(_extract(text)) == {("USA", "org:houthis", None)}
    text = "Israel waged a bombing campaign against Hezbollah in Lebanon."
    assert ("ISR", "org:hezbollah", None) in _strikes(_extract(text))


def test_a_boat_hit_off_a_coast_is_a_strike_on_that_state() -> None:
    text = "The U.S. military attacked another small boat off the coast of Venezuela on Friday."
    assert _strikes(_extract(text)) == {("USA", "VEN", None)}


def test_a_place_may_qualify_the_people_a_target_was_for() -> None:
    text = "Ethiopian military drones struck a camp for displaced people in Dedebit in Tigray."
    assert _strikes(_extract(text)) == {("ETH", "ETH", "drone")}
    text = "Russia struck Kharkiv in response to Ukraine's use of drones in Taganrog."
    assert ("RUS", "RUS", None) not in _strikes(_extract(text))


def test_the_strike_at_a_place_just_hit_is_the_earlier_attackers() -> None:
    text = (
        "A Saudi-led coalition air strike hit a school bus in Dahyan in Yemen's Saada province. "
        "The coalition said the strike targeted Houthi rebels."
    )
    strikes = _strikes(_extract(text))
    assert ("SAU", "org:houthis", None) in strikes
    assert {s for s in strikes if s[0] != "SAU"} == set()


def test_attacks_a_party_agreed_to_halt_are_not_reported_by_the_other_side() -> None:
    text = "President Donald Trump said the US would stop bombing after the group agreed to halt attacks on US ships."
    assert _statements(_extract(text)) == {(frozenset({"person:donaldtrump"}), "commit")}  # stopping commits


def test_a_place_hit_again_is_not_struck_with_the_weapons_based_there() -> None:
    text = (
        "Ukrainian drones struck an oil depot in the Russian city of Engels on Wednesday. "
        "The Engels airfield in Russia, where Tu-95MS bombers are based, has been targeted repeatedly."
    )
    assert _strikes(_extract(text)) == {("UKR", "RUS", "drone")}  # no strike with the bombers based there


def test_a_strike_delivered_with_weapons_on_a_target() -> None:
    text = (
        "The Russian Armed Forces delivered a massive overnight strike with long-range precision weapons, "
        "including Kalibr cruise missiles, on Ukraine's energy facilities."
    )
    assert _strikes(_extract(text)) == {("RUS", "UKR", "cruise missile")}
    text = "Germany delivered 18 Leopard tanks to Ukraine."
    assert _strikes(_extract(text)) == set()


def test_strikes_undertaken_in_a_province_of_a_named_state() -> None:
    text = (
        "Pakistan undertook a series of precision military strikes against terrorist hideouts "
        "in Siestan-o-Baluchistan province of Iran."
    )
    assert _strikes(_extract(text)) == {("PAK", "IRN", None)}


def test_who_ordered_a_strike_is_not_its_target() -> None:
    text = (
        "A US drone strike killed a commander near Baghdad airport in Iraq. "
        "The Pentagon said the strike had been carried out at the direction of US President Donald Trump."
    )
    assert _statements(_extract(text)) == {(frozenset({"org:pentagon"}), "admit")}


def test_an_attack_in_a_relative_clause_is_background_no_one_alleges() -> None:
    text = (
        "The Israeli military said it had carried out a precise strike on the leadership of Hamas, "
        "which it holds responsible for the attack on southern Israel."
    )
    assert "allege" not in {stance for _, stance in _statements(_extract(text))}


def test_a_body_named_before_by_its_head_word_strikes() -> None:
    text = (
        "A Saudi-led coalition air strike hit a school bus in Saada, Yemen. "
        "In 2016, a coalition strike on a funeral hall in Sanaa killed more than 140 people."
    )
    assert _strikes(_extract(text)) == {("SAU", "YEM", None)}
    assert len(_extract(text).strikes) == 2
    text = "A coalition strike on a funeral hall in Sanaa killed more than 140 people."
    assert _strikes(_extract(text)) == set()


def test_sites_struck_on_another_sides_ground_are_the_reporting_armys_own() -> None:
    text = "India's defence ministry said nine sites in Pakistan had been struck."
    assert _statements(_extract(text)) == {(frozenset({"org:india-s-defence-ministry"}), "admit")}
    launched = "India's defence ministry said missiles had been launched at sites in Pakistan."
    assert all(stance != "admit" for _, stance in _statements(_extract(launched)))
    own = "Ukraine's air force said an apartment block in Dnipro had been hit."
    assert _statements(_extract(own)) == {(frozenset({"org:ukrainian-air-force"}), "allege")}


def test_a_body_named_again_by_its_last_word_speaks() -> None:
    text = "The IRGC Aerospace Force fired missiles at a base in Iraq, the force said in a statement."
    assert _statements(_extract(text)) == {(frozenset({"org:irgc-aerospace-force"}), "admit")}


def test_a_strike_noun_that_names_its_day_has_that_day_only() -> None:
    text = "The toll from Saturday's Russian missile attack on a market in Kharkiv rose to 16 on Sunday."
    (strike,) = _extract(text, date="2024-05-26").strikes
    assert [d.isoformat() for d in strike.dates] == ["2024-05-25"]


def test_a_place_that_came_under_shelling_by_a_force_is_its_target() -> None:
    text = "Kursk has come under regular shelling by the Ukrainian Armed Forces."
    assert {(a, t) for a, t, _ in _strikes(_extract(text))} == {("UKR", "RUS")}


def test_a_place_named_by_its_province_after_a_comma_is_the_target() -> None:
    text = "A Nigerian Air Force jet bombed a market in Gwoza, Borno State, killing dozens."
    assert {(a, t) for a, t, _ in _strikes(_extract(text))} == {("NGA", "NGA")}


def test_a_village_placed_by_the_province_it_lies_in_is_the_target() -> None:
    text = "A Pakistani drone strike killed five villagers in Miranshah, a town in Khyber Pakhtunkhwa province."
    assert _strikes(_extract(text)) == {("PAK", "PAK", "drone")}


def test_where_a_strike_killed_people_is_its_target() -> None:
    text = "A Nigerian military drone strike killed several civilians in Tureta, a village in Zamfara State."
    assert _strikes(_extract(text)) == {("NGA", "NGA", "drone")}


@pytest.mark.parametrize(
    "text",
    [
        "Indian and Pakistani troops exchanged fire across the Line of Control.",
        "India's army, which has traded near-daily fire with Pakistani forces since May, is on alert.",
        "There was a brief exchange of fire between Indian and Pakistani troops in May.",
    ],
)
def test_fire_two_sides_trade_is_a_strike_each_way(text: str) -> None:
    assert _strikes(_extract(text)) == {("IND", "PAK", None), ("PAK", "IND", None)}


@pytest.mark.parametrize(
    "text",
    [
        "India and Pakistan exchanged prisoners on Sunday.",
        "India and Pakistan did not exchange fire on Sunday.",
        "Indian troops exchanged fire with militants near the border.",
    ],
)
def test_no_strike_from_an_exchange_of_other_things_or_with_one_side(text: str) -> None:
    assert _strikes(_extract(text)) == set()


def test_strikes_by_weapons_are_their_states() -> None:
    text = "The strikes by Turkish drones hit Kurdish positions in northern Syria."
    assert _strikes(_extract(text)) == {("TUR", "SYR", "drone")}


def test_a_participle_after_a_subordinate_clause_strikes_as_its_subject() -> None:
    text = "The crisis deepened after Turkey launched an offensive on Monday, striking Kurdish positions in Syria."
    assert {(a, t) for a, t, _ in _strikes(_extract(text))} == {("TUR", "SYR")}


def test_the_city_is_the_city_named_last() -> None:
    text = "Sumy lies near the border. On Monday, a Russian drone strike on a school in the city killed two teachers."
    assert _strikes(_extract(text)) == {("RUS", "UKR", "drone")}
    alone = "On Monday, a Russian drone strike on a school in the city killed two teachers."
    assert _strikes(_extract(alone)) == set()


def test_a_reflexive_beside_the_subject_leaves_the_subject_the_attacker() -> None:
    text = "Russian forces had themselves kept up their shelling of Kharkiv overnight."
    assert {(a, t) for a, t, _ in _strikes(_extract(text))} == {("RUS", "UKR")}


def test_a_place_under_a_series_of_strikes_is_struck() -> None:
    text = "Kharkiv came under a series of Russian ballistic missile strikes in the morning."
    assert _strikes(_extract(text)) == {("RUS", "UKR", "ballistic missile")}


def test_a_strike_on_what_the_attacker_called_a_target_hits_the_state_named_there() -> None:
    ex = _extract(
        "Late on Tuesday, Armenia launched artillery strikes on what it described as militant depots in Azerbaijan."
    )
    assert ("ARM", "AZE") in {(a, t) for a, t, _ in _strikes(ex)}


def test_a_verb_and_its_strike_noun_are_one_strike() -> None:
    ex = _extract("Israel carried out airstrikes against what it called Hezbollah arms depots in Lebanon.")
    assert len(ex.strikes) == 1


def test_its_in_a_strike_nouns_target_is_the_subject_of_the_clause_above() -> None:
    text = (
        "Turkey has struck Iraq repeatedly. In June, Armenia fired rockets at a border post in Azerbaijan "
        "in retaliation for Azerbaijan's strikes on its villages."
    )
    pairs = {(a, t) for a, t, _ in _strikes(_extract(text))}
    assert ("AZE", "ARM") in pairs
    assert ("AZE", "TUR") not in pairs


def test_a_target_joined_by_as_well_as_is_struck_too() -> None:
    text = "Houthi drones targeted the UAE as well as Saudi Arabia."
    assert _strikes(_extract(text)) == {("org:houthis", "ARE", "drone"), ("org:houthis", "SAU", "drone")}


def test_an_attack_in_a_clause_modifying_a_noun_keeps_its_own_mood() -> None:
    text = (
        "Analysts fear that the Lebanon war, triggered by the Hezbollah-led attack on Israel in October, "
        "could spiral into a regional conflict."
    )
    assert _strikes(_extract(text)) == {("org:hezbollah", "ISR", None)}
    feared = "Analysts fear that a Hezbollah attack on Israel could spiral into a regional conflict."
    assert _strikes(_extract(feared)) == set()


def test_the_name_an_operation_is_given_is_no_target() -> None:
    text = (
        "Iranian General Qassem Soleimani was killed in a US drone strike in Baghdad on January 3. Five days later, "
        "Iran fired tens of missiles at the base in an operation code-named Martyr Soleimani."
    )
    assert ("IRN", "IRN", None) not in _strikes(_extract(text))


def test_a_strike_on_places_in_two_states_is_not_on_the_attackers_own() -> None:
    text = "India carried out missile strikes on six locations in Punjab and Azad Jammu and Kashmir overnight."
    assert _strikes(_extract(text)) == {("IND", "PAK", None)}


def test_what_an_attack_did_is_no_intent_and_what_it_is_set_to_do_is() -> None:
    done = "A Ukrainian drone attack set an oil depot in Russia's Bryansk region ablaze."
    assert _strikes(_extract(done)) == {("UKR", "RUS", "drone")}
    planned = "A Russian attack on Kyiv is set to begin within days."
    assert _strikes(_extract(planned)) == set()


@pytest.mark.parametrize(
    "second",
    [
        "Ukrainian air defences shot down 20 Iranian drones over Kharkiv on Sunday.",
        "Iranian drones hit Odesa on Sunday.",
    ],
)
def test_weapons_named_by_their_suppliers_demonym_are_fired_by_the_recipient(second: str) -> None:
    text = "Iran supplied Russia with Shahed drones last year. " + second
    assert _strikes(_extract(text)) == {("RUS", "UKR", "drone")}


def test_weapons_a_side_used_to_strike_are_its_own_strike() -> None:
    text = "Myanmar's military has used Russian-made jets to bomb villages in Sagaing."
    assert _strikes(_extract(text)) == {("MMR", "MMR", "aircraft")}


def test_a_missile_whose_own_verb_names_a_ship_does_not_strike_the_reporter() -> None:
    text = (
        "Two sailors died after a cruise missile launched by the Houthis hit the tanker Orion Star, the Pentagon said."
    )
    ex = _extract(text)
    assert all(t != "USA" for _, t, _ in _strikes(ex))
    assert (frozenset({"org:pentagon"}), "allege") in _statements(ex)  # who reports the attack still alleges it


def test_a_reporter_of_what_an_ally_shot_down_alleges_no_attack_by_the_ally() -> None:
    text = "Royal Air Force jets downed several drones over the desert, the Pentagon said."
    assert _statements(_extract(text)) == set()


@pytest.mark.parametrize("made", ["was made up of", "consisted of", "was composed of"])
def test_the_weapons_an_attack_was_made_up_of_are_its_weapons(made: str) -> None:
    text = f"Iran fired drones at Israel on Saturday night. The barrage {made} 170 drones and 30 cruise missiles."
    assert ("IRN", "ISR", "cruise missile") in _strikes(_extract(text))


def test_missiles_fired_from_a_states_warships_are_its_strike() -> None:
    text = "Cruise missiles were fired from Russian warships at Odesa on Monday."
    assert _strikes(_extract(text)) == {("RUS", "UKR", "cruise missile")}


def test_ships_and_jets_that_carry_out_a_strike_are_not_its_weapon() -> None:
    text = "France struck militant camps in Mali with warplanes, frigates and a submarine."
    assert _strikes(_extract(text)) == {("FRA", "MLI", None)}


def test_a_strike_with_no_weapon_is_the_armed_one_between_the_same_sides() -> None:
    text = (
        "The United States struck more than 60 targets across Yemen on Friday. "
        "Tomahawk cruise missiles were launched from U.S. warships at Houthi radar sites."
    )
    ex = _extract(text)
    assert _strikes(ex) == {("USA", "org:houthis", "cruise missile")}  # the Houthis, based in Yemen
    assert [len(s.dates) for s in ex.strikes] == [1]  # Friday's date joins it


def test_weapons_fired_again_hit_the_target_of_the_same_attackers_last_strike() -> None:
    text = (
        "Russia struck Kyiv with drones overnight. Ukraine shot down 20 Iranian drones over Kharkiv. "
        "Russia also fired six Kinzhal missiles, the air force said."
    )
    assert ("RUS", "UKR", "ballistic missile") in _strikes(_extract(text))


def test_a_side_reporting_strikes_it_carried_out_on_no_named_party_admits_them() -> None:
    text = "The Nigerien army said in a statement that it had conducted precise strikes on terrorist camps."
    assert _statements(_extract(text)) == {(frozenset({"org:nigerien-army"}), "admit")}


@pytest.mark.parametrize(
    "text",
    [
        "Biden said American forces had helped Israel take down nearly all of the incoming drones.",
        "The GNA said its forces had been reinforced with new armoured vehicles to repel the offensive.",
    ],
)
def test_bringing_down_or_repelling_an_attack_admits_no_strike(text: str) -> None:
    assert _statements(_extract(text)) == set()


def test_an_attack_on_a_states_warship_strikes_that_state() -> None:
    assert _strikes(_extract("The Houthis claimed an attack on a U.S. warship in the Red Sea.")) == {
        ("org:houthis", "USA", None)
    }


def test_weapons_fired_in_an_attack_named_in_the_same_sentence_hit_its_target() -> None:
    text = "In what the group called an attack on a U.S. warship, the Houthis fired 18 drones and two cruise missiles."
    assert _strikes(_extract(text)) == {("org:houthis", "USA", "drone"), ("org:houthis", "USA", "cruise missile")}


def test_transport_aircraft_that_land_with_arms_strike_nothing() -> None:
    text = "Two Egyptian military transport aircraft carrying the arms landed at Mogadishu airport on Tuesday."
    assert _strikes(_extract(text)) == set()


@pytest.mark.parametrize(
    "text",
    [
        '"There is nothing to suggest that Turkey struck American forces," the Pentagon said.',
        "There is no evidence that Turkish drones struck American forces in Syria, the Pentagon said.",
        "The Pentagon said Turkey had not meant to hit American forces in Syria.",
        "The Pentagon said Turkey meant to hit Kurdish fighters in Syria.",
    ],
)
def test_a_strike_no_evidence_suggests_or_only_meant_is_no_strike(text: str) -> None:
    assert _strikes(_extract(text)) == set()


def test_a_strike_that_harmed_no_one_is_still_a_strike() -> None:
    text = "Turkish drones struck American forces in Syria on Monday, killing no one."
    assert {(a, t) for a, t, _ in _strikes(_extract(text))} == {("TUR", "USA")}
