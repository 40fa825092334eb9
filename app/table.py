"""The map as a text table: pure functions from the engine's answers to rows (and CSV).

The table follows the map: "On this date" (a date and a point of view) gives one row per territory unit and per
strait or zone; "Treaty or proposal" gives one row per place the event provides for. It is the accessible
alternative to the colours and patterns, and useful on its own (CSV download).
"""

from __future__ import annotations

import csv
import io
from typing import Any

from app import styles

COLUMNS = ["place", "control", "sovereign", "claimed_by", "other_roles", "sources"]
HEADERS = {
    "place": "Place",
    "control": "Control on the ground (de facto)",
    "sovereign": "Sovereign in this point of view",
    "claimed_by": "Claimed by",
    "other_roles": "Other roles",
    "sources": "Sources",
}
NO_POSITION = "No stated position"
ROLE_WORDS = {
    "sovereignty": "sovereignty", "military_occupation": "military occupation", "administration": "administration",
    "claim": "claim", "undetermined": "sovereignty undetermined", "renounced": "renounced", "promised": "promised",
    "proposed": "proposed", "concession": "concession", **{r: label.lower() for r, label in styles.REGIME_LABELS.items()},
}


def _actor(engine: Any, actor: str | None) -> str:
    if not actor:
        return "—"
    a = engine.timeline.actors.get(actor)
    return a.names.en if a is not None else actor


def _event_title(engine: Any, event_id: str | None) -> str:
    ev = engine.events.get(event_id) if event_id else None
    return ev.title.en if ev is not None else (event_id or "")


def _place_name(engine: Any, target: str) -> str:
    reg = engine.registry
    item = (reg.territory_units.get(target) or reg.features.get(target) or reg.straits.get(target)
            or reg.zones.get(target) or reg.lines.get(target))
    if item is None:
        return target
    names = item.names
    parts = [names.en] + [n for n in (names.ja, names.ru) if n and n != names.en]
    return " · ".join(parts)


def _sources(rows: list[dict]) -> list[str]:
    out: list[str] = []
    for row in rows:
        for key in row.get("sources") or []:
            if key not in out:
                out.append(key)
    return out


def _control_text(engine: Any, terr: dict) -> str:
    kind = terr.get("control_kind")
    if kind == "divided":
        parts = []
        for feature, c in terr["features"].items():
            name = _place_name(engine, feature).split(" · ")[0]
            parts.append(f"{name}: {_actor(engine, c['controlled_by'])} "
                         f"({ROLE_WORDS.get(c['control_kind'] or '', c['control_kind'] or '')})")
        return "Divided — " + "; ".join(parts)
    if not terr.get("controlled_by"):
        return "No control recorded"
    return f"{_actor(engine, terr['controlled_by'])} ({ROLE_WORDS.get(kind or '', kind or '')})"


def _sovereign_text(engine: Any, terr: dict, pov: str) -> str:
    sov = terr.get("sovereign")
    if sov == "undetermined":
        return "Undetermined"
    if sov:
        return _actor(engine, sov)
    return "None (military occupation or no sovereignty row)" if pov == "de_facto" else NO_POSITION


def _marker_texts(engine: Any, markers: dict) -> list[str]:
    out = []
    for actor, event in markers.get("promised") or []:
        out.append(f"promised to {_actor(engine, actor)} ({_event_title(engine, event)})")
    for actor, role, event in markers.get("proposed") or []:
        what = ROLE_WORDS.get(role or "sovereignty", role or "")
        out.append(f"proposed: {what} for {_actor(engine, actor)} ({_event_title(engine, event)})")
    for actor, recipient, event in markers.get("renounced") or []:
        to = f" to {_actor(engine, recipient)}" if recipient else ", no recipient named"
        out.append(f"renounced by {_actor(engine, actor)}{to} ({_event_title(engine, event)})")
    for actor, event in markers.get("concession") or []:
        out.append(f"concession held by {_actor(engine, actor)} ({_event_title(engine, event)})")
    return out


def state_rows(engine: Any, date: str, pov: str = "de_facto") -> list[dict]:
    """One row per territory unit, then per strait/zone with a regime, for a date in a point of view."""
    state = engine.state(date, pov)
    rows = []
    for unit, terr in state["territories"].items():
        rows.append({
            "target": unit, "kind": "territory",
            "place": _place_name(engine, unit),
            "control": _control_text(engine, terr),
            "sovereign": _sovereign_text(engine, terr, pov),
            "claimed_by": ", ".join(_actor(engine, a) for a in terr.get("claimed_by") or []) or "—",
            "other_roles": "; ".join(_marker_texts(engine, terr.get("markers") or {})) or "—",
            "sources": _sources(terr.get("statuses") or []),
        })
    for target, statuses in state["regimes"].items():
        if not statuses:
            continue
        roles = []
        for s in statuses:
            who = f" ({_actor(engine, s['actor'])})" if s.get("actor") else ""
            text = ROLE_WORDS.get(s["role"], s["role"]) + who
            if text not in roles:
                roles.append(text)
        rows.append({"target": target, "kind": "regime", "place": _place_name(engine, target), "control": "—",
                     "sovereign": "—", "claimed_by": "—", "other_roles": "; ".join(roles),
                     "sources": _sources(statuses)})
    return rows


def event_rows(engine: Any, event_id: str) -> list[dict]:
    """One row per place the event provides for (what a draft or proposal would have given)."""
    provided = engine.event_map(event_id)["provides"]
    rows = []
    for group in ("territories", "regimes", "lines"):
        for place, statuses in provided.get(group, {}).items():
            roles = []
            for s in statuses:
                role = s["role"]
                if role == "proposed":
                    role_text = f"proposed: {ROLE_WORDS.get(s.get('proposed_role') or 'sovereignty', '')}"
                else:
                    role_text = ROLE_WORDS.get(role, role)
                target = "" if s["target"] == place else f" [{_place_name(engine, s['target']).split(' · ')[0]}]"
                text = f"{role_text} — {_actor(engine, s['actor'])}{target}"
                if text not in roles:
                    roles.append(text)
            rows.append({"target": place, "kind": group, "place": _place_name(engine, place), "control": "—",
                         "sovereign": "—", "claimed_by": "—", "other_roles": "; ".join(roles),
                         "sources": _sources(statuses)})
    return rows


def rows_for(engine: Any, mode: str, date: str, pov: str, event_id: str | None) -> list[dict]:
    if mode == "event" and event_id in engine.events:
        return event_rows(engine, event_id)
    return state_rows(engine, date, pov)


def caption_for(engine: Any, mode: str, date: str, pov: str, event_id: str | None) -> str:
    if mode == "event" and event_id in engine.events:
        return f"What {_event_title(engine, event_id)} provides, place by place"
    return f"The map on {date} — {styles.POV_LABELS.get(pov, pov)}"


def to_csv(engine: Any, rows: list[dict]) -> str:
    """CSV (UTF-8 text): the columns above, sources as keys and as full citations."""
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\n")
    writer.writerow(["target", *[HEADERS[c] for c in COLUMNS[:-1]], "Source keys", "Citations"])
    for row in rows:
        cites = []
        for key in row["sources"]:
            src = engine.timeline.sources.get(key)
            cites.append(src.citation + (f", {src.locator}" if src and src.locator else "") if src else key)
        writer.writerow([row["target"], *[row[c] for c in COLUMNS[:-1]], " ".join(row["sources"]),
                         " | ".join(cites)])
    return buf.getvalue()
