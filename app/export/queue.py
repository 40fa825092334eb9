"""A host's export queue: at most `slots()` figures are drawn at once on a host, whatever the number of gunicorn
workers, and the others wait in the order they came, each able to learn its place (the Download dialog shows it).

Why: an export costs ~0.3–1 s of the export browser's CPU; a class exporting at once on a 2-core host would
otherwise take both cores from everyone's clicks. The slots default to half the cores (at least one), so the
other half always answers clicks. Waiting is bounded twice: a process lets at most `process_limit()` exports in
(the others answer 503 at once, so waiting exports never hold the threads clicks need), and an export waits
at most WAIT_S (then 503, "try again").

In a process, every figure is drawn on one export thread (`draw`), at a lower CPU priority (nice EXPORT_NICE, as
the export browser): a figure's Python work then never competes with a click's at the same priority, and its
large short-lived objects stay in one malloc arena (drawn on a dozen request threads, the workers' memory grew by
~2 MB a second under a school's load; on one thread it stays flat).

The queue lives in a folder every worker of the host can read ($ATLAS_EXPORT_QUEUE_DIR, default in /dev/shm):
a waiting export is a file named by its arrival time, a slot is an flock on a slot file (released by the kernel
when a process dies, so a killed worker never keeps one), and a waiting file whose process is gone is removed.
"""

from __future__ import annotations

import concurrent.futures
import contextlib
import os
import re
import tempfile
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

QUEUE_DIR_ENV = "ATLAS_EXPORT_QUEUE_DIR"
SLOTS_ENV = "ATLAS_EXPORT_SLOTS"
THREADS_ENV = "ATLAS_THREADS"  # gunicorn.conf.py's threads per worker
DEFAULT_THREADS = 12
WAIT_S = 45.0  # below the route's deadline and gunicorn's timeout
POLL_S = 0.05
TICKET = re.compile(r"^[A-Za-z0-9_-]{8,40}$")

EXPORT_NICE = int(os.environ.get("ATLAS_EXPORT_NICE", "10"))

_local = threading.local()
_drawer: tuple[int, concurrent.futures.ThreadPoolExecutor] | None = None
_drawer_lock = threading.Lock()
_in_process = 0
_in_process_lock = threading.Lock()


class QueueBusy(RuntimeError):
    """No place for this export now (the message says so and when to try again)."""

    def __init__(self, message: str, retry_after: int) -> None:
        super().__init__(message)
        self.retry_after = retry_after


def slots() -> int:
    """Figures drawn at once on this host: $ATLAS_EXPORT_SLOTS, else half the cores (at least 1)."""
    try:
        return max(1, int(os.environ[SLOTS_ENV]))
    except (KeyError, ValueError):
        return max(1, (os.cpu_count() or 1) // 2)


def process_limit() -> int:
    """Exports one worker process takes in (waiting or drawn): half its threads, so clicks keep the rest."""
    try:
        threads = int(os.environ.get(THREADS_ENV, DEFAULT_THREADS))
    except ValueError:
        threads = DEFAULT_THREADS
    return max(1, threads // 2)


def queue_dir() -> Path:
    base = Path("/dev/shm") if os.path.isdir("/dev/shm") else Path(tempfile.gettempdir())
    path = Path(os.environ.get(QUEUE_DIR_ENV) or base / f"atlas-export-queue-{os.getuid()}")
    path.mkdir(parents=True, exist_ok=True)
    return path


def new_ticket() -> str:
    return os.urandom(9).hex()


@dataclass(frozen=True)
class Waiter:
    arrived_ns: int
    pid: int
    ticket: str
    name: str


def _waiters(folder: Path) -> list[Waiter]:
    """The waiting exports in arrival order; files of processes that are gone are removed."""
    out = []
    for name in os.listdir(folder):
        if not name.startswith("w."):
            continue
        try:
            _w, arrived, pid, ticket = name.split(".", 3)
            waiter = Waiter(int(arrived), int(pid), ticket, name)
        except ValueError:
            continue
        if not _alive(waiter.pid):
            with contextlib.suppress(OSError):
                os.unlink(folder / name)
            continue
        out.append(waiter)
    return sorted(out, key=lambda w: (w.arrived_ns, w.name))


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def where(ticket: str) -> dict:
    """{"state": "waiting", "ahead": n} | {"state": "drawing"} | {"state": "unknown"}, and the host's slots."""
    folder = queue_dir()
    info = {"slots": slots()}
    if not TICKET.match(ticket or ""):
        return {**info, "state": "unknown"}
    waiting = _waiters(folder)
    for i, waiter in enumerate(waiting):
        if waiter.ticket == ticket:
            return {**info, "state": "waiting", "ahead": i, "waiting": len(waiting)}
    if (folder / f"r.{ticket}").exists():
        return {**info, "state": "drawing", "waiting": len(waiting)}
    return {**info, "state": "unknown", "waiting": len(waiting)}


def _try_slot(folder: Path, count: int) -> tuple[int, int] | None:
    import fcntl

    for i in range(count):
        fd = os.open(folder / f"slot.{i}", os.O_RDWR | os.O_CREAT, 0o600)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            os.close(fd)
            continue
        return i, fd
    return None


@contextlib.contextmanager
def turn(ticket: str | None = None, wait_s: float = WAIT_S) -> Iterator[str]:
    """Wait for a slot in arrival order, hold it while the body draws, then give it to the next in line.

    Re-entrant per thread (a figure's several renders take one turn). Raises QueueBusy when this process already
    holds process_limit() exports, or when no slot came within `wait_s`."""
    global _in_process
    if getattr(_local, "holding", False):
        yield ticket or ""
        return
    ticket = ticket if ticket and TICKET.match(ticket) else new_ticket()
    with _in_process_lock:
        if _in_process >= process_limit():
            raise QueueBusy("the export service is busy; try again in a moment", retry_after=5)
        _in_process += 1
    folder = queue_dir()
    mine = folder / f"w.{time.time_ns()}.{os.getpid()}.{ticket}"
    running = folder / f"r.{ticket}"
    held = None
    try:
        mine.touch()
        deadline = time.monotonic() + wait_s
        count = slots()
        while held is None:
            ahead = next((i for i, w in enumerate(_waiters(folder)) if w.name == mine.name), 0)
            if ahead < count:
                held = _try_slot(folder, count)
            if held is None:
                if time.monotonic() > deadline:
                    raise QueueBusy(f"the export service is busy (waited {wait_s:g} s); try again in a minute",
                                    retry_after=30)
                time.sleep(POLL_S)
        running.touch()
        mine.unlink(missing_ok=True)
        _local.holding = True
        yield ticket
    finally:
        _local.holding = False
        mine.unlink(missing_ok=True)
        running.unlink(missing_ok=True)
        if held is not None:
            os.close(held[1])  # releases the flock
        with _in_process_lock:
            _in_process -= 1


def _lower_this_thread() -> None:
    """The export thread's own CPU priority (Linux: a thread is a task of its own)."""
    if EXPORT_NICE > 0 and hasattr(threading, "get_native_id"):
        with contextlib.suppress(OSError):
            os.setpriority(os.PRIO_PROCESS, threading.get_native_id(), EXPORT_NICE)


def draw(fn, *args, **kwargs):  # noqa: ANN001, ANN201 - any drawing function and its result
    """Run `fn(*args, **kwargs)` on this process's export thread and wait for it (a forked worker starts its own)."""
    global _drawer
    with _drawer_lock:
        if _drawer is None or _drawer[0] != os.getpid():
            _drawer = (os.getpid(), concurrent.futures.ThreadPoolExecutor(
                max_workers=1, thread_name_prefix="export-draw", initializer=_lower_this_thread))
        executor = _drawer[1]
    holding = getattr(_local, "holding", False)

    def run():  # noqa: ANN202 - the caller's turn goes with the work (render() inside must not queue again)
        _local.holding = holding
        try:
            return fn(*args, **kwargs)
        finally:
            _local.holding = False

    return executor.submit(run).result()
