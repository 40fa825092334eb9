"""The page draws with the partial plotly.js bundle exactly what the full bundle draws (pixel for pixel)."""

from __future__ import annotations

import io
import re
import time

import pytest
from PIL import Image, ImageChops

from app.static_files import plotly_bundle
from tests.browser.helpers import SHOTS, still_screenshot, wait_arranged, wait_painted


def full_plotly_js() -> bytes:
    from plotly.offline import get_plotlyjs

    return get_plotlyjs().encode()


def _plots_drawn(page) -> None:
    """Both plots drawn: the map and, for a territory, its chart."""
    page.wait_for_function(
        "() => { const g = [...document.querySelectorAll('.js-plotly-plot')];"
        " return g.length >= 2 && g.every((d) => d._fullLayout && d.querySelector('.main-svg')); }", timeout=60000)


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
    png = still_screenshot(page)
    info = page.evaluate("() => ({version: Plotly.version,"
                         " traces: Object.keys(Plotly.PlotSchema.get().traces).sort(),"
                         " plots: [...document.querySelectorAll('.js-plotly-plot')]"
                         ".filter((g) => g.getBoundingClientRect().height > 0).map((g) => g.parentElement.id)})")
    context.close()
    return Image.open(io.BytesIO(png)).convert("RGB"), info, requests


@pytest.mark.parametrize("query", ["?date=1956-12-31&unit=iturup", "?date=1905-09-05&pov=japan&unit=sakhalin_south"])
def test_perf001_partial_bundle_draws_what_the_full_bundle_draws(browser, live_server, query):
    bundle = plotly_bundle()
    partial, partial_info, requests = render(browser, live_server + "/" + query, full=False)
    full, full_info, _ = render(browser, live_server + "/" + query, full=True)

    assert any(u.endswith(bundle.url) for u in requests), "the page did not load the partial bundle"
    assert not [u for u in requests if "plotly.min.js" in u], "the page fetched the full plotly.min.js too"
    assert partial_info["version"] == full_info["version"] == bundle.version
    assert partial_info["traces"] == sorted({"scatter", *bundle.traces})  # scatter is in plotly.js's core
    assert len(full_info["traces"]) > 40
    assert partial_info["plots"] == full_info["plots"] == ["map", "unit-chart"]  # the map and the territory's chart

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


INSET_BOXES_JS = """() => { const g = document.querySelector('#map .js-plotly-plot'), s = g._fullLayout._size;
  return ['geo2', 'geo3'].map((id) => { const d = g.layout[id].domain, r = g.querySelector('g.geo.' + id + ' rect');
    return {id: id, want: [s.l + d.x[0] * s.w, s.l + d.x[1] * s.w],
            drawn: [+r.getAttribute('x'), +r.getAttribute('x') + +r.getAttribute('width')]}; }); }"""


def test_perf002_insets_drawn_where_arranged_when_geo_assets_come_late(browser, live_server):
    """The insets are drawn in the corners the browser arranged (assets/map_paint.js arrange), not where the server
    figure first puts both, even when Plotly's topojson would arrive late: a geo draw that waited on it used to
    land after the arrangement and leave the insets stacked bottom right (seen on CI under load)."""
    context = browser.new_context(viewport={"width": 1440, "height": 900})
    page = context.new_page()
    topojson: list[str] = []

    def late(route):
        topojson.append(route.request.url)
        if len(topojson) > 1:
            time.sleep(1.5)  # the network's delay, not a wait of the test's
        route.continue_()

    page.route("**/topojson/**", late)
    page.goto(live_server + "/?date=1956-12-31")
    wait_painted(page, ":")
    still_screenshot(page)
    boxes = page.evaluate(INSET_BOXES_JS)
    context.close()
    for box in boxes:
        assert box["want"][0] - 2 <= box["drawn"][0] < box["drawn"][1] <= box["want"][1] + 2, box
    assert topojson == [], "a geo draw waited on a topojson fetch"


def test_perf003_a_step_rewrites_texts_without_the_aria_rescan(page, live_server):
    """A keyboard step changes only texts (the big date, the map's labels): the accessibility patch of assets/
    classroom.js must not re-scan the document in that frame, and must still fix a control that appears later."""
    page.goto(live_server + "/?date=1905-01-01")
    wait_arranged(page)
    page.evaluate("() => document.activeElement && document.activeElement.blur && document.activeElement.blur()")
    stamp = page.evaluate("document.querySelector('#map .js-plotly-plot').getAttribute('data-painted')")
    page.evaluate("""() => { window.__runs = []; const raf = () => new Promise(r => requestAnimationFrame(r));
        window.addEventListener('keydown', async () => { window.__runs.push(window.skA11yPatch.runs());
          await raf(); await raf(); window.__runs.push(window.skA11yPatch.runs()); }, {capture: true, once: true});
        }""")
    page.keyboard.press("ArrowRight")
    page.wait_for_function("(s) => document.querySelector('#map .js-plotly-plot').getAttribute('data-painted') !== s"
                           " && window.__runs.length === 2", arg=stamp)
    before, after = page.evaluate("window.__runs")
    assert page.evaluate("document.querySelector('#date-big').getAttribute('data-date')") != "1905-01-01"
    assert after == before, f"the step's frames ran the ARIA patch {after - before} times"
    # a control added later still loses its stray listbox role
    page.evaluate("""() => { const d = document.createElement('div'); d.id = 'perf003-radio';
        d.className = 'dash-radioitems'; d.setAttribute('role', 'listbox'); document.body.appendChild(d); }""")
    page.wait_for_function("() => !document.getElementById('perf003-radio').hasAttribute('role')")
