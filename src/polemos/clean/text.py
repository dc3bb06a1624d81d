"""Structure of plain-text and Markdown articles: paragraphs, headings, captions, title.

Paragraphs are split on blank lines. A heading is a Markdown ``#`` line, or a short
title-case line standing alone between paragraphs with no final punctuation. A leading
title-like line (or a Markdown ``# Title``) becomes the title rather than body text, the same
way the HTML extractor keeps the page title out of the body, so both copies of one article
get the same body and hash. A first line that ends like a sentence is a standfirst and stays
in the body: it usually carries the article's main claim.
"""

from __future__ import annotations

import re
from typing import Optional

from polemos.clean.blocks import HEADING, ITEM, PARAGRAPH, Block, Extraction
from polemos.clean.captions import CaptionDetector
from polemos.clean.repair import normalise_for_matching, repair_text
from polemos.clean.words import CleanWords

_BLANK_LINES = re.compile(r"\n\s*\n")
_MD_HEADING = re.compile(r"^(#{1,6})\s+(.+?)\s*#*$")
_MD_RULE = re.compile(r"^([-*_])(\s*\1){2,}$")
_LIST_ITEM = re.compile(r"^(?:[-*+\u2022]|\d{1,3}[.)])\s+\S")
_MD_IMAGE = re.compile(r"!\[([^\]]*)\]\(([^)\s]*)(?:\s+\"[^\"]*\")?\)")
_MD_LINK = re.compile(r"\[([^\]]+)\]\(([^)\s]+)(?:\s+\"[^\"]*\")?\)")
_MD_EMPHASIS = re.compile(r"(\*\*|__)(?=\S)(.+?)(?<=\S)\1|(?<![\w*])\*(?=\S)([^*]+?)(?<=\S)\*(?![\w*])")
_MD_CODE = re.compile(r"`([^`]+)`")
_FINAL_PUNCTUATION = re.compile(r"[.!?:;,\u2026]$")
_HEADING_MAX_WORDS = 12
_HEADING_MAX_CHARS = 90
_CAPTION_ABOVE_MAX_WORDS = 40
_HEADLINE_MAX_WORDS = 20
_BULLET = re.compile(r"^[-*+\u2022]\s+")


def is_title_case_line(line: str, words: CleanWords) -> bool:
    """A short line that reads like a title: capitalised words, no closing punctuation."""
    core = line.strip().strip("\"'()[]*_")
    if not core or len(core) > _HEADING_MAX_CHARS or _FINAL_PUNCTUATION.search(core):
        return False
    line_words = [w.strip("\"'()[],") for w in core.split()]
    line_words = [w for w in line_words if w and w[0].isalnum()]
    if (
        not line_words
        or len(line_words) > _HEADING_MAX_WORDS
        or not (line_words[0][0].isupper() or line_words[0][0].isdigit())
    ):
        return False
    content = [w for w in line_words[1:] if w.lower() not in words.title_small_words]
    capitalised = sum(1 for w in content if w[0].isupper() or w[0].isdigit())
    return not content or capitalised / len(content) >= 0.75


def _strip_inline_markdown(text: str, links: list[str]) -> str:
    text = _MD_IMAGE.sub("", text)

    def keep_link_text(match: re.Match) -> str:
        links.append(match.group(2))
        return match.group(1)

    text = _MD_LINK.sub(keep_link_text, text)
    text = _MD_EMPHASIS.sub(lambda m: m.group(2) or m.group(3) or "", text)
    text = _MD_CODE.sub(r"\1", text)
    return " ".join(text.split())


def _raw_blocks(content: str) -> list[Block]:
    """Paragraphs, Markdown headings and list items, with inline Markdown removed."""
    blocks: list[Block] = []
    for chunk in _BLANK_LINES.split(content):
        lines = [line.strip() for line in chunk.split("\n") if line.strip()]
        lines = [line.lstrip("> ").strip() if line.startswith(">") else line for line in lines]
        pending: list[str] = []

        def flush() -> None:
            if pending:
                links: list[str] = []
                text = _strip_inline_markdown(" ".join(pending), links)
                if text:
                    blocks.append(Block(PARAGRAPH, text, links))
                pending.clear()

        for line in lines:
            heading = _MD_HEADING.match(line)
            if heading or _MD_RULE.match(line) or _LIST_ITEM.match(line):
                flush()
            if heading:
                links: list[str] = []
                text = _strip_inline_markdown(heading.group(2), links)
                blocks.append(Block(HEADING, text, links, level=len(heading.group(1))))
            elif _LIST_ITEM.match(line):
                links = []
                text = _strip_inline_markdown(_BULLET.sub("", line), links)
                blocks.append(Block(ITEM, text, links))
            elif not _MD_RULE.match(line):
                pending.append(line)
        flush()
    return blocks


def _take_title(
    blocks: list[Block], given_title: Optional[str], words: CleanWords
) -> tuple[Optional[str], list[Block]]:
    if not blocks:
        return given_title, blocks
    first = blocks[0]
    if given_title and normalise_for_matching(first.text) == normalise_for_matching(given_title):
        return given_title, blocks[1:]
    if first.kind == HEADING and first.level == 1:
        return given_title or first.text, blocks[1:]
    if first.kind == PARAGRAPH and len(blocks) > 1 and _reads_like_headline(first.text, words):
        return given_title or first.text, blocks[1:]
    return given_title, blocks


def _reads_like_headline(line: str, words: CleanWords) -> bool:
    """A first line in title case, or a short capitalised line with no closing punctuation
    (sentence-case headlines), that is not a byline or a dateline."""
    if words.not_a_headline.match(line):
        return False
    if is_title_case_line(line, words):
        return True
    line_words = line.split()
    return (
        0 < len(line_words) <= _HEADLINE_MAX_WORDS
        and line[0].isupper()
        and not _FINAL_PUNCTUATION.search(line.rstrip("\"')"))
    )


def _mark_headings(blocks: list[Block], words: CleanWords) -> None:
    """Promote standalone title-case lines followed by body text to headings."""
    for index, block in enumerate(blocks):
        if block.kind != PARAGRAPH or index + 1 >= len(blocks):
            continue
        if blocks[index + 1].kind == HEADING:
            continue
        if is_title_case_line(block.text, words):
            block.kind = HEADING


def _separate_captions(extraction: Extraction, detector: CaptionDetector) -> None:
    """Move caption paragraphs out of the body. A bare credit line ("Photo: Name") takes the
    short paragraph just above it as its caption, unless that already has a credit."""
    kept: list[Block] = []
    previous_was_caption = False
    for block in extraction.blocks:
        found = detector.split(block.text) if block.kind == PARAGRAPH else None
        if found is None:
            kept.append(block)
            previous_was_caption = False
            continue
        caption, credit = found
        if not caption and previous_was_caption and extraction.captions[-1].credit is None:
            extraction.captions[-1].credit = credit
            extraction.removed[-1].text += f" ({credit})"
        elif not caption and _could_be_caption(kept):
            extraction.add_caption(kept.pop().text, credit)
        else:
            extraction.add_caption(caption, credit)
        previous_was_caption = True
    extraction.blocks = kept


def _could_be_caption(kept: list[Block]) -> bool:
    return bool(kept) and kept[-1].kind == PARAGRAPH and len(kept[-1].text.split()) <= _CAPTION_ABOVE_MAX_WORDS


def extract_text(
    content: str, detector: CaptionDetector, words: CleanWords, given_title: Optional[str] = None
) -> Extraction:
    """Split a plain-text or Markdown article into body blocks, captions and a title."""
    extraction = Extraction(blocks=_raw_blocks(repair_text(content)))
    _separate_captions(extraction, detector)
    extraction.title, extraction.blocks = _take_title(extraction.blocks, given_title, words)
    _mark_headings(extraction.blocks, words)
    return extraction
