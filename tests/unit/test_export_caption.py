"""The printed caption's sources are the ones that make the map: the event it names first, whole citations, only
disagreements about what is drawn, the rest counted and pointed to the dataset; two-panel captions read as
sentences."""

import datetime as dt
import re

import pytest

from app.citations import cite
from app.data import load_engine
from app.export import caption
from app.export.request import ExportRequest
from tests.unit.export_checks import named_event_citations

VIEWS = ("de_facto", "japan", "russia", "usa")
DAYS = [dt.date.fromisoformat(d) for d in (
    "1905-10-15", "1920-08-01", "1925-01-20", "1941-04-13", "1945-08-09", "1945-09-02", "1946-02-02", "1951-09-05",
    "1951-09-07", "1951-09-08", "1952-04-28", "1955-08-09", "1956-10-19", "1956-12-12")]
NARROW = 3  # the sources an 85 mm caption names (compose.build_figure)


@pytest.fixture(scope="module")
def engine():
    return load_engine()


def listed_sources(text: str) -> list[str]:
    """The items of a caption's "Sources: a; b; c; and N more …." list, as a reader splits them."""
    found = re.search(r"Sources: (.*?)\. (?:Sources disagree|$)", text + " ")
    assert found, text
    return found.group(1).split("; ")


def test_export004_first_three_sources_include_the_event_named(engine):
    """On every day × view, one of the first three sources of an 85 mm caption is the named event's own (on
    28 Apr 1952 they were 1905–1944 items and Art. 2(c) fell into "and 27 more")."""
    missing = []
    for day in DAYS:
        for pov in VIEWS:
            req = ExportRequest(date=day, pov=pov, size="single")
            event, own = named_event_citations(engine, req)
            if not own:
                continue
            first = listed_sources(caption.caption_lines(engine, req, "", NARROW, 1)[0])[:NARROW]
            if not own & set(first):
                missing.append((day.isoformat(), pov, event, first))
    assert missing == []


def test_export005_citations_are_whole_and_the_rest_point_to_the_dataset(engine):
    """Every item of the list is a whole citation (no orphan "document header" from a locator's semicolon, no
    "doc. 779, d779"), and the uncounted rest points to the dataset's file."""
    wholes = set()
    for key in engine.timeline.sources:
        short = cite(engine, key).short
        assert not re.search(r"doc\. (\d+), d\1\b", short), short
        wholes.add(short.replace("; ", ", "))
    for day in DAYS:
        for pov in VIEWS:
            req = ExportRequest(date=day, pov=pov, size="double")
            items = listed_sources(caption.caption_lines(engine, req, "")[0])
            *cites, rest = items
            assert set(cites) <= wholes, (day, pov, set(cites) - wholes)
            assert rest in wholes or re.fullmatch(r"and \d+ more in the dataset \(statuses\.csv\)", rest), rest


def test_export006_disagreements_are_about_what_is_drawn(engine):
    """A 1951 map does not lead with when the 1905 treaty entered into force: a question appears only when the
    view draws a row it concerns or it is about the named event, the named event's first."""
    req = ExportRequest(date=dt.date(1951, 9, 5), pov="japan", size="double")
    text = caption.caption_lines(engine, req, "")[0]
    assert "Treaty of Portsmouth enter into force" not in text
    req = ExportRequest(date=dt.date(1952, 4, 28), pov="japan", size="single")
    text = caption.caption_lines(engine, req, "", NARROW, 1)[0]
    assert "Art. 2(c)" in text.split("Sources disagree:")[1]


def test_export007_two_panel_caption_reads_as_sentences(engine):
    req = ExportRequest(date=dt.date(1951, 9, 8), pov="russia", view="compare", date2=dt.date(1951, 9, 8),
                        pov2="usa")
    text = caption.caption_lines(engine, req, "")[0]
    assert text.startswith("Left: ") and ". Right: " in text


def test_export009_caption_states_licence_and_version_and_the_docs_quote_it(engine):
    """The caption says the data's version and licence (read from dataset.yaml); docs/export.md quotes the
    version the data has, so a reader comparing a figure with the docs sees the same number."""
    from pathlib import Path

    info = engine.timeline.dataset
    text = caption.caption_lines(engine, ExportRequest(date=dt.date(1952, 4, 28), pov="japan"), "")[1]
    assert f"data {info.version} (" in text and "licence CC BY 4.0." in text
    assert "CC-BY-4.0 (data)" in info.licence
    docs = (Path(__file__).resolve().parents[2] / "docs" / "export.md").read_text(encoding="utf-8")
    quoted = set(re.findall(r"\bdata (\d+\.\d+\.\d+) \(", docs))
    assert quoted == {info.version}


def test_export010_a_zoomed_figure_says_so_in_its_file_name(engine):
    from app.export.request import filename

    whole = filename(engine, ExportRequest(date=dt.date(1952, 4, 28), pov="japan", size="single", fmt="png"))
    zoom = filename(engine, ExportRequest(date=dt.date(1952, 4, 28), pov="japan", size="single", fmt="png",
                                          unit="habomai"))
    assert zoom != whole and "_zoom-habomai_" in zoom
