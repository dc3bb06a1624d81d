"""What a candidate time expression is resolved against, and what resolving it yields."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Callable, Optional

from polemos.time.lexicon import TimeWords

#: Finds an event phrase at a text offset: returns (end offset, event date, label) or None.
EventFinder = Callable[[int], Optional[tuple[int, date, str]]]


@dataclass
class Resolution:
    type: str  # DATE | TIME | DURATION | SET
    value: str
    mod: Optional[str] = None  # START | MID | END (for the calendar interval)
    anchor: Optional[str] = None  # overrides the context's anchor label
    start: Optional[int] = None  # overrides the candidate's span
    end: Optional[int] = None


@dataclass
class Context:
    """The resolution context of one candidate.

    ``words`` are the time words of the text's language; ``anchor`` is the document date;
    ``tense`` that of the governing clause (``past``, ``present``, ``future`` or None);
    ``reference`` the last day-level date
    mentioned before the candidate ("the next day", "three days later");
    ``find_event`` finds an event phrase ("the full-scale invasion of Ukraine") at an offset.
    """

    words: TimeWords
    text: str
    anchor: Optional[date]
    anchor_label: Optional[str]
    tense: Optional[str] = None
    reference: Optional[date] = None
    reference_year: Optional[int] = None  # last year named outright ("in 1995 ... the following year")
    reference_quarter: Optional[str] = None  # last quarter under discussion ("2023-Q3")
    find_event: EventFinder = field(default=lambda offset: None)

    @property
    def anchor_day(self) -> date:
        """The document date, for rules that only run on a dated document."""
        if self.anchor is None:
            raise ValueError("no document date to resolve against")
        return self.anchor

    @property
    def reference_or_anchor(self) -> Optional[date]:
        return self.reference or self.anchor


def bound_mod(words: TimeWords, bound: Optional[str]) -> Optional[str]:
    """START/MID/END for "early 2023", "mid-October", "the end of this year": the first of the
    language's bound cues (in file order) found in the bound word."""
    if not bound:
        return None
    word = bound.lower()
    return next((mod for cue, mod in words.bound_cues.items() if cue in word), None)
