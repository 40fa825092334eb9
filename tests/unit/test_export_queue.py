"""The host's export queue (app/export/queue.py): one figure at a time per slot across processes, in arrival
order, each export able to learn its place; a dead process never keeps a slot; a full process says busy."""

from __future__ import annotations

import json
import multiprocessing
import os
import signal
import time

import pytest

from app.export import queue


@pytest.fixture()
def folder(tmp_path, monkeypatch):
    monkeypatch.setenv(queue.QUEUE_DIR_ENV, str(tmp_path))
    monkeypatch.setenv(queue.SLOTS_ENV, "1")
    return tmp_path


def _worker(index: int, folder: str, log: str, hold_s: float) -> None:
    os.environ[queue.QUEUE_DIR_ENV] = folder
    os.environ[queue.SLOTS_ENV] = "1"
    with queue.turn(f"ticket-{index:04d}"):
        with open(log, "a") as f:
            f.write(json.dumps({"i": index, "in": time.monotonic()}) + "\n")
        time.sleep(hold_s)
        with open(log, "a") as f:
            f.write(json.dumps({"i": index, "out": time.monotonic()}) + "\n")


def test_queu001_one_at_a_time_across_processes_in_arrival_order_with_places(folder, tmp_path):
    log = tmp_path / "log.jsonl"
    ctx = multiprocessing.get_context("fork")
    procs = []
    for i in range(5):
        proc = ctx.Process(target=_worker, args=(i, str(folder), str(log), 0.3))
        proc.start()
        procs.append(proc)
        deadline = time.monotonic() + 20
        while queue.where(f"ticket-{i:04d}")["state"] == "unknown" and time.monotonic() < deadline:
            time.sleep(0.01)  # each arrives after the one before: the order is known
    places = queue.where("ticket-0004")
    for proc in procs:
        proc.join(60)
        assert proc.exitcode == 0
    events = [json.loads(line) for line in log.read_text().splitlines()]
    assert [e["i"] for e in events if "in" in e] == [0, 1, 2, 3, 4]
    spans = sorted((e["in"], next(x["out"] for x in events if x["i"] == e["i"] and "out" in x))
                   for e in events if "in" in e)
    assert all(a_out <= b_in for (_a_in, a_out), (b_in, _b_out) in zip(spans, spans[1:], strict=False))
    assert places["state"] == "waiting" and 1 <= places["ahead"] <= 3 and places["slots"] == 1
    assert queue.where("ticket-0004")["state"] == "unknown"
    assert not [p for p in folder.iterdir() if p.name.startswith(("w.", "r."))]


def test_queu002_a_killed_holder_frees_its_slot_and_a_dead_waiter_leaves_the_line(folder, tmp_path):
    ctx = multiprocessing.get_context("fork")
    holder = ctx.Process(target=_worker, args=(1, str(folder), str(tmp_path / "a.jsonl"), 60))
    holder.start()
    deadline = time.monotonic() + 20
    while queue.where("ticket-0001")["state"] != "drawing" and time.monotonic() < deadline:
        time.sleep(0.01)
    waiter = ctx.Process(target=_worker, args=(2, str(folder), str(tmp_path / "b.jsonl"), 60))
    waiter.start()
    while queue.where("ticket-0002")["state"] != "waiting" and time.monotonic() < deadline:
        time.sleep(0.01)
    assert queue.where("ticket-0002")["ahead"] == 0
    os.kill(waiter.pid, signal.SIGKILL)
    os.kill(holder.pid, signal.SIGKILL)
    waiter.join(10)
    holder.join(10)
    started = time.monotonic()
    with queue.turn("ticket-0003", wait_s=10) as ticket:
        assert ticket == "ticket-0003" and queue.where(ticket)["state"] == "drawing"
        assert queue.where("ticket-0002")["state"] == "unknown"
    assert time.monotonic() - started < 5


def test_queu003_a_process_takes_in_half_its_threads_then_answers_busy(folder, monkeypatch):
    monkeypatch.setenv(queue.THREADS_ENV, "2")
    assert queue.process_limit() == 1
    with queue.turn("first-ticket"):
        with queue.turn("nested-in-the-same-thread"):  # a figure's several renders take one turn
            pass
        import threading

        errors = []

        def other() -> None:
            try:
                with queue.turn("second-ticket"):
                    pass
            except queue.QueueBusy as exc:
                errors.append(exc)

        thread = threading.Thread(target=other)
        thread.start()
        thread.join(10)
        assert errors and errors[0].retry_after > 0 and "busy" in str(errors[0])
    with queue.turn("third-ticket"):  # the count went back down
        pass


def test_queu004_route_answers_places_and_busy(folder, monkeypatch):
    from app.server import create_app

    client = create_app().server.test_client()
    got = client.get("/export/queue?ticket=nope")
    assert got.status_code == 200 and got.json["state"] == "unknown" and got.headers["Cache-Control"] == "no-store"
    monkeypatch.setattr(queue, "process_limit", lambda: 0)
    busy = client.get("/export?date=1945-09-05&format=svg&size=double&ticket=abcdefgh12")
    assert busy.status_code == 503 and busy.json["parameter"] == "render" and int(busy.headers["Retry-After"]) > 0
    bad = client.get("/export?date=1945-13-05&format=svg&ticket=abcdefgh12")
    assert bad.status_code == 400 and bad.json["parameter"] == "date"  # the ticket is not a state parameter


def test_queu005_without_the_figure_tools_a_figure_or_lesson_says_try_again_not_a_traceback(monkeypatch):
    """`make run` serves the page before it installs kaleido, shapely, numpy and pikepdf (issue 21)."""
    from app.export import tools
    from app.server import create_app

    monkeypatch.setattr(tools, "_present", set())
    real = tools.importlib.util.find_spec
    monkeypatch.setattr(tools.importlib.util, "find_spec", lambda name: None if name == "shapely" else real(name))
    client = create_app().server.test_client()
    for url in ("/export?date=1945-09-05&format=svg", "/lesson/start?tour=key&output=html"):
        got = client.get(url)
        assert got.status_code == 503 and int(got.headers["Retry-After"]) > 0, url
        assert "shapely" in got.json["error"] and "try again" in got.json["error"]
    assert client.get("/").status_code == 200


def test_queu006_figures_are_drawn_on_one_low_priority_thread_inside_their_turn(folder):
    """One export thread per process, niced like the export browser; a render inside a figure's turn does not
    queue again (one slot: it would wait for itself)."""
    import threading

    def where_am_i():
        with queue.turn():  # what render() does: a no-op inside the figure's own turn
            me = threading.get_native_id()
            return me, os.getpriority(os.PRIO_PROCESS, me), threading.current_thread().name

    with queue.turn("the-figure-ticket"):
        first = queue.draw(where_am_i)
        second = queue.draw(where_am_i)
    assert first[0] == second[0] != threading.get_native_id()
    assert first[1] >= min(queue.EXPORT_NICE, 19) and first[2].startswith("export-draw")
