"""Where events happened, on made-up reporting run through the whole real pipeline.

Each text is written for one way a reader saw places go wrong: a state or district chosen over
the town inside it, a written hierarchy ignored, a street left without its city, later
sentences of a story left without the place its dateline or lede gave, an attacked village
turned into a party to the attack, and country-level places drawn on the map as if the event
had happened at the country's middle.
"""

from __future__ import annotations

import pytest

from polemos.eval.events import SentenceCoder
from polemos.events.places import written_as_destination
from polemos.geo.words import GeoWords
from polemos.lang import LanguageData
from polemos.record import Place, event_place
from polemos.store import EventFilter, open_store
from polemos.store import queries

pytestmark = pytest.mark.slow

PUBLISHED = "2024-05-01"


@pytest.fixture(scope="module")
def coder() -> SentenceCoder:
    return SentenceCoder()


def code(coder: SentenceCoder, text: str):
    record, _doc = coder.code_one(text, PUBLISHED)
    return record


def assaults(record):
    found = [e for e in record.events if e.type in ("ASSAULT", "ACCIDENT")]  # a shooting, meant or not
    assert found, [(e.type, e.trigger) for e in record.events]
    return found


def place_of(record, event):
    assert event.place is not None, f"{event.trigger!r} has no place"
    return record.places[event.place]


def test_the_city_wins_over_the_state_written_after_it(coder):
    record = code(coder, "A gunman opened fire at a bus stop in Lakeland, Florida, on Monday, killing two men.")
    for event in assaults(record):
        place = place_of(record, event)
        assert place.name == "Lakeland" and place.country == "USA" and place.precision == "city"


def test_a_district_and_province_written_out_pick_the_town_not_the_province(coder):
    record = code(
        coder, "Insurgents killed six policemen at a checkpoint in Khulm district, Balkh province, on Sunday."
    )
    place = place_of(record, assaults(record)[0])
    assert place.name == "Khulm" and place.country == "AFG"


def test_a_town_before_its_state_is_the_place_and_not_a_recipient(coder):
    record = code(coder, "Armed men attacked the town of Tinaquillo, Cojedes state, on 2 March 2021, wounding a guard.")
    event = assaults(record)[0]
    assert place_of(record, event).name == "Tinaquillo"
    kinds = {a.id: a.kind for a in record.actors}
    assert all(kinds.get(r) != "place" for e in record.events for r in e.recipient)


def test_a_village_the_gazetteer_lacks_takes_its_written_container_not_a_namesake_abroad(coder):
    record = code(coder, "Gunmen raided the village of Kolo (Bankass, Mopti) on 4 June 2021 and killed nine herders.")
    kolo = next(p for p in record.places if p.text == "Kolo")
    assert kolo.country in (None, "MLI")  # never the Kolo of another country
    for event in assaults(record):
        assert place_of(record, event).country == "MLI"


def test_a_street_address_leaves_the_event_in_the_city_of_the_story(coder):
    text = (
        "CHICAGO — Two teenagers were wounded late Friday in a shooting on the North Side, police said.\n\n"
        "Officers found both victims in the 6700 block of North Clark Street shortly after 11 p.m.\n\n"
        "A gunman had fired several shots at the pair from a passing car."
    )
    record = code(coder, text)
    for event in assaults(record):
        assert place_of(record, event).name == "Chicago"


def test_a_dateline_sets_the_place_of_the_whole_story(coder):
    text = (
        "SPRINGDALE, Ark. – Three people were hurt Saturday night when a man fired into a crowd.\n\n"
        "Witnesses said the gunman shot at the group after an argument.\n\n"
        "One victim was shot in the leg, police said."
    )
    record = code(coder, text)
    events = assaults(record)
    # the sentences of one shooting: one event or several, each of them in Springdale
    assert len({evidence.start for e in events for evidence in e.evidence}) >= 2
    for event in events:
        place = place_of(record, event)
        assert place.name == "Springdale" and place.country == "USA"


def test_the_lede_place_carries_to_later_one_sentence_paragraphs(coder):
    text = (
        "A 19-year-old man was shot and killed outside a convenience store in Dayton on Sunday.\n\n"
        "Police said a second man was wounded by gunfire two blocks away an hour later.\n\n"
        "Detectives believe the same gunman fired both times."
    )
    record = code(coder, text)
    events = assaults(record)
    assert len({e.evidence[0].start for e in events}) == 3
    for event in events:
        assert place_of(record, event).name == "Dayton"


def test_a_side_of_a_city_is_placed_in_that_city(coder):
    record = code(coder, "A night of gunfire in west Kissimmee wounded four men, police said on Tuesday.")
    assert place_of(record, assaults(record)[0]).name == "Kissimmee"


def test_a_state_code_after_a_town_picks_the_american_homonym(coder):
    record = code(coder, "Police said four people were shot and killed in a home in Paris, TX, on Tuesday.")
    place = place_of(record, assaults(record)[0])
    assert place.name == "Paris" and place.country == "USA"


def test_country_level_events_say_so_and_stay_off_the_map(coder, tmp_path):
    record = code(
        coder,
        "Gunmen killed five farmers in Nigeria on 3 May 2021.\n\n"
        "Separately, militants shelled a market in Maiduguri on 4 May 2021, killing two traders.",
    )
    by_name = {place_of(record, e).name: place_of(record, e) for e in assaults(record)}
    assert by_name["Nigeria"].precision == "country"
    assert by_name["Maiduguri"].precision == "city"
    with open_store(str(tmp_path / "places.db")) as store:
        store.add(record)
        items, _ = store.events(EventFilter(type="ASSAULT"))
        assert {i.location.name: i.location.precision for i in items} == {"Nigeria": "country", "Maiduguri": "city"}
        shown = queries.map_view(store, EventFilter(), None, 100)
        assert {p["place_name"] for p in shown["items"]} == {"Maiduguri"}


def test_a_county_dateline_gives_way_to_the_town_the_story_names_in_it(coder):
    text = (
        "HENRY COUNTY, Ga. - A toddler was shot and killed at home on Saturday afternoon, deputies said.\n\n"
        "The family moved to McDonough last year."
    )
    record = code(coder, text)
    assert place_of(record, assaults(record)[0]).name == "McDonough"


def test_a_dateline_that_is_also_an_english_word_still_places_the_story(coder):
    record = code(coder, "MERIDIAN - A teenager was arrested Saturday after police say he shot another teen.")
    place = place_of(record, assaults(record)[0])
    assert place.name == "Meridian" and place.country == "USA"


def test_a_quadrant_of_washington_is_placed_in_the_district(coder):
    record = code(
        coder, "A 3-year-old girl died after being shot Wednesday evening in a home in Southeast D.C., police said."
    )
    assert place_of(record, assaults(record)[0]).name == "District of Columbia"


def test_an_event_noun_inside_another_clause_takes_the_story_place(coder):
    record = code(
        coder,
        "MEMPHIS, Tenn. — Officers are at the scene of a deadly shooting at an apartment complex.\n\n"
        "Two men were found dead in a parking lot on Sunday night, police said.",
    )
    shooting = next(e for e in assaults(record) if e.trigger == "shooting")
    assert place_of(record, shooting).name == "Memphis"


@pytest.mark.parametrize(
    "text",
    [
        "FLAGSTAFF — A student was shot and killed outside a dormitory in Arizona on Friday, police said.",
        "FRESNO — Deputies said a farmworker was shot and wounded on a ranch in Fresno County on Sunday.",
    ],
)
def test_a_state_or_county_named_in_a_story_set_in_a_town_inside_it_yields_to_the_town(coder, text):
    record = code(coder, text)
    town = record.places[0].name
    for event in assaults(record):
        assert place_of(record, event).name == town and place_of(record, event).precision == "city"


@pytest.mark.parametrize(
    "text, home",
    [
        # a district of the city that the gazetteer only knows as a town in another state
        ("DENVER, Colo. — Two men were shot in Montclair on Friday night, police said.", "Denver"),
        # a restaurant named after a city abroad
        ("HOUSTON, Texas — A woman was wounded at Acapulco on Sunday night, police said.", "Houston"),
    ],
)
def test_a_far_namesake_of_a_local_name_gives_way_to_the_story_place(coder, text, home):
    record = code(coder, text)
    for event in assaults(record):
        assert place_of(record, event).name == home


def test_a_town_in_another_state_the_story_names_keeps_its_own_place(coder):
    record = code(coder, "DENVER, Colo. — Deputies shot and killed a man in Cheyenne, Wyoming, on Friday.")
    killed = next(e for e in assaults(record) if e.trigger == "killed")
    assert place_of(record, killed).name == "Cheyenne"


def test_a_region_abroad_named_like_a_local_one_gives_way_to_the_story_place(coder):
    record = code(coder, "DALLAS, Texas — A clerk was shot and killed in West Region on Tuesday, police said.")
    for event in assaults(record):
        assert place_of(record, event).name == "Dallas"


def test_the_lede_town_near_the_dateline_city_is_the_story_place(coder):
    # the dateline names the station's city; the lede names the town where it happened
    record = code(
        coder,
        "TAMPA — Two men were shot in Brandon on Sunday night, police said.\n\n"
        "A third man was also wounded by the gunfire, officers said.",
    )
    wounded = next(e for e in assaults(record) if e.trigger == "wounded")
    assert place_of(record, wounded).name == "Brandon"


def test_a_dateline_town_the_gazetteer_knows_only_abroad_gives_way_to_the_county(coder):
    # the town is written with its state, but the only town of that name lies in another country
    record = code(
        coder,
        "BALLARAT, Ky. (WXYZ) — The Hardin County Sheriff's Office is investigating a shooting "
        "that left a teenager dead.\n\n"
        "Deputies said the boy was shot by a friend while they were cleaning a rifle.",
    )
    for event in assaults(record):
        place = place_of(record, event)
        assert place.country == "USA" and place.admin1 == "US.KY"


def code_titled(coder: SentenceCoder, title: str, text: str):
    from polemos.ingest.raw import RawDocument

    record = coder.pipeline.clean(
        RawDocument(source="titled", content=text, format="text", title=title, published=PUBLISHED)
    )
    return coder.pipeline.annotate(record, coder.pipeline.nlp(record.text))


def test_a_state_written_in_the_title_picks_the_town_the_text_names_alone(coder):
    text = "Laurel police said a 5-year-old boy shot a girl at an apartment complex on Tuesday."
    titled = code_titled(coder, "Boy, 5, shoots girl - WXYZ 7 News, Weather - Hattiesburg, MS", text)
    assert {p.admin1 for p in titled.places if p.name == "Laurel"} == {"US.MS"}
    assert place_of(titled, assaults(titled)[0]).admin1 == "US.MS"


def test_a_state_code_written_after_a_town_is_read_as_its_state(coder):
    record = code(coder, "A man was shot and wounded in Laurel, MS, on Tuesday night, police said.")
    assert place_of(record, assaults(record)[0]).admin1 == "US.MS"


def test_the_town_the_title_names_is_where_the_story_happened(coder):
    text = (
        "A man was shot and killed outside a bar early Sunday, police said. A suspect was arrested "
        "hours later in Tacoma, Washington.\n\nThe bar, on Main Street in Auburn, will stay closed."
    )
    titled = code_titled(coder, "Man shot dead outside Auburn bar", text)
    killed = next(e for e in assaults(titled) if "killed" in (e.trigger or "") or "shot" in (e.trigger or ""))
    assert place_of(titled, killed).name == "Auburn"


def test_a_town_in_the_title_as_someones_home_does_not_place_the_story(coder):
    text = (
        "A man was shot and killed outside a bar in Tacoma, Washington, early Sunday, police said.\n\n"
        "The victim lived in Auburn."
    )
    titled = code_titled(coder, "Auburn man shot dead outside bar", text)
    assert place_of(titled, assaults(titled)[0]).name == "Tacoma"


def test_a_suburb_named_only_by_its_police_force_places_a_story_under_a_city_dateline(coder):
    record = code(
        coder,
        "SEATTLE — A man was shot in the leg on Saturday night.\n\n"
        "Kent police said the man was walking home when he was hit.",
    )
    for event in assaults(record):
        assert place_of(record, event).name == "Kent"


def test_a_side_of_a_city_known_elsewhere_as_a_hamlet_stays_in_the_city(coder):
    record = code(coder, "Four people were shot in West Charlotte early Saturday, Charlotte police said.")
    place = place_of(record, assaults(record)[0])
    assert place.name == "Charlotte" and place.admin1 == "US.NC"


def test_a_far_namesake_gives_way_to_the_town_the_title_names(coder):
    # the text never names its state; the title names the story's town, which the text names too
    text = (
        "Two men were killed in a shooting in Woodbridge early Sunday.\n\n"
        "Officers found the men outside a store. Memphis police are looking for a gray car."
    )
    titled = code_titled(coder, "2 killed in shooting - Channel 9 News - Memphis, Tennessee", text)
    for event in assaults(titled):
        assert place_of(titled, event).name == "Memphis"


def test_a_story_naming_only_a_police_force_late_is_placed_in_its_town(coder):
    record = code(
        coder,
        "A girl was hurt when bullets struck her home during a shootout on Thursday.\n\n"
        "She was taken to a hospital.\n\nHer family asked for calm.\n\n"
        "She was in critical condition, Milwaukee police Chief John Doe said.",
    )
    struck = next(e for e in assaults(record) if e.trigger == "struck")
    assert place_of(record, struck).name == "Milwaukee"


def test_a_far_namesake_gives_way_in_a_story_that_names_a_county_of_its_state(coder):
    # no dateline, no state: the county named in full vouches for the state of the story's city
    record = code(
        coder,
        "Two men were charged in the killing of a baby during a home invasion in Mountain Lake, "
        "police said.\n\nThe baby was shot at a house near Atlanta. The men are held in the "
        "DeKalb County jail.\n\nAtlanta police said the men had planned the robbery.",
    )
    for event in assaults(record):
        assert place_of(record, event).admin1 == "US.GA", event.trigger


def test_a_title_town_outside_the_state_the_text_names_does_not_place_the_story(coder):
    # "Springs" of the title is short for the city the text names in Colorado, not Springs, N.Y.
    text = (
        "Three people were killed when a gunman opened fire at a clinic on Friday.\n\n"
        "The clinic stands on a busy road in Colorado Springs, Colorado.\n\n"
        "Mourners gathered in Springs on Saturday."
    )
    titled = code_titled(coder, "3 Dead In Springs Clinic Shooting", text)
    for event in assaults(titled):
        assert place_of(titled, event).admin1 == "US.CO", event.trigger


def test_a_town_named_only_in_the_title_places_the_story(coder):
    # the text names no place at all; the headline says where it happened
    text = (
        "Three men were shot outside a nightclub early Saturday, police said.\n\n"
        "All three are expected to survive. No arrests have been made."
    )
    titled = code_titled(coder, "Three wounded in weekend Tacoma shooting", text)
    assert [p.name for p in titled.title_places] == ["Tacoma"]
    for event in assaults(titled):
        assert event.place is None and event_place(titled, event).name == "Tacoma", event.trigger


def test_a_side_of_a_city_in_the_title_places_the_story_in_the_city(coder):
    text = "A boy was shot in the leg on Sunday afternoon, police said. He is expected to recover."
    titled = code_titled(coder, "Boy shot in west Baltimore", text)
    for event in assaults(titled):
        place = event_place(titled, event)
        assert place.name == "Baltimore" and place.admin1 == "US.MD", event.trigger


def test_the_title_town_wins_over_the_state_the_text_names(coder):
    text = "A man was shot in the leg on Tuesday night in Oregon, police said. He is expected to recover."
    titled = code_titled(coder, "Man wounded in Eugene shooting", text)
    for event in assaults(titled):
        place = event_place(titled, event)
        assert place.name == "Eugene" and place.admin1 == "US.OR", event.trigger


def test_a_title_town_that_is_a_home_places_nothing(coder):
    text = "A man was shot and wounded early Sunday, police said. He is expected to recover."
    titled = code_titled(coder, "Tacoma man wounded", text)
    for event in assaults(titled):
        assert event_place(titled, event) is None, event.trigger


def test_a_story_placed_by_its_title_is_stored_with_that_place(coder, tmp_path):
    text = "Two women were shot while sitting in a car on Friday night, police said."
    titled = code_titled(coder, "2 women shot in Bridgeport", text)
    with open_store(str(tmp_path / "titled.db")) as store:
        store.add(titled)
        items, _ = store.events(EventFilter(type="ASSAULT"))
        assert items and {i.location.name for i in items} == {"Bridgeport"}
        assert store.get_record(titled.document.id).title_places[0].name == "Bridgeport"


@pytest.mark.parametrize(
    "title",
    [
        "Police seek gunman in LES shooting",  # an abbreviation in capitals is no village "Les"
        "DeKalb County police identify victim",  # a county's police names no town "DeKalb"
        "Man shot outside store in East Ludlow",  # a side of a town too small to have sides
    ],
)
def test_a_title_names_no_town_through_an_abbreviation_a_county_or_a_small_towns_side(coder, title):
    text = "A man was shot and wounded early Sunday, police said. He is expected to recover."
    titled = code_titled(coder, title, text)
    for event in assaults(titled):
        assert event_place(titled, event) is None, event.trigger


def test_a_victim_s_home_town_is_not_where_the_shooting_happened(coder):
    record = code(
        coder,
        "The Washington County Sheriff's Department is investigating an accidental shooting.\n\n"
        "Deputies went to a house on North Star Road, Campbellsburg, Indiana, and found that a boy, "
        "Jaylen Doe of Indianapolis, had been shot by his grandfather, Herbert Roe, 47, of "
        "Indianapolis.",
    )
    for event in assaults(record):
        assert place_of(record, event).name == "Campbellsburg", event.trigger


def test_a_dateline_with_a_bullet_places_the_story(coder):
    record = code(
        coder,
        "ST. LOUIS • Four men were shot, one fatally, near Riverview Boulevard late Friday.\n\n"
        "The dead man, 28, of St. Louis, had been shot at Broadway and Riverview a week before.",
    )
    first = min(assaults(record), key=lambda e: e.evidence[0].start)
    assert place_of(record, first).name == "St. Louis"


def test_the_town_of_the_hospital_the_wounded_were_taken_to_is_not_where_they_were_shot(coder):
    titled = code_titled(
        coder,
        "Man sought in Lunenburg quadruple shooting - WXYZ 12 - Richmond, VA",
        "The Lunenburg County Sheriff's Office is looking for a man after a shooting that wounded "
        "four men.\n\nDeputies found the men at a home on Pleasant Oak Road early Saturday. All four "
        "were taken to a hospital in South Hill and later flown to a trauma center in Richmond.",
    )
    for event in assaults(titled):
        place = event_place(titled, event)
        assert place is not None and place.name not in ("South Hill", "Richmond"), event.trigger


def test_a_state_named_as_a_visitor_s_home_does_not_place_the_story(coder):
    record = code(
        coder,
        "A California man was sentenced on Tuesday for accidentally shooting his wife during a New "
        "Year's party.\n\nDeschutes County deputies said the couple had rented a cabin in Sunriver "
        "for the holiday.",
    )
    first = min(assaults(record), key=lambda e: e.evidence[0].start)
    assert place_of(record, first).admin1 == "US.OR"


@pytest.mark.parametrize(
    "text, taken",
    [
        ("THE BOY IS AT UF HEALTH IN JACKSONVILLE TONIGHT.", True),
        ("He was taken to a trauma center in Jacksonville, deputies said.", True),
        ("The victim died at a hospital in Jacksonville.", True),
        ("A boy was shot at a home in Jacksonville on Sunday.", False),
    ],
)
def test_the_town_of_a_hospital_is_written_as_where_the_wounded_were_taken(text, taken):
    start = text.upper().index("JACKSONVILLE")
    town = Place(
        text=text[start : start + 12],
        start=start,
        end=start + 12,
        name="Jacksonville",
        lat=30.3,
        lon=-81.7,
        precision="city",
    )
    assert written_as_destination(text, town, GeoWords(LanguageData.load())) is taken
