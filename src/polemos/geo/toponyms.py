"""Finding toponyms in a spaCy ``Doc``: the NER's place entities and the places it misses.

The small English NER finds most place names but tags many as organisations or people
("Dublin" in "the Dublin City Council", "Alexandria" in "an Alexandria man"), skips
datelines ("TORRINGTON —") and finds little in text without capital letters. Beside the
NER's GPE/LOC/FAC entities the finder proposes

* entities of other labels whose whole text is a place name;
* the place that opens an organisation's name ("the Paris Police Department") or closes
  it ("the University of Kentucky");
* datelines in capitals;
* capitalised names no entity covers, after "in", "near" ... or before "county", "residents" ...;
* further mentions of a name already taken as a place;
* in text without capitals, gazetteer names instead (``caseless.CaselessTagger``).

A proposal is kept when its name is strong in the gazetteer (a country, first-level division,
capital or large city) or when the document supports it: a cue word, the same name found as
a place elsewhere, or a candidate near the places the NER found (``evidence``).
Demonyms ("Russian", "Palestinians") are never proposed: they name people, not places.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Callable, Iterator

from spacy.tokens import Doc, Span

from polemos.geo.caseless import COMMON_WORD, PERSONAL_NAME, CaselessTagger, is_caseless
from polemos.geo.disambiguate import WELL_KNOWN_POPULATION, following_name
from polemos.geo.evidence import Cues, DocumentPlaces, Strength, strength
from polemos.geo.gazetteer import Candidate, Gazetteer
from polemos.geo.normalize import name_key
from polemos.geo.words import GeoWords

PLACE_LABELS = ("GPE", "LOC", "FAC")
NON_NAME_LABELS = frozenset({"DATE", "TIME", "CARDINAL", "ORDINAL", "QUANTITY", "MONEY", "PERCENT", "LANGUAGE"})
ORGANISATION_LABELS = frozenset({"ORG", "EVENT", "WORK_OF_ART", "PRODUCT", "LAW"})
MAX_NAME_TOKENS = 4
_CONTAINERS = ("country", "admin1")
_WIRES = r"AP|Reuters|AFP|CP|UPI|PTI|IANS|CNN|dpa|Xinhua"
_DATELINE = re.compile(
    r"(?<![\w.])([A-Z][A-Z'’.]{2,}(?:[ -][A-Z][A-Z'’.]+){0,3})"
    r"(?=(?:,\s*[A-Z][\w.]*(?:\s[A-Z][\w.]*)?)?\s*(?:\((?:%s)\)|—|–|--|-\s|:\s))" % _WIRES
)

_NAME_TOKEN = re.compile(r"^[A-Z][\w'’.]*$")
_SETTLEMENTS = ("city", "town", "village")

# The one or two capitalised words right after a name: "Sula" of "San Pedro Sula".
_FOLLOWING_WORDS = re.compile(r" ([A-Z][\w'’-]*)(?: ([A-Z][\w'’-]*))?")

Resolve = Callable[[list[tuple[int, int]]], list[Candidate | None]]


@dataclass(frozen=True)
class Proposal:
    span: Span
    kind: str  # entity | person | lead | tail | dateline | cued | repeat


class ToponymFinder:
    def __init__(self, gazetteer: Gazetteer, not_places: set[str], cues: Cues, caseless: CaselessTagger, geo: GeoWords):
        self.gazetteer = gazetteer
        self.not_places = not_places
        self.cues = cues
        self.caseless = caseless
        self.words = caseless.words  # town names that are common words or personal names
        self.geo = geo  # the language's other words

    def find(self, doc: Doc, resolve: Resolve) -> list[tuple[int, int]]:
        """Character spans of the toponyms in ``doc``; ``resolve`` chooses places for spans
        (the geocoder's context resolution), used to judge the weaker proposals."""
        lookups: dict[str, list[Candidate]] = {}
        lookup = lambda text: self._lookup(text, lookups)  # noqa: E731
        caseless = is_caseless(doc)
        found = [e for e in doc.ents if e.label_ in PLACE_LABELS and self.is_place_name(e.text, caseless)]
        if caseless:
            # the NER's own spans may shorten to a known name ("putnam county" -> "putnam")
            lookup_entity = lambda text: self.gazetteer.lookup(text)  # noqa: E731
            found = [
                s for s in (self.caseless.entity_place(e, lookup_entity, self.cues) for e in found) if s is not None
            ]
        else:
            found = [span for span in found if not self._bare_common_word(doc, span, lookups)]
        anchors = [a for a in resolve([(e.start_char, e.end_char) for e in found]) if a is not None]
        taken = {i for span in found for i in range(span.start, span.end)}
        if caseless:
            countries = {a.country_iso2 for a in anchors if a.country_iso2}
            accepted = self.caseless.tag(doc, taken, lookup, self.cues, countries)
        else:
            places = DocumentPlaces({name_key(e.text) for e in found}, anchors)
            text = doc.text  # Doc.text joins every token on each access: read once, not per name
            proposals = list(self._entity_proposals(doc)) + self._datelines(doc) + self._cued_names(doc, text)
            accepted = self._judge_all(proposals, doc, text, places, taken, lookups)
            accepted += self._repeats(doc, found + accepted, taken, lookups)
            found, accepted = (self._without_people(doc, spans, lookups) for spans in (found, accepted))
        spans = sorted((s.start_char, s.end_char) for s in found + accepted)
        return spans if caseless else self._whole_names(doc.text, spans, lookups)

    def _whole_names(
        self, text: str, spans: list[tuple[int, int]], lookups: dict[str, list[Candidate]]
    ) -> list[tuple[int, int]]:
        """Spans the NER cut short: a name followed by one or two capitalised words that make
        with it a town's own name ("San Pedro" + "Sula": San Pedro Sula, not San Pedro in the
        Philippines) is taken whole, and a span inside the longer name dropped."""
        whole: list[tuple[int, int]] = []
        for start, end in spans:
            if whole and start < whole[-1][1]:
                continue  # the rest of a name already taken whole
            following = _FOLLOWING_WORDS.match(text, end)
            longer = (
                [following.end(2), following.end(1)]
                if following and following.group(2)
                else [following.end(1)]
                if following
                else []
            )
            end = next(
                (
                    stop
                    for stop in longer
                    if any(
                        c.primary_name and c.feature in _SETTLEMENTS for c in self._lookup(text[start:stop], lookups)
                    )
                ),
                end,
            )
            whole.append((start, end))
        return whole

    def _bare_common_word(self, doc: Doc, span: Span, lookups: dict[str, list[Candidate]]) -> bool:
        """A one-word place of the NER that is a common word ("what Metro says", Metro being the
        city's police, not the Indonesian city) and nothing backs as a place: no cue, no state
        after it, no institution it heads, no line it opens (a dateline: "MOBILE, AL —"), no
        state, country or city of a million people of that name."""
        text = doc.text
        return (
            len(span) == 1
            and self.words.get(name_key(span.text)) == COMMON_WORD
            and not self.cues.around(doc, span.start, span.end)
            and not self.cues.institution(doc, span.end)
            and not self._contained(text, span)
            and not _opens_line(text, span)
            and not _well_known(self._lookup(span.text, lookups))
        )

    def _without_people(self, doc: Doc, found: list[Span], lookups: dict[str, list[Candidate]]) -> list[Span]:
        """The places found less the one-word ones that are a word of a person's name the text
        writes in full ("Rohan and his friends" after "Rohan Levy", "the deaths of Lindsay, 24"
        after "Nicholas Lindsay"), unless a place cue backs the word ("in Jackson"), a state is
        written after it ("Jackson, Miss.") or it names a state, country or city of 100,000 people
        or more ("Georgia", "Louisville"). The NER takes many a team or headline naming a city for
        a person ("Louisville Assumption", "Sochi Mayor Race"), and such a city is named for
        itself far more often than a person's name stands alone. (A cue at another mention
        proves nothing: "near Rohan", "at Ferguson's" are said of people too.)"""
        people = {
            token.text
            for entity in doc.ents
            if entity.label_ == "PERSON" and len(entity) > 1
            for token in entity
            if _capitalised(token)
        }
        if not people:
            return found
        return [
            span
            for span in found
            if not (
                len(span) == 1
                and span.text in people
                and not self.cues.around(doc, span.start, span.end)
                and not self._contained(doc.text, span)
                and strength(self._lookup(span.text, lookups)) is not Strength.STRONG
            )
        ]

    def is_place_name(self, text: str, caseless: bool = False) -> bool:
        """False for demonyms, party names and other words the NER tags as places, and for
        lower-case words in text that has capitals."""
        key = name_key(text)
        return bool(key) and key not in self.not_places and (caseless or any(ch.isupper() for ch in text))

    def _lookup(self, text: str, lookups: dict[str, list[Candidate]]) -> list[Candidate]:
        key = name_key(text)
        if key not in lookups:
            lookups[key] = [] if key in self.not_places else self.gazetteer.lookup(text, shorten=False)
        return lookups[key]

    def _judge_all(
        self,
        proposals: list[list[Proposal]],
        doc: Doc,
        text: str,
        places: DocumentPlaces,
        taken: set[int],
        lookups: dict[str, list[Candidate]],
    ) -> list[Span]:
        """Proposals come in groups of alternatives (an organisation's whole name, then its
        leading or closing place); the first acceptable one of a group wins. Two passes, so a
        name accepted late supports its earlier mentions."""
        accepted: list[Span] = []
        for _ in range(2):
            waiting = []
            for group in proposals:
                chosen = self._first_acceptable(group, doc, text, places, taken, lookups)
                if chosen is None:
                    waiting.append(group)
                    continue
                accepted += chosen
                for span in chosen:
                    places.keys.add(name_key(span.text))
                    taken.update(range(span.start, span.end))
            proposals = waiting
        return accepted

    def _first_acceptable(
        self,
        group: list[Proposal],
        doc: Doc,
        text: str,
        places: DocumentPlaces,
        taken: set[int],
        lookups: dict[str, list[Candidate]],
    ) -> list[Span] | None:
        chosen = []
        for proposal in group:
            span = proposal.span
            if any(i in taken for i in range(span.start, span.end)):
                continue
            if self._acceptable(proposal, doc, text, places, self._lookup(span.text, lookups), lookups):
                if proposal.kind in ("entity", "person"):
                    return [span]
                chosen.append(span)
        return chosen or None

    def _acceptable(
        self,
        proposal: Proposal,
        doc: Doc,
        text: str,
        places: DocumentPlaces,
        candidates: list[Candidate],
        lookups: dict[str, list[Candidate]],
    ) -> bool:
        span, kind = proposal.span, proposal.kind
        level = strength(candidates)
        if level is Strength.NONE:
            return False
        key = name_key(span.text)
        if self.words.get(key) == COMMON_WORD and not (kind == "dateline" and _opens_line(text, span)):
            return False  # "Central Bank", "Olympic projects", "SWAT"; not "MERIDIAN -" opening a story
        if kind in ("dateline", "cued"):
            return True
        cued = self.cues.around(doc, span.start, span.end) or self._contained(text, span)
        if kind == "person" or self.words.get(key) == PERSONAL_NAME:
            return cued
        if key in places.keys:
            return True
        if kind == "lead" and level is Strength.WEAK:
            # "Vicksburg Police": a town's own institution names it, beside the story's other
            # places or, in a local story that names no other town, alone
            return self.cues.institution(doc, span.end) and (places.coherent(candidates) or places.placeless())
        if kind == "tail":
            return level is Strength.STRONG
        if kind == "inner":
            return _division(candidates) and any(c.primary_name for c in candidates)
        # a whole entity: a large city's name alone is not enough ("the Toyota", "Honda"); one
        # the NER cut from the institution it heads ("Milford" of "Milford fire department")
        # is that institution's town if it lies in a state the text names
        return (
            _division(candidates)
            or cued
            or places.coherent(candidates)
            or (self.cues.institution(doc, span.end) and self._in_named_state(candidates, places, lookups))
        )

    def _in_named_state(
        self, candidates: list[Candidate], places: DocumentPlaces, lookups: dict[str, list[Candidate]]
    ) -> bool:
        """Whether a town of that name lies in a state taken as a place so far ("Connecticut",
        also inside an organisation's name: "the Connecticut Post Mall")."""
        states = {c.admin1 for key in places.keys for c in self._lookup(key, lookups) if c.feature == "admin1"}
        return any(c.admin1 in states and c.feature in _SETTLEMENTS for c in candidates)

    def _contained(self, text: str, span: Span) -> bool:
        """ "Ridge Farm, Ill.": a name followed by its state or country (``text``: the doc's)."""
        following = following_name(text, span.end_char, self.geo)
        if following is None:
            return False
        words = following[1].split()
        return any(
            c.feature in _CONTAINERS
            for size in range(len(words), 0, -1)
            for c in self.gazetteer.lookup(" ".join(words[:size]), shorten=False)
        )

    def _entity_proposals(self, doc: Doc) -> Iterator[list[Proposal]]:
        for entity in doc.ents:
            if entity.label_ in PLACE_LABELS or entity.label_ in NON_NAME_LABELS:
                continue
            start = entity.start + (1 if entity[0].lower_ in self.geo.articles and len(entity) > 1 else 0)
            whole = doc[start : entity.end]
            group = []
            if self._name_like(whole):
                group.append(Proposal(whole, "person" if entity.label_ == "PERSON" else "entity"))
            if entity.label_ in ORGANISATION_LABELS and len(whole) > 1:
                group += self._inner_names(doc, whole)
            if group:
                yield group

    def _inner_names(self, doc: Doc, name: Span) -> list[Proposal]:
        """Places inside an organisation's name: the longest gazetteer name opening it ("the
        Paris Police Department"), the name after its last "of" ("the University of Kentucky"),
        and countries or first-level divisions anywhere in it ("Environment Canada")."""
        found = []
        for size in range(min(MAX_NAME_TOKENS, len(name) - 1), 0, -1):
            lead = doc[name.start : name.start + size]
            if self._name_like(lead) and self.gazetteer.lookup(lead.text, shorten=False):
                found.append(Proposal(lead, "lead"))
                break
        ofs = [t.i for t in name if t.lower_ in self.geo.of_words]
        if ofs and 0 < name.end - ofs[-1] - 1 <= MAX_NAME_TOKENS:
            tail = doc[ofs[-1] + 1 : name.end]
            if self._name_like(tail):
                found.append(Proposal(tail, "tail"))
        covered = {i for p in found for i in range(p.span.start, p.span.end)}
        index = name.start + 1
        while index < name.end:
            for size in range(min(3, name.end - index), 0, -1):
                inner = doc[index : index + size]
                if (
                    covered.isdisjoint(range(inner.start, inner.end))
                    and self._name_like(inner)
                    and _division(self.gazetteer.lookup(inner.text, shorten=False))
                ):
                    found.append(Proposal(inner, "inner"))
                    index += size - 1
                    break
            index += 1
        return found

    def _name_like(self, span: Span) -> bool:
        joiners = self.geo.name_joiners
        if span[-1].is_punct or span[0].lower_ in joiners or span[-1].lower_ in joiners:
            return False
        # "Martha's Vineyard": a hyphen, a possessive (``name_possessives``) or a small word may stand inside
        return all(
            _capitalised(t) or t.text == "-" or t.text in self.geo.name_possessives or t.lower_ in joiners for t in span
        )

    def _datelines(self, doc: Doc) -> list[list[Proposal]]:
        found = []
        for match in _DATELINE.finditer(doc.text):
            span = doc.char_span(match.start(1), match.end(1), alignment_mode="contract")
            if span is not None and len(span) and not any(t.ent_type_ in PLACE_LABELS for t in span):
                found.append([Proposal(span, "dateline")])
        return found

    def _cued_names(self, doc: Doc, text: str) -> list[list[Proposal]]:
        """Runs of capitalised words no entity covers, with a place cue around them or a
        container written after them ("Marka, Lower Shabelle")."""
        found = []
        index = 0
        while index < len(doc):
            end = index
            while end < len(doc) and end - index < MAX_NAME_TOKENS and _bare_name_token(doc[end], self.geo):
                end += 1
            if end == index:
                index += 1
                continue
            span = doc[index:end]
            if not doc[index].is_sent_start and (self.cues.around(doc, index, end) or self._contained(text, span)):
                found.append([Proposal(span, "cued")])
            index = end
        return found

    def _repeats(
        self, doc: Doc, places: list[Span], taken: set[int], lookups: dict[str, list[Candidate]]
    ) -> list[Span]:
        """Further mentions, outside any entity, of the names taken as places ("Mansfield")
        that the gazetteer knows and that are neither common words nor personal names."""
        names = {
            s.text
            for s in places
            if s.text[:1].isupper()
            and name_key(s.text) not in self.words
            and strength(self._lookup(s.text, lookups)) is not Strength.NONE
        }
        names |= {n.upper() for n in names}
        found = []
        for token in doc:
            if token.i in taken or token.ent_type_ or not token.text[:1].isupper():
                continue
            for size in range(MAX_NAME_TOKENS, 0, -1):
                span = doc[token.i : token.i + size]
                if (
                    span.end <= len(doc)
                    and span.text in names
                    and not any(t.ent_type_ for t in span)
                    and not any(i in taken for i in range(span.start, span.end))
                ):
                    found.append(span)
                    taken.update(range(span.start, span.end))
                    break
        return found


def _opens_line(text: str, span: Span) -> bool:
    return span.start_char == 0 or text[span.start_char - 1] == "\n"


def _well_known(candidates: list[Candidate]) -> bool:
    return _division(candidates) or any(c.primary_name and c.population >= WELL_KNOWN_POPULATION for c in candidates)


def _division(candidates: list[Candidate]) -> bool:
    return any(c.feature in ("country", "admin1", "continent") for c in candidates)


def _capitalised(token) -> bool:
    return token.is_title or (token.is_upper and len(token) > 1)


def _bare_name_token(token, words: GeoWords) -> bool:
    untagged = not token.ent_type_ or _misread_as_time(token, words)
    return untagged and _NAME_TOKEN.match(token.text) is not None and _capitalised(token)


def _misread_as_time(token, words: GeoWords) -> bool:
    """A capitalised word alone that the NER tagged as a date or time but that names no time
    (``words.time_words``: months, weekdays, seasons, parts of the day), right after "in",
    "near" or "outside" (``words.town_prepositions``; "at" and "on" also come before a holiday):
    "a residence in Roundup on Sunday night"."""
    if token.ent_type_ not in ("DATE", "TIME") or token.i == 0 or token.lower_ in words.time_words:
        return False
    doc = token.doc
    alone = token.ent_iob_ == "B" and (token.i + 1 >= len(doc) or doc[token.i + 1].ent_iob_ != "I")
    return alone and doc[token.i - 1].lower_ in words.town_prepositions
