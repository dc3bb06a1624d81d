"""Text from documents, made safe to print: a title or id is shown as written, never
interpreted by the terminal (escape sequences, bell, carriage returns, bidi overrides).
Console markup is off on polemos's consoles, so brackets print as they are."""

from __future__ import annotations

import re

_UNSAFE = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def printable(value) -> str:
    """``value`` as text with every control character written as a visible escape (``\\x1b``)."""
    return _UNSAFE.sub(
        lambda match: match.group().encode("unicode_escape").decode("ascii"), "" if value is None else str(value)
    )
