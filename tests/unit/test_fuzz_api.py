"""Property-based fuzzing of every read-API parameter (app/api.py) through the Flask test client.

Every answer is 200 or 400 (404/405 for paths that are not routes), JSON for /api, never 500.
Profiles: HYPOTHESIS_PROFILE=ci (default) or thorough (`make fuzz`).
"""

from __future__ import annotations

import collections
import functools
import os
from urllib.parse import quote, urlencode

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

settings.register_profile("ci", max_examples=80, deadline=None, derandomize=True)
settings.register_profile("thorough", max_examples=800, deadline=None)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))

CASES: collections.Counter = collections.Counter()


@pytest.fixture(scope="module", autouse=True)
def _report_cases():
    yield
    print(f"\nfuzz: {__name__.rsplit('.', 1)[-1]}: {sum(CASES.values())} cases "
          f"({', '.join(f'{k} {v}' for k, v in sorted(CASES.items()))})")

PAYLOADS = ["<script>window.__pwned=1</script>", '"><img src=x onerror=window.__pwned=1>',
            "../../etc/passwd", "..%2F..%2Fetc%2Fpasswd", "%00", "\x00", "1945-02-30",
            "1904-12-31", "1957-01-01", "0000-01-01", "9999-12-31", "1945-9-5", "+1945-09-05",
            "1945-09-05T00:00:00", "de_facto ", "JAPAN", "__proto__", "constructor", "a" * 5000]


@functools.lru_cache(maxsize=1)
def client():
    from app.server import create_app

    return create_app().server.test_client()


@functools.lru_cache(maxsize=1)
def ids() -> dict[str, list[str]]:
    from app.data import load_engine

    engine = load_engine()
    return {"events": sorted(engine.events), "targets": sorted(engine.units) + engine.straits,
            "perspectives": list(engine.perspectives)}


def text():
    return st.one_of(st.sampled_from(PAYLOADS), st.text(max_size=40), st.dates().map(str),
                     st.sampled_from(ids()["perspectives"] + ids()["events"]))


def get(path: str):
    route = path.split("?")[0]
    if route.startswith("/api/events/"):
        route = "/api/events/<id>"
    elif route.startswith("/api/territories/"):
        route = "/api/territories/<id>/history"
    CASES[route] += 1
    response = client().get(path)
    assert response.status_code < 500, f"HTTP {response.status_code} for GET {path!r}"
    if path.startswith("/api/") and response.status_code in (200, 400):
        assert response.is_json or response.mimetype in ("text/csv", "application/geo+json"), path
    return response


QUERY_ROUTES = {"/api/state": ["date", "perspective"], "/api/diff": ["from", "to", "perspective"],
                "/api/paint": ["perspective"], "/api/perspectives": [], "/api/events": [],
                "/api/download/dataset.json": [], "/api/download/statuses.csv": []}


@pytest.mark.parametrize("route", sorted(QUERY_ROUTES))
def test_fuzz_api_query_parameters(route):
    names = QUERY_ROUTES[route]
    keys = st.one_of(st.sampled_from(names), st.text(max_size=6)) if names else st.text(max_size=6)

    @given(st.lists(st.tuples(keys, text()), max_size=5))
    def run(pairs):
        get(route + "?" + urlencode(pairs, quote_via=quote))

    run()


@pytest.mark.parametrize("template", ["/api/events/{}", "/api/territories/{}/history"])
def test_fuzz_api_path_parameters(template):
    @given(st.one_of(text(), st.sampled_from(ids()["targets"])))
    def run(value):
        response = get(template.format(quote(value, safe="")))
        assert response.status_code in (200, 400, 404), (value, response.status_code)

    run()


@given(st.sampled_from(sorted(QUERY_ROUTES)), st.sampled_from(["POST", "PUT", "DELETE", "PATCH"]))
def test_fuzz_api_other_methods(route, method):
    CASES["other methods"] += 1
    response = client().open(route, method=method, data="x")
    assert response.status_code in (405, 400), (route, method, response.status_code)
