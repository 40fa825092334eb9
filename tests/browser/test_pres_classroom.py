"""Presentation mode and the guided tour (real app, Debian Chromium): URL state, clicker keys, large type,
narration with sources, reduced motion, and a screenshot at 1280×720 for a person to look at."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from playwright.sync_api import expect

from app import narration
from app.cartography.insets import PRESENT_INSETS, inset_frame
from app.cartography.projection import MapProjection
from app.cartography.views import GEO_VIEW
from app.data import load_engine
from app.i18n import HTML_LANG, format_date_for
from app.mapstate import LANGS
from tests.browser.carto_helpers import INSIDE_POINTS_JS, LABEL_BOXES_JS, labels_overlap
from tests.browser.helpers import big_date, settle, shot, wait_arranged, wait_painted

SHOT_LANGUAGES = ["en"]  # the interface-language work adds the others


@pytest.fixture(scope="module")
def steps():
    return narration.tour_steps(load_engine(), "key")


def open_present(page, live_server, query):
    page.goto(live_server + "/" + query)
    wait_painted(page, ":")
    expect(page.locator("#page")).to_have_class(re.compile(r"view-present"))


def test_pres001_tour_step_from_the_url_shows_its_date_and_sourced_narration(page, live_server, steps):
    page.set_viewport_size({"width": 1280, "height": 720})
    open_present(page, live_server, "?view=present&tour=key&step=5")
    s = steps[4]
    expect(page.locator("#date-big")).to_have_text(big_date(s.date.isoformat()))
    wait_painted(page, s.date.isoformat() + ":")
    caption = page.locator("#present-caption")
    expect(caption.locator(".present-title")).to_have_text(s.title)
    text, keys = narration.NARRATION[s.event]
    expect(caption.locator(".present-text")).to_have_text(text)
    cites = caption.locator(".present-sources li")
    expect(cites).to_have_count(len(keys))  # one readable citation per source, never its key
    assert not any(k in caption.locator(".present-src").inner_text() for k in keys if "_" in k)
    expect(page.locator("#present-step")).to_contain_text(f"Step 5 of {len(steps)}")
    # controls cut to previous / next / play and the date
    for hidden in ["header", ".controls", ".story", "#legend", "#table-section", ".speed-label", "#view-nav"]:
        expect(page.locator(hidden).first).to_be_hidden()
    for visible in ["#prev-event", "#next-event", "#play-pause", "#date-big", "#date-slider", "#present-legend"]:
        expect(page.locator(visible)).to_be_visible()
    page.wait_for_url(re.compile(r"view=present&tour=key&step=5"))


def test_pres002_clicker_and_keyboard_step_through_the_tour(page, live_server, steps):
    open_present(page, live_server, "?view=present&tour=key&step=5")
    page.locator("body").click(position={"x": 5, "y": 5})
    page.keyboard.press("PageDown")  # a presentation clicker's "next"
    expect(page.locator("#date-big")).to_have_text(big_date(steps[5].date.isoformat()))
    page.wait_for_url(re.compile(r"step=6"))
    page.keyboard.press("ArrowRight")
    expect(page.locator("#present-step")).to_contain_text("Step 7 of")
    page.keyboard.press("PageUp")
    page.keyboard.press("ArrowLeft")
    expect(page.locator("#present-step")).to_contain_text("Step 5 of")
    page.locator("#next-event").click()  # the on-screen buttons step the tour too
    expect(page.locator("#present-step")).to_contain_text("Step 6 of")
    # a proposal that never took effect is shown in "Treaty or proposal" mode
    n = next(s.n for s in steps if s.mode == "event")
    open_present(page, live_server, f"?view=present&tour=key&step={n}")
    wait_painted(page, "event:" + steps[n - 1].event)
    expect(page.locator("#present-caption")).to_contain_text("would have provided")
    page.keyboard.press("Escape")
    expect(page.locator("#page")).to_have_class(re.compile(r"view-map"))
    expect(page.locator("#app-bar")).to_be_visible()


@pytest.mark.parametrize("width, height, min_date_px, min_text_px, lang",
                         [(1280, 720, 38, 21, "en"), (1920, 1080, 56, 30, "en"), (1280, 720, 38, 21, "ja")])
def test_pres003_type_is_readable_from_the_back_of_the_room(page, live_server, width, height, min_date_px,
                                                             min_text_px, lang):
    page.set_viewport_size({"width": width, "height": height})
    open_present(page, live_server, f"?view=present&tour=key&step=12&lang={lang}")
    page.locator("#present-caption .present-text").wait_for()
    sizes = page.evaluate("""() => ['#date-big', '#present-caption .present-text', '#present-caption .present-title',
        '#next-event'].map(s => parseFloat(getComputedStyle(document.querySelector(s)).fontSize))""")
    assert sizes[0] >= min_date_px and sizes[1] >= min_text_px and sizes[2] >= min_text_px, sizes
    assert sizes[3] >= 16, sizes
    # everything fits the screen: no page scrolling, the map fills its cell
    dims = page.evaluate("""() => [document.documentElement.scrollHeight, document.documentElement.scrollWidth,
        document.querySelector('#map').getBoundingClientRect().height]""")
    assert dims[0] <= height + 1 and dims[1] <= width + 1, dims
    assert dims[2] >= height * 0.75, dims
    # high contrast: black type on white
    colours = page.evaluate("""() => [getComputedStyle(document.querySelector('#present-caption .present-text')).color,
        getComputedStyle(document.querySelector('#page')).backgroundColor]""")
    assert colours == ["rgb(0, 0, 0)", "rgb(255, 255, 255)"], colours
    check_the_map_from_the_back_row(page, width)
    if (width, lang) == (1280, "en"):
        check_the_caption_on_a_phone_held_sideways(page)
        check_a_projector_at_1024x768(page)


# What Present's map shows the back row: its labels (tests/browser/carto_helpers.py), the southern-Kurils inset's
# drawn frame and title, its islands' drawn boxes, and the key's type.
BACK_ROW_JS = """() => {
    const gd = document.querySelector('#map .js-plotly-plot');
    const frame = gd.querySelector('g.geo2').getBoundingClientRect();
    const islands = {};
    gd.querySelectorAll('path.choroplethlocation[data-loc]').forEach((p) => {
        if (p.closest('g.trace').__data__[0].trace.uid !== 'paint-south_kurils') return;
        const r = p.getBoundingClientRect();
        islands[p.getAttribute('data-loc')] = [r.width, r.height];
    });
    const row = document.querySelector('#present-legend .key-row');
    const s = gd._fullLayout._size, d = gd._fullLayout.geo2.domain;
    return {inset: [frame.width, frame.height], islands: islands, size: [s.w, s.h],
            domain: [d.x[0] * s.w, (1 - d.y[1]) * s.h, (d.x[1] - d.x[0]) * s.w, (d.y[1] - d.y[0]) * s.h],
            key: row && row.offsetWidth ? parseFloat(getComputedStyle(row).fontSize) : null};
}"""


def check_the_map_from_the_back_row(page, width):
    """Present's own type: at 1280×720 the map's and the inset's labels at 18 px at least (the page's are 13–16),
    the inset 270×190 px at least (the page's 190×130) with Shikotan and a Habomai islet large enough to see at half
    size, no two labels overlapping, the key at 16 px; all in proportion on a larger screen. Leaving Present gives
    the map its page type and inset back."""
    grow = width / 1280
    wait_arranged(page)
    labels = page.evaluate(LABEL_BOXES_JS)["labels"]
    seen = page.evaluate(BACK_ROW_JS)
    main = {lab["id"] for lab in labels if lab["uid"] == "labels"}
    assert {"island_sakhalin", "island_kunashir", "island_iturup", "island_shikotan", "island_habomai"} <= main, main
    small = [(lab["text"], lab["size"]) for lab in labels if lab["size"] < 18 * grow - 0.5]
    assert not small, small
    for i, a in enumerate(labels):
        for b in labels[i + 1:]:
            assert not labels_overlap(a, b), (a["text"], b["text"])
    assert seen["inset"][0] >= 270 * grow and seen["inset"][1] >= 190 * grow, seen["inset"]
    # where the labels were placed around it (app/cartography/insets.py) is where the page draws it
    proj = MapProjection(GEO_VIEW, *seen["size"])
    assert all(abs(a - b) < 1 for a, b in zip(inset_frame(proj, PRESENT_INSETS[0]), seen["domain"], strict=True)), \
        (inset_frame(proj, PRESENT_INSETS[0]), seen["domain"])
    for loc, (w, h) in (("shikotan", (48, 36)), ("zelyony", (22, 18)), ("polonsky", (13, 6))):
        drawn = seen["islands"][loc]
        assert drawn[0] >= w * grow and drawn[1] >= h * grow, (loc, drawn)
    assert seen["key"] >= 16, seen["key"]
    # leaving Present: the page's type and inset again (arranged for the map view, not kept from Present)
    page.keyboard.press("Escape")
    expect(page.locator("#page")).to_have_class(re.compile(r"view-map"))
    page.wait_for_function("""(w) => { const gd = document.querySelector('#map .js-plotly-plot');
        return gd.hasAttribute('data-rung') && gd.querySelector('g.geo2').getBoundingClientRect().width < w; }""",
                           arg=seen["inset"][0] / 1.25)
    wait_arranged(page)
    after = page.evaluate(LABEL_BOXES_JS)["labels"]
    assert max(lab["size"] for lab in after) <= 16, sorted({lab["size"] for lab in after})
    assert any(lab["uid"] == "inset-titles" and "×4" in lab["text"] for lab in after), after



def check_the_caption_on_a_phone_held_sideways(page):
    """At 844×390 Present's caption column showed the title and the key, and cut the sentence: the sentence is
    whole in the caption's box or reachable by scrolling it."""
    page.set_viewport_size({"width": 844, "height": 390})
    page.locator("#tour-start").click()
    expect(page.locator("#page")).to_have_class(re.compile(r"view-present"))
    page.locator("#present-caption .present-text").wait_for()
    settle(page)
    got = page.evaluate("""() => { const box = document.querySelector('.present-caption');
        const text = box.querySelector('.present-text'), b = box.getBoundingClientRect();
        const t = text.getBoundingClientRect();
        return {scrolls: getComputedStyle(box).overflowY === 'auto', fits: box.scrollHeight <= box.clientHeight + 1,
                start: t.top >= b.top && t.top + 20 <= b.bottom, box: b.height, text: t.height}; }""")
    assert got["start"] and (got["fits"] or got["scrolls"]) and got["box"] >= 180, got
    check_the_big_date_is_whole(page)


def check_a_projector_at_1024x768(page):
    """A school's 1024×768 projector: Present's map box (592×555) is narrow and tall like a phone's, and took the
    phone's view and type (12–14 px). It shows the whole map in Present's type, in proportion to the screen."""
    page.set_viewport_size({"width": 1024, "height": 768})
    expect(page.locator("#page")).to_have_class(re.compile(r"view-present"))
    expect(page.locator("#details-toggle")).to_be_hidden()   # a lone "▸" under the date (Present has no details)
    assert wait_view(page, "home")["insetsAttr"] == "on"
    page.wait_for_function("() => document.querySelector('#map .js-plotly-plot')._skPresent === true",
                           timeout=10000)
    wait_arranged(page)
    labels = page.evaluate(LABEL_BOXES_JS)["labels"]
    small = [(lab["text"], lab["size"]) for lab in labels if lab["size"] < 18 * 1024 / 1280 - 0.5]
    assert labels and not small, small
    for i, a in enumerate(labels):
        for b in labels[i + 1:]:
            assert not labels_overlap(a, b), (a["text"], b["text"])


# Each language's longest big date in the map's years: the longest month name, on a two-digit day.
LONGEST_DATES = [(HTML_LANG[lang], max((format_date_for(dt.date(1956, month, 28), lang) for month in range(1, 13)),
                                       key=len)) for lang in LANGS]

# The big date as shown, then each language's longest written into it: whether its text lies inside the screen and
# the header (nothing cut: "12 December 195" was), and its size.
DATE_WHOLE_JS = """(dates) => {
    const el = document.getElementById('date-big'), head = el.closest('.map-header');
    const shown = [el.textContent, el.getAttribute('lang')];
    const whole = () => {
        const range = document.createRange();
        range.selectNodeContents(el);
        const t = range.getBoundingClientRect(), h = head.getBoundingClientRect();
        return {text: el.textContent, size: parseFloat(getComputedStyle(el).fontSize), right: t.right,
                whole: t.width > 0 && t.left >= Math.max(0, h.left) - 0.5
                       && t.right <= Math.min(innerWidth, h.right) + 0.5 && head.scrollWidth <= head.clientWidth + 1};
    };
    const out = [whole()];
    for (const [lang, text] of dates) {
        el.setAttribute('lang', lang);
        el.textContent = text;
        out.push(whole());
    }
    el.textContent = shown[0];
    if (shown[1] === null) el.removeAttribute('lang'); else el.setAttribute('lang', shown[1]);
    return out;
}"""


def check_the_big_date_is_whole(page):
    """Present's big date whole on a phone, upright or sideways: the date shown and each language's longest (en,
    ja, ru, zh, zh-Hant), large (≥ 24 px)."""
    got = page.evaluate(DATE_WHOLE_JS, LONGEST_DATES)
    cut = [(d["text"], d["size"]) for d in got if not d["whole"] or d["size"] < 24]
    assert not cut, (page.viewport_size, cut)


def test_pres004_reduced_motion_stops_autoplay(page, live_server):
    page.emulate_media(reduced_motion="reduce")
    page.goto(live_server + "/?date=1905-01-01&view=present&play=1")
    wait_painted(page, "1905-01-01")
    expect(page.locator("#url-notice")).to_contain_text("reduced motion")   # autoplay has decided not to play
    settle(page)
    expect(page.locator("#date-big")).to_have_text(big_date("1905-01-01"))
    expect(page.locator("#play-pause")).to_contain_text("Play")
    expect(page.locator("#url-notice")).to_contain_text("reduced motion")
    # without the preference, play=1 plays
    page.emulate_media(reduced_motion="no-preference")
    page.goto(live_server + "/?date=1905-01-01&view=present&play=1")
    wait_painted(page, ":")
    expect(page.locator("#date-big")).not_to_have_text(big_date("1905-01-01"), timeout=5000)
    page.locator("#play-pause").click()  # pause


@pytest.mark.parametrize("lang", SHOT_LANGUAGES)
def test_pres005_screenshot_1280x720(page, live_server, steps, lang):
    page.set_viewport_size({"width": 1280, "height": 720})
    query = "?view=present&tour=key&step=8" + ("" if lang == "en" else f"&lang={lang}")
    open_present(page, live_server, query)
    wait_painted(page, steps[7].date.isoformat())
    page.locator("#present-caption .present-text").wait_for()
    wait_arranged(page)  # the map resized to its cell and arranged for it
    path = shot(page, f"present_{lang}_1280x720")
    assert path.stat().st_size > 20_000


def test_pres006_each_tour_step_shows_and_says_its_view(page, live_server, steps):
    """Stepping with the clicker from step 6 to the end and back: each step's map is in the step's point of view
    (the painted stamp, the point-of-view buttons) and the caption's first line names that view."""
    page.set_viewport_size({"width": 1280, "height": 720})
    open_present(page, live_server, "?view=present&tour=key&step=6")
    page.locator("body").click(position={"x": 5, "y": 5})
    check = """([stamp, pov, label]) => {
        const g = document.querySelector('#map .js-plotly-plot');
        const head = document.querySelector('#present-pov');
        const on = document.querySelector('#pov input:checked');
        if (!g || !(g.getAttribute('data-painted') || '').startsWith(stamp + ':') || !head) return false;
        return head.textContent === label && (!pov || (!!on && on.value === pov));
    }"""
    govs = {"de_facto": "De facto control", "japan": "Japan's view", "russia": "The USSR's view",
            "usa": "The USA's view"}

    def expect_step(s):
        event = s.mode == "event"
        stamp = "event:" + s.event if event else f"{s.date.isoformat()}:{s.pov}"
        label = "Treaty or proposal: what it provides" if event else govs[s.pov]
        page.wait_for_function(check, arg=[stamp, None if event else s.pov, label], timeout=30000)

    expect_step(steps[5])
    for s in steps[6:]:
        page.keyboard.press("PageDown")
        expect(page.locator("#present-step")).to_contain_text(f"Step {s.n} of", timeout=20000)
        expect_step(s)
    # the last step: what happened after 1956, four dated documents, all in the caption's box
    assert steps[-1].epilogue
    expect(page.locator("#present-caption [data-epilogue]")).to_have_count(4)
    page.wait_for_function("() => document.querySelector('.present-caption').getAttribute('data-overflow') === '0'"
                           " && document.querySelector('.present-caption').scrollHeight"
                           " <= document.querySelector('.present-caption').clientHeight + 1", timeout=20000)
    expect(page.locator("#present-caption")).to_contain_text("27 January 1960")
    expect(page.locator("#present-caption")).to_contain_text("14 November 2018")
    yalta = next(s for s in steps if s.event == "yalta_agreement_1945")
    for _ in range(len(steps) - yalta.n):
        page.keyboard.press("PageUp")
    expect(page.locator("#present-step")).to_contain_text(f"Step {yalta.n} of", timeout=20000)
    expect_step(yalta)


CONTRAST_JS = """() => {
    const rgb = s => s.match(/[\\d.]+/g).map(Number);
    const lin = x => { x /= 255; return x <= 0.03928 ? x / 12.92 : ((x + 0.055) / 1.055) ** 2.4; };
    const lum = c => { const v = c.slice(0, 3).map(lin); return 0.2126 * v[0] + 0.7152 * v[1] + 0.0722 * v[2]; };
    const bg = el => { for (let e = el; e; e = e.parentElement) { const c = rgb(getComputedStyle(e).backgroundColor);
                       if (c.length < 4 || c[3] > 0.99) return c; } return [255, 255, 255]; };
    return [...document.querySelectorAll('#pov label')].map(l => {
        const text = l.querySelector('.seg-long, .seg-short') || l;
        const shown = [...l.querySelectorAll('.seg-long, .seg-short')].find(e => e.offsetWidth) || text;
        const a = lum(rgb(getComputedStyle(shown).color)), b = lum(bg(shown));
        return [l.querySelector('input').value, !!l.querySelector('input:checked'),
                (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05)]; });
}"""


def test_pres007_the_selected_point_of_view_is_readable_after_a_click(page, live_server):
    """After a mouse click the selected view's words were Dash's purple on our navy (1.5:1): every point-of-view
    button, selected or not, keeps a contrast of at least 4.5:1, in the map view and in Present; Present's key is
    large enough for the back row."""
    page.set_viewport_size({"width": 1280, "height": 720})
    for query in ("?date=1952-04-28", "?view=present&tour=key&step=7"):
        page.goto(live_server + "/" + query)
        wait_painted(page, ":")
        for pov in ("japan", "usa", "russia", "de_facto"):
            page.locator(f"#pov input[value={pov}]").click()
            wait_painted(page, ":" + pov + ":")
            seen = page.evaluate(CONTRAST_JS)
            assert [p for p, on, _ in seen if on] == [pov], seen
            assert all(ratio >= 4.5 for _, _, ratio in seen), (query, pov, seen)
    # from the back row: Present's key rows at 1280×720 were 12 px; at least 14 px now (its fit may shrink by 0.8
    # only where the rows would not fit)
    px = page.wait_for_function("""() => { const r = document.querySelector('#present-legend .key-row span');
        return r && parseFloat(getComputedStyle(r).fontSize); }""", timeout=20000).json_value()
    assert px >= 14, px


# What the map shows: its longitude range, the view it was last arranged for (assets/map_paint.js arrange), whether
# its insets are shown (the inset subplots on screen, their locator rings and titles drawn) and its labels' boxes.
VIEW_JS = """() => {
    const gd = document.querySelector('#map .js-plotly-plot');
    const drawn = (uid) => [...gd.querySelectorAll('g.trace')].some((g) => g.__data__ && g.__data__[0]
        && g.__data__[0].trace.uid === uid && g.getBoundingClientRect().width > 0);
    const insets = [...gd.querySelectorAll('g.geo')].filter((g) => g.getAttribute('class') !== 'geo geo');
    return {lon: gd.layout.geo.lonaxis.range, arranged: gd.hasAttribute('data-rung') && gd._skArrangeKey
            ? JSON.parse(gd._skArrangeKey)[0] : null, insetsAttr: gd.getAttribute('data-insets'),
            insetGeos: insets.map((g) => g.getBoundingClientRect().width > 0),
            rings: drawn('locator-south_kurils'), titles: drawn('inset-titles')};
}"""


def wait_view(page, name: str) -> dict:
    """Until the map shows assets/constants.js GEO_VIEWS[name] and is arranged for it; what it shows then."""
    page.wait_for_function("(n) => { const gd = document.querySelector('#map .js-plotly-plot');"
                           " return gd && JSON.stringify(gd.layout.geo.lonaxis.range)"
                           " === JSON.stringify(window.skconst.GEO_VIEWS[n].lon) && gd.hasAttribute('data-rung')"
                           " && gd._skArrangeKey && JSON.parse(gd._skArrangeKey)[0] === n"
                           " && !document.querySelector('._dash-loading-callback'); }", arg=name, timeout=30000)
    return page.evaluate(VIEW_JS)


def zoomed_labels(page, minimum: float) -> dict:
    """The zoomed map's labels: Shikotan and the Habomai islets among them, none over another, all of a size."""
    labels = page.evaluate(LABEL_BOXES_JS)["labels"]
    named = {lab["id"]: lab for lab in labels if lab["uid"] == "labels"}
    assert {"island_shikotan", "island_habomai", "island_kunashir", "island_iturup"} <= set(named), named.keys()
    assert all(lab["uid"] == "labels" for lab in labels), labels   # no inset label or title drawn
    for i, a in enumerate(labels):
        assert a["size"] >= minimum, a
        for b in labels[i + 1:]:
            assert not labels_overlap(a, b), (a["text"], b["text"])
    return named


def test_tour001_the_1956_steps_zoom_on_the_southern_kurils_and_leaving_them_brings_the_map_back(
        page, live_server, steps):
    """A class at the back of the room sees Shikotan and the Habomai islets as specks on the whole map: the tour goes
    from the whole map (the 1956 signing) to the southern Kurils zoomed (in force, Japan's and the USSR's view), with
    Shikotan and Habomai named and no inset (it would magnify what is already large); a click on Shikotan opens
    Shikotan; the step's address opens it zoomed; the next step, or leaving Present, is the whole map with
    its insets again. On a phone the zoomed step is zoomed too, and the next step is not."""
    zoomed = [s for s in steps if s.view == "southern_kurils"]
    assert zoomed and steps[zoomed[0].n - 2].view is None
    page.set_viewport_size({"width": 1280, "height": 720})
    # the address names the step, and the step its view: the zoomed step's address opens zoomed
    open_present(page, live_server, f"?view=present&tour=key&step={zoomed[0].n}")
    assert wait_view(page, "southern_kurils")["insetsAttr"] == "off"
    page.locator("body").click(position={"x": 5, "y": 5})
    page.keyboard.press("PageUp")
    home = wait_view(page, "home")
    assert home["insetsAttr"] == "on" and all(home["insetGeos"]) and home["rings"] and home["titles"], home
    page.keyboard.press("PageDown")
    shown = wait_view(page, "southern_kurils")
    assert shown["insetsAttr"] == "off" and not any(shown["insetGeos"]) and not shown["rings"] \
        and not shown["titles"], shown
    zoomed_labels(page, 18)   # Present's type (the page's is 13–16 px), as on the whole map
    panel = "() => (document.getElementById('unit-panel-body') || {}).textContent || ''"
    assert "Shikotan" not in page.evaluate(panel)
    shikotan = page.evaluate(INSIDE_POINTS_JS, ["map", ["shikotan"]])["shikotan"]
    x, y = shikotan["points"][len(shikotan["points"]) // 2]
    page.mouse.click(x, y)
    page.wait_for_function(f"() => ({panel})().includes('Shikotan')", timeout=10000)
    page.wait_for_url(re.compile(rf"tour=key&step={zoomed[0].n}"))   # and the step back in the address
    for s in zoomed[1:]:   # the USSR's view on the same ground
        page.keyboard.press("PageDown")
        expect(page.locator("#present-step")).to_contain_text(f"Step {s.n} of", timeout=20000)
        assert wait_view(page, "southern_kurils")["insetsAttr"] == "off"
    page.keyboard.press("PageDown")   # the epilogue: the whole map, its insets back
    back = wait_view(page, "home")
    assert back["insetsAttr"] == "on" and all(back["insetGeos"]) and back["rings"] and back["titles"], back
    page.keyboard.press("PageUp")
    wait_view(page, "southern_kurils")
    page.keyboard.press("Escape")   # leaving Present on a zoomed step: the map's own view
    expect(page.locator("#page")).to_have_class(re.compile(r"view-map"))
    assert wait_view(page, "home")["insetsAttr"] == "on"
    # a phone: back to the tour's step, zoomed (its own rungs, a phone's type), and the next step is not
    page.set_viewport_size({"width": 390, "height": 844})
    wait_view(page, "phone")
    page.locator("#menu-button").click()   # a phone's app bar keeps Tour in its menu
    page.locator("#tour-start").click()
    expect(page.locator("#present-step")).to_contain_text(f"Step {zoomed[-1].n} of", timeout=20000)
    wait_view(page, "southern_kurils")
    zoomed_labels(page, 12)
    check_the_big_date_is_whole(page)
    page.locator("#next-event").click()   # the epilogue: the view of the phone's Present box (a wide one)
    assert wait_view(page, "home")["insetsAttr"] == "on"
