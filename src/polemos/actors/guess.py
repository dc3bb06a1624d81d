"""Educated guesses for organisations the knowledge base does not know.

An unknown organisation's name usually says what it is ("... Liberation Front",
"Ministry of ...", "... Mining"). (An unknown person's title says their sector:
see ``polemos.actors.people`` and the language's ``tables/actors_person_titles.csv``.)
"""

from __future__ import annotations

import re
from typing import Optional

# (pattern on the name, kind, sector), first match wins.
ORGANISATION_RULES: list[tuple[str, str, Optional[str]]] = [
    (r"\b(police|gendarmerie|border guard|national guard)\b", "organisation", "COP"),
    (
        r"\b(ministry of (defen[cs]e|war)|defen[cs]e ministry|armed forces|navy|air force|general staff)\b",
        "organisation",
        "MIL",
    ),
    (
        r"\b(liberation|front|brigades?|battalions?|militias?|mujahideen|jihad|resistance|insurgen\w*|rebels?|"
        r"tigers|commandos?|legion|defen[cs]e forces|forces|movement|army)\b",
        "armed_group",
        "REB",
    ),
    (
        r"\b(ministry|government|cabinet|presidency|council of ministers|administration|office of the)\b",
        "organisation",
        "GOV",
    ),
    (r"\b(parliament|assembly|senate|congress|duma|legislature)\b", "organisation", "LEG"),
    (r"\b(court|tribunal|prosecutor\w*|judiciary)\b", "organisation", "JUD"),
    (r"\b(intelligence|security service)\b", "organisation", "SPY"),
    (r"\b(party|alliance|coalition)\b", "party", "PTY"),
    (r"\b(union of|trade union|federation of labou?r|workers)\b", "organisation", "LAB"),
    (r"\b(university|school|college|academy)\b", "organisation", "EDU"),
    (r"\b(church|mosque|patriarchate|diocese|synod|waqf|islamic council)\b", "organisation", "REL"),
    (r"\b(hospital|health|medical|clinic)\b", "organisation", "MED"),
    (
        r"\b(news|times|post|tribune|herald|gazette|tv|television|radio|press|broadcasting|journal|media|agency)\b",
        "organisation",
        "JRN",
    ),
    (
        r"\b(bank|inc|ltd|llc|plc|corp|corporation|company|mining|oil|gas|energy|airlines?|holdings?|group)\b",
        "organisation",
        "BUS",
    ),
    (
        r"\b(committee|foundation|watch|institute|centre|center|network|initiative|association|society|"
        r"observatory|council|organi[sz]ation|federation|fund|relief|aid)\b",
        "organisation",
        "NGO",
    ),
]


def guess_organisation(name: str) -> tuple[str, Optional[str]]:
    """(kind, sector) for an unknown organisation name."""
    lowered = name.lower()
    for pattern, kind, sector in ORGANISATION_RULES:
        if re.search(pattern, lowered):
            return kind, sector
    return "organisation", None
