"""The events stage: PLOVER events with evidence from a record and its spaCy Doc.

For each sentence: find lexicon triggers, read roles from the parse, link them to the
record's actors and places, read modality and attribution, anchor date, place and size,
then fold mentions of the same event together. Every event keeps its evidence sentence(s)
and trigger words, and every decision comes from a lexicon row or a parse rule.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass

from spacy.tokens import Doc, Span

from polemos.events.acled import AcledRule, acled_type, load_rules
from polemos.events.anchors import Anchors, attached
from polemos.events.describe import find_contexts, find_mode, recode
from polemos.events.lexicon import Lexicon, TriggerEntry
from polemos.events.linking import Linker, phrase_tokens
from polemos.events.merge import Candidate, evidence_for, merge_mentions
from polemos.events.modality import read_modality
from polemos.events.relations import RelationFinder, provision_tokens
from polemos.events.roles import Roles, find_roles
from polemos.events.triggers import TriggerMatch, find_triggers, lemma_of
from polemos.record import Event, ExtractionRecord

REFERRING_PRONOUNS = {"it", "its", "they", "their", "them"}
PEACEKEEPING_WORDS = {"peacekeeper", "peacekeeping"}
DEFINITE_DETERMINERS = {"the", "this", "that", "these", "those"}


@dataclass
class _Context:
    record: ExtractionRecord
    doc: Doc
    linker: Linker
    anchors: Anchors
    paragraph_places: dict[int, int]
    recent_actor: tuple[int, str] | None = None  # (paragraph, actor id) of the last event's actor


class EventCoder:
    """Codes PLOVER events and lasting relations; build once, annotate many records."""

    def __init__(self, lexicon: Lexicon, acled_rules: list[AcledRule]) -> None:
        self.lexicon = lexicon
        self.acled_rules = acled_rules
        self.relation_finder = RelationFinder()

    @classmethod
    def default(cls) -> "EventCoder":
        """The coder with the lexicons shipped in ``polemos/data/events``."""
        return cls(Lexicon.load(), load_rules())

    def annotate(self, record: ExtractionRecord, doc: Doc) -> ExtractionRecord:
        context = _Context(record, doc, Linker(record, doc), Anchors(record, doc), {})
        blocked = context.linker.blocked_tokens()
        candidates: list[Candidate] = []
        for sentence in doc.sents:
            listed = provision_tokens(sentence)  # an agreement's provisions are not events of their own
            for match in find_triggers(sentence, self.lexicon, blocked | listed):
                candidate = self._code(match, sentence, context)
                if candidate is not None:
                    candidates.append(candidate)
        events = merge_mentions(candidates, record.places)
        actors_by_id = {a.id: a for a in record.actors}
        for number, event in enumerate(events, start=1):
            event.id = f"e{number}"
            event.acled = acled_type(event, actors_by_id, self.acled_rules)
        record.events = events
        record.relations = self.relation_finder.find(record, doc, context.linker, context.anchors)
        return record

    def _code(self, match: TriggerMatch, sentence: Span, context: _Context) -> Candidate | None:
        roles = find_roles(match)
        clause = roles.clause or match.head
        paragraph = context.anchors.paragraph_of(sentence.start_char)
        actors = self._link_actors(roles, context, paragraph)
        recipients = [r for r in context.linker.actors_for(roles.recipients) if r not in actors]
        reading = read_modality(match.head, clause, self.lexicon)
        nodes = {match.head.i, clause.i} | {t.i for t in match.tokens}
        if roles.support is not None:
            nodes.add(roles.support.i)
        clause_date = context.anchors.clause_date(nodes)
        participants = bool(actors or recipients)
        if not participants and reading.modality != "asserted":
            return None
        if "can" in {c.lower_ for c in clause.children if c.dep_ == "aux"}:
            return None  # "a war ... can have no end": a general claim, not an event
        reference_only = False
        if not participants and clause_date is None:
            if not (match.nominal and _definite(match)):
                return None
            reference_only = True
        elif reading.generic and not participants:
            return None
        entry = _peacekeeping_as_aid(match.entry, clause)
        event_type = recode(entry.type, reading)
        place = self._place(match, roles, nodes, sentence, context, paragraph)
        mode = "third-party" if roles.hosted else find_mode(event_type, entry, clause, match.head, self.lexicon)
        event = Event(
            id="",
            type=event_type,
            mode=mode,
            context=find_contexts(entry, sentence,
                                  [a for a in context.record.actors if a.id in actors], self.lexicon),
            actor=actors,
            recipient=recipients,
            date=clause_date or self._fallback_date(sentence, clause, context, paragraph),
            place=place,
            size=context.anchors.sizes(event_type, (sentence.start_char, sentence.end_char), nodes),
            modality=reading.modality,
            attributed_to=context.linker.actor_for(reading.speaker) if reading.speaker is not None else None,
            evidence=[evidence_for(context.record.text, sentence.start_char, sentence.end_char)],
            confidence=_confidence(match, actors, recipients, clause_date),
            trigger=_trigger_text(match, roles),
        )
        if actors:
            context.recent_actor = (paragraph, actors[0])
        return Candidate(event, paragraph, reference_only)

    def _link_actors(self, roles: Roles, context: _Context, paragraph: int) -> list[str]:
        linker = context.linker
        actors = linker.actors_for(roles.actors) or linker.actors_for(roles.fallback_actors)
        if actors:
            return actors
        pronouns = [t for t in roles.actors + roles.fallback_actors if t.lower_ in REFERRING_PRONOUNS]
        recent = context.recent_actor
        if pronouns and recent is not None and paragraph - recent[0] <= 1:
            return [recent[1]]  # "It signed ...": the last named actor of this or the previous paragraph
        return []

    def _place(self, match: TriggerMatch, roles: Roles, nodes: set[int], sentence: Span,
               context: _Context, paragraph: int) -> int | None:
        linker = context.linker
        own_names = {t.i for a in roles.actors + roles.fallback_actors for t, _ in phrase_tokens(a)}
        in_sentence = [(i, linker.doc[i]) for i, _ in linker.place_roots.items()
                       if sentence.start <= i < sentence.end and i not in own_names]
        hits = [(abs(token.i - match.head.i), linker.place_roots[i]) for i, token in in_sentence
                if attached(token, nodes)]
        if not hits:
            hits = [(0, p) for p in (linker.place_for(t) for t in roles.recipients) if p is not None]
        if hits:
            place = min(hits)[1]
            context.paragraph_places[paragraph] = place
            return place
        return context.paragraph_places.get(paragraph)

    def _fallback_date(self, sentence: Span, clause, context: _Context, paragraph: int) -> dict | None:
        found = context.anchors.paragraph_date(sentence.start_char, paragraph)
        if found is None and clause.tag_ in {"VBZ", "VBP"}:
            found = context.anchors.publication_date()
        return found


def _peacekeeping_as_aid(entry: TriggerEntry, clause) -> TriggerEntry:
    """Deploying peacekeepers provides protection: AID, not MOBILIZE (CAMEO2PLOVER 074)."""
    if entry.type == "MOBILIZE" and any(lemma_of(t) in PEACEKEEPING_WORDS for t in clause.subtree):
        return dataclasses.replace(entry, type="AID", mode=None, context="peacekeeping")
    return entry


def _definite(match: TriggerMatch) -> bool:
    return any(c.dep_ == "det" and c.lower_ in DEFINITE_DETERMINERS for c in match.head.children)


def _trigger_text(match: TriggerMatch, roles: Roles) -> str:
    tokens = list(match.tokens)
    if roles.support is not None:
        tokens.append(roles.support)
    return " ".join(t.text for t in sorted(tokens, key=lambda t: t.i))


def _confidence(match: TriggerMatch, actors: list[str], recipients: list[str], clause_date) -> float:
    score = 0.45 + (0.2 if actors else 0) + (0.1 if recipients else 0) + (0.1 if clause_date else 0)
    if not match.nominal:
        score += 0.1
    return round(min(score, 0.95), 2)
