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
from app.i18n import _, format_date_for, gettext_for, localised
from app.pov_label import pov_label

COLUMNS = ["place", "control", "sovereign", "claimed_by", "other_roles", "sources"]
HEADERS = {
    "place": _("Place"),
    "control": _("Control on the ground (de facto)"),
    "sovereign": _("Sovereign in this point of view"),
    "claimed_by": _("Claimed by"),
    "other_roles": _("Other roles"),
    "sources": _("Sources"),
}
NO_POSITION = _("No stated position")
ROLE_WORDS = {
    "sovereignty": _("sovereignty"), "military_occupation": _("military occupation"),
    "administration": _("administration"), "claim": _("claim"),
    "undetermined": _("sovereignty undetermined"), "renounced": _("renounced"), "promised": _("promised"),
    "proposed": _("proposed"), "concession": _("concession"),
}


def header(column: str, lang: str = "en") -> str:
    """A column's header in the interface language."""
    return gettext_for(lang)(HEADERS[column])


def role_word(role: str | None, lang: str = "en") -> str:
    """A status role (or strait regime) in words, lower case, in the interface language."""
    t = gettext_for(lang)
    if not role:
        return ""
    if role in ROLE_WORDS:
        return t(ROLE_WORDS[role])
    if role in styles.REGIME_LABELS:
        return t(styles.REGIME_LABELS[role]).lower()
    return role


def _actor(engine: Any, actor: str | None, lang: str = "en", day: Any = None) -> str:
    """An actor's name, on `day` when given (the USSR in 1956, Soviet Russia in 1920)."""
    if not actor:
        return "—"
    names = engine.names_on(actor, day) if hasattr(engine, "names_on") else None
    if names is None:
        a = engine.timeline.actors.get(actor)
        names = a.names if a is not None else None
    return localised(names, lang)[0] if names is not None else actor


def _event_title(engine: Any, event_id: str | None, lang: str = "en") -> str:
    ev = engine.events.get(event_id) if event_id else None
    return localised(ev.title, lang)[0] if ev is not None else (event_id or "")


def _place_name(engine: Any, target: str, lang: str = "en") -> str:
    """The place's name in the interface language, then its Japanese and Russian names (" · ")."""
    reg = engine.registry
    item = (reg.territory_units.get(target) or reg.features.get(target) or reg.straits.get(target)
            or reg.zones.get(target) or reg.lines.get(target))
    if item is None:
        return target
    names = item.names
    parts = [localised(names, lang)[0]]
    parts += [n for n in (names.ja, names.ru) if n and n not in parts]
    return " · ".join(parts)


def _sources(rows: list[dict]) -> list[str]:
    out: list[str] = []
    for row in rows:
        for key in row.get("sources") or []:
            if key not in out:
                out.append(key)
    return out


def _control_text(engine: Any, terr: dict, lang: str = "en", day: Any = None) -> str:
    t = gettext_for(lang)
    kind = terr.get("control_kind")
    if kind == "divided":
        parts = []
        for feature, c in terr["features"].items():
            name = _place_name(engine, feature, lang).split(" · ")[0]
            parts.append(t("{place}: {actor} ({role})", place=name,
                           actor=_actor(engine, c["controlled_by"], lang, day),
                           role=role_word(c["control_kind"], lang)))
        return t("Divided — {parts}", parts=t("; ").join(parts))
    if not terr.get("controlled_by"):
        return t("No control recorded")
    return t("{actor} ({role})", actor=_actor(engine, terr["controlled_by"], lang, day), role=role_word(kind, lang))


def _sovereign_text(engine: Any, terr: dict, pov: str, lang: str = "en", day: Any = None) -> str:
    t = gettext_for(lang)
    sov = terr.get("sovereign")
    if sov == "undetermined":
        return t("Undetermined")
    if sov:
        return _actor(engine, sov, lang, day)
    if pov == "de_facto":
        return t("None (military occupation or no sovereignty row)")
    if any(m[0] == pov for m in (terr.get("markers") or {}).get("renounced", [])):
        return t("Renounced, no recipient named")  # the government's stated position is its renunciation
    return t(NO_POSITION)


def _marker_texts(engine: Any, markers: dict, lang: str = "en", asserters: dict | None = None,
                  day: Any = None) -> list[str]:
    """What each marker says; one the view shows only because its government knew of it is prefixed with
    the governments that asserted it ("United Kingdom: renounced by Japan, …")."""
    t = gettext_for(lang)
    out = []

    def add(role: str, i: int, text: str) -> None:
        by = ((asserters or {}).get(role) or [])
        who = by[i] if i < len(by) else []
        out.append(t("{who}: {what}", who=t(", ").join(_actor(engine, a, lang, day) for a in who), what=text)
                   if who else text)

    for i, (actor, event) in enumerate(markers.get("promised") or []):
        add("promised", i, t("promised to {actor} ({event})", actor=_actor(engine, actor, lang, day),
                             event=_event_title(engine, event, lang)))
    for i, (actor, role, event) in enumerate(markers.get("proposed") or []):
        add("proposed", i, t("proposed: {role} for {actor} ({event})", role=role_word(role or "sovereignty", lang),
                             actor=_actor(engine, actor, lang, day), event=_event_title(engine, event, lang)))
    for i, (actor, recipient, event) in enumerate(markers.get("renounced") or []):
        who, what = _actor(engine, actor, lang, day), _event_title(engine, event, lang)
        if recipient:
            add("renounced", i, t("renounced by {actor} to {recipient} ({event})", actor=who,
                                  recipient=_actor(engine, recipient, lang, day), event=what))
        else:
            add("renounced", i, t("renounced by {actor}, no recipient named ({event})", actor=who, event=what))
    for i, (actor, event) in enumerate(markers.get("concession") or []):
        add("concession", i, t("concession held by {actor} ({event})", actor=_actor(engine, actor, lang, day),
                               event=_event_title(engine, event, lang)))
    return out


def state_rows(engine: Any, date: str, pov: str = "de_facto", lang: str = "en") -> list[dict]:
    """One row per territory unit, then per strait/zone with a regime, for a date in a point of view
    (texts in `lang`; the CSV uses English)."""
    t = gettext_for(lang)
    sep = t("; ")
    state = engine.state(date, pov)
    rows = []
    for unit, terr in state["territories"].items():
        rows.append({
            "target": unit, "kind": "territory",
            "place": _place_name(engine, unit, lang),
            "control": _control_text(engine, terr, lang, date),
            "sovereign": _sovereign_text(engine, terr, pov, lang, date),
            "claimed_by": t(", ").join(_actor(engine, a, lang, date) for a in terr.get("claimed_by") or []) or "—",
            "other_roles": sep.join(_marker_texts(engine, terr.get("markers") or {}, lang,
                                                  terr.get("marker_asserters"), date)) or "—",
            "sources": _sources(terr.get("statuses") or []),
        })
    for target, statuses in state["regimes"].items():
        if not statuses:
            continue
        roles = []
        for s in statuses:
            text = role_word(s["role"], lang)
            if s.get("actor"):
                text = t("{actor} ({role})", actor=text, role=_actor(engine, s["actor"], lang))
            if text not in roles:
                roles.append(text)
        rows.append({"target": target, "kind": "regime", "place": _place_name(engine, target, lang),
                     "control": "—", "sovereign": "—", "claimed_by": "—", "other_roles": sep.join(roles),
                     "sources": _sources(statuses)})
    return rows


def event_rows(engine: Any, event_id: str, lang: str = "en") -> list[dict]:
    """One row per place the event provides for (what a draft or proposal would have given)."""
    t = gettext_for(lang)
    provided = engine.event_map(event_id)["provides"]
    rows = []
    for group in ("territories", "regimes", "lines"):
        for place, statuses in provided.get(group, {}).items():
            roles = []
            for s in statuses:
                role = s["role"]
                if role == "proposed":
                    role_text = t("proposed: {role}",
                                  role=role_word(s.get("proposed_role") or "sovereignty", lang))
                else:
                    role_text = role_word(role, lang)
                text = f"{role_text} — {_actor(engine, s['actor'], lang)}"
                if s["target"] != place:
                    text += f" [{_place_name(engine, s['target'], lang).split(' · ')[0]}]"
                if text not in roles:
                    roles.append(text)
            rows.append({"target": place, "kind": group, "place": _place_name(engine, place, lang),
                         "control": "—", "sovereign": "—", "claimed_by": "—",
                         "other_roles": t("; ").join(roles), "sources": _sources(statuses)})
    return rows


def rows_for(engine: Any, mode: str, date: str, pov: str, event_id: str | None,
             lang: str = "en") -> list[dict]:
    if mode == "event" and event_id in engine.events:
        return event_rows(engine, event_id, lang)
    return state_rows(engine, date, pov, lang)


def caption_for(engine: Any, mode: str, date: str, pov: str, event_id: str | None,
                lang: str = "en") -> str:
    t = gettext_for(lang)
    if mode == "event" and event_id in engine.events:
        return t("What {event} provides, place by place", event=_event_title(engine, event_id, lang))
    return t("The map on {date} — {pov}", date=format_date_for(date, lang),
             pov=pov_label(engine, pov, date, lang))


BOM = "\ufeff"


def to_csv(engine: Any, rows: list[dict], lang: str = "en") -> str:
    """CSV (UTF-8 with a byte-order mark, so that Excel on Windows reads 樺太 and Сахалин): the columns above,
    each source as a readable citation, then the full references. `place_id` joins the layers' GeoJSON `id`.

    Its column names stay English whatever the interface language (the callback builds its rows in English
    too); the on-screen table follows the interface language."""
    from app.page.cite import cite_dicts

    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\r\n")
    writer.writerow(["place_id", *[HEADERS[c] for c in COLUMNS[:-1]], "Sources", "Full references"])
    for row in rows:
        cites = cite_dicts(engine, list(row["sources"]), lang)
        writer.writerow([row["target"], *[row[c] for c in COLUMNS[:-1]], " | ".join(c["short"] for c in cites),
                         " | ".join(c["full"] + (f" {c['url']}" if c.get("url") else "") for c in cites)])
    return BOM + buf.getvalue()
