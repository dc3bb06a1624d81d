"""Whether an event happened, will happen, might happen or did not happen, and who says so.

The clause verb and the chain of verbs governing it (through infinitives, complement
clauses and participles) are read for auxiliaries ("will", "could"), negation ("did not",
"never"), governing verbs of intent or refusal ("plans to", "refused to"), conditional
markers ("if") and speech verbs ("X said that ..."), whose subject is the source the
event is attributed to.
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Token

from polemos.events.lexicon import Lexicon
from polemos.events.triggers import lemma_of
from polemos.events.words import EventWords

CHAIN_DEPS = {"xcomp", "ccomp", "advcl", "acomp", "conj", "pcomp", "prep", "relcl", "acl"}
PRESENT_TAGS = {"VBZ", "VBP"}


@dataclass
class ModalityReading:
    modality: str = "asserted"  # asserted | future | hypothetical | negated
    intent: bool = False  # announced or intended by someone ("plans to", "said it would")
    speaker: Token | None = None  # subject of the speech verb the clause depends on
    generic: bool = False  # a general statement ("a war ... can have no end")
    negation: str | None = None  # "local" ("did not", "never"), "failed" or "refused" (a refusal verb governs)


def read_modality(trigger: Token, clause: Token, lexicon: Lexicon, words: EventWords) -> ModalityReading:
    reading = ModalityReading()
    kinds: set[str] = set()
    if (
        _negated_locally(trigger, words)
        or _opposed(trigger, words)
        or _opposed(clause, words)
        or _shares_negation(clause, words)
    ):
        kinds.add("negated")
        reading.negation = "local"
    if (
        _subject_of_opinion(trigger, words)
        or _judged_measure(trigger, words)
        or _qualified(trigger, words.possible_adjectives)
    ):
        kinds.add("hypothetical")
    if _qualified(trigger, words.planned_adjectives):
        kinds.add("future")
    if _rewarded_outcome(trigger, words):
        kinds.add("hypothetical")
    named_as = _named_by_noun(trigger, words)
    if named_as:
        kinds.add(named_as)
    if _object_of_a_condition(trigger, clause, lexicon, words):
        kinds.add("hypothetical")
    if _lacks_means(clause, words):
        kinds.add("negated")
        reading.negation = reading.negation or "refused"
    if any(_futurate(verb, words) for verb in _governing_chain(clause, words)):
        kinds.add("future")  # "is holding a meeting on Sunday to discuss ...": the purpose too
    chain = _governing_chain(clause, words)
    past_speech = False
    for position, verb in enumerate(chain):
        kinds |= _auxiliary_kinds(verb, lexicon, words)
        kinds |= _marker_kinds(verb, lexicon)
        if position > 0 and _temporal_step(chain[position - 1], words):
            continue  # "after discussing ..., agreed to ...": the later verb's cues are not the earlier act's
        if position > 0 and _prevented(verb, chain[position - 1], words):
            kinds.add("negated")
            reading.negation = reading.negation or "refused"
        if position > 0:
            cue = lexicon.modality_cues.get(lemma_of(verb))
            via = chain[position - 1].dep_
            if cue == "negated" and (
                via in {"xcomp", "prep", "pcomp"} or (via == "ccomp" and lemma_of(verb) in words.denial_verbs)
            ):
                kinds.add("negated")
                reading.negation = reading.negation or (
                    "failed" if lemma_of(verb) in words.failure_verbs else "refused"
                )
            if position > 0 and _falsified(verb, chain[position - 1], words):
                kinds.add("negated")
                reading.negation = reading.negation or "refused"
            if cue == "intent" and via == "xcomp" and _negated_locally(verb, words) and not _goes_on(verb, words):
                kinds.add("negated")  # "was not going to accept", "has no plan to": no act is announced
                reading.negation = reading.negation or "refused"
            if cue == "intent" and via in {"xcomp", "ccomp", "prep", "pcomp"} and not _goes_on(verb, words):
                kinds.add("intent")
            if (
                cue == "directive"
                and (via in {"xcomp", "ccomp"} or _for_purpose(chain[position - 1], words))
                and not (via == "ccomp" and _asks_about_a_fact(chain[position - 1], words))
            ):
                kinds.add("hypothetical")  # "demanding that he resign": asked for, not done
            if cue == "reporting" and reading.speaker is None:
                reading.speaker = _subject(verb)
                past_speech = verb.tag_ in {"VBD", "VBN"}
                break
        elif _negated_locally(verb, words):
            kinds.add("negated")
            reading.negation = reading.negation or "local"
    reading.speaker = reading.speaker or _according_to(chain, words)
    if (
        _requested_by_noun(chain, words)
        or _purpose_of_request(chain, words)
        or _called_for_someone_to(clause, lexicon, words)
        or _recommended(clause, words)
        or _habitual(clause, words)
        or _left_to_someone(chain, words)
    ):
        kinds.add("hypothetical")
    if (
        any(_planned(verb, words) for verb in chain)
        or _planned_by_noun(chain, words)
        or _scheduled(trigger, chain, words)
    ):
        kinds.add("future")
    if _denied_report(trigger, words):
        kinds.add("negated")
        reading.negation = reading.negation or "refused"
    if "would" in kinds:
        kinds.discard("would")
        kinds.add("future" if past_speech or reading.speaker is not None else "hypothetical")
    reading.generic = any(_generic(verb, kinds, words) for verb in _own_clauses(chain))
    reading.intent = "intent" in kinds or ("future" in kinds and reading.speaker is not None)
    if "obligation" in kinds and "negated" in kinds:
        kinds.discard("negated")  # "the government should not allow it": a demand, not a refusal
        reading.negation = None
    for modality in ("negated", "hypothetical", "future"):
        if modality in kinds:
            reading.modality = modality
            break
    else:
        if "intent" in kinds:
            reading.modality = "future"
    return reading


def _object_of_a_condition(trigger: Token, clause: Token, lexicon: Lexicon, words: EventWords) -> bool:
    """ "if she satisfies the governor that she has the support of the BJP": an event noun read
    on its own (no verb carries it), held, got or given inside an "if" or "unless" clause, is a
    condition, not a report. An act the condition only names ("if the killings were condemned",
    "if the police learnt from the riots") is not: the condition is about something else."""
    if clause.i != trigger.i or trigger.pos_ not in {"NOUN", "PROPN"}:
        return False
    verb = trigger.head
    if trigger.dep_ != "dobj" or lemma_of(verb) not in words.condition_holding_verbs:
        return False
    return any(
        m.dep_ == "mark" and m.lower_ in words.condition_marks
        for v in _governing_chain(verb, words)
        for m in v.children
    )


def _goes_on(verb: Token, words: EventWords) -> bool:
    """ "went on to ask", "went about setting fire", "goes to show": "go" is an intent only as
    "is going to" (the progressive before an infinitive)."""
    return lemma_of(verb) in words.going_verbs and verb.tag_ != "VBG"


def _falsified(verb: Token, step: Token, words: EventWords) -> bool:
    """ "lied that he had held talks", "falsely claimed that troops were withdrawn": the
    speaker says what the clause reports did not happen."""
    if step.dep_ != "ccomp":
        return False
    return lemma_of(verb) in words.falsifying_verbs or any(
        c.dep_ == "advmod" and c.lower_ in words.false_adverbs for c in verb.children
    )


def _rewarded_outcome(noun: Token, words: EventWords) -> bool:
    """ "a reward for information leading to an arrest": the arrest is what is hoped for."""
    if noun.dep_ != "pobj" or noun.head.lower_ not in words.to_words:
        return False
    verb = noun.head.head
    return (
        lemma_of(verb) in words.leading_verbs
        and verb.dep_ in {"acl", "relcl"}
        and (
            verb.head.lower_ in words.sought_information_nouns or lemma_of(verb.head) in words.sought_information_nouns
        )
    )


def _temporal_step(step: Token, words: EventWords) -> bool:
    """The chain passes through "after", "before", "despite" ...: a time or a concession, so
    the governing verb's intent, refusal or request says nothing of this act."""
    return step.dep_ == "prep" and step.lower_ in words.temporal_prepositions


def _prevented(verb: Token, step: Token, words: EventWords) -> bool:
    """ "were prevented from meeting him", "barred from entering the town": kept from it."""
    return (
        lemma_of(verb) in words.prevention_verbs
        and step.dep_ == "prep"
        and step.lower_ in words.prevention_prepositions
    )


def _qualified(noun: Token, adjectives: frozenset[str]) -> bool:
    """ "a possible terrorist strike", "the proposed talks": the noun is qualified as not real yet."""
    return noun.pos_ in {"NOUN", "PROPN"} and any(
        c.dep_ in {"amod", "compound"} and c.lower_ in adjectives for c in noun.children
    )


def _lacks_means(clause: Token, words: EventWords) -> bool:
    """ "doesn't have the guts to meet people", "had no time to discuss it": the act needs what
    the subject lacks."""
    if clause.dep_ not in {"acl", "relcl"} or not any(
        c.dep_ == "aux" and c.lower_ in words.to_words for c in clause.children
    ):
        return False
    noun = clause.head
    if noun.lemma_.lower() not in words.means_nouns and noun.lower_ not in words.means_nouns:
        return False
    if any(c.dep_ in {"det", "neg"} and c.lower_ in words.negating_determiners for c in noun.children):
        return True
    return noun.dep_ in {"dobj", "attr"} and _negated_locally(noun.head, words)


def _judged_measure(token: Token, words: EventWords) -> bool:
    """ "a ban on these organisations was not enough", "an agreement is necessary": an
    indefinite event noun judged as a remedy, not a measure taken."""
    if token.dep_ != "nsubj" or token.pos_ not in {"NOUN", "PROPN"}:
        return False
    if not any(c.dep_ == "det" and c.lower_ in words.indefinite_determiners for c in token.children):
        return False
    verb = token.head
    return lemma_of(verb) in words.copulas and any(
        c.dep_ in {"acomp", "attr"} and c.lower_ in words.evaluative_adjectives for c in verb.children
    )


def _for_purpose(step: Token, words: EventWords) -> bool:
    """ "advocated for allowing the puja", "pressed for holding talks": argued for, not done."""
    return step.dep_ == "prep" and step.lower_ in words.purpose_preps


def _asks_about_a_fact(clause: Token, words: EventWords) -> bool:
    """ "asked him why he fired at the boy": a question about how or why something happened takes
    it as done ("asked whether he fired" does not, and "asked him to fire" is a request)."""
    return any(c.dep_ == "advmod" and c.lower_ in words.fact_question_words for c in clause.children)


def _requested_by_noun(chain: list[Token], words: EventWords) -> bool:
    """ "sought a direction to prevent ...", "a motion to discuss the issue", "their demands include
    that the district be handed over to the army": the act a request names is asked for, not
    reported as done."""
    return any(
        (
            verb.dep_ in {"acl", "relcl"}
            and lemma_of(verb.head) in words.request_nouns
            and any(c.lower_ in words.to_words for c in verb.children)
        )
        or _content_of_demand(verb, words)
        for verb in chain
    )


def _purpose_of_request(chain: list[Token], words: EventWords) -> bool:
    """ "had made a request to the court to allow a prayer", "filed a petition to stop the
    demolition": an infinitive the parse hangs on the verb that makes a request names what was
    asked for, not an act done."""
    return any(
        verb.dep_ == "advcl"
        and any(c.lower_ in words.to_words and c.dep_ == "aux" for c in verb.children)
        and any(o.dep_ == "dobj" and lemma_of(o) in words.request_nouns for o in verb.head.children)
        for verb in chain
    )


def _called_for_someone_to(verb: Token, lexicon: Lexicon, words: EventWords) -> bool:
    """ "called for a joint delegation to visit the areas": an infinitive on the party a demand
    asks for (or hung by the parse on the demanding verb beside its "for") names what is asked,
    not an act done."""
    if not any(c.lower_ in words.to_words and c.dep_ == "aux" for c in verb.children):
        return False
    if verb.dep_ in {"relcl", "acl"} and verb.head.dep_ == "pobj" and verb.head.head.lower_ in words.purpose_preps:
        governor = verb.head.head.head
    elif verb.dep_ == "advcl" and any(c.dep_ == "prep" and c.lower_ in words.purpose_preps for c in verb.head.children):
        governor = verb.head
    else:
        return False
    return lexicon.modality_cues.get(lemma_of(governor)) == "directive"


def _content_of_demand(verb: Token, words: EventWords) -> bool:
    """The clause a demand "includes" or "is": "the demands include that ...", "their demand is to ..."."""
    governor = verb.head
    return (
        verb.dep_ in {"ccomp", "xcomp"}
        and lemma_of(governor) in words.demand_content_verbs
        and any(
            c.dep_ == "nsubj" and lemma_of(c) in words.request_nouns and c.pos_ == "NOUN" for c in governor.children
        )
    )


def _named_by_noun(trigger: Token, words: EventWords) -> str | None:
    """ "plans for a rally", "plans to hold a strike" (future); "a demand for the army's
    deployment", "deployment of the army is one of their demands" (hypothetical): an act a plan or
    a demand names is not reported as done. Returns the modality, or None."""
    noun = trigger
    while noun.dep_ == "conj" and noun.head is not noun:
        noun = noun.head  # "plans for a rally and a march"
    governor = noun.head
    if noun.dep_ == "pobj" and governor.lower_ in words.purpose_preps:
        found = _plan_or_request(governor.head, words)
        if found:
            return found  # "plans for a rally", "the demand for deployment"
    if noun.dep_ in {"nsubj", "nsubjpass", "csubj"} and lemma_of(governor) in words.copulas:
        for attribute in (c for c in governor.children if c.dep_ in {"attr", "acomp"}):
            named = [attribute] + [
                g
                for p in attribute.children
                if p.dep_ == "prep" and p.lower_ in words.of_preps
                for g in p.children
                if g.dep_ == "pobj"
            ]  # "one of the demands"
            for word in named:
                found = _plan_or_request(word, words)
                if found:
                    return found
    return None


def _plan_or_request(word: Token, words: EventWords) -> str | None:
    lemma = lemma_of(word)
    if lemma in words.plan_nouns and word.pos_ == "NOUN":
        return "future"
    if lemma in words.request_nouns and word.pos_ == "NOUN":
        return "hypothetical"
    return None


def _left_to_someone(chain: list[Token], words: EventWords) -> bool:
    """ "it was up to the government to allow the march or arrest us": a choice left open."""
    for verb in chain[:-1]:
        governor = verb.head
        if (
            any(c.lower_ in words.to_words for c in verb.children)
            and lemma_of(governor) in words.copulas
            and any(c.lower_ in words.up_particles and c.dep_ in {"prep", "advmod", "prt"} for c in governor.children)
        ):
            return True
    return False


def _planned(verb: Token, words: EventWords) -> bool:
    """ "meetings were slated with the leadership to discuss ...", "talks are scheduled for
    Monday": a plan, not yet held ("the meeting, scheduled for Monday, was held" is read on
    "held")."""
    return (
        lemma_of(verb) in words.planned_verbs and verb.tag_ == "VBN" and any(c.dep_ == "auxpass" for c in verb.children)
    )


def _planned_by_noun(chain: list[Token], words: EventWords) -> bool:
    """ "announced plans to hold a strike": the act a plan names has not happened yet."""
    return any(
        verb.dep_ in {"acl", "relcl"}
        and lemma_of(verb.head) in words.plan_nouns
        and verb.head.pos_ == "NOUN"
        and any(c.lower_ in words.to_words for c in verb.children)
        for verb in chain
    )


def _scheduled(trigger: Token, chain: list[Token], words: EventWords) -> bool:
    """ "a meeting has been summoned for Tuesday", "organised a march for tomorrow": an act set
    for a day is planned for it, not yet held."""
    tokens = list(chain) + [trigger]
    if trigger.dep_ in {"nsubj", "nsubjpass", "dobj"}:
        tokens.append(trigger.head)  # the verb that summons, calls or organises the meeting
    return any(_set_for_a_day(word, words) for word in tokens)


def _set_for_a_day(word: Token, words: EventWords) -> bool:
    for preposition in word.children:
        if preposition.dep_ != "prep" or preposition.lower_ not in words.purpose_preps:
            continue
        for day in preposition.children:
            if day.dep_ == "pobj" and (
                day.lower_ in words.future_time_words or any(m.lower_ in words.future_modifiers for m in day.children)
            ):
                return True
    return False


def _recommended(clause: Token, words: EventWords) -> bool:
    """ "the incident is best investigated by the police": how it should be done, not what was."""
    return clause.tag_ == "VBN" and any(
        c.dep_ == "advmod" and c.lower_ in words.opinion_adverbs for c in clause.children
    )


def _habitual(clause: Token, words: EventWords) -> bool:
    """ "such proposals are often accepted": a habit in the present, no particular event."""
    present = clause.tag_ in PRESENT_TAGS or any(
        c.dep_ in {"aux", "auxpass"} and c.tag_ in PRESENT_TAGS for c in clause.children
    )
    perfect = any(c.dep_ == "aux" and lemma_of(c) in words.perfect_auxiliaries for c in clause.children)
    return (
        present
        and not perfect
        and any(c.dep_ == "advmod" and c.lower_ in words.habitual_adverbs for c in clause.children)
    )


def _denied_report(trigger: Token, words: EventWords) -> bool:
    """ "denied reports of troop deployment", "refuted reports that the state had deployed
    troops": the event lies inside a report someone denies (the denial itself may be REJECT)."""
    current = trigger
    for _ in range(6):
        if current.head is current:
            return False
        parent = current.head
        if (
            lemma_of(parent) in words.report_nouns
            and parent.pos_ == "NOUN"
            and parent.dep_ in {"dobj", "nsubjpass"}
            and lemma_of(parent.head) in words.denial_verbs
        ):
            return True
        if current.dep_ not in {
            "pobj",
            "prep",
            "compound",
            "acl",
            "ccomp",
            "dobj",
            "relcl",
            "nsubj",
            "nsubjpass",
            "pcomp",
        }:
            return False
        current = parent
    return False


def _own_clauses(chain: list[Token]) -> list[Token]:
    """The event's clause and the verbs it completes ("tend to attack", "can be seen fighting"):
    a present-tense clause that merely governs it ("...; his whereabouts remain unknown") does
    not make a past act a general statement."""
    own = [chain[0]]
    for verb in chain[1:]:
        if own[-1].dep_ not in {"xcomp", "acomp"}:
            break
        own.append(verb)
    return own


def _governing_chain(clause: Token, words: EventWords) -> list[Token]:
    chain = [clause]
    current = clause
    for _ in range(6):
        if current.head is current:
            break
        if (
            current.dep_ not in CHAIN_DEPS
            and not _object_of_purpose(current, chain, words)
            and not _subject_of_its_occurrence(current, words)
        ):
            break
        current = current.head
        chain.append(current)
    return chain


def _subject_of_its_occurrence(noun: Token, words: EventWords) -> bool:
    """ "the meeting will begin at 6:30": a verb that only says when the event named by its subject
    takes place carries that event's modality, as "will be held" does."""
    return noun.dep_ in {"nsubj", "nsubjpass"} and noun.head.lemma_ in words.occurrence_verbs


def _object_of_purpose(noun: Token, chain: list[Token], words: EventWords) -> bool:
    """ "directed the state to take measures to prevent the influx": an infinitive naming what an
    object is for ("measures to prevent") stands as its verb does, so the chain goes on through
    the object to the verb that governs it."""
    if len(chain) < 2 or noun.dep_ != "dobj" or noun.pos_ not in {"NOUN", "PROPN"}:
        return False
    purpose = chain[-2]
    if purpose.dep_ not in {"acl", "relcl"}:
        return False
    if any(c.lower_ in words.to_words and c.dep_ == "aux" for c in purpose.children):
        return True
    # "directed the authorities concerned to prevent ...": the infinitive hung on a participle of the object
    return (
        purpose.tag_ == "VBN"
        and len(chain) >= 3
        and chain[-3].dep_ == "xcomp"
        and any(c.lower_ in words.to_words and c.dep_ == "aux" for c in chain[-3].children)
    )


def _negated_locally(token: Token, words: EventWords) -> bool:
    for child in token.children:
        if child.dep_ == "neg" and _whether_or_not(child, words):
            continue  # "whether or not to support": undecided, not refused
        if child.dep_ == "neg" or child.lower_ in words.negative_words and child.dep_ in {"neg", "det", "advmod"}:
            return True
    return False


def _whether_or_not(negation: Token, words: EventWords) -> bool:
    left = negation.nbor(-1) if negation.i > negation.sent.start else None
    return (
        left is not None
        and left.lower_ in words.or_words
        and any(c.lower_ in words.whether_words for c in negation.head.children)
    )


def _opposed(token: Token, words: EventWords) -> bool:
    """ "opposed to the deployment of the police", "against deploying the army": what someone
    opposes has not been done."""
    if token.dep_ not in {"pobj", "pcomp"}:
        return False
    preposition = token.head
    if preposition.lower_ in words.to_words:
        return preposition.head.lower_ in words.opposing_words or lemma_of(preposition.head) in words.opposing_words
    return preposition.lower_ in words.against_prepositions and token.dep_ == "pcomp" and token.tag_ == "VBG"


def _shares_negation(verb: Token, words: EventWords) -> bool:
    """ "could not either permit the ceremony or hand over the land", "neither ... nor ...": the
    negation of the first verb covers the verbs joined to it."""
    if verb.dep_ != "conj":
        return False
    first = verb.head
    joined = {c.lower_ for c in first.children if c.dep_ in {"preconj", "advmod"}}
    if joined & words.neither_words or any(c.lower_ in words.nor_words for c in first.children if c.dep_ == "cc"):
        return True
    either = next((c for c in first.children if c.lower_ in words.either_words), None)
    return either is not None and (_negated_locally(first, words) or _negation_before(either, words))


def _negation_before(either: Token, words: EventWords) -> bool:
    """ "could not through an executive action either permit ...": a "not" a few words before
    "either", with no other verb between, even when the parse hangs it elsewhere."""
    start = max(either.sent.start, either.i - 6)
    for token in reversed(either.doc[start : either.i]):
        if token.lower_ in words.negation_words:
            return True
        if token.pos_ == "VERB":
            return False
    return False


def _subject_of_opinion(token: Token, words: EventWords) -> bool:
    """ "An agreement ... would only solve the problem": an indefinite event noun as the subject
    of a conditional judgement has not happened ("the restrictions would not affect us" and
    "the attack could have killed hundreds" name acts that have)."""
    if token.dep_ not in {"nsubj", "nsubjpass"} or token.pos_ not in {"NOUN", "PROPN"}:
        return False
    if any(
        c.dep_ == "poss" or (c.dep_ == "det" and c.lower_ not in words.unspecific_determiners) for c in token.children
    ):
        return False
    verb = token.head
    auxiliaries = [c for c in verb.children if c.dep_ in {"aux", "auxpass"}]
    return any(a.lower_ in words.opinion_modals for a in auxiliaries) and not any(
        lemma_of(a) in words.perfect_auxiliaries for a in auxiliaries
    )


def _futurate(verb: Token, words: EventWords) -> bool:
    """ "is holding a meeting on Sunday", "are meeting tomorrow": the present progressive with a
    day to come announces a plan (a day already past would take the past tense)."""
    if verb.tag_ != "VBG" or not any(c.dep_ == "aux" and c.tag_ in PRESENT_TAGS | {"VBP"} for c in verb.children):
        return False
    times = [c for c in verb.children if c.dep_ in {"npadvmod", "advmod"}]
    times += [
        g
        for c in verb.children
        if c.dep_ == "prep" and c.lower_ in words.date_prepositions
        for g in c.children
        if g.dep_ == "pobj"
    ]
    return any(
        t.lower_ in words.future_time_words or any(m.lower_ in words.future_modifiers for m in t.children)
        for t in times
    )


def _auxiliary_kinds(verb: Token, lexicon: Lexicon, words: EventWords) -> set[str]:
    kinds = set()
    for child in verb.children:
        if child.dep_ not in {"aux", "auxpass"}:
            continue
        word = child.lower_
        if word in words.conditional_auxiliaries:
            kinds.add("would")
            continue
        if word in words.obligation_modals:
            kinds.add("obligation")
        cue = lexicon.modality_cues.get(word)
        if cue in {"future", "hypothetical"}:
            kinds.add(cue)
            if word in words.generic_modals:
                kinds.add("can")
    if (
        verb.dep_ == "xcomp"
        and lemma_of(verb.head) in words.copulas
        and any(c.lower_ in words.to_words for c in verb.children)
    ):
        kinds.add("future")  # "is to be dissolved"
    if (
        verb.dep_ == "xcomp"
        and lemma_of(verb.head) in words.obligation_verbs
        and verb.head.tag_ in PRESENT_TAGS
        and any(c.lower_ in words.to_words for c in verb.children)
    ):
        kinds.add("hypothetical")  # "we have to arrest the guilty": needed, not done ("had to flee" was done)
    if (
        verb.dep_ == "pcomp"
        and verb.head.lower_ in words.preference_prepositions
        and words.preference_words & {verb.head.head.lower_, *(c.lower_ for c in verb.head.children)}
    ):
        kinds.add("negated")  # "instead of welcoming the moves", "chose death rather than allowing the mob in"
    return kinds


def _marker_kinds(verb: Token, lexicon: Lexicon) -> set[str]:
    kinds = set()
    for child in verb.children:
        if child.dep_ == "mark" and lexicon.modality_cues.get(child.lower_) == "hypothetical":
            kinds.add("hypothetical")
    return kinds


def _subject(verb: Token) -> Token | None:
    for child in verb.children:
        if child.dep_ == "nsubj":
            return child
        if child.dep_ == "agent":
            return next((g for g in child.children if g.dep_ == "pobj"), None)
    return None


def _according_to(chain: list[Token], words: EventWords) -> Token | None:
    for verb in chain:
        for child in verb.children:
            if child.lower_ in words.according_words:
                for prep in child.children:
                    found = next((g for g in prep.children if g.dep_ == "pobj"), None)
                    if found is not None:
                        return found
    return None


def _generic(clause: Token, kinds: set[str], words: EventWords) -> bool:
    """General truths in the simple present ("war can have no end") report no event."""
    if "can" in kinds and clause.tag_ in {"VB"} | PRESENT_TAGS:
        return True
    has_perfect = any(c.dep_ == "aux" and lemma_of(c) in words.perfect_auxiliaries for c in clause.children)
    return clause.tag_ in PRESENT_TAGS and not has_perfect and "future" not in kinds
