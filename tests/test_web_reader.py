"""The source reader's segmentation: every character once, mentions from offsets, evidence anchors."""

from __future__ import annotations

from polemos.record import (
    Actor,
    DocumentInfo,
    Event,
    Evidence,
    ExtractionRecord,
    Heading,
    Mention,
    Place,
    Quantity,
    Sentence,
    Timex,
)
from polemos.web.reader import segments

TEXT = "Shelling hits Goris\n\nAzerbaijani forces shelled Goris on 3 March, killing four civilians. Talks resumed."


def _record() -> ExtractionRecord:
    body = TEXT.index("Azerbaijani")
    first_end = TEXT.index(" Talks")
    goris = TEXT.index("Goris", body)
    return ExtractionRecord(
        document=DocumentInfo(id="doc", headings=[Heading("Shelling hits Goris", 0, 19)]),
        text=TEXT,
        sentences=[Sentence(0, 19), Sentence(body, first_end), Sentence(first_end + 1, len(TEXT))],
        actors=[
            Actor(
                "AZE.MIL",
                "Azerbaijani military",
                "state",
                "MIL",
                "AZE",
                mentions=[Mention("Azerbaijani forces", body, body + 18, 1)],
            )
        ],
        places=[
            Place("Goris", goris, goris + 5, "Goris", 616629, 39.51, 46.34, "ARM", "city", 1),
            Place("Goris", 14, 19, "Goris", 616629, 39.51, 46.34, "ARM", "city", 0),
        ],
        timexes=[Timex("3 March", TEXT.index("3 March"), TEXT.index("3 March") + 7, "DATE", "2024-03-03")],
        # "four civilians" overlaps a shorter, wrong figure "four": the longer one is shown
        quantities=[
            Quantity("four civilians", TEXT.index("four"), TEXT.index("four") + 14, 4, 4, "civilians", "dead"),
            Quantity("four", TEXT.index("four"), TEXT.index("four") + 4, 4, 4, None, "other"),
        ],
        events=[
            Event("ev-shell", "ASSAULT", evidence=[Evidence(TEXT[body:first_end], body, first_end)]),
            Event("ev-talks", "CONSULT", evidence=[Evidence("Talks resumed.", first_end + 1, len(TEXT))]),
            Event("ev-broken", "AID", evidence=[Evidence("nowhere", 500, 507)]),  # offsets past the text
        ],
    )


def test_segments_cover_the_text_exactly_once():
    parts = segments(_record())
    assert "".join(part.text for part in parts) == TEXT
    assert all(TEXT[part.start : part.start + len(part.text)] == part.text for part in parts)


def test_mentions_are_marked_from_their_offsets():
    marked = {part.text: part.mention.kind for part in segments(_record()) if part.mention}
    assert marked["Azerbaijani forces"] == "actor"
    assert marked["Goris"] == "place" and marked["3 March"] == "date"
    assert marked["four civilians"] == "figure" and "four" not in marked


def test_evidence_carries_its_events_and_one_anchor_each():
    parts = segments(_record())
    shelling = [part for part in parts if "ev-shell" in part.events]
    assert "".join(part.text for part in shelling) == TEXT[TEXT.index("Azerbaijani") : TEXT.index(" Talks")]
    anchors = [anchor for part in parts for anchor in part.anchors]
    assert sorted(anchors) == ["ev-shell", "ev-talks"]  # no anchor for evidence outside the text
    assert next(part for part in parts if "ev-shell" in part.anchors).text.startswith("Azerbaijani")


def test_headings_are_marked():
    heading_text = "".join(part.text for part in segments(_record()) if part.heading)
    assert heading_text == "Shelling hits Goris"
