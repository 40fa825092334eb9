"""A class of students on the map (locust 2.47, in its own venv `.venv-load`: see run_load.py).

Each simulated student opens the page like a browser with an empty cache (the index, every script
and style it names, the layout, the callback map, plotly.js, the topojson stub and the page's first
callbacks), then, with a few seconds of reading between actions:

* moves the date slider (weight 36): the page repaints in the browser; the server only hears the
  settled date: the URL sync and territory-story callbacks,
* switches the point of view (12),
* opens a territory with its button (12) or by clicking it on the map (6), closes the panel (6),
* reloads the page with a warm cache (6): revalidates plotly.js (304) and refetches the rest,
* exports a figure (1: about once in seven minutes per student, so a school of 200 asks ~0.5 figures a
  second, what one export slot of a 2-core host draws with room to spare) as the Download dialog asks for it
  (its formats and sizes, a ticket, and its place in the export queue asked once a second while it waits), if
  the server has a `/export` route (probed once). The old mix (an export every 70 s per student: 2.9 a second)
  asked more than a 2-core host can draw; the queue then answers "busy" (503) beyond what it can draw in time.

Every request's time is also written to $ATLAS_LOAD_TIMES (JSON lines: name, ms, ok) so that run_load.py can
judge clicks and exports against their own goals.

The callback POSTs are the ones the real page sent, recorded by tests/load/capture.py
($ATLAS_LOAD_RECORD), with the date, point of view and territory varied per student.
Think time: $ATLAS_LOAD_WAIT_MIN … $ATLAS_LOAD_WAIT_MAX seconds (default 2 … 8).
"""

from __future__ import annotations

import datetime as dt
import json
import os
import random
import re
from urllib.parse import urlencode

from locust import FastHttpUser, between, constant, events, task

RECORD_PATH = os.environ.get("ATLAS_LOAD_RECORD", "build/load/recorded.json")
WAIT_MIN = float(os.environ.get("ATLAS_LOAD_WAIT_MIN", "2"))
WAIT_MAX = float(os.environ.get("ATLAS_LOAD_WAIT_MAX", "8"))
MIN_DATE = dt.date(1905, 1, 1)
MAX_DAY = (dt.date(1956, 12, 31) - MIN_DATE).days
POVS = ("de_facto", "japan", "russia", "usa")
HEADERS = {"Accept-Encoding": "gzip, deflate", "Content-Type": "application/json"}
EXPORT_CANDIDATES = (
    "/export?date={date}&pov={pov}&format={format}&size={size}",
)
# What the Download dialog sends (app/page/download.py: double column by default); weights per choice.
EXPORT_FORMATS = (("svg", 4), ("pdf", 4), ("png", 2))
EXPORT_SIZES = (("double", 6), ("single", 2), ("slide", 2))
QUEUE_POLL_S = 1.0
TIMES_PATH = os.environ.get("ATLAS_LOAD_TIMES")

with open(RECORD_PATH, encoding="utf-8") as _f:
    RECORD = json.load(_f)


def _changed(body: dict) -> str:
    ids = body.get("changedPropIds") or []
    if any('"unit-button"' in i for i in ids):
        return "unit_button"
    return "+".join(sorted(ids))


def _templates() -> dict[str, list[dict]]:
    """Recorded callback bodies grouped by what triggered them, one per callback output."""
    out: dict[str, dict[str, dict]] = {}
    for phase, bodies in RECORD["actions"].items():
        for body in bodies:
            key = "open" if phase == "open" else _changed(body)
            out.setdefault(key, {}).setdefault(body["output"], body)
    return {k: list(v.values()) for k, v in out.items()}


TEMPLATES = _templates()
UNITS: list[str] = []
for _body in TEMPLATES.get("unit_button", []):
    for _item in _body["inputs"]:
        if isinstance(_item, list):
            UNITS = [x["id"]["index"] for x in _item if isinstance(x.get("id"), dict)]
UNITS = UNITS or ["iturup"]
EXPORT = {"url": None, "noted": False}


def _short(output: str) -> str:
    first = re.sub(r"^\.\.", "", output).split("...")[0].split("@")[0]
    return first


def _asset_name(path: str) -> str:
    if path == "/":
        return "GET /"
    if "plotly.min.js" in path or path.startswith("/static/plotly-"):
        return "GET plotly.js"
    if path.startswith("/_dash-layout") or path.startswith("/_dash-dependencies"):
        return "GET " + path.split("?")[0]
    if path.startswith("/_dash-component-suites/"):
        return "GET /_dash-component-suites/[bundle]"
    if path.startswith("/assets/"):
        return "GET /assets/[file]"
    return "GET " + path.split("?")[0]


class Student(FastHttpUser):
    wait_time = between(WAIT_MIN, WAIT_MAX)

    def on_start(self) -> None:
        self.day = random.randint(0, MAX_DAY)
        self.pov = "de_facto"
        self.unit = None
        self.etags: dict[str, str] = {}
        self.end_id = ""
        self.open_page(cold=True)

    # --- helpers ---------------------------------------------------------------------------------

    def search(self) -> str:
        params = {"date": (MIN_DATE + dt.timedelta(days=self.day)).isoformat()}
        if self.pov != "de_facto":
            params["pov"] = self.pov
        if self.unit:
            params["unit"] = self.unit
        return "?" + urlencode(params)

    def values(self) -> dict:
        return {"settled-date.data": self.day, "date-slider.value": self.day, "pov.value": self.pov,
                "unit-store.data": self.unit, "url.search": self.search()}

    def fill(self, body: dict, extra: dict | None = None) -> dict:
        values = {**self.values(), **(extra or {})}
        body = json.loads(json.dumps(body))
        for group in ("inputs", "state"):
            for item in body.get(group, []):
                for one in (item if isinstance(item, list) else [item]):
                    if not isinstance(one.get("id"), str):
                        continue
                    key = f"{one['id']}.{one.get('property')}"
                    if key in values:
                        one["value"] = values[key]
        return body

    def post(self, action: str, body: dict) -> None:
        url = "/_dash-update-component" + (f"?endId={self.end_id}" if self.end_id else "")
        with self.client.post(url, data=json.dumps(body), headers=HEADERS, catch_response=True,
                              name=f"POST callback {action}: {_short(body['output'])}") as response:
            if response.status_code in (200, 204):
                response.success()
            else:
                response.failure(f"HTTP {response.status_code}")

    def replay(self, action: str, key: str, extra: dict | None = None) -> None:
        for body in TEMPLATES.get(key, []):
            self.post(action, self.fill(body, extra))

    # --- the page --------------------------------------------------------------------------------

    def open_page(self, cold: bool) -> None:
        index = self.client.get("/", headers=HEADERS, name="GET /")
        match = re.search(r'"end_id":"([^"]+)"', index.text or "")
        self.end_id = match.group(1) if match else ""
        seen = {"/"}
        for path in RECORD["page"]:
            if path in seen or path.startswith("http"):
                continue
            seen.add(path)
            fingerprinted = ("?m=" in path or re.search(r"\.v\d+_\d+_\d+m\d+", path) or "?v=" in path
                             or path.startswith("/static/"))
            if not cold and fingerprinted:
                continue  # immutable: a warm browser does not ask again
            headers = dict(HEADERS)
            if not cold and path in self.etags:
                headers["If-None-Match"] = self.etags[path]
            with self.client.get(path, headers=headers, name=_asset_name(path),
                                 catch_response=True) as response:
                if response.status_code in (200, 304):
                    response.success()
                    tag = response.headers.get("ETag")
                    if tag:
                        self.etags[path] = tag
                else:
                    response.failure(f"HTTP {response.status_code}")
        self.replay("open", "open")

    @task(36)
    def move_slider(self) -> None:
        self.day = max(0, min(MAX_DAY, self.day + random.randint(-900, 900)))
        self.replay("slider", "settled-date.data")

    @task(12)
    def switch_point_of_view(self) -> None:
        self.pov = random.choice([p for p in POVS if p != self.pov])
        self.replay("pov", "pov.value")

    @task(12)
    def open_territory(self) -> None:
        unit = random.choice(UNITS)
        for body in TEMPLATES.get("unit_button", []):
            body = self.fill(body)
            for item in body["inputs"]:
                if isinstance(item, list):
                    for one in item:
                        one["value"] = 1 if one["id"].get("index") == unit else None
            body["changedPropIds"] = [json.dumps({"index": unit, "type": "unit-button"},
                                                 separators=(",", ":")) + ".n_clicks"]
            body["parsedChangedPropsIds"] = body["changedPropIds"]
            self.post("territory", body)
        self.unit = unit
        self.replay("territory", "unit-store.data")

    @task(6)
    def click_map(self) -> None:
        unit = random.choice(UNITS)
        click = {"points": [{"location": unit, "curveNumber": 1, "pointNumber": 0}]}
        self.replay("map click", "map.clickData", {"map.clickData": click})
        self.unit = unit
        self.replay("map click", "unit-store.data")

    @task(6)
    def close_panel(self) -> None:
        self.replay("close", "unit-close.n_clicks", {"unit-close.n_clicks": 1})
        self.unit = None
        self.replay("close", "unit-store.data")

    @task(6)
    def reload_page(self) -> None:
        self.open_page(cold=False)

    @task(1)
    def export_figure(self) -> None:
        if not EXPORT["url"]:
            return
        import gevent

        date = (MIN_DATE + dt.timedelta(days=self.day)).isoformat()
        fmt = random.choices(*zip(*EXPORT_FORMATS, strict=True))[0]
        size = random.choices(*zip(*EXPORT_SIZES, strict=True))[0]
        ticket = os.urandom(9).hex()
        url = EXPORT["url"].format(date=date, pov=self.pov, format=fmt, size=size) + f"&ticket={ticket}"
        follow = gevent.spawn(self.follow_queue, ticket)
        try:
            with self.client.get(url, name=f"GET /export ({fmt})", catch_response=True) as response:
                if response.status_code == 200:
                    response.success()
                else:
                    reason = (response.text or "")[:160].replace("\n", " ")
                    response.failure(f"HTTP {response.status_code} {reason}")
        finally:
            follow.kill()

    def follow_queue(self, ticket: str) -> None:
        """The Download dialog's place in line, asked once a second while the export waits."""
        import gevent

        while True:
            gevent.sleep(QUEUE_POLL_S)
            with self.client.get(f"/export/queue?ticket={ticket}", name="GET /export/queue",
                                 catch_response=True) as response:
                if response.status_code == 200:
                    response.success()
                else:
                    response.failure(f"HTTP {response.status_code}")


def _stay(user) -> None:
    """Reading the page: nothing reaches the server."""


class ArrivingStudent(Student):
    """A class arriving at once (run_load.py --arrival): opens the page with an empty cache, then only reads."""

    wait_time = constant(600)


ArrivingStudent.tasks = [_stay]  # set after the class: locust's metaclass would add Student's tasks to a `tasks` list


@events.test_start.add_listener
def _probe_export(environment, **_kwargs) -> None:
    """Use /export only if it answers an image (the catch-all route answers HTML for any path).

    Not with ATLAS_LOAD_EXPORT=0 (a class arriving at once only opens the page; the probe's first export
    would start the export browser and take seconds of a short run)."""
    import urllib.request

    if os.environ.get("ATLAS_LOAD_EXPORT") == "0":
        print("load: export off (ATLAS_LOAD_EXPORT=0)")
        return

    for candidate in EXPORT_CANDIDATES:
        url = environment.host.rstrip("/") + candidate.format(date="1945-09-05", pov="de_facto", format="svg",
                                                              size="double")
        try:
            with urllib.request.urlopen(url, timeout=60) as response:  # noqa: S310 - loopback only
                kind = response.headers.get("Content-Type", "")
        except Exception:  # noqa: BLE001
            continue
        if kind.startswith(("image/", "application/pdf")):
            EXPORT["url"] = candidate
            print(f"load: export enabled: {candidate}")
            return
    print("load: NOTE /export is not available on this server (no image answered): export skipped")


_TIMES: list = []


@events.request.add_listener
def _time(request_type, name, response_time, response_length, exception=None, **_kwargs) -> None:
    """Every request's time, for run_load.py's goals per kind (clicks vs exports)."""
    if TIMES_PATH:
        _TIMES.append((name, round(response_time, 1), exception is None))


@events.quitting.add_listener
def _write_times(environment, **_kwargs) -> None:
    if TIMES_PATH:
        with open(TIMES_PATH, "w", encoding="utf-8") as f:
            json.dump(_TIMES, f)
