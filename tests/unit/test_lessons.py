"""Lessons that leave the server, opened as a teacher's tools would open them: the plan of a lesson (tour, events,
range; one key per kind of map; quotes only where verbatim; no internal keys), the video decoded by ffprobe with
its frames read back (the date by OCR, and against the still rendered for that step), the GIF's stills and
delays, the handout checked with pdfinfo, pdffonts and pdftotext in four languages and two paper sizes.
Short lessons keep this file's time modest; one Chromium (kaleido) for the module."""

import datetime as dt
import io
import json
import re
import shutil
import subprocess

import pytest

from app.data import load_engine
from app.export import render
from app.export.request import ExportParamError
from app.lessons import frames, plan

TOOLS = ("ffmpeg", "ffprobe", "tesseract", "pdfinfo", "pdffonts", "pdftotext", "chromium", "rsvg-convert")
pytestmark = pytest.mark.skipif(any(shutil.which(x) is None for x in TOOLS),
                                reason="needs Debian ffmpeg, tesseract-ocr, poppler-utils, chromium, librsvg2-bin "
                                       "(make system-deps)")
KEY_PATTERN = re.compile(r"\b[a-z0-9]+(?:_[a-z0-9]+){2,}\b")  # an internal source key like seed003_l75_ns_occupation


@pytest.fixture(scope="module")
def engine():
    yield load_engine()
    render.stop()


def _cli(engine, *argv):
    """`python -m app export …` as app/__main__.py dispatches it (a figure, a series or a lesson)."""
    from app.__main__ import build_parser

    args = build_parser().parse_args(["export", *argv])
    return args.func(args, engine)


# ------------------------------------------------------------------------------------------ the plan
def test_tour_plan_follows_the_classroom_tour(engine):
    from app import narration

    lesson = plan.build(engine, plan.LessonSpec(tour="key"))
    tour = narration.tour_steps(engine, "key")
    # each step in the step's point of view (the epilogue card is Present's only, for now)
    assert [(s.event, s.date, s.mode, s.req.pov) for s in lesson.steps] == \
        [(s.event, s.date, s.mode, s.pov) for s in tour if not s.epilogue]
    assert lesson.steps[0].what == "signed" and lesson.steps[1].what == "in_force"
    kinds = {s.req.mode: s.req.key_rows for s in lesson.steps}
    for step in lesson.steps:  # one key per kind of map, the same on every step of that kind
        assert step.req.key_rows == kinds[step.req.mode]
        assert step.req.size == "slide"
    assert any(s.mode == "event" and s.what == "provides" for s in lesson.steps)


def test_words_quote_only_verbatim_and_never_show_keys(engine):
    from app.citations import cite

    lesson = plan.build(engine, plan.LessonSpec(tour="key", lang="ru"))
    quoted = 0
    for step in lesson.steps:
        w = step.words
        if w.quote is not None:
            quoted += 1
            assert any(cite(engine, k, "ru").quote == w.quote for k in engine.timeline.sources
                       if engine.timeline.sources[k].verbatim is True)
        for c in (*w.sources, *step.map_sources):
            assert c.short and c.short != c.key and not KEY_PATTERN.fullmatch(c.short)
        assert step.title and not KEY_PATTERN.search(step.title)
    assert quoted >= 3
    assert len(lesson.sources()) == len({(c.short, c.full) for c in lesson.sources()})


def test_ranges_step_by_day_month_year_and_refuse_what_will_not_fit(engine):
    by_month = plan.build(engine, plan.LessonSpec(start=dt.date(1945, 1, 31), end=dt.date(1945, 5, 31), by="month"))
    assert [s.date for s in by_month.steps] == [dt.date(1945, 1, 31), dt.date(1945, 2, 28), dt.date(1945, 3, 31),
                                                dt.date(1945, 4, 30), dt.date(1945, 5, 31)]
    assert by_month.title == "Sakhalin and the Kurils, 1945"
    by_year = plan.build(engine, plan.LessonSpec(start=dt.date(1950, 6, 1), by="year"))
    assert [s.date.year for s in by_year.steps] == list(range(1950, 1957))
    assert plan.build(engine, plan.LessonSpec(start=dt.date(1952, 4, 28), end=dt.date(1952, 4, 28), by="day")).steps
    for spec, parameter in ((plan.LessonSpec(start=dt.date(1905, 1, 1), by="day"), "by"),
                            (plan.LessonSpec(start=dt.date(1950, 1, 1), end=dt.date(1949, 1, 1)), "to"),
                            (plan.LessonSpec(start=dt.date(1900, 1, 1)), "from"),
                            (plan.LessonSpec(events="portsmouth_1905,nonsense"), "events"),
                            (plan.LessonSpec(tour="nonsense"), "tour")):
        with pytest.raises(ExportParamError) as err:
            plan.build(engine, spec)
        assert err.value.parameter == parameter


def test_steps_that_differ_only_by_date_share_one_render(engine, monkeypatch):
    calls = []
    real = render.render

    def counting(*args, **kwargs):
        calls.append(1)
        return real(*args, **kwargs)

    monkeypatch.setattr(render, "render", counting)
    lesson = plan.build(engine, plan.LessonSpec(start=dt.date(1930, 3, 1), end=dt.date(1930, 3, 4), by="day"))
    svgs = list(frames.step_svgs(engine, lesson))
    assert len(svgs) == 4 and len(calls) < 4
    for step, svg in svgs:
        title = step.title  # the date, in the figure's words
        assert svg.count(f'<tspan style="font-weight:bold">{title}</tspan>') == 1
        others = [s.title for s in lesson.steps if s.title != title]
        assert not any(f">{o}</tspan>" in svg for o in others)


# ------------------------------------------------------------------------------------------ video
def _probe(path) -> dict:
    out = subprocess.run(["ffprobe", "-v", "error", "-count_frames", "-show_streams", "-show_format", "-of", "json",
                          str(path)], capture_output=True, text=True, check=True).stdout
    return json.loads(out)


def _frame_at(path, seconds: float):
    from PIL import Image

    raw = subprocess.run(["ffmpeg", "-v", "error", "-ss", f"{seconds:.3f}", "-i", str(path), "-frames:v", "1",
                          "-f", "image2pipe", "-vcodec", "png", "-"], capture_output=True, check=True).stdout
    return Image.open(io.BytesIO(raw)).convert("RGB")


def _ocr(image) -> str:
    buf = io.BytesIO()
    image.save(buf, format="PNG")
    return subprocess.run(["tesseract", "stdin", "stdout", "--psm", "6", "-l", "eng"], input=buf.getvalue(),
                          capture_output=True, check=True).stdout.decode("utf-8", "replace")


def _diff(a, b) -> float:
    from PIL import ImageChops, ImageStat

    return sum(ImageStat.Stat(ImageChops.difference(a, b)).mean) / 3


def test_mp4_decodes_with_the_frames_sizes_and_dates_asked(engine, tmp_path):
    out = tmp_path / "range.mp4"
    _cli(engine, "--animate", "--from", "1945-08-01", "--to", "1945-10-01", "--by", "month", "--resolution", "720p",
         "--step-seconds", "1", "--fps", "10", "--out", str(out))
    info = _probe(out)
    video = info["streams"][0]
    assert (video["codec_name"], video["profile"], video["pix_fmt"]) == ("h264", "High", "yuv420p")
    assert (video["width"], video["height"]) == (1280, 720)
    assert int(video["nb_read_frames"]) == (3 + 3 * 1 + 3) * 10  # title card, three steps, end card
    assert float(info["format"]["duration"]) == pytest.approx(9.0, abs=0.05)
    with open(out, "rb") as f:  # +faststart: the index comes before the media data (slides can start at once)
        head = f.read(4096)
    assert head.find(b"moov") < head.find(b"mdat") or b"mdat" not in head
    lesson = plan.build(engine, plan.LessonSpec(start=dt.date(1945, 8, 1), end=dt.date(1945, 10, 1), by="month"))
    stills = {step.n: frames.step_still(step, svg, top, "en", (1280, 720))
              for step, svg, top in frames.step_renders(engine, lesson)}
    band = (0, 0, 640, 48)  # the figure's title: the date
    for n, words in ((1, "1 August 1945"), (2, "1 September 1945"), (3, "1 October 1945")):
        frame = _frame_at(out, 3.0 + (n - 1) + 0.5)
        assert words in " ".join(_ocr(frame.crop(band).resize((1920, 144))).split())
        own = _diff(frame.crop(band), stills[n].crop(band))
        assert all(own < _diff(frame.crop(band), stills[m].crop(band)) for m in stills if m != n)
    first = _frame_at(out, 0.5)
    assert "Sakhalin and the Kurils, 1945" in " ".join(_ocr(first.crop((0, 150, 1280, 260))).split())


def test_webm_and_gif(engine, tmp_path):
    from PIL import Image

    webm = tmp_path / "a.webm"
    _cli(engine, "--animate", "--from", "1952-04-27", "--to", "1952-04-28", "--by", "day", "--resolution", "720p",
         "--step-seconds", "0.5", "--fps", "10", "--out", str(webm))
    info = _probe(webm)
    assert info["streams"][0]["codec_name"] == "vp9" and info["streams"][0]["width"] == 1280
    assert int(info["streams"][0]["nb_read_frames"]) == (3 + 0.5 * 2 + 3) * 10
    gif = tmp_path / "a.gif"
    _cli(engine, "--animate", "--from", "1952-04-27", "--to", "1952-04-28", "--by", "day", "--resolution", "720p",
         "--step-seconds", "2", "--out", str(gif))
    with Image.open(gif) as im:
        assert im.size == (1280, 720) and im.n_frames == 4 and im.info.get("loop") == 0
        delays = []
        for i in range(im.n_frames):
            im.seek(i)
            delays.append(im.info["duration"])
        assert delays == [3000, 2000, 2000, 3000]


def test_animation_edges_are_clear_errors(engine, tmp_path):
    from app.timeline.engine import QueryError

    for argv, parameter in ((["--animate", "--out", str(tmp_path / "x.pdf")], "format"),
                            (["--animate", "--step-seconds", "0.1", "--out", str(tmp_path / "x.mp4")], "step_seconds"),
                            (["--handout", "--out", str(tmp_path / "missing" / "h.pdf")], "out"),
                            (["--lesson", "--from", "1956-01-01", "--to", "1955-01-01", "--out", str(tmp_path)], "to")):
        with pytest.raises(QueryError) as err:
            _cli(engine, *argv)
        assert err.value.parameter == parameter
    assert not list(tmp_path.iterdir())


# ------------------------------------------------------------------------------------------ handout
def _pdf(path, *args) -> str:
    return subprocess.run([args[0], *args[1:], str(path), *(["-"] if args[0] == "pdftotext" else [])],
                          capture_output=True, text=True, check=True).stdout


def _print_true(path) -> None:
    import pikepdf

    fonts = [ln for ln in _pdf(path, "pdffonts").splitlines()[2:] if ln.strip()]
    assert fonts and not any("Type 3" in ln for ln in fonts)
    assert all(ln.split()[-5] == "yes" for ln in fonts)  # emb
    with pikepdf.open(path) as pdf:
        assert not any(isinstance(o, pikepdf.Stream) and o.get("/Subtype") == "/Image" for o in pdf.objects)


def test_handout_a4_cover_steps_glossary_references(engine, tmp_path):
    out = tmp_path / "h.pdf"
    _cli(engine, "--handout", "--events", "portsmouth_1905", "--paper", "a4", "--lang", "ja", "--out", str(out))
    info = _pdf(out, "pdfinfo")
    lesson = plan.build(engine, plan.LessonSpec(events="portsmouth_1905", lang="ja"))
    pages = int(re.search(r"Pages:\s+(\d+)", info).group(1))
    assert pages >= 1 + len(lesson.steps) + 2  # cover, steps, glossary, references (may run on)
    assert "595.276 x 841.89 pts (A4)" in info and "Title:" in info
    _print_true(out)
    text = _pdf(out, "pdftotext", "-layout")
    for step in lesson.steps:
        assert step.title in text
    assert "凡例の用語解説" in text and "参考文献" in text and "色丹" in text
    assert not re.search("[\u2f00-\u2fdf]", text)  # no Kangxi radicals in place of 色
    quoted = next(s for s in lesson.steps if s.words.quote)
    assert quoted.words.quote["original"].split()[0] in text
    refs = text[text.index("参考文献"):]
    assert all(c.full[:6] in refs for c in lesson.sources())
    assert not set(engine.timeline.sources) & set(re.findall(r"[A-Za-z0-9_]+", text))  # no internal key


@pytest.mark.parametrize("lang, words", [("en", "Page 1 of"), ("ru", "Страница 1 из"), ("zh", "第 1 页")])
def test_handout_letter_in_each_language(engine, tmp_path, lang, words):
    out = tmp_path / f"h_{lang}.pdf"
    _cli(engine, "--handout", "--from", "1952-04-28", "--to", "1952-04-28", "--by", "day", "--paper", "letter",
         "--lang", lang, "--out", str(out))
    assert "612 x 792 pts (letter)" in _pdf(out, "pdfinfo")
    _print_true(out)
    assert words in _pdf(out, "pdftotext")


# ------------------------------------------------------------------------------------------ the page's routes
def test_routes_start_poll_and_serve_a_lesson(engine, tmp_path, monkeypatch):
    import time

    from flask import Flask

    from app.lessons.routes import register_lesson_routes

    monkeypatch.setenv("ATLAS_LESSON_DIR", str(tmp_path))
    server = Flask("lesson-test")
    register_lesson_routes(server, engine)
    client = server.test_client()
    for query, parameter in (("output=film", "output"), ("output=video&format=pdf", "format"),
                             ("from=1950-01-01&to=1949-01-01", "to"), ("tour=nonsense", "tour"), ("x=1", "x")):
        resp = client.get(f"/lesson/start?{query}")
        assert resp.status_code == 400 and resp.get_json()["parameter"] == parameter
    resp = client.get("/lesson/start?output=html&tour=key&lang=ja&pov=soviet")
    assert resp.status_code == 202
    job = resp.get_json()
    assert client.get("/lesson/start?output=html&tour=key&lang=ja&pov=soviet").get_json()["id"] == job["id"]
    deadline = time.monotonic() + 120
    seen = []
    while time.monotonic() < deadline:
        status = client.get(job["status"]).get_json()
        seen.append(status["state"])
        if status["state"] in ("done", "failed"):
            break
        time.sleep(0.3)
    assert status["state"] == "done", status
    got = client.get(job["file"])
    assert got.status_code == 200 and got.mimetype == "text/html"
    assert "attachment" in got.headers["Content-Disposition"] and got.data.startswith(b"<!DOCTYPE html>")
    assert b'<html lang="ja">' in got.data and b"http://" not in got.data.split(b"<script")[0]
    assert client.get("/lesson/status/" + "0" * 24).status_code == 404
    assert client.get("/lesson/file/../../etc/passwd").status_code == 404
