"""ACLED event type and sub-event type for a PLOVER event.

Rules live in ``data/events/acled.csv`` (first matching row wins): PLOVER type, mode
(empty = any) and a condition on the participants: ``civilian_target`` (a civilian
recipient), ``armed_both`` (armed actors on both sides), ``territory_state`` /
``territory_nonstate`` (territorial control changing hands, by who takes it).
Events without a fitting ACLED category (talks, accusations, displacement) get ``None``.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from pathlib import Path

from polemos.events.lexicon import DATA_DIR
from polemos.record import Actor, Event

ARMED_SECTORS = {"MIL", "REB", "COP", "SPY", "PMC", "MIL/GOV", "INS", "PAR", "UAF"}
ARMED_KINDS = {"armed_group", "military"}
STATE_KINDS = {"state"}
STATE_SECTORS = {"GOV", "MIL", "COP"}
CIVILIAN_SECTORS = {"CVL", "REF", "HLH", "EDU", "JRN", "MED"}
TERRITORY_LEMMAS = ("capture", "retake", "recapture", "seize", "take over", "take control",
                    "gain control", "regain control", "occupy", "annex")


@dataclass(frozen=True)
class AcledRule:
    type: str
    mode: str | None
    condition: str
    event_type: str
    sub_event_type: str
    source: str


def load_rules(path: Path = DATA_DIR / "acled.csv") -> list[AcledRule]:
    with path.open(newline="", encoding="utf-8") as handle:
        return [AcledRule(r["type"], r["mode"] or None, r["condition"], r["event_type"],
                          r["sub_event_type"], r["source"]) for r in csv.DictReader(handle)]


def acled_type(event: Event, actors: dict[str, Actor] | None = None,
               rules: list[AcledRule] | None = None) -> dict[str, str] | None:
    """``{"event_type", "sub_event_type"}`` for ``event``, or ``None`` when none fits.

    ``actors`` maps actor ids to the record's actors, so sectors can tell armed parties
    from civilians; without it only type and mode decide.
    """
    if event.modality != "asserted":
        return None
    actors = actors or {}
    for rule in rules if rules is not None else load_rules():
        if rule.type != event.type or (rule.mode and rule.mode != event.mode):
            continue
        if _condition_holds(rule.condition, event, actors):
            return {"event_type": rule.event_type, "sub_event_type": rule.sub_event_type}
    return None


def _condition_holds(condition: str, event: Event, actors: dict[str, Actor]) -> bool:
    doers = [actors[a] for a in event.actor if a in actors]
    targets = [actors[a] for a in event.recipient if a in actors]
    if condition == "any":
        return True
    if condition == "civilian_target":
        return any(_civilian(a) for a in targets)
    if condition == "armed_both":
        return len(doers) + len(targets) >= 2 and all(_armed(a) for a in doers + targets)
    if condition.startswith("territory_"):
        if not _territorial(event) or not doers:
            return False
        state = any(a.kind in STATE_KINDS or (a.sector or "") in STATE_SECTORS for a in doers)
        return state if condition == "territory_state" else not state
    raise ValueError(f"unknown ACLED rule condition {condition!r}")


def _territorial(event: Event) -> bool:
    trigger = (event.trigger or "").lower()
    return "territory" in event.context and any(word.split()[0] in trigger for word in TERRITORY_LEMMAS)


def _armed(actor: Actor) -> bool:
    return actor.kind in ARMED_KINDS or actor.kind in STATE_KINDS or (actor.sector or "") in ARMED_SECTORS


def _civilian(actor: Actor) -> bool:
    return (actor.sector or "") in CIVILIAN_SECTORS or actor.kind in {"group", "person"} and not _armed(actor)
