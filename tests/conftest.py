"""The whole suite's order: the longest tests start first, so that `make test`'s two workers finish together
(xdist hands tests out in collection order; long ones at the end left a core idle for a minute and more)."""

from __future__ import annotations

# Longest first: waits on real processes (a host killed, a browser hung) overlap the CPU-bound tests, and the
# print sweep and the round trips no longer run alone at the end.
LONG_FIRST = (
    "tests/deploy/",
    "tests/faults/",
    "tests/unit/test_export_sweep.py",
    "tests/browser/test_state.py",
    "tests/browser/test_phone.py",
    "tests/unit/test_export_render.py",
    "tests/unit/test_lessons.py",
    "tests/unit/test_export_proxies.py",
    "tests/unit/test_fuzz_callbacks.py",
)


def _rank(item) -> int:
    path = item.nodeid
    return next((i for i, prefix in enumerate(LONG_FIRST) if path.startswith(prefix)), len(LONG_FIRST))


def pytest_collection_modifyitems(session, config, items) -> None:  # noqa: ARG001 - pytest's hook signature
    items.sort(key=_rank)
