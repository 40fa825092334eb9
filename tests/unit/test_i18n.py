"""The i18n mechanism: translate / gettext_for, locale dates, data-text fallback, request lang."""

from __future__ import annotations

import datetime as dt

import pytest

from app import i18n
from app.i18n import _, format_date_for, gettext_for, localised, localised_text, translate


def test_underscore_only_marks():
    assert _("Legend") == "Legend"


@pytest.mark.parametrize("lang, text", [
    ("en", "Legend"), ("ja", "凡例"), ("ru", "Легенда"), ("zh", "图例")])
def test_translate(lang, text):
    assert translate("Legend", lang) == text
    assert gettext_for(lang)("Legend") == text


def test_unknown_language_and_unknown_msgid_fall_back_to_english():
    assert translate("Legend", "fr") == "Legend"
    assert translate("A string nobody marked", "ja") == "A string nobody marked"


def test_placeholders_are_filled_after_translation():
    t = gettext_for("ja")
    text = t("{title} — signed {date}", title="ポーツマス条約", date="1905年9月5日")
    assert text == "ポーツマス条約 — 1905年9月5日署名"
    assert gettext_for("en")("On this date — {view}", view="X") == "On this date — X"


@pytest.mark.parametrize("lang, text", [
    ("en", "8 September 1951"), ("ja", "1951年9月8日"), ("ru", "8 сентября 1951\u202fг."), ("zh", "1951年9月8日"),  # noqa: E501
])
def test_long_dates_per_locale(lang, text):
    assert format_date_for(dt.date(1951, 9, 8), lang) == text
    assert format_date_for("1951-09-08", lang) == text


def test_dates_edge_cases():
    assert format_date_for(None, "ja") == ""
    assert format_date_for("1951", "ja") == "1951"  # not a full date: shown as written
    assert format_date_for(dt.date(1905, 1, 1), "ru") == "1 января 1905\u202fг."  # CLDR: narrow no-break space before г.  # noqa: E501


def test_localised_picks_the_language_and_falls_back_with_a_marker():
    names = {"en": "Habomai islets", "ja": "歯舞群島", "ru": "Хабомаи", "zh": "齿舞群岛"}
    assert localised(names, "zh") == ("齿舞群岛", "zh")
    partial = {"en": "A summary", "ja": None, "ru": ""}
    assert localised(partial, "ja") == ("A summary", "en")
    assert localised_text(partial, "ru") == i18n.FALLBACK_MARKER + "A summary"
    assert localised_text(partial, "ru", marker=False) == "A summary"
    assert localised_text(partial, "en") == "A summary"


def test_localised_reads_pydantic_models_of_the_data():
    from app.data import load_engine

    engine = load_engine()
    unit = engine.registry.territory_units["habomai"].names
    assert localised(unit, "ja")[0] == "歯舞群島" and localised(unit, "zh")[0] == "齿舞群岛"
    assert localised(engine.timeline.actors["soviet"].names, "ru")[0].startswith("Советская")


def test_every_event_title_exists_in_every_language():
    from app.data import load_engine

    engine = load_engine()
    for ev in engine.events.values():
        for lang in i18n.LANGUAGES:
            assert localised(ev.title, lang)[1] == lang, (ev.id, lang)


def test_localised_span_marks_fallback():
    span = i18n.localised_span({"en": "Only English", "ja": None}, "ja")
    assert span.lang == "en" and span.className == "i18n-fallback" and span.title == "未翻訳のため英語で表示"  # noqa: E501


@pytest.mark.parametrize("search, lang", [
    ("?date=1951-09-08&lang=ja", "ja"), ("?lang=zh", "zh"), ("", "en"), ("?lang=fr", "en"), (None, "en"),
])
def test_the_language_of_an_address_is_the_map_states(search, lang):
    from app import mapstate

    assert mapstate.parse(search).lang == lang


def test_language_from_request_reads_the_query_then_the_referer():
    from flask import Flask

    flask_app = Flask(__name__)
    with flask_app.test_request_context("/?lang=ru"):
        assert i18n.language_from_request() == "ru"
    with flask_app.test_request_context("/_dash-layout", headers={"Referer": "http://localhost/?lang=zh"}):
        assert i18n.language_from_request() == "zh"
    with flask_app.test_request_context("/_dash-layout", headers={"Referer": "http://evil.example/?lang=zh"}):
        assert i18n.language_from_request() == "en"
    with flask_app.test_request_context("/_dash-layout"):
        assert i18n.language_from_request() == "en"
    assert i18n.language_from_request() == "en"  # no request


def test_hover_descriptions_are_translated():
    from app import styles

    paint = styles.TerritoryPaint("russia", "military_occupation", ("japan",))
    assert styles.describe_territory(paint, "ja") == "ロシア／ソ連：軍事占領；日本が領有を主張"
    assert "военная оккупация" in styles.describe_territory(paint, "ru")
    assert styles.describe_territory(paint) == "Russia / USSR: military occupation; claimed by Japan"


def test_event_options_search_the_page_language_english_and_the_places():
    """The event picker finds an event by its title in the page's language (the label), by its English title, by
    the places it provides for and by its year; there are no period headers (Enter takes the first match, and a
    disabled header matching "Yalta" was chosen: trial T3)."""
    from app.data import load_engine
    from app.layout import event_options

    engine = load_engine()
    yalta = next(e for e in engine.event_list() if "Yalta" in e["title"]["en"])
    en = {o["value"]: o for o in event_options(engine, "en")}
    ja = {o["value"]: o for o in event_options(engine, "ja")}
    assert "Yalta" in en[yalta["id"]]["label"]
    assert "11 February 1945" in en[yalta["id"]]["label"] and "1945-02-11" not in en[yalta["id"]]["label"]
    assert yalta["title"]["ja"] in ja[yalta["id"]]["label"]
    assert yalta["title"]["en"] in ja[yalta["id"]]["search"]
    assert "Habomai" in en["joint_declaration_1956"]["search"] and "1956" in en["joint_declaration_1956"]["search"]
    assert not any(o.get("disabled") or str(o["value"]).startswith("__") for o in en.values())
