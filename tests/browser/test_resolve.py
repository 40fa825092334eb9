"""One answer in two languages: the browser's `skmap.resolve` (assets/map_paint.js) gives the same Frame as the
Python `resolve` (app/cartography/resolve.py) for every sampled state."""

from __future__ import annotations

import datetime as dt
import json
import random

import pytest

from app.cartography.resolve import resolve
from app.data import load_engine
from app.layout import page_map
from app.mapstate import LANGS, MIN_DATE, NAMES, POVS, MapState
from tests.browser.helpers import SHOTS

PER_LANGUAGE = 60  # 240 states in all
SEED = 20261207


def change_days(table: dict) -> list[int]:
    """Every day on which anything the Frame reads changes."""
    days = {0, table["max_day"]}
    for per in table["pov"].values():
        for seg in per:
            days.update(seg[0])
    for seg in table["diff"]:
        days.update(seg[0])
    for runs in table["notes"]["pov"].values():
        for seg in runs.values():
            days.update(seg[0])
    days.update(d for line in table["lines"] for d in line["seg"][0])
    days.update(m["day"] for m in table["marks"])
    days.update(m["end"] for m in table["marks"] if m.get("end") is not None)
    days.update(table["inForce"][0])
    days.update(row[0] for rows in table["govs"].values() for row in rows)
    days.update(d for lab in table["labels"] for d in lab["starts"])
    return sorted(d for d in days if 0 <= d <= table["max_day"])


def sample_states(table: dict, events: dict, lang: str, count: int, rnd: random.Random) -> list[dict]:
    """`count` states: change days −1/0/+1, each point of view (and the old `soviet` id), both modes with
    several documents, every names convention, disagreements on and off."""
    days = change_days(table)
    docs = sorted(events["keys"])
    povs = [*POVS, "soviet"]
    out = []
    for n in range(count):
        day = max(0, min(table["max_day"], rnd.choice(days) + rnd.choice((-1, 0, 1))))
        mode = "event" if n % 4 == 3 else "date"
        out.append({"day": day, "mode": mode, "pov": povs[n % len(povs)], "diff": rnd.random() < 0.4,
                    "event": rnd.choice(docs) if mode == "event" else None, "names": NAMES[n % len(NAMES)],
                    "lang": lang})
    return out


def python_frame(table: dict, events: dict, state: dict) -> dict:
    ms = MapState(date=MIN_DATE + dt.timedelta(days=state["day"]), mode=state["mode"], pov=state["pov"],
                  diff=state["diff"], event=state["event"], names=state["names"], lang=state["lang"])
    return resolve(table, ms, events).as_json()


def first_difference(a: object, b: object, path: str = "frame") -> str | None:
    if isinstance(a, dict) and isinstance(b, dict):
        for key in sorted(set(a) | set(b)):
            found = first_difference(a.get(key, "<missing>"), b.get(key, "<missing>"), f"{path}.{key}")
            if found:
                return found
        return None
    if isinstance(a, list | tuple) and isinstance(b, list | tuple):
        if len(a) != len(b):
            return f"{path}: {len(a)} items (Python) vs {len(b)} (browser)"
        for i, (x, y) in enumerate(zip(a, b, strict=True)):
            found = first_difference(x, y, f"{path}[{i}]")
            if found:
                return found
        return None
    return None if a == b and type(a) is type(b) else f"{path}: {a!r} (Python) vs {b!r} (browser)"


@pytest.fixture(scope="module")
def engine():
    return load_engine()


def test_resol001_browser_and_python_resolve_agree_on_240_states(page, live_server, engine):
    rnd = random.Random(SEED)
    checked = 0
    for lang in LANGS:
        table, events, _fig = page_map(engine, lang)
        states = sample_states(table, events, lang, PER_LANGUAGE, rnd)
        expected = [python_frame(table, events, s) for s in states]
        page.goto(f"{live_server}/?lang={lang}")
        page.wait_for_function("() => window.skmap && window.skmap.store.table && window.skmap.store.events",
                               timeout=45000)
        got = page.evaluate("(states) => states.map((s) => window.skmap.resolve(s))", states)
        for state, want, have in zip(states, expected, got, strict=True):
            found = first_difference(json.loads(json.dumps(want)), have)
            if found:  # leave the state and both answers beside the failure's screenshot
                SHOTS.mkdir(exist_ok=True)
                (SHOTS / f"resol001_{lang}.json").write_text(json.dumps(
                    {"state": state, "python": want, "browser": have}, ensure_ascii=False), encoding="utf-8")
            assert found is None, f"{lang} {state}: {found}"
        checked += len(states)
    assert checked >= 200
