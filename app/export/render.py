"""Server-side rendering with kaleido 1.x and Debian Chromium: lazy, locked, offline.

* The sync server (one headless Chromium) is started lazily, on the first export in *this* process,
  never at import: a gunicorn `--preload` master must not own it (the forked workers would inherit
  `is_running() == True` without the browser thread and hang until WORKER TIMEOUT).
* kaleido's global sync server is not thread-safe (shared put/join/get queues: concurrent callers
  get each other's images), so every start and every render holds `_LOCK`.
* Offline: plotly's geo subplot always fetches topojson, so `pio.defaults.topojson` points at the
  local stubs in assets/topojson/ (file://), and MathJax is off (`mathjax=False`: kaleido would
  otherwise put a CDN <script> in its page).
* After a fork (multiprocessing, gunicorn without --preload hooks) the child restarts its own
  browser: the server is tied to the pid that started it.
"""

from __future__ import annotations

import base64
import os
import threading

from app import ASSETS_DIR

TOPOJSON_URL = (ASSETS_DIR / "topojson").resolve().as_uri() + "/"
RENDER_TIMEOUT_S = 60

_LOCK = threading.Lock()
_STARTED_PID: int | None = None


class RenderError(RuntimeError):
    """Chromium/kaleido could not render the figure (message is safe to show)."""


def _configure() -> None:
    import plotly.io as pio

    pio.defaults.topojson = TOPOJSON_URL
    try:
        pio.defaults.mathjax = None
    except Exception:  # noqa: BLE001 - older/newer plotly: mathjax is off through kaleido anyway
        pass


def _ensure_server() -> None:
    """Start kaleido's sync server in this process if it is not running here. Caller holds _LOCK."""
    global _STARTED_PID
    import kaleido

    _configure()
    pid = os.getpid()
    if _STARTED_PID == pid and kaleido._global_server.is_running():  # noqa: SLF001
        return
    if _STARTED_PID is not None and _STARTED_PID != pid:
        # forked child: the inherited server object has no thread here; forget it
        kaleido._global_server._initialized = False  # noqa: SLF001
        kaleido._global_server._thread = None  # noqa: SLF001
    if not kaleido._global_server.is_running():  # noqa: SLF001
        kaleido.start_sync_server(mathjax=False, silence_warnings=True)
    _STARTED_PID = pid


def is_started() -> bool:
    return _STARTED_PID == os.getpid()


def stop() -> None:
    """Stop this process's browser (tests, CLI end)."""
    global _STARTED_PID
    import kaleido

    with _LOCK:
        if _STARTED_PID == os.getpid() and kaleido._global_server.is_running():  # noqa: SLF001
            kaleido.stop_sync_server(silence_warnings=True)
        _STARTED_PID = None


def render(fig_dict: dict, fmt: str, width: float, height: float, scale: float = 1.0) -> bytes:
    """One figure (a plain dict: no plotly validation) to svg | pdf | png bytes."""
    import kaleido

    opts = {"format": fmt, "width": width, "height": height, "scale": scale}
    with _LOCK:
        _ensure_server()
        try:
            out = kaleido.calc_fig_sync(fig_dict, opts=opts, topojson=TOPOJSON_URL)
        except Exception as exc:  # noqa: BLE001 - kaleido raises several types
            raise RenderError(f"the figure could not be rendered ({type(exc).__name__}: {exc})") from exc
    if isinstance(out, str):
        out = out.encode("utf-8")
    return out


def svg_to(svg: str, fmt: str, width_css: float, height_css: float, px_w: int | None = None,
           px_h: int | None = None) -> bytes:
    """A finished SVG document to PDF (vector: Chromium prints the SVG) or PNG (px_w × px_h exactly).

    The SVG is placed as a full-page layout image of an otherwise empty figure, so the same
    locked Chromium renders it; for PDF the page is width_css × height_css CSS px (96 per inch).
    """
    uri = "data:image/svg+xml;base64," + base64.b64encode(svg.encode("utf-8")).decode("ascii")
    if fmt == "png":
        w, h = int(px_w), int(px_h)
    else:
        w, h = width_css, height_css
    fig = {
        "data": [],
        "layout": {
            "width": w, "height": h, "margin": {"l": 0, "r": 0, "t": 0, "b": 0, "pad": 0},
            "paper_bgcolor": "#FFFFFF", "plot_bgcolor": "#FFFFFF",
            "xaxis": {"visible": False, "range": [0, 1]}, "yaxis": {"visible": False, "range": [0, 1]},
            "images": [{"source": uri, "xref": "paper", "yref": "paper", "x": 0, "y": 1, "sizex": 1,
                        "sizey": 1, "xanchor": "left", "yanchor": "top", "sizing": "stretch",
                        "layer": "above"}],
        },
    }
    return render(fig, fmt, w, h, 1.0)
