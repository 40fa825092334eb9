"""Printed labels are where their places are (app/cartography/labels.place, the page's placer): every label at every
size sits on or next to its place, or within MAX_LEADER_MM with a leader that starts on it inside the frame; a zoom
names only places in its frame."""

import datetime as dt

import pytest

from app.cartography.labels import label_specs
from app.data import load_engine
from app.export import compose, paint
from app.export.request import ExportRequest
from tests.unit.export_checks import label_problems

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
    assert label_problems(meta, specs, min(req.page.pt_scale, 1.5)) == []
