"""Helpers of the map browser tests: read what the map shows, wait for a repaint."""

from __future__ import annotations

from pathlib import Path

SHOTS = Path(__file__).parent / "screenshots"

# Per drawn location: the paint key, the base colour actually rendered (solid fill or the pattern tile's
# background), whether the tile has occupation dots / claim stripes, and Plotly's stored z for it.
READ_PAINT_JS = """
() => {
  const gd = document.querySelector('#map .js-plotly-plot');
  const out = {};
  const norm = (c) => { const d = document.createElement('div'); d.style.color = c; document.body.appendChild(d);
                        const v = getComputedStyle(d).color; d.remove(); return v; };
  let t = -1;
  gd.calcdata.forEach((cd, i) => { if (cd[0] && cd[0].trace.uid === 'paint') t = i; });
  const locs = gd.data[t].locations, z = gd.data[t].z;
  document.querySelectorAll('#map path.choroplethlocation[data-loc]').forEach((p) => {
    const fill = getComputedStyle(p).fill;
    let base = fill, dots = false, stripes = 0;
    const m = /url\\("?#([^")]+)"?\\)/.exec(fill);
    if (m) {
      const pat = document.getElementById(m[1]);
      base = getComputedStyle(pat.querySelector('rect')).fill;
      dots = pat.querySelectorAll('circle').length > 0
        && pat.querySelector('circle').getAttribute('fill') === '#FFFFFF';
      stripes = pat.querySelectorAll('path[d^="M6 0V12"], path[d^="M0 0V12"]').length / 2;
    }
    const loc = p.getAttribute('data-loc');
    out[loc] = {key: p.getAttribute('data-key'), base: base, dots: dots, stripes: stripes,
                z: z[locs.indexOf(loc)], zKey: null, opacity: getComputedStyle(p).opacity};
  });
  return out;
}
"""


def big_date(day, lang: str = "en") -> str:
    """The big date as a reader sees it: Babel's long date in the page's language (31 December 1956)."""
    from app.i18n import format_date_for

    return format_date_for(day, lang)


def rgb(hex_colour: str) -> str:
    h = hex_colour.lstrip("#")
    return f"rgb({int(h[0:2], 16)}, {int(h[2:4], 16)}, {int(h[4:6], 16)})"


def painted_stamp(page) -> str | None:
    return page.evaluate("() => { const g = document.querySelector('#map .js-plotly-plot');"
                         " return g && g.getAttribute('data-painted'); }")


def wait_painted(page, contains: str, timeout: int = 45000) -> None:
    """Until the map's last paint matches `contains` and its painted paths are in the DOM (a Plotly redraw —
    e.g. the autosize right after the first draw — briefly removes them; the painter re-applies after it)."""
    page.wait_for_function(
        "(s) => { const g = document.querySelector('#map .js-plotly-plot');"
        " return g && (g.getAttribute('data-painted') || '').includes(s)"
        " && !!g.querySelector('path.choroplethlocation[data-loc]'); }", arg=contains, timeout=timeout)


def read_paint(page, timeout: int = 5000) -> dict:
    """What the map shows per location, as soon as its painted paths are in the DOM (a Plotly redraw has them
    out for a moment)."""
    handle = page.wait_for_function(
        f"() => {{ const out = ({READ_PAINT_JS})(); return Object.keys(out).length ? out : null; }}",
        timeout=timeout)
    return handle.json_value()


def shot(page, name: str) -> Path:
    SHOTS.mkdir(exist_ok=True)
    path = SHOTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=True)
    return path


def wait_arranged(page, graph: str = "map", timeout: int = 45000) -> None:
    """Until a map graph's labels and insets are drawn for its box (assets/map_paint.js sets data-rung once that
    Plotly.react is done), its painted paths are in the DOM, the main map's key and government name follow its
    last paint (assets/frame.js data-keyed) and no Dash callback is in flight."""
    page.wait_for_function(
        "(id) => { const g = document.querySelector('#' + id + ' .js-plotly-plot');"
        " return g && g.hasAttribute('data-rung') && !!g.querySelector('path.choroplethlocation[data-loc]')"
        " && (id !== 'map' || g.getAttribute('data-keyed') === g.getAttribute('data-painted'))"
        " && !document.querySelector('._dash-loading-callback'); }", arg=graph, timeout=timeout)


def still_screenshot(page, tries: int = 20) -> bytes:
    """The page's picture once two shots a frame apart agree with the map arranged between them: a late
    resize or repaint (dcc.Graph resizes once after mounting) cannot hide in one of them."""
    wait_arranged(page)
    before = page.screenshot(full_page=True)
    for _ in range(tries):
        page.evaluate("() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)))")
        wait_arranged(page)
        after = page.screenshot(full_page=True)
        if after == before:
            return after
        before = after
    raise AssertionError(f"the page kept changing over {tries} screenshots")


def settle(page, timeout: int = 45000) -> None:
    """Until no Dash callback is in flight and the browser has run two frames and the tasks queued from them: what a
    check that nothing more happens (no redraw, no CSP report, no late notice) waits for, instead of a sleep."""
    page.wait_for_function("() => !document.querySelector('._dash-loading-callback')", timeout=timeout)
    page.evaluate("() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(() => setTimeout(r))))")
