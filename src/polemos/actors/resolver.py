"""The actors stage: every actor mention in a document resolved to a KB entry or a new actor.

See the package docstring (``polemos.actors``) for the API the event coder uses.
"""

from __future__ import annotations

from typing import Optional

from spacy.tokens import Doc, Span, Token

from polemos.actors.context import CountryContext, country_context, in_context
from polemos.actors.kb import KnowledgeBase
from polemos.actors.mentions import (
    Candidate,
    entity_candidate,
    find_candidates,
    has_person_title,
    is_subject,
    names_military_means,
    sector_candidate,
    trim_possessive,
)
from polemos.actors.organisations import organisation_identity, state_owning
from polemos.actors.people import person_identity
from polemos.actors.names import is_acronym
from polemos.actors.places import PlaceLookup, PlaceNames, is_agent
from polemos.actors.pronouns import PLURAL_TAGS, resolve_pronoun
from polemos.actors.sectors import phrase_name, resolve_sector
from polemos.actors.session import STATE_KINDS, DocumentActors, Identity
from polemos.actors.words import ActorWords
from polemos.lang import LanguageData
from polemos.record import ExtractionRecord
from polemos.nlp import entity_of

GROUP_KINDS = {"group", "armed_group"}
LOWER_CASED_SHARE = 0.01  # capitals among a text's letters below which it was written in lower case


class ActorResolver:
    """Resolves actor mentions against ``kb``; ``gazetteer`` (optional, the geo stage's) tells
    place names the NER took for people or organisations ("Omdurman") from actors."""

    def __init__(
        self, kb: KnowledgeBase, gazetteer: Optional[PlaceLookup] = None, language: Optional[LanguageData] = None
    ):
        self.kb = kb
        self.gazetteer = gazetteer
        self.words = ActorWords(language or LanguageData.load())

    # -- the stage -----------------------------------------------------------------

    def annotate(self, record: ExtractionRecord, doc: Doc) -> None:
        """Resolve every actor mention in ``doc`` and add them to ``record.actors``."""
        actors = DocumentActors(self.kb, self.words, record, doc)
        context = country_context(actors)
        places = PlaceNames(record, self.words, self.gazetteer)
        headings = [(h.start, h.end) for h in record.document.headings]
        for candidate in find_candidates(doc, self.kb, self.words, places):
            if any(start <= candidate.span.start_char < end for start, end in headings):
                continue  # a section heading ("Human Rights Watch", "Gaza") titles a section; it reports no act
            identity = self._resolve(actors, candidate, context, places)
            if identity is None:
                continue
            actor = actors.add(identity, candidate.span)
            if is_subject(candidate.head):
                group = candidate.head.tag_ in PLURAL_TAGS or actor.kind in GROUP_KINDS
                actors.note_subject(actor.id, record.sentence_at(candidate.span.start_char), group)

    # -- the event coder's entry points --------------------------------------------

    def states_named(self, record: ExtractionRecord, doc: Doc) -> CountryContext:
        """Every state the document names (``country_context``), for the ``actors_for_span``
        calls on one document to share: it reads only the entities and the places, which do
        not change while events are coded, and reading it per call made the calls on a long
        document grow with its square."""
        return country_context(DocumentActors(self.kb, self.words, record, doc))

    def actors_for_span(
        self, record: ExtractionRecord, doc: Doc, span: Span, states: Optional[CountryContext] = None
    ) -> list[str]:
        """Ids of the actors named by ``span`` (an argument of an event verb), creating them if needed.

        Mentions found by ``annotate`` inside the span (or covering its root) are
        returned in text order, so "Armenia and Azerbaijan" gives two ids. When
        none is there, the span's head and its conjuncts are resolved like any
        mention ("the village" becomes a new actor of kind group), added to
        ``record.actors`` and returned. An unresolvable pronoun or a span with no
        noun gives ``[]``. ``states``: the document's ``states_named``, read here when not given.
        """
        actors = DocumentActors(self.kb, self.words, record, doc)
        found = actors.actors_at(span.start_char, span.end_char, span.root.idx)
        if found:
            return found
        actors.prime_before(span.start_char)
        context = states if states is not None else country_context(actors)
        places = PlaceNames(record, self.words, self.gazetteer)
        ids = []
        for head in [span.root, *[t for t in span.root.conjuncts if span.start <= t.i < span.end]]:
            candidate = self._candidate_for(head, places)
            identity = self._resolve(actors, candidate, context, places) if candidate else None
            if candidate is not None and identity is not None:
                ids.append(actors.add(identity, candidate.span).id)
        return list(dict.fromkeys(ids))

    def actor_for_span(
        self, record: ExtractionRecord, doc: Doc, span: Span, states: Optional[CountryContext] = None
    ) -> Optional[str]:
        """The first actor of ``actors_for_span``, or None."""
        ids = self.actors_for_span(record, doc, span, states)
        return ids[0] if ids else None

    def _candidate_for(self, head: Token, places: PlaceNames) -> Optional[Candidate]:
        if head.ent_type_:
            ent = entity_of(head)
            if ent is not None:
                found = entity_candidate(ent, self.kb, self.words, places)
                if (
                    found is None
                    and ent.text.islower()
                    and not self.kb.matches(ent.text)
                    and places.is_place(ent, titled=False)
                ):
                    return None  # "godhra" taken for a person in lower-cased text: a town, no actor
                return found or Candidate("entity", trim_possessive(ent), ent.root)
        sector_phrase = sector_candidate(head, self.kb, self.words, force=True)
        if sector_phrase:
            return sector_phrase
        if head.pos_ == "PRON":
            return Candidate("pronoun", head.doc[head.i : head.i + 1], head)
        if head.pos_ in ("NOUN", "PROPN"):
            start = min([head.i] + [t.i for t in head.lefts if t.dep_ in ("amod", "compound", "nmod")])
            return Candidate("phrase", head.doc[start : head.i + 1], head)
        return None

    # -- resolution ----------------------------------------------------------------

    def _resolve(
        self, actors: DocumentActors, candidate: Candidate, context: CountryContext, places: PlaceNames
    ) -> Optional[Identity]:
        if candidate.kind == "entity":
            return self._resolve_entity(actors, candidate, context, places)
        if candidate.kind == "sector":
            return resolve_sector(actors, candidate, context, lambda a, c: self._resolve_entity(a, c, context, places))
        if candidate.kind == "pronoun":
            return resolve_pronoun(actors, candidate)
        return actors.new_identity(phrase_name(candidate.span, actors.words), "group")

    def _resolve_entity(
        self, actors: DocumentActors, candidate: Candidate, context: CountryContext, places: PlaceNames
    ) -> Optional[Identity]:
        span, label = candidate.span, candidate.head.ent_type_
        matches = in_context(
            self.kb.matches(span.text, actors.when) or self._acronym_in_lower_case(actors, span), context
        )
        if matches:
            entry = matches[0].entry
            if label == "NORP" and matches[0].alias_type == "demonym" and entry.kind in STATE_KINDS:
                return self._demonym(actors, candidate, entry, context)
            owner = state_owning(actors, span) if matches[0].alias_type == "seat" else None
            if owner is not None and owner.id != entry.id.split(".")[0]:
                return actors.identity_of(owner, entry.sector)  # "the Nigerian Senate" is not the US one
            return actors.identity_of(entry)
        if candidate.place:
            return _place_identity(actors, candidate, places)
        if label == "PERSON" or (label in ("ORG", "GPE") and has_person_title(span, self.kb)):
            return person_identity(actors, candidate, context)
        if label == "ORG":
            return organisation_identity(actors, span, places, context)
        if label == "NORP":
            return self._people_group(actors, candidate)
        return _place_identity(actors, candidate, places)

    def _acronym_in_lower_case(self, actors: DocumentActors, span: Span) -> list:
        """ "bjp", "vhp" in a document written in lower case: the acronyms "BJP", "VHP"."""
        letters = span.text.replace(".", "")
        if not (
            letters.isalpha() and letters.islower() and 3 <= len(letters) <= 6 and _lower_cased(actors.record.text)
        ):
            return []
        return [m for m in self.kb.matches(letters.upper(), actors.when) if is_acronym(letters.upper())]

    def _demonym(self, actors: DocumentActors, candidate: Candidate, entry, context: CountryContext) -> Identity:
        """ "Armenians fled": Armenia's civilians; "ethnic Albanians in Serbia": civilians of the
        state they live in (PLOVER codes an ethnic group by its country of residence)."""
        sector = _people_or_state(candidate.head, actors.words)
        if sector == "CVL":
            entry = _residence(actors, candidate, entry, context) or entry
        return actors.identity_of(entry, sector)

    def _people_group(self, actors: DocumentActors, candidate: Candidate) -> Identity:
        """An ethnic or religious group the KB does not know ("Kurds", "Druze"); "Iraqi Kurds" are
        Iraq's civilians."""
        span = candidate.span
        for token in [*span, *candidate.head.lefts]:
            found = self.kb.matches(token.text, actors.when)
            if token.i != candidate.head.i and found and found[0].alias_type == "demonym":
                return actors.identity_of(found[0].entry, "CVL")
        return actors.new_identity(span.text, "group", "CVL" if span.text.endswith("s") else None)


def _residence(actors: DocumentActors, candidate: Candidate, entry, context: CountryContext):
    """The state an ethnic group lives in: "ethnic Albanians" and "Albanians of southern Serbia"
    are coded by the state they live in, when the sentence names another."""
    head = candidate.head
    places = [
        pobj
        for prep in head.rights
        if prep.lower_ in ("of", "in")
        for pobj in prep.children
        if pobj.dep_ == "pobj" and pobj.ent_type_ in ("GPE", "LOC")
    ]
    for place in places:
        found = actors.kb.matches(place.text, actors.when)
        if found and found[0].entry.kind in STATE_KINDS and found[0].entry.id != entry.id:
            return found[0].entry
    if any(t.lower_ in actors.words.ethnic_words for t in head.lefts):
        char = candidate.span.start_char
        home = [state for state in context.in_sentence(actors.record.sentence_at(char)) if state.id != entry.id]
        return home[0] if home else None
    return None


def _place_identity(actors: DocumentActors, candidate: Candidate, places: PlaceNames) -> Optional[Identity]:
    """A place that is no state's metonym: what was attacked or entered ("shelled Omdurman")
    is the place; in an agent's position ("Kidal attacked ...") it stands for unnamed forces
    in the place, and no actor is better than a wrong one."""
    if is_agent(candidate.head):
        return None
    return actors.new_identity(candidate.span.text, "place", None, places.country_of(candidate.span))


def _lower_cased(text: str) -> bool:
    """A text written (or stored) all in lower case, as some corpora are."""
    sample = [c for c in text[:5000] if c.isalpha()]
    return bool(sample) and sum(c.isupper() for c in sample) < LOWER_CASED_SHARE * len(sample)


def _people_or_state(token: Token, words: ActorWords) -> Optional[str]:
    """ "Armenians fled" names people (CVL); "Armenian" before another noun names the state, and
    before a military's weapon or strike ("Russian shelling") the state's military."""
    if names_military_means(token, words):
        return "MIL"
    if token.dep_ in ("amod", "compound") or token.tag_ in ("JJ", "NNP"):
        return None
    return "CVL" if token.lower_.endswith(("s", "ese", "ish")) and token.tag_ in ("NNPS", "NNS") else None
