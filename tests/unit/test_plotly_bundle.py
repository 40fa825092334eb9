"""The partial plotly.js bundle: the right version, every trace type the figures draw, rebuilt byte for byte from
the lock file, and the only plotly.js the page is given."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import re
import shutil
import subprocess

import pytest
from plotly.offline import get_plotlyjs_version

from app.server import create_app
from app.static_files import BUNDLE_DIR, plotly_bundle


@pytest.fixture(scope="module")
def app():
    return create_app()


def _trace_types(node, out: set[str]) -> set[str]:
    """Trace types in every figure of a layout tree (dcc.Graph figures)."""
    if isinstance(node, list | tuple):
        for child in node:
            _trace_types(child, out)
    elif hasattr(node, "_type"):
        if node._type == "Graph" and getattr(node, "figure", None) is not None:
            figure = node.figure if isinstance(node.figure, dict) else node.figure.to_plotly_json()
            out |= {trace.get("type", "scatter") for trace in figure.get("data", [])}
        for name in getattr(node, "_prop_names", ()):
            value = getattr(node, name, None)
            if isinstance(value, list | tuple) or hasattr(value, "_type"):
                _trace_types(value, out)
    return out


def test_bundle_is_the_plotly_js_version_the_python_package_ships():
    assert plotly_bundle().version == get_plotlyjs_version()
    head = plotly_bundle().path.read_text(encoding="utf-8")[:300]
    assert f"plotly.js v{get_plotlyjs_version()}" in head


def test_every_trace_type_the_page_and_its_charts_draw_is_in_the_bundle(app):
    from app import figures

    with app.server.test_request_context("/"):
        layout = app.layout()
    drawn = _trace_types(layout, set())
    from app.data import load_engine

    statuses = load_engine().history("iturup")["statuses"]
    rows = [{"role": s["role"], "actor": s["actor"], "asserted_by": s["asserted_by"], "event": s["event"],
             "start": dt.date.fromisoformat(s["start"]), "end": s["end"] and dt.date.fromisoformat(s["end"])}
            for s in statuses]
    drawn |= {trace.type for trace in figures.unit_timeline_figure(rows, dt.date(1956, 12, 31)).data}
    assert {"choropleth", "scattergeo", "bar"} <= drawn
    missing = drawn - set(plotly_bundle().traces) - {"scatter"}
    assert not missing, f"add {sorted(missing)} to bundles/plotly/bundle.json and run `make plotly-bundle`"


def test_the_page_is_given_the_partial_bundle_and_never_plotly_min_js(app):
    client = app.server.test_client()
    page = client.get("/").get_data(as_text=True)
    config = json.loads(re.search(r'<script id="_dash-config" type="application/json">(.*?)</script>', page).group(1))
    url = plotly_bundle().url
    assert config["plotlyjs_url"] == url and config["serve_locally"] is False
    assert "plotly.min.js" not in page
    assert f'<link rel="preload" as="script" href="{url}">' in page
    response = client.get(url, headers={"Accept-Encoding": "br"})
    assert response.status_code == 200
    assert response.headers["Content-Encoding"] == "br"
    assert response.headers["Cache-Control"] == "public, max-age=31536000, immutable"
    assert hashlib.sha256(plotly_bundle().path.read_bytes()).hexdigest().startswith(url.split(".")[1])


@pytest.mark.skipif(shutil.which("npm") is None, reason="npm is not installed (Debian package npm)")
def test_the_committed_bundle_is_what_the_build_script_makes_from_the_lock_file(tmp_path):
    """npm ci (the locked plotly.js and esbuild) and build.mjs give the committed file byte for byte."""
    subprocess.run(["npm", "ci", "--no-audit", "--no-fund", "--loglevel=error"], cwd=BUNDLE_DIR, check=True,
                   timeout=600)
    subprocess.run(["node", "build.mjs", "--out", str(tmp_path)], cwd=BUNDLE_DIR, check=True, timeout=300)
    built = (tmp_path / plotly_bundle().path.name).read_bytes()
    assert hashlib.sha256(built).hexdigest() == hashlib.sha256(plotly_bundle().path.read_bytes()).hexdigest()
