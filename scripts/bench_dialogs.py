"""Benchmark: what the page's dialogs cost, in the layout and in the browser (issue 21, "load on first use").

  layout     the initial layout's JSON bytes and Dash components, per top-level piece (Help, Download, "?", Share…)
  help       Help's content as Dash components (JSON) and as the HTML fragment the page fetches now
  loads      navigation → map painted, cold (a new browser context each time), median of --loads
  help open  a click on Help → its bibliography on screen, cold (a new context, the map painted first)

Numbers only, never asserted; the load average is printed with them (the machine may be shared). Usage:
  .venv/bin/python scripts/bench_dialogs.py [--loads 7] [--opens 5] [--json out.json]
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import statistics
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "scripts"))

import plotly  # noqa: E402
from bench_classroom import PAINT_MARK  # noqa: E402
from bench_slider import CHROMIUM_ARGS, serve  # noqa: E402
from playwright.sync_api import sync_playwright  # noqa: E402

HELP_SHOWN = "#help-body .bibliography li"


def components(node) -> int:  # noqa: ANN001 - a Dash component, a list of them, or a string
    if isinstance(node, list | tuple):
        return sum(components(x) for x in node)
    if hasattr(node, "to_plotly_json"):
        children = getattr(node, "children", None)
        return 1 + (components(children) if children is not None else 0)
    return 0


def json_bytes(node) -> int:  # noqa: ANN001
    return len(json.dumps(node, cls=plotly.utils.PlotlyJSONEncoder))


def layout_report(engine, lang: str = "en") -> dict:  # noqa: ANN001
    from app.help import help_content
    from app.layout import build_layout

    layout = build_layout(engine, lang)
    pieces = {}
    for child in layout.children:
        name = getattr(child, "id", None) or type(child).__name__
        pieces[str(name)] = {"components": components(child), "bytes": json_bytes(child)}
    content = help_content(engine, lang)
    out = {"layout": {"components": components(layout), "bytes": json_bytes(layout)}, "pieces": pieces,
           "help_as_components": {"components": components(content), "bytes": json_bytes(content)}}
    try:
        from app.page.fragments import to_html
        out["help_as_html_bytes"] = len(to_html(content).encode("utf-8"))
    except ImportError:  # a checkout before the fragments
        pass
    return out


def median(xs: list[float]) -> dict:
    return {"n": len(xs), "median": round(statistics.median(xs), 1), "min": round(min(xs), 1),
            "max": round(max(xs), 1)}


def browser_report(base: str, loads: int, opens: int) -> dict:
    painted, help_open = [], []

    def painted_page(browser):  # noqa: ANN001, ANN202 - a cold page (new context) with its map painted
        context = browser.new_context(viewport={"width": 1440, "height": 900})
        page = context.new_page()
        page.add_init_script(PAINT_MARK)
        page.goto(base + "/?date=1940-01-01")
        page.wait_for_function("() => window.__painted", timeout=240000, polling=100)
        return context, page

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=CHROMIUM_ARGS)
        try:
            for _ in range(loads):
                context, page = painted_page(browser)
                painted.append(page.evaluate("window.__painted"))
                context.close()
            for _ in range(opens):
                context, page = painted_page(browser)
                page.wait_for_function("() => !document.querySelector('._dash-loading-callback')")
                t0 = page.evaluate("() => { document.querySelector('button[data-view=help]').click();"
                                   " return performance.now(); }")
                page.wait_for_function(f"() => document.querySelector('{HELP_SHOWN}')", timeout=240000, polling=50)
                help_open.append(page.evaluate("performance.now()") - t0)
                context.close()
        finally:
            browser.close()
    return {"cold_load_to_painted_ms": median(painted), "help_open_ms": median(help_open)}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--loads", type=int, default=7)
    ap.add_argument("--opens", type=int, default=5)
    ap.add_argument("--json", type=Path)
    args = ap.parse_args(argv)
    from app.data import load_engine
    from app.server import create_app

    logging.getLogger("werkzeug").setLevel(logging.ERROR)
    report = {"load_average_before": os.getloadavg()}
    report.update(layout_report(load_engine()))
    base, srv = serve(create_app().server)
    try:
        report.update(browser_report(base, args.loads, args.opens))
    finally:
        srv.shutdown()
    report["load_average_after"] = os.getloadavg()
    print(json.dumps(report, indent=1))
    if args.json:
        args.json.write_text(json.dumps(report, indent=1), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
