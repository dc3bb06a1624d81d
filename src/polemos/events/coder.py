"""The events stage: PLOVER events with evidence from a record and its spaCy Doc.

For each sentence: find lexicon triggers, read roles from the parse, link them to the
record's actors and places, read modality and attribution, anchor date, place and size,
then fold mentions of the same event together. Every event keeps its evidence sentence(s)
and trigger words.

With an ``EventClassifier`` (``polemos.events.classifier``), a learned model reads every
sentence too: it vetoes the rule events of a sentence it confidently finds reports no event
(opinion, negation, idiom, heading), types the sentence's main event when confident, gives
it its calibrated probability as ``confidence``, and recovers an event the lexicon missed
when it is confident of one and of its type. The event that carries the model's reading of
a sentence (its main event, or a mention whose rule sub-type the model reads there) keeps it when
mentions fold together. Each event's ``coder`` says which side decided its type.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from functools import cached_property
from typing import Callable, Iterator

from spacy.tokens import Doc, Span, Token

from polemos.figures import FigureExtractor
from polemos.events.acled import AcledRule, acled_type, load_rules
from polemos.events.incidents import IncidentReader, Participants, sentence_incidents
from polemos.events.anchors import Aftermath, Anchors, attached
from polemos.events.classifier import NO_ACLED, EventClassifier, Judgement, RuleHint, code_of
from polemos.events.accidents import AccidentReader, retype_accidents
from polemos.events.describe import find_contexts, find_mode, recode, reverse, sentence_contexts
from polemos.events.headline import headline_incident
from polemos.events.lexicon import Lexicon, TriggerEntry
from polemos.events.linking import Linker, SpanResolver, phrase_tokens
from polemos.events.merge import Candidate, evidence_for, merge_mentions
from polemos.events.modality import ModalityReading, read_modality
from polemos.events.places import (
    PLACE_ATTACHED,
    PLACE_NONE,
    PLACE_OF_PARAGRAPH,
    PLACE_OF_RECIPIENT,
    PLACE_OF_STORY,
    fill_story_place,
    located,
    most_specific,
    written_holders,
)
from polemos.events.relations import RelationFinder, enrich_agreements, load_relation_cues, provision_tokens
from polemos.events.roles import Roles, find_roles
from polemos.events.triggers import VERB_TAGS, TriggerMatch, find_triggers, lemma_of, modifies_incident_noun
from polemos.events.words import EventWords
from polemos.geo.words import GeoWords
from polemos.lang import LanguageData
from polemos.record import Event, ExtractionRecord

POLICIES = ("combined", "model")
# The context of an unintended shooting or blast: an incident with victims but no intent to harm.
# Its ASSAULT mentions are typed ACCIDENT once they are merged (accidents.py).
ACCIDENTAL = "accidental"
CAUSE_POS = {"NOUN", "VERB", "ADJ"}  # "since Azerbaijan's offensive" is parsed with an adjective
DEMONSTRATION_TYPES = {"Protests", "Riots"}  # ACLED event types of demonstrations
BACKGROUND_CONFIDENCE = 0.3
APPEAL_TYPES = {"REQUEST", "CONSULT"}
THING_NAME_ENTITIES = {"PRODUCT", "WORK_OF_ART", "FAC"}  # the names of things: "a Honda Accord", a film, a bridge
PLURAL_TAGS = {"NNS", "NNPS"}
PRESENT_TAGS = {"VBZ", "VBP"}
PERSON_WORD_POS = {"PROPN", "PRON"}  # a party named by name or pronoun, not by an office or a group noun


@dataclass
class _Context:
    record: ExtractionRecord
    doc: Doc
    linker: Linker
    anchors: Anchors
    paragraph_places: dict[int, int]
    actors_by_id: dict
    words: EventWords
    recent_actor: tuple[int, str] | None = None  # (paragraph, actor id) of the last event's actor
    sentence_places: list[tuple[int, int]] = dataclasses.field(default_factory=list)  # (clause depth, place)
    written_containers: dict[int, int] = dataclasses.field(default_factory=dict)  # see events.places
    appeal: bool = False  # the sentence is a police appeal to the public for tips or help
    sentence_contexts: list[str] | None = None  # contexts the sentence names, read at its first event


@dataclass
class TriggerReading:
    """What the coder reads of one trigger before its rules decide whether it reports an event:
    its roles and the parties linked to them, its clause's modality, the parse nodes its dates and
    places may hang from (``nodes``), and the dates its clause and its own words give."""

    match: TriggerMatch
    roles: Roles
    context: _Context
    clause: Token
    paragraph: int
    actors: list[str]
    recipients: list[str]
    direct: bool  # the recipients are the clause's own, not those of a fallback phrase
    modality: ModalityReading
    nodes: set[int]
    own: set[int]  # the event's own words: a date an aftermath word holds before them is not the event's
    barriers: frozenset[int]  # the sentence's other triggers
    clause_date: dict | None
    own_date: dict | None  # the date the trigger's own words give ("his shooting death Friday")

    @property
    def words(self) -> EventWords:
        return self.context.words

    @property
    def participants(self) -> bool:
        return bool(self.actors or self.recipients)

    @cached_property
    def realised(self) -> bool:
        """An event noun that tells of one happening: "a car bomb exploded", "a deadly shooting"."""
        return self.match.nominal and (
            _realised(self.match, self.words)
            or _particular(self.match, self.own_date, self.clause, self.barriers, self.context)
        )

    @cached_property
    def recalled(self) -> bool:
        """An event noun its own words date long before publication: "a 2012 shooting"."""
        return self.context.anchors.recalled(self.own_date) and (self.match.nominal or self.clause.dep_ == "relcl")

    @cached_property
    def tally(self) -> bool:
        return _tally(self.match, self.words)

    @cached_property
    def background(self) -> bool:
        """A known event named to situate another, recalled, or counted in a tally."""
        return _background(self.match, self.own_date, self.words) or self.recalled or self.tally

    @cached_property
    def unanchored(self) -> bool:
        """Without parties or a date of its clause, nothing shows the mention tells of a particular
        happening: no party we could not name acts, no event noun happened, no victims are counted."""
        if self.participants or self.clause_date is not None:
            return False
        match, generic = self.match, self.modality.generic
        if (
            not match.nominal
            and self.roles.actors
            and not generic
            and not _pronouns_only(self.roles.actors, self.words)
        ):
            return False  # "Opposition groups demanded ...": a reported act by a party we could not name
        if self.realised and not generic:
            return False  # "A landmine explosion killed three civilians": a particular happening
        if (
            not match.nominal
            and not generic
            and (self.context.anchors.counts_victims(self.nodes) or _headline_count(self.clause))
        ):
            return False  # "Four people were shot", "a 17-year-old was killed", "2 Killed": victims counted
        return True


# --- rejection rules -------------------------------------------------------------------------
# Each rule says True when a trigger reports no event. The trigger's own rules run before its
# parties are linked; the reading's rules run on what ``EventCoder._anchor`` read.


def asked_for_only(match: TriggerMatch, context: _Context) -> bool:
    """ "demanded the arrest of ...": an act only asked for; the demand is the event."""
    return match.nominal and _demanded(match, context.words)


def appeal_for_tips(match: TriggerMatch, context: _Context) -> bool:
    """ "Anyone with information is asked to call ...": the police's appeal is no request between
    parties (a shooting the appeal names stays)."""
    return context.appeal and match.entry.type in APPEAL_TYPES


def asked_of_anyone(match: TriggerMatch, context: _Context) -> bool:
    """ "Anyone who knew his whereabouts was asked to call police": a request put to whoever may
    answer is the police's appeal to the public, no request between parties (PLOVER 3.8), even
    when it names no information or tip."""
    if match.entry.type != "REQUEST" or match.nominal:
        return False
    return any(c.dep_ == "nsubjpass" and c.lower_ in context.words.anyone_pronouns for c in match.head.children)


def hyphened_quality(match: TriggerMatch, context: _Context) -> bool:
    """ "the injury was not life-threatening", "a crime-fighting unit": a participle hyphened to
    the noun before it forms an adjective naming a quality, no act."""
    head = match.head
    if head.tag_ not in {"VBG", "VBN"} or head.dep_ not in {"acomp", "amod", "attr"} or head.i < 2:
        return False
    hyphen, noun = head.doc[head.i - 1], head.doc[head.i - 2]
    return hyphen.text == "-" and noun.pos_ == "NOUN" and noun.head.i == head.i


def part_of_a_name(match: TriggerMatch, context: _Context) -> bool:
    """ "jumped out of a gold Honda Accord": a trigger word inside the proper name of a product, a
    work or a building names a thing, no event."""
    head = match.head
    return match.nominal and head.pos_ == "PROPN" and head.ent_type_ in THING_NAME_ENTITIES


def unreal_without_parties(reading: TriggerReading) -> bool:
    """ "A ceasefire may be declared soon": an act not said to have happened, by or on no one named."""
    return not reading.participants and reading.modality.modality != "asserted"


def general_claim(reading: TriggerReading) -> bool:
    """ "A war ... can have no end": what can happen, no event."""
    return "can" in {c.lower_ for c in reading.clause.children if c.dep_ == "aux"}


def undated_commentary(reading: TriggerReading) -> bool:
    """ "It allows the administration to ...": the writer's analysis in the present tense."""
    return _commentary(reading.clause, reading.words) and reading.clause_date is None


def any_such_event(reading: TriggerReading) -> bool:
    """ "A perpetual state of war", "wars": an indefinite event noun, no particular event."""
    return (
        reading.match.nominal
        and not reading.participants
        and _indefinite(reading.match, reading.words)
        and not reading.realised
    )


def bare_event_noun(reading: TriggerReading) -> bool:
    """A bare "war" in "living in a state of war": undated, unowned, no particular event."""
    return (
        reading.match.nominal
        and not reading.participants
        and reading.own_date is None
        and not _definite(reading.match, reading.words)
        and not reading.realised
    )


def nothing_particular(reading: TriggerReading) -> bool:
    """Nothing ties the mention to a happening (``TriggerReading.unanchored``), and it is not a
    definite event noun ("the war"), which names an event told elsewhere."""
    return reading.unanchored and not (reading.match.nominal and _definite(reading.match, reading.words))


def generic_without_parties(reading: TriggerReading) -> bool:
    """ "This month, rockets strike the town every night": a general statement in the simple present,
    by or on no one named, though dated."""
    return reading.modality.generic and not reading.participants and reading.clause_date is not None


def background_argument(reading: TriggerReading) -> bool:
    """ "Just like how the war on terror claims ...": a known event in an argument, not a report."""
    return reading.background and reading.modality.generic


def speaks_of_an_incident(reading: TriggerReading) -> bool:
    """ "Police Chief Jones discusses the Sunday shooting", "police discuss the threats": one party
    speaking about an incident in a caption's present (to the press, in a video), no consultation
    between parties;
    "discussed the attack with the minister" and "the two leaders discussed the attack" stay."""
    head = reading.match.head
    if (
        reading.match.nominal
        or reading.match.entry.type != "CONSULT"
        or lemma_of(head) not in reading.words.speaking_lemmas
    ):
        return False
    if head.tag_ not in PRESENT_TAGS:
        return False  # the caption's present ("discusses"); "was discussing shootings at a meeting" consults
    topics = [c for c in head.children if c.dep_ == "dobj"] + [
        g
        for c in head.children
        if c.dep_ == "prep" and c.lower_ in reading.words.topic_prepositions
        for g in c.children
        if g.dep_ == "pobj"
    ]
    if reading.roles.recipients or any(
        c.dep_ == "prep" and c.lower_ in reading.words.partner_with_prepositions
        for t in [head, *topics]
        for c in t.children
    ):
        return False  # "discussed the shooting with the governor": the parse may hang "with" from the topic
    topic_words = reading.words.incident_topics
    if not any(t.lemma_.lower() in topic_words or t.lower_ in topic_words for t in topics):
        return False
    speakers = [a for a in reading.roles.actors if a not in topics]  # a mutual frame reads the object as a party
    return len(speakers) <= 1 and not any(
        s.tag_ in PLURAL_TAGS and s.lemma_.lower() not in reading.words.police_words for s in speakers
    )


def precedent_in_general(reading: TriggerReading) -> bool:
    """ "there were examples when the largest party had been asked to form the government",
    "in such cases the police arrest ...": what has happened or happens in cases of a kind, told
    to argue, no particular event."""
    for token in [reading.clause, *reading.clause.ancestors]:
        if token.dep_ in {"relcl", "acl", "advcl"} and token.head.lemma_.lower() in reading.words.precedent_nouns:
            return True
        if any(
            c.dep_ == "prep"
            and c.lower_ in reading.words.case_prepositions
            and any(
                g.dep_ == "pobj"
                and g.lemma_.lower() in reading.words.case_nouns
                and any(d.lower_ in reading.words.such_words for d in g.children)
                for g in c.children
            )
            for c in token.children
        ):
            return True
    return False


def act_judged(reading: TriggerReading) -> bool:
    """ "it is easy to blame the commissioner", "it would be impossible for the government to back
    out", "will it be fair to expect officials to arrest him": an act weighed in an infinitive
    under "it is <adjective>", no report that it was done ("it is clear that police arrested
    them", a fact, keeps its event)."""
    step = reading.clause
    for _ in range(4):
        if step.dep_ not in {"xcomp", "ccomp", "advcl", "conj"} or step.head is step:
            return False
        governor = step.head
        infinitive = step.dep_ == "xcomp" or (
            step.dep_ == "advcl" and any(c.dep_ == "aux" and c.lower_ in reading.words.to_words for c in step.children)
        )
        if infinitive and _judges_with_it(governor, reading.words):
            return True
        step = governor
    return False


def _judges_with_it(verb: Token, words: EventWords) -> bool:
    """ "it is easy", "it would be impossible", "will it be fair": "be" with the placeholder "it"
    and an adjective."""
    return (
        verb.lemma_ in words.copulas
        and any(c.dep_ in {"nsubj", "expl"} and c.lower_ in words.placeholder_pronouns for c in verb.children)
        and any(c.dep_ == "acomp" and c.pos_ == "ADJ" for c in verb.children)
    )


def nothing_acts(reading: TriggerReading) -> bool:
    """ "nothing prevented him from buying guns", "there was nothing in his history that prevented
    him": no one and nothing did it, so no act is reported (not even a negated one)."""
    if reading.match.nominal:
        return False
    subjects = [c for c in reading.match.head.children if c.dep_ == "nsubj"]
    if reading.match.head.dep_ == "relcl" and all(s.lower_ in reading.words.subject_relatives for s in subjects):
        subjects = _noun_phrase_heads(reading.match.head.head)  # "nothing in his history that prevented him"
    return any(s.lower_ in reading.words.nothing_words for s in subjects)


def _noun_phrase_heads(noun: Token) -> list[Token]:
    """The noun and the nouns whose prepositional phrase holds it: "history", "nothing" of
    "nothing in his history"."""
    heads = [noun]
    while noun.dep_ == "pobj" and noun.head.dep_ == "prep" and noun.head.head is not noun.head:
        noun = noun.head.head
        heads.append(noun)
    return heads


def private_talk(reading: TriggerReading) -> bool:
    """ "the couple met while teaching", "sat on the porch talking to Hawkes", "had a discussion
    with Spirit": a meeting or talk whose parties are all private persons (no office, party or
    force the actor stage could give them) is no consultation between political actors (PLOVER
    3.2); a talk with no party named stays, as the parse often misses lower-cased names, and so
    does one with a party named by a noun ("met the governor")."""
    if reading.match.entry.type != "CONSULT":
        return False
    if any(t.pos_ not in PERSON_WORD_POS for t in reading.roles.actors + reading.roles.recipients):
        return False  # "met the governor", "met party leaders": an office or a group named by a noun
    parties = _actors_of(reading.actors + reading.recipients, reading.context)
    return bool(parties) and all(a.kind == "person" and a.sector is None for a in parties)


def advice_to_you(reading: TriggerReading) -> bool:
    """ "You should not turn your house over to teens," the chief said: advice to whoever listens,
    addressed as "you", is no demand put to a party (PLOVER 3.8); "X should resign" stays."""
    if reading.match.entry.frame != "obligation" or reading.match.entry.type != "REQUEST":
        return False
    verb = reading.match.head.head
    return any(c.dep_ in {"nsubj", "nsubjpass"} and c.lower_ in reading.words.addressee_pronouns for c in verb.children)


def debate_in_a_house(reading: TriggerReading) -> bool:
    """ "parliament is poised to discuss the situation", "intervening in a discussion in the Rajya
    Sabha": a legislature debating is a house in session, no consultation between parties (PLOVER
    3.2); "the speaker met party leaders" names its parties and stays."""
    if reading.match.entry.type != "CONSULT" or reading.roles.recipients:
        return False
    houses = reading.words.legislature_words
    if any(lemma_of(a) in houses for a in reading.roles.actors):
        return True
    head = reading.match.head
    return reading.match.nominal and any(
        lemma_of(t) in houses and _held_in(t, head) for t in head.subtree if t.dep_ == "pobj"
    )


def _held_in(place: Token, noun: Token, most: int = 2) -> bool:
    """Whether ``place`` is the object of a preposition on ``noun``, directly or through at most
    ``most`` prepositional phrases: "a discussion in the house", "a discussion on the riots in the house"."""
    for _ in range(most):
        if place.dep_ != "pobj" or place.head.dep_ != "prep":
            return False
        if place.head.head.i == noun.i:
            return True
        place = place.head.head
    return False


TRIGGER_REJECTIONS: list[Callable[[TriggerMatch, _Context], bool]] = [
    asked_for_only,
    appeal_for_tips,
    asked_of_anyone,
    hyphened_quality,
    part_of_a_name,
]
READING_REJECTIONS: list[Callable[[TriggerReading], bool]] = [
    unreal_without_parties,
    general_claim,
    undated_commentary,
    any_such_event,
    bare_event_noun,
    nothing_particular,
    generic_without_parties,
    background_argument,
    speaks_of_an_incident,
    precedent_in_general,
    act_judged,
    nothing_acts,
    private_talk,
    advice_to_you,
    debate_in_a_house,
]


class EventCoder:
    """Codes PLOVER events and lasting relations; build once, annotate many records."""

    def __init__(
        self,
        lexicon: Lexicon,
        acled_rules: list[AcledRule],
        resolver: SpanResolver | None = None,
        incidents: IncidentReader | None = None,
        figures: FigureExtractor | None = None,
        classifier: EventClassifier | None = None,
        policy: str = "combined",
        language: LanguageData | None = None,
        geo_words: GeoWords | None = None,
    ) -> None:
        """``resolver`` (the actors stage, optional) resolves named arguments its mentions missed;
        ``incidents`` reads the sentence cues ACLED typing needs; ``figures`` reads the counts
        of the headline ("4 shot, 2 killed in ..."), which is not part of the text;
        ``classifier`` (optional) is the learned event model, used with the rules (``policy``
        "combined") or alone ("model"); ``language`` gives the words the rules read (English
        when none is given)."""
        if policy not in POLICIES:
            raise ValueError(f"unknown event policy {policy!r}; choose from {', '.join(POLICIES)}")
        self.lexicon = lexicon
        language = language or LanguageData.load()
        self.words = EventWords(language)
        self.geo_words = geo_words or GeoWords(language)  # the story's place is read with the geo stage's words
        self.figures = figures
        self.resolver = resolver
        self.acled_rules = acled_rules
        self.incidents = incidents or IncidentReader.load(self.words, language)
        self.relation_finder = RelationFinder(self.words, load_relation_cues(language))
        self.accidents = AccidentReader(lexicon, self.words)
        self.reporting_verbs = frozenset(cue for cue, kind in lexicon.modality_cues.items() if kind == "reporting")
        self.aftermath = Aftermath(
            frozenset(lexicon.aftermath_cues.get("V", ())),
            frozenset(lexicon.aftermath_cues.get("N", ())),
            frozenset(lexicon.aftermath_cues.get("H", ())),
        )
        self.classifier = classifier
        self.policy = policy

    @classmethod
    def default(
        cls,
        resolver: SpanResolver | None = None,
        classifier: EventClassifier | None = None,
        policy: str = "combined",
        language: LanguageData | None = None,
        geo_words: GeoWords | None = None,
    ) -> "EventCoder":
        """The coder with the lexicons and the words of ``language`` (English when none is
        given) and the ACLED rules shipped in ``polemos/data/events``."""
        language = language or LanguageData.load()
        return cls(
            Lexicon.load(language),
            load_rules(),
            resolver,
            None,
            FigureExtractor(language=language),
            classifier,
            policy,
            language,
            geo_words,
        )

    def annotate(self, record: ExtractionRecord, doc: Doc) -> ExtractionRecord:
        context = self._new_context(record, doc)
        blocked = context.linker.blocked_tokens() | context.anchors.timex_tokens()  # "March" is a month
        candidates: list[Candidate] = []
        for sentence in doc.sents:
            refused: list[TriggerMatch] = []
            matches = self._sentence_triggers(sentence, context, blocked, refused)
            heads = frozenset(m.head.i for m in matches)
            attempts = [(match, self._code(match, sentence, context, heads - {match.head.i})) for match in matches]
            coded = [(match, c) for match, c in attempts if c is not None]
            cues = self.incidents.sentence_cues(sentence)
            self._type_acled([c for _, c in coded], context, cues)
            found = [candidate for _, (candidate, _) in coded]
            if self.classifier is not None:
                found = self._judge(sentence, coded, context, cues, lexicon_silent=not matches and not refused)
            self._keep_main_place(sentence, context)
            candidates.extend(found)
        told_in_the_headline = headline_incident(record, candidates, self.figures, self.words)
        if told_in_the_headline is not None:
            candidates.insert(0, told_in_the_headline)  # the headline comes before the text
        self._date_from_article(candidates, context.anchors)
        if told_in_the_headline is not None and told_in_the_headline.event.date is None:
            # a headline tells news of the day it was published, whatever the page's text holds
            told_in_the_headline.event.date = context.anchors.recent_publication_date()
        fill_story_place(candidates, record, context.anchors.paragraph_of, self.geo_words)
        headline = self.figures.headline(record.document.title) if self.figures and record.document.title else []
        context.anchors.share_incident_sizes([(c.event, c.background) for c in candidates], headline)
        events = merge_mentions(candidates, record.places)
        # read once the shooting's mentions are one event, so that its sentences decide together
        retype_accidents(events, self.accidents, doc, record.document.title or "")
        for number, event in enumerate(events, start=1):
            event.id = f"e{number}"
        record.events = events
        record.relations = enrich_agreements(
            self.relation_finder.find(record, doc, context.linker, context.anchors), events
        )
        return record

    def readings(self, record: ExtractionRecord, doc: Doc) -> Iterator[TriggerReading]:
        """How each trigger of a record reads before the rejection rules decide on it (a trigger
        without roles has none): what a rule is tested against, and what tells why a trigger
        was or was not coded. Each reading's ``context`` is the sentence's while it is read."""
        context = self._new_context(record, doc)
        blocked = context.linker.blocked_tokens() | context.anchors.timex_tokens()
        for sentence in doc.sents:
            matches = self._sentence_triggers(sentence, context, blocked, [])
            heads = frozenset(m.head.i for m in matches)
            for match in matches:
                roles = find_roles(match, self.words)
                if roles is not None:
                    yield self._anchor(match, roles, sentence, context, heads - {match.head.i})

    def _new_context(self, record: ExtractionRecord, doc: Doc) -> _Context:
        return _Context(
            record,
            doc,
            Linker(record, doc, self.words, self.resolver),
            Anchors(record, doc, self.words, self.aftermath),
            {},
            {a.id: a for a in record.actors},
            self.words,
            written_containers=written_holders(record.places, record.text, self.geo_words),
        )

    def _sentence_triggers(
        self, sentence: Span, context: _Context, blocked: set[int], refused: list[TriggerMatch]
    ) -> list[TriggerMatch]:
        """The sentence's triggers (those the lexicon refused go to ``refused``), with the
        context set for the sentence."""
        listed = provision_tokens(sentence, self.words)  # an agreement's provisions are not events of their own
        context.appeal = _public_appeal(sentence, self.words)  # "Anyone with information is asked to call ..."
        context.sentence_contexts = None
        return find_triggers(sentence, self.lexicon, self.words, blocked | listed, refused)

    @property
    def _model(self) -> EventClassifier:
        """The learned model, for the steps that run only when there is one."""
        if self.classifier is None:
            raise RuntimeError("this step needs the event classifier, and none is loaded")
        return self.classifier

    @staticmethod
    def _date_from_article(candidates: list[Candidate], anchors: Anchors) -> None:
        """Dates read across sentences: a month narrowed to the incident's day, earlier incidents
        recalled in a report of a recent one, and the lede's date carried to the incident's
        undated sentences."""
        anchors.refine_dates(candidates)
        for candidate in anchors.recalled_incidents(candidates):
            candidate.background = True
            candidate.event.confidence = BACKGROUND_CONFIDENCE
            candidate.event.acled = None  # ACLED codes what the article reports, not what it recalls
        anchors.carry_dates(candidates)

    @staticmethod
    def _keep_main_place(sentence: Span, context: _Context) -> None:
        """Later sentences of the paragraph fall back to where this sentence's main event happens
        ("gathered in Yerevan"), not to a place named inside a complement ("resign over ... the
        crisis in Karabakh")."""
        if context.sentence_places:
            paragraph = context.anchors.paragraph_of(sentence.start_char)
            context.paragraph_places[paragraph] = min(context.sentence_places)[1]
        context.sentence_places = []

    def _type_acled(self, coded: list[tuple[Candidate, Participants]], context: _Context, cues: frozenset[str]) -> None:
        """ACLED categories of a sentence's mentions, read together: one incident, many verbs."""
        mentions = [(c.event.type, c.event.mode, p) for c, p in coded]
        incidents = sentence_incidents(cues, mentions)
        for (candidate, _), incident in zip(coded, incidents):
            # ACLED codes what the article reports, not what it recalls, and no accidents
            if not candidate.background and ACCIDENTAL not in candidate.event.context:
                candidate.event.acled = acled_type(
                    candidate.event, context.actors_by_id, self.acled_rules, incident, words=self.words
                )

    def _judge(
        self,
        sentence: Span,
        coded: list[tuple[TriggerMatch, tuple[Candidate, Participants]]],
        context: _Context,
        cues: frozenset[str],
        lexicon_silent: bool = True,
    ) -> list[Candidate]:
        """The sentence's events once the model has read it (see the module docstring).
        ``lexicon_silent``: no trigger matched, so an event the model reads there is one the
        lexicon missed; a trigger the rules rejected on purpose ("a self-inflicted gunshot
        wound") is not brought back."""
        codes = self._model.acled_codes
        found = [candidate for _, (candidate, _) in coded]
        hints = [RuleHint(c.event.type, c.event.mode, code_of(c.event.acled, codes), c.event.modality) for c in found]
        judgement = self._model.judge(sentence, hints, cues, event_words=self.words)
        limits = self._model.thresholds
        if self.policy == "model":
            recovered = self._recover(sentence, judgement, context) if judgement.event >= 0.5 else None
            return [recovered] if recovered is not None else []
        if not found:
            confident = (
                lexicon_silent
                and not context.appeal
                and judgement.event >= limits["recover_above"]
                and judgement.plover_p >= limits["type_above"]
            )
            recovered = self._recover(sentence, judgement, context) if confident else None
            return [recovered] if recovered is not None else []
        if judgement.event < limits["veto_below"]:
            # An opinion, a negation, an idiom or a heading that only looks like an event. The model
            # reads the sentence: it does not judge a particular event the sentence names by date
            # ("since the 1994 ceasefire"), nor one the rules already mark as not having happened,
            # nor an accident the rules recognised (its words, "accidentally shot", are no opinion).
            return [
                c
                for c in found
                if c.named or c.background or c.event.modality != "asserted" or ACCIDENTAL in c.event.context
            ]
        main = self._model_event(coded, judgement, limits, context.appeal)
        # The model learned political violence: its doubt about an accident the rules recognised says
        # only that nobody meant harm, which the accident's context records, so the rules' confidence stays.
        judged = [c for c in found if not c.background and ACCIDENTAL not in c.event.context]
        for candidate in judged:  # the sentence's other mentions: as sure as the sentence and the rules together
            candidate.event.confidence = round(judgement.event * candidate.event.confidence, 3)
        for candidate in _read_alike(judged, main, judgement, codes):
            # the model's ACLED reading of the sentence names this mention's category: the sentence's
            # event as much as the main clause's ("seized a district ..., while a bomb killed five")
            candidate.event.confidence = round(judgement.event, 3)
            candidate.sentence_main = True
        if main is not None:
            main.sentence_main = True
            if main in judged:
                main.event.confidence = round(judgement.event, 3)
            needed = limits["acled_over_rules_above"] if main.event.acled else limits["acled_above"]
            allowed = judgement.acled_p >= needed and self._keeps_demonstration(main, judgement)
            if allowed and self._set_acled(main, judgement):
                main.event.coder = "both" if main.event.coder == "rules" else main.event.coder
        return found

    def _keeps_demonstration(self, candidate: Candidate, judgement: Judgement) -> bool:
        """A demonstration the rules typed stays a demonstration: in ACLED's codebook what happens
        at a protest (arrests, force, clashes with police) is a sub-type of Protests or Riots, so
        the model may choose among those, not move the event to another event type."""
        rules = (candidate.event.acled or {}).get("event_type")
        if rules not in DEMONSTRATION_TYPES:
            return True
        return (self._model.acled_names(judgement.acled) or {}).get("event_type") in DEMONSTRATION_TYPES

    def _model_event(
        self,
        coded: list[tuple[TriggerMatch, tuple[Candidate, Participants]]],
        judgement: Judgement,
        limits: dict[str, float],
        appeal: bool = False,
    ) -> Candidate | None:
        """The sentence's candidate the model speaks of: the main clause's, unless the model is
        confident the main event is another candidate's type; retyped when the model is confident
        of a type no candidate has. In a public appeal ("they are urged to contact Crime Stoppers")
        the request the model reads is the appeal, no request between parties, so it retypes nothing."""
        reported = sorted(
            (
                ((c.event.modality != "asserted", _depth(m.head), -c.event.confidence), c)
                for m, (c, _) in coded
                if not c.background
            ),
            key=lambda x: x[0],
        )  # asserted, highest, surest first
        if not reported:
            return None
        main = reported[0][1]
        confident = judgement.plover_p >= limits["type_above"]
        agreeing = [c for _, c in reported if c.event.type == judgement.plover]
        if main in agreeing or (agreeing and confident):
            chosen = main if main in agreeing else agreeing[0]
            chosen.event.coder = "both"
            return chosen
        recalled = any(c.background and c.event.type == judgement.plover for _, (c, _) in coded)
        trigger = next(m for m, (c, _) in coded if c is main)
        # a recalled "after the offensive" explains the type the model reads; a criminal charge stays ACCUSE
        # "fled after the shelling", "protested over the killing": the model reads the named cause's type
        # "went to visit him shortly before he died": a death told beside another act is no attack by that act
        death_only = judgement.plover == "ASSAULT" and any(_tells_a_death(t, self.words) for t in trigger.head.sent)
        # "accused of killing a boy, now indicted on eight charges": the charge is the sentence's act,
        # so the model's reading of the procedure (COERCE) does not retype the killing it names
        charged = any(_legal_accusation(m.entry) for m, _ in coded)
        appealed = appeal and judgement.plover in APPEAL_TYPES
        retype = confident and not recalled and not death_only and not charged and not appealed
        if retype and not _names_cause(trigger.head, self.words):
            main.event.type, main.event.mode, main.event.coder = judgement.plover, None, "model"
        return main

    def _set_acled(self, candidate: Candidate, judgement: Judgement) -> bool:
        """The model's ACLED sub-type for a reported, asserted event; False when it does not apply."""
        if candidate.background or candidate.event.modality != "asserted" or ACCIDENTAL in candidate.event.context:
            return False  # ACLED codes political violence that happened, not an accident
        candidate.event.acled = self._model.acled_names(judgement.acled)
        return True

    def _recover(self, sentence: Span, judgement: Judgement, context: _Context) -> Candidate | None:
        """An event the lexicon missed: the model's type on the sentence's main verb, with roles,
        date, place and size read as for a trigger there."""
        root = sentence.root
        if root.is_punct or root.is_space:
            return None
        entry = TriggerEntry(
            (lemma_of(root),),
            "V" if root.pos_ in VERB_TAGS else "N",
            judgement.plover,
            None,
            None,
            "agent",
            "event classifier",
        )
        match = TriggerMatch(root, entry, [root], modifies_incident_noun(root, self.words))
        coded = self._code(match, sentence, context, frozenset())
        candidate = coded[0] if coded is not None else self._bare_candidate(sentence, judgement.plover, context)
        if judgement.plover == "ASSAULT":
            # The lexicon names no act here, so the violence the model reads is mostly an attack's
            # aftermath ("was rushed to a hospital", "police identified the victim"): the mention
            # joins the attack told just before it. "She died of her wounds" reports a death, no
            # attack at all: with no attack near it is left out, not made one (see merge_mentions).
            candidate.joins_nearby = True
            candidate.reference_only = _reports_deaths_only(root, self.words)
        candidate.event.coder = "model"
        candidate.sentence_main = True
        candidate.event.confidence = round(judgement.event, 3)
        candidate.event.acled = None
        if self.policy == "model" or judgement.acled_p >= self._model.thresholds["acled_above"]:
            self._set_acled(candidate, judgement)
        return candidate

    def _bare_candidate(self, sentence: Span, event_type: str, context: _Context) -> Candidate:
        """An event with what the sentence alone gives: its date, place and figures."""
        paragraph = context.anchors.paragraph_of(sentence.start_char)
        bounds = (sentence.start_char, sentence.end_char)
        date = self._fallback_date(
            sentence, sentence.root, context, paragraph, {sentence.root.i}, nominal=False, background=False
        )
        place = context.paragraph_places.get(paragraph)
        event = Event(
            id="",
            type=event_type,
            date=date,
            place=place,
            size=context.anchors.sizes(event_type, bounds, {t.i for t in sentence}),
            evidence=[evidence_for(context.record.text, *bounds)],
        )
        # without a place in its paragraph, it happened where the story is set, as a coded one does
        return Candidate(event, paragraph, place_rank=PLACE_OF_PARAGRAPH if place is not None else PLACE_OF_STORY)

    def _sentence_contexts(self, sentence: Span, context: _Context) -> list[str]:
        if context.sentence_contexts is None:
            context.sentence_contexts = sentence_contexts(sentence, self.lexicon)
        return context.sentence_contexts

    def _code(
        self, match: TriggerMatch, sentence: Span, context: _Context, barriers: frozenset[int]
    ) -> tuple[Candidate, Participants] | None:
        """The trigger's event mention, or None when a rejection rule finds it reports no event:
        the trigger's own rules first (before its parties are linked), then those of the
        anchored reading. ``barriers``: the other triggers of the sentence."""
        roles = find_roles(match, self.words)
        if roles is None or any(rejects(match, context) for rejects in TRIGGER_REJECTIONS):
            return None
        reading = self._anchor(match, roles, sentence, context, barriers)
        if any(rejects(reading) for rejects in READING_REJECTIONS):
            return None
        return self._construct(reading, sentence)

    def _anchor(
        self, match: TriggerMatch, roles: Roles, sentence: Span, context: _Context, barriers: frozenset[int]
    ) -> TriggerReading:
        """Read the trigger in its clause: link its parties, read its modality, and find the parse
        nodes its dates hang from and the dates its clause and its own words give."""
        clause = roles.clause or match.head
        paragraph = context.anchors.paragraph_of(sentence.start_char)
        actors = self._link_actors(roles, context, paragraph)
        direct = [r for r in context.linker.actors_for(roles.recipients) if r not in actors]
        recipients = direct or [r for r in context.linker.actors_for(roles.fallback_recipients) if r not in actors]
        modality = read_modality(
            clause if match.entry.frame == "obligation" else match.head,
            clause if not match.nominal or roles.support else match.head,
            self.lexicon,
            self.words,
        )
        nodes = _anchor_nodes(match, roles, clause, barriers, self.words)
        own_words = (
            {match.head.i} if _names_other_thing(match, self.words) else {match.head.i, _phrase_noun(match.head).i}
        )
        # the event's own words: a date held by an aftermath word before them is not the event's
        own = own_words | {t.i for t in match.tokens} | ({roles.support.i} if roles.support is not None else set())
        clause_date = context.anchors.clause_date(nodes, barriers, own) or context.anchors.clause_date(
            nodes | _simultaneous_clauses(clause, self.words), barriers, own
        )  # "detained X as he tried to cross on May 2"
        own_date = context.anchors.clause_date(own_words, barriers | {clause.i})  # "his shooting death Friday"
        if not match.nominal and clause.dep_ == "relcl":  # "a 2012 shooting that killed two": the noun's date
            own_date = context.anchors.clause_date({clause.head.i}, barriers | {clause.i}) or own_date
            clause_date = clause_date or own_date
        return TriggerReading(
            match,
            roles,
            context,
            clause,
            paragraph,
            actors,
            recipients,
            bool(direct),
            modality,
            nodes,
            own,
            barriers,
            clause_date,
            own_date,
        )

    def _construct(self, reading: TriggerReading, sentence: Span) -> tuple[Candidate, Participants]:
        """The event mention of a trigger no rule rejected, with its type, parties, date, place
        and size, and the participants ACLED typing reads."""
        match, roles, context, clause = reading.match, reading.roles, reading.context, reading.clause
        actors, recipients, nodes, paragraph = reading.actors, reading.recipients, reading.nodes, reading.paragraph
        own_date, background = reading.own_date, reading.background
        entry = _peacekeeping_as_aid(match.entry, clause, self.words)
        event_type, modality = recode(reverse(entry.type, roles.support, self.words), reading.modality)
        place_nodes = _place_nodes(match, roles, nodes)
        place, place_rank = self._place(
            match, roles, place_nodes, sentence, context, paragraph, own_only=place_nodes is not nodes
        )
        mode = (
            "third-party"
            if roles.hosted
            else find_mode(event_type, entry, clause, match.head, self.lexicon, self.words)
        )
        speaker = reading.modality.speaker
        event = Event(
            id="",
            type=event_type,
            mode=mode,
            context=find_contexts(entry, self._sentence_contexts(sentence, context), _actors_of(actors, context)),
            actor=actors,
            # the place an act is aimed at is its place; a scene's place may stand for its people
            recipient=context.linker.not_located_places(recipients) if reading.direct else recipients,
            # an event noun's own words date it ("charged Thursday for the killing on Oct. 9")
            date=own_date
            if reading.recalled or (match.nominal and own_date)
            else (
                reading.clause_date
                or self._fallback_date(
                    sentence, clause, context, paragraph, nodes, match.nominal, background, reading.own
                )
            ),
            place=place,
            size=context.anchors.sizes(event_type, (sentence.start_char, sentence.end_char), nodes),
            modality=modality,
            attributed_to=context.linker.actor_for(speaker) if speaker is not None else None,
            evidence=[evidence_for(context.record.text, sentence.start_char, sentence.end_char)],
            confidence=BACKGROUND_CONFIDENCE
            if background
            else _confidence(match, actors, recipients, reading.clause_date),
            trigger=_trigger_text(match, roles),
        )
        if actors:
            context.recent_actor = (paragraph, actors[0])
        parties = self.incidents.participants(
            roles.actors or roles.fallback_actors,
            roles.recipients + roles.fallback_recipients,
            match.tokens + ([roles.support] if roles.support is not None else []),
            context.linker,
            context.actors_by_id,
        )
        reference_only, named = reading.unanchored, match.nominal and own_date is not None
        if (
            reading.tally
        ):  # it names the story's incident again, dated by the period counted ("of 2016"), not its own day
            event.date, reference_only, named = None, True, False
        return Candidate(event, paragraph, reference_only, background, place_rank, named), parties

    def _link_actors(self, roles: Roles, context: _Context, paragraph: int) -> list[str]:
        linker = context.linker
        recent = context.recent_actor
        tokens = roles.actors if linker.actors_for(roles.actors) or not roles.fallback_actors else roles.fallback_actors
        actors: list[str] = []
        for token in tokens:
            found = linker.actor_for(token)
            if found is None and token.pos_ == "PRON":
                found = _speaker_antecedent(token, linker, self.words)  # "Syria says it will withdraw": Syria
            if (
                found is None
                and token.lower_ in self.words.referring_pronouns
                and recent
                and paragraph - recent[0] <= 1
            ):
                found = recent[1]  # "It signed ...": the last named actor of this or the previous paragraph
            if found is not None and found not in actors:
                actors.append(found)
        return actors

    def _place(
        self,
        match: TriggerMatch,
        roles: Roles,
        nodes: set[int],
        sentence: Span,
        context: _Context,
        paragraph: int,
        own_only: bool = False,
    ) -> tuple[int | None, int]:
        """The event's place and how closely it is tied to it (``PLACE_*``, lower is closer);
        ``own_only``: a mention inside another clause takes no place from its paragraph."""
        linker, places = context.linker, context.record.places
        own_names = {t.i for a in roles.actors + roles.fallback_actors for t, _ in phrase_tokens(a)}
        in_sentence = [
            (i, linker.doc[i])
            for i, _ in linker.place_roots.items()
            if sentence.start <= i < sentence.end and i not in own_names
        ]
        hits = [
            (abs(token.i - match.head.i), linker.place_roots[i])
            for i, token in in_sentence
            if attached(token, nodes)
            and located(places[linker.place_roots[i]])
            and not _describes_a_thing(token, places[linker.place_roots[i]], self.geo_words)
        ]
        rank = PLACE_ATTACHED
        if not hits:
            hits = [
                (0, p) for p in (linker.place_for(t) for t in roles.recipients) if p is not None and located(places[p])
            ]
            rank = PLACE_OF_RECIPIENT
        if hits:
            place = most_specific(min(hits)[1], [p for _, p in hits], places, context.written_containers)
            context.paragraph_places[paragraph] = place
            if rank == PLACE_ATTACHED:
                context.sentence_places.append((_depth(roles.clause or match.head), place))
            return place, rank
        if own_only:
            return None, PLACE_NONE
        found = context.paragraph_places.get(paragraph)
        return found, PLACE_OF_PARAGRAPH if found is not None else PLACE_OF_STORY

    def _fallback_date(
        self,
        sentence: Span,
        clause,
        context: _Context,
        paragraph: int,
        nodes: set[int],
        nominal: bool,
        background: bool,
        own: set[int] | None = None,
    ) -> dict | None:
        """The sentence's date (not for an event recalled to situate another: "after the attack on
        Ukraine"), else the paragraph's; a present-tense clause (not an event noun inside it:
        "police are investigating a shooting") reports the current state, dated by publication.
        What stays undated is dated from the article by ``Anchors.carry_dates``."""
        anchors = context.anchors
        if _time_relative(clause, self.words):
            return None  # "died on Sunday after she was shot": the shooting came before that Sunday
        found = (
            None
            if background
            else anchors.sentence_date((sentence.start_char, sentence.end_char), nodes, self.reporting_verbs, own)
        )
        found = found or anchors.paragraph_date(sentence.start_char, paragraph)
        if found is None and _present(clause) and not nominal and _ongoing(clause):
            found = anchors.publication_date()
        return found


def _actors_of(ids: list[str], context: _Context) -> list:
    """The actors of ``ids``, looked up by id; one the resolver added while events were being
    coded is not in ``actors_by_id`` yet, so the record's list is read then."""
    found = [context.actors_by_id[i] for i in ids if i in context.actors_by_id]
    return found if len(found) == len(ids) else [a for a in context.record.actors if a.id in ids]


def _anchor_nodes(
    match: TriggerMatch, roles: Roles, clause: Token, barriers: frozenset[int], words: EventWords
) -> set[int]:
    """The parse nodes an event's date, place and size may hang from: its trigger, clause and
    support verb, and the clause above it when both tell one happening."""
    nodes = {match.head.i, clause.i} | {t.i for t in match.tokens}
    if roles.support is not None:
        nodes.add(roles.support.i)
    if any(c.dep_ == "advmod" and c.lower_ in words.simultaneous_adverbs for c in clause.children):
        nodes.add(clause.head.i)  # "..., in September 2022, when Azerbaijan invaded ..."
    if clause.dep_ in {"oprd", "xcomp"} and lemma_of(clause.head) in words.finding_verbs:
        nodes.add(clause.head.i)  # "five people were found shot": the victims are the finding's
    if _participle_clause(clause) and clause.head.i in barriers:
        nodes.add(clause.head.i)  # "gathered in Yerevan on Wednesday, demanding ...": one event unfolding
    return nodes


def _read_alike(
    judged: list[Candidate], main: Candidate | None, judgement: Judgement, codes: dict[str, dict[str, str]]
) -> list[Candidate]:
    """The sentence's asserted mentions, besides its main one, whose ACLED sub-type from the rules is
    the one the model reads for the whole sentence: two readings agree on what the sentence reports."""
    if judgement.acled == NO_ACLED:
        return []
    return [
        c
        for c in judged
        if c is not main and c.event.modality == "asserted" and code_of(c.event.acled, codes) == judgement.acled
    ]


def _public_appeal(sentence: Span, words: EventWords) -> bool:
    """ "Anyone with information is asked to call ...", "police are asking for the public's help":
    the police's standing appeal for tips, which is no request between parties."""
    lowered = {t.lower_ for t in sentence}
    lemmas = {lemma_of(t) for t in sentence}
    asks = lemmas & (words.contact_verbs | words.asking_verbs)
    return bool(lowered & words.appeal_addressees) and bool(lemmas & words.appeal_objects) and bool(asks)


def _demanded(match: TriggerMatch, words: EventWords) -> bool:
    """ "demanded the resignation of", "called for the arrest of", "sought deployment of the army":
    an act that is only asked for is the object of a demand, which is coded on its own."""
    noun = _phrase_noun(match.head)
    while noun.dep_ == "conj" and noun.head is not noun:
        noun = noun.head  # "demanded punishment ... and compensation"
    governor = noun.head
    if noun.dep_ == "dobj" and lemma_of(governor) in words.demanding_words:
        return True
    if any(c.dep_ == "amod" and c.tag_ == "VBG" and lemma_of(c) in words.demanding_words for c in noun.children):
        return True  # "another seeking deployment of army", parsed with the participle as an adjective
    return (
        noun.dep_ == "pobj"
        and governor.lower_ in words.purpose_preps
        and lemma_of(governor.head) in words.demanding_words
    )


def _names_cause(head, words: EventWords) -> bool:
    """The event's verb (or the verb an event noun hangs from) names what caused it or what it is
    about, an event of its own ("fled after the shelling", "protested over the killing of ...").
    A date after the same word ("after Monday") is no cause."""
    verbs = [head] + ([head.head] if head.dep_ in {"dobj", "nsubj", "nsubjpass", "attr"} else [])
    for verb in verbs:
        for child in verb.children:
            if child.dep_ == "advcl" and any(
                m.dep_ == "mark" and m.lower_ in words.cause_words for m in child.children
            ):
                return True  # "fled because they were shelled"
            if child.lower_ not in words.cause_words:
                continue
            objects = [g for g in child.subtree if g.dep_ in {"pobj", "pcomp", "dobj"} and g.pos_ in CAUSE_POS]
            if any(g.ent_type_ not in {"DATE", "TIME"} for g in objects):
                return True
    return False


def _legal_accusation(entry: TriggerEntry) -> bool:
    """A criminal charge or indictment (PLOVER 3.9 ACCUSE), a conviction or a sentence (PLOVER 3.13
    SANCTION): the court's step keeps its type, whatever else the sentence tells. So does an
    allegation ("an agent alleged that he bought five guns while under an order"): the model reads
    the type of the act alleged, which the allegation reports but does not assert."""
    return (entry.type in {"ACCUSE", "SANCTION"} and entry.context == "legal") or (
        entry.type == "ACCUSE" and entry.mode == "allege"
    )


def _simultaneous_clauses(clause, words: EventWords) -> set[int]:
    """Verbs of "as"/"when"/"while" clauses under ``clause`` and the verbs they complete
    ("as he tried to cross"): they happen at the time of the main event."""
    found: set[int] = set()
    for sub in (c for c in clause.children if c.dep_ == "advcl"):
        if any(m.dep_ in {"mark", "advmod"} and m.lower_ in words.simultaneous_markers for m in sub.children):
            found |= {t.i for t in _complement_chain(sub)}
    return found


def _participle_clause(clause) -> bool:
    """An unmarked "-ing" clause ("..., demanding that ...", "..., killing five") describes the
    main clause's event as it unfolds."""
    return (
        clause.dep_ == "advcl"
        and clause.tag_ == "VBG"
        and not any(c.dep_ in {"mark", "advmod"} and c.tag_ in {"IN", "WRB"} for c in clause.children)
    )


def _complement_chain(verb) -> list:
    chain = [verb]
    while True:
        nxt = next((c for c in chain[-1].children if c.dep_ == "xcomp"), None)
        if nxt is None or len(chain) > 3:
            return chain
        chain.append(nxt)


def _describes_a_thing(token, place, words: GeoWords) -> bool:
    """A state or country written before a person or a vehicle's plate as where they come
    from, not where the event happened: "a Colorado woman shot her son", "a car with an
    Illinois license plate" (``words.origin_words``; "a Texas home" is still a place)."""
    if place.precision not in ("admin1", "country") or token.dep_ not in ("compound", "amod", "nmod"):
        return False
    return token.head.i > token.i and token.head.lower_ in words.origin_words


def _depth(token) -> int:
    """Steps from ``token`` up to its sentence's root: the main clause is 0."""
    depth = 0
    while token.head is not token and depth < 20:
        token = token.head
        depth += 1
    return depth


def _place_nodes(match: TriggerMatch, roles: Roles, nodes: set[int]) -> set[int]:
    """An event noun inside another clause's phrase ("shifted in Azerbaijan's favour since the war")
    takes its place only from its own words ("the 2020 war in Karabakh"), not from that clause."""
    if match.nominal and roles.support is None and match.head.dep_ == "pobj":
        return {t.i for t in match.tokens}
    return nodes


def _background(match: TriggerMatch, own_date, words: EventWords) -> bool:
    """A known event named to situate or compare something else: "after the attack on Ukraine",
    "just like how the United States' war on terror ...". Undated by its own words, it is the
    article's background, not one of its reported events."""
    if not match.nominal or own_date is not None:
        return False
    head = match.head if _names_other_thing(match, words) else _phrase_noun(match.head)  # "after the shooting death of"
    owned = any(c.dep_ == "det" and c.lower_ in words.definite_determiners for c in head.children) or any(
        c.dep_ == "poss" for c in head.children
    )
    if head.dep_ == "pobj" and head.head.lower_ in words.background_prepositions and owned:
        return True
    return any(a.lower_ in words.comparison_words and a.dep_ in {"prep", "mark"} for a in head.ancestors)


def _tally(match: TriggerMatch, words: EventWords) -> bool:
    """ "the city's 7th homicide of 2016", "the third shooting in the county this year": an event
    noun counted by its rank within a period is a running tally of the place's incidents: it names
    the story's incident again to situate it, and reports no incident of its own."""
    if not match.nominal:
        return False
    noun = _phrase_noun(match.head)
    if not any(c.ent_type_ == "ORDINAL" and c.dep_ in {"amod", "nummod"} for c in noun.children):
        return False
    # the period qualifies the noun ("of 2016") or the clause that ranks it ("is ... this year")
    beside = [c for c in noun.head.children if c is not noun and c.dep_ in {"npadvmod", "advmod", "prep"}]
    tokens = list(noun.subtree) + [t for c in beside for t in c.subtree]
    return any(_names_a_period(t, words) for t in tokens)


def _names_a_period(token, words: EventWords) -> bool:
    """ "2016", "this year", "since January", "so far this month": a span of time incidents are counted in."""
    if token.ent_type_ != "DATE":
        return False
    return (
        token.lower_ in words.tally_periods
        or (token.like_num and len(token.text) == 4)
        or (token.head.lower_ in words.since_prepositions and token.dep_ == "pobj")
    )


def _speaker_antecedent(pronoun, linker: Linker, words: EventWords) -> str | None:
    """The named subject of the clause that reports the pronoun's clause: in "Hungary has said it
    will support ..." and "The rebels said they would release ...", "it" and "they" are the speaker."""
    if pronoun.lower_ not in words.antecedent_pronouns:
        return None
    current = pronoun.head
    for _ in range(4):
        if current.dep_ not in {"ccomp", "xcomp", "conj", "advcl"} or current.head is current:
            return None
        current = current.head
        subjects = [c for c in current.children if c.dep_ == "nsubj" and c.pos_ != "PRON"]
        if subjects:
            return linker.actor_for(subjects[0])
    return None


def _peacekeeping_as_aid(entry: TriggerEntry, clause, words: EventWords) -> TriggerEntry:
    """Deploying peacekeepers provides protection: AID, not MOBILIZE (CAMEO2PLOVER 074)."""
    if entry.type == "MOBILIZE" and any(lemma_of(t) in words.peacekeeping_words for t in clause.subtree):
        return dataclasses.replace(entry, type="AID", mode=None, context="peacekeeping")
    return entry


def _commentary(clause, words: EventWords) -> bool:
    """A present-tense clause about "it"/"this": the writer's analysis, not a reported act."""
    subjects = [c for c in clause.children if c.dep_ in {"nsubj", "nsubjpass"}]
    return clause.tag_ in {"VBZ", "VBP"} and any(s.lower_ in words.analysis_subjects for s in subjects)


def _realised(match: TriggerMatch, words: EventWords) -> bool:
    """ "A car bomb exploded", "a grenade attack wounded five": an event noun that is the subject
    of a past-tense verb reports one particular happening, indefinite article or not."""
    head = match.head
    verb = head.head
    if head.dep_ not in {"nsubj", "nsubjpass"} or lemma_of(verb) not in words.outcome_verbs:
        return False
    return _past(verb)


def _past(verb) -> bool:
    """A past-tense, not negated verb: "exploded", "was hit", not "did not explode"."""
    past = verb.tag_ == "VBD" or any(c.dep_ in {"aux", "auxpass"} and c.tag_ == "VBD" for c in verb.children)
    return past and not any(c.dep_ == "neg" for c in verb.children)


def _particular(match: TriggerMatch, own_date, clause, barriers: frozenset[int], context: _Context) -> bool:
    """ "a deadly shooting in the Pine Hill Apartments", "a shooting on Friday", "the shooting death
    of an 11-year-old", "the shooting that occurred Saturday": an event noun with its own place,
    date, victims or outcome is one particular happening, indefinite article or not; a bare
    "a shooting" may be any."""
    if _names_other_thing(match, context.words) or _self_inflicted(match, context.words):
        return False
    noun = _phrase_noun(match.head)
    if (
        noun.dep_ == "dobj"
        and lemma_of(noun.head) in context.words.suffering_verbs
        and _past(noun.head)
        and any(c.dep_ == "nsubj" for c in noun.head.children)
    ):
        return True  # "the boy suffered a gunshot wound": someone's wound, one happening
    if (
        noun.dep_ == "pobj"
        and noun.head.lower_ in context.words.cause_of_death_prepositions
        and _tells_a_death(noun.head.head, context.words)
    ):
        return True  # "he died from a gunshot wound", "succumbed to a stabbing": someone's death
    if noun.tag_ == "NNS" and not any(c.dep_ in {"det", "poss", "nummod"} for c in noun.children):
        return False  # "deadly shootings in schools": a kind of event
    own = {match.head.i, noun.i}
    if own_date is not None or context.anchors.clause_date({noun.i}, barriers | {clause.i}) is not None:
        return True
    if any(
        lemma_of(c) in context.words.outcome_modifiers
        for w in (match.head, noun)
        for c in w.children
        if c.dep_ in {"amod", "compound"}
    ):
        return True
    if any(c.dep_ == "relcl" and _past(c) for c in noun.children):
        return True  # "a shooting that left two dead", "the shooting that occurred Saturday"
    if context.anchors.counts_victims(own):
        return True  # "the shooting deaths of four men"
    if (
        noun.dep_ == "pobj"
        and noun.head.lower_ in context.words.within_prepositions
        and context.anchors.counts_victims({noun.head.head.i})
    ):
        return True  # "three people were found dead in a murder-suicide": the clause counts its victims
    return any(
        t.i in context.linker.place_tokens
        for prep in noun.children
        if prep.dep_ == "prep" and prep.lower_ in context.words.place_prepositions
        for t in prep.subtree
    )


def _headline_count(verb) -> bool:
    """A headline's "2 Killed", "One Dead, Four Wounded": a capitalised participle hanging from a
    bare number (or from a headline word that a number counts) counts victims."""
    if not (verb.is_title and verb.tag_ == "VBN" and verb.dep_ == "acl") or any(c.dep_ == "neg" for c in verb.children):
        return False
    head = verb.head
    return head.tag_ == "CD" or (head.is_title and any(c.tag_ == "CD" and c.i < verb.i for c in head.children))


def _reports_deaths_only(root, words: EventWords) -> bool:
    """A sentence the lexicon found no act in, whose main verb says that someone died or that
    victims or bodies were found: "was pronounced dead", "died on the scene", "two were found
    dead", "the deaths were a double suicide", also as what someone says ("White died Thursday,
    police said") or after a hospital ("was taken to a hospital and pronounced dead")."""
    if lemma_of(root) in words.reporting_lemmas:
        return any(_reports_a_death(c, words) for c in root.children if c.dep_ == "ccomp")
    return _reports_a_death(root, words) or any(_reports_a_death(c, words) for c in root.children if c.dep_ == "conj")


def _reports_a_death(root, words: EventWords) -> bool:
    lemma = lemma_of(root)
    if lemma in words.death_report_verbs:
        return lemma in words.dying_verbs or _names_the_dead(root, words)
    if lemma in words.passing_verbs:
        return any(c.dep_ in {"prt", "advmod"} and c.lower_ in words.away_particles for c in root.children)
    return lemma in words.copulas and any(
        c.dep_ in {"attr", "acomp"} and _names_the_dead(c, words, own=True) for c in root.children
    )


def _names_the_dead(word, words: EventWords, own: bool = False) -> bool:
    """The dead, a death, victims or bodies among the words a verb governs ("found two victims",
    "pronounced dead", "found dead"), or the word itself (``own``)."""
    tokens = (
        list(word.subtree)
        if own
        else [t for c in word.children if c.dep_ not in {"nsubj", "nsubjpass"} for t in c.subtree]
    )
    return any(lemma_of(t) in words.death_report_nouns or t.lower_ in words.death_report_nouns for t in tokens)


def _tells_a_death(word, words: EventWords) -> bool:
    """ "died", "succumbed", "dead", "were dead": a word or clause that says someone died."""
    return lemma_of(word) in words.death_words or any(
        c.dep_ == "acomp" and lemma_of(c) in words.death_words for c in word.children
    )


def _self_inflicted(match: TriggerMatch, words: EventWords) -> bool:
    """ "a self-inflicted gunshot wound" is a suicide, not an assault."""
    modifiers = {t.lower_ for c in match.head.children if c.dep_ in {"amod", "compound", "npadvmod"} for t in c.subtree}
    return (
        bool(modifiers & words.self_inflicted_words)
        or bool(words.self_inflicted_parts)
        and words.self_inflicted_parts <= modifiers
    )


def _phrase_noun(head):
    """The noun an event word modifies: "death" in "the shooting death", "suicide" in
    "murder-suicide", "range" in "a shooting range"; else the event word itself."""
    if head.dep_ in {"compound", "amod", "nmod"} and head.head.pos_ in {"NOUN", "PROPN"} and head.head.i > head.i:
        return head.head
    return head


def _names_other_thing(match: TriggerMatch, words: EventWords) -> bool:
    """ "a shooting range", "the murder weapon": the event word only classifies another thing."""
    noun = _phrase_noun(match.head)
    return noun is not match.head and lemma_of(noun) not in words.incident_nouns


def _pronouns_only(tokens, words: EventWords) -> bool:
    """Only pronouns that refer back to someone ("they"), not those standing for an unknown
    party ("someone opened fire")."""
    return all(t.pos_ == "PRON" and t.lower_ not in words.unknown_party_pronouns for t in tokens)


def _time_relative(clause, words: EventWords) -> bool:
    """A clause set before or after another time ("after she was shot", "before police arrived")."""
    return any(c.dep_ == "mark" and c.lower_ in words.time_relative_markers for c in clause.children)


def _ongoing(clause) -> bool:
    """A present progressive ("gangs have been fighting for territory"): going on as the article
    is published. A present perfect or a headline's present ("gunman shoots teen") reports an act."""
    return clause.tag_ == "VBG" and any(c.dep_ == "aux" and c.tag_ in {"VBZ", "VBP"} for c in clause.children)


def _present(clause) -> bool:
    """Present or present perfect: reporting of the current state, dated by publication."""
    if clause.tag_ in {"VBZ", "VBP"}:
        return True
    return any(c.dep_ in {"aux", "auxpass"} and c.tag_ in {"VBZ", "VBP"} for c in clause.children)


def _indefinite(match: TriggerMatch, words: EventWords) -> bool:
    return any(c.dep_ == "det" and c.lower_ in words.any_determiners for c in match.head.children) or (
        match.head.tag_ == "NNS" and not any(c.dep_ in {"det", "poss"} for c in match.head.children)
    )


def _definite(match: TriggerMatch, words: EventWords) -> bool:
    return any(c.dep_ == "det" and c.lower_ in words.definite_determiners for c in match.head.children)


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
