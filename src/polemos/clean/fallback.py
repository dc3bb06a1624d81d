"""Paragraph-density fallback for pages trafilatura returns nothing for.

trafilatura discards elements it takes for page furniture (``<aside>``, ``<footer>``,
comment-like classes); a few sites put their whole story in one. This fallback scores every
element by the text of its direct ``<p>`` children, less link text (navigation is mostly
links), takes the best container and reads its headings, paragraphs, list items and quotes
in document order.
"""

from __future__ import annotations

from lxml import html as lxml_html

from polemos.clean.blocks import HEADING, ITEM, PARAGRAPH, Block
from polemos.clean.repair import repair_inline

_NEVER_TEXT = ("script", "style", "noscript", "template", "svg", "form", "nav", "button", "select", "iframe")
_BLOCK_TAGS = {
    "p": PARAGRAPH,
    "blockquote": PARAGRAPH,
    "li": ITEM,
    "pre": PARAGRAPH,
    "h1": HEADING,
    "h2": HEADING,
    "h3": HEADING,
    "h4": HEADING,
    "h5": HEADING,
    "h6": HEADING,
}


def _clean_text(element: lxml_html.HtmlElement) -> str:
    return repair_inline(" ".join(element.itertext()))


def _link_chars(element: lxml_html.HtmlElement) -> int:
    return sum(len(" ".join(link.itertext())) for link in element.iter("a"))


def _score(container: lxml_html.HtmlElement) -> int:
    score = 0
    for child in container:
        if child.tag == "p":
            text_length = len(_clean_text(child))
            score += max(0, text_length - 2 * _link_chars(child))
    return score


def density_blocks(tree: lxml_html.HtmlElement) -> list[Block]:
    """Blocks of the element with the densest paragraph text, or of the whole body."""
    tree = lxml_html.fromstring(lxml_html.tostring(tree))
    for element in list(tree.iter(*_NEVER_TEXT)):
        if element.getparent() is not None:
            element.drop_tree()
    containers = {p.getparent() for p in tree.iter("p") if p.getparent() is not None}
    best = max(containers, key=_score, default=None)
    root = best if best is not None and _score(best) > 0 else tree
    blocks: list[Block] = []
    for element in root.iter(*_BLOCK_TAGS):
        if any(ancestor.tag in _BLOCK_TAGS for ancestor in element.iterancestors()):
            continue  # its text is read with the enclosing block
        text = _clean_text(element)
        if text:
            level = int(element.tag[1]) if element.tag[0] == "h" else 0
            blocks.append(Block(_BLOCK_TAGS[element.tag], text, level=level))
    if not blocks:
        text = _clean_text(root)
        if text:
            blocks.append(Block(PARAGRAPH, text))
    return blocks
