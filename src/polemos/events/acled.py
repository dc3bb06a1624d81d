"""ACLED event type and sub-event type for a PLOVER event.

Rules live in ``data/events/acled.csv``; the first row that fits wins. A row names the
PLOVER types and modes it covers, the cues its incident must show (``lang/en/tables/events_acled_cues.csv``:
weapons, protest, intervention, lethal force, territory ...) and who may act and suffer it,
as participant classes: ``forces`` (state military and police), ``armed`` (rebels, militias,
gangs, unidentified gunmen), ``civilians``, ``protesters``, ``mob`` and ``state`` (a
government or country as such). ACLED's own codebook sets the priorities the table keeps:
disrupted weapons and protests first, then territory, then the remote weapon used, then
violence against civilians, and armed clashes last.

``acled_type(event, actors, words=...)`` works from the event alone; the events stage also passes the
``Incident`` read from the event's sentence (``polemos.events.incidents``).
Events without a fitting ACLED category (talks, accusations, displacement) get ``None``.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass, field
from pathlib import Path

from polemos.events.lexicon import DATA_DIR
from polemos.events.words import EventWords
from polemos.record import Actor, Event

FORCES_SECTORS = {"MIL", "COP", "SPY", "MIL/GOV"}
ARMED_SECTORS = {"REB", "INS", "PRM", "UAF", "PMC", "PAR", "TER", "CRM"}
ARMED_KINDS = {"armed_group", "military"}
CIVILIAN_SECTORS = {"CVL", "REF", "HLH", "EDU", "JRN", "MED", "AGR", "LAB", "BUS", "REL", "ETH", "OPP", "ACT"}
PARTICIPANT_CLASSES = {"forces", "armed", "civilians", "protesters", "mob", "state", "other"}
# Modes that name the weapon when the sentence gave no cue of its own.
MODE_CUES = {
    "aerial": "air",
    "drone": "air",
    "heavy-weapons": "shelling",
    "explosives": "explosive",
    "suicide-attack": "suicide",
    "unconventional": "chemical",
    "sexual": "sexual",
    "abduct": "abduction",
    "riot": "riot",
    "crowd-control": "intervention",
    "firearms": "firearms",
    "beat": "beating",
}


@dataclass(frozen=True)
class Incident:
    """What the event's sentence adds: cue features and the classes of unnamed participants."""

    cues: frozenset[str] = frozenset()
    doers: frozenset[str] = frozenset()
    targets: frozenset[str] = frozenset()


@dataclass(frozen=True)
class Condition:
    """A conjunction of terms; a term is any-of (``a|b``) or none-of (``!a|b``)."""

    terms: tuple[tuple[bool, frozenset[str]], ...] = ()

    @classmethod
    def parse(cls, text: str) -> "Condition":
        terms = []
        for term in filter(None, (t.strip() for t in text.split("+"))):
            negated = term.startswith("!")
            terms.append((negated, frozenset(term.lstrip("!").split("|"))))
        return cls(tuple(terms))

    def holds(self, present: frozenset[str]) -> bool:
        return all(bool(words & present) != negated for negated, words in self.terms)


@dataclass(frozen=True)
class AcledRule:
    types: frozenset[str]
    modes: frozenset[str]
    cues: Condition
    doers: Condition
    targets: Condition
    event_type: str
    sub_event_type: str
    source: str = field(compare=False)

    def fits(self, event: Event, cues: frozenset[str], doers: frozenset[str], targets: frozenset[str]) -> bool:
        return (
            event.type in self.types
            and (not self.modes or (event.mode or "") in self.modes)
            and self.cues.holds(cues)
            and self.doers.holds(doers)
            and self.targets.holds(targets)
        )


def load_rules(path: Path = DATA_DIR / "acled.csv") -> list[AcledRule]:
    with path.open(newline="", encoding="utf-8") as handle:
        return [
            AcledRule(
                frozenset(r["type"].split("|")),
                frozenset(filter(None, r["mode"].split("|"))),
                Condition.parse(r["cues"]),
                Condition.parse(r["doers"]),
                Condition.parse(r["targets"]),
                r["event_type"],
                r["sub_event_type"],
                r["source"],
            )
            for r in csv.DictReader(handle)
        ]


def acled_type(
    event: Event,
    actors: dict[str, Actor] | None = None,
    rules: list[AcledRule] | None = None,
    incident: Incident | None = None,
    *,
    words: EventWords,
) -> dict[str, str | None] | None:
    """``{"event_type", "sub_event_type"}`` for ``event``, or ``None`` when none fits.

    ``actors`` maps actor ids to the record's actors, so sectors can tell armed parties
    from civilians; ``incident`` adds what the sentence says beyond the event; ``words`` are
    the events stage's words (``EventWords``), which its caller has loaded.
    """
    if event.modality != "asserted":
        return None
    actors = actors or {}
    incident = incident or Incident()
    doers = frozenset(actor_class(actors[a]) for a in event.actor if a in actors) | incident.doers
    targets = frozenset(actor_class(actors[a]) for a in event.recipient if a in actors) | incident.targets
    cues = incident.cues | _event_cues(event, words)
    for rule in rules if rules is not None else load_rules():
        if rule.fits(event, cues, doers, targets):
            return {"event_type": rule.event_type, "sub_event_type": rule.sub_event_type}
    return None


def actor_class(actor: Actor) -> str:
    """The participant class ACLED distinguishes for a linked actor."""
    sector = actor.sector or ""
    if sector in FORCES_SECTORS:
        return "forces"
    if sector in ARMED_SECTORS or actor.kind in ARMED_KINDS:
        return "armed"
    if sector in CIVILIAN_SECTORS or (actor.kind in {"group", "person"} and not sector):
        return "civilians"
    if actor.kind == "state" or sector == "GOV":
        return "state"
    return "other"


def _event_cues(event: Event, words: EventWords) -> frozenset[str]:
    cues = set()
    if event.mode in MODE_CUES:
        cues.add(MODE_CUES[event.mode])
    if "territory" in event.context and _capture_trigger(event.trigger, words):
        cues |= {"capture", "territorial"}
    return frozenset(cues)


def _capture_trigger(trigger: str | None, words: EventWords) -> bool:
    return any(word in words.capture_words for word in (trigger or "").lower().split())
