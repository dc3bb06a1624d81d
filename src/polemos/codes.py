"""The closed vocabularies events are coded in: PLOVER event types and ACLED event and sub-event types.

They sit beside the extraction record, below every stage, so that the store, the command
line and the web can check what a user asks for without importing the events stage.
"""

from __future__ import annotations

import csv
from functools import lru_cache
from pathlib import Path
from typing import Optional

ACLED_CODES_PATH = Path(__file__).resolve().parent / "data" / "events" / "acled_codes.csv"

PLOVER_TYPES = (
    "AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST",
    "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT",
)


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
