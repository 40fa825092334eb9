"""Help and About: the encodings from app/styles.py, method and policy, disagreements, the full bibliography
grouped by tier with the five seed documents, the licence and coastline attribution."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from app import help as help_module
from app import styles
from app.data import load_engine
from app.i18n import gettext_for
from tests.browser.helpers import wait_painted


@pytest.fixture(scope="module")
def engine():
    return load_engine()


def test_help001_everything_is_there(page, live_server, engine):
    page.goto(live_server + "/?view=help")
    body = page.locator("#help-body")
    body.locator(".bibliography li").first.wait_for(timeout=60000)  # the help comes on first use
    expect(page.locator("#help-section")).to_be_visible()
    expect(page.locator("#map")).to_be_hidden()
    # encodings: every actor colour, every strait regime, generated from styles
    rows = body.locator(".help-table tbody tr")
    for group in ("japan", "russia", "usa", "other", "undetermined", "none"):
        expect(body.locator(f".help-table tr[data-key={group}]")).to_contain_text(styles.GROUP_LABELS[group])
    for regime in styles.STRAIT_REGIMES:
        expect(body.locator(f".help-table tr[data-key={regime}]")).to_contain_text(styles.REGIME_LABELS[regime])
    assert rows.count() == len(help_module.encoding_rows())
    # method and disagreements
    expect(body).to_contain_text("What a point of view means")
    expect(body).to_contain_text("No stated position")
    assert body.locator(".disagreements > li").count() == len(engine.timeline.disagreements)
    # bibliography: every source, grouped by tier; the five seeds by file name
    assert body.locator(".bibliography li").count() == len(engine.timeline.sources)
    for key in list(engine.timeline.sources)[:5]:
        expect(body.locator(f"[id='src-{key}']")).to_have_count(1)
    for seed in engine.timeline.seeds.values():  # the seeds by bibliographic identity, never a file name
        expect(body.locator(".seeds")).to_contain_text(seed.title)
    expect(body.locator(".seeds")).not_to_contain_text(".txt")
    expect(body).to_contain_text("Coastlines: GSHHG 2.3.6 (Wessel & Smith 1996), LGPL-3.0-or-later")
    expect(body).to_contain_text("provenance.json")


def test_help002_nav_opens_help_and_escape_returns(page, live_server):
    page.goto(live_server + "/?date=1923-06-01")
    page.locator("button[data-view=help]").click()
    page.locator("#help-body .help-table").wait_for()
    page.wait_for_url(lambda url: "view=help" in url)
    page.keyboard.press("Escape")
    expect(page.locator("#map")).to_be_visible()


def test_help003_help_and_keys_arrive_on_first_use(page, live_server):
    """Help and "?" are not in the page until asked for: F1 / the nav button / "?" fetch them once (a second opening
    fetches nothing), focus and Escape behave as before, nothing leaves the machine, and a failed fetch says so and
    is tried again at the next opening."""
    fragments, outside = [], []
    page.on("request", lambda r: fragments.append(r.url) if "/fragment/" in r.url else None)
    page.on("request", lambda r: None if r.url.startswith((live_server, "data:", "blob:")) else outside.append(r.url))
    page.goto(live_server + "/?date=1923-06-01&lang=zh-Hant")
    wait_painted(page, ":")
    for holder in ("#help-body", "#keys-body"):
        assert page.locator(holder).evaluate("(el) => el.childElementCount") == 0
    assert fragments == []  # nothing fetched for a page that never opens them
    # "?" by its button: the dialog opens at once, its content comes, Escape closes it and focus goes back
    page.locator("#keys-open").focus()
    page.keyboard.press("Enter")
    page.locator("#keys-body[data-loaded] .keys-list").wait_for()
    expect(page.locator("#keys-dialog")).to_have_js_property("open", True)
    expect(page.locator("#keys-body")).to_contain_text("F1")
    expect(page.locator("#keys-body .reading-row")).to_have_count(len(help_module.STATUS_ROWS))
    assert page.evaluate("() => document.getElementById('keys-dialog').contains(document.activeElement)")
    page.keyboard.press("Escape")
    expect(page.locator("#keys-dialog")).to_have_js_property("open", False)
    assert page.evaluate("() => document.activeElement.id") == "keys-open"
    # F1: Help in the page's language (zh-Hant), its headings in order; leaving and coming back fetches nothing
    page.locator("body").press("F1")
    page.locator("#help-body[data-loaded] .bibliography li").first.wait_for()
    page.wait_for_url(lambda url: "view=help" in url)
    expect(page.locator("#help-body h2")).to_have_text(gettext_for("zh-Hant")("Help and About"))
    levels = page.locator("#help-section :is(h2, h3, h4)").evaluate_all("(hs) => hs.map((h) => +h.tagName[1])")
    assert levels[0] == 2 and all(b - a <= 1 for a, b in zip(levels, levels[1:], strict=False)), levels
    page.keyboard.press("Escape")
    expect(page.locator("#map")).to_be_visible()
    page.locator("button[data-view=help]").click()
    expect(page.locator("#help-section")).to_be_visible()
    page.keyboard.press("Escape")
    page.keyboard.press("?")
    expect(page.locator("#keys-dialog")).to_have_js_property("open", True)
    page.keyboard.press("Escape")
    assert sorted(fragments) == [live_server + "/fragment/help/zh-Hant", live_server + "/fragment/keys/zh-Hant"]
    assert outside == []
    # no network: the holder says so in the page's language, and the next opening tries again
    page.goto(live_server + "/?date=1923-06-01")
    wait_painted(page, ":")
    page.route("**/fragment/**", lambda route: route.abort())
    page.keyboard.press("?")
    page.locator("#keys-body[data-failed]").wait_for()
    expect(page.locator("#keys-body")).to_have_text(
        gettext_for("en")("Cannot load this part of the page. Check the connection and open it again."))
    page.keyboard.press("Escape")
    page.unroute("**/fragment/**")
    page.keyboard.press("?")
    page.locator("#keys-body[data-loaded] .keys-list").wait_for()
    expect(page.locator("#keys-body")).not_to_have_attribute("data-failed", "1")
