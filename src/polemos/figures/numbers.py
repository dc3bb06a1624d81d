"""Number words and digits, re-exported from the shared ``polemos.numbers`` parser."""

from polemos.numbers import NUMBER_PATTERN, NumberMatch, find_numbers, parse_number

__all__ = ["NUMBER_PATTERN", "NumberMatch", "find_numbers", "parse_number"]
