"""The one-file lesson as a classroom without a network opens it: from file:// in Chromium with every request
refused (and none attempted), stepped with a clicker's keys, its map painted like the page's for the same date
and point of view (the page's own painter, read back from the live page), the key and the sources shown."""

from __future__ import annotations

import pytest

from app.data import load_engine
from app.lessons import onefile, plan


@pytest.fixture(scope="module")
def lesson_file(tmp_path_factory):
    engine = load_engine()
    lesson = plan.build(engine, plan.LessonSpec(tour="key", lang="en"))
    path = tmp_path_factory.mktemp("lesson") / "lesson.html"
    path.write_bytes(onefile.build_html(engine, lesson))
    return path, lesson


def _drawn_keys(page) -> dict:
    return page.evaluate("""() => {
        const out = {};
        document.querySelectorAll('#map-graph path.choroplethlocation[data-loc]').forEach(p => {
            (out[p.getAttribute('data-loc')] = out[p.getAttribute('data-loc')] || []).push(p.getAttribute('data-key'));
        });
        return out;
    }""")


def test_less001_opens_offline_steps_and_paints_like_the_page(browser, live_server, lesson_file):
    path, lesson = lesson_file
    assert path.stat().st_size <= 6 * 1024 * 1024
    ctx = browser.new_context(viewport={"width": 1280, "height": 720})
    attempted: list[str] = []

    def refuse(route):
        url = route.request.url
        if url == path.as_uri():
            route.continue_()
            return
        attempted.append(url)
        route.abort()

    ctx.route("**/*", refuse)
    errors: list[str] = []
    page = ctx.new_page()
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto(path.as_uri())
    page.wait_for_selector("body[data-ready='1']", timeout=60_000)

    live = browser.new_page(viewport={"width": 1280, "height": 720})
    live.goto(f"{live_server}/?date=1945-09-05", wait_until="domcontentloaded")
    live.wait_for_function("() => !!(window.skmap && window.skmap.store.table)", timeout=60_000)

    seen_povs, zoomed = set(), 0
    for n, step in enumerate(lesson.steps, start=1):
        assert page.get_attribute("#caption", "data-step") == str(n)
        assert step.words.event_title in page.inner_text("#headline")   # the header names the step
        assert step.words.event_title in page.inner_text("#caption")
        pov = ("de_facto", "japan", "russia", "usa")[n % 4]
        page.keyboard.press(str(n % 4 + 1))
        assert page.get_attribute("body", "data-pov") == pov
        seen_povs.add(pov)
        day = int(page.get_attribute("body", "data-day"))
        assert day == (step.date - plan.us.MIN_DATE).days
        expected = live.evaluate("""([day, mode, pov, ev]) => {
            const req = window.skmap.request(day, mode, pov, false, ev, 'local');
            const frame = window.skmap.resolve(req), keys = frame.keys, t = window.skmap.store.table;
            const out = {};
            t.locations.forEach((loc, i) => { out[loc] = t.keys[keys[i]].key; });
            return [out, frame.key.length + frame.lines.length];
        }""", [day, step.mode, pov, step.event])
        expected, rows = expected
        drawn = _drawn_keys(page)
        assert drawn, "nothing painted"
        for loc, keys in drawn.items():
            assert set(keys) == {expected[loc]}, (step.title, pov, loc)
        assert page.locator("#key .row").count() == rows >= 1   # the Frame's rows (1946-02-02 de facto has one)
        # the step's part of the map, as Present shows it (the 1956 steps zoomed on the southern Kurils, no insets)
        page.wait_for_function("""(v) => { const gd = document.getElementById('map-graph');
            return JSON.stringify(gd.layout.geo.lonaxis.range) === JSON.stringify(window.skconst.GEO_VIEWS[v].lon)
                && gd.getAttribute('data-insets') === (v === 'home' ? 'on' : 'off'); }""", arg=step.geo_view or "home",
                               timeout=10000)
        zoomed += bool(step.geo_view)
        if step.words.sources:
            assert step.words.sources[0].short in page.inner_text("#caption")
        page.keyboard.press("PageDown")
    # one more Page Down after the tour's last step: what happened after 1956, sourced, over the frame
    assert page.is_visible("#epilogue") and page.locator("#epilogue [data-epilogue]").count() == 4
    assert "27 January 1960" in page.inner_text("#epilogue") and "Khrushchev" in page.inner_text("#epilogue")
    assert "After 1956" in page.inner_text("#headline")
    page.keyboard.press("PageUp")
    assert not page.is_visible("#epilogue") and page.get_attribute("#caption", "data-step") == str(len(lesson.steps))
    assert seen_povs == {"de_facto", "japan", "russia", "usa"} and zoomed >= 1
    # each step opens in its own point of view: Yalta's first step in the USSR's
    yalta = next(n for n, s in enumerate(lesson.steps, start=1) if s.event == "yalta_agreement_1945")
    page.keyboard.press("Home")
    for _ in range(yalta - 1):
        page.keyboard.press("PageDown")
    assert page.get_attribute("body", "data-pov") == lesson.steps[yalta - 1].req.pov == "russia"
    page.keyboard.press("Home")
    assert page.get_attribute("#caption", "data-step") == "1"
    page.keyboard.press("Shift+ArrowRight")  # a month on: between two steps, the caption says so
    assert int(page.get_attribute("body", "data-day")) > (lesson.steps[0].date - plan.us.MIN_DATE).days
    assert "the last step before it" in page.inner_text("#caption")
    page.screenshot(path=str(path.with_suffix(".png")))
    assert attempted == [] and errors == []
    live.close()
    ctx.close()


FIT_JS = """async () => {
    const L = window.sklesson, out = [], frame = () => new Promise(r => requestAnimationFrame(() => r()));
    const box = sel => { const b = document.querySelector(sel).getBoundingClientRect();
                         return {l: b.left, t: b.top, r: b.right, b: b.bottom}; };
    const apart = (a, b) => a.r <= b.l + 1 || b.r <= a.l + 1 || a.b <= b.t + 1 || b.b <= a.t + 1;
    for (let k = 0; k <= L.steps.length; k++) {
        L.goStep(k);
        await frame();
        const side = document.querySelector('.side'), key = box('#key-box'), cap = box('#caption'), map = box('#map');
        const view = {l: 0, t: 0, r: innerWidth, b: innerHeight};
        const inside = a => a.l >= view.l - 1 && a.t >= view.t - 1 && a.r <= view.r + 1 && a.b <= view.b + 1;
        const ep = document.querySelector('#epilogue');
        out.push({k, epilogue: L.atEpilogue(), head: document.querySelector('#headline').textContent,
                  captionFits: side.scrollHeight <= side.clientHeight + 1 && inside(cap) && inside(box('.side')),
                  keyFits: inside(key) && document.querySelector('#key').scrollHeight <= key.b - key.t,
                  keyRows: document.querySelectorAll('#key .row').length,
                  apart: apart(key, map) && apart(cap, map),
                  epilogueFits: !L.atEpilogue() ||
                      (ep.scrollHeight <= ep.clientHeight + 1 && inside(box('#epilogue')))});
    }
    return out;
}"""


@pytest.mark.parametrize("lang, width, height", [("en", 1280, 720), ("ja", 1280, 720), ("en", 1920, 1080)])
def test_less002_fits_the_projector_caption_and_key_beside_the_map(browser, tmp_path, lang, width, height):
    engine = load_engine()
    lesson = plan.build(engine, plan.LessonSpec(tour="key", lang=lang))
    path = tmp_path / f"lesson_{lang}.html"
    path.write_bytes(onefile.build_html(engine, lesson))
    page = browser.new_page(viewport={"width": width, "height": height})
    page.goto(path.as_uri())
    page.wait_for_selector("body[data-ready='1']", timeout=60_000)
    rows = page.evaluate(FIT_JS)
    assert len(rows) == len(lesson.steps) + 1 and rows[-1]["epilogue"]
    for row, step in zip(rows, lesson.steps, strict=False):
        assert row["captionFits"] and row["keyFits"] and row["apart"] and row["keyRows"] >= 1, (row, step.title)
        assert step.words.event_title in row["head"]
    assert rows[-1]["epilogueFits"], rows[-1]
    # the map's plot follows its box when the key's rows change its height: nothing drawn under the key
    page.evaluate(f"window.sklesson.goStep({len(lesson.steps) - 1})")
    page.wait_for_function("""() => { const m = document.querySelector('#map').getBoundingClientRect(),
        s = document.querySelector('#map-graph .main-svg').getBoundingClientRect();
        return Math.abs(s.bottom - m.bottom) <= 2 && Math.abs(s.right - m.right) <= 2; }""", timeout=10_000)
    page.screenshot(path=str(tmp_path / f"fit_{lang}_{width}.png"))
    page.close()


def test_less003_clicker_keys_work_after_clicking_anything(browser, lesson_file):
    path, lesson = lesson_file
    page = browser.new_page(viewport={"width": 1280, "height": 720})
    page.goto(path.as_uri())
    page.wait_for_selector("body[data-ready='1']", timeout=60_000)

    def step() -> int:
        return int(page.get_attribute("#caption", "data-step"))

    targets = ["#next", "#prev", "#play", "#povs label[data-pov=japan]", "#slider", "#map-graph",
               "#caption .sources summary", "#key-box", "#headline"]
    for target in targets:
        page.evaluate("window.sklesson.goStep(4)")
        page.click(target)
        if target == "#play":   # Play, then Pause: both clicks on the button
            assert page.get_attribute("#play", "aria-pressed") == "true"
            page.click(target)
        start = step()
        assert start < len(lesson.steps) - 2, target
        page.keyboard.press("PageDown")
        assert step() == start + 1, f"PageDown after clicking {target}"
        page.keyboard.press("ArrowRight")
        assert step() == start + 2, f"ArrowRight after clicking {target}"
        page.keyboard.press("ArrowLeft")
        page.keyboard.press("PageUp")
        assert step() == start, f"ArrowLeft, PageUp after clicking {target}"
        page.keyboard.press("Space")
        assert page.get_attribute("#play", "aria-pressed") == "true", f"Space after clicking {target}"
        page.keyboard.press("Space")
        assert page.get_attribute("#play", "aria-pressed") == "false", f"Space again after clicking {target}"
    page.close()
