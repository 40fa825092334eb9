"""A student's phone (390×844, touch): islands a finger can hit, an inset that opens places and never moves the map,
the place story at its top and below the tapped place, "?" that explains the map, Help that fits, Traditional Chinese
for a browser in Taiwan."""

from __future__ import annotations

import pytest
from playwright.sync_api import TimeoutError as PlaywrightTimeout

from app.data import load_engine

PHONE = {"viewport": {"width": 390, "height": 844}, "has_touch": True, "is_mobile": True}

# every symbol a finger taps, as the browser draws it: main map (targets, proxies), inset targets, inset shapes
SYMBOLS_JS = """() => { const out = [];
  document.querySelectorAll('#map g.trace').forEach((g) => {
    const tr = g.__data__ && g.__data__[0] && g.__data__[0].trace; if (!tr) return;
    const uid = tr.uid || '';
    const sel = uid === 'proxies' || uid === 'proxy-targets' || uid.startsWith('targets') ? 'path.point'
              : uid.startsWith('paint-') ? 'path.choroplethlocation[data-loc]' : null;
    if (!sel) return;
    g.querySelectorAll(sel).forEach((p) => { const r = p.getBoundingClientRect();
      if (r.width > 0) out.push({uid: uid, loc: p.getAttribute('data-loc'), w: r.width, h: r.height,
                                 x: r.left + r.width / 2, y: r.top + r.height / 2}); });
  });
  return out; }"""
CLICKS_JS = """() => { const gd = document.querySelector('#map .js-plotly-plot'); window._taps = [];
  gd.on('plotly_click', (e) => { const p = e.points[0];
    window._taps.push(p.customdata || p.location || null); }); }"""
# every close control a reader sees on the open sheet: its name (label or text), its size
CLOSERS_JS = """(word) => [...document.querySelectorAll('#details button')].filter((b) => {
    const r = b.getBoundingClientRect(), name = (b.getAttribute('aria-label') || '') + ' ' + b.innerText;
    return r.width > 0 && r.height > 0 && (/[✕×]/.test(b.innerText) || name.includes(word)); })
  .map((b) => { const r = b.getBoundingClientRect();
    return [b.getAttribute('aria-label') || b.innerText, Math.round(r.width), Math.round(r.height)]; })"""
GEO_JS = """() => { const g = document.querySelector('#map .js-plotly-plot')._fullLayout.geo;
  return JSON.stringify([g.lonaxis.range, g.lataxis.range, g.center, g.projection.scale]); }"""


@pytest.fixture(scope="module")
def unit_of():
    return load_engine().unit_of


@pytest.fixture()
def phone(browser):
    context = browser.new_context(**PHONE)
    yield context.new_page()
    context.close()


def arranged(page) -> None:
    page.wait_for_function("""() => { const g = document.querySelector('#map .js-plotly-plot');
        return g && g.getAttribute('data-rung') !== null && !!g.querySelector('path.choroplethlocation[data-loc]')
               && !!g.querySelector('g.trace path.point'); }""", timeout=45000)
    page.wait_for_timeout(500)   # plotly's autosize redraw after the first arrangement


def symbols(page) -> list[dict]:
    """The symbols once the map has settled (the phone's view and the box's rung arrive after the first draw):
    two reads in a row that agree."""
    last = None
    for _ in range(40):
        now = page.evaluate(SYMBOLS_JS)
        if now == last:
            return now
        last = now
        page.wait_for_timeout(250)
    return last


SETTLED_JS = """([x, y, at]) => { if (document.querySelector('[data-dash-is-loading]')) return false;
  if (!document.elementFromPoint(10, y)?.closest('#map')) return false;
  if (document.getElementById('details').getBoundingClientRect().top <= y + 2) return false;
  if (!at) return true;
  return [...document.querySelectorAll('#map path[data-loc="' + at.loc + '"]')].some((p) => {
    const r = p.getBoundingClientRect();
    return Math.abs(r.left + r.width / 2 - at.x) < 1 && Math.abs(r.top + r.height / 2 - at.y) < 1; }); }"""


def tap(page, x: float, y: float, at: dict | None = None):
    """One finger tap on the map once the last tap's story has landed (a reader reads it first), the sheet put back
    so it never takes the tap and `at` (the symbol aimed at) drawn where it was measured; the place the map says."""
    n = page.evaluate("() => { document.getElementById('details').setAttribute('data-sheet', 'peek');"
                      " return window._taps.length; }")
    page.wait_for_function(SETTLED_JS, arg=[x, y, at], timeout=30000)
    # a next tap, not the second half of a double tap (map_paint.js hookTaps: 500 ms since the last one)
    since = page.evaluate("() => performance.now() - (window._skLastTap || -1e9)")
    if since < 550:
        page.wait_for_timeout(550 - since)
    page.touchscreen.tap(x, y)
    page.evaluate("() => { window._skLastTap = performance.now(); }")
    try:
        page.wait_for_function("(n) => window._taps.length > n", arg=n, timeout=10000)
    except PlaywrightTimeout:
        return None   # the tap opened nothing
    return page.evaluate("() => window._taps[window._taps.length - 1]")


def test_phon001_every_small_island_has_a_tap_target_a_finger_can_hit(phone, live_server, unit_of):
    """At 390×844 each small island has a target of at least 44×44 px where it is drawn a finger's size (Shikotan
    and the Habomai islets in the ×4 inset; every small-island symbol on the main map, Moneron, Atlasov, Ketoy …):
    taps around its centre, 12 px off (a finger's error), all open it (a tap 12 px below and right of
    Moneron's 10 px symbol opened nothing). On the main map no target reaches into
    another unit's symbol (plotly gave a tap inside two to the last one drawn: 4 of 9 Shikotan taps opened Habomai).
    The sheet opening over the map leaves the map where it was (it grew by the sheet's peek row, moving every island
    under the finger by 33 px)."""
    phone.goto(live_server + "/?date=1956-12-12")
    arranged(phone)
    phone.evaluate(CLICKS_JS)
    drawn = symbols(phone)
    inset = {s["loc"]: s for s in drawn if s["uid"] == "targets-south_kurils"}
    assert inset["shikotan"]["w"] >= 44 and inset["zelyony"]["w"] >= 44, inset
    proxies = {s["loc"]: s for s in drawn if s["uid"] == "proxies"}
    own = {s["loc"]: s for s in drawn if s["uid"] == "proxy-targets"}
    for loc, p in proxies.items():
        # a finger's target each (44 px), as far as the next place's symbol leaves room, or the inset's
        room = min([44] + [((o["x"] - p["x"]) ** 2 + (o["y"] - p["y"]) ** 2) ** 0.5 for o in proxies.values()
                           if unit_of[o["loc"]] != unit_of[loc]])
        assert own.get(loc, {"w": 0})["w"] >= room - 1 or \
            any(unit_of[t] == unit_of[loc] and s["w"] >= 44 for t, s in inset.items()), (loc, own.get(loc), room)
    places = [("shikotan", inset["shikotan"]), ("habomai", inset["zelyony"]), ("kurils_central", proxies["ketoy"]),
              ("sakhalin_south", proxies["moneron"]), ("kurils_north", proxies["atlasov"]),
              (None, proxies["matua"]), (None, proxies["shiashkotan"])]   # these two 26 px apart: the nearer opens
    # the centre and the four corners 12 px off: a target (a disc, cut where another's begins) that holds them
    # holds the square between them; where two symbols compete (Matua, Shiashkotan) all nine taps
    around = [(dx, dy) for dx in (-12, 0, 12) for dy in (-12, 0, 12)]
    corners = [(dx, dy) for dx, dy in around if (dx == 0) == (dy == 0)]
    wrong = []
    for unit, s in places:
        for dx, dy in around if unit is None else corners:
            x, y = s["x"] + dx, s["y"] + dy
            nearest = min(proxies.values(), key=lambda o: (o["x"] - x) ** 2 + (o["y"] - y) ** 2)
            want = unit or unit_of[nearest["loc"]]
            got = tap(phone, x, y, at=s)
            if unit_of.get(got) != want:
                wrong.append((want, s["loc"], dx, dy, got))
    assert not wrong, wrong
    assert symbols(phone) == drawn   # the sheet opening and closing never resized nor moved the map
    main = [s for s in drawn if s["uid"] in ("targets", "proxies")]
    for t in (s for s in drawn if s["uid"] in ("targets", "proxy-targets")):
        for o in main:
            if unit_of[o["loc"]] != unit_of[t["loc"]]:
                apart = ((o["x"] - t["x"]) ** 2 + (o["y"] - t["y"]) ** 2) ** 0.5
                assert t["w"] <= apart + 1, (t, o)


def test_phon002_an_inset_tap_opens_the_place_and_leaves_the_map_still(phone, live_server):
    """Two taps on the inset on 12 Dec 1956 put the main map on Tsushima and Korea with a stuck tooltip: now each
    opens its place, the main map's view is unchanged and no tooltip stays behind; the Tsushima locator moves
    nothing either."""
    phone.goto(live_server + "/?date=1956-12-12")
    arranged(phone)
    phone.evaluate(CLICKS_JS)
    before = phone.evaluate(GEO_JS)
    inset = {s["loc"]: s for s in symbols(phone) if s["uid"] == "targets-south_kurils"}
    assert tap(phone, inset["shikotan"]["x"], inset["shikotan"]["y"]) == "shikotan"
    assert tap(phone, inset["zelyony"]["x"], inset["zelyony"]["y"]) == "zelyony"
    phone.wait_for_function("() => (document.getElementById('unit-panel-body') || {}).innerText"
                            ".includes('Habomai islets')", timeout=15000)
    frame = phone.evaluate("""() => { const gd = document.querySelector('#map .js-plotly-plot');
        const d = gd._fullLayout.geo3.domain, s = gd._fullLayout._size, r = gd.getBoundingClientRect();
        return [r.left + s.l + (d.x[0] + d.x[1]) / 2 * s.w, r.top + s.t + (1 - (d.y[0] + d.y[1]) / 2) * s.h]; }""")
    phone.evaluate("() => document.getElementById('details').setAttribute('data-sheet', 'peek')")
    phone.touchscreen.tap(*frame)
    phone.wait_for_timeout(800)   # a zoom would have been a relayout by now; nothing is awaited to pass
    assert phone.evaluate(GEO_JS) == before
    assert phone.locator("#map .hoverlayer .hovertext").count() == 0


def test_phon003_a_place_story_opens_at_its_top_below_the_place_tapped(phone, live_server):
    """After reading far down Shikotan's story, a tap on the Habomai islets opens theirs at its first line, in a
    sheet whose top is below the tap; the story says who held them, then why with sources, then the
    disagreements."""
    phone.goto(live_server + "/?date=1956-12-12")
    arranged(phone)
    phone.evaluate(CLICKS_JS)
    inset = {s["loc"]: s for s in symbols(phone) if s["uid"] == "targets-south_kurils"}
    tap(phone, inset["shikotan"]["x"], inset["shikotan"]["y"])
    phone.wait_for_function("() => document.querySelector('#unit-panel-body h2')?.innerText.includes('Shikotan')",
                            timeout=15000)
    phone.evaluate("() => { const p = document.getElementById('tab-place'); p.scrollTop = p.scrollHeight; }")
    assert phone.evaluate("() => document.getElementById('tab-place').scrollTop") > 200
    x, y = inset["zelyony"]["x"], inset["zelyony"]["y"]
    tap(phone, x, y)
    phone.wait_for_function("() => document.querySelector('#unit-panel-body h2')?.innerText.includes('Habomai')",
                            timeout=15000)
    got = phone.evaluate("""() => { const p = document.getElementById('tab-place'),
                                        b = document.getElementById('unit-panel-body');
        const order = [...b.querySelectorAll('.unit-summary, h3, .statuses, .disagreements-here')]
                        .map((e) => e.className || e.tagName);
        return {top: p.scrollTop, sheet: document.getElementById('details').getBoundingClientRect().top,
                state: document.getElementById('details').getAttribute('data-sheet'), order: order,
                summary: b.querySelector('.unit-summary').innerText}; }""")
    assert got["top"] == 0 and got["state"] == "half", got
    assert got["sheet"] > y + 20, (got["sheet"], y)
    assert got["order"][:4] == ["unit-summary", "H3", "statuses", "disagreements-here"], got["order"]
    assert got["summary"].startswith("On 12 December 1956 the USSR held the Habomai islets"), got["summary"]
    # one close control (there were two: the sheet's ✕ and the story's "Close ✕"), a finger's size, in words
    closers = phone.evaluate(CLOSERS_JS, "Close")
    assert len(closers) == 1 and closers[0][0] == "Close" and min(closers[0][1:]) >= 44, closers
    sheet = "() => document.getElementById('details').getAttribute('data-sheet')"
    phone.keyboard.press("Escape")
    assert phone.evaluate(sheet) == "peek"
    handle = phone.locator("#sheet-handle")
    handle.tap()
    assert phone.evaluate(sheet) == "half"
    grip = handle.bounding_box()
    phone.mouse.move(grip["x"] + grip["width"] / 2, grip["y"] + 5)
    phone.mouse.down()
    phone.mouse.move(grip["x"] + grip["width"] / 2, 820, steps=4)
    phone.mouse.up()
    assert phone.evaluate(sheet) == "peek"


def test_phon004_question_mark_explains_the_map_and_help_fits_a_phone(phone, live_server):
    """"?" on a phone says what a point of view and de facto are and shows the symbols before any key; Help's
    tables and text fit 390 px (no sideways scroll)."""
    phone.goto(live_server + "/?date=1956-12-12")
    arranged(phone)
    phone.locator("#keys-open").tap()
    dialog = phone.locator("#keys-dialog")
    dialog.wait_for(state="visible")
    dialog.locator("#keys-body[data-loaded]").wait_for()   # its content comes on first use
    heads = dialog.locator("h3").all_inner_texts()
    assert heads[:4] == ["Points of view", "De facto", "Places", "Symbols"] and heads[-1] == "Keyboard shortcuts"
    assert dialog.locator(".reading-row").count() == 7
    assert "who actually held each place on the ground" in dialog.inner_text()
    box = dialog.bounding_box()
    assert box["x"] >= 0 and box["x"] + box["width"] <= 390
    phone.goto(live_server + "/?date=1956-12-12&view=help")
    phone.wait_for_function("() => document.querySelectorAll('#help-section .help-table tr').length > 20",
                            timeout=120000)
    caption = phone.locator("#help-section .help-table caption").first.bounding_box()
    assert caption["width"] > 300 and caption["height"] < 80, caption   # it once stood one letter a line
    wide = phone.evaluate("""() => [document.documentElement.scrollWidth,
        ...[...document.querySelectorAll('#help-section *')]
           .filter((e) => e.getBoundingClientRect().right > innerWidth + 1)
           .map((e) => e.tagName + '.' + e.className).slice(0, 5)]""")
    assert wide == [390], wide


def test_phon005_a_browser_in_taiwan_reads_traditional_chinese(browser, live_server):
    """A zh-TW browser opening the plain address gets zh-Hant: the page, the map's names and a place's story in
    Traditional characters; a reader who picks English keeps it on the next load."""
    context = browser.new_context(locale="zh-TW", **PHONE)
    page = context.new_page()
    try:
        page.goto(live_server + "/?date=1956-12-12")
        arranged(page)
        assert page.evaluate("() => document.documentElement.lang") == "zh-Hant"
        assert "庫頁島" in page.locator("h1").inner_text()
        labels = page.evaluate("""() => [...document.querySelectorAll('#map text')].map((t) => t.textContent)
                                  .join(' ')""")
        assert "國後島" in labels and "擇捉島" in labels and "国后" not in labels, labels
        page.goto(live_server + "/?date=1956-12-12&unit=habomai")
        page.wait_for_function("() => document.querySelector('#unit-panel-body h2')?.innerText.includes('齒舞群島')",
                               timeout=20000)
        assert "已承諾將其移交給日本" in page.locator("#unit-panel-body .unit-summary").inner_text()
        closers = page.evaluate(CLOSERS_JS, "關閉")
        assert len(closers) == 1 and closers[0][0] == "關閉" and min(closers[0][1:]) >= 44, closers
        page.goto(live_server + "/?date=1956-12-12&lang=en")
        arranged(page)
        page.wait_for_function("() => location.search.includes('lang=en')", timeout=5000)
        page.reload()
        arranged(page)
        assert page.evaluate("() => document.documentElement.lang") == "en"
    finally:
        context.close()


def test_phon006_compare_on_a_phone_shows_maps_a_finger_can_read(phone, live_server):
    """Compare at 390×844 squeezed two maps into 120 px each under the controls: now A and then B, each with its
    title and key most of the screen tall and full width, read by scrolling, nothing wider than the phone; on its
    side (844×390) the maps side by side were 90 px tall, now more than 150.
    First a day is reached without eleven taps: the date box takes 19 Oct 1956 (once ignored after 1 Jan 1956)."""
    phone.goto(live_server + "/?date=1956-12-12")
    arranged(phone)
    box = phone.locator("#date-input")
    size = box.bounding_box()
    assert size["height"] >= 44 and size["x"] + size["width"] <= 390, size
    box.fill("1956-10-19")
    box.press("Enter")
    phone.wait_for_function("() => document.getElementById('date-big').innerText.includes('19 October 1956')",
                            timeout=30000)
    phone.goto(live_server + "/?date=1956-12-12&view=compare")
    drawn = """() => [...document.querySelectorAll('.cmp-map')].every((g) => g.querySelector('path.choroplethlocation'))
                     && document.querySelectorAll('.cmp-map').length === 2"""
    phone.wait_for_function(drawn, timeout=90000)
    sizes_js = """() => [...document.querySelectorAll('.cmp-map')].map((g) => { const r = g.getBoundingClientRect();
        return [Math.round(r.left), Math.round(r.top), Math.round(r.width), Math.round(r.height)]; })"""
    (ax, ay, aw, ah), (bx, by, bw, bh) = phone.evaluate(sizes_js)
    assert ah > 350 and bh > 350 and aw > 370 and bw > 370, (ah, bh, aw, bw)
    assert by >= ay + ah and ax == bx, (ay, ah, by)   # B below A
    clipped = phone.evaluate("""() => [...document.querySelectorAll('.cmp-title')]
        .filter((t) => t.scrollHeight > t.clientHeight + 1).map((t) => [t.innerText, t.clientHeight])""")
    assert clipped == [], clipped   # each map's title whole (its descenders once cut by the map under it)
    assert phone.evaluate("() => document.documentElement.scrollWidth") == 390
    side_b = phone.locator("#compare-date2-input").bounding_box()   # once 0 px wide: only the slider for B
    assert side_b["width"] >= 120 and side_b["height"] >= 44 and side_b["x"] + side_b["width"] <= 390, side_b
    phone.set_viewport_size({"width": 844, "height": 390})
    phone.wait_for_function("""() => { const r = document.querySelector('.cmp-map').getBoundingClientRect();
                                     return r.height > 150 && r.width < 430; }""", timeout=30000)
    assert phone.evaluate("() => document.documentElement.scrollWidth") == 844


def test_phon007_the_year_marks_never_run_together(phone, live_server):
    """On a phone upright (390×844) and on its side (844×390, where the slider is 200 px and the six decades read
    "190519151925…"), the year marks shown under the slider keep a gap between them (every other one on its side)."""
    phone.goto(live_server + "/?date=1956-12-12")
    arranged(phone)
    for w, h in ((390, 844), (844, 390)):
        phone.set_viewport_size({"width": w, "height": h})
        phone.evaluate("() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)))")
        marks = phone.evaluate("""() => [...document.querySelectorAll('#date-slider .dash-slider-mark')]
            .filter((m) => getComputedStyle(m).visibility !== 'hidden')
            .map((m) => { const r = m.getBoundingClientRect(); return [m.textContent, r.left, r.right]; })""")
        assert marks[0][0] == "1905" and len(marks) >= 3, (w, marks)
        gaps = [b[1] - a[2] for a, b in zip(marks, marks[1:], strict=False)]
        assert min(gaps) >= 6, (w, h, marks)
