"""The API, the CLI, /export and the lessons read the page's parameters with the one strict parser
(app/mapstate.py): a bad value names the parameter (the CLI its flag) and what is allowed."""

from __future__ import annotations

import pytest
from flask import Flask

from app.__main__ import main
from app.api import register_api
from app.data import load_engine
from app.export.routes import register_export_routes
from app.lessons.routes import register_lesson_routes


@pytest.fixture(scope="module")
def client():
    engine = load_engine()
    server = Flask("strict-state")
    register_api(server, engine, layers_loader=lambda: {"type": "FeatureCollection", "features": []})
    register_export_routes(server, engine)
    register_lesson_routes(server, engine)
    return server.test_client()


@pytest.mark.parametrize("url, parameter", [
    ("/api/state?date=1952-04-28&lang=xx", "lang"), ("/api/state?date=1952-04-28&names=fr", "names"),
    ("/export?date=1952-04-28&format=svg&tab=map", "tab"), ("/export?date=1957-01-01&format=svg", "date"),
    ("/export?pov=mars&format=svg", "pov"), ("/export?mode=event&format=svg", "event"),
    ("/export?event=nope&format=svg", "event"), ("/export?tour=key&step=99&format=svg", "step"),
    ("/lesson/start?output=html&pov=mars", "pov"), ("/lesson/start?output=html&tour=all", "tour"),
    ("/lesson/start?output=html&lang=xx", "lang"),
])
def test_stat141_a_bad_parameter_is_a_400_naming_it(client, url, parameter):
    response = client.get(url)
    assert response.status_code == 400 and response.get_json()["parameter"] == parameter, response.get_json()


@pytest.mark.parametrize("argv, flag", [
    (["--date", "1900-01-01"], "--date"), (["--perspective", "mars"], "--perspective"),
    (["--compare-date", "1957-01-01"], "--compare-date"), (["--event", "nope"], "--event"),
    (["--lesson", "--perspective", "mars"], "--perspective"),
])
def test_stat142_the_cli_names_the_flag(capsys, tmp_path, argv, flag):
    out = tmp_path / ("f.html" if "--lesson" in argv else "f.svg")
    assert main(["export", *argv, "--out", str(out)]) == 2
    assert capsys.readouterr().err.startswith(f"python -m app export: {flag}: ")
