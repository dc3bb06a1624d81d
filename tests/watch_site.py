"""A small news site on 127.0.0.1 for the watcher's tests and benchmark: made-up articles
(our own writing), an RSS feed, an Atom feed, a news sitemap, a page naming its feed,
robots.txt, ETag/Last-Modified answers (304), and slow and failing pages.

Every request is counted by path, so a test can tell whether anything was fetched twice.
"""

from __future__ import annotations

import threading
import time
from collections import Counter
from email.utils import format_datetime
from datetime import datetime, timezone
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from xml.sax.saxutils import escape

TOWNS = [
    ("Mopti", "Mali"),
    ("Gao", "Mali"),
    ("Kidal", "Mali"),
    ("Timbuktu", "Mali"),
    ("Segou", "Mali"),
    ("Maiduguri", "Nigeria"),
    ("Kano", "Nigeria"),
    ("Bama", "Nigeria"),
    ("Goma", "Congo"),
    ("Beni", "Congo"),
]
NUMBERS = ["three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve"]


def article_text(index: int, dead_word: str | None = None) -> tuple[str, str]:
    """(title, body paragraphs) of made-up article ``index``: an attack with its toll, then context."""
    town, country = TOWNS[index % len(TOWNS)]
    dead = dead_word or NUMBERS[(index // len(TOWNS)) % len(NUMBERS)]
    day = 1 + index % 27
    title = f"Gunmen kill {dead} in attack on {town} market (report {index})"
    paragraphs = [
        f"Gunmen attacked a crowded market in {town}, {country}, on {day} March 2026, killing {dead} civilians,"
        f" local officials said on Saturday.",
        f"Witnesses said the attackers arrived on motorcycles shortly after dawn and fired on traders for"
        f" nearly an hour before withdrawing. Report number {index} was filed by our correspondent.",
        f"Residents of {town} said the market had reopened only a week earlier after months of insecurity,"
        " and many families were now preparing to leave for the regional capital.",
    ]
    return title, "\n".join(f"<p>{escape(p)}</p>" for p in paragraphs)


def article_page(index: int, dead_word: str | None = None, with_date: bool = False) -> bytes:
    title, body = article_text(index, dead_word)
    meta = '<meta property="article:published_time" content="2026-03-05T08:00:00Z">' if with_date else ""
    return (
        f"<!doctype html><html><head><title>{escape(title)}</title>{meta}</head><body>"
        f"<article><h1>{escape(title)}</h1>{body}</article></body></html>"
    ).encode("utf-8")


class Site:
    """The site's pages (path → (content type, body)), changeable while it serves."""

    def __init__(self, articles: int = 6):
        self.pages: dict[str, tuple[str, bytes]] = {}
        self.hits: Counter = Counter()
        self.slow_seconds = 3.0
        self.lock = threading.Lock()
        self.server: ThreadingHTTPServer | None = None
        for index in range(articles):
            self.add_article(index)
        self.pages["/robots.txt"] = ("text/plain", b"User-agent: *\nDisallow: /private/\n")
        self.pages["/private/secret.html"] = ("text/html", article_page(900))
        self.pages["/fail/broken.html"] = ("text/html", b"")
        self.pages["/slow/late.html"] = ("text/html", article_page(901))
        self.publish_feeds()

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.server.server_address[1]}"

    def add_article(self, index: int, dead_word: str | None = None) -> str:
        path = f"/news/{index:04d}.html"
        self.pages[path] = ("text/html; charset=utf-8", article_page(index, dead_word))
        return path

    def article_paths(self) -> list[str]:
        return sorted(path for path in self.pages if path.startswith("/news/"))

    def publish_feeds(self, extra: list[str] = ()) -> None:
        """Rebuild the feeds from the articles (plus ``extra`` paths listed but not articles)."""
        paths = self.article_paths() + list(extra)
        stamp = format_datetime(datetime(2026, 3, 6, 12, 0, tzinfo=timezone.utc), usegmt=True)
        items = "".join(
            f"<item><title>Report {i}</title><link>{{base}}{path}?utm_source=rss</link>"
            f"<pubDate>{stamp}</pubDate></item>"
            for i, path in enumerate(paths)
        )
        rss = f'<?xml version="1.0"?><rss version="2.0"><channel><title>Made-up news</title>{items}</channel></rss>'
        entries = "".join(
            f"<entry><title>Report {i}</title><link href=\"{{base}}{path}#top\"/><id>{path}</id>"
            f"<updated>2026-03-06T12:00:00Z</updated></entry>"
            for i, path in enumerate(paths)
        )
        atom = f'<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom"><title>Made-up</title>{entries}</feed>'
        urls = "".join(
            f"<url><loc>{{base}}{path}</loc><news:news><news:title>Report {i}</news:title>"
            f"<news:publication_date>2026-03-06T12:00:00Z</news:publication_date></news:news></url>"
            for i, path in enumerate(paths)
        )
        sitemap = (
            '<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"'
            f' xmlns:news="http://www.google.com/schemas/sitemap-news/0.9">{urls}</urlset>'
        )
        page = '<!doctype html><html><head><link rel="alternate" type="application/atom+xml" href="/atom.xml"></head><body>Home</body></html>'
        with self.lock:
            self.pages["/rss.xml"] = ("application/rss+xml", rss.encode())
            self.pages["/atom.xml"] = ("application/atom+xml", atom.encode())
            self.pages["/sitemap.xml"] = ("application/xml", sitemap.encode())
            self.pages["/"] = ("text/html", page.encode())
            self.version = getattr(self, "version", 0) + 1

    def start(self) -> "Site":
        site = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self):  # noqa: N802 - the http.server name
                path = self.path.split("?")[0].split("#")[0]
                with site.lock:
                    site.hits[path] += 1
                    found = site.pages.get(path)
                    version = site.version
                if path.startswith("/fail/"):
                    return self._answer(500, "text/plain", b"server error")
                if path.startswith("/slow/"):
                    time.sleep(site.slow_seconds)
                if found is None:
                    return self._answer(404, "text/plain", b"not found")
                kind, body = found
                body = body.replace(b"{base}", site.base.encode())
                etag = f'"v{version}"'
                if kind.endswith("xml") and self.headers.get("If-None-Match") == etag:
                    return self._answer(304, kind, b"", etag)
                self._answer(200, kind, body, etag if kind.endswith("xml") else None)

            def _answer(self, status, kind, body, etag=None):
                self.send_response(status)
                self.send_header("Content-Type", kind)
                self.send_header("Content-Length", str(len(body)))
                if etag:
                    self.send_header("ETag", etag)
                self.end_headers()
                if body:
                    self.wfile.write(body)

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        threading.Thread(target=self.server.serve_forever, daemon=True).start()
        return self

    def stop(self) -> None:
        if self.server:
            self.server.shutdown()
            self.server.server_close()
