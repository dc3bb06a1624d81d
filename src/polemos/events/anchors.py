"""When, where and how many: tie timexes, places and quantities to an event's clause.

A timex or place belongs to an event when, walking up the parse from it, the first
clause head reached is the event's trigger, its light verb or its clause verb. Failing
that, the date falls back, in order (each marked by its ``basis``), to the date that governs
the sentence ("On 30 April 2020, militants targeted ..., killing 10 soldiers") or a day named
elsewhere in it (``sentence``); to the time the paragraph set ("In December 2022, ...",
``paragraph``); then, present-tense reporting of a current state to the publication month
(``publication``). In a news report of recent events, what is still undated takes the date of
the incident an earlier (else a later) event of the same type and parties was dated with, so
that a lede's date carries to the sentences about the same incident (``incident``); else the
date a sentence gives as when the incident happened ("The shooting happened on March 3", "the
shooting that occurred last month", at its own precision: ``incident``); else the
earliest day of the month before publication that the article names, since a report tells of
the incident before what followed it (``article``); else the day of publication or the day
before, or, in a follow-up that dates only what followed ("arrested Tuesday"), the month of
publication (``publication``). A page's stamp ("Posted: Saturday, April 5, 2014 10:24 AM EDT")
dates nothing. Old events named with their own
date ("the 1969 riots", "a 2012 shooting at the same bar") keep that date and are background.
A recent day that belongs to what followed the incident ("arrested Tuesday for the shooting",
"a vigil was held Monday for the victim", words in ``lang/en/tables/events_aftermath.csv``) dates only
that aftermath, never the violent event it is about. An article that does not report recent
events (an essay, a trial long after the incident) dates its undated events only by an event
of the same kind, never by its own days or its publication.
The place falls back to the paragraph's last clause-attached place. A place from another
paragraph is never used.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass, replace
from datetime import date, timedelta
from typing import Any, Iterable, Protocol, Sequence, TypeGuard

from spacy.tokens import Doc, Token

from polemos.codes import event_types
from polemos.distance import great_circle_km
from polemos.events.triggers import VERB_TAGS
from polemos.events.words import EventWords
from polemos.record import Event, ExtractionRecord, Quantity, Timex

DATE_TYPES = {"DATE", "TIME"}
SIZE_CATEGORIES = {name: kind.sizes for name, kind in event_types().items() if kind.sizes}  # data/events/types.csv
SHOT, HARM = "shot", {"dead", "injured"}
# Two mentions in towns this far apart are two incidents ("... in Aligarh. ... in Hyderabad").
INCIDENT_KM = 25.0
SETTLEMENT_FEATURES = {"city", "town", "village"}
NAMED_PARTY_KINDS = {"state", "breakaway_state", "autonomous_region", "organisation", "armed_group", "party"}
YEAR_FIRST = re.compile(r"^\d{4}")  # "2020", "2020-FA", "2023-09-19"
CALENDAR_DATE = re.compile(r"^\d{4}(?:-\d{2}(?:-\d{2})?)?(?:$|T)")
# The arguments that make a verb an aftermath act: "a vigil was held", "police held a news conference".
AFTERMATH_ARGUMENTS = {"nsubj", "nsubjpass", "dobj", "attr"}
SENTENCE_LEVEL_DEPS = {"npadvmod", "tmod", "advmod", "obl"}
# Dates an undated event may take from another event: those its own text gave it.
OWN_BASES = {"clause", "sentence", "paragraph"}
# An event dated by its own words this long before publication is recalled, not reported.
RECALLED_AFTER = timedelta(days=365)
# The incident a news article reports happened at most this long before publication; older
# dated events are recalled in their own sentences and date nothing else.
RECENT = timedelta(days=31)
RECENT_SHARE = 1 / 3
STAMP_REACH = 80
_DAY = re.compile(r"^\d{4}-\d{2}-\d{2}")
_CLOCK = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}")
_PART_OF_DAY = re.compile(r"^(\d{4}-\d{2}-\d{2})T(?:MO|AF|EV|NI|DT|MI)$")
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


@dataclass(frozen=True)
class Aftermath:
    """Words of what follows a violent incident on days of its own: verbs ("arrested Tuesday",
    "arraigned Monday") and nouns ("a vigil was held Monday", "Sunday's news conference").
    A date they hold is theirs, not the incident's."""

    verbs: frozenset[str] = frozenset()
    nouns: frozenset[str] = frozenset()
    # verbs that hold an aftermath noun as their object ("held a vigil Monday"); empty: any verb
    hosts: frozenset[str] = frozenset()

    def holds(self, token: Token, own: set[int] | frozenset[int] = frozenset()) -> bool:
        """Whether the date at ``token`` belongs to an aftermath word, walking up the parse to
        the first verb, before reaching any of ``own`` (the event's own words)."""
        current = token
        for _ in range(8):
            if current.head is current:
                return False
            current = current.head
            if current.i in own:
                return False
            if current.pos_ in VERB_TAGS:
                return current.lemma_.lower() in self.verbs or any(
                    c.dep_ in AFTERMATH_ARGUMENTS and self.names(c) and self._hosted_by(current, c)
                    for c in current.children
                )
            if self.names(current):
                return True
        return False

    def _hosted_by(self, verb: Token, noun: Token) -> bool:
        """An aftermath noun as a verb's object is what the verb's date belongs to only when the
        verb holds it ("held a vigil Monday"); one that acts on it ("police dispersed a vigil on
        16 June and detained five") dates its own act."""
        return noun.dep_ != "dobj" or not self.hosts or verb.lemma_.lower() in self.hosts

    def names(self, noun: Token) -> bool:
        """ "vigil", "the memorial service", "a news conference"."""
        return noun.lemma_.lower() in self.nouns or any(
            c.dep_ in {"compound", "amod"} and c.lemma_.lower() in self.nouns for c in noun.children
        )


@dataclass
class Anchored:
    token: Token
    index: int


class Anchors:
    """Timexes, places and quantities of one record, located in the parse."""

    def __init__(
        self, record: ExtractionRecord, doc: Doc, words: EventWords, aftermath: Aftermath = Aftermath()
    ) -> None:
        self.record = record
        self.words = words
        self.doc = doc
        self.aftermath = aftermath
        self.timexes = _locate(
            doc,
            [
                (i, t)
                for i, t in enumerate(record.timexes)
                if t.type in DATE_TYPES and _concrete(t) and not _stamp(record.text, t, words)
            ],
        )
        self.quantities = _locate(doc, list(enumerate(record.quantities)))
        self.paragraph_starts = _paragraph_starts(record.text)
        # Doc.text joins every token on each access: once per date looked up made the stage quadratic.
        self._doc_length = doc[-1].idx + len(doc[-1].text_with_ws) if len(doc) else 0
        # Sorted views for looking up one sentence's items: scanning every item of the document
        # for every event made the stage quadratic in a long document.
        self._timexes_by_token = sorted(self.timexes, key=lambda a: a.token.i)
        self._timex_keys = [a.token.i for a in self._timexes_by_token]
        self._quantities_by_start = sorted(self.quantities, key=lambda a: record.quantities[a.index].start)
        self._quantity_keys = [record.quantities[a.index].start for a in self._quantities_by_start]
        self._quantities_by_token = sorted(self.quantities, key=lambda a: a.token.i)
        self._quantity_token_keys = [a.token.i for a in self._quantities_by_token]
        self._timexes_by_start = sorted(self.timexes, key=lambda a: record.timexes[a.index].start)
        self._timex_start_keys = [record.timexes[a.index].start for a in self._timexes_by_start]
        # Every quantity and date of the record (located or not) by start, as record positions.
        self._all_quantities = _positions_by_start(record.quantities)
        self._all_timexes = _positions_by_start(record.timexes)
        self._paragraph_dates: tuple[list[int], dict[int, list[int]]] | None = None

    def timex_tokens(self) -> set[int]:
        found: set[int] = set()
        for timex in self.record.timexes:
            span = self.doc.char_span(timex.start, timex.end, alignment_mode="expand")
            if span is not None:
                found |= {t.i for t in span}
        return found

    def paragraph_of(self, offset: int) -> int:
        return bisect_right(self.paragraph_starts, offset) - 1

    def clause_date(
        self, nodes: set[int], barriers: frozenset[int] = frozenset(), own: set[int] | None = None
    ) -> dict | None:
        """The date whose timex hangs from ``nodes`` without passing a ``barriers`` token (another event).
        Given the event's ``own`` words, a date an aftermath word holds is left out: in "arrested
        Tuesday for the shooting", Tuesday is the arrest's."""
        hits = [
            a
            for a in self._in_sentence_of(nodes, self._timexes_by_token, self._timex_keys)
            if _clause_head(a.token, nodes, barriers) is not None
            and not _bound(a.token, self._timex(a.index), self.words.limit_prepositions)
            and not (own is not None and self._held_by_aftermath(a, own))
        ]
        if not hits:
            return None
        # "in the early morning hours of New Year's Day": the day named beside a bare part of the day
        best = min(
            hits,
            key=lambda a: (
                self.words.bare_part_of_day.match(self._timex(a.index).text) is not None,
                min(abs(a.token.i - n) for n in nodes),
            ),
        )
        return date_dict(self._timex(best.index), "clause")

    def paragraph_date(self, sentence_start: int, paragraph: int) -> dict | None:
        """The last sentence-level date set earlier in the same paragraph: the last one of the
        paragraph among the dates (in the record's order) before the first that starts at or
        after the sentence."""
        reach, levelled = self._sentence_level_dates()
        before = bisect_left(reach, sentence_start)  # the dates read before the sentence's
        positions = levelled.get(paragraph, [])
        last = bisect_left(positions, before) - 1
        return date_dict(self._timex(self.timexes[positions[last]].index), "paragraph") if last >= 0 else None

    def _sentence_level_dates(self) -> tuple[list[int], dict[int, list[int]]]:
        """Read once per document: the furthest start among the dates up to each one, and the
        positions of each paragraph's sentence-level dates."""
        if self._paragraph_dates is None:
            reach: list[int] = []
            levelled: dict[int, list[int]] = {}
            for position, anchored in enumerate(self.timexes):
                start = self._timex(anchored.index).start
                reach.append(max(start, reach[-1]) if reach else start)
                if _sentence_level(anchored.token, self.words):
                    levelled.setdefault(self.paragraph_of(start), []).append(position)
            self._paragraph_dates = reach, levelled
        return self._paragraph_dates

    def sentence_date(
        self,
        sentence_bounds: tuple[int, int],
        nodes: set[int],
        reporting_verbs: frozenset[str],
        own: set[int] | None = None,
    ) -> dict | None:
        """A date of the event's sentence that none of its clauses holds: one that governs the
        sentence ("On 30 April 2020, militants targeted ..., killing 10 soldiers"), else the day
        nearest the event ("a shooting Thursday evening that left one dead and three wounded").
        Not a bound ("until Friday"), a coming day ("will appear in court Monday"), the day
        a speaker spoke ("police said Tuesday") nor that of what followed ("a vigil was held
        Monday for a man shot ...")."""
        start, end = sentence_bounds
        ranked = []
        for anchored in _between(self._timexes_by_start, self._timex_start_keys, start, end):
            timex = self._timex(anchored.index)
            if _bound(anchored.token, timex, self.words.bound_prepositions):
                continue
            if _governing_verb_excludes(anchored.token, reporting_verbs, self.words) or self._held_by_aftermath(
                anchored, nodes if own is None else own
            ):
                continue
            governs = _sentence_level(anchored.token, self.words)
            if governs or _DAY.match(timex.value):
                distance = min(abs(anchored.token.i - n) for n in nodes)
                bare = self.words.bare_part_of_day.match(timex.text) is not None
                ranked.append((0 if governs else 1, bare, distance, anchored.index))
        return date_dict(self._timex(min(ranked)[-1]), "sentence") if ranked else None

    def publication_date(self) -> dict | None:
        published = self.record.document.published
        if not published:
            return None
        return {
            "value": published[:7],
            "begin": None,
            "end": None,
            "text": None,
            "precision": "month",
            "basis": "publication",
        }

    def _publication_month(self) -> dict | None:
        """The month of publication, with the days it spans."""
        published = _day_of(self.record.document.published)
        if published is None:
            return None
        following = date(published.year + published.month // 12, published.month % 12 + 1, 1)
        return {
            "value": published.isoformat()[:7],
            "begin": published.replace(day=1).isoformat(),
            "end": (following - timedelta(days=1)).isoformat(),
            "text": None,
            "precision": "month",
            "basis": "publication",
        }

    def recent_publication_date(self) -> dict | None:
        """A past act that a news article reports without ever dating it happened on the day of
        publication or the day before."""
        published = _day_of(self.record.document.published)
        if published is None:
            return None
        return {
            "value": published.isoformat(),
            "begin": (published - timedelta(days=1)).isoformat(),
            "end": published.isoformat(),
            "text": None,
            "precision": "day",
            "basis": "publication",
        }

    def recalled(self, own_date: dict | None) -> bool:
        """Whether an event its own words date ("the 1969 riots", "a 2012 shooting") lies well
        before the article was published: recalled as background, not reported as news."""
        published = _day_of(self.record.document.published)
        last = _day_of((own_date or {}).get("end"))
        return published is not None and last is not None and last < published - RECALLED_AFTER

    def carry_dates(self, mentions: Iterable["Mention"]) -> None:
        """Date the mentions a news article left undated: with the date of the incident (the recent
        one, else an older one a follow-up story names) that an earlier (else a later) event of the
        same type and parties was dated with; else with the earliest recent day the article names;
        else with the publication date. Mentions recalled as background stay as they are, and so
        does a mention whose sentence names an earlier time."""
        mentions = list(mentions)
        published = _day_of(self.record.document.published)
        if published is None:
            return
        # An essay, a history or a story of a trial long after the incident: an undated event can
        # take only the day of an event of the same kind told in its paragraph or the next or the
        # one before ("... on March 3, 2023. More fights broke out, and then shots were fired"),
        # never the article's days.
        news = self._reports_recent_events(published)
        donors: dict[str, list[tuple[int, Mention]]] = {}  # by type: a donor gives only to its own type
        for i, m in enumerate(mentions):
            own_day = _own_day_of(m.event.date)
            if not m.background and own_day is not None and own_day <= published:
                donors.setdefault(m.event.type, []).append((i, m))
        article_date: list[dict | None] = []  # the article's own date, read at most once
        for i, mention in enumerate(mentions):
            if mention.background or mention.event.date is not None:
                continue
            same_type = [
                (j, m)
                for j, m in donors.get(mention.event.type, [])
                if _same_parties(m.event, mention.event) and (news or self._neighbours(m.event, mention.event))
            ]
            recent = [(j, m) for j, m in same_type if self._recent(m.event.date, published)]
            # the recent incident, else the one a follow-up story names ("the March 31, 2013 shooting")
            donor = _nearest(recent, i) or _nearest(same_type, i)
            donor_date = donor.event.date if donor is not None else None  # every donor has its own day
            carried: dict | None
            if donor_date is not None:
                carried = dict(donor_date, basis="incident")
            elif not news:
                continue
            else:
                if not article_date:
                    article_date.append(self._article_date(published))
                carried = article_date[0]
            if carried is not None and self._sentence_agrees(mention.event, carried):
                mention.event.date = carried

    def _article_date(self, published: date) -> dict | None:
        """The day an undated mention of a news report takes when no event of its kind gives one."""
        return (
            self._stated_incident_date(published)
            or self._first_recent_day(published)
            or (self._publication_month() if self._follows_up() else self.recent_publication_date())
        )

    def refine_dates(self, mentions: Iterable["Mention"]) -> None:
        """A week or a month ("shot his brother earlier this month") narrows to the one day
        within it that the article dates an event of the same type with ("the May 15 shooting")."""
        mentions = list(mentions)
        days: dict[str, list[dict[str, Any]]] = {}  # the events' own days, by type
        for m in mentions:
            if not m.background and _own_day(m.event.date):
                days.setdefault(m.event.type, []).append(m.event.date)
        for mention in mentions:
            own = mention.event.date
            if mention.background or not own or own.get("basis") not in OWN_BASES or _DAY.match(own.get("value") or ""):
                continue
            first, last = _day_of(own.get("begin")), _day_of(own.get("end"))
            if not (first and last) or (last - first) > RECENT:
                continue
            inside = {
                day["value"][:10]: day
                for day in days.get(mention.event.type, [])
                if _within(_day_of(day["value"]), first, last)
            }
            if len(inside) == 1:
                mention.event.date = dict(next(iter(inside.values())), basis="incident")

    def recalled_incidents(self, mentions: Iterable["Mention"]) -> list["Mention"]:
        """In a news report of a recent incident, later events of its type that their own words
        date to before it ("the man was shot and killed in April", "where nine were shot last
        week") are earlier incidents recalled as background."""
        mentions = list(mentions)
        published = _day_of(self.record.document.published)
        if published is None or not self._reports_recent_events(published):
            return []
        recalled: list[Mention] = []
        latest: dict[str, date] = {}  # by type: the latest day (less the slack) an earlier lede gives
        for lede in mentions:
            before = latest.get(lede.event.type)
            if before is not None and not lede.background and _ends_before(lede.event.date, before):
                recalled.append(lede)
            own_day = _own_day_of(lede.event.date)
            if lede.background or own_day is None or not self._recent(lede.event.date, published):
                continue
            day = own_day - timedelta(days=1)  # a day's slack: late-night reports
            latest[lede.event.type] = max(day, before) if before is not None else day
        return recalled

    def _neighbours(self, first: Event, second: Event) -> bool:
        """Whether two events are told in one paragraph or in paragraphs next to each other."""
        return abs(self.paragraph_of(_event_start(first)) - self.paragraph_of(_event_start(second))) <= 1

    @staticmethod
    def _recent(event_date: dict | None, published: date) -> bool:
        day = _day_of(event_date.get("value")) if event_date is not None else None
        return day is not None and published - RECENT <= day <= published

    def _stated_incident_date(self, published: date) -> dict | None:
        """The date a sentence gives as when the incident happened ("The shooting happened on
        March 3", "the shooting that occurred last month", "on January 3, when the accident
        happened"): what a follow-up story says of the incident it follows, at the precision it
        says it (a month stays a month). The first such date within a year before publication."""
        for anchored in self.timexes:
            timex = self._timex(anchored.index)
            first, last = _day_of(timex.begin), _day_of(timex.end_date)
            if not (first and last) or last > published or last < published - RECALLED_AFTER or last - first > RECENT:
                continue
            if _states_when_an_incident_happened(anchored.token.sent, self.words) and not self._held_by_aftermath(
                anchored
            ):
                return date_dict(timex, "incident")
        return None

    def _follows_up(self) -> bool:
        """A story of what followed an incident (an arrest, a charge, a funeral), which dates only
        that: the incident it never dates lies before, on a day it does not give."""
        return any(self._held_by_aftermath(a) for a in self.timexes)

    def _first_recent_day(self, published: date) -> dict | None:
        """The earliest day of the month before publication that the article names, leaving out
        the days of what followed ("arrested Tuesday"): a report tells of the incident first,
        then of what followed (arrests, charges, statements)."""
        followed = {a.index for a in self.timexes if self._held_by_aftermath(a)}
        days = [
            t
            for i, t in enumerate(self.record.timexes)
            if t.type in DATE_TYPES
            and t.begin
            and t.begin == t.end_date
            and i not in followed
            and not _stamp(self.record.text, t, self.words)
            and _within(_day_of(t.begin), published - RECENT, published)
        ]
        if not days:
            return None
        return date_dict(min(days, key=lambda t: (t.begin, t.start)), "article")

    def _reports_recent_events(self, published: date) -> bool:
        """A news report dates a good share (``RECENT_SHARE``) of what it tells within the month
        before publication, or dates nothing; an analysis ranging over years does not."""
        spans = [span for t in self.record.timexes if t.type in DATE_TYPES and (span := _days_spanned(t)) is not None]
        recent = [1 for first, last in spans if last >= published - RECENT and first <= published + timedelta(days=1)]
        return not spans or len(recent) >= RECENT_SHARE * len(spans)

    def _sentence_agrees(self, event: Event, carried: dict) -> bool:
        """Whether the mention's sentence names no time before ``carried``: "the 2020 war ended
        with ... a trilateral agreement" is not about the incident dated elsewhere."""
        first = _day_of(carried.get("begin") or carried.get("value"))
        for evidence in event.evidence[:1]:
            for timex in self._record_items(self.record.timexes, self._all_timexes, evidence.start, evidence.end):
                if timex.type not in DATE_TYPES:
                    continue
                end = _day_of(timex.end_date)
                if end and first and end < first:
                    return False  # a later time ("died Thursday after he was shot") still fits
        return True

    def sizes(self, event_type: str, sentence_bounds: tuple[int, int], nodes: set[int]) -> dict:
        wanted = SIZE_CATEGORIES.get(event_type, ())
        start, end = sentence_bounds
        sizes: dict[str, dict] = {}
        in_sentence = _between(self._quantities_by_start, self._quantity_keys, start, end)
        attached = [a for a in in_sentence if _clause_head(a.token, nodes) is not None]
        readable = set(wanted) | ({SHOT} if HARM <= set(wanted) else set())
        for anchored in attached + in_sentence:
            quantity = self._quantity(anchored.index)
            if quantity.category in readable and quantity.category not in sizes:
                sizes[quantity.category] = _figure(quantity)
        return _without_shot(sizes)

    def counts_victims(self, nodes: set[int]) -> bool:
        """Whether a count of dead, injured or shot people hangs from the clause ``nodes``."""
        return any(
            self._quantity(a.index).category in HARM | {SHOT} and _clause_head(a.token, nodes) is not None
            for a in self._in_sentence_of(nodes, self._quantities_by_token, self._quantity_token_keys)
        )

    def share_incident_sizes(self, mentions: list[tuple[Event, bool]], headline: Sequence[Quantity] = ()) -> None:
        """Give every violent mention of one incident the incident's dead and injured.

        A story reports its toll across sentences ("a shooting at a party" ... "Three men and a
        woman were wounded"). An incident runs from a violent mention through the sentences
        after it, until a mention the text calls separate ("in another shooting") or one in a
        town far away. Its figures are every dead, injured and shot count in those sentences
        (the first incident also takes the lede before its first mention, and the headline's
        counts), read by ``incident_figures``. A recalled event (``background``) or one dated
        apart from its incident ("shot last weekend") keeps the counts of its own sentence,
        which are not the incident's."""
        violent = sorted(
            ((event, background) for event, background in mentions if HARM <= set(SIZE_CATEGORIES.get(event.type, ()))),
            key=lambda item: _event_start(item[0]),
        )
        stretches, asides = self._incident_stretches(violent)
        apart = {q.start for event in asides for q in self._sentence_quantities(event)}
        for number, (members, begin, end) in enumerate(stretches):
            own = [
                q
                for q in self._record_items(self.record.quantities, self._all_quantities, begin, end)
                if q.category in HARM | {SHOT} and q.start not in apart
            ]
            _give(
                members,
                incident_figures(
                    own,
                    self.words,
                    list(headline) if number == 0 else [],
                    self.words.shooter_counted.search(self.record.text, begin, end) is not None,
                    self.record.text,
                    self.record.document.title or "",
                ),
            )
        for event in asides:
            _give(
                [event],
                incident_figures(
                    [q for q in self._sentence_quantities(event) if q.category in HARM | {SHOT}], self.words
                ),
            )

    def _incident_stretches(
        self, violent: list[tuple[Event, bool]]
    ) -> tuple[list[tuple[list[Event], int, int]], list[Event]]:
        """Runs of mentions of one incident, each with the text span its figures come from,
        and the mentions of other incidents told in passing."""
        stretches: list[tuple[list[Event], int, int]] = []
        asides: list[Event] = []
        members: list[Event] = []
        begin, date, town = 0, None, None
        parties: set[str] = set()
        attackers: set[str] = set()
        kinds = {actor.id: actor.kind for actor in self.record.actors}
        for event, background in violent:
            start = self._sentence_start(_event_start(event))
            value, here = _clause_value(event), self._settlement(event)
            if (
                background
                or (date and value and not _same_time(date, value))
                or self._other_parties(event, parties, kinds)
            ):
                asides.append(event)
                continue
            doers = _named_ids(event.actor, kinds)
            if members and (
                self._marks_another(start)
                or (town and here and great_circle_km(*town, *here) > INCIDENT_KM)
                or _another_side_another_day(date, value, attackers, doers)
            ):
                stretches.append((members, begin, start))
                members, begin, date, town, parties, attackers = [], start, None, None, set(), set()
            members.append(event)
            date, town = date or value, town or here
            parties |= self._named_parties(event, kinds)
            attackers |= doers
        if members:
            stretches.append((members, begin, len(self.record.text)))
        return stretches, asides

    @staticmethod
    def _named_parties(event: Event, kinds: dict[str, str]) -> set[str]:
        """The states and organisations a mention names (unnamed gunmen and victims are not);
        ``kinds``: each actor's kind by id."""
        return _named_ids(event.actor + event.recipient, kinds)

    def _other_parties(self, event: Event, parties: set[str], kinds: dict[str, str]) -> bool:
        """A mention between parties none of which the incident's mentions named is another event."""
        named = self._named_parties(event, kinds)
        return bool(parties and named and not parties & named)

    def _sentence_quantities(self, event: Event) -> list[Quantity]:
        index = self.record.sentence_at(_event_start(event))
        if index is None:
            return []
        bounds = self.record.sentences[index]
        return self._record_items(self.record.quantities, self._all_quantities, bounds.start, bounds.end)

    @staticmethod
    def _record_items(items: list, by_start: tuple[list[int], list[int]], start: int, end: int) -> list:
        """The record's ``items`` that start in [start, end), in the record's order, found in
        ``by_start`` (from ``_positions_by_start``) instead of reading every item."""
        starts, positions = by_start
        return [items[p] for p in sorted(positions[bisect_left(starts, start) : bisect_left(starts, end)])]

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
        return self.words.another_incident.search(self.record.text[bounds.start : bounds.end]) is not None

    def _held_by_aftermath(self, anchored: Anchored, own: set[int] | frozenset[int] = frozenset()) -> bool:
        """Whether the date is that of what followed the incident ("arrested Tuesday"), not one
        naming the thing it stands before ("charged in the August 14 shooting", parsed or not as
        the shooting's): that thing's date, unless it is itself an aftermath ("Sunday's vigil").
        An aftermath long before publication ("arrested in August 2014 after he shot ...") still
        dates what came before it as old, recalled news."""
        timex = self._timex(anchored.index)
        if self._long_before_publication(timex):
            return False
        named = self._named_after(timex)
        if named is not None and (named.i in own or named.pos_ in {"NOUN", "PROPN"} or named.tag_ == "VBG"):
            return self.aftermath.names(named) and named.i not in own
        return self.aftermath.holds(anchored.token, own)

    def _long_before_publication(self, timex: Timex) -> bool:
        published, last = _day_of(self.record.document.published), _day_of(timex.end_date)
        return published is not None and last is not None and last < published - RECENT

    def _named_after(self, timex: Timex) -> Token | None:
        """The noun a date stands before ("the May 3 shooting", "Sunday's news conference")."""
        following = self.doc.char_span(timex.end, self._doc_length, alignment_mode="expand")
        if following is None or not len(following):
            return None
        token = following[0]
        if token.tag_ == "POS" and token.i + 1 < len(self.doc):
            token = self.doc[token.i + 1]
        while token.dep_ == "compound" and token.head.i > token.i:
            token = token.head
        return token

    def _in_sentence_of(self, nodes: set[int], items: list[Anchored], keys: list[int]) -> list[Anchored]:
        """The items (sorted by token, ``keys`` their token indices) in the sentences of ``nodes``:
        only those can hang from them."""
        if not nodes:
            return []
        first, last = self.doc[min(nodes)].sent, self.doc[max(nodes)].sent
        return _between(items, keys, first.start, last.end)

    def _timex(self, index: int) -> Timex:
        return self.record.timexes[index]

    def _quantity(self, index: int) -> Quantity:
        return self.record.quantities[index]


def incident_figures(
    quantities: list[Quantity],
    words: EventWords,
    headline: Sequence[Quantity] = (),
    shooter_counted: bool = False,
    text: str = "",
    title: str = "",
) -> dict[str, dict]:
    """The dead and injured of one incident from the counts its headline and sentences give.

    Each category keeps the range of every figure stated for it ("243 to 271", an early
    toll and its revision), leaving out a victim singled out in the text ("a 17-year-old",
    "Jane Doe") when a larger toll is given, for that victim is one of them; the injured,
    when never counted, are those shot who did not die ("four people were shot, two of them
    died": 2 injured)."""
    figures: dict[str, dict] = {}
    if any(q.category == "dead" for q in [*quantities, *headline]):
        quantities, headline = _others_survived(quantities, words, text), _others_survived(headline, words, title)
    killers = _killers(quantities, words)
    quantities = [q for q in quantities if q not in killers]
    quantities = _without_the_named_dead(quantities, words)
    for category in (*HARM, SHOT):
        stated = [q for q in quantities if q.category == category and q.min is not None]
        titled = [
            q
            for q in headline
            if q.category == category and q.min is not None and not (stated and _only_a_lower_bound(q))
        ]
        if any(q.min is not None and q.min > 1 for q in titled + stated):
            stated = [q for q in stated if q.max is None or q.max > 1 or words.numeral_one.match(q.text)]
        if titled + stated:
            figures[category] = _spread(titled + stated)
            named = _distinct_names(titled + stated, words)
            if len(named) > 1 and all(q.max is not None and q.max <= 1 for q in titled + stated):
                # "Jane Doe was killed ... John Roe also died": no total given, so the named victims are it
                figures[category] = {"min": len(named), "max": len(named), "text": "; ".join(named)}
    figures = _without_shot(figures)  # the killer is none of those they shot
    if killers:
        figures["dead"] = _with_the_killer(figures.get("dead"), killers[0], shooter_counted)
    return figures


def _only_a_lower_bound(quantity: Quantity) -> bool:
    """A headline's "fatal shooting": at least one dead, which a count in the text says better."""
    return quantity.max is None and quantity.min == 1


def _killers(quantities: list[Quantity], words: EventWords) -> list[Quantity]:
    """Who killed others and then themselves: "himself" dead in a sentence that counts other
    dead ("killed his wife and then himself"), or one who "took his own life" in an incident
    with other victims; not one who shot only themselves."""
    victims = [q for q in quantities if q.category in {"dead", "injured", SHOT} and not _self_killing(q, words)]
    dead_sentences = {q.sentence for q in victims if q.category == "dead"}
    # another sentence's "the boy" or "he" may be the one who took their life; a count or a new person is not
    others = any(not words.known_person.match(q.text) for q in victims)
    return [
        q
        for q in quantities
        if q.category == "dead"
        and (
            q.text.lower() in words.reflexives
            and q.sentence is not None
            and q.sentence in dead_sentences
            or words.own_life.fullmatch(q.text) is not None
            and others
        )
    ]


def _without_the_named_dead(quantities: list[Quantity], words: EventWords) -> list[Quantity]:
    """A victim named as wounded ("Jane Doe suffered a gunshot wound") and as dead ("Doe died at
    the hospital") is one of the dead, not one more injured."""
    dead = [_name_words(q.text, words) for q in quantities if q.category == "dead" and _name_words(q.text, words)]

    def died(q: Quantity) -> bool:
        named = _name_words(q.text, words)
        return bool(named) and any(named <= other or other <= named for other in dead)

    return [q for q in quantities if not (q.category in {"injured", SHOT} and q.max == 1 and died(q))]


def _name_words(text: str, words: EventWords) -> set[str]:
    if not words.person_name.fullmatch(text) or {w.lower() for w in text.split()} & words.not_name_words:
        return set()
    return {w.lower().rstrip(".") for w in text.split()}


def _self_killing(quantity: Quantity, words: EventWords) -> bool:
    return quantity.text.lower() in words.reflexives or words.own_life.fullmatch(quantity.text) is not None


def _distinct_names(quantities: list[Quantity], words: EventWords) -> list[str]:
    """The people a figure names ("Jane Doe", "Doe"), each once: a name whose words are all in
    another ("Doe" in "Jane Doe") is the same person."""
    names = [q.text for q in quantities if _name_words(q.text, words)]
    named = [_name_words(name, words) for name in names]
    kept: list[str] = []
    for i, name in enumerate(names):
        inside = any(named[i] < named[j] or (named[i] == named[j] and j < i) for j in range(len(names)) if j != i)
        if not inside:
            kept.append(name)
    return kept


def _with_the_killer(dead: dict | None, killer: Quantity, shooter_counted: bool) -> dict:
    """ "shot her husband and three sons, then herself": the one who killed themselves is one
    more dead beside the victims, unless the toll says it counts them ("including the gunman")."""
    if dead is None:
        return _figure(killer)
    if shooter_counted or dead["min"] is None or dead["min"] != dead["max"]:
        return dead  # a toll told in several figures may already count them
    return {
        "min": dead["min"] + 1,
        "max": None if dead["max"] is None else dead["max"] + 1,
        "text": f"{dead['text']}; {killer.text}",
    }


def _others_survived(quantities: Sequence[Quantity], words: EventWords, text: str = "") -> list[Quantity]:
    """Beside a death, "three other men were shot", "5 others shot", "a woman and a boy were
    also shot" count those shot besides the dead (``text``: what the offsets point into): they
    are the injured, not a total the dead are taken from."""
    return [
        replace(q, category="injured")
        if q.category == SHOT and (_counts_others(q.text, words) or words.others_after.match(text, q.end) is not None)
        else q
        for q in quantities
    ]


def _counts_others(text: str, words: EventWords) -> bool:
    return words.others.search(text) is not None


def _spread(stated: list[Quantity]) -> dict:
    """The range of figures that all give a lower bound; the upper bound only if all give one."""
    lows = [q.min for q in stated if q.min is not None]
    highs = [q.max for q in stated if q.max is not None]
    return {
        "min": min(lows),
        "max": max(highs) if len(highs) == len(stated) else None,
        "text": "; ".join(dict.fromkeys(q.text for q in stated)),
    }


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
        survivors = {
            "min": shot["min"] - dead["max"],
            "max": None if shot["max"] is None else shot["max"] - (dead["min"] or 0),
            "text": shot["text"],
        }
    injured = figures.get("injured")
    if injured is None:
        figures["injured"] = survivors
    elif injured["min"] is not None:
        highs = [injured["max"], survivors["max"]]
        figures["injured"] = {
            "min": min(injured["min"], survivors["min"]),
            "max": None if None in highs else max(highs),
            "text": f"{injured['text']}; {survivors['text']}",
        }
    return figures


def _give(events: list[Event], figures: dict[str, dict]) -> None:
    """The incident's figures replace what a mention's own sentence said: "a man was shot"
    alone reads as one injured, which "he died at the hospital" later in the story undoes."""
    for event in events:
        for category in sorted(HARM):  # a fixed order: the record's JSON is the same on every run
            if category in figures:
                event.size[category] = dict(figures[category])
            else:
                event.size.pop(category, None)


def _figure(quantity: Quantity) -> dict:
    return {"min": quantity.min, "max": quantity.max, "text": quantity.text}


def _event_start(event: Event) -> int:
    return event.evidence[0].start if event.evidence else 0


def _clause_value(event: Event) -> str | None:
    """The date the mention's own clause gives, when it names a year ("2020", "2020-FA", a day)."""
    date = event.date or {}
    value = date.get("value") or ""
    return value[:10] if date.get("basis") == "clause" and YEAR_FIRST.match(value) else None


def _named_ids(actor_ids: list[str], kinds: dict[str, str]) -> set[str]:
    """The states and organisations among ``actor_ids`` (each by its base id), not unnamed ones."""
    return {
        actor_id.split(".")[0]
        for actor_id in actor_ids
        if kinds.get(actor_id) in NAMED_PARTY_KINDS and not actor_id.startswith("unspecified")
    }


def _another_side_another_day(date: str | None, value: str | None, attackers: set[str], doers: set[str]) -> bool:
    """A named party that did not act in the incident, acting on another day its clause names,
    starts another incident, even a day later and close by: "Azerbaijani forces shelled Goris on
    3 March, killing four ... Armenian soldiers attacked a checkpoint near Lachin on 4 March"
    (the second attack does not share the first one's dead). One side's own acts on the night
    after ("early Sunday") stay the incident's."""
    if not (date and value and attackers and doers) or attackers & doers:
        return False
    return len(date) >= 10 and len(value) >= 10 and date[:10] != value[:10]


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


class Mention(Protocol):
    event: Event
    background: bool


def date_dict(timex: Timex, basis: str) -> dict:
    value = _calendar_value(timex.value)
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


def _calendar_value(value: str) -> str:
    """An event's date is a calendar value: the day of "Thursday night" (TIMEX3 ``2023-07-20TNI``)
    is ``2023-07-20``; the words keep the part of the day."""
    found = _PART_OF_DAY.match(value)
    return found.group(1) if found else value


def _day_of(value: str | None) -> date | None:
    try:
        return date.fromisoformat(value[:10]) if value else None
    except ValueError:
        return None


def _ends_before(event_date: dict | None, day: date) -> bool:
    """Whether a date the event's own sentence gave it ends before ``day``."""
    if not event_date or event_date.get("basis") not in OWN_BASES:
        return False
    last = _day_of(event_date.get("end") or event_date.get("value"))
    return last is not None and last < day


def _nearest(indexed: list[tuple[int, "Mention"]], index: int) -> "Mention | None":
    """The last mention before ``index``, else the first after it."""
    earlier = [m for j, m in indexed if j < index]
    later = [m for j, m in indexed if j > index]
    return earlier[-1] if earlier else later[0] if later else None


def _same_parties(a: Event, b: Event) -> bool:
    """Named parties do not contradict: unnamed ones fit any ("police said the gunman ...")."""

    def bases(ids: list[str]) -> set[str]:
        return {i.split(".")[0] for i in ids}

    return not (a.actor and b.actor) or bool(bases(a.actor) & bases(b.actor))


def _own_day(event_date: dict | None) -> TypeGuard[dict[str, Any]]:
    """Whether the event's own words (its clause, sentence or paragraph) gave it a day."""
    return (
        event_date is not None
        and event_date.get("basis") in OWN_BASES
        and bool(_DAY.match(event_date.get("value") or ""))
    )


def _own_day_of(event_date: dict | None) -> date | None:
    """The day the event's own words gave it, when they gave a day."""
    return _day_of(event_date["value"]) if _own_day(event_date) else None


def _within(day: date | None, first: date, last: date) -> bool:
    return day is not None and first <= day <= last


def _days_spanned(timex: Timex) -> tuple[date, date] | None:
    """The first and last calendar days of a timex that covers whole days."""
    first, last = _day_of(timex.begin), _day_of(timex.end_date)
    return (first, last) if first and last else None


def _bound(token: Token, timex: Timex, prepositions: frozenset[str]) -> bool:
    """ "until Friday", "since 2012", "after the war": a limit, not the event's date. A clock
    time keeps its day ("before 3 a.m. Sunday")."""
    if _CLOCK.match(timex.value):
        return False  # the year of "since the 1994 ceasefire" dates the ceasefire, not a limit
    return token.dep_ == "pobj" and token.head.lower_ in prepositions


def _governing_verb_excludes(token: Token, reporting_verbs: frozenset[str], words: EventWords) -> bool:
    """Whether the clause holding the date is a report of it ("police said Tuesday") or
    still to come ("will be arraigned Monday")."""
    current = token
    for _ in range(8):
        if current.head is current:
            return False
        current = current.head
        if current.pos_ in VERB_TAGS:
            break
    else:
        return False
    if current.lemma_.lower() in reporting_verbs:
        return True
    return any(c.dep_ == "aux" and c.lower_ in words.future_auxiliaries for c in current.children)


def _sentence_level(token: Token, words: EventWords) -> bool:
    """A time adverbial of a main clause ("In December 2022, ..."), not a noun modifier
    ("the 2020 war") nor a bound ("until 2025", "after the war")."""
    current = token
    while current.dep_ in {"nummod", "compound", "amod", "det", "nmod", "appos"} and current.head is not current:
        current = current.head
    if current.dep_ == "pobj":
        if current.head.lower_ in words.bound_prepositions:
            return False
        current = current.head
    return current.dep_ in SENTENCE_LEVEL_DEPS | {"prep"} and current.head == current.sent.root


def _stamp(text: str, timex: Timex, words: EventWords) -> bool:
    """Whether the timex is a page's stamp of when it was posted or updated."""
    return words.page_stamp.search(text[max(0, timex.start - STAMP_REACH) : timex.start]) is not None


def _states_when_an_incident_happened(sentence, words: EventWords) -> bool:
    """ "The shooting happened ...", "an accident that occurred ...", "the attack took place ..."."""
    for token in sentence:
        if (
            token.lemma_ in words.happen_verbs
            or token.lemma_ in words.taking_verbs
            and any(c.dep_ == "dobj" and c.lower_ in words.place_nouns for c in token.children)
        ):
            subjects = [c for c in token.children if c.dep_ in {"nsubj", "nsubjpass"}]
            if token.dep_ == "relcl":
                subjects.append(token.head)
            if any(s.lemma_.lower() in words.happening_nouns for s in subjects):
                return True
    return False


def _concrete(timex: Timex) -> bool:
    return bool(timex.value) and timex.value[:1].isdigit()


def _positions_by_start(items: list) -> tuple[list[int], list[int]]:
    """The items' starts in order, and the position in ``items`` of each."""
    positions = sorted(range(len(items)), key=lambda p: items[p].start)
    return [items[p].start for p in positions], positions


def _between(items: list, keys: list[int], low: int, high: int) -> list:
    """The items whose sorted ``keys`` lie in [low, high)."""
    return items[bisect_left(keys, low) : bisect_left(keys, high)]


class _Spanned(Protocol):
    """A record item with character offsets: a timex or a quantity."""

    @property
    def start(self) -> int: ...

    @property
    def end(self) -> int: ...


def _locate(doc: Doc, items: Iterable[tuple[int, _Spanned]]) -> list[Anchored]:
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
