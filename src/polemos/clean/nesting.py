"""HTML nested deeper than the parser goes, flattened before it is parsed.

libxml2 stops building the tree at a fixed depth (256 elements; 2,048 with its "huge" option)
and drops everything after that point, so a malformed or hostile page whose story sits under
thousands of nested elements would lose the story. Such a page is rewritten first: below
``FLAT_BELOW`` levels, container tags (``div``, ``span``, ``font``, ...) are left out and their
text stays, while the tags that separate text (paragraphs, headings, list items, table cells,
line breaks), which the parser closes as the next opens, and those whose content is not text
(scripts, styles) are kept. The rewrite is
one linear pass of the standard library's tokenizer, which has no depth limit.
"""

from __future__ import annotations

from html.parser import HTMLParser

from lxml import etree

FLAT_BELOW = 200  # levels kept as written; libxml2 keeps 256
# Kept below that: tags the parser closes when the next one opens (so they never nest deep)
# and those whose content is no text to read.
KEPT_DEEP = frozenset(
    {
        "p",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "li",
        "dt",
        "dd",
        "tr",
        "td",
        "th",
        "br",
        "hr",
        "script",
        "style",
        "title",
    }
)
VOID = frozenset(
    {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source", "track", "wbr"}
)
CLOSE_REACH = 64  # open elements an end tag may close: a stray end tag deep down is dropped


def depth_of(tree: etree._Element) -> int:
    """How many elements deep the tree goes, in one walk."""
    depth = deepest = 0
    for event, _element in etree.iterwalk(tree, events=("start", "end")):
        depth += 1 if event == "start" else -1
        deepest = max(deepest, depth)
    return deepest


def flatten(page: str) -> str:
    """The page with container tags below ``FLAT_BELOW`` levels left out (their text kept)."""
    flattener = _Flattener()
    flattener.feed(page)
    flattener.close()
    return "".join(flattener.out)


class _Flattener(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=False)  # text is copied as written, entities included
        self.out: list[str] = []
        self.open: list[tuple[str, bool]] = []  # (tag, written) of each element still open

    def _kept(self, tag: str) -> bool:
        return len(self.open) < FLAT_BELOW or tag in KEPT_DEEP

    def handle_starttag(self, tag: str, attrs: list) -> None:
        kept = self._kept(tag)
        if kept:
            self.out.append(self.get_starttag_text() or f"<{tag}>")
        if tag not in VOID:
            self.open.append((tag, kept))

    def handle_startendtag(self, tag: str, attrs: list) -> None:
        if self._kept(tag):
            self.out.append(self.get_starttag_text() or f"<{tag}/>")

    def handle_endtag(self, tag: str) -> None:
        reach = max(0, len(self.open) - CLOSE_REACH)
        for index in range(len(self.open) - 1, reach - 1, -1):
            if self.open[index][0] == tag:
                written = self.open[index][1]
                del self.open[index:]  # what it encloses closes with it, as a browser reads it
                if written:
                    self.out.append(f"</{tag}>")
                return

    def handle_data(self, data: str) -> None:
        self.out.append(data)

    def handle_entityref(self, name: str) -> None:
        self.out.append(f"&{name};")

    def handle_charref(self, name: str) -> None:
        self.out.append(f"&#{name};")

    def handle_decl(self, decl: str) -> None:
        self.out.append(f"<!{decl}>")
