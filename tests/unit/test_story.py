"""The place story (app/page/story.py) reads as a reader expects: who held it, why (each sentence with its sources),
then where the sources disagree; names with their article and number ("the Habomai islets were promised"), in each
language's own punctuation."""

from __future__ import annotations

import datetime as dt

import pytest

from app.data import load_engine
from app.page.story import unit_story


@pytest.fixture(scope="module")
def engine():
    return load_engine()


def text(node) -> str:
    if isinstance(node, str):
        return node
    if isinstance(node, list | tuple):
        return "".join(text(x) for x in node)
    children = getattr(node, "children", None)
    return text(children) if children is not None else ""


def story(engine, unit, day, pov="de_facto", lang="en"):
    return unit_story(engine, unit, dt.date.fromisoformat(day), pov, lang)


def part(nodes, cls):
    return next(n for n in nodes if getattr(n, "className", None) == cls)


def test_stor001_who_held_it_then_why_then_where_sources_disagree(engine):
    nodes = story(engine, "habomai", "1956-12-12")
    kinds = [getattr(n, "className", None) or type(n).__name__ for n in nodes]
    assert kinds.index("unit-summary") < kinds.index("H3") < kinds.index("statuses") < kinds.index(
        "disagreements-here"), kinds


def test_stor002_plural_names_take_the_article_and_plural_verbs(engine):
    nodes = story(engine, "habomai", "1956-12-12")
    assert text(part(nodes, "unit-summary")) == ("On 12 December 1956 the USSR held the Habomai islets as its own "
                                                 "territory. Japan claimed them. They had been promised to Japan.")
    why = text(part(nodes, "statuses"))
    assert "From 12 December 1956, the Habomai islets were promised to Japan: Soviet–Japanese Joint Declaration." \
        in why
    assert "From 2 February 1946, the USSR held the Habomai islets as its own territory" in why
    single = text(part(story(engine, "shikotan", "1956-12-12"), "unit-summary"))
    assert single.endswith("Japan claimed it. It had been promised to Japan."), single
    view = text(part(story(engine, "kurils_north", "1930-01-01", "usa"), "unit-summary"))
    assert "In the USA's view, they belonged to Japan." in view, view


def test_stor003_a_record_cut_at_a_later_event_is_told_from_its_reason(engine):
    """On 2 Sep 1945 Japan held the Habomai islets by the Treaty of Shimoda, not by the Soviet declaration of war
    that only cut the record on 9 Aug 1945; the sentence keeps both rows' sources."""
    why = part(story(engine, "habomai", "1945-09-02"), "statuses")
    words = text(why)
    assert "From 7 February 1855 to 3 September 1945, Japan held the Habomai islets as its own territory " \
           "(Treaty of Shimoda)." in words, words[:400]
    assert "declaration of war" not in words.split("Japan's view")[0]
    assert "Nemuro" in words


@pytest.mark.parametrize(("lang", "expect"), [
    ("zh", "1956年12月12日，苏联将齿舞群岛作为本国领土据有。"),
    ("zh-Hant", "1956年12月12日，蘇聯將齒舞群島作為本國領土據有。"),
    ("ja", "1956年12月12日、ソ連が齒舞群島を自国領として保持していた。".replace("齒", "歯")),
    ("ru", "На 12 декабря 1956\u202fг. СССР владел(а) территорией «Хабомаи (Малая Курильская гряда)» как своей."),
])
def test_stor004_each_language_in_its_own_words_and_punctuation(engine, lang, expect):
    words = text(part(story(engine, "habomai", "1956-12-12", "japan", lang), "unit-summary"))
    assert words.startswith(expect), words
    assert "。 " not in words and "In " not in words, words   # no space after 。, no English left
    if lang == "ru":
        assert "Их было обещано передать: Япония." in words, words
