"""The events stage on made-up sentences, run through the whole real pipeline.

Each sentence is written for one behaviour a reader of the event data would notice:
who acted (passive voice, possessives, coordination), which event (nominal triggers,
refusals), whether it happened (future, negation, opinion), who says so, and that
mentions of one event are folded together.
"""

from __future__ import annotations

import pytest

from polemos.eval.events import SentenceCoder

pytestmark = pytest.mark.slow

PUBLISHED = "2024-05-01"


@pytest.fixture(scope="module")
def coder() -> SentenceCoder:
    return SentenceCoder()


def code(coder: SentenceCoder, text: str):
    record, _doc = coder.code_one(text, PUBLISHED)
    for event in record.events:
        for evidence in event.evidence:
            assert record.text[evidence.start : evidence.end] == evidence.text
    return record


def countries(record, actor_ids) -> set[str]:
    by_id = {a.id: a for a in record.actors}
    return {by_id[i].country for i in actor_ids if i in by_id and by_id[i].country}


def only(record, event_type: str):
    found = [e for e in record.events if e.type == event_type]
    assert len(found) == 1, [(e.type, e.trigger) for e in record.events]
    return found[0]


def test_passive_voice_puts_the_by_agent_in_actor(coder):
    record = code(coder, "Three villagers were killed by Syrian troops in Homs on 4 May 2021.")
    event = only(record, "ASSAULT")
    assert countries(record, event.actor) == {"SYR"}
    assert event.date["value"] == "2021-05-04"
    assert "Homs" in record.places[event.place].text
    assert event.acled == {"event_type": "Violence against civilians", "sub_event_type": "Attack"}


def test_possessive_owner_of_the_army_is_the_actor(coder):
    record = code(coder, "Azerbaijan's army launched an offensive against Armenian positions on 12 September 2022.")
    event = only(record, "ASSAULT")
    assert countries(record, event.actor) == {"AZE"}
    assert event.trigger == "launched offensive"
    assert event.date["value"] == "2022-09-12" and event.date["basis"] == "clause"


def test_coordinated_parties_all_sign(coder):
    record = code(coder, "Russia, Armenia and Azerbaijan signed a ceasefire agreement on 10 November 2020.")
    event = only(record, "SUPPORT")  # PLOVER 3.3: signing an agreement
    assert countries(record, event.actor) == {"RUS", "ARM", "AZE"}
    assert event.acled == {"event_type": "Strategic developments", "sub_event_type": "Agreement"}


def test_nominal_trigger_with_prepositional_roles(coder):
    record = code(coder, "The siege of Mariupol by Russian forces began in March 2022.")
    event = only(record, "COERCE")
    assert event.mode == "restrict"
    assert countries(record, event.actor) == {"RUS"}
    assert event.date["value"] == "2022-03"
    assert record.places[event.place].text == "Mariupol"


def test_announced_withdrawal_is_a_future_retreat(coder):
    # Withdrawing forces is RETREAT (CAMEO 0872/0874 → PLOVER RETREAT), whoever decides it.
    record = code(coder, "Turkey will withdraw its troops from Syria next year.")
    event = only(record, "RETREAT")
    assert event.modality == "future"
    assert countries(record, event.actor) == {"TUR"}
    assert countries(record, event.recipient) == {"SYR"}


def test_negated_strike_is_kept_as_negated(coder):
    record = code(coder, "Israeli jets did not strike Gaza on Monday.")
    event = only(record, "ASSAULT")
    assert event.modality == "negated"
    assert event.acled is None


def test_refusal_is_reject_and_the_refused_act_did_not_happen(coder):
    record = code(coder, "Serbia refused to withdraw its police from Kosovo.")
    refusal = only(record, "REJECT")
    assert refusal.modality == "asserted" and countries(record, refusal.actor) == {"SRB"}
    withdrawal = only(record, "RETREAT")
    assert withdrawal.modality == "negated"


def test_reported_claim_is_attributed_to_the_speaker(coder):
    record = code(coder, "Ukraine said Russian forces shelled Kharkiv on Sunday.")
    event = only(record, "ASSAULT")
    assert event.mode == "heavy-weapons"
    assert countries(record, event.actor) == {"RUS"}
    assert countries(record, [event.attributed_to]) == {"UKR"}
    assert event.acled["sub_event_type"] == "Shelling/artillery/missile attack"


def test_accusation_names_the_accused_as_actor_of_the_alleged_act(coder):
    record = code(coder, "Russia accused Ukraine of attacking a power plant in Zaporizhzhia.")
    accusation = only(record, "ACCUSE")
    assert countries(record, accusation.actor) == {"RUS"} and countries(record, accusation.recipient) == {"UKR"}
    attack = only(record, "ASSAULT")
    assert countries(record, attack.actor) == {"UKR"}
    assert countries(record, [attack.attributed_to]) == {"RUS"}


@pytest.mark.parametrize(
    "text",
    [
        "A war that aims to create order can have no end.",
        "Wars rarely end with a clear victory.",
        "It allows the government to sustain its power over a frightened population.",
    ],
)
def test_opinion_sentences_yield_no_event(coder, text):
    assert code(coder, text).events == []


def test_air_strike_maps_to_acled_air_or_drone_strike(coder):
    record = code(coder, "Israeli aircraft bombed Rafah on 3 March 2024.")
    event = only(record, "ASSAULT")
    assert event.mode == "aerial"
    assert event.acled == {"event_type": "Explosions/Remote violence", "sub_event_type": "Air/drone strike"}


def test_arrests_carry_their_size_and_acled_type(coder):
    record = code(coder, "Kenyan police arrested 40 protesters in Nairobi on Tuesday.")
    event = only(record, "COERCE")
    assert event.mode == "arrest"
    # ACLED codes arrests of protesters as a protest met with intervention.
    assert event.acled == {"event_type": "Protests", "sub_event_type": "Protest with intervention"}
    if record.quantities:  # the figures stage is part of the pipeline
        assert event.size["arrested"]["min"] == 40


def test_refugees_fleeing_code_the_cause_as_actor(coder):
    record = code(coder, "Thousands of Armenians fled Nagorno-Karabakh after the Azerbaijani offensive.")
    event = only(record, "SANCTION")
    assert event.mode == "expel"
    assert countries(record, event.actor) == {"AZE"}
    assert countries(record, event.recipient) == {"ARM"}


def test_two_mentions_of_one_attack_are_merged(coder):
    record = code(
        coder,
        "On 5 June 2021, Malian troops attacked the town of Kidal. "
        "The attack on Kidal by Malian troops killed twelve fighters.",
    )
    event = only(record, "ASSAULT")
    assert len(event.evidence) == 2
    assert event.date["value"] == "2021-06-05"


def test_named_alliance_becomes_a_relation(coder):
    record = code(coder, "Azerbaijan signed a strategic alliance, the Shusha Declaration, with Turkey in June 2021.")
    alliances = [r for r in record.relations if r.type == "alliance"]
    assert len(alliances) == 1
    alliance = alliances[0]
    assert countries(record, alliance.actors) == {"AZE", "TUR"}
    assert alliance.name == "Shusha Declaration" and alliance.begin == "2021-06"


def test_third_party_hosting_talks(coder):
    record = code(coder, "Egypt hosted talks between Israel and Hamas in Cairo on 2 February 2024.")
    event = only(record, "CONSULT")
    assert event.mode == "third-party"
    assert countries(record, event.actor) == {"EGY"}
    assert "ISR" in countries(record, event.recipient)


def test_event_recalled_as_background_gets_low_confidence_and_no_acled_type(coder):
    record = code(coder, "As its economy weakened after the invasion of Ukraine, Moldova turned to the European Union.")
    for event in (e for e in record.events if e.type == "ASSAULT"):
        assert event.confidence <= 0.3 and event.acled is None


def test_pronoun_subject_is_the_speaker(coder):
    record = code(coder, "Syria said on Monday that it will withdraw its troops from Lebanon.")
    event = only(record, "CONCEDE")
    assert countries(record, event.actor) == {"SYR"}
