"""An SVG a journal can place: `text=paths` draws every glyph as an outline (librsvg's cairo SVG surface, the fonts
the PDF embeds), so the file needs no Noto; it keeps the page size in mm and renders as the default SVG does, and
the default SVG is unchanged (text in the named fonts)."""

import datetime as dt
import io
import re
import subprocess

import numpy as np
import pytest
from PIL import Image

from app.data import load_engine
from app.export import compose
from app.export.request import ExportParamError, ExportRequest, filename, request_from_args


@pytest.fixture(scope="module")
def engine():
    return load_engine()


def rasterise(svg: bytes, w: int, h: int) -> np.ndarray:
    """The SVG drawn by librsvg (rsvg-convert) at w × h px on white."""
    png = subprocess.run(["rsvg-convert", "-f", "png", "-w", str(w), "-h", str(h), "-b", "white"], input=svg,
                         capture_output=True, check=True).stdout
    return np.asarray(Image.open(io.BytesIO(png)).convert("RGB")).astype(int)


@pytest.mark.parametrize("lang", ["en", "ja"])
def test_export016_svg_text_as_paths_renders_the_same_without_fonts(engine, lang):
    base = dict(fmt="svg", size="single", date=dt.date(1952, 4, 28), pov="japan", lang=lang)
    default = compose.export_figure(engine, ExportRequest(**base))
    paths = compose.export_figure(engine, ExportRequest(**base, text="paths"))
    assert paths.filename == default.filename.replace(".svg", "_paths.svg")
    plain, outlined = default.data.decode("utf-8"), paths.data.decode("utf-8")
    assert plain == default.svg and len(re.findall(r"<text\b", plain)) > 20  # the default keeps its text
    assert "Noto Sans" in plain
    assert not re.search(r"<text\b", outlined) and "font-family" not in outlined
    root = re.search(r"<svg\b[^>]*>", outlined).group(0)
    assert 'width="85.000mm"' in root and 'height="' in root and "mm\"" in root.split("height=")[1]
    assert not re.search(r"<image\b", outlined)  # still vector: patterns and outlines, no bitmaps
    w, h = 502, round(502 * default.meta["H"] / default.meta["W"])
    a, b = rasterise(default.data, w, h), rasterise(paths.data, w, h)
    diff = np.abs(a - b).sum(axis=2)
    assert (diff > 60).mean() < 0.002 and diff.mean() < 2.0, ((diff > 60).mean(), diff.mean())


def test_text_option_is_checked_and_named():
    req = request_from_args({"date": "1952-04-28", "format": "svg", "text": "paths"})
    assert req.text == "paths"
    assert request_from_args({"date": "1952-04-28"}).text == "fonts"
    with pytest.raises(ExportParamError) as err:
        request_from_args({"date": "1952-04-28", "text": "curves"})
    assert err.value.parameter == "text"
    assert filename(load_engine(), ExportRequest(fmt="pdf", text="paths")).endswith("_en.pdf")  # SVG only
