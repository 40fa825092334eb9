"""Embed view: chrome-less (map, slider, legend) with the same URL state, for a school site's iframe."""

from __future__ import annotations

import re

from playwright.sync_api import expect

from app import styles
from tests.browser.helpers import read_paint, rgb, wait_painted


def test_embd001_chromeless_with_the_same_url_state(page, live_server):
    page.set_viewport_size({"width": 900, "height": 700})
    page.goto(live_server + "/?view=embed&date=1923-06-01&names=ru")
    wait_painted(page, "1923-06-01:de_facto")
    shown = read_paint(page)["sakhalin_north"]
    assert shown["base"] == rgb(styles.GROUP_COLOURS["japan"]) and shown["dots"]
    for hidden in ["#app-bar", "#settings", "#table-section", "#view-nav", ".mode-control"]:
        expect(page.locator(hidden).first).to_be_hidden()
    for visible in ["#map", "#date-slider", "#key-chip", "#date-big", "#embed-bar"]:
        expect(page.locator(visible)).to_be_visible()
    link = page.locator("#embed-open-full")
    expect(link).to_have_attribute("href", re.compile(r"date=1923-06-01"))
    assert "view=embed" not in link.get_attribute("href")
    assert link.get_attribute("target") == "_blank"
    # the slider works inside the embed and the URL follows
    page.locator("#date-slider [role=slider]").focus()
    page.keyboard.press("End")
    page.wait_for_url(re.compile(r"date=1956-12-31.*view=embed"))


def test_embd002_embed_code_in_help(page, live_server):
    page.goto(live_server + "/?date=1945-09-05&pov=usa&view=help")
    code = page.locator("#embed-code")
    expect(code).to_contain_text("<iframe")
    expect(code).to_contain_text("view=embed")
    expect(code).to_contain_text("pov=usa")
