"""Server-side rendering with kaleido 1.x and Debian Chromium: lazy, locked, offline, self-healing.

* One browser per process, started lazily on the first export in *this* process, never at import:
  a gunicorn `--preload` master must not own it (the forked workers would inherit a browser object
  without its thread and hang until WORKER TIMEOUT). The server is tied to the pid that started it;
  a forked child forgets the inherited one and starts its own.
* We do not use kaleido's global sync server: its `call_function` does put → join → get on queues
  served by one thread, so once the browser dies (kill -9, OOM) the first call fails with
  `ChannelClosedError` and every later one waits forever on a dead thread. Instead `_Server` runs
  one `kaleido.Kaleido` on its own asyncio loop in a daemon thread, and each render is a future
  with a deadline (`RENDER_TIMEOUT_S`).
* Every start and render holds `_LOCK` (one Chromium tab, one render at a time). Waiting for the
  lock is bounded too (`LOCK_WAIT_S`), so a queue of exports behind a slow one fails cleanly.
* Recovery: when a render fails because the browser is gone (or any non-figure error), the dead
  server is closed (the Chromium process killed if need be) and forgotten, a fresh one is started
  inside the lock, and the render is retried once. A render that does not finish in time also
  discards the server (the next export gets a fresh browser) and fails *this* request with a
  `RenderError` whose message says so: routes turn it into a 503.
* Priority: the export browser runs at a lower CPU priority (nice `EXPORT_NICE`, env `ATLAS_EXPORT_NICE`,
  default 10) than the workers, so a class's exports do not slow everyone's clicks: under load an export
  waits for CPU, a slider callback does not.
* Offline: plotly's geo subplot always fetches topojson, so the renders point at the local stubs
  in assets/topojson/ (file://), and MathJax is off (`mathjax=False`: kaleido would otherwise put a
  CDN <script> in its page).
"""

from __future__ import annotations

import asyncio
import concurrent.futures
import contextlib
import gc
import os
import threading
from typing import Any

from app import ASSETS_DIR
from app.export import queue

TOPOJSON_URL = (ASSETS_DIR / "topojson").resolve().as_uri() + "/"
RENDER_TIMEOUT_S = 40.0  # one render; below gunicorn's 60 s worker timeout
START_TIMEOUT_S = 30.0  # a browser start
LOCK_WAIT_S = 50.0  # waiting behind other exports
CLOSE_TIMEOUT_S = 5.0
EXPORT_NICE = queue.EXPORT_NICE  # $ATLAS_EXPORT_NICE
FINISHED_TASKS_LIMIT = 450  # ~50 renders' worth (forget_finished_tasks)

_LOCK = threading.Lock()
_SERVER: _Server | None = None


class RenderError(RuntimeError):
    """Chromium/kaleido could not render the figure (message is safe to show)."""


class RenderTimeout(RenderError):
    """The render did not finish within RENDER_TIMEOUT_S (or the lock was not free in time)."""


def _configure() -> None:
    import plotly.io as pio

    pio.defaults.topojson = TOPOJSON_URL
    try:
        pio.defaults.mathjax = None
    except Exception:  # noqa: BLE001 - older/newer plotly: mathjax is off through kaleido anyway
        pass


def descendants(root: int) -> list[int]:
    """`root` and every process below it (read from /proc; empty where there is no /proc)."""
    children: dict[int, list[int]] = {}
    for entry in os.scandir("/proc") if os.path.isdir("/proc") else []:
        if not entry.name.isdigit():
            continue
        try:
            with open(f"/proc/{entry.name}/stat", encoding="ascii", errors="replace") as f:
                ppid = int(f.read().rsplit(")", 1)[1].split()[1])
        except (OSError, ValueError, IndexError):
            continue
        children.setdefault(ppid, []).append(int(entry.name))
    out, todo = [], [root]
    while todo:
        pid = todo.pop()
        out.append(pid)
        todo.extend(children.get(pid, []))
    return out


def lower_priority(root: int, nice: int) -> None:
    """Renice the browser and the processes it has started (its zygotes fork later renderers, which inherit)."""
    if nice <= 0:
        return
    for pid in descendants(root):
        with contextlib.suppress(OSError):
            os.setpriority(os.PRIO_PROCESS, pid, max(nice, os.getpriority(os.PRIO_PROCESS, pid)))


def forget_finished_tasks(browser: Any, limit: int | None = None) -> int:
    """Drop the finished event-callback tasks that choreographer 1.4.0 keeps forever (~9 per render: the soak's
    steady RSS growth), in bulk once `limit` have piled up, and collect them here, on the browser's loop thread:
    a Task freed by the collector in another thread runs asyncio's weakref callbacks there, which in CPython
    3.11 breaks a concurrent compile() ("AST constructor recursion depth mismatch"). Returns how many went."""
    tasks = getattr(getattr(browser, "_broker", None), "_background_tasks_cancellable", None)
    if not isinstance(tasks, set):
        return 0
    done = [t for t in tasks if t.done()]
    if not done or len(done) < (FINISHED_TASKS_LIMIT if limit is None else limit):
        return 0
    tasks.difference_update(done)
    count = len(done)
    del done
    gc.collect()
    return count


class _Server:
    """One Kaleido (one headless Chromium) on its own event loop thread, owned by one pid."""

    def __init__(self) -> None:
        self.pid = os.getpid()
        self.loop = asyncio.new_event_loop()
        self.thread = threading.Thread(target=self._run, name="export-kaleido", daemon=True)
        self.thread.start()
        self.kaleido: Any = None
        try:
            self.kaleido = self._call(self._open(), START_TIMEOUT_S)
        except BaseException:
            self.close()
            raise

    def _run(self) -> None:
        asyncio.set_event_loop(self.loop)
        self.loop.run_forever()

    async def _open(self) -> Any:
        import kaleido

        k = kaleido.Kaleido(mathjax=False, timeout=RENDER_TIMEOUT_S)
        await k.open()
        proc = getattr(k, "subprocess", None)
        if proc is not None:
            lower_priority(proc.pid, EXPORT_NICE)
        return k

    def _call(self, coro: Any, timeout: float) -> Any:
        fut = asyncio.run_coroutine_threadsafe(coro, self.loop)
        try:
            return fut.result(timeout)
        except concurrent.futures.TimeoutError:
            fut.cancel()
            raise

    def alive(self) -> bool:
        proc = getattr(self.kaleido, "subprocess", None)
        return self.thread.is_alive() and proc is not None and proc.poll() is None

    def calc(self, fig: dict, opts: dict) -> bytes:
        return self._call(self._calc(fig, opts), RENDER_TIMEOUT_S)

    async def _calc(self, fig: dict, opts: dict) -> bytes:
        try:
            return await self.kaleido.calc_fig(fig, opts=opts, topojson=TOPOJSON_URL)
        finally:
            forget_finished_tasks(self.kaleido)

    def close(self) -> None:
        """Close the browser (bounded), kill it if it does not go, stop the loop thread."""
        proc = getattr(self.kaleido, "subprocess", None)
        if self.kaleido is not None and self.thread.is_alive():
            with contextlib.suppress(BaseException):
                self._call(self.kaleido.close(), CLOSE_TIMEOUT_S)
        if proc is not None and proc.poll() is None:
            with contextlib.suppress(OSError):
                proc.kill()
            with contextlib.suppress(Exception):
                proc.wait(2)
        if self.thread.is_alive():
            with contextlib.suppress(BaseException):
                self._call(_cancel_pending(), 1.0)
            self.loop.call_soon_threadsafe(self.loop.stop)
            self.thread.join(2)
        if not self.thread.is_alive():
            with contextlib.suppress(Exception):
                self.loop.close()


async def _cancel_pending() -> None:
    """Cancel the loop's leftover tasks (choreographer's watchdog …) before the loop stops."""
    me = asyncio.current_task()
    tasks = [t for t in asyncio.all_tasks() if t is not me]
    for task in tasks:
        task.cancel()
    await asyncio.gather(*tasks, return_exceptions=True)


def _discard() -> None:
    """Close and forget this process's server. Caller holds _LOCK."""
    global _SERVER
    server, _SERVER = _SERVER, None
    if server is not None and server.pid == os.getpid():
        server.close()


def _ensure_server() -> _Server:
    """This process's live server, started (or restarted) as needed. Caller holds _LOCK."""
    global _SERVER
    _configure()
    if _SERVER is not None and _SERVER.pid != os.getpid():
        _SERVER = None  # forked child: the parent's browser and thread are not ours
    if _SERVER is not None and not _SERVER.alive():
        _discard()
    if _SERVER is None:
        try:
            _SERVER = _Server()
        except concurrent.futures.TimeoutError:
            raise RenderTimeout(f"the export browser did not start within {START_TIMEOUT_S:g} s; "
                                "try again in a moment") from None
        except Exception as exc:  # noqa: BLE001
            raise RenderError(f"the export browser could not start ({type(exc).__name__}: {exc})") from exc
    return _SERVER


def _is_figure_error(exc: BaseException) -> bool:
    """An error of the figure itself (plotly.js refused it): a fresh browser would fail the same way."""
    return type(exc).__name__ in ("KaleidoError", "JavascriptError")


def is_started() -> bool:
    return _SERVER is not None and _SERVER.pid == os.getpid()


def stop() -> None:
    """Stop this process's browser (tests, CLI end)."""
    with _LOCK:
        _discard()


def render(fig_dict: dict, fmt: str, width: float, height: float, scale: float = 1.0) -> bytes:
    """One figure (a plain dict: no plotly validation) to svg | pdf | png bytes.

    A dead browser is replaced and the render retried once; a render that hangs fails after
    RENDER_TIMEOUT_S (RenderTimeout) and the browser is replaced for the next request.
    """
    opts = {"format": fmt, "width": width, "height": height, "scale": scale}
    try:
        with queue.turn():  # the host's export queue (a no-op inside /export's own turn)
            out = _render(fig_dict, opts)
    except queue.QueueBusy as exc:
        raise RenderTimeout(str(exc)) from None
    if isinstance(out, str):
        out = out.encode("utf-8")
    return out


def _render(fig_dict: dict, opts: dict) -> Any:
    if not _LOCK.acquire(timeout=LOCK_WAIT_S):
        raise RenderTimeout(f"the export service is busy (waited {LOCK_WAIT_S:g} s for other exports); "
                            "try again in a moment")
    try:
        for attempt in (1, 2):
            server = _ensure_server()
            try:
                out = server.calc(fig_dict, opts)
                break
            except concurrent.futures.TimeoutError:
                _discard()
                raise RenderTimeout(f"the figure was not rendered within {RENDER_TIMEOUT_S:g} s; the export "
                                    "browser has been restarted, try again") from None
            except Exception as exc:  # noqa: BLE001 - kaleido/choreographer raise several types
                if _is_figure_error(exc) and server.alive():
                    raise RenderError(f"the figure could not be rendered ({type(exc).__name__}: {exc})") from exc
                _discard()  # the browser died or broke: forget it, start a fresh one, retry once
                if attempt == 2:
                    raise RenderError(f"the figure could not be rendered ({type(exc).__name__}: {exc})") from exc
    finally:
        _LOCK.release()
    return out
