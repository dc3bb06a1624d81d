"""Resolving calendar expressions (DATE/TIME): explicit dates, months, seasons, weekdays, ..."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Callable, Optional

from polemos.time.context import Context, Resolution, bound_mod
from polemos.time.lexicon import TimeWords
from polemos.time.values import (
    SEASON_MONTHS,
    day_value,
    month_value,
    shift_value,
    week_value,
)


def normal(word: Optional[str]) -> str:
    return " ".join(word.lower().split()) if word else ""


def month_number(words: TimeWords, word: str) -> int:
    return words.months[normal(word).rstrip(".")]


def choose_year(ctx: Context, month: int, day: Optional[int], rel: str = "") -> Optional[int]:
    """The year of a month (and day) given without one, from relation words or tense."""
    anchor = ctx.anchor
    if anchor is None:
        return None
    here = (anchor.month, anchor.day if day is not None else 0)
    there = (month, day or 0)
    if rel in ctx.words.next:
        return anchor.year if there > here else anchor.year + 1
    if rel in ctx.words.past:
        return anchor.year if there < here else anchor.year - 1
    difference = month - anchor.month
    if rel == "this" or abs(difference) <= 2:
        return anchor.year
    if ctx.tense == "future":
        return anchor.year if difference >= 0 else anchor.year + 1
    if ctx.tense == "past":
        return anchor.year if difference <= 0 else anchor.year - 1
    # No tense cue: the nearest occurrence (a December date in a January article is last year's).
    if difference > 6:
        return anchor.year - 1
    if difference < -6:
        return anchor.year + 1
    return anchor.year


def explicit_day(c: dict, ctx: Context) -> Optional[Resolution]:
    month = month_number(ctx.words, c["month"]) if not c["month"].isdigit() else int(c["month"])
    day = int("".join(ch for ch in c["day"] if ch.isdigit()))
    if c.get("year"):
        year: Optional[int] = int(c["year"])
    elif c.get("short_year"):
        year = full_year(int(c["short_year"]), ctx.anchor)
    else:
        year = choose_year(ctx, month, day, normal(c.get("rel")))
    if year and not c.get("year") and c.get("weekday"):
        year = _year_of_weekday(year, month, day, ctx.words.weekdays[normal(c["weekday"])])
    try:
        value = date(year, month, day).isoformat() if year else f"XXXX-{month:02d}-{day:02d}"
    except ValueError:
        return None
    return Resolution("DATE", value)


# A two-digit year more than this many years after the document's is read in the century before:
# "9/17/16" in a 2017 article is 2016, "6/1/98" 1998.
SHORT_YEAR_AHEAD = 10
# Without a document date, POSIX ``strptime``'s pivot: 69-99 are 1969-1999, 00-68 are 2000-2068.
SHORT_YEAR_PIVOT = 69


def full_year(short: int, anchor: Optional[date]) -> int:
    """The year "16" of "9/17/16" stands for: the nearest one not far after the document's."""
    if anchor is None:
        return (1900 if short >= SHORT_YEAR_PIVOT else 2000) + short
    year = anchor.year - anchor.year % 100 + short
    return year - 100 if year > anchor.year + SHORT_YEAR_AHEAD else year


def _year_of_weekday(year: int, month: int, day: int, weekday: int) -> int:
    """ "Saturday, Sept. 12" written without its year: when the 12th of September of the year
    chosen is no Saturday but that of the year before is, the text means the year before (a
    story recalling last year's incident)."""
    try:
        if date(year, month, day).weekday() != weekday and date(year - 1, month, day).weekday() == weekday:
            return year - 1
    except ValueError:
        pass  # 29 February
    return year


def month_year(c: dict, ctx: Context) -> Optional[Resolution]:
    if c.get("year"):
        return Resolution(
            "DATE",
            month_value(int(c["year"]), month_number(ctx.words, c["month"])),
            bound_mod(ctx.words, c.get("bound")),
        )
    if ctx.anchor is None:
        return None
    rel = normal(c["yrel"])  # "January this year", "June last year"
    year_of = ctx.anchor.year + (-1 if rel == "last" else 1 if rel == "next" else 0)
    return Resolution(
        "DATE", month_value(year_of, month_number(ctx.words, c["month"])), bound_mod(ctx.words, c.get("bound"))
    )


def month_only(c: dict, ctx: Context) -> Resolution:
    month = month_number(ctx.words, c["month"])
    year = choose_year(ctx, month, None, normal(c.get("rel")))
    value = month_value(year, month) if year else f"XXXX-{month:02d}"
    return Resolution("DATE", value, bound_mod(ctx.words, c.get("bound")))


def year(c: dict, ctx: Context) -> Resolution:
    return Resolution("DATE", c["year"], bound_mod(ctx.words, c.get("bound")))


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
        prefix = "19" + str(ctx.words.decades[normal(c["words"])])
    mod = bound_mod(ctx.words, c.get("bound")) or bound_mod(ctx.words, c.get("part"))
    return Resolution("DATE", prefix, mod)  # TIMEX3 writes a decade as its first three digits


def century(c: dict, ctx: Context) -> Optional[Resolution]:
    if c.get("ordinal"):
        return Resolution(
            "DATE", f"{ctx.words.ordinals[normal(c['ordinal'])] - 1:02d}", bound_mod(ctx.words, c.get("bound"))
        )
    if ctx.anchor is None:
        return None
    rel = normal(c.get("rel"))
    shift = -1 if rel in ctx.words.past else 1 if rel in ctx.words.next else 0
    return Resolution("DATE", shift_value(ctx.anchor, "CE", shift), bound_mod(ctx.words, c.get("bound")))


def season(c: dict, ctx: Context) -> Optional[Resolution]:
    code = ctx.words.seasons[normal(c["season"])]
    mod = bound_mod(ctx.words, c.get("bound"))
    if c.get("year"):
        return Resolution("DATE", f"{c['year']}-{code}", mod)
    if ctx.anchor is None:
        return Resolution("DATE", f"XXXX-{code}", mod)
    rel = normal(c.get("rel"))
    first_month = SEASON_MONTHS[code][0]
    current = season_code(ctx.anchor)
    if rel == "this" and not (code == "WI" and ctx.anchor.month <= 2):
        return Resolution("DATE", f"{ctx.anchor.year}-{code}", mod)
    if code == current:
        year_of = ctx.anchor.year - (1 if ctx.anchor.month <= 2 else 0)
        year_of += -1 if rel in ctx.words.past else 1 if rel in ctx.words.next else 0
        return Resolution("DATE", f"{year_of}-{code}", mod)
    ahead = (first_month - ctx.anchor.month) % 12 < 6
    if rel in ctx.words.next or (ctx.tense == "future" and rel not in ctx.words.past):
        year_of = ctx.anchor.year if first_month > ctx.anchor.month else ctx.anchor.year + 1
    elif rel in ctx.words.past or ctx.tense == "past" or not ahead:
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
    unit = "H" if normal(c["unit"]) == "half" else "Q"
    ordinal, rel = normal(c.get("ordinal")), normal(c.get("rel"))
    if unit == "H" and not ordinal and rel in {"the last", "last"} and (c.get("year") or c.get("yrel")):
        ordinal = "second"  # "the last half of 1989"
    year_of = quarter_year(c, ctx)
    if ordinal in ctx.words.ordinals:
        number = ctx.words.ordinals[ordinal]
        if number > (4 if unit == "Q" else 2):
            return None
        if year_of and not c.get("year") and not c.get("owner") and not c.get("yrel") and ctx.anchor:
            year_of = _period_year(ctx, number * (3 if unit == "Q" else 6), unit)
        return Resolution("DATE", f"{year_of or 'XXXX'}-{unit}{number}", bound_mod(ctx.words, c.get("bound")))
    if ctx.anchor is None or unit == "H":
        return None
    if not ordinal and not rel and not c.get("owner"):
        return None
    shift = ctx.words.quarter_shifts.get(rel, -1)
    value = ctx.reference_quarter if rel in {"the", "the same"} and ctx.reference_quarter else None
    value = value or shift_value(ctx.anchor, "Q", shift)
    if c.get("owner") and year_of:
        value = f"{year_of}{value[4:]}"
    return Resolution("DATE", value)


def year_ago(c: dict, ctx: Context) -> Optional[Resolution]:
    """ "the year-earlier quarter", "the year-ago period": the period under discussion, a year back."""
    if ctx.anchor is None:
        return None
    unit, ordinal = normal(c.get("unit")), normal(c.get("ordinal"))
    if unit == "year":
        return Resolution("DATE", str(ctx.anchor.year - 1))
    current = ctx.reference_quarter or shift_value(ctx.anchor, "Q", -1)
    year_of, quarter_number = int(current[:4]) - 1, current[-1]
    if ordinal in ctx.words.ordinals and ctx.words.ordinals[ordinal] <= 4:
        quarter_number = str(ctx.words.ordinals[ordinal])
    return Resolution("DATE", f"{year_of}-Q{quarter_number}")


def year_end(c: dict, ctx: Context) -> Optional[Resolution]:
    base = ctx.anchor.year if ctx.anchor else None
    rel = normal(c.get("rel"))
    if rel:
        if ctx.anchor is None:
            return None
        base = ctx.anchor.year + (-1 if rel in ctx.words.past else 1 if rel in ctx.words.next else 0)
    if base is None:
        return None
    return Resolution("DATE", str(base), "END")


def year_words(c: dict, ctx: Context) -> Optional[Resolution]:
    """ "nineteen ninety-six", "two thousand three", "the year two thousand"."""
    words = normal(c["words"]).replace("-", " ")
    value: Optional[float]
    if words.startswith("two thousand"):
        rest = words[len("two thousand") :].replace(" and ", " ").strip()
        value = 2000 + (ctx.words.numbers.parse(rest) or 0 if rest else 0)
        if not rest and not c.get("the"):
            return None  # "two thousand" alone is more often a number
    else:
        century, _, rest = words.partition(" ")
        rest = rest.replace("oh ", "")
        value = (1900 if century == "nineteen" else 2000) + (ctx.words.numbers.parse(rest) or 0)
        if century == "twenty":
            number = ctx.words.numbers.parse(rest)
            value = 2000 + number if number and number < 100 else None
    if value is None:
        return None
    return Resolution("DATE", str(int(value)))


def _period_year(ctx: Context, last_month: int, unit: str) -> int:
    """Year of "the fourth quarter" reported on in January: last year's."""
    anchor = ctx.anchor_day
    current = (anchor.month - 1) // (3 if unit == "Q" else 6)
    number = (last_month - 1) // (3 if unit == "Q" else 6)
    if ctx.tense == "past" and number > current:
        return anchor.year - 1
    return anchor.year


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
    wanted = ctx.words.weekdays[normal(c["weekday"])]
    part = ctx.words.parts_of_day.get(normal(c.get("part")))
    base = ctx.anchor
    if base is None:
        return Resolution("DATE", f"XXXX-WXX-{wanted + 1}")
    rel = normal(c.get("rel"))
    if rel in ctx.words.anaphoric and ctx.reference:
        base = ctx.reference  # "the following Monday": after the day the story is at
    delta = wanted - base.weekday()
    # In news, "meets Tuesday" (present tense) is a coming day.
    if rel in ctx.words.next or (not rel and ctx.tense == "future"):
        delta = delta if delta > 0 else delta + 7
    elif rel in ctx.words.past or (not rel and ctx.tense != "future" and delta > 0):
        delta = delta if delta < 0 else delta - 7
    value = day_value(base + timedelta(days=delta))
    if part:
        return Resolution("TIME", f"{value}T{part}")
    return Resolution("DATE", value)


def deictic(c: dict, ctx: Context) -> Optional[Resolution]:
    if ctx.anchor is None:
        return None
    word = normal(c["word"])
    day = ctx.anchor + timedelta(days=ctx.words.deictic_days[word])
    part = ctx.words.parts_of_day.get(normal(c.get("part"))) or ctx.words.parts_of_day.get(word.split()[-1])
    if part:
        return Resolution("TIME", f"{day_value(day)}T{part}")
    return Resolution("DATE", day_value(day))


def part_of_day(c: dict, ctx: Context) -> Optional[Resolution]:
    rel = normal(c.get("rel"))
    base = ctx.anchor if rel == "this" else ctx.reference_or_anchor
    if base is None:
        return None
    shift = 1 if rel in ctx.words.next else -1 if rel in ctx.words.past else 0
    return Resolution("TIME", f"{day_value(base + timedelta(days=shift))}T{ctx.words.parts_of_day[normal(c['part'])]}")


UNIT_CODES = {"week": "W", "weekend": "W", "month": "M", "year": "Y", "decade": "DE", "day": "D", "night": "D"}


def relative_unit(c: dict, ctx: Context) -> Optional[Resolution]:
    unit, rel = normal(c["unit"]), normal(c.get("rel"))
    mod = bound_mod(ctx.words, c.get("bound"))
    if unit in {"day", "night"}:
        return relative_day(unit, rel, ctx)
    if c.get("ended") is not None and unit in {"year", "month", "week"}:
        return Resolution("DURATION", f"P1{unit[0].upper()}")  # "the year ended March 31"
    if ctx.anchor is None:
        return None
    if unit == "decade" and rel in ctx.words.past:
        return Resolution("DURATION", "P10Y")
    if unit == "weekend":
        return Resolution("DATE", weekend(rel, ctx), mod)
    shift = -1 if rel in ctx.words.past else 1 if rel in ctx.words.next else 0
    if (
        unit == "year"
        and rel in {"that", "the same", "the following", "the previous", "the preceding"}
        and ctx.reference_year
    ):
        return Resolution("DATE", str(ctx.reference_year + shift), mod)
    return Resolution("DATE", shift_value(ctx.anchor, UNIT_CODES[unit], shift), mod)


def weekend(rel: str, ctx: Context) -> str:
    """The weekend meant by "the weekend", "last weekend", "next weekend" on a weekday."""
    anchor = ctx.anchor_day
    saturday = anchor + timedelta(days=5 - anchor.weekday())
    if anchor.weekday() < 5:
        past = rel in ctx.words.past or (rel not in ctx.words.next and ctx.tense == "past")
        if past:
            saturday -= timedelta(days=7)
    elif rel in ctx.words.past:
        saturday -= timedelta(days=7)
    if rel in ctx.words.next:
        saturday += timedelta(days=7) if anchor.weekday() >= 5 else timedelta(0)
    return week_value(saturday) + "-WE"


def relative_day(unit: str, rel: str, ctx: Context) -> Optional[Resolution]:
    if rel in ctx.words.not_day_shifts or ctx.reference_or_anchor is None:
        return None
    shift = -1 if rel in ctx.words.past else 1 if rel in ctx.words.next else 0
    day = ctx.reference_or_anchor + timedelta(days=shift)
    if unit == "night":
        return Resolution("TIME", f"{day_value(day)}TNI")
    return Resolution("DATE", day_value(day))


def nearest_occurrence(ctx: Context, on_year: Callable[[int], date], rel: str) -> Optional[date]:
    """The occurrence of a yearly day meant by relation words or tense ("last Thanksgiving")."""
    if ctx.anchor is None:
        return None
    options = [on_year(ctx.anchor.year + shift) for shift in (-1, 0, 1)]
    before = [day for day in options if day < ctx.anchor]
    after = [day for day in options if day > ctx.anchor]
    if rel in ctx.words.next:
        return after[0]
    if rel in ctx.words.past:
        return before[-1]
    if ctx.anchor in options:
        return ctx.anchor
    if ctx.tense == "future":
        return after[0]
    if ctx.tense == "past":
        return before[-1]
    anchor = ctx.anchor
    return min(options, key=lambda day: abs((day - anchor).days))
