"""Calendar words and the regular-expression fragments the temporal grammar is built from."""

from __future__ import annotations

from polemos.numbers import NUMBER_PATTERN

MONTHS = {
    "january": 1, "jan": 1, "february": 2, "feb": 2, "march": 3, "mar": 3, "april": 4,
    "apr": 4, "may": 5, "june": 6, "jun": 6, "july": 7, "jul": 7, "august": 8, "aug": 8,
    "september": 9, "sept": 9, "sep": 9, "october": 10, "oct": 10, "november": 11,
    "nov": 11, "december": 12, "dec": 12,
}
WEEKDAYS = {
    "monday": 0, "mon": 0, "tuesday": 1, "tue": 1, "tues": 1, "wednesday": 2, "wed": 2,
    "thursday": 3, "thu": 3, "thurs": 3, "friday": 4, "fri": 4, "saturday": 5, "sat": 5,
    "sunday": 6, "sun": 6,
}
SEASONS = {
    "spring": "SP", "summer": "SU", "autumn": "FA", "fall": "FA", "winter": "WI",
}
PARTS_OF_DAY = {
    "morning": "MO", "afternoon": "AF", "evening": "EV", "night": "NI", "tonight": "NI",
    "overnight": "NI", "midday": "MI", "noon": "MI",
}
ORDINALS = {
    "first": 1, "1st": 1, "second": 2, "2nd": 2, "third": 3, "3rd": 3, "fourth": 4, "4th": 4,
    "fifth": 5, "5th": 5, "sixth": 6, "6th": 6, "seventh": 7, "7th": 7, "eighth": 8, "8th": 8,
    "ninth": 9, "9th": 9, "tenth": 10, "10th": 10, "eleventh": 11, "11th": 11,
    "twelfth": 12, "12th": 12, "thirteenth": 13, "13th": 13, "fourteenth": 14, "14th": 14,
    "fifteenth": 15, "15th": 15, "sixteenth": 16, "16th": 16, "seventeenth": 17, "17th": 17,
    "eighteenth": 18, "18th": 18, "nineteenth": 19, "19th": 19, "twentieth": 20, "20th": 20,
    "twenty-first": 21, "21st": 21,
}
DECADE_WORDS = {
    "twenties": 2, "thirties": 3, "forties": 4, "fifties": 5, "sixties": 6, "seventies": 7,
    "eighties": 8, "nineties": 9,
}
#: TIMEX3 duration unit letter per calendar unit word.
UNITS = {
    "second": ("S", 1, True), "minute": ("M", 1, True), "hour": ("H", 1, True),
    "day": ("D", 1, False), "night": ("D", 1, False), "week": ("W", 1, False),
    "fortnight": ("W", 2, False), "month": ("M", 1, False), "quarter": ("Q", 1, False),
    "year": ("Y", 1, False), "decade": ("Y", 10, False), "century": ("Y", 100, False),
    "millennium": ("Y", 1000, False), "weekend": ("D", 2, False),
}
#: Short and irregular forms of unit words, by the unit they stand for.
UNIT_ALIASES = {"yr": "year", "yrs": "year", "min": "minute", "mins": "minute", "hr": "hour",
                "hrs": "hour", "centuries": "century", "millennia": "millennium"}
#: Words meaning "an unspecified number of".
VAGUE_QUANTITIES = r"(?:several|a\s+few|few|many|some|a\s+number\s+of|numerous|countless|(?:a\s+)?couple\s+of)"

# ---- regular-expression fragments (compiled with re.IGNORECASE) ----
MONTH = (
    r"(?:(?:january|february|march|april|may|june|july|august|september|october|november|december)\b"
    r"|(?:jan|feb|mar|apr|jun|jul|aug|sept|sep|oct|nov|dec)\b\.?)"
)
WEEKDAY = (
    r"(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday"
    r"|(?:mon|tues|tue|wed|thurs|thu|fri|sat|sun)\b\.?)"
)
SEASON = r"(?:spring|summer|autumn|fall|winter)"
PART_OF_DAY = r"(?:morning|afternoon|evening|night)"
DAY_NUMBER = r"(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?"
YEAR = r"(?:1[0-9]\d\d|20\d\d)"
ORDINAL = "(?:" + "|".join(sorted(ORDINALS, key=len, reverse=True)) + ")"
UNIT = (
    r"(?:seconds?|minutes?|hours?|days?|nights?|weeks?|fortnights?|months?|quarters?|years?"
    r"|decades?|century|centuries|millenni(?:um|a)|weekends?|yrs?|mins?|hrs?)"
)
COUNT = rf"(?:{NUMBER_PATTERN}|an?|one|half\s+an?)"
APPROX = (
    r"(?:(?:about|around|approximately|nearly|almost|roughly|some|over|more\s+than|less\s+than"
    r"|at\s+least|at\s+most|up\s+to|no\s+more\s+than|no\s+less\s+than|fewer\s+than|barely"
    r"|just|only|another|an\s+additional|a\s+further|close\s+to|just\s+over|just\s+under"
    r"|under|well\s+over|the\s+better\s+part\s+of)\s+)"
)
BOUNDARY = (
    r"(?:(?:early|late|mid|the\s+(?:very\s+)?(?:beginning|start|end|middle|turn|close|rest"
    r"|first\s+half|second\s+half|last\s+half|first\s+part|latter\s+part|last\s+part)\s+of)[\s-]+)"
)
RELATIVE = (
    r"(?:this\s+coming|this\s+past|the\s+coming|the\s+past|the\s+previous|the\s+following"
    r"|the\s+next|the\s+last|the\s+current|the\s+same|the\s+latest|the\s+preceding|the\s+full"
    r"|last|next|this|past|coming|previous|current|that|same)"
)

# ---- cue words: every match of a rule contains one of its cues as a whole word (see scan.py) ----
# The resolvers look matched words up in the tables above, so the tables hold every form the
# fragments match.
MONTH_WORDS = frozenset(MONTHS)
WEEKDAY_WORDS = frozenset(WEEKDAYS)
SEASON_WORDS = frozenset(SEASONS)
PART_OF_DAY_WORDS = frozenset(PARTS_OF_DAY)
DECADE_CUE_WORDS = frozenset(DECADE_WORDS)
UNIT_WORDS = frozenset({*UNITS, *(f"{unit}s" for unit in UNITS), *UNIT_ALIASES})
