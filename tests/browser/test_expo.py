"""Export in the browser: the panel downloads the file of the page's URL state; the modebar camera
is set to SVG and there is no cloud button."""

import socket
import threading
import xml.etree.ElementTree as ET

import pytest
from dash import html
from werkzeug.serving import make_server

from app.server import create_app
from app.data import load_engine
from app.export import render
from app.export.routes import register_export_routes
from app.export.ui import BUTTON, FORMAT, export_panel, register_export_callbacks


def _wired(path: str, needle: str) -> bool:
    try:
        return needle in open(path, encoding="utf-8").read()
    except OSError:
        return False


@pytest.fixture(scope="module")
def export_server():
    app = create_app()
    engine = load_engine()
    if not _wired("app/__init__.py", "register_export_routes"):
        register_export_routes(app.server, engine)
    if not _wired("app/page/dialogs.py", "export_panel"):
        app.layout = html.Div([app.layout, export_panel()])
        register_export_callbacks(app, engine)
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    server = make_server("127.0.0.1", port, app.server, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{port}"
    server.shutdown()
    render.stop()


def test_expo001_panel_downloads_the_url_state(page, export_server):
    page.goto(export_server + "/?date=1951-09-08&pov=japan")
    page.locator("#download-open").click()  # the panel lives in the Download dialog, opened for use
    page.locator(f"#{FORMAT} input[value=svg]").check()
    with page.expect_download(timeout=120_000) as info:
        page.locator(f"#{BUTTON}").click()
    download = info.value
    assert download.suggested_filename == "1951-09-08_san-francisco-treaty_japan_double_en.svg"
    root = ET.parse(download.path()).getroot()
    text = " ".join("".join(el.itertext()) for el in root.iter() if el.tag.endswith("text"))
    assert "8 September 1951" in text and "Japan's view" in text


def test_expo002_modebar_camera_is_svg_and_no_cloud(page, export_server):
    page.goto(export_server + "/")
    graph = page.locator("#map .js-plotly-plot")
    graph.wait_for(timeout=60_000)
    graph.hover()
    titles = page.locator("#map .modebar-btn").evaluate_all("els => els.map(e => e.getAttribute('data-title'))")
    assert not any("Share" in (t or "") or "Produced with" in (t or "") for t in titles)
    assert any((t or "").startswith("Download plot") for t in titles)
    # the camera's format is the graph config's (app/figures.py GRAPH_CONFIG): vector SVG
    fmt = graph.evaluate("gd => gd._context.toImageButtonOptions.format")
    assert fmt == "svg"
