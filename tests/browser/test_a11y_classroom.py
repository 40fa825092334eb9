"""Accessibility of every view of the map page: axe-core (axe-playwright-python, offline) finds no serious or
critical violation; the slider speaks the date and the event; focus is visible; patterns back every colour.

Every mode is checked in English, the modes whose words are most their own (the map, a tour step, Help) in
Japanese too, and the map page, where the words of the day change most, in every interface language. Axe's rules
read structure, names and contrast, which the other languages share with these (the suite's time budget is 15
minutes on two cores).
"""

from __future__ import annotations

import pytest
from axe_playwright_python.sync_playwright import Axe

from tests.browser.helpers import big_date, settle, wait_painted

LANGUAGES = ["en", "ja", "ru", "zh", "zh-Hant"]  # app/i18n.LANGUAGES
# mode -> (query, a selector that is visible once the view is ready)
MODES = {
    "date": ("?date=1945-09-05&pov=japan&diff=1", "#table-body table"),
    "event": ("?date=1951-09-05&mode=event&event=gromyko_amendments_1951", "#clause-panel h2"),
    "compare": ("?date=1945-08-01&view=compare&date2=1946-03-01", "#compare-changes li"),
    "present": ("?view=present&tour=key&step=6", "#present-caption .present-text"),
    "table": ("?date=1923-06-01", "#table-body tbody tr"),
    "embed": ("?view=embed&date=1923-06-01", "#legend"),
    "help": ("?view=help", "#help-body[data-loaded] .bibliography li"),
}
IMPACTS = {"serious", "critical"}
RESULTS: dict[tuple[str, str], list] = {}


def _lang_query(query: str, lang: str) -> str:
    return query if lang == "en" else f"{query}&lang={lang}"


def run_axe(page) -> list[dict]:
    response = Axe().run(page).response
    return [v for v in response["violations"] if v.get("impact") in IMPACTS]


# Japanese where its own words fill the page (the map's day, a tour caption, Help's prose and tables)
CASES = [(mode, "en") for mode in MODES] + [(mode, "ja") for mode in ("date", "present", "help")] + \
    [("date", lang) for lang in LANGUAGES if lang not in ("en", "ja")]


@pytest.mark.parametrize("mode, lang", CASES)
def test_a11y001_no_serious_or_critical_violations(page, live_server, mode, lang):
    query, ready = MODES[mode]
    page.goto(live_server + "/" + _lang_query(query, lang))
    wait_painted(page, ":")
    page.locator(ready).first.wait_for(state="attached", timeout=60000)
    if mode == "table":
        page.locator("#details-tab-table").click()
        page.locator("#table-body tbody tr").first.wait_for()
    settle(page)
    bad = run_axe(page)
    RESULTS[(lang, mode)] = bad
    summary = [(v["id"], v["impact"], len(v["nodes"]), v["nodes"][0]["target"]) for v in bad]
    assert not bad, summary


def test_a11y002_slider_value_text_is_the_date_and_the_event(page, live_server):
    page.goto(live_server + "/?date=1951-09-08")
    wait_painted(page, "1951-09-08")
    thumb = page.locator("#date-slider [role=slider]")
    page.wait_for_function("(d) => (document.querySelector('#date-slider [role=slider]')"
                           ".getAttribute('aria-valuetext') || '').startsWith(d)", arg=big_date("1951-09-08"))
    text = thumb.get_attribute("aria-valuetext")
    assert "San Francisco" in text, text
    assert thumb.get_attribute("aria-label") or thumb.get_attribute("aria-labelledby")
    thumb.focus()
    page.keyboard.press("ArrowRight")  # next event: the value text follows
    page.wait_for_function("(d) => !(document.querySelector('#date-slider [role=slider]')"
                           ".getAttribute('aria-valuetext') || '').startsWith(d)", arg=big_date("1951-09-08"))


def test_a11y003_focus_is_visible(page, live_server):
    page.goto(live_server + "/?date=1923-06-01")
    wait_painted(page, "1923-06-01")
    page.locator("#details-tab-table").click()
    for selector in ["#prev-event", "#date-slider [role=slider]", "#table-csv", "#details-tab-key",
                     "button[data-view=present]", "#pov input[value=japan]"]:
        page.locator(selector).first.focus()
        page.keyboard.press("Shift+Tab")
        page.keyboard.press("Tab")  # keyboard focus (focus-visible)
        style = page.evaluate("() => { const s = getComputedStyle(document.activeElement);"
                              " return [s.outlineStyle, s.outlineWidth, s.boxShadow]; }")
        assert style[0] != "none" and float(style[1].rstrip("px")) >= 3, (selector, style)


def test_a11y004_colour_is_never_the_only_encoding(page, live_server):
    page.goto(live_server + "/?date=1945-09-05")
    wait_painted(page, ":")
    keys = page.evaluate("() => window.skmap.store.table.keys")
    checked = 0
    for k in keys:
        parts = k["key"].split("|")
        if parts[0] != "T":
            continue
        _t, holder, mode, claims, promised, proposed = parts
        if mode in ("military_occupation", "administration", "undetermined", "renounced") or claims:
            assert k["pattern"], k["key"]
        if promised or proposed:
            assert k["dash"], k["key"]
        checked += 1
    assert checked > 10
    # and the text table says in words what the colours say
    page.locator("#table-body tbody tr").first.wait_for(state="attached")
    assert page.locator("#table-body tbody tr").count() >= 8
