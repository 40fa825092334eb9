"""What a referee checks on one rendered figure (tests/unit/test_export_sweep.py, test_export_labels.py): each
returns the problems found, empty when the figure says what the data says."""

from __future__ import annotations

import re

import numpy as np
import shapely
from shapely.geometry import Point, box
from shapely.ops import unary_union

from app.citations import cite
from app.export import caption, compose, paint

PX_PER_MM = 96 / 25.4
NEAR = 60  # |Δr| + |Δg| + |Δb| under which a pixel is a paint's colour


def rgb(hex_colour: str) -> tuple[int, int, int]:
    return tuple(int(hex_colour[i:i + 2], 16) for i in (1, 3, 5))


def label_problems(meta: dict, specs: dict, scale: float) -> list[tuple]:
    """Every label in its frame, on or next to its place (2.5 mm, towns 4 mm), or with a leader that starts on it
    within MAX_LEADER_MM; no label for a place the frame does not show."""
    far = []
    for gid, placed, frame in meta["labels"]:
        places = meta["label_places"][gid]
        seen = box(*frame)
        for p in placed:
            label = box(p.x, p.y, p.x + p.w, p.y + p.h)
            if not seen.buffer(0.5).contains(label):
                far.append((gid, p.text, "outside its frame"))
            own = [places[f].intersection(seen) for f in specs[p.id].names if f in places]
            own = unary_union([g for g in own if not g.is_empty]) if own else None
            if specs[p.id].names and (own is None or own.is_empty):
                far.append((gid, p.text, "names a place not in the frame"))
                continue
            target = own if own is not None else Point(*p.anchor_px)
            mm_away = label.distance(target) / PX_PER_MM
            if p.leader_px:
                start = Point(*p.leader_px[0])
                if target.distance(start) > 1.0 or not seen.contains(start):
                    far.append((gid, p.text, "leader starts off its place"))
                if mm_away > compose.MAX_LEADER_MM * scale + 0.1:
                    far.append((gid, p.text, round(mm_away, 1)))
            elif mm_away > (4.0 if specs[p.id].kind == "town" else 2.5) * scale:
                far.append((gid, p.text, round(mm_away, 1), "no leader"))
    return far


def layout_problems(meta: dict) -> list[str]:
    """The key (a series' legend too) ends above the caption's rule and is clear of every map panel."""
    kx, ky, kw, kh = meta["key_box"]
    out = [] if ky + kh <= meta["caption_top"] + 0.01 else ["key over caption"]
    for pan in meta["panels"]:
        bx, by, bw, bh = pan.box
        if not (kx >= bx + bw - 0.01 or ky >= by + bh - 0.01):
            out.append("key over map")
    return out


def listed_sources(text: str) -> list[str]:
    """The items of a caption's "Sources: a; b; c; and N more …." list."""
    found = re.search(r"Sources: (.*?)\. (?:Sources disagree|$)", text.split("\n")[0] + " ")
    return found.group(1).split("; ") if found else []


def named_event_citations(engine, req) -> tuple[str | None, set[str]]:
    """The event a figure's subtitle names and its own sources as the caption prints them (none: no sources)."""
    event = caption.subject(engine, req, paint.frame_for(engine, req))[0]
    if event is None or not engine.events[event].sources:
        return event, set()
    ev = engine.events[event]
    return event, {cite(engine, k).short.replace("; ", ", ") for k in ev.sources + (
        [ev.clause.source] if ev.clause is not None and ev.clause.source else [])}


def caption_problems(engine, req, meta: dict) -> list[tuple]:
    """The first three sources of each panel's list include the event its subtitle names, where it has sources."""
    out = []
    first = listed_sources(meta["caption"])[:3]  # two panels share one list
    for r in compose.panel_requests(req):
        event, own = named_event_citations(engine, r)
        if own and not own & set(first):
            out.append((r.date.isoformat(), r.pov, event, first))
    return out


def _near_blend(pixels: np.ndarray, palette: list[tuple[int, int, int]]) -> np.ndarray:
    """Per pixel: is it one of the palette's colours or an anti-aliased blend of up to three of them (a stripe's
    dark edge over the fill)."""
    cols = np.array(palette, dtype=float)
    steps = [(a / 10, b / 10, (10 - a - b) / 10) for a in range(11) for b in range(11 - a)]
    blends = {tuple(np.round(w[0] * cols[i] + w[1] * cols[j] + w[2] * cols[m]))
              for i in range(len(cols)) for j in range(len(cols)) for m in range(len(cols)) for w in steps}
    blends = np.array(sorted(blends))
    px = pixels.astype(float)
    ok = np.zeros(len(px), dtype=bool)
    for start in range(0, len(px), 2048):
        chunk = px[start:start + 2048]
        ok[start:start + 2048] = (np.abs(chunk[:, None, :] - blends[None, :, :]).sum(axis=2) < NEAR).any(axis=1)
    return ok


def _sample(image: np.ndarray, geom, k: float) -> np.ndarray:
    """The pixels (n, 3) whose centres lie inside `geom` (CSS px; the image is k image px per CSS px)."""
    if geom.is_empty:
        return np.zeros((0, 3))
    x0, y0, x1, y1 = geom.bounds
    xs, ys = np.meshgrid(np.arange(max(0, int(x0 * k)), min(image.shape[1], int(x1 * k) + 1)),
                         np.arange(max(0, int(y0 * k)), min(image.shape[0], int(y1 * k) + 1)))
    xs, ys = xs.ravel(), ys.ravel()
    inside = shapely.contains_xy(geom, (xs + 0.5) / k, (ys + 0.5) / k)
    return image[ys[inside], xs[inside], :3]


def colour_problems(engine, req, meta: dict, image: np.ndarray, checked: list) -> list[tuple]:
    """Every territory printed in its data paint: inside the unit (away from its outline, labels, symbols and
    frames) the pixels are its fill and pattern colours (≥ 85 %, the fill ≥ 15 %), its outline marker never covers
    half of it, and each proxy square is its unit's paint. `checked` collects what was sampled."""
    k = image.shape[1] / meta["W"]
    locations = paint.context(engine, req.lang).table["locations"]
    subplots = []  # (gid, panel, role) in the order compose.build_figure numbers the geo subplots
    for pi, pan in enumerate(meta["panels"]):
        for role in ("main", "inset") if pan.inset is not None else ("main",):
            subplots.append(("geo" if not subplots else f"geo{len(subplots) + 1}", pi, role))
    masks = [box(p.x, p.y, p.x + p.w, p.y + p.h).buffer(1.5) for _gid, placed, _f in meta["labels"] for p in placed]
    masks += [shapely.LineString(p.leader_px).buffer(1.5) for _gid, placed, _f in meta["labels"] for p in placed
              if p.leader_px]
    masks += [box(i.x - i.size_px / 2, i.y - i.size_px / 2, i.x + i.size_px / 2, i.y + i.size_px / 2).buffer(1.5)
              for _gid, items in meta["proxies"] for i in items]
    common = unary_union(masks)
    # on a main map: the inset over it and the inset's locator frame
    under_inset = unary_union([box(ix, iy, ix + iw, iy + ih).buffer(3) for pan in meta["panels"] if pan.inset
                               for ix, iy, iw, ih in [pan.inset]]) if any(p.inset for p in meta["panels"]) else None
    frames = {gid: box(*frame) for gid, _placed, frame in meta["labels"]}
    out = []
    for gid, pi, role in subplots:
        mask = common.union(under_inset) if role == "main" and under_inset is not None else common
        for loc, geom in meta["label_places"].get(gid, {}).items():
            if loc not in locations:
                continue
            style = meta["finish"][compose.sentinel(pi * compose.PANEL_SENTINELS + locations.index(loc))]
            palette = [rgb(style["fill"])] + [rgb(c) for c in dict.fromkeys(
                re.findall(r"#[0-9A-Fa-f]{6}", style.get("pattern") or "")) if rgb(c) != rgb(style["fill"])]
            shown = geom.intersection(frames[gid]) if gid in frames else geom
            edge = max(style.get("width") or 0, 0.8) / 2 + 2.0 / k + 0.5
            pixels = _sample(image, shown.buffer(-edge).difference(mask), k)
            if len(pixels) >= 16:
                ok = _near_blend(pixels, palette)
                base = (np.abs(pixels.astype(float) - np.array(palette[0])).sum(axis=1) < NEAR).mean()
                checked.append((gid, loc))
                if ok.mean() < 0.85 or base < 0.15:
                    out.append((gid, loc, "paint", round(float(ok.mean()), 2), round(float(base), 2)))
            whole = _sample(image, shown.difference(mask), k)
            if style.get("stroke") and len(whole) >= 20 and rgb(style["stroke"]) not in palette:
                line = (np.abs(whole.astype(float) - np.array(rgb(style["stroke"]))).sum(axis=1) < 90).mean()
                if line >= 0.5:
                    out.append((gid, loc, "outline outweighs fill", round(float(line), 2)))
    for pi_gid, items in meta["proxies"]:
        pi = next(i for g, i, _role in subplots if g == pi_gid)
        for item in items:
            style = meta["finish"][compose.sentinel(pi * compose.PANEL_SENTINELS + locations.index(item.loc))]
            palette = [rgb(style["fill"])]
            palette += [rgb(c) for c in re.findall(r"#[0-9A-Fa-f]{6}", style.get("pattern") or "")]
            q = item.size_px / 4
            leaders = unary_union([shapely.LineString(p.leader_px).buffer(1.0) for _gid, placed, _f in meta["labels"]
                                   for p in placed if p.leader_px])  # a leader may end on its island, under it
            pixels = _sample(image, box(item.x - q, item.y - q, item.x + q, item.y + q).difference(leaders), k)
            checked.append((pi_gid, item.id, "proxy"))
            if len(pixels) == 0 or _near_blend(pixels, palette).mean() < 0.85:
                out.append((pi_gid, item.id, "proxy", len(pixels)))
    return out
