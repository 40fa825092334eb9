"""Hostile input to every server callback, posted straight to /_dash-update-component.

The callback map is read from the app's own /_dash-dependencies, so a new callback is fuzzed without
editing this file. For every server callback: bodies of the right shape carrying random/hostile
values (JSON of any type, huge numbers, script payloads, valid ids mixed in to reach deeper code),
and malformed bodies. Never a 500. Profiles: HYPOTHESIS_PROFILE=ci (default, quick) or thorough
(`make fuzz`).
"""

from __future__ import annotations

import collections
import functools
import json
import os

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

settings.register_profile("ci", max_examples=60, deadline=None, derandomize=True,
                          suppress_health_check=[HealthCheck.too_slow])
settings.register_profile("thorough", max_examples=1200, deadline=None,
                          suppress_health_check=[HealthCheck.too_slow])
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))

CASES: collections.Counter = collections.Counter()


@pytest.fixture(scope="module", autouse=True)
def _report_cases():
    yield
    print(f"\nfuzz: {__name__.rsplit('.', 1)[-1]}: {sum(CASES.values())} cases "
          f"({', '.join(f'{k} {v}' for k, v in sorted(CASES.items()))})")

PAYLOADS = ["<script>window.__pwned=1</script>", '"><img src=x onerror=window.__pwned=1>',
            "javascript:alert(1)", "../../etc/passwd", "%00", "\u202e", "{{7*7}}", "' OR 1=1 --"]
HOSTILE_TEXT = st.one_of(st.sampled_from(PAYLOADS), st.text(max_size=60))
SCALARS = st.one_of(
    st.none(), st.booleans(), st.integers(), st.integers(min_value=-10**30, max_value=10**30),
    st.floats(allow_nan=True, allow_infinity=True), HOSTILE_TEXT,
)
JSON_VALUES = st.recursive(SCALARS, lambda children: st.one_of(
    st.lists(children, max_size=4), st.dictionaries(st.text(max_size=10), children, max_size=4)),
    max_leaves=12)


@functools.lru_cache(maxsize=1)
def app_and_client():
    from app.server import create_app

    app = create_app()
    return app, app.server.test_client()


@functools.lru_cache(maxsize=1)
def plausible() -> dict[str, list]:
    """Valid values per input, mixed in so hostile values reach past the first check."""
    from app.data import load_engine
    from app.mapstate import MAX_DAY

    engine = load_engine()
    units, events = sorted(engine.units), sorted(engine.events)
    day = st.integers(min_value=0, max_value=MAX_DAY)
    return {
        "settled-date.data": day, "date-slider.value": day,
        "pov.value": st.sampled_from(["de_facto", "japan", "russia", "usa"]),
        "mode.value": st.sampled_from(["date", "event"]),
        "event-pick.value": st.sampled_from(events),
        "unit-store.data": st.sampled_from(units),
        "names.value": st.sampled_from(["ja", "ru", "both"]),
        "diff-toggle.value": st.sampled_from([[], ["1"]]),
        "url.search": st.builds(lambda d, u: f"?date={d}&unit={u}",
                                st.dates().map(str), st.sampled_from(units + PAYLOADS)),
        "map.clickData": st.builds(lambda loc: {"points": [{"location": loc}]},
                                   st.sampled_from(units + PAYLOADS)),
    }


def server_callbacks() -> list[dict]:
    app, client = app_and_client()
    deps = client.get("/_dash-dependencies").get_json()
    return [d for d in deps if not d.get("clientside_function")
            and callable((app.callback_map.get(d["output"]) or {}).get("callback"))]


def _outputs(output: str):
    parts = output[2:-2].split("...") if output.startswith("..") else [output]
    outs = []
    for part in parts:
        ident, prop = part.rsplit(".", 1)
        outs.append({"id": json.loads(ident) if ident.startswith("{") else ident, "property": prop})
    return outs if output.startswith("..") else outs[0]


def _value(key: str):
    hostile = JSON_VALUES
    good = plausible().get(key)
    return st.one_of(good, hostile) if good is not None else hostile


def body_for(dep: dict):
    """A strategy of well-formed bodies for one callback with random values."""
    from app.data import load_engine

    units = sorted(load_engine().units)

    def item(d: dict):
        ident = d["id"]
        if ident.startswith("{"):  # a wildcard: one entry per unit button (the only pattern ids)
            pattern = json.loads(ident)
            keys = {k: v for k, v in pattern.items() if not isinstance(v, list)}
            return st.lists(JSON_VALUES, min_size=len(units), max_size=len(units)).map(
                lambda vals: [{"id": {**keys, "index": u}, "property": d["property"], "value": v}
                              for u, v in zip(units, vals, strict=True)])
        return _value(f"{ident}.{d['property']}").map(
            lambda v: {"id": ident, "property": d["property"], "value": v})

    ins = st.tuples(*[item(d) for d in dep["inputs"]]) if dep["inputs"] else st.just(())
    state = st.tuples(*[item(d) for d in dep["state"]]) if dep["state"] else st.just(())
    prop_ids = [f"{d['id']}.{d['property']}" for d in dep["inputs"]]
    prop_ids += [json.dumps({"index": u, "type": "unit-button"}, separators=(",", ":"))
                 + ".n_clicks" for u in units[:2]]
    changed = st.lists(st.sampled_from(prop_ids), max_size=3, unique=True)
    return st.builds(
        lambda i, s, c: {"output": dep["output"], "outputs": _outputs(dep["output"]),
                         "inputs": list(i), "state": list(s), "changedPropIds": c},
        ins, state, changed)


def post(body) -> tuple[int, bytes]:
    CASES["posts"] += 1
    _, client = app_and_client()
    data = body if isinstance(body, (str, bytes)) else json.dumps(body)
    response = client.post("/_dash-update-component", data=data, content_type="application/json")
    return response.status_code, response.get_data()


def _check(body) -> None:
    status, data = post(body)
    assert status != 500 and status < 500, (
        f"HTTP {status} for body {json.dumps(body, default=str)[:2000]}\n{data[:300]!r}")


CALLBACKS = [d["output"] for d in server_callbacks()]


def test_fuzz_callbacks_are_found():
    assert len(CALLBACKS) >= 3, CALLBACKS


@pytest.mark.parametrize("output", CALLBACKS, ids=[o.strip(".")[:40] for o in CALLBACKS])
def test_fuzz_callback_inputs_never_500(output):
    dep = next(d for d in server_callbacks() if d["output"] == output)

    @given(body_for(dep))
    def run(body):
        _check(body)

    run()


@given(st.one_of(
    JSON_VALUES,
    st.builds(lambda o, i: {"output": o, "outputs": {"id": "x", "property": "y"}, "inputs": i},
              st.one_of(st.sampled_from(CALLBACKS), HOSTILE_TEXT), JSON_VALUES),
    st.builds(lambda o, extra: {**{"output": o, "outputs": _outputs(o), "inputs": [], "state": []},
                                **extra},
              st.sampled_from(CALLBACKS), st.dictionaries(
                  st.sampled_from(["inputs", "state", "outputs", "changedPropIds"]), JSON_VALUES)),
))
def test_fuzz_malformed_callback_bodies_are_400(body):
    status, data = post(body)
    assert status in (200, 204, 400), (status, json.dumps(body, default=str)[:500], data[:200])


@given(st.binary(max_size=200))
def test_fuzz_callback_body_not_json(raw):
    status, _ = post(raw)
    assert status == 400
