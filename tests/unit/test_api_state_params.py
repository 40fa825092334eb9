"""/api/state reads the page's parameter names and refuses unknown ones; an unknown territory lists the ids."""

import pytest
from flask import Flask

from app.api import register_api
from app.data import load_engine


@pytest.fixture(scope="module")
def client():
    server = Flask("api-params")
    register_api(server, load_engine(), layers_loader=lambda: {"type": "FeatureCollection", "features": []})
    return server.test_client()


def test_pov_is_the_pages_name_for_perspective(client):
    page = client.get("/api/state?date=1952-04-28&pov=japan").get_json()
    api = client.get("/api/state?date=1952-04-28&perspective=japan").get_json()
    assert page["perspective"] == api["perspective"] == "japan" and page == api
    assert client.get("/api/state?date=1952-04-28&pov=japan&lang=ja&names=ru").status_code == 200


def test_unknown_or_conflicting_parameters_are_refused(client):
    bad = client.get("/api/state?date=1952-04-28&povv=japan")
    assert bad.status_code == 400 and bad.get_json()["parameter"] == "povv"
    assert "perspective" in bad.get_json()["allowed"] and "pov" in bad.get_json()["allowed"]
    both = client.get("/api/state?date=1952-04-28&pov=japan&perspective=usa")
    assert both.status_code == 400


def test_unknown_territory_lists_the_ids(client):
    r = client.get("/api/territories/etorofu/history")
    assert r.status_code == 400
    allowed = r.get_json()["allowed"]
    assert "iturup" in allowed and "habomai" in allowed and "registry.yaml" not in allowed
