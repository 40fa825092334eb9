"""Compare two map states side by side: two dates, two points of view or two treaties (pure, unit-tested).

A side is (mode, date, pov, event) exactly as the map shows it. "What changed" compares the two sides' text
tables (app/table.py) place by place and column by column, so it says in words what the two maps show in
colour; when both sides are dates, the events the engine's diff holds responsible are listed too.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from app import table
from app.i18n import format_date_for, gettext_for, localised
from app.pov_label import pov_label


@dataclass(frozen=True)
class Side:
    mode: str = "date"
    date: str = "1945-09-05"
    pov: str = "de_facto"
    event: str | None = None

    def is_event(self, engine: Any) -> bool:
        return self.mode == "event" and self.event in engine.events


def title(engine: Any, side: Side, lang: str = "en") -> str:
    t = gettext_for(lang)
    if side.is_event(engine):
        return t("What {event} provides", event=localised(engine.events[side.event].title, lang)[0])
    date = format_date_for(side.date, lang)
    return t("{date} — {pov}", date=date, pov=pov_label(engine, side.pov, side.date, lang))


def what_is_compared(engine: Any, a: Side, b: Side, lang: str = "en") -> str:
    t = gettext_for(lang)
    if a.is_event(engine) or b.is_event(engine):
        return t("Two treaties or proposals")
    if a.date != b.date and a.pov != b.pov:
        return t("Two dates and two points of view")
    if a.pov != b.pov:
        return t("Two points of view on the same day")
    if a.date != b.date:
        return t("Two dates, the same point of view")
    return t("The same map on both sides")


def changes(engine: Any, a: Side, b: Side, lang: str = "en") -> dict:
    """{"items": [{"target", "place", "column", "header", "a", "b"}], "events": [event id, …]}.

    Items follow the order of the places in side A's table, then places only side B has; texts in
    `lang` (the columns compared are the same in every language).
    """
    rows_a = table.rows_for(engine, a.mode, a.date, a.pov, a.event, lang)
    rows_b = table.rows_for(engine, b.mode, b.date, b.pov, b.event, lang)
    by_a = {r["target"]: r for r in rows_a}
    by_b = {r["target"]: r for r in rows_b}
    order = [r["target"] for r in rows_a] + [r["target"] for r in rows_b if r["target"] not in by_a]
    items = []
    empty = {c: "—" for c in table.COLUMNS}
    for target in order:
        ra, rb = by_a.get(target, empty), by_b.get(target, empty)
        place = (by_a.get(target) or by_b.get(target))["place"]
        for column in table.COLUMNS[1:-1]:  # sources are listed, not compared
            if ra[column] != rb[column]:
                items.append({"target": target, "place": place, "column": column,
                              "header": table.header(column, lang), "a": ra[column], "b": rb[column]})
    events: list[str] = []
    if not a.is_event(engine) and not b.is_event(engine) and a.date != b.date:
        events = list(engine.diff(a.date, b.date, a.pov).get("events") or [])
    return {"items": items, "events": events}
