"""The page under the real security headers in Chromium: the map draws, nothing violates the CSP.

The app's own after_request hook (app/security.py) sets the headers, so the session's live_server
serves exactly what gunicorn serves. A `securitypolicyviolation` listener is installed before any
script runs; console errors are collected too.
"""

from __future__ import annotations

from playwright.sync_api import expect

from tests.browser.helpers import settle

CSP_LISTENER = """
window.__cspViolations = [];
document.addEventListener('securitypolicyviolation', (e) => window.__cspViolations.push(
  e.violatedDirective + ' ' + e.blockedURI + ' ' + (e.sourceFile || '') + ':' + e.lineNumber));
"""


def _watch(page) -> list[str]:
    errors: list[str] = []
    page.add_init_script(CSP_LISTENER)
    page.on("console", lambda m: m.type == "error" and errors.append(m.text))
    page.on("pageerror", lambda e: errors.append(f"pageerror: {e}"))
    return errors


def test_secu001_map_draws_under_csp_without_violation(page, live_server):
    errors = _watch(page)
    response = page.goto(live_server + "/")
    headers = response.headers
    csp = headers["content-security-policy"]
    assert "default-src 'self'" in csp and "'unsafe-eval'" not in csp
    assert "script-src 'self' 'sha256-" in csp and "script-src 'self' 'unsafe-inline'" not in csp
    assert headers["x-content-type-options"] == "nosniff"
    assert "frame-ancestors 'self'" in csp
    expect(page.locator("#map path.choroplethlocation").first).to_be_attached(timeout=30_000)
    assert page.locator("#map path.choroplethlocation").count() > 10

    # interact: a slider step (clientside repaint), another point of view, then tap South Sakhalin on the map
    # (what a person does on the map-first page): its story and chart open in the Place panel
    page.locator("#date-slider [role=slider]").focus()
    page.keyboard.press("Shift+ArrowRight")
    page.locator("#pov input[value=russia]").check()
    island = page.locator("#map path.choroplethlocation[data-loc='sakhalin_south']")
    expect(island).to_be_attached(timeout=15_000)
    box = island.bounding_box()
    page.mouse.click(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    story = page.locator("#unit-panel .unit-summary")
    expect(story).to_be_visible(timeout=15_000)
    expect(story).to_contain_text("South Sakhalin")
    expect(page.locator("#unit-chart .main-svg").first).to_be_visible(timeout=15_000)
    settle(page)

    assert page.evaluate("window.__cspViolations") == []
    assert errors == []


def test_secu002_plotly_image_export_under_csp(page, live_server):
    """plotly's client-side image export (what the modebar camera uses) works under the CSP.

    To make a PNG, plotly draws the figure's SVG as a data: URL into an <img> and then a canvas:
    this is what `img-src data:` is for.
    """
    errors = _watch(page)
    page.goto(live_server + "/")
    expect(page.locator("#map path.choroplethlocation").first).to_be_attached(timeout=30_000)
    # A figure of our own (the map's own export is the page's business: see the report): a geo
    # subplot with a local topojson, like the map, rendered to PNG and SVG by plotly in the page.
    page.evaluate("""() => { const d = document.createElement('div'); d.id = 'csp-probe';
        document.body.appendChild(d);
        return Plotly.newPlot(d, [{type: 'scattergeo', lon: [142, 147], lat: [47, 45],
            mode: 'markers+text', text: ['a', 'b']}], {width: 400, height: 300,
            geo: {scope: 'asia', resolution: 50}}, {topojsonURL: '/assets/topojson/'}); }""")
    for fmt in ("png", "svg"):
        url = page.evaluate(
            "(fmt) => Plotly.toImage('csp-probe', {format: fmt, width: 480, height: 320})", fmt)
        assert url.startswith(f"data:image/{fmt}"), url[:40]
    settle(page)   # a violation is reported in a task of its own
    assert page.evaluate("window.__cspViolations") == []
    assert errors == []
