"""Context checks that reject look-alikes before a candidate is kept.

"may" the verb, "fall" the noun ("the fall of Kabul"), "2000 soldiers", a bare "years"
that is not about time, and so on. Rejected candidates leave room for shorter ones.
"""

from __future__ import annotations

import re

from polemos.time.grammar import Candidate
from polemos.time.lexicon import TimeWords

_YEAR_COUNT_NOUN = re.compile(
    r"\s+(?:people|persons|soldiers|troops|civilians|men|women|children|refugees|fighters|"
    r"dead|killed|wounded|deaths|casualties|homes|houses|km|kilometres|kilometers|miles|metres|"
    r"meters|tons|tonnes|dollars|euros|rubles|manat|drams|units|vehicles|tanks|rounds|shells|"
    r"missiles|drones|votes|members|employees|workers|jobs|shares|points|feet|acres)\b",
    re.IGNORECASE,
)
# A house number or a block of a street, not a year: "the 1800 block of", "1917 Prospect Ave.",
# "the 1200 and 1300 blocks", "2010 N. Lake Shore Drive".
_ADDRESS_AFTER = re.compile(
    r"(?:\s*(?:and|to|-|–)\s*\d{3,5})?[\s-]+blocks?\b"
    r"|\s+(?:(?:[NSEW]\.?|North|South|East|West|Old)\s+)?(?:[A-Z0-9][\w'.-]*\s+){1,3}"
    r"(?:Street|St|Avenue|Ave|Road|Rd|Boulevard|Blvd|Drive|Dr|Lane|Ln|Way|Court|Ct|Place|Pl|Parkway|Pkwy"
    r"|Highway|Hwy|Circle|Cir|Terrace|Ter|Trail|Pike|Square|Sq|Alley|Expressway|Freeway)\b",
)
_YEAR_PREPOSITION_BEFORE = re.compile(r"\b(?:in|since|until|during|by|after|before)\s+$", re.IGNORECASE)
_TIME_PREPOSITION_BEFORE = re.compile(
    r"(?:\b(?:in|since|by|until|till|through|throughout|from|to|of|during|before|after|between|"
    r"and|or|early|late|mid|fiscal|year|around|about|circa|the|spring|summer|autumn|fall|winter)"
    r"\s*|[(,–-]\s*)$",
    re.IGNORECASE,
)
_BARE_UNITS_BEFORE = re.compile(
    r"\b(?:for|over|within|in|after|than|took|take|takes|spent|spend|last|lasted)\s+$", re.IGNORECASE
)
_BARE_UNITS_AFTER = re.compile(r"^(?:\s+(?:ago|later|earlier|before|of\b)|-long)", re.IGNORECASE)
_SEASON_CUE_BEFORE = re.compile(
    r"\b(?:in|into|during|by|since|until|through|over|this|last|next|early|late|of)\s+(?:the\s+)?$", re.IGNORECASE
)
_AMOUNT_CUES = re.compile(
    r"[$€£%]|\b(?:per\s*cent|percent|shares?|stocks?|prices?|index|closed|rose|fell|yields?|rates?|traded|"
    r"million|billion|points?|metres?|meters?|kilometres?|kilometers?|miles?|kg|tons?|tonnes?|cents?|"
    r"dollars?|euros?|pounds?|score[ds]?|won|beat|lost|goals?|seconds?|minutes?|percentage)\b",
    re.IGNORECASE,
)
# Words before a number that make it a label or a tally, not a date.
_LABEL_BEFORE = re.compile(
    r"(?:\bno\.|\bnumber|\bnos?\.?|#|\bcase|\bdocket|\bfile|\bpage|\broute|\bflight|\bmodel|\brecords?"
    r"|\bscores?|\bvotes?|\bwon|\blost|\btied)\s*(?:of\s+|a\s+|an\s+)?$",
    re.IGNORECASE,
)
_CLOCK_CUE_BEFORE = re.compile(r"\b(?:at|by|from|until|till|to|around|about|after|before|since)\s+$", re.IGNORECASE)


def plausible(candidate: Candidate, text: str, words: TimeWords) -> bool:
    """Whether the candidate reads as a time expression in its context."""
    if candidate.kind == "month":
        return _month(candidate, text, words.verb_months)
    check = _CHECKS.get(candidate.kind)
    return check(candidate, text) if check else True


def _month(candidate: Candidate, text: str, verb_months: frozenset[str]) -> bool:
    """Bare "May"/"March" only where a month reads naturally ("in May", "last March")."""
    month = candidate.groups.get("month", "")
    if month.lower() not in verb_months or candidate.groups.get("year"):
        return True
    if month.islower() or month.isupper():
        return False
    if not candidate.groups.get("rel") and not candidate.groups.get("bound"):
        before = text[max(0, candidate.start - 20) : candidate.start]
        return bool(re.search(r"\b(?:in|since|until|by|of|during|early|late|mid|last|next|this|the)\s+$", before, re.I))
    return True


def _year(candidate: Candidate, text: str) -> bool:
    if candidate.groups.get("fiscal") or candidate.groups.get("bound"):
        return True
    after = text[candidate.end : candidate.end + 25]
    before = text[max(0, candidate.start - 25) : candidate.start]
    if _YEAR_COUNT_NOUN.match(after) and not _TIME_PREPOSITION_BEFORE.search(before):
        return False
    if _ADDRESS_AFTER.match(text, candidate.end, candidate.end + 60) and not _YEAR_PREPOSITION_BEFORE.search(before):
        return False
    if re.search(r"\d{3}[-.]$", before):
        return False  # the last digits of a telephone number: "(910) 555-1481"
    return not re.search(
        r"(?:\bno\.|\bnumber|#|\bpage|\broute|\bflight|\bmodel|\babout|\bsome|\bover|\bnearly|\balmost)\s*$",
        before,
        re.I,
    )


def _numeric(candidate: Candidate, text: str) -> bool:
    """ "9/17/16" is a date, but "case no. 12-31-45" and "a 3-1-12 record" are labels and tallies."""
    if not candidate.groups.get("short_year"):
        return True
    before = text[max(0, candidate.start - 25) : candidate.start]
    return not _LABEL_BEFORE.search(before)


def _season(candidate: Candidate, text: str) -> bool:
    if candidate.groups.get("year") or candidate.groups.get("bound"):
        return True
    rel = (candidate.groups.get("rel") or "").lower()
    after = text[candidate.end : candidate.end + 4]
    if rel and rel != "the":
        return True
    before = text[max(0, candidate.start - 20) : candidate.start]
    if re.match(r"\s+of\b", after) or not _SEASON_CUE_BEFORE.search(before):
        return False
    return True


def _bare_units(candidate: Candidate, text: str) -> bool:
    if candidate.groups.get("recent"):
        return True
    before = text[max(0, candidate.start - 12) : candidate.start]
    after = text[candidate.end : candidate.end + 8]
    return bool(_BARE_UNITS_BEFORE.search(before) or _BARE_UNITS_AFTER.match(after))


def _clock24(candidate: Candidate, text: str) -> bool:
    zone = (candidate.groups.get("zone") or "").lower()
    before = text[max(0, candidate.start - 10) : candidate.start]
    if not candidate.groups.get("separator"):
        # "at 2230 GMT", "at 1230 hours", but not "it took 2000 hours"
        hour_word = zone.startswith("h")
        return (
            bool(zone)
            and (not hour_word or bool(_CLOCK_CUE_BEFORE.search(before)))
            and len(text[candidate.start : candidate.end].split()[0]) == 4
        )
    if zone:
        return True
    if not _CLOCK_CUE_BEFORE.search(before):
        return False
    if candidate.groups.get("separator") == ".":
        # "at 12.30" is a time, but "closed at 12.30" a price and "at 12.30 per cent" a rate
        around = text[max(0, candidate.start - 60) : candidate.end + 20]
        return not _AMOUNT_CUES.search(around)
    return True


def _quarter(candidate: Candidate, text: str) -> bool:
    groups = candidate.groups
    is_period = groups["unit"].lower() == "period"
    qualifier = f"{groups.get('rel') or ''} {groups.get('ordinal') or ''}".lower()
    if is_period and not (groups.get("owner") or "latest" in qualifier or "same" in qualifier):
        return False
    if is_period or not groups.get("ordinal") and (groups.get("rel") or "").lower() == "the":
        # "the quarter" is a period in business reporting; elsewhere often a city quarter
        return bool(
            re.search(
                r"\b(?:earnings|profit|revenue|sales|loss|results?|income)\b",
                text[max(0, candidate.start - 300) : candidate.end + 300],
                re.I,
            )
        )
    return True


def _reference(candidate: Candidate, text: str) -> bool:
    word = text[candidate.start : candidate.end].lower()
    after = text[candidate.end : candidate.end + 12].lower()
    if word == "earlier":
        # "earlier" alone ("as reported earlier"), not "earlier than" or "an earlier report"
        before = text[max(0, candidate.start - 4) : candidate.start].lower()
        return not after.startswith(" than") and not before.endswith(("an ", "the ", "a "))
    if word == "future":
        return not after.startswith((" tense",))
    if word == "current":
        return not re.match(r"\s+(?:account|affairs|events)\b", after)
    return True


def _weekday(candidate: Candidate, text: str) -> bool:
    # "Bloody Sunday", "Good Friday" name events, but still denote a day; keep them.
    return True


def _noon(candidate: Candidate, text: str) -> bool:
    """ "Kelsey Noon" is a surname: a capitalised "Noon" right after a capitalised name."""
    word = text[candidate.start : candidate.end]
    before = text[max(0, candidate.start - 30) : candidate.start]
    return not (
        word[:1].isupper()
        and not word.isupper()
        and re.search(r"\b[A-Z][a-z]+\s$", before)
        and not re.search(r"(?:^|[.!?:]\s*)[A-Z][a-z]+\s$", before)
    )


_CHECKS = {
    "numeric": _numeric,
    "year": _year,
    "season": _season,
    "bare_units": _bare_units,
    "clock24": _clock24,
    "quarter": _quarter,
    "reference": _reference,
    "weekday": _weekday,
    "noon": _noon,
}
