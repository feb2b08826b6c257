"""Role rules read from the parse, each on sentences written for the test (none copied from news).

``test_extract.py`` covers the first rules; these are the constructions added with the
parse-based extractor: inherited and inferred roles, clauses that state no fact, speakers and
strikes as a reader sees them.
"""

from __future__ import annotations

import pytest
from test_extract import _extract, _statements, _states, _strikes, _transfers

# --- transfers ---------------------------------------------------------------------------------


def test_a_proper_noun_before_the_supplied_goods_is_the_recipient() -> None:
    assert _transfers(_extract("Officials say Belarusian firms have been shipping Russia dual-use goods.")) == {
        ("BLR", "RUS", "other")
    }


def test_instead_of_sets_a_supply_aside() -> None:
    text = "Norway chose to fund demining in Ukraine instead of sending tanks to Ukraine."
    assert _transfers(_extract(text)) == set()


def test_a_demanded_transfer_is_no_fact() -> None:
    text = "Poland demanded that Berlin-made tanks be transferred to Ukraine."
    assert _transfers(_extract(text)) == set()


def test_a_received_weapons_nationality_names_the_supplier() -> None:
    (transfer,) = _extract("Sudan received a shipment of Iranian drones last spring.").transfers
    assert (transfer.supplier, transfer.recipient, transfer.weapon) == ("state:IRN", "state:SDN", "drone")
    assert transfer.evidence.confidence < 0.8  # inferred, not read from a role


def test_weapons_delivered_by_a_named_supplier_to_whoever_received_them() -> None:
    text = "The Kenyan army received six armed drones delivered by Turkey on Monday."
    assert _transfers(_extract(text)) == {("TUR", "KEN", "drone")}


def test_a_supply_with_no_recipient_named_goes_to_the_last_recipient() -> None:
    ex = _extract("Canada sent armoured vehicles to Ukraine. Denmark also pledged F-16 jets.")
    assert _transfers(ex) == {("CAN", "UKR", "armoured vehicle"), ("DNK", "UKR", "aircraft")}
    pledged = next(t for t in ex.transfers if t.supplier == "state:DNK")
    assert pledged.status == "planned" and pledged.evidence.confidence < 0.8


def test_an_announced_package_is_planned_and_names_its_weapons() -> None:
    ex = _extract("Australia announced a military aid package for Ukraine including Bushmaster armoured vehicles.")
    (transfer,) = ex.transfers
    assert (transfer.supplier, transfer.recipient, transfer.weapon, transfer.status) == (
        "state:AUS", "state:UKR", "armoured vehicle", "planned",
    )  # fmt: skip


def test_accused_of_supplying_in_the_passive_is_an_alleged_transfer() -> None:
    (transfer,) = _extract("Belarus has been accused of supplying Russia with artillery shells.").transfers
    assert (transfer.supplier, transfer.recipient, transfer.status) == ("state:BLR", "state:RUS", "alleged")


def test_what_a_state_provides_names_no_weapon() -> None:
    text = "Analysts watch what Russia provides to Pyongyang in return for these arms exports."
    assert _transfers(_extract(text)) == set()


def test_bare_jets_are_aircraft() -> None:
    assert _transfers(_extract("Russia supplied jets to Myanmar in 2022.")) == {("RUS", "MMR", "aircraft")}


def test_the_inner_verb_of_a_pledge_phrase_takes_the_recipient() -> None:
    text = "Sweden agreed to sell twelve Gripen fighter jets to Colombia."
    assert _transfers(_extract(text)) == {("SWE", "COL", "aircraft")}


def test_a_supplier_ready_to_deliver_plans_the_transfer() -> None:
    (transfer,) = _extract("Italy said it was ready to supply SAMP/T air defence systems to Ukraine.").transfers
    assert transfer.status == "planned"


def test_weapons_supplied_to_whoever_fights_with_them() -> None:
    text = "Hamas fighters attacked Sderot with rockets supplied by Iran."
    assert _transfers(_extract(text)) == {("IRN", "org:hamas", "rocket artillery")}


def test_a_supply_warned_against_is_no_fact() -> None:
    assert _transfers(_extract("Beijing warned Washington against selling F-16 jets to Taiwan.")) == set()


def test_a_third_partys_account_of_a_transfer_is_an_allegation() -> None:
    (transfer,) = _extract("Israel's military said Iran had shipped drones to the Houthis.").transfers
    assert transfer.status == "alleged"


def test_a_weapon_word_inside_a_trigger_phrase_leaves_the_trigger() -> None:
    text = "The French arms sale to India was signed in Paris."
    assert _transfers(_extract(text)) == {("FRA", "IND", "other")}


def test_a_supply_noun_with_no_supplier_is_the_named_systems_makers() -> None:
    (transfer,) = _extract("The first Patriot deliveries to Poland arrived in May.").transfers
    assert (transfer.supplier, transfer.recipient) == ("state:USA", "state:POL")
    assert transfer.evidence.confidence < 0.8  # inferred from the maker


def test_aid_that_is_also_a_weapon_word_still_names_a_transfer() -> None:
    text = "Military aid from Canada to Ukraine grew last year."
    assert _transfers(_extract(text)) == {("CAN", "UKR", "other")}


def test_what_a_deal_includes_for_a_recipient_is_supplied_by_its_maker() -> None:
    text = "The package includes 24 Rafale jets for Indonesia."
    assert _transfers(_extract(text)) == {("FRA", "IDN", "aircraft")}


def test_questions_conditionals_and_missing_evidence_state_no_transfer() -> None:
    assert _transfers(_extract("Will France send Mirage jets to Ukraine?")) == set()
    assert _transfers(_extract("A Chinese supply of drones to Russia would cross a red line.")) == set()
    assert _transfers(_extract("No evidence has emerged that Belarus sent tanks to Russia.")) == set()


def test_a_supplier_inside_the_received_phrase_is_read_directly() -> None:
    (transfer,) = _extract("Niger took delivery of a second batch of Akinci drones from Turkey.").transfers
    assert (transfer.supplier, transfer.recipient) == ("state:TUR", "state:NER")
    assert transfer.evidence.confidence >= 0.8


# --- strikes -----------------------------------------------------------------------------------


def test_a_strike_noun_taken_by_launch_has_the_verbs_subject_and_targets() -> None:
    assert _strikes(_extract("Pakistan launched airstrikes on Afghanistan overnight.")) == {("PAK", "AFG", None)}


def test_it_struck_is_the_speaking_military() -> None:
    ex = _extract("The Israeli military said it struck Hezbollah positions in southern Lebanon.")
    assert _strikes(ex) == {("ISR", "org:hezbollah", None)}


def test_weapons_as_subject_are_the_strike_weapon_but_jets_are_platforms() -> None:
    assert _strikes(_extract("Turkish drones bombed Kurdish positions in northern Iraq.")) == {("TUR", "IRQ", "drone")}
    assert _strikes(_extract("Israeli jets bombed a depot near Damascus.")) == {("ISR", "SYR", None)}


def test_one_strike_per_weapon_class_and_none_from_the_target_phrase() -> None:
    ex = _extract("Russia attacked Ukraine with Iskander missiles and Shahed drones.")
    assert _strikes(ex) == {("RUS", "UKR", "ballistic missile"), ("RUS", "UKR", "drone")}
    ex = _extract("Russia struck an airbase in Ukraine where F-16 jets are kept.")
    assert _strikes(ex) == {("RUS", "UKR", None)}


def test_of_two_parsed_subjects_the_nearest_attacks() -> None:
    ex = _extract("Iran's Lebanese ally Hezbollah fired rockets at Israel in 2006.")
    assert _strikes(ex) == {("org:hezbollah", "ISR", "rocket artillery")}


def test_a_later_conjunct_after_a_relative_clause_is_no_second_attacker() -> None:
    ex = _extract("Kuwait condemned the Houthi attacks that targeted the UAE, as well as Saudi Arabia.")
    assert ("SAU", "ARE", None) not in _strikes(ex)


def test_interceptors_named_by_a_pronoun_are_the_launchs_target() -> None:
    text = "Romania's defence ministry said it had intercepted 12 of the 20 drones launched by Russia."
    assert _strikes(_extract(text)) == {("RUS", "ROU", "drone")}


def test_who_claims_responsibility_for_an_attack_carried_it_out() -> None:
    text = "Hamas claimed responsibility for the rocket attack on Ashkelon."
    assert _strikes(_extract(text)) == {("org:hamas", "ISR", "rocket artillery")}


def test_a_count_of_weapons_is_what_was_fired() -> None:
    text = "Hezbollah fired dozens of rockets into northern Israel on Sunday."
    assert _strikes(_extract(text)) == {("org:hezbollah", "ISR", "rocket artillery")}


def test_weapons_used_to_strike_are_the_strikes_weapons() -> None:
    text = "Ukraine used French SCALP missiles to strike a Russian air base."
    assert _strikes(_extract(text)) == {("UKR", "RUS", "cruise missile")}


def test_the_state_that_made_a_weapon_did_not_strike() -> None:
    text = "A Chinese-made drone hit a hospital in Kharkiv, Ukrainian officials said."
    assert {s[0] for s in _strikes(_extract(text))} <= {"RUS"}


def test_an_army_striking_a_region_of_its_own_state_is_an_internal_strike() -> None:
    text = "The Ethiopian army used drones in strikes on Oromia last month."
    assert _strikes(_extract(text)) == {("ETH", "ETH", "drone")}


def test_the_owner_of_a_downed_aircraft_was_struck() -> None:
    text = "Ukrainian forces shot down a Russian Su-34 bomber over Donetsk on Friday."
    assert _strikes(_extract(text)) == {("UKR", "RUS", None)}


def test_sinking_a_ship_strikes_its_state() -> None:
    text = "Ukrainian naval drones sank a Russian patrol ship in the Black Sea."
    assert _strikes(_extract(text)) == {("UKR", "RUS", "drone")}


def test_down_as_a_particle_is_no_strike() -> None:
    assert _strikes(_extract("Oil prices went down after Russia and Ukraine met in Istanbul.")) == set()


def test_whoever_responds_with_a_strike_carried_it_out() -> None:
    text = "Jordan responded with airstrikes on smugglers' bases in southern Syria."
    assert _strikes(_extract(text)) == {("JOR", "SYR", None)}


def test_a_place_that_came_under_attack_is_the_target() -> None:
    text = "Odesa came under a heavy Russian missile attack overnight."
    assert _strikes(_extract(text)) == {("RUS", "UKR", None)}  # a bare "missile attack" names no class


def test_an_offensive_is_a_campaign_but_offensive_weapons_are_not() -> None:
    assert _strikes(_extract("Ethiopian troops launched an offensive in Tigray in November.")) == {("ETH", "ETH", None)}
    assert _strikes(_extract("Kyiv asked Berlin for offensive weapons.")) == set()


def test_a_state_striking_its_own_place_held_by_another_strikes_the_holder() -> None:
    assert _strikes(_extract("Ukrainian drones hit a fuel depot in Sevastopol.")) == {("UKR", "RUS", "drone")}
    assert _strikes(_extract("Russian missiles hit a port in Odesa.")) == {("RUS", "UKR", None)}


def test_a_states_proxies_are_not_the_state() -> None:
    text = "Iranian-backed militias fired rockets at Israeli-linked ships off Yemen."
    assert all("IRN" not in strike[:2] and "ISR" not in strike[:2] for strike in _strikes(_extract(text)))


def test_the_owner_of_what_was_hit_wins_over_where_it_stood() -> None:
    text = "Syrian militias attacked Turkish outposts in Iraq with drones."
    assert _strikes(_extract(text)) == {("SYR", "TUR", "drone")}


def test_a_place_inside_an_unnamed_target_phrase_is_the_target() -> None:
    text = "A Russian strike on a hospital treating wounded soldiers in Kharkiv killed two nurses."
    assert _strikes(_extract(text)) == {("RUS", "UKR", None)}


def test_a_struck_warship_is_the_target_not_the_weapon() -> None:
    text = "The Houthis said they had attacked a British warship with drones."
    assert _strikes(_extract(text)) == {("org:houthis", "GBR", "drone")}


def test_a_proxys_location_is_the_target_when_the_proxy_has_no_state() -> None:
    text = "US forces struck Iranian-backed militias in Iraq on Friday."
    assert _strikes(_extract(text)) == {("USA", "IRQ", None)}


def test_interceptions_counted_out_of_a_launch_target_the_interceptor() -> None:
    text = "Israel intercepted 40 out of 45 missiles fired by Iran, the army said."
    assert {s[:2] for s in _strikes(_extract(text))} == {("IRN", "ISR")}


def test_weapons_launched_to_hit_are_the_strikes_weapons() -> None:
    text = "Russia launched 60 Shahed drones to hit Ukraine's power plants."
    assert _strikes(_extract(text)) == {("RUS", "UKR", "drone")}


def test_threatened_planned_rehearsed_or_possible_strikes_are_no_strikes() -> None:
    for text in (
        "Iran threatened to strike Israel's nuclear sites.",
        "Israel said it would strike Hezbollah positions in Lebanon.",
        "The drills simulated a Chinese attack on Taiwan.",
        "Ukraine braced for a possible Russian offensive in Sumy.",
    ):
        assert _strikes(_extract(text)) == set(), text


def test_a_strike_in_a_clause_beside_a_pledge_is_still_a_strike() -> None:
    text = "The allies said they will keep helping Kyiv as Russia launches drones against Ukraine."
    assert _strikes(_extract(text)) == {("RUS", "UKR", "drone")}


def test_whoever_is_blamed_for_or_behind_an_attack_is_its_attacker() -> None:
    assert _strikes(_extract("Israel blamed Hezbollah for the rocket attack on Haifa.")) == {
        ("org:hezbollah", "ISR", "rocket artillery")
    }
    text = "Ukraine said Russia was behind the attack on the dam in Kherson."
    assert _strikes(_extract(text)) == {("RUS", "UKR", None)}
    assert (frozenset({"state:UKR"}), "allege") in _statements(_extract(text))


def test_a_place_in_a_clause_about_another_event_is_not_the_target() -> None:
    text = (
        "Russia's defence ministry said it had carried out a massive strike in response to "
        "Ukraine's use of ATACMS missiles against an airfield in Taganrog."
    )
    assert all(target != "RUS" for _, target, _ in _strikes(_extract(text)))


def test_weapons_an_attacker_used_go_to_its_last_strike() -> None:
    text = "Russia launched a massive attack on Ukraine's power grid overnight. The Russian army used Kinzhal missiles."
    strikes = _extract(text).strikes
    assert ("RUS", "UKR", "ballistic missile") in _strikes(_extract(text))
    assert min(s.evidence.confidence for s in strikes if s.weapon) < 0.8  # the target is inferred


# --- statements --------------------------------------------------------------------------------


def test_is_concerned_by_speaks_through_its_subject() -> None:
    ex = _extract("Japan is concerned by the missile transfers, officials said.")
    assert (frozenset({"state:JPN"}), "concern") in _statements(ex)


def test_a_subject_that_names_no_one_is_not_the_voices_speaker() -> None:
    ex = _extract("Beijing dismissed reports claiming it sold drones to Russia.")
    assert (frozenset({"state:CHN"}), "allege") not in _statements(ex)
    assert (frozenset({"state:CHN"}), "deny") in _statements(ex)


def test_claiming_responsibility_admits() -> None:
    ex = _extract("The Houthis claimed responsibility for the drone attack on the tanker.")
    assert {s.stance for s in ex.statements} == {"admit"}


def test_a_statement_issued_speaks_for_its_issuer() -> None:
    text = "The Arab League issued a statement condemning the shelling of Gaza. The statement urged restraint."
    ex = _extract(text)
    assert (frozenset({"org:arab-league"}), "condemn") in _statements(ex)
    assert (frozenset({"org:arab-league"}), "call_on") in _statements(ex)


def test_a_stance_inside_a_denial_or_in_a_description_is_not_stated() -> None:
    assert {s.stance for s in _extract("Minsk denied backing the militia.").statements} == {"deny"}
    ex = _extract("The coalition supporting the government said the missile was intercepted.")
    assert "support" not in {s.stance for s in ex.statements}
    ex = _extract("The United States, which backs the coalition, urged a ceasefire.")
    assert {s.stance for s in ex.statements} == {"call_on"}


def test_stance_nouns_held_by_no_one_state_nothing() -> None:
    ex = _extract("Russia is receiving military technology support from China, Japan said.")
    assert "support" not in {s.stance for s in ex.statements}
    ex = _extract("Germany said there would be consequences if the deliveries went on.")
    assert (frozenset({"state:DEU"}), "warn") in _statements(ex)


def test_a_national_adjective_holds_a_stance_noun() -> None:
    ex = _extract("A Pakistani army spokesman rejected Indian claims that the jets were used.")
    assert (frozenset({"state:IND"}), "allege") in _statements(ex)


def test_a_verb_object_trigger_with_words_between() -> None:
    ex = _extract('"China will take firm and resolute measures," the foreign ministry spokesperson said.')
    assert "warn" in {s.stance for s in ex.statements}


def test_a_body_named_by_its_head_noun_alone() -> None:
    ex = _extract("The United Nations Security Council met on Friday. The Council condemned the attack on Odesa.")
    assert (frozenset({"org:un-security-council"}), "condemn") in _statements(ex)


def test_a_listed_person_by_surname_after_a_title() -> None:
    ex = _extract("PM Netanyahu urges allies to step up pressure on Tehran")
    assert (frozenset({"person:netanyahu"}), "call_on") in _statements(ex)
    assert ex.actors["person:netanyahu"].affiliation == "state:ISR"


def test_ranks_without_dots_are_titles_not_names() -> None:
    ex = _extract("Army spokesperson Brig Gen Omar Haddad said the drones hit a depot.")
    assert "person:omarhaddad" in ex.actors
    assert _states(ex) == set()


def test_an_attack_carried_out_by_weapons_of_a_state() -> None:
    ex = _extract("The attack on Odesa was carried out by Russian drones, the air force said.")
    assert _strikes(ex) == {("RUS", "UKR", "drone")}


def test_armed_groups_stay_themselves_in_events() -> None:
    ex = _extract("Iran supplied drones to the Houthis, who fired them at Saudi Arabia.")
    assert _transfers(ex) == {("IRN", "org:houthis", "drone")}
    assert ("org:houthis", "SAU", "drone") in _strikes(ex)
    assert ex.actors["org:houthis"].kind == "armed_group" and ex.actors["org:houthis"].based_in == "state:YEM"
    # a group named where it operates is coded as that state; a state's own proxy receives nothing
    assert _transfers(_extract("Russia is providing military aid to the Wagner group in Mali.")) == {
        ("RUS", "MLI", "other")
    }
    assert _transfers(_extract("Russia supplied armoured vehicles to the Wagner group.")) == set()


def test_naming_an_accusation_absurd_denies_and_a_statement_provocative_condemns() -> None:
    assert _statements(_extract('Moscow called the accusations "absurd".')) == {(frozenset({"state:RUS"}), "deny")}
    ex = _extract("Beijing described the joint statement as provocative.")
    assert _statements(ex) == {(frozenset({"state:CHN"}), "condemn")}


def test_a_listed_person_by_surname_alone_when_their_state_is_named() -> None:
    ex = _extract('Russia "strongly condemns" the strike, Zakharova said.')
    assert ex.actors["person:zakharova"].affiliation == "state:RUS"
    assert "person:zakharova" not in _extract("Zakharova is a common name in the region.").actors
    assert "person:netanyahu" not in _extract("Israel's critics blamed the Netanyahu government.").actors


def test_a_dateline_names_no_state() -> None:
    ex = _extract("NAIROBI, Kenya - Iran sent drones to Ethiopia, diplomats said.")
    assert _states(ex) == {"IRN", "ETH"}
    ex = _extract("NATO, the alliance, said Russia attacked Ukraine.")
    assert "org:nato" in {m.actor for m in ex.mentions}


def test_a_grouping_speaks_as_its_member_states() -> None:
    ex = _extract("The G7 foreign ministers condemned the missile transfers to Russia.")
    (condemn,) = ex.statements
    assert set(condemn.speakers) == {f"state:{c}" for c in ("USA", "GBR", "FRA", "DEU", "ITA", "CAN", "JPN")}
    ex = _extract("The European Union condemned the missile transfers to Russia.")
    assert _statements(ex) == {(frozenset({"org:european-union"}), "condemn")}  # a body speaks for itself


def test_more_stance_words_protest_request_hold_responsible() -> None:
    assert _statements(_extract("Japan protested the missile launch through diplomatic channels.")) == {
        (frozenset({"state:JPN"}), "condemn")
    }
    ex = _extract("Kyiv holds Moscow responsible for the attack on the dam.")
    assert (frozenset({"state:UKR"}), "allege") in _statements(ex)


def test_whoever_downs_what_was_launched_was_its_target() -> None:
    ex = _extract("Saudi Arabia shot down a drone that the Houthis launched on Monday.")
    assert _strikes(ex) == {("org:houthis", "SAU", "drone")}
    assert _strikes(_extract("Kharkiv was hit by Russian glide bombs overnight.")) == {("RUS", "UKR", "aircraft bomb")}


def test_saying_another_party_fuels_a_war_alleges_it() -> None:
    ex = _extract("Polish President Andrzej Duda said Belarus was fuelling the war in Ukraine.")
    assert (frozenset({"person:andrzejduda"}), "allege") in _statements(ex)
    ex = _extract("Polish President Andrzej Duda said Poland would sustain its aid to Ukraine.")
    assert "allege" not in {s.stance for s in ex.statements}


def test_a_sea_or_an_outlet_named_after_a_state_is_no_mention_of_it() -> None:
    assert _states(_extract("Chinese ships sailed into the South China Sea.")) == {"CHN"}
    assert _states(_extract("The Washington Post said Iran sent drones to Russia.")) == {"IRN", "RUS"}


def test_a_body_word_before_a_name_is_not_part_of_it() -> None:
    ex = _extract("The chairman of the Security Commission Omar Haddad denied the reports.")
    assert "person:omarhaddad" in ex.actors and "person:commissionomarhaddad" not in ex.actors


def test_he_in_a_persons_own_clause_is_that_person() -> None:
    text = (
        "Defence Minister Omar Haddad condemned the strikes on Gaza. "
        "Later, Foreign Minister Lina Sabbagh said she was concerned about the strikes on Gaza."
    )
    concern = [s for s in _extract(text).statements if s.stance == "concern"]
    assert [s.speakers for s in concern] == [("person:linasabbagh",)]


def test_a_statement_from_a_body_speaks_for_it() -> None:
    ex = _extract("A statement from the Egyptian foreign ministry said Israel had struck Rafah.")
    assert (frozenset({"org:egyptian-foreign-ministry"}), "allege") in _statements(ex)


def test_an_infinitive_under_a_passive_takes_the_agent_as_subject() -> None:
    ex = _extract("The port was used by the Houthis to receive weapons shipments from Iran.")
    assert _transfers(ex) == {("IRN", "org:houthis", "other")}


def test_the_party_to_a_deal_that_makes_the_weapons_supplies_them() -> None:
    ex = _extract("Turkey and Poland signed a deal for 24 Bayraktar TB2 drones.")
    assert {(t.supplier, t.recipient, t.weapon, t.status) for t in ex.transfers} == {
        ("state:TUR", "state:POL", "drone", "planned")
    }
    assert _transfers(_extract("India signed a contract with Russia for five S-400 systems.")) == {
        ("RUS", "IND", "air defence system")
    }
    assert _transfers(_extract("Poland signed a contract for road construction with Germany.")) == set()


def test_it_under_an_accusation_is_the_accused() -> None:
    text = (
        "Iran sent drones to Russia. Ukrainian President Volodymyr Zelensky accused Tehran "
        "of playing down how many drones it had supplied."
    )
    assert _transfers(_extract(text)) == {("IRN", "RUS", "drone")}


def test_refusals_rumours_and_beliefs_frame_a_transfer() -> None:
    def status(text: str) -> set[str]:
        return {t.status for t in _extract(text).transfers}

    assert status("Germany refused to send Taurus missiles to Ukraine.") == {"denied"}
    assert status("Washington has not ruled out sending ATACMS missiles to Ukraine.") == set()
    assert status("Iran is believed to have supplied drones to Russia.") == {"alleged"}
    assert status("Reports that North Korea shipped artillery shells to Russia emerged in May.") == {"alleged"}


def test_a_blocked_sale_is_denied_by_the_blocker_and_foreign_weapons_keep_their_maker() -> None:
    (blocked,) = _extract("The United States blocked the sale of F-35 jets to Turkey.").transfers
    assert (blocked.supplier, blocked.recipient, blocked.status) == ("state:USA", "state:TUR", "denied")
    ex = _extract("Russia rejected the transfer of Iranian missiles to Syria.")
    assert _transfers(ex) == {("IRN", "SYR", "other")}


def test_the_ministry_is_the_ministry_named_before() -> None:
    text = "Russia's defence ministry spoke on Monday. The ministry also denied that it had used Iranian drones."
    assert (frozenset({"org:russia-s-defence-ministry"}), "deny") in _statements(_extract(text))


def test_its_forces_are_the_speakers() -> None:
    ex = _extract("Russia's defence ministry said on Monday that its forces struck Kharkiv.")
    assert _strikes(ex) == {("RUS", "UKR", None)}
    assert (frozenset({"org:russia-s-defence-ministry"}), "admit") in _statements(ex)


def test_strikes_in_waves_by_harm_and_at_conjoined_weapons() -> None:
    assert _strikes(_extract("Israel carried out a wave of strikes in southern Lebanon on Tuesday.")) == {
        ("ISR", "LBN", None)
    }
    ex = _extract("Russia launched waves of attacks on Ukrainian cities using ballistic missiles.")
    assert _strikes(ex) == {("RUS", "UKR", "ballistic missile")}  # one strike, with its weapon
    assert _strikes(_extract("A Jordanian drone strike killed two smugglers in Syria.")) == {("JOR", "SYR", "drone")}
    ex = _extract("Russian forces launched 40 missiles and 35 drones at Ukraine overnight.")
    assert ("RUS", "UKR", "drone") in _strikes(ex)
    assert _strikes(_extract("Indian jets dropped bombs on targets in Pakistan.")) == {("IND", "PAK", "aircraft bomb")}


def test_which_is_no_speaker() -> None:
    ex = _extract("Iran is seeking help from Russia, which would have concerning effects for Israel.")
    assert "concern" not in {s.stance for s in ex.statements}


def test_related_links_captions_and_footers_name_no_state() -> None:
    text = (
        "Iran sent drones to Russia, officials said.\n\nRead more: China warns Japan over Taiwan\n\n"
        "Photo: A Turkish drone on display.\n\nFollow us on Twitter for news from Egypt.\n"
    )
    assert _states(_extract(text)) == {"IRN", "RUS"}


def test_honorifics_are_titles_not_names() -> None:
    ex = _extract("H.E. Rania Haddad, Permanent Representative of Jordan to the United Nations, spoke.")
    assert ex.actors["person:raniahaddad"].affiliation == "state:JOR"


def test_standing_firmly_with_a_state_supports_it() -> None:
    assert _statements(_extract("Canada said it stood firmly with Ukraine.")) == {(frozenset({"state:CAN"}), "support")}


def test_a_spokesperson_for_a_body_speaks_for_it() -> None:
    text = "A spokesman for the Iranian embassy in London said Iran had never sent missiles to Russia."
    (statement,) = _extract(text).statements
    assert statement.stance == "deny" and statement.speakers[0].startswith("org:")


def test_condemnation_drawn_from_a_state_is_its_stance() -> None:
    text = "The missile test drew swift condemnation from Seoul."
    assert _statements(_extract(text)) == {(frozenset({"state:KOR"}), "condemn")}


def test_support_received_from_a_state_is_aid_not_a_stance() -> None:
    text = "Belarus is receiving military support from Russia, officials said."
    assert all(s.stance != "support" for s in _extract(text).statements)


def test_being_troubled_by_an_event_is_concern() -> None:
    text = '"We are deeply troubled by the strike," Norway\'s foreign minister Espen Barth Eide said.'
    assert (frozenset({"person:espenbartheide"}), "concern") in _statements(_extract(text))


def test_a_states_government_speaks_as_the_state() -> None:
    text = "The Slovak government denied sending fighter jets to Ukraine."
    assert _statements(_extract(text)) == {(frozenset({"state:SVK"}), "deny")}


def test_a_quoted_judgment_of_this_is_the_speakers_stance() -> None:
    text = '"This is an act of terrorism," said Vuk Petrovic, the mayor of the town.'
    assert _statements(_extract(text)) == {(frozenset({"person:vukpetrovic"}), "condemn")}


def test_claims_called_baseless_are_denied_by_the_body_and_its_spokesperson() -> None:
    text = '"These reports are absurd," China\'s foreign ministry spokesman Lin Jian said.'
    ((speakers, stance),) = _statements(_extract(text))
    assert stance == "deny" and "person:linjian" in speakers and any(k.startswith("org:") for k in speakers)


def test_a_negated_judgment_is_no_stance() -> None:
    text = '"It is not a crime to defend our borders," the minister said.'
    assert _statements(_extract(text)) == set()


def test_an_unlisted_person_who_speaks_is_found_by_the_entity_recogniser() -> None:
    ex = _extract("Tomas Lindqvist condemned the Russian drone strike on Sumy.")
    assert _statements(ex) == {(frozenset({"person:tomaslindqvist"}), "condemn")}
    assert "person:tomaslindqvist" in {m.actor for m in ex.mentions}


@pytest.mark.parametrize(
    ("text", "key"),
    [
        ("His predecessor, Tomas Lindqvist, had condemned the Russian strikes on Sumy.", "person:tomaslindqvist"),
        (
            "The UN special rapporteur on torture in Syria, Tomas Lindqvist, said Russia supplied the jets.",
            "person:tomaslindqvist",
        ),
        (
            "Israel's ambassador in Rome, Avner Tamir, said Egypt's build-up was a violation of the treaty.",
            "person:avnertamir",
        ),
        (
            '"The coalition should review its rules," legal adviser Omar al-Haddad told reporters in Riyadh.',
            "person:omaralhaddad",
        ),
        (
            "An Israeli strike near Damascus killed Sayyed Omar Haddad, a senior IRGC adviser in Syria.",
            "person:omarhaddad",
        ),
    ],
)
def test_a_name_beside_an_office_or_title_is_a_person(text: str, key: str) -> None:
    assert key in {m.actor for m in _extract(text).mentions}


def test_a_surname_alone_or_a_body_beside_an_office_is_no_new_person() -> None:
    ex = _extract("The fleet's commander, Black Sea Fleet HQ, said the strike on Sevastopol was repelled.")
    assert not any(m.actor.startswith("person:") for m in ex.mentions)


def test_a_rejection_in_the_writers_aside_is_not_the_speakers() -> None:
    text = (
        "Nikos Petrou said Turkish drills near Rhodes amounted to a violation of the treaty, a charge Ankara rejected."
    )
    assert (frozenset({"state:TUR"}), "deny") in _statements(_extract(text))
    assert (frozenset({"person:nikospetrou"}), "deny") not in _statements(_extract(text))


def test_an_analyst_is_not_made_an_actor() -> None:
    ex = _extract("Tomas Lindqvist, an analyst at a Stockholm institute, condemned the strike on Sumy.")
    assert not any(m.actor.startswith("person:") for m in ex.mentions)


def test_names_outside_a_speakers_place_are_not_looked_up() -> None:
    ex = _extract("The convoy passed Tomas Lindqvist Square before Russia struck Sumy.")
    assert not any(m.actor.startswith("person:") for m in ex.mentions)


def test_an_accusation_rebutted_after_it_is_still_made() -> None:
    text = "Chad accused Libya of arming the rebels, a charge Tripoli denies."
    statements = _statements(_extract(text))
    assert (frozenset({"state:TCD"}), "allege") in statements
    assert (frozenset({"state:LBY"}), "deny") in statements


def test_judging_an_attack_is_a_stance_on_it() -> None:
    text = "Austria's chancellor Karl Nehammer said the attack on the market was barbaric."
    assert _statements(_extract(text)) == {(frozenset({"person:karlnehammer"}), "condemn")}


def test_a_person_cited_as_saying_is_the_speaker() -> None:
    text = "Tass cited Sergei Shoigu as saying Russia had started deliveries of Iskander systems to Belarus."
    assert (frozenset({"person:sergeishoigu"}), "commit") in _statements(_extract(text))


def test_a_leaders_administration_speaks_as_the_state() -> None:
    text = "The Biden administration said it had approved the sale of F-16 jets to Turkey."
    assert _statements(_extract(text)) == {(frozenset({"state:USA"}), "commit")}


def test_they_in_a_joint_speakers_clause_are_those_speakers() -> None:
    text = (
        "Canada and Mexico condemned the strike. "
        "Chile, Peru and Brazil said in a statement that they rejected the accusations."
    )
    assert (frozenset({"state:CHL", "state:PER", "state:BRA"}), "deny") in _statements(_extract(text))


def test_a_counted_group_that_does_not_match_the_last_group_names_no_one() -> None:
    text = "Canada, Mexico and Chile condemned the strike. The two governments denied sending arms to Haiti."
    assert all(s.stance != "deny" for s in _extract(text).statements)


def test_he_after_a_quote_is_the_person_the_last_sentence_was_about() -> None:
    text = (
        "Latvia's foreign minister Baiba Braze visited the damaged school. "
        '"Moscow must answer for this crime," she said.'
    )
    braze = frozenset({"person:baibabraze"})
    assert _statements(_extract(text)) == {(braze, "condemn"), (braze, "call_on")}


def test_an_aggression_by_a_party_is_condemned_by_the_speaker_not_the_party() -> None:
    text = '"This brutal aggression by the Houthis threatens us all," said Saudi Arabia\'s envoy Abdulaziz Alwasil.'
    statements = _statements(_extract(text))
    assert (frozenset({"person:abdulazizalwasil"}), "condemn") in statements
    assert all("org:houthis" not in speakers for speakers, _ in statements)


def test_firmly_opposing_is_condemning_but_opposing_a_bid_is_not() -> None:
    assert _statements(_extract("Beijing firmly opposes the sale of Harpoon missiles to Taiwan.")) == {
        (frozenset({"state:CHN"}), "condemn")
    }
    assert _statements(_extract("Russia said it would oppose a bid to sanction Iran.")) == set()


def test_an_unnamed_spokesperson_of_a_body_speaks_for_the_body() -> None:
    text = "A Thai army spokesman denied that Thailand had shelled Cambodian villages."
    ((speakers, stance),) = _statements(_extract(text))
    assert stance == "deny" and len(speakers) == 1 and next(iter(speakers)).startswith("org:")


def test_a_supplier_speaking_of_its_own_supply_to_no_one_named_admits_or_commits() -> None:
    admitted = '"Yes, we sell our shells abroad," Bulgarian Prime Minister Nikolai Denkov said.'
    assert _statements(_extract(admitted)) == {(frozenset({"person:nikolaidenkov"}), "admit")}
    planned = '"We will deliver more howitzers," Bulgarian Prime Minister Nikolai Denkov said.'
    assert _statements(_extract(planned)) == {(frozenset({"person:nikolaidenkov"}), "commit")}
    denied = '"We do not sell shells abroad," Bulgarian Prime Minister Nikolai Denkov said.'
    assert all(stance != "admit" for _, stance in _statements(_extract(denied)))


def test_critics_of_a_government_do_not_speak_for_it() -> None:
    assert _statements(_extract("Kremlin critics accused Moscow of shelling Kharkiv.")) == set()
    assert _statements(_extract("The Kremlin accused Kyiv of shelling Belgorod.")) == {
        (frozenset({"org:kremlin"}), "allege")
    }


def test_the_group_a_spokesperson_speaks_of_is_the_body_he_speaks_for() -> None:
    text = "Hezbollah spokesman Mohammad Afif said the group would not hesitate to respond."
    assert _statements(_extract(text)) == {(frozenset({"org:hezbollah", "person:mohammadafif"}), "warn")}


def test_will_respond_warns() -> None:
    text = "Iran will respond to any aggression, Iranian foreign minister Abbas Araghchi said."
    assert (frozenset({"person:abbasaraghchi"}), "warn") in _statements(_extract(text))


def test_refusing_to_send_troops_denies_no_arms_but_refusing_to_export_does() -> None:
    troops = "Hungarian Prime Minister Viktor Orban said Budapest would not send troops to Ukraine."
    assert _statements(_extract(troops)) == set()
    exports = '"We cannot export to Ukraine," Hungarian Prime Minister Viktor Orban said.'
    assert _statements(_extract(exports)) == {(frozenset({"person:viktororban"}), "deny")}


def test_the_army_named_again_is_the_army_named_before() -> None:
    text = "Niger's junta bought Turkish drones in May. The army denied striking civilians."
    assert _statements(_extract(text)) == {(frozenset({"org:niger-s-junta"}), "deny")}


def test_a_research_group_qualified_by_a_demonym_is_not_its_state() -> None:
    text = "A Dutch research group said Iran had sent drones to Russia."
    assert _statements(_extract(text)) == set()


def test_a_quoted_stance_adjective_after_be_is_the_subjects_stance() -> None:
    text = 'Canada said it was "deeply troubled" by the strike on the school in Rafah.'
    assert (frozenset({"state:CAN"}), "concern") in _statements(_extract(text))


def test_a_un_expert_bodys_account_of_a_transfer_is_an_allegation() -> None:
    text = "Belarus sent artillery shells to Russia, a United Nations group of experts said."
    assert _statements(_extract(text)) == {(frozenset({"org:united-nations-group-of-experts"}), "allege")}


def test_the_ministry_of_a_statement_is_the_ministry_it_named_first() -> None:
    text = (
        "The Ministry of Foreign Affairs of the State of Kuwait condemns the attack on the port. "
        "The Ministry calls on all parties to exercise restraint."
    )
    speakers = {frozenset(s) for s, stance in _statements(_extract(text)) if stance == "call_on"}
    assert len(speakers) == 1 and all(k.startswith("org:") and "kuwait" in k for k in next(iter(speakers)))


def test_an_official_whose_state_is_unsaid_is_no_observer() -> None:
    text = "Defence Minister Jan Novak said France had sold Rafale jets to Serbia."
    assert all(stance != "allege" for _, stance in _statements(_extract(text)))


def test_there_is_no_denying_is_no_denial() -> None:
    assert _statements(_extract('"There is no denying it now," Canada\'s defence minister Bill Blair said.')) == set()


def test_a_leaders_possessive_administration_speaks_as_the_state() -> None:
    text = "President Joe Biden's administration said it would send more Patriot systems to Ukraine."
    assert (frozenset({"state:USA"}), "commit") in _statements(_extract(text))


def test_confirming_another_partys_supply_alleges_it() -> None:
    statements = _statements(_extract("Hezbollah confirmed that the drones it used were supplied by Iran."))
    assert statements == {(frozenset({"org:hezbollah"}), "allege")}
    assert _statements(_extract("Iran confirmed that it had supplied drones to Russia.")) == {
        (frozenset({"state:IRN"}), "admit")
    }


def test_a_charge_the_accused_denies_is_no_allegation_of_theirs() -> None:
    text = "Chad accused Sudan of arming rebels with drones, a charge Khartoum has repeatedly denied."
    statements = _statements(_extract(text))
    assert (frozenset({"state:SDN"}), "allege") not in statements
    assert (frozenset({"state:SDN"}), "deny") in statements


def test_a_strike_stated_with_its_weapon_elsewhere_drops_the_weaponless_copy() -> None:
    text = "Russian drones struck Odesa overnight. Russia struck Odesa again, the mayor said."
    assert _strikes(_extract(text)) == {("RUS", "UKR", "drone")}


def test_the_spokesman_is_the_spokesman_the_article_named() -> None:
    text = (
        "Iranian foreign ministry spokesman Esmaeil Baghaei spoke on Monday. "
        '"We reject these baseless accusations," the spokesman said.'
    )
    assert (frozenset({"person:esmaeilbaghaei"}), "deny") in _statements(_extract(text))


def test_a_bloc_alarmed_by_a_transfer_is_concerned_and_does_not_admit_it() -> None:
    text = "The EU's top diplomat Josep Borrell said the bloc was alarmed by the transfer of Iranian drones to Russia."
    ex = _extract(text)
    assert _statements(ex) == {(frozenset({"org:european-union", "person:josepborrell"}), "concern")}
    assert all(t.status != "admitted" for t in ex.transfers)


def test_who_reports_a_states_concern_about_a_supply_alleges_the_supply() -> None:
    text = (
        "The US is concerned that Belarus is supplying Russia with shells, "
        "US Deputy Secretary of State Kurt Campbell said."
    )
    assert (frozenset({"person:kurtcampbell"}), "allege") in _statements(_extract(text))


def test_a_weapon_that_kills_or_slams_into_a_place_is_a_strike_by_its_owner() -> None:
    assert _strikes(_extract("Sudanese army drones killed eleven people in Nyala on Sunday.")) == {
        ("SDN", "SDN", "drone")
    }
    assert _strikes(_extract("Russian glide bombs rained down on Sumy overnight.")) == {("RUS", "UKR", "aircraft bomb")}
    assert _strikes(_extract("Hamas killed three soldiers near Rafah.")) == set()  # no weapon: no strike read


def test_slammed_into_is_an_impact_not_a_condemnation() -> None:
    ex = _extract("Turkish-made drones launched by Azerbaijan slammed into Armenian positions.")
    assert _strikes(ex) == {("AZE", "ARM", "drone")}
    assert _statements(ex) == set()


def test_a_free_relative_object_names_what_was_hit() -> None:
    assert _strikes(_extract("Israel struck what it said was a Hamas command centre in Rafah.")) == {
        ("ISR", "org:hamas", None)
    }
    text = "Ukrainian drones hit what Moscow described as an oil depot in Russia's Bryansk region."
    assert _strikes(_extract(text)) == {("UKR", "RUS", "drone")}


def test_a_supplier_ruling_out_a_delivery_denies_it() -> None:
    ex = _extract("Japan's prime minister ruled out sending Patriot missiles to Ukraine.")
    assert {t.status for t in ex.transfers} == {"denied"}
    assert any(stance == "deny" for _, stance in _statements(ex))
    assert _statements(_extract("Greece refused to supply tanks to Kyiv.")) == {(frozenset({"state:GRC"}), "deny")}


def test_a_trailing_participle_in_reported_speech_is_the_reporters_stance() -> None:
    text = "The Pentagon said North Korea had shipped shells to Russia, calling it a flagrant violation."
    statements = _statements(_extract(text))
    assert (frozenset({"org:pentagon"}), "condemn") in statements
    assert all("state:PRK" not in speakers for speakers, _ in statements)


def test_legitimate_targets_and_solemn_representations_are_stances() -> None:
    text = 'Moscow said Western tanks sent to Ukraine would be "legitimate targets".'
    assert (frozenset({"state:RUS"}), "warn") in _statements(_extract(text))
    text = "Beijing lodged solemn representations over the latest arms sale to Taiwan."
    assert _statements(_extract(text)) == {(frozenset({"state:CHN"}), "condemn")}


def test_a_decision_by_a_state_to_send_arms_names_the_supplier() -> None:
    assert _transfers(_extract("Moscow condemned the Danish decision to send F-16 jets to Ukraine.")) == {
        ("DNK", "UKR", "aircraft")
    }
    text = "Moscow condemned the decision by Norway to send NASAMS systems to Ukraine."
    assert _transfers(_extract(text)) == {("NOR", "UKR", "air defence system")}


# --- states mentioned ---------------------------------------------------------------------------


def test_a_demonym_naming_a_language_mentions_no_state() -> None:
    text = "The plant, known by its Italian acronym, was struck by Russian missiles in Kharkiv."
    assert "ITA" not in _states(_extract(text))
    assert "ITA" in _states(_extract("Italian engineers built the plant near Kharkiv."))


def test_member_states_are_not_the_united_states() -> None:
    text = "The committee urged Member States to enforce the arms embargo on South Sudan."
    assert _states(_extract(text)) == {"SSD"}


def test_an_armed_group_in_a_fact_mentions_its_base() -> None:
    assert "YEM" in _states(_extract("Houthi drones struck the Israeli port of Eilat on Friday."))
    assert "YEM" not in _states(_extract("Houthi leaders met in a hotel on Friday."))


# --- transfers in other phrasings ---------------------------------------------------------------


def test_a_deal_to_buy_from_a_maker_is_a_planned_transfer() -> None:
    (transfer,) = _extract("Indonesia has signed a deal to buy Rafale jets from France.").transfers
    assert (transfer.supplier, transfer.recipient, transfer.status) == ("state:FRA", "state:IDN", "planned")
    text = "Vietnam signed a contract with Russia for Su-30 fighter jets worth $1 billion."
    assert _transfers(_extract(text)) == {("RUS", "VNM", "aircraft")}


def test_a_shipment_that_arrived_somewhere_was_received_there() -> None:
    text = "A shipment of Grad rockets from Belarus arrived in Serbia in March."
    assert _transfers(_extract(text)) == {("BLR", "SRB", "rocket artillery")}


def test_a_party_named_as_supplier_or_buyer_is_one() -> None:
    assert _transfers(_extract("Russia is Algeria's largest arms supplier.")) == {("RUS", "DZA", "other")}
    assert _transfers(_extract("Qatar is a major buyer of French weapons.")) == {("FRA", "QAT", "other")}


def test_a_state_among_the_countries_that_supplied_supplied() -> None:
    text = "Norway is among the countries that have sent F-16 jets to Ukraine."
    assert _transfers(_extract(text)) == {("NOR", "UKR", "aircraft")}
    text = "Belarus is one of the few states that still sell weapons to Myanmar."
    assert _transfers(_extract(text)) == {("BLR", "MMR", "other")}


def test_weapons_sharing_a_head_noun_are_each_named() -> None:
    text = "Iran supplied Hezbollah with ballistic and cruise missiles."
    assert {w for _, _, w in _transfers(_extract(text))} == {"ballistic missile", "cruise missile"}
    text = "Canada sent anti-tank and anti-aircraft missiles to Ukraine."
    assert {w for _, _, w in _transfers(_extract(text))} == {"anti-tank missile", "air defence system"}


# --- strikes named from context -----------------------------------------------------------------


def test_downed_systems_were_fired_by_whoever_received_them() -> None:
    text = (
        "France has supplied Ukraine with SCALP cruise missiles. "
        "Russia's defence ministry said its air defences shot down six SCALP missiles over Bryansk."
    )
    assert ("UKR", "RUS", "cruise missile") in _strikes(_extract(text))
    assert all(s[:2] != ("RUS", "RUS") for s in _strikes(_extract(text)))


def test_a_launch_the_defender_reports_was_aimed_at_it() -> None:
    text = "Russia launched 90 drones and two Kinzhal missiles overnight, Ukraine's air force said."
    assert _strikes(_extract(text)) == {("RUS", "UKR", "drone"), ("RUS", "UKR", "ballistic missile")}
    strike = _extract(text).strikes[0]
    assert strike.evidence.confidence < 0.8  # the target is inferred


def test_the_group_that_fired_is_the_armed_group_named_before() -> None:
    text = "Hezbollah vowed to keep fighting. A day later, rockets launched by the group hit a base near Haifa."
    assert _strikes(_extract(text)) == {("org:hezbollah", "ISR", "rocket artillery")}


def test_an_attack_blamed_on_a_party_in_the_same_sentence_is_its() -> None:
    text = "Drones struck El Obeid on Monday, the Sudanese army said, blaming the Rapid Support Forces for the attack."
    assert _strikes(_extract(text)) == {("org:rapid-support-forces", "SDN", "drone")}


def test_background_after_a_parenthetical_speech_verb_is_the_reporters() -> None:
    text = (
        "Israeli jets struck Houthi targets in Yemen on Sunday, the Israeli military said, "
        "a day after a drone launched by the Houthis hit Eilat."
    )
    statements = _statements(_extract(text))
    assert (frozenset({"org:israeli-military"}), "admit") in statements
    assert (frozenset({"org:israeli-military"}), "allege") not in statements


# --- speakers -----------------------------------------------------------------------------------


def test_a_spokesman_of_a_body_named_before_speaks_with_it() -> None:
    text = (
        "Mali's army said it repelled an attack. "
        "Army spokesman Souleymane Dembele said Algeria had supplied drones to Niger."
    )
    statements = _statements(_extract(text))
    assert (frozenset({"org:mali-s-army", "person:souleymanedembele"}), "allege") in statements


def test_calling_a_state_an_aggressor_condemns_it() -> None:
    text = "Sudan's Sovereignty Council said it was cutting ties with Chad, calling it an aggressor state."
    assert any(stance == "condemn" for _, stance in _statements(_extract(text)))


def test_it_in_a_quote_that_goes_on_is_not_the_speaker() -> None:
    text = (
        'Army spokesman Nabil Salem spoke on Monday. "Chad is a party to this war," Salem said. '
        '"It provides the rebels with drones."'
    )
    assert all(stance != "admit" for _, stance in _statements(_extract(text)))


def test_a_reprisal_done_is_an_act_not_a_warning() -> None:
    assert _statements(_extract("Armenia retaliated with artillery fire on Azerbaijani positions.")) == set()
    assert _statements(_extract("Tehran vowed to retaliate.")) == {(frozenset({"state:IRN"}), "warn")}


def test_retaliating_with_fire_and_drone_attacks_strikes() -> None:
    text = "Pakistan retaliated with artillery fire and drone attacks on Indian border towns."
    assert _strikes(_extract(text)) == {("PAK", "IND", "drone")}
    assert _strikes(_extract("Azerbaijani artillery fire hit Armenian positions.")) == {("AZE", "ARM", "other")}


def test_using_weapons_another_state_made_implies_their_transfer() -> None:
    (transfer,) = _extract("The Sudanese army has used Turkish-made Akinci drones against the RSF.").transfers
    assert (transfer.supplier, transfer.recipient, transfer.weapon) == ("state:TUR", "state:SDN", "drone")
    assert transfer.evidence.confidence <= 0.5
    assert _extract("Turkey has used Turkish-made Akinci drones in Syria.").transfers == []
    assert _extract("Sudan could use Turkish-made drones against the RSF.").transfers == []


def test_a_speaker_whose_side_will_strike_warns() -> None:
    text = "Defence Minister Yoav Gallant said Israel would strike Tehran if Iran attacked again."
    assert (frozenset({"person:yoavgallant"}), "warn") in _statements(_extract(text))
    assert _statements(_extract("Analysts said Russia would strike Odesa again.")) == set()
    assert _statements(_extract("Kyiv said Russia would attack the plant.")) == set()


def test_weapons_named_by_using_are_the_strikes_not_the_launch_platform() -> None:
    text = (
        "France carried out strikes on Islamic State targets in Syria, "
        "using Rafale jets and SCALP cruise missiles launched from a frigate."
    )
    assert {w for *_, w in _strikes(_extract(text))} == {"cruise missile"}


def test_the_attacker_speaking_of_the_strikes_admits_them_and_the_target_alleges() -> None:
    text = (
        "Israeli jets struck Hezbollah targets in Lebanon on Monday. "
        "Prime Minister Benjamin Netanyahu said the strikes sent a clear message. "
        "Hezbollah said the attacks killed two of its fighters."
    )
    statements = _statements(_extract(text))
    assert (frozenset({"person:benjaminnetanyahu"}), "admit") in statements
    assert (frozenset({"org:hezbollah"}), "allege") in statements


def test_called_the_reports_absurd_denies_however_the_adjective_is_parsed() -> None:
    text = 'Moscow denied buying shells from Iran, and Tehran has called the reports "absurd".'
    assert (frozenset({"state:IRN"}), "deny") in _statements(_extract(text))


def test_the_package_named_again_is_the_last_transfers() -> None:
    text = (
        "Germany announced a new military aid package for Ukraine on Monday. "
        "The package includes IRIS-T air defence systems and Leopard 1 tanks."
    )
    assert _transfers(_extract(text)) >= {("DEU", "UKR", "air defence system"), ("DEU", "UKR", "armoured vehicle")}


def test_a_potential_sale_is_planned_and_confirming_it_commits() -> None:
    ex = _extract("Washington confirmed the potential sale of 40 F-16 jets to Turkey.")
    assert {t.status for t in ex.transfers} == {"planned"}
    assert _statements(ex) == {(frozenset({"state:USA"}), "commit")}


def test_a_main_verb_parsed_as_its_subjects_modifier_still_has_that_subject() -> None:
    text = "The foreign ministers of the Group of Seven condemned on Monday the transfer of drones from Iran to Russia."
    condemned = [s for s, stance in _statements(_extract(text)) if stance == "condemn"]
    assert condemned and {"state:USA", "state:JPN"} <= condemned[0]


def test_a_main_verb_after_a_clause_set_off_by_commas_keeps_the_subject_before_it() -> None:
    text = (
        "Slovakia, which had lobbied Washington for months, formally asked on Friday for approval "
        "to send 13 of its MiG-29 jets to Ukraine."
    )
    assert {(t.supplier, t.recipient) for t in _extract(text).transfers} == {("state:SVK", "state:UKR")}


def test_a_supplier_saying_it_supplied_nothing_denies() -> None:
    text = "Iran's mission to the UN rejected the report, saying Tehran had not supplied missiles to any party."
    assert all(stance != "admit" for _, stance in _statements(_extract(text)))


def test_the_ministers_before_a_later_list_are_the_group_that_spoke_before() -> None:
    text = (
        "G7 foreign ministers condemned the transfer of Iranian missiles to Russia. "
        '"We are deeply concerned," the ministers said. '
        "Separately, the foreign ministers of France, Germany and Britain said in a joint statement they would act."
    )
    concern = [s for s, stance in _statements(_extract(text)) if stance == "concern"]
    assert concern and "state:JPN" in concern[0]


def test_a_sentences_first_word_is_read_like_any_other() -> None:
    text = "According to the Pentagon, Russia has used Iranian missiles in strikes on Ukraine."
    assert (frozenset({"org:pentagon"}), "allege") in _statements(_extract(text))


def test_asked_about_it_the_speaker_calls_on_no_one() -> None:
    text = "Asked about the shipments, Serbian President Aleksandar Vucic said Serbia sells ammunition legally."
    assert all(stance != "call_on" for _, stance in _statements(_extract(text)))
    text = "Tehran was urged by the European Union to stop supplying drones to Russia."
    assert (frozenset({"org:european-union"}), "call_on") in _statements(_extract(text))


def test_think_tanks_and_newspapers_named_after_a_place_are_no_state() -> None:
    text = (
        "Israel supplied most of Azerbaijan's arsenal, "
        "according to the Stockholm International Peace Research Institute."
    )
    ex = _extract(text)
    assert "SWE" not in _states(ex) and _statements(ex) == set()
    assert {t.status for t in ex.transfers} == {"asserted"}


def test_she_in_her_own_report_is_the_speaker_not_the_last_person_named() -> None:
    text = (
        "Army spokesman Nabil Salem spoke on Monday. "
        "UN envoy Rosemary DiCarlo said she was alarmed by the attacks and urged both sides to stop."
    )
    statements = _statements(_extract(text))
    assert (frozenset({"person:rosemarydicarlo"}), "call_on") in statements
    assert all("person:nabilsalem" not in s for s, _ in statements)


def test_a_speaker_whose_side_did_not_strike_denies() -> None:
    text = "Russia's defence ministry said its forces did not target civilian buildings in Kharkiv."
    assert any(stance == "deny" for _, stance in _statements(_extract(text)))


def test_pressing_an_offensive_calls_on_no_one() -> None:
    assert _statements(_extract("Sudan's army pressed its offensive on Khartoum.")) == set()
    assert _statements(_extract("Washington pressed Kyiv to hold fire.")) == {(frozenset({"state:USA"}), "call_on")}


def test_a_target_destroyed_with_named_weapons_was_struck() -> None:
    text = "Ukraine's military intelligence said it had destroyed a Russian patrol boat near Crimea using naval drones."
    assert ("UKR", "RUS", "drone") in _strikes(_extract(text))
    text = "Russian troops hit a Ukrainian fuel depot in Poltava with Lancet drones."
    assert _strikes(_extract(text)) == {("RUS", "UKR", "drone")}


def test_claiming_an_attack_admits_it() -> None:
    ex = _extract("Kataib Hezbollah claimed a drone attack on a US base in Syria.")
    assert _strikes(ex) == {("org:kataib-hezbollah", "USA", "drone")}
    assert _statements(ex) == {(frozenset({"org:kataib-hezbollah"}), "admit")}


def test_strikes_carried_out_by_a_party_that_targeted_something_are_its() -> None:
    text = "The raids, carried out by the Turkish air force, targeted Kurdish militant positions in northern Iraq."
    assert _strikes(_extract(text)) == {("TUR", "IRQ", None)}


def test_firing_on_its_positions_strikes_the_speakers_side() -> None:
    text = "Armenia's defence ministry said Azerbaijani troops had opened fire on its positions near Jermuk."
    assert _strikes(_extract(text)) == {("AZE", "ARM", None)}


def test_summoning_an_envoy_to_protest_condemns() -> None:
    text = "Tokyo summoned the Chinese ambassador to protest against the missile launches."
    assert _statements(_extract(text)) == {(frozenset({"state:JPN"}), "condemn")}
    text = "Russia deployed jets to Libya to support the militia."
    assert all(stance != "support" for _, stance in _statements(_extract(text)))


def test_a_government_spokesman_speaks_with_the_state() -> None:
    text = "Ethiopian government spokesman Legesse Tulu welcomed the UN report on Thursday."
    assert (frozenset({"state:ETH", "person:legessetulu"}), "support") in _statements(_extract(text))


def test_a_side_saying_it_strikes_admits_even_with_no_target_named() -> None:
    statements = _statements(_extract("Mali's army said it was targeting terrorists in the north."))
    assert any(stance == "admit" for _, stance in statements)
    text = '"They are using mercenary groups," the general said of Russia.'
    assert all(stance != "admit" for _, stance in _statements(_extract(text)))


def test_a_batch_delivered_by_a_state_went_to_who_took_it_in() -> None:
    text = "The Greek air force inducted a first batch of Rafale jets, delivered by France, in January."
    assert _transfers(_extract(text)) == {("FRA", "GRC", "aircraft")}


def test_ordering_weapons_from_a_state_is_a_planned_purchase() -> None:
    (transfer,) = _extract("Morocco has ordered 24 Apache helicopters from the United States.").transfers
    assert (transfer.supplier, transfer.recipient, transfer.status) == ("state:USA", "state:MAR", "planned")
    assert _extract("The general ordered troops to the border.").transfers == []


def test_deliveries_a_supplier_starts_and_weapons_promised_that_arrived() -> None:
    text = "South Korea will begin deliveries of K2 tanks to Poland next year."
    assert _transfers(_extract(text)) == {("KOR", "POL", "armoured vehicle")}
    text = "The IRIS-T systems promised by Germany arrived in Ukraine on Friday."
    assert _transfers(_extract(text)) == {("DEU", "UKR", "air defence system")}


def test_according_to_her_is_the_person_named_before() -> None:
    text = (
        "Russian foreign ministry spokeswoman Maria Zakharova briefed reporters on Thursday. "
        "According to her, Britain has supplied Ukraine with Storm Shadow missiles."
    )
    ex = _extract(text)
    assert (frozenset({"person:mariazakharova"}), "allege") in _statements(ex)
    assert {t.status for t in ex.transfers} == {"alleged"}


def test_a_speaker_judging_a_sale_as_a_violation_condemns_it() -> None:
    text = "A spokesperson for China's defence ministry said the sale violates the one-China principle."
    assert any(stance == "condemn" for _, stance in _statements(_extract(text)))
    assert _statements(_extract("Russia violated the ceasefire on Monday.")) == set()


def test_the_territory_a_state_claims_is_the_recipient_not_the_claimant() -> None:
    text = "Beijing condemned the latest US arms sales to China's Taiwan region."
    assert _transfers(_extract(text)) == {("USA", "TWN", "other")}


def test_calling_a_delivery_a_dangerous_step_condemns_it() -> None:
    text = '"This is a dangerous step that will prolong the war," Kremlin spokesman Dmitry Peskov said.'
    assert any(stance == "condemn" for _, stance in _statements(_extract(text)))


def test_a_defender_downing_incoming_drones_was_struck_by_their_owner() -> None:
    text = "Russia's defence ministry said its air defences had destroyed 34 Ukrainian drones over the Bryansk region."
    ex = _extract(text)
    assert _strikes(ex) == {("UKR", "RUS", "drone")}
    assert (frozenset({"org:russian-defence-ministry"}), "admit") not in _statements(ex)
    intercepted = _extract("Israel said it intercepted two Iranian missiles over the Golan.")
    assert _strikes(intercepted) == {("IRN", "ISR", None)}
    assert _strikes(_extract("Ukraine said it shot down a Russian Su-34 jet.")) == {("UKR", "RUS", None)}


def test_a_maker_named_with_its_weapons_speaks_for_no_one() -> None:
    text = "Riyadh warned that Iranian-manufactured missiles threatened the kingdom's security."
    assert all("state:IRN" not in s for s, _ in _statements(_extract(text)))
    text = "A senior Sudanese army source denied that Iran supplied the army with drones."
    assert any("org:sudanese-army" in s for s, _ in _statements(_extract(text)))  # as devset 05's annotators read it


def test_weapons_that_made_their_way_somewhere_went_there() -> None:
    text = "Bulgarian shells worth $1 billion have made their way to Ukraine through intermediaries."
    assert _transfers(_extract(text)) == {("BGR", "UKR", "artillery ammunition")}
    text = "US-made rifles ended up in the hands of the Taliban."
    assert _transfers(_extract(text)) == {("USA", "org:taliban", "small arms")}


def test_a_standing_backing_the_reporter_states_is_no_statement() -> None:
    assert _statements(_extract("Iran backs the Houthi rebels fighting the Yemeni government.")) == set()
    assert _statements(_extract("Germany said it backs the Dutch plan.")) == {(frozenset({"state:DEU"}), "support")}


def test_weapons_set_aside_with_not_are_not_sent() -> None:
    assert _extract("Belarus sent instructors, not weapons, to Russia.").transfers == []


def test_a_package_being_prepared_for_a_recipient_names_what_it_includes() -> None:
    text = "Spain is preparing a new package of military aid for Kyiv that includes Leopard 2 tanks."
    assert _transfers(_extract(text)) == {("ESP", "UKR", "armoured vehicle")}


def test_german_as_a_first_name_mentions_no_state() -> None:
    assert "DEU" not in _states(_extract("Ukraine's energy minister German Galushchenko said the grid was hit."))
    assert "DEU" in _states(_extract("German Chancellor Olaf Scholz condemned the attack."))


def test_opposition_objection_and_distancing_are_stances() -> None:
    assert _statements(_extract("Moscow expressed firm opposition to the deployment of US missiles in Japan.")) == {
        (frozenset({"state:RUS"}), "condemn")
    }
    assert _statements(_extract("The Iraqi government distanced itself from the rocket attacks on US bases.")) == {
        (frozenset({"state:IRQ"}), "deny")
    }
    assert _statements(_extract("The junta's campaign to crush its opposition continued.")) == set()


def test_killed_in_an_airstrike_names_the_attacker() -> None:
    text = "Israel killed a senior Hezbollah commander in an airstrike on Beirut's southern suburbs."
    assert _strikes(_extract(text)) == {("ISR", "LBN", None)}


def test_a_base_named_with_its_owner_is_the_owners() -> None:
    assert _strikes(_extract("Iran fired missiles at the US Al Udeid air base in Qatar.")) == {("IRN", "USA", None)}


def test_an_accusation_of_shelling_makes_the_accuser_the_target() -> None:
    ex = _extract("Cambodia accused Thailand of shelling civilian areas near the border.")
    assert _strikes(ex) == {("THA", "KHM", None)}
    assert ex.strikes[0].evidence.confidence < 0.8
    text = "The United States alleged that Russia launched attacks on Ukrainian cities using Iskander missiles."
    assert ("RUS", "USA", "ballistic missile") not in _strikes(_extract(text))


def test_a_pair_trigger_with_words_between_is_parsed() -> None:
    text = "China's defence ministry stressed that it would take all necessary measures to safeguard sovereignty."
    assert any(stance == "warn" for _, stance in _statements(_extract(text)))


def test_calling_the_evidence_inconclusive_denies() -> None:
    text = "Moscow said on Monday that the evidence presented by Kyiv was inconclusive."
    assert _statements(_extract(text)) == {(frozenset({"state:RUS"}), "deny")}


def test_an_effective_response_warns() -> None:
    text = 'Hezbollah said there would be an "effective response" to the Israeli strikes.'
    assert (frozenset({"org:hezbollah"}), "warn") in _statements(_extract(text))


def test_the_group_a_spokesman_names_in_his_own_sentence_is_his() -> None:
    text = "Houthi military spokesman Yahya Saree said the group had targeted Eilat with a ballistic missile."
    assert _strikes(_extract(text)) == {("org:houthis", "ISR", "ballistic missile")}


def test_denying_responsibility_for_an_attack_names_no_attacker() -> None:
    assert _strikes(_extract("The RSF denied responsibility for the drone strikes on Port Sudan.")) == set()


def test_destroying_a_partys_weapon_strikes_that_party() -> None:
    text = "Russia's defence ministry said its forces had destroyed a Ukrainian Patriot air defence system."
    assert _strikes(_extract(text)) == {("RUS", "UKR", None)}


def test_using_weapons_in_ones_own_territory_is_no_strike_on_oneself() -> None:
    text = "Armenia accused Azerbaijan of using Israeli drones in Karabakh."
    assert ("AZE", "AZE", "drone") not in _strikes(_extract(text))
    text = "Turkey has used the drones in its operations against Kurdish militants in Syria and Iraq."
    assert _strikes(_extract(text)) == {("TUR", "SYR", "drone"), ("TUR", "IRQ", "drone")}


def test_a_headlines_list_of_states_parsed_as_apposition_is_each_state() -> None:
    assert _statements(_extract("Russia, North Korea deny arms trade")) == {
        (frozenset({"state:RUS", "state:PRK"}), "deny")
    }


def test_accusing_a_party_of_an_attack_names_its_attacker() -> None:
    ex = _extract("Mali accused the rebels' allies in Algeria of a drone attack on Kidal.")
    assert all(s[0] != "MLI" for s in _strikes(ex))
    assert _strikes(_extract("Sudan accused the RSF of a drone attack on Port Sudan.")) == {
        ("org:rapid-support-forces", "SDN", "drone")
    }


def test_strikes_attributed_to_a_party_are_its() -> None:
    text = "Air strikes attributed to Israel hit militia positions in eastern Syria."
    assert _strikes(_extract(text)) == {("ISR", "SYR", None)}


def test_incoming_drones_shot_down_over_a_region_struck_its_state() -> None:
    assert _strikes(_extract("Two Ukrainian drones were shot down over the Belgorod region, the governor said.")) == {
        ("UKR", "RUS", "drone")
    }


def test_activists_speak_for_no_state() -> None:
    text = "Russian air strikes pounded Idlib, Syrian opposition activists said."
    assert all("state:SYR" not in s for s, _ in _statements(_extract(text)))


def test_a_target_with_no_state_gives_way_to_where_it_stood() -> None:
    text = "Israeli jets fired on UN peacekeepers in southern Lebanon, UNIFIL said."
    assert _strikes(_extract(text)) == {("ISR", "LBN", None)}


def test_coming_under_attack_from_a_party_names_it() -> None:
    assert _strikes(_extract("Kharkiv came under attack from Russian drones overnight.")) == {("RUS", "UKR", "drone")}
    assert _strikes(_extract("Israeli positions came under rocket fire from Lebanon.")) == {
        ("LBN", "ISR", "rocket artillery")
    }
