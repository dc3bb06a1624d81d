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

from polemos.distance import great_circle_km
from polemos.events.triggers import VERB_TAGS
from polemos.record import Event, ExtractionRecord, Quantity, Timex

DATE_TYPES = {"DATE", "TIME"}
SIZE_CATEGORIES = {
    "ASSAULT": ("dead", "injured", "arrested"),
    "COERCE": ("arrested", "displaced"),
    "SANCTION": ("displaced",),
    "PROTEST": ("arrested", "injured", "dead"),
    "RETREAT": ("displaced",),
}
SHOT, HARM = "shot", {"dead", "injured"}
NUMERAL_ONE = re.compile(r"(?:1|one)\b", re.IGNORECASE)  # "one person died", not "a man" nor "Jane Doe"
# Two mentions in towns this far apart are two incidents ("... in Aligarh. ... in Hyderabad").
INCIDENT_KM = 25.0
SETTLEMENT_FEATURES = {"city", "town", "village"}
NAMED_PARTY_KINDS = {"state", "breakaway_state", "autonomous_region", "organisation", "armed_group", "party"}
YEAR_FIRST = re.compile(r"^\d{4}")  # "2020", "2020-FA", "2023-09-19"
CALENDAR_DATE = re.compile(r"^\d{4}(?:-\d{2}(?:-\d{2})?)?(?:$|T)")
# Words that open the report of a different incident in the same article.
ANOTHER_INCIDENT = re.compile(
    r"\b(?:in|during)\s+(?:an?\s+)?(?:separate|unrelated|another|earlier|previous|similar)\b"
    r"|\b(?:separate|unrelated)\s+(?:shooting|attack|incident|case)s?\b", re.IGNORECASE)
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
        readable = set(wanted) | ({SHOT} if HARM <= set(wanted) else set())
        for anchored in attached + in_sentence:
            quantity = self._quantity(anchored.index)
            if quantity.category in readable and quantity.category not in sizes:
                sizes[quantity.category] = _figure(quantity)
        return _without_shot(sizes)

    def counts_victims(self, nodes: set[int]) -> bool:
        """Whether a count of dead, injured or shot people hangs from the clause ``nodes``."""
        return any(self._quantity(a.index).category in HARM | {SHOT} and _clause_head(a.token, nodes) is not None
                   for a in self.quantities)

    def share_incident_sizes(self, mentions: list[tuple[Event, bool]], headline: list[Quantity] = ()) -> None:
        """Give every violent mention of one incident the incident's dead and injured.

        A story reports its toll across sentences ("a shooting at a party" ... "Three men and a
        woman were wounded"). An incident runs from a violent mention through the sentences
        after it, until a mention the text calls separate ("in another shooting") or one in a
        town far away. Its figures are every dead, injured and shot count in those sentences
        (the first incident also takes the lede before its first mention, and the headline's
        counts), read by ``incident_figures``. A recalled event (``background``) or one dated
        apart from its incident ("shot last weekend") keeps the counts of its own sentence,
        which are not the incident's."""
        violent = sorted(((event, background) for event, background in mentions
                          if HARM <= set(SIZE_CATEGORIES.get(event.type, ()))),
                         key=lambda item: _event_start(item[0]))
        stretches, asides = self._incident_stretches(violent)
        apart = {q.start for event in asides for q in self._sentence_quantities(event)}
        for number, (members, begin, end) in enumerate(stretches):
            own = [q for q in self.record.quantities if begin <= q.start < end
                   and q.category in HARM | {SHOT} and q.start not in apart]
            _give(members, incident_figures(own, list(headline) if number == 0 else []))
        for event in asides:
            _give([event], incident_figures([q for q in self._sentence_quantities(event) if q.category in HARM | {SHOT}]))

    def _incident_stretches(self, violent: list[tuple[Event, bool]]) -> tuple[list[tuple[list[Event], int, int]], list[Event]]:
        """Runs of mentions of one incident, each with the text span its figures come from,
        and the mentions of other incidents told in passing."""
        stretches: list[tuple[list[Event], int, int]] = []
        asides: list[Event] = []
        members: list[Event] = []
        begin, date, town = 0, None, None
        parties: set[str] = set()
        for event, background in violent:
            start = self._sentence_start(_event_start(event))
            value, here = _clause_value(event), self._settlement(event)
            if background or (date and value and not _same_time(date, value)) or self._other_parties(event, parties):
                asides.append(event)
                continue
            if members and (self._marks_another(start) or (town and here and great_circle_km(*town, *here) > INCIDENT_KM)):
                stretches.append((members, begin, start))
                members, begin, date, town, parties = [], start, None, None, set()
            members.append(event)
            date, town = date or value, town or here
            parties |= self._named_parties(event)
        if members:
            stretches.append((members, begin, len(self.record.text)))
        return stretches, asides

    def _named_parties(self, event: Event) -> set[str]:
        """The states and organisations a mention names (unnamed gunmen and victims are not)."""
        kinds = {actor.id: actor.kind for actor in self.record.actors}
        return {actor_id.split(".")[0] for actor_id in event.actor + event.recipient
                if kinds.get(actor_id) in NAMED_PARTY_KINDS and not actor_id.startswith("unspecified")}

    def _other_parties(self, event: Event, parties: set[str]) -> bool:
        """A mention between parties none of which the incident's mentions named is another event."""
        named = self._named_parties(event)
        return bool(parties and named and not parties & named)

    def _sentence_quantities(self, event: Event) -> list[Quantity]:
        index = self.record.sentence_at(_event_start(event))
        if index is None:
            return []
        bounds = self.record.sentences[index]
        return [q for q in self.record.quantities if bounds.start <= q.start < bounds.end]

    def _settlement(self, event: Event) -> tuple[float, float] | None:
        """Where a mention happened, when the text names the town or village."""
        if event.place is None or event.place >= len(self.record.places):
            return None
        place = self.record.places[event.place]
        if place.feature not in SETTLEMENT_FEATURES or place.lat is None or place.lon is None:
            return None
        return place.lat, place.lon

    def _sentence_start(self, offset: int) -> int:
        index = self.record.sentence_at(offset)
        return self.record.sentences[index].start if index is not None else offset

    def _marks_another(self, sentence_start: int) -> bool:
        index = self.record.sentence_at(sentence_start)
        if index is None:
            return False
        bounds = self.record.sentences[index]
        return ANOTHER_INCIDENT.search(self.record.text[bounds.start:bounds.end]) is not None

    def _timex(self, index: int) -> Timex:
        return self.record.timexes[index]

    def _quantity(self, index: int) -> Quantity:
        return self.record.quantities[index]


def incident_figures(quantities: list[Quantity], headline: list[Quantity] = ()) -> dict[str, dict]:
    """The dead and injured of one incident from the counts its headline and sentences give.

    Each category keeps the range of every figure stated for it ("243 to 271", an early
    toll and its revision), leaving out a victim singled out in the text ("a 17-year-old",
    "Jane Doe") when a larger toll is given, for that victim is one of them; the injured,
    when never counted, are those shot who did not die ("four people were shot, two of them
    died": 2 injured)."""
    figures: dict[str, dict] = {}
    for category in (*HARM, SHOT):
        titled = [q for q in headline if q.category == category and q.min is not None]
        stated = [q for q in quantities if q.category == category and q.min is not None]
        if any(q.min > 1 for q in titled + stated):
            stated = [q for q in stated if q.max is None or q.max > 1 or NUMERAL_ONE.match(q.text)]
        if titled + stated:
            figures[category] = _spread(titled + stated)
    return _without_shot(figures)


def _spread(stated: list[Quantity]) -> dict:
    highs = [q.max for q in stated]
    return {"min": min(q.min for q in stated), "max": None if None in highs else max(highs),
            "text": "; ".join(dict.fromkeys(q.text for q in stated))}


def _without_shot(figures: dict[str, dict]) -> dict[str, dict]:
    """Those shot are dead or injured: the shot who did not die are injured ("four people were
    shot, two of them died"), a figure kept beside any injured count the text gives."""
    shot = figures.pop(SHOT, None)
    if shot is None or shot["min"] is None:
        return figures
    dead = figures.get("dead")
    survivors = dict(shot)
    if dead is not None:
        if dead["max"] is None or shot["min"] <= dead["max"]:
            return figures  # all those shot may have died
        survivors = {"min": shot["min"] - dead["max"],
                     "max": None if shot["max"] is None else shot["max"] - (dead["min"] or 0), "text": shot["text"]}
    injured = figures.get("injured")
    if injured is None:
        figures["injured"] = survivors
    elif injured["min"] is not None:
        highs = [injured["max"], survivors["max"]]
        figures["injured"] = {"min": min(injured["min"], survivors["min"]),
                              "max": None if None in highs else max(highs),
                              "text": f"{injured['text']}; {survivors['text']}"}
    return figures


def _give(events: list[Event], figures: dict[str, dict]) -> None:
    for event in events:
        for category in HARM:
            if category in figures:
                event.size[category] = dict(figures[category])


def _figure(quantity: Quantity) -> dict:
    return {"min": quantity.min, "max": quantity.max, "text": quantity.text}


def _event_start(event: Event) -> int:
    return event.evidence[0].start if event.evidence else 0


def _clause_value(event: Event) -> str | None:
    """The date the mention's own clause gives, when it names a year ("2020", "2020-FA", a day)."""
    date = event.date or {}
    value = date.get("value") or ""
    return value[:10] if date.get("basis") == "clause" and YEAR_FIRST.match(value) else None


def _same_time(first: str, second: str) -> bool:
    """Two dates of one incident: one inside the other ("2013", "2013-04-07"), days at most one
    apart (a night's shooting spans midnight), or a season of the same year (not comparable)."""
    if first.startswith(second) or second.startswith(first):
        return True
    if len(first) < 10 or len(second) < 10:
        return first[:4] == second[:4] and not (CALENDAR_DATE.match(first) and CALENDAR_DATE.match(second))
    from datetime import date as day
    try:
        return abs((day.fromisoformat(first) - day.fromisoformat(second)).days) <= 1
    except ValueError:
        return True


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
