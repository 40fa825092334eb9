"""Record what the real page asks the server for, per user action (Playwright + Debian Chromium).

    .venv/bin/python tests/load/capture.py http://127.0.0.1:PORT build/load/recorded.json

Opens the page, then moves the slider, switches the point of view, opens a territory with its
button in the Place tab, closes the panel and taps a territory on the map; after each action it waits for the
network to go quiet and files every request under that action. The locustfile replays exactly these
`/_dash-update-component` POSTs (values substituted per simulated student), so the load stays true
to the page as it is today: re-run it whenever the page changes (`make load` does, every time).
Also records console errors and CSP violations (the runner prints them).
"""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path

from playwright.sync_api import sync_playwright

CHROMIUM = "/usr/bin/chromium"
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
        "--disable-background-networking", "--disable-component-update"]
CSP_LISTENER = ("document.addEventListener('securitypolicyviolation', e => console.error("
                "'CSP violation: ' + e.violatedDirective + ' ' + e.blockedURI))")


def capture(base: str, open_only: bool = False) -> dict:
    record: dict = {"base": base, "page": [], "actions": {}, "console": []}
    phase = ["open"]
    inflight = [0]

    def on_request(req) -> None:
        inflight[0] += 1
        path = req.url[len(base):] if req.url.startswith(base) else req.url
        if phase[0] == "open" and req.method == "GET":
            record["page"].append(path)
        if req.method == "POST" and "/_dash-update-component" in path:
            record["actions"].setdefault(phase[0], []).append(json.loads(req.post_data or "{}"))

    def done(_req) -> None:
        inflight[0] -= 1

    def settle(quiet: float = 0.8, limit: float = 15.0) -> None:
        start = last_busy = time.monotonic()
        while time.monotonic() - start < limit:
            if inflight[0] > 0:
                last_busy = time.monotonic()
            elif time.monotonic() - last_busy > quiet:
                return
            time.sleep(0.05)

    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        page = browser.new_page(viewport={"width": 1440, "height": 900})
        page.add_init_script(CSP_LISTENER)
        page.on("request", on_request)
        page.on("requestfinished", done)
        page.on("requestfailed", done)
        page.on("console", lambda m: m.type == "error" and record["console"].append(m.text))
        page.goto(base)
        page.wait_for_selector("#map path.choroplethlocation", timeout=60_000)
        page.wait_for_function("() => { const g = document.querySelector('#map .js-plotly-plot');"
                               " return g && g.getAttribute('data-painted'); }", timeout=60_000)
        settle(quiet=1.5)
        if open_only:
            browser.close()
            return record

        phase[0] = "slider"
        handle = page.locator("#date-slider [role=slider]")
        before = handle.get_attribute("aria-valuenow")
        handle.focus()
        page.keyboard.press("Shift+ArrowRight")
        page.keyboard.press("Shift+ArrowRight")
        # the slider follows a keyboard step after the frame; the server hears the date 350 ms after it stops
        page.wait_for_function("(b) => document.querySelector('#date-slider [role=slider]')"
                               ".getAttribute('aria-valuenow') !== b", arg=before, timeout=10_000)
        record["slider_moved"] = [before, handle.get_attribute("aria-valuenow")]
        page.wait_for_function("() => { const m = /[?&]date=([0-9-]+)/.exec(location.search);"
                               " return m && m[1] === document.getElementById('date-big').getAttribute('data-date'); }",
                               timeout=10_000)
        settle()

        phase[0] = "pov"
        page.locator("#pov input[value=japan]").check()
        settle()

        # the territory picker lives in the details panel's Place tab on the map-first page
        phase[0] = "unit"
        page.locator("#details-tab-place").click()
        page.locator(".unit-btn").first.click()
        page.locator("#unit-panel .unit-summary").wait_for(timeout=15_000)
        settle()

        phase[0] = "close"
        page.locator("#unit-close").click()
        settle()

        # a tap on the map where a person would tap South Sakhalin (the middle of its shape)
        phase[0] = "map_click"
        box = page.locator("#map path.choroplethlocation[data-loc='sakhalin_south']").bounding_box()
        page.mouse.click(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
        page.locator("#unit-panel .unit-summary").wait_for(timeout=15_000)
        settle()
        browser.close()
    return record


def main() -> None:
    open_only = "--open-only" in sys.argv  # what opening the page asks for, and nothing else (run_load --arrival)
    args = [a for a in sys.argv[1:] if a != "--open-only"]
    base = args[0].rstrip("/")
    out = Path(args[1] if len(args) > 1 else "build/load/recorded.json")
    record = capture(base, open_only)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(record, indent=1))
    counts = {k: len(v) for k, v in record["actions"].items()}
    print(f"capture: {len(record['page'])} GETs open the page; callback POSTs per action: {counts}")
    for line in record["console"]:
        print(f"capture: browser console error: {line}")
    # the locustfile replays the bodies by what triggered them (a burst may straddle two actions' windows)
    triggers = {t for bodies in record["actions"].values() for body in bodies for t in body.get("changedPropIds") or []}
    wanted = {"slider": "settled-date.data", "pov": "pov.value", "unit": "unit-button", "close": "unit-close.n_clicks",
              "map_click": "map.clickData"}
    missing = [a for a, t in wanted.items() if not open_only and not any(t in x for x in triggers)] + \
        (["open"] if not counts.get("open") else [])
    if missing:
        sys.exit(f"capture: no callback recorded for {', '.join(missing)}: the load would not be what a page does")


if __name__ == "__main__":
    main()
