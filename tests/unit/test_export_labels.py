"""Printed labels are where their places are (app/cartography/labels.place, the page's placer): every label at every
size sits on or next to its place, or within MAX_LEADER_MM with a leader that starts on it inside the frame; a zoom
names only places in its frame."""

import datetime as dt

import pytest
from shapely.geometry import Point, box
from shapely.ops import unary_union

from app.cartography.labels import label_specs
from app.data import load_engine
from app.export import compose, paint
from app.export.request import ExportRequest

PX_PER_MM = 96 / 25.4
CASES = [dict(size=size, date=dt.date.fromisoformat(day), pov=pov)
         for size in ("single", "double", "slide") for day, pov in (("1952-04-28", "japan"), ("1951-09-08", "usa"))]
CASES += [dict(size="double", date=dt.date(1951, 9, 8), pov="russia", view="compare", date2=dt.date(1951, 9, 8),
               pov2="usa")]
CASES += [dict(size=size, date=dt.date(1952, 4, 28), pov="japan", unit="habomai") for size in ("single", "double")]
CASES += [dict(size="single", date=dt.date(1952, 4, 28), pov="japan", lang="ja")]


@pytest.fixture(scope="module")
def engine():
    return load_engine()


@pytest.fixture(scope="module")
def specs(engine):
    return {s.id: s for s in label_specs(paint.context(engine, "en").fc)}


@pytest.mark.parametrize("case", CASES, ids=lambda c: "-".join(str(v) for v in c.values()))
def test_export012_every_label_is_at_its_place(engine, specs, case):
    req = ExportRequest(fmt="svg", **case)
    _fig, meta = compose.build_figure(engine, req)
    scale = min(req.page.pt_scale, 1.5)
    far = []
    for gid, placed, frame in meta["labels"]:
        places = meta["label_places"][gid]
        seen = box(*frame)
        for p in placed:
            label = box(p.x, p.y, p.x + p.w, p.y + p.h)
            assert seen.buffer(0.5).contains(label), (gid, p.id)
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
            elif mm_away > (4.0 if specs[p.id].kind == "town" else 2.5) * scale:  # on or next to its place
                far.append((gid, p.text, round(mm_away, 1), "no leader"))
    assert far == []
