"""Open what the export wrote: SVG parses and holds caption + legend, PDF shows the map and caption,
PNG has the chosen pixel size, Japanese/Russian text is embedded, parallel requests get their own file.
One Chromium (kaleido) for the module, one render at a time."""

import datetime as dt
import shutil
import struct
import subprocess
import threading
import unicodedata
import xml.etree.ElementTree as ET

import pytest
from flask import Flask

from app.data import load_engine
from app.export import compose, render
from app.export.compose import ExportRequest
from app.export.routes import register_export_routes
from app.export.sizes import page_size

pytestmark = pytest.mark.skipif(shutil.which("pdftoppm") is None or shutil.which("chromium") is None,
                                reason="needs Debian chromium and poppler-utils (make system-deps)")


@pytest.fixture(scope="module")
def engine():
    yield load_engine()
    render.stop()


@pytest.fixture(scope="module")
def client(engine):
    server = Flask("export-test")
    register_export_routes(server, engine)
    return server.test_client()


def _svg_text(data: bytes) -> str:
    root = ET.fromstring(data)
    return " ".join("".join(el.itertext()) for el in root.iter() if el.tag.endswith("text"))


def test_svg_parses_and_holds_caption_and_legend(engine):
    r = compose.export_figure(engine, ExportRequest(date=dt.date(1951, 9, 8), pov="japan", fmt="svg"))
    text = _svg_text(r.data)
    assert "[1951-09-08]" in text and "Japan's view" in text
    assert "Colour = actor" in text and "Stripes: claimed by the stripes' colour" in text
    assert "GSHHG 2.3.6 (Wessel & Smith 1996), LGPL-3.0" in text and "v0.1.0" in text
    assert "date=1951-09-08&amp;pov=japan" in r.data.decode() or "date=1951-09-08&pov=japan" in text
    assert r.filename == "1951-09-08_san-francisco-treaty_japan.svg"
    assert b"<pattern" in r.data and b"<image" not in r.data  # vector, with the page's pattern tiles


def test_pdf_shows_map_and_caption(engine, tmp_path):
    r = compose.export_figure(engine, ExportRequest(date=dt.date(1945, 9, 5), fmt="pdf", size="double"))
    pdf = tmp_path / "f.pdf"
    pdf.write_bytes(r.data)
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    assert "[1945-09-05]" in text and "De facto control" in text and "GSHHG" in text
    subprocess.run(["pdftoppm", "-r", "40", "-gray", str(pdf), str(tmp_path / "p")], check=True)
    pgm = next(tmp_path.glob("p*.pgm")).read_bytes()
    header, pixels = pgm.split(b"\n255\n", 1)
    w, h = map(int, header.split()[1:3])
    # the map is the left ~64 % below the title: count non-white pixels there
    rows = [pixels[y * w:(y + 1) * w] for y in range(int(h * 0.2), int(h * 0.7))]
    dark = sum(1 for row in rows for v in row[int(w * 0.05):int(w * 0.6)] if v < 200)
    assert dark > 0.05 * len(rows) * int(w * 0.55)
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
    assert "510 x 354" in info  # 180 × 125 mm


@pytest.mark.parametrize("size,dpi", [("single", 300), ("double", 600)])
def test_png_pixel_size_is_mm_times_dpi(engine, size, dpi):
    r = compose.export_figure(engine, ExportRequest(fmt="png", size=size, dpi=dpi))
    assert r.data[:8] == b"\x89PNG\r\n\x1a\n"
    assert struct.unpack(">II", r.data[16:24]) == page_size(size).pixels(dpi)


def test_japanese_and_russian_text_embedded(engine, tmp_path):
    r = compose.export_figure(engine, ExportRequest(date=dt.date(1956, 10, 19), pov="japan", fmt="pdf",
                                                    size="single", lang="ja", names="both"))
    pdf = tmp_path / "ja.pdf"
    pdf.write_bytes(r.data)
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    # Chromium's Type 3 ToUnicode maps some CJK glyphs to their Kangxi-radical twins (⽇ for 日): NFKC folds them
    text = unicodedata.normalize("NFKC", text)
    assert "日本の立場" in text and "択捉島" in text and "Итуруп" in text
    fonts = subprocess.run(["pdffonts", str(pdf)], capture_output=True, text=True, check=True).stdout
    lines = [ln for ln in fonts.splitlines()[2:] if ln.strip()]
    assert lines and all(" yes " in ln for ln in lines)  # every font embedded
    # Noto Sans CJK is CFF: Chromium embeds its glyphs as Type 3 fonts (no name); Latin/Cyrillic as NotoSans
    assert any("Type 3" in ln for ln in lines)
    svg = compose.export_figure(engine, ExportRequest(date=dt.date(1956, 10, 19), lang="ru", names="ru")).data
    assert "Итуруп" in _svg_text(svg) and "Фактический контроль" in _svg_text(svg)


def test_route_headers_and_bad_params(client):
    r = client.get("/export?date=1951-09-08&pov=japan&format=svg&size=single")
    assert r.status_code == 200 and r.mimetype == "image/svg+xml"
    assert 'filename="1951-09-08_san-francisco-treaty_japan.svg"' in r.headers["Content-Disposition"]
    for query, parameter in [("format=gif", "format"), ("size=huge", "size"), ("date=1951-02-30", "date"),
                             ("size=custom&width_mm=2000&height_mm=100", "width_mm"), ("dpi=72&format=png", "dpi"),
                             ("pov=mars", "pov"), ("event=../../etc/passwd", "event"), ("path=/tmp/x", "path"),
                             ("size=custom&width_mm=590&height_mm=590&format=png&dpi=600", "dpi")]:
        bad = client.get("/export?" + query)
        assert bad.status_code == 400, query
        assert bad.get_json()["parameter"] == parameter, query


def test_parallel_requests_each_get_their_own_file(client):
    dates = ["1905-09-05", "1925-01-20", "1945-08-20", "1951-09-08", "1956-10-19", "1946-02-02"]
    results: dict[str, bytes] = {}

    def fetch(date: str) -> None:
        results[date] = client.get(f"/export?date={date}&format=svg&size=single").data

    threads = [threading.Thread(target=fetch, args=(d,)) for d in dates]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=300)
    for date in dates:
        assert f"[{date}]" in _svg_text(results[date]), date


def test_cli_series_resumes(engine, tmp_path, monkeypatch):
    from app.export import cli

    events = [ev for ev in engine.event_list() if ev["id"] in ("portsmouth_1905", "basic_convention_1925",
                                                               "san_francisco_treaty_1951")]
    monkeypatch.setattr(type(engine), "event_list", lambda self: events)
    from app.__main__ import build_parser

    args = build_parser().parse_args(["export", "--all-events", "--format", "svg", "--size", "single",
                                      "--perspective", "japan", "--out", str(tmp_path)])
    out = cli.run_all(engine, args)
    files = sorted(p.name for p in tmp_path.glob("*.svg"))
    assert files[2] == "003_1951-09-08_san-francisco-treaty_japan.svg" and "3 written" in out
    (tmp_path / files[1]).write_bytes(b"<svg")  # a torn file is redone, complete ones are skipped
    out = cli.run_all(engine, args)
    assert "1 written, 2 already complete" in out
    index = (tmp_path / "index.csv").read_text(encoding="utf-8").splitlines()
    assert index[0] == "number,event,date,file,title,caption" and len(index) == 4
    assert "[1925-01-20]" in index[2]
