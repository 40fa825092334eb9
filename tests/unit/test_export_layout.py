"""The figure's page layout without rendering: the presets answer every real state (the key falls back to more
columns, smaller type or a taller column figure, never a refusal) and the key never prints over the caption."""

import datetime as dt

import pytest

from app.data import load_engine
from app.export import compose, series
from app.export.request import ExportRequest
from app.narration import TOURS

VIEWS = ("de_facto", "japan", "russia", "usa")
CONFERENCE = [dt.date(1951, 9, d) for d in range(1, 13)]
# the research trial's survey (10 dates × 4 views; 7 of 40 were refused at 85 mm)
SURVEY = [dt.date.fromisoformat(d) for d in ("1945-08-09", "1945-09-02", "1946-02-02", "1951-09-05", "1951-09-07",
                                              "1951-09-08", "1952-04-28", "1955-08-09", "1956-10-19", "1956-12-12")]


@pytest.fixture(scope="module")
def engine():
    return load_engine()


def tour_days(engine) -> list[dt.date]:
    days = {dt.date.fromisoformat(str(day or engine.events[event].sort_date)) for steps in TOURS.values()
            for event, day, *_rest in steps if day or event in engine.events}  # (the epilogue card has neither)
    return sorted(days)


def assert_laid_out(meta: dict, req: ExportRequest) -> None:
    """The page keeps its width; the key is clear of the map and above the caption's rule."""
    page = meta["page"]
    assert page.width_mm == req.page.width_mm
    assert req.page.height_mm <= page.height_mm <= compose.MAX_GROWN_MM + 0.01
    kx, ky, kw, kh = meta["key_box"]
    assert ky + kh <= meta["caption_top"] + 0.01, (req.date, req.pov, req.size, "key over caption")
    for pan in meta["panels"]:
        bx, by, bw, bh = pan.box
        apart = kx >= bx + bw - 0.01 or ky >= by + bh - 0.01
        assert apart, (req.date, req.pov, req.size, "key over map")
        assert bh / 96 * 25.4 >= compose.MIN_MAP_MM - 0.01 or req.view == "compare"


def test_export001_single_column_answers_every_tour_and_conference_day(engine):
    """85 mm answers every view on the key tour's days, 1–12 Sep 1951 and the trial's survey: before, the 5 and
    7 Sep 1951 maps were refused ("leaves the map 79 × 4 mm")."""
    days = sorted(set(tour_days(engine)) | set(CONFERENCE) | set(SURVEY))
    cases = [(d, v, "en") for d in days for v in VIEWS]
    cases += [(d, v, "ja") for d in CONFERENCE[4:8] for v in VIEWS]
    for day, pov, lang in cases:
        req = ExportRequest(date=day, pov=pov, size="single", lang=lang, fmt="svg")
        _fig, meta = compose.build_figure(engine, req)
        assert_laid_out(meta, req)


@pytest.mark.parametrize("size", ["double", "slide"])
def test_export002_series_key_never_over_its_caption(engine, size):
    """Every frame of the all-events series (Japan's view; the trial saw frames 018 and 025 overprint) and the
    conference days in the wide presets: the key stays above the caption."""
    base = ExportRequest(pov="japan", fmt="svg", size=size)
    for frame in series.frames(engine, base, series.event_ids(engine)):
        _fig, meta = compose.build_figure(engine, frame.req)
        assert_laid_out(meta, frame.req)
    for day in (dt.date(1951, 9, 5), dt.date(1951, 9, 7)):
        for pov in VIEWS:
            req = ExportRequest(date=day, pov=pov, size=size, fmt="svg")
            _fig, meta = compose.build_figure(engine, req)
            assert_laid_out(meta, req)


def test_export003_compare_at_175_mm_keeps_both_panels(engine):
    """The trial's two-panel figure (175 × 125 mm, USSR | USA on 8 Sep 1951) and the conference's worst day."""
    for day in (dt.date(1951, 9, 8), dt.date(1951, 9, 5)):
        req = ExportRequest(date=day, pov="russia", view="compare", date2=day, pov2="usa", size="double",
                            fmt="svg")
        _fig, meta = compose.build_figure(engine, req)
        assert_laid_out(meta, req)
        assert len(meta["panels"]) == 2 and abs(meta["page"].width_mm - 175) < 0.01


def line_widths(fig: dict, meta: dict) -> list[tuple[str, float]]:
    """Every drawn line's width in CSS px: traces' outlines and lines, shapes, and the finished territory strokes."""
    found = []
    for trace in fig["data"]:
        for part in (trace.get("marker", {}).get("line", {}), trace.get("line", {})):
            if "width" in part:
                found.append((trace["type"], part["width"]))
    found += [("shape", s["line"]["width"]) for s in fig["layout"]["shapes"] if "line" in s]
    found += [("territory", st["width"]) for st in meta["finish"].values() if st.get("stroke")]
    return [(what, w) for what, w in found if w > 0]


@pytest.mark.parametrize("size", ["single", "double", "slide", "custom"])
def test_export008_lines_are_at_least_a_quarter_point(engine, size):
    """Coastlines were 0.215 pt at 85 mm; every line on paper is ≥ 0.25 pt (1 CSS px = 0.75 pt)."""
    for day, pov in ((dt.date(1952, 4, 28), "japan"), (dt.date(1945, 9, 2), "de_facto")):
        req = ExportRequest(date=day, pov=pov, size=size, width_mm=100 if size == "custom" else None,
                            height_mm=150 if size == "custom" else None, fmt="svg")
        fig, meta = compose.build_figure(engine, req)
        thin = [(what, round(w * 0.75, 3)) for what, w in line_widths(fig, meta) if w * 0.75 < 0.25]
        assert thin == [], (size, day)
