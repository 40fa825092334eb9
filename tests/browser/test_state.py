"""One map state in the browser (app/mapstate.py, assets/mapstate.js): the address bar, Share, the date box and the
keyboard follow the map as shown, written in the browser from the state it holds, even when the server's callbacks
answer late."""

from __future__ import annotations

import datetime as dt
import random
import re
import urllib.parse
import urllib.request

import pytest
from playwright.sync_api import expect
from werkzeug.datastructures import MultiDict

from app import mapstate as ms
from app import narration
from app.data import load_engine
from app.export import compose
from app.export.request import request_from_args
from app.i18n import localised
from app.mapstate import MAX_DAY, MapState, day_index, from_day_index, serialise
from tests.browser.helpers import big_date, wait_painted

# Every Dash callback request leaves the browser `window.__skDelay` ms late (0: at once): a server busy with a class.
SLOW_CALLBACKS_JS = """
(() => {
  const original = window.fetch;
  window.__skDelay = 0;
  window.fetch = function (input, init) {
    const url = typeof input === 'string' ? input : (input && input.url) || '';
    const delay = window.__skDelay;
    if (delay && url.indexOf('_dash-update-component') >= 0) {
      return new Promise((done) => setTimeout(done, delay)).then(() => original.call(window, input, init));
    }
    return original.call(window, input, init);
  };
})();
"""


@pytest.fixture(scope="module")
def engine():
    return load_engine()


def open_map(page, live_server, query: str, stamp: str = ":", slow: bool = False) -> None:
    if slow:
        page.add_init_script(SLOW_CALLBACKS_JS)
    page.goto(live_server + "/" + query)
    wait_painted(page, stamp)


def shown_date(page) -> str:
    return page.locator("#date-big").get_attribute("data-date")


def marks(page) -> list[int]:
    return page.evaluate("() => window.skmap.lastRequest().table.marks.map(m => m.day)")


def test_stat001_the_address_follows_the_map_when_callbacks_answer_late(page, live_server):
    open_map(page, live_server, "?date=1945-09-05", "1945-09-05", slow=True)
    page.evaluate("window.__skDelay = 1500")
    page.locator("#date-slider [role=slider]").focus()
    for key in ["ArrowRight", "ArrowRight", "Shift+ArrowRight", "ArrowLeft", "ArrowRight"]:
        before = shown_date(page)
        page.keyboard.press(key)
        page.wait_for_function("(d) => document.querySelector('#date-big').getAttribute('data-date') !== d",
                               arg=before)   # the map moved at once, its callbacks still 1.5 s away
    shown = shown_date(page)
    assert shown != "1945-09-05"
    page.wait_for_url(re.compile(rf"\?date={shown}(&|$)"), timeout=1000)
    page.locator("#pov input[value=japan]").check()
    wait_painted(page, f"{shown}:japan")
    page.wait_for_url(re.compile(rf"\?date={shown}&pov=japan(&|$)"), timeout=1000)


def test_stat002_share_offers_the_map_as_shown_in_the_language(page, live_server):
    open_map(page, live_server, "?date=1945-09-05&lang=ja", "1945-09-05", slow=True)
    page.evaluate("window.__skDelay = 1500")
    page.locator("#pov input[value=japan]").check()
    page.locator("#details-tab-place").click()
    page.locator(".unit-btn", has_text="色丹").first.click()
    expect(page.locator("#unit-panel")).to_contain_text("色丹", timeout=15000)   # two slow round trips
    page.locator("#date-slider [role=slider]").focus()
    for key in ["ArrowRight", "ArrowRight", "Shift+ArrowRight"]:
        page.keyboard.press(key)
    shown = shown_date(page)
    page.locator("#share-open").click()
    link = page.locator("#share-link")
    expect(link).to_have_text(re.compile(rf"/\?date={shown}&pov=japan&unit=shikotan&lang=ja$"), timeout=1000)
    qr = page.locator("#share-qr").get_attribute("src")
    assert qr and qr.startswith("/"), qr   # the QR code is drawn from the browser's link
    assert page.evaluate("(src) => new URL(src, location.href).searchParams.get('link')", qr) == link.text_content()
    page.keyboard.press("Escape")
    # reopened after further steps: the new link
    page.locator("#date-slider [role=slider]").focus()
    page.keyboard.press("ArrowRight")
    page.keyboard.press("ArrowRight")
    later = shown_date(page)
    assert later != shown
    page.locator("#share-open").click()
    expect(link).to_have_text(re.compile(rf"/\?date={later}&pov=japan&unit=shikotan&lang=ja$"), timeout=1000)


@pytest.mark.parametrize("lang", ["en", "ja", "ru", "zh", "zh-Hant"])
def test_stat003_the_date_box_takes_every_day_to_1956_12_31_and_says_when_a_day_is_outside(page, live_server,
                                                                                           lang):
    from app.i18n import translate

    open_map(page, live_server, f"?date=1945-09-05&lang={lang}", "1945-09-05")
    box = page.locator("#date-input")
    for day in ["1956-10-19", "1956-01-02", "1956-12-31", "1905-01-01"] if lang == "en" else ["1905-01-01"]:
        box.fill(day)
        box.press("Enter")
        wait_painted(page, day + ":")
        expect(page.locator("#date-big")).to_have_text(big_date(day, lang))
    box.fill("1957-01-01")
    box.press("Enter")
    notice = translate("{value} is outside {first} … {last}; the map stays on {shown}.", lang,
                       value="1957-01-01", first="1905-01-01", last="1956-12-31", shown="1905-01-01")
    expect(page.locator("#url-notice")).to_have_text(notice)
    assert shown_date(page) == "1905-01-01"
    if lang != "en":
        return
    # Compare's side B takes 1956 too
    open_map(page, live_server, "?date=1945-09-05&view=compare", "1945-09-05")
    side_b = page.locator("#compare-date2-input")
    side_b.fill("1956-10-19")
    side_b.press("Enter")
    expect(page.locator("#compare-date2-text")).to_have_text("19 October 1956")
    expect(side_b).to_have_value("1956-10-19")


def test_stat004_the_clicker_never_sticks(page, live_server, engine):
    steps = narration.tour_steps(engine, "key")
    # the map view: Page Down steps to the next change, as in Present, also from the focused slider
    open_map(page, live_server, "?date=1923-06-01", "1923-06-01")
    page.locator("#date-slider [role=slider]").focus()
    start = day_index(dt.date(1923, 6, 1))
    nxt = min(d for d in marks(page) if d > start)
    page.keyboard.press("PageDown")
    expect(page.locator("#date-big")).to_have_attribute("data-date", from_day_index(nxt).isoformat())
    page.keyboard.press("PageUp")
    expect(page.locator("#date-big")).to_have_attribute("data-date", from_day_index(
        max(d for d in marks(page) if d < nxt)).isoformat())
    # a tour's treaty step: the picker opened, then Esc: Page Down still steps the tour, and ← → too
    n = max(s.n for s in steps if s.mode == "event")
    open_map(page, live_server, f"?view=present&tour=key&step={n}", "event:" + steps[n - 1].event)
    page.locator("#event-pick").click()
    expect(page.locator(".dash-dropdown-search")).to_be_focused()   # the cursor is in the search box
    page.keyboard.press("Escape")
    page.keyboard.press("PageDown")
    expect(page.locator("#present-step")).to_contain_text(f"Step {n + 1} of")
    page.keyboard.press("ArrowLeft")
    expect(page.locator("#present-step")).to_contain_text(f"Step {n} of")
    # the picker reopened after a choice: the cursor is in its search box again
    page.locator("#event-pick").click()
    expect(page.locator(".dash-dropdown-search")).to_be_focused()
    page.keyboard.press("Escape")
    # touching the slider in a tour step leaves the step: the caption names the map's own moment
    last = len(steps)
    open_map(page, live_server, f"?view=present&tour=key&step={last}", steps[-1].date.isoformat())
    track = page.locator("#date-slider").bounding_box()
    page.mouse.click(track["x"] + track["width"] * 0.3, track["y"] + track["height"] / 2)
    shown = page.locator("#date-big")
    expect(shown).not_to_have_attribute("data-date", steps[-1].date.isoformat())
    day = shown.get_attribute("data-date")
    current = engine.current_event(dt.date.fromisoformat(day))
    title = localised(engine.events[current].title, "en")[0]
    expect(page.locator("#present-caption .present-title")).to_have_text(title)
    expect(page.locator("#present-step")).not_to_contain_text("Step")
    page.keyboard.press("PageDown")   # and the clicker goes on: the next change
    expect(shown).to_have_attribute("data-date", from_day_index(
        min(d for d in marks(page) if d > day_index(dt.date.fromisoformat(day)))).isoformat())


def varied_states(engine, n: int, seed: int) -> list[MapState]:
    """Seeded states over every field: boundary days, every event and territory, odd ids a serialiser must escape."""
    rng = random.Random(seed)
    events, units = sorted(engine.events), sorted(engine.units)
    odd = ["a b", "x&y=z", "ü", "*~'()!", "日本", "%20", "+", "a/b?c#d"]
    days = [0, 1, MAX_DAY - 1, MAX_DAY, day_index(dt.date(1956, 1, 1)), day_index(dt.date(1955, 12, 31)),
            day_index(dt.date(1945, 9, 5))]
    states = []
    for i in range(n):
        day = days[i % len(days)] if i < 3 * len(days) else rng.randint(0, MAX_DAY)
        states.append(MapState(
            date=from_day_index(day), mode=rng.choice(ms.MODES), pov=rng.choice(ms.POVS), diff=rng.random() < 0.3,
            event=rng.choice([None, *events, *odd]), unit=rng.choice([None, None, *units, *odd[:2]]),
            tab=rng.choice([None, None, *ms.TABS]), names=rng.choice(ms.NAMES), lang=rng.choice(ms.LANGS),
            view=rng.choice(ms.VIEWS), tour=rng.choice([None, None, "key"]), step=rng.randint(1, 17),
            date2=from_day_index(rng.choice([MAX_DAY, rng.randint(0, MAX_DAY)])), pov2=rng.choice(ms.POVS),
            event2=rng.choice([None, None, *events]), play=rng.random() < 0.1))
    return states


def test_stat005_the_browsers_serialiser_is_the_servers(page, live_server, engine):
    """assets/mapstate.js serialise and fromControls answer as app/mapstate.py does, for 240 states and their
    controls (with values no control holds mixed in)."""
    open_map(page, live_server, "?date=1945-09-05")
    states = varied_states(engine, 240, seed=18)
    hostile = [{"date": "1945-09-05", "pov": ["japan"], "diff": "1", "step": True, "tab": "map", "lang": "fr",
                "date2": -1, "mode": "event", "event": None, "view": 3, "names": None},
               {"date": MAX_DAY + 1, "pov2": "soviet", "event2": ["x"], "tour": "", "step": 2.5}]
    controls = [{**{name: value for (_c, _p, name), value in zip(ms.CONTROLS, ms.to_controls(s).values(), strict=True)},
                 "lang": s.lang, "tab": s.tab} for s in states] + hostile
    got = page.evaluate("""([states, controls]) => [
        states.map((s) => window.skstate.serialise(s)),
        controls.map((c) => window.skstate.serialise(Object.assign({}, window.skconst.DEFAULTS,
                                                                   window.skstate.fromControls(c))))]""",
                        [[ms.to_json(s) for s in states], controls])
    assert got[0] == [serialise(s) for s in states]
    assert got[1] == [serialise(ms.from_controls(**c)) for c in controls]
    assert len(set(got[0])) > 200


def round_trip_states(engine) -> list[MapState]:
    """20 states a person could reach, five per language: the map or a comparison, a date or a document."""
    rng = random.Random(1956)
    events = sorted(engine.events)
    out = []
    for i in range(20):
        mode = "event" if i % 5 == 3 else "date"
        view = "compare" if i % 5 == 4 else "map"
        out.append(MapState(
            date=from_day_index(rng.choice([0, MAX_DAY, day_index(dt.date(1956, 10, 19)), rng.randint(0, MAX_DAY)])),
            mode=mode, pov=rng.choice(ms.POVS), diff=rng.random() < 0.3,
            event=rng.choice(events) if mode == "event" else None,
            unit=rng.choice([None, *sorted(engine.units)]), tab=rng.choice([None, "key", "sources"]),
            names=rng.choice(ms.NAMES), lang=ms.LANGS[i % 4], view=view,
            date2=from_day_index(rng.randint(0, MAX_DAY)) if view == "compare" else ms.MAX_DATE,
            pov2=rng.choice(ms.POVS) if view == "compare" else "de_facto"))
    return out


@pytest.mark.parametrize("half", [0, 1])
def test_stat006_twenty_states_read_back_the_same_from_every_surface(page, live_server, engine, half):
    """Each state's address opens the map it names, and the address bar, the Share link, the date box, the big date,
    the point of view, the Why panel and the exported figure's caption all say the same (ten states a test, so the
    two workers share the twenty; each half still has every language and every kind of state)."""
    from app.i18n import format_date_for

    for n, state in enumerate(round_trip_states(engine)[half * 10:half * 10 + 10]):
        search = serialise(state)
        assert ms.parse(search, events=engine.events, units=engine.units) == state, search
        day = state.date.isoformat()
        open_map(page, live_server, search, f"event:{state.event}" if state.mode == "event" else f"{day}:{state.pov}")
        page.wait_for_url(live_server + "/" + search)   # the address, as the browser writes it back
        page.locator("#share-open").click()
        expect(page.locator("#share-link")).to_have_text(live_server + "/" + search)
        page.keyboard.press("Escape")
        assert page.locator("#date-input").input_value() == day, search
        expect(page.locator("#date-big")).to_have_attribute("data-date", day)
        expect(page.locator("#date-big")).to_have_text(format_date_for(state.date, state.lang))
        assert page.locator("#pov input:checked").get_attribute("value") == state.pov, search
        title = localised(engine.events[state.event].title, state.lang)[0] if state.event else None
        if state.mode == "date":
            expect(page.locator("#clause-panel .why-when")).to_contain_text(format_date_for(state.date, state.lang))
        else:
            expect(page.locator("#clause-panel")).to_contain_text(title)
        if state.view == "compare":
            expect(page.locator("#compare-date2-text")).to_have_text(format_date_for(state.date2, state.lang))
            expect(page.locator("#compare-date2-input")).to_have_value(state.date2.isoformat())
        if n == 0:   # the export route, rendered, once a half; its composer alone for the others (same caption)
            with urllib.request.urlopen(f"{live_server}/export{search}&format=svg", timeout=120) as response:
                caption = urllib.parse.unquote(response.headers["X-Export-Caption"])
        else:
            args = MultiDict(urllib.parse.parse_qsl(search.lstrip("?") + "&format=svg"))
            caption = compose.build_figure(engine, request_from_args(args, base_url=live_server))[1]["caption"]
        assert (format_date_for(state.date, state.lang) if state.mode == "date" else title) in caption, \
            (search, caption)
