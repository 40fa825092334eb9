"""Benchmark: slider step → map repainted, on the real app and on two baselines (headless Debian Chromium).

In one run, over the same geodata (the real layers and paint table) and the same dates:
  app        the real app: Shift+→ on the date slider (one month) → clientside recolour → painted
             (also reported, not a goal: the slider's value set through Dash's store, as a drag does)
  server     baseline Dash app: a server callback returns a whole new map figure for the slider's date
  animation  baseline: the same figure with one Plotly animation frame per date, stepped with Plotly.animate
             (the arguments px uses for its own slider)
A step's time runs from the keydown (or the animate call) to (a) "paint": the first animation frame after the
map changed plus a task queued from it (that frame's style/layout/paint is then done on the main thread) and
(b) "2rAF": the second animation frame after the change (adds up to one 16.7 ms vsync interval).
Also: cold load to an interactive, painted
map and the compressed bytes transferred; and "Dash settled", a step's keydown to the end of the Dash work it caused
(the slider and the settled day sent once the keys stop, the panels' callbacks answered and rendered), one step at a
time at 4x CPU (--throttle). Usage: .venv/bin/python scripts/bench_slider.py [--steps 60]
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import socket
import statistics
import sys
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from dash import Dash, Input, Output, dcc, html  # noqa: E402
from playwright.sync_api import sync_playwright  # noqa: E402
from werkzeug.serving import make_server  # noqa: E402

from app import figures  # noqa: E402
from app.cartography.paint_table import add_page_cartography, build_table  # noqa: E402
from app.cartography.resolve import hover_texts, resolve  # noqa: E402
from app.data import load_engine  # noqa: E402
from app.layout import load_layers_fc  # noqa: E402
from app.mapstate import MapState  # noqa: E402
from app.server import create_app  # noqa: E402

CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-dev-shm-usage", "--no-first-run"]
START = dt.date(1940, 1, 1)
GAP_S = 0.15

# In-page probe: t0 at keydown (capture, before any handler), then "changed" → two rAFs → record. A keyboard step
# queues no Dash work of its own (assets/map_paint.js sends the day once the keys stop), so the task posted from the
# first rAF runs right after that frame: "paint" ends at the painted frame.
# "Dash settled": the same keydown to the end of the last Dash work it caused: the slider and the settled day sent,
# the callbacks' answers arrived and rendered; read as the later of the last answer and the end of the last long
# task (a task over 50 ms: the renderer's at 4x CPU) once the page is quiet.
PROBE = """
window.__b = {t0: null, out: [], paint: [], kd: 0, inflight: 0, answered: 0, longEnd: 0, settled: null};
window.addEventListener('keydown', () => { window.__b.t0 = performance.now(); window.__b.kd = window.__b.t0; }, true);
const __bFetch = window.fetch;
window.fetch = function (input) {
  const url = typeof input === 'string' ? input : (input && input.url) || '';
  if (url.indexOf('_dash-update-component') < 0) return __bFetch.apply(this, arguments);
  window.__b.inflight++;
  return __bFetch.apply(this, arguments).then((r) => r.clone().text().then(() => r)).finally(() => {
    window.__b.inflight--; window.__b.answered = performance.now(); });
};
new PerformanceObserver((list) => { for (const e of list.getEntries()) {
  window.__b.longEnd = Math.max(window.__b.longEnd, e.startTime + e.duration); } }).observe({type: 'longtask'});
window.__b.wrap = () => {
  const dc = window.dash_clientside;
  if (!dc || !dc.set_props) return false;
  if (dc.set_props.__b) return true;
  const original = dc.set_props;
  dc.set_props = function (id, props) {
    if (id === 'settled-date') window.__b.settled = props.data;
    return original.apply(this, arguments); };
  dc.set_props.__b = true;
  return true;
};
window.__b.done = () => { const t0 = window.__b.t0; if (t0 === null) return; window.__b.t0 = null;
  requestAnimationFrame(() => {
    const ch = new MessageChannel();
    ch.port1.onmessage = () => window.__b.paint.push(performance.now() - t0);
    ch.port2.postMessage(0);
    requestAnimationFrame(() => window.__b.out.push(performance.now() - t0));
  }); };
window.__b.watch = () => {
  const gd = document.querySelector('#map .js-plotly-plot');
  if (!gd || gd.__bw) return !!gd;
  gd.__bw = true;
  new MutationObserver(() => window.__b.done()).observe(gd, {attributes: true, attributeFilter: ['data-painted']});
  gd.on('plotly_afterplot', () => { if (window.__b.mode === 'server') window.__b.done(); });
  return true;
};
"""


def months(n: int) -> list[dt.date]:
    out, d = [], START
    for _ in range(n):
        out.append(d)
        y, m = (d.year + (d.month // 12), d.month % 12 + 1)
        d = dt.date(y, m, 1)
    return out


def serve(flask_app) -> tuple[str, object]:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    srv = make_server("127.0.0.1", port, flask_app, threaded=True)
    threading.Thread(target=srv.serve_forever, daemon=True).start()
    return f"http://127.0.0.1:{port}", srv


def frame_on(table: dict, events: dict, date: dt.date):  # noqa: ANN201 - an app.cartography.resolve.Frame
    """What the map shows on `date` (the page's first paint, as a server figure draws it)."""
    return resolve(table, MapState(date=date), events)


def server_baseline(layers_fc: dict, table: dict, events: dict, dates: list[dt.date]) -> Dash:
    app = Dash(__name__ + "_server", compress=True, serve_locally=True, update_title=None,
               # no clientside painter: the server figure is all there is
               assets_folder=str(ROOT / "assets"), assets_ignore=r".*")
    fig0 = figures.map_figure(layers_fc, table, frame_on(table, events, dates[0]))
    app.layout = html.Div([dcc.Slider(id="s", min=0, max=len(dates) - 1, step=1, value=0,
                                      allow_direct_input=False, updatemode="drag"),
                           dcc.Graph(id="map", figure=fig0, config=figures.GRAPH_CONFIG)])

    @app.callback(Output("map", "figure"), Input("s", "value"), prevent_initial_call=True)
    def redraw(i):
        return figures.map_figure(layers_fc, table, frame_on(table, events, dates[i]))

    return app


def animation_baseline(layers_fc: dict, table: dict, events: dict, dates: list[dt.date]) -> Dash:
    app = Dash(__name__ + "_anim", compress=True, serve_locally=True, update_title=None,
               assets_folder=str(ROOT / "assets"), assets_ignore=r".*")
    fig = figures.map_figure(layers_fc, table, frame_on(table, events, dates[0]))
    paint_trace = next(i for i, t in enumerate(fig.data) if t.uid == "paint")
    frames = []
    for d in dates:
        f = frame_on(table, events, d)
        frames.append({"name": d.isoformat(), "data": [{"type": "choropleth", "z": list(f.keys),
                                                        "hovertext": hover_texts(table, f)}],
                       "traces": [paint_trace]})
    fig.frames = frames
    app.layout = html.Div([dcc.Graph(id="map", figure=fig, config=figures.GRAPH_CONFIG)])
    return app


def stats(xs: list[float]) -> dict:
    xs = sorted(xs)
    return {"n": len(xs), "median": round(statistics.median(xs), 1),
            "p95": round(xs[min(len(xs) - 1, int(round(0.95 * (len(xs) - 1))))], 1),
            "min": round(xs[0], 1), "max": round(xs[-1], 1)}


def run_keyboard(page, steps: int, key: str, warmup: int = 3) -> list[float]:
    page.evaluate("window.__b.watch()")
    for _step in range(steps + warmup):
        before = page.evaluate("window.__b.out.length")
        page.keyboard.press(key)
        page.wait_for_function("(n) => window.__b.out.length > n", arg=before, timeout=10000)
        time.sleep(GAP_S)
    time.sleep(0.3)
    return page.evaluate("[window.__b.out, window.__b.paint]")


def run_settled(page, steps: int, throttle: float) -> list[float]:
    """Keydown → Dash settled, one → at a time, each waited out (a clicker's pace), at `throttle`x CPU."""
    cdp = page.context.new_cdp_session(page)
    cdp.send("Emulation.setCPUThrottlingRate", {"rate": throttle})
    page.evaluate("() => document.activeElement && document.activeElement.blur && document.activeElement.blur()")
    out = []
    for _ in range(steps):
        before = page.evaluate("window.skmap.lastRequest().day")
        if before >= page.evaluate("window.skconst.MAX_DAY"):
            break
        page.keyboard.press("ArrowRight")
        page.wait_for_function("() => { const b = window.__b, day = window.skmap.lastRequest().day;"
                               " return b.settled === day && b.inflight === 0 && performance.now() - b.answered > 300"
                               " && performance.now() - b.longEnd > 300; }", timeout=60000)
        out.append(page.evaluate("() => { const b = window.__b; return Math.max(b.answered, b.longEnd) - b.kd; }"))
    cdp.send("Emulation.setCPUThrottlingRate", {"rate": 1})
    return out


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--steps", type=int, default=60)
    parser.add_argument("--settled-steps", type=int, default=12)
    parser.add_argument("--throttle", type=float, default=4, help="CPU slow-down for keydown → Dash settled")
    args = parser.parse_args()
    load = os.getloadavg()
    steps = max(50, args.steps)
    dates = months(steps + 4)

    engine = load_engine()
    layers_fc = load_layers_fc()
    built = build_table(engine, layers_fc)
    table, events = add_page_cartography(built["table"], "en"), built["events"]  # the page's map, insets included
    real_url, s1 = serve(create_app().server)
    server_url, s2 = serve(server_baseline(layers_fc, table, events, dates).server)
    anim_url, s3 = serve(animation_baseline(layers_fc, table, events, dates).server)
    results: dict = {"steps": steps, "dates": [dates[0].isoformat(), dates[-1].isoformat()]}

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=CHROMIUM_ARGS)

        # cold load + bytes (fresh context, no cache)
        loads, transfers = [], []
        for _ in range(3):
            ctx = browser.new_context(viewport={"width": 1440, "height": 900})
            page = ctx.new_page()
            page.goto(real_url + f"/?date={dates[0].isoformat()}")
            page.wait_for_function("() => { const g = document.querySelector('#map .js-plotly-plot');"
                                   " return g && g.getAttribute('data-painted'); }", timeout=20000)
            page.wait_for_function("() => !!document.querySelector('#map path.choroplethlocation[data-key]')")
            loads.append(page.evaluate("performance.now()"))
            transfers.append(page.evaluate(
                "() => performance.getEntriesByType('navigation').concat(performance.getEntriesByType('resource'))"
                ".reduce((a, e) => a + (e.transferSize || 0), 0)"))
            ctx.close()
        results["cold_load_ms"] = stats(loads)
        results["transfer_bytes"] = max(transfers)

        # the real app: Shift+→ (one month) on the focused slider
        ctx = browser.new_context(viewport={"width": 1440, "height": 900})
        ctx.add_init_script(PROBE)
        page = ctx.new_page()
        page.goto(real_url + f"/?date={dates[0].isoformat()}")
        page.wait_for_function("() => window.__b.watch() && document.querySelector('#map .js-plotly-plot')"
                               ".getAttribute('data-painted')", timeout=20000)
        page.locator("#date-slider [role=slider]").focus()
        two_raf, paint = run_keyboard(page, steps, "Shift+ArrowRight")
        results["app"] = stats(two_raf[3:])
        results["app_paint"] = stats(paint[3:])
        shown = page.evaluate("document.querySelector('#date-big').textContent")
        results["app_end_date"] = shown
        # the same app, the slider's value set through Dash's store (what dragging the slider does): not one
        # of the goals, reported so the keyboard figure is not mistaken for every input's
        page.evaluate("() => { window.__b.out = []; window.__b.paint = []; }")
        start_day = page.evaluate("window.skmap.lastRequest().day")
        for i in range(steps + 3):
            before = page.evaluate("window.__b.out.length")
            page.evaluate("(d) => { window.__b.t0 = performance.now();"
                          " window.dash_clientside.set_props('date-slider', {value: d}); }", start_day + 31 * (i + 1))
            page.wait_for_function("(n) => window.__b.out.length > n", arg=before, timeout=10000)
            time.sleep(GAP_S)
        two_raf, paint = page.evaluate("[window.__b.out, window.__b.paint]")
        results["app_via_dash"] = stats(two_raf[3:])
        results["app_via_dash_paint"] = stats(paint[3:])
        page.wait_for_function("() => window.__b.wrap()")
        results["dash_settled"] = stats(run_settled(page, args.settled_steps, args.throttle)[1:])
        results["dash_settled"]["throttle"] = args.throttle
        ctx.close()

        # baseline 1: server-side figure callback, → on its slider (same dates)
        ctx = browser.new_context(viewport={"width": 1440, "height": 900})
        ctx.add_init_script(PROBE + "window.__b.mode = 'server';")
        page = ctx.new_page()
        page.goto(server_url)
        page.wait_for_function("() => window.__b.watch() && document.querySelector('#map path.choroplethlocation')",
                               timeout=20000)
        page.locator("[role=slider]").focus()
        two_raf, paint = run_keyboard(page, steps, "ArrowRight")
        results["server"] = stats(two_raf[3:])
        results["server_paint"] = stats(paint[3:])
        ctx.close()

        # baseline 2: Plotly animation frames, one Plotly.animate per step
        ctx = browser.new_context(viewport={"width": 1440, "height": 900})
        page = ctx.new_page()
        page.goto(anim_url)
        page.wait_for_function("() => document.querySelector('#map path.choroplethlocation')", timeout=20000)
        times = page.evaluate("""async ([names, gap]) => {
            const gd = document.querySelector('#map .js-plotly-plot'); const out = [];
            const raf = () => new Promise(r => requestAnimationFrame(() => r()));
            for (let i = 0; i < names.length; i++) {
              const t0 = performance.now();
              await Plotly.animate(gd, [names[i]], {frame: {duration: 0, redraw: true}, transition: {duration: 0},
                                                    mode: 'immediate'});
              await raf();
              const p1 = await new Promise(r => { const ch = new MessageChannel();
                ch.port1.onmessage = () => r(performance.now() - t0); ch.port2.postMessage(0); });
              await raf();
              out.push([performance.now() - t0, p1]);
              await new Promise(r => setTimeout(r, gap));
            }
            return out; }""", [[d.isoformat() for d in dates[1:]], int(GAP_S * 1000)])
        results["animation"] = stats([t[0] for t in times[3:3 + steps]])
        results["animation_paint"] = stats([t[1] for t in times[3:3 + steps]])
        ctx.close()
        browser.close()
    for srv in (s1, s2, s3):
        srv.shutdown()

    a, s, an = results["app"]["median"], results["server"]["median"], results["animation"]["median"]
    pa, ps, pan = (results["app_paint"]["median"], results["server_paint"]["median"],
                   results["animation_paint"]["median"])
    results["speedup_vs_animation"] = {"2raf": round(an / a, 2), "paint": round(pan / pa, 2)}
    results["speedup_vs_server"] = {"2raf": round(s / a, 2), "paint": round(ps / pa, 2)}
    goals = {
        "median <= 25 ms (paint)": pa <= 25, "median <= 25 ms (2rAF)": a <= 25,
        "p95 <= 50 ms (paint)": results["app_paint"]["p95"] <= 50, "p95 <= 50 ms (2rAF)": results["app"]["p95"] <= 50,
        ">= 2x faster than animation frames (paint)": pan / pa >= 2,
        ">= 2x faster than animation frames (2rAF)": an / a >= 2,
        ">= 8x faster than server figure (paint)": ps / pa >= 8, ">= 8x faster than server figure (2rAF)": s / a >= 8,
        "cold load <= 2.5 s": results["cold_load_ms"]["median"] <= 2500,
        "transfer <= 2 MB": results["transfer_bytes"] <= 2_000_000,
    }
    results["goals"] = goals
    results["load_average"] = [round(x, 2) for x in load + os.getloadavg()]
    print(json.dumps(results, indent=2))
    for metric, suffix in (("first frame painted (rAF + post-task)", "_paint"), ("second rAF", "")):
        print(f"\nslider step → {metric}, ms: app median {results['app' + suffix]['median']} "
              f"p95 {results['app' + suffix]['p95']} | server figure median {results['server' + suffix]['median']} "
              f"p95 {results['server' + suffix]['p95']} | animation frames median "
              f"{results['animation' + suffix]['median']} p95 {results['animation' + suffix]['p95']}")
    print(f"slider set through Dash's store (a drag), ms: paint median {results['app_via_dash_paint']['median']} "
          f"p95 {results['app_via_dash_paint']['p95']} | 2rAF median {results['app_via_dash']['median']} "
          f"p95 {results['app_via_dash']['p95']}")
    settled = results["dash_settled"]
    start_load, end_load = (" ".join(map(str, results["load_average"][i:i + 3])) for i in (0, 3))
    print(f"keydown → Dash settled (slider, panels' callbacks answered and rendered) at {args.throttle:g}x CPU, ms:"
          f" median {settled['median']} p95 {settled['p95']} (n={settled['n']}); load average {start_load} (start),"
          f" {end_load} (end)")
    print(f"speed-up: {results['speedup_vs_animation']} vs animation, {results['speedup_vs_server']} vs server;"
          f" cold load median {results['cold_load_ms']['median']} ms;"
          f" transfer {results['transfer_bytes'] / 1e6:.2f} MB")
    for goal, ok in goals.items():
        print(("PASS " if ok else "MISS ") + goal)


if __name__ == "__main__":
    main()
