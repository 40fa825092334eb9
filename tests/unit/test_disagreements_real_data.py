"""The committed disagreements speak the reader's language and name documents, not the project's history:
the engine returns the interface language, the story and the Help page show it (no English question inside a
Russian sentence), and no position or adopted text talks about "this map before December 2026" or seed numbers."""

from __future__ import annotations

import re

import pytest

from app.timeline.engine import Engine

LANGS = ("en", "ja", "ru", "zh")
# words about the project itself, not about the sources: a reader cannot follow them
PROJECT_TALK = re.compile(r"this map before|December 2026|before release|project checklist|\bseed\s*0\d\d|"
                          r"\bseed 00\d|\bthe seed\b|seed author|APPROXIMATE in its note|still need a source",
                          re.IGNORECASE)


@pytest.fixture(scope="module")
def engine() -> Engine:
    from app.data import load_engine

    return load_engine()


def texts(dis) -> list:
    return [dis.question, dis.adopted, *(p.value for p in dis.positions)]


def test_every_reader_text_in_four_languages_and_translated(engine):
    assert engine.timeline.disagreements, "no disagreements loaded: nothing would be checked"
    for dis in engine.timeline.disagreements.values():
        for text in texts(dis):
            for lang in LANGS:
                assert getattr(text, lang).strip(), (dis.id, lang)
        # the question and the adopted text are real translations, not English copied over
        for lang in ("ja", "ru", "zh"):
            assert dis.question.en != getattr(dis.question, lang), (dis.id, lang)
            assert dis.adopted.en != getattr(dis.adopted, lang), (dis.id, lang)


def test_positions_name_documents_not_the_project(engine):
    assert engine.timeline.disagreements, "no disagreements loaded: nothing would be checked"
    for dis in engine.timeline.disagreements.values():
        for text in texts(dis):
            for lang in LANGS:
                assert not PROJECT_TALK.search(getattr(text, lang)), (dis.id, lang, getattr(text, lang))


@pytest.mark.parametrize("lang", LANGS)
def test_engine_answers_in_the_interface_language(engine, lang):
    found = {d["id"]: d for d in engine.disagreements_for(target="habomai", date="1945-09-10", lang=lang)}
    dis = engine.timeline.disagreements["habomai_landing_date"]
    got = found["habomai_landing_date"]
    assert got["lang"] == lang
    assert got["question"] == getattr(dis.question, lang)
    assert got["adopted"] == getattr(dis.adopted, lang)
    assert [p["value"] for p in got["positions"]] == [getattr(p.value, lang) for p in dis.positions]


def test_story_says_sources_disagree_in_russian_only(engine):
    import datetime as dt

    from app.page.story import disagreements

    html = str(disagreements(engine, "iturup", dt.date(1952, 4, 28), "ru"))
    dis = engine.timeline.disagreements["art2c_scope_southern_kurils"]
    assert dis.question.ru in html and dis.question.en not in html
    assert "Источники расходятся" in html


def test_disagreements_in_force_on_a_date_are_not_decades_away(engine):
    # A question about the 1945 occupation of South Sakhalin does not appear in 1905 (the 50th-parallel line
    # it ends was in force then), but does on the days its rows hold.
    assert "south_sakhalin_occupation_date" not in {d["id"] for d in engine.disagreements_for(date="1905-10-15")}
    assert "south_sakhalin_occupation_date" in {d["id"] for d in engine.disagreements_for(
        target="sakhalin_south", date="1945-08-25")}
    # the question who held North Sakhalin from the fall of the Provisional Government to the Japanese landing
    # (7 Nov 1917 – 21 Apr 1920) bears on those years, not on 1905 or 1952
    def north(day: str) -> bool:
        return "north_sakhalin_1918_1920" in {d["id"] for d in engine.disagreements_for(date=day)}
    assert not north("1917-11-06") and north("1917-11-07") and north("1920-04-21") and not north("1920-04-22")
    assert not north("1952-04-28")
