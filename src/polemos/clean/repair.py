"""Character-level repair of article text: mojibake, typographic quotes, stray whitespace.

Repair runs on every passage *before* the cleaner assembles the body, so every character
offset the pipeline later computes refers to the repaired text that is stored.
"""

from __future__ import annotations

import re
import unicodedata

import ftfy

# A UTF-8 right double quote (E2 80 9D) read as Windows-1252 loses its last byte, which has
# no Windows-1252 character, and often comes out as "â€" plus a replacement character.
# ftfy cannot undo that loss, so the sequence is put back before ftfy sees the text.
_LOST_RIGHT_QUOTE = re.compile("\u00e2\u20ac(?:\ufffd|\u009d)")
# Same story for a lone "Â" left in front of a no-break space (C2 A0 read as Windows-1252).
_STRAY_A_CIRCUMFLEX = re.compile("\u00c2(?=[\u00a0 ])")

_TYPOGRAPHIC = str.maketrans(
    {
        "\u2018": "'",
        "\u2019": "'",
        "\u201a": "'",
        "\u201b": "'",
        "\u2032": "'",
        "\u02bc": "'",
        "\u201c": '"',
        "\u201d": '"',
        "\u201e": '"',
        "\u201f": '"',
        "\u2033": '"',
        "\u00a0": " ",
        "\u2007": " ",
        "\u202f": " ",
        "\u2009": " ",
        "\u200a": " ",
        "\u2028": "\n",
        "\u2029": "\n",
        "\u00ad": None,
        "\u200b": None,
        "\u200c": None,
        "\u200d": None,
        "\u2060": None,
        "\ufeff": None,
    }
)

# A replacement character next to a space stands for a lost no-break space or quote byte.
_LOST_CHARACTER = re.compile(r"\ufffd+(?=\s|$)|(?<=\s)\ufffd+")
# Doubled apostrophes inside a word ("modi''s") come from SQL-escaped exports.
_DOUBLED_APOSTROPHE = re.compile(r"(?<=\w)''(?=\w)")
_INLINE_SPACE = re.compile(r"[ \t\f\v]+")


def repair_text(text: str) -> str:
    """Fix mojibake, turn curly quotes and apostrophes into ASCII, tidy whitespace.

    Line breaks are kept (paragraph splitting happens later); runs of spaces and tabs
    collapse to one space and each line is stripped.
    """
    text = _LOST_RIGHT_QUOTE.sub("\u201d", text)
    text = ftfy.fix_text(text, uncurl_quotes=False, normalization="NFC")
    text = _STRAY_A_CIRCUMFLEX.sub("", text)
    text = _LOST_CHARACTER.sub("", text)
    text = text.translate(_TYPOGRAPHIC)
    text = _DOUBLED_APOSTROPHE.sub("'", text)
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    lines = [_INLINE_SPACE.sub(" ", line).strip() for line in text.split("\n")]
    return "\n".join(lines)


def repair_inline(text: str) -> str:
    """Repair a passage that must become a single line (a heading, a caption, a list item)."""
    return " ".join(repair_text(text).split())


def normalise_for_matching(text: str) -> str:
    """Lower-cased letters and digits joined by single spaces: the form used for hashing and
    for comparing passages, so punctuation and typography never decide a match."""
    text = unicodedata.normalize("NFKC", text).lower()
    return " ".join(re.findall(r"[^\W_]+", text))


def looks_binary(text: str) -> bool:
    """True when the content is not prose: NUL bytes or mostly control/replacement characters."""
    if "\x00" in text:
        return True
    sample = text[:20000]
    if not sample:
        return False
    odd = sum(
        1
        for ch in sample
        if ch == "\ufffd" or (unicodedata.category(ch) in ("Cc", "Co", "Cs") and ch not in "\n\r\t\f")
    )
    return odd / len(sample) > 0.05
