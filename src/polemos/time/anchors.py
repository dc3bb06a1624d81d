"""Event anchors: "two days before the full-scale invasion of Ukraine", "a week after the offensive".

``WellKnownDates`` is a language's table of dated events (``tables/well_known_dates.csv``);
``DocumentEvents`` remembers event nouns seen in sentences that carry a day-level date
earlier in the same document ("On September 19 Azerbaijan launched an offensive"). The words
around an event phrase ("the", "Russia's", "prior to") are the language's patterns
(``event_lead``, ``event_to``, ``event_mention``, ``event_reference`` of its ``patterns/time.toml``).
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Iterable, Optional

from polemos.time.patterns import TimePatterns


@dataclass(frozen=True)
class DatedEvent:
    name: str
    pattern: re.Pattern
    date: date
    source: str


class WellKnownDates:
    """Events whose date every reader knows, matched by a regular expression per event, after
    the words ``lead`` matches ("the", "Russia's": the language's ``event_lead``)."""

    def __init__(self, events: Iterable[DatedEvent], lead: re.Pattern):
        self.events = list(events)
        self.lead = lead

    @classmethod
    def from_rows(cls, rows: Iterable[dict[str, str]], lead: re.Pattern) -> "WellKnownDates":
        return cls((_event_from_row(row) for row in rows), lead)

    @classmethod
    def from_csv(cls, path: Path | str, lead: re.Pattern) -> "WellKnownDates":
        with open(path, newline="", encoding="utf-8") as handle:
            return cls.from_rows(csv.DictReader(handle), lead)

    def match(self, text: str, offset: int) -> Optional[tuple[int, date, str]]:
        """The event phrase starting at ``offset`` (after optional determiners): (end, date, label)."""
        lead = self.lead.match(text, offset)
        position = lead.end() if lead else offset
        best = None
        for event in self.events:
            found = event.pattern.match(text, position)
            if found and (best is None or found.end() > best[0]):
                best = (found.end(), event.date, f"{event.name}, well-known date")
        return best


def _event_from_row(row: dict[str, str]) -> DatedEvent:
    pattern = re.compile(rf"(?:{row['pattern']})\b", re.IGNORECASE)
    return DatedEvent(row["name"], pattern, date.fromisoformat(row["date"]), row["source"])


def event_nouns(rows: Iterable[dict[str, str]]) -> frozenset[str]:
    """The event nouns that can anchor a relative date within a document (``tables/time_event_nouns.csv``)."""
    return frozenset(row["noun"].lower() for row in rows)


def load_event_nouns(path: Path | str) -> frozenset[str]:
    """The event nouns of a CSV file with a ``noun`` column."""
    with open(path, newline="", encoding="utf-8") as handle:
        return event_nouns(csv.DictReader(handle))


class EventNouns:
    """The event nouns, and the patterns finding them (built once, shared by every document)."""

    def __init__(self, nouns: frozenset[str], patterns: TimePatterns):
        self.nouns = nouns
        alternatives = "|".join(sorted(map(re.escape, nouns), key=len, reverse=True))
        mention = patterns.fill("event_mention", patterns.event_mention, nouns=alternatives)
        reference = patterns.fill("event_reference", patterns.event_reference, nouns=alternatives)
        self.mention = re.compile(mention, re.IGNORECASE)
        self.reference = re.compile(reference, re.IGNORECASE)
        self.to = patterns.event_to  # "to" of "prior to" before an event phrase


class DocumentEvents:
    """Event nouns dated by the sentence they appeared in, for later relative references."""

    def __init__(self, nouns: EventNouns):
        self.nouns = nouns
        self._dates: dict[str, tuple[date, str]] = {}

    def remember(self, sentence: str, day: date, day_text: str) -> None:
        """Date every event noun of ``sentence`` with ``day`` (written ``day_text`` there)."""
        for found in self.nouns.mention.finditer(sentence):
            noun = found.group(1).lower()
            self._dates[noun] = (day, f"the {noun} dated '{day_text}' earlier in the document")

    def match(self, text: str, offset: int) -> Optional[tuple[int, date, str]]:
        """A reference such as "the offensive" at ``offset`` to an event dated earlier."""
        to = self.nouns.to.match(text, offset)
        found = self.nouns.reference.match(text, to.end() if to else offset)
        if not found:
            return None
        known = self._dates.get(found.group(1).lower())
        if known is None:
            return None
        return found.end(), known[0], known[1]
