"""The incident a headline reports when the article's text tells no violent event of its own.

A page whose text is not the story (a sign-up prompt, a video list, a photo gallery whose
captions were left out, another story) or that tells the shooting only in words no trigger
reads ("the gun went off, striking his brother") still carries the headline it was published
under: "One Dead, Four Wounded in Drive-By Shooting", "4-year-old shot by brother". That
headline is the article's own report of the incident, so it becomes the article's violent
event: an ASSAULT with the headline as its evidence (offsets 0..0, for the headline is not
part of the text), dated, placed and counted by the later article-wide steps (the article's
dates and publication, the story's place, the headline's counts). It is made only when no
violent event is asserted in the text, so it never competes with what the text tells.
"""

from __future__ import annotations

from polemos.codes import event_types
from polemos.events.merge import Candidate
from polemos.events.places import PLACE_OF_STORY
from polemos.events.words import EventWords
from polemos.figures import FigureExtractor
from polemos.record import Event, Evidence, ExtractionRecord

HARM = {"dead", "injured", "shot"}
VIOLENT_TYPES = {name for name, kind in event_types().items() if HARM - {"shot"} <= set(kind.sizes or ())}
HEADLINE_TYPE = "ASSAULT"
ACCIDENTAL = "accidental"
# Below any event the text itself asserts, above a recalled one.
HEADLINE_CONFIDENCE = 0.35


def headline_incident(
    record: ExtractionRecord, candidates: list[Candidate], figures: FigureExtractor | None, words: EventWords
) -> Candidate | None:
    """The headline's incident, when the text asserts no violent event and the headline
    reports one (an incident word, or a count of people killed, wounded or shot)."""
    title = (record.document.title or "").strip()
    if not title or any(
        c.event.type in VIOLENT_TYPES and c.event.modality == "asserted" and not c.background for c in candidates
    ):
        return None
    reported = words.headline_incident.search(title)
    counted = [q for q in figures.headline(title) if q.category in HARM] if figures is not None else []
    if reported is None and not counted:
        return None
    event = Event(
        id="",
        type=HEADLINE_TYPE,
        context=[ACCIDENTAL] if words.accident.search(title) else [],
        evidence=[Evidence(text=title, start=0, end=0)],
        confidence=HEADLINE_CONFIDENCE,
        trigger=reported.group(0) if reported is not None else counted[0].text,
    )
    # no sentence of the text tells it, so it happened where the story is set (or where the
    # headline says it happened): the story's place, not a paragraph's
    return Candidate(event, paragraph=0, place_rank=PLACE_OF_STORY)
