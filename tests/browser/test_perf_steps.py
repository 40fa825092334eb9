"""A quick run of keyboard steps paints the map at once and reaches Dash once, when the keys stop: a clicker's next
press never waits behind the renderer work and server round trips of the steps before it."""

from __future__ import annotations

import datetime as dt
import re

from playwright.sync_api import expect

from app.mapstate import day_index, from_day_index
from tests.browser.helpers import big_date, settle, wait_arranged

# Counts the Dash callback requests (with their outputs) and the days the slider's thumb took (aria-valuenow).
COUNT_JS = """
(() => {
  const original = window.fetch;
  window.__skPosts = [];
  window.__skInflight = 0;
  window.fetch = function (input, init) {
    const url = typeof input === 'string' ? input : (input && input.url) || '';
    if (url.indexOf('_dash-update-component') < 0) return original.call(window, input, init);
    let output = '?';
    try { output = JSON.parse(init.body).output; } catch (e) { /* counted all the same */ }
    window.__skPosts.push(output);
    window.__skInflight++;
    return original.call(window, input, init).finally(() => { window.__skInflight--; });
  };
  window.__skThumb = [];
  const watch = () => {
    const thumb = document.querySelector('#date-slider [role=slider]');
    if (!thumb) { setTimeout(watch, 50); return; }
    new MutationObserver(() => {
      const now = thumb.getAttribute('aria-valuenow');
      if (window.__skThumb[window.__skThumb.length - 1] !== now) window.__skThumb.push(now);
    }).observe(thumb, {attributes: true, attributeFilter: ['aria-valuenow']});
  };
  document.addEventListener('DOMContentLoaded', watch);
})();
"""


def test_perf004_ten_quick_steps_reach_dash_once_and_every_surface_agrees(page, live_server):
    page.add_init_script(COUNT_JS)
    page.goto(live_server + "/?date=1920-01-01")
    wait_arranged(page)
    page.wait_for_load_state("networkidle")   # the load's own settled round is over
    settle(page)
    marks = page.evaluate("() => window.skmap.lastRequest().table.marks.map(m => m.day)")
    start = day_index(dt.date(1920, 1, 1))
    target = from_day_index(sorted(d for d in marks if d > start)[9])
    page.evaluate("() => { window.__skPosts = []; window.__skThumb = []; }")
    for _ in range(10):
        page.keyboard.press("ArrowRight")   # the next change, ten times without waiting
    big = page.locator("#date-big")
    expect(big).to_have_attribute("data-date", target.isoformat())
    expect(big).to_have_text(big_date(target))
    # once the keys stop: the slider, the Why tab and the table follow the day shown
    expect(page.locator("#date-slider [role=slider]")).to_have_attribute("aria-valuenow", str(day_index(target)))
    expect(page.locator("#clause-panel .why-when")).to_contain_text(big_date(target))
    expect(page.locator("#table-body caption")).to_contain_text(big_date(target))
    page.wait_for_function("() => window.__skInflight === 0")
    settle(page)
    posts, thumb = page.evaluate("[window.__skPosts, window.__skThumb]")
    assert len(posts) <= 2, f"ten steps sent {len(posts)} callback requests: {posts}"
    assert len(thumb) <= 2, f"the slider went through Dash {len(thumb)} times: {thumb}"
    # the address, Share and the date box say the same day
    page.wait_for_url(re.compile(rf"\?date={target.isoformat()}(&|$)"))
    assert page.locator("#date-input").input_value() == target.isoformat()
    page.locator("#share-open").click()
    expect(page.locator("#share-link")).to_have_text(re.compile(rf"/\?date={target.isoformat()}$"))
