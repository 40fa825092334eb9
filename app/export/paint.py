"""What the map of one request shows: the paint of every location, line and label on its day, looked up in
the same paint table as the page (`build_table`) exactly as assets/map_paint.js does.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from dataclasses import dataclass
from typing import Any

from app import mapstate as us
from app.cartography.paint_table import _label_forms, build_table
from app.export import geometry
from app.export.request import ExportRequest, shown_date


@dataclass
class Context:
    """Per process and engine: the full-resolution layers around the view, the paint table."""

    fc: dict
    table: dict
    events: dict
    label_kind: dict[str, str]
    line_props: dict[str, dict]
    labels: list[dict]  # the page's labels, plus the Habomai islets and group that only print names


def _norm_date(value: Any) -> Any:
    text = str(value)
    if re.fullmatch(r"\d{4}", text):
        return text + "-01-01"
    if re.fullmatch(r"\d{4}-\d{2}", text):
        return text + "-01"
    return value


def _normalise_labels(features: list[dict]) -> list[dict]:
    """Label name forms dated by year only ("1905") → YYYY-01-01, as the paint table expects full dates."""
    out = []
    for f in features:
        props = f.get("properties", {})
        if props.get("layer") == "label" and props.get("historical"):
            hist = [{**h, **{k: _norm_date(h[k]) for k in ("from", "to", "start", "end") if h.get(k)}}
                    for h in props["historical"]]
            f = {**f, "properties": {**props, "historical": hist}}
        out.append(f)
    return out


@functools.lru_cache(maxsize=4)
def context(engine: Any) -> Context:
    from app.layers import load_layers

    full = load_layers("full").collection
    feats = geometry.clip_to_view(_normalise_labels(full["features"]))
    fc = {"type": "FeatureCollection", "features": feats}
    built = build_table(engine, fc)
    kinds = {f["properties"]["id"]: f["properties"].get("kind", "") for f in feats
             if f["properties"].get("layer") == "label"}
    lines = {f["properties"]["id"]: f["properties"] for f in feats if f["properties"].get("layer") == "line"}
    table = built["table"]
    labels = [_with_zh(lab, feats) for lab in table["labels"]] + _print_labels(engine, feats, table)
    return Context(fc, table, built["events"], kinds, lines, labels)


def _zh_forms(props: dict) -> list[str]:
    """Chinese name forms in step with the table's (a historical Japanese-era name falls back to its kanji)."""
    as_en = {**props, "name_en": props.get("name_zh") or props.get("name_ja") or props.get("name_en"),
             "historical": [{**h, "name_en": h.get("name_zh") or h.get("name_ja") or h.get("name_en")}
                            for h in props.get("historical") or []]}
    return _label_forms(as_en)["en"]


def _with_zh(lab: dict, feats: list[dict]) -> dict:
    if "zh" in lab:
        return lab
    props = next((f["properties"] for f in feats if f["properties"].get("id") == lab.get("id")), None)
    return {**lab, "zh": _zh_forms(props) if props else lab["en"], "names": _named(props)}


def _named(props: dict | None) -> tuple[str, ...]:
    """The territory features a label names (its box may cover them, and no other territory)."""
    if not props:
        return ()
    if props.get("id") == "island_sakhalin":
        return ("sakhalin_north", "sakhalin_south")
    return (props["feature"],) if props.get("feature") else ()


PRINT_ONLY_LABELS = ("island_zelyony", "island_polonsky", "island_tanfilyev", "island_yuri", "island_anuchina",
                     "island_demina", "island_signalny")


def _print_labels(engine: Any, feats: list[dict], table: dict) -> list[dict]:
    """The Habomai islets (left off the page's map for legibility) and the group's own name: the inset has room."""
    have = {lab["id"] for lab in table["labels"]}
    out = []
    for f in feats:
        props = f["properties"]
        if props.get("layer") == "label" and props["id"] in PRINT_ONLY_LABELS and props["id"] not in have:
            lon, lat = f["geometry"]["coordinates"][:2]
            out.append({"id": props["id"], "kind": props.get("kind", "island"), "lon": lon, "lat": lat,
                        **_label_forms(props), "zh": _zh_forms(props), "names": _named(props)})
    unit = engine.registry.territory_units.get("habomai")
    members = [f for f in feats if f["properties"].get("id") in (unit.features if unit else [])]
    if unit is not None and members:
        b = geometry.bounds_of({"features": members}, list(unit.features))
        if b is not None:
            names = unit.names
            out.append({"id": "group_habomai", "kind": "group", "lon": (b[0] + b[2]) / 2, "lat": (b[1] + b[3]) / 2,
                        "starts": [0], "ja": [names.ja], "ru": [names.ru.split(" (")[0]], "en": [names.en],
                        "zh": [names.zh], "names": tuple(unit.features)})
    return out


def _lookup(seg: list, day: int) -> int:
    val = seg[1][0]
    for start, v in zip(seg[0], seg[1], strict=True):
        if start <= day:
            val = v
        else:
            break
    return val


@dataclass
class Paint:
    keys: list[int]  # per location: index into table["keys"]
    diff: list[int] | None
    lines: dict[str, bool]  # line id -> in force on the day (event mode: the event draws it)
    labels: list[str]
    day: int
    date: dt.date


def _table_pov(table: dict, pov: str) -> str:
    if pov in table["pov"]:
        return pov
    alias = {"russia": "soviet", "soviet": "russia"}.get(pov)
    return alias if alias in table["pov"] else "de_facto"


def label_text(lab: dict, idx: int, names: str, lang: str) -> str:
    """A place name in the names convention: `local` = the figure's language, ja, ru, en, or ja / ru."""
    forms = {k: lab[k][idx] for k in ("ja", "ru", "en", "zh") if k in lab}
    if names == "local":
        names = lang if lang in forms else "both"
    if names in forms and names != "both":
        return forms[names]
    ja, ru = forms["ja"], forms["ru"]
    return ja if ja == ru else f"{ja} / {ru}"


def resolve(ctx: Context, req: ExportRequest, engine: Any) -> Paint:
    """The paint of every location, line and label on the request's day (its event's, in event mode)."""
    table = ctx.table
    date = shown_date(engine, req)
    day = max(0, min(us.MAX_DAY, us.day_index(date)))
    n = len(table["locations"])
    diff = None
    if req.mode == "event" and req.event in ctx.events["keys"]:
        keys = list(ctx.events["keys"][req.event])
        on = ctx.events["lines"].get(req.event, {})
        lines = {ln["id"]: bool(on.get(ln["id"])) for ln in table["lines"]}
    else:
        per = table["pov"][_table_pov(table, req.pov)]
        keys = [_lookup(per[i], day) for i in range(n)]
        if req.diff:
            diff = [_lookup(table["diff"][i], day) for i in range(n)]
        lines = {ln["id"]: bool(_lookup(ln["seg"], day)) for ln in table["lines"]}
    labels = []
    for lab in ctx.labels:
        idx = 0
        for q, s in enumerate(lab["starts"]):
            if s <= day:
                idx = q
        labels.append(label_text(lab, idx, req.names, req.lang))
    return Paint(keys, diff, lines, labels, day, date)


def parse_key(key: str) -> dict:
    """A paint key of the table ("T|holder|mode|claims|promised|proposed", "S|regimes", "L|…") as a dict."""
    parts = key.split("|")
    if parts[0] == "T":
        holder, mode, claims, promised, proposed = (parts[1:] + [""] * 5)[:5]
        return {"kind": "T", "holder": holder, "mode": mode, "claims": [c for c in claims.split(",") if c],
                "promised": promised or None, "proposed": proposed or None}
    if parts[0] == "S":
        return {"kind": "S", "regimes": [r for r in (parts[1] if len(parts) > 1 else "").split(",") if r]}
    return {"kind": parts[0]}
