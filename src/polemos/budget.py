"""The budget of one document: how much of its text is analysed, and for how long.

A long or hostile document must not hold up a batch. Its text is cut to ``max_chars``
before analysis, and its stages stop when ``seconds`` have gone by; what was cut or
stopped is written in the record's ``document.limits``, so a reader can tell.
"""

from __future__ import annotations

import signal
import threading
import time
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Iterator

DEFAULT_MAX_CHARS = 200_000  # about forty long news articles
DEFAULT_SECONDS = 60.0


@dataclass
class DocumentBudget:
    max_chars: int = DEFAULT_MAX_CHARS  # 0: no limit
    seconds: float = DEFAULT_SECONDS  # 0: no limit


class OverBudget(BaseException):
    """Raised inside the work on a document whose time is up. A BaseException, like
    KeyboardInterrupt, so that a stage's own ``except Exception`` cannot swallow it."""


def cut_point(text: str, max_chars: int) -> int:
    """Where to cut ``text`` to at most ``max_chars`` characters: at its last line break or
    space before the limit, so no word is split."""
    if max_chars <= 0 or len(text) <= max_chars:
        return len(text)
    for mark in ("\n", " "):
        position = text.rfind(mark, max_chars // 2, max_chars)
        if position != -1:
            return position
    return max_chars


@contextmanager
def time_limit(seconds: float) -> Iterator[None]:
    """Raise ``OverBudget`` in this thread once ``seconds`` have passed (no limit for 0).

    Uses the real-time interval timer, so even a stage stuck in a loop is stopped; where
    signals cannot be used (not the main thread, not Unix) the limit is not enforced here
    and callers still check the time between stages."""
    usable = seconds > 0 and hasattr(signal, "setitimer") and threading.current_thread() is threading.main_thread()
    if not usable:
        yield
        return

    def expire(_signum, _frame):
        raise OverBudget()

    previous = signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


class Stopwatch:
    def __init__(self, seconds: float):
        self.seconds = seconds
        self.started = time.monotonic()

    def expired(self) -> bool:
        return self.seconds > 0 and time.monotonic() - self.started >= self.seconds
