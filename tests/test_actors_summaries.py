"""Who acted, in one-paragraph event summaries of our own: a state's weapon names its military,
the user of an instrument and the doer of a "when" clause act, crowds that march or riot are
actors, and groups known only by their fighters keep their whole name."""

from __future__ import annotations

import pytest

from polemos.ingest.raw import RawDocument

pytestmark = pytest.mark.slow


def actors_of(pipeline, text, trigger):
    """(country, sector, name) of the actors of the event whose trigger holds ``trigger``."""
    record = pipeline.extract(RawDocument(source="test", content=text, format="text"))
    actors = {a.id: a for a in record.actors}
    events = [e for e in record.events if trigger in (e.trigger or "")]
    assert events, [(e.type, e.trigger) for e in record.events]
    return [(actors[i].country, actors[i].sector, actors[i].name) for i in events[0].actor]


def codes(found):
    return [f"{country}.{sector}" for country, sector, _name in found]


@pytest.mark.parametrize(
    "text, trigger, code",
    [
        ("On 6 June 2023, Russian shelling killed two farmers in Nikopol.", "shelling", "RUS.MIL"),
        ("An Israeli drone strike hit a car near Tyre on 2 April 2024, killing one man.", "strike", "ISR.MIL"),
        ("On 9 May 2022, four miners were killed by military airstrikes near Lashio (Shan).", "killed", "MMR.MIL"),
    ],
)
def test_a_states_weapon_names_its_military(nlp_pipeline, text, trigger, code):
    assert codes(actors_of(nlp_pipeline, text, trigger)) == [code]


@pytest.mark.parametrize(
    "text, trigger, name",
    [
        (
            "On 3 May 2021, a grenade thrown by suspected Boko Haram militants exploded at a market in Maiduguri.",
            "exploded",
            "Boko Haram",
        ),
        (
            "A bombing blamed on al-Shabaab struck a tea shop in Baidoa on 8 June 2022, killing four people.",
            "bombing",
            "al-Shabaab",
        ),
        (
            "Three policemen were killed when a mine planted by Islamic State militants hit their truck near Arish "
            "on 1 July 2020.",
            "killed",
            "Islamic State",
        ),
    ],
)
def test_the_user_of_an_instrument_acts(nlp_pipeline, text, trigger, name):
    assert [found[2] for found in actors_of(nlp_pipeline, text, trigger)] == [name]


@pytest.mark.parametrize(
    "text, code",
    [
        ("On 2 March 2023, two traders were killed in Juliaca when police opened fire on a road block.", "PER.COP"),
        (
            "On 4 May 2022, two guards were killed in Machala when an explosive device was thrown at their car by "
            "unidentified attackers.",
            "ECU.UAF",
        ),
        (
            "On 3 May 2022, two police officers were killed in Machala (El Oro) when an explosive device was thrown "
            "at their patrol car by unidentified attackers.",
            "ECU.UAF",
        ),
    ],
)
def test_the_doer_of_a_when_clause_killed(nlp_pipeline, text, code):
    assert codes(actors_of(nlp_pipeline, text, "killed")) == [code]


@pytest.mark.parametrize(
    "text, trigger, code",
    [
        (
            "On 5 May 2022, hundreds of people demonstrated in Kaya against the rising price of bread.",
            "demonstrated",
            "BFA.CVL",
        ),
        ("Women marched in Culiacán on 8 March 2022 to demand justice for the disappeared.", "marched", "MEX.CVL"),
        ("On 2 June 2021, crowds looted shops in Maiduguri after a power cut.", "looted", "NGA.CVL"),
        ("On 4 April 2022, rioters burned a bus in Kisumu after a disputed match.", "burned", "KEN.CVL"),
        (
            "Dozens of retired soldiers protested in Mogadishu on 7 May 2021 over unpaid pensions.",
            "protested",
            "SOM.CVL",
        ),
    ],
)
def test_crowds_that_march_or_riot_are_the_civilians_of_the_place(nlp_pipeline, text, trigger, code):
    assert codes(actors_of(nlp_pipeline, text, trigger)) == [code]


def test_unidentified_men_are_an_unidentified_armed_group(nlp_pipeline):
    text = "On 6 March 2021, unidentified hooded men set fire to three trucks near Temuco."
    assert codes(actors_of(nlp_pipeline, text, "set fire")) == ["CHL.UAF"]


def test_separatists_with_no_breakaway_state_named_are_the_countrys_rebels(nlp_pipeline):
    text = "On 4 April 2020, a bomb planted by separatist insurgents exploded outside a school in Pattani (Pattani)."
    assert codes(actors_of(nlp_pipeline, text, "bomb")) == ["THA.REB"]


def test_a_group_known_only_by_its_fighters_keeps_its_whole_name(nlp_pipeline):
    text = "On 3 June 2021, fighters of the Kivu Liberation Front ambushed an army convoy near Beni."
    assert actors_of(nlp_pipeline, text, "ambushed") == [(None, "REB", "Kivu Liberation Front")]


@pytest.mark.parametrize(
    "text, trigger, code",
    [
        (
            "On 4 May 2020, Saudi-led coalition airstrikes hit a market in Saada, killing three people.",
            "airstrikes",
            "SAU.MIL",
        ),
        ("On 2 July 2019, US AFRICOM drone strikes hit a camp near Jilib.", "strikes", "USA.MIL"),
    ],
)
def test_a_coalition_or_command_named_by_its_state_is_that_states_military(nlp_pipeline, text, trigger, code):
    assert codes(actors_of(nlp_pipeline, text, trigger)) == [code]


def test_the_owner_of_a_weapon_owns_the_snipers_who_use_it(nlp_pipeline):
    text = "On 9 March 2021, Houthi sniper and mortar fire hit a school in Taiz, killing a boy and wounding two women."
    assert [found[2] for found in actors_of(nlp_pipeline, text, "killing")] == ["Ansar Allah (Houthis)"]


def test_an_acronym_before_fighters_names_their_group(nlp_pipeline):
    text = "On 5 May 2021, fighting broke out between MPC combatants and the army near Kabo."
    assert "MPC" in [found[2] for found in actors_of(nlp_pipeline, text, "fighting")]


@pytest.mark.parametrize(
    "text, trigger, name",
    [
        (
            "On 1 March 2021, militants linked to al-Qaeda attacked an army base near Boni, killing 7 soldiers.",
            "attacked",
            "al-Qaeda",
        ),
        (
            "On 9 June 2021, suspected al-Shabaab militants ambushed a convoy near Mandera, killing 3 police officers.",
            "ambushed",
            "al-Shabaab",
        ),
        (
            "On 3 May 2022, alleged Clan del Golfo members killed a farmer near Caucasia (Antioquia).",
            "killed",
            "Clan del Golfo",
        ),
    ],
)
def test_a_group_named_with_doubt_or_by_affiliation_is_the_group(nlp_pipeline, text, trigger, name):
    assert [found[2] for found in actors_of(nlp_pipeline, text, trigger)] == [name]
