"""The raw input a reader hands to the cleaner: bytes or text plus whatever metadata came with it."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Optional


@dataclass
class RawDocument:
    source: str  # file path, "path:LINE" for a JSON Lines record, or "<stdin>"
    content: str  # decoded text of the page or article
    format: str  # "html" or "text"
    id: Optional[str] = None
    title: Optional[str] = None
    url: Optional[str] = None
    published: Optional[str] = None  # ISO date given with the input (JSON field or --published)
    raw_bytes: Optional[bytes] = None  # the input exactly as read, kept for re-cleaning


class InputError(Exception):
    """An input that cannot be read; the message is one line naming the input and the reason."""

    def __init__(self, source: str, reason: str):
        super().__init__(source, reason)  # both in args, so the error pickles across processes
        self.source = source
        self.reason = reason

    def __str__(self) -> str:
        return f"{self.source}: {self.reason}"


def one_line(error: BaseException, limit: int = 200) -> str:
    """An exception as ``Type: message`` on one bounded line, for an InputError's reason."""
    message = " ".join(str(error).split())[:limit]
    return f"{type(error).__name__}: {message}" if message else type(error).__name__
