"""URL state of the classroom views: view, tour/step, compare side B, play (pure)."""

import datetime as dt

import pytest

from app import mapstate as us

EVENTS = {"portsmouth_1905", "gromyko_amendments_1951", "san_francisco_treaty_1951"}
UNITS = {"iturup"}
TOURS = {"key": 14}


def test_classroom_round_trip():
    state = us.MapState(date=dt.date(1951, 9, 5), mode="event", event="gromyko_amendments_1951", view="compare",
                        date2=dt.date(1952, 4, 28), pov2="japan", event2="san_francisco_treaty_1951")
    text = us.serialise(state)
    assert text == ("?date=1951-09-05&mode=event&event=gromyko_amendments_1951&view=compare&date2=1952-04-28"
                    "&pov2=japan&event2=san_francisco_treaty_1951")
    assert us.parse(text, EVENTS, UNITS, TOURS) == state


def test_presentation_tour_round_trip():
    text = us.serialise(us.MapState(view="present", tour="key", step=5))
    assert text == "?date=1945-09-05&view=present&tour=key&step=5"
    state = us.parse(text, EVENTS, UNITS, TOURS)
    assert (state.view, state.tour, state.step, state.notices) == ("present", "key", 5, ())


def test_defaults_are_not_written():
    assert us.serialise(us.MapState()) == "?date=1945-09-05"
    assert "date2" in us.serialise(us.MapState(view="compare"))  # compare always names side B's date


@pytest.mark.parametrize("search, field", [
    ("?view=slideshow", "view"), ("?tour=all", "tour"), ("?tour=key&step=0", "step"), ("?tour=key&step=15", "step"),
    ("?tour=key&step=two", "step"), ("?date2=1957-01-01", "date2"), ("?date2=soon", "date2"),
    ("?pov2=china", "pov2"), ("?event2=nope", "event2"), ("?play=yes", "play"), ("?step=3", "step"),
])
def test_invalid_classroom_value_falls_back_with_notice(search, field):
    state = us.parse(search, EVENTS, UNITS, TOURS)
    assert getattr(state, field) == getattr(us.MapState(), field)
    assert len(state.notices) == 1, state.notices


def test_play_is_read():
    assert us.parse("?view=embed&play=1", EVENTS, UNITS, TOURS).play is True
