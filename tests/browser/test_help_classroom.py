"""Help and About: the encodings from app/styles.py, method and policy, disagreements, the full bibliography
grouped by tier with the five seed documents, the licence and coastline attribution."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from app import help as help_module
from app import styles
from app.data import load_engine


@pytest.fixture(scope="module")
def engine():
    return load_engine()


def test_help001_everything_is_there(page, live_server, engine):
    page.goto(live_server + "/?view=help")
    body = page.locator("#help-body")
    body.locator(".bibliography li").first.wait_for(timeout=60000)  # the help is ~2,800 components to render
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
