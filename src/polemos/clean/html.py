"""Main-text extraction from HTML pages with trafilatura, keeping structure.

Figure captions and credits are taken out of the page first, so they land in ``captions``
rather than in the body. trafilatura's XML output then gives headings,
paragraphs, list items and quotes in order. When trafilatura finds nothing (pages whose story
sits in an element it treats as page furniture), a paragraph-density fallback takes over.
Title, canonical url and publication date come from the page's metadata only. A page nested
deeper than the parser goes is flattened first (``nesting``), so its story is not cut off.
"""

from __future__ import annotations

import copy
import re
from typing import Optional

import htmldate
import trafilatura
from lxml import etree, html as lxml_html
from trafilatura.utils import load_html

from polemos.clean.blocks import HEADING, ITEM, PARAGRAPH, Block, Extraction
from polemos.clean.captions import CaptionDetector
from polemos.clean.fallback import density_blocks
from polemos.clean.nesting import FLAT_BELOW, depth_of, flatten
from polemos.clean.repair import normalise_for_matching, repair_inline

_CREDIT_CLASS = re.compile(r"credit|copyright|byline|source|attribution", re.IGNORECASE)
_CAPTION_CONTAINERS = "//figure | //*[contains(concat(' ', normalize-space(@class), ' '), ' wp-caption ')]"
_FIGURE_MAX_WORDS = 120  # a <figure> holding more text than a caption wraps article text


def _text_of(element: etree._Element) -> str:
    return " ".join(" ".join(element.itertext()).split())


def _credit_inside(container: etree._Element) -> Optional[str]:
    for element in container.iter():
        if isinstance(element.tag, str) and _CREDIT_CLASS.search(element.get("class", "")):
            credit = _text_of(element)
            if credit and element.getparent() is not None:
                element.drop_tree()  # keeps the tail text, which belongs to the surroundings
                return credit
    return None


def _take_figures(tree: lxml_html.HtmlElement, detector: CaptionDetector, extraction: Extraction) -> None:
    """Move figure captions and credits into ``extraction`` and out of the page. The figure
    element itself stays: it may wrap a table, and removing it shifts trafilatura's choice of
    the main container."""
    for figure in tree.xpath(_CAPTION_CONTAINERS):
        if len(_text_of(figure).split()) > _FIGURE_MAX_WORDS:
            continue
        captions = figure.xpath(".//figcaption | .//*[contains(@class, 'caption') and not(ancestor::figcaption)]")
        credit = _credit_inside(figure)
        texts = [text for text in (_text_of(element) for element in captions) if text] or ([""] if credit else [])
        for index, text in enumerate(texts):
            caption, own_credit = detector.split_figure_caption(repair_inline(text))
            shared_credit = repair_inline(credit) if credit and index == 0 else None
            extraction.add_caption(caption, shared_credit or own_credit)
        for element in captions:
            if element.getparent() is not None:
                element.drop_tree()


def _page_headline(tree: lxml_html.HtmlElement) -> Optional[str]:
    """Text of the page's first <h1> outside the header and navigation, if headline-sized."""
    for query in ("//h1[not(ancestor::header) and not(ancestor::nav)]", "//h1"):
        for h1 in tree.xpath(query):
            text = repair_inline(_text_of(h1))
            if 2 <= len(text.split()) <= 40:
                return text
    return None


def _strip_site_name(title: str, site: Optional[str]) -> str:
    """'Headline | Site' -> 'Headline' when the last segment names the site."""
    parts = re.split(r"\s+[|\u2013\u2014-]\s+", title)
    if len(parts) > 1 and site and normalise_for_matching(parts[-1]) in normalise_for_matching(site):
        return title[: title.rfind(parts[-1])].rstrip(" |-\u2013\u2014")
    return title


def _choose_title(meta_title: Optional[str], headline: Optional[str], site: Optional[str]) -> Optional[str]:
    """The visible headline when it agrees with the metadata title (sites append their name
    and SEO phrases to <title>), else the metadata title without the site name."""
    if headline and meta_title:
        headline_words = set(normalise_for_matching(headline).split())
        shared = headline_words & set(normalise_for_matching(meta_title).split())
        if len(shared) >= 0.3 * len(headline_words):
            return headline
    if meta_title:
        return _strip_site_name(meta_title, site)
    return headline


def _metadata(tree: lxml_html.HtmlElement, extraction: Extraction, url: Optional[str]) -> None:
    found = trafilatura.extract_metadata(
        tree,
        default_url=url,
        extensive=False,
        date_config={"extensive_search": False, "original_date": True},
    )
    meta_title = repair_inline(found.title) if found.title else None
    site = found.sitename or found.hostname
    extraction.title = _choose_title(meta_title, _page_headline(tree), site)
    extraction.url = found.url or url
    extraction.published = found.date or None
    if extraction.published is None:
        # Markup-aware search of the whole page (bylines, "Posted on" spans) that the body
        # text no longer has; a guess from the page, so the cleaner labels it "inferred".
        extraction.page_date = htmldate.find_date(tree, extensive_search=True, original_date=True, url=url)


def _heading_level(element: etree._Element) -> int:
    rend = element.get("rend", "")
    return int(rend[1]) if len(rend) == 2 and rend[0] == "h" and rend[1].isdigit() else 2


def _list_blocks(list_element: etree._Element) -> list[Block]:
    """One item block per list item; a nested list follows its parent item, not inside it."""
    blocks: list[Block] = []
    for item in list_element.iterchildren("item"):
        nested = list(item.iterchildren("list"))
        for sublist in nested:
            item.remove(sublist)
        blocks.append(Block(ITEM, repair_inline(_text_of(item))))
        for sublist in nested:
            blocks.extend(_list_blocks(sublist))
    return blocks


def _element_blocks(element: etree._Element) -> list[Block]:
    """Blocks of one element of trafilatura's XML; containers (``div``) are walked into."""
    tag = element.tag
    if tag == "head":
        return [Block(HEADING, repair_inline(_text_of(element)), level=_heading_level(element))]
    if tag == "list":
        return _list_blocks(element)
    if tag == "table":
        rows = []
        for row in element.iter("row"):
            cells = [repair_inline(_text_of(cell)) for cell in row.iter("cell")]
            rows.append(Block(ITEM, " | ".join(cell for cell in cells if cell)))
        return rows
    if tag in ("p", "quote", "code"):
        return [Block(PARAGRAPH, repair_inline(_text_of(element)))]
    blocks = [Block(PARAGRAPH, repair_inline(element.text))] if element.text and element.text.strip() else []
    for child in element:
        blocks.extend(_element_blocks(child))
        if child.tail and child.tail.strip():
            blocks.append(Block(PARAGRAPH, repair_inline(child.tail)))
    return blocks


def _xml_blocks(xml: str) -> list[Block]:
    root = etree.fromstring(xml.encode("utf-8"))
    main = root.find("main")
    blocks = _element_blocks(main if main is not None else root)
    return [block for block in blocks if block.text]


def _drop_title_heading(blocks: list[Block], title: Optional[str]) -> list[Block]:
    """The page title repeated as the first heading belongs to ``document.title``."""
    if blocks and title and blocks[0].kind == HEADING:
        if normalise_for_matching(blocks[0].text) == normalise_for_matching(title):
            return blocks[1:]
    return blocks


def _word_count(blocks: list[Block]) -> int:
    return sum(len(block.text.split()) for block in blocks)


def extract_html(
    content: str, detector: CaptionDetector, url: Optional[str] = None, fallback_below_words: int = 30
) -> Extraction:
    """Body blocks, captions and metadata of an HTML page."""
    extraction = Extraction()
    tree = load_html(content)
    if tree is not None and depth_of(tree) > FLAT_BELOW:  # the parser may have dropped what lies deeper
        tree = load_html(flatten(content))
    if tree is None:
        return extraction
    _metadata(tree, extraction, url)
    tree = copy.deepcopy(tree)
    _take_figures(tree, detector, extraction)
    xml = trafilatura.extract(
        copy.deepcopy(tree),
        output_format="xml",
        include_comments=False,
        include_tables=True,
        include_images=False,
        include_links=False,
        with_metadata=False,
    )
    blocks = _xml_blocks(xml) if xml else []
    if _word_count(blocks) < fallback_below_words:
        rescued = density_blocks(tree)
        if _word_count(rescued) > _word_count(blocks):
            blocks = rescued
    extraction.blocks = _drop_title_heading(blocks, extraction.title)
    return extraction
