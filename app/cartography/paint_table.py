"""The paint table: the engine's piecewise-constant values turned into paint keys, shipped once to the browser.

Built once at start-up from `engine.paint_segments(perspective)` (docs/api.md) for the four core points of
view, plus the "where they disagree" flags, one paint per event from `engine.event_map(event_id)`, the event
marks of the slider and the label name forms. What the map shows for a state is read from it by one function,
app/cartography/resolve.py, and its mirror in assets/map_paint.js (`skmap.resolve`).

Table (JSON):
  locations  [id]                          drawn order: straits, zones, territory features
  names      [str]                         hover title per location
  keys       [{key, fill, pattern, stroke, width, dash, text}]
             `key` is the paint key (styles.TerritoryPaint / StraitPaint), with "|proposed:<regimes>" where a
             strait's or zone's regimes are only proposed
  pov        {pov: [[starts(day idx)], [key idx]] per location}
  diff       [[starts], [0|1]] per location
  notes      {texts: [str], pov: {pov: {location idx: [[starts], [text idx]]}}}   whose marker a paint shows
             when the view shows it only because its government knew of another's position (text 0: none)
  lines      [{id, name, geometry, seg: [[starts], [0|1]], key: {in_force, proposed, provided}}]
             a line is drawn only where seg is 1 (a row of it in force) or in Treaty mode for a document
             that provides it; `name` says what it is and when it ran, `key` its Key rows
  lineStyles [proposed style, in force style]
  labels     [{id, kind, tier, lon, lat, starts, en, ja, ru, zh}]   date-correct forms (labels.label_specs)
  marks      [{day, id, what, status, end?}]   the headline's milestones in the range, in its order
             (app/timeline/milestones.py); `prelude` the last one before the range
  inForce    [[starts], [[event ids]]]     the instruments in force (milestones.in_force_on)
  govs       {pov: [[day, name, short]]}   what each point of view is called from each day (app/pov_label.py)
  max_day
  i18n       {lang, htmlLang, disagree, before, showing, play, pause, signed, in_force, dated, date}  strings
             the painter writes (`date`: app.i18n.date_pattern_for)
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from app import pov_label, styles
from app.i18n import HTML_LANG, date_pattern_for, gettext_for, localised, normalise_lang
from app.layers import load_layers, load_registry
from app.mapstate import LANGS, MAX_DAY, MIN_DATE, POVS
from app.timeline import milestones

from .insets import INSETS, TITLE_PX, locator_ring
from .key import LINE_IN_FORCE, LINE_PROPOSED, LINE_PROVIDED, note_words
from .labels import inset_title, label_specs
from .ladder import ladder_for, shared
from .projection import MapProjection
from .resolve import group_notes
from .symbols import TARGET_PX, TOUCH_TARGET_PX
from .views import GEO_VIEW

CONTROL = ("sovereignty", "military_occupation", "administration")


def day_of(iso: str) -> int:
    """Day index of an ISO date; a year-only or year-month bound is taken at its first day (the earliest
    defensible day, as in docs/data_model.md)."""
    text = str(iso)
    if len(text) == 4:
        text += "-01-01"
    elif len(text) == 7:
        text += "-01"
    return (dt.date.fromisoformat(text) - MIN_DATE).days


class KeyRegistry:
    """The table's paint keys: one entry per paint (and, for a strait or zone, per set of regimes only proposed)."""

    def __init__(self, lang: str = "en") -> None:
        self.index: dict[str, int] = {}
        self.keys: list[dict[str, Any]] = []
        self.paints: list[Any] = []
        self.lang = lang

    def add(self, paint: Any, proposed: tuple[str, ...] = ()) -> int:
        key = paint.key + (f"|proposed:{','.join(proposed)}" if proposed else "")
        if key not in self.index:
            if isinstance(paint, styles.TerritoryPaint):
                style = styles.territory_style(paint)
                text = styles.describe_territory(paint, self.lang)
            elif isinstance(paint, styles.StraitPaint):
                style = styles.strait_style(paint)
                text = describe_regimes(paint.regimes, proposed, self.lang)
            else:
                style = {"fill": "rgba(0,0,0,0)", "pattern": None, "stroke": "rgba(0,0,0,0)", "width": 0,
                         "dash": ""}
                text = ""
            self.index[key] = len(self.keys)
            self.keys.append({"key": key, **style, "text": text})
            self.paints.append(paint)
        return self.index[key]


def describe_regimes(regimes: tuple[str, ...], proposed: tuple[str, ...], lang: str) -> str:
    """A strait's regimes in words, each only proposed said to be so ("Free navigation (proposed)")."""
    t = gettext_for(lang)
    if not regimes:
        return t("No regime")
    return t(", ").join(t("{regime} (proposed)", regime=t(styles.REGIME_LABELS.get(r, r))) if r in proposed
                        else t(styles.REGIME_LABELS.get(r, r)) for r in regimes)


def proposed_regimes(value: dict) -> tuple[str, ...]:
    """The strait regimes a paint value shows only as proposed (no row puts them in force)."""
    in_force = {r for r, _ in value.get("roles") or [] if r in styles.STRAIT_REGIMES}
    return tuple(sorted({p[1] for p in value.get("proposed") or [] if len(p) > 1 and p[1] in styles.STRAIT_REGIMES}
                        - in_force))


EMPTY_ZONE = styles.StraitPaint(())  # nothing in force: transparent


def _groups(actors: list[str | None], groups: dict[str, str]) -> tuple[str, ...]:
    return tuple(sorted({styles.group_of(a, groups) for a in actors if a}))


def territory_paint(value: dict, pov: str, groups: dict[str, str]) -> styles.TerritoryPaint:
    """One feature's paint from a paint_segments value, in a point of view."""
    if pov == "de_facto":
        holder_actor = value.get("controlled_by")
        holder = styles.group_of(holder_actor, groups) if holder_actor else "none"
        mode = value.get("control_kind") or "none"
        if mode not in CONTROL:
            mode = "sovereignty" if holder != "none" else "none"
    else:
        sov = value.get("sovereign")
        if sov == "undetermined":
            holder, mode = "undetermined", "undetermined"
        elif sov:
            holder, mode = styles.group_of(sov, groups), "sovereignty"
        else:
            holder, mode = "none", "none"
    claims = tuple(c for c in _groups(value.get("claimed_by") or [], groups) if c != holder)
    if holder == "none" and value.get("renounced"):
        holder, mode = "undetermined", "renounced"
    promised = next((styles.group_of(p[0], groups) for p in value.get("promised") or [] if p and p[0]), None)
    proposed = next((styles.group_of(p[0], groups) for p in value.get("proposed") or [] if p and p[0]), None)
    return styles.TerritoryPaint(holder, mode, claims, promised, proposed)


def other_paint(value: dict, kind: str, groups: dict[str, str]) -> Any:
    """A strait's or zone's paint from its value {roles: [[role, actor]], proposed: [[actor, role, ev]], …}."""
    roles = value.get("roles") or []
    regimes = {r for r, _ in roles if r in styles.STRAIT_REGIMES}
    regimes |= {p[1] for p in value.get("proposed") or [] if len(p) > 1 and p[1] in styles.STRAIT_REGIMES}
    if kind == "strait" or regimes:
        return styles.StraitPaint(tuple(sorted(regimes)))
    control = [(r, a) for r, a in roles if r in CONTROL]
    claims = [a for r, a in roles if r == "claim"]
    promised = next((styles.group_of(p[0], groups) for p in value.get("promised") or [] if p and p[0]), None)
    proposed = next((styles.group_of(p[0], groups) for p in value.get("proposed") or [] if p and p[0]), None)
    if not control and not claims and not promised and not proposed:
        return EMPTY_ZONE
    holder, mode = ("none", "none")
    if control:
        holder, mode = styles.group_of(control[0][1], groups), control[0][0]
    return styles.TerritoryPaint(holder, mode, _groups(claims, groups), promised, proposed)


def _runs_to_seg(runs: list[tuple[int, int]]) -> list[list[int]]:
    starts: list[int] = []
    vals: list[int] = []
    for start, val in runs:
        if vals and vals[-1] == val:
            continue
        starts.append(max(start, 0))
        vals.append(val)
    return [starts, vals]


def js_strings(lang: str) -> dict[str, str]:
    """The few interface strings assets/map_paint.js writes itself, in `lang`."""
    t = gettext_for(lang)
    return {"lang": normalise_lang(lang), "htmlLang": HTML_LANG[normalise_lang(lang)],
            "disagree": t("The points of view disagree here"), "before": t("Before the first event"),
            "showing": t("Showing what it provides: {title}"), "play": t("▶ Play"), "pause": t("⏸ Pause"),
            "signed": t("{title} — signed {date}"), "in_force": t("{title} — in force {date}"),
            "dated": t("{title} — {date}"), "date": date_pattern_for(lang)}


def _day_date(day: int) -> dt.date:
    return MIN_DATE + dt.timedelta(days=day)


def _mark(engine: Any, m: milestones.Milestone) -> dict:
    """One milestone of the headline: its day, event, what happened, the status it gives the headline on that
    day and, when that status ends (an instrument's `ended`), the day it does. Its words are the painter's
    (`i18n` signed / inForce / dated, with the event's title from the event paints)."""
    ev = engine.events[m.event]
    out = {"day": (m.day - MIN_DATE).days, "id": m.event, "what": m.what, "status": milestones.status(ev, m, m.day)}
    end = milestones.in_force_end(ev)
    if end is not None:
        out["end"] = (end - MIN_DATE).days
    return out


def headline_marks(engine: Any) -> tuple[list[dict], dict | None]:
    """The marks of the map's range in the headline's order, and the last milestone before the range."""
    marks, prelude = [], None
    for m in milestones.milestones(engine.events.values()):
        day = (m.day - MIN_DATE).days
        if day < 0:
            prelude = _mark(engine, m)
        elif day <= MAX_DAY:
            marks.append(_mark(engine, m))
    return marks, prelude


def in_force_runs(engine: Any) -> list[list]:
    """[[starts], [[event ids]]]: the instruments in force from each day they change (milestones.in_force_on)."""
    days = {0}
    for ev in engine.events.values():
        for d in (ev.dates.get("in_force"), milestones.in_force_end(ev)):
            if d is not None and 0 < (d - MIN_DATE).days <= MAX_DAY:
                days.add((d - MIN_DATE).days)
    starts, values = [], []
    for day in sorted(days):
        ids = list(milestones.in_force_on(engine.events, _day_date(day)))
        if not values or values[-1] != ids:
            starts.append(day)
            values.append(ids)
    return [starts, values]


def _actor_name(engine: Any, actor: str | None, day: dt.date, lang: str) -> str:
    names = engine.names_on(actor, day) if actor else None
    return localised(names, lang)[0] if names is not None else (actor or "")


def _note(engine: Any, unit_state: dict, paint: Any, groups: dict[str, str], day: dt.date, lang: str
          ) -> tuple[tuple[str, str], ...]:
    """Whose marker a feature's paint shows when its view shows it only because it knew of another government's
    position, as (asserters, marker) parts ("United Kingdom", "promised to USSR"; engine `marker_asserters`);
    none when the view's own."""
    if not isinstance(paint, styles.TerritoryPaint):
        return ()
    t = gettext_for(lang)
    markers, by = unit_state.get("markers") or {}, unit_state.get("marker_asserters") or {}
    out: list[tuple[str, str]] = []
    for role in ("promised", "proposed", "renounced"):
        for i, item in enumerate(markers.get(role) or []):
            who = (by.get(role) or [])[i] if i < len(by.get(role) or []) else []
            if not who:
                continue
            actor = item[0]
            if role == "promised" and paint.promised == styles.group_of(actor, groups):
                what = t("promised to {actor}", actor=_actor_name(engine, actor, day, lang))
            elif role == "proposed" and paint.proposed == styles.group_of(actor, groups):
                what = t("proposed for {actor}", actor=_actor_name(engine, actor, day, lang))
            elif role == "renounced" and paint.mode == "renounced":
                what = t("renounced by {actor}, no recipient named", actor=_actor_name(engine, actor, day, lang))
            else:
                continue
            part = (t(", ").join(_actor_name(engine, a, day, lang) for a in who), what)
            if part not in out:
                out.append(part)
    return tuple(out)


def marker_notes(engine: Any, locations: list[str], pov_runs: dict[str, list[list[tuple[int, int]]]],
                 reg: KeyRegistry, groups: dict[str, str], lang: str) -> dict:
    """{texts, parts, pov: {pov: {location index: seg}}}: the notes of whose marker each location shows (see
    `_note`; `parts` its (asserters, marker) pairs per text), only for the locations that ever have one."""
    texts = [""]
    parts: list[list[list[str]]] = [[]]
    index = {"": 0}
    say, join, between = note_words(lang)
    out: dict[str, dict[str, list]] = {}
    unit_of = engine.unit_of
    for pov in POVS:
        if pov == "de_facto":
            continue
        per: dict[str, list] = {}
        for i, loc in enumerate(locations):
            unit = unit_of.get(loc)
            if unit is None:
                continue
            runs = pov_runs[pov][i]
            notes = []
            for day in sorted({0, *((d - MIN_DATE).days for d in engine.breakpoints), *(d for d, _k in runs)}):
                if not 0 <= day <= MAX_DAY:
                    continue
                key = next(k for d, k in reversed(runs) if d <= day) if runs[0][0] <= day else runs[0][1]
                date = _day_date(day)
                unit_state = engine.state(date.isoformat(), pov)["territories"].get(unit) or {}
                note = _note(engine, unit_state, reg.paints[key], groups, date, lang)
                text = between.join(group_notes(note, say, join))
                if text not in index:
                    index[text] = len(texts)
                    texts.append(text)
                    parts.append([list(p) for p in note])
                notes.append((day, index[text]))
            seg = _runs_to_seg(notes)
            if any(seg[1]):
                per[str(i)] = seg
        out[pov] = per
    return {"texts": texts, "parts": parts, "pov": out}


def build_table(engine: Any, layers_fc: dict, lang: str = "en") -> dict:
    """The paint table; hover texts, titles and the painter's strings in the interface language `lang`."""
    lang = normalise_lang(lang)
    groups = {a.id: a.group for a in getattr(engine.timeline, "actors", {}).values()} \
        if isinstance(getattr(engine.timeline, "actors", None), dict) else {}
    reg = KeyRegistry(lang)
    base = engine.paint_segments("de_facto")
    straits = [s for s in base.get("straits", {})]
    zones = [z for z in base.get("zones", {})]
    features = [f for f in base.get("features", {})]
    locations = straits + zones + features
    kinds = {**{s: "strait" for s in straits}, **{z: "zone" for z in zones}, **{f: "feature" for f in features}}
    reg.add(styles.TerritoryPaint())  # key 0: neutral
    names = []
    registry = engine.registry
    for loc in locations:
        item = (registry.features.get(loc) or registry.straits.get(loc) or registry.zones.get(loc))
        names.append(localised(item.names, lang)[0] if item is not None else loc)

    pov_table: dict[str, list] = {}
    pov_runs: dict[str, list[list[tuple[int, int]]]] = {}
    holder_by_pov: dict[str, list[list[tuple[int, str]]]] = {}
    for pov in POVS:
        segs = engine.paint_segments(pov)
        per_loc = []
        holders = []
        all_runs = []
        for loc in locations:
            kind = kinds[loc]
            block = segs["features"] if kind == "feature" else segs["straits" if kind == "strait" else "zones"]
            runs = []
            hruns = []
            for start, _end, value in block[loc]:
                if kind == "feature":
                    paint = territory_paint(value, pov, groups)
                    hruns.append((day_of(start), paint.holder))
                    runs.append((day_of(start), reg.add(paint)))
                else:
                    paint = other_paint(value, kind, groups)
                    hruns.append((day_of(start), paint.key))
                    runs.append((day_of(start), reg.add(paint, proposed_regimes(value))))
            per_loc.append(_runs_to_seg(runs))
            all_runs.append(runs)
            holders.append(hruns)
        pov_table[pov] = per_loc
        pov_runs[pov] = all_runs
        holder_by_pov[pov] = holders

    # Where the points of view disagree: the holder differs between views that state one.
    diff = []
    for i in range(len(locations)):
        points = sorted({d for pov in POVS for d, _ in holder_by_pov[pov][i]})
        runs = []
        for day in points:
            vals = set()
            for pov in POVS:
                hr = holder_by_pov[pov][i]
                cur = None
                for d, h in hr:
                    if d <= day:
                        cur = h
                    else:
                        break
                if cur not in (None, "none") and not str(cur).startswith(("S|", "T|none")):
                    vals.add(cur)
            runs.append((day, 1 if len(vals) > 1 else 0))
        diff.append(_runs_to_seg(runs) if runs else [[0], [0]])

    line_feats = {f["properties"]["id"]: f for f in layers_fc.get("features", [])
                  if f.get("properties", {}).get("layer") == "line"}
    lines = []
    for line_id in base.get("lines", {}):
        if line_id not in line_feats:
            continue
        item = registry.lines.get(line_id)
        name = localised(item.names, lang)[0] if item else line_id
        lines.append(line_entry(engine, line_id, name, line_feats[line_id]["geometry"], lang))

    marks, prelude = headline_marks(engine)
    events = build_event_paints(engine, locations, kinds, groups, reg, [ln["id"] for ln in lines], lang)
    table = {
        "locations": locations, "names": names, "keys": reg.keys, "pov": pov_table, "diff": diff,
        "notes": marker_notes(engine, locations, pov_runs, reg, groups, lang),
        "lines": lines, "lineStyles": [styles.line_style(styles.LinePaint(False)),
                                       styles.line_style(styles.LinePaint(True))],
        "labels": label_entries(), "marks": marks, "prelude": prelude, "inForce": in_force_runs(engine),
        "govs": pov_label.government_table(engine, lang, MIN_DATE), "max_day": MAX_DAY, "i18n": js_strings(lang),
    }
    return {"table": table, "events": events}


def line_runs(engine: Any, line_id: str) -> list[tuple[int, int]]:
    """The day ranges [start, end) in which the line existed: any row on it in force, whoever asserted it
    (a fishing limit SCAP imposed or the USSR declared was in force at sea in every point of view; drawing
    the line asserts no title to anything). A proposal or a promise does not make a line exist: it is drawn
    only in Treaty mode, for its document."""
    runs = []
    for row in engine.history(line_id)["statuses"]:
        if row["role"] in ("proposed", "promised"):
            continue
        start = max(0, day_of(row["start"]))
        end = min(MAX_DAY + 1, day_of(row["end"])) if row.get("end") else MAX_DAY + 1
        if start < end:
            runs.append((start, end))
    return sorted(runs)


def _line_seg(runs: list[tuple[int, int]]) -> list[list[int]]:
    points = sorted({0, *(d for r in runs for d in r if 0 < d <= MAX_DAY)})
    return _runs_to_seg([(d, 1 if any(s <= d < e for s, e in runs) else 0) for d in points])


def _years(runs: list[tuple[int, int]]) -> str:
    """"1946–1952", or one year: the years in which the line was in force (within the map's range)."""
    first = MIN_DATE + dt.timedelta(days=runs[0][0])
    last = MIN_DATE + dt.timedelta(days=max(e for _s, e in runs) - 1)
    return str(first.year) if first.year == last.year else f"{first.year}–{last.year}"


def line_name(engine: Any, line_id: str, name: str, lang: str) -> str:
    """A line's name with the years it ran ("MacArthur Line (SCAPIN-1033), 1946–1952"): what it is and when."""
    t = gettext_for(lang)
    runs = line_runs(engine, line_id)
    if runs and _years(runs) not in name:
        return t("{name}, {years}", name=name, years=_years(runs))
    return name


def line_entry(engine: Any, line_id: str, name: str, geometry: dict, lang: str) -> dict:
    """One line of the table: where it is drawn (seg), its name with the years it ran (so that no drawn
    line is anonymous), and its Key rows for a date (in force) and for Treaty mode (proposed / provided)."""
    t = gettext_for(lang)
    runs = line_runs(engine, line_id)
    name = line_name(engine, line_id, name, lang)
    return {"id": line_id, "name": name, "geometry": geometry, "seg": _line_seg(runs),
            "key": {"in_force": t(LINE_IN_FORCE, name=name), "proposed": t(LINE_PROPOSED, name=name),
                    "provided": t(LINE_PROVIDED, name=name)}}


def event_line_status(ev: dict) -> int:
    """2 when the document only proposes (a draft, a proposal, or one that never took effect), else 1."""
    return 2 if ev.get("outcome") is not None or ev.get("kind") in ("draft", "proposal") else 1


def event_paint_values(engine: Any, event_id: str) -> dict[str, dict]:
    """Per target (unit, feature, strait, zone, line): the rows the event provides."""
    provided = engine.event_map(event_id)["provides"]
    out: dict[str, list[dict]] = {}
    for group in ("territories", "regimes", "lines"):
        for _place, rows in provided.get(group, {}).items():
            for row in rows:
                out.setdefault(row["target"], []).append(row)
    return out


def _paint_from_rows(rows: list[dict], kind: str, groups: dict[str, str]) -> tuple[Any, tuple[str, ...]]:
    """What one document provides for one place, in the key's symbols, and the strait regimes it only proposes.

    A promise or a proposal is drawn only as the key's dashed (promised) or dotted (proposed) outline on a
    neutral fill, never as the solid fill that the key reserves for sovereignty or control: a promise is not
    a transfer. A fill comes only from what the document itself does (cedes, occupies, holds undetermined,
    renounces).
    """
    if kind in ("strait", "zone"):
        roles = [[r["role"], r["actor"]] for r in rows if r["role"] not in ("proposed", "promised")]
        value = {"roles": roles,
                 "proposed": [[r["actor"], r.get("proposed_role"), r["event"]]
                              for r in rows if r["role"] == "proposed"],
                 "promised": [[r["actor"], r["event"]] for r in rows if r["role"] == "promised"]}
        return other_paint(value, kind, groups), proposed_regimes(value)
    holder, mode, claims, promised, proposed = "none", "none", [], None, None
    for r in rows:
        role, actor = r["role"], r["actor"]
        if role in CONTROL:
            holder, mode = styles.group_of(actor, groups), role
        elif role == "claim":
            claims.append(actor)
        elif role == "undetermined":
            holder, mode = "undetermined", "undetermined"
        elif role == "renounced":
            if r.get("recipient"):
                holder, mode = styles.group_of(r["recipient"], groups), "sovereignty"
            elif holder == "none":
                holder, mode = "undetermined", "renounced"
        elif role == "promised":
            promised = styles.group_of(actor, groups)
        elif role == "proposed":
            proposed = styles.group_of(actor, groups) if (r.get("proposed_role") or "sovereignty") != "undetermined" \
                else "undetermined"
    claim_groups = tuple(c for c in _groups(claims, groups) if c != holder)
    return styles.TerritoryPaint(holder, mode, claim_groups, promised, proposed), ()


def build_event_paints(engine: Any, locations: list[str], kinds: dict[str, str], groups: dict[str, str],
                       reg: KeyRegistry, line_ids: list[str], lang: str = "en") -> dict:
    """For every event: the key index per location of what it provides (unmentioned places stay neutral)."""
    unit_of = engine.unit_of
    keys: dict[str, list[int]] = {}
    lines: dict[str, dict[str, int]] = {}
    titles: dict[str, str] = {}
    for ev in engine.event_list():
        rows = event_paint_values(engine, ev["id"])
        titles[ev["id"]] = localised(ev["title"], lang)[0]
        out = []
        for loc in locations:
            kind = kinds[loc]
            if kind == "feature":
                mine = rows.get(unit_of.get(loc, ""), []) + (rows.get(loc, []) if loc not in engine.units else [])
            else:
                mine = rows.get(loc, [])
            out.append(reg.add(*_paint_from_rows(mine, kind, groups)) if mine else
                       (reg.add(EMPTY_ZONE) if kind != "feature" else 0))
        keys[ev["id"]] = out
        lines[ev["id"]] = {lid: event_line_status(ev) for lid in line_ids if rows.get(lid)}
    return {"keys": keys, "lines": lines, "titles": titles}


def label_entries(max_tier: int = 3, with_names: bool = False) -> list[dict]:
    """The labels in priority order (labels.label_specs): id, kind, tier, the place (lon/lat) and the date-correct
    forms per language (`starts` day indices; en/ja/ru/zh texts from each start); with the territory features
    each names (`names`) for a placer. The page's main map shows tiers 1–3, its insets and print tier 4 too."""
    return [{"id": s.id, "kind": s.kind, "tier": s.tier, "lon": s.lon, "lat": s.lat, "starts": list(s.starts),
             **{code: list(s.forms[code]) for code in LANGS},
             **({"names": list(s.names)} if with_names else {})}
            for s in label_specs() if s.tier <= max_tier]


def add_page_cartography(table: dict, lang: str) -> dict:
    """Add to the page's paint table what only the page draws, in place: the ladder of placements
    by scale (labels, leader lines, small-island symbols, tap targets, inset labels), the insets and the
    symbols. Everything placed comes from the committed ladder (app/cartography/ladder.py): no geometry or font
    library at start-up."""
    layers = load_layers("interactive")
    index = {loc: i for i, loc in enumerate(table["locations"])}
    names = dict(zip(table["locations"], table["names"], strict=True))
    specs = {s.id: s for s in label_specs()}
    table["labelLadder"] = ladder_for(lang)
    common = shared()
    unit_of = {f: u for u, feats in layers.unit_features.items() for f in feats}
    # each symbol names its unit: the browser keeps two units' tap areas apart (assets/map_paint.js tapSizes)
    table["proxies"] = [{"id": p["id"], "loc": index[p["loc"]], "lon": p["lon"], "lat": p["lat"],
                         "unit": unit_of.get(p["loc"], p["id"])}
                        for p in common["proxies"] if p["loc"] in index]
    table["targets"] = [{"id": t["id"], "loc": index[t["loc"]], "lon": t["lon"], "lat": t["lat"],
                         "name": localised(layers_unit_names(t["id"]), lang)[0] if layers_unit_names(t["id"])
                         else names.get(t["loc"], t["id"])}
                        for t in common["targets"] if t["loc"] in index]
    table["targetPx"] = [TARGET_PX, TOUCH_TARGET_PX]
    table["insets"] = []
    proj = MapProjection(GEO_VIEW, 1000, 800)
    for n, inset in enumerate(INSETS):
        ring = locator_ring(inset)
        inset_locs = [loc for loc in table["locations"] if loc in _inset_locations(inset, layers)]
        table["insets"].append({
            "id": inset.id, "geo": f"geo{n + 2}", "anchor": list(inset.anchor), "corner": inset.corner,
            "centre": list(inset.centre) if inset.centre else None,
            "widthKm": inset.width_km, "heightKm": inset.height_km, "bbox": list(inset.bbox),
            "zoom": list(inset.bbox), "ring": [ring[0], ring[1]], "locations": inset_locs,
            "labels": [{"id": lid, "kind": specs[lid].kind, "tier": specs[lid].tier, "starts": list(specs[lid].starts),
                        **{code: list(specs[lid].forms[code]) for code in LANGS}}
                       for lid in inset.labels if lid in specs],
            "title": inset_title(inset, lang, proj), "titlePx": TITLE_PX,
        })
    return table


def layers_unit_names(unit: str) -> dict | None:
    """A territory unit's four names (registry), or None for an id that is not a unit."""
    d = load_registry()["territory_units"].get(unit)
    return d.get("names") if d else None


def _inset_locations(inset: Any, layers: Any) -> set[str]:
    feats = {f for u in inset.units for f in layers.unit_features.get(u, ())}
    return feats | set(inset.straits)
