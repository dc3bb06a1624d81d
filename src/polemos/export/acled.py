"""Rows in ACLED's column layout, filled from what polemos knows and empty where it does not.

The columns and codes follow the ACLED codebook: ``disorder_type`` from the event type,
``inter1``/``inter2`` from the kind and sector of each side's first actor (1 state forces, 2 rebel
groups, 3 political militias, 4 identity militias, 5 rioters, 6 protesters, 7 civilians,
8 external/other forces), ``interaction`` as the two codes low then high (a lone actor's code
then 0), ``time_precision`` from the date's precision and ``geo_precision`` from the place's
feature. ``iso`` and ``region`` come from ``data/acled_countries.csv``, the division names
from the gazetteer. A value polemos cannot tell is left empty rather than guessed.
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass
import datetime as dt
from pathlib import Path
from typing import Any, Optional
from urllib.parse import urlsplit

from polemos.events.acled import ARMED_SECTORS, CIVILIAN_SECTORS, FORCES_SECTORS
from polemos.export.rows import document_urls, flat_row
from polemos.record import EventDate
from polemos.store.views import EventView

DATA_DIR = Path(__file__).resolve().parent.parent / "data"

ACLED_COLUMNS = (
    "event_id_cnty",
    "event_date",
    "year",
    "time_precision",
    "disorder_type",
    "event_type",
    "sub_event_type",
    "actor1",
    "assoc_actor_1",
    "inter1",
    "actor2",
    "assoc_actor_2",
    "inter2",
    "interaction",
    "civilian_targeting",
    "iso",
    "region",
    "country",
    "admin1",
    "admin2",
    "admin3",
    "location",
    "latitude",
    "longitude",
    "geo_precision",
    "source",
    "source_scale",
    "notes",
    "fatalities",
    "tags",
    "timestamp",
)
# polemos's own columns after ACLED's: what the row was coded from and how far to trust it.
EXTRA_COLUMNS = (
    "plover_type",
    "plover_mode",
    "modality",
    "review_status",
    "reviewer",
    "review_note",
    "reviewed_at",
    "doc_ids",
    "source_url",
    "evidence_offsets",
)
COLUMNS = ACLED_COLUMNS + EXTRA_COLUMNS
# The columns that are a column of the event's flat row (``polemos.export.rows.flat_row``)
# under ACLED's name or polemos's own: the same value ``polemos events --format csv`` shows.
FROM_FLAT_ROW = {
    "event_id_cnty": "id",
    "location": "place",
    "latitude": "lat",
    "longitude": "lon",
    "plover_type": "type",
    "plover_mode": "mode",
    "modality": "modality",
    "review_status": "review",
    "reviewer": "reviewer",
    "review_note": "review_note",
    "reviewed_at": "reviewed_at",
    "doc_ids": "doc_ids",
    "source_url": "source_url",
    "evidence_offsets": "evidence_offsets",
}

# Codebook: 1 the exact day, 2 a week or a few days, 3 a month or longer.
TIME_PRECISION = {"day": 1, "week": 2, "month": 3, "season": 3, "quarter": 3, "half": 3, "year": 3}
TIME_PRECISION_BY_NAME_ONLY = {"month", "season", "quarter", "half", "year"}  # never finer than 3, whatever the span
PARTIAL_DATE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?")
# Codebook: 1 a town or village, 2 near a town or on a road (a district, a route), 3 only a
# larger region (a province, a named region, a country).
GEO_PRECISION = {
    "city": 1,
    "town": 1,
    "village": 1,
    "admin2": 2,
    "route": 2,
    "admin1": 3,
    "region": 3,
    "water": 3,
    "country": 3,
    "continent": 3,
}
DISORDER_TYPES = {
    "Battles": "Political violence",
    "Explosions/Remote violence": "Political violence",
    "Violence against civilians": "Political violence",
    "Protests": "Demonstrations",
    "Riots": "Demonstrations",
    "Strategic developments": "Strategic developments",
}
# Sub-event types ACLED counts as both: force at a demonstration.
BOTH_DISORDERS = {"Excessive force against protesters", "Mob violence"}
POLITICAL_VIOLENCE = "Political violence"

STATE_FORCES, REBELS, POLITICAL_MILITIA, IDENTITY_MILITIA, RIOTERS, PROTESTERS, CIVILIANS, EXTERNAL = range(1, 9)
REBEL_SECTORS = {"REB", "INS", "TER"}
IDENTITY_SECTORS = {"ETH", "REL"}
CIVIL_SERVICE = {"GOV", "JUD", "LEG"}
STATE_SECTORS = FORCES_SECTORS | CIVIL_SERVICE
EXTERNAL_SECTORS = {"IGO", "PKO", "PMC"}


@dataclass(frozen=True)
class CountryCodes:
    """ISO 3166 numeric code and ACLED region of each country (by alpha-3), and its name."""

    numeric: dict[str, int]
    region: dict[str, str]
    name: dict[str, str]

    @classmethod
    def load(cls, data_dir: Path = DATA_DIR) -> "CountryCodes":
        numeric, region, name = {}, {}, {}
        with (data_dir / "acled_countries.csv").open(newline="", encoding="utf-8") as handle:
            for row in csv.DictReader(handle):
                if row["iso_numeric"]:
                    numeric[row["iso3"]] = int(row["iso_numeric"])
                if row["region"]:
                    region[row["iso3"]] = row["region"]
        with (data_dir / "actors" / "countries.csv").open(newline="", encoding="utf-8") as handle:
            name = {row["id"]: row["name"] for row in csv.DictReader(handle)}
        return cls(numeric, region, name)


def disorder_type(event_type: Optional[str], sub_event_type: Optional[str]) -> Optional[str]:
    if sub_event_type in BOTH_DISORDERS:
        return "Political violence; Demonstrations"
    return DISORDER_TYPES.get(event_type or "")


def inter_code(
    actor: Optional[dict],
    event_type: Optional[str],
    sub_event_type: Optional[str],
    event_country: Optional[str],
    recipient: bool,
) -> Optional[int]:
    """ACLED's actor type for a stored actor (``kind``, ``sector``, ``country``) in this event."""
    if not actor:
        return None
    sector, kind = actor.get("sector") or "", actor.get("kind") or ""
    if sector in EXTERNAL_SECTORS:
        return EXTERNAL
    if sector in CIVIL_SERVICE and recipient and DISORDER_TYPES.get(event_type or "") == POLITICAL_VIOLENCE:
        return None  # unarmed officials who are attacked count as civilians to ACLED, not as state forces
    if sector in STATE_SECTORS or kind == "state":
        # A state's forces acting outside their own country are external forces to ACLED.
        # Without the event's country, a state's own forces and foreign ones cannot be told apart.
        if actor.get("country") and not event_country:
            return None
        return EXTERNAL if actor.get("country") and actor["country"] != event_country else STATE_FORCES
    if sector in ARMED_SECTORS or kind == "armed_group":
        if sector in REBEL_SECTORS:
            return REBELS
        return IDENTITY_MILITIA if sector in IDENTITY_SECTORS else POLITICAL_MILITIA
    civilian = sector in CIVILIAN_SECTORS or sector == "NGO" or (kind in ("group", "person") and not sector)
    if civilian or sector == "PTY" or kind == "party":
        return _demonstrator_code(event_type, sub_event_type, recipient, party=not civilian)
    return None


def _demonstrator_code(event_type, sub_event_type, recipient: bool, party: bool) -> Optional[int]:
    """People who are not armed: protesters in a protest, rioters in a riot (unless they are the
    mob's victims), civilians when they suffer anything else. Civilians who act in anything else
    (a lone gunman, looters) are no type ACLED gives a doer, so they stay uncoded; a party that
    attacks acts as a political militia."""
    if event_type == "Protests":
        return PROTESTERS
    if event_type == "Riots":
        return CIVILIANS if recipient and sub_event_type == "Mob violence" and not party else RIOTERS
    if party:
        violent = DISORDER_TYPES.get(event_type or "") == POLITICAL_VIOLENCE
        return POLITICAL_MILITIA if violent and not recipient else None
    return CIVILIANS if recipient else None


def interaction(inter1: Optional[int], inter2: Optional[int], has_actor2: bool) -> Optional[int]:
    """The two codes low then high; a lone actor's code then 0; empty when a side is unknown."""
    if inter1 is None:
        return None
    if not has_actor2:
        return inter1 * 10
    if inter2 is None:
        return None
    low, high = sorted((inter1, inter2))
    return low * 10 + high


# A web archive's copy names the page it keeps after a capture time: /web/20170316053012/http://…
ARCHIVED_PAGE = re.compile(r"^/web/\d+[a-z_]*/(?P<original>.+)$")
WEB_ARCHIVES = {"web.archive.org", "wayback.archive.org"}


def publication(url: Optional[str]) -> Optional[str]:
    """The outlet as its web domain ("www.example.org/a" -> "example.org"); for a web archive's
    copy, the domain of the page it keeps; None without a URL."""
    parts = urlsplit(url) if url and "//" in url else None
    host = parts.hostname if parts else None
    if parts is not None and host in WEB_ARCHIVES:
        archived = ARCHIVED_PAGE.match(parts.path)
        return publication(archived["original"]) if archived else None
    if not host:
        return None
    return host[4:] if host.startswith("www.") else host


def unix_time(*stamps: Optional[str]) -> Optional[int]:
    """The latest of these ISO timestamps in seconds since 1970 (ACLED's ``timestamp``)."""
    seconds = []
    for stamp in filter(None, stamps):
        try:
            parsed = dt.datetime.fromisoformat(stamp.replace("Z", "+00:00"))
        except ValueError:
            continue
        seconds.append(int(parsed.timestamp()))
    return max(seconds) if seconds else None


def acled_row(event: EventView, actors: dict[str, dict], codes: CountryCodes, admin_areas=None) -> dict[str, Any]:
    """One event (a report's view, or a canonical event shaped like one) as an ACLED row, its
    values read from the event's flat row (``flat_row``) as the command's CSV reads them."""
    row = flat_row(event)
    asserted = row["modality"] == "asserted"  # ACLED codes only what happened
    event_type = row["acled_event_type"] if asserted else None
    sub_event_type = row["acled_sub_event_type"] if asserted else None
    dead = row["dead_min"]
    values = {
        **{column: row[flat] for column, flat in FROM_FLAT_ROW.items()},
        **_when(event.date),
        "disorder_type": disorder_type(event_type, sub_event_type),
        "event_type": event_type,
        "sub_event_type": sub_event_type,
        **_who(event, actors, event_type, sub_event_type, row["country"]),
        **_where(row, codes, admin_areas),
        "source": "; ".join(dict.fromkeys(filter(None, map(publication, document_urls(event))))) or None,
        "source_scale": None,
        "notes": row["evidence"] or None,
        # ACLED's rule, the most conservative reported figure; empty when no figure is reported,
        # and for what did not happen (announced, possible, denied).
        "fatalities": int(dead) if dead is not None and asserted else None,
        "tags": None,
        "timestamp": unix_time(row["extracted_at"], row["reviewed_at"]),
    }
    return {column: values[column] for column in COLUMNS}


def _when(date: Optional[EventDate]) -> dict[str, Any]:
    day = first_day((date.begin or date.value) if date else None)
    return {
        "event_date": day.isoformat() if day else None,
        "year": day.year if day else None,
        "time_precision": time_precision(date) if day and date else None,
    }


def first_day(value: Optional[str]) -> Optional[dt.date]:
    """The first calendar day of an ISO date, month (``2023-09``) or year; None for other values."""
    if not value or not PARTIAL_DATE.match(value):
        return None
    year, month, day = (value.split("-") + ["01", "01"])[:3]
    try:
        return dt.date(int(year), int(month), int(day[:2]))
    except ValueError:
        return None


def time_precision(date: EventDate) -> Optional[int]:
    """1 when the event is known to the day, 2 to a span of a week or less (reported without a
    date: the day of publication or the one before), 3 longer; by the precision's name when the
    date has no span."""
    begin, end = first_day(date.begin), first_day(date.end)
    if begin and end and date.precision not in TIME_PRECISION_BY_NAME_ONLY:
        days = (end - begin).days
        return 1 if days == 0 else 2 if days <= 7 else 3
    return TIME_PRECISION.get(date.precision or "")


def _who(
    event: EventView,
    actors: dict[str, dict],
    event_type: Optional[str],
    sub_event_type: Optional[str],
    country: Optional[str],
) -> dict[str, Any]:
    """Both sides, their ACLED actor types, and whether civilians were the target."""
    actor_ids, recipient_ids = event.actor_ids, event.recipient_ids
    actor_names, recipient_names = event.actor_names, event.recipient_names
    if event.type == "PROTEST" and event_type:
        # Whom a protest is against is no party to it for ACLED: its second actor is only a
        # force that intervenes, which a protest event of polemos does not name.
        recipient_ids, recipient_names = [], []
    inter1 = inter_code(actors.get(actor_ids[0]) if actor_ids else None, event_type, sub_event_type, country, False)
    inter2 = inter_code(
        actors.get(recipient_ids[0]) if recipient_ids else None, event_type, sub_event_type, country, True
    )
    violent = (disorder_type(event_type, sub_event_type) or "").startswith(POLITICAL_VIOLENCE)
    return {
        "actor1": actor_names[0] if actor_names else None,
        "assoc_actor_1": "; ".join(actor_names[1:]) or None,
        "inter1": inter1 if actor_names else None,
        "actor2": recipient_names[0] if recipient_names else None,
        "assoc_actor_2": "; ".join(recipient_names[1:]) or None,
        "inter2": inter2 if recipient_names else None,
        "interaction": interaction(inter1, inter2, bool(recipient_names)) if event_type else None,
        "civilian_targeting": "Civilian targeting"
        if event_type == "Violence against civilians" or (violent and inter2 == CIVILIANS)
        else None,
    }


def _where(row: dict[str, Any], codes: CountryCodes, admin_areas) -> dict[str, Any]:
    """The country's codes, the divisions the place lies in, and how precise the place is."""
    country = row["country"]
    admin1, admin2 = admin_areas.of(row["place_geonameid"]) if admin_areas else (None, None)
    return {
        "iso": codes.numeric.get(country) if country else None,
        "region": codes.region.get(country) if country else None,
        "country": codes.name.get(country, country) if country else None,
        "admin1": admin1,
        "admin2": admin2,
        "admin3": None,
        "geo_precision": GEO_PRECISION.get(row["place_feature"] or "", 1) if row["lat"] is not None else None,
    }
