"""Statement and framing phrasing of wire copy, on sentences written for the tests: "the group"
said of the speaker's own side, denials of one's own strikes, launches into the sea."""

from __future__ import annotations

import pytest
from test_extract import _extract, _statements, _states, _strikes


def test_the_group_in_a_spokesmans_report_is_his_group() -> None:
    text = "Hezbollah's spokesman Ahmad Nour said the group had fired rockets at an Israeli base."
    assert _statements(_extract(text)) == {(frozenset({"org:hezbollah", "person:ahmadnour"}), "admit")}


def test_a_group_someone_else_speaks_of_is_not_the_speaker() -> None:
    text = "Ukraine said the group had attacked Russian positions."
    assert _statements(_extract(text)) == set()


def test_a_strike_its_attacker_denies_is_no_fact() -> None:
    ex = _extract("Russia denied that its forces had struck the children's hospital in Kyiv.")
    assert _strikes(ex) == set()
    assert _statements(ex) == {(frozenset({"state:RUS"}), "deny")}


def test_a_strike_another_party_denies_stays() -> None:
    ex = _extract("Ukraine said Russia had shelled a hospital in Kherson, which Moscow denied.")
    assert _strikes(ex) == {("RUS", "UKR", None)}


def test_missiles_fired_into_the_sea_struck_no_one() -> None:
    ex = _extract("South Korea's military said the North had fired two ballistic missiles into the sea.")
    assert _strikes(ex) == set()


def test_papers_a_state_holds_are_not_its_voice() -> None:
    text = "Chad agreed to buy armed drones from Turkey, according to leaked French documents."
    ex = _extract(text)
    assert _statements(ex) == set()
    assert {(t.supplier, t.recipient) for t in ex.transfers} == {("state:TUR", "state:TCD")}


def test_what_the_speaker_is_described_as_is_not_what_it_says() -> None:
    ex = _extract("Israel, one of the main suppliers of drones to Azerbaijan, declined to comment.")
    assert _statements(ex) == set()
    assert {(t.supplier, t.recipient, t.weapon) for t in ex.transfers} == {("state:ISR", "state:AZE", "drone")}


def test_among_the_biggest_suppliers_names_the_supplier() -> None:
    ex = _extract("France is among the biggest arms suppliers to India.")
    assert {(t.supplier, t.recipient) for t in ex.transfers} == {("state:FRA", "state:IND")}


def test_a_later_mention_drops_the_arabic_article() -> None:
    text = (
        "Iraqi Prime Minister Mohammed Shia al-Sudani met the US envoy on Monday. "
        "Sudani condemned the drone strike on Baghdad airport."
    )
    assert _statements(_extract(text)) == {(frozenset({"person:mohammedshiaalsudani"}), "condemn")}


def test_saying_one_was_not_involved_denies() -> None:
    assert _statements(_extract("Tehran said it was not involved in the attack on the tanker.")) == {
        (frozenset({"state:IRN"}), "deny")
    }
    assert _statements(_extract("Moscow said it had nothing to do with the explosion at the depot.")) == {
        (frozenset({"state:RUS"}), "deny")
    }


def test_denying_another_partys_involvement_is_the_speakers_denial() -> None:
    text = "Beijing said Pyongyang was not involved in the cyberattack."
    assert _statements(_extract(text)) == {(frozenset({"state:CHN"}), "deny")}


def test_describing_an_attack_as_a_crime_condemns() -> None:
    text = "Qatar described the bombing of the hospital as a war crime."
    assert _statements(_extract(text)) == {(frozenset({"state:QAT"}), "condemn")}


def test_describing_accusations_as_baseless_denies() -> None:
    text = "Belarus's defence ministry described the accusations as baseless."
    assert {stance for _, stance in _statements(_extract(text))} == {"deny"}


def test_its_ministry_is_the_ministry_of_the_state_named_before() -> None:
    text = "Venezuela rejected the report. Its foreign ministry said the claims were groundless."
    speakers = {s for statement_speakers, _ in _statements(_extract(text)) for s in statement_speakers}
    assert "org:venezuela-foreign-ministry" in speakers


def test_what_a_call_asks_others_to_stop_is_not_the_callers_stance() -> None:
    text = "Canada called on Iran to stop supporting armed groups in the region."
    assert _statements(_extract(text)) == {(frozenset({"state:CAN"}), "call_on")}


def test_a_coalition_named_again_by_its_head_is_the_coalition() -> None:
    text = "The Saudi-led coalition intercepted a drone over Jazan. The coalition later struck Sanaa."
    assert ("SAU", "YEM") in {(a, t) for a, t, _ in _strikes(_extract(text))}


def test_a_spokesperson_reporting_conjoined_stances_speaks_for_both() -> None:
    text = (
        "Chinese foreign ministry spokesperson Mao Ning said Beijing regretted the strikes and urged both sides "
        "to exercise restraint."
    )
    statements = _statements(_extract(text))
    assert {stance for _, stance in statements} == {"concern", "call_on"}
    assert all("person:maoning" in speakers for speakers, _ in statements)


def test_an_official_whose_state_goes_unsaid_reporting_a_strike_alleges_it() -> None:
    text = "Health Minister Rania Haddad said Israeli warplanes pounded villages in southern Lebanon overnight."
    assert (frozenset({"person:raniahaddad"}), "allege") in _statements(_extract(text))


def test_calling_an_attack_inhumane_condemns() -> None:
    text = "Polish President Andrzej Duda said Russia had struck Kyiv again, calling the attack inhumane."
    assert (frozenset({"person:andrzejduda"}), "condemn") in _statements(_extract(text))


def test_threats_whose_subject_is_the_one_warned_are_the_speakers() -> None:
    text = '"The aggression will not go unanswered," Hezbollah spokesman Ali Karim said.'
    assert {stance for _, stance in _statements(_extract(text))} == {"warn"}
    text = "Iraqi militia leader Qais Khazali said Washington would pay a heavy price for the strikes."
    assert all("state:USA" not in speakers for speakers, _ in _statements(_extract(text)))


def test_reserving_the_right_to_respond_warns() -> None:
    text = "Cambodia reserved the right to respond to the shelling, its defence ministry said."
    assert {stance for _, stance in _statements(_extract(text))} == {"warn"}


def test_calling_ones_strikes_proportionate_admits_them() -> None:
    text = "Prime Minister Keir Starmer described the strikes on Yemen as proportionate."
    assert _statements(_extract(text)) == {(frozenset({"person:keirstarmer"}), "admit")}


def test_they_after_a_list_of_leaders_are_those_leaders_states() -> None:
    text = (
        "Leaders of Brazil, India and South Africa met in Delhi on Monday. "
        "In a joint statement, they condemned the strike on the hospital."
    )
    assert _statements(_extract(text)) == {(frozenset({"state:BRA", "state:IND", "state:ZAF"}), "condemn")}


def test_the_three_leaders_are_the_group_not_a_leader_named_before() -> None:
    text = (
        "The leaders of Japan, South Korea and the United States condemned the launch. "
        "North Korean leader Kim Jong Un watched it. The three leaders urged Pyongyang to stop."
    )
    calls = {speakers for speakers, stance in _statements(_extract(text)) if stance == "call_on"}
    assert calls == {frozenset({"state:JPN", "state:KOR", "state:USA"})}


def test_both_countries_is_no_group_of_three() -> None:
    text = "France, Germany and Italy condemned the deal. Both countries have rejected the accusations."
    assert {stance for _, stance in _statements(_extract(text))} == {"condemn"}


def test_the_person_an_adviser_serves_does_not_speak() -> None:
    text = "Mark Lowe, a senior adviser to President Joe Biden, condemned the attack on the embassy."
    assert _statements(_extract(text)) == {(frozenset({"person:marklowe"}), "condemn")}


def test_a_states_export_data_is_not_its_voice() -> None:
    text = "Turkey has sold Azerbaijan armed drones, according to Turkish export data."
    assert _statements(_extract(text)) == set()


def test_recalling_an_envoy_in_protest_condemns() -> None:
    text = "Armenia recalled its ambassador to Israel in protest at the arms sales to Azerbaijan."
    assert (frozenset({"state:ARM"}), "condemn") in _statements(_extract(text))


def test_it_in_a_clause_below_a_body_is_that_body() -> None:
    text = "China's foreign ministry summoned the US envoy over what it called an irresponsible arms sale."
    assert (frozenset({"org:china-s-foreign-ministry"}), "condemn") in _statements(_extract(text))


def test_doing_whatever_it_takes_warns() -> None:
    text = "Israel's defence minister Yoav Gallant said Israel would do whatever it takes to defend itself."
    assert {stance for _, stance in _statements(_extract(text))} == {"warn"}


def test_a_report_that_found_a_supply_is_its_authors_allegation() -> None:
    text = "A report by a UN group of experts found that the Rwandan army had supplied the M23 rebels with weapons."
    assert {stance for _, stance in _statements(_extract(text))} == {"allege"}


def test_goods_that_found_their_way_somewhere_say_nothing() -> None:
    assert _statements(_extract("Serbian shells found their way to Ukraine through third countries.")) == set()


def test_fighters_backed_by_a_state_are_described_not_supported_in_a_statement() -> None:
    text = "The UN envoy said M23 fighters, backed by Rwandan troops, had entered Goma."
    assert all(stance != "support" for _, stance in _statements(_extract(text)))


def test_it_opening_a_sentence_is_the_body_that_spoke_before() -> None:
    text = (
        'Rwanda\'s foreign ministry said the fighting "poses a serious threat" to its security. '
        "It accused the Congolese army of fighting alongside the FDLR."
    )
    assert (frozenset({"org:rwanda-s-foreign-ministry"}), "allege") in _statements(_extract(text))


def test_a_surname_that_is_also_a_groups_name_ends_the_persons_name() -> None:
    text = "Congolese Foreign Minister Therese Kayikwamba Wagner urged the council to sanction Rwanda."
    assert _statements(_extract(text)) == {(frozenset({"person:theresekayikwambawagner"}), "call_on")}


def _people(text: str) -> set[str]:
    return {a.label for a in _extract(text).actors.values() if a.kind == "person"}


def test_an_ambassador_to_a_body_speaks_as_a_person_not_for_the_body() -> None:
    ex = _extract("Israel's ambassador to the UN, Gilad Erdan, called for new sanctions on Iran.")
    assert _statements(ex) == {(frozenset({"person:giladerdan"}), "call_on")}


def test_a_name_after_a_title_and_where_it_serves() -> None:
    assert _people("Then US ambassador to the United Nations Nikki Haley displayed the remains.") == {"Nikki Haley"}
    assert _people("The UN special coordinator for Lebanon, Jeanine Hennis-Plasschaert, urged calm.") == {
        "Jeanine Hennis-Plasschaert"
    }


def test_an_honorific_is_no_part_of_the_name() -> None:
    assert _people("Supreme Leader Ayatollah Ali Khamenei condemned the strike.") == {"Ali Khamenei"}
    assert _people("Its spokesman, Commodore Jay Tarriela, condemned the manoeuvres.") == {"Jay Tarriela"}


def test_a_title_and_surname_is_the_person_named_in_full_before() -> None:
    text = "Hikmet Hajiyev, an adviser to President Ilham Aliyev, spoke on Monday. President Aliyev praised the drones."
    assert _people(text) == {"Hikmet Hajiyev", "Ilham Aliyev"}


def test_a_capital_as_a_meeting_place_mentions_no_state() -> None:
    text = "Japan lodged a protest with Pyongyang through diplomatic channels in Beijing."
    assert "CHN" not in _states(_extract(text))
    assert "SYR" in _states(_extract("Israeli jets struck a building in Damascus on Monday."))


def test_a_dateline_with_an_agency_credit_names_no_state() -> None:
    text = "Nairobi (AFP) - At least 30 civilians were killed in drone strikes in Ethiopia, the UN said."
    assert "KEN" not in _states(_extract(text))


def test_a_titled_place_is_no_person() -> None:
    assert _people("Saudi air defences intercepted a missile over King Khalid International Airport.") == set()


def _orgs(text: str) -> set[str]:
    return {a.label for a in _extract(text).actors.values() if a.kind == "organization"}


def test_a_ministrys_portfolio_is_part_of_its_name() -> None:
    assert _orgs("Lebanon's Ministry of Public Health said 40 people were killed in Israeli strikes.") == {
        "Lebanon's Ministry of Public Health"
    }


def test_negated_phrases_are_not_matched_without_their_negation() -> None:
    assert _statements(_extract("Turkish drones played a decisive role in the Azerbaijani campaign.")) == set()


def test_what_a_speaker_hopes_others_do_is_not_their_stance() -> None:
    text = "Erdogan said he expected Russia and Iran to support Turkey's fight against terrorism."
    assert all(stance != "support" for _, stance in _statements(_extract(text)))


def test_committing_a_violation_is_no_commitment() -> None:
    text = "Iraq's prime minister said Turkish forces had committed a flagrant violation of Iraqi sovereignty."
    assert all(stance != "commit" for _, stance in _statements(_extract(text)))


def test_a_territorial_claim_is_no_allegation() -> None:
    assert _statements(_extract("Beijing claims almost the entire South China Sea.")) == set()


def test_a_means_clause_is_no_support() -> None:
    text = "The agency said the sale would serve US interests by supporting Taiwan's efforts to modernise its forces."
    assert _statements(_extract(text)) == set()


def test_intercepting_objects_over_ones_territory_admits_no_strike() -> None:
    text = "Jordan said its air defences had intercepted objects that entered its airspace overnight."
    assert _statements(_extract(text)) == set()


def test_a_quotation_mark_inside_a_phrase_does_not_hide_it() -> None:
    text = 'Hezbollah spokesman Ali Karim said the group would "respond" to the strike on Beirut.'
    assert {stance for _, stance in _statements(_extract(text))} == {"warn"}


def test_watching_with_concern_is_concern() -> None:
    text = 'Qatar said it was following developments "with great concern".'
    assert _statements(_extract(text)) == {(frozenset({"state:QAT"}), "concern")}


def test_a_list_the_parse_hangs_under_an_apposition_still_signs() -> None:
    text = "The US, Saudi Arabia, the United Arab Emirates and Egypt issued a joint statement calling for a truce."
    assert _statements(_extract(text)) == {(frozenset({"state:USA", "state:SAU", "state:ARE", "state:EGY"}), "call_on")}


def test_a_party_which_denies_something_denies_it() -> None:
    text = "Russia, which denies targeting civilians, did not comment on the attack."
    assert _statements(_extract(text)) == {(frozenset({"state:RUS"}), "deny")}


def test_accusing_a_party_of_aggression_also_condemns() -> None:
    text = "Cambodia's defence ministry accused Thailand of brutal military aggression."
    assert {stance for _, stance in _statements(_extract(text))} == {"allege", "condemn"}


def test_saying_a_party_must_stop_calls_on_it() -> None:
    text = "Russia must withdraw its troops from Ukrainian territory, the European Union said."
    assert _statements(_extract(text)) == {(frozenset({"org:european-union"}), "call_on")}
    assert _statements(_extract("Russia withdrew its troops from Kherson.")) == set()


def test_a_backer_named_before_a_group_does_not_speak_for_it() -> None:
    text = "The Iran-backed Houthi militia claimed the attack within hours."
    assert _statements(_extract(text)) == {(frozenset({"org:houthis"}), "admit")}


def test_a_qualified_plural_is_not_the_group_named_before() -> None:
    text = "France, Germany and Italy issued a joint statement. Western governments have pledged more air defence."
    assert _statements(_extract(text)) == set()


def test_declining_to_confirm_confirms_nothing() -> None:
    assert _statements(_extract("Pakistan's foreign office declined to confirm the strikes in Afghanistan.")) == set()


def test_a_pledge_that_documents_suggest_is_no_commitment() -> None:
    text = "Leaked documents suggested that Belgrade had agreed to provide lethal aid to Kyiv."
    assert _statements(_extract(text)) == set()


def test_not_ruling_out_a_supply_denies_nothing() -> None:
    text = "President Yoon Suk Yeol said South Korea does not rule out providing weapons to Ukraine."
    assert all(stance != "deny" for _, stance in _statements(_extract(text)))


def test_unnamed_officials_beside_a_named_body_add_no_state() -> None:
    text = (
        "Israeli jets struck the T4 airbase in Homs province, according to the Israeli military and Syrian officials."
    )
    assert all("state:SYR" not in speakers for speakers, _ in _statements(_extract(text)))


def test_a_spokesperson_of_an_unnamed_ministry_speaks_with_their_state() -> None:
    text = "Foreign ministry spokeswoman Maria Zakharova urged the sides to stop the bloodshed."
    assert _statements(_extract(text)) == {(frozenset({"state:RUS", "person:mariazakharova"}), "call_on")}


def test_calling_ones_operation_a_success_admits_it() -> None:
    text = "President Donald Trump called the operation a spectacular military success."
    assert _statements(_extract(text)) == {(frozenset({"person:donaldtrump"}), "admit")}


def test_having_no_intention_denies() -> None:
    text = "Ethiopia has no intention of invading any country, Prime Minister Abiy Ahmed said."
    assert {stance for _, stance in _statements(_extract(text))} == {"deny"}


def test_conveying_concerns_is_concern() -> None:
    text = "Japan's chief cabinet secretary said Japan had conveyed its concerns to China."
    assert {stance for _, stance in _statements(_extract(text))} == {"concern"}


def test_a_resolution_a_body_adopted_speaks_for_it() -> None:
    text = "The UN Security Council adopted a resolution condemning the offensive and calling on Rwanda to withdraw."
    assert {stance for _, stance in _statements(_extract(text))} == {"condemn", "call_on"}


def test_calling_strikes_executions_or_a_threat_condemns() -> None:
    assert _statements(_extract("Venezuela has called the strikes extrajudicial executions.")) == {
        (frozenset({"state:VEN"}), "condemn")
    }
    text = "President Nicolas Maduro described the deployment as the greatest threat the continent has faced."
    assert {stance for _, stance in _statements(_extract(text))} == {"condemn"}


def test_a_body_no_lexicon_lists_is_named_by_its_capitals_and_acronym() -> None:
    text = (
        "The National Council for the Safeguard of the Homeland (CNSP) hailed the departure of French troops. "
        "The CNSP also condemned the sanctions."
    )
    speakers = {s for statement_speakers, _ in _statements(_extract(text)) for s in statement_speakers}
    assert speakers == {"org:national-council-for-the-safeguard-of-the-homeland"}


def test_a_news_agency_is_no_body() -> None:
    assert _orgs("The Korean Central News Agency said the launch was a success.") == set()


def test_describing_drills_as_a_warning_warns() -> None:
    text = "The PLA Eastern Theater Command described the drills as a stern warning to separatists."
    assert _statements(_extract(text)) == {(frozenset({"org:eastern-theater-command"}), "warn")}


def test_declaring_a_state_an_aggressor_condemns() -> None:
    text = "Sudan's Security and Defense Council declared the UAE an aggressor state."
    assert {stance for _, stance in _statements(_extract(text))} == {"condemn"}


def test_a_military_named_as_the_text_names_it() -> None:
    military = _extract("The Thai military said its jets struck two positions in Cambodia.")
    forces = _extract("Sudan's armed forces said they had retaken the city of Wad Madani.")
    assert {(a.key, a.label, a.affiliation) for a in military.actors.values() if a.kind == "organization"} == {
        ("org:thai-military", "Thai military", "state:THA")
    }
    assert {a.label for a in forces.actors.values() if a.kind == "organization"} == {"Sudanese Armed Forces"}


def test_an_official_of_unsaid_state_speaking_for_one_state_is_its_voice() -> None:
    text = "Defence Minister Yassin Ibrahim said Sudan would respond to the aggression by all means."
    assert _statements(_extract(text)) == {(frozenset({"person:yassinibrahim"}), "warn")}
    text = "A UN group of experts said Sudan would respond to the aggression."
    assert _statements(_extract(text)) == {(frozenset({"state:SDN"}), "warn")}  # a body is no official


def test_appalled_or_horrified_by_an_attack_condemns() -> None:
    text = "Britain's prime minister Keir Starmer said he was appalled by the strikes on Kyiv."
    assert {stance for _, stance in _statements(_extract(text))} == {"condemn"}
    text = "Foreign Minister Penny Wong said she was horrified by the attack."
    assert {stance for _, stance in _statements(_extract(text))} == {"condemn"}


def test_claiming_ones_own_strike_admits_it() -> None:
    text = "Russia's defence ministry claimed it had carried out a massive strike on Ukraine's arms plants."
    assert {stance for _, stance in _statements(_extract(text))} == {"admit"}
    text = "Russia's defence ministry claimed Ukraine had carried out a strike on a Russian airfield."
    assert {stance for _, stance in _statements(_extract(text))} == {"allege"}


def test_a_vow_threatens_unless_it_pledges_a_supply() -> None:
    text = "Houthi leader Abdul Malik al-Houthi vowed to keep up attacks on Israel."
    assert {stance for _, stance in _statements(_extract(text))} == {"warn"}
    text = "China vowed resolute countermeasures over the sale."
    assert _statements(_extract(text)) == {(frozenset({"state:CHN"}), "warn")}
    text = "Germany vowed to send more air defence systems to Ukraine."
    assert {stance for _, stance in _statements(_extract(text))} == {"commit"}


def test_a_pledge_of_attacks_warns_but_one_of_arms_against_attacks_commits() -> None:
    text = "Israel promised to strike back at Iran."
    assert {stance for _, stance in _statements(_extract(text))} == {"warn"}
    text = "Germany pledged to send Patriot systems to Ukraine to repel Russian drone attacks."
    assert {stance for _, stance in _statements(_extract(text))} == {"commit"}


def test_a_listed_persons_nickname_is_the_same_person() -> None:
    text = "RSF commander Mohamed Hamdan Dagalo, widely known as Hemedti, said his forces would return."
    assert {a.key for a in _extract(text).actors.values() if a.kind == "person"} == {"person:mohamedhamdandagalo"}


def test_his_country_in_a_speakers_clause_is_the_speakers_side() -> None:
    text = "Qatar's prime minister Mohammed bin Abdulrahman Al Thani said his country reserved the right to respond."
    assert _statements(_extract(text)) == {(frozenset({"person:mohammedbinabdulrahmanalthani"}), "warn")}


def test_a_reprisal_to_come_in_a_speakers_clause_warns() -> None:
    text = '"If attacks on our territory continue, our responses will be harsh," Vladimir Putin said.'
    assert _statements(_extract(text)) == {(frozenset({"person:vladimirputin"}), "warn")}
    text = "Supreme Leader Ali Khamenei said Israel will be punished."
    assert _statements(_extract(text)) == {(frozenset({"person:alikhamenei"}), "warn")}
    text = "The Pentagon said its response to the attack was measured."
    assert _statements(_extract(text)) == set()


def test_a_title_and_name_in_apposition_before_the_verb_speak() -> None:
    text = "The Labour leader, Jeremy Corbyn, called on ministers to halt the sales."
    assert _statements(_extract(text)) == {(frozenset({"person:jeremycorbyn"}), "call_on")}


def test_the_head_of_an_international_body_speaks_alone_its_spokesperson_with_it() -> None:
    text = "UN Secretary-General Antonio Guterres condemned the attack."
    assert _statements(_extract(text)) == {(frozenset({"person:antonioguterres"}), "condemn")}
    text = "UN spokesperson Stephane Dujarric condemned the attack."
    assert _statements(_extract(text)) == {(frozenset({"org:united-nations", "person:stephanedujarric"}), "condemn")}


def test_what_a_question_concerns_is_no_concern() -> None:
    text = "Foreign ministry spokesman Geng Shuang said the Taiwan question concerns China's sovereignty."
    assert all(stance != "concern" for _, stance in _statements(_extract(text)))
    text = "Japan said it was concerned by the drills."
    assert _statements(_extract(text)) == {(frozenset({"state:JPN"}), "concern")}


def test_who_a_relative_clause_names_beside_a_speaker_does_not_speak() -> None:
    text = (
        "Defence Minister Khawaja Asif, who led the Pakistani delegation along with ISI chief "
        "Lt Gen Asim Malik, confirmed the agreement in a post on X."
    )
    assert {k for s, _ in _statements(_extract(text)) for k in s} == {"person:khawajaasif"}


def test_an_attack_in_a_condition_is_no_admission() -> None:
    text = "President Nicolas Maduro has said that if Venezuela were attacked, he would declare a republic in arms."
    assert _statements(_extract(text)) == set()


def test_the_kremlin_speaks_as_itself_with_its_spokesman() -> None:
    text = "Kremlin spokesman Dmitry Peskov called reports of North Korean arms supplies unfounded."
    assert _statements(_extract(text)) == {(frozenset({"org:kremlin", "person:dmitrypeskov"}), "deny")}
    ex = _extract("The Kremlin accused Kyiv of shelling Belgorod.")
    assert ex.actors["org:kremlin"].affiliation == "state:RUS"


def test_the_groups_spokesman_serves_the_group_named_before() -> None:
    text = "Hezbollah fired rockets at Israel. Ali Hassan, the group's spokesman, said the attacks would continue."
    assert _extract(text).actors["person:alihassan"].affiliation == "org:hezbollah"


def test_an_official_of_unsaid_state_announcing_a_states_delivery_commits_it() -> None:
    text = "Foreign Minister Catherine Colonna announced that Paris had agreed to deliver armoured vehicles to Armenia."
    assert _statements(_extract(text)) == {(frozenset({"person:catherinecolonna"}), "commit")}


def test_financing_a_package_commits_and_committing_an_attack_does_not() -> None:
    text = "Denmark, Norway and Sweden said they would jointly finance a second package for Ukraine."
    assert _statements(_extract(text)) == {(frozenset({"state:DNK", "state:NOR", "state:SWE"}), "commit")}
    assert _statements(_extract("Russia committed an attack on Kyiv.")) == set()


def test_countries_listed_between_dashes_all_speak() -> None:
    text = (
        "The five participating countries -- South Korea, the United States, Japan, Australia and Canada -- "
        "said the cooperation violated Security Council resolutions."
    )
    speakers = {k for s, _ in _statements(_extract(text)) for k in s}
    assert speakers == {"state:KOR", "state:USA", "state:JPN", "state:AUS", "state:CAN"}


def test_a_source_line_with_a_clause_is_content_and_sir_is_an_honorific() -> None:
    text = (
        "Source: UK Defence Secretary Ben Wallace, speaking in the House of Commons on Thursday\n\n"
        "The decision was irrational, Sir Terence Etherton said.\n\nSource: Reuters"
    )
    people = {a.label for a in _extract(text).actors.values() if a.kind == "person"}
    assert people == {"Ben Wallace", "Terence Etherton"}


def test_a_claim_of_no_ones_act_alleges_nothing() -> None:
    text = "Speaking at the White House, President Donald Trump claimed that no Americans had been harmed."
    assert _statements(_extract(text)) == set()
    text = "Ukraine's air force claimed that Russia had fired 88 missiles at Ukrainian cities."
    assert {stance for _, stance in _statements(_extract(text))} == {"allege"}


def test_what_an_unnamed_official_says_a_state_did_is_no_statement_of_the_state() -> None:
    text = "A US official said Washington had not been informed of the strike and had no involvement in it."
    assert _statements(_extract(text)) == set()


def test_a_phone_call_on_a_day_calls_on_no_one() -> None:
    text = "Chancellor Olaf Scholz spoke to President Volodymyr Zelenskyy in a phone call on Monday."
    assert _statements(_extract(text)) == set()
    text = "China called on both sides to exercise restraint."
    assert _statements(_extract(text)) == {(frozenset({"state:CHN"}), "call_on")}


def test_a_long_title_before_a_comma_still_names_the_official_after_it() -> None:
    text = (
        "The acting head of the UN Support Mission in Libya (UNSMIL), Stephanie Williams, told the "
        "Security Council that the conflict had seen an alarming influx of weapons."
    )
    assert "person:stephaniewilliams" in _extract(text).actors


def test_a_stance_after_comma_and_is_the_reporters_not_the_reported_subjects() -> None:
    text = "Defence Minister Anna Berg said Royal Air Force jets had downed Iranian drones, and condemned the attack."
    assert _statements(_extract(text)) == {(frozenset({"person:annaberg"}), "condemn")}


def test_naming_an_act_a_mistake_or_its_sanctions_hypocrisy_condemns() -> None:
    called = "Foreign ministry spokesman Omar Haddad called the air strikes a grave strategic mistake."
    assert _statements(_extract(called)) == {(frozenset({"person:omarhaddad"}), "condemn")}
    judged = "Foreign Minister Anna Berg said the new sanctions were a manifestation of hypocrisy."
    assert _statements(_extract(judged)) == {(frozenset({"person:annaberg"}), "condemn")}


def test_exacting_a_price_and_a_reprisal_no_one_escapes_warn() -> None:
    price = "The defence minister, Yosef Adler, said Israel would exact a heavy price from Hezbollah."
    assert _statements(_extract(price)) == {(frozenset({"person:yosefadler"}), "warn")}
    revenge = "Hezbollah said the assassination will not pass without revenge."
    assert _statements(_extract(revenge)) == {(frozenset({"org:hezbollah"}), "warn")}
    plain = "Hezbollah said the assassination will not pass."
    assert _statements(_extract(plain)) == set()


def test_a_bodys_members_are_the_body() -> None:
    text = "The G7 said its members stood ready to take further measures against North Korea."
    g7 = frozenset({"state:USA", "state:GBR", "state:FRA", "state:DEU", "state:ITA", "state:CAN", "state:JPN"})
    assert _statements(_extract(text)) == {(g7, "warn")}


def test_insisting_on_a_day_that_reports_and_calls_on_no_one() -> None:
    text = "Foreign Minister Anna Berg insisted on Tuesday that the army had acted lawfully."
    assert all(stance != "call_on" for _, stance in _statements(_extract(text)))
    urged = "Foreign Minister Anna Berg called on Tuesday for an inquiry into the attack."
    assert _statements(_extract(urged)) == {(frozenset({"person:annaberg"}), "call_on")}


def test_a_un_rapporteur_reports_as_an_observer() -> None:
    for text in (
        "Lena Hart, the UN special rapporteur on Myanmar, said China had sold fighter jets to Myanmar.",
        "UN Special Rapporteur Lena Hart said China had sold fighter jets to Myanmar.",
    ):
        ex = _extract(text)
        assert _statements(ex) == {(frozenset({"person:lenahart"}), "allege")}
        assert ex.actors["person:lenahart"].affiliation == "org:united-nations"


def test_a_stance_after_comma_and_on_a_clause_whose_subject_names_no_one() -> None:
    text = (
        "Poland's foreign ministry spokesman Jan Nowak said that the footage confirmed Minsk's role, "
        "and called on Belarus to close its airspace."
    )
    assert (frozenset({"org:poland-s-foreign-ministry", "person:jannowak"}), "call_on") in _statements(_extract(text))


def test_a_party_that_must_act_is_called_on_unless_it_is_the_speakers_own() -> None:
    other = "Sweden's Foreign Minister Anna Berg said Russia must pay for the damage."
    assert _statements(_extract(other)) == {(frozenset({"person:annaberg"}), "call_on")}
    own = "Sweden's Foreign Minister Anna Berg said Sweden must defend itself."
    assert _statements(_extract(own)) == set()
    conditional = "Sweden's Foreign Minister Anna Berg said that if Russia must pay, it will."
    assert _statements(_extract(conditional)) == set()


def test_judging_deaths_unacceptable_or_disturbing_and_expecting_an_inquiry() -> None:
    deaths = "Prime Minister Mark Rutte said the deaths were completely unacceptable."
    assert _statements(_extract(deaths)) == {(frozenset({"person:markrutte"}), "condemn")}
    described = "President Bola Tinubu described the bombing as deeply disturbing."
    assert _statements(_extract(described)) == {(frozenset({"person:bolatinubu"}), "concern")}
    expected = "Prime Minister Mark Rutte said the Netherlands expected a full and transparent investigation."
    assert _statements(_extract(expected)) == {(frozenset({"person:markrutte"}), "call_on")}
    saddened = "Prime Minister Mark Rutte said he was shocked and saddened by the deaths."
    assert _statements(_extract(saddened)) == {(frozenset({"person:markrutte"}), "concern")}


def test_an_international_bodys_official_named_under_for_speaks_alone() -> None:
    text = "U.N. Special Coordinator for Iraq Maria Lindqvist described the clashes as deeply concerning."
    assert _statements(_extract(text)) == {(frozenset({"person:marialindqvist"}), "concern")}


def test_stressing_the_importance_of_a_step_calls_for_it() -> None:
    text = "Minister Anna Berg spoke with her Polish counterpart and stressed the importance of close coordination."
    assert _statements(_extract(text)) == {(frozenset({"person:annaberg"}), "call_on")}


def test_a_stance_joined_without_a_comma_to_a_passive_report_is_the_reporters() -> None:
    text = "Governor Pavel Orlov said the port had been hit by a drone and urged residents to stay indoors."
    assert (frozenset({"person:pavelorlov"}), "call_on") in _statements(_extract(text))


def test_a_spokesman_asked_about_something_calls_on_no_one_and_denies_what_he_rejects() -> None:
    text = "Kremlin spokesman Dmitry Peskov, asked about the grain curbs, said the ban had nothing to do with politics."
    assert _statements(_extract(text)) == {(frozenset({"org:kremlin", "person:dmitrypeskov"}), "deny")}
    background = '"It has been blocked for reasons that have nothing to do with Kyiv," Josep Borrell told reporters.'
    assert all(stance != "deny" for _, stance in _statements(_extract(background)))


def test_asking_how_or_whether_is_a_question_not_a_call() -> None:
    question = "Former President Dmitry Medvedev asked how South Koreans would feel about Russian arms in Pyongyang."
    assert _statements(_extract(question)) == set()
    request = "Former President Dmitry Medvedev asked Seoul to stop arming Kyiv."
    assert _statements(_extract(request)) == {(frozenset({"person:dmitrymedvedev"}), "call_on")}


def test_a_subject_the_parse_hangs_on_a_fronted_place_still_speaks() -> None:
    text = "In Tehran, Iran's Foreign Ministry condemned Thursday's strike on the port."
    assert _statements(_extract(text)) == {(frozenset({"org:iran-s-foreign-ministry"}), "condemn")}


def test_a_charge_the_speaker_repeats_in_a_relative_clause_is_the_speakers() -> None:
    text = "Spokesman Omar Saleh said the system had been supplied by Egypt, which he accused of arming the militias."
    assert (frozenset({"person:omarsaleh"}), "allege") in _statements(_extract(text))
    claim = "President Omar Saleh said Chad had received missiles, some of which he claimed were very powerful."
    assert all(stance != "allege" for _, stance in _statements(_extract(claim)))


def test_a_judgment_of_something_else_in_the_phrase_is_not_the_speakers() -> None:
    response = "Britain said it supported a strike it described as an appropriate response to a barbaric attack."
    assert all(stance != "condemn" for _, stance in _statements(_extract(response)))
    violation = "Foreign Minister Anna Berg described the strike as a violation of international law."
    assert _statements(_extract(violation)) == {(frozenset({"person:annaberg"}), "condemn")}


def test_a_named_spokesman_who_reports_his_principal_speaks_with_him() -> None:
    text = "Secretary-General Antonio Guterres called for restraint, his spokesman Stephane Dujarric said."
    pair = frozenset({"person:antonioguterres", "person:stephanedujarric"})
    assert _statements(_extract(text)) == {(pair, "call_on")}
    unnamed = "Secretary-General Antonio Guterres called for restraint, his spokesman said."
    assert _statements(_extract(unnamed)) == {(frozenset({"person:antonioguterres"}), "call_on")}


def test_regarding_an_act_as_aggression_condemns_it() -> None:
    text = "President Vladimir Putin regards the strike as aggression against a sovereign state."
    assert _statements(_extract(text)) == {(frozenset({"person:vladimirputin"}), "condemn")}


def test_a_monitor_based_in_a_state_speaks_for_no_state() -> None:
    text = "Air strikes hit villages in Syria, according to the UK-based Syrian Observatory for Human Rights."
    assert _statements(_extract(text)) == set()


def test_the_subject_a_headline_parse_hangs_on_as_still_speaks() -> None:
    text = 'Egypt airlifts weapons to Mogadishu as Ethiopia warns it "cannot stand idly by"'
    assert _statements(_extract(text)) == {(frozenset({"state:ETH"}), "warn")}


def test_a_relative_named_with_the_one_related_speaks_alone() -> None:
    text = "Kim Jong Un oversaw the drill. Later, Kim's sister Kim Yo Jong issued a statement denouncing the drill."
    assert _statements(_extract(text)) == {(frozenset({"person:kimyojong"}), "condemn")}


def test_a_quarrel_is_no_denial_and_siding_with_supports() -> None:
    assert _statements(_extract("Egypt, locked in a dispute with Ethiopia, condemned the deal.")) == {
        (frozenset({"state:EGY"}), "condemn")
    }
    assert _statements(_extract("Egypt quickly sided with Somalia.")) == {(frozenset({"state:EGY"}), "support")}
    assert _statements(_extract("Ethiopia disputed the claims.")) == {(frozenset({"state:ETH"}), "deny")}


def test_a_claim_about_another_party_alone_alleges() -> None:
    other = "White House spokesman John Kirby claimed that Iranian military personnel were present in Crimea."
    assert _statements(_extract(other)) == {(frozenset({"org:white-house", "person:johnkirby"}), "allege")}
    own = "President Donald Trump claimed that no Americans had been harmed."
    assert _statements(_extract(own)) == set()
    unknown = "Trump claimed that no Americans had been harmed."  # a speaker of no known side claims nothing
    assert _statements(_extract(unknown)) == set()


def test_refusing_to_send_war_material_denies() -> None:
    text = "Ecuador's Foreign Minister Ana Ruiz said Ecuador would not send war material to any country at war."
    assert (frozenset({"person:anaruiz"}), "deny") in _statements(_extract(text))


def test_a_states_army_named_again_is_the_armed_forces_it_named_before() -> None:
    text = (
        "The Sudanese Armed Forces (SAF) used drones against the RSF. "
        "A senior Sudanese army source denied that Iran supplied the Sudanese military with drones."
    )
    assert (frozenset({"org:sudanese-armed-forces"}), "deny") in _statements(_extract(text))


def test_state_medias_names_for_israel_name_israel() -> None:
    ex = _extract("Hezbollah fired rockets at the Zionist entity.")
    assert _strikes(ex) == {("org:hezbollah", "ISR", "rocket artillery")}
    assert "ISR" in _states(_extract("Tehran condemned the Zionist regime's strike on Beirut."))


def test_names_with_a_particle_or_a_quoted_nickname() -> None:
    particle = _extract("Pakistan's Ambassador to China Moin ul Haque said the frigates would help.")
    assert "person:moinulhaque" in particle.actors
    nickname = _extract('Drone forces commander Robert "Magyar" Brovdi said Ukrainian drones had hit the pipeline.')
    assert "person:robertbrovdi" in nickname.actors


def test_he_in_a_clause_below_a_named_persons_clause_is_that_person() -> None:
    text = (
        "Spokesman Guo Jiakun condemned the sale. Days later, Defence Secretary Pete Hegseth visited Manila, "
        "where he told his counterpart that Washington would deploy more missiles to the Philippines."
    )
    assert (frozenset({"person:petehegseth"}), "commit") in _statements(_extract(text))
    joined = "President Trump spoke. Assad, he said, had used a nerve agent, and he called on all nations to act."
    assert (frozenset({"person:trump"}), "call_on") in _statements(_extract(joined))


def test_we_will_harm_them_warns_and_sanctions_harming_civilians_do_not() -> None:
    text = '"Whoever harms us, we will harm him sevenfold," Defence Minister Yosef Adler said.'
    assert _statements(_extract(text)) == {(frozenset({"person:yosefadler"}), "warn")}
    harm = "Foreign Minister Anna Berg said the sanctions would harm civilians."
    assert _statements(_extract(harm)) == set()
    defend = '"We do not seek war, but will defend ourselves against any aggression," Foreign Minister Ali Rezaei said.'
    assert _statements(_extract(defend)) == {(frozenset({"person:alirezaei"}), "warn")}


def test_both_countries_are_the_two_states_the_article_names_most() -> None:
    text = (
        "Ukraine says North Korea has shipped shells to Russia. Russia and North Korea signed a defence pact "
        "in June, and Russia has hosted North Korean officers since. Both countries have rejected the accusations."
    )
    assert (frozenset({"state:RUS", "state:PRK"}), "deny") in _statements(_extract(text))


def test_both_countries_name_no_one_when_the_article_names_no_clear_pair() -> None:
    text = "Ukraine, Russia and Belarus met in Minsk. Both countries have rejected the accusations."
    assert not any(stance == "deny" for _, stance in _statements(_extract(text)))


def test_a_stance_in_a_where_clause_goes_on_with_the_story() -> None:
    text = "The fighting began while Foreign Minister Sergei Lavrov was on a visit to India, where he warned Ukraine."
    assert _statements(_extract(text)) == {(frozenset({"person:sergeilavrov"}), "warn")}
    background = "Russia, which warned Ukraine last year, said the talks would go on."
    assert (frozenset({"state:RUS"}), "warn") not in _statements(_extract(background))


def test_a_side_saying_its_own_attacks_will_go_on_warns() -> None:
    text = "Houthi spokesman Yahya Saree said the Houthis' attacks on Israeli ships would continue."
    assert (frozenset({"org:houthis", "person:yahyasaree"}), "warn") in _statements(_extract(text))
    other = "Ukraine's foreign minister said Russian attacks on Ukrainian cities would continue."
    assert not any(stance == "warn" for _, stance in _statements(_extract(other)))


def test_an_official_of_no_known_side_alleges_no_strike_in_an_until_clause() -> None:
    text = "Residents will stay until the attacks on Kharkiv are over, Mayor Ihor Terekhov said."
    assert _statements(_extract(text)) == set()


@pytest.mark.parametrize(
    "text",
    [
        "Latvia's president Edgars Rinkevics said the new missile bases posed a serious threat to the Baltic states.",
        'Defence Minister Andris Spruds said he was "deeply disheartened" by the decision.',
    ],
)
def test_a_danger_to_the_speakers_side_or_dismay_voices_concern(text: str) -> None:
    assert {stance for _, stance in _statements(_extract(text))} == {"concern"}


def test_a_bodys_title_without_a_name_is_the_person_named_with_it() -> None:
    text = (
        "NATO Secretary-General Mark Rutte visited Kyiv on Monday. "
        "The NATO secretary-general called for more air defence systems for Ukraine."
    )
    assert _statements(_extract(text)) == {(frozenset({"person:markrutte"}), "call_on")}


def test_a_title_without_a_name_is_the_person_whose_title_names_the_same_office() -> None:
    text = (
        "Secretary of State Marco Rubio visited Kyiv on Monday. The US foreign minister condemned the Russian strikes."
    )
    assert (frozenset({"person:marcorubio"}), "condemn") in _statements(_extract(text))


def test_a_bodys_chief_is_the_person_who_heads_it() -> None:
    text = "Antonio Guterres visited Kyiv on Monday. The UN chief called for an immediate halt to the fighting."
    assert _statements(_extract(text)) == {(frozenset({"person:antonioguterres"}), "call_on")}
    leader = "President Emmanuel Macron visited Kyiv. The French leader condemned the strikes."
    assert _statements(_extract(leader)) == {(frozenset({"person:emmanuelmacron"}), "condemn")}


def test_the_government_is_the_state_the_last_sentence_was_about() -> None:
    text = "Mali cut ties with Ukraine on Sunday. The government accused Kyiv of backing the rebels."
    assert (frozenset({"state:MLI"}), "allege") in _statements(_extract(text))


@pytest.mark.parametrize(
    "text",
    [
        "Georgia's defence ministry reported heavy fighting. Its spokeswoman, Nino Beridze, condemned the shelling.",
        "Georgia's defence ministry summoned the envoy. Ministry spokeswoman Nino Beridze condemned the shelling.",
    ],
)
def test_a_spokesperson_named_without_the_body_speaks_with_it(text: str) -> None:
    assert _statements(_extract(text)) == {
        (frozenset({"org:georgia-s-defence-ministry", "person:ninoberidze"}), "condemn")
    }


def test_a_stance_verb_the_parse_reads_as_a_noun_still_speaks() -> None:
    text = "Iran reserves all options to defend its sovereignty."
    assert _statements(_extract(text)) == {(frozenset({"state:IRN"}), "warn")}


@pytest.mark.parametrize(
    "text",
    [
        "Norway's defence minister Tore Sandvik said Oslo would fund two more air defence batteries for Kyiv.",
        "Norway announced on Monday that it would finance a winter aid package for the Ukrainian army.",
        '"We will send engineers to train the Ukrainian crews," Norwegian defence minister Tore Sandvik said.',
    ],
)
def test_a_speaker_saying_its_own_side_will_give_aid_commits(text: str) -> None:
    assert {stance for _, stance in _statements(_extract(text))} == {"commit"}


@pytest.mark.parametrize(
    "text",
    [
        "Norwegian defence minister Tore Sandvik said Oslo would not fund more air defence batteries for Kyiv.",
        "Norwegian defence minister Tore Sandvik said Sweden would fund two air defence batteries for Kyiv.",
        "Norwegian defence minister Tore Sandvik asked whether Oslo would fund more air defence batteries for Kyiv.",
    ],
)
def test_a_refused_conditional_or_anothers_pledge_is_not_the_speakers(text: str) -> None:
    assert "commit" not in {stance for _, stance in _statements(_extract(text))}


def test_a_stance_word_deep_inside_a_condition_states_nothing() -> None:
    text = (
        "Estonia's defence minister Hanno Pevkur warned Minsk that it would pay a heavy price "
        "if it let foreign troops cross the border and endanger Estonia's security."
    )
    assert {stance for _, stance in _statements(_extract(text))} == {"warn"}


@pytest.mark.parametrize(
    "text",
    [
        "Sudan's army accused the UAE of arming the Rapid Support Forces, a charge Abu Dhabi has denied.",
        "Ukraine accused the UAE of supplying Russia with drones, a claim Abu Dhabi has repeatedly rejected.",
    ],
)
def test_the_actor_between_a_trailing_charge_and_its_denial_denies(text: str) -> None:
    deniers = {speakers for speakers, stance in _statements(_extract(text)) if stance == "deny"}
    assert deniers == {frozenset({"state:ARE"})}


def test_a_side_that_will_deliver_a_protest_pledges_no_aid() -> None:
    text = "Latvia's foreign ministry said it would summon the Russian envoy in Riga to deliver a formal protest."
    assert "commit" not in {stance for _, stance in _statements(_extract(text))}


@pytest.mark.parametrize(
    "text",
    [
        "Estonia's foreign minister Margus Tsahkna said Russia's nuclear rhetoric was dangerous and irresponsible.",
        "Estonia's foreign minister Margus Tsahkna said the Russian incursion was a reckless provocation.",
    ],
)
def test_judging_a_sides_words_or_moves_condemns(text: str) -> None:
    assert "condemn" in {stance for _, stance in _statements(_extract(text))}


def test_a_spokesman_saying_the_groups_attacks_will_go_on_warns() -> None:
    text = (
        "The Houthis struck a tanker on Monday. Houthi negotiator Mohammed Abdulsalam said the group's attacks "
        "on Israeli ships would continue."
    )
    assert (frozenset({"org:houthis", "person:mohammedabdulsalam"}), "warn") in _statements(_extract(text))


def test_a_body_named_again_by_the_opening_of_its_name_speaks() -> None:
    text = (
        "The General Staff of the Armed Forces of Ukraine said its drones had hit a refinery in Russia. "
        '"We will keep striking the plants that fuel the Russian army," the General Staff said.'
    )
    staff = frozenset({"org:general-staff-of-the-armed-forces-of-ukraine"})
    assert _statements(_extract(text)) == {(staff, "admit"), (staff, "warn")}


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        (
            "Norway struck rebel camps in Mali on Monday. Norway's defence ministry said in a statement that "
            "seven sites used by the rebels had been struck.",
            "org:norway-s-defence-ministry",
        ),
        (
            "Norway struck rebel camps in Mali on Monday. Norway's defence minister Tore Sandvik said the mission had "
            "crippled the rebels' supply lines.",
            "person:toresandvik",
        ),
        (
            "Norway struck rebel camps in Mali on Monday. Norway's defence minister Tore Sandvik has said that the "
            "operations target only armed groups.",
            "person:toresandvik",
        ),
        (
            "Norwegian jets struck rebel camps in Mali on Monday. The Norwegian army's Joint Operational Command "
            "said it had hit a depot used by the rebels.",
            "org:joint-operational-command",
        ),
    ],
)
def test_a_side_speaking_of_what_its_strike_did_admits_it(text: str, speaker: str) -> None:
    assert (frozenset({speaker}), "admit") in _statements(_extract(text))


@pytest.mark.parametrize(
    "text",
    [
        "Russia struck Kyiv overnight. Ukraine's air force said energy facilities had been struck.",
        "Norway struck rebel camps in Mali on Monday. Norway's defence ministry said the attack on its base in "
        "Gao had been carried out by the rebels.",
    ],
)
def test_a_strike_said_to_be_someone_elses_is_not_admitted(text: str) -> None:
    assert "admit" not in {stance for _, stance in _statements(_extract(text))}


def test_a_sentence_inside_a_quote_another_sentence_opened_is_the_quoted_speakers() -> None:
    text = (
        "“We condemn the attack,” Latvia's ambassador Andris Kalnins told the council. “These strikes threaten "
        "every member state. It is vital that the council holds Moscow to account for these crimes.”"
    )
    statements = _statements(_extract(text))
    assert (frozenset({"person:andriskalnins"}), "call_on") in statements
    assert all("org:un-security-council" not in speakers for speakers, _ in statements)


def test_a_quote_its_paragraph_never_closes_carries_no_speaker_on() -> None:
    text = (
        '"We act within the law," Latvian defence ministry spokesman Andris Kalnins told reporters. "We never '
        "sold arms to either side.The sale of drones to Belarus was a reckless provocation, critics wrote later."
    )
    assert "condemn" not in {stance for _, stance in _statements(_extract(text))}


def test_a_spokeswoman_saying_her_office_is_concerned_speaks_with_the_office() -> None:
    text = (
        "The UN human rights office said it had received reports of air strikes. Its spokeswoman, Anna Berg, said "
        'the office was "deeply concerned" by the deteriorating situation and urged the Ethiopian authorities to stop '
        "mass arrests."
    )
    assert (frozenset({"org:un-human-rights-office", "person:annaberg"}), "concern") in _statements(_extract(text))


def test_both_governments_are_states_not_a_body_and_its_spokeswoman() -> None:
    text = (
        "Ethiopia and Eritrea fought a border war. The UN human rights office said it had received reports of air "
        'strikes. Its spokeswoman, Anna Berg, said the office was "deeply concerned" by the situation and urged '
        "the authorities to stop mass arrests. Both governments denied for months that Eritrean troops were there."
    )
    deniers = {speakers for speakers, stance in _statements(_extract(text)) if stance == "deny"}
    assert deniers == {frozenset({"state:ETH", "state:ERI"})}


def test_a_clause_a_parenthetical_he_said_interrupts_is_his() -> None:
    text = "Chad's defence minister Idriss Kaya spoke on television. Chad, he said, would respond to the aggression."
    assert _statements(_extract(text)) == {(frozenset({"person:idrisskaya"}), "warn")}


def test_a_foreign_ministry_spokeswoman_is_not_the_defence_ministry_named_before() -> None:
    text = (
        "Azerbaijan's defence ministry said Armenian forces had shelled Ganja. Foreign ministry spokeswoman "
        "Anna Petrosyan said the continued supply of Israeli weapons to Azerbaijan was unacceptable."
    )
    speakers = {s for s, stance in _statements(_extract(text)) if stance == "condemn"}
    assert speakers == {frozenset({"person:annapetrosyan"})}


@pytest.mark.parametrize(
    "text",
    [
        "Chad's defence minister Idriss Kaya said Chad had every right to respond to the aggression.",
        "Chad's defence minister Idriss Kaya told reporters that Chad was willing and able to confront the rebels.",
    ],
)
def test_a_side_ready_for_a_reprisal_warns(text: str) -> None:
    assert (frozenset({"person:idrisskaya"}), "warn") in _statements(_extract(text))


def test_a_side_ready_to_respond_to_questions_threatens_no_one() -> None:
    text = "Chad's defence minister Idriss Kaya said Chad was ready to respond to questions from lawmakers."
    assert "warn" not in {stance for _, stance in _statements(_extract(text))}


def test_claiming_ones_own_jets_destroyed_a_target_admits() -> None:
    text = "Chad's army spokesman Azem Bermandoa claimed that Chadian jets had destroyed a rebel depot in Sudan."
    stances = {stance for _, stance in _statements(_extract(text))}
    assert "admit" in stances and "allege" not in stances


def test_the_barrage_aimed_at_the_speakers_own_ship_is_not_admitted() -> None:
    text = (
        "British jets struck rebel targets in Yemen on Monday. British Defence Secretary John Healey said the "
        "barrage had been aimed directly at the Royal Navy destroyer HMS Diamond."
    )
    assert "admit" not in {stance for _, stance in _statements(_extract(text))}


@pytest.mark.parametrize(
    ("text", "stance_expected"),
    [
        ("Chad's foreign minister Abakar Mahamat called the raid an act of war.", True),
        (
            '"Our drones have proven themselves since the start of this war," Chad\'s army chief Abakar Mahamat said.',
            False,
        ),
    ],
)
def test_calling_an_attack_an_act_of_war_condemns_naming_the_war_does_not(text: str, stance_expected: bool) -> None:
    assert ("condemn" in {stance for _, stance in _statements(_extract(text))}) is stance_expected


def test_a_group_announcing_it_suspends_its_operations_commits() -> None:
    text = (
        "Two days after the raid, Kataib Hezbollah announced it was suspending military operations against US forces."
    )
    assert _statements(_extract(text)) == {(frozenset({"org:kataib-hezbollah"}), "commit")}


@pytest.mark.parametrize(
    "text",
    [
        '"This is a dangerous escalation," said Jane Holm, an Iran analyst at a Stockholm think tank.',
        "Jane Holm, a senior researcher at a Stockholm institute, said the sale was a reckless provocation.",
        "Military analyst Jane Holm said the sale was a reckless provocation.",
    ],
)
def test_a_commentator_is_neither_a_person_nor_a_speaker(text: str) -> None:
    ex = _extract(text)
    assert "person:janeholm" not in ex.actors
    assert _statements(ex) == set()


def test_an_official_described_after_the_name_is_still_a_person() -> None:
    ex = _extract("Jane Holm, a spokeswoman for the Swedish foreign ministry, condemned the sale.")
    assert "person:janeholm" in ex.actors


@pytest.mark.parametrize(
    "text",
    [
        '"We heard three blasts and ran," said Samir Haddad, a shopkeeper in the old market.',
        '"We heard three blasts and ran," said Samir Haddad, 52, who lives near the port.',
        "Resident Samir Haddad said the drone hit the school.",
    ],
)
def test_a_private_person_quoted_by_name_is_no_actor(text: str) -> None:
    assert "person:samirhaddad" not in _extract(text).actors


def test_an_official_whose_words_mention_villagers_is_still_a_person() -> None:
    ex = _extract("The governor of the province, Samir Haddad, said the villagers were killed by a drone.")
    assert "person:samirhaddad" in ex.actors


def test_a_capital_naming_an_agreement_is_no_state() -> None:
    ex = _extract("Russia's foreign ministry said the drone strikes violated the Minsk agreements.")
    assert "state:BLR" not in {m.actor for m in ex.mentions}


@pytest.mark.parametrize(
    "credit",
    [
        "(Reporting by Reuters bureaus in Bangkok and Singapore; Editing by Reuters editors in Vienna)",
        "Associated Press writers in Singapore and Vienna contributed to this report.",
        "The minister speaks to the media in Vienna, Austria, 27 May 2024. [EPA-EFE/JANE DOE]",
    ],
)
def test_credit_lines_and_bracketed_photo_captions_name_no_state(credit: str) -> None:
    ex = _extract(f"Thailand said Cambodian troops fired rockets at a Thai village.\n\n{credit}")
    assert {m.actor for m in ex.mentions} <= {"state:THA", "state:KHM"}


def test_the_military_led_government_is_the_state_not_its_army() -> None:
    text = (
        "Sudan's army said drones hit Port Sudan. Hours later, the military-led government cut ties with the "
        "United Arab Emirates, accusing the Gulf country of arming the Rapid Support Forces."
    )
    accusers = {speakers for speakers, stance in _statements(_extract(text)) if stance == "allege"}
    assert frozenset({"state:SDN"}) in accusers


def test_a_reporting_clause_parsed_as_a_conjunct_still_reports() -> None:
    said = (
        "Britain will provide more than $1.2 billion in military assistance to Ukraine and countries "
        "affected by the Russian invasion of its neighbor, British Defence Secretary John Healey announced on Thursday."
    )
    assert (frozenset({"person:johnhealey"}), "commit") in _statements(_extract(said))
    joined = (
        "Britain will provide more than $1.2 billion in military assistance to Ukraine and countries "
        "affected by the Russian invasion of its neighbor, and British Defence Secretary John Healey announced "
        "a visit on Thursday."
    )
    assert (frozenset({"person:johnhealey"}), "commit") not in _statements(_extract(joined))


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        ("Washington also shares intelligence with the coalition but insists it does not pick targets.", "state:USA"),
        ("Defence Minister Milos Vucevic insisted that no shells had been sold to Kyiv.", "person:milosvucevic"),
        ("The M23 seized Goma on Monday. The armed group maintains it does not receive Rwandan support.", "org:m23"),
    ],
)
def test_insisting_that_ones_own_side_did_not_act_denies(text: str, speaker: str) -> None:
    assert (frozenset({speaker}), "deny") in _statements(_extract(text))


@pytest.mark.parametrize(
    "text",
    [
        "Foreign Minister Dmytro Kuleba insisted that Russia had not withdrawn its troops from the border.",
        "Beijing stressed that it would not tolerate any interference in the strait.",
        "Supreme Leader Ali Khamenei stressed that military action of this kind was not enough.",
    ],
)
def test_insisting_on_what_others_did_or_what_will_be_denies_nothing(text: str) -> None:
    assert not any(stance == "deny" for _, stance in _statements(_extract(text)))


def test_the_rebels_who_speak_are_the_armed_group_named_before() -> None:
    text = "The M23 seized Goma on Monday. The rebels said they had not received weapons from Rwanda."
    assert (frozenset({"org:m23"}), "deny") in _statements(_extract(text))
    rights = (
        "The Houthis fired missiles on Monday. Human Rights Watch documented the damage. "
        "The group condemned the attack."
    )
    assert not any("org:houthis" in speakers for speakers, _ in _statements(_extract(rights)))


def test_a_strike_named_only_as_a_time_is_not_what_a_speaker_says() -> None:
    text = (
        "Norwegian jets struck rebel camps in Mali on Saturday, the Norwegian military said. "
        "Norway had informed its allies ahead of the strike, which the military said was carried out by F-35 jets."
    )
    assert (frozenset({"state:NOR"}), "admit") not in _statements(_extract(text))


def test_an_armed_groups_leader_speaks_alone_and_its_spokesman_with_it() -> None:
    leader = _statements(_extract("Hezbollah Secretary-General Naim Qassem condemned the strike on Beirut."))
    assert leader == {(frozenset({"person:naimqassem"}), "condemn")}
    spokesman = _statements(_extract("Hezbollah spokesman Ali Fayyad condemned the strike on Beirut."))
    assert spokesman == {(frozenset({"org:hezbollah", "person:alifayyad"}), "condemn")}


@pytest.mark.parametrize(
    "text",
    [
        "Leaked documents suggested that Serbia had committed to supplying weapons to Kyiv.",
        "Serbia allegedly committed to supplying weapons to Kyiv in a secret deal.",
    ],
)
def test_a_stance_papers_or_charges_give_a_side_is_not_its_stance(text: str) -> None:
    assert (frozenset({"state:SRB"}), "commit") not in _statements(_extract(text))


def test_a_stance_unnamed_sources_report_is_still_the_speakers() -> None:
    text = (
        "Foreign Minister Giorgos Gerapetritis has asked Washington to ensure that the jets are not used "
        "against Greece, people familiar with the talks said."
    )
    assert (frozenset({"person:giorgosgerapetritis"}), "call_on") in _statements(_extract(text))


def test_naming_a_side_a_friend_supports_it() -> None:
    text = "Hungarian Prime Minister Viktor Orban has called Serbia a friendly country."
    assert _statements(_extract(text)) == {(frozenset({"person:viktororban"}), "support")}


def test_a_right_exercised_is_no_warning_and_a_right_held_is() -> None:
    used = "Indian Foreign Secretary Arun Mehra said India had exercised its right to respond to the attack."
    assert (frozenset({"person:arunmehra"}), "warn") not in _statements(_extract(used))
    held = "Indian Foreign Secretary Arun Mehra said India had every right to respond to the attack."
    assert (frozenset({"person:arunmehra"}), "warn") in _statements(_extract(held))


def test_saying_there_is_no_excuse_for_an_act_condemns_it() -> None:
    text = "Defence Minister Omar Saleh told reporters there was no justification for the strikes on Sanaa."
    assert (frozenset({"person:omarsaleh"}), "condemn") in _statements(_extract(text))


def test_a_judgment_the_parse_hangs_inside_the_named_object_still_judges() -> None:
    text = (
        'Foreign Ministry spokesman Ivan Petrov has called reports of Belarusian arms shipments "unfounded," '
        "officials said."
    )
    assert (frozenset({"person:ivanpetrov"}), "deny") in {
        (frozenset(k for k in s if k.startswith("person:")), st) for s, st in _statements(_extract(text))
    }


def test_what_a_warning_says_its_side_will_do_is_no_second_warning() -> None:
    text = (
        "South Korean Vice Foreign Minister Kim Hong-kyun summoned the Russian ambassador, warning that "
        "South Korea would respond with all available means."
    )
    assert _statements(_extract(text)) == {(frozenset({"person:kimhongkyun"}), "warn")}


def test_concerning_as_regarding_is_no_concern() -> None:
    text = "On Tuesday, the UN Security Council committee set up under resolution 1970 concerning Libya met."
    assert _statements(_extract(text)) == set()


def test_calling_an_act_concerning_is_the_speakers_concern() -> None:
    text = "Germany said the Russian drills near the border were deeply concerning."
    assert _statements(_extract(text)) == {(frozenset({"state:DEU"}), "concern")}


def test_a_side_saying_the_attack_was_aimed_at_it_alleges_it() -> None:
    text = (
        "The Houthis fired drones at a US destroyer in the Red Sea on Tuesday. British Defence Secretary "
        "Grant Shapps said the barrage had been aimed directly at the Royal Navy destroyer HMS Diamond."
    )
    assert _statements(_extract(text)) == {(frozenset({"person:grantshapps"}), "allege")}


@pytest.mark.parametrize(
    "text",
    [
        'Foreign Minister Ivan Petrov called reports that Belarus had supplied drones "baseless".',
        'Foreign Minister Ivan Petrov labelled the accusations of arms smuggling "fabricated".',
    ],
)
def test_a_judgment_that_ends_the_named_object_judges_it(text: str) -> None:
    assert _statements(_extract(text)) == {(frozenset({"person:ivanpetrov"}), "deny")}


def test_a_quote_introduced_with_a_colon_is_the_introducers() -> None:
    text = (
        "In a statement issued on Friday, Iraq's foreign ministry said:\n\n"
        '"The Turkish strikes on Sinjar are a flagrant violation of Iraqi sovereignty. We call on the '
        'international community to stop them."'
    )
    ministry = frozenset({"org:iraq-s-foreign-ministry"})
    assert {(ministry, "condemn"), (ministry, "call_on")} <= _statements(_extract(text))


def test_saying_another_side_committed_a_violation_condemns_it() -> None:
    text = (
        "Iraqi Prime Minister Ali Hadi said Turkish forces had once again committed a flagrant violation "
        "of Iraqi sovereignty."
    )
    assert _statements(_extract(text)) == {(frozenset({"person:alihadi"}), "condemn")}
    pledge = "Germany committed to sending more tanks to Ukraine, Chancellor Olaf Scholz said."
    assert all(stance != "condemn" for _, stance in _statements(_extract(pledge)))


@pytest.mark.parametrize(
    "text",
    [
        "Iraq's foreign ministry called the Turkish strike an attack on Iraqi sovereignty.",
        "Iraq's foreign ministry described the incursion as an assault on its territorial integrity.",
    ],
)
def test_naming_an_act_an_attack_on_a_principle_condemns_it(text: str) -> None:
    assert _statements(_extract(text)) == {(frozenset({"org:iraq-s-foreign-ministry"}), "condemn")}


def test_promising_a_reprisal_warns_and_promising_accountability_commits() -> None:
    response = "The Kremlin promised an adequate response to the delivery of the missiles."
    assert _statements(_extract(response)) == {(frozenset({"org:kremlin"}), "warn")}
    respond = "The Kremlin promised to respond to the delivery of the missiles."
    assert _statements(_extract(respond)) == {(frozenset({"org:kremlin"}), "warn")}
    accountable = "The Kremlin promised to punish those responsible for the leak."
    assert _statements(_extract(accountable)) == {(frozenset({"org:kremlin"}), "commit")}


@pytest.mark.parametrize(
    "text",
    [
        "Chad's military-led government accused Libya of arming the rebels.",
        "Chad's military government accused Libya of arming the rebels.",
        "Chad's military regime accused Libya of arming the rebels.",
    ],
)
def test_a_military_government_speaks_as_its_state(text: str) -> None:
    ex = _extract(text)
    assert _statements(ex) == {(frozenset({"state:TCD"}), "allege")}
    assert not [a for a in ex.actors.values() if a.kind == "organization"]


def test_they_in_what_a_group_says_is_the_group_not_the_last_speaker() -> None:
    text = (
        "French President Emmanuel Macron condemned the missile attack on Israel. "
        "G7 foreign ministers, meeting in Capri on Wednesday, said they condemned Iran's attack "
        "and expressed their full solidarity with Israel."
    )
    g7 = frozenset({"state:USA", "state:GBR", "state:FRA", "state:DEU", "state:ITA", "state:CAN", "state:JPN"})
    found = _statements(_extract(text))
    assert (g7, "condemn") in found
    assert (g7, "support") in found
    assert {s for s, _ in found if "person:emmanuelmacron" in s} == {frozenset({"person:emmanuelmacron"})}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Germany said Israel had every right to defend itself.", {(frozenset({"state:DEU"}), "support")}),
        (
            "Iran's foreign ministry said the country was entitled to defend itself against acts of aggression.",
            {(frozenset({"org:iran-s-foreign-ministry"}), "warn")},
        ),
        ("Ukraine needs air defence to protect its cities, Zelensky said.", set()),
    ],
)
def test_a_right_to_defend_itself_is_supported_or_claimed(text: str, expected: set[tuple[frozenset[str], str]]) -> None:
    assert _statements(_extract(text)) == expected


def test_describing_ones_own_strikes_as_self_defence_admits_them() -> None:
    text = "Pakistan's army described its strikes on camps in Afghanistan as an act of self-defence."
    assert _statements(_extract(text)) == {(frozenset({"org:pakistan-s-army"}), "admit")}


def test_a_spokespersons_later_words_carry_the_body_they_spoke_for() -> None:
    text = "Kenyan government spokesman Isaac Mwaura dismissed the report. He condemned the sanctions on Nairobi."
    assert (frozenset({"state:KEN", "person:isaacmwaura"}), "condemn") in _statements(_extract(text))
    minister = "Kenyan Foreign Minister Musalia Mudavadi dismissed the report. He condemned the sanctions on Nairobi."
    assert (frozenset({"person:musaliamudavadi"}), "condemn") in _statements(_extract(minister))


def test_a_spokesman_titled_by_a_body_named_before_speaks_with_it() -> None:
    text = (
        "Kenya struck militant camps in Somalia on Sunday, its military said. "
        "Military spokesman Colonel Zipporah Kioko warned that Kenya would strike again if attacked."
    )
    assert (frozenset({"org:kenya-military", "person:zipporahkioko"}), "warn") in _statements(_extract(text))


@pytest.mark.parametrize(
    "text",
    [
        "Hezbollah fired rockets at Israel on Sunday, saying the barrage avenged the killing of a commander "
        "in an Israeli airstrike in Lebanon.",
        "Hezbollah fired rockets at Israel on Sunday and said the barrage was retaliation for an Israeli airstrike "
        "in Lebanon.",
    ],
)
def test_the_strike_a_reprisal_answers_is_no_allegation(text: str) -> None:
    assert {s for s in _statements(_extract(text)) if s[1] == "allege"} == set()


def test_a_senator_and_a_representative_speak_together() -> None:
    text = "Senator Jane Fielding and Representative Omar Castell urged the White House to halt the sale."
    assert _statements(_extract(text)) == {(frozenset({"person:janefielding", "person:omarcastell"}), "call_on")}


def test_a_body_whose_leaders_gathered_is_no_signatory() -> None:
    text = (
        "The United States and three European allies will give Ukraine more air defence systems, their leaders "
        "said on Tuesday. In a joint statement released as NATO leaders gathered in Washington, the leaders of the "
        "United States, Germany, Spain and Italy said they would provide more air defence systems to Ukraine."
    )
    speakers = {k for s, _ in _statements(_extract(text)) for k in s}
    assert speakers == {"state:USA", "state:DEU", "state:ESP", "state:ITA"}


@pytest.mark.parametrize(
    "text",
    [
        "Qatar's foreign ministry said the claims had no basis in fact.",
        "Qatar's foreign ministry said there was no truth to the reports.",
        "Qatar's foreign ministry said the accusations were without foundation.",
    ],
)
def test_a_charge_said_to_lack_any_basis_is_denied(text: str) -> None:
    assert (frozenset({"org:qatar-s-foreign-ministry"}), "deny") in _statements(_extract(text))


def test_promising_that_a_response_will_be_severe_warns() -> None:
    text = "Greek Prime Minister Nikos Andrianakis promised that Greece's response would be severe."
    assert _statements(_extract(text)) == {(frozenset({"person:nikosandrianakis"}), "warn")}


def test_a_side_that_rarely_acknowledges_strikes_admits_none() -> None:
    text = "Israel struck a convoy in Syria on Monday. Israel rarely acknowledges such strikes."
    assert (frozenset({"state:ISR"}), "admit") not in _statements(_extract(text))


def test_thanking_ones_own_pilots_supports_no_one_but_thanking_leaders_does() -> None:
    own = "Ukrainian air force commander Mykola Oleshchuk thanked the pilots for their excellent combat work."
    assert {st for _, st in _statements(_extract(own))} == set()
    other = "Kyiv welcomed the pledges. Ukrainian President Volodymyr Zelensky thanked both leaders."
    assert (frozenset({"person:volodymyrzelensky"}), "support") in _statements(_extract(other))


@pytest.mark.parametrize(
    "text",
    [
        "A Houthi spokesman, Yahya Saree, said the ship was targeted because its owner had violated the group's ban.",
        "Germany and Japan said the strikes were a means to curb the Houthis' ability to endanger shipping.",
    ],
)
def test_a_judging_verb_in_a_reason_or_a_nouns_modifier_is_no_condemnation(text: str) -> None:
    assert all(stance != "condemn" for _, stance in _statements(_extract(text)))


def test_a_judging_noun_the_claim_predicates_condemns() -> None:
    text = "The Iraqi government said the strikes were a violation of Iraqi sovereignty."
    assert _statements(_extract(text)) == {(frozenset({"state:IRQ"}), "condemn")}


def test_a_stance_coordinated_with_a_misparsed_gerund_stays_in_the_claim() -> None:
    text = (
        "France, Germany and Italy issued a joint statement on Thursday. The statement said the signatories are "
        "aware of “the role of the Iranian government in supplying drones to the forces of Russia in Ukraine and "
        "call on Iran to stop such transfers.”"
    )
    assert (frozenset({"state:FRA", "state:DEU", "state:ITA"}), "call_on") in _statements(_extract(text))


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Israel shut the border crossing, a move Cairo condemned as a dangerous escalation.", ("EGY", "condemn")),
        ("Russia withdrew from the grain deal, a decision Kyiv condemned.", ("UKR", "condemn")),
    ],
)
def test_a_clause_on_a_noun_summing_up_the_sentence_is_its_subjects_stance(
    text: str, expected: tuple[str, str]
) -> None:
    state, stance = expected
    assert (frozenset({f"state:{state}"}), stance) in _statements(_extract(text))


def test_a_clause_describing_a_named_party_is_still_background() -> None:
    text = "The United States, which backs the campaign, said it would send more jets to Israel."
    assert all(stance != "support" for _, stance in _statements(_extract(text)))


@pytest.mark.parametrize(
    "text",
    [
        "Israel has neither confirmed nor denied carrying out the strike.",
        "Israel did not deny carrying out the strike.",
    ],
)
def test_a_denial_verb_that_is_itself_negated_denies_nothing(text: str) -> None:
    assert all(stance != "deny" for _, stance in _statements(_extract(text)))


def test_claims_said_to_have_no_basis_are_still_denied() -> None:
    text = "Reem Ketait, a UAE foreign ministry official, said Sudan's claims had no basis in fact."
    assert any(stance == "deny" for _, stance in _statements(_extract(text)))


def test_an_official_named_beside_the_noun_is_no_anonymous_source() -> None:
    text = "A UAE foreign ministry official, Reem Ketait, said Sudan's claims had no basis in fact."
    assert any(stance == "deny" and "person:reemketait" in s for s, stance in _statements(_extract(text)))
    unnamed = "A UAE official said Sudan's claims had no basis in fact."
    assert all(stance != "deny" for _, stance in _statements(_extract(unnamed)))


def test_they_after_a_lone_states_stance_is_not_that_state() -> None:
    text = "Egypt condemned the strikes on Khartoum, saying they targeted hospitals and power stations."
    assert _statements(_extract(text)) == {(frozenset({"state:EGY"}), "condemn")}
    group = "G7 leaders said they condemned the strikes on Khartoum."
    assert any(stance == "condemn" and "state:JPN" in s for s, stance in _statements(_extract(group)))


def test_saying_ones_side_took_no_part_denies() -> None:
    text = "Washington said the United States had not taken part in the strikes on Iran."
    assert (frozenset({"state:USA"}), "deny") in _statements(_extract(text))


def test_we_will_answer_it_warns() -> None:
    text = '"If Tehran opens a new round of escalation, we will answer it," the Israeli military said.'
    assert any(stance == "warn" for _, stance in _statements(_extract(text)))


def test_a_government_body_named_without_its_state_speaks_with_its_spokesperson() -> None:
    text = "In Washington, a National Security Council spokesperson, Sean Savett, said the US had not taken part."
    speakers = {s for s, stance in _statements(_extract(text)) if stance == "deny"}
    assert speakers == {frozenset({"org:national-security-council", "person:seansavett"})}


def test_the_world_body_is_the_united_nations() -> None:
    text = 'Stephane Dujarric, spokesman for the U.N. secretary-general, said the world body was "deeply concerned".'
    speakers = {s for s, stance in _statements(_extract(text)) if stance == "concern"}
    assert speakers == {frozenset({"org:united-nations", "person:stephanedujarric"})}


def test_the_refugee_agency_goes_by_unhcr() -> None:
    text = "The UN refugee agency said it was deeply concerned by the strike on the camp."
    assert (frozenset({"org:unhcr"}), "concern") in _statements(_extract(text))


def test_a_call_joined_to_a_reported_clause_about_a_thing_is_the_reporters() -> None:
    text = "Russia's foreign ministry said a ceasefire took effect on Tuesday and urged both sides to show restraint."
    assert (frozenset({"org:russia-s-foreign-ministry"}), "call_on") in _statements(_extract(text))
    document = "The ministry said the report found no violations and urged both sides to refrain from escalation."
    assert all(stance != "call_on" for _, stance in _statements(_extract(document)))


def test_a_ministry_named_by_the_alone_belongs_to_the_state_that_opened_the_sentence_before() -> None:
    text = (
        "Kenya expelled two Somali diplomats on Friday and summoned Somalia's envoy. "
        "The foreign ministry condemned the incursion as a breach of Kenyan sovereignty."
    )
    speakers = {s for s, stance in _statements(_extract(text)) if stance == "condemn"}
    assert speakers == {frozenset({"org:kenya-foreign-ministry"})}


def test_a_joint_statement_signed_by_a_list_speaks_for_each_signatory_and_goes_on_as_it() -> None:
    text = (
        "The declaration, drafted in Ottawa and signed by Canada, Norway, the European Union, Japan and Chile, "
        "said the signatories were deeply concerned by the fighting in Sudan. "
        "It urged the warring parties to return to talks in Jeddah."
    )
    signers = frozenset({"state:CAN", "state:NOR", "org:european-union", "state:JPN", "state:CHL"})
    statements = _statements(_extract(text))
    assert (signers, "concern") in statements
    assert (signers, "call_on") in statements


def test_a_statement_published_by_one_and_signed_by_others_speaks_for_all_the_signatories() -> None:
    text = (
        "Eleven governments, including Chile, Peru and Mexico, issued a statement on the Haitian crisis. "
        "The statement, published by Chile and signed by nine other countries, condemned the gang attacks "
        "on Port-au-Prince."
    )
    speakers = {s for s, stance in _statements(_extract(text)) if stance == "condemn"}
    assert speakers == {frozenset({"state:CHL", "state:PER", "state:MEX"})}


def test_a_named_actor_condemning_what_a_which_clause_points_back_to_is_its_stance() -> None:
    text = "In March, Berlin cleared a sale of 30 Leopard tanks to Qatar, which Iran swiftly condemned."
    assert (frozenset({"state:IRN"}), "condemn") in _statements(_extract(text))


def test_a_which_clause_that_is_the_subject_gives_no_stance_of_its_own() -> None:
    text = "Iran, which condemns the sale, hosted talks with Qatar on Monday."
    assert _statements(_extract(text)) == set()


@pytest.mark.parametrize(
    ("text", "stance"),
    [
        ("Kenya hopes both parties will return to the negotiating table in Nairobi.", "call_on"),
        ('"We hope that the council will act quickly," Kenya said.', "call_on"),
    ],
)
def test_hoping_that_others_act_calls_on_them(text: str, stance: str) -> None:
    assert (frozenset({"state:KEN"}), stance) in _statements(_extract(text))


@pytest.mark.parametrize(
    "text",
    ["The talks in Nairobi raised hopes of a truce, Kenya said.", "Kenya hopes to host the next round of talks."],
)
def test_hopes_of_a_thing_or_to_act_call_on_no_one(text: str) -> None:
    assert all(stance != "call_on" for _, stance in _statements(_extract(text)))


def test_an_unlisted_spokesman_saying_his_state_acts_speaks_with_the_state() -> None:
    text = "Foreign ministry spokesman Tomas Brandt said Norway condemned the shelling of the hospital."
    speakers = {s for s, stance in _statements(_extract(text)) if stance == "condemn"}
    assert speakers == {frozenset({"state:NOR", "person:tomasbrandt"})}


def test_hoping_that_the_two_of_us_act_together_calls_on_no_one() -> None:
    text = "Foreign Minister Espen Barth Eide told Wang Yi he hoped the two would work together on climate finance."
    assert all(stance != "call_on" for _, stance in _statements(_extract(text)))


def test_a_spokesman_after_an_opening_capital_speaks_with_its_state() -> None:
    text = "In Ankara, foreign ministry spokesman Oncu Keceli urged both sides to show restraint."
    speakers = {s for s, stance in _statements(_extract(text)) if stance == "call_on"}
    assert speakers == {frozenset({"state:TUR", "person:oncukeceli"})}
    text = "Leaders met in Ankara, and foreign ministry spokesman Oncu Keceli urged both sides to show restraint."
    speakers = {s for s, stance in _statements(_extract(text)) if stance == "call_on"}
    assert speakers == {frozenset({"person:oncukeceli"})}


def test_a_voice_on_a_strike_already_reported_still_takes_its_stance() -> None:
    text = (
        "A drone strike carried out by the Burkinabe army on Monday killed 14 civilians in the town of Djibo. "
        "A spokesman for the town's council, Issa Kabore, said the drones had hit several places in Djibo."
    )
    ex = _extract(text)
    assert len(ex.strikes) == 1
    assert (frozenset({"person:issakabore"}), "allege") in _statements(ex)


def test_its_spokesman_after_a_state_that_spoke_last_is_that_states() -> None:
    text = (
        "U.S. Central Command said its jets had struck depots near al-Qaim. "
        "Iraq's government condemned the raids. Ali Hamid, its spokesman, called them a violation of sovereignty."
    )
    speakers = {s for s, stance in _statements(_extract(text)) if stance == "condemn"}
    assert frozenset({"state:IRQ", "person:alihamid"}) in speakers
    assert not any("org:us-central-command" in s for s in speakers)


def test_judging_the_events_as_it_or_they_is_the_speakers_stance() -> None:
    text = "Jordan's foreign ministry said they were a flagrant violation of Syria's sovereignty."
    assert (frozenset({"org:jordan-s-foreign-ministry"}), "condemn") in _statements(_extract(text))
    text = "Jordan's foreign ministry said they were a close partner of Syria."
    assert _statements(_extract(text)) == set()


def test_a_side_reporting_a_strike_it_made_with_an_ally_admits_it() -> None:
    text = "U.S. and British forces struck 36 Houthi targets across Yemen on Saturday, the Pentagon said."
    assert _statements(_extract(text)) == {(frozenset({"org:pentagon"}), "admit")}
