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
# A strait regime in words with the state its row names (docs/data_model.md: the state bound or benefiting).
REGIME_PHRASES = {
    "free_navigation": _("free navigation for {actor}"),
    "no_fortification": _("no fortification by {actor}"),
    "demilitarised": _("demilitarised on {actor}'s side"),
    "closed_to_foreign_warships": _("closed to non-riparian warships, {actor} to bar them"),
    "fishing_rights": _("fishing rights of {actor}"),
    "fishing_limit": _("fishing limit binding {actor}"),
}
# What a proposal would have done, by the role it proposed; the proposers are named first.
PROPOSED_PHRASES = {
    "sovereignty": _("{proposers} proposed that it pass to {actor} ({event})"),
    "renounced": _("{proposers} proposed that {actor} renounce all right, title and claim to it ({event})"),
    "military_occupation": _("{proposers} proposed its occupation by {actor} ({event})"),
    "concession": _("{proposers} proposed a concession for {actor} ({event})"),
}
CONCESSIONS_GIVEN_UP = _("{proposers} proposed that {actor} give up its concessions here ({event})")
RIGHTS_GIVEN_UP = _("{proposers} proposed that {actor} give up its rights here ({event})")
PROPOSED_OTHER = _("{proposers} proposed: {role} for {actor} ({event})")
PROPOSED_REGIME = _("{proposers} proposed: {regime} ({event})")
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
        text = t("Undetermined")
    elif sov:
        text = _actor(engine, sov, lang, day)
    elif pov == "de_facto":
        kind = terr.get("control_kind")
        if kind in ("military_occupation", "administration"):
            return t("None: held under {role}, not as sovereign", role=role_word(kind, lang))
        if kind == "divided":
            return t("Divided (see control)")
        return t("None recorded")
    elif any(m[0] == pov for m in (terr.get("markers") or {}).get("renounced", [])):
        return t("Renounced, no recipient named")  # the government's stated position is its renunciation
    else:
        return t(NO_POSITION)
    return t("{position} (inferred)", position=text) if terr.get("sovereign_inferred") else text


def _names(engine: Any, actors: list[str], lang: str, day: Any) -> str:
    return gettext_for(lang)(", ").join(_actor(engine, a, lang, day) for a in actors)


def _proposers(rows: list[dict], role: str, actor: str | None, proposed_role: str | None, event: str) -> list[str]:
    """The governments that made a proposal: the asserters of its rows among `rows`."""
    out: list[str] = []
    for row in rows:
        if (row["role"], row.get("actor"), row.get("proposed_role"), row.get("event")) == (
                role, actor, proposed_role, event):
            out += [a for a in row.get("asserted_by") or [] if a != "de_facto" and a not in out]
    return out


def _proposal_text(engine: Any, terr: dict, item: list, lang: str, day: Any) -> str:
    """A proposal in words, naming who proposed what for whom ("USSR proposed giving it to Japan (…)")."""
    t = gettext_for(lang)
    actor, proposed_role, event = item
    rows = terr.get("statuses") or []
    proposers = _names(engine, _proposers(rows, "proposed", actor, proposed_role, event), lang, day)
    words = {"proposers": proposers, "actor": _actor(engine, actor, lang, day),
             "event": _event_title(engine, event, lang)}
    concessions = [c[0] for c in (terr.get("markers") or {}).get("concession") or []]
    if proposed_role == "renounced" and actor in concessions:
        return t(CONCESSIONS_GIVEN_UP, **words)
    template = PROPOSED_PHRASES.get(proposed_role or "sovereignty")
    if template is None:
        return t(PROPOSED_OTHER, role=role_word(proposed_role, lang), **words)
    return t(template, **words)


def _marker_texts(engine: Any, terr: dict, pov: str, lang: str = "en", day: Any = None) -> list[str]:
    """What each marker says. A proposal names its proposers; where the view also shows markers of other
    governments (it knew of them), every other item is prefixed with whose it is, the view's own government
    included ("United Kingdom: promised to USSR (…); Japan: renounced by Japan, …")."""
    t = gettext_for(lang)
    markers = terr.get("markers") or {}
    asserters = terr.get("marker_asserters") or {}
    items: list[tuple[list[str] | None, str]] = []  # (whose, text); None: the text names its authors

    def whose(role: str, i: int) -> list[str]:
        by = asserters.get(role) or []
        return by[i] if i < len(by) else []

    for i, (actor, event) in enumerate(markers.get("promised") or []):
        items.append((whose("promised", i), t("promised to {actor} ({event})", actor=_actor(engine, actor, lang, day),
                                              event=_event_title(engine, event, lang))))
    for item in markers.get("proposed") or []:
        items.append((None, _proposal_text(engine, terr, item, lang, day)))
    for i, (actor, recipient, event) in enumerate(markers.get("renounced") or []):
        who, what = _actor(engine, actor, lang, day), _event_title(engine, event, lang)
        if recipient:
            text = t("renounced by {actor} to {recipient} ({event})", actor=who,
                     recipient=_actor(engine, recipient, lang, day), event=what)
        else:
            text = t("renounced by {actor}, no recipient named ({event})", actor=who, event=what)
        items.append((whose("renounced", i), text))
    for i, (actor, event) in enumerate(markers.get("concession") or []):
        items.append((whose("concession", i), t("concession held by {actor} ({event})",
                                                 actor=_actor(engine, actor, lang, day),
                                                 event=_event_title(engine, event, lang))))
    own = engine.government_of(pov, day) if pov != "de_facto" and hasattr(engine, "government_of") else None
    prefixed = any(by for by, _text in items)
    out = []
    for by, text in items:
        if by is None or not (by or (prefixed and own)):
            out.append(text)
        else:
            out.append(t("{who}: {what}", who=_names(engine, by or [own], lang, day), what=text))
    return out


def _regime_text(engine: Any, row: dict, lang: str, day: Any) -> str:
    """A strait or zone row in words: the regime with the state it concerns; a proposal names its proposers."""
    t = gettext_for(lang)
    proposed = row["role"] == "proposed"
    regime = row.get("proposed_role") if proposed else row["role"]
    actor = row.get("actor")
    if proposed and regime not in REGIME_PHRASES:  # a proposal about rights or control in a strait or zone
        words = {"proposers": _names(engine, [a for a in row.get("asserted_by") or [] if a != "de_facto"], lang, day),
                 "actor": _actor(engine, actor, lang, day), "event": _event_title(engine, row.get("event"), lang)}
        if regime == "renounced":
            return t(RIGHTS_GIVEN_UP, **words)
        if regime in PROPOSED_PHRASES:
            return t(PROPOSED_PHRASES[regime], **words)
        return t(PROPOSED_OTHER, role=role_word(regime, lang), **words)
    if regime in REGIME_PHRASES and actor:
        what = t(REGIME_PHRASES[regime], actor=_actor(engine, actor, lang, day))
    else:
        what = role_word(regime, lang)
        if actor:
            what = t("{role} for {actor}", role=what, actor=_actor(engine, actor, lang, day))
    if not proposed:
        return what
    proposers = [a for a in row.get("asserted_by") or [] if a != "de_facto"]
    return t(PROPOSED_REGIME, proposers=_names(engine, proposers, lang, day), regime=what,
             event=_event_title(engine, row.get("event"), lang))


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
            "other_roles": sep.join(_marker_texts(engine, terr, pov, lang, date)) or "—",
            "sources": _sources(terr.get("statuses") or []),
        })
    for target, statuses in state["regimes"].items():
        if not statuses:
            continue
        roles = []
        for s in statuses:
            text = _regime_text(engine, s, lang, date)
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
