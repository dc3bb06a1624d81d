"""The closed vocabularies events are coded in: PLOVER event types and ACLED event and sub-event types.

What the code knows of each PLOVER type (its fusion family, the type that undoes it, the
counts it carries, ...) is one row of ``data/events/types.csv``, read by ``event_types``.

They sit beside the extraction record, below every stage, so that the store, the command
line and the web can check what a user asks for without importing the events stage.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Optional

ACLED_CODES_PATH = Path(__file__).resolve().parent / "data" / "events" / "acled_codes.csv"
EVENT_TYPES_PATH = Path(__file__).resolve().parent / "data" / "events" / "types.csv"


@dataclass(frozen=True)
class EventType:
    """One PLOVER event type as the events stage and fusion treat it."""

    name: str
    family: str  # types of one family may describe the same real event (fusion)
    reversal: Optional[str]  # the type a reversing verb makes of it: "lifted the curfew" (COERCE) is CONCEDE
    sizes: tuple[str, ...]  # the counts it carries (dead, injured, arrested, displaced), in the order read
    refusable: bool  # a refusal of it ("rejected the offer of talks") is a REJECT
    modeless: bool  # PLOVER defines no modes for it
    cooperative: bool  # cooperation whose announcement or intent ("plans to meet") is an AGREE
    material_conflict: bool  # an intent to do it ("plans to attack") is a THREATEN
    colour: str  # how the workspace shows it (chips, map points, timeline bars): a CSS hex colour


@lru_cache(maxsize=1)
def event_types() -> dict[str, EventType]:
    """Every PLOVER type's row of ``data/events/types.csv``, by name, in PLOVER order."""
    with EVENT_TYPES_PATH.open(newline="", encoding="utf-8") as handle:
        return {
            row["type"]: EventType(
                name=row["type"],
                family=row["family"],
                reversal=row["reversal"] or None,
                sizes=tuple(filter(None, row["sizes"].split(";"))),
                refusable=row["refusable"] == "yes",
                modeless=row["modeless"] == "yes",
                cooperative=row["cooperative"] == "yes",
                material_conflict=row["material_conflict"] == "yes",
                colour=row["colour"],
            )
            for row in csv.DictReader(handle)
        }


# The PLOVER types, in PLOVER order: the rows of ``data/events/types.csv``, so that a new type
# is one row there (its triggers aside).
PLOVER_TYPES: tuple[str, ...] = tuple(event_types())


@lru_cache(maxsize=1)
def acled_codes() -> tuple[tuple[str, str, str], ...]:
    """``(code, event_type, sub_event_type)`` rows of the ACLED codebook, in its order."""
    with ACLED_CODES_PATH.open(newline="", encoding="utf-8") as handle:
        return tuple((row["code"], row["event_type"], row["sub_event_type"]) for row in csv.DictReader(handle))


def acled_event_types() -> tuple[str, ...]:
    return tuple(dict.fromkeys(event_type for _code, event_type, _sub in acled_codes()))


def acled_category(text: str) -> Optional[str]:
    """The ACLED event type or sub-event type ``text`` names, spelled as ACLED spells it
    (case, spaces and the sub-type codes forgiven), or None when it names none."""
    wanted = " ".join(text.split()).casefold()
    for code, event_type, sub_event_type in acled_codes():
        if wanted == event_type.casefold():
            return event_type
        if wanted in (sub_event_type.casefold(), code.casefold()):
            return sub_event_type
    return None
