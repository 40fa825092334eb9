"""The API and CLI on the committed data: identical JSON, 400s naming the parameter, downloads
(layers.geojson needs app.layers.load_layers() from the map engineer)."""

from __future__ import annotations

import json

import pytest
from flask import Flask

from app import DataFileError
from app.__main__ import main as cli_main
from app.api import register_api


@pytest.fixture(scope="module")
def engine():
    from app.data import load_engine

    try:
        return load_engine()
    except DataFileError as error:
        pytest.fail(f"the committed timeline does not load:\n{error}")


@pytest.fixture()
def client(engine):
    server = Flask(__name__)
    register_api(server, engine)
    return server.test_client()


@pytest.mark.parametrize(("url", "argv"), [
    ("/api/state?date=1951-09-08&perspective=japan",
     ["state", "--date", "1951-09-08", "--perspective", "japan"]),
    ("/api/state?date=1945-08-19", ["state", "--date", "1945-08-19"]),
    ("/api/state?date=1952-04-28&perspective=usa",
     ["state", "--date", "1952-04-28", "--perspective", "usa"]),
    ("/api/state?date=1956-12-12&perspective=soviet",
     ["state", "--date", "1956-12-12", "--perspective", "soviet"]),
    ("/api/events", ["events"]),
    ("/api/events/joint_declaration_1956", ["events", "joint_declaration_1956"]),
    ("/api/territories/habomai/history", ["history", "habomai"]),
    ("/api/diff?from=1945-08-01&to=1946-03-01&perspective=soviet",
     ["diff", "--from", "1945-08-01", "--to", "1946-03-01", "--perspective", "soviet"]),
])
def test_cli_and_api_give_identical_json(client, capsys, url, argv):
    response = client.get(url)
    assert response.status_code == 200, response.get_data(as_text=True)
    assert cli_main(argv) == 0
    assert capsys.readouterr().out == response.get_data(as_text=True) + "\n"


@pytest.mark.parametrize(("url", "parameter"), [
    ("/api/state", "date"),
    ("/api/state?date=1951-9-8", "date"),
    ("/api/state?date=08/09/1951", "date"),
    ("/api/state?date=1951-02-29", "date"),
    ("/api/state?date=1900-01-01", "date"),
    ("/api/state?date=1957-01-01", "date"),
    ("/api/state?date=1951-09-08&perspective=martian", "perspective"),
    ("/api/events/no_such_event_1900", "event"),
    ("/api/territories/hokkaido/history", "territory"),
    ("/api/diff?from=1945-08-01", "to"),
    ("/api/diff?from=x&to=1946-01-01", "from"),
    ("/api/diff?from=1945-08-01&to=1999-01-01", "to"),
    ("/api/diff?from=1945-08-01&to=1946-01-01&perspective=nobody", "perspective"),
])
def test_bad_parameters_are_400(client, url, parameter):
    response = client.get(url)
    assert response.status_code == 400
    body = response.get_json()
    assert body["parameter"] == parameter and body["error"] and body["allowed"]


def test_every_perspective_answers(client, engine):
    for p in engine.perspectives:
        assert client.get(f"/api/state?date=1953-01-01&perspective={p}").status_code == 200


def test_dataset_and_csv(client, engine):
    data = json.loads(client.get("/api/download/dataset.json").data)
    assert len(data["statuses"]) == len(engine.statuses) > 0
    csv_text = client.get("/api/download/statuses.csv").get_data(as_text=True)
    assert len(csv_text.strip().splitlines()) == len(engine.statuses) + 1


def test_layers_geojson(client, engine):
    response = client.get("/api/download/layers.geojson")
    assert response.status_code == 200
    assert response.headers["Content-Disposition"] == 'attachment; filename="layers.geojson"'
    geo = json.loads(response.data)
    assert geo["type"] == "FeatureCollection" and geo["features"]
    with_rows = [f for f in geo["features"] if f["properties"]["statuses"]]
    assert with_rows, "no layer feature matched a registry id"
    for f in with_rows:
        keys = {k for s in f["properties"]["statuses"] for k in s["sources"]}
        assert set(f["properties"]["source_keys"]) == keys


def test_export013_full_resolution_layers_beside_the_simplified(client):
    """The layers the figures draw (full resolution) download beside the page's simplified ones, same features."""
    simple = json.loads(client.get("/api/download/layers.geojson").data)
    response = client.get("/api/download/layers_full.geojson")
    assert response.status_code == 200
    assert response.headers["Content-Disposition"] == 'attachment; filename="layers_full.geojson"'
    full = json.loads(response.data)
    ids = {f["properties"]["id"] for f in full["features"]}
    assert ids >= {f["properties"]["id"] for f in simple["features"] if f["properties"].get("layer") != "label"}
    assert len(response.data) > 3 * len(json.dumps(simple))
