"""Where an event happened: the most specific place its words name, else its story's place.

* Only a place with coordinates can locate an event: "the 6700 block of North Clark Street"
  is kept as a place but leaves the event to its paragraph's or story's place (the city).
* The most specific place wins over its containers: an event tied to "Texas" in "Houston,
  Texas" happened in Houston. A container is either written as one ("Kolo (Bankass, Mopti)",
  "Tinaquillo, Cojedes state", "Khulm district, Balkh") or known to the gazetteer (the city's
  country or first-level division) and tied to the same event.
* A story has one place that carries to its sentences naming none (news paragraphs are often
  one sentence each): the town of its text that its title names ("Four shot in west
  Charlotte"; not the outlet's, "... - Live 5 News | Charleston, SC", nor a home, "Kent man
  charged", nor an area, "Atlanta suburbs", nor a town outside the states the text names),
  when no dateline names another town far from it (a broadcaster's, "TUCSON (KGUN9-TV) —",
  names the station's city, and gives way to the title wherever); else its dateline
  ("HOUSTON —", "KANSAS CITY, Mo. –", "VALLEJO (KPIX) –"), or the town near it its lede
  reports from or whose police force its lede quotes ("Hamilton police say"), or for a
  broadcaster's dateline the town of its state the story names more often than the station's
  city; else the first place below country level that one of its events is tied to, else the
  outlet's town its title names, else the first town whose police force its opening quotes,
  else the first such place its opening names, else the one it names most often (twice at
  least), else the first town whose police force it quotes. A story placed in a
  county or state that names a town inside it is placed in that town.
* A story whose text names no place, or only a state or county holding it, happened in the
  town its headline says it happened in ("Four shot in west Tulsa", "weekend Bridgeport
  shooting"): the geo stage keeps the title's places in ``record.title_places`` and such an
  event points there (``Event.title_place``), its evidence the title.
"""

from __future__ import annotations

import math
import re
from typing import Iterable, Optional

from polemos.distance import great_circle_km
from polemos.geo.outlet import site_part
from polemos.geo.title import cued
from polemos.geo.words import GeoWords
from polemos.record import ExtractionRecord, Place

# How closely an event's place is tied to it (lower is closer; merging keeps the closest).
PLACE_ATTACHED, PLACE_OF_RECIPIENT, PLACE_OF_PARAGRAPH, PLACE_OF_STORY, PLACE_NONE = 0, 1, 2, 3, 4

# What follows a dateline's place: an optional ", State", an optional "(Agency)", then a dash,
# a colon or a bullet ("ST. LOUIS •").
_DATELINE_TAIL = re.compile(
    r"(?:,\s*[A-Z][\w.]*(?:\s[A-Z][\w.]*)?)?\s*(?:\([^()\n]{1,40}\))?\s*(?:—|–|--|•|-(?=\s)|:(?=\s))"
)
# A broadcaster's call letters in brackets after a dateline's city (and state): "(KGUN9-TV)".
_STATION_TAIL = re.compile(r"(?:,\s*[A-Z][\w.]*(?:\s[A-Z][\w.]*)?)?\s*\(\s*[KW][A-Z]{2,3}\d*(?:-(?:TV|FM|AM|DT))?\s*\)")
DATELINE_REACH = 600  # a dateline opens the story: it is found within its first characters
LEDE_PARAGRAPHS = 3  # the opening, when no event is tied to a place: title, dateline and lede
# A second-level division's point is its most populous town; a town this near, in the same
# first-level division, is taken to lie in it (the index keeps no county boundaries).
COUNTY_REACH_KM = 50.0
# A place this far from where the story is set, in a state or country the text never names,
# is a namesake of a local name (see ``stranger_places``).
STRANGER_KM = 100.0
# How far from a dateline's city the town its lede reports from may lie (a station's region).
DATELINE_TOWN_KM = 150.0


def located(place: Optional[Place]) -> bool:
    return place is not None and place.lat is not None and place.lon is not None


def _km_apart(first: Place, second: Place) -> float:
    """How far apart two places lie; one without coordinates is near nothing."""
    if first.lat is None or first.lon is None or second.lat is None or second.lon is None:
        return math.inf
    return great_circle_km(first.lat, first.lon, second.lat, second.lon)


def written_holders(places: list[Place], text: str, words: GeoWords) -> dict[int, int]:
    """Index of each place written as the container of the place before it -> that place's
    index: in "Kolo (Bankass, Mopti)" Bankass holds Kolo and Mopti holds Bankass, in "Khulm
    district, Balkh" Balkh holds Khulm (``words.container_gap``: what a language writes between)."""
    order = sorted(range(len(places)), key=lambda i: places[i].start)
    held: dict[int, int] = {}
    for inner, outer in zip(order, order[1:]):
        gap = text[places[inner].end : places[outer].start]
        if places[outer].start >= places[inner].end and words.container_gap.fullmatch(gap):
            held[outer] = inner
    return held


def contains(outer: Place, inner: Place) -> bool:
    """Whether the gazetteer puts ``inner`` inside ``outer`` (a country or first-level division)."""
    if not (located(outer) and located(inner)) or outer.name == inner.name:
        return False
    if outer.precision == "country":
        return inner.precision not in (None, "country") and inner.country == outer.country
    if outer.feature == "admin1":
        return (
            inner.precision in ("point", "city", "admin2") and inner.admin1 is not None and inner.admin1 == outer.admin1
        )
    return False


def most_specific(chosen: int, tied_places: Iterable[int], places: list[Place], held: dict[int, int]) -> int:
    """``chosen``, or the innermost place inside it: the place it is written after ("Houston" of
    "Houston, Texas") or one inside it that is tied to the same event (``tied_places``)."""
    candidates = [i for i in tied_places if located(places[i])]
    for _ in range(4):  # a hierarchy is a few levels deep at most
        inner = held.get(chosen)
        if inner is None or not located(places[inner]):
            inside = [i for i in candidates if contains(places[chosen], places[i])]
            inner = min(inside, key=lambda i: abs(places[i].start - places[chosen].start), default=None)
        if inner is None:
            return chosen
        chosen = inner
    return chosen


def story_place(
    record: ExtractionRecord,
    tied: Iterable[int],
    paragraph_of,
    words: GeoWords,
    strangers: frozenset[int] = frozenset(),
) -> Optional[int]:
    """The place a story's sentences fall back to (see the module's description). ``tied``: the
    places events are tied to by their own words, in text order; ``paragraph_of``: offset ->
    paragraph number; ``strangers``: places that cannot be where the story is set."""
    places = record.places
    in_order = sorted(
        (
            i
            for i, p in enumerate(places)
            if _below_country(p)
            and i not in strangers
            and not (p.precision == "admin1" and written_as_home(record.text, p, words))
        ),
        key=lambda i: places[i].start,
    )  # not "a California man" in a story from Oregon
    tied = [i for i in tied if i not in strangers and not elsewhere_than_scene(record.text, places[i], words)]
    found = dateline_place(record)
    if found in strangers:
        found = None  # "ELMWOOD, N.C." where the gazetteer knows only another Elmwood
    titled = title_town(record, words, strangers)
    station = found is not None and station_dateline(record, found)
    if titled is not None and (found is None or station or _near_dateline(places[titled], places[found])):
        return titled
    force = police_town(record, words, strangers, paragraph_of, LEDE_PARAGRAPHS)
    if found is not None:
        lede = _lede_town(found, tied, places, paragraph_of)
        if lede == found and force is not None and _near_dateline(places[force], places[found]):
            lede = force  # "CINCINNATI (AP) — ... Hamilton police say the boy ..."
        if lede == found and station:
            lede = _town_named_more(found, places, in_order)
        found = lede
    if found is None:
        found = next((i for i in tied if _below_country(places[i])), force)
    if found is None and headline_town(record, words) is None:  # the headline's own town comes first
        found = title_town(record, words, strangers, with_outlet=True)  # "... - Action News 5 - Memphis, Tennessee"
    if found is None:
        found = next((i for i in in_order if paragraph_of(places[i].start) < LEDE_PARAGRAPHS), None)
    if found is None:
        found = _most_named(places, in_order)
    if found is None:
        found = police_town(record, words, strangers)  # "..., Milwaukee police Chief Ed Flynn said"
    towns = [i for i in in_order if not elsewhere_than_scene(record.text, places[i], words)]
    return _town_inside(found, places, towns) if found is not None else None


def title_town(
    record: ExtractionRecord, words: GeoWords, strangers: frozenset[int] = frozenset(), with_outlet: bool = False
) -> Optional[int]:
    """The text's town that the title names (its first mention), the one the title names
    first: a headline says where its story happened ("Four shot in west Charlotte"), unless
    the town is someone's home ("Kent man charged ...") or the area around ("Atlanta suburbs"),
    or lies outside every state the text names (or names a county of)."""
    title = record.document.title or ""
    outlet_start, outlet_end = site_part(title, words) if not with_outlet else (0, 0)
    states = _named_states(record.places)
    best: Optional[tuple[int, int]] = None
    for index in sorted(range(len(record.places)), key=lambda i: record.places[i].start):
        place = record.places[index]
        if index in strangers or not located(place) or place.precision != "city":
            continue
        if states and place.admin1 not in states:
            continue  # "3 dead in Springs ..." above a text naming Colorado: not Springs, N.Y.
        at = _named_at(title, place.text, words, outlet_start, outlet_end)
        if at is not None and _inside_longer_title_place(record, at, place.text):
            continue  # "Poplar" of a title naming "Poplar Bluff"
        if at is not None and (best is None or at < best[0]):
            best = (at, index)
    return best[1] if best else None


def _inside_longer_title_place(record: ExtractionRecord, at: int, name: str) -> bool:
    return any(p.start <= at and at + len(name) <= p.end and p.end - p.start > len(name) for p in record.title_places)


def police_town(
    record: ExtractionRecord,
    words: GeoWords,
    strangers: frozenset[int],
    paragraph_of=None,
    paragraphs: Optional[int] = None,
) -> Optional[int]:
    """The first town named as the head of a local police force ("Hamilton police say", "the
    Sylvester Police Department"; ``words.force_words``), within the first ``paragraphs``
    paragraphs if given: the force works in its town, so a story whose lede names one happened there."""
    for index in sorted(range(len(record.places)), key=lambda i: record.places[i].start):
        place = record.places[index]
        if paragraphs is not None and paragraph_of(place.start) >= paragraphs:
            break
        if index in strangers or not located(place) or place.precision != "city":
            continue
        following = re.match(r"\s+([A-Za-z]+)", record.text[place.end : place.end + 30])
        if following is not None and following.group(1).lower() in words.force_words:
            return index
    return None


def _named_at(title: str, name: str, words: GeoWords, outlet_start: int = 0, outlet_end: int = 0) -> Optional[int]:
    """Where ``name`` is written in ``title`` as a place (not before a word making it someone's
    home, "Kent man charged in ...", or the area around it, "Atlanta suburbs": ``words.home_words``),
    outside the part naming the outlet (``outlet_start:outlet_end``, ``site_part``): the
    station's city in "... - Live5News.com | Charleston, SC" is not where the story happened."""
    for match in re.finditer(r"(?<![\w'’])%s(?![\w'’])" % re.escape(name), title, re.IGNORECASE):
        if outlet_start <= match.start() < outlet_end:
            continue
        following = words.title_word_after.match(title[match.end() :])  # "Kent's", "Atlanta suburbs"
        if following is None or following.group(1).lower() not in words.home_words:
            return match.start()
    return None


def _near_dateline(town: Place, filed: Place) -> bool:
    """Whether a town lies within a dateline city's reach, in its state (or is that city)."""
    if town.name == filed.name:
        return True
    return town.admin1 == filed.admin1 and _km_apart(town, filed) <= DATELINE_TOWN_KM


def _lede_town(dateline: int, tied: list[int], places: list[Place], paragraph_of) -> int:
    """A dateline names where the story was filed, often the city of the station or paper; the
    lede's first event tied to another town nearby ("MIAMI — Two men were shot in Homestead")
    tells where it happened."""
    first = next((i for i in tied if _below_country(places[i])), None)
    if first is None or paragraph_of(places[first].start) >= LEDE_PARAGRAPHS:
        return dateline
    town, filed = places[first], places[dateline]
    if town.precision != "city" or filed.precision != "city" or town.name == filed.name:
        return dateline
    near = _km_apart(town, filed) <= DATELINE_TOWN_KM
    return first if near and town.admin1 == filed.admin1 else dateline


def _town_inside(chosen: int, places: list[Place], in_order: list[int]) -> int:
    """A story placed in a county or state whose text names a town in it happened in that town
    ("HENRY COUNTY, Ga. — A McDonough family ..."): the first such town, else ``chosen``."""
    outer = places[chosen]
    if outer.precision not in ("admin1", "admin2"):
        return chosen
    inside = [index for index in in_order if holds(outer, places[index], counties=True)]
    towns = [index for index in inside if places[index].precision == "city"]
    return (towns or inside or [chosen])[0]


def _most_named(places: list[Place], in_order: list[int]) -> Optional[int]:
    """The place the story names most often, at least twice (the earliest among equals)."""
    counts: dict[object, list[int]] = {}
    for index in in_order:
        counts.setdefault(places[index].geonameid or places[index].name, []).append(index)
    best = max(counts.values(), key=len, default=[])
    return best[0] if len(best) >= 2 else None


def station_dateline(record: ExtractionRecord, dateline: int) -> bool:
    """Whether the dateline is a broadcaster's, its call letters in brackets ("TUCSON (KGUN9-TV)
    —", "WILMINGTON, NC (WECT) -"): the city is the station's, which reports from a wide region,
    and what the story is about says more of where it happened."""
    return _STATION_TAIL.match(record.text, record.places[dateline].end) is not None


def _town_named_more(dateline: int, places: list[Place], in_order: list[int]) -> int:
    """The town of the dateline's state that the story names more often than the dateline's
    city, twice at least ("TUCSON (KGUN9-TV) — ... on Northern Arizona University's campus
    ... the Flagstaff school ... Flagstaff"), else the dateline."""
    filed = places[dateline]
    counts: dict[object, list[int]] = {}
    for index in in_order:
        place = places[index]
        if place.precision == "city" and (place.name == filed.name or place.admin1 == filed.admin1):
            counts.setdefault(place.name, []).append(index)
    own = len(counts.get(filed.name, [])) or 1
    best = max((found for name, found in counts.items() if name != filed.name), key=len, default=[])
    return best[0] if len(best) >= 2 and len(best) > own else dateline


def dateline_place(record: ExtractionRecord) -> Optional[int]:
    """The located place of the story's dateline: at the start of a line near the top, followed
    by a dateline's dash ("HOUSTON —", "Norfolk, Va. –") or in brackets of its own ("(Memphis)")."""
    text = record.text
    for index, place in sorted(enumerate(record.places), key=lambda item: item[1].start):
        if place.start > DATELINE_REACH:
            break
        if not located(place):
            continue
        line_start = text.rfind("\n", 0, place.start) + 1
        before = text[line_start : place.start]
        if before.strip() == "" and _DATELINE_TAIL.match(text, place.end):
            return index
        if before.strip() == "(" and text[place.end : place.end + 1] == ")":
            return index
    return None


def _below_country(place: Place) -> bool:
    return located(place) and place.precision not in ("country", "region")


def fill_story_place(candidates: list, record: ExtractionRecord, paragraph_of, words: GeoWords) -> None:
    """Give the story's place to the event mentions that have none of their own or their
    paragraph's (``candidates``: the coder's mentions, in text order). An event noun inside
    another clause ("police are at the scene of a deadly shooting") takes no place from that
    clause's paragraph, but a reported one still happened where the story is set; a recalled
    one ("since the war") is left without."""
    tied = [c.event.place for c in candidates if c.place_rank == PLACE_ATTACHED and c.event.place is not None]
    strangers = stranger_places(record, words)
    story = story_place(record, tied, paragraph_of, words, strangers)
    headline = headline_town(record, words)
    if headline is not None and (story is None or _headline_wins(record, story, record.title_places[headline])):
        _fill_headline_town(candidates, record, headline, story)
        return
    if story is None:
        return
    dateline = dateline_place(record)
    for candidate in candidates:
        if candidate.event.place is None and (
            candidate.place_rank == PLACE_OF_STORY or (candidate.place_rank == PLACE_NONE and not candidate.background)
        ):
            candidate.event.place, candidate.place_rank = story, PLACE_OF_STORY
        elif candidate.event.place in strangers:
            candidate.event.place = story  # a namesake far away: the street, club or district is local
        elif candidate.event.place is not None and elsewhere_than_scene(
            record.text, record.places[candidate.event.place], words
        ):
            candidate.event.place = story  # "Jaylen Doe of Indianapolis had been shot" at a Campbellsburg home
        elif dateline is not None and candidate.event.place == dateline:
            candidate.event.place = story  # the dateline's county or state, refined to its town
        elif candidate.event.place is not None and holds(record.places[candidate.event.place], record.places[story]):
            candidate.event.place = story  # "a shooting in Texas" in a story set in a Texas town


def elsewhere_than_scene(text: str, place: Place, words: GeoWords) -> bool:
    """Whether a town is written as somewhere a person of the story lives or was taken to."""
    return written_as_home(text, place, words) or written_as_destination(text, place, words)


def written_as_destination(text: str, place: Place, words: GeoWords) -> bool:
    """Whether a town is written as where the wounded were taken: "taken to a hospital in
    South Hill and later transferred to VCU Medical Center in Richmond", "he's at HF Health in
    Jacksonville"."""
    if place.precision != "city":
        return False
    return (
        words.taken_to.search(text, max(0, place.start - 100), place.start) is not None
        or words.hospital_in.search(text, max(0, place.start - 40), place.start) is not None
    )


def written_as_home(text: str, place: Place, words: GeoWords) -> bool:
    """Whether a town is written as where a person lives: after the person ("Jaylen Doe of
    Indianapolis", "Herbert Roe, age 47 of Indianapolis", "a woman, 36, of Elmwood") or before
    a word making it a home ("a Springfield resident", "a Kent man", "a California man"). The
    person was hurt or arrested where the story is set, not at home."""
    following = words.home_word_after.match(text, place.end)
    if place.precision != "country" and following is not None and following.group(1).lower() in words.origin_words:
        return True  # "The Springfield resident", "a Kent man", "an Oglethorpe County teen", "a California man"
    if place.precision != "city":
        return False
    before = words.person_of.search(text, max(0, place.start - 60), place.start)  # "Jaylen Doe of"
    # "the City Council of", "Mayor Lee of", "Police Department of" name no person
    named = {before.group("first"), before.group("last")} if before is not None else set()
    return before is not None and not {word.lower() for word in named if word} & words.not_people_before_of


def headline_town(record: ExtractionRecord, words: GeoWords) -> Optional[int]:
    """The town the title says the story happened in ("Four shot in west Tulsa", "weekend
    Bridgeport shooting"; ``title.cued``), the first such (index into ``record.title_places``),
    inside a state the text names if it names any."""
    title = record.document.title or ""
    outlet_start, outlet_end = site_part(title, words)
    states = _named_states(record.places)
    for index, place in enumerate(record.title_places):
        if outlet_start <= place.start < outlet_end:
            continue  # the outlet's city ("Youngstown news, ...")
        if (
            located(place)
            and place.precision == "city"
            and (not states or place.admin1 in states)
            and cued(title, place.start, place.end, words)
        ):
            return index
    return None


def _headline_wins(record: ExtractionRecord, story: int, town: Place) -> bool:
    """Whether the headline's town places the story rather than the text's ``story`` place: a
    state or county holding it, or a town outside every state the text names while the
    headline's lies in one ("POPLAR" of a dateline "POPLAR BLUFF, Mo." read as a namesake)."""
    place = record.places[story]
    if holds(place, town):
        return True
    states = _named_states(record.places)
    return place.precision == "city" and place.admin1 not in states and town.admin1 in states


def _fill_headline_town(candidates: list, record: ExtractionRecord, headline: int, story: Optional[int]) -> None:
    """Give the title's town to the mentions that would take the story's place, and to those
    placed at a state or county holding it ("Connecticut" in a story whose title says
    "Bridgeport")."""
    town = record.title_places[headline]
    for candidate in candidates:
        place = candidate.event.place
        if place is None and (
            candidate.place_rank == PLACE_OF_STORY or (candidate.place_rank == PLACE_NONE and not candidate.background)
        ):
            candidate.event.title_place, candidate.place_rank = headline, PLACE_OF_STORY
        elif place is not None and (place == story or holds(record.places[place], town)):
            candidate.event.place, candidate.event.title_place = None, headline


def holds(outer: Place, inner: Place, counties: bool = False) -> bool:
    """Whether ``outer`` (a state or county) holds the town ``inner`` (with ``counties``, a
    state its county too): by the gazetteer, or for a county, a town of the same state near its
    point (the index keeps no county borders). A country is left alone: "five farmers killed in
    Nigeria" may be another incident than the story's town."""
    allowed = ("city", "admin2") if counties and outer.precision == "admin1" else ("city",)
    if not (located(outer) and located(inner)) or inner.precision not in allowed:
        return False
    if outer.precision == "admin1":
        return contains(outer, inner)
    if outer.precision == "admin2":
        return inner.admin1 is not None and inner.admin1 == outer.admin1 and _km_apart(outer, inner) <= COUNTY_REACH_KM
    return False


def stranger_places(record: ExtractionRecord, words: GeoWords) -> frozenset[int]:
    """Places the story cannot be set in: a local name (a street, a club, a district) the
    gazetteer only knows as a namesake far from where the story is set. The story's home is
    its dateline, else the town its title names, else the place it names most often; a
    stranger lies more than ``STRANGER_KM`` from it, in a state the text never names (nor a
    county of it) while it names the home's or the title names the home town ("a shooting in Roseland" in a story
    from Chicago, Ill.), or in a country the text never names ("a party at the Guadalajara
    restaurant" in a story from Virginia Beach)."""
    places = record.places
    contradicted = _outside_written_state(record, words)
    in_order = sorted(
        (i for i, p in enumerate(places) if _below_country(p) and i not in contradicted), key=lambda i: places[i].start
    )
    home_index = dateline_place(record)
    titled = title_town(record, words, with_outlet=True)  # a local outlet's town is home to its stories
    if home_index is None or home_index in contradicted:
        home_index = titled if titled is not None and titled not in contradicted else _most_named(places, in_order)
    if home_index is None:
        return contradicted
    home = places[home_index]
    states = [p for p in places if located(p) and p.precision in ("country", "admin1")]
    named_states = _named_states(places)
    if home_index == titled:
        named_states.add(home.admin1)  # the title names the home town: as sure as its state written
    same_name = {i for i in in_order if places[i].geonameid == home.geonameid or places[i].name == home.name}
    return contradicted | frozenset(
        i
        for i in in_order
        if i not in same_name
        and _stranger(places[i], home, named_states, {p.country for p in states if p.name != places[i].name})
    )


def _named_states(places: list[Place]) -> set:
    """The states the text names, or names a county of: a county named in full ("DeKalb
    County") places its state as surely as the state's name."""
    return {p.admin1 for p in places if located(p) and p.precision in ("admin1", "admin2") and p.admin1}


def _outside_written_state(record: ExtractionRecord, words: GeoWords) -> frozenset[int]:
    """A town written with its state or country ("ELMWOOD, N.C. —") that the gazetteer only
    knows outside it is a town it lacks, not that namesake: every mention of that name."""
    places = record.places
    names = set()
    for outer, inner in written_holders(places, record.text, words).items():
        town, state = places[inner], places[outer]
        if (
            located(town)
            and located(state)
            and town.precision == "city"
            and state.precision in ("admin1", "country")
            and not contains(state, town)
        ):
            names.add(town.name)
    return frozenset(i for i, p in enumerate(places) if p.name in names)


def _stranger(place: Place, home: Place, named_states: set, named_countries: set) -> bool:
    if place.precision not in ("city", "admin2", "admin1"):
        return False
    if place.precision == "admin1" and place.country == home.country:
        return False  # a state is named as itself
    if _km_apart(place, home) <= STRANGER_KM:
        return False
    if place.country != home.country:
        return place.country not in named_countries
    return (
        place.admin1 is not None
        and place.admin1 != home.admin1
        and place.admin1 not in named_states
        and home.admin1 in named_states
    )
