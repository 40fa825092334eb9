"""Compare (pure): the "what changed" list agrees with the engine's diff."""

import pytest

from app import compare
from app.data import load_engine


@pytest.fixture(scope="module")
def engine():
    return load_engine()


@pytest.mark.parametrize("a, b", [("1945-08-01", "1946-03-01"), ("1920-01-01", "1925-06-01"),
                                  ("1951-09-01", "1952-05-01")])
def test_two_dates_list_every_change_of_control_and_sovereign_the_diff_reports(engine, a, b):
    result = compare.changes(engine, compare.Side(date=a), compare.Side(date=b))
    diff = engine.diff(a, b, "de_facto")
    listed = {(i["target"], i["column"]) for i in result["items"]}
    checked = 0
    for unit, change in diff["territories"].items():
        feature_control = any((f["from"] or {}).get(k) != (f["to"] or {}).get(k)
                              for f in change.get("features", {}).values()
                              for k in ("controlled_by", "control_kind"))
        if "controlled_by" in change or "control_kind" in change or feature_control:
            assert (unit, "control") in listed, (unit, change.keys())
            checked += 1
        if "claimed_by" in change:
            assert (unit, "claimed_by") in listed, unit
            checked += 1
    assert checked, f"no change of control or claim between {a} and {b}: the dates no longer test anything"
    assert result["events"] == diff["events"]


def test_two_points_of_view_same_day(engine):
    a = compare.Side(date="1956-12-31", pov="japan")
    b = compare.Side(date="1956-12-31", pov="russia")
    result = compare.changes(engine, a, b)
    assert compare.what_is_compared(engine, a, b) == "Two points of view on the same day"
    sov = {i["target"]: (i["a"], i["b"]) for i in result["items"] if i["column"] == "sovereign"}
    assert sov["iturup"] == ("Japan", "USSR")  # the name on 31 Dec 1956
    assert result["events"] == []


def test_two_treaties(engine):
    a = compare.Side(mode="event", event="gromyko_amendments_1951")
    b = compare.Side(mode="event", event="san_francisco_treaty_1951")
    result = compare.changes(engine, a, b)
    assert result["items"] and compare.what_is_compared(engine, a, b) == "Two treaties or proposals"
    assert any(i["target"] == "strait_soya" for i in result["items"])


def test_same_side_has_no_changes(engine):
    side = compare.Side(date="1930-01-01")
    assert compare.changes(engine, side, side) == {"items": [], "events": []}
