"""The intermediate form both extractors produce: an ordered list of body blocks plus what was
set aside (captions, removed passages) and the metadata found on the way."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Optional

from polemos.record import Caption, Heading, Removed

PARAGRAPH = "paragraph"
HEADING = "heading"
ITEM = "item"  # a list item: its own line, but never a heading


@dataclass
class Block:
    kind: str
    text: str
    links: list[str] = field(default_factory=list)  # link targets stripped from the text
    level: int = 0  # heading level (1 for a page title, 2 for <h2> / "##"), 0 if unknown


@dataclass
class Extraction:
    blocks: list[Block] = field(default_factory=list)
    captions: list[Caption] = field(default_factory=list)
    removed: list[Removed] = field(default_factory=list)
    title: Optional[str] = None
    url: Optional[str] = None
    published: Optional[str] = None  # ISO date read from page metadata
    page_date: Optional[str] = None  # ISO date guessed from the page's visible dates

    def remove(self, kind: str, text: str, reason: str) -> None:
        self.removed.append(Removed(kind=kind, text=text, reason=reason))

    def add_caption(self, text: str, credit: Optional[str]) -> None:
        self.captions.append(Caption(text=text, credit=credit))
        shown = f"{text} ({credit})" if credit and text else (text or credit or "")
        self.remove("caption", shown, "photo caption")


def assemble(blocks: list[Block]) -> tuple[str, list[Heading]]:
    """Join blocks into the body text, one paragraph per block separated by a blank line
    (consecutive list items by a single line break), and record heading offsets."""
    parts: list[str] = []
    headings: list[Heading] = []
    length = 0
    previous: Optional[Block] = None
    for block in blocks:
        if previous is not None:
            separator = "\n" if block.kind == ITEM and previous.kind == ITEM else "\n\n"
            parts.append(separator)
            length += len(separator)
        if block.kind == HEADING:
            headings.append(Heading(text=block.text, start=length, end=length + len(block.text)))
        parts.append(block.text)
        length += len(block.text)
        previous = block
    return "".join(parts), headings
