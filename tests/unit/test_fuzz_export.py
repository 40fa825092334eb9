"""Hostile /export parameters (app/export/routes.py): only 200 or 400, never 500; oversized sizes,
unknown formats and anything path-like are refused; the file name never carries a path.

Format svg only in the property test (composed in Python; PNG/PDF start Chromium, see
tests/faults). Uses the app's own /export when create_app registers it, else a bare Flask app with
register_export_routes. Profiles: HYPOTHESIS_PROFILE=ci (default) or thorough (`make fuzz`).
"""

from __future__ import annotations

import collections
import functools
import os
from urllib.parse import quote, urlencode

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

settings.register_profile("ci", max_examples=25, deadline=None, derandomize=True,
                          suppress_health_check=[HealthCheck.too_slow])
settings.register_profile("thorough", max_examples=400, deadline=None,
                          suppress_health_check=[HealthCheck.too_slow])
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))

CASES: collections.Counter = collections.Counter()
PAYLOADS = ["<script>window.__pwned=1</script>", "../../etc/passwd", "/etc/passwd", "..\\..\\x",
            "file:///etc/passwd", "%2e%2e%2f", "\x00", "1e309", "nan", "-1", "99999", "0"]


@pytest.fixture(scope="module", autouse=True)
def _report_cases():
    yield
    print(f"\nfuzz: test_fuzz_export: {sum(CASES.values())} cases")


@functools.lru_cache(maxsize=1)
def client():
    from app.server import create_app

    app = create_app()
    server = app.server
    if not any(r.rule == "/export" for r in server.url_map.iter_rules()):
        from flask import Flask

        from app.data import load_engine
        from app.export.routes import register_export_routes

        server = Flask("export-fuzz")
        register_export_routes(server, load_engine())
    return server.test_client()


def get(params) -> tuple[int, dict, bytes]:
    CASES["requests"] += 1
    response = client().get("/export?" + urlencode(params, quote_via=quote))
    return response.status_code, response.headers, response.get_data()


@pytest.mark.parametrize("params", [
    {"format": "exe"}, {"format": "../../etc/passwd"}, {"format": "svg/../../x"},
    {"format": "html"}, {"size": "a0"}, {"size": "custom", "width_mm": "100000", "height_mm": "90"},
    {"size": "custom", "width_mm": "1e309", "height_mm": "90"},
    {"size": "custom", "width_mm": "nan", "height_mm": "90"},
    {"size": "custom", "width_mm": "-5", "height_mm": "90"}, {"size": "custom"},
    {"format": "png", "dpi": "100000"}, {"format": "png", "dpi": "96.5"},
    {"path": "/etc/passwd"}, {"file": "x.svg"}, {"output": "/tmp/x"}, {"filename": "../x"},
    {"date": "../../etc/passwd"}, {"date": "1945-09-05/.."},
])
def test_fuzz_export_refuses(params):
    status, headers, body = get({"format": "svg", **params})
    assert status == 400, (params, status, body[:200])


@given(st.dictionaries(
    st.sampled_from(["date", "mode", "pov", "event", "unit", "names", "lang", "size", "width_mm",
                     "height_mm", "diff", "grayscale"]),
    st.one_of(st.sampled_from(PAYLOADS), st.text(max_size=20), st.dates().map(str),
              st.sampled_from(["date", "event", "japan", "single", "double", "slide", "custom",
                               "120", "90", "1", "0", "ja", "ru", "zh", "en"])),
    max_size=6))
def test_fuzz_export_parameters_never_500(params):
    status, headers, body = get({**params, "format": "svg"})
    assert status in (200, 400), (params, status, body[:300])
    if status == 200:
        disposition = headers.get("Content-Disposition", "")
        name = disposition.split("filename=", 1)[-1]
        assert "/" not in name.split(";")[0] and "\\" not in name and ".." not in name
        assert body.lstrip().startswith(b"<")
