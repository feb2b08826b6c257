"""Spokespeople and the bodies they speak for, on sentences written for the tests: a spokesperson
the text ties to a group by "the group's" or "its" speaks together with that group."""

from __future__ import annotations

from test_extract import _extract, _statements


def test_the_groups_spokesman_speaks_with_the_armed_group_named_before() -> None:
    text = (
        "The Houthis fired two missiles at a tanker in the Red Sea on Monday. "
        "The group's military spokesman, Yahya Saree, said the attack would not go unanswered."
    )
    speakers = {s for s, stance in _statements(_extract(text)) if stance == "warn"}
    assert speakers == {frozenset({"org:houthis", "person:yahyasaree"})}


def test_the_rebels_spokesman_speaks_with_the_rebel_group() -> None:
    text = "The M23 seized Goma last week. The rebels' spokesman, Lawrence Kanyuka, denied that Rwanda armed the group."
    speakers = {s for s, stance in _statements(_extract(text)) if stance == "deny"}
    assert speakers == {frozenset({"org:m23", "person:lawrencekanyuka"})}


def test_the_groups_spokesman_with_no_group_named_speaks_alone() -> None:
    text = "The group's spokesman, Lawrence Kanyuka, said the strike was a war crime."
    assert _statements(_extract(text)) == {(frozenset({"person:lawrencekanyuka"}), "condemn")}


def test_its_media_relations_chief_speaks_with_the_armed_group() -> None:
    text = (
        "Hezbollah said on Sunday that it had not fired the rocket. "
        '"We had nothing to do with the incident," its media relations chief Mohammad Afif told reporters.'
    )
    speakers = {s for s, stance in _statements(_extract(text)) if stance == "deny"}
    assert frozenset({"org:hezbollah", "person:mohammadafif"}) in speakers


def test_a_state_joined_by_another_speaks_with_it() -> None:
    text = "Britain, France and the United States, joined by Ukraine, condemned the missile attacks on Kharkiv."
    speakers = {s for s, stance in _statements(_extract(text)) if stance == "condemn"}
    assert speakers == {frozenset({"state:GBR", "state:FRA", "state:USA", "state:UKR"})}


def test_the_group_after_a_joint_statement_is_its_signatories() -> None:
    text = (
        "Britain, France, Japan and the United States said in a joint statement that North Korea had sent "
        "missiles to Russia. The group urged all member states to enforce the arms embargo."
    )
    speakers = {s for s, stance in _statements(_extract(text)) if stance == "call_on"}
    assert speakers == {frozenset({"state:GBR", "state:FRA", "state:JPN", "state:USA"})}


def test_the_group_after_one_state_spoke_is_no_one() -> None:
    text = "Britain said North Korea had sent missiles to Russia. The group urged all states to enforce the embargo."
    assert {stance for _, stance in _statements(_extract(text))} == {"allege"}


def test_the_group_based_in_an_armed_groups_home_is_that_group() -> None:
    text = (
        "Al Shabaab fighters attacked a Kenyan base on Sunday. "
        "The Somalia-based group, which is allied to al Qaeda, claimed responsibility for the attack."
    )
    assert (frozenset({"org:al-shabaab"}), "admit") in _statements(_extract(text))


def test_a_group_based_elsewhere_is_not_the_armed_group() -> None:
    text = "Al Shabaab fighters attacked a Kenyan base on Sunday. The London-based group called the attack a war crime."
    assert not any("org:al-shabaab" in s for s, _ in _statements(_extract(text)))
