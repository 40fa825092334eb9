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

    seen_povs = set()
    for n, step in enumerate(lesson.steps, start=1):
        assert page.get_attribute("#caption", "data-step") == str(n)
        assert step.title in page.inner_text("#caption")
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
        if step.words.sources:
            assert step.words.sources[0].short in page.inner_text("#caption")
        if n == len(lesson.steps):   # after the tour's last step: what happened after 1956, sourced
            assert page.locator("#epilogue [data-epilogue]").count() == 4
            assert "27 January 1960" in page.inner_text("#epilogue")
        page.keyboard.press("PageDown")
    assert seen_povs == {"de_facto", "japan", "russia", "usa"}
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
