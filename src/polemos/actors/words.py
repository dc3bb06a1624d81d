"""The actors stage's words of one language (``actors.csv`` of its folder) and its regular
expressions (``patterns/actors.toml``), compiled once when the stage is built."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Optional

from polemos.lang import LanguageData

GUESS_RULES = "organisation_guess"  # the array of tables in patterns/actors.toml


@dataclass(frozen=True)
class OrganisationGuess:
    """A word in an unknown organisation's name that says what it is: "... Liberation Front" an armed group."""

    pattern: re.Pattern
    kind: str
    sector: Optional[str]


class ActorWords:
    """What the actors stage reads in one language, as sets of lower-case words (or lemmas)."""

    def __init__(self, language: LanguageData):
        words = language.words
        # ---- candidate phrases (mentions.py) ----
        # Weapons and attacks a sector noun can name the user of ("military airstrikes", "army shelling").
        self.means_nouns = words("actors.means_noun")
        # The arms of a military: a state named before them names its military ("Russian shelling").
        self.military_means = words("actors.military_means")
        # What people do together that makes them an actor: protesters, marchers, rioters, looters.
        self.crowd_verbs = words("actors.crowd_verb")
        # Heads that count people: "hundreds of people", "tens of thousands of women".
        self.quantity_words = words("actors.quantity_word")
        # "militants linked to X", "fighters loyal to X", "insurgents affiliated with X": X's own.
        self.affiliation_words = words("actors.affiliation_word")
        # "Saudi-led", "US-backed": the state named before them leads or backs the forces after them.
        self.leading_participles = words("actors.leading_participle")
        self.breakaway_words = words("actors.breakaway_word")  # "the self-declared republic"
        self.breakaway_nouns = words("actors.breakaway_noun")
        self.possessive_pronouns = words("actors.possessive_pronoun")
        self.person_pronouns = words("actors.person_pronoun")
        self.group_pronouns = words("actors.group_pronoun")
        # Pronouns read back to an actor named before: a person ("he", "her") or a group ("they"),
        # and the possessives that make one the owner of what follows ("his office", "its forces")
        self.person_references = words("actors.person_reference")
        self.group_references = words("actors.group_reference")
        self.person_owners = words("actors.person_owner")
        self.group_owners = words("actors.group_owner")
        self.party_prepositions = words("actors.party_preposition")  # "talks with", "war against"
        self.motion_verbs = words("actors.motion_verb")  # "travelled to X": X is a place, not a party
        self.expletive_heads = words("actors.expletive_head")  # "It is time to ...": no antecedent
        # ---- organisations, people, places ----
        self.generic_words = words("actors.generic_word")  # "Supreme Court": no one's own name
        self.out_of_office = words("actors.out_of_office")  # "former president", "ousted leader"
        self.leader_words = words("actors.leader_word")  # "Palestinian leader X" leads a government
        self.locative_prepositions = words("actors.locative_preposition")
        self.place_nouns = words("actors.place_noun")  # "Galgaduud region", "the town of Kidal"
        self.speech_verbs = words("actors.speech_verb")  # "Jackson said": a person, not the city
        self.ethnic_words = words("actors.ethnic_word")  # "ethnic Armenians": a people, not a state's
        # ---- sector phrases (sectors.py) ----
        self.determiners = words("actors.determiner")  # left out of a name made from a phrase
        # Nouns for the people of an institution, whose modifier may name another sector:
        # "rebel leaders" are rebels, "military officials" the military, "opposition leaders" the opposition.
        self.people_of_office = words("actors.people_of_office")
        # "retired soldiers", "former rebels": people who once served, now civilians.
        self.former_members = words("actors.former_member")
        # "unidentified men", "masked individuals": armed people whose group the text does not know.
        self.unidentified = words("actors.unidentified")
        self.unnamed_people = words("actors.unnamed_people")
        # ---- regular expressions (patterns/actors.toml) ----
        # What is dropped from a name before it is compared (names.py): "the Taliban's" is "Taliban".
        self.possessive = re.compile(language.pattern("actors.possessive"))
        self.leading_article = re.compile(language.pattern("actors.leading_article"), re.IGNORECASE)
        self.organisation_guesses = _organisation_guesses(language)  # guess.py, first match wins


def _organisation_guesses(language: LanguageData) -> list[OrganisationGuess]:
    rules = language.patterns("actors").get(GUESS_RULES)
    if rules is None:
        language.missing.add(f"patterns/actors.{GUESS_RULES}")
        return []
    return [OrganisationGuess(re.compile(rule["pattern"]), rule["kind"], rule.get("sector") or None) for rule in rules]
