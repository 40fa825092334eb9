"""The URL state parser/serialiser is pure: every invalid value falls back to the default with a notice."""

import datetime as dt

import pytest

from app import mapstate as us

EVENTS = {"portsmouth_1905", "gromyko_amendments_1951"}
UNITS = {"iturup", "sakhalin_north"}


def test_empty_gives_defaults_without_notices():
    state = us.parse("", EVENTS, UNITS)
    assert state == us.MapState()
    assert state.notices == ()


def test_full_round_trip():
    state = us.MapState(date=dt.date(1951, 9, 5), mode="event", pov="russia", diff=True,
                        event="gromyko_amendments_1951", unit="iturup", names="ru")
    text = us.serialise(state)
    assert text == ("?date=1951-09-05&mode=event&pov=russia&diff=1&event=gromyko_amendments_1951"
                    "&unit=iturup&names=ru")
    again = us.parse(text, EVENTS, UNITS)
    assert again == state and again.notices == ()


def test_old_soviet_pov_is_read_as_russia():
    """Links made before the rename keep working: pov=soviet (and pov2=soviet) mean Russia's / the USSR's view."""
    state = us.parse("?pov=soviet&pov2=soviet", EVENTS, UNITS)
    assert (state.pov, state.pov2) == ("russia", "russia") and state.notices == ()
    assert "pov=russia" in us.serialise(state)


@pytest.mark.parametrize("search, field", [
    ("?date=1956-13-01", "date"), ("?date=1900-01-01", "date"), ("?date=yesterday", "date"),
    ("?mode=compare", "mode"), ("?pov=china", "pov"), ("?diff=yes", "diff"),
    ("?event=nope_1999", "event"), ("?unit=hokkaido", "unit"), ("?names=fr", "names"),
])
def test_invalid_value_falls_back_with_notice(search, field):
    state = us.parse(search, EVENTS, UNITS)
    assert getattr(state, field) == getattr(us.MapState(), field)
    assert len(state.notices) == 1


def test_unknown_parameter_is_noticed_and_others_kept():
    state = us.parse("?foo=1&date=1923-06-01", EVENTS, UNITS)
    assert state.date == dt.date(1923, 6, 1)
    assert any("foo" in n for n in state.notices)


def test_event_mode_without_event_falls_back():
    state = us.parse("?mode=event", EVENTS, UNITS)
    assert state.mode == "date" and state.notices


def test_last_value_wins_and_garbage_never_raises():
    assert us.parse("?date=1905-01-01&date=1923-06-01", EVENTS, UNITS).date == dt.date(1923, 6, 1)
    for junk in ["?%%%", "?=&=&", "date", "?date=", "?&&&", None]:
        us.parse(junk, EVENTS, UNITS)


def test_day_index_bounds():
    assert us.day_index(us.MIN_DATE) == 0
    assert us.from_day_index(us.MAX_DAY) == us.MAX_DATE
