"""Which state a mention belongs to when it names none: the states around it.

A bare "the government" or "police", an office holder with no country ("President
Dos Santos") and a generic group ("bandits") take their state from the text
around them: the state named nearest in their sentence, else the state the
previous sentence is mostly about, else the state the whole document is mostly
about. ``CountryContext`` holds every state named in a document (by actor
mentions and by the places the geo stage resolved) for those look-ups.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Optional

from polemos.actors.mentions import ACTOR_LABELS
from polemos.actors.session import STATE_KINDS

if TYPE_CHECKING:
    from polemos.actors.kb import Entry, Match
    from polemos.actors.session import DocumentActors

# Actors whose country says which state a text is about.
HOMED_KINDS = {"person", "organisation", "armed_group", "party"}
# The document's leading state must be named this many times more often than the next one.
DOMINANCE_RATIO = 1.5


@dataclass
class CountryContext:
    """Per sentence, the (char offset, state entry) of every state named in it."""

    by_sentence: dict[int, list[tuple[int, "Entry"]]] = field(default_factory=dict)

    def add(self, sentence: Optional[int], char: int, entry: "Entry") -> None:
        if sentence is not None:
            self.by_sentence.setdefault(sentence, []).append((char, entry))

    def nearest(self, sentence: Optional[int], char: int) -> Optional["Entry"]:
        """The state named nearest before ``char`` in its sentence, else after it, else the
        state the sentence before is mostly about."""
        if sentence is None:
            return None
        here = self.by_sentence.get(sentence, [])
        before = [entry for offset, entry in here if offset < char]
        if before:
            return before[-1]
        if here:
            return here[0][1]
        # "… in Yerevan, demanding that Pashinyan resign over Nagorno-Karabakh. Police detained …"
        return _most_named([entry for _offset, entry in self.by_sentence.get(sentence - 1, [])])

    def in_sentence(self, sentence: Optional[int]) -> list["Entry"]:
        """The distinct states named in ``sentence``, in text order."""
        found: dict[str, "Entry"] = {}
        if sentence is None:
            return []
        for _offset, entry in sorted(self.by_sentence.get(sentence, []), key=lambda pair: pair[0]):
            found.setdefault(entry.id, entry)
        return list(found.values())

    def dominant(self) -> Optional["Entry"]:
        """The state the document is mostly about, when one clearly leads."""
        named = [entry for pairs in self.by_sentence.values() for _offset, entry in pairs]
        counts = Counter(entry.id for entry in named).most_common(2)
        if not counts:
            return None
        if len(counts) > 1 and counts[0][1] < DOMINANCE_RATIO * counts[1][1]:
            return None
        return next(entry for entry in named if entry.id == counts[0][0])


def in_context(matches: list["Match"], context: CountryContext) -> list["Match"]:
    """Knowledge-base matches of a name several countries' actors share ("Congress": the US
    legislature, India's party), those of the country the document is about first; with no
    such country, an institution's seat name ("Congress", "the Kremlin") keeps its usual reading."""
    if len({match.entry.country for match in matches}) < 2:
        return matches
    home = context.dominant()
    preferred = [m for m in matches if home is not None and m.entry.country == home.country]
    if not preferred:
        preferred = [m for m in matches if m.alias_type == "seat"]
    return preferred + [m for m in matches if m not in preferred]


def _most_named(entries: list["Entry"]) -> Optional["Entry"]:
    if not entries:
        return None
    counts = Counter(entry.id for entry in entries)
    best = max(counts.values())
    return next(entry for entry in entries if counts[entry.id] == best)


def _currency(ent) -> bool:
    """ "US $50 million": the country marks a currency, not a party to the story."""
    following = ent.doc[ent.end] if ent.end < len(ent.doc) else None
    return following is not None and (following.ent_type_ == "MONEY" or following.text in ("$", "dollars"))


def country_context(actors: "DocumentActors") -> CountryContext:
    """Every state the document names: by its name, demonym or capital, through a known person or
    organisation of that state, and as the country of every place the geo stage resolved."""
    context = CountryContext()
    record = actors.record
    for ent in actors.doc.ents:
        if ent.label_ not in ("GPE", "NORP") and ent.label_ not in ACTOR_LABELS or _currency(ent):
            continue
        matches = actors.kb.matches(ent.text, actors.when)
        if not matches or len({match.entry.country for match in matches}) > 1:
            continue  # "Congress" (the US one, India's party): a name of several countries says none
        entry = matches[0].entry
        # a head of state speaks for their state; UNITA and the FIS belong to Angola and Algeria
        state = actors.kb.entry(entry.country) if entry.kind in HOMED_KINDS and entry.country else entry
        if state is not None and state.kind in STATE_KINDS:
            context.add(record.sentence_at(ent.start_char), ent.start_char, state)
    for place in record.places:
        state = actors.kb.entry(place.country) if place.country else None
        if state is not None:
            context.add(record.sentence_at(place.start), place.start, state)
    return context
