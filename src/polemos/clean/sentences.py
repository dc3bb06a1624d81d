"""Bounding sentence length: later stages look at whole sentences, so one sentence of a
megabyte (a page without punctuation, a run of numbers) would make their work grow with the
square of its length. Over-long runs are broken with line breaks, which the sentence splitter
always honours; the text keeps its length, so every offset stays valid.
"""

from __future__ import annotations

import re

# A stretch of text with no sentence end and no line break in it.
_RUN = re.compile(r"[^\n.!?]+(?:[.!?](?!\s)[^\n.!?]*)*")
_SOFT_BREAK = re.compile(r"[;,:][ \t]")
_SPACE = re.compile(r"[ \t]")
_MARK = re.compile(r"[;,:]")


def split_long_sentences(text: str, max_chars: int) -> str:
    """``text`` with a line break put in every run longer than ``max_chars`` characters,
    after a clause mark when there is one in the second half of the window, else at a space,
    else in place of a clause mark (a run of numbers with no space: "1,2,3,...")."""
    if max_chars <= 0 or len(text) <= max_chars:
        return text
    pieces: list[str] = []
    position = 0
    for run in _RUN.finditer(text):
        if run.end() - run.start() <= max_chars:
            continue
        start = run.start()
        while run.end() - start > max_chars:
            cut = _break_point(text, start, start + max_chars)
            if cut is None:
                start += max_chars  # one giant token fills the window: left whole, look past it
                continue
            pieces.append(text[position:cut])
            pieces.append("\n")
            position = cut + 1
            start = cut + 1
    pieces.append(text[position:])
    return "".join(pieces)


def _break_point(text: str, start: int, end: int):
    """Index of a space in text[start:end] to replace with a line break, latest first; in a
    window without one, of a clause mark."""
    middle = start + (end - start) // 2
    soft = None
    for soft in _SOFT_BREAK.finditer(text, middle, end):
        pass
    if soft is not None:
        return soft.end() - 1
    space = None
    for space in _SPACE.finditer(text, start, end):
        pass
    if space is not None:
        return space.start()
    mark = None  # no space in the whole window ("1,2,3,..."): a clause mark gives way to the break
    for mark in _MARK.finditer(text, middle, end):
        pass
    return mark.start() if mark is not None else None
