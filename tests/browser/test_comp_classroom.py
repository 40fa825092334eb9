"""Compare view: two dates, two points of view or two treaties side by side; each side's colours equal the
engine's state; the "what changed" list; the A/B toggle."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from playwright.sync_api import expect

from app import styles
from app.data import load_engine
from tests.browser.helpers import READ_PAINT_JS, big_date, rgb, shot


@pytest.fixture(scope="module")
def engine():
    return load_engine()


def read_side(page, graph_id: str) -> dict:
    return page.evaluate(READ_PAINT_JS.replace("#map", "#" + graph_id))


def wait_compare(page, stamp_a: str, stamp_b: str) -> None:
    page.wait_for_function(
        """([a, b]) => ['compare-a', 'compare-b'].every((id, i) => {
             const g = document.querySelector('#' + id + ' .js-plotly-plot');
             return g && (g.getAttribute('data-painted') || '').startsWith([a, b][i])
                    && !!g.querySelector('path.choroplethlocation[data-loc]'); })""",
        arg=[stamp_a, stamp_b], timeout=20000)


def expected_base(engine, date, pov, feature, unit):
    groups = {a.id: a.group for a in engine.timeline.actors.values()}
    terr = engine.state(date, pov)["territories"][unit]
    if pov == "de_facto":
        c = terr["features"][feature]["controlled_by"]
        return {rgb(styles.GROUP_COLOURS[styles.group_of(c, groups)] if c else styles.GROUP_COLOURS["none"])}
    sov = terr["sovereign"]
    if sov is None:
        return {rgb(styles.GROUP_COLOURS["none"]), rgb(styles.GROUP_COLOURS["undetermined"])}
    if sov == "undetermined":
        return {rgb(styles.GROUP_COLOURS["undetermined"])}
    return {rgb(styles.GROUP_COLOURS[styles.group_of(sov, groups)])}


def check_side(engine, shown, date, pov):
    checked = 0
    for unit, terr in engine.state(date, pov)["territories"].items():
        for feature in terr["features"]:
            if feature in shown:
                assert shown[feature]["base"] in expected_base(engine, date, pov, feature, unit), \
                    (date, pov, feature, shown[feature])
                checked += 1
    assert checked >= len(engine.feature_ids) - 3


def test_comp001_two_dates_each_side_equals_the_engine(page, live_server, engine):
    page.goto(live_server + "/?date=1945-08-01&view=compare&date2=1946-03-01")
    wait_compare(page, "1945-08-01:de_facto", "1946-03-01:de_facto")
    check_side(engine, read_side(page, "compare-a"), "1945-08-01", "de_facto")
    check_side(engine, read_side(page, "compare-b"), "1946-03-01", "de_facto")
    changes = page.locator("#compare-changes")
    expect(changes).to_contain_text("Two dates")
    expect(changes.locator("li[data-target=sakhalin_south][data-column=control]")).to_contain_text("Japan")
    expect(changes.locator(".cmp-events")).to_contain_text("Decrees of the Presidium")
    expect(page.locator("#compare-a-title")).to_contain_text("1 August 1945")
    expect(page.locator("#compare-b-title")).to_contain_text("1 March 1946")
    shot(page, "compare_two_dates")


def test_comp002_two_points_of_view_and_the_toggle(page, live_server, engine):
    page.goto(live_server + "/?date=1956-12-31&pov=japan&view=compare&date2=1956-12-31&pov2=russia")
    wait_compare(page, "1956-12-31:japan", "1956-12-31:russia")
    a, b = read_side(page, "compare-a"), read_side(page, "compare-b")
    assert a["iturup"]["base"] == rgb(styles.GROUP_COLOURS["japan"])
    assert b["iturup"]["base"] == rgb(styles.GROUP_COLOURS["russia"])
    check_side(engine, a, "1956-12-31", "japan")
    check_side(engine, b, "1956-12-31", "russia")
    expect(page.locator("#compare-changes li[data-target=iturup][data-column=sovereign]")).to_be_visible()
    page.get_by_label("Only B").check()
    expect(page.locator("#compare-a")).to_be_hidden()
    expect(page.locator("#compare-b")).to_be_visible()
    page.get_by_label("Side by side").check()
    expect(page.locator("#compare-a")).to_be_visible()
    # changing side B's point of view repaints B and goes into the URL
    page.locator("#compare-pov2").click()
    page.get_by_role("option", name="The USA's view").click()
    wait_compare(page, "1956-12-31:japan", "1956-12-31:usa")
    page.wait_for_url(re.compile(r"pov2=usa"))


def test_comp003_two_treaties(page, live_server):
    page.goto(live_server + "/?date=1951-09-05&mode=event&event=gromyko_amendments_1951&view=compare"
              "&event2=san_francisco_treaty_1951")
    wait_compare(page, "event:gromyko_amendments_1951", "event:san_francisco_treaty_1951")
    a = read_side(page, "compare-a")
    assert a["strait_soya"]["key"].startswith("S|") and a["strait_soya"]["key"] != "S|"
    expect(page.locator("#compare-changes")).to_contain_text("Two treaties")
    expect(page.locator("#compare-event2-box")).to_be_visible()
    expect(page.locator("#compare-date2-box")).to_be_hidden()


def test_comp004_both_keys_side_b_keys_and_date_box(page, live_server):
    """Japan's and the USSR's view on 12 Dec 1956 side by side: each map has its own key, the rows of its own
    Frame (side B's "claimed by Japan; promised to Japan" row was explained nowhere); side B's ← → move side B
    by a day and leave side A; side B's date box takes every day of the range and shows side B's day."""
    page.set_viewport_size({"width": 1280, "height": 720})
    page.goto(live_server + "/?date=1956-12-12&pov=japan&view=compare&date2=1956-12-12&pov2=russia")
    wait_compare(page, "1956-12-12:japan", "1956-12-12:russia")
    rows = """([id, day, pov]) => {
        const want = window.skmap.resolve({day: window.skmap.isoToDay(day), mode: 'date', pov: pov, diff: false,
                                            event: null, names: 'local', lang: 'en'}).key.map(e => e.text);
        const shown = [...document.querySelectorAll('#' + id + ' .key-row:not([data-line]) > span')]
                      .map(s => s.firstChild.textContent);
        return want.length && JSON.stringify(want) === JSON.stringify(shown) ? shown : null; }"""
    a = page.wait_for_function(rows, arg=["compare-a-lines", "1956-12-12", "japan"], timeout=20000).json_value()
    b = page.wait_for_function(rows, arg=["compare-b-lines", "1956-12-12", "russia"], timeout=20000).json_value()
    assert "Russia / USSR: sovereignty; claimed by Japan; promised to Japan" in b, b
    assert "Japan: sovereignty; claimed by Russia / USSR; promised to Japan" in a, a
    assert page.locator("#compare-b-lines .key-row svg").count() == page.locator("#compare-b-lines .key-row").count()
    # side B's arrows move side B, never side A
    page.locator("#compare-date2 [role=slider]").focus()
    page.keyboard.press("ArrowRight")
    wait_compare(page, "1956-12-12:japan", "1956-12-13:russia")
    page.keyboard.press("ArrowLeft")
    page.keyboard.press("ArrowLeft")
    wait_compare(page, "1956-12-12:japan", "1956-12-11:russia")
    box = page.locator("#compare-date2-input")
    expect(box).to_have_value("1956-12-11")
    assert box.bounding_box()["width"] >= 120   # the whole date shows, not only its calendar icon
    # the date box: the first and last day of the range and a day between, each on side B only
    for day in ("1905-01-01", "1956-12-31", "1923-06-01"):
        box.fill(day)
        box.press("Enter")
        wait_compare(page, "1956-12-12:japan", day + ":russia")
        expect(page.locator("#compare-date2-text")).to_have_text(big_date(dt.date.fromisoformat(day)))


def test_comp005_side_b_reads_like_side_a_at_every_size(page, live_server):
    """Side B's day in words beside its label, as side A's big date (it was ISO text, "1956-12-31"), and in its
    date box without a focus, in English and Japanese; at 390×844 A then B stacked, each map's key right under its
    own map, and side B's date box, slider and point of view on screen without scrolling."""
    for lang in ("en", "ja"):
        page.set_viewport_size({"width": 1280, "height": 720})
        page.goto(f"{live_server}/?lang={lang}&date=1945-08-01&pov=japan&view=compare&date2=1956-12-31&pov2=russia")
        wait_compare(page, "1945-08-01:japan", "1956-12-31:russia")
        expect(page.locator("#compare-date2-text")).to_have_text(big_date(dt.date(1956, 12, 31), lang))
        expect(page.locator("#date-big")).to_have_text(big_date(dt.date(1945, 8, 1), lang))
        expect(page.locator("#compare-date2-input")).to_have_value("1956-12-31")
        expect(page.locator("#compare-a-lines .key-row").first).to_be_visible()
        expect(page.locator("#compare-b-lines .key-row").first).to_be_visible()
        page.set_viewport_size({"width": 390, "height": 844})
        page.wait_for_function("() => document.querySelector('#compare-b').getBoundingClientRect().top >"
                               " document.querySelector('#compare-a').getBoundingClientRect().bottom")
        boxes = page.evaluate("""() => Object.fromEntries(['#compare-a', '#compare-a-lines', '#compare-b',
            '#compare-b-lines', '#compare-date2-input', '#compare-date2 [role=slider]', '.cmp-pov2'].map((s) => {
            const r = document.querySelector(s).getBoundingClientRect();
            return [s, {x0: r.left, x1: r.right, y0: r.top, y1: r.bottom}]; }))""")
        a, ka, b, kb = (boxes[s] for s in ("#compare-a", "#compare-a-lines", "#compare-b", "#compare-b-lines"))
        assert a["y1"] <= ka["y0"] + 1 and ka["y1"] <= b["y0"] + 1 and b["y1"] <= kb["y0"] + 1, boxes  # A, key, B, key
        assert abs(a["x0"] - b["x0"]) < 1 and b["x1"] - b["x0"] > 370, boxes
        for control in ("#compare-date2-input", "#compare-date2 [role=slider]", ".cmp-pov2"):
            c = boxes[control]
            assert c["x0"] >= 0 and c["x1"] <= 390 and c["y0"] >= 0 and c["y1"] <= 844, (lang, control, c)
        assert page.evaluate("() => document.documentElement.scrollWidth") == 390
