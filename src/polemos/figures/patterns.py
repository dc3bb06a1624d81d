"""The figures stage's regular expressions of one language (``patterns/figures.toml`` of its
folder), compiled once when the stage is built.

Each spells out words of the language: the cues of a casualty ("shot and killed", "the death
toll rose to"), what a number is not a count of ("percent", "years old"), a headline's victims.
A pattern the language lacks matches nothing, so a new language runs without the readings it
has no words for. Whether a pattern ignores case is said here, as the code using it relies on it.
"""

from __future__ import annotations

import re

from polemos.lang import LanguageData

STAGE = "figures"


class FigurePatterns:
    """The compiled patterns of one language; ``number`` is the pattern of one number expression."""

    def __init__(self, language: LanguageData, number: str):
        def pattern(key: str, **values: str) -> str:
            return language.pattern(f"{STAGE}.{key}", **values)

        def compiled(key: str, flags: int = re.IGNORECASE, **values: str) -> re.Pattern[str]:
            return re.compile(pattern(key, **values), flags)

        month = pattern("month")
        headline_person = pattern("headline_person")

        # ---- what a number is not a count of ----
        self.not_a_count_after = compiled("not_a_count_after", month=month)  # "30 percent", "a 6-yo"
        self.not_a_count_before = compiled("not_a_count_before", month=month)  # "$ 30", "Channel 5"
        self.age_after_name = compiled("age_after_name", 0)  # "Jane Doe, 32, said"
        self.age_close = compiled("age_close", 0)
        self.at_a_time = compiled("at_a_time")  # "pronounced dead at 5"
        self.toll_before = compiled("toll_before")  # "the death toll rose to 58"
        self.a_tally = compiled("a_tally")  # "the toll stands at 58" is no time
        self.one_of = compiled("one_of", 0)  # "one of the men" counts nobody
        self.one_of_them_died = compiled("one_of_them_died")  # but "one of them died" one dead

        # ---- what a count counts ----
        self.left_place = compiled("left_place", 0)  # "100,000 Armenians left their homes"
        self.to_hospital = compiled("to_hospital")
        self.fatally_after = compiled("fatally_after")  # "four men were shot, one fatally"
        self.shot_outcome = compiled("shot_outcome")  # "shot and killed", "fatally shot"
        self.self_killing = compiled("self_killing")  # "took his own life"
        self.coordination = compiled("coordination", 0)  # "two men and a woman"
        self.part_of_group = compiled("part_of_group", number=number)  # "One of four women wounded ..."
        self.group_hurt = compiled("group_hurt")
        self.part_died = compiled("part_died")  # "... has died"
        self.tally_period = compiled("tally_period")  # "so far this year", "since January"
        self.this_year = compiled("this_year")
        self.tally_tense = compiled("tally_tense")
        self.link_line = compiled("link_line")  # "Related stories:"

        # ---- a headline's victims ----
        self.headline_victim = compiled("headline_victim", headline_person=headline_person)  # "Teen shot ..."
        self.fatal_incident = compiled("fatal_incident")  # "Arrest in fatal shooting at bar"
        self.death_of_one = compiled("death_of_one")  # "charged after death of 3-year-old"
        self.shooting_of_one = compiled("shooting_of_one", headline_person=headline_person)  # "shooting injures teen"

        # ---- victims a headline lists ("Teen, Woman Killed") ----
        self.list_subject_outcome = compiled("list_subject_outcome")  # "... killed"
        self.list_object_verb = compiled("list_object_verb")  # "kills ..."
        self.list_dead_words = compiled("list_dead_words")
        self.list_hurt_words = compiled("list_hurt_words")
        self.list_separator = compiled("list_separator")  # ", ", " and "
        self.list_after = compiled("list_after", re.IGNORECASE | re.DOTALL)  # "... in south Las Vegas"
        self.list_age_noun = compiled("list_age_noun", 0)  # "3-year-old"

        # ---- number phrases: "between 30 and 40", "30 to 40" (a fragment of the amount pattern) ----
        self.range = pattern("range", number=number)
