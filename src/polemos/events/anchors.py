"""When, where and how many: tie timexes, places and quantities to an event's clause.

A timex or place belongs to an event when, walking up the parse from it, the first
clause head reached is the event's trigger, its light verb or its clause verb. Failing
that, the date falls back to the time the paragraph set ("In December 2022, ...") and
then, for present-tense reporting, to the publication date; the place falls back to
the paragraph's last clause-attached place. A place from another paragraph is never used.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass

from spacy.tokens import Doc, Token

from polemos.events.triggers import VERB_TAGS
from polemos.record import ExtractionRecord, Quantity, Timex

DATE_TYPES = {"DATE", "TIME"}
SIZE_CATEGORIES = {
    "ASSAULT": ("dead", "injured", "arrested"),
    "COERCE": ("arrested", "displaced"),
    "SANCTION": ("displaced",),
    "PROTEST": ("arrested", "injured", "dead"),
    "RETREAT": ("displaced",),
}
SENTENCE_LEVEL_DEPS = {"npadvmod", "tmod", "advmod", "obl"}
BOUND_PREPOSITIONS = {"until", "till", "before", "since", "after", "by", "prior", "from", "to"}
_PRECISION = [
    (re.compile(r"^\d{4}-\d{2}-\d{2}"), "day"),
    (re.compile(r"^\d{4}-W\d{2}"), "week"),
    (re.compile(r"^\d{4}-\d{2}$"), "month"),
    (re.compile(r"^\d{4}-(SP|SU|FA|WI)$"), "season"),
    (re.compile(r"^\d{4}-Q\d$"), "quarter"),
    (re.compile(r"^\d{4}-H\d$"), "half"),
    (re.compile(r"^\d{4}$"), "year"),
    (re.compile(r"^\d{3}$"), "decade"),
    (re.compile(r"^\d{2}$"), "century"),
]


@dataclass
class Anchored:
    token: Token
    index: int


class Anchors:
    """Timexes, places and quantities of one record, located in the parse."""

    def __init__(self, record: ExtractionRecord, doc: Doc) -> None:
        self.record = record
        self.doc = doc
        self.timexes = _locate(doc, [(i, t) for i, t in enumerate(record.timexes)
                                     if t.type in DATE_TYPES and _concrete(t)])
        self.quantities = _locate(doc, list(enumerate(record.quantities)))
        self.paragraph_starts = _paragraph_starts(record.text)

    def timex_tokens(self) -> set[int]:
        found: set[int] = set()
        for timex in self.record.timexes:
            span = self.doc.char_span(timex.start, timex.end, alignment_mode="expand")
            if span is not None:
                found |= {t.i for t in span}
        return found

    def paragraph_of(self, offset: int) -> int:
        return bisect_right(self.paragraph_starts, offset) - 1

    def clause_date(self, nodes: set[int], barriers: frozenset[int] = frozenset()) -> dict | None:
        """The date whose timex hangs from ``nodes`` without passing a ``barriers`` token (another event)."""
        hits = [a for a in self.timexes if _clause_head(a.token, nodes, barriers) is not None]
        if not hits:
            return None
        best = min(hits, key=lambda a: min(abs(a.token.i - n) for n in nodes))
        return date_dict(self._timex(best.index), "clause")

    def paragraph_date(self, sentence_start: int, paragraph: int) -> dict | None:
        """The last sentence-level date set earlier in the same paragraph."""
        found = None
        for anchored in self.timexes:
            timex = self._timex(anchored.index)
            if timex.start >= sentence_start:
                break
            if self.paragraph_of(timex.start) == paragraph and _sentence_level(anchored.token):
                found = timex
        return date_dict(found, "paragraph") if found else None

    def publication_date(self) -> dict | None:
        published = self.record.document.published
        if not published:
            return None
        return {"value": published[:7], "begin": None, "end": None, "text": None,
                "precision": "month", "basis": "publication"}

    def sizes(self, event_type: str, sentence_bounds: tuple[int, int], nodes: set[int]) -> dict:
        wanted = SIZE_CATEGORIES.get(event_type, ())
        start, end = sentence_bounds
        sizes: dict[str, dict] = {}
        in_sentence = [a for a in self.quantities if start <= self._quantity(a.index).start < end]
        attached = [a for a in in_sentence if _clause_head(a.token, nodes) is not None]
        for anchored in attached + in_sentence:
            quantity = self._quantity(anchored.index)
            if quantity.category in wanted and quantity.category not in sizes:
                sizes[quantity.category] = {"min": quantity.min, "max": quantity.max, "text": quantity.text}
        return sizes

    def _timex(self, index: int) -> Timex:
        return self.record.timexes[index]

    def _quantity(self, index: int) -> Quantity:
        return self.record.quantities[index]


def attached(token: Token, nodes: set[int], barriers: frozenset[int] = frozenset()) -> bool:
    return _clause_head(token, nodes, barriers) is not None


def date_dict(timex: Timex, basis: str) -> dict:
    value = timex.value
    return {
        "value": value,
        "begin": timex.begin,
        "end": timex.end_date,
        "text": timex.text,
        "precision": precision_of(value),
        "basis": basis,
    }


def precision_of(value: str | None) -> str:
    for pattern, name in _PRECISION:
        if value and pattern.match(value):
            return name
    return "unknown"


def _clause_head(token: Token, nodes: set[int], barriers: frozenset[int] = frozenset()) -> Token | None:
    """The clause node in ``nodes`` that ``token`` hangs from, if no other clause or event intervenes."""
    current = token
    for _ in range(8):
        if current.i in nodes:
            return current
        if current is not token and (current.pos_ in VERB_TAGS or current.i in barriers):
            return None
        if current.head is current:
            return None
        current = current.head
    return None


def _sentence_level(token: Token) -> bool:
    """A time adverbial of a main clause ("In December 2022, ..."), not a noun modifier
    ("the 2020 war") nor a bound ("until 2025", "after the war")."""
    current = token
    while current.dep_ in {"nummod", "compound", "amod", "det", "nmod", "appos"} and current.head is not current:
        current = current.head
    if current.dep_ == "pobj":
        if current.head.lower_ in BOUND_PREPOSITIONS:
            return False
        current = current.head
    return current.dep_ in SENTENCE_LEVEL_DEPS | {"prep"} and current.head == current.sent.root


def _concrete(timex: Timex) -> bool:
    return bool(timex.value) and timex.value[:1].isdigit()


def _locate(doc: Doc, items: list[tuple[int, object]]) -> list[Anchored]:
    """Root token of each item's span; ``index`` is the item's position in the record."""
    located = []
    for index, item in items:
        span = doc.char_span(item.start, item.end, alignment_mode="expand")
        if span is not None and len(span):
            located.append(Anchored(span.root, index))
    return located


def _paragraph_starts(text: str) -> list[int]:
    starts = [0]
    for match in re.finditer(r"\n+", text):
        starts.append(match.end())
    return starts
