"""Supply phrasing of wire copy, on sentences written for the tests: lists the parse splits,
relative clauses, each source of a received weapon, a recipient from the same sentence."""

from __future__ import annotations

import pytest
from test_extract import _extract, _party, _statements, _strikes, _transfers

from armskg.loaders.facts import Extraction


def test_a_leading_list_member_the_parse_drops_still_supplies() -> None:
    text = "Turkey, Iran and the United Arab Emirates have supplied Addis Ababa with drones."
    assert {s for s, _, _ in _transfers(_extract(text))} == {"TUR", "IRN", "ARE"}


def test_what_a_relative_clause_says_was_delivered_is_its_noun() -> None:
    text = "Ankara paid for the S-400 system, which Russia delivered to Turkey in 2019."
    assert _transfers(_extract(text)) == {("RUS", "TUR", "air defence system")}


def test_goods_a_relative_clause_says_were_sent_hit_as_their_recipients() -> None:
    text = "The drones, which Iran sent to Russia last year, hit Odesa on Monday."
    assert _strikes(_extract(text)) == {("RUS", "UKR", "drone")}


def test_each_received_weapon_comes_from_its_own_source() -> None:
    text = "Kyiv has received Leopard tanks from Germany and HIMARS launchers from the United States."
    assert _transfers(_extract(text)) == {("DEU", "UKR", "armoured vehicle"), ("USA", "UKR", "rocket artillery")}


def test_a_supply_with_no_recipient_takes_the_recipient_of_the_same_sentence() -> None:
    text = "A UN expert said China had provided Myanmar with jets, and that Serbia had sent rockets."
    assert ("SRB", "MMR", "rocket artillery") in _transfers(_extract(text))


def test_a_supplier_pledging_more_keeps_its_own_recipient() -> None:
    text = (
        "Germany delivered the first IRIS-T system to Ukraine, days after Russia fired Iranian-made drones at Kyiv. "
        "Berlin has pledged further IRIS-T systems this year."
    )
    assert ("DEU", "RUS", "air defence system") not in _transfers(_extract(text))


def test_tank_rounds_are_ammunition_not_tanks() -> None:
    text = "Britain will supply Ukraine with armour-piercing tank rounds."
    assert _transfers(_extract(text)) == {("GBR", "UKR", "other")}


def test_it_opening_a_sentence_is_the_party_the_last_one_was_about() -> None:
    text = "Ethiopia has relied heavily on drones. It bought Bayraktar drones from Turkey."
    assert _transfers(_extract(text)) == {("TUR", "ETH", "drone")}


def test_it_in_a_clause_below_is_the_sentences_subject() -> None:
    text = "Turkey was expelled from the F-35 programme after it took delivery of the Russian-made S-400 system."
    assert ("RUS", "TUR", "air defence system") in _transfers(_extract(text))


def test_jets_sent_over_a_line_are_deployed_not_supplied() -> None:
    text = "The US sold F-16 jets to Taiwan. China sent fighter jets over the median line in the Taiwan Strait."
    assert _transfers(_extract(text)) == {("USA", "TWN", "aircraft")}


def test_goods_pledged_by_a_party_that_will_arrive_somewhere_are_its_planned_transfer() -> None:
    text = "The first F-16 jets pledged by Denmark and the Netherlands are expected to arrive in Ukraine."
    assert _transfers(_extract(text)) == {("DNK", "UKR", "aircraft"), ("NLD", "UKR", "aircraft")}


def test_the_missiles_they_fire_are_the_recipients_strikes() -> None:
    text = "Riyadh accused Iran of supplying the Houthis with the ballistic missiles they fire at Saudi cities."
    assert {(a, t) for a, t, _ in _strikes(_extract(text))} == {("org:houthis", "SAU")}


def test_weapons_a_supply_lists_as_included_are_supplied() -> None:
    text = "Israel has been a major supplier of weapons to Azerbaijan, including drones."
    assert ("ISR", "AZE", "drone") in _transfers(_extract(text))


def test_a_relative_clause_on_the_supplier_names_what_it_supplied_and_to_whom() -> None:
    text = "Cambodia's army has leaned heavily on China, which has supplied armoured vehicles and rocket launchers."
    assert _transfers(_extract(text)) == {("CHN", "KHM", "armoured vehicle"), ("CHN", "KHM", "rocket artillery")}
    assert _transfers(_extract("The US sanctioned Iran, which has supplied drones to Russia.")) == {
        ("IRN", "RUS", "drone")
    }


def test_not_a_single_bullet_exported_is_a_suppliers_denial() -> None:
    text = 'Serbian President Aleksandar Vucic said Serbia had not exported "a single bullet" to Ukraine.'
    assert _statements(_extract(text)) == {(frozenset({"person:aleksandarvucic"}), "deny")}


def _transfers_with_status(ex: Extraction) -> set[tuple[str, str, str, str]]:
    return {(_party(t.supplier), _party(t.recipient), t.weapon, t.status) for t in ex.transfers}


def test_a_supply_its_supplier_halts_is_denied() -> None:
    text = "Germany has stopped all arms exports to Saudi Arabia."
    assert _transfers_with_status(_extract(text)) == {("DEU", "SAU", "other", "denied")}
    text = "The Czech Republic halted arms sales to Israel."
    assert _transfers_with_status(_extract(text)) == {("CZE", "ISR", "other", "denied")}
    text = "The German government said on Monday that it would halt arms exports to Saudi Arabia."
    assert _statements(_extract(text)) == {(frozenset({"state:DEU"}), "deny")}


def test_refusing_to_halt_sales_denies_none() -> None:
    text = "President Donald Trump has refused to curb arms sales to Saudi Arabia."
    assert all(status != "denied" for *_, status in _transfers_with_status(_extract(text)))


def test_licensing_arms_supplies_them_but_a_licence_is_no_transfer() -> None:
    text = "The UK has licensed 4.7bn pounds of arms to Saudi Arabia, including Typhoon jets and Storm Shadow missiles."
    assert _transfers(_extract(text)) == {("GBR", "SAU", "aircraft"), ("GBR", "SAU", "cruise missile")}
    text = "Britain suspended licences to Israel. The suspended licences covered components for fighter jets."
    assert ("GBR", "ISR", "aircraft") not in _transfers(_extract(text))


def test_weapons_given_along_with_others_are_supplied_too() -> None:
    text = "Poland has given Ukraine more than 200 T-72 tanks, along with 18 Krab self-propelled howitzers."
    assert _transfers(_extract(text)) == {("POL", "UKR", "armoured vehicle"), ("POL", "UKR", "tube artillery")}
    text = "The Vampire systems had been supplied to Kyiv by the Czech Republic."
    assert _transfers(_extract(text)) == {("CZE", "UKR", "rocket artillery")}


def test_a_named_system_in_the_plural_is_that_system() -> None:
    text = "The State Department approved the sale of 226 AMRAAMs to the Netherlands."
    ex = _extract(text)
    assert _transfers(ex) == {("USA", "NLD", "other")}
    assert {t.designation for t in ex.transfers} == {"AIM-120 AMRAAM"}


def test_accused_by_others_of_shipping_weapons_the_parse_hangs_on_the_accusers() -> None:
    text = (
        "North Korea, for its part, is accused by Kyiv and its Western partners of shipping "
        "millions of artillery shells and dozens of ballistic missiles to Russia."
    )
    assert _transfers_with_status(_extract(text)) == {
        ("PRK", "RUS", "artillery ammunition", "alleged"),
        ("PRK", "RUS", "ballistic missile", "alleged"),
    }


def test_who_relies_on_weapons_a_participle_says_were_supplied_received_them() -> None:
    text = "Mali's army has relied heavily on Bayraktar TB2 drones, delivered by Turkey since late 2022."
    assert _transfers(_extract(text)) == {("TUR", "MLI", "drone")}


def test_a_group_armed_and_funded_by_a_state_received_arms() -> None:
    text = "Hezbollah, the Lebanese group armed and funded by Tehran, said it fired rockets at Israel."
    assert _transfers(_extract(text)) == {("IRN", "org:hezbollah", "other")}


def test_fighters_acquired_from_a_state_were_received_by_who_inducted_them() -> None:
    text = "The Pakistan Air Force inducted its first J-10C multirole fighters, acquired from China, in March 2022."
    assert _transfers(_extract(text)) == {("CHN", "PAK", "aircraft")}


def test_a_backer_supplying_weapons_supplies_the_one_it_backs() -> None:
    text = "Iran has been a key backer of Syria, supplying weapons and military advisers."
    assert _transfers(_extract(text)) == {("IRN", "SYR", "other")}


def test_a_named_system_with_a_model_suffix_is_that_system() -> None:
    ex = _extract("Russia delivered about 46 MiG-29M fighters to Egypt. India received Su-30MKI jets from Russia.")
    assert _transfers(ex) == {("RUS", "EGY", "aircraft"), ("RUS", "IND", "aircraft")}


def test_the_goods_of_a_promise_are_in_its_own_clause() -> None:
    text = "UK confirms delivery of Storm Shadow missiles to Ukraine; Kremlin promises adequate response"
    assert _transfers(_extract(text)) == {("GBR", "UKR", "cruise missile")}


def test_a_participle_joined_to_a_passive_one_is_passive_too() -> None:
    text = "Hamas, which is financed and armed by Iran, fired rockets at Israel."
    assert ("IRN", "org:hamas") in {(s, r) for s, r, _ in _transfers(_extract(text))}


def test_joined_verbs_share_the_later_ones_object() -> None:
    text = "Washington has armed and trained the Syrian Democratic Forces since 2015."
    assert {(s, r) for s, r, _ in _transfers(_extract(text))} == {("USA", "org:syrian-democratic-forces")}


def test_the_group_a_supplier_arms_is_the_armed_group_named_before() -> None:
    text = "The Houthis fired missiles at Israel. Tehran has supplied the rebels with drones."
    assert ("IRN", "org:houthis", "drone") in _transfers(_extract(text))
    nobody = "Tehran has supplied the rebels with drones."
    assert _transfers(_extract(nobody)) == set()


def test_going_ahead_with_a_purchase_makes_the_subject_its_buyer() -> None:
    ahead = "Athens is pressing ahead with the purchase of Meteor missiles from France."
    assert {(s, r) for s, r, _ in _transfers(_extract(ahead))} == {("FRA", "GRC")}
    critic = "Ankara criticised the purchase of Meteor missiles from France."
    assert _transfers(_extract(critic)) == set()


def test_the_weapons_a_buyer_ordered_in_a_relative_clause() -> None:
    pronoun = "Egypt took delivery of the last of the 30 Rafale jets it ordered from France."
    assert ("FRA", "EGY", "aircraft") in _transfers(_extract(pronoun))
    which = "The drones that Ethiopia bought from Turkey were used in Tigray."
    assert ("TUR", "ETH", "drone") in _transfers(_extract(which))


def test_suspended_export_licences_and_approvals_deny_the_supply() -> None:
    licences = _extract("Canada said it was suspending 20 of its 90 arms export licences to Turkey.")
    assert {(t.supplier, t.recipient, t.status) for t in licences.transfers} == {("state:CAN", "state:TUR", "denied")}
    approvals = _extract("Norway and Sweden have suspended new arms export approvals for Turkey.")
    assert {(t.supplier, t.recipient, t.status) for t in approvals.transfers} == {
        ("state:NOR", "state:TUR", "denied"),
        ("state:SWE", "state:TUR", "denied"),
    }


def test_weapons_in_a_clause_of_their_own_are_not_the_goods_given() -> None:
    text = "Hezbollah fired rockets. Israel gave the group two days to surrender its weapons to the army."
    assert _transfers(_extract(text)) == set()


def test_a_state_halting_its_exports_denies_them() -> None:
    text = "Norway has halted arms exports to Turkey."
    assert _statements(_extract(text)) == {(frozenset({"state:NOR"}), "deny")}
    urged = "Critics demanded that Norway halt arms exports to Turkey."
    assert _statements(_extract(urged)) == set()


def test_would_in_reported_speech_is_the_future_not_a_condition() -> None:
    text = "Norway said it would suspend approvals of arms and dual-use exports to Turkey."
    ex = _extract(text)
    assert {(t.supplier, t.recipient, t.status) for t in ex.transfers} == {("state:NOR", "state:TUR", "denied")}
    assert _statements(ex) == {(frozenset({"state:NOR"}), "deny")}
    hedged = "Norway said it could suspend approvals of arms exports to Turkey."
    assert _transfers(_extract(hedged)) == set()


def test_suspended_permits_for_exports_deny_them() -> None:
    text = "Canada suspended permits for arms exports to Turkey."
    assert {(t.supplier, t.recipient, t.status) for t in _extract(text).transfers} == {
        ("state:CAN", "state:TUR", "denied")
    }


def test_the_kingdom_is_the_kingdom_the_article_names_most() -> None:
    text = (
        "Saudi Arabia has bought Typhoon jets. Saudi Arabia also bought tanks. "
        "Denmark and Norway have suspended new arms export approvals for the kingdom."
    )
    ex = _extract(text)
    assert {(t.supplier, t.recipient) for t in ex.transfers if t.status == "denied"} == {
        ("state:DNK", "state:SAU"),
        ("state:NOR", "state:SAU"),
    }


def test_arms_as_a_verb_supplies_weapons_unnamed() -> None:
    ex = _extract("Tehran, which arms the Houthis, rejected the report.")
    assert _transfers(ex) == {("IRN", "org:houthis", "other")}
    assert _transfers(_extract("Russian arms to Algeria fell sharply last year.")) == set()


def test_a_denial_by_a_party_is_not_a_denial_of_what_a_relative_clause_says_of_it() -> None:
    ex = _extract("Iran, which supplies drones to Russia, denied the claim.")
    assert [(t.supplier, t.status) for t in ex.transfers] == [("state:IRN", "asserted")]
    ex = _extract("Iran denied supplying drones to Russia.")
    assert [(t.supplier, t.status) for t in ex.transfers] == [("state:IRN", "denied")]


def test_a_buyer_negotiating_a_purchase_plans_it() -> None:
    ex = _extract("Algeria is negotiating the purchase of Su-57 fighters from Russia.")
    assert [(t.supplier, t.recipient, t.weapon, t.status) for t in ex.transfers] == [
        ("state:RUS", "state:DZA", "aircraft", "planned")
    ]


def test_a_share_of_a_states_arms_imports_is_a_supply() -> None:
    ex = _extract("Russia accounted for 45 percent of India's arms imports between 2019 and 2023.")
    assert _transfers(ex) == {("RUS", "IND", "other")}
    told = "France is Egypt's main source of jets. It accounted for 30 percent of Egypt's arms imports last year."
    assert ("FRA", "EGY", "other") in _transfers(_extract(told))


def test_unnamed_groups_in_a_state_receive_as_that_state() -> None:
    assert _transfers(_extract("Iran supplies drones to militias in Iraq.")) == {("IRN", "IRQ", "drone")}
    ex = _extract("Washington accuses Tehran of arming the militias in Iraq and Syria.")
    assert _transfers(ex) == {("IRN", "IRQ", "other"), ("IRN", "SYR", "other")}


def test_goods_moved_by_no_one_named_come_from_their_maker() -> None:
    smuggled = "Officials said the harbour was used to smuggle Iranian rifles and equipment to the Houthis."
    assert _transfers(_extract(smuggled)) == {("IRN", "org:houthis", "small arms")}
    supplying = "The Kremlin warned that supplying Tomahawks to Ukraine would be a dangerous escalation."
    assert _transfers(_extract(supplying)) == {("USA", "UKR", "cruise missile")}


def test_a_subjectless_supply_does_not_borrow_the_last_supplier() -> None:
    text = (
        "Germany delivered two more Patriot systems to Ukraine in May. "
        "Member states promised to supply Ukraine with a million rounds of ammunition within a year."
    )
    assert _transfers(_extract(text)) == {("DEU", "UKR", "air defence system")}


def test_weapons_named_deep_in_a_clause_are_no_goods_of_the_verb() -> None:
    text = (
        "The first jets are due in Ukraine this summer, giving the Ukrainian Air Force a platform that officials "
        "hope can push Russian bombers away from the front."
    )
    assert _transfers(_extract(text)) == set()


def test_the_accused_named_in_apposition_supplies_when_of_hangs_on_the_noun() -> None:
    text = "Riyadh accuses its regional rival Tehran of smuggling drones to the Houthis."
    assert _transfers(_extract(text)) == {("IRN", "org:houthis", "drone")}


def test_a_weapon_said_to_be_foreign_made_comes_from_its_maker() -> None:
    text = "Navy officials said the rifles were Iranian-made and had been smuggled into Yemen by sea."
    assert _transfers(_extract(text)) == {("IRN", "YEM", "small arms")}


def test_weapons_pointed_back_to_were_received_by_who_fired_them() -> None:
    text = "Hamas fired Fajr-5 rockets at Tel Aviv on Thursday. The rockets were supplied by Iran, officials said."
    assert _transfers(_extract(text)) == {("IRN", "org:hamas", "rocket artillery")}
    general = "Hamas fired Fajr-5 rockets at Tel Aviv on Thursday. Many rockets are supplied by Iran, officials said."
    assert _transfers(_extract(general)) == set()


def test_weapons_a_side_uses_named_by_another_states_demonym_came_from_it() -> None:
    used = "Russia has been using North Korean artillery shells against Ukrainian positions."
    assert ("PRK", "RUS", "artillery ammunition") in _transfers(_extract(used))
    own = "Russia fired Russian missiles at Kharkiv."
    assert _transfers(_extract(own)) == set()


def test_goods_said_to_be_made_in_a_state_come_from_it() -> None:
    text = "The drones, made in Iran, were delivered to Russia by ship across the Caspian Sea."
    assert _transfers(_extract(text)) == {("IRN", "RUS", "drone")}


def test_a_refused_request_to_send_weapons_is_the_requesters_denied_transfer() -> None:
    texts = (
        "Austria rejected Hungary's request that its howitzer shells be shipped to Ukraine.",
        "Austria has blocked two requests from Budapest, which demanded that the shells be transferred to Ukraine.",
        "Austria rejected Hungary's application to export the howitzers to Ukraine.",
    )
    for text in texts:
        ex = _extract(text)
        assert {(_party(t.supplier), _party(t.recipient), t.status) for t in ex.transfers} == {("HUN", "UKR", "denied")}


def test_a_request_to_send_weapons_still_under_review_is_no_transfer() -> None:
    assert _transfers(_extract("Austria is weighing Hungary's request that the shells be shipped to Ukraine.")) == set()


def test_asking_permission_to_send_weapons_is_the_askers_planned_transfer() -> None:
    texts = (
        "Finland asked Berlin for permission to send 12 of its own Leopards to Kyiv.",
        "Finland sought Germany's approval to send its Leopard tanks to Ukraine.",
    )
    for text in texts:
        found = {(_party(t.supplier), _party(t.recipient), t.status) for t in _extract(text).transfers}
        assert found == {("FIN", "UKR", "planned")}


def test_military_technology_received_is_a_transfer_of_other_goods() -> None:
    text = "In return, China receives military technology from Russia."
    assert _transfers(_extract(text)) == {("RUS", "CHN", "other")}


def test_it_supplied_by_a_groups_backer_is_the_group_even_over_the_years() -> None:
    text = "Iran is Hezbollah's main backer and has supplied it with tens of thousands of rockets over the years."
    assert _transfers(_extract(text)) == {("IRN", "org:hezbollah", "rocket artillery")}


@pytest.mark.parametrize(
    ("text", "pair"),
    [
        ("Turkey sent F-16 fighter jets to support Baku.", ("state:TUR", "state:AZE")),
        ("Iran has shipped drones to help Moscow in its war.", ("state:IRN", "state:RUS")),
    ],
)
def test_whom_goods_were_sent_to_help_receives_them(text: str, pair: tuple[str, str]) -> None:
    assert {(t.supplier, t.recipient) for t in _extract(text).transfers} == {pair}


def test_a_charge_the_supplier_rebuts_in_a_clause_on_it_is_a_denied_transfer() -> None:
    ex = _extract("Washington accused Iran of supplying missiles to the Houthis, a claim rejected by Tehran.")
    assert {t.status for t in ex.transfers} == {"denied"}
    other = _extract("Washington accused Iran of supplying missiles to the Houthis, a claim Riyadh rejected.")
    assert {t.status for t in other.transfers} == {"alleged"}  # a third party's rebuttal leaves it a charge


@pytest.mark.parametrize(
    "text",
    [
        "The navy seized a shipment of Iranian rifles bound for Yemen.",
        "Sailors seized hundreds of Iranian-made rifles destined for Yemen.",
    ],
)
def test_weapons_bound_for_a_party_go_from_their_maker_to_it(text: str) -> None:
    assert {(t.supplier, t.recipient) for t in _extract(text).transfers} == {("state:IRN", "state:YEM")}


def test_goods_pledged_to_no_one_named_go_to_the_state_the_article_is_about() -> None:
    text = (
        "Ukraine wants more air defence. Ukraine's president said Ukraine needs ten more systems. "
        "Officials in Ukraine expect winter strikes. Norway and Belgium have also pledged Patriot systems."
    )
    assert {(t.supplier, t.recipient) for t in _extract(text).transfers} == {
        ("state:NOR", "state:UKR"),
        ("state:BEL", "state:UKR"),
    }


def test_no_state_stands_out_no_recipient_is_guessed() -> None:
    text = "Ukraine and Russia traded blame. Russia said Ukraine lied. Norway has also pledged Patriot systems."
    assert _extract(text).transfers == []


def test_a_recipient_named_in_words_the_lexicon_lacks_is_not_guessed() -> None:
    text = (
        "Saudi Arabia was hit again. Saudi Arabia said Saudi Arabia would respond. "
        "Riyadh accused Iran of delivering the weapons to the insurgents."
    )
    assert all(t.recipient != "state:SAU" for t in _extract(text).transfers)


def test_a_refused_request_for_a_supply_noun_is_the_requesters_denied_transfer() -> None:
    text = "Austria rejected the Polish request for the supply of 12 Pandur armoured vehicles to Kyiv."
    ex = _extract(text)
    assert {(t.supplier, t.recipient, t.status) for t in ex.transfers} == {("state:POL", "state:UKR", "denied")}


@pytest.mark.parametrize(
    "text",
    [
        "Norway imposed a ban on arms exports to Turkey in October.",
        "Norway has extended its freeze on weapons sales to Turkey.",
        "Norway's moratorium on arms exports to Turkey stays in force.",
    ],
)
def test_a_suppliers_own_ban_on_exports_is_a_denied_transfer(text: str) -> None:
    ex = _extract(text)
    assert {(t.supplier, t.recipient, t.status) for t in ex.transfers} == {("state:NOR", "state:TUR", "denied")}


@pytest.mark.parametrize(
    "text",
    [
        "Norway lifted its ban on arms exports to Turkey in March.",
        "The Security Council imposed a ban on arms exports to Libya.",
    ],
)
def test_a_lifted_ban_or_a_ban_by_no_supplier_denies_no_transfer(text: str) -> None:
    assert all(t.status != "denied" for t in _extract(text).transfers)


def test_committing_weapons_to_a_state_pledges_them() -> None:
    text = "Sweden became the first country to commit Gripen fighters from its own air force to Kyiv."
    ex = _extract(text)
    assert {(t.supplier, t.recipient, t.weapon, t.status) for t in ex.transfers} == {
        ("state:SWE", "state:UKR", "aircraft", "planned")
    }


def test_committing_a_crime_or_troops_transfers_nothing() -> None:
    assert _extract("Russia committed war crimes in Bucha, Ukraine said.").transfers == []
    assert _extract("Britain committed 500 troops to Estonia.").transfers == []


def test_aircraft_delivered_after_a_side_flew_them_in_a_strike_went_to_that_side() -> None:
    text = "Pakistan's J-10C fighters shot down two Indian jets. The aircraft were delivered by China in 2022."
    ex = _extract(text)
    assert ("state:CHN", "state:PAK", "aircraft") in {(t.supplier, t.recipient, t.weapon) for t in ex.transfers}


def test_bare_aircraft_delivered_to_a_state_are_aircraft() -> None:
    assert _transfers(_extract("Russia delivered 12 aircraft to Myanmar last year.")) == {("RUS", "MMR", "aircraft")}


def test_weapons_sent_against_places_are_fired_not_supplied() -> None:
    text = "Pakistan sold Burraq drones to Azerbaijan. Pakistan had sent 300 drones against 36 Indian locations."
    evidence = {t.evidence.sentence for t in _extract(text).transfers}
    assert evidence == {"Pakistan sold Burraq drones to Azerbaijan."}


def test_a_weapon_joined_to_a_named_system_is_a_weapon_of_its_own() -> None:
    ex = _extract("Ankara shipped Bayraktar TB2 drones and air defence systems to Tripoli last year.")
    assert {(t.supplier, t.recipient, t.weapon) for t in ex.transfers} == {
        ("state:TUR", "state:LBY", "drone"),
        ("state:TUR", "state:LBY", "air defence system"),
    }


def test_a_generic_word_after_a_named_system_is_that_system() -> None:
    ex = _extract("Moscow shipped S-400 missile systems to New Delhi last year.")
    assert {t.weapon for t in ex.transfers} == {"air defence system"}


def test_a_supply_promised_to_an_official_goes_to_the_officials_state() -> None:
    ex = _extract("Rishi Sunak told Volodymyr Zelensky on Saturday that Britain would send 14 Challenger 2 tanks.")
    assert {(t.supplier, t.recipient, t.status) for t in ex.transfers} == {("state:GBR", "state:UKR", "planned")}


def test_a_supply_told_to_reporters_has_no_recipient() -> None:
    assert _extract("Officials told reporters on Monday that Iran would send drones.").transfers == []


def test_a_system_delivered_to_no_one_named_went_to_the_state_where_a_strike_hit_it() -> None:
    text = (
        "A Russian Kinzhal missile hit a Patriot air defence system in Kyiv on Tuesday. "
        "The Patriot batteries were delivered in April by the United States and Germany."
    )
    got = {(t.supplier, t.recipient, t.weapon) for t in _extract(text).transfers}
    assert got == {("state:USA", "state:UKR", "air defence system"), ("state:DEU", "state:UKR", "air defence system")}


def test_the_strikes_own_weapon_delivered_later_is_not_the_targets() -> None:
    text = (
        "A Russian Kinzhal missile hit a Patriot air defence system in Kyiv on Tuesday. "
        "The Kinzhal missiles were delivered to the air force by the factory in 2022."
    )
    assert not any(t.recipient == "state:UKR" for t in _extract(text).transfers)


def test_what_a_speaker_calls_a_supply_is_an_alleged_transfer() -> None:
    ex = _extract("Kyiv condemned what it called Iran's supply of attack drones to Russia.")
    assert {(t.supplier, t.recipient, t.weapon, t.status) for t in ex.transfers} == {
        ("state:IRN", "state:RUS", "drone", "alleged")
    }


def test_an_inquiry_into_what_states_describe_as_a_transfer_keeps_it_as_their_claim() -> None:
    text = (
        "Britain, France and Germany asked the U.N. to open an investigation into what they described "
        "as Iran's transfer of drones to Russia."
    )
    assert {(t.supplier, t.recipient, t.status) for t in _extract(text).transfers} == {
        ("state:IRN", "state:RUS", "alleged")
    }
