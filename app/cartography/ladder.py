"""The page's precomputed placements (labels, small-island symbols, tap targets, inset labels) for a ladder of
map scales, in each interface language and names convention.

Placing takes ~0.1 s per box, so the ladder is built once and committed (`geodata/layers/label_ladder.json`,
rebuilt by `python -m app.cartography.ladder`; tests/unit/test_cartography_labels.py checks it is current).
The paint table ships the language's ladder; assets/map_paint.js picks the rung nearest the box's actual
scale (km per px), so the placement follows the box's real size at every breakpoint.
"""

from __future__ import annotations

import functools
import json
import sys
from pathlib import Path

from app.layers import load_layers
from app.mapstate import DATA_LANGS, LANGUAGES

from .insets import INSETS, PRESENT_INSETS, TITLE_PX, clipped_features, inset_frame
from .labels import (
    LADDER_KM_PER_PX,
    NAMES_CONVENTIONS,
    _layers_fc,
    inset_labels,
    label_specs,
    place_labels,
    present_type,
    present_width,
    reference_box,
    size_class,
)
from .projection import MapProjection
from .symbols import proxy_items, proxy_px, tap_targets
from .views import GEO_VIEW, PHONE_VIEW, PRESENT_MAX_KM_PER_PX, STEP_VIEWS

LADDER_FILE = Path(__file__).resolve().parents[2] / "geodata" / "layers" / "label_ladder.json"


def _r(v: float) -> float:
    return round(v, 3)   # ~100 m: a tenth of a px at the ladder's largest scale


def _pos(p, tier_px: float | None = None) -> list:
    """[lon, lat, align] of a placed label's text anchor (align: l, r or c; assets/map_paint.js textposition), and
    its size in px where it is not its tier's (`tier_px`: Present's smaller fallback)."""
    return [_r(p.text_lon), _r(p.text_lat), p.align[0], *([p.font_px] if tier_px and p.font_px != tier_px else [])]


PHONE_KM_PER_PX = (2.75, 3.15, 3.6, 4.15, 4.8, 5.5)


def build_ladder(lang: str, scales: tuple[float, ...] = LADDER_KM_PER_PX,
                 phone_scales: tuple[float, ...] = PHONE_KM_PER_PX) -> dict:
    """The ladder of one interface language (see the module's docstring); `scales` in km per px. A phone's tall
    box shows app/cartography/views.py PHONE_VIEW: its rungs are under "phone". Present (a projector) shows the
    page's view in its own larger type and a larger southern-Kurils inset: its rungs are under "present" (a box
    at a smaller scale than the last of them takes the page's)."""

    main = _rungs(lang, scales, GEO_VIEW)
    phone = _rungs(lang, phone_scales, PHONE_VIEW)["rungs"]
    present = _rungs(lang, present_scales(scales, GEO_VIEW), GEO_VIEW, present=True)["rungs"]
    return {"ids": main["ids"], "rungs": main["rungs"], "phone": {"rungs": phone}, "present": {"rungs": present},
            "views": step_view_rungs(lang)}


# A tour step's zoomed view (app/cartography/views.py STEP_VIEWS) at the scales it takes in the page's boxes, from
# a 1920×1080 Present map (the smallest km per px) to a 390×844 phone (the largest).
STEP_VIEW_KM_PER_PX = (0.3, 0.34, 0.39, 0.45, 0.52, 0.6, 0.69, 0.8, 0.92, 1.06, 1.22, 1.4, 1.6)


def step_view_rungs(lang: str, scales: tuple[float, ...] = STEP_VIEW_KM_PER_PX) -> dict:
    """The rungs of each step view, by name: placed without the insets, which the page hides in a step view; in
    Present (under "present") in Present's type, where the map is as wide as a projector's."""
    return {name: {"rungs": _rungs(lang, scales, view, insets=False)["rungs"],
                   "present": {"rungs": _rungs(lang, present_scales(scales, view), view, insets=False,
                                               present=True)["rungs"]}}
            for name, view in STEP_VIEWS.items()}


def present_scales(scales: tuple[float, ...], view: dict) -> tuple[float, ...]:
    """Of `scales`, those at which a map of `view` is at least as wide as the page's whole map on the smallest
    projector (PRESENT_MAX_KM_PER_PX): a narrower one (a phone) is nobody's back row and keeps the page's type."""
    least = present_width(PRESENT_MAX_KM_PER_PX)
    return tuple(km for km in scales if reference_box(km, view)[0] >= least - 0.5)


def _rungs(lang: str, scales: tuple[float, ...], view: dict, insets: bool = True, present: bool = False) -> dict:
    fc = _layers_fc()
    specs = label_specs(fc)
    main_ids = [s.id for s in specs if s.tier < 4]
    unit_features = dict(load_layers("interactive").unit_features)
    rungs = []
    for km in scales:
        w, h = reference_box(km, view)
        proj = MapProjection(view, w, h)
        kind = present_type(w) if present else None
        font = kind.sizes if kind else size_class(w)
        title_px, symbol_px = (kind.title_px, kind.symbol_px) if kind else (TITLE_PX, proxy_px(w))
        frames = PRESENT_INSETS if present else INSETS
        rung: dict = {"km": km, "w": round(w, 1), "h": round(h, 1), "sizes": {str(t): px for t, px in font.items()},
                      "titlePx": title_px, "proxyPx": symbol_px, "names": {}, "insets": {}}
        rung["proxies"] = [1 if p.shown else 0 for p in proxy_items(proj, fc)]
        rung["targets"] = [1 if t.shown else 0 for t in tap_targets(proj, fc, unit_features)]
        for names in NAMES_CONVENTIONS:
            placed = {p.id: p for p in place_labels(w, h, lang=lang, names=names, layers_fc=fc, view=view,
                                                    font_px=font, insets=frames if insets else (), title_px=title_px,
                                                    symbol_px=symbol_px, smaller=kind.smaller if kind else None)}
            rung["names"][names] = {
                "pos": [_pos(placed[i], font[placed[i].tier]) if i in placed else None for i in main_ids],
                "leaders": [[_r(v) for pt in placed[i].leader for v in pt] for i in main_ids
                            if i in placed and placed[i].leader],
            }
        for inset in frames:
            if not insets:   # hidden: no label of the inset is drawn
                rung["insets"][inset.id] = {names: {"pos": [None] * len(inset.labels), "size": [0] * len(inset.labels)}
                                            for names in NAMES_CONVENTIONS}
                continue
            frame = inset_frame(proj, inset)
            per = {}
            for names in NAMES_CONVENTIONS:
                placed = {p.id: p for p in inset_labels(inset, frame, lang=lang, names=names, layers_fc=fc,
                                                        font_px=font if present else None)}
                per[names] = {"pos": [_pos(placed[i]) if i in placed else None for i in inset.labels],
                              "size": [placed[i].font_px if i in placed else 0 for i in inset.labels]}
            rung["insets"][inset.id] = per
        rungs.append(rung)
    return {"ids": main_ids, "rungs": rungs}


def build_shared() -> dict:
    """What every language shares: the small-island symbols and tap targets (place, the location whose paint and
    click they carry) and each inset's land cut to the inset."""
    fc = _layers_fc()
    proj = MapProjection(GEO_VIEW, 1000, 800)
    unit_features = dict(load_layers("interactive").unit_features)
    context = [f for f in fc["features"] if f["properties"].get("layer") == "context"]
    return {
        "proxies": [{"id": p.id, "loc": p.loc, "lon": _r(p.lon), "lat": _r(p.lat)} for p in proxy_items(proj, fc)],
        "targets": [{"id": t.id, "loc": t.loc, "lon": _r(t.lon), "lat": _r(t.lat)}
                    for t in tap_targets(proj, fc, unit_features)],
        "insetContext": {inset.id: _rounded(clipped_features(context, inset.bbox)) for inset in INSETS},
    }


def _rounded(features: list[dict]) -> list[dict]:
    def walk(c):
        return [walk(x) for x in c] if isinstance(c[0], (list, tuple)) else [round(c[0], 4), round(c[1], 4)]

    return [{**f, "geometry": {"type": f["geometry"]["type"], "coordinates": walk(f["geometry"]["coordinates"])}}
            for f in features]


def inset_context(inset_id: str) -> list[dict]:
    """The land an inset draws around its territories (cut to the inset at build time)."""
    return shared()["insetContext"].get(inset_id, [])


def shared() -> dict:
    """The committed shared part, or (file missing) one built now."""
    return _committed().get("shared") or build_shared()


@functools.lru_cache(maxsize=1)
def _committed() -> dict:
    try:
        with open(LADDER_FILE, encoding="utf-8") as fh:
            return json.load(fh)
    except (OSError, json.JSONDecodeError):
        return {}


def ladder_for(lang: str) -> dict:
    """The committed ladder of `lang`, or (file missing or stale) one built now. A derived language (zh-Hant)
    places as its source does: its names are the same characters' other forms, of the same widths."""
    lang = LANGUAGES[lang].derived_from or lang
    data = _committed().get(lang)
    if data and data.get("ids") == [s.id for s in label_specs() if s.tier < 4]:
        return data
    return build_ladder(lang)


def main() -> int:
    out = {"shared": build_shared(), **{lang: build_ladder(lang) for lang in DATA_LANGS}}
    LADDER_FILE.write_text(json.dumps(out, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
    print(f"wrote {LADDER_FILE} ({LADDER_FILE.stat().st_size // 1024} KB)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
