"""Classroom narration and the guided tour: every narration is short and sourced by keys of the timeline."""

import re

import pytest

from app import narration
from app.data import load_engine


@pytest.fixture(scope="module")
def engine():
    return load_engine()


def test_every_narration_cites_sources_that_exist(engine):
    for event_id, (text, keys) in narration.NARRATION.items():
        assert event_id in engine.events, event_id
        assert keys, event_id
        missing = [k for k in keys if k not in engine.timeline.sources]
        assert not missing, (event_id, missing)


def test_every_narration_is_two_or_three_sentences(engine):
    for event_id, (text, _keys) in narration.NARRATION.items():
        # sentence ends: ". " followed by a capital letter, and the final full stop
        sentences = [s for s in re.split(r"(?<=[.!?])\s+(?=[A-Z0-9“'])", text.strip()) if s]
        assert 2 <= len(sentences) <= 3, (event_id, len(sentences), sentences)
        assert len(text) <= 420, (event_id, len(text))


def test_key_tour_runs_1905_to_1956_in_order_with_a_narration_each(engine):
    steps = narration.tour_steps(engine, "key")
    assert 12 <= len(steps) <= 16
    assert steps[0].date.year == 1905 and steps[-1].date.year == 1956
    dates = [s.date for s in steps]
    assert dates == sorted(dates)
    for s in steps:
        assert s.event in narration.NARRATION, s.event
        assert s.mode in ("date", "event")
        if s.mode == "event":
            assert engine.events[s.event].kind in ("draft", "proposal", "amendment", "negotiation_position")


def test_tour_store_and_fallback(engine):
    store = narration.tour_store(engine)
    assert [s["n"] for s in store["key"]] == list(range(1, len(store["key"]) + 1))
    assert narration.tour_lengths() == {"key": len(store["key"])}
    text, keys = narration.narration_for(engine, "cairo_declaration_1943")  # no narration: the data's summary
    assert text == engine.events["cairo_declaration_1943"].summary.en and keys
    assert narration.narration_for(engine, "nope") is None
