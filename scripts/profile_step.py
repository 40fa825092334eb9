"""Profile: where a keyboard step's time goes at 4x CPU, from the keydown to the next painted frame.

Loads the map view in headless Debian Chromium (CPU throttled 4x through CDP), warms up, then records a Chrome
trace (devtools.timeline + the V8 sampling profiler + stacks of forced layouts) over N steps, alternating → and
Page Down on the page (each the next change; Home, not measured, starts over at the end). For each step the window
runs from the keydown's dispatch to a task queued from the first animation frame after the map changed (that
frame's style, layout and paint are then done on the main thread): the "paint" of scripts/bench_slider.py.

Printed, per step, median and p95 of:
  phases   the main thread's self time by kind: our JS, Plotly, Dash/React, other JS, style recalculation,
           layout, paint/composite, GC, other, idle (JS is split by the sampling profiler's leaf frames)
  js       JS self time by file (map_paint.js, frame.js, mapstate.js, keys.js, classroom.js …) and Plotly's API
           call under which it ran (react/restyle/relayout/redraw)
  forced   style recalculations and layouts run inside our JS (forced, synchronous), with the JS frame that asked
and the ten functions with the most self time over all steps. After the window (the slider reaching Dash, the
paint callback, the Key 120 ms later) is reported apart as "after". Timings depend on the machine's load (printed);
the percentages of the step are the robust part. Usage: .venv/bin/python scripts/profile_step.py [--steps 30]
"""

from __future__ import annotations

import argparse
import bisect
import collections
import io
import json
import logging
import os
import socket
import statistics
import sys
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from playwright.sync_api import sync_playwright  # noqa: E402
from werkzeug.serving import make_server  # noqa: E402

from app.server import create_app  # noqa: E402

CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-dev-shm-usage", "--no-first-run"]
CATEGORIES = ["devtools.timeline", "disabled-by-default-devtools.timeline",
              "disabled-by-default-devtools.timeline.frame",
              "disabled-by-default-devtools.timeline.stack", "v8.execute", "blink.user_timing", "toplevel",
              "disabled-by-default-v8.cpu_profiler", "disabled-by-default-v8.cpu_profiler.hires", "v8"]
OUR_FILES = ("map_paint.js", "frame.js", "mapstate.js", "keys.js", "classroom.js", "lazy.js", "download.js",
             "constants.js", "i18n.js")
JS_EVENTS = {"FunctionCall", "EventDispatch", "TimerFire", "FireAnimationFrame", "EvaluateScript", "v8.execute",
             "RunMicrotasks", "V8.Execute", "v8.callFunction", "XHRReadyStateChange", "FireIdleCallback"}
STYLE_EVENTS = {"UpdateLayoutTree", "RecalculateStyles", "ScheduleStyleRecalculation", "ParseAuthorStyleSheet"}
LAYOUT_EVENTS = {"Layout", "UpdateLayerTree"}
PAINT_EVENTS = {"Paint", "PrePaint", "Layerize", "CompositeLayers", "Commit", "UpdateLayer", "PaintImage",
                "Rasterize", "RasterTask", "Decode Image", "ImageDecodeTask", "IntersectionObserverController::"
                "computeIntersections", "UpdateLayoutTree::PrePaint", "HitTest"}
GC_EVENTS = {"MinorGC", "MajorGC", "BlinkGC.AtomicPhase", "V8.GCScavenger", "V8.GCFinalizeMC", "V8.GC_MC",
             "ThreadState::performIdleLazySweep", "CppGC.AtomicMark", "V8.GCIncrementalMarking"}
PLOTLY_API = ("react", "restyle", "relayout", "redraw", "_doPlot", "newPlot", "update", "addTraces", "animate")

# In-page probe: a user-timing mark at the keydown (capture, before any handler) and one in a task queued from the
# first animation frame after the map's data-painted changed; both land in the trace.
PROBE = """
window.__p = {n: 0, pending: false, done: 0, inflight: 0, quietSince: 0, cb: 0, sp: 0};
const __fetch = window.fetch;
window.fetch = function (input, init) { window.__p.inflight++;
  const url = typeof input === 'string' ? input : (input && input.url) || '';
  const dash = url.indexOf('_dash-update-component') >= 0;
  if (dash) { let out = '?'; try { out = JSON.parse(init.body).output; } catch (e) { /* unnamed */ }
    (window.__p.cbOut = window.__p.cbOut || []).push(out); }
  return __fetch.apply(this, arguments).then((r) => {
    if (dash) performance.mark('sk-cb-' + (window.__p.cb++));
    return r; }).finally(() => { window.__p.inflight--; window.__p.quietSince = performance.now(); }); };
window.__p.wrapSetProps = () => {
  const dc = window.dash_clientside;
  if (!dc || !dc.set_props || dc.set_props.__p) return !!(dc && dc.set_props);
  const original = dc.set_props;
  dc.set_props = function (id, props) {
    if (typeof id === 'string') performance.mark('sk-sp-' + id + '-' + (window.__p.sp++));
    if (id === 'settled-date') window.__p.settled = props.data;
    return original.apply(this, arguments); };
  dc.set_props.__p = true;
  return true;
};
window.addEventListener('keydown', () => { window.__p.quietSince = performance.now();
  if (window.__p.armed) { window.__p.pending = true;
  performance.mark('sk-kd-' + window.__p.n); } }, true);
window.__p.watch = () => {
  const gd = document.querySelector('#map .js-plotly-plot');
  if (!gd || gd.__pw) return !!gd;
  gd.__pw = true;
  new MutationObserver(() => { if (!window.__p.pending) return; window.__p.pending = false; const n = window.__p.n;
    requestAnimationFrame(() => { const ch = new MessageChannel();
      ch.port1.onmessage = () => { performance.mark('sk-painted-' + n); window.__p.done = n + 1; };
      ch.port2.postMessage(0); }); })
    .observe(gd, {attributes: true, attributeFilter: ['data-painted']});
  return true;
};
"""


def serve(flask_app) -> tuple[str, object]:
    logging.getLogger("werkzeug").setLevel(logging.ERROR)
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    srv = make_server("127.0.0.1", port, flask_app, threaded=True)
    threading.Thread(target=srv.serve_forever, daemon=True).start()
    return f"http://127.0.0.1:{port}", srv


def pct(xs: list[float], q: float) -> float:
    xs = sorted(xs)
    return xs[min(len(xs) - 1, int(round(q * (len(xs) - 1))))] if xs else 0.0


def read_trace(page, cdp) -> list[dict]:
    """Tracing.end, then the trace's events (streamed back through IO.read)."""
    done: dict = {}
    cdp.on("Tracing.tracingComplete", lambda ev: done.update(ev))
    cdp.send("Tracing.end")
    for _ in range(600):   # playwright's sync API delivers events only while it waits
        if done:
            break
        page.wait_for_timeout(100)
    handle, chunks = done["stream"], []
    while True:
        part = cdp.send("IO.read", {"handle": handle})
        chunks.append(part["data"])
        if part.get("eof"):
            break
    cdp.send("IO.close", {"handle": handle})
    data = json.loads("".join(chunks))
    return data["traceEvents"] if isinstance(data, dict) else data


def main_thread(events: list[dict]) -> tuple[int, int]:
    """(pid, tid) of the page's renderer main thread: the one with our user-timing marks."""
    for e in events:
        if e.get("cat", "").startswith("blink.user_timing") and str(e.get("name", "")).startswith("sk-kd-"):
            return e["pid"], e["tid"]
    raise SystemExit("no step marks in the trace")


def complete_events(events: list[dict], pid: int, tid: int) -> list[dict]:
    """The thread's duration events as {name, ts, end, args}, B/E pairs joined, sorted by start then longest."""
    out, stack = [], []
    for e in events:
        if e.get("pid") != pid or e.get("tid") != tid:
            continue
        ph = e.get("ph")
        if ph == "X" and "dur" in e:
            out.append({"name": e["name"], "ts": e["ts"], "end": e["ts"] + e["dur"], "args": e.get("args", {})})
        elif ph == "B":
            stack.append(e)
        elif ph == "E" and stack:
            b = stack.pop()
            args = dict(b.get("args", {}))
            args.update(e.get("args", {}))
            out.append({"name": b["name"], "ts": b["ts"], "end": e["ts"], "args": args})
    out.sort(key=lambda x: (x["ts"], -x["end"]))
    return out


def kind_of(name: str) -> str | None:
    if name in JS_EVENTS:
        return "js"
    if name in STYLE_EVENTS:
        return "style"
    if name in LAYOUT_EVENTS:
        return "layout"
    if name in PAINT_EVENTS:
        return "paint"
    if name in GC_EVENTS or "GC" in name:
        return "gc"
    return None


def self_times(evs: list[dict], lo: float, hi: float) -> tuple[dict, list[dict]]:
    """Self time (µs) by kind within [lo, hi]: each instant goes to the innermost event of a known kind (an unknown
    event inherits its parent's kind, a task's own time is "other"); also the style/layout events nested in JS."""
    kinds: collections.Counter = collections.Counter()
    forced = []
    stack: list[tuple[dict, str]] = []
    cursor = lo

    def spend(until: float) -> None:
        nonlocal cursor
        until = min(until, hi)
        if until > cursor:
            kinds[stack[-1][1] if stack else "idle"] += until - cursor
            cursor = until

    for ev in evs:
        if ev["end"] <= lo or ev["ts"] >= hi:
            continue
        while stack and stack[-1][0]["end"] <= ev["ts"]:
            spend(stack[-1][0]["end"])
            stack.pop()
        spend(max(ev["ts"], lo))
        k = kind_of(ev["name"]) or (stack[-1][1] if stack else "other")
        if k in ("style", "layout") and any(s[1] == "js" for s in stack):
            forced.append(ev)
        stack.append((ev, k))
    while stack:
        spend(stack[-1][0]["end"])
        stack.pop()
    spend(hi)
    return kinds, forced


def file_of(url: str) -> str:
    base = url.rsplit("/", 1)[-1].split("?", 1)[0]
    for ours in OUR_FILES:
        if base.startswith(ours.rsplit(".", 1)[0] + ".") and base.endswith(".js"):
            return ours
    if "plotly" in url:
        return "plotly"
    if "dash_renderer" in url or "react" in base or "dash-renderer" in url:
        return "dash/react"
    if "dcc" in url or "dash_core_components" in url or "dash_html" in url:
        return "dash components"
    return base or "(native)"


class Samples:
    """The V8 sampling profiler's samples from the trace: (ts µs, leaf node id) with the node tree."""

    def __init__(self, events: list[dict], pid: int, tid: int):
        self.nodes: dict[int, dict] = {}
        self.samples: list[tuple[float, int]] = []
        profile_ids = {e["id"]: e["args"]["data"].get("startTime", e["ts"]) for e in events
                       if e.get("name") == "Profile" and e.get("pid") == pid and e.get("tid") == tid}
        clock = dict(profile_ids)
        for e in events:
            if e.get("name") != "ProfileChunk" or e.get("id") not in profile_ids:
                continue
            data = e["args"]["data"]
            for node in data.get("cpuProfile", {}).get("nodes", []):
                self.nodes[node["id"]] = node
            ids = data.get("cpuProfile", {}).get("samples", [])
            for node_id, delta in zip(ids, data.get("timeDeltas", []), strict=False):
                clock[e["id"]] += delta
                self.samples.append((clock[e["id"]], node_id))
        self.samples.sort()
        self.times = [s[0] for s in self.samples]

    def frame(self, node_id: int) -> dict:
        return self.nodes.get(node_id, {}).get("callFrame", {})

    def api(self, node_id: int) -> str | None:
        """The outermost Plotly API function on the sample's stack (react, restyle, relayout, redraw …)."""
        found, node = None, self.nodes.get(node_id)
        while node is not None:
            cf = node.get("callFrame", {})
            if cf.get("functionName") in PLOTLY_API and "plotly" in cf.get("url", ""):
                found = cf["functionName"]
            node = self.nodes.get(node.get("parent"))
        return found

    def window(self, lo: float, hi: float) -> list[tuple[float, int, float]]:
        """Samples in [lo, hi] as (ts, node, weight µs): each sample holds until the next one."""
        i, j = bisect.bisect_left(self.times, lo), bisect.bisect_right(self.times, hi)
        out = []
        for k in range(i, j):
            nxt = self.times[k + 1] if k + 1 < len(self.times) else hi
            out.append((self.samples[k][0], self.samples[k][1], max(0.0, min(nxt, hi) - self.samples[k][0])))
        return out


def link_parents(samples: Samples) -> None:
    for node in samples.nodes.values():
        for child in node.get("children", []) or []:
            if child in samples.nodes:
                samples.nodes[child]["parent"] = node["id"]


def analyse(events: list[dict], steps: int, outputs: list[str]) -> dict:
    pid, tid = main_thread(events)
    marks = {e["name"]: e["ts"] for e in events
             if e.get("pid") == pid and str(e.get("name", "")).startswith(("sk-kd-", "sk-painted-"))
             and e.get("ph") in ("R", "I", "n", "b", "X", "i")}
    evs = complete_events(events, pid, tid)
    samples = Samples(events, pid, tid)
    link_parents(samples)
    keydowns = sorted((e for e in evs if e["name"] == "EventDispatch"
                       and (e["args"].get("data") or {}).get("type") == "keydown"), key=lambda e: e["ts"])
    rows, after_rows, between_rows, dash_rows = [], [], [], []
    tasks = [e for e in evs if e["name"] in ("RunTask", "ThreadControllerImpl::RunTask")]   # sorted by start
    markers = sorted((e["ts"], e["name"]) for e in events if e.get("pid") == pid and e.get("ph") in ("R", "I", "n", "i")
                     and str(e.get("name", "")).startswith(("sk-cb-", "sk-sp-")))
    funcs, forced_all = collections.Counter(), collections.Counter()
    for n in range(steps):
        kd, painted, nxt = marks.get(f"sk-kd-{n}"), marks.get(f"sk-painted-{n}"), marks.get(f"sk-kd-{n + 1}")
        if kd is None or painted is None:
            continue
        start = next((e["ts"] for e in keydowns if e["ts"] <= kd <= e["end"]), kd)
        frame_end = first_frame_end(evs, start, painted)
        row, forced = bucket(evs, samples, start, frame_end, funcs)
        row["total"] = (frame_end - start) / 1000
        row["probe"] = (painted - start) / 1000
        between, _ = bucket(evs, samples, frame_end, painted, collections.Counter())
        between["total"] = (painted - frame_end) / 1000
        between_rows.append(between)
        for ev in forced:
            forced_all[(ev["name"], who_asked(ev))] += (ev["end"] - ev["ts"]) / 1000
        row["forced"] = sum((ev["end"] - ev["ts"]) / 1000 for ev in forced)
        row["forced_n"] = len(forced)
        rows.append(row)
        if nxt is not None:
            arow, _ = bucket(evs, samples, painted, nxt, collections.Counter())
            arow["total"] = (nxt - painted) / 1000
            after_rows.append(arow)
            dash_rows.append(dash_work(evs, tasks, markers, start, frame_end, nxt, outputs))
    return {"rows": rows, "after": after_rows, "between": between_rows, "funcs": funcs, "forced": forced_all,
            "dash": dash_rows}


def short_output(output: str) -> str:
    """A callback's outputs without Dash's hashes: the first two ids, and how many more."""
    parts = [p.split("@", 1)[0] for p in output.strip(".").split("...") if p]
    ids = [p.rsplit(".", 1)[0] for p in parts]
    return "+".join(ids[:2]) + (f"+{len(ids) - 2} more" if len(ids) > 2 else "")


def busy_ms(evs: list[dict], lo: float, hi: float) -> float:
    kinds, _ = self_times(evs, lo, hi)
    return (sum(kinds.values()) - kinds.get("idle", 0.0)) / 1000


def dash_work(evs: list[dict], tasks: list[dict], markers: list[tuple[float, str]], kd: float, frame_end: float,
              nxt: float, outputs: list[str]) -> dict:
    """What reached Dash after a step: each set_props and each callback answer, with the main thread's busy time
    until the next of them (its renderer work), and when the page went quiet ("Dash settled")."""
    inside = [(ts, name) for ts, name in markers if frame_end <= ts < nxt]
    work = []
    for i, (ts, name) in enumerate(inside):
        until = inside[i + 1][0] if i + 1 < len(inside) else nxt
        if name.startswith("sk-cb-"):
            index = int(name[len("sk-cb-"):])
            label = "answer " + short_output(outputs[index] if index < len(outputs) else "?")
        else:
            label = "set_props " + name[len("sk-sp-"):].rsplit("-", 1)[0]
        work.append((label, busy_ms(evs, ts, quiet_after(tasks, ts, until))))
    end = quiet_after(tasks, inside[-1][0], nxt) if inside else frame_end
    return {"work": work, "settled": (end - kd) / 1000, "requests": sum(1 for w in work if w[0].startswith("answer"))}


def quiet_after(tasks: list[dict], ts: float, limit: float, gap: float = 50_000) -> float:
    """The end of the main thread's busy stretch from `ts`: tasks follow one another with less than `gap` µs idle."""
    end = ts
    first = max(0, bisect.bisect_left(tasks, ts, key=lambda t: t["ts"]) - 1)
    for e in tasks[first:]:
        if e["end"] <= ts:
            continue
        if e["ts"] >= limit or e["ts"] > end + gap:
            break
        end = max(end, min(e["end"], limit))
    return end


def first_frame_end(evs: list[dict], start: float, fallback: float) -> float:
    """The end of the main-thread task that paints the first frame after the keydown's task."""
    kd_end = next((e["end"] for e in evs if e["name"] == "EventDispatch" and e["ts"] >= start), start)
    paint = next((e for e in evs if e["name"] in ("Paint", "PrePaint", "Commit", "Layerize") and e["ts"] >= kd_end),
                 None)
    if paint is None:
        return fallback
    tasks = [e for e in evs if e["name"] in ("RunTask", "ThreadControllerImpl::RunTask")
             and e["ts"] <= paint["ts"] <= e["end"]]
    return max((t["end"] for t in tasks), default=paint["end"])


def who_asked(ev: dict) -> str:
    stack = ((ev["args"].get("beginData") or {}).get("stackTrace") or (ev["args"].get("data") or {}).get("stackTrace")
             or [])
    for fr in stack:
        if fr.get("url"):
            return f"{fr.get('functionName') or '(anonymous)'} {file_of(fr['url'])}:{fr.get('lineNumber', 0) + 1}"
    return "(no stack)"


def bucket(evs: list[dict], samples: Samples, lo: float, hi: float, funcs: collections.Counter) -> tuple[dict, list]:
    kinds, forced = self_times(evs, lo, hi)
    row: dict = {k: v / 1000 for k, v in kinds.items()}
    js_total = row.pop("js", 0.0)
    by_file: collections.Counter = collections.Counter()
    for _ts, node, w in samples.window(lo, hi):
        cf = samples.frame(node)
        name = cf.get("functionName") or "(anonymous)"
        if name in ("(idle)", "(program)", "(garbage collector)", "(root)"):
            continue
        where = file_of(cf.get("url", ""))
        api = samples.api(node) if where == "plotly" else None
        by_file["plotly " + api if api else where] += w
        funcs[f"{name} ({where}:{cf.get('lineNumber', 0) + 1})"] += w / 1000
    sampled = sum(by_file.values())
    for where, w in by_file.items():   # the traced JS time, split as the samples split it
        row["js:" + where] = js_total * w / sampled if sampled else 0.0
    if not sampled:
        row["js:(unsampled)"] = js_total
    return row, forced


def table(rows: list[dict], title: str) -> str:
    if not rows:
        return f"{title}: no steps\n"
    keys = sorted({k for r in rows for k in r} - {"total", "forced", "forced_n", "probe"},
                  key=lambda k: -statistics.median([r.get(k, 0.0) for r in rows]))
    totals = [r["total"] for r in rows]
    lines = [f"{title} (n={len(rows)}): median {statistics.median(totals):.1f} ms, p95 {pct(totals, 0.95):.1f} ms",
             f"  {'bucket':34} {'median ms':>9} {'p95 ms':>8} {'% of step':>9}"]
    total_sum = sum(totals)
    for k in keys:
        xs = [r.get(k, 0.0) for r in rows]
        share = 100 * sum(xs) / total_sum if total_sum else 0
        if share < 0.5 and pct(xs, 0.95) < 0.5:
            continue
        lines.append(f"  {k:34} {statistics.median(xs):9.2f} {pct(xs, 0.95):8.2f} {share:8.1f}%")
    return "\n".join(lines) + "\n"


def time_callbacks(flask_app, into: list) -> None:
    """Each callback request's server time, by its outputs, appended to `into` as (outputs, ms) (a WSGI wrapper:
    the app has served its warm-up request, so no Flask hook can be added)."""
    inner = flask_app.wsgi_app

    def timed(environ, start_response):  # noqa: ANN001, ANN202 - WSGI
        if not environ.get("PATH_INFO", "").endswith("/_dash-update-component"):
            return inner(environ, start_response)
        body = environ["wsgi.input"].read(int(environ.get("CONTENT_LENGTH") or 0))
        environ["wsgi.input"] = io.BytesIO(body)
        started = time.perf_counter()
        result = list(inner(environ, start_response))
        try:
            output = json.loads(body).get("output", "?")
        except ValueError:
            output = "?"
        into.append((short_output(str(output)), (time.perf_counter() - started) * 1000))
        return result

    flask_app.wsgi_app = timed


def run(args) -> dict:
    dash_app = create_app()
    server_times: list = []
    time_callbacks(dash_app.server, server_times)
    server_url, srv = serve(dash_app.server)
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=CHROMIUM_ARGS)
        ctx = browser.new_context(viewport={"width": args.width, "height": args.height})
        ctx.add_init_script(PROBE)
        page = ctx.new_page()
        cdp = ctx.new_cdp_session(page)
        page.goto(server_url + "/?date=1905-01-01")
        page.wait_for_function("() => window.__p.watch() && document.querySelector('#map .js-plotly-plot')"
                               ".getAttribute('data-rung') !== null", timeout=60000)
        page.wait_for_function("() => { const g = document.querySelector('#map .js-plotly-plot');"
                               " return g.getAttribute('data-keyed') === g.getAttribute('data-painted'); }",
                               timeout=60000)
        page.wait_for_function("() => window.__p.wrapSetProps()")
        cdp.send("Emulation.setCPUThrottlingRate", {"rate": args.throttle})
        page.evaluate("() => document.activeElement && document.activeElement.blur && document.activeElement.blur()")
        keys = ["ArrowRight", "PageDown"]

        def step(n: int, measured: bool) -> None:
            last, day = page.evaluate("[window.skmap.lastRequest().day, window.skconst.MAX_DAY]")
            if last >= day:
                page.keyboard.press("Home")
                settle()
            page.evaluate(f"() => {{ window.__p.n = {n}; window.__p.armed = {str(measured).lower()}; }}")
            page.keyboard.press(keys[n % 2])
            if measured:
                page.wait_for_function("(n) => window.__p.done > n", arg=n, timeout=30000)
            settle()

        def settle() -> None:
            # the step's tail is over: the Key (120 ms later), the settled day sent to Dash and its answers
            page.wait_for_function("() => { const g = document.querySelector('#map .js-plotly-plot');"
                                   " return g.getAttribute('data-keyed') === g.getAttribute('data-painted')"
                                   " && window.__p.settled === window.skmap.lastRequest().day"
                                   " && window.__p.inflight === 0 && performance.now() - window.__p.quietSince > 300;"
                                   " }", timeout=60000)
            page.wait_for_timeout(args.gap * 1000)

        for n in range(args.warmup):
            step(1000 + n, False)
        cdp.send("Tracing.start", {"transferMode": "ReturnAsStream", "traceConfig": {
            "includedCategories": CATEGORIES, "recordMode": "recordContinuously"}})
        page.wait_for_timeout(300)
        server_times.clear()
        for n in range(args.steps):
            step(n, True)
        page.keyboard.press("Home")   # closes the last step's "after" window
        page.evaluate(f"performance.mark('sk-kd-{args.steps}')")
        page.wait_for_timeout(300)
        outputs = page.evaluate("window.__p.cbOut || []")
        events = read_trace(page, cdp)
        browser.close()
    srv.shutdown()
    if args.save:
        Path(args.save).write_text(json.dumps(events))
    result = analyse(events, args.steps, outputs)
    result["server"] = list(server_times)
    return result


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--steps", type=int, default=30)
    parser.add_argument("--warmup", type=int, default=4)
    parser.add_argument("--throttle", type=float, default=4)
    parser.add_argument("--gap", type=float, default=0.3, help="seconds of quiet after a step's tail")
    parser.add_argument("--width", type=int, default=1440)
    parser.add_argument("--height", type=int, default=900)
    parser.add_argument("--save", help="write the raw trace events here (JSON, for chrome://tracing or Perfetto)")
    args = parser.parse_args()
    load = os.getloadavg()
    res = run(args)
    print(f"keyboard step (→ / Page Down) at {args.throttle:g}x CPU, {args.width}x{args.height}; "
          f"load average {load[0]:.2f} {load[1]:.2f} {load[2]:.2f} (start), "
          f"{' '.join(f'{x:.2f}' for x in os.getloadavg())} (end)\n")
    print(table(res["rows"], "keydown → end of the first frame's main-thread work"))
    probe = [r["probe"] for r in res["rows"]]
    if probe:
        print(f"(bench_slider's 'paint', rAF + a task: median {statistics.median(probe):.1f} ms,"
              f" p95 {pct(probe, 0.95):.1f} ms)\n")
    forced_steps = [r["forced_n"] for r in res["rows"]]
    print(f"forced style/layout inside JS: {sum(1 for x in forced_steps if x)} of {len(forced_steps)} steps, "
          f"median {statistics.median([r['forced'] for r in res['rows']] or [0]):.2f} ms a step")
    for (name, who), ms in res["forced"].most_common(10):
        print(f"  {name:18} {ms:8.1f} ms total  asked by {who}")
    print("\ntop 10 JS functions by self time, keydown → painted frame, all steps (ms, sampled):")
    for fn, ms in res["funcs"].most_common(10):
        print(f"  {ms:8.1f}  {fn}")
    print()
    print(table(res["between"], "between that frame and bench_slider's probe task (the slider's Dash update)"))
    print(table(res["after"], "after the painted frame, until the next step (the slider through Dash, the Key)"))
    print(dash_table(res["dash"], res["server"], args.steps))


def dash_table(rows: list[dict], server: list[tuple[str, float]], steps: int) -> str:
    """Per step: what reached Dash (set_props, callback answers), the renderer's busy time after each, the server's
    time per request, and keydown → Dash settled (the main thread quiet after the last of them)."""
    if not rows:
        return "Dash after a step: no steps\n"
    settled = [r["settled"] for r in rows]
    requests = [r["requests"] for r in rows]
    lines = [f"Dash after a step (n={len(rows)}): keydown → Dash settled median {statistics.median(settled):.0f} ms,"
             f" p95 {pct(settled, 0.95):.0f} ms; callback requests a step: median {statistics.median(requests):g},"
             f" total {sum(requests)}",
             f"  {'what reached Dash':58} {'per step':>8} {'renderer ms median':>18} {'p95':>7} {'server ms':>9}"]
    by_label: dict = collections.defaultdict(list)
    for r in rows:
        for label, ms in r["work"]:
            by_label[label].append(ms)
    by_server: dict = collections.defaultdict(list)
    for out, ms in server:
        by_server["answer " + out].append(ms)
    for label, xs in sorted(by_label.items(), key=lambda kv: -sum(kv[1])):
        srv = by_server.get(label)
        lines.append(f"  {label[:58]:58} {len(xs) / len(rows):8.2f} {statistics.median(xs):18.1f} {pct(xs, 0.95):7.1f}"
                     f" {statistics.median(srv) if srv else 0:9.1f}")
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    main()
