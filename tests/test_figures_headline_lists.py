"""Victims a headline lists one by one instead of counting them (made-up headlines)."""

from __future__ import annotations

import pytest

from polemos.figures import FigureExtractor


@pytest.fixture(scope="module")
def extractor() -> FigureExtractor:
    return FigureExtractor()


def counts(extractor, title):
    return [(q.min, q.max, q.category) for q in extractor.headline(title)]


@pytest.mark.parametrize(
    "title, expected",
    [
        ("Teen, Woman Killed In Overnight Shooting", [(2, 2, "dead")]),
        ("Mother and son shot dead in home", [(2, 2, "dead")]),
        ("Riverside dad, two daughters died of gunshot wounds", [(3, 3, "dead")]),
        ("Grandfather and grandsons shot dead at farm", [(3, None, "dead")]),
        ("3 Men, Woman Shot Outside Bar In East Dayton", [(4, 4, "shot")]),
    ],
)
def test_people_listed_before_what_befell_them(extractor, title, expected):
    assert counts(extractor, title) == expected


@pytest.mark.parametrize(
    "title, expected",
    [
        ("Police: Neighbour kills woman, her daughter, himself in small town", [(3, 3, "dead")]),
        ("Arizona woman kills 7-year-old son, self", [(2, 2, "dead")]),
        ("Charges in shooting deaths of infant, man in Akron", [(2, 2, "dead")]),
    ],
)
def test_people_listed_after_a_killing(extractor, title, expected):
    assert counts(extractor, title) == expected


@pytest.mark.parametrize(
    "title, expected",
    [
        ("Teen killed in Akron shooting, two others wounded", [(1, 1, "dead"), (2, 2, "injured")]),
        ("Man shot, killed in parking lot", [(1, 1, "dead")]),
    ],
)
def test_one_victim_is_no_list(extractor, title, expected):
    assert counts(extractor, title) == expected


def test_a_link_to_another_story_counts_nobody(extractor):
    text = (
        "A man was wounded on Elm Street on Monday.\n"
        "+ 2 dead, 3 wounded in Oak Hill shooting\n"
        "1:05 Three injured officers thank their rescuers\n"
        "Related Content Story: 4 shot at downtown bar\n"
        "At 1:05 p.m. on Friday two more men were wounded."
    )
    assert [(q.text, q.min) for q in extractor.extract(text)] == [("two more men", 2)]


@pytest.mark.parametrize(
    "title, expected",
    [
        ("Coroner identifies teen killed in Elmwood shooting, crash", [(1, 1, "dead")]),
        ("Family mourns girl, 7, killed by stray bullet", [(1, 1, "dead")]),
        ("Uncle facing manslaughter charge after death of 4-year-old", [(1, 1, "dead")]),
        ("Man charged in his sister's death", [(1, 1, "dead")]),
        ("Death of man's dog investigated", []),
    ],
)
def test_one_victim_named_by_who_identifies_them_or_by_their_death(extractor, title, expected):
    assert counts(extractor, title) == expected


@pytest.mark.parametrize(
    "title, expected",
    [
        ("Two held after Elmwood shooting injures teen", [(1, 1, "injured")]),
        ("Teenager arrested in Oak Park shooting of 8-year-old child", [(1, 1, "shot")]),
        ("Teen struck by stray bullet inside home", [(1, 1, "shot")]),
        ("Police: 2-year-old airlifted after Elmwood shooting", [(1, 1, "shot")]),
        ("Man hit by car on highway", []),
        ("Man charged in shooting of teen's father", []),
    ],
)
def test_one_person_a_headline_s_shooting_struck(extractor, title, expected):
    assert counts(extractor, title) == expected


def test_a_list_of_links_whose_bullets_were_removed_counts_nobody(extractor):
    text = (
        "Police said a teen was charged on Friday.\n\n"
        "Man dead in Elm Hills shooting\n2 dead, 3 wounded in Oak Park shooting\nDriver hurt in crash\n\n"
        "Two men were wounded.\nThree people were hurt"
    )
    assert [(q.text, q.min) for q in extractor.extract(text)] == [("Two men", 2), ("Three people", 3)]


@pytest.mark.parametrize(
    "title, expected",
    [
        ("12-year-old accidentally shoots hand while deer hunting", [(1, 1, "shot")]),
        ("Man shoots neighbor's dog", []),
    ],
)
def test_one_who_shot_their_own_hand_or_foot(extractor, title, expected):
    assert counts(extractor, title) == expected


@pytest.mark.parametrize(
    "title, expected",
    [
        ("Suspect, deputy wounded in Elmwood shootout", [(2, 2, "injured")]),
        ("Gunman, two women killed at Riverside mall", [(3, 3, "dead")]),
    ],
)
def test_a_suspect_listed_with_the_victims_is_one_of_them(extractor, title, expected):
    assert counts(extractor, title) == expected


def test_a_suspect_trading_gunfire_is_no_victim(extractor):
    assert counts(extractor, "Police, suspect trade gunfire on Elm Street") == []


def test_one_of_those_shot_who_died_is_the_headline_s_dead(extractor):
    assert counts(extractor, "One of 6 shot at Elmwood block party dies") == [(1, 1, "dead"), (6, 6, "shot")]
