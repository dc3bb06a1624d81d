"""The figures stage's words of one language (``figures.csv``, ``numbers.csv``,
``tables/figures_cues.csv`` and ``patterns/figures.toml`` of its folder)."""

from __future__ import annotations

from polemos.figures.patterns import FigurePatterns
from polemos.lang import LanguageData, alternation
from polemos.numbers import NumberWords


class FigureWords:
    """What the figures stage reads in one language, as sets, tables and regular-expression
    fragments (compiled with re.IGNORECASE), and its regular expressions (``patterns``)."""

    def __init__(self, language: LanguageData):
        self.numbers = NumberWords(language)
        self.patterns = FigurePatterns(language, self.numbers.pattern)
        words = language.words

        # ---- number phrases and their bounds (amounts.py) ----
        self.vague_ranges = {word: _bounds(value) for word, value in language.table("figures.vague").items()}
        self.at_least = words("figures.at_least")  # a lower bound, inclusive: "at least 30"
        self.more_than = words("figures.more_than")  # a lower bound as written: "more than 100,000"
        self.at_most = words("figures.at_most")
        self.less_than = words("figures.less_than")
        self.nearly = words("figures.nearly")  # the number or a little under it
        self.approximately = words("figures.approximately")  # the number, give or take a tenth
        self.vague = alternation(self.vague_ranges)
        self.qualifier = alternation(
            self.at_least | self.more_than | self.at_most | self.less_than | self.nearly | self.approximately
        )

        # ---- what a count counts (extractor.py) ----
        self.stop_words = words("figures.stop_word")  # a counted noun is never past these
        self.skippable = words("figures.skippable")  # "two other shooting victims"
        self.place_nouns = words("figures.place_noun")  # "left their homes": displaced
        self.fatal_adverbs = words("figures.fatal_adverb")
        self.modals = words("figures.modal")
        self.reflexives = words("figures.reflexive")
        self.known_person_pronouns = words("figures.known_person_pronoun")
        self.strike_verbs = words("figures.strike_verb")
        self.firing_verbs = words("figures.firing_verb")  # "opened fire", "fired into the crowd"
        self.wound_nouns = words("figures.wound_noun")
        self.gunshot_modifiers = words("figures.gunshot_modifier")
        self.gunfire = words("figures.gunfire")
        self.agent_endings = language.ordered("figures.agent_ending")  # "driver", "cashier", "pharmacist"
        # Nouns with those endings that name no one: "a mass-casualty incident" is no victim
        self.things_with_agent_endings = words("figures.thing_with_agent_ending")
        self.single_determiners = words("figures.single_determiner")
        # "the shooting of a 3-year-old", "the fatal stabbing of her husband": the victim of an event noun
        self.victim_of = words("figures.victim_of")
        self.fatal_words = words("figures.fatal_word")
        self.ordinal_people = words("figures.ordinal_person")  # "a third was wounded"
        self.dying_verbs = words("figures.dying_verb")
        # Active verbs whose subject is what befell: "three people died", "two suffered wounds".
        self.befallen_subject_verbs = self.dying_verbs | words("figures.befallen_subject_verb")
        self.life_kept_verbs = words("figures.life_kept_verb")
        self.passive_auxiliaries = words("figures.passive_auxiliary")  # "ended up getting shot"
        self.suffer_verbs = words("figures.suffer_verb")  # "Jane Doe suffered a gunshot wound"
        self.relative_pronouns = words("figures.relative_pronoun")  # "a boy who had been shot"
        self.age_adjectives = words("figures.age_adjective")  # "a 17-year-old": one person
        self.age_units = words("figures.age_unit")
        self.wound_prepositions = words("figures.wound_preposition")  # "with gunshot wounds"
        # "the shooting of X": shot (or dead with a fatal word); "the wounding of X": injured
        self.harm_event_nouns = words("figures.harm_event_noun")
        self.shot_event_nouns = words("figures.shot_event_noun")

        # ---- victims a headline lists (headline_lists.py) ----
        self.selves = words("figures.self")
        self.others = words("figures.other")
        # People nouns of the lexicon that name who did it, not whom it befell.
        self.doers = words("figures.doer")
        # Of those, the ones that are persons: listed before what befell them ("Suspect, officer
        # wounded") they are among its victims, since the outcome says what happened to each one.
        self.person_doers = words("figures.person_doer")
        # Irregular plurals: of people in general ("men", "children": more than one), of doers
        self.plural_people = words("figures.plural_person")
        self.doer_plurals = words("figures.doer_plural")
        self.person_doer_plurals = words("figures.person_doer_plural")

        # ---- the cue lexicon (cues.py): a word, and the category or unit of people it says ----
        self.cue_rows = language.rows("figures_cues")
        # ---- lemmas guessed without a parser (cues.py) ----
        self.irregular = language.table("figures.irregular")  # "men": "man", "fled": "flee"
        self.suffixes = language.ordered("figures.suffix")  # stripped in this order


def _bounds(value: str) -> tuple[int, int]:
    low, high = value.split()
    return int(low), int(high)
