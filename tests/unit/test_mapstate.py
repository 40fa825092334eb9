"""The map state (app/mapstate.py) is pure: one parser (lenient for the page: every invalid value falls back to its
default with a notice; strict for the API, CLI and /export: ParamError naming the parameter) and one serialiser."""

import datetime as dt

import pytest

from app import ids
from app import mapstate as ms

EVENTS = {"portsmouth_1905", "gromyko_amendments_1951", "san_francisco_treaty_1951"}
UNITS = {"iturup", "sakhalin_north"}
TOURS = {"key": 17}
IDS = {"events": EVENTS, "units": UNITS, "tours": TOURS}


def test_empty_gives_defaults_without_notices():
    state = ms.parse("", **IDS)
    assert state == ms.MapState() and state.notices == ()


def test_full_round_trip_in_the_documented_order():
    state = ms.MapState(date=dt.date(1951, 9, 5), mode="event", pov="russia", diff=True,
                        event="gromyko_amendments_1951", unit="iturup", tab="key", names="ru", lang="ja")
    text = ms.serialise(state)
    assert text == ("?date=1951-09-05&mode=event&pov=russia&diff=1&event=gromyko_amendments_1951"
                    "&unit=iturup&tab=key&names=ru&lang=ja")
    again = ms.parse(text, **IDS)
    assert again == state and again.notices == ()


def test_classroom_round_trip():
    state = ms.MapState(date=dt.date(1951, 9, 5), mode="event", event="gromyko_amendments_1951", view="compare",
                        date2=dt.date(1952, 4, 28), pov2="japan", event2="san_francisco_treaty_1951")
    text = ms.serialise(state)
    assert text == ("?date=1951-09-05&mode=event&event=gromyko_amendments_1951&view=compare&date2=1952-04-28"
                    "&pov2=japan&event2=san_francisco_treaty_1951")
    assert ms.parse(text, **IDS) == state
    tour = ms.serialise(ms.MapState(view="present", tour="key", step=5))
    assert tour == "?date=1945-09-05&view=present&tour=key&step=5"
    assert ms.parse(tour, **IDS) == ms.MapState(view="present", tour="key", step=5)


def test_defaults_are_not_written():
    assert ms.serialise(ms.MapState()) == "?date=1945-09-05"
    assert "date2" in ms.serialise(ms.MapState(view="compare"))  # compare always names side B's date
    assert "lang" not in ms.serialise(ms.MapState(lang="en"))


def test_a_territory_opens_its_story_unless_another_tab_is_named():
    assert ms.shown_tab(ms.parse("?unit=iturup", **IDS)) == "place"
    assert ms.shown_tab(ms.parse("?unit=iturup&tab=key", **IDS)) == "key"
    assert ms.shown_tab(ms.parse("?tab=sources", **IDS)) == "sources" and ms.shown_tab(ms.MapState()) == "why"
    assert ms.serialise(ms.MapState(unit="iturup", tab="place")) == "?date=1945-09-05&unit=iturup"
    assert ms.parse("?unit=iturup&tab=place", **IDS) == ms.MapState(unit="iturup")   # one canonical state


def test_old_soviet_pov_is_read_as_russia():
    """Links made before the rename keep working: pov=soviet (and pov2=soviet) mean Russia's / the USSR's view."""
    state = ms.parse("?pov=soviet&pov2=soviet", **IDS)
    assert (state.pov, state.pov2) == ("russia", "russia") and state.notices == ()
    assert "pov=russia" in ms.serialise(state)
    assert ms.parse("?pov=soviet", strict=True).pov == "russia"


INVALID = [("?date=1956-13-01", "date"), ("?date=1900-01-01", "date"), ("?date=yesterday", "date"),
           ("?date=19450905", "date"), ("?mode=compare", "mode"), ("?pov=china", "pov"), ("?diff=yes", "diff"),
           ("?event=nope_1999", "event"), ("?unit=hokkaido", "unit"), ("?names=fr", "names"), ("?lang=fr", "lang"),
           ("?lang=JA", "lang"), ("?lang=zh-TW", "lang"), ("?tab=map", "tab"), ("?view=slideshow", "view"),
           ("?tour=all", "tour"), ("?tour=key&step=0", "step"), ("?tour=key&step=18", "step"),
           ("?tour=key&step=two", "step"), ("?date2=1957-01-01", "date2"), ("?date2=soon", "date2"),
           ("?pov2=china", "pov2"), ("?event2=nope", "event2"), ("?play=yes", "play"), ("?step=3", "step"),
           ("?mode=event", "event"), ("?foo=1", "foo")]


@pytest.mark.parametrize("search, parameter", INVALID)
def test_lenient_an_invalid_value_falls_back_with_one_notice(search, parameter):
    state = ms.parse(search, **IDS)
    field = parameter if parameter in ms.KNOWN_KEYS else "date"
    assert getattr(state, "mode" if parameter == "event" and "mode" in search else field) == \
        getattr(ms.MapState(), "mode" if parameter == "event" and "mode" in search else field)
    assert len(state.notices) == 1, state.notices


@pytest.mark.parametrize("search, parameter", INVALID)
def test_strict_an_invalid_value_is_refused_naming_the_parameter(search, parameter):
    with pytest.raises(ms.ParamError) as err:
        ms.parse(search, strict=True, **IDS)
    assert err.value.parameter == parameter and err.value.message


def test_strict_allowed_values_say_what_to_send():
    with pytest.raises(ms.ParamError) as err:
        ms.parse("?pov=china", strict=True)
    assert err.value.allowed == "de_facto, japan, russia, usa, soviet"
    with pytest.raises(ms.ParamError) as err:
        ms.parse("?unit=hokkaido", strict=True, units=UNITS)
    assert err.value.allowed == "iturup, sakhalin_north"
    with pytest.raises(ms.ParamError) as err:
        ms.parse("?format=svg", strict=True)
    assert "date" in err.value.allowed
    assert ms.parse("?format=svg", strict=True, extra=("format",)) == ms.MapState()


def test_strict_reads_an_empty_value_as_absent_and_figures_take_english_names():
    assert ms.parse("?date=&pov=&event=", strict=True) == ms.MapState()
    assert ms.parse("?names=en", strict=True).names == "en"
    assert ms.parse("?names=en").names == "local"   # the page has no English names convention


def test_notices_keep_their_msgid_for_the_interface_language():
    from app.i18n import notice_text

    state = ms.parse("?lang=ja&pov=china", **IDS)
    assert state.lang == "ja" and len(state.notices) == 1
    assert notice_text(state.notices[0], "en") == "Unknown point of view “china”; showing de facto control."
    assert notice_text(state.notices[0], "ja") != state.notices[0] and "china" in notice_text(state.notices[0], "ja")


def test_the_maps_range_is_read_from_min_and_max_date_in_the_readers_language():
    """The out-of-range notice and the slider's title once spelled the range in their msgids: they read
    MIN_DATE / MAX_DATE, written as the page's language writes a date (as is the day shown instead)."""
    from app.i18n import LANGUAGES, format_date_for, notice_text
    from app.page.time_bar import create_time_bar

    state = ms.parse("?date=1960-01-01", **IDS)
    assert state.notices[0].params["first"] == ms.MIN_DATE and state.notices[0].params["last"] == ms.MAX_DATE
    assert notice_text(state.notices[0], "en") == (
        "1960-01-01 is outside 1 January 1905 … 31 December 1956; showing 5 September 1945.")
    for lang in LANGUAGES:
        first, last = format_date_for(ms.MIN_DATE, lang), format_date_for(ms.MAX_DATE, lang)
        assert first in notice_text(state.notices[0], lang) and last in notice_text(state.notices[0], lang), lang
        bar = create_time_bar(lang, 0, [], {}, [])
        titles = [c.title for c in _walk(bar) if getattr(c, "title", None)]
        assert any(first in title and last in title for title in titles), (lang, titles)


def _walk(component):
    yield component
    children = getattr(component, "children", None)
    for child in children if isinstance(children, list) else [children] if children is not None else []:
        if hasattr(child, "to_plotly_json"):
            yield from _walk(child)


def test_last_value_wins_garbage_never_raises_and_mappings_are_read():
    assert ms.parse("?date=1905-01-01&date=1923-06-01", **IDS).date == dt.date(1923, 6, 1)
    for junk in ["?%%%", "?=&=&", "date", "?date=", "?&&&", None]:
        ms.parse(junk, **IDS)
    assert ms.parse({"date": "1923-06-01", "pov": None}).date == dt.date(1923, 6, 1)


def test_day_index_bounds():
    assert ms.day_index(ms.MIN_DATE) == 0 and ms.from_day_index(ms.MAX_DAY) == ms.MAX_DATE
    assert ms.parse("?date=1956-12-31").date == ms.MAX_DATE and not ms.parse("?date=1956-12-31").notices


def test_controls_round_trip():
    state = ms.MapState(date=dt.date(1952, 4, 28), mode="event", pov="usa", diff=True, event="portsmouth_1905",
                        unit="iturup", names="both", view="compare", tour="key", step=3, date2=dt.date(1956, 12, 31),
                        pov2="japan", event2="san_francisco_treaty_1951")
    controls = ms.to_controls(state)
    assert controls[(ids.SLIDER, "value")] == ms.day_index(state.date) and controls[(ids.DIFF, "value")] == ["1"]
    back = ms.from_controls(**{name: controls[(cid, prop)] for cid, prop, name in ms.CONTROLS})
    assert back == state


def test_from_controls_reads_what_a_browser_could_send():
    state = ms.from_controls(date="1945", mode=["event"], pov=3, diff="1", event=["x"], step=True, lang="fr",
                             tab="map", date2=10**9, view=None)
    assert state == ms.MapState()
    assert ms.from_controls(mode="event", event=None).mode == "date"   # treaty mode needs its document
    with pytest.raises(TypeError):
        ms.from_controls(colour="red")


def test_every_language_has_its_facts():
    assert ms.LANGS[0] == ms.DEFAULT_LANG
    for code, lang in ms.LANGUAGES.items():
        assert lang.name and lang.short and lang.html.split("-")[0] == code.split("-")[0] and lang.babel
