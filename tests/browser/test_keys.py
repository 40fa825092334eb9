"""The clicker never sticks (assets/keys.js, assets/frame.js): after the slider or the treaty picker had the focus,
Page Down / Page Up and ← → still step, on the map and in Present; a reopened picker takes typing in its search
box; a long treaty title never hides ◀."""

from __future__ import annotations

import datetime as dt

import pytest
from playwright.sync_api import expect

from app import narration
from app.data import load_engine
from app.i18n import localised
from app.mapstate import day_index, from_day_index
from tests.browser.helpers import shot, wait_painted


@pytest.fixture(scope="module")
def engine():
    return load_engine()


def change_days(page) -> list[int]:
    """The days the map changes on, as the page steps them (its own list: skmap.nextChange from day 0)."""
    return page.evaluate("""() => { const out = []; let d = 0;
        for (;;) { const n = window.skmap.nextChange(d, 1); if (n === null || n <= d || n > 30000) break;
                   out.push(n); d = n; } return out; }""")


def shown_day(page) -> str:
    return page.locator("#date-big").get_attribute("data-date")


def picked(page) -> str:
    return page.locator("#event-pick .dash-dropdown-value").inner_text()


def test_keys001_after_the_slider_had_focus_the_clicker_steps(page, live_server, engine):
    """The slider focused (a click on it): on the map Page Down and → go to the next change, Page Up and ← to the
    previous one (never a day or a year); in Present the same keys step the tour."""
    page.set_viewport_size({"width": 1280, "height": 720})
    page.goto(live_server + "/?date=1923-06-01")
    wait_painted(page, "1923-06-01")
    days = change_days(page)
    start = day_index(dt.date(1923, 6, 1))
    after = [d for d in days if d > start]
    page.locator("#date-slider [role=slider]").focus()
    for key, want in (("PageDown", after[0]), ("ArrowRight", after[1]), ("PageUp", after[0]),
                      ("ArrowLeft", max(d for d in days if d < after[0]))):
        page.keyboard.press(key)
        expect(page.locator("#date-big")).to_have_attribute("data-date", from_day_index(want).isoformat())
    steps = narration.tour_steps(engine, "key")
    page.goto(live_server + "/?view=present&tour=key&step=3")
    wait_painted(page, ":")
    expect(page.locator("#present-step")).to_contain_text("Step 3 of")
    page.locator("#date-slider [role=slider]").focus()
    for key, n in (("PageDown", 4), ("ArrowRight", 5), ("PageUp", 4), ("ArrowLeft", 3)):
        page.keyboard.press(key)
        expect(page.locator("#present-step")).to_contain_text(f"Step {n} of {len(steps)}")


def test_keys002_after_the_picker_had_focus_the_clicker_steps(page, live_server, engine):
    """Treaty mode on the map: a treaty chosen by typing in the picker (the focus stays on it), then Page Down / →
    go to the next document and Page Up / ← back; reopened after that choice, the cursor is in the search box
    again (it stayed on the chosen option, and typed letters went nowhere); Esc, and the clicker steps on."""
    page.set_viewport_size({"width": 1280, "height": 720})
    page.goto(live_server + "/?mode=event&event=portsmouth_1905")
    wait_painted(page, "event:portsmouth_1905")
    order = page.evaluate("() => window.skframe.state().docOrder")
    yalta = order.index("yalta_agreement_1945")
    label = {k: localised(engine.events[k].title, "en")[0] for k in order[yalta - 1: yalta + 3]}
    page.locator("#event-pick").click()
    expect(page.locator(".dash-dropdown-search")).to_be_focused()
    page.keyboard.type("Yalta")
    page.locator(".dash-dropdown-content [role=option]").first.wait_for()
    page.keyboard.press("Enter")
    wait_painted(page, "event:yalta_agreement_1945")
    for key, k in (("PageDown", yalta + 1), ("ArrowRight", yalta + 2), ("PageUp", yalta + 1), ("ArrowLeft", yalta)):
        page.keyboard.press(key)
        wait_painted(page, "event:" + order[k])
        assert label[order[k]] in picked(page), (key, picked(page))
    page.locator("#event-pick").click()   # reopened after a choice
    expect(page.locator(".dash-dropdown-search")).to_be_focused()
    page.keyboard.press("Escape")
    page.keyboard.press("PageDown")
    wait_painted(page, "event:" + order[yalta + 1])


LONGEST = "us_senate_sf_resolution_1952"   # the longest title in every language


@pytest.mark.parametrize("lang", ["en", "ru"])
def test_keys003_a_long_title_never_hides_the_step_buttons(page, live_server, lang):
    """Treaty mode with the longest title at 390×844, 1280×720, 1440×900 and 1920×1080: ◀ and ▶ are on screen, a
    finger's size, and nothing is drawn over them (the squeezed mode switch covered them at 1280×720)."""
    page.goto(f"{live_server}/?lang={lang}&mode=event&event={LONGEST}")
    wait_painted(page, "event:" + LONGEST)
    bad = []
    for w, h in ((390, 844), (1280, 720), (1440, 900), (1920, 1080)):
        page.set_viewport_size({"width": w, "height": h})
        page.evaluate("() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)))")
        for button in ("prev-event", "next-event"):
            got = page.evaluate("""(id) => { const b = document.getElementById(id), r = b.getBoundingClientRect();
                const hits = [[0.5, 0.5], [0.15, 0.5], [0.85, 0.5]].map(([fx, fy]) =>
                    document.elementFromPoint(r.left + fx * r.width, r.top + fy * r.height));
                return {w: r.width, h: r.height, x0: r.left, x1: r.right, y1: r.bottom,
                        on: hits.every((e) => e && (e === b || b.contains(e)))}; }""", button)
            if not (got["on"] and got["w"] >= 40 and got["x0"] >= 0 and got["x1"] <= w and got["y1"] <= h):
                bad.append((w, h, button, got))
                shot(page, f"keys003_{lang}_{w}x{h}")
    assert not bad, bad
