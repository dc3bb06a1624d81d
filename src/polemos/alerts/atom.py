"""A watchlist's alerts as an Atom feed (RFC 4287), so any feed reader can follow it."""

from __future__ import annotations

import json
from xml.sax.saxutils import escape, quoteattr

from polemos.alerts.deliver import DeliveryConfig, link


def atom_feed(watchlist, alerts: list[dict], feed_url: str, config: DeliveryConfig) -> str:
    updated = max((alert["updated_at"] for alert in alerts), default=watchlist.created_at)
    parts = [
        '<?xml version="1.0" encoding="utf-8"?>',
        '<feed xmlns="http://www.w3.org/2005/Atom">',
        f"<title>{escape(f'polemos alerts: {watchlist.name}')}</title>",
        f"<subtitle>{escape(watchlist.describe())}</subtitle>",
        f"<id>{escape(feed_url)}</id>",
        f"<link rel=\"self\" href={quoteattr(feed_url)}/>",
        f"<updated>{escape(_rfc3339(updated))}</updated>",
        "<author><name>polemos</name></author>",
    ]
    for alert in alerts:
        parts.append(_entry(alert, config))
    parts.append("</feed>")
    return "\n".join(parts) + "\n"


def _entry(alert: dict, config: DeliveryConfig) -> str:
    summary = json.loads(alert["summary_json"])
    href = link(config, alert)
    lines = []
    if summary.get("rule"):
        lines.append(f"Rule: {summary['rule']}")
    for source in summary.get("sources", []):
        lines.append(f"{source.get('title') or source['doc_id']} ({source.get('published') or 'undated'}):")
        lines += [f"\u201c{sentence}\u201d" for sentence in source.get("evidence", [])]
    return "\n".join(
        [
            "<entry>",
            f"<title>{escape(alert['title'])}</title>",
            f"<id>urn:polemos:alert:{escape(alert['id'])}:{escape(alert['updated_at'])}</id>",
            f"<link href={quoteattr(href)}/>",
            f"<published>{escape(_rfc3339(alert['created_at']))}</published>",
            f"<updated>{escape(_rfc3339(alert['updated_at']))}</updated>",
            f"<summary type=\"text\">{escape(chr(10).join(lines))}</summary>",
            "</entry>",
        ]
    )


def _rfc3339(stamp: str) -> str:
    return stamp.replace("+00:00", "Z") if stamp else "1970-01-01T00:00:00Z"
