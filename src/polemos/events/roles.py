"""Who did it and to whom: actor and recipient tokens from the dependency parse.

Roles come from grammatical relations, never from word order: subjects and by-agents
act, objects and prepositional complements ("invasion of", "siege on") receive, possessors
own nominal events ("Azerbaijan's invasion"), and coordinated phrases ("Russia, Armenia,
and Azerbaijan") expand into every conjunct. Clauses without a subject inherit it from
the verb that governs them ("agreeing to transfer", "by imposing a siege").
"""

from __future__ import annotations

from dataclasses import dataclass, field

from spacy.tokens import Token

from polemos.events.triggers import LIGHT_VERBS, VERB_TAGS, TriggerMatch, lemma_of

RECIPIENT_PREPS = {"against", "on", "upon", "at", "into", "toward", "towards", "to", "over"}
NOMINAL_RECIPIENT_PREPS = RECIPIENT_PREPS | {"of"}
PARTNER_PREPS = {"with", "between", "among", "amongst"}
CAUSATIVE_VERBS = {"force", "compel", "drive", "cause", "push", "make", "prompt", "lead"}
OBJECT_CONTROL = CAUSATIVE_VERBS | {"ask", "urge", "order", "persuade", "allow", "tell", "call", "invite", "help"}
RELATIVE_PRONOUNS = {"who", "which", "that", "whom"}
HOSTING_VERBS = {"host", "mediate", "broker", "sponsor", "organize", "organise", "launch", "convene", "chair"}
# Nouns that count a nominal event between it and its light verb: "a round of talks".
COUNTING_NOUNS = {"round", "series", "spate", "wave", "string", "volley", "flurry"}
PARTICIPATION_NOUNS = {"participation", "presence", "mediation", "involvement", "help", "support"}
MAX_CLIMB = 5
SPEAKER_PRONOUNS = {"i", "we"}
# Generic heads that carry a compound event noun: "mediation effort", "peace talks", "air campaign".
CARRIER_NOUNS = {"effort", "mission", "talk", "process", "operation", "campaign", "plan", "initiative",
                 "force", "deal", "round", "conference", "agreement", "attempt", "team"}
PLACE_LABELS = {"GPE", "LOC", "FAC"}
CAUSE_PREPS = {"after", "from", "amid", "during", "because", "since"}
# Verbs whose object is what the subject escapes ("fleeing the militia"), not whom it acts on.
ESCAPE_VERBS = {"flee", "escape"}
# Participles that lay an act at someone's door: "a bombing blamed on X", "an attack attributed to X".
ATTRIBUTION_VERBS = {"blame": {"on"}, "attribute": {"to"}, "claim": {"by"}}
# Participles whose by-agent used the thing they describe: "a grenade thrown by militants exploded".
INSTRUMENT_VERBS = {"plant", "throw", "fire", "launch", "detonate", "drop", "hurl", "lay", "place", "set", "use",
                    "fly", "carry", "shoot"}
# Subordinators of a clause that tells how a death or wound came about: "were killed when police opened fire".
MANNER_MARKS = {"when", "as"}
# Acts whose doer, named in such a clause, is the one who killed or wounded.
VIOLENT_ACTS = {"open", "fire", "attack", "shoot", "shell", "bomb", "raid", "ambush", "storm", "strike", "throw",
                "plant", "detonate", "hurl"}
# Heads that count people rather than name them: "hundreds of people", "tens of thousands of students".
QUANTITY_HEADS = {"hundred", "hundreds", "thousand", "thousands", "dozen", "dozens", "score", "scores", "tens",
                  "million", "millions", "number", "group", "groups", "crowd", "crowds", "handful"}


@dataclass
class Roles:
    actors: list[Token] = field(default_factory=list)
    recipients: list[Token] = field(default_factory=list)
    fallback_actors: list[Token] = field(default_factory=list)  # used when ``actors`` link to no one
    fallback_recipients: list[Token] = field(default_factory=list)  # used when ``recipients`` link to no one
    clause: Token | None = None  # the verb whose clause gives modality, time and place
    support: Token | None = None  # light verb of a nominal trigger
    hosted: bool = False  # talks hosted by a third party (the host acts, the parties receive)


def find_roles(match: TriggerMatch) -> Roles | None:
    """Roles of the trigger's event, or None when the pattern does not apply (a bare "must")."""
    if match.entry.frame == "obligation":
        roles = _obligation_roles(match)
        if roles is None:
            return None
    elif match.nominal:
        roles = _nominal_roles(match)
    else:
        roles = _verbal_roles(match)
    roles.actors = _expand(roles.actors)
    roles.fallback_actors = _expand(roles.fallback_actors)
    roles.fallback_recipients = _expand(roles.fallback_recipients)
    roles.recipients = [t for t in _expand(roles.recipients) if t not in roles.actors]
    return roles


def _verbal_roles(match: TriggerMatch) -> Roles:
    verb = match.head
    frame = match.entry.frame
    subjects = [agent for subject in subject_of(verb) for agent in (_instrument_agents(subject) or [subject])]
    agents = _by_agents(verb)
    objects = [c for c in verb.children if c.dep_ in {"dobj", "dative", "nsubjpass"} and c not in match.tokens]
    preps = _prep_objects(verb, RECIPIENT_PREPS)
    partners = _prep_objects(verb, PARTNER_PREPS)
    passive = any(c.dep_ in {"nsubjpass", "auxpass"} for c in verb.children) or (
        verb.tag_ == "VBN" and verb.dep_ == "acl")
    if passive and verb.dep_ == "acl":
        objects.append(verb.head)
    if passive:
        if not any(c.dep_ == "nsubjpass" for c in verb.children) and verb.dep_ != "acl":
            objects += subjects  # "Karabakh is to be dissolved": the inherited subject undergoes it
        subjects = []
    roles = Roles(clause=verb)
    escaped = lemma_of(verb) in ESCAPE_VERBS
    if frame == "patient" and not escaped and any(
            c.dep_ == "dobj" and c.ent_type_ not in PLACE_LABELS for c in verb.children):
        frame = "agent"  # "troops displaced villagers": the subject acts after all ("fled Karabakh" does not)
    if frame == "mutual":
        roles.actors = subjects + agents + objects + partners
    elif frame == "self":
        roles.actors = subjects + agents or objects
        roles.recipients = preps + _prep_objects(verb, {"from"})
    elif frame == "patient":
        roles.recipients = [t for t in (subjects or objects) if t.ent_type_ not in PLACE_LABELS]
        roles.actors = agents or _causer(verb) or _cause_owners(verb) or (_escaped_from(verb) if escaped else []) \
            or _manner_doers(verb)
    else:
        roles.actors = subjects + agents or (_manner_doers(verb) if passive else [])
        roles.recipients = objects + preps
        roles.fallback_recipients = _indirect_recipients(verb, objects) + _scene_of(verb, match.tokens)
    return roles


def _indirect_recipients(verb: Token, objects: list[Token]) -> list[Token]:
    """Whom a speech act or promise concerns when no object names them: the owner of the
    object ("rejected a U.S. request", "dismissed an appeal from X"), the subject of a
    demanded clause ("demanded that the US cancel ..."), or the recipient of the promised
    act ("offered to hand over to Great Britain", "refusing to lift the curfew on Palestinians")."""
    found: list[Token] = []
    for obj in objects:
        found += [c for c in obj.children if c.dep_ in {"poss", "compound", "amod"}]
        found += _prep_objects(obj, {"by", "from", "of"})
    for clause in (c for c in verb.children if c.dep_ in {"ccomp", "xcomp"}):
        found += [c for c in clause.children if c.dep_ in {"nsubj", "nsubjpass"}]
        found += [c for c in clause.children if c.dep_ in {"dative", "dobj"}]  # "refused to meet Jordan's king"
        found += _prep_objects(clause, RECIPIENT_PREPS | {"for", "with", "from"})
        for obj in (c for c in clause.children if c.dep_ == "dobj"):
            found += _prep_objects(obj, {"on", "against", "for", "to", "with"})  # "break relations with Russia"
        found += _scene_of(clause, [])
    return found


def _scene_of(head: Token, pattern: list[Token]) -> list[Token]:
    """Where an act is directed when no one is named: "a curfew in Abidjan", "deploy peacekeepers
    in Iraq", "lifted a curfew in Montenegro" concern the place's people and government."""
    holders = [head] + [t for t in pattern if t is not head] + [c for c in head.children if c.dep_ == "dobj"]
    return [t for h in holders for t in _prep_objects(h, {"in", "inside", "within"}) if t.ent_type_ in PLACE_LABELS]


def _nominal_roles(match: TriggerMatch) -> Roles:
    noun = match.head
    if noun.dep_ == "compound" and lemma_of(noun.head) in CARRIER_NOUNS:
        noun = noun.head  # "a mediation effort between ...", "peace talks with ...": the phrase's head carries the roles
    frame = match.entry.frame
    owners = [c for c in noun.children if c.dep_ in {"poss", "compound", "amod", "nmod"} and c not in match.tokens]
    agents = _prep_objects(noun, {"by"}) + _acl_agents(noun)
    holders = [noun] + [c for c in noun.children if c.dep_ == "appos"]
    targets = [t for h in holders for t in _prep_objects(h, NOMINAL_RECIPIENT_PREPS)]
    partners = [t for h in holders for t in _prep_objects(h, PARTNER_PREPS)] + _participants(noun)
    if noun.dep_ == "nsubj" and frame == "mutual" and not partners:
        partners = _prep_objects(noun.head, {"between", "among", "amongst"})  # "fighting broke out between A and B"
    support = support_verb(noun)
    roles = Roles(clause=support or governing_verb(noun), support=support)
    carriers = subject_of(support) if support is not None else []
    if frame == "mutual":
        if support is not None and carriers and partners and lemma_of(support) in HOSTING_VERBS:
            roles.actors, roles.recipients = carriers, partners  # a third party hosts the talks
            roles.hosted = True
            return roles
        roles.actors = owners + agents + partners + targets + carriers
    elif frame == "self":
        of_objects = _prep_objects(noun, {"of"})
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
        roles.fallback_recipients = _scene_of(noun, []) + (_scene_of(support, []) if support is not None else [])
    return roles


def support_verb(noun: Token) -> Token | None:
    """The light verb carrying a nominal trigger ("launched an invasion", "signed ..., and an
    agreement"), also through a noun that counts it ("held a final round of talks", "launched a
    series of raids")."""
    head = noun.head
    if noun.dep_ == "pobj" and head.lower_ == "of" and head.head.lemma_.lower() in COUNTING_NOUNS:
        return support_verb(head.head)
    if noun.dep_ in {"dobj", "nsubjpass", "attr"} and lemma_of(head) in LIGHT_VERBS:
        if any(c.dep_ in {"oprd", "ccomp", "xcomp"} for c in head.children):
            return None  # "made their return a distant prospect": a judgement, not an act
        return head
    if noun.dep_ == "conj" and head.pos_ in VERB_TAGS and lemma_of(head) in LIGHT_VERBS:
        return head  # a mis-parse that coordinates a second object with the verb
    return None


def _obligation_roles(match: TriggerMatch) -> Roles | None:
    """"Russia said Sudan must return the helicopter": Russia requests, Sudan is asked."""
    modal = match.head
    demanded = modal.head
    speaker_verb = demanded.head
    if demanded.dep_ != "ccomp" or speaker_verb.pos_ not in VERB_TAGS:
        return None
    subjects = [c for c in demanded.children if c.dep_ in {"nsubj", "nsubjpass"}]
    if any(s.lower_ in SPEAKER_PRONOUNS for s in subjects):
        return None  # "we should all be outraged", "I must say": the speaker's view, no act asked of anyone
    if any(c.dep_ == "aux" and lemma_of(c) == "have" for c in demanded.children):
        return None  # "he should have visited the areas": criticism of the past, nothing asked
    return Roles(actors=subject_of(speaker_verb) + _by_agents(speaker_verb), recipients=subjects,
                 clause=speaker_verb, support=speaker_verb)


def subject_of(verb: Token | None) -> list[Token]:
    """The subject of a verb, climbing to the governing clause when it has none."""
    current = verb
    for _ in range(MAX_CLIMB):
        if current is None:
            return []
        subjects = [c for c in current.children if c.dep_ in {"nsubj", "csubj"}]
        if subjects:
            if current.dep_ == "relcl" and lemma_of(subjects[0]) in RELATIVE_PRONOUNS:
                return [current.head]
            return subjects
        if current.dep_ == "relcl" or (current.dep_ == "acl" and current.tag_ == "VBG"):
            return [current.head]
        if current.dep_ == "xcomp":
            governor = current.head
            objects = [c for c in governor.children if c.dep_ in {"dobj", "dative"}]
            if objects and lemma_of(governor) in OBJECT_CONTROL:
                return objects
            current = governor
        elif current.dep_ in {"advcl", "conj", "ccomp", "acomp"}:
            current = current.head
        elif current.dep_ == "pcomp" and current.head.dep_ == "prep":
            governor = current.head.head
            objects = [c for c in governor.children if c.dep_ == "dobj"]
            if objects and current.head.lower_ in {"of", "for"}:
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


def _causer(verb: Token) -> list[Token]:
    """"X forced people to flee": the causer of a patient event is the causative's subject."""
    governor = verb.head
    if verb.dep_ in {"xcomp", "ccomp"} and lemma_of(governor) in CAUSATIVE_VERBS:
        return subject_of(governor) + _by_agents(governor)
    return []


def _cause_owners(verb: Token) -> list[Token]:
    """"fled after the Azerbaijani offensive": whoever owns the cause drove them out."""
    causes = _prep_objects(verb, CAUSE_PREPS) + _dated_causes(verb) + [
        g for c in verb.children if c.lower_ in {"following", "amid"} for g in c.children if g.dep_ in {"pobj", "dobj"}]
    return [c for cause in causes for c in cause.children if c.dep_ in {"poss", "amod", "compound"}] + [
        a for cause in causes for a in _prep_objects(cause, {"by"})]


def _dated_causes(verb: Token) -> list[Token]:
    """"since Azerbaijan's offensive two weeks ago" is parsed as "since [... weeks] ago": the
    cause is the measure phrase under the preposition's clausal complement."""
    return [m for c in verb.children if c.dep_ == "prep" and c.lower_ in CAUSE_PREPS
            for p in c.children if p.dep_ == "pcomp" for m in p.children if m.dep_ in {"npadvmod", "pobj"}]


def _escaped_from(verb: Token) -> list[Token]:
    """"villagers fled the militia": what people flee, when it is not a place, drove them out."""
    return [c for c in verb.children if c.dep_ == "dobj" and c.ent_type_ not in PLACE_LABELS]


def _by_agents(verb: Token) -> list[Token]:
    return [g for c in verb.children if c.dep_ == "agent" for g in c.children if g.dep_ == "pobj"]


def _acl_agents(noun: Token) -> list[Token]:
    """Who did what a participle says of the noun: "a grenade thrown by militants", "a bombing
    blamed on Boko Haram", "an attack attributed to the ELN"."""
    found = []
    for clause in (c for c in noun.children if c.dep_ == "acl"):
        found += _by_agents(clause) + _prep_objects(clause, ATTRIBUTION_VERBS.get(lemma_of(clause), set()))
    return found


def _instrument_agents(noun: Token) -> list[Token]:
    """ "a grenade thrown by militants", "a bomb blamed on X": who used the thing that acted;
    "protesters led by X" keeps its protesters."""
    return [a for clause in noun.children if clause.dep_ == "acl"
            and (lemma_of(clause) in INSTRUMENT_VERBS or lemma_of(clause) in ATTRIBUTION_VERBS)
            for a in _by_agents(clause) + _prep_objects(clause, ATTRIBUTION_VERBS.get(lemma_of(clause), set()))]


def _manner_doers(verb: Token) -> list[Token]:
    """ "were killed when police opened fire", "were wounded when a bomb planted by militants
    exploded", "when a device was thrown at them by attackers": the doer of the clause that
    tells how it happened."""
    found: list[Token] = []
    # "were killed and one wounded when ...": coordinated verbs share the clause
    clauses = [c for v in [verb, *verb.conjuncts] for c in v.children if c.dep_ == "advcl"]
    # "were killed in Esmeraldas when a device was thrown ...": the parser often hangs the
    # clause on the place as a relative clause; a "when" clause there still tells how
    clauses += [c for v in [verb, *verb.conjuncts] for place in _prep_objects(v, {"in", "at", "near"})
                for holder in [place, *(a for a in place.children if a.dep_ == "appos")]
                for c in holder.children if c.dep_ == "relcl"]
    for clause in clauses:
        if not any(m.dep_ == "advmod" and m.lower_ in MANNER_MARKS or m.dep_ == "mark" and m.lower_ in MANNER_MARKS
                   for m in clause.children):
            continue
        subjects = [c for c in clause.children if c.dep_ == "nsubj"]
        doers = _by_agents(clause) + [a for subject in subjects for a in _instrument_agents(subject)]
        if not doers and lemma_of(clause) in VIOLENT_ACTS:
            doers = subjects
        found += doers
    return found


def _participants(noun: Token) -> list[Token]:
    """"an agreement signed with the participation of Russia": the participants act."""
    found = []
    holders = [noun] + [c for c in noun.children if c.dep_ == "acl"]
    if noun.dep_ in {"pobj", "conj"}:
        holders.append(governing_verb(noun))
    for holder in holders:
        for pobj in _prep_objects(holder, {"with"}):
            if lemma_of(pobj) in PARTICIPATION_NOUNS:
                found.extend(_prep_objects(pobj, {"of"}))
    return found


def counted(token: Token) -> Token:
    """ "[Tens] of thousands of people" -> "people": what a quantity head counts."""
    for _ in range(MAX_CLIMB):
        if token.lower_ not in QUANTITY_HEADS and token.pos_ != "NUM":
            return token
        counted_nouns = _prep_objects(token, {"of"})
        if not counted_nouns:
            return token
        token = counted_nouns[0]
    return token


def _prep_objects(head: Token, prepositions: set[str]) -> list[Token]:
    found: list[Token] = []
    for child in head.children:
        if child.dep_ in {"prep", "agent"} and child.lower_ in prepositions:
            found.extend(g for g in child.children if g.dep_ == "pobj")
    return found


def _expand(tokens: list[Token]) -> list[Token]:
    """Add every coordinated conjunct ("Russia, Armenia, and Azerbaijan"); a count of people
    stands for the people it counts ("hundreds of students" are the students)."""
    expanded: list[Token] = []
    for token in tokens:
        token = counted(token)
        for member in [token, *token.conjuncts]:
            if member not in expanded:
                expanded.append(member)
    return expanded
