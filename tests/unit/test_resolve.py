"""One answer to "what does the map show for this state?" (app/cartography/resolve.py): the headline and what is
in force, one rule each; whose marker a paint is; a key, an event and names per figure, series frame and lesson
step, the same as its caption."""

from __future__ import annotations

import datetime as dt

import pytest

from app.cartography.key import key_rows, key_state
from app.cartography.resolve import resolve
from app.data import load_engine
from app.export import caption, compose, paint, series
from app.export.request import ExportRequest
from app.layout import page_map
from app.lessons import plan
from app.mapstate import MIN_DATE, MapState
from app.timeline import milestones


@pytest.fixture(scope="module")
def engine():
    return load_engine()


@pytest.fixture(scope="module")
def page_en(engine):
    table, events, _fig = page_map(engine, "en")
    return table, events


def subtitle(engine, **kw) -> str:
    return caption.titles(engine, ExportRequest(**kw))[1]


def test_in_force_names_only_instruments_in_force(engine):
    """8 Sep 1951: San Francisco was signed that day (in force 28 Apr 1952, never signed by the USSR); 5 Sep 1951:
    Gromyko's amendments were rejected. The figures said "in force" for both; the page said "latest event"."""
    for pov in ("russia", "usa"):
        sub = subtitle(engine, date=dt.date(1951, 9, 8), pov=pov)
        assert "signed: Treaty of Peace with Japan" in sub and "in force" not in sub, sub
    sub = subtitle(engine, date=dt.date(1951, 9, 5), pov="japan")
    assert "rejected: Gromyko's amendments" in sub and "in force" not in sub, sub
    assert "in force: Treaty of Peace with Japan" in subtitle(engine, date=dt.date(1952, 4, 28), pov="japan")
    assert "latest event: Stalin's address" in subtitle(engine, date=dt.date(1945, 9, 5))
    both = caption.caption_lines(engine, ExportRequest(date=dt.date(1951, 9, 8), pov="russia", view="compare",
                                                       date2=dt.date(1951, 9, 8), pov2="usa"), "")[0]
    assert "in force" not in both.split("Sources:")[0], both


def test_the_headline_is_one_rule_on_the_page_in_the_why_panel_and_in_figures(engine, page_en):
    """The page's headline (the paint table read by resolve, as map_paint.js reads it) names the event
    engine.current_event names (the Why panel, file names), with the status milestones gives it."""
    table, events = page_en
    days = sorted({d + k for m in table["marks"] for d in (m["day"],) for k in (-1, 0, 1)} | set(range(0, 18993, 97)))
    for day in (d for d in days if 0 <= d <= table["max_day"]):
        date = MIN_DATE + dt.timedelta(days=day)
        head = resolve(table, MapState(date=date), events).headline
        assert head.event == engine.current_event(date), date
        found = milestones.headline(engine.events, date)
        assert head.status == milestones.status(engine.events[found.event], found, date), date
    first = resolve(table, MapState(date=MIN_DATE), events).headline
    assert first.event == "st_petersburg_1875" and first.status == "in_force" and "22 August 1875" in first.text
    twelfth = resolve(table, MapState(date=dt.date(1956, 12, 12)), events)
    assert twelfth.headline.event == "joint_declaration_1956"
    assert {"joint_declaration_1956", "fisheries_convention_1956"} <= set(twelfth.in_force)
    assert "san_francisco_treaty_1951" not in resolve(table, MapState(date=dt.date(1951, 9, 8)), events).in_force


def test_the_view_is_named_after_its_government_of_the_day(page_en):
    table, events = page_en
    names = {d: resolve(table, MapState(date=dt.date.fromisoformat(d), pov="russia"), events).government.name
             for d in ("1910-01-01", "1917-06-01", "1921-01-01", "1956-12-31")}
    assert names == {"1910-01-01": "The Russian Empire's view", "1917-06-01": "The Provisional Government's view",
                     "1921-01-01": "Soviet Russia's view", "1956-12-31": "The USSR's view"}
    assert resolve(table, MapState(pov="usa"), events).government.name == "The USA's view"


def test_the_key_names_whose_marker_it_is(engine, page_en):
    """Japan's view, 28 Apr 1952: the dashed "promised to USSR" outline is the United Kingdom's Yalta position,
    which Japan's view shows because Japan knew of it. The page said so (Place tab); the printed key did not."""
    table, events = page_en
    frame = resolve(table, MapState(date=dt.date(1952, 4, 28), pov="japan"), events)
    assert "United Kingdom: promised to USSR" in {entry.note for entry in frame.key}
    rows = compose.build_figure(engine, ExportRequest(date=dt.date(1952, 4, 28), pov="japan"))[1]["key_rows"]
    texts = [row.text for row in rows]
    promised = next(i for i, row in enumerate(rows) if row.id == "promised")
    assert "United Kingdom: promised to USSR" in texts[promised + 1:promised + 3], texts
    de_facto = resolve(table, MapState(date=dt.date(1952, 4, 28)), events)
    assert not any(entry.note for entry in de_facto.key)  # on the ground nobody's position is told


def test_a_series_has_a_key_and_an_event_per_frame(engine):
    """The series' one key listed every line "in force" (the 1956 frame: the 50th parallel and the MacArthur Line);
    its last frame was filed under the Fisheries Convention while its caption named the Joint Declaration."""
    frames = series.frames(engine, ExportRequest(pov="japan", fmt="svg"), series.event_ids(engine))
    dec = next(f for f in frames if f.date == dt.date(1956, 12, 12))
    assert dec.event == "joint_declaration_1956" and "joint-declaration" in dec.file
    assert "Joint Declaration" in dec.title
    assert "in force: Soviet–Japanese Joint Declaration" in caption.titles(engine, dec.req)[1]
    rows = {row.id for row in compose.build_figure(engine, dec.req)[1]["key_rows"]}
    assert "line:line_50n" not in rows and "line:line_macarthur" not in rows
    first = frames[0]
    first_rows = {row.id for row in compose.build_figure(engine, first.req)[1]["key_rows"]}
    assert not any(r.startswith("line:") and r != "line:line_50n" for r in first_rows)
    for f in frames:  # every frame's caption names the frame's own event
        if f.event is not None and f.what != "provides":
            title = caption.event_title(engine, f.event, "en")
            assert title in caption.titles(engine, f.req)[1], (f.file, caption.titles(engine, f.req)[1])


def test_a_lesson_step_has_its_own_key(engine):
    """The video and handout repeated one lesson-wide key: "MacArthur Line 1946–1952: in force" on a 1905 slide."""
    lesson = plan.build(engine, plan.LessonSpec(tour="key"))
    early = next(s for s in lesson.steps if s.date.year == 1905 and s.mode == "date")
    rows = {row.id for row in compose.build_figure(engine, early.req)[1]["key_rows"]}
    assert not {"line:line_macarthur", "line:line_bulganin"} & rows, rows
    sub = caption.titles(engine, early.req)[1]
    assert caption.event_title(engine, early.event, "en") in sub  # the slide names the step's own event


@pytest.mark.parametrize("lang", ["en", "ja"])
def test_a_figures_map_and_key_are_its_frames(engine, lang):
    """Every figure draws one Frame: its map's paint keys, lines, labels and key rows are the Frame's."""
    req = ExportRequest(date=dt.date(1956, 10, 19), pov="japan", lang=lang)
    frame = paint.frame_for(engine, req)
    fig, meta = compose.build_figure(engine, req)
    rows = key_rows(key_state(paint.context(engine, lang).table, frame), "government", lang)
    # print adds one row of its own, explaining its small-island squares (compose.PROXY_NOTE)
    assert [r.text for r in meta["key_rows"] if r.id != compose.PROXY_NOTE] == [r.text for r in rows]
    placed = {p.id: p.text for _g, found, _f in meta["labels"] for p in found}
    assert placed and all(frame.labels[i] == text for i, text in placed.items())
    drawn = [d for d in fig["data"] if d.get("mode") == "lines" and d["line"]["color"] == "#B2182B"]
    assert len(drawn) >= len(frame.lines) >= 1


def test_names_on_a_map_follow_one_convention(engine):
    """Yuzhno-Sakhalinsk was drawn beside Maoka and Ōtomari on 29 Jan and 2 Feb 1946 maps; a figure of those days
    names the towns of the day together, as its island names its captions use."""
    for date in (dt.date(1946, 1, 29), dt.date(1946, 2, 2)):
        labels = paint.frame_for(engine, ExportRequest(date=date)).labels
        assert labels["town_yuzhno_sakhalinsk"] == "Toyohara" and labels["town_kholmsk"] == "Maoka"
        assert labels["island_iturup"] == "Iturup"
    later = paint.frame_for(engine, ExportRequest(date=dt.date(1946, 6, 4))).labels
    assert later["town_yuzhno_sakhalinsk"] == "Yuzhno-Sakhalinsk" and later["town_kholmsk"] == "Kholmsk"
