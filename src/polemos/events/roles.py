"""Who did it and to whom: actor and recipient tokens from the dependency parse.

Roles come from grammatical relations, never from word order: subjects and by-agents
act, objects and prepositional complements ("invasion of", "siege on") receive, possessors
own nominal events ("Azerbaijan's invasion"), and coordinated phrases ("Russia, Armenia,
and Azerbaijan") expand into every conjunct. Clauses without a subject inherit it from
the verb that governs them ("agreeing to transfer", "by imposing a siege").
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import AbstractSet

from spacy.tokens import Token

from polemos.events.triggers import VERB_TAGS, TriggerMatch, lemma_of
from polemos.events.words import EventWords

MAX_CLIMB = 5
PLACE_LABELS = {"GPE", "LOC", "FAC"}


@dataclass
class Roles:
    actors: list[Token] = field(default_factory=list)
    recipients: list[Token] = field(default_factory=list)
    fallback_actors: list[Token] = field(default_factory=list)  # used when ``actors`` link to no one
    fallback_recipients: list[Token] = field(default_factory=list)  # used when ``recipients`` link to no one
    clause: Token | None = None  # the verb whose clause gives modality, time and place
    support: Token | None = None  # light verb of a nominal trigger
    hosted: bool = False  # talks hosted by a third party (the host acts, the parties receive)


def find_roles(match: TriggerMatch, words: EventWords) -> Roles | None:
    """Roles of the trigger's event, or None when the pattern does not apply (a bare "must")."""
    if match.entry.frame == "obligation":
        roles = _obligation_roles(match, words)
        if roles is None:
            return None
    elif match.nominal:
        roles = _nominal_roles(match, words)
    else:
        roles = _verbal_roles(match, words)
    roles.actors = _expand(roles.actors, words)
    roles.fallback_actors = _expand(roles.fallback_actors, words)
    roles.fallback_recipients = _expand(roles.fallback_recipients, words)
    roles.recipients = [t for t in _expand(roles.recipients, words) if t not in roles.actors]
    return roles


def _verbal_roles(match: TriggerMatch, words: EventWords) -> Roles:
    verb = match.head
    frame = match.entry.frame
    subjects = [
        agent for subject in subject_of(verb, words) for agent in (_instrument_agents(subject, words) or [subject])
    ]
    agents = _by_agents(verb)
    objects = [c for c in verb.children if c.dep_ in {"dobj", "dative", "nsubjpass"} and c not in match.tokens]
    preps = _prep_objects(verb, words.recipient_preps)
    partners = _prep_objects(verb, words.partner_preps)
    passive = any(c.dep_ in {"nsubjpass", "auxpass"} for c in verb.children) or (
        verb.tag_ == "VBN" and verb.dep_ == "acl"
    )
    if passive and verb.dep_ == "acl":
        objects.append(verb.head)
    if passive:
        if not any(c.dep_ == "nsubjpass" for c in verb.children) and verb.dep_ != "acl":
            objects += subjects  # "Karabakh is to be dissolved": the inherited subject undergoes it
        subjects = []
    roles = Roles(clause=verb)
    escaped = lemma_of(verb) in words.escape_verbs
    if (
        frame == "patient"
        and not escaped
        and any(c.dep_ == "dobj" and c.ent_type_ not in PLACE_LABELS for c in verb.children)
    ):
        frame = "agent"  # "troops displaced villagers": the subject acts after all ("fled Karabakh" does not)
    if frame == "mutual":
        roles.actors = subjects + agents + objects + partners
    elif frame == "self":
        roles.actors = subjects + agents or objects
        roles.recipients = preps + _prep_objects(verb, words.self_recipient_preps)
    elif frame == "patient":
        roles.recipients = [t for t in (subjects or objects) if t.ent_type_ not in PLACE_LABELS]
        roles.actors = (
            agents
            or _causer(verb, words)
            or _cause_owners(verb, words)
            or (_escaped_from(verb) if escaped else [])
            or _manner_doers(verb, words)
        )
    else:
        roles.actors = subjects + agents or (_manner_doers(verb, words) if passive else [])
        roles.recipients = objects + preps
        roles.fallback_recipients = _indirect_recipients(verb, objects, words) + _scene_of(verb, match.tokens, words)
    return roles


def _indirect_recipients(verb: Token, objects: list[Token], words: EventWords) -> list[Token]:
    """Whom a speech act or promise concerns when no object names them: the owner of the
    object ("rejected a U.S. request", "dismissed an appeal from X"), the subject of a
    demanded clause ("demanded that the US cancel ..."), or the recipient of the promised
    act ("offered to hand over to Great Britain", "refusing to lift the curfew on Palestinians")."""
    found: list[Token] = []
    for obj in objects:
        found += [c for c in obj.children if c.dep_ in {"poss", "compound", "amod"}]
        found += _prep_objects(obj, words.request_owner_preps)
    for clause in (c for c in verb.children if c.dep_ in {"ccomp", "xcomp"}):
        found += [c for c in clause.children if c.dep_ in {"nsubj", "nsubjpass"}]
        found += [c for c in clause.children if c.dep_ in {"dative", "dobj"}]  # "refused to meet Jordan's king"
        found += _prep_objects(clause, words.demanded_recipient_preps)
        for obj in (c for c in clause.children if c.dep_ == "dobj"):
            found += _prep_objects(obj, words.demanded_object_preps)  # "break relations with Russia"
        found += _scene_of(clause, [], words)
    return found


def _scene_of(head: Token, pattern: list[Token], words: EventWords) -> list[Token]:
    """Where an act is directed when no one is named: "a curfew in Abidjan", "deploy peacekeepers
    in Iraq", "lifted a curfew in Montenegro" concern the place's people and government."""
    holders = [head] + [t for t in pattern if t is not head] + [c for c in head.children if c.dep_ == "dobj"]
    return [t for h in holders for t in _prep_objects(h, words.scene_preps) if t.ent_type_ in PLACE_LABELS]


def _nominal_roles(match: TriggerMatch, words: EventWords) -> Roles:
    noun = match.head
    if noun.dep_ == "compound" and lemma_of(noun.head) in words.carrier_nouns:
        noun = (
            noun.head
        )  # "a mediation effort between ...", "peace talks with ...": the phrase's head carries the roles
    frame = match.entry.frame
    owners = [c for c in noun.children if c.dep_ in {"poss", "compound", "amod", "nmod"} and c not in match.tokens]
    agents = _prep_objects(noun, words.agent_preps) + _acl_agents(noun, words)
    holders = [noun] + [c for c in noun.children if c.dep_ == "appos"]
    targets = [t for h in holders for t in _prep_objects(h, words.nominal_recipient_preps)]
    partners = [t for h in holders for t in _prep_objects(h, words.partner_preps)] + _participants(noun, words)
    if noun.dep_ == "nsubj" and frame == "mutual" and not partners:
        partners = _prep_objects(noun.head, words.between_preps)  # "fighting broke out between A and B"
    support = support_verb(noun, words)
    roles = Roles(clause=support or governing_verb(noun), support=support)
    carriers = subject_of(support, words) if support is not None else []
    if frame == "mutual":
        if support is not None and carriers and partners and lemma_of(support) in words.hosting_verbs:
            roles.actors, roles.recipients = carriers, partners  # a third party hosts the talks
            roles.hosted = True
            return roles
        roles.actors = owners + agents + partners + targets + carriers
    elif frame == "self":
        of_objects = _prep_objects(noun, words.of_preps)
        roles.actors = owners + agents + of_objects
        roles.fallback_actors = carriers
        roles.recipients = [t for t in targets if t not in of_objects]
    elif frame == "patient":
        roles.recipients = targets or owners
        roles.actors = agents or ([o for o in owners if o.dep_ == "poss"] if targets else [])
        roles.fallback_actors = carriers
    else:
        roles.actors = owners + agents
        roles.fallback_actors = carriers
        roles.recipients = targets + partners
        roles.fallback_recipients = _scene_of(noun, [], words) + (
            _scene_of(support, [], words) if support is not None else []
        )
    return roles


def support_verb(noun: Token, words: EventWords) -> Token | None:
    """The light verb carrying a nominal trigger ("launched an invasion", "signed ..., and an
    agreement"), also through a noun that counts it ("held a final round of talks", "launched a
    series of raids")."""
    head = noun.head
    if noun.dep_ == "pobj" and head.lower_ in words.of_preps and head.head.lemma_.lower() in words.counting_nouns:
        return support_verb(head.head, words)
    if noun.dep_ in {"dobj", "nsubjpass", "attr"} and lemma_of(head) in words.light_verbs:
        if any(c.dep_ in {"oprd", "ccomp", "xcomp"} for c in head.children):
            return None  # "made their return a distant prospect": a judgement, not an act
        return head
    if noun.dep_ == "conj" and head.pos_ in VERB_TAGS and lemma_of(head) in words.light_verbs:
        return head  # a mis-parse that coordinates a second object with the verb
    return None


def _obligation_roles(match: TriggerMatch, words: EventWords) -> Roles | None:
    """ "Russia said Sudan must return the helicopter": Russia requests, Sudan is asked."""
    modal = match.head
    demanded = modal.head
    speaker_verb = demanded.head
    if demanded.dep_ != "ccomp" or speaker_verb.pos_ not in VERB_TAGS:
        return None
    subjects = [c for c in demanded.children if c.dep_ in {"nsubj", "nsubjpass"}]
    if any(s.lower_ in words.speaker_pronouns for s in subjects):
        return None  # "we should all be outraged", "I must say": the speaker's view, no act asked of anyone
    if any(c.dep_ == "aux" and lemma_of(c) in words.perfect_auxiliaries for c in demanded.children):
        return None  # "he should have visited the areas": criticism of the past, nothing asked
    return Roles(
        actors=subject_of(speaker_verb, words) + _by_agents(speaker_verb),
        recipients=subjects,
        clause=speaker_verb,
        support=speaker_verb,
    )


def subject_of(verb: Token | None, words: EventWords) -> list[Token]:
    """The subject of a verb, climbing to the governing clause when it has none."""
    current = verb
    for _ in range(MAX_CLIMB):
        if current is None:
            return []
        subjects = [c for c in current.children if c.dep_ in {"nsubj", "csubj"}]
        if subjects:
            if current.dep_ == "relcl" and lemma_of(subjects[0]) in words.relative_pronouns:
                return [current.head]
            return subjects
        if current.dep_ == "relcl" or (current.dep_ == "acl" and current.tag_ == "VBG"):
            return [current.head]
        if current.dep_ == "xcomp":
            governor = current.head
            objects = [c for c in governor.children if c.dep_ in {"dobj", "dative"}]
            if objects and lemma_of(governor) in words.object_control_verbs:
                return objects
            current = governor
        elif current.dep_ in {"advcl", "conj", "ccomp", "acomp"}:
            current = current.head
        elif current.dep_ == "pcomp" and current.head.dep_ == "prep":
            governor = current.head.head
            objects = [c for c in governor.children if c.dep_ == "dobj"]
            if objects and current.head.lower_ in words.accusation_preps:
                return objects  # "accused Ukraine of attacking": Ukraine attacked
            current = governor
        else:
            return []
        if current.pos_ not in VERB_TAGS and current.pos_ != "ADJ":
            return []
    return []


def governing_verb(token: Token) -> Token:
    current = token
    for _ in range(MAX_CLIMB + 3):
        if current.pos_ in VERB_TAGS or current.head is current:
            return current
        current = current.head
    return current


def _causer(verb: Token, words: EventWords) -> list[Token]:
    """ "X forced people to flee": the causer of a patient event is the causative's subject."""
    governor = verb.head
    if verb.dep_ in {"xcomp", "ccomp"} and lemma_of(governor) in words.causative_verbs:
        return subject_of(governor, words) + _by_agents(governor)
    return []


def _cause_owners(verb: Token, words: EventWords) -> list[Token]:
    """ "fled after the Azerbaijani offensive": whoever owns the cause drove them out."""
    causes = (
        _prep_objects(verb, words.cause_preps)
        + _dated_causes(verb, words)
        + [
            g
            for c in verb.children
            if c.lower_ in words.following_words
            for g in c.children
            if g.dep_ in {"pobj", "dobj"}
        ]
    )
    return [c for cause in causes for c in cause.children if c.dep_ in {"poss", "amod", "compound"}] + [
        a for cause in causes for a in _prep_objects(cause, words.agent_preps)
    ]


def _dated_causes(verb: Token, words: EventWords) -> list[Token]:
    """ "since Azerbaijan's offensive two weeks ago" is parsed as "since [... weeks] ago": the
    cause is the measure phrase under the preposition's clausal complement."""
    return [
        m
        for c in verb.children
        if c.dep_ == "prep" and c.lower_ in words.cause_preps
        for p in c.children
        if p.dep_ == "pcomp"
        for m in p.children
        if m.dep_ in {"npadvmod", "pobj"}
    ]


def _escaped_from(verb: Token) -> list[Token]:
    """ "villagers fled the militia": what people flee, when it is not a place, drove them out."""
    return [c for c in verb.children if c.dep_ == "dobj" and c.ent_type_ not in PLACE_LABELS]


def _by_agents(verb: Token) -> list[Token]:
    return [g for c in verb.children if c.dep_ == "agent" for g in c.children if g.dep_ == "pobj"]


def _acl_agents(noun: Token, words: EventWords) -> list[Token]:
    """Who did what a participle says of the noun: "a grenade thrown by militants", "a bombing
    blamed on Boko Haram", "an attack attributed to the ELN"."""
    found = []
    for clause in (c for c in noun.children if c.dep_ == "acl"):
        found += _by_agents(clause) + _prep_objects(clause, words.attribution_verbs.get(lemma_of(clause), frozenset()))
    return found


def _instrument_agents(noun: Token, words: EventWords) -> list[Token]:
    """ "a grenade thrown by militants", "a bomb blamed on X": who used the thing that acted;
    "protesters led by X" keeps its protesters."""
    return [
        a
        for clause in noun.children
        if clause.dep_ == "acl"
        and (lemma_of(clause) in words.instrument_verbs or lemma_of(clause) in words.attribution_verbs)
        for a in _by_agents(clause) + _prep_objects(clause, words.attribution_verbs.get(lemma_of(clause), frozenset()))
    ]


def _manner_doers(verb: Token, words: EventWords) -> list[Token]:
    """ "were killed when police opened fire", "were wounded when a bomb planted by militants
    exploded", "when a device was thrown at them by attackers": the doer of the clause that
    tells how it happened."""
    found: list[Token] = []
    # "were killed and one wounded when ...": coordinated verbs share the clause
    clauses = [c for v in [verb, *verb.conjuncts] for c in v.children if c.dep_ == "advcl"]
    # "were killed in Esmeraldas when a device was thrown ...": the parser often hangs the
    # clause on the place as a relative clause; a "when" clause there still tells how
    clauses += [
        c
        for v in [verb, *verb.conjuncts]
        for place in _prep_objects(v, words.incident_place_preps)
        for holder in [place, *(a for a in place.children if a.dep_ == "appos")]
        for c in holder.children
        if c.dep_ == "relcl"
    ]
    for clause in clauses:
        if not any(m.dep_ in {"advmod", "mark"} and m.lower_ in words.manner_marks for m in clause.children):
            continue
        subjects = [c for c in clause.children if c.dep_ == "nsubj"]
        doers = _by_agents(clause) + [a for subject in subjects for a in _instrument_agents(subject, words)]
        if not doers and lemma_of(clause) in words.violent_acts:
            doers = subjects
        found += doers
    return found


def _participants(noun: Token, words: EventWords) -> list[Token]:
    """ "an agreement signed with the participation of Russia": the participants act."""
    found = []
    holders = [noun] + [c for c in noun.children if c.dep_ == "acl"]
    if noun.dep_ in {"pobj", "conj"}:
        holders.append(governing_verb(noun))
    for holder in holders:
        for pobj in _prep_objects(holder, words.participation_preps):
            if lemma_of(pobj) in words.participation_nouns:
                found.extend(_prep_objects(pobj, words.of_preps))
    return found


def counted(token: Token, words: EventWords) -> Token:
    """ "[Tens] of thousands of people" -> "people": what a quantity head counts."""
    for _ in range(MAX_CLIMB):
        if token.lower_ not in words.quantity_heads and token.pos_ != "NUM":
            return token
        counted_nouns = _prep_objects(token, words.of_preps)
        if not counted_nouns:
            return token
        token = counted_nouns[0]
    return token


def _prep_objects(head: Token, prepositions: AbstractSet[str]) -> list[Token]:
    found: list[Token] = []
    for child in head.children:
        if child.dep_ in {"prep", "agent"} and child.lower_ in prepositions:
            found.extend(g for g in child.children if g.dep_ == "pobj")
    return found


def _expand(tokens: list[Token], words: EventWords) -> list[Token]:
    """Add every coordinated conjunct ("Russia, Armenia, and Azerbaijan"); a count of people
    stands for the people it counts ("hundreds of students" are the students)."""
    expanded: list[Token] = []
    for token in tokens:
        token = counted(token, words)
        for member in [token, *token.conjuncts]:
            if member not in expanded:
                expanded.append(member)
    return expanded
