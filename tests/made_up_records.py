"""Small extraction records written for the tests, with events, for store, export and web tests."""

from __future__ import annotations

from polemos.record import Actor, DocumentInfo, Event, Evidence, ExtractionRecord, Mention, Place, Sentence

TEXT = "Azerbaijani forces shelled Stepanakert on September 19. Thousands fled to Goris."


def karabakh_record() -> ExtractionRecord:
    first, second = TEXT.index("Thousands"), len(TEXT)
    return ExtractionRecord(
        document=DocumentInfo(id="kar", title="Karabakh", content_hash="hash-kar", published="2023-09-21"),
        text=TEXT,
        sentences=[Sentence(0, first - 1), Sentence(first, second)],
        actors=[
            Actor(
                "AZE.MIL",
                "Azerbaijani military",
                "state",
                "MIL",
                "AZE",
                mentions=[Mention("Azerbaijani forces", 0, 18, 0)],
            ),
            Actor(
                "ARM.CVL",
                "Armenian civilians",
                "group",
                "CVL",
                "ARM",
                mentions=[Mention("Thousands", first, first + 9, 1)],
            ),
        ],
        places=[
            Place("Stepanakert", 27, 38, "Stepanakert", 174875, 39.8153, 46.7519, "AZE", "city", 0),
            Place(
                "Goris",
                TEXT.index("Goris"),
                TEXT.index("Goris") + 5,
                "Goris",
                616629,
                39.5111,
                46.3383,
                "ARM",
                "city",
                1,
            ),
        ],
        events=[
            Event(
                "e1",
                "ASSAULT",
                mode="heavy-weapons",
                actor=["AZE.MIL"],
                date={
                    "value": "2023-09-19",
                    "begin": "2023-09-19",
                    "end": "2023-09-19",
                    "text": "September 19",
                    "precision": "day",
                },
                place=0,
                evidence=[Evidence(TEXT[: first - 1], 0, first - 1)],
                trigger="shelled",
                acled={
                    "event_type": "Explosions/Remote violence",
                    "sub_event_type": "Shelling/artillery/missile attack",
                },
            ),
            Event(
                "e2",
                "SANCTION",
                mode="expel",
                actor=["AZE.MIL"],
                recipient=["ARM.CVL"],
                place=1,
                date={
                    "value": "2023-09",
                    "begin": "2023-09-01",
                    "end": "2023-09-30",
                    "text": None,
                    "precision": "month",
                },
                evidence=[Evidence(TEXT[first:], first, second)],
                trigger="fled",
            ),
        ],
    )


MODAL_TEXT = (
    "Azerbaijani forces shelled Stepanakert on September 19, killing 3 people. "
    "The army will shell Stepanakert again, killing 10, an officer warned. "
    "Azerbaijani forces did not shell Goris."
)


def modal_record() -> ExtractionRecord:
    """One shelling that happened, one announced for the same town and day, one denied."""
    text = MODAL_TEXT
    second, third = text.index("The army"), text.index("Azerbaijani forces did")
    day = {
        "value": "2023-09-19",
        "begin": "2023-09-19",
        "end": "2023-09-19",
        "text": "September 19",
        "precision": "day",
    }
    stepanakert, goris = text.index("Stepanakert"), text.index("Goris")

    def shelling(event_id, modality, start, end, place, dead=None):
        return Event(
            event_id,
            "ASSAULT",
            mode="heavy-weapons",
            actor=["AZE.MIL"],
            date=dict(day),
            place=place,
            modality=modality,
            size={"dead": {"min": dead, "max": dead, "text": str(dead)}} if dead else {},
            evidence=[Evidence(text[start:end], start, end)],
            trigger="shell",
            confidence=0.8,
            acled={"event_type": "Explosions/Remote violence", "sub_event_type": "Shelling/artillery/missile attack"}
            if modality == "asserted"
            else None,
        )

    return ExtractionRecord(
        document=DocumentInfo(
            id="modal", title="Shelling, threats and denials", content_hash="hash-modal", published="2023-09-20"
        ),
        text=text,
        sentences=[Sentence(0, second - 1), Sentence(second, third - 1), Sentence(third, len(text))],
        actors=[
            Actor(
                "AZE.MIL",
                "Azerbaijani military",
                "state",
                "MIL",
                "AZE",
                mentions=[Mention("Azerbaijani forces", 0, 18, 0)],
            )
        ],
        places=[
            Place(
                "Stepanakert", stepanakert, stepanakert + 11, "Stepanakert", 174875, 39.8153, 46.7519, "AZE", "city", 0
            ),
            Place("Goris", goris, goris + 5, "Goris", 616629, 39.5111, 46.3383, "ARM", "city", 2),
        ],
        events=[
            shelling("e1", "asserted", 0, second - 1, 0, dead=3),
            shelling("e2", "future", second, third - 1, 0, dead=10),
            shelling("e3", "negated", third, len(text), 1),
        ],
    )
