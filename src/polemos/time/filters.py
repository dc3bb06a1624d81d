"""Context checks that reject look-alikes before a candidate is kept.

"may" the verb, "fall" the noun ("the fall of Kabul"), "2000 soldiers", a bare "years"
that is not about time, and so on. Rejected candidates leave room for shorter ones. The
patterns of the words around a candidate are the language's (``TimeWords.patterns``).
"""

from __future__ import annotations

import re

from polemos.time.grammar import Candidate
from polemos.time.lexicon import TimeWords
from polemos.time.patterns import TimePatterns


def plausible(candidate: Candidate, text: str, words: TimeWords) -> bool:
    """Whether the candidate reads as a time expression in its context."""
    if candidate.kind == "month":
        return _month(candidate, text, words)
    check = _CHECKS.get(candidate.kind)
    return check(candidate, text, words.patterns) if check else True


def _month(candidate: Candidate, text: str, words: TimeWords) -> bool:
    """Bare "May"/"March" only where a month reads naturally ("in May", "last March")."""
    month = candidate.groups.get("month", "")
    if month.lower() not in words.verb_months or candidate.groups.get("year"):
        return True
    if month.islower() or month.isupper():
        return False
    if not candidate.groups.get("rel") and not candidate.groups.get("bound"):
        before = text[max(0, candidate.start - 20) : candidate.start]
        return bool(words.patterns.month_cue_before.search(before))
    return True


def _year(candidate: Candidate, text: str, patterns: TimePatterns) -> bool:
    if candidate.groups.get("fiscal") or candidate.groups.get("bound"):
        return True
    after = text[candidate.end : candidate.end + 25]
    before = text[max(0, candidate.start - 25) : candidate.start]
    if patterns.year_count_noun.match(after) and not patterns.time_preposition_before.search(before):
        return False
    address = patterns.address_after.match(text, candidate.end, candidate.end + 60)
    if address and not patterns.year_preposition_before.search(before):
        return False
    if re.search(r"\d{3}[-.]$", before):
        return False  # the last digits of a telephone number: "(910) 555-1481"
    return not patterns.year_label_before.search(before)


def _numeric(candidate: Candidate, text: str, patterns: TimePatterns) -> bool:
    """ "9/17/16" is a date, but "case no. 12-31-45" and "a 3-1-12 record" are labels and tallies."""
    if not candidate.groups.get("short_year"):
        return True
    before = text[max(0, candidate.start - 25) : candidate.start]
    return not patterns.label_before.search(before)


def _season(candidate: Candidate, text: str, patterns: TimePatterns) -> bool:
    if candidate.groups.get("year") or candidate.groups.get("bound"):
        return True
    rel = (candidate.groups.get("rel") or "").lower()
    after = text[candidate.end : candidate.end + 4]
    if rel and rel != "the":
        return True
    before = text[max(0, candidate.start - 20) : candidate.start]
    if patterns.season_of_after.match(after) or not patterns.season_cue_before.search(before):
        return False
    return True


def _bare_units(candidate: Candidate, text: str, patterns: TimePatterns) -> bool:
    if candidate.groups.get("recent"):
        return True
    before = text[max(0, candidate.start - 12) : candidate.start]
    after = text[candidate.end : candidate.end + 8]
    return bool(patterns.bare_units_before.search(before) or patterns.bare_units_after.match(after))


def _clock24(candidate: Candidate, text: str, patterns: TimePatterns) -> bool:
    zone = (candidate.groups.get("zone") or "").lower()
    before = text[max(0, candidate.start - 10) : candidate.start]
    if not candidate.groups.get("separator"):
        # "at 2230 GMT", "at 1230 hours", but not "it took 2000 hours"
        hour_word = zone.startswith("h")
        return (
            bool(zone)
            and (not hour_word or bool(patterns.clock_cue_before.search(before)))
            and len(text[candidate.start : candidate.end].split()[0]) == 4
        )
    if zone:
        return True
    if not patterns.clock_cue_before.search(before):
        return False
    if candidate.groups.get("separator") == ".":
        # "at 12.30" is a time, but "closed at 12.30" a price and "at 12.30 per cent" a rate
        around = text[max(0, candidate.start - 60) : candidate.end + 20]
        return not patterns.amount_cues.search(around)
    return True


def _quarter(candidate: Candidate, text: str, patterns: TimePatterns) -> bool:
    groups = candidate.groups
    is_period = groups["unit"].lower() == "period"
    qualifier = f"{groups.get('rel') or ''} {groups.get('ordinal') or ''}".lower()
    if is_period and not (groups.get("owner") or "latest" in qualifier or "same" in qualifier):
        return False
    if is_period or not groups.get("ordinal") and (groups.get("rel") or "").lower() == "the":
        # "the quarter" is a period in business reporting; elsewhere often a city quarter
        return bool(patterns.quarter_business_context.search(text[max(0, candidate.start - 300) : candidate.end + 300]))
    return True


def _reference(candidate: Candidate, text: str, patterns: TimePatterns) -> bool:
    word = text[candidate.start : candidate.end].lower()
    after = text[candidate.end : candidate.end + 12].lower()
    if word == "earlier":
        # "earlier" alone ("as reported earlier"), not "earlier than" or "an earlier report"
        before = text[max(0, candidate.start - 4) : candidate.start].lower()
        return not after.startswith(" than") and not before.endswith(("an ", "the ", "a "))
    if word == "future":
        return not after.startswith((" tense",))
    if word == "current":
        return not patterns.current_not_time_after.match(after)
    return True


def _weekday(candidate: Candidate, text: str, patterns: TimePatterns) -> bool:
    # "Bloody Sunday", "Good Friday" name events, but still denote a day; keep them.
    return True


def _noon(candidate: Candidate, text: str, patterns: TimePatterns) -> bool:
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
