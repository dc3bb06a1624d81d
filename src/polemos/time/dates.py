"""Resolving calendar expressions (DATE/TIME): explicit dates, months, seasons, weekdays, ..."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Optional

from polemos.time.context import Context, Resolution, bound_mod
from polemos.time.lexicon import DECADE_WORDS, MONTHS, ORDINALS, PARTS_OF_DAY, SEASONS, WEEKDAYS
from polemos.time.values import (
    SEASON_MONTHS, day_value, month_value, shift_value,
)

PAST_WORDS = {"last", "past", "this past", "previous", "the past", "the last", "the previous",
              "the preceding", "preceding"}
NEXT_WORDS = {"next", "coming", "this coming", "the coming", "the next", "following",
              "the following"}


def normal(word: Optional[str]) -> str:
    return " ".join(word.lower().split()) if word else ""


def month_number(word: str) -> int:
    return MONTHS[normal(word).rstrip(".")]


def choose_year(ctx: Context, month: int, day: Optional[int], rel: str = "") -> Optional[int]:
    """The year of a month (and day) given without one, from relation words or tense."""
    anchor = ctx.anchor
    if anchor is None:
        return None
    here = (anchor.month, anchor.day if day is not None else 0)
    there = (month, day or 0)
    if rel in NEXT_WORDS:
        return anchor.year if there > here else anchor.year + 1
    if rel in PAST_WORDS:
        return anchor.year if there < here else anchor.year - 1
    if rel == "this" or there == here:
        return anchor.year
    if ctx.tense == "future":
        return anchor.year if there >= here else anchor.year + 1
    if ctx.tense == "past":
        return anchor.year if there <= here else anchor.year - 1
    # No tense cue: the nearest occurrence (a December date in a January article is last year's).
    difference = month - anchor.month
    if difference > 6:
        return anchor.year - 1
    if difference < -6:
        return anchor.year + 1
    return anchor.year


def explicit_day(c: dict, ctx: Context) -> Optional[Resolution]:
    month = month_number(c["month"]) if not c["month"].isdigit() else int(c["month"])
    day = int("".join(ch for ch in c["day"] if ch.isdigit()))
    year = int(c["year"]) if c.get("year") else choose_year(ctx, month, day, normal(c.get("rel")))
    try:
        value = date(year, month, day).isoformat() if year else f"XXXX-{month:02d}-{day:02d}"
    except ValueError:
        return None
    return Resolution("DATE", value)


def month_year(c: dict, ctx: Context) -> Resolution:
    return Resolution("DATE", month_value(int(c["year"]), month_number(c["month"])), bound_mod(c.get("bound")))


def month_only(c: dict, ctx: Context) -> Resolution:
    month = month_number(c["month"])
    year = choose_year(ctx, month, None, normal(c.get("rel")))
    value = month_value(year, month) if year else f"XXXX-{month:02d}"
    return Resolution("DATE", value, bound_mod(c.get("bound")))


def year(c: dict, ctx: Context) -> Resolution:
    return Resolution("DATE", c["year"], bound_mod(c.get("bound")))


def year_range(c: dict, ctx: Context) -> Optional[Resolution]:
    first, second = c["year"], c["year2"]
    if len(second) == 2:
        second = first[:2] + second
    if int(second) <= int(first):
        return None
    return Resolution("DATE", f"{first}/{second}")


def decade(c: dict, ctx: Context) -> Resolution:
    if c.get("decade"):
        prefix = c["decade"]
    elif c.get("short"):
        prefix = ("19" if int(c["short"]) > 2 else "20") + c["short"]
    else:
        prefix = "19" + str(DECADE_WORDS[normal(c["words"])])
    mod = bound_mod(c.get("bound")) or bound_mod(c.get("part"))
    return Resolution("DATE", f"{prefix}X", mod)


def century(c: dict, ctx: Context) -> Optional[Resolution]:
    if c.get("ordinal"):
        return Resolution("DATE", f"{ORDINALS[normal(c['ordinal'])] - 1:02d}", bound_mod(c.get("bound")))
    if ctx.anchor is None:
        return None
    rel = normal(c.get("rel"))
    shift = -1 if rel in PAST_WORDS else 1 if rel in NEXT_WORDS else 0
    return Resolution("DATE", shift_value(ctx.anchor, "CE", shift), bound_mod(c.get("bound")))


def season(c: dict, ctx: Context) -> Optional[Resolution]:
    code = SEASONS[normal(c["season"])]
    mod = bound_mod(c.get("bound"))
    if c.get("year"):
        return Resolution("DATE", f"{c['year']}-{code}", mod)
    if ctx.anchor is None:
        return Resolution("DATE", f"XXXX-{code}", mod)
    rel = normal(c.get("rel"))
    first_month = SEASON_MONTHS[code][0]
    current = season_code(ctx.anchor)
    if code == current:
        year_of = ctx.anchor.year - (1 if ctx.anchor.month <= 2 else 0)
        year_of += -1 if rel in PAST_WORDS else 1 if rel in NEXT_WORDS else 0
        return Resolution("DATE", f"{year_of}-{code}", mod)
    ahead = (first_month - ctx.anchor.month) % 12 < 6
    if rel in NEXT_WORDS or (ctx.tense == "future" and rel not in PAST_WORDS):
        year_of = ctx.anchor.year if first_month > ctx.anchor.month else ctx.anchor.year + 1
    elif rel in PAST_WORDS or ctx.tense == "past" or not ahead:
        year_of = ctx.anchor.year if first_month < ctx.anchor.month else ctx.anchor.year - 1
    else:
        year_of = ctx.anchor.year
    return Resolution("DATE", f"{year_of}-{code}", mod)


def season_code(day: date) -> str:
    for code, (first, last) in SEASON_MONTHS.items():
        if first <= day.month <= last or (first > last and (day.month >= first or day.month <= last)):
            return code
    raise AssertionError(day)


def quarter(c: dict, ctx: Context) -> Optional[Resolution]:
    unit = "Q" if normal(c["unit"]) == "quarter" else "H"
    ordinal, rel = normal(c.get("ordinal")), normal(c.get("rel"))
    year_of = quarter_year(c, ctx)
    if ordinal in ORDINALS:
        number = ORDINALS[ordinal]
        if number > (4 if unit == "Q" else 2):
            return None
        return Resolution("DATE", f"{year_of or 'XXXX'}-{unit}{number}", bound_mod(c.get("bound")))
    if ctx.anchor is None or unit == "H" and not ordinal:
        return None
    if not ordinal and not rel:
        return None
    shift = {"this": 0, "current": 0, "the current": 0, "the same": 0, "next": 1,
             "the next": 1, "the coming": 1, "coming": 1}.get(rel, -1)
    if ordinal in {"year-earlier", "year-ago"}:
        shift = -5
    return Resolution("DATE", shift_value(ctx.anchor, "Q", shift))


def quarter_year(c: dict, ctx: Context) -> Optional[int]:
    if c.get("year"):
        return int(c["year"])
    owner = normal(c.get("owner")) or normal(c.get("yrel"))
    if owner[:4].isdigit():
        return int(owner[:4])
    if ctx.anchor is None:
        return None
    return ctx.anchor.year + (-1 if owner.startswith("last") else 1 if owner.startswith("next") else 0)


def quarter_code(c: dict, ctx: Context) -> Resolution:
    code = c["code"].upper()
    return Resolution("DATE", f"{c['year']}-{code}")


def weekday(c: dict, ctx: Context) -> Optional[Resolution]:
    wanted = WEEKDAYS[normal(c["weekday"])]
    part = PARTS_OF_DAY.get(normal(c.get("part")))
    base = ctx.anchor
    if base is None:
        return Resolution("DATE", f"XXXX-WXX-{wanted + 1}")
    rel = normal(c.get("rel"))
    if rel == "that" and ctx.reference:
        base = ctx.reference
    delta = wanted - base.weekday()
    if rel in NEXT_WORDS or (not rel and ctx.tense == "future"):
        delta = delta if delta > 0 else delta + 7
    elif rel in PAST_WORDS or (not rel and ctx.tense != "future" and delta > 0):
        delta = delta if delta < 0 else delta - 7
    value = day_value(base + timedelta(days=delta))
    if part:
        return Resolution("TIME", f"{value}T{part}")
    return Resolution("DATE", value)


DEICTIC_DAYS = {"today": 0, "tonight": 0, "yesterday": -1, "tomorrow": 1, "overnight": 0,
                "last night": -1}


def deictic(c: dict, ctx: Context) -> Optional[Resolution]:
    if ctx.anchor is None:
        return None
    word = normal(c["word"])
    day = ctx.anchor + timedelta(days=DEICTIC_DAYS[word])
    part = PARTS_OF_DAY.get(normal(c.get("part"))) or PARTS_OF_DAY.get(word.split()[-1])
    if part:
        return Resolution("TIME", f"{day_value(day)}T{part}")
    return Resolution("DATE", day_value(day))


def part_of_day(c: dict, ctx: Context) -> Optional[Resolution]:
    base = ctx.reference_or_anchor if normal(c["rel"]) == "that" else ctx.anchor
    if base is None:
        return None
    return Resolution("TIME", f"{day_value(base)}T{PARTS_OF_DAY[normal(c['part'])]}")


UNIT_CODES = {"week": "W", "weekend": "W", "month": "M", "year": "Y", "decade": "DE",
              "day": "D", "night": "D"}


def relative_unit(c: dict, ctx: Context) -> Optional[Resolution]:
    unit, rel = normal(c["unit"]), normal(c.get("rel"))
    mod = bound_mod(c.get("bound"))
    if unit in {"day", "night"}:
        return relative_day(unit, rel, ctx)
    if ctx.anchor is None:
        return None
    if unit == "decade" and rel in PAST_WORDS:
        return Resolution("DURATION", "P10Y")
    shift = -1 if rel in PAST_WORDS else 1 if rel in NEXT_WORDS else 0
    value = shift_value(ctx.anchor, UNIT_CODES[unit], shift)
    if unit == "weekend":
        value += "-WE"
    return Resolution("DATE", value, mod)


def relative_day(unit: str, rel: str, ctx: Context) -> Optional[Resolution]:
    if rel in {"the", "this", "last", "past", "next", "coming"} or ctx.reference_or_anchor is None:
        return None
    shift = -1 if rel in PAST_WORDS else 1 if rel in NEXT_WORDS else 0
    day = ctx.reference_or_anchor + timedelta(days=shift)
    if unit == "night":
        return Resolution("TIME", f"{day_value(day)}TNI")
    return Resolution("DATE", day_value(day))
