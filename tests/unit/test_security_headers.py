"""Security and cache headers, /healthz and the request guards (app/security.py, app/health.py)."""

from __future__ import annotations

import base64
import functools
import hashlib
import re

import pytest

from app.security import ConfigError, content_security_policy, parse_frame_ancestors


@functools.lru_cache(maxsize=1)
def app():
    from app.server import create_app

    return create_app()


def client():
    return app().server.test_client()


def csp_of(response) -> dict[str, list[str]]:
    out = {}
    for part in response.headers["Content-Security-Policy"].split(";"):
        name, *values = part.split()
        out[name] = values
    return out


def test_security_every_response_has_the_headers():
    for path in ("/", "/_dash-layout", "/api/perspectives", "/healthz", "/nope", "/assets/map.css"):
        response = client().get(path)
        assert response.headers["X-Content-Type-Options"] == "nosniff", path
        assert response.headers["Referrer-Policy"] == "same-origin", path
        assert "frame-ancestors" in response.headers["Content-Security-Policy"], path
        assert response.headers["X-Frame-Options"] == "SAMEORIGIN", path


def test_security_csp_only_self_and_hashes_of_the_inline_scripts():
    response = client().get("/")
    csp = csp_of(response)
    assert csp["default-src"] == ["'self'"]
    assert csp["object-src"] == ["'none'"] and csp["frame-ancestors"] == ["'self'"]
    assert "'unsafe-inline'" not in csp["script-src"] and "'unsafe-eval'" not in csp["script-src"]
    assert set(csp["img-src"]) == {"'self'", "data:", "blob:"}
    html = response.get_data(as_text=True)
    html = re.sub(r"<!--.*?-->", "", html, flags=re.S)  # the IE-only conditional comment
    inline = [m.group(2) for m in re.finditer(r"<script([^>]*)>(.*?)</script>", html, flags=re.S)
              if "src=" not in m.group(1) and "application/json" not in m.group(1)]
    assert inline, "Dash's renderer script should be inline"
    for script in inline:
        digest = base64.b64encode(hashlib.sha256(script.encode()).digest()).decode()
        assert f"'sha256-{digest}'" in csp["script-src"], script[:80]


@pytest.mark.parametrize("value, expected", [
    (None, ["'self'"]), ("", ["'self'"]), ("self", ["'self'"]), ("'none'", ["'none'"]),
    ("https://school.example", ["https://school.example"]),
    ("https://school.example/, 'self' https://*.district.example:8443",
     ["https://school.example", "'self'", "https://*.district.example:8443"]),
])
def test_security_frame_ancestors_parsing(value, expected):
    assert parse_frame_ancestors(value) == expected


@pytest.mark.parametrize("value", [
    "https://a.example; script-src *", "*", "https://a.example/path", "javascript:alert(1)",
    "'unsafe-inline'", "'none' https://a.example", "https://", "ftp://a.example", "data:",
])
def test_security_frame_ancestors_rejects_anything_else(value):
    with pytest.raises(ConfigError):
        parse_frame_ancestors(value)


def test_security_frame_ancestors_from_env(monkeypatch):
    monkeypatch.setenv("ATLAS_FRAME_ANCESTORS", "https://school.example")
    from app.server import create_app

    response = create_app().server.test_client().get("/")
    assert csp_of(response)["frame-ancestors"] == ["https://school.example"]
    assert "X-Frame-Options" not in response.headers


def test_security_bad_frame_ancestors_stop_the_app(monkeypatch):
    monkeypatch.setenv("ATLAS_FRAME_ANCESTORS", "https://x.example; script-src *")
    from app.server import create_app

    with pytest.raises(ConfigError, match="ATLAS_FRAME_ANCESTORS"):
        create_app()


def test_security_csp_string():
    text = content_security_policy(["'sha256-abc'"], ["'self'"])
    assert text.startswith("default-src 'self'; script-src 'self' 'sha256-abc';")


def test_security_cache_headers():
    c = client()
    index = c.get("/").get_data(as_text=True)
    bundle = re.search(r'src="(/_dash-component-suites/[^"]+\.v\d[^"]+)"', index).group(1)
    asset = re.search(r'href="(/assets/[^"]+\?m=[^"]+)"', index).group(1)
    immutable = "public, max-age=31536000, immutable"
    assert c.get(bundle).headers["Cache-Control"] == immutable
    assert c.get(asset).headers["Cache-Control"] == immutable
    topojson = c.get("/assets/topojson/world_50m.json")
    assert topojson.headers["Cache-Control"] == "public, max-age=86400"
    assert c.get("/").headers["Cache-Control"] == "no-cache"
    assert c.get("/_dash-layout").headers["Cache-Control"] == "no-cache"
    assert c.get("/healthz").headers["Cache-Control"] == "no-store"


def test_security_layers_download_etag_and_content_address():
    c = client()
    first = c.get("/api/download/layers.geojson")
    assert first.status_code == 200 and first.headers["Cache-Control"] == "public, max-age=3600"
    etag = first.headers["ETag"]
    again = c.get("/api/download/layers.geojson", headers={"If-None-Match": etag})
    assert again.status_code == 304 and again.get_data() == b""
    gz = c.get("/api/download/layers.geojson", headers={"Accept-Encoding": "gzip"})
    assert gz.headers["Content-Encoding"] == "gzip" and len(gz.get_data()) < len(first.get_data())
    revalidate_gz = c.get("/api/download/layers.geojson",
                          headers={"Accept-Encoding": "gzip", "If-None-Match": gz.headers["ETag"]})
    assert revalidate_gz.status_code == 304
    tag = etag.strip('"')
    pinned = c.get(f"/api/download/layers.geojson?v={tag}")
    assert pinned.headers["Cache-Control"] == "public, max-age=31536000, immutable"
    assert pinned.get_data() == first.get_data()


def test_security_fixed_bodies_are_served_identically_from_memory():
    c = client()
    a, b = c.get("/_dash-layout"), c.get("/_dash-layout?anything=1")
    assert a.status_code == b.status_code == 200 and a.get_data() == b.get_data()
    assert a.is_json


def test_security_healthz():
    response = client().get("/healthz")
    assert response.status_code == 200 and response.is_json
    body = response.get_json()
    assert body["status"] == "ok" and body["version"]
    assert body["data"]["events"] > 0 and body["data"]["statuses"] > 0
    assert body["data"]["layer_features"] > 0


def test_security_debug_is_off_in_the_wsgi_entry():
    import app.wsgi as wsgi

    assert wsgi.server.debug is False
    assert not wsgi.app._dev_tools.ui


@pytest.mark.parametrize("body", ["", "null", "[]", "{}", '{"output": "nope.children"}',
                                  '{"output": 1}', "not json"])
def test_security_malformed_callback_bodies_are_400(body):
    response = client().post("/_dash-update-component", data=body, content_type="application/json")
    assert response.status_code == 400 and response.is_json


def test_security_unknown_api_path_is_404_json():
    response = client().get("/api/nothing/here")
    assert response.status_code == 404 and response.is_json


def test_security_layout_function_is_cached_per_layout_object():
    dash_app = app()
    c = client()
    first = c.get("/_dash-layout").get_data()
    assert c.get("/_dash-layout").get_data() == first
    if callable(dash_app.layout):  # e.g. one layout per language (?lang=)
        other = c.get("/_dash-layout?lang=ja")
        assert other.status_code == 200
        assert c.get("/_dash-layout?lang=ja").get_data() == other.get_data()
