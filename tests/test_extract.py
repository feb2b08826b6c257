"""Extraction rules, each on sentences written for the test."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from armskg.loaders.article import Article
from armskg.loaders.extract import extract
from armskg.loaders.facts import Extraction


def _extract(text: str, date: str | None = "2024-03-13") -> Extraction:
    meta = {"date": date} if date else {}
    return extract(Article.from_text("t", text, **meta))


def _party(key: str) -> str:
    """A state as its ISO3 code, an armed group by its key ("org:houthis")."""
    return key[6:] if key.startswith("state:") else key


def _transfers(ex: Extraction) -> set[tuple[str, str, str]]:
    return {(_party(t.supplier), _party(t.recipient), t.weapon) for t in ex.transfers}


def _strikes(ex: Extraction) -> set[tuple[str, str, str | None]]:
    return {(_party(s.attacker), _party(s.target), s.weapon) for s in ex.strikes}


def _statements(ex: Extraction) -> set[tuple[frozenset[str], str]]:
    return {(frozenset(s.speakers), s.stance) for s in ex.statements}


def _states(ex: Extraction) -> set[str]:
    return {m.actor[6:] for m in ex.mentions if m.actor.startswith("state:")}


# --- actors ---------------------------------------------------------------------------------


def test_states_by_name_alias_capital_and_demonym() -> None:
    ex = _extract("The DPRK met envoys from Britain, Kyiv said, and Iranian diplomats attended.")
    assert _states(ex) == {"PRK", "GBR", "UKR", "IRN"}
    assert ex.actors["state:PRK"].iso3 == "PRK" and ex.actors["state:PRK"].wikidata == "Q423"


def test_a_city_that_is_no_capital_adds_no_state() -> None:
    assert _states(_extract("Delegates gathered in Dubai for a trade show.")) == set()


def test_official_with_title_gets_role_and_state() -> None:
    ex = _extract("German Foreign Minister Annalena Baerbock spoke to reporters.")
    person = ex.actors["person:annalenabaerbock"]
    assert (person.label, person.role, person.affiliation) == ("Annalena Baerbock", "Foreign Minister", "state:DEU")


def test_official_named_in_apposition() -> None:
    ex = _extract("Lena Moravec, the Czech defence minister, visited the plant.")
    person = ex.actors["person:lenamoravec"]
    assert person.affiliation == "state:CZE"


def test_later_surname_mentions_are_the_same_person() -> None:
    ex = _extract("President Joe Biden met allies. Biden then left for Delaware.")
    assert [m.text for m in ex.mentions if m.actor == "person:joebiden"] == ["Joe Biden", "Biden"]


def test_spellings_of_one_name_share_a_key() -> None:
    first = _extract("Director Chang Hojin of South Korea's National Security Office attended.")
    second = _extract("National Security Adviser Chang Ho-jin attended.")
    assert {k for k in first.actors if k.startswith("person:")} == {k for k in second.actors if k.startswith("person:")}


def test_government_body_is_an_organization_of_its_state() -> None:
    ex = _extract("China's foreign ministry condemned the sale.")
    body = ex.actors["org:china-s-foreign-ministry"]
    assert (body.kind, body.label, body.affiliation) == ("organization", "China's foreign ministry", "state:CHN")


def test_a_body_named_by_its_capital_is_named_by_its_state() -> None:
    ex = _extract("Ankara's defence ministry said the drones had been delivered. Turkey's defence ministry added more.")
    bodies = {a.label for a in ex.actors.values() if a.kind == "organization"}
    assert bodies == {"Turkey's defence ministry"}


def test_armed_group_is_based_in_its_state() -> None:
    ex = _extract("Hezbollah fighters fired rockets at Israel.")
    group = ex.actors["org:hezbollah"]
    assert (group.kind, group.based_in) == ("armed_group", "state:LBN")


def test_the_north_in_a_story_about_the_koreas() -> None:
    ex = _extract("South Korea said the North has shipped artillery shells to Russia.")
    assert _transfers(ex) == {("PRK", "RUS", "artillery ammunition")}


# --- transfers ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Iran supplied Russia with Shahed-136 drones.", {("IRN", "RUS", "drone")}),
        ("Germany delivered IRIS-T air defence systems to Ukraine.", {("DEU", "UKR", "air defence system")}),
        ("Pyongyang's transfer of KN-23 missiles to Moscow worries Seoul.", {("PRK", "RUS", "ballistic missile")}),
        ("Belarus received Iskander-M launchers from Russia.", {("RUS", "BLR", "ballistic missile")}),
        ("Turkey sold TB2 drones to Azerbaijan, Ukraine and Qatar.",
         {("TUR", "AZE", "drone"), ("TUR", "UKR", "drone"), ("TUR", "QAT", "drone")}),
        ("The United States and Germany pledged Patriot systems to Ukraine.",
         {("USA", "UKR", "air defence system"), ("DEU", "UKR", "air defence system")}),
    ],
)  # fmt: skip
def test_supply_patterns(text: str, expected: set[tuple[str, str, str]]) -> None:
    assert _transfers(_extract(text)) == expected


def test_designation_and_quantity_are_kept() -> None:
    (transfer,) = _extract("North Korea has provided Russia with several dozen KN-23 missiles.").transfers
    assert (transfer.designation, transfer.quantity, transfer.weapon) == ("KN-23", "several dozen", "ballistic missile")


def test_negated_and_conditional_supply_give_no_transfer() -> None:
    assert _transfers(_extract("Sudan did not acquire any drones from Iran.")) == set()
    assert _transfers(_extract("If China supplied drones to Russia, the EU would respond.")) == set()


def test_supplier_denial_makes_the_transfer_denied() -> None:
    ex = _extract("China denied reports that it has been providing Russia with attack drones.")
    assert [(t.supplier, t.status) for t in ex.transfers] == [("state:CHN", "denied")]
    assert (frozenset({"state:CHN"}), "deny") in _statements(ex)


def test_future_supply_is_planned() -> None:
    (transfer,) = _extract("France will deliver 78 Caesar howitzers to Ukraine.").transfers
    assert (transfer.weapon, transfer.status) == ("tube artillery", "planned")  # under other in the SKOS scheme


def test_generic_missiles_take_the_articles_missile_class() -> None:
    ex = _extract("Moscow fired ballistic missiles at Kharkiv. Pyongyang sent the missiles to Russia.")
    assert ("PRK", "RUS", "ballistic missile") in _transfers(ex)


# --- strikes --------------------------------------------------------------------------------


def test_strike_target_city_resolves_to_its_state_and_days_resolve() -> None:
    (strike,) = _extract("Russia launched Kinzhal missiles at Odesa on Monday.", date="2024-03-13").strikes
    assert (strike.attacker, strike.target, strike.weapon) == ("state:RUS", "state:UKR", "ballistic missile")
    assert strike.dates == (dt.date(2024, 3, 11),)


def test_no_article_date_means_no_weekday_date() -> None:
    (strike,) = _extract("Russia launched Kinzhal missiles at Odesa on Monday.", date=None).strikes
    assert strike.dates == ()


def test_strike_with_supplied_weapons_links_the_transfer() -> None:
    ex = _extract("Iran has sent Shahed-136 drones to Russia, some of which were launched against Ukraine on Friday.")
    (strike,) = ex.strikes
    assert (strike.attacker, strike.target, strike.weapon_origin) == ("state:RUS", "state:UKR", "state:IRN")
    assert strike.transfer is not None and strike.transfer.supplier == "state:IRN"
    assert strike.dates == (dt.date(2024, 3, 8),)


def test_made_in_gives_the_weapons_origin() -> None:
    (strike,) = _extract("Sudan's army struck Omdurman with Iranian-made drones.").strikes
    assert strike.weapon_origin == "state:IRN"


def test_a_named_systems_maker_is_a_state_the_graph_describes() -> None:
    (strike,) = _extract("Russia struck Ukraine with Shahed-136 drones on Tuesday, officials said.").strikes
    assert strike.weapon_origin == "state:IRN"  # the lexicon's maker of the Shahed-136, never named here
    (transfer,) = _extract("Russia received Shahed-136 drones last year, the officials said.").transfers
    assert (transfer.supplier, transfer.recipient) == ("state:IRN", "state:RUS")
    for ex in (
        _extract("Russia struck Ukraine with Shahed-136 drones."),
        _extract("Russia received Shahed-136 drones."),
    ):
        assert ex.actors["state:IRN"].label == "Iran" and ex.actors["state:IRN"].iso3 == "IRN"
        assert "state:IRN" not in _states(ex)  # described, but not a mention: the text does not name it


def test_several_targets() -> None:
    assert _strikes(_extract("Turkey used drones in strikes against militants in Syria and Iraq.")) == {
        ("TUR", "SYR", "drone"),
        ("TUR", "IRQ", "drone"),
    }


# --- statements -----------------------------------------------------------------------------


def test_subject_speakers_and_stance() -> None:
    assert _statements(_extract("Japan and Canada condemned the missile launch.")) == {
        (frozenset({"state:JPN", "state:CAN"}), "condemn")
    }


def test_quote_is_credited_to_the_speaker_after_it() -> None:
    ex = _extract('"We are deeply concerned by these transfers," Foreign Minister Penny Wong said.')
    assert (frozenset({"person:pennywong"}), "concern") in _statements(ex)


def test_a_verb_coordinated_with_a_speech_verb_shares_its_subject() -> None:
    ex = _extract("The ministers of Chile, Peru and Colombia said they were watching, and called on Iran to stop.")
    assert (frozenset({"state:CHL", "state:PER", "state:COL"}), "call_on") in _statements(ex)


def test_group_phrase_stands_for_the_signatory_list() -> None:
    text = (
        "Twelve countries condemned the deliveries. "
        "The statement was signed by Austria, Belgium, Chile, Denmark and the EU's High Representative."
    )
    (statement,) = [s for s in _extract(text).statements if s.stance == "condemn"]
    assert set(statement.speakers) == {
        "state:AUT", "state:BEL", "state:CHL", "state:DNK", "org:european-union",
    }  # fmt: skip


def test_spokesperson_speaks_for_the_state_she_quotes() -> None:
    text = "China's Foreign Ministry spokesperson Mao Ning said China strongly condemns the sale."
    (condemn,) = [s for s in _extract(text).statements if s.stance == "condemn"]
    assert "person:maoning" in condemn.speakers and "state:CHN" not in condemn.speakers
    assert any(k.startswith("org:") for k in condemn.speakers)  # her ministry, listed with her


def test_speech_about_another_partys_transfer_is_an_allegation() -> None:
    ex = _extract("Washington said that Iran had shipped drones to Russia.")
    assert (frozenset({"state:USA"}), "allege") in _statements(ex)


def test_supplier_announcing_a_delivery_commits() -> None:
    ex = _extract("Swedish Defence Minister Pal Jonson said Sweden will send Archer howitzers to Ukraine.")
    assert ex.actors["person:paljonson"].affiliation == "state:SWE"
    assert (frozenset({"person:paljonson"}), "commit") in _statements(ex)


def test_statement_date_from_a_weekday() -> None:
    (statement,) = _extract("Italy condemned the strike on Tuesday.", date="2024-03-13").statements
    assert statement.date == dt.date(2024, 3, 12)


def test_noun_uses_of_stance_words_are_not_statements() -> None:
    assert _statements(_extract("Iran provided immense support to the government in Damascus.")) == set()


# --- text hygiene ---------------------------------------------------------------------------


def test_furniture_and_repeated_captions_give_no_facts() -> None:
    caption = "Russia struck Kyiv with missiles in this photo. (AP Photo/Staff)"
    text = f"Back To Top\n{caption}\n{caption}\nMOST POPULAR\nCanada condemned the sale.\n"
    ex = _extract(text)
    assert _strikes(ex) == set()
    assert _states(ex) == {"CAN"}


def test_linked_headlines_wire_credits_and_file_photos_give_no_facts() -> None:
    text = (
        "FILE PHOTO: Belgian F-16 jets fly over Brussels, Belgium. REUTERS/Yves Herman/File Photo\n\n"
        "Norway condemned the strike.\n\n"
        "Reporting by Anna Berg; Editing by Tom Hale\n\n"
        "Read more:\nFrance sends tanks to Romania\nSpain sells jets to Chile\n\n"
        "Sweden welcomed the decision.\n"
    )
    ex = _extract(text)
    assert _transfers(ex) == set()
    assert _states(ex) == {"NOR", "SWE"}
    assert _statements(ex) == {(frozenset({"state:NOR"}), "condemn"), (frozenset({"state:SWE"}), "support")}


def test_captions_credited_inline_and_outlet_link_blocks_give_no_facts() -> None:
    text = (
        "Smoke rises over the port after the strike. Photo: Governor Ivan Petrov on Telegram\n\n"
        "Norway condemned the strike.\n\n"
        "Read more with Example News\nPoland and Finland want EU money for border defences\n\n"
        "Related Information\nJapan-Belgium Relations\nBack to Press Releases\n\n"
        "Sweden welcomed the decision.\n"
    )
    ex = _extract(text)
    assert _states(ex) == {"NOR", "SWE"}
    assert "person:ivanpetrov" not in ex.actors


def test_tag_lists_breadcrumbs_and_agency_credits_name_no_states() -> None:
    text = (
        "Home > World > Middle East > Jordan\n\n"
        "Norway condemned the strike on the port.\n\n"
        "Tags: Iran, Russia, Ukraine\n\n"
        "Topics\nTurkey\nEgypt\n\n"
        "(With inputs from Kuwait News Agency)\n"
    )
    assert _states(_extract(text)) == {"NOR"}


def test_a_sentence_about_topics_is_not_a_tag_list() -> None:
    assert _states(_extract("Topics discussed included Iran's drones and Russia's missiles.")) == {"IRN", "RUS"}


def test_evidence_offsets_point_into_the_article_text() -> None:
    text = " date 2024-01-10\nHeadline here\n\nIran supplied Russia with Shahed-136 drones, officials said.\n"
    article = Article.from_text("t", text)
    (transfer,) = extract(article).transfers
    ev = transfer.evidence
    assert (
        article.text[ev.start : ev.end] == ev.sentence == "Iran supplied Russia with Shahed-136 drones, officials said."
    )
    assert ev.rule.startswith("transfer.") and 0 < ev.confidence <= 1


def test_extraction_is_deterministic() -> None:
    text = "Iran supplied Russia with Shahed-136 drones. Ukraine condemned the deliveries."
    first, second = _extract(text), _extract(text)
    assert _transfers(first) == _transfers(second) and _statements(first) == _statements(second)


# --- rules for harder news prose -----------------------------------------------------------------


def test_well_known_officials_carry_their_state() -> None:
    ex = _extract("President Joe Biden said Washington will send ATACMS missiles to Ukraine.")
    assert ex.actors["person:joebiden"].affiliation == "state:USA"
    assert (frozenset({"person:joebiden"}), "commit") in _statements(ex)


def test_close_spellings_in_one_article_are_one_person() -> None:
    ex = _extract("President Volodymyr Zelensky spoke on Monday. Later, President Volodymyr Zelenskiy thanked Poland.")
    assert [k for k in ex.actors if k.startswith("person:")] == ["person:volodymyrzelensky"]


def test_sentences_glued_without_a_space_are_split() -> None:
    ex = _extract("Ukraine thanked its partners.Beijing has called for a ceasefire.")
    assert (frozenset({"state:CHN"}), "call_on") in _statements(ex)


def test_an_aside_names_no_speaker() -> None:
    text = (
        "Sudan's foreign minister Ali Karti, who visited Iran last year, said that Sudan did not buy drones from Iran."
    )
    assert _statements(_extract(text)) == {(frozenset({"person:alikarti"}), "deny")}


def test_passive_report_credits_the_body_named_after_it() -> None:
    text = (
        "Russia has handed over Iskander-M systems to Belarus. "
        "This was stated in a message of the Ministry of Defence of the Russian Federation."
    )
    ex = _extract(text)
    admits = [s for s in ex.statements if s.stance == "admit"]
    assert admits and all(_is_org(k) for s in admits for k in s.speakers)


def _is_org(key: str) -> bool:
    return key.startswith("org:")


def test_a_quote_that_goes_on_keeps_its_speaker() -> None:
    text = (
        '"We act responsibly," Foreign Ministry spokesperson Lin Jian of China told reporters. '
        '"We have never provided lethal weapons to either side."'
    )
    assert (frozenset({"person:linjian", "state:CHN"}), "deny") in _statements(_extract(text))  # as the devset reads it


def test_with_x_saying_adds_a_co_speaker() -> None:
    text = "Iran threatened to retaliate, with Foreign Minister Abbas Araghchi saying the attack would be answered."
    (warn,) = [s for s in _extract(text).statements if s.stance == "warn"]
    assert set(warn.speakers) == {"state:IRN", "person:abbasaraghchi"}


def test_such_as_names_the_recipient() -> None:
    assert _transfers(_extract("Iran continues to arm militias such as the Houthis with drones.")) == {
        ("IRN", "org:houthis", "drone")
    }


def test_allegedly_is_the_reporters_allegation() -> None:
    text = "Defence Minister Sergei Shoigu explained this by saying NATO allegedly moved missiles to Poland."
    assert (frozenset({"person:sergeishoigu"}), "allege") in _statements(_extract(text))
    assert not any("org:nato" in s.speakers for s in _extract(text).statements)


def test_a_headline_stance_the_body_repeats_is_the_bodys() -> None:
    ex = _extract("Japan slams missile launch\n\nJapan condemned the launch in a statement on Friday.")
    (condemn,) = [s for s in ex.statements if s.stance == "condemn"]
    assert condemn.evidence.sentence.startswith("Japan condemned")
    only = _extract("Japan slams missile launch\n\nThe missile flew 800 kilometres before it fell into the sea.")
    assert [s.evidence.sentence for s in only.statements if s.stance == "condemn"] == ["Japan slams missile launch"]


def test_armed_as_an_adjective_is_no_supply() -> None:
    assert _transfers(_extract("Poland will buy armed drones, officials said.")) == set()


def test_recipient_without_supplier_takes_the_articles_maker() -> None:
    text = "Poland signed a deal for Turkish-made drones. Under the deal, Poland is set to receive 24 armed drones."
    assert ("TUR", "POL", "drone") in _transfers(_extract(text))


def test_armed_group_recipient_stands_for_where_it_operates() -> None:
    text = "Diplomats said Russia is providing military aid to the Wagner group in Mali."
    assert _transfers(_extract(text)) == {("RUS", "MLI", "other")}


def test_agent_of_a_gerund_after_involvement_of() -> None:
    text = "The signatories cited the involvement of the Iranian government in providing drones to Russia."
    assert _transfers(_extract(text)) == {("IRN", "RUS", "drone")}


def test_quoted_fragment_keeps_the_clause_subject() -> None:
    text = 'Twelve countries, including Chile, Peru and Colombia, issued a statement to "firmly condemn" the strikes.'
    (condemn,) = [s for s in _extract(text).statements if s.stance == "condemn"]
    assert {"state:CHL", "state:PER", "state:COL"} <= set(condemn.speakers)


def test_the_latter_is_the_second_of_two_states() -> None:
    ex = _extract("Iran sent drones to Russia, and the latter used them against Ukraine.")
    assert ("RUS", "UKR", "drone") in _strikes(ex)


def test_passive_strike_takes_its_attacker_from_by() -> None:
    ex = _extract("Three Syrian soldiers were killed by Israeli airstrikes near Homs.")
    assert _strikes(ex) == {("ISR", "SYR", None)}


def test_use_without_weapons_against_someone_is_no_strike() -> None:
    assert _strikes(_extract("Russia has used Wagner to hide its role in Libya.")) == set()


def test_defended_state_is_the_target_of_the_attacks_repelled() -> None:
    ex = _extract("Germany pledged IRIS-T systems to Ukraine to repel Russian drone attacks.")
    assert ("RUS", "UKR", "drone") in _strikes(ex)
    assert _transfers(ex) == {("DEU", "UKR", "air defence system")}


def test_a_participle_after_a_strike_noun_adds_no_strike() -> None:
    ex = _extract("Two Syrian soldiers were killed by Israeli airstrikes targeting a depot in Tartus.")
    assert _strikes(ex) == {("ISR", "SYR", None)}


def test_each_of_several_attackers_struck() -> None:
    ex = _extract("The United States and Britain struck Houthi targets in Yemen on Friday.", date="2024-01-12")
    assert {(s.attacker, s.target, s.dates) for s in ex.strikes} == {
        ("state:USA", "org:houthis", (dt.date(2024, 1, 12),)),
        ("state:GBR", "org:houthis", (dt.date(2024, 1, 12),)),
    }  # the Houthis, not Yemen: an armed group stays itself


def test_a_group_word_without_a_known_group_leaves_the_named_speakers() -> None:
    ex = _extract("Ukraine, the United States and European governments say Tehran delivered the drones to Moscow.")
    assert (frozenset({"state:UKR", "state:USA"}), "allege") in _statements(ex)


def test_a_new_clause_after_comma_and_keeps_its_weapons_apart() -> None:
    text = "Germany handed the first IRIS-T system to Kyiv in 2022, and officials say it has shot down many drones."
    assert _transfers(_extract(text)) == {("DEU", "UKR", "air defence system")}


def test_weapons_named_by_a_pronoun_are_the_ones_supplied() -> None:
    text = "North Korea shipped ballistic missiles to Russia. Russian forces fired some of them at Ukraine."
    (strike,) = _extract(text).strikes
    assert (strike.attacker, strike.target, strike.weapon, strike.weapon_origin) == (
        "state:RUS", "state:UKR", "ballistic missile", "state:PRK",
    )  # fmt: skip
    assert strike.transfer is not None


def test_edited_extra_lexicon_rows_are_read_again(tmp_path: Path) -> None:
    from armskg.loaders.lexicon import load_lexicon

    rows = tmp_path / "weapons.tsv"
    rows.write_text("# test rows\nterm\tcategory\tdesignation\tproducer\nKestrel-7\tdrone\tKestrel-7\t\n")
    assert "Kestrel-7" in load_lexicon(tmp_path).weapon_terms
    rows.write_text("# test rows\nterm\tcategory\tdesignation\tproducer\nKestrel-8 launcher\tother\t\t\n")
    assert "Kestrel-8 launcher" in load_lexicon(tmp_path).weapon_terms


def test_extra_place_rows_may_leave_out_the_optional_holder_column(tmp_path: Path) -> None:
    from armskg.loaders.lexicon import LexiconError, load_lexicon

    (tmp_path / "places.tsv").write_text("name\tiso3\tkind\nNorthwatch Ridge\tNOR\tregion\n")
    (place,) = [p for p in load_lexicon(tmp_path).places if p.name == "Northwatch Ridge"]
    assert (place.iso3, place.held_by) == ("NOR", None)
    (tmp_path / "places.tsv").write_text("name\tiso3\tkind\theld_by\nNorthwatch Ridge\tNOR\tregion\tXYZ\n")
    with pytest.raises(LexiconError, match="unknown state code 'XYZ'"):
        load_lexicon(tmp_path)


def test_an_opening_quote_after_a_full_stop_starts_the_next_sentence() -> None:
    from armskg.loaders.text import prepare

    text = 'Canada condemned the strike. "We stand with Ukraine," the minister said.'
    sentences = [s.text for s in prepare(Article.from_text("t", text)).sentences]
    assert sentences == ["Canada condemned the strike.", '"We stand with Ukraine," the minister said.']


def test_a_state_name_that_is_a_first_name_names_no_state() -> None:
    ex = _extract(
        "Jordan Bardella spoke in Strasbourg. Chad Smith, a US senator, criticised the sale. Jordan condemned it."
    )
    assert _states(ex) == {"JOR", "USA"}


def test_weapon_names_from_other_wars_and_a_leaders_name_that_holds_one() -> None:
    ex = _extract(
        "Myanmar's air force received Yak-130 jets from Russia. Ukraine struck a Russian ship with Neptune missiles."
    )
    assert ("RUS", "MMR", "aircraft") in _transfers(ex)
    assert ("UKR", "RUS", "cruise missile") in _strikes(ex)
    burhan = _extract("Sudan's army chief Abdel Fattah al-Burhan said Russia had sent Yak-130 jets to Sudan.")
    assert ("RUS", "SDN", "aircraft") in _transfers(burhan)


def test_a_first_name_spelled_like_a_name_particle_starts_the_name() -> None:
    ex = _extract('"Turkey must do more to ease tensions," U.S. Senator Ben Cardin said in a statement.')
    assert ex.actors["person:bencardin"].affiliation == "state:USA"
    assert (frozenset({"person:bencardin"}), "call_on") in _statements(ex)


def test_a_body_whose_name_says_its_state_mentions_the_state() -> None:
    assert "USA" in _states(_extract("The U.S. State Department condemned the attack on the tanker."))
    assert "USA" not in _states(_extract("The State Department condemned the attack on the tanker."))


def test_a_name_with_a_middle_initial_is_one_person() -> None:
    ex = _extract("Lieutenant General Anil K. Verma said the drones had come from Turkey.")
    assert "person:anilkverma" in ex.actors
    assert not [k for k in ex.actors if k.startswith("person:") and k != "person:anilkverma"]
