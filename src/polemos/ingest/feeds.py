"""What a watched source lists: the article entries of an RSS or Atom feed (feedparser), of a
sitemap or news sitemap, or the feed a web page names in its ``<link rel="alternate">``.

URLs are canonicalised with courlan (the URL library trafilatura uses), so one article
reached through two feeds, with tracking parameters or a fragment, is one entry.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from typing import Optional
from urllib.parse import urljoin

import courlan
import feedparser
from lxml import etree
from lxml import html as lxml_html

FEED_LINK_TYPES = ("application/rss+xml", "application/atom+xml", "application/feed+json", "application/rdf+xml")
SITEMAP_NS = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
NEWS_NS = "{http://www.google.com/schemas/sitemap-news/0.9}"


@dataclass
class Entry:
    url: str  # canonical
    title: Optional[str] = None
    published: Optional[str] = None  # ISO date (YYYY-MM-DD)


@dataclass
class Listing:
    kind: str  # feed, sitemap, sitemap-index, page
    entries: list[Entry]
    feed_url: Optional[str] = None  # for a page: the feed it names
    children: list[str] | None = None  # for a sitemap index: the sitemaps it lists


def canonical_url(url: str, base: Optional[str] = None) -> Optional[str]:
    """The URL in one spelling (tracking parameters and fragment dropped, host lower-cased);
    None for anything that is not a plausible web page address."""
    if base:
        url = urljoin(base, url.strip())
    cleaned = courlan.clean_url(url.strip())
    if not cleaned or not cleaned.startswith(("http://", "https://")):
        return None
    return courlan.normalize_url(cleaned, strict=True)


def read_listing(body: bytes, content_type: str, url: str) -> Listing:
    """Read a source's body as a sitemap, a feed, or an HTML page naming its feed."""
    head = body[:2048].lstrip().lower()
    if b"<urlset" in head or b"<sitemapindex" in head:
        return read_sitemap(body, url)
    if "html" in content_type or head.startswith((b"<!doctype html", b"<html")):
        return Listing("page", [], feed_url=discover_feed(body, url))
    return read_feed(body, url)


def read_feed(body: bytes, url: str) -> Listing:
    parsed = feedparser.parse(body, response_headers={"content-location": url})
    entries = []
    for item in parsed.entries:
        link = canonical_url(item.get("link") or "", url)
        if link:
            entries.append(Entry(link, _plain(item.get("title")), _feed_date(item)))
    if not entries and parsed.bozo and not parsed.entries:
        raise ValueError(f"not a feed, sitemap or web page ({type(parsed.bozo_exception).__name__})")
    return Listing("feed", entries)


def _feed_date(item) -> Optional[str]:
    for key in ("published_parsed", "updated_parsed", "created_parsed"):
        value = item.get(key)
        if value:
            return time.strftime("%Y-%m-%d", value)
    return None


def read_sitemap(body: bytes, url: str) -> Listing:
    """A sitemap's pages (with the news sitemap's title and publication date when given), or a
    sitemap index's child sitemaps. Entities are never resolved and nothing is fetched."""
    parser = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False, recover=True)
    root = etree.fromstring(body, parser=parser)
    if root is None:
        raise ValueError("an empty or unreadable sitemap")
    if root.tag.endswith("sitemapindex"):
        children = [canonical_url(loc.text or "", url) for loc in root.iter(f"{SITEMAP_NS}loc", "loc")]
        return Listing("sitemap-index", [], children=[child for child in children if child])
    entries = []
    for node in root.iter(f"{SITEMAP_NS}url", "url"):
        link = canonical_url(_child_text(node, "loc") or "", url)
        if not link:
            continue
        news = node.find(f"{NEWS_NS}news")
        title = _child_text(news, "title", NEWS_NS) if news is not None else None
        date = (_child_text(news, "publication_date", NEWS_NS) if news is not None else None) or _child_text(
            node, "lastmod"
        )
        entries.append(Entry(link, title, date[:10] if date and len(date) >= 10 else None))
    return Listing("sitemap", entries)


def _child_text(node, name: str, namespace: str = SITEMAP_NS) -> Optional[str]:
    found = node.find(f"{namespace}{name}")
    if found is None:
        found = node.find(name)
    return found.text.strip() if found is not None and found.text else None


def discover_feed(body: bytes, url: str) -> Optional[str]:
    """The first feed a page names in ``<link rel="alternate" type="application/rss+xml" href=…>``."""
    try:
        document = lxml_html.fromstring(body)
    except (etree.ParserError, ValueError):
        return None
    for link in document.iter("link"):
        rel = (link.get("rel") or "").lower().split()
        if "alternate" in rel and (link.get("type") or "").lower().split(";")[0].strip() in FEED_LINK_TYPES:
            href = link.get("href")
            if href:
                return urljoin(url, href.strip())
    return None


def _plain(text: Optional[str]) -> Optional[str]:
    return " ".join(text.split())[:500] if text else None
