"""The page draws with the partial plotly.js bundle exactly what the full bundle draws (pixel for pixel)."""

from __future__ import annotations

import io
import re

import pytest
from PIL import Image, ImageChops

from app.static_files import plotly_bundle
from tests.browser.helpers import SHOTS, wait_painted


def full_plotly_js() -> bytes:
    from plotly.offline import get_plotlyjs

    return get_plotlyjs().encode()


def _plots_drawn(page) -> None:
    """Both plots drawn, the map's labels and insets arranged for its box (assets/map_paint.js arrange: data-rung)
    and their geography fetched: the page at rest, whatever the machine's load."""
    page.wait_for_function(
        "() => { const g = [...document.querySelectorAll('.js-plotly-plot')];"
        " return g.length >= 2 && g.every((d) => d._fullLayout && d.querySelector('.main-svg'))"
        " && document.querySelector('#map .js-plotly-plot').hasAttribute('data-rung'); }", timeout=60000)
    page.wait_for_load_state("networkidle")
    page.evaluate("() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)))")
    page.wait_for_timeout(500)


def render(browser, url: str, full: bool) -> tuple[Image.Image, dict, list[str]]:
    context = browser.new_context(viewport={"width": 1440, "height": 900})
    page = context.new_page()
    requests: list[str] = []
    page.on("request", lambda r: requests.append(r.url))
    if full:
        body = full_plotly_js()
        page.route(re.compile(r".*/static/plotly-atlas\.[0-9a-f]+\.min\.js$"),
                   lambda route: route.fulfill(status=200, body=body, content_type="text/javascript"))
    page.goto(url)
    wait_painted(page, ":", timeout=90000)  # the full bundle is 4.8 MB to parse, on a shared machine
    _plots_drawn(page)
    page.mouse.move(0, 0)
    info = page.evaluate("() => ({version: Plotly.version,"
                         " traces: Object.keys(Plotly.PlotSchema.get().traces).sort(),"
                         " plots: document.querySelectorAll('.js-plotly-plot').length})")
    png = page.screenshot(full_page=True)
    context.close()
    return Image.open(io.BytesIO(png)).convert("RGB"), info, requests


@pytest.mark.parametrize("query", ["?date=1956-12-31&unit=iturup", "?date=1905-09-05&pov=japan&unit=south_sakhalin"])
def test_perf001_partial_bundle_draws_what_the_full_bundle_draws(browser, live_server, query):
    bundle = plotly_bundle()
    partial, partial_info, requests = render(browser, live_server + "/" + query, full=False)
    full, full_info, _ = render(browser, live_server + "/" + query, full=True)

    assert any(u.endswith(bundle.url) for u in requests), "the page did not load the partial bundle"
    assert not [u for u in requests if "plotly.min.js" in u], "the page fetched the full plotly.min.js too"
    assert partial_info["version"] == full_info["version"] == bundle.version
    assert partial_info["traces"] == sorted({"scatter", *bundle.traces})  # scatter is in plotly.js's core
    assert len(full_info["traces"]) > 40
    assert partial_info["plots"] >= 2  # the map and the territory's chart

    assert partial.size == full.size
    diff = ImageChops.difference(partial, full)
    box = diff.getbbox()
    if box is not None:
        SHOTS.mkdir(exist_ok=True)
        name = re.sub(r"\W+", "_", query)
        partial.save(SHOTS / f"perf001{name}_partial.png")
        full.save(SHOTS / f"perf001{name}_full.png")
        changed = sum(1 for px in diff.getdata() if px != (0, 0, 0))
        pytest.fail(f"{changed} pixels differ within {box} (screenshots in {SHOTS})")
