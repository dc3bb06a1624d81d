"""Calendar words and the regular-expression fragments the temporal grammar is built from.

The words are a language's (``calendar.csv`` and ``time.csv`` of its folder in ``polemos.lang``);
``TimeWords(language)`` reads them once and builds the fragments. What stays here is what no
language changes: the TIMEX3 codes of the calendar units and the digits of years. The regular
expressions that spell the language's words are its ``patterns/time.toml``, read and compiled
here too (``TimeWords.patterns``, see ``polemos.time.patterns``) with these fragments filled in.
"""

from __future__ import annotations

from polemos.lang import LanguageData, alternation
from polemos.numbers import NumberWords
from polemos.time.patterns import TimePatterns

#: TIMEX3 duration unit letter, multiplier and whether it is a clock unit, per calendar unit.
#: A language's ``calendar.unit`` list maps each of its unit words to one of these names.
UNITS = {
    "second": ("S", 1, True),
    "minute": ("M", 1, True),
    "hour": ("H", 1, True),
    "day": ("D", 1, False),
    "night": ("D", 1, False),
    "week": ("W", 1, False),
    "fortnight": ("W", 2, False),
    "month": ("M", 1, False),
    "quarter": ("Q", 1, False),
    "year": ("Y", 1, False),
    "decade": ("Y", 10, False),
    "century": ("Y", 100, False),
    "millennium": ("Y", 1000, False),
    "weekend": ("D", 2, False),
}
YEAR = r"(?:1[0-9]\d\d|20\d\d)"


class TimeWords:
    """The time stage's words of one language, as tables, sets and regular-expression fragments
    (compiled with re.IGNORECASE)."""

    def __init__(self, language: LanguageData):
        self.numbers = NumberWords(language)
        month_names, month_abbreviations = (
            language.numbers("calendar.month"),
            language.numbers("calendar.month_short"),
        )
        weekday_names, weekday_abbreviations = (
            language.numbers("calendar.weekday"),
            language.numbers("calendar.weekday_short"),
        )
        self.months = {**month_names, **month_abbreviations}
        self.weekdays = {**weekday_names, **weekday_abbreviations}
        self.seasons = language.table("calendar.season")
        # The parts a day is divided into ("Friday morning"), and words naming one on their own.
        day_parts = language.table("calendar.part_of_day")
        self.parts_of_day = {**day_parts, **language.table("calendar.time_of_day")}
        self.ordinals = language.numbers("calendar.ordinal")
        self.decades = language.numbers("calendar.decade")
        self.units = language.table("calendar.unit")  # every form of a unit word, to its name in UNITS
        unknown = set(self.units.values()) - set(UNITS)
        if unknown:
            raise ValueError(f"calendar.unit names units that do not exist: {sorted(unknown)}")

        self.past = language.words("time.past")
        self.next = language.words("time.next")
        # Relation words that count from the day last mentioned rather than from the document date.
        self.anaphoric = language.words("time.anaphoric")
        self.deictic_days = language.numbers("time.deictic_day")
        self.backward = language.words("time.backward")
        self.adverb_periods = language.table("time.adverb_period")
        self.references = language.table("time.reference")
        # Words of a reference ("the coming term", "years ahead") that put it in the future
        self.future_reference_cues = language.ordered("time.future_reference_cue")
        # The parts of a month, year or decade a bound word names ("early", "mid", "late"), in the
        # order they are tried, each to its TIMEX3 mod (START, MID, END)
        self.bound_cues = language.table("time.bound_cue")
        # Relation words that shift no day ("this morning", "the night"): a relative day needs another
        self.not_day_shifts = language.words("time.not_day_shift")
        self.one_words = language.words("time.one_word")  # "a day", "one week": a count of one
        self.couple_words = language.ordered("time.couple_word")  # "a couple of days": two
        # "two days before the invasion": counted from the event the phrase names, not the document
        self.event_relative_directions = language.words("time.event_relative_direction")
        self.quarter_shifts = language.numbers("time.quarter_shift")
        self.verb_months = language.words("time.verb_month")
        self.future_auxiliaries = language.words("time.future_auxiliary")
        self.future_verbs = language.words("time.future_verb")
        self.reporting_verbs = language.words("time.reporting_verb")

        # ---- regular-expression fragments ----
        self.month_full = alternation(month_names)
        self.month = rf"(?:{self.month_full}\b|{alternation(month_abbreviations)}\b\.?)"
        self.weekday_full = alternation(weekday_names)
        self.weekday = rf"(?:{self.weekday_full}|{alternation(weekday_abbreviations)}\b\.?)"
        self.season = alternation(self.seasons)
        self.part_of_day = alternation(day_parts)
        self.decade_word = alternation(self.decades)
        self.ordinal = alternation(self.ordinals)
        self.unit = alternation(self.units)
        self.count = rf"(?:{self.numbers.pattern}|{alternation(language.words('time.count'))})"
        #: Words meaning "an unspecified number of".
        self.vague_quantities = alternation(language.words("time.vague_quantity"))
        self.approx = rf"(?:{alternation(language.words('time.approx'))}\s+)"
        self.boundary = rf"(?:{alternation(language.words('time.boundary'))}[\s-]+)"
        self.relative = alternation(language.words("time.relative"))

        # ---- cue words: every match of a rule contains one of its cues as a whole word (see scan.py) ----
        # The resolvers look matched words up in the tables above, so the tables hold every form the
        # fragments match.
        self.month_words = frozenset(self.months)
        self.weekday_words = frozenset(self.weekdays)
        self.season_words = frozenset(self.seasons)
        self.part_of_day_words = frozenset(self.parts_of_day)
        self.decade_cue_words = frozenset(self.decades)
        self.unit_words = frozenset(word for phrase in self.units for word in phrase.split())

        self.patterns = TimePatterns(language, self._fragments(), self._cue_lists())

    def _fragments(self) -> dict[str, str]:
        """The fragments a pattern of ``patterns/time.toml`` may name as ``{placeholder}``."""
        return {
            "year": YEAR,
            "month": self.month,
            "month_full": self.month_full,
            "weekday": self.weekday,
            "weekday_full": self.weekday_full,
            "season": self.season,
            "part_of_day": self.part_of_day,
            "decade_word": self.decade_word,
            "ordinal": self.ordinal,
            "unit": self.unit,
            "count": self.count,
            "vague_quantities": self.vague_quantities,
            "approx": self.approx,
            "boundary": self.boundary,
            "relative": self.relative,
        }

    def _cue_lists(self) -> dict[str, frozenset[str]]:
        """The word lists a grammar rule may name as its cues (``{month}``: any month word)."""
        return {
            "month": self.month_words,
            "weekday": self.weekday_words,
            "season": self.season_words,
            "part_of_day": self.part_of_day_words,
            "decade_word": self.decade_cue_words,
            "unit": self.unit_words,
        }

    def unit_name(self, word: str) -> str:
        """The name in ``UNITS`` of a unit word ("days", "yrs", "centuries")."""
        return self.units[" ".join(word.lower().split()).rstrip(".")]
