"""How an event's subordinate clauses bear on it, on made-up sentences run through the real pipeline:
a demanded act is not reported as done, an "as"-clause dates the main event, the cause of a flight
is its actor, and the next sentence takes its place from the main clause, not from a complement.
"""

from __future__ import annotations

import pytest

from polemos.eval.events import SentenceCoder

pytestmark = pytest.mark.slow

PUBLISHED = "2024-05-01"


@pytest.fixture(scope="module")
def coder() -> SentenceCoder:
    return SentenceCoder()


def events_of(coder: SentenceCoder, text: str):
    record, _doc = coder.code_one(text, PUBLISHED)
    return record, record.events


def countries(record, actor_ids) -> set[str]:
    by_id = {a.id: a for a in record.actors}
    return {by_id[i].country for i in actor_ids if i in by_id and by_id[i].country}


def test_demanded_resignation_is_not_an_asserted_retreat(coder):
    _record, events = events_of(
        coder, "Hundreds of students marched in Tbilisi on Friday, demanding that the interior minister resign."
    )
    assert any(e.type in {"PROTEST", "REQUEST"} for e in events)
    assert not [e for e in events if e.type == "RETREAT" and e.modality == "asserted"], [
        (e.type, e.modality, e.trigger) for e in events
    ]


def test_date_of_an_as_clause_dates_the_main_event(coder):
    record, events = events_of(
        coder, "Georgian border guards arrested a smuggler as he tried to cross into Turkey on 3 March 2024."
    )
    arrest = next(e for e in events if e.type == "COERCE")
    assert arrest.date is not None and arrest.date["value"] == "2024-03-03"
    assert countries(record, arrest.actor) == {"GEO"}


def test_fleeing_since_an_offensive_codes_its_owner_as_actor(coder):
    record, events = events_of(
        coder, "About 20,000 Armenians have fled the region since Azerbaijan's offensive three weeks ago."
    )
    flight = next(e for e in events if e.type == "SANCTION")
    assert countries(record, flight.actor) == {"AZE"}


def test_next_sentence_takes_the_place_of_the_main_clause(coder):
    record, events = events_of(
        coder,
        "Thousands of farmers rallied outside parliament in Kyiv on Monday, demanding that "
        "the government resign over its handling of the drought in Kherson. "
        "Police arrested dozens of protesters.",
    )
    arrest = next(e for e in events if e.type == "COERCE")
    assert arrest.place is not None
    assert "Kyiv" in record.places[arrest.place].text


def test_participle_clause_shares_the_date_of_its_main_clause(coder):
    _record, events = events_of(
        coder,
        "Hundreds of students marched in Tbilisi on 12 April 2024, demanding the release of detained journalists.",
    )
    request = next(e for e in events if e.type == "REQUEST")
    assert request.date is not None and request.date["value"] == "2024-04-12"


def test_people_fleeing_an_armed_group_code_the_group_as_actor(coder):
    record, events = events_of(coder, "Villagers fled the Taliban fighters in Kunduz on 3 May 2021.")
    flight = next(e for e in events if e.type == "SANCTION")
    assert [record.actors[[a.id for a in record.actors].index(i)].name for i in flight.actor] == ["Taliban"]
