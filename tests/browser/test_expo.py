"""Export in the browser: the panel downloads the file of the map as shown (the state the browser holds); the
modebar camera is set to SVG and there is no cloud button."""

import socket
import threading
import xml.etree.ElementTree as ET

import pytest
from playwright.sync_api import expect
from werkzeug.serving import make_server

from app.export import render
from app.ids import EXPORT_BUTTON, EXPORT_FORMAT
from app.server import create_app
from tests.browser.helpers import wait_painted


@pytest.fixture(scope="module")
def export_server():
    app = create_app()
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    server = make_server("127.0.0.1", port, app.server, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{port}"
    server.shutdown()
    render.stop()


def test_expo001_panel_downloads_the_map_as_shown(page, export_server, monkeypatch, tmp_path):
    """The figure is the map as shown; while another export holds the host's one slot, the dialog shows its place
    in line (app/export/queue.py), then the file arrives."""
    from app.export import queue

    monkeypatch.setenv(queue.QUEUE_DIR_ENV, str(tmp_path))
    monkeypatch.setenv(queue.SLOTS_ENV, "1")
    page.goto(export_server + "/?date=1951-09-08&pov=usa")
    wait_painted(page, "1951-09-08:usa")
    page.locator("body").click(position={"x": 5, "y": 300})
    page.keyboard.press("2")   # Japan's view, chosen after the page opened
    wait_painted(page, "1951-09-08:japan")
    page.locator("#download-open").click()  # the panel lives in the Download dialog, opened for use
    page.locator(f"#{EXPORT_FORMAT} input[value=svg]").check()
    with page.expect_download(timeout=120_000) as info:
        with queue.turn("held-by-the-test"):
            page.locator(f"#{EXPORT_BUTTON}").click()
            expect(page.locator("#export-status")).to_have_text("In line for the export: place 1…", timeout=30_000)
    download = info.value
    assert download.suggested_filename == "1951-09-08_san-francisco-treaty_japan_double_en.svg"
    expect(page.locator("#export-status")).to_have_text(f"Exported {download.suggested_filename}")
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
