"""Browser tests of the map header (app/page/map_header.py): the big date, the event line, the points of view and
the settings stand side by side at every size and language, none drawn over another or cut."""

from __future__ import annotations

import pytest

from tests.browser.helpers import big_date, shot, wait_painted

SIZES = ((390, 844), (1280, 720), (1440, 900), (1920, 1080))
# The longest dates and view names of the range: the Provisional Government's view (1917), a two-digit day in
# September, the last day.
DAYS = ("1917-09-17", "1945-09-25", "1956-12-31")

# The inked box of each visible piece of the header (the text itself, not its element: a nowrap date spills out
# of its box), and every piece whose text is cut.
HEADER_JS = """() => {
  const head = document.getElementById('map-header');
  const shown = (e) => e && e.offsetParent !== null && getComputedStyle(e).visibility !== 'hidden';
  const ink = (e) => { const r = document.createRange(); r.selectNodeContents(e); const b = r.getBoundingClientRect();
    const c = e.getBoundingClientRect();   // an element that clips (… cut) inks no further than its box
    const clip = getComputedStyle(e).overflow !== 'visible';
    const x0 = clip ? Math.max(b.left, c.left) : b.left, x1 = clip ? Math.min(b.right, c.right) : b.right;
    return {x0: x0, x1: x1, y0: b.top, y1: b.bottom}; };
  const parts = [];
  const add = (name, e) => { if (shown(e) && e.textContent.trim()) parts.push({name: name, box: ink(e)}); };
  add('date', head.querySelector('.date-big'));
  add('event', head.querySelector('.event-in-force'));
  head.querySelectorAll('#pov label').forEach((l, i) => add('pov' + i, l));
  const gear = head.querySelector('.settings summary');
  if (shown(gear)) { const b = gear.getBoundingClientRect(); parts.push({name: 'settings',
    box: {x0: b.left, x1: b.right, y0: b.top, y1: b.bottom}}); }
  const hb = head.getBoundingClientRect();
  const cut = [];
  head.querySelectorAll('.date-big, #pov label').forEach((e) => {
    if (shown(e) && e.scrollWidth > e.clientWidth + 1) cut.push(e.textContent); });
  const outside = parts.filter((p) => p.box.x0 < hb.left - 0.5 || p.box.x1 > hb.right + 0.5).map((p) => p.name);
  const overlaps = [];
  for (let i = 0; i < parts.length; i++) for (let j = i + 1; j < parts.length; j++) {
    const a = parts[i].box, b = parts[j].box;
    if (a.x0 < b.x1 - 0.5 && b.x0 < a.x1 - 0.5 && a.y0 < b.y1 - 0.5 && b.y0 < a.y1 - 0.5)
      overlaps.push([parts[i].name, parts[j].name]); }
  return {overlaps: overlaps, cut: cut, outside: outside, names: parts.map((p) => p.name),
          date: head.querySelector('.date-big').textContent};
}"""


@pytest.mark.parametrize("lang", ["en", "ja"])
def test_head001_nothing_in_the_header_overlaps_at_any_size(page, live_server, lang):
    """At 390×844, 1280×720, 1440×900 and 1920×1080, on the days with the longest dates and view names, the date,
    the event, the four points of view and ⚙ never overlap, none leaves the header and no date or view is cut
    (at 1280×720 and 1440×900 the points of view covered the date)."""
    page.goto(f"{live_server}/?lang={lang}&date={DAYS[0]}")
    wait_painted(page, DAYS[0])
    problems = []
    for day in DAYS:
        box = page.locator("#date-input")
        if box.input_value() != day:
            box.fill(day)
            box.press("Enter")
            wait_painted(page, day)
        for w, h in SIZES:
            page.set_viewport_size({"width": w, "height": h})
            page.wait_for_function("(d) => document.querySelector('#map-header .date-big').textContent === d",
                                   arg=big_date(day, lang))
            page.evaluate("() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)))")
            got = page.evaluate(HEADER_JS)
            assert {"date", "pov0", "pov3"} <= set(got["names"]), got
            if got["overlaps"] or got["cut"] or got["outside"]:
                problems.append((day, f"{w}x{h}", got))
                shot(page, f"head001_{lang}_{day}_{w}x{h}")
    assert not problems, problems
