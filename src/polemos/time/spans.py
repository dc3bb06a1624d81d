"""Resolving amounts of time: durations, offsets ("two weeks ago"), clock times, sets, references."""

from __future__ import annotations

import re
from datetime import date, timedelta
from typing import Optional

from polemos.time.context import Context, Resolution
from polemos.time.dates import month_number, normal
from polemos.time.lexicon import UNITS, TimeWords
from polemos.time.values import add_months, day_value, duration_value, month_value, week_value


def unit_info(words: TimeWords, word: str) -> tuple[str, int, bool]:
    """(TIMEX3 letter, multiplier, is clock unit) for a unit word such as "days" or "decade"."""
    return UNITS[words.unit_name(word)]


def amount_of(words: TimeWords, count: str, half: Optional[str] = None) -> Optional[float]:
    """The number in "two", "a", "half an", "a couple of"; None when vague ("several")."""
    count = normal(count)
    if any(word in count for word in words.couple_words):
        return 2
    if words.patterns.vague_count.search(count):
        return None
    if count.startswith("half"):
        return 0.5
    value = 1 if count in words.one_words else words.numbers.parse(count)
    if value is not None and half:
        value += 0.5 if "half" in half or "1/2" in half else 0
    return value


def duration(c: dict, ctx: Context) -> Optional[Resolution]:
    if c.get("adjective") and "old" in c["adjective"].lower():
        return None  # an age ("a 45-year-old man")
    if c.get("of") is not None and normal(c["unit"]).startswith("quarter"):
        return None  # "three-quarters of the vote": a fraction
    letter, multiplier, is_clock = unit_info(ctx.words, c["unit"])
    amount = amount_of(ctx.words, c["count"], c.get("half") or c.get("half_after"))
    if re.fullmatch(r"(?:1[89]|20)\d\d", c["count"]) and _singular(c["unit"]):
        return None  # "the 1988 second quarter": a year, not an amount of time
    if amount is not None:
        amount *= multiplier
        if amount != int(amount):
            return Resolution("DURATION", fractional_duration(amount, letter, is_clock))
    elif multiplier > 1:  # "several decades": unknown number of years
        letter = "Y"
    return Resolution("DURATION", duration_value(amount, letter, is_clock))


LOWER_UNIT = {
    ("Y", False): ("M", 12, False),
    ("M", False): ("D", 30, False),
    ("W", False): ("D", 7, False),
    ("D", False): ("H", 24, True),
    ("H", True): ("M", 60, True),
    ("M", True): ("S", 60, True),
}


def fractional_duration(amount: float, letter: str, is_clock: bool) -> str:
    """ "2 1/2 years" -> P2Y6M, "a minute and a half" -> PT1M30S."""
    whole = int(amount)
    lower = LOWER_UNIT.get((letter, is_clock))
    if lower is None:
        return duration_value(amount, letter, is_clock)
    lower_letter, factor, lower_is_clock = lower
    rest = round((amount - whole) * factor)
    parts = f"{whole}{letter}" if whole else ""
    if lower_is_clock and not is_clock:
        return f"P{parts}T{rest}{lower_letter}"
    return ("PT" if is_clock else "P") + parts + f"{rest}{lower_letter}"


def _singular(unit: str) -> bool:
    return not normal(unit).endswith(("s", "centuries", "millennia"))


def bare_units(c: dict, ctx: Context) -> Resolution:
    letter, multiplier, is_clock = unit_info(ctx.words, c["unit"])
    return Resolution("DURATION", duration_value(None, "Y" if multiplier > 1 else letter, is_clock))


SHIFT_UNITS = {"D": "D", "W": "W", "M": "M", "Q": "M", "Y": "Y"}


def offset(c: dict, ctx: Context, start: int, end: int) -> Optional[Resolution]:
    """ "two weeks ago", "a year earlier", "two days before the full-scale invasion of Ukraine"."""
    direction = normal(c["direction"])
    letter, multiplier, is_clock = unit_info(ctx.words, c["unit"])
    amount = amount_of(ctx.words, c["count"], None)
    base, label, new_end = ctx.anchor, None, None
    if direction in ctx.words.event_relative_directions:
        event = ctx.find_event(end)
        if event is None:
            return _duration_before_direction(c, ctx, start, end)
        new_end, base, label = event
    elif direction == "since":
        return _duration_before_direction(c, ctx, start, end)
    elif direction in {"later", "earlier"} and letter in {"D", "W"} and not is_clock:
        base = ctx.reference_or_anchor
    elif letter == "Y" and multiplier == 1 and amount == 1 and ctx.reference_quarter:
        # "profit rose from $2 million a year ago": the quarter under discussion, a year back
        year_of, quarter_number = ctx.reference_quarter.split("-")
        return Resolution("DATE", f"{int(year_of) - 1}-{quarter_number}")
    if base is None:
        return None
    if amount is None:
        return Resolution("DATE", "PAST_REF" if direction in ctx.words.backward else "FUTURE_REF")
    sign = -1 if direction in ctx.words.backward else 1
    value = shifted(base, letter, multiplier, is_clock, sign * amount)
    if value is None:
        return None
    if label is None and base is not ctx.anchor:
        label = "date mentioned earlier in the document"
    anchor = f"{base.isoformat()} ({label})" if label else None
    return Resolution("DATE", value, anchor=anchor, end=new_end)


def shifted(base: date, letter: str, multiplier: int, is_clock: bool, amount: float) -> Optional[str]:
    """``base`` moved by ``amount`` units; None when the move leaves the calendar ("a million
    weeks ago")."""
    try:
        return _shifted(base, letter, multiplier, is_clock, amount)
    except (OverflowError, ValueError):
        return None


def _shifted(base: date, letter: str, multiplier: int, is_clock: bool, amount: float) -> Optional[str]:
    if is_clock:
        return day_value(base)
    if letter == "D":
        return day_value(base + timedelta(days=round(amount * multiplier)))
    if letter == "W":
        return week_value(base + timedelta(weeks=amount * multiplier))
    if letter == "M":
        moved = add_months(base, round(amount))
        return month_value(moved.year, moved.month)
    if letter == "Q":
        moved = add_months(base, round(amount * 3))
        return month_value(moved.year, moved.month)
    if letter == "Y":
        year = base.year + round(amount * multiplier)
        return f"{year:04d}" if 1 <= year <= 9999 else None
    return None


def _duration_before_direction(c: dict, ctx: Context, start: int, end: int) -> Optional[Resolution]:
    """ "two days after the attack" with no date for the attack: tag "two days" as a duration."""
    if normal(c["count"]) == "the":
        return None
    text = ctx.text[start:end]
    unit = re.search(r"(?i)\b" + re.escape(c["unit"]) + r"\b", text)
    if unit is None:
        return None  # the unit word is part of the match; a match without it is no duration
    unit_end = start + unit.end()
    resolved = duration(c, ctx)
    if resolved is not None:
        resolved.end = unit_end
    return resolved


def clock(c: dict, ctx: Context) -> Optional[Resolution]:
    hour = int(c["hour"])
    minute = int(c.get("minute") or 0)
    ampm = normal(c.get("ampm")).replace(".", "")
    if ampm == "pm" and hour < 12:
        hour += 12
    elif ampm == "am" and hour == 12:
        hour = 0
    if hour > 23:
        return None
    day = day_value(ctx.reference_or_anchor) if ctx.reference_or_anchor else "XXXX-XX-XX"
    return Resolution("TIME", f"{day}T{hour:02d}:{minute:02d}")


def clock_words(c: dict, ctx: Context) -> Optional[Resolution]:
    """ "4 in the morning", "8 in the evening"."""
    evening = normal(c["part"]) in {"afternoon", "evening", "night"}
    hour = int(c["hour"])
    if evening and hour < 12 and not (normal(c["part"]) == "night" and hour < 5):
        hour += 12
    return clock({"hour": str(hour % 24), "minute": c.get("minute")}, ctx)


def noon(c: dict, ctx: Context) -> Resolution:
    day = day_value(ctx.reference_or_anchor) if ctx.reference_or_anchor else "XXXX-XX-XX"
    return Resolution("TIME", f"{day}T{'24:00' if normal(c['word']) == 'midnight' else '12:00'}")


def frequency(c: dict, ctx: Context) -> Optional[Resolution]:
    if c.get("adverb"):
        return Resolution("SET", ctx.words.adverb_periods[normal(c["adverb"])])
    unit = normal(c.get("unit") or c.get("per")).rstrip(".")
    words = ctx.words
    if unit in words.weekdays:
        return Resolution("SET", f"XXXX-WXX-{words.weekdays[unit] + 1}")
    if unit in words.months:
        return Resolution("SET", f"XXXX-{month_number(words, unit):02d}")
    if unit in words.seasons:
        return Resolution("SET", f"XXXX-{words.seasons[unit]}")
    letter, multiplier, is_clock = unit_info(ctx.words, unit)
    count = normal(c.get("count"))
    amount = 2 if count == "other" else (amount_of(ctx.words, count) if count else 1)
    if amount is None:
        return None
    return Resolution("SET", duration_value(amount * multiplier, letter, is_clock))


def reference(c: dict, ctx: Context) -> Resolution:
    word = normal(c["word"])
    if word in ctx.words.references:
        return Resolution("DATE", ctx.words.references[word])
    if any(cue in word for cue in ctx.words.future_reference_cues):
        return Resolution("DATE", "FUTURE_REF")
    return Resolution("DATE", "PAST_REF")
