"""The paint table: the engine's piecewise-constant values turned into paint keys, shipped once to the browser.

Built once at start-up from `engine.paint_segments(perspective)` (docs/api.md) for the four core points of
view, plus the "where they disagree" flags, one paint per event from `engine.event_map(event_id)`, the event
marks of the slider and the label name forms. The browser (assets/map_paint.js) only looks values up.

Table (JSON):
  locations  [id]                          drawn order: straits, zones, territory features
  names      [str]                         hover title per location
  keys       [{key, fill, pattern, stroke, width, dash, text}]
  pov        {pov: [[starts(day idx)], [key idx]] per location}
  diff       [[starts], [0|1]] per location
  lines      [{id, name, geometry, seg: [[starts], [0|1]], key: {in_force, proposed, provided}}]
             a line is drawn only where seg is 1 (a row of it in force) or in Treaty mode for a document
             that provides it; `name` says what it is and when it ran, `key` its Key rows
  lineStyles [proposed style, in force style]
  labels     [{lon, lat, starts, ja, ru, en}]
  marks      [{day, id, title, what, text}]   sorted by day; text: "title — signed date" in the language
  max_day
  i18n       {lang, htmlLang, disagree, before, showing, play, pause, date}  strings the painter writes
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from app import styles
from app.i18n import HTML_LANG, date_pattern_for, format_date_for, gettext_for, localised, normalise_lang
from app.layers import load_layers, load_registry
from app.mapstate import LANGS, MAX_DAY, MIN_DATE, POVS

from .insets import INSETS, TITLE_PX, locator_ring
from .key import LINE_IN_FORCE, LINE_PROPOSED, LINE_PROVIDED
from .labels import inset_title, label_specs
from .ladder import ladder_for, shared
from .projection import MapProjection
from .symbols import TARGET_PX, TOUCH_TARGET_PX
from .views import GEO_VIEW, PHONE_VIEW

GOVERNMENTS = ("japan", "russia", "usa")
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


# Labels left off the map: the Habomai islets are too small to carry a name at the default view (their
# unit is named by the unit buttons and the hover text).
HIDDEN_LABELS = {"island_anuchina", "island_demina", "island_polonsky", "island_signalny", "island_tanfilyev",
                 "island_yuri", "island_zelyony",
                 # towns kept off so the labels stay readable on a projector (the renamed towns stay on)
                 "town_dolinsk", "town_makarov", "town_nevelsk", "town_uglegorsk", "town_aomori", "town_busan",
                 "town_fukuoka", "town_petropavlovsk", "town_nikolayevsk"}


class KeyRegistry:
    def __init__(self, lang: str = "en") -> None:
        self.index: dict[str, int] = {}
        self.keys: list[dict[str, Any]] = []
        self.lang = lang

    def add(self, paint: Any) -> int:
        key = paint.key
        if key not in self.index:
            if isinstance(paint, styles.TerritoryPaint):
                style = styles.territory_style(paint)
                text = styles.describe_territory(paint, self.lang)
            elif isinstance(paint, styles.StraitPaint):
                style = styles.strait_style(paint)
                text = styles.describe_strait(paint, self.lang)
            else:
                style = {"fill": "rgba(0,0,0,0)", "pattern": None, "stroke": "rgba(0,0,0,0)", "width": 0,
                         "dash": ""}
                text = ""
            self.index[key] = len(self.keys)
            self.keys.append({"key": key, **style, "text": text})
        return self.index[key]


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


def _label_forms(props: dict) -> dict:
    """Name forms of a label over time: starts (day index) and ja/ru/en text from each start."""
    base = {lang: props.get(f"name_{lang}") or props.get("name_en") or "" for lang in ("ja", "ru", "en")}
    forms = []
    for h in props.get("historical") or []:
        start = h.get("from") or h.get("start")
        if not start:
            continue
        forms.append((day_of(str(start)), h.get("end") or h.get("to"), h))
    forms.sort(key=lambda x: x[0])
    starts, out = [0], {k: [v] for k, v in base.items()}
    for start, end, h in forms:
        starts.append(max(start, 0))
        for lang in ("ja", "ru", "en"):
            out[lang].append(h.get(f"name_{lang}") or h.get(lang) or base[lang])
        if end:
            starts.append(day_of(str(end)))
            for lang in ("ja", "ru", "en"):
                out[lang].append(base[lang])
    # a form that starts before the range replaces the base
    while len(starts) > 1 and starts[1] <= 0:
        starts.pop(0)
        for lang in out:
            out[lang].pop(0)
    return {"starts": starts, **out}


def _label_point(feature: dict) -> tuple[float, float] | None:
    geom = feature.get("geometry") or {}
    if geom.get("type") == "Point":
        return geom["coordinates"][0], geom["coordinates"][1]
    return None


def js_strings(lang: str) -> dict[str, str]:
    """The few interface strings assets/map_paint.js writes itself, in `lang`."""
    t = gettext_for(lang)
    return {"lang": normalise_lang(lang), "htmlLang": HTML_LANG[normalise_lang(lang)],
            "disagree": t("The points of view disagree here"), "before": t("Before the first event"),
            "showing": t("Showing what it provides: {title}"), "play": t("▶ Play"), "pause": t("⏸ Pause"),
            "date": date_pattern_for(lang)}


def _mark_text(title: str, what: str, day: int, lang: str) -> str:
    t = gettext_for(lang)
    date = format_date_for(MIN_DATE + dt.timedelta(days=day), lang)
    if what == "signed":
        return t("{title} — signed {date}", title=title, date=date)
    if what == "in force":
        return t("{title} — in force {date}", title=title, date=date)
    return t("{title} — {date}", title=title, date=date)


def build_table(engine: Any, layers_fc: dict, names_lang: str = "en", lang: str = "en") -> dict:
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
    holder_by_pov: dict[str, list[list[tuple[int, str]]]] = {}
    for pov in POVS:
        segs = engine.paint_segments(pov)
        per_loc = []
        holders = []
        for loc in locations:
            kind = kinds[loc]
            block = segs["features"] if kind == "feature" else segs["straits" if kind == "strait" else "zones"]
            runs = []
            hruns = []
            for start, _end, value in block[loc]:
                if kind == "feature":
                    paint = territory_paint(value, pov, groups)
                    hruns.append((day_of(start), paint.holder))
                else:
                    paint = other_paint(value, kind, groups)
                    hruns.append((day_of(start), paint.key))
                runs.append((day_of(start), reg.add(paint)))
            per_loc.append(_runs_to_seg(runs))
            holders.append(hruns)
        pov_table[pov] = per_loc
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

    labels = []
    for f in layers_fc.get("features", []):
        props = f.get("properties", {})
        if props.get("layer") != "label" or props.get("id") in HIDDEN_LABELS:
            continue
        point = _label_point(f)
        if point is None:
            continue
        labels.append({"id": props.get("id"), "kind": props.get("kind", "island"), "lon": point[0], "lat": point[1],
                       **_label_forms(props)})

    marks = []
    for ev in engine.event_list():
        if ev.get("background"):
            continue
        dates = ev.get("dates") or {}
        seen = set()
        for what, label in (("signed", "signed"), ("in_force", "in force")):
            iso = dates.get(what)
            if not iso:
                continue
            day = day_of(iso)
            if 0 <= day <= MAX_DAY and day not in seen:
                seen.add(day)
                title = localised(ev["title"], lang)[0]
                marks.append({"day": day, "id": ev["id"], "title": title, "what": label,
                              "text": _mark_text(title, label, day, lang)})
        if not seen:
            day = day_of(ev["sort_date"])
            if 0 <= day <= MAX_DAY:
                title = localised(ev["title"], lang)[0]
                marks.append({"day": day, "id": ev["id"], "title": title, "what": "dated",
                              "text": _mark_text(title, "dated", day, lang)})
    marks.sort(key=lambda m: (m["day"], m["id"]))

    events = build_event_paints(engine, locations, kinds, groups, reg, [ln["id"] for ln in lines], lang)
    table = {
        "locations": locations, "names": names, "keys": reg.keys, "pov": pov_table, "diff": diff,
        "lines": lines, "lineStyles": [styles.line_style(styles.LinePaint(False)),
                                       styles.line_style(styles.LinePaint(True))],
        "labels": labels, "marks": marks, "max_day": MAX_DAY, "i18n": js_strings(lang),
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


def _paint_from_rows(rows: list[dict], kind: str, groups: dict[str, str]) -> Any:
    """What one document provides for one place, in the key's symbols.

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
        return other_paint(value, kind, groups)
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
    return styles.TerritoryPaint(holder, mode, claim_groups, promised, proposed)


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
            out.append(reg.add(_paint_from_rows(mine, kind, groups)) if mine else
                       (reg.add(EMPTY_ZONE) if kind != "feature" else 0))
        keys[ev["id"]] = out
        lines[ev["id"]] = {lid: event_line_status(ev) for lid in line_ids if rows.get(lid)}
    return {"keys": keys, "lines": lines, "titles": titles}


def label_text(lab: dict, day: int, names: str, lang: str) -> str:
    """A label's text on `day` in a names convention (local = the interface language, ja, ru, both) — the
    Python twin of assets/map_paint.js labelText."""
    idx = max((i for i, s in enumerate(lab["starts"]) if s <= day), default=0)
    ja, ru = lab["ja"][idx], lab["ru"][idx]
    if names == "both":
        return ja if ja == ru else f"{ja} / {ru}"
    code = lang if names == "local" else names
    return (lab.get(code) or lab["en"])[idx]


def initial_paint(table: dict, day: int, pov: str = "de_facto", names: str = "both") -> dict:
    """The first paint of the map (z, hover, label texts) as the browser's painter would produce it."""
    def lookup(seg: list, d: int) -> int:
        val = seg[1][0]
        for start, v in zip(seg[0], seg[1], strict=True):
            if start <= d:
                val = v
        return val

    z = [lookup(seg, day) for seg in table["pov"][pov]]
    hover = [f"{name}<br>{table['keys'][k]['text']}" for name, k in zip(table["names"], z, strict=True)]
    lang = table.get("i18n", {}).get("lang", "en")
    labels = [label_text(lab, day, names, lang) for lab in table["labels"]]
    lines = [bool(lookup(line["seg"], day)) for line in table["lines"]]
    return {"z": z, "hover": hover, "labels": labels, "names": names, "lines": lines}


def page_labels(lang: str) -> list[dict]:
    """The main map's labels for the page, in priority order: id, kind, tier, the place (lon/lat), and the
    date-correct forms per language (`starts` day indices; en/ja/ru/zh texts from each start)."""
    return [{"id": s.id, "kind": s.kind, "tier": s.tier, "lon": s.lon, "lat": s.lat, "starts": list(s.starts),
             **{code: list(s.forms[code]) for code in LANGS}}
            for s in label_specs() if s.tier < 4]


def add_page_cartography(table: dict, lang: str) -> dict:
    """Add to the page's paint table what only the page draws, in place: its labels, the ladder of placements
    by scale (labels, leader lines, small-island symbols, tap targets, inset labels), the insets and the
    symbols. Everything placed comes from the committed ladder (app/cartography/ladder.py): no geometry or font
    library at start-up."""
    layers = load_layers("interactive")
    index = {loc: i for i, loc in enumerate(table["locations"])}
    names = dict(zip(table["locations"], table["names"], strict=True))
    table["labels"] = page_labels(lang)
    specs = {s.id: s for s in label_specs()}
    table["labelLadder"] = ladder_for(lang)
    common = shared()
    table["proxies"] = [{"id": p["id"], "loc": index[p["loc"]], "lon": p["lon"], "lat": p["lat"]}
                        for p in common["proxies"] if p["loc"] in index]
    table["targets"] = [{"id": t["id"], "loc": index[t["loc"]], "lon": t["lon"], "lat": t["lat"],
                         "name": localised(layers_unit_names(t["id"]), lang)[0] if layers_unit_names(t["id"])
                         else names.get(t["loc"], t["id"])}
                        for t in common["targets"] if t["loc"] in index]
    table["targetPx"] = [TARGET_PX, TOUCH_TARGET_PX]
    table["phoneRange"] = PHONE_VIEW["lonaxis"]["range"]
    table["insets"] = []
    proj = MapProjection(GEO_VIEW, 1000, 800)
    for n, inset in enumerate(INSETS):
        ring = locator_ring(inset)
        inset_locs = [loc for loc in table["locations"] if loc in _inset_locations(inset, layers)]
        table["insets"].append({
            "id": inset.id, "geo": f"geo{n + 2}", "anchor": list(inset.anchor), "corner": inset.corner,
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
