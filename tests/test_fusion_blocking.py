"""Blocking and incremental fusion on a made-up corpus with known truth."""

from __future__ import annotations

import pytest

from polemos.fusion import EventFamilies, FusionIndex
from synthetic_reports import make_corpus, pairwise_scores


@pytest.fixture(scope="module")
def families():
    return EventFamilies.load()


@pytest.fixture(scope="module")
def corpus():
    return make_corpus(1500, seed=11)


def clusters(index):
    return sorted(sorted(source["report_id"] for source in view["sources"]) for view in index.canonical_events())


def test_blocking_compares_far_fewer_pairs_and_loses_no_match(families, corpus):
    blocked, everything = FusionIndex(families), FusionIndex(families, use_blocking=False)
    blocked.add(corpus.reports)
    everything.add(corpus.reports)
    assert clusters(blocked) == clusters(everything)
    assert blocked.stats.comparisons * 20 < everything.stats.comparisons
    assert blocked.stats.comparisons < 10 * len(corpus.reports)


def test_fusion_recovers_most_real_events_without_gluing_many(families, corpus):
    index = FusionIndex(families)
    index.add(corpus.reports)
    precision, recall = pairwise_scores(clusters(index), corpus.truth)
    assert precision > 0.6 and recall > 0.5
    assert len(index.canonical_events()) < len(corpus.reports) * 0.7


def test_adding_documents_day_by_day_equals_adding_them_at_once(families, corpus):
    batch = FusionIndex(families)
    batch.add(corpus.reports)
    incremental = FusionIndex(families)
    days = sorted({report.published for report in corpus.reports})
    for day in days:
        incremental.add([report for report in corpus.reports if report.published == day])
    assert clusters(incremental) == clusters(batch)
    assert incremental.canonical_events() == batch.canonical_events()
