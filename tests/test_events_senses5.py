"""False readings found in the seed-1100 draws of events on real text (and earlier draws), on
made-up sentences run through the real pipeline. Each false reading is gone while a true reading
of the same word stays.
"""

from __future__ import annotations

import pytest

from coded_sentences import types

from polemos.eval.events import SentenceCoder

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def coder() -> SentenceCoder:
    return SentenceCoder()


@pytest.mark.parametrize("false_reading, true_reading, event", [
    # "Fought back tears" holds back weeping; fighting back against a party is a fight.
    ("The mourner fought back tears while talking about her brother.",
     "Rebels fought back against the army near the border on Monday.", "ASSAULT"),
    # Preventing a happening names a measure's purpose; preventing a party restricts it.
    ("The district government should act to prevent a recurrence of these clashes, he said.",
     "Police prevented the marchers from entering the town on Monday.", "COERCE"),
])
def test_a_false_reading_is_gone_and_a_true_one_stays(coder, false_reading, true_reading, event):
    assert event not in types(coder, false_reading)
    assert event in types(coder, true_reading)
