"""The index page carries the state its address asks for (app/page/boot.py): parsed once, leniently, with the
controls to move and the notices in the page's language; a payload can never end its data block."""

from __future__ import annotations

import datetime as dt
import json
import re

import pytest

from app import ids
from app.data import load_engine
from app.mapstate import day_index
from app.narration import tour_steps
from app.page.boot import boot_state, data_block


@pytest.fixture(scope="module")
def engine():
    return load_engine()


def test_stat121_the_boot_state_moves_only_the_controls_that_differ(engine):
    boot = boot_state(engine, "?date=1951-09-08&pov=japan&unit=iturup&tab=key&lang=ja")
    assert boot["state"]["date"] == "1951-09-08" and boot["state"]["tab"] == "key" and boot["notices"] == []
    moved = {(c[0], c[1]): c[2] for c in boot["controls"]}
    assert moved == {(ids.SLIDER, "value"): day_index(dt.date(1951, 9, 8)), (ids.POV, "value"): "japan",
                     (ids.UNIT, "data"): "iturup"}


def test_stat122_notices_are_in_the_pages_language(engine):
    boot = boot_state(engine, "?date=1800-01-01&lang=ja")
    assert boot["notices"] == ["1800-01-01は1905年1月1日～1956年12月31日の範囲外です。1945年9月5日を表示しています。"]
    assert boot["state"]["date"] == "1945-09-05"


def test_stat123_a_tour_step_decides_the_maps_moment(engine):
    steps = tour_steps(engine, "key")
    n = next(s.n for s in steps if s.mode == "event")
    boot = boot_state(engine, f"?date=1930-01-01&view=present&tour=key&step={n}")
    assert (boot["state"]["mode"], boot["state"]["event"]) == ("event", steps[n - 1].event)
    boot = boot_state(engine, "?date=1930-01-01&view=present&tour=key&step=2")
    assert boot["state"]["date"] == steps[1].date.isoformat() and boot["state"]["event"] is None


def test_stat124_a_payload_never_ends_the_data_block():
    text = data_block({"notices": ["</script><script>alert(1)</script>", "<!--", "a & b"]})
    assert "<" not in text and ">" not in text and "&" not in text
    assert json.loads(text)["notices"][0] == "</script><script>alert(1)</script>"


def test_stat125_the_index_page_carries_it(engine):
    from app.server import create_app

    page = create_app().server.test_client().get("/?date=1923-06-01&pov=%3Cscript%3E").get_data(as_text=True)
    block = re.search(rf'<script id="{ids.BOOT}" type="application/json">(.*?)</script>', page, re.S).group(1)
    boot = json.loads(block)
    assert boot["state"]["date"] == "1923-06-01" and boot["state"]["pov"] == "de_facto"
    assert "<script>" in boot["notices"][0] and "<script>" not in block
