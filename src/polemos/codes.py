"""The closed vocabularies events are coded in: PLOVER event types (and polemos's own
extensions of them) and ACLED event and sub-event types.

What the code knows of each event type (its fusion family, the type that undoes it, the
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
    """One event type as the events stage and fusion treat it: one of PLOVER's 16, or one of
    polemos's own beside them (ACCIDENT: unintended harm, which PLOVER's ASSAULT does not cover)."""

    name: str
    plover: bool  # one of PLOVER's types; False for polemos's extensions
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
    """Every event type's row of ``data/events/types.csv``, by name: PLOVER's in PLOVER order, then
    polemos's extensions."""
    with EVENT_TYPES_PATH.open(newline="", encoding="utf-8") as handle:
        return {
            row["type"]: EventType(
                name=row["type"],
                plover=row["plover"] == "yes",
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


# Every type an event may have: the rows of ``data/events/types.csv``, so that a new type is one
# row there (its triggers aside). What a user may ask for, filter on or correct an event to.
EVENT_TYPES: tuple[str, ...] = tuple(event_types())
# PLOVER's 16, in PLOVER order: what a PLOVER gold set can name and the lexicon's triggers code.
PLOVER_TYPES: tuple[str, ...] = tuple(name for name, kind in event_types().items() if kind.plover)
# polemos's own types beside PLOVER's (ACCIDENT), with no ACLED type of their own.
EXTENSION_TYPES: tuple[str, ...] = tuple(name for name, kind in event_types().items() if not kind.plover)
ACCIDENT = "ACCIDENT"  # unintended harm to people: the events stage's retyping of an ASSAULT nobody meant


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
