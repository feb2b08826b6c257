"""Stances a speaker takes by what they call an act or by what they say of their own side, on
sentences written for the tests."""

from __future__ import annotations

from test_extract import _extract, _statements


def test_calling_a_sale_interference_condemns_it() -> None:
    text = "Beijing's foreign ministry described the arms sale as gross interference in China's internal affairs."
    assert {stance for _, stance in _statements(_extract(text))} == {"condemn"}


def test_calling_strikes_an_attempt_to_sabotage_condemns_them() -> None:
    text = "Egypt's foreign ministry called the Israeli strikes on Syria an attempt to sabotage the peace talks."
    assert {stance for _, stance in _statements(_extract(text))} == {"condemn"}


def test_naming_an_effort_without_a_judgment_takes_no_stance() -> None:
    text = "Egypt's foreign ministry described the talks as an effort to build peace in Syria."
    assert _statements(_extract(text)) == set()


def test_saying_ones_side_is_not_interfering_denies() -> None:
    text = "Kremlin spokesman Dmitry Peskov said Russia was not interfering in Venezuela's internal affairs."
    assert {stance for _, stance in _statements(_extract(text))} == {"deny"}


def test_saying_a_drone_did_not_belong_to_ones_forces_denies() -> None:
    text = "Turkey's defence ministry said the drone did not belong to the Turkish Armed Forces."
    assert {stance for _, stance in _statements(_extract(text))} == {"deny"}


def test_saying_another_side_is_not_interfering_denies_nothing() -> None:
    text = "Iran's foreign ministry said Israel was not interfering in Lebanon's affairs."
    assert _statements(_extract(text)) == set()


def test_a_right_to_give_a_befitting_reply_warns() -> None:
    text = "Pakistani Prime Minister Shehbaz Sharif said Pakistan had every right to give a befitting reply."
    assert _statements(_extract(text)) == {(frozenset({"person:shehbazsharif"}), "warn")}


def test_repeating_ones_accusation_alleges() -> None:
    text = "Armenia's defence ministry repeated its accusation that Turkey had supplied the drones."
    assert _statements(_extract(text)) == {(frozenset({"org:armenia-s-defence-ministry"}), "allege")}


def test_renewed_fears_are_no_ones_concern() -> None:
    text = "Israeli jets struck Iran on Saturday, prompting renewed fears of a regional war."
    assert _statements(_extract(text)) == set()


def test_calling_a_strike_an_attempt_to_destabilise_condemns_it() -> None:
    text = (
        "Israel bombed an air base in Syria on Monday, in what Syria's foreign ministry called "
        "an attempt to destabilise the country."
    )
    assert (frozenset({"org:syria-s-foreign-ministry"}), "condemn") in _statements(_extract(text))


def test_vowing_to_keep_supporting_a_side_supports_it() -> None:
    assert {stance for _, stance in _statements(_extract("Germany vowed to keep supporting Ukraine."))} == {"support"}


def test_saying_another_side_will_pay_for_it_warns() -> None:
    text = '"Tehran made a grave mistake tonight, and it will pay for it," Prime Minister Benjamin Netanyahu said.'
    assert _statements(_extract(text)) == {(frozenset({"person:benjaminnetanyahu"}), "warn")}


def test_paying_for_goods_is_no_threat() -> None:
    text = "Russia's foreign ministry said India would pay for the oil in rupees."
    assert _statements(_extract(text)) == set()


def test_calling_reports_hype_or_baseless_denies_them_though_the_parse_makes_it_a_noun() -> None:
    for judgment in ("media hype", "baseless"):
        text = f"Pakistan's defence minister Khawaja Asif called reports of a J-35 purchase {judgment}."
        assert _statements(_extract(text)) == {(frozenset({"person:khawajaasif"}), "deny")}


def test_declaring_a_state_of_war_condemns_no_one() -> None:
    text = "North Korean leader Kim Jong Un declared a quasi-state of war in the front-line areas."
    assert _statements(_extract(text)) == set()


def test_a_party_that_denies_in_a_clause_on_an_unnamed_sources_claim_speaks() -> None:
    text = "The UN experts have also said Rwanda supplied the M23 rebels with heavy weapons, which Kigali denies."
    assert (frozenset({"state:RWA"}), "deny") in _statements(_extract(text))


def test_a_denial_an_unnamed_official_reports_is_no_ones() -> None:
    assert _statements(_extract("A US official said Washington had no involvement in the strike.")) == set()
