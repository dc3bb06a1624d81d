"""The words of one language, read once from its folder and handed to the stages that need them.

Each language is a folder (``lang/en/`` ships with the package) of CSV files, one per stage
that reads words (``calendar.csv``, ``time.csv``, ``figures.csv``, …), each row
``list,word,value``: the list it belongs to, a word or phrase (lower case, words separated
by one space) and, for lists that map words to something, its value. A stage asks for a list
by ``file.list`` (``"calendar.month"``) and gets it as a set, a sequence in file order, or a
table. Tables with columns of their own (a lexicon of cue words with their categories, the
holidays with their rules) sit in the folder's ``tables/`` and are read as rows. A list or
table the folder lacks is empty, so a new language can start small; ``missing`` names what
the stages asked for and found nowhere.

Regular expressions whose words are the language's own (the temporal grammar, the figures'
cue patterns, a headline's prepositions) sit in the folder's ``patterns/``, one TOML file per
stage (``patterns/time.toml``), each key a pattern written as a TOML literal string, so that
a regular expression is copied in verbatim. A pattern may hold ``{name}`` placeholders that
the stage fills with an alternation of a word list (``fill``); a quantifier such as ``{0,2}``
is no placeholder. A pattern the folder lacks matches nothing.

Adding a language is adding a folder: ``LanguageData.load("de")`` reads ``lang/de/``, and
``LanguageData.load(path)`` any folder. The pipeline loads one and gives it to each stage;
nothing here is cached, every load reads the files again.
"""

from __future__ import annotations

import csv
import io
import re
import tomllib
from importlib import resources
from pathlib import Path
from typing import Any, Iterable, Optional, Union

from importlib.resources.abc import Traversable

DEFAULT_LANGUAGE = "en"
TABLES = "tables"  # the subfolder of tables with columns of their own
PATTERNS = "patterns"  # the subfolder of regular expressions, a TOML file per stage
COLUMNS = ("list", "word", "value")
#: A regular expression that matches nothing: what an empty list of words stands for.
NOTHING = r"(?!)"


class LanguageData:
    """The word lists of one language."""

    def __init__(
        self,
        code: str,
        lists: dict[str, list[tuple[str, str]]],
        tables: Optional[dict[str, list[dict[str, str]]]] = None,
        patterns: Optional[dict[str, dict[str, Any]]] = None,
    ):
        self.code = code
        self._lists = lists
        self._tables = tables or {}
        self._patterns = patterns or {}
        self.missing: set[str] = set()

    @classmethod
    def load(cls, language: Union[str, Path] = DEFAULT_LANGUAGE) -> "LanguageData":
        """A packaged language by its code (``"en"``), or the language in a folder."""
        if isinstance(language, Path):
            return cls.from_folder(language, language.name)
        folder = resources.files(__name__).joinpath(language)
        if not folder.is_dir():
            raise ValueError(f"no language folder {language!r} in polemos.lang")
        return cls.from_folder(folder, language)

    @classmethod
    def from_folder(cls, folder: Traversable, code: str) -> "LanguageData":
        lists: dict[str, list[tuple[str, str]]] = {}
        tables: dict[str, list[dict[str, str]]] = {}
        patterns: dict[str, dict[str, Any]] = {}
        for path in sorted(folder.iterdir(), key=lambda item: item.name):
            if path.name.endswith(".csv"):
                _read_lists(path.name.removesuffix(".csv"), path.read_text(encoding="utf-8"), lists)
            elif path.name == TABLES and path.is_dir():
                tables = {
                    table.name.removesuffix(".csv"): list(
                        csv.DictReader(io.StringIO(table.read_text(encoding="utf-8")))
                    )
                    for table in path.iterdir()
                    if table.name.endswith(".csv")
                }
            elif path.name == PATTERNS and path.is_dir():
                patterns = {
                    stage.name.removesuffix(".toml"): _read_patterns(stage)
                    for stage in path.iterdir()
                    if stage.name.endswith(".toml")
                }
        return cls(code, lists, tables, patterns)

    def _rows(self, name: str) -> list[tuple[str, str]]:
        rows = self._lists.get(name)
        if rows is None:
            self.missing.add(name)
            return []
        return rows

    def words(self, name: str) -> frozenset[str]:
        """The list ``name`` (``"file.list"``) as a set of words."""
        return frozenset(word for word, _value in self._rows(name))

    def ordered(self, name: str) -> tuple[str, ...]:
        """The list's words in the order the file gives them."""
        return tuple(word for word, _value in self._rows(name))

    def table(self, name: str) -> dict[str, str]:
        """The list as a table from each word to its value."""
        return {word: value for word, value in self._rows(name)}

    def pairs(self, name: str) -> dict[str, frozenset[str]]:
        """The list as a table from each word to the values it is paired with (a word may have several)."""
        pairs: dict[str, set[str]] = {}
        for word, value in self._rows(name):
            pairs.setdefault(word, set()).add(value)
        return {word: frozenset(values) for word, values in pairs.items()}

    def numbers(self, name: str) -> dict[str, int]:
        """The list as a table from each word to its value, an integer."""
        return {word: int(value) for word, value in self._rows(name)}

    def rows(self, table: str) -> list[dict[str, str]]:
        """The rows of the table ``tables/<table>.csv``, each a dict by column."""
        rows = self._tables.get(table)
        if rows is None:
            self.missing.add(f"tables/{table}")
            return []
        return rows

    def patterns(self, stage: str) -> dict[str, Any]:
        """The stage's file ``patterns/<stage>.toml`` as parsed: each key a pattern (or a table or
        list of them); empty when the folder has none."""
        patterns = self._patterns.get(stage)
        if patterns is None:
            self.missing.add(f"patterns/{stage}")
            return {}
        return patterns

    def pattern(self, name: str, **values: str) -> str:
        """The pattern ``name`` (``"stage.key"``) with its placeholders filled from ``values``;
        a pattern that matches nothing when the language has none of that name."""
        stage, _, key = name.partition(".")
        template = self.patterns(stage).get(key)
        if template is None:
            self.missing.add(f"patterns/{name}")
            return NOTHING
        if not isinstance(template, str):
            raise ValueError(f"patterns/{stage}.toml: {key} is no single pattern")
        return fill(template, name, **values)

    def __repr__(self) -> str:
        return f"LanguageData({self.code!r}, {len(self._lists)} lists)"


def _read_lists(area: str, text: str, lists: dict[str, list[tuple[str, str]]]) -> None:
    reader = csv.DictReader(io.StringIO(text))
    if tuple(reader.fieldnames or ())[:2] != COLUMNS[:2]:
        raise ValueError(f"{area}.csv: the columns are {', '.join(COLUMNS)}, not {reader.fieldnames}")
    for row in reader:
        if not row["list"] or row["list"].startswith("#"):
            continue
        lists.setdefault(f"{area}.{row['list']}", []).append((row["word"], row.get("value") or ""))


_PLACEHOLDER = re.compile(r"\{([A-Za-z_]\w*)\}")


def fill(template: str, name: str = "pattern", **values: str) -> str:
    """``template`` with each ``{placeholder}`` replaced by its value (regular-expression
    quantifiers such as ``{0,2}`` are left as they are); a placeholder without a value is an
    error naming the pattern."""

    def value(match: re.Match[str]) -> str:
        if match.group(1) not in values:
            raise ValueError(f"{name}: no value for the placeholder {{{match.group(1)}}}")
        return values[match.group(1)]

    return _PLACEHOLDER.sub(value, template)


def _read_patterns(path: Traversable) -> dict[str, Any]:
    try:
        return tomllib.loads(path.read_text(encoding="utf-8"))
    except tomllib.TOMLDecodeError as error:
        raise ValueError(f"{PATTERNS}/{path.name}: not valid TOML ({error})") from None


def alternation(words: Iterable[str]) -> str:
    """A regular expression matching any of ``words`` (longest first, so that a longer word wins
    where one begins another; the spaces inside a phrase match any run of white space), or
    nothing at all when there are none."""
    forms = sorted(set(words), key=lambda word: (-len(word), word))
    if not forms:
        return NOTHING
    return "(?:" + "|".join(r"\s+".join(re.escape(part) for part in word.split()) for word in forms) + ")"
