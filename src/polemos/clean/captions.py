"""Recognising photo captions and splitting off their credits.

A caption is told by its credit: a trailing parenthesis such as "(Name / AFP via Getty
Images)", or a "Photo:" / "Credit:" / "Photograph by" label. Agency names come from
``polemos/data/photo_agencies.csv``, the label and photo words from the language's
``patterns/clean.toml`` (``CleanWords``).
"""

from __future__ import annotations

import csv
import re
from importlib import resources
from pathlib import Path
from typing import Optional

from polemos.clean.words import CleanWords

_TRAILING_PARENTHESIS = re.compile(r"\(([^()]{3,160})\)\s*\.?$")
# "(Name / Agency)": two names around a slash credit a picture in any language.
_SLASHED_NAMES = re.compile(r"\S\s*/\s*\S")
_CAPTION_MAX_WORDS = 90


def load_photo_agencies(path: Optional[Path] = None) -> list[str]:
    """Agency and photo-library names that mark a credit line."""
    if path is None:
        handle = resources.files("polemos").joinpath("data/photo_agencies.csv").open(encoding="utf-8")
    else:
        handle = open(path, encoding="utf-8")
    with handle:
        return [row["name"] for row in csv.DictReader(handle) if row.get("name")]


class CaptionDetector:
    def __init__(self, agencies: list[str], words: CleanWords):
        self.words = words
        names = "|".join(re.escape(name) for name in sorted(agencies, key=len, reverse=True))
        self._agency = re.compile(rf"\b(?:{names})\b")

    def _looks_like_credit(self, inner: str, caption: str) -> bool:
        named = _SLASHED_NAMES.search(inner) or self.words.caption_credit_via.search(inner)
        if named and len(inner.split()) <= 14:
            return True
        if self.words.caption_credit_label.match(inner):
            return True
        return bool(self._agency.search(inner)) and bool(self.words.caption_photo_words.search(caption))

    def split(self, text: str) -> Optional[tuple[str, Optional[str]]]:
        """(caption, credit) when ``text`` is a photo caption paragraph, else None."""
        if len(text.split()) > _CAPTION_MAX_WORDS:
            return None
        labelled = self.words.caption_labelled_line.match(text)
        if labelled:
            return "", labelled.group(1).strip()
        parenthesis = _TRAILING_PARENTHESIS.search(text)
        if parenthesis:
            caption = text[: parenthesis.start()].strip()
            inner = parenthesis.group(1).strip()
            if caption and self._looks_like_credit(inner, caption):
                return caption, inner
        label = self.words.caption_trailing_label.search(text)
        if label:
            caption = text[: label.start(1)].strip(" |-\u2014\u2013")
            return caption, label.group(1).strip()
        return None

    def split_figure_caption(self, text: str) -> tuple[str, Optional[str]]:
        """Caption text and credit of an HTML <figcaption>, which is a caption by markup."""
        found = self.split(text)
        return found if found else (text, None)
