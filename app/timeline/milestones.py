"""Two facts about a day, one rule each: its headline event, and the instruments in force on it.

* **Headline.** An event happens on its date (`sort_date`) and again when it enters into force (San Francisco:
  signed 8 Sep 1951, in force 28 Apr 1952). The headline of a day is the latest of these milestones on or
  before it; on one day the later-dated event wins (12 Dec 1956: the Joint Declaration of 19 Oct, not the
  Fisheries Convention of 14 May), then the event id. Context events before the map's range count, so
  1 Jan 1905 is headed by the Treaty of Saint Petersburg (in force 22 Aug 1875).
* **In force.** An event is in force on a day when the data gives it an entry-into-force date on or before
  that day and no `ended` date on or before it. Nothing else is "in force": a treaty only signed, a secret
  agreement, a directive, a speech are events, not instruments in force.

The headline's *status* on a day says which of the two it is: `in_force`, else `rejected` (the data's outcome),
else `signed` (its milestone is its signature), else `dated` ("latest event"). engine.current_event, the paint
table's marks (assets/map_paint.js) and app/cartography/resolve.py all read these rules from here.
"""

from __future__ import annotations

import bisect
import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

STATUSES = ("in_force", "rejected", "signed", "dated")


@dataclass(frozen=True, order=True)
class Milestone:
    """One day an event happens: its date (`signed` when it is the signature, else `dated`) or `in_force`."""

    day: dt.date
    sort_date: dt.date
    event: str
    what: str  # signed | in_force | dated


def event_milestones(ev: Any) -> list[Milestone]:
    """The days an event happens, in the order the headline rule weighs them."""
    in_force = ev.dates.get("in_force")
    out = []
    for day in dict.fromkeys(d for d in (ev.sort_date, in_force) if d is not None):
        what = "in_force" if day == in_force else "signed" if day == ev.dates.get("signed") else "dated"
        out.append(Milestone(day, ev.sort_date, ev.id, what))
    return out


def milestones(events: Iterable[Any]) -> tuple[Milestone, ...]:
    """Every milestone of `events` (timeline Event models), in headline order."""
    return tuple(sorted(m for ev in events for m in event_milestones(ev)))


_BY_EVENTS: dict[int, tuple[tuple[Milestone, ...], list[dt.date]]] = {}


def _indexed(events: dict[str, Any]) -> tuple[tuple[Milestone, ...], list[dt.date]]:
    found = _BY_EVENTS.get(id(events))
    if found is None:
        ms = milestones(events.values())
        found = _BY_EVENTS[id(events)] = (ms, [m.day for m in ms])
    return found


def headline(events: dict[str, Any], day: dt.date) -> Milestone | None:
    """The latest milestone on or before `day` (None before every event)."""
    ms, days = _indexed(events)
    i = bisect.bisect_right(days, day)
    return ms[i - 1] if i else None


def in_force(ev: Any, day: dt.date) -> bool:
    """The data says the event entered into force on or before `day` and had not ended by then."""
    start, end = ev.dates.get("in_force"), ev.dates.get("ended")
    return start is not None and start <= day and (end is None or day < end)


def in_force_on(events: dict[str, Any], day: dt.date) -> tuple[str, ...]:
    """The instruments in force on `day`, the most recent entry into force first."""
    live = [ev for ev in events.values() if in_force(ev, day)]
    return tuple(ev.id for ev in sorted(live, key=lambda e: (e.dates["in_force"], e.sort_date, e.id), reverse=True))


def status(ev: Any, milestone: Milestone, day: dt.date) -> str:
    """What the headline may say of its event on `day`: in_force, rejected, signed or dated (see the module)."""
    if in_force(ev, day):
        return "in_force"
    if ev.outcome is not None and ev.outcome.status == "rejected":
        return "rejected"
    return "signed" if milestone.what == "signed" else "dated"


def in_force_end(ev: Any) -> dt.date | None:
    """The day an event stops being in force (its `ended` date), if it ever is."""
    return ev.dates.get("ended") if ev.dates.get("in_force") is not None else None


def event_status(ev: Any, day: dt.date) -> str:
    """What may be said on `day` of one event (its latest milestone on or before the day, by `status`)."""
    found = [m for m in event_milestones(ev) if m.day <= day]
    return status(ev, found[-1], day) if found else "dated"
