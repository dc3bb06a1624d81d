"""Recognising photo captions and splitting off their credits.

A caption is told by its credit: a trailing parenthesis such as "(Name / AFP via Getty
Images)", or a "Photo:" / "Credit:" / "Photograph by" label. Agency names come from
``polemos/data/photo_agencies.csv``.
"""

from __future__ import annotations

import csv
import re
from importlib import resources
from pathlib import Path
from typing import Optional

_LABEL = r"(?:photo(?:graph)?s?|image|picture|pic|credit|photo credit|caption|illustration)"
_LABELLED_LINE = re.compile(rf"^{_LABEL}\s*(?::|by\b)\s*(.+)$", re.IGNORECASE)
_TRAILING_PARENTHESIS = re.compile(r"\(([^()]{3,160})\)\s*\.?$")
_TRAILING_LABEL = re.compile(
    rf"(?:^|[.|\u2014\u2013-]\s*)({_LABEL}\s*(?::|by\b)\s*[^.|]{{2,120}})\s*\.?$", re.IGNORECASE
)
_PHOTO_WORDS = re.compile(
    r"\b(photo(graph)?(ed)?|pictured?|image|seen|shows?|poses?|stands?|walks?|gather(ed|s)?|"
    r"taken|displayed|in this (file )?(photo|picture))\b",
    re.IGNORECASE,
)
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
    def __init__(self, agencies: list[str]):
        names = "|".join(re.escape(name) for name in sorted(agencies, key=len, reverse=True))
        self._agency = re.compile(rf"\b(?:{names})\b")

    def _looks_like_credit(self, inner: str, caption: str) -> bool:
        if re.search(r"\S\s*/\s*\S|\bvia\b", inner) and len(inner.split()) <= 14:
            return True
        if re.match(rf"^{_LABEL}\s*(?::|by\b)", inner, re.IGNORECASE):
            return True
        return bool(self._agency.search(inner)) and bool(_PHOTO_WORDS.search(caption))

    def split(self, text: str) -> Optional[tuple[str, Optional[str]]]:
        """(caption, credit) when ``text`` is a photo caption paragraph, else None."""
        if len(text.split()) > _CAPTION_MAX_WORDS:
            return None
        labelled = _LABELLED_LINE.match(text)
        if labelled:
            return "", labelled.group(1).strip()
        parenthesis = _TRAILING_PARENTHESIS.search(text)
        if parenthesis:
            caption = text[: parenthesis.start()].strip()
            inner = parenthesis.group(1).strip()
            if caption and self._looks_like_credit(inner, caption):
                return caption, inner
        label = _TRAILING_LABEL.search(text)
        if label:
            caption = text[: label.start(1)].strip(" |-\u2014\u2013")
            return caption, label.group(1).strip()
        return None

    def split_figure_caption(self, text: str) -> tuple[str, Optional[str]]:
        """Caption text and credit of an HTML <figcaption>, which is a caption by markup."""
        found = self.split(text)
        return found if found else (text, None)
