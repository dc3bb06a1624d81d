"""One incident, one canonical event: news reports of shootings, made up for these tests.

Outlets tell one shooting a day apart, name the town or its neighbour, leave the place out,
and give the victims' names or counts; fusion must merge those and never merge two shootings
of one day in different states.
"""

from __future__ import annotations

import math
from dataclasses import replace

import pytest

from polemos.fusion import EventFamilies, FusionIndex, PlaceRef, Report, fuse
from polemos.fusion.places import distance_km
from polemos.fusion.report import named_people, private_people, specific_actors
from polemos.record import EventDate, EvidenceSpan, Figure

KM_PER_DEGREE_LON = 111.32 * math.cos(math.radians(41.0))
# Two made-up neighbouring towns 3 km apart in one state, and a city in another state.
MILLBROOK = PlaceRef("Millbrook", 9800001, 41.0, -75.0, "USA", "town")
EASTON_FALLS = PlaceRef("Easton Falls", 9800002, 41.0, -75.0 + 3 / KM_PER_DEGREE_LON, "USA", "village")
RIVERTON = PlaceRef("Riverton", 9800003, 33.5, -86.8, "USA", "city")
NORTH_STATE = PlaceRef("North State", 9800004, 41.2, -76.5, "USA", "admin1")

KINDS = {"jo-marlow": "person", "sam-otieno": "person", "USA.COP": "state", "USA.UAF": "group", "millbrook": "place"}


@pytest.fixture(scope="module")
def families():
    return EventFamilies.load()


def shooting(
    report_id,
    *,
    day=None,
    month=None,
    place=MILLBROOK,
    actors=(),
    dead=None,
    injured=None,
    published="2015-06-22",
    context=(),
    named=(),
):
    date = (
        EventDate(day, day, day, day, "day")
        if day
        else EventDate(month, text=month, precision="month")
        if month
        else None
    )
    size = {}
    if dead is not None:
        size["dead"] = Figure(dead, dead, str(dead))
    if injured is not None:
        size["injured"] = Figure(injured, injured, str(injured))
    return Report(
        id=report_id,
        doc_id=f"doc-{report_id}",
        type="ASSAULT",
        mode="firearms",
        date=date,
        place=place,
        recipient=tuple(actors),
        specific_actors=specific_actors(actors, KINDS),
        people=named_people(actors, KINDS),
        size=size,
        evidence=(EvidenceSpan(f"shooting told by {report_id}", 0, 25),),
        published=published,
        doc_title=f"Story {report_id}",
        context=tuple(context),
        named=frozenset(named),
    )


def groups(views):
    return sorted(sorted(source["report_id"] for source in view["sources"]) for view in views)


def test_one_shooting_told_a_day_apart_from_two_towns_3_km_apart_is_one_event(families):
    assert distance_km(MILLBROOK, EASTON_FALLS) == pytest.approx(3, abs=0.1)
    first = shooting("first", day="2015-06-20")
    second = shooting("second", day="2015-06-21", place=EASTON_FALLS)
    (event,) = fuse([first, second], families)
    assert event["source_count"] == 2 and event["date"]["value"] == "2015-06-20"


def test_a_day_off_is_tolerated_up_to_two_days(families):
    assert len(fuse([shooting("a", day="2015-06-20"), shooting("b", day="2015-06-22")], families)) == 1
    assert len(fuse([shooting("a", day="2015-06-20"), shooting("b", day="2015-06-23")], families)) == 2


def test_two_shootings_the_same_day_in_different_states_never_merge(families):
    here, there = (
        shooting("here", day="2015-06-20", dead=1),
        shooting("there", day="2015-06-20", place=RIVERTON, dead=1),
    )
    assert groups(fuse([here, there], families)) == [["here"], ["there"]]


def test_a_report_without_a_place_does_not_join_a_shooting_of_the_same_day(families):
    placed = shooting("placed", day="2015-06-20", dead=2, injured=3)
    for unplaced in (
        shooting("same-counts", day="2015-06-20", place=None, dead=2, injured=3),
        shooting("police", day="2015-06-20", place=None, actors=("USA.COP",)),
        shooting("gunman", day="2015-06-20", place=None, actors=("USA.UAF",)),
    ):
        assert len(fuse([placed, unplaced], families)) == 2, unplaced.id


def test_a_report_without_a_place_joins_on_a_victims_name_the_same_day(families):
    placed = shooting("placed", day="2015-06-20", actors=("jo-marlow",))
    named = shooting("named", day="2015-06-21", place=None, actors=("jo-marlow",))
    assert len(fuse([placed, named], families)) == 1
    undated = shooting("undated", place=None, actors=("jo-marlow",), published="2015-06-22")
    assert len(fuse([placed, undated], families)) == 2  # a name alone, without the day, is not enough


def test_a_report_without_a_place_never_joins_an_event_where_its_document_is_not_about(families):
    # The same victim's name, the same day, but the article is about a city in another state:
    # two people of one name, not one shooting.
    placed = shooting("placed", day="2015-06-20", actors=("jo-marlow",))
    elsewhere = shooting("elsewhere", day="2015-06-20", place=None, actors=("jo-marlow",), context=(RIVERTON,))
    assert len(fuse([placed, elsewhere], families)) == 2
    nearby = shooting("nearby", day="2015-06-20", place=None, actors=("jo-marlow",), context=(RIVERTON, EASTON_FALLS))
    assert len(fuse([placed, nearby], families)) == 1


def test_two_shootings_in_two_states_stay_apart_when_a_report_without_a_place_arrives_first(families):
    index = FusionIndex(families)
    index.add([shooting("unplaced", day="2015-06-20", place=None, actors=("jo-marlow",), published="2015-06-20")])
    index.add(
        [
            shooting("here", day="2015-06-20", dead=1, published="2015-06-21"),
            shooting("there", day="2015-06-20", place=RIVERTON, dead=1, published="2015-06-21"),
        ]
    )
    assert groups(index.canonical_events()) == [["here"], ["there"], ["unplaced"]]


def test_shared_victims_counts_or_names_tie_a_vague_report_to_the_shooting(families):
    # "A shooting in the state in June": one more tie is needed than the state.
    town = shooting("town", day="2015-06-20", dead=3, injured=2)
    assert (
        len(fuse([town, shooting("vague", month="2015-06", place=NORTH_STATE, published="2015-06-25")], families)) == 2
    )
    counted = shooting("counted", month="2015-06", place=NORTH_STATE, dead=3, published="2015-06-25")
    assert len(fuse([town, counted], families)) == 1
    other_count = shooting("other-count", month="2015-06", place=NORTH_STATE, dead=7, published="2015-06-25")
    assert len(fuse([town, other_count], families)) == 2
    named_town = shooting("named-town", day="2015-06-20", actors=("sam-otieno",))
    named = shooting("named", month="2015-06", place=NORTH_STATE, actors=("sam-otieno",), published="2015-06-25")
    assert len(fuse([named_town, named], families)) == 1


def test_a_report_dated_only_by_its_publication_needs_more_than_the_town(families):
    dated = shooting("dated", day="2015-06-20")
    assert len(fuse([dated, shooting("undated", published="2015-06-24")], families)) == 2
    assert (
        len(
            fuse(
                [dated, shooting("counted", published="2015-06-24", dead=1), shooting("d2", day="2015-06-20", dead=1)],
                families,
            )
        )
        == 1
    )


def test_different_victims_named_by_two_outlets_do_not_keep_one_shooting_apart(families):
    victim, suspect = (
        shooting("victim", day="2015-06-20", actors=("jo-marlow",)),
        shooting("suspect", day="2015-06-20", actors=("sam-otieno",)),
    )
    assert len(fuse([victim, suspect], families)) == 1


def test_a_place_taken_for_an_actor_is_not_a_name_fusion_relies_on(families):
    placed = shooting("placed", day="2015-06-20", actors=("millbrook",))
    unplaced = shooting("unplaced", day="2015-06-20", place=None, actors=("millbrook",))
    assert len(fuse([placed, unplaced], families)) == 2


def test_blocking_finds_reports_two_days_apart_on_either_side_of_a_date_bucket_edge(families):
    from datetime import date, timedelta

    first_day = date(2015, 6, 1)
    for offset in range(8):  # every position in a week-wide date bucket
        day = first_day + timedelta(days=offset)
        later = (day + timedelta(days=2)).isoformat()
        reports = [
            shooting("placed", day=day.isoformat(), actors=("jo-marlow",), published=later),
            shooting("later", day=later, place=EASTON_FALLS, published=later),
            shooting("unplaced", day=later, place=None, actors=("jo-marlow",), published=later),
        ]
        blocked, everything = FusionIndex(families), FusionIndex(families, use_blocking=False)
        blocked.add(reports)
        everything.add(reports)
        assert (
            groups(blocked.canonical_events())
            == groups(everything.canonical_events())
            == [["later", "placed", "unplaced"]]
        ), day


def test_private_people_are_named_in_full_and_hold_no_office():
    actors = [
        {"id": "jo-marlow", "name": "Jo Marlow", "kind": "person", "sector": None, "country": None},
        {"id": "dee-hart", "name": "Dee Hart", "kind": "person", "sector": "CRM", "country": None},
        {"id": "chief-ray-vance", "name": "Ray Vance", "kind": "person", "sector": "COP", "country": "USA"},
        {"id": "mayor-lee", "name": "Ann Lee", "kind": "person", "sector": "GOV", "country": None},
        {"id": "jr", "name": "Jr.", "kind": "person", "sector": None, "country": None},
        {"id": "USA.COP", "name": "police", "kind": "state", "sector": "COP", "country": "USA"},
    ]
    assert private_people(actors) == {"jo-marlow", "dee-hart"}


def test_a_person_named_with_or_without_a_middle_initial_or_suffix_is_one_person(families):
    def keys(*names):
        return private_people(
            {"id": name.lower(), "name": name, "kind": "person", "sector": None, "country": None} for name in names
        )

    assert keys("Dale R. Whitcombe", "Dale Whitcombe", "Dale Whitcombe Jr.", "Dale Whitcombe III") == {"dale-whitcombe"}
    assert keys("Bo Lyle, 32") == {"bo-lyle"}  # an age read into the name
    assert keys("Ana Ruiz-Pell", "Ana Ruiz") == {"ana-ruiz-pell", "ana-ruiz"}
    shot = shooting("shot", day="2015-06-20", named=keys("Dale R. Whitcombe"), published="2015-06-21")
    arrest = shooting("arrest", day="2015-07-08", named=keys("Dale Whitcombe Jr."), published="2015-07-09")
    assert groups(fuse([shot, arrest], families)) == [["arrest", "shot"]]


def test_a_follow_up_naming_the_victim_joins_the_shooting_weeks_later(families):
    shot = shooting("shot", day="2015-06-20", named=("jo-marlow",), published="2015-06-21")
    arrest = shooting("arrest", day="2015-07-08", named=("jo-marlow", "dee-hart"), published="2015-07-09")
    assert groups(fuse([shot, arrest], families)) == [["arrest", "shot"]]
    # Without the name, a shooting in the same town weeks later is another shooting; and a name
    # is no tie beyond a follow-up's window.
    other = shooting("other", day="2015-07-08", named=("sam-otieno",), published="2015-07-09")
    assert len(fuse([shot, other], families)) == 2
    months_later = shooting("later", day="2015-11-02", named=("jo-marlow",), published="2015-11-03")
    assert len(fuse([shot, months_later], families)) == 2


def test_a_shared_name_outweighs_a_place_resolved_elsewhere_on_the_same_days(families):
    # One outlet's neighbourhood was taken for a town of that name in another state, which the
    # other outlet's article names too.
    here = shooting("here", day="2015-06-20", named=("jo-marlow",), context=(MILLBROOK, RIVERTON))
    misplaced = shooting("misplaced", day="2015-06-21", place=RIVERTON, named=("jo-marlow",))
    assert len(fuse([here, misplaced], families)) == 1
    # Neither article names the other's town: two people of one name.
    elsewhere = shooting("elsewhere", day="2015-06-21", place=RIVERTON, named=("jo-marlow",), context=(RIVERTON,))
    assert (
        len(fuse([shooting("here", day="2015-06-20", named=("jo-marlow",), context=(MILLBROOK,)), elsewhere], families))
        == 2
    )
    weeks_later = shooting("later", day="2015-07-10", place=RIVERTON, named=("jo-marlow",))
    assert len(fuse([here, weeks_later], families)) == 2


def test_a_name_joins_a_report_without_a_place_and_ties_two_towns_named_the_same_day(families):
    placed = shooting("placed", day="2015-06-20", named=("jo-marlow",))
    unplaced = shooting("unplaced", day="2015-06-20", place=None, named=("jo-marlow",))
    assert len(fuse([placed, unplaced], families)) == 1
    neighbour_city = PlaceRef("Lakeside", 9800005, 41.0, -75.2, "USA", "city")  # about 17 km off
    assert len(fuse([placed, shooting("city", day="2015-06-20", place=neighbour_city)], families)) == 2
    assert (
        len(fuse([placed, shooting("city", day="2015-06-20", place=neighbour_city, named=("jo-marlow",))], families))
        == 1
    )


def test_a_report_bridging_two_canonical_events_of_one_shooting_merges_them(families):
    # The unplaced report arrives first and cannot join the town's event (no name in common);
    # the third names the victim the unplaced one named and sits in the town: one shooting.
    index = FusionIndex(families)
    index.add([shooting("town", day="2015-06-20", dead=1, published="2015-06-20")])
    index.add([shooting("unplaced", day="2015-06-20", place=None, named=("jo-marlow",), published="2015-06-21")])
    assert len(index.canonical_events()) == 2
    changes = index.add([shooting("bridge", day="2015-06-20", dead=1, named=("jo-marlow",), published="2015-06-22")])
    assert groups(index.canonical_events()) == [["bridge", "town", "unplaced"]]
    assert sorted(change.kind for change in changes) == ["deleted", "updated"]


def test_an_article_without_a_place_joins_the_towns_shooting_with_the_same_toll_the_same_day(families):
    placed = shooting("placed", day="2015-06-20", dead=2, injured=1)
    about_the_town = shooting("about-town", day="2015-06-20", place=None, dead=2, injured=1, context=(EASTON_FALLS,))
    assert len(fuse([placed, about_the_town], families)) == 1
    other_toll = shooting("other-toll", day="2015-06-20", place=None, dead=5, context=(EASTON_FALLS,))
    about_elsewhere = shooting("elsewhere", day="2015-06-20", place=None, dead=2, injured=1, context=(RIVERTON,))
    state_only = shooting("state", day="2015-06-20", place=None, dead=2, injured=1, context=(NORTH_STATE,))
    for report in (other_toll, about_elsewhere, state_only):
        assert len(fuse([placed, report], families)) == 2, report.id


def test_a_trial_months_later_naming_the_victim_and_the_accused_joins_the_shooting(families):
    shot = shooting("shot", day="2015-06-20", named=("jo-marlow", "dee-hart"), published="2015-06-21")
    trial = shooting("trial", day="2016-03-02", named=("jo-marlow", "dee-hart"), published="2016-03-02")
    assert len(fuse([shot, trial], families)) == 1
    one_name = shooting("one-name", day="2016-03-02", named=("dee-hart",), published="2016-03-02")
    assert len(fuse([shot, one_name], families)) == 2
    trial_elsewhere = shooting("trial-elsewhere", day="2016-03-02", place=RIVERTON, named=("jo-marlow", "dee-hart"))
    assert len(fuse([shot, trial_elsewhere], families)) == 2


def test_a_shared_name_outweighs_two_bystanding_organisations(families):
    # One outlet names the church near the scene, another the hospital: with the victim's name
    # in both they are one shooting; without it, two named groups that differ keep them apart.
    church = shooting("church", day="2015-06-20", actors=("grace-church",), named=("jo-marlow",))
    hospital = shooting("hospital", day="2015-06-20", actors=("mercy-hospital",), named=("jo-marlow",))
    assert len(fuse([church, hospital], families)) == 1
    assert (
        len(
            fuse(
                [
                    shooting("a", day="2015-06-20", actors=("grace-church",)),
                    shooting("b", day="2015-06-20", actors=("mercy-hospital",)),
                ],
                families,
            )
        )
        == 2
    )


def test_one_town_name_resolved_to_two_namesakes_is_no_contradiction(families):
    # "Riverton" resolved by one outlet to a namesake hundreds of km away in the same country.
    namesake = PlaceRef("Riverton", 9800006, 41.3, -79.0, "USA", "town")
    assert distance_km(RIVERTON, namesake) > 500
    city = shooting("city", day="2015-06-20", place=RIVERTON, dead=2)
    assert len(fuse([city, shooting("namesake", day="2015-06-20", place=namesake, dead=2)], families)) == 1
    # The name alone is no tie: two towns may share a name, so another tie is needed.
    assert len(fuse([city, shooting("other", day="2015-06-20", place=namesake)], families)) == 2


def test_a_neighbourhood_and_the_city_its_article_names_are_one_place_with_the_same_toll(families):
    # A made-up neighbourhood 12 km from the city centre, in an article that also names the city.
    city = PlaceRef("Harbor City", 9800007, 41.0, -75.0 + 12 / KM_PER_DEGREE_LON, "USA", "city")
    harbor = shooting("harbor", day="2015-06-20", place=city, injured=4)
    local = shooting("local", day="2015-06-20", injured=4, context=(MILLBROOK, city))
    assert len(fuse([harbor, local], families)) == 1
    # Another toll that day is another shooting in the city; and an article that does not name
    # the city gives no reason to think its town lies in it.
    assert len(fuse([harbor, shooting("other", day="2015-06-20", injured=1, context=(MILLBROOK, city))], families)) == 2
    assert len(fuse([harbor, shooting("apart", day="2015-06-20", injured=4, context=(MILLBROOK,))], families)) == 2


def test_two_shared_names_outweigh_a_place_resolved_elsewhere_without_the_other_naming_it(families):
    here = shooting("here", day="2015-06-20", named=("jo-marlow", "dee-hart"), context=(MILLBROOK,))
    misplaced = shooting("misplaced", day="2015-06-20", place=RIVERTON, named=("jo-marlow", "dee-hart"))
    assert len(fuse([here, misplaced], families)) == 1
    one_name = shooting("one-name", day="2015-06-20", place=RIVERTON, named=("jo-marlow",))
    assert len(fuse([here, one_name], families)) == 2


def test_a_trial_report_without_a_place_joins_on_two_names(families):
    shot = shooting("shot", day="2015-06-20", named=("jo-marlow", "dee-hart"), context=(MILLBROOK,))
    trial = shooting("trial", day="2016-02-10", place=None, named=("jo-marlow", "dee-hart"), context=(EASTON_FALLS,))
    assert len(fuse([shot, trial], families)) == 1
    one_name = shooting("one-name", day="2016-02-10", place=None, named=("dee-hart",), context=(EASTON_FALLS,))
    assert len(fuse([shot, one_name], families)) == 2


def test_a_report_dated_only_to_the_year_joins_the_shooting_it_names_in_that_year(families):
    shot = shooting("shot", day="2015-06-20", named=("jo-marlow",))
    year = EventDate("2015", text="this year", precision="year")
    this_year = replace(shooting("this-year", named=("jo-marlow",), published="2015-06-25"), date=year)
    assert len(fuse([shot, this_year], families)) == 1
    unnamed = replace(shooting("unnamed", published="2015-06-25"), date=year)
    assert len(fuse([shot, unnamed], families)) == 2


def test_an_earlier_attack_an_article_recalls_stays_apart_though_it_names_the_same_people(families):
    # Every report of a document carries the document's names, so between reports of one
    # document a name outweighs a date only by a week (a weekday resolved to the week before).
    shooting_day = shooting("today", day="2015-06-20", named=("jo-marlow", "dee-hart"))
    recalled = replace(shooting("recalled", day="2015-05-02", named=("jo-marlow", "dee-hart")), doc_id="doc-today")
    assert len(fuse([shooting_day, recalled], families)) == 2
    week_off = replace(shooting("week-off", day="2015-06-13", named=("jo-marlow",)), doc_id="doc-today")
    assert len(fuse([shooting_day, week_off], families)) == 1
    # From another outlet, the same names weeks earlier are a follow-up's.
    assert len(fuse([shooting_day, shooting("other-outlet", day="2015-06-02", named=("jo-marlow",))], families)) == 1


def test_blocking_finds_what_names_namesakes_and_towns_named_tie_together(families):
    namesake = PlaceRef("Riverton", 9800006, 41.3, -79.0, "USA", "town")
    reports = [
        shooting("shot", day="2015-06-20", named=("jo-marlow", "dee-hart"), dead=2, published="2015-06-20"),
        shooting(
            "misplaced", day="2015-06-21", place=RIVERTON, named=("jo-marlow", "dee-hart"), published="2015-06-21"
        ),
        shooting(
            "follow-up",
            day="2015-07-12",
            place=None,
            named=("jo-marlow",),
            context=(EASTON_FALLS,),
            published="2015-07-12",
        ),
        shooting("trial", day="2016-03-01", named=("jo-marlow", "dee-hart"), published="2016-03-01"),
        shooting("riverton", day="2015-08-02", place=RIVERTON, dead=3, published="2015-08-02"),
        shooting("namesake", day="2015-08-02", place=namesake, dead=3, published="2015-08-03"),
        shooting("about-town", day="2015-08-02", place=None, dead=3, context=(RIVERTON,), published="2015-08-04"),
    ]
    blocked, everything = FusionIndex(families), FusionIndex(families, use_blocking=False)
    blocked.add(reports)
    everything.add(reports)
    assert (
        groups(blocked.canonical_events())
        == groups(everything.canonical_events())
        == [["about-town", "namesake", "riverton"], ["follow-up", "misplaced", "shot", "trial"]]
    )


def test_an_article_telling_a_shooting_and_its_sequel_with_one_toll_is_one_event(families):
    # The article dates the shooting in one sentence and the arrest weeks later in another, and
    # gives the same toll in both: one incident, whatever the second report's date.
    shooting_told = replace(shooting("told", day="2015-06-08", dead=1, injured=3, named=("jo-marlow",)), doc_id="doc-a")
    sequel = replace(shooting("sequel", day="2015-07-25", dead=1, injured=3, named=("jo-marlow",)), doc_id="doc-a")
    assert groups(fuse([shooting_told, sequel], families)) == [["sequel", "told"]]
    # Another toll in the same article, weeks apart, is another incident it recalls.
    recalled = replace(shooting("recalled", day="2015-07-25", injured=1, named=("jo-marlow",)), doc_id="doc-a")
    assert len(fuse([shooting_told, recalled], families)) == 2
