"""Cross-document event fusion on made-up reports: one real event, many reports, one canonical event."""

from __future__ import annotations

import dataclasses
import json
import math

import pytest

from polemos.fusion import FIGURE_RULE, EventFamilies, FusionIndex, PlaceRef, Report, fuse
from polemos.fusion.report import specific_actors
from polemos.fusion.places import distance_km
from polemos.record import EventDate, EvidenceSpan, Figure

# A made-up district: Chibok and two towns east of it, at 80 km and at 15 km.
KM_PER_DEGREE_LON = 111.32 * math.cos(math.radians(10.87))
CHIBOK = PlaceRef("Chibok", 2335200, 10.87, 12.85, "NGA", "town")
FAR_TOWN = PlaceRef("Far Town", 9900001, 10.87, 12.85 + 80 / KM_PER_DEGREE_LON, "NGA", "town")
NEAR_TOWN = PlaceRef("Near Town", 9900002, 10.87, 12.85 + 15 / KM_PER_DEGREE_LON, "NGA", "village")
BORNO = PlaceRef("Borno", 2346794, 11.5, 13.0, "NGA", "admin1")
NIGERIA = PlaceRef("Nigeria", 2328926, 9.08, 8.68, "NGA", "country")
MAROUA = PlaceRef("Maroua", 2228373, 10.59, 14.32, "CMR", "city")


@pytest.fixture(scope="module")
def families():
    return EventFamilies.load()


def report(
    report_id,
    *,
    doc=None,
    type="ASSAULT",
    day=None,
    month=None,
    place=CHIBOK,
    actor=("boko-haram",),
    recipient=(),
    dead=None,
    published="2014-04-16",
    mode=None,
    kinds=None,
    modality="asserted",
):
    date = (
        EventDate(day, day, day, day, "day")
        if day
        else EventDate(month, text=month, precision="month")
        if month
        else None
    )
    size = {"dead": Figure(dead[0], dead[1], f"{dead[0]}-{dead[1]}")} if dead else {}
    return Report(
        id=report_id,
        doc_id=doc or f"doc-{report_id}",
        type=type,
        mode=mode,
        date=date,
        place=place,
        actor=tuple(actor),
        recipient=tuple(recipient),
        specific_actors=specific_actors([*actor, *recipient], kinds or {}),
        size=size,
        evidence=(EvidenceSpan(f"evidence of {report_id}", 0, 20),),
        modality=modality,
        published=published,
        doc_title=f"Outlet story {report_id}",
    )


def members(views):
    return sorted(sorted(source["report_id"] for source in view["sources"]) for view in views)


def test_one_attack_reported_by_three_outlets_is_one_event_with_every_source(families):
    reports = [
        report("wire", day="2014-04-14", dead=(10, 12), published="2014-04-15", mode="firearms"),
        report("local", day="2014-04-14", recipient=("NGA.CVL",), dead=(8, 8), published="2014-04-14"),
        report("weekly", month="2014-04", place=BORNO, dead=(15, 20), published="2014-04-20"),
    ]
    (event,) = fuse(reports, families)
    assert event["source_count"] == 3 and event["report_count"] == 3
    assert {s["doc_id"] for s in event["sources"]} == {"doc-wire", "doc-local", "doc-weekly"}
    assert all(s["evidence"][0]["text"].startswith("evidence of") for s in event["sources"])
    dead = event["size"]["dead"]
    assert (dead["value"], dead["min"], dead["max"]) == (8, 8, 20)  # most conservative, and the range
    assert dead["rule"] == FIGURE_RULE
    assert [s["min"] for s in dead["by_source"]] == [8, 10, 15]
    assert event["earliest_report"]["doc_id"] == "doc-local" and event["earliest_report"]["published"] == "2014-04-14"
    assert event["date"]["value"] == "2014-04-14" and event["date"]["precision"] == "day"
    assert event["place"]["name"] == "Chibok"  # the most precise place the sources agree on
    assert event["actor"] == ["boko-haram"] and event["mode"] == "firearms"


def test_a_reports_evidence_keeps_its_offsets_through_json(families):
    """A report's evidence is typed spans; its JSON form (kept in the store's fusion state and shown
    for each source of a canonical event) reads back to the same spans."""
    told = dataclasses.replace(
        report("wire", day="2014-04-14"),
        evidence=(EvidenceSpan("Gunmen attacked Chibok.", 120, 143), EvidenceSpan("Ten people died.", 144, 160)),
    )
    published = json.loads(json.dumps(told.to_dict()))
    assert published["evidence"] == [
        {"text": "Gunmen attacked Chibok.", "start": 120, "end": 143},
        {"text": "Ten people died.", "start": 144, "end": 160},
    ]
    assert Report.from_dict(published) == told
    (event,) = fuse([told], families)
    assert json.loads(json.dumps(event))["sources"][0]["evidence"] == published["evidence"]
    # A span that says which document it is from keeps it.
    span = EvidenceSpan("Ten people died.", 144, 160, doc_id="doc-wire")
    assert EvidenceSpan.from_dict(json.loads(json.dumps(span.to_dict()))) == span


def test_same_group_same_day_two_towns_80_km_apart_are_two_events(families):
    assert distance_km(CHIBOK, FAR_TOWN) == pytest.approx(80, abs=1)
    reports = [
        report("a1", day="2014-04-14"),
        report("b1", day="2014-04-14", place=FAR_TOWN),
        report("a2", day="2014-04-14", published="2014-04-17"),
        report("b2", day="2014-04-14", place=FAR_TOWN, published="2014-04-17"),
    ]
    assert members(fuse(reports, families)) == [["a1", "a2"], ["b1", "b2"]]


def test_two_towns_named_the_same_day_never_merge_even_when_close(families):
    assert distance_km(CHIBOK, NEAR_TOWN) < 25  # within the town radius, but a different town
    reports = [report("a", day="2014-04-14"), report("b", day="2014-04-14", place=NEAR_TOWN)]
    assert members(fuse(reports, families)) == [["a"], ["b"]]
    # A report naming only the province that day fits both towns: it is not guessed into one.
    both = fuse(reports + [report("c", day="2014-04-14", place=BORNO, published="2014-04-18")], families)
    assert len(both) == 3


def test_a_month_precise_report_joins_the_day_precise_event(families):
    day_report = report("day", day="2014-04-14", dead=(10, 10), published="2014-04-15")
    month_report = report("month", month="2014-04", dead=(12, 12), published="2014-04-25")
    (event,) = fuse([day_report, month_report], families)
    assert event["date"]["begin"] == "2014-04-14" and event["date"]["precision"] == "day"
    assert event["source_count"] == 2


def test_a_month_precise_report_fitting_two_events_is_not_guessed_into_one(families):
    reports = [
        report("first", day="2014-04-03"),
        report("second", day="2014-04-20", published="2014-04-21"),
        report("vague", month="2014-04", published="2014-04-30"),
    ]
    assert members(fuse(reports, families)) == [["first"], ["second"], ["vague"]]


def test_a_report_cannot_tell_of_days_after_it_was_published(families):
    reports = [
        report("early", month="2014-04", published="2014-04-05"),
        report("late", day="2014-04-20", published="2014-04-21"),
    ]
    assert len(fuse(reports, families)) == 2


def test_different_families_never_merge_and_one_family_does(families):
    attack, protest = report("attack", day="2014-04-14"), report("protest", type="PROTEST", day="2014-04-14")
    assert len(fuse([attack, protest], families)) == 2
    abduction = report("abduction", type="COERCE", day="2014-04-14")  # another outlet codes it as coercion
    (event,) = fuse([attack, abduction], families)
    assert event["family"] == "violence" and event["source_count"] == 2


def test_an_accident_and_an_assault_report_of_one_shooting_are_one_event(families):
    # one outlet says the boy was accidentally shot (ACCIDENT), another only that he was shot (ASSAULT)
    assault = report("shot", day="2014-04-14", actor=())
    accident = report("accidentally-shot", type="ACCIDENT", day="2014-04-14", actor=())
    (event,) = fuse([assault, accident], families)
    assert event["family"] == "violence" and event["source_count"] == 2


def test_actors_must_overlap_unless_one_side_names_none(families):
    attack = report("attack", day="2014-04-14")
    rival = report("rival", day="2014-04-14", actor=("iswap",))
    gunmen = report("gunmen", day="2014-04-14", actor=("gunmen",), kinds={"gunmen": "group"})
    assert len(fuse([attack, rival], families)) == 2
    assert len(fuse([attack, gunmen], families)) == 1
    army = report("army", day="2014-04-14", actor=("NGA.MIL",))
    state = report("state", day="2014-04-14", actor=("NGA",))  # the state names its military too
    assert len(fuse([army, state], families)) == 1


def test_places_in_other_countries_or_too_far_do_not_merge(families):
    at_chibok = report("chibok", day="2014-04-14")
    in_cameroon = report("maroua", day="2014-04-14", place=MAROUA)
    assert len(fuse([at_chibok, in_cameroon], families)) == 2
    # Country-level place and a shared group: one event; country-level place and nothing shared: not.
    national = report("national", day="2014-04-14", place=NIGERIA)
    assert len(fuse([at_chibok, national], families)) == 1
    anonymous = report("anonymous", day="2014-04-14", place=NIGERIA, actor=())
    assert len(fuse([at_chibok, anonymous], families)) == 2


def test_dates_up_to_two_days_apart_merge_three_days_apart_do_not(families):
    assert len(fuse([report("a", day="2014-04-14"), report("b", day="2014-04-15")], families)) == 1
    assert len(fuse([report("a", day="2014-04-14"), report("b", day="2014-04-16")], families)) == 1
    assert len(fuse([report("a", day="2014-04-14"), report("b", day="2014-04-17")], families)) == 2


def test_undated_hypothetical_and_negated_reports_stay_on_their_own(families):
    attack = report("attack", day="2014-04-14")
    denied = report("denied", day="2014-04-14", modality="negated")
    undated = report("undated", published=None)
    assert members(fuse([attack, denied, undated], families)) == [["attack"], ["denied"], ["undated"]]


def test_adding_a_day_of_documents_updates_only_the_events_it_touches(families):
    index = FusionIndex(families)
    first = index.add(
        [
            report("wire", day="2014-04-14", published="2014-04-15"),
            report("elsewhere", day="2014-04-14", place=FAR_TOWN, published="2014-04-15"),
        ]
    )
    assert [change.kind for change in first] == ["created", "created"]
    later = index.add([report("update", day="2014-04-14", dead=(30, 30), published="2014-04-16")])
    assert [(change.kind, change.added) for change in later] == [("updated", ["update"])]
    assert later[0].view["size"]["dead"]["value"] == 30
    assert later[0].canonical_id == index.state.cluster_of("wire")


def test_removing_a_report_shrinks_or_deletes_its_event(families):
    index = FusionIndex(families)
    index.add([report("a", day="2014-04-14", dead=(5, 5)), report("b", day="2014-04-14", dead=(9, 9))])
    (changed,) = index.remove(["a"])
    assert changed.kind == "updated" and changed.view["size"]["dead"]["value"] == 9
    (gone,) = index.remove(["b"])
    assert gone.kind == "deleted" and index.canonical_events() == []


def test_a_changed_report_moves_and_an_unchanged_one_is_a_no_op(families):
    index = FusionIndex(families)
    index.add([report("a", day="2014-04-14"), report("b", day="2014-04-14")])
    assert index.add([report("b", day="2014-04-14")]) == []
    moved = index.add([report("b", day="2014-04-14", place=FAR_TOWN)])  # re-extraction placed it elsewhere
    assert sorted(change.kind for change in moved) == ["created", "updated"]
    assert members(index.canonical_events()) == [["a"], ["b"]]


def test_a_report_vague_in_date_place_and_actor_stays_apart(families):
    attack = report("attack", day="2014-04-14")
    vague = report("vague", month="2014-04", place=BORNO, actor=(), published="2014-04-28")
    assert len(fuse([attack, vague], families)) == 2
    named = report("named", month="2014-04", place=BORNO, published="2014-04-28")  # names the group
    assert len(fuse([attack, named], families)) == 1


def test_a_date_taken_from_publication_means_the_days_before_it(families):
    from polemos.fusion import span_of

    window = span_of(EventDate("2014-04", precision="month", basis="publication"), "2014-04-20", 14)
    assert window.iso() == ("2014-04-06", "2014-04-20") and window.precision == "publication"
    unknown_publication = span_of(EventDate("2014-04", precision="month", basis="publication"), None, 14)
    assert unknown_publication.iso() == ("2014-04-01", "2014-04-30")
    assert span_of(None, None, 14) is None


def test_fusion_reads_a_date_value_as_the_time_stage_does():
    from datetime import date

    from polemos.fusion.dates import span_of
    from polemos.time.values import covered_days

    for value in (
        "2023-W12-WE",
        "2023-W12",
        "2023-WI",
        "2023-Q2",
        "2023-H2",
        "202",
        "19",
        "2023-07-20T14:00",
        "2023-07",
    ):
        span = span_of(EventDate(value), None, 3)
        first, last = covered_days(value)
        assert span is not None and span.iso() == (first, last), value
    weekend = span_of(EventDate("2023-W12-WE"), None, 3)
    assert weekend.days == 2 and date.fromordinal(weekend.begin).weekday() == 5
    assert span_of(EventDate("2023-02-30"), None, 3) is None  # no such day, in either reader
