"""One request answers a settled day (callbacks/settled.py), and it answers only what that day changes: each output
it leaves out is a re-render the browser does not do."""

from __future__ import annotations

import datetime as dt
import functools
import json

import pytest

from app import ids
from app.mapstate import day_index


@functools.lru_cache(maxsize=1)
def client_and_dep():
    from app.server import create_app

    client = create_app().server.test_client()
    deps = client.get("/_dash-dependencies").get_json()
    settled = [d for d in deps if any(i["id"] == ids.SETTLED for i in d["inputs"])]
    return client, settled


def answer(day: dt.date, **controls) -> dict:
    """The settled callback's answer for `controls` (by component id), as {output id: value}."""
    client, (dep,) = client_and_dep()
    parts = [p for p in dep["output"].strip(".").split("...") if p]
    outputs = [{"id": p.rsplit(".", 1)[0], "property": p.rsplit(".", 1)[1]} for p in parts]
    values = {ids.SLIDER: day_index(day), ids.LANG_STORE: "en", ids.VIEW: "map", ids.MODE: "date",
              ids.POV: "de_facto", **controls}
    body = {"output": dep["output"], "outputs": outputs,
            "inputs": [{"id": ids.SETTLED, "property": "data", "value": day_index(day)}],
            "state": [{**s, "value": values.get(s["id"])} for s in dep["state"]],
            "changedPropIds": [f"{ids.SETTLED}.data"]}
    response = client.post("/_dash-update-component", data=json.dumps(body), content_type="application/json")
    assert response.status_code == 200, response.get_data()[:300]
    return {cid: next(iter(props.values())) for cid, props in response.get_json()["response"].items()}


def test_one_callback_answers_the_settled_day():
    _client, settled = client_and_dep()
    assert len(settled) == 1, [d["output"] for d in settled]


def test_the_map_view_gets_the_why_tab_and_the_table_and_nothing_it_does_not_show():
    got = answer(dt.date(1945, 9, 5))
    assert "5 September 1945" in json.dumps(got[ids.CLAUSE])
    assert "5 September 1945" in got[ids.TABLE_DATA]["caption"]
    for silent in (ids.PANEL_BODY, ids.PANEL_CHART, ids.PRESENT_CAPTION, ids.CMP_CHANGES):
        assert silent not in got, silent


def test_an_unchanged_caption_is_not_sent_again():
    first = answer(dt.date(1945, 9, 5))[ids.MAP_CAPTION]
    again = answer(dt.date(1945, 9, 6), **{ids.MAP_CAPTION: first})
    assert ids.MAP_CAPTION not in again
    assert ids.MAP_CAPTION in answer(dt.date(1945, 9, 6), **{ids.MAP_CAPTION: "another caption"})


@pytest.mark.parametrize(("controls", "wanted", "silent"), [
    ({ids.UNIT: "shikotan"}, [ids.PANEL_BODY, ids.PANEL_CHART], [ids.PRESENT_CAPTION]),
    ({ids.VIEW: "present"}, [ids.PRESENT_CAPTION], [ids.TABLE_DATA, ids.CMP_CHANGES]),
    ({ids.VIEW: "present", ids.TOUR: "key", ids.STEP: 2}, [], [ids.PRESENT_CAPTION]),
    ({ids.VIEW: "compare", ids.CMP_DATE2: 0}, [ids.CMP_CHANGES, ids.CMP_A_TITLE], [ids.PRESENT_CAPTION]),
    ({ids.MODE: "event", ids.EVENT_PICK: "cairo_declaration_1943"}, [ids.TABLE_DATA], [ids.CLAUSE, ids.MAP_CAPTION]),
])
def test_each_view_gets_what_follows_its_day(controls, wanted, silent):
    got = answer(dt.date(1950, 1, 1), **controls)
    for cid in wanted:
        assert cid in got, (controls, cid)
    for cid in silent:
        assert cid not in got, (controls, cid)
