"""Strikes inside one state's own war whose attacker the sentence leaves unnamed (sentences
written for the tests)."""

from __future__ import annotations

from test_extract import _extract, _strikes


def test_an_unattributed_strike_in_a_state_at_war_with_a_group_based_there_is_that_states() -> None:
    text = (
        "The Tigray People's Liberation Front said its fighters had retaken Alamata. "
        "A drone strike hit a market in Mekelle on Friday, killing 12 people."
    )
    assert _strikes(_extract(text)) == {("ETH", "ETH", "drone")}


def test_an_unattributed_strike_where_another_state_strikes_is_left_unattributed() -> None:
    text = (
        "Hezbollah fighters clashed with Israeli troops near the border. Israel struck Tyre on Monday. "
        "A drone strike hit a car in Sidon on Tuesday."
    )
    assert ("LBN", "LBN", "drone") not in _strikes(_extract(text))


def test_an_unattributed_strike_with_no_armed_group_in_the_story_is_left_unattributed() -> None:
    assert _strikes(_extract("A drone strike hit a market in Mekelle on Friday, killing 12 people.")) == set()


def test_an_unattributed_strike_beside_another_state_is_left_unattributed() -> None:
    text = (
        "The Rapid Support Forces shelled El Fasher. "
        "Drones, which Sudan says came from Chad, hit the airport in Port Sudan on Sunday."
    )
    assert ("SDN", "SDN", "drone") not in _strikes(_extract(text))


def test_a_statement_about_a_strike_folded_into_an_armed_one_is_about_that_one() -> None:
    ex = _extract(
        "Russia fired Kinzhal missiles at Kyiv on Monday. Ukraine's air force said Russia had attacked Kyiv overnight."
    )
    (strike,) = ex.strikes
    abouts = [st.about for st in ex.statements if st.about is not None]
    assert abouts and all(a is strike for a in abouts)
