"""Classroom narration and the guided tour: every narration is short and sourced by keys of the timeline."""

import re

import pytest

from app import narration
from app.data import load_engine


@pytest.fixture(scope="module")
def engine():
    return load_engine()


def test_every_narration_cites_sources_that_exist(engine):
    for event_id, (_text, keys) in narration.NARRATION.items():
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
    assert 12 <= len(steps) <= 22
    assert steps[0].date.year == 1905 and steps[-1].date.year == 1956
    dates = [s.date for s in steps]
    assert dates == sorted(dates)
    for s in steps:
        assert s.event in narration.NARRATION, s.event
        assert s.mode in ("date", "event")
        if s.mode == "event":
            assert engine.events[s.event].kind in ("draft", "proposal", "amendment", "negotiation_position")


def test_signed_and_in_force_are_separate_steps_with_their_own_text(engine):
    """A treaty signed before it took effect has a step on each day; the signed step says so and shows no
    in-force date as its own (trial T2: a 'signed' slide showed the in-force date and text)."""
    from app.page.present import moment_of, present_caption

    steps = narration.tour_steps(engine, "key")
    sf = [s for s in steps if s.event == "san_francisco_treaty_1951"]
    sf = list({s.date: s for s in sf}.values())   # one step per day (a day shown in two views has two)
    assert [s.date.isoformat() for s in sf] == ["1951-09-08", "1952-04-28"]
    assert [moment_of(engine, s.event, s.date) for s in sf] == ["signed", "in_force"]
    signed, in_force = (str(present_caption(engine, s.event, s.date, "de_facto", "date")) for s in sf)
    assert "not yet in force" in signed and "In force from 28 April 1952" in in_force
    assert signed != in_force
    # at 1905-01-01 the 1875 treaty is in force: its caption names its own dates, never "1905-01-01" as its date
    shown = engine.state("1905-01-01", "de_facto")["current_event"]
    first = str(present_caption(engine, shown, narration.MIN_DATE, "japan", "date"))
    assert "1905-01-01" not in first and "1 January 1905" not in first and "Japan's view" in first


def test_tour_store_and_fallback(engine):
    store = narration.tour_store(engine)
    assert [s["n"] for s in store["key"]] == list(range(1, len(store["key"]) + 1))
    assert narration.tour_lengths() == {"key": len(store["key"])}
    text, keys = narration.narration_for(engine, "cairo_declaration_1943")  # no narration: the data's summary
    assert text == engine.events["cairo_declaration_1943"].summary.en and keys
    assert narration.narration_for(engine, "nope") is None


@pytest.mark.parametrize("lang", ["ja", "ru", "zh"])
def test_every_narration_has_every_language(engine, lang):
    """Each narration is translated into ja, ru and zh (and nothing extra is left in a translation)."""
    translated = narration.NARRATION_TRANSLATIONS[lang]
    assert set(translated) == set(narration.NARRATION), set(translated) ^ set(narration.NARRATION)
    for event_id in narration.NARRATION:
        text = narration.narration_text(event_id, lang)
        assert text.strip() and text != narration.NARRATION[event_id][0], (lang, event_id)
        told = narration.narration_for(engine, event_id, lang)
        assert told == (text, narration.NARRATION[event_id][1])  # the same sources in every language
    script = {"ja": r"[\u3040-\u30ff]", "ru": r"[а-яё]", "zh": r"[\u4e00-\u9fff]"}[lang]
    assert all(re.search(script, narration.narration_text(e, lang)) for e in narration.NARRATION)


def test_tour_store_is_in_the_page_language(engine):
    store = narration.tour_store(engine, "ja")
    assert store["i18n"]["iframeTitle"] != "Sakhalin and the Kurils, 1905–1956"
    assert store["key"][0]["title"] == engine.events["portsmouth_1905"].title.ja


def test_a_broken_content_file_names_the_file_the_item_and_the_field(tmp_path):
    """Narrations and tours are data (content/narration.yaml); a broken entry stops the app at start with a
    message that says where, never a traceback deep in a callback."""
    from app import DataFileError

    bad = tmp_path / "narration.yaml"
    bad.write_text("narrations:\n  portsmouth_1905:\n    sources: [portsmouth_1905_art9]\n    en: Text.\n"
                   "    ja: 本文。\n    ru: Текст.\n", encoding="utf-8")
    with pytest.raises(DataFileError, match=r"portsmouth_1905: zh: missing or empty text"):
        narration.load_content(bad)
    bad.write_text("tours:\n  key:\n    - {event: portsmouth_1905, mode: sideways}\n", encoding="utf-8")
    with pytest.raises(DataFileError, match=r"key step 1: mode"):
        narration.load_content(bad)
    bad.write_text("tours:\n  key:\n    - {event: portsmouth_1905, date: '1905-13-40'}\n", encoding="utf-8")
    with pytest.raises(DataFileError, match=r"key step 1: date"):
        narration.load_content(bad)


def test_a_tour_step_may_name_a_step_view_and_the_store_carries_it(engine, tmp_path):
    """A step zooms to a named view (app/cartography/views.py STEP_VIEWS); an unknown name stops the app at start
    naming the file, the step and the field; the tour store carries the name to assets/classroom.js."""
    from app import DataFileError
    from app.cartography.views import STEP_VIEWS

    bad = tmp_path / "narration.yaml"
    bad.write_text("tours:\n  key:\n    - {event: portsmouth_1905}\n    - {event: portsmouth_1905, view: kurils}\n",
                   encoding="utf-8")
    with pytest.raises(DataFileError, match=r"narration.yaml: key step 2: view: one of southern_kurils"):
        narration.load_content(bad)
    bad.write_text("tours:\n  key:\n    - {event: portsmouth_1905, view: southern_kurils}\n", encoding="utf-8")
    assert narration.load_content(bad)[2]["key"][0][4] == "southern_kurils"
    store = narration.tour_store(engine)["key"]
    zoomed = [s for s in store if s["view"]]
    assert zoomed and all(s["view"] in STEP_VIEWS for s in zoomed)
    # the 1956 Joint Declaration in force, in Japan's and the USSR's view, on the southern Kurils
    assert {(s["event"], s["pov"]) for s in zoomed} >= {("joint_declaration_1956", "japan"),
                                                       ("joint_declaration_1956", "russia")}
    assert all(s["view"] is None for s in store if s["event"] != "joint_declaration_1956")
