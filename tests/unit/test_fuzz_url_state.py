"""Property-based fuzzing of the URL state parser (app/mapstate.py): any search string is a state.

`parse` never raises, always answers a state inside the allowed values, and `serialise` then
`parse` gives the same state back with no notice. Profiles: HYPOTHESIS_PROFILE=ci (default) or
thorough (`make fuzz`).
"""

from __future__ import annotations

import collections
import os
from urllib.parse import quote, urlencode

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from app import mapstate as us

settings.register_profile("ci", max_examples=300, deadline=None, derandomize=True)
settings.register_profile("thorough", max_examples=2500, deadline=None)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))

CASES: collections.Counter = collections.Counter()


@pytest.fixture(scope="module", autouse=True)
def _report_cases():
    yield
    print(f"\nfuzz: {__name__.rsplit('.', 1)[-1]}: {sum(CASES.values())} cases "
          f"({', '.join(f'{k} {v}' for k, v in sorted(CASES.items()))})")

EVENTS = frozenset({"portsmouth_1905", "san_francisco_treaty_1951"})
UNITS = frozenset({"iturup", "habomai"})
PAYLOADS = ["<script>window.__pwned=1</script>", '"><img src=x onerror=window.__pwned=1>',
            "%3Cscript%3E", "\x00", "\ud7ff", "9999-99-99", "1905-01-00", "+1945-09-05",
            "1945-09-05T00:00", "١٩٤٥-٠٩-٠٥", " 1945-09-05 ", "1e309", "&&&", "==", "?"]
KEYS = st.one_of(st.sampled_from(us.KNOWN_KEYS), st.text(max_size=8))
VALUES = st.one_of(st.sampled_from(PAYLOADS), st.text(max_size=40),
                   st.sampled_from(["date", "event", "japan", "soviet", "russia", "usa", "de_facto", "1", "0",
                                    "ja", "ru", "both", *EVENTS, *UNITS]),
                   st.dates().map(str))


def check(state: us.MapState) -> None:
    CASES["parse"] += 1
    assert us.MIN_DATE <= state.date <= us.MAX_DATE
    assert state.mode in us.MODES and state.pov in us.POVS and state.names in us.NAMES
    assert state.tab is None or state.tab in us.TABS
    assert state.event is None or state.event in EVENTS
    assert state.unit is None or state.unit in UNITS
    assert not (state.mode == "event" and state.event is None)
    assert all(isinstance(n, str) for n in state.notices)
    again = us.parse(us.serialise(state), events=EVENTS, units=UNITS)
    assert again == state and again.notices == ()


@given(st.one_of(st.none(), st.text(max_size=300)))
def test_fuzz_url_state_any_text(search):
    check(us.parse(search, events=EVENTS, units=UNITS))


@given(st.lists(st.tuples(KEYS, VALUES), max_size=10), st.booleans())
def test_fuzz_url_state_hostile_parameters(pairs, with_mark):
    search = ("?" if with_mark else "") + urlencode(pairs, quote_via=quote)
    check(us.parse(search, events=EVENTS, units=UNITS))


@given(st.binary(max_size=200))
def test_fuzz_url_state_raw_bytes(raw):
    check(us.parse(raw.decode("latin-1"), events=EVENTS, units=UNITS))
