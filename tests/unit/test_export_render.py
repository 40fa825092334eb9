"""app.export.render recovers from a dead or hung export browser (kill -9 / SIGSTOP of Chromium).

Each test runs in this process with its own browser (render.stop() around it)."""

from __future__ import annotations

import os
import signal
import time

import pytest

from app.export import render

FIG = {"data": [{"type": "bar", "x": [1, 2], "y": [3, 1]}], "layout": {}}


def _browsers() -> list[int]:
    found = []
    for pid in render.descendants(os.getpid())[1:]:
        try:
            with open(f"/proc/{pid}/cmdline", "rb") as fh:
                if b"chrom" in fh.read().lower():
                    found.append(pid)
        except OSError:
            pass
    return found


def _signal_all(pids: list[int], sig: int) -> None:
    for pid in pids:
        try:
            os.kill(pid, sig)
        except ProcessLookupError:
            pass


@pytest.fixture
def fresh():
    render.stop()
    yield
    render.stop()


def test_kill9_then_next_render_restarts_the_browser(fresh):
    assert render.render(FIG, "png", 300, 200)[:4] == b"\x89PNG"
    for _ in range(2):  # twice: the replacement recovers too
        killed = _browsers()
        assert killed, "no Chromium child after a render"
        _signal_all(killed, signal.SIGKILL)
        time.sleep(0.3)
        started = time.monotonic()
        assert render.render(FIG, "png", 300, 200)[:4] == b"\x89PNG"  # retried on a fresh browser
        assert time.monotonic() - started < 20
        assert render.render(FIG, "svg", 300, 200).lstrip().startswith(b"<svg")
        assert _browsers() and not set(killed) & set(_browsers())


def test_hung_render_fails_in_time_releases_the_lock_and_next_one_works(fresh, monkeypatch):
    assert render.render(FIG, "png", 300, 200)[:4] == b"\x89PNG"
    monkeypatch.setattr(render, "RENDER_TIMEOUT_S", 3.0)
    stopped = _browsers()
    _signal_all(stopped, signal.SIGSTOP)  # the browser hangs: no answer, no error
    try:
        started = time.monotonic()
        with pytest.raises(render.RenderTimeout, match="not rendered within 3 s"):
            render.render(FIG, "png", 300, 200)
        assert time.monotonic() - started < 15
        assert not render._LOCK.locked()  # noqa: SLF001
    finally:
        _signal_all(stopped, signal.SIGKILL)
    assert render.render(FIG, "png", 300, 200)[:4] == b"\x89PNG"


def test_busy_lock_fails_with_a_clear_message(fresh, monkeypatch):
    monkeypatch.setattr(render, "LOCK_WAIT_S", 0.2)
    assert render._LOCK.acquire()  # noqa: SLF001 - another export holds the browser
    try:
        with pytest.raises(render.RenderTimeout, match="busy"):
            render.render(FIG, "png", 300, 200)
    finally:
        render._LOCK.release()  # noqa: SLF001


def test_forked_child_forgets_the_parents_browser(fresh):
    render.render(FIG, "svg", 100, 100)
    server = render._SERVER  # noqa: SLF001
    server.pid = -1  # as if inherited through fork
    try:
        assert not render.is_started()
        assert render.render(FIG, "svg", 100, 100).lstrip().startswith(b"<svg")
        assert render.is_started() and render._SERVER is not server  # noqa: SLF001
    finally:
        server.pid = os.getpid()
        server.close()


def test_lower_priority_renices_a_process_tree_and_never_raises():
    """The export browser's whole tree runs below the workers' priority (a class's exports wait, clicks do not)."""
    import subprocess
    import sys

    parent = subprocess.Popen([sys.executable, "-c",
                               "import subprocess, sys, time; subprocess.Popen([sys.executable, '-c', "
                               "'import time; time.sleep(30)']); time.sleep(30)"])
    try:
        for _ in range(100):
            tree = render.descendants(parent.pid)
            if len(tree) == 2:
                break
            time.sleep(0.05)
        assert tree[0] == parent.pid and len(tree) == 2, tree
        render.lower_priority(parent.pid, 7)
        assert [os.getpriority(os.PRIO_PROCESS, p) for p in tree] == [7, 7]
        render.lower_priority(parent.pid, 3)  # never raises a process's niceness back
        assert [os.getpriority(os.PRIO_PROCESS, p) for p in tree] == [7, 7]
    finally:
        _signal_all(render.descendants(parent.pid)[::-1], signal.SIGKILL)
        parent.wait()
    render.lower_priority(parent.pid, 10)  # a process that is gone: nothing to do, no error


def test_renders_do_not_pile_up_finished_tasks(fresh, monkeypatch):
    """choreographer 1.4.0 keeps every finished event-callback task; renders drop them in bulk (else RSS grows with
    every export: the 10-minute soak grew 3.5 MB a minute)."""
    monkeypatch.setattr(render, "FINISHED_TASKS_LIMIT", 20)
    sizes = []
    for _ in range(8):
        render.render(FIG, "svg", 100, 100)
        sizes.append(len(render._SERVER.kaleido._broker._background_tasks_cancellable))  # noqa: SLF001
    assert max(sizes) < 20 + 12, sizes  # ~9 per render were kept before: 72 after 8
    assert min(sizes[2:]) < max(sizes), sizes  # it went down at least once
