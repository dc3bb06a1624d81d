"""The main event of made-up local news pages and its toll: a page whose text never tells the
shooting still reports the headline's incident, and words about families and ages are no tolls."""

from __future__ import annotations

from polemos.figures import FigureExtractor
from polemos.ingest.raw import RawDocument

PUBLISHED = "2016-05-20"  # a Friday


def violent_events(pipeline, text: str, title: str | None, published: str = PUBLISHED):
    record = pipeline.extract(
        RawDocument(source="made-up", content=text, format="text", title=title, published=published)
    )
    return [e for e in record.events if e.type == "ASSAULT" and e.modality == "asserted"]


def sizes(event) -> dict:
    return {category: (figure["min"], figure["max"]) for category, figure in event.size.items()}


def test_a_page_without_the_story_reports_its_headline_incident(nlp_pipeline):
    text = "Get alerts from Jane Roe every day!\n\nYour preferences have been saved."
    found = violent_events(nlp_pipeline, text, "One Dead, Three Wounded in Elmwood Drive-By Shooting")
    assert len(found) == 1
    event = found[0]
    assert sizes(event) == {"dead": (1, 1), "injured": (3, 3)}
    assert event.evidence[0].text.startswith("One Dead") and event.evidence[0].start == event.evidence[0].end == 0
    assert event.date is not None and event.date["basis"] == "publication"


def test_an_accident_told_only_in_the_headline_is_an_accident(nlp_pipeline):
    text = "Deputies were called to a farm east of Elmwood around noon on Thursday.\n\nThe boy's condition is unknown."
    record = nlp_pipeline.extract(
        RawDocument(
            source="made-up",
            content=text,
            format="text",
            title="Boy hurt in accidental shooting at Elmwood farm",
            published=PUBLISHED,
        )
    )
    assert [(e.type, e.context) for e in record.events if e.modality == "asserted"] == [("ACCIDENT", ["accidental"])]


def test_a_headline_never_adds_an_event_beside_the_text_s_own(nlp_pipeline):
    text = "A gunman shot and wounded two men outside a bar in Elmwood on Thursday night, police said."
    found = violent_events(nlp_pipeline, text, "Two Wounded Outside Elmwood Bar")
    assert len(found) == 1 and found[0].evidence[0].end > 0


def test_a_headline_about_something_else_makes_no_event(nlp_pipeline):
    text = "The council voted on Tuesday to approve the budget for the coming year."
    assert violent_events(nlp_pipeline, text, "Elmwood council approves budget") == []


def test_a_headline_victim_shot_and_killed_is_dead():
    extractor = FigureExtractor()
    for title in ("Teenage boy shot and killed in Elmwood", "Woman shot, killed outside Elmwood bar"):
        assert [q.category for q in extractor.headline(title)] == ["dead"]
    assert [q.category for q in extractor.headline("Man shot outside Elmwood bar")] == ["shot"]


def test_a_parent_of_children_counts_nobody(nlp_pipeline):
    text = "Dan Weller, a 30-year-old father of three, was shot and killed outside a bar in Elmwood on Thursday."
    event = violent_events(nlp_pipeline, text, "Elmwood Shooting Kills Father of 3")[0]
    assert sizes(event) == {"dead": (1, 1)}


def test_ages_written_short_are_no_counts():
    extractor = FigureExtractor()
    for text in (
        "Police said the shooting that left a 6-yo boy wounded happened late Friday.",
        "Her 22 y/o son was shot in the leg.",
    ):
        assert not [q for q in extractor.extract(text) if q.min in (6, 22)]


def test_a_headline_s_fatal_shooting_is_at_least_one_dead(nlp_pipeline):
    text = "Detectives arrested a 24-year-old man in Elmwood on Thursday, police said."
    event = violent_events(nlp_pipeline, text, "Arrest made in fatal shooting outside Elmwood bar")[0]
    assert sizes(event)["dead"] == (1, None)


def test_the_text_s_count_outranks_the_headline_s_at_least_one(nlp_pipeline):
    text = "Two men were shot and killed outside a bar in Elmwood on Sunday night, police said."
    event = violent_events(nlp_pipeline, text, "Police seek gunman in fatal Elmwood shooting")[0]
    assert sizes(event)["dead"] == (2, 2)


def test_nobody_wounds_and_shots_fired_are_no_counts(nlp_pipeline):
    extractor = FigureExtractor()
    for text in (
        "A 19-year-old was shot and killed behind the store. No one else was injured.",
        "He was found with several gunshot wounds, including one to the chest.",
        "The homeowner fired one shot at the intruder, who fled.",
    ):
        found = [q for q in extractor.extract(text, nlp_pipeline.nlp(text)) if q.category in ("injured", "shot")]
        assert found == [], text


def test_fatally_wounded_is_dead(nlp_pipeline):
    extractor = FigureExtractor()
    text = "The gunfire left one man fatally wounded and two others with serious injuries."
    found = [(q.text, q.category) for q in extractor.extract(text, nlp_pipeline.nlp(text))]
    assert found == [("one man", "dead"), ("two", "injured")]


def test_a_count_after_a_comma_takes_its_own_clause_s_cue():
    extractor = FigureExtractor()
    found = [(q.text, q.category) for q in extractor.headline("Boy killed, 5 others shot in Elmwood")]
    assert found == [("Boy", "dead"), ("5", "shot")]
    found = [(q.text, q.category) for q in extractor.headline("2 dead, 4 hospitalized after Elmwood shooting")]
    assert found == [("2", "dead"), ("4", "injured")]


def test_others_shot_beside_a_dead_victim_in_the_headline_are_the_injured(nlp_pipeline):
    text = "Police are looking for a gunman who opened fire at a cookout in Elmwood on Thursday evening."
    event = violent_events(nlp_pipeline, text, "Boy killed, 5 others shot at Elmwood cookout")[0]
    assert sizes(event) == {"dead": (1, 1), "injured": (5, 5)}


def test_people_also_shot_beside_the_dead_are_the_injured(nlp_pipeline):
    text = (
        "Two men were shot and killed outside a bar in Elmwood on Friday night.\n\n"
        "A woman and a teenage boy were also shot, police said."
    )
    event = violent_events(nlp_pipeline, text, None)[0]
    assert sizes(event) == {"dead": (2, 2), "injured": (2, 2)}


def test_people_sent_to_hospital_are_injured():
    extractor = FigureExtractor()
    assert [(q.text, q.category) for q in extractor.headline("Accidental shooting sends two to hospital")] == [
        ("two", "injured")
    ]
    found = [(q.text, q.category) for q in extractor.extract("Two officers were sent to the scene.")]
    assert found == [("Two officers", "troops")]


def test_a_headline_incident_on_a_page_of_other_matters_is_dated_by_publication(nlp_pipeline):
    text = (
        "Shops across the county are getting ready for Valentine's Day, and florists say orders "
        "have been strong since Christmas."
    )
    event = violent_events(nlp_pipeline, text, "Two Wounded in Elmwood Drive-By Shooting")[0]
    assert (event.date["begin"], event.date["end"], event.date["basis"]) == ("2016-05-19", "2016-05-20", "publication")


def test_people_charged_are_no_victims():
    extractor = FigureExtractor()
    assert [(q.text, q.category) for q in extractor.headline("Two men charged in death of Elmwood teen")] == [
        ("Two men", "arrested")
    ]


def test_one_of_the_wounded_who_died_is_one_dead_and_the_others_injured(nlp_pipeline):
    text = (
        "One of three men wounded in Saturday's shooting outside an Elmwood bar has died, police said Monday. "
        "The other two remain in the hospital."
    )
    event = violent_events(nlp_pipeline, text, "Man dies after Elmwood bar shooting", published="2016-05-23")[0]
    assert sizes(event) == {"dead": (1, 1), "injured": (2, 2)}


def test_a_suspect_wounded_beside_an_officer_is_injured(nlp_pipeline):
    text = "The exchange of gunfire happened on Elm Street on Tuesday night, police said."
    event = violent_events(nlp_pipeline, text, "Suspect, deputy wounded in Elmwood shootout")[0]
    assert sizes(event) == {"injured": (2, 2)}
