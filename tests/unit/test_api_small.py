"""The /api blueprint on the tiny fixture: shapes, 400s naming the parameter, downloads, and the
same JSON as the CLI."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from flask import Flask

from app.__main__ import main as cli_main
from app.api import register_api
from app.timeline.engine import Engine
from app.timeline.model import load_timeline

FIXTURE = Path(__file__).resolve().parent.parent / "fixtures" / "timeline_small"
LAYERS = {
    "type": "FeatureCollection",
    "features": [
        {"type": "Feature", "properties": {"id": "b1", "kind": "feature"},
         "geometry": {"type": "Point", "coordinates": [146.0, 43.5]}},
        {"type": "Feature", "properties": {"id": "strait_x", "kind": "strait"},
         "geometry": None},
    ],
}


@pytest.fixture(scope="module")
def engine() -> Engine:
    return Engine(load_timeline(FIXTURE))


@pytest.fixture()
def client(engine):
    server = Flask(__name__)
    register_api(server, engine, layers_loader=lambda: LAYERS)
    return server.test_client()


def test_state(client):
    r = client.get("/api/state?date=1945-08-18&perspective=usa")
    assert r.status_code == 200
    assert r.headers["Content-Type"].startswith("application/json")
    body = r.get_json()
    assert body["date"] == "1945-08-18" and body["perspective"] == "usa"
    assert body["territories"]["group_b"]["control_kind"] == "divided"
    assert set(body) == {"date", "perspective", "territories", "regimes", "lines",
                         "events_in_force", "current_event", "government"}


def test_state_default_perspective(client):
    assert client.get("/api/state?date=1950-01-01").get_json()["perspective"] == "de_facto"


@pytest.mark.parametrize(("url", "parameter"), [
    ("/api/state", "date"),
    ("/api/state?date=1945-8-18", "date"),
    ("/api/state?date=1945-02-30", "date"),
    ("/api/state?date=1904-12-31", "date"),
    ("/api/state?date=1957-01-01", "date"),
    ("/api/state?date=1950-01-01&perspective=mars", "perspective"),
    ("/api/events/nope_1999", "event"),
    ("/api/territories/atlantis/history", "territory"),
    ("/api/diff?from=1950-01-01", "to"),
    ("/api/diff?to=1950-01-01", "from"),
    ("/api/diff?from=1950-13-01&to=1950-01-01", "from"),
    ("/api/diff?from=1950-01-01&to=2000-01-01", "to"),
    ("/api/diff?from=1950-01-01&to=1951-01-01&perspective=x", "perspective"),
    ("/api/paint?perspective=x", "perspective"),
])
def test_bad_parameters(client, url, parameter):
    r = client.get(url)
    assert r.status_code == 400
    body = r.get_json()
    assert body["parameter"] == parameter
    assert body["error"] and body["allowed"]


def test_events(client):
    events = client.get("/api/events").get_json()["events"]
    assert [e["id"] for e in events][:3] == ["st_petersburg_1875", "invasion_1905", "treaty_1905"]
    one = client.get("/api/events/sf_1951").get_json()
    assert one["event"]["dates"]["in_force"] == "1952-04-28"
    assert "isle_a" in one["provides"]["territories"]


def test_history_and_diff(client):
    h = client.get("/api/territories/isle_a/history").get_json()
    assert h["target"] == "isle_a" and h["statuses"]
    d = client.get("/api/diff?from=1945-08-17&to=1946-02-02").get_json()
    assert d["events"] == ["landing_1945", "decree_1946"]


def test_downloads(client, engine):
    r = client.get("/api/download/dataset.json")
    assert r.status_code == 200
    assert 'attachment; filename="dataset.json"' == r.headers["Content-Disposition"]
    data = json.loads(r.data)
    assert set(data) >= {"actors", "events", "statuses", "sources", "disagreements"}
    assert len(data["statuses"]) == len(engine.statuses)
    r = client.get("/api/download/statuses.csv")
    assert r.headers["Content-Disposition"] == 'attachment; filename="statuses.csv"'
    assert r.data.startswith("\ufeff".encode())  # a spreadsheet opened by double-click reads UTF-8
    rows = list(csv.DictReader(io.StringIO(r.data.decode("utf-8-sig"))))
    assert len(rows) == len(engine.statuses)
    b1 = next(row for row in rows if row["target"] == "b1")
    assert b1["unit"] == "group_b" and b1["sources"] == "src_landing"
    assert "Seed history" in b1["source_citations"]
    r = client.get("/api/download/layers.geojson")
    assert r.headers["Content-Disposition"] == 'attachment; filename="layers.geojson"'
    geo = json.loads(r.data)
    props = geo["features"][0]["properties"]
    assert props["kind"] == "feature"
    assert {s["target"] for s in props["statuses"]} == {"b1", "group_b"}
    assert "src_landing" in props["source_keys"]
    assert LAYERS["features"][0]["properties"] == {"id": "b1", "kind": "feature"}  # not mutated


@pytest.mark.parametrize(("url", "argv"), [
    ("/api/state?date=1945-08-18&perspective=usa",
     ["state", "--date", "1945-08-18", "--perspective", "usa"]),
    ("/api/state?date=1905-11-25", ["state", "--date", "1905-11-25"]),
    ("/api/events", ["events"]),
    ("/api/events/treaty_1905", ["events", "treaty_1905"]),
    ("/api/territories/group_b/history", ["history", "group_b"]),
    ("/api/diff?from=1945-01-01&to=1953-01-01&perspective=japan",
     ["diff", "--from", "1945-01-01", "--to", "1953-01-01", "--perspective", "japan"]),
])
def test_cli_and_api_same_json(client, capsys, url, argv):
    assert cli_main(["--data", str(FIXTURE), *argv]) == 0
    printed = capsys.readouterr().out
    assert printed == client.get(url).get_data(as_text=True) + "\n"
