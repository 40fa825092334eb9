"""The done-when sweep of issue 20: single (85 mm), double (175 mm), two-panel (both halves) and slide figures for
the key tour's 12 changes × four views (shared between the sizes, see SIZE_DAYS), each rendered once (SVG by
kaleido, rasterised by librsvg at a low dpi) and checked as a referee would: every unit's printed colour is its
data paint (pixels inside it or its proxy), every label at its place, the key clear of the caption, and the first
three sources name the event in force."""

import datetime as dt
import re

import numpy as np
import pytest

from app.cartography.labels import label_specs
from app.data import load_engine
from app.export import compose, finish, paint
from app.export.request import ExportRequest
from tests.unit.export_checks import caption_problems, colour_problems, label_problems, layout_problems

VIEWS = ("de_facto", "japan", "russia", "usa")
DAYS = [dt.date.fromisoformat(d) for d in (
    "1905-09-05", "1923-06-01", "1925-01-20", "1945-02-11", "1945-09-02", "1946-02-02", "1951-09-08", "1952-04-28",
    "1955-06-01", "1955-12-10", "1956-10-19", "1956-12-12")]
# The 85 mm column and the two-panel halves share the key tour's days between them (every day × view once, where
# small islands are smallest); the single 175 mm and the slide, where they are bigger, see a quarter of the days
# each, so the sweep fits the suite's time.
SIZE_DAYS = {"single": DAYS[0::2], "two-panel": DAYS[1::2], "double": DAYS[1::4], "slide": DAYS[0::4]}
RASTER_DPI = 110  # enough for the big units; the small ones are checked on their proxy squares


@pytest.fixture(scope="module")
def engine():
    return load_engine()


@pytest.fixture(scope="module")
def specs(engine):
    return {s.id: s for s in label_specs(paint.context(engine, "en").fc)}


def requests(size: str) -> list[ExportRequest]:
    if size == "two-panel":  # each view beside the next one, same day: both halves checked
        return [ExportRequest(fmt="svg", size="double", date=day, pov=pov, view="compare", date2=day,
                              pov2=VIEWS[(i + 1) % len(VIEWS)])
                for day in SIZE_DAYS[size] for i, pov in enumerate(VIEWS)]
    return [ExportRequest(fmt="svg", size=size, date=day, pov=pov) for day in SIZE_DAYS[size] for pov in VIEWS]


@pytest.mark.parametrize("size", ["single", "double", "two-panel", "slide"])
def test_export015_every_figure_says_what_the_data_says(engine, specs, size):
    problems, checked = [], []
    for req in requests(size):
        svg, meta = compose.compose_svg(engine, req)
        page = meta["page"]
        image = np.asarray(finish.raster(svg, round(page.width_mm / 25.4 * RASTER_DPI),
                                         round(page.height_mm / 25.4 * RASTER_DPI)).convert("RGB"))
        case = (req.date.isoformat(), req.pov, req.pov2 if req.view == "compare" else "")
        problems += [(case, p) for p in colour_problems(engine, req, meta, image, checked)]
        problems += [(case, p) for p in label_problems(meta, specs, min(req.page.pt_scale, 1.5))]
        problems += [(case, p) for p in layout_problems(meta)]
        problems += [(case, p) for p in caption_problems(engine, req, meta)]
    assert problems == []
    units = {c[1] for c in checked if len(c) == 2}  # what was big enough to sample at 110 dpi
    assert {"sakhalin_south", "sakhalin_north", "kunashir"} <= units, sorted(units)
    assert {"moneron", "atlasov"} <= {c[1] for c in checked if len(c) == 3}  # and the squares of the smallest


def test_export017_no_printed_line_starts_with_a_closing_mark(engine):
    """Japanese key rows and captions wrap before the character ahead of a closing mark (the 28 Apr 1952 key
    printed "マッカーサー・ライン（1946–1952年）：有効" with "。" alone on the next line)."""
    from app.export.text import NO_LINE_START, text_width, wrap

    head = "マッカーサー・ライン（1946–1952年）：有効"
    assert wrap(head + "。", 8.7, text_width(head, 8.7) + 1) == [head[:-1], head[-1] + "。"]
    for day in (dt.date(1951, 9, 8), dt.date(1952, 4, 28), dt.date(1956, 12, 12)):
        for size in ("single", "double"):
            req = ExportRequest(fmt="svg", size=size, date=day, pov="japan", lang="ja")
            fig, _meta = compose.build_figure(engine, req)
            for ann in fig["layout"]["annotations"]:
                for line in ann["text"].split("<br>")[1:]:
                    line = re.sub(r"<[^>]+>", "", line)
                    assert line[:1] not in NO_LINE_START, (day, size, ann["text"][:60])
