"""How many were killed and wounded in an incident, as the events of made-up news stories carry it."""

from __future__ import annotations

from polemos.ingest.raw import RawDocument


def main_assault(pipeline, text: str, title: str | None = None) -> dict:
    record = pipeline.extract(
        RawDocument(source="made-up", content=text, format="text", title=title, published="2016-05-02")
    )
    # a shooting, meant (ASSAULT) or not (ACCIDENT)
    assaults = [e for e in record.events if e.type in ("ASSAULT", "ACCIDENT") and e.modality == "asserted"]
    assert assaults, [(e.type, e.trigger) for e in record.events]
    chosen = max(assaults, key=lambda e: e.confidence)
    return {category: (figure["min"], figure["max"]) for category, figure in chosen.size.items()}


def test_killed_and_wounded_in_one_clause(nlp_pipeline):
    sizes = main_assault(
        nlp_pipeline,
        "On Friday, gunmen attacked an army post near the border, killing 12 soldiers and wounding 4 others.",
    )
    assert sizes["dead"] == (12, 12) and sizes["injured"] == (4, 4)


def test_one_victim_without_a_number(nlp_pipeline):
    assert main_assault(nlp_pipeline, "A 19-year-old was shot dead outside a store on Saturday night, police said.")[
        "dead"
    ] == (1, 1)
    assert main_assault(nlp_pipeline, "A masked gunman shot and killed a taxi driver on Monday.")["dead"] == (1, 1)
    sizes = main_assault(nlp_pipeline, "A woman was shot in the arm on Elm Street on Sunday, police said.")
    assert sizes == {"injured": (1, 1)}


def test_shot_split_into_dead_and_injured(nlp_pipeline):
    sizes = main_assault(nlp_pipeline, "Five people were shot at a birthday party on Sunday, and two of them died.")
    assert sizes == {"dead": (2, 2), "injured": (3, 3)}
    sizes = main_assault(nlp_pipeline, "Three teenagers, one fatally, were shot near a park on Tuesday evening.")
    assert sizes == {"dead": (1, 1), "injured": (2, 2)}


def test_the_toll_given_in_a_later_sentence_belongs_to_the_shooting(nlp_pipeline):
    text = (
        "Police are looking for a gunman who opened fire at a backyard party in Millbrook early Sunday.\n\n"
        "Two men and a woman were wounded in the gunfire and taken to a hospital."
    )
    assert main_assault(nlp_pipeline, text)["injured"] == (3, 3)


def test_headline_counts(nlp_pipeline):
    text = "Police said a gunman opened fire on a crowd outside a nightclub in Riverton on Saturday."
    sizes = main_assault(nlp_pipeline, text, title="5 Shot, 1 Killed Outside Riverton Nightclub")
    assert sizes == {"dead": (1, 1), "injured": (4, 4)}


def test_every_stated_toll_is_kept(nlp_pipeline):
    text = (
        "Militants stormed the market on Monday, killing 40 people.\n\n"
        "By Tuesday the death toll rose to 58, officials said."
    )
    assert main_assault(nlp_pipeline, text)["dead"] == (40, 58)


def test_shooters_are_not_counted_as_victims(nlp_pipeline):
    text = "When the suspect raised his gun on Friday, several officers fired at him, killing him."
    record = nlp_pipeline.extract(RawDocument(source="made-up", content=text, format="text"))
    assert not any("dead" in e.size and e.size["dead"]["min"] > 1 for e in record.events)


def test_victims_of_an_older_shooting_are_not_counted(nlp_pipeline):
    text = (
        "A man was shot and killed outside a bar on Maple Avenue on Friday, May 29, police said.\n\n"
        "In a separate shooting on April 3, nine people were wounded at a bus stop nearby."
    )
    sizes = main_assault(nlp_pipeline, text)
    assert sizes["dead"] == (1, 1) and "injured" not in sizes


def test_relatives_named_by_a_possessive_are_victims(nlp_pipeline):
    text = "A man fatally shot his wife and his stepson at their farm on Sunday, deputies said."
    assert main_assault(nlp_pipeline, text)["dead"] == (2, 2)


def test_a_headline_about_one_victim(nlp_pipeline):
    text = "Deputies said the boy's cousin accidentally shot him near the creek on Saturday."
    sizes = main_assault(nlp_pipeline, text, title="Teen Injured In Hunting Accident Near Creek")
    assert sizes == {"injured": (1, 1)}


def test_a_roundup_of_incidents_in_distant_towns_keeps_each_toll(nlp_pipeline):
    text = (
        "Two people were killed in Aligarh early on Friday in clashes after the strike.\n\n"
        "In Hyderabad, three people were injured when police fired on a mob on Friday."
    )
    record = nlp_pipeline.extract(RawDocument(source="made-up", content=text, format="text", published="2002-03-02"))
    sizes = [{k: (v["min"], v["max"]) for k, v in e.size.items()} for e in record.events if e.type == "ASSAULT"]
    assert {"dead": (2, 2)} in sizes and {"injured": (3, 3)} in sizes


def test_a_stated_one_is_kept_beside_larger_counts(nlp_pipeline):
    text = (
        "A gunman opened fire at a cookout on Saturday night, police said.\n\n"
        "One person died at the scene. Four people were taken to a hospital with gunshot wounds."
    )
    sizes = main_assault(nlp_pipeline, text, title="1 Dead, 4 Hurt In Cookout Shooting")
    assert sizes["dead"][0] == 1 and sizes["injured"][0] <= 4 <= (sizes["injured"][1] or 4)


def test_counted_victims_make_an_event_without_named_parties(nlp_pipeline):
    record = nlp_pipeline.extract(
        RawDocument(source="made-up", content="Four people were shot near a bus stop, police said.", format="text")
    )
    assaults = [e for e in record.events if e.type == "ASSAULT"]
    assert assaults and assaults[0].size["injured"]["min"] == 4


def test_one_of_several_shot_fatally(nlp_pipeline):
    sizes = main_assault(nlp_pipeline, "Four men leaving a wake were shot, one fatally, when a car drove by on Friday.")
    assert sizes == {"dead": (1, 1), "injured": (3, 3)}


def test_an_earlier_shooting_told_in_passing_keeps_its_own_count(nlp_pipeline):
    text = (
        "Three men were shot outside a diner on Friday, May 29, police said.\n\n"
        "One of them had been shot in the arm on May 20 at a gas station.\n\n"
        "Two of the men were taken to a hospital in critical condition."
    )
    sizes = main_assault(nlp_pipeline, text)
    assert sizes["injured"][0] <= 3 <= (sizes["injured"][1] or 3)


def test_another_war_between_other_parties_keeps_its_own_toll(nlp_pipeline):
    text = (
        "On 3 March 2021, Ruritanian troops attacked the border town of Ostrava, killing 40 civilians.\n\n"
        "In 1999, Russia bombed Grozny during its war in Chechnya."
    )
    record = nlp_pipeline.extract(RawDocument(source="made-up", content=text, format="text", published="2021-03-05"))
    russian = [e for e in record.events if e.type == "ASSAULT" and any(a.startswith("RUS") for a in e.actor)]
    assert russian and "dead" not in russian[0].size


def test_a_victim_who_died_later_is_counted_dead_not_injured(nlp_pipeline):
    text = (
        "A man was shot outside a gas station on Birch Road on Friday night.\n\n"
        "He died at the hospital a few hours later, police said."
    )
    assert main_assault(nlp_pipeline, text) == {"dead": (1, 1)}
    text = (
        "A 6-year-old boy shot himself with a pistol he found in a closet on Sunday.\n\n"
        "The boy was pronounced dead at the hospital."
    )
    assert main_assault(nlp_pipeline, text) == {"dead": (1, 1)}


def test_people_hit_by_gunfire_were_shot(nlp_pipeline):
    text = "Four people were hit by gunfire outside a bar on Saturday. Two of them died at the scene."
    assert main_assault(nlp_pipeline, text) == {"dead": (2, 2), "injured": (2, 2)}


def test_others_shot_beside_the_dead_are_the_injured(nlp_pipeline):
    text = "A man was killed on Friday night on Cedar Lane, and three other men were shot, police said."
    assert main_assault(nlp_pipeline, text) == {"dead": (1, 1), "injured": (3, 3)}


def test_a_victim_and_her_relatives_are_one_count(nlp_pipeline):
    text = "A gunman shot his girlfriend and her three daughters at their home on Sunday, deputies said."
    assert main_assault(nlp_pipeline, text) == {"injured": (4, 4)}


def test_the_year_to_date_tally_is_not_the_incident_toll(nlp_pipeline):
    text = (
        "Five people were shot at a park on Saturday night.\n\n"
        "Police said 43 people have been shot in the city so far this year."
    )
    assert main_assault(nlp_pipeline, text) == {"injured": (5, 5)}
    text = "Four people were killed on Sunday in the city's third mass shooting this year."
    assert main_assault(nlp_pipeline, text) == {"dead": (4, 4)}


def test_victims_found_wounded_one_of_whom_died(nlp_pipeline):
    text = (
        "A gunman opened fire outside a club on Walnut Street on Sunday.\n\n"
        "Officers found three people suffering from gunshot wounds. One of them died at the hospital."
    )
    assert main_assault(nlp_pipeline, text) == {"dead": (1, 1), "injured": (2, 2)}


def test_others_joined_to_a_survivor_are_injured_beside_the_dead(nlp_pipeline):
    text = (
        "A man was found dead in the yard on Saturday night. A woman and two other men were also shot "
        "and taken to a hospital."
    )
    assert main_assault(nlp_pipeline, text) == {"dead": (1, 1), "injured": (3, 3)}


def test_one_who_killed_others_and_then_themselves_is_one_more_dead(nlp_pipeline):
    text = "Police said a man shot and killed his wife and his stepdaughter, then himself, at their farm on Sunday."
    assert main_assault(nlp_pipeline, text) == {"dead": (3, 3)}
    text = "A mother fatally shot her husband and three sons at their home on Friday before killing herself."
    assert main_assault(nlp_pipeline, text) == {"dead": (5, 5)}


def test_one_who_shot_only_themselves_or_is_in_the_toll_is_not_added(nlp_pipeline):
    text = (
        "A 6-year-old boy accidentally shot and killed himself with a pistol he found on Sunday.\n\n"
        "The boy was pronounced dead at the hospital."
    )
    assert main_assault(nlp_pipeline, text) == {"dead": (1, 1)}
    text = (
        "Three people, including the gunman, were killed at an office on Monday.\n\n"
        "The gunman killed himself as officers arrived."
    )
    assert main_assault(nlp_pipeline, text) == {"dead": (3, 3)}


def test_a_counter_attack_on_the_next_day_keeps_its_own_toll(nlp_pipeline):
    """The other side's attack on a day of its own is another incident: it does not take the
    dead of the shelling told before it."""
    record = nlp_pipeline.extract(
        RawDocument(
            source="made-up",
            format="text",
            published="2024-03-06",
            content=(
                "Georgian forces shelled the Russian town of Vladikavkaz on 3 March 2024, killing five civilians, "
                "local officials said.\n\n"
                "Russian soldiers attacked a Georgian border post near Kazbegi on 4 March 2024, "
                "the defence ministry in Tbilisi said."
            ),
        )
    )
    assaults = {e.trigger: e for e in record.events if e.type == "ASSAULT"}
    assert assaults["shelled"].size["dead"]["min"] == 5
    assert "dead" not in assaults["attacked"].size


def test_shelling_a_town_and_killing_its_civilians_is_one_attack(nlp_pipeline):
    record = nlp_pipeline.extract(
        RawDocument(
            source="made-up",
            format="text",
            published="2024-03-06",
            content="Georgian forces shelled the Russian town of Vladikavkaz on 3 March 2024, killing five civilians.",
        )
    )
    assaults = [e for e in record.events if e.type == "ASSAULT"]
    assert len(assaults) == 1, [(e.trigger, e.recipient) for e in assaults]
    assert assaults[0].recipient == ["RUS.CVL"]
