"""The events stage's words of one language (``events.csv`` of its folder) and its regular
expressions (``patterns/events.toml``), compiled once when the stage is built.

Sets of PLOVER type names, dependency labels, part-of-speech tags and entity labels are no
words of a language and stay in the code that reads them.
"""

from __future__ import annotations

import re

from polemos.lang import LanguageData, alternation


class EventWords:
    """What the events stage reads in one language, as sets of lower-case words (or lemmas)."""

    def __init__(self, language: LanguageData):
        words = language.words
        # ---- modality.py ----
        self.generic_modals = words("events.generic_modal")  # "a war can have no end": what can happen, in general
        self.failure_verbs = words("events.failure_verb")  # "failed to hold talks": not done, by failure
        self.obligation_verbs = words("events.obligation_verb")  # "we have to arrest them": needed, not done
        self.obligation_modals = words("events.obligation_modal")  # "should not allow it": a demand
        self.opinion_modals = words("events.opinion_modal")  # "an agreement would solve it": a judgement
        self.future_time_words = words("events.future_time_word")  # "a meeting on Sunday", "tomorrow"
        self.opposing_words = words("events.opposing_word")  # "opposed to the deployment"
        # "if she has the support of the BJP", "unless they get approval": having, getting or giving the act.
        self.condition_holding_verbs = words("events.condition_holding_verb")
        # "asked why he fired": a question about a fact, which the question takes as done.
        self.fact_question_words = words("events.fact_question_word")
        # "the demands include that ...", "their demand is to ...": verbs that state what a demand asks.
        self.demand_content_verbs = words("events.demand_content_verb")
        # Nouns naming a request: what "a petition to prevent ...", "a motion to discuss ..." asks for is not done.
        self.request_nouns = words("events.request_noun")
        # Nouns naming a plan: "plans for a rally", "a plan to hold a strike" name what has not happened yet.
        self.plan_nouns = words("events.plan_noun")
        # Nouns naming a report: what "denied reports of troop deployment" denies is not asserted.
        self.report_nouns = words("events.report_noun")
        self.denial_verbs = words("events.denial_verb")  # "denied reports of ..."
        # Participles of a plan: "meetings were slated / scheduled to discuss ..." have not been held.
        self.planned_verbs = words("events.planned_verb")
        # Adverbs of habit: "proposals are often accepted" states a habit, no particular event.
        self.habitual_adverbs = words("events.habitual_adverb")
        # "is best investigated by the police": an opinion of how something should be done.
        self.opinion_adverbs = words("events.opinion_adverb")
        # "after discussing the report, agreed to endorse it": a step in time, not what is agreed, refused or asked.
        self.temporal_prepositions = words("events.temporal_preposition")
        # "prevented from meeting him", "barred from entering": the act kept from happening.
        self.prevention_verbs = words("events.prevention_verb")
        # "lied that he had held talks", "falsely claimed that ...": the speaker says it did not happen.
        self.falsifying_verbs = words("events.falsifying_verb")
        self.false_adverbs = words("events.false_adverb")  # "falsely claimed that ..."
        # "information leading to an arrest", "tips that lead to a conviction": what a reward is offered for.
        self.sought_information_nouns = words("events.sought_information_noun")
        # "a possible terrorist strike", "the proposed talks": an event noun qualified as not (yet) real.
        self.possible_adjectives = words("events.possible_adjective")
        self.planned_adjectives = words("events.planned_adjective")  # "the proposed talks"
        # "doesn't have the guts to meet people", "had no time to discuss": the means to act, lacking.
        self.means_nouns = words("events.means_noun")
        # "a ban on them was not enough", "an agreement is necessary": a judgement of a measure, not a report of one.
        self.evaluative_adjectives = words("events.evaluative_adjective")
        self.condition_marks = words("events.condition_mark")  # "if she has the support", "unless they get it"
        self.prevention_prepositions = words("events.prevention_preposition")  # "prevented from meeting him"
        self.negating_determiners = words("events.negating_determiner")  # "had no time to discuss"
        # "an agreement would solve it": an indefinite subject names no particular act ("some" names none either).
        self.indefinite_determiners = words("events.indefinite_determiner")
        self.unspecific_determiners = self.indefinite_determiners | words("events.unspecific_determiner")
        self.future_modifiers = words("events.future_modifier")  # "next week", "the coming days"
        self.date_prepositions = words("events.date_preposition")  # "is holding talks on Sunday"
        self.conditional_auxiliaries = words("events.conditional_auxiliary")  # "would", "'d"
        # "rather than / instead of attacking them": the act set aside is not done.
        self.preference_prepositions = words("events.preference_preposition")
        self.preference_words = words("events.preference_word")
        self.leading_verbs = words("events.leading_verb")  # "information leading to an arrest"
        self.against_prepositions = words("events.against_preposition")  # "against deploying the army"
        self.negative_words = words("events.negative_word")  # "never", "no" outside a parsed negation
        self.or_words = words("events.or_word")  # "whether or not to support": undecided, not refused
        self.whether_words = words("events.whether_word")
        # "neither ... nor ...", "could not either permit ... or ...": one negation over joined verbs.
        self.neither_words = words("events.neither_word")
        self.nor_words = words("events.nor_word")
        self.either_words = words("events.either_word")
        self.negation_words = words("events.negation_word")  # "not", "n't", "never" a few words before "either"
        self.going_verbs = words("events.going_verb")  # "went on to ask": an intent only as "is going to"
        self.up_particles = words("events.up_particle")  # "it is up to them to decide"
        self.according_words = words("events.according_word")  # "according to the police": the source
        self.purpose_preps = words("events.purpose_prep")  # "called for a meeting", "a rally for peace"
        self.to_words = words("events.to_word")  # the infinitive's "to" ("plans to attack"), "opposed to"
        # ---- coder.py ----
        self.referring_pronouns = words("events.referring_pronoun")  # "it", "they": a party named before
        # Prepositions that use a known event to date or compare something else.
        self.background_prepositions = words("events.background_preposition")
        self.comparison_words = words("events.comparison_word")
        # Words that attach the cause or the subject of an event to its verb: "fled after the shelling",
        # "protested over the killing", "closed because of the clashes".
        self.cause_words = words("events.cause_word")
        self.simultaneous_markers = words("events.simultaneous_marker")
        self.time_relative_markers = words("events.time_relative_marker")
        # Spans a running tally of incidents is counted in ("the 7th homicide of 2016", "this year").
        self.tally_periods = words("events.tally_period")
        # A standing appeal for tips: the public or someone unnamed, information or help, a call or a request.
        self.appeal_addressees = words("events.appeal_addressee")
        self.appeal_objects = words("events.appeal_object")
        self.contact_verbs = words("events.contact_verb")
        self.asking_verbs = words("events.asking_verb")
        # Verbs and nouns whose object or "for" phrase is an act asked for, not done.
        self.demanding_words = words("events.demanding_word")
        self.antecedent_pronouns = words("events.antecedent_pronoun")
        self.analysis_subjects = words("events.analysis_subject")
        self.peacekeeping_words = words("events.peacekeeping_word")
        self.definite_determiners = words("events.definite_determiner")
        # Adjectives that give an event noun its outcome: "a deadly shooting", "a fatal stabbing".
        self.outcome_modifiers = words("events.outcome_modifier")
        self.finding_verbs = words("events.finding_verb")
        self.death_words = words("events.death_word")
        # Main verbs of a sentence that only reports deaths or victims found ("was pronounced dead", "died
        # of his wounds", "officers found two victims"): the incident's toll, told after (or before) its attack.
        self.dying_verbs = words("events.dying_verb")
        self.death_report_verbs = self.dying_verbs | words("events.death_report_verb")
        self.reporting_lemmas = words("events.reporting_lemma")
        self.death_report_nouns = words("events.death_report_noun")
        self.cause_of_death_prepositions = words("events.cause_of_death_preposition")
        self.suffering_verbs = words("events.suffering_verb")
        self.unknown_party_pronouns = words("events.unknown_party_pronoun")
        self.place_prepositions = words("events.place_preposition")
        # A single speaker "discusses" or "talks about" one of these: a statement about an incident or its
        # sequel, no consultation between parties.
        self.speaking_lemmas = words("events.speaking_lemma")
        self.incident_topics = words("events.incident_topic")
        self.nothing_words = words("events.nothing_word")
        self.subject_relatives = words("events.subject_relative")
        # Nouns whose "when" clause tells what happens in cases of a kind: "there were examples when ...".
        self.precedent_nouns = words("events.precedent_noun")
        self.police_words = words("events.police_word")  # "police discuss the threats": one party speaking
        # Verbs that report what an event did or that it took place: "a blast killed", "fighting erupted".
        self.outcome_verbs = words("events.outcome_verb")
        self.anyone_pronouns = words("events.anyone_pronoun")  # "anyone who knew ... was asked to call police"
        self.topic_prepositions = words("events.topic_preposition")  # "discusses the threats", "talks about the attack"
        # Nouns of talks whose topic ("talks on a ceasefire", "negotiations over a withdrawal") is
        # what is being discussed, not what was agreed or done
        self.talks_nouns = words("events.talks_noun")
        self.talks_prepositions = words("events.talks_preposition")
        self.partner_with_prepositions = words("events.partner_with_preposition")  # "discussed it with the governor"
        # "in such cases the police arrest ...": what happens in cases of a kind.
        self.case_prepositions = words("events.case_preposition")
        self.case_nouns = words("events.case_noun")
        self.such_words = words("events.such_word")
        self.placeholder_pronouns = words("events.placeholder_pronoun")  # "it is easy to blame ..."
        self.copulas = words("events.copula")  # "be"
        self.possessive_relatives = words("events.possessive_relative")  # "whose name police have not released"
        self.legislature_words = words("events.legislature_word")  # "parliament is poised to discuss ...": a debate
        self.addressee_pronouns = words("events.addressee_pronoun")  # "you should not ...": advice to whoever listens
        self.simultaneous_adverbs = words("events.simultaneous_adverb")  # "..., in September, when X invaded ..."
        self.since_prepositions = words("events.since_preposition")  # "since January": a span incidents are counted in
        # "a self-inflicted gunshot wound": a suicide, not an assault (the parse may split the word).
        self.self_inflicted_words = words("events.self_inflicted_word")
        self.self_inflicted_parts = words("events.self_inflicted_part")
        self.within_prepositions = words("events.within_preposition")  # "found dead in a murder-suicide"
        self.passing_verbs = words("events.passing_verb")  # "passed away": died
        self.away_particles = words("events.away_particle")
        self.any_determiners = words("events.any_determiner")  # "a shooting", "any attack": no particular one
        # ---- roles.py ----
        self.recipient_preps = words("events.recipient_prep")  # "fired on the crowd", "sanctions against X"
        # An event noun's recipient follows these too: "the siege of the town".
        self.nominal_recipient_preps = self.recipient_preps | words("events.nominal_recipient_prep")
        self.partner_preps = words("events.partner_prep")  # "talks with X", "clashes between X and Y"
        self.causative_verbs = words("events.causative_verb")
        # Verbs whose object is the subject of the infinitive they govern: "urged the army to withdraw".
        self.object_control_verbs = self.causative_verbs | words("events.object_control_verb")
        self.relative_pronouns = words("events.relative_pronoun")
        self.hosting_verbs = words("events.hosting_verb")
        # Nouns that count a nominal event between it and its light verb: "a round of talks".
        self.counting_nouns = words("events.counting_noun")
        self.participation_nouns = words("events.participation_noun")
        self.speaker_pronouns = words("events.speaker_pronoun")
        # Generic heads that carry a compound event noun: "mediation effort", "peace talks", "air campaign".
        self.carrier_nouns = words("events.carrier_noun")
        self.cause_preps = words("events.cause_prep")
        # Verbs whose object is what the subject escapes ("fleeing the militia"), not whom it acts on.
        self.escape_verbs = words("events.escape_verb")
        # Participles that lay an act at someone's door: "a bombing blamed on X", "an attack attributed to X".
        self.attribution_verbs = language.pairs("events.attribution_verb")
        # Participles whose by-agent used the thing they describe: "a grenade thrown by militants exploded".
        self.instrument_verbs = words("events.instrument_verb")
        # Subordinators of a clause that tells how a death or wound came about: "were killed when police opened fire".
        self.manner_marks = words("events.manner_mark")
        # Acts whose doer, named in such a clause, is the one who killed or wounded.
        self.violent_acts = words("events.violent_act")
        # Heads that count people rather than name them: "hundreds of people", "tens of thousands of students".
        self.quantity_heads = words("events.quantity_head")

        self.self_recipient_preps = words("events.self_recipient_prep")  # "withdrew from the town"
        self.request_owner_preps = words("events.request_owner_prep")  # "dismissed an appeal from X"
        # "refused to lift the curfew on Palestinians", "offered to hand over to Britain": whom the act concerns.
        self.demanded_recipient_preps = self.recipient_preps | words("events.demanded_recipient_prep")
        self.demanded_object_preps = words("events.demanded_object_prep")  # "break relations with Russia"
        self.scene_preps = words("events.scene_prep")  # "a curfew in Abidjan": the place's people
        self.agent_preps = words("events.agent_prep")  # "an attack by militants"
        self.between_preps = words("events.between_prep")  # "fighting broke out between A and B"
        self.of_preps = words("events.of_prep")  # "the withdrawal of the troops", "a round of talks"
        self.perfect_auxiliaries = words("events.perfect_auxiliary")  # "should have visited": the past criticised
        self.accusation_preps = words("events.accusation_prep")  # "accused Ukraine of attacking"
        self.following_words = words("events.following_word")  # "fled following the offensive"
        self.incident_place_preps = words("events.incident_place_prep")  # "were killed in Esmeraldas when ..."
        self.participation_preps = words("events.participation_prep")  # "with the participation of Russia"

        # ---- relations.py ----
        self.party_preps = words("events.party_prep")
        self.provision_verbs = words("events.provision_verb")
        self.document_nouns = words("events.document_noun")
        self.mediation_preps = words("events.mediation_prep")  # "mediated talks between A and B"
        self.alliance_modifiers = words("events.alliance_modifier")  # "a strategic agreement": an alliance
        self.including_words = words("events.including_word")  # "nine articles, including A, B and C"
        # ---- anchors.py ----
        # "killed himself": a toll that counts the one who killed themselves among the dead
        self.reflexives = words("events.reflexive")
        # Capitalised words of headlines and titles that name no one: "Community Mourns Man", "Police ID Teen"
        self.not_name_words = words("events.not_name_word")
        # Limits that never date the clause they modify ("shot since Wednesday"); "from ... to ..." spans it.
        self.limit_prepositions = words("events.limit_preposition")
        self.span_prepositions = words("events.span_preposition")
        self.bound_prepositions = self.limit_prepositions | self.span_prepositions
        self.future_auxiliaries = words("events.future_auxiliary")
        self.happen_verbs = words("events.happen_verb")
        self.occurrence_verbs = words("events.occurrence_verb")  # "the meeting will begin": when the event is
        # "the shooting happened near ...", "the attack took place": an incident whose happening a clause tells.
        self.happening_nouns = words("events.happening_noun")
        self.taking_verbs = words("events.taking_verb")  # "the attack took place": it happened
        self.place_nouns = words("events.place_noun")
        # A page's own stamp ("Posted: Saturday, April 5, 2014 10:24 AM EDT"): when the text or an embedded
        # post was written, never an event's date (patterns/events.toml: stamp_filler, page_stamp).
        stamp_filler = language.pattern(
            "events.stamp_filler", stamp_date_abbreviation=alternation(words("events.stamp_date_abbreviation"))
        )
        self.page_stamp = _pattern(
            language.pattern(
                "events.page_stamp",
                stamp_word=alternation(words("events.stamp_word")),
                stamp_preposition=alternation(words("events.stamp_preposition")),
                stamp_filler=stamp_filler,
            )
        )
        # "Jane Doe", "J. Doe Jr.": a figure's text that names a person (matched with case)
        self.person_name = re.compile(language.pattern("events.person_name"))
        # ---- triggers.py ----
        # Nouns that stand for one incident whose kind a gerund names: "shooting death", "stabbing incident".
        self.incident_nouns = words("events.incident_noun")
        # Verbs that carry a nominal event without adding meaning: "launched an invasion".
        self.light_verbs = words("events.light_verb")
        # "a murder-suicide", "committed suicide": a death; as a modifier ("suicide bomber") a way of attacking.
        self.suicide_words = words("events.suicide_word")
        # ---- incidents.py ----
        self.capture_lemmas = words("events.capture_lemma")  # "seized the town": territory taken
        self.signing_lemmas = words("events.signing_lemma")
        self.armed_modifiers = words("events.armed_modifier")
        # One person acting alone is neither a battle's organised side nor a rioting crowd (ACLED codebook:
        # violence against civilians): "a gunman", "the suspect", "a man", or a person named.
        self.lone_nouns = words("events.lone_noun")
        # ---- describe.py ----
        self.reversal_verbs = words("events.reversal_verb")  # "lifted the curfew": the reverse of the type
        self.signing_verbs = words("events.signing_verb")  # "signed the agreement": the agreement made
        # ---- limits.py ----
        self.question_words = words("events.question_word")  # "asked whether he fired": a question, no act
        self.demand_auxiliaries = words("events.demand_auxiliary")  # "insisted that X should go": a demand
        self.author_preps = words("events.author_prep")  # "a threat by the rebels": it has an author
        self.when_words = words("events.when_word")  # "killed when a bus overturned"
        self.question_marks = words("events.question_mark")  # "asked if he fired", "whether they met"
        self.commitment_preps = words("events.commitment_prep")  # "agreed to withdraw", "agreed on a truce"
        self.relative_subjects = words("events.relative_subject")  # "the court which had ordered ..."
        # ---- anchors.py: patterns of a figure's text (matched ignoring case) ----
        # A pattern that is one word list between word boundaries is built here from the list; one whose
        # shape is the language's word order comes from patterns/events.toml.
        # "took his own life": a toll that counts the one who killed themselves
        self.own_life = _pattern(alternation(words("events.own_life")))
        # "three other men", "five others", "a woman and two other men were also shot": people besides the dead
        self.others = _pattern(rf"\b{alternation(words('events.other_word'))}\b")
        self.others_after = _pattern(rf"\s+{alternation(words('events.others_after'))}\b")
        self.numeral_one = _pattern(rf"(?:1|{alternation(words('events.one'))})\b")  # "one person died", not "a man"
        # "the victim", "he": a person the text knows, not one more
        self.known_person = _compiled(language, "known_person", "definite_article", "person_pronoun")
        # "including the gunman", "the suspect was among the dead": a toll that counts the one who killed
        self.shooter_counted = _pattern(rf"\b{alternation(words('events.shooter_counted'))}")
        # "the early morning hours", "overnight": a part of the day with no day of its own
        self.bare_part_of_day = _compiled(
            language,
            "bare_part_of_day",
            "definite_article",
            "part_of_day_modifier",
            "part_of_day",
            "part_of_day_suffix",
        )
        # Words that open the report of a different incident in the same article.
        self.another_incident = _compiled(
            language,
            "another_incident",
            "another_incident_preposition",
            "indefinite_article",
            "another_incident_adjective",
            "separate_word",
            "separate_incident_noun",
        )
        # ---- headline.py ----
        # Words of a headline that report an incident of violence against people.
        self.headline_incident = _pattern(rf"\b{alternation(words('events.headline_incident_word'))}\b")
        self.accident = _pattern(rf"\b{alternation(words('events.accident_word'))}\b")
        # ---- accidents.py ----
        # "accident", "accidental": read for a denial ("ruled out an accident") even where they state none.
        self.accident_words = words("events.accident_word")
        # "not accidental", "no accident", "the story of an accidental discharge is false".
        self.accident_denials = words("events.accident_denial_word")
        self.accident_disputing_verbs = words("events.accident_disputing_verb")  # "ruled out an accident"
        # "unclear whether he accidentally shot himself": neither stated nor denied.
        self.accident_undecided = words("events.accident_undecided_word")
        self.accident_undecided_modals = words("events.accident_undecided_modal")  # "would have said"
        # ---- classifier.py: cues of the learned model's features (its weights were trained on these) ----
        self.classifier_modals = words("events.classifier_modal")  # "may", "should": "mark:modal:<word>"
        self.classifier_first_person = words("events.classifier_first_person")  # "we", "our": "mark:first_person"
        # ---- acled.py ----
        # "retook the town": a trigger that captures territory (read on a stored event's trigger text)
        self.capture_words = words("events.capture_word")


def _pattern(expression: str) -> re.Pattern[str]:
    return re.compile(expression, re.IGNORECASE)


def _compiled(language: LanguageData, key: str, *lists: str) -> re.Pattern[str]:
    """The pattern ``key`` of the language's ``patterns/events.toml``, each placeholder filled with the
    alternation of the list of its name (``{part_of_day}``: the list ``events.part_of_day``), compiled to
    match ignoring case; a pattern the language lacks matches nothing."""
    fillers = {name: alternation(language.words(f"events.{name}")) for name in lists}
    return _pattern(language.pattern(f"events.{key}", **fillers))
