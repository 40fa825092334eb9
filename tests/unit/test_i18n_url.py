"""`lang` in the URL state: parsed, serialised last, an invalid value → English with a notice."""

import datetime as dt

import pytest

from app import mapstate as us


def test_lang_defaults_to_english_and_is_not_serialised():
    assert us.MapState().lang == "en"
    assert "lang" not in us.serialise(us.MapState())


@pytest.mark.parametrize("lang", ["ja", "ru", "zh", "en"])
def test_lang_round_trip(lang):
    state = us.MapState(date=dt.date(1951, 9, 8), names="ru", lang=lang)
    text = us.serialise(state)
    assert (f"lang={lang}" in text) == (lang != "en")
    again = us.parse(text)
    assert again == state and again.notices == ()


def test_lang_is_the_last_parameter():
    text = us.serialise(us.MapState(unit=None, names="ja", lang="zh"))
    assert text.endswith("&names=ja&lang=zh")


@pytest.mark.parametrize("bad", ["fr", "JA", "", "zh-TW"])
def test_invalid_lang_falls_back_with_notice(bad):
    state = us.parse(f"?date=1951-09-08&lang={bad}")
    assert state.lang == "en" and state.date == dt.date(1951, 9, 8)
    assert len(state.notices) == 1 and "language" in state.notices[0]


def test_lang_is_separate_from_the_names_convention():
    state = us.parse("?names=ru&lang=ja")
    assert (state.names, state.lang) == ("ru", "ja")
