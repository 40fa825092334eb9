"""The short handout a class keeps (2–4 pages): the lesson's key maps, each captioned with its own day; the clauses
behind them, each with its citation; a glossary from content/glossary.yaml in every language; the epilogue — read
back from the PDF with pdfinfo, pdffonts and pdftotext as a teacher's printer would see it."""

import re
import shutil
import subprocess

import pytest

from app import DataFileError
from app.data import load_engine
from app.export import render
from app.i18n import format_date_for
from app.lessons import glossary, handout, plan
from app.lessons.routes import parse

TOOLS = ("pdfinfo", "pdffonts", "pdftotext", "chromium", "rsvg-convert")
pytestmark = pytest.mark.skipif(any(shutil.which(x) is None for x in TOOLS),
                                reason="needs Debian poppler-utils, chromium, librsvg2-bin (make system-deps)")


@pytest.fixture(scope="module")
def engine():
    yield load_engine()
    render.stop()


@pytest.fixture(scope="module")
def short_pdf(engine, tmp_path_factory):
    lesson = plan.build(engine, plan.LessonSpec(tour="key", lang="en"))
    placed: dict = {}
    path = tmp_path_factory.mktemp("short") / "short.pdf"
    path.write_bytes(handout.handout(engine, lesson, "a4", form="short", placed=placed))
    return path, lesson, placed


def _run(*args) -> str:
    return subprocess.run(list(args), capture_output=True, text=True, check=True).stdout


def _page_text(path, n: int) -> str:
    return " ".join(_run("pdftotext", "-f", str(n), "-l", str(n), str(path), "-").split())


def test_short_handout_is_two_to_four_pages_with_fonts_embedded(short_pdf):
    path, _lesson, _placed = short_pdf
    pages = int(re.search(r"Pages:\s+(\d+)", _run("pdfinfo", str(path))).group(1))
    assert 2 <= pages <= 4
    fonts = [ln for ln in _run("pdffonts", str(path)).splitlines()[2:] if ln.strip()]
    assert fonts and not any("Type 3" in ln for ln in fonts)
    assert all(ln.split()[-5] == "yes" for ln in fonts)   # emb


def test_short_handout_maps_are_captioned_with_their_own_day(engine, short_pdf):
    path, lesson, placed = short_pdf
    maps = placed["maps"]
    assert 2 <= len(maps) <= handout.SHORT_MAPS
    assert [m.step.n for m in maps] == sorted(m.step.n for m in maps) and maps[0].step.event == lesson.steps[0].event
    assert all(m.step.what != "signed" or m.step.event != maps[i + 1].step.event for i, m in enumerate(maps[:-1]))
    for m in maps:
        day = format_date_for(m.step.date, "en")
        assert m.figure_title == day   # the figure's own title: the day it draws
        assert day in m.caption and (m.step.words.event_title in m.caption)
        assert m.caption.replace(" ", "") in _page_text(path, m.page).replace(" ", "")


def test_short_handout_clauses_each_carry_their_citation(short_pdf):
    path, _lesson, placed = short_pdf
    text = " ".join(_run("pdftotext", str(path), "-").split())
    assert len(placed["clauses"]) == len(placed["maps"])
    for step, printed, citation in placed["clauses"]:
        assert printed and citation
        if step.words.quote and handout.quoted_citation(step) is not None:   # verbatim only, cited by its source
            assert printed == step.words.quote["original"]
            assert handout.quoted_citation(step).short == citation
        assert f"Source: {citation}".replace(" ", "")[:60] in text.replace(" ", "")
    assert text.count("Source: ") >= len(placed["clauses"])


def test_short_handout_has_the_glossary_and_the_epilogue(short_pdf):
    from app import epilogue

    path, _lesson, _placed = short_pdf
    text = " ".join(_run("pdftotext", str(path), "-").split())
    for term, meaning in glossary.entries("en"):
        assert term in text and meaning[:40] in text
    for item in epilogue.EPILOGUE.items:
        assert format_date_for(item.date, "en") in text and item.sources[0].author in text


def test_glossary_in_every_language_and_broken_file_named(tmp_path):
    for lang in ("en", "ja", "ru", "zh", "zh-Hant"):
        assert len(glossary.entries(lang)) == len(glossary.GLOSSARY) >= 8
    hant = dict(glossary.entries("zh-Hant"))
    assert "齒舞群島" in " ".join(hant.values())   # converted from zh by OpenCC, in Taiwan's forms
    broken = tmp_path / "glossary.yaml"
    broken.write_text("terms:\n- id: claim\n  en: {term: Claim, text: A claim.}\n  ja: {term: 主張}\n", "utf-8")
    with pytest.raises(DataFileError, match=r"glossary.yaml: claim: ja.text"):
        glossary.load_glossary(broken)


def test_short_handout_asked_for_over_http():
    params, _spec = parse({"output": "handout", "paper": "letter", "form": "short"})
    assert params["form"] == "short"
    assert parse({"output": "handout"})[0]["form"] == "full"
    with pytest.raises(Exception) as err:
        parse({"output": "handout", "form": "tiny"})
    assert err.value.parameter == "form"


def test_printed_lines_never_open_with_a_closing_mark():
    from app.lessons.sheet import NO_LINE_START, Sheet

    sheet = Sheet(500, 800, "ja")
    text = dict(glossary.entries("ja"))["引き渡しの約束"]
    for width in range(150, 420, 3):
        lines = sheet.lines(text, 16, width)
        assert "".join(lines) == text
        assert not any(line[:1] in NO_LINE_START for line in lines[1:]), lines
