"""Browser tests of the interface languages (app/i18n.py): the switch, deep links, locale dates, CJK glyphs."""  # noqa: E501

from __future__ import annotations

import datetime as dt
import re

import pytest
from playwright.sync_api import expect

from app.data import load_engine
from app.i18n import HTML_LANG, format_date_for, translate
from app.pov_label import pov_label
from tests.browser.helpers import shot, wait_painted

TITLE = "Sakhalin and the Kurils, 1905–1956"


def norm(text: str) -> str:
    """Dates from ICU (browser) and CLDR (Babel) may differ in the kind of space: compare words."""
    return re.sub(r"[\s\u00a0\u202f]+", " ", text).strip()


def open_page(page, live_server, query: str = "") -> None:
    page.goto(live_server + "/" + query)
    wait_painted(page, ":")


@pytest.mark.parametrize("lang", ["ja", "ru", "zh", "zh-Hant"])
def test_i18n001_deep_link_renders_the_language(page, live_server, lang):
    open_page(page, live_server, f"?date=1951-09-08&lang={lang}")
    expect(page.locator("h1")).to_have_text(translate(TITLE, lang))
    assert page.evaluate("() => document.documentElement.lang") == HTML_LANG[lang]
    expect(page.locator("#legend h2")).to_have_text(translate("Legend", lang))
    expect(page.locator("#map-caption")).to_contain_text(translate("De facto control", lang))
    expect(page.get_by_role("button", name=translate("Next change", lang))).to_be_visible()
    expect(page.locator(f"#ui-lang input[value={lang}]")).to_be_checked()
    # the URL keeps the language when the page rewrites it
    page.wait_for_function("() => location.search.includes('date=1951-09-08')")
    assert f"lang={lang}" in page.url


def test_i18n002_switching_language_changes_text_and_url(page, live_server):
    open_page(page, live_server, "?date=1951-09-08&pov=russia")
    expect(page.locator("h1")).to_have_text(TITLE)
    assert page.evaluate("() => document.documentElement.lang") == "en"
    page.locator(".lang-menu summary").click()
    page.locator("#ui-lang label", has_text="Русский").click()
    page.wait_for_url(re.compile(r"lang=ru"))
    wait_painted(page, ":")
    expect(page.locator("h1")).to_have_text("Сахалин и Курильские острова, 1905–1956")
    assert "date=1951-09-08" in page.url and "pov=russia" in page.url  # the state survives the switch  # noqa: E501
    expect(page.locator("#pov input[value=russia]")).to_be_checked()
    # the point of view names the government of the date shown (1951: the USSR)
    expect(page.locator("#pov [data-pov=russia] .seg-long")).to_contain_text("СССР")
    assert page.evaluate("() => document.documentElement.lang") == "ru"
    page.locator(".lang-menu summary").click()
    page.locator("#ui-lang label", has_text="English").click()
    page.wait_for_function("() => !location.search.includes('lang=')")
    expect(page.locator("h1")).to_have_text(TITLE)


@pytest.mark.parametrize("lang", ["en", "ja", "ru", "zh", "zh-Hant"])
def test_i18n003_dates_are_written_per_locale(page, live_server, lang):
    query = "?date=1951-09-08" + ("" if lang == "en" else f"&lang={lang}")
    open_page(page, live_server, query)
    big = page.locator("#date-big").inner_text()
    # Babel's long date in every language, English included (8 September 1951), never the ISO form
    assert norm(big) == norm(format_date_for(dt.date(1951, 9, 8), lang)) and "1951-09-08" not in big, big
    assert not re.search(r"\d{4}-\d{2}-\d{2}", page.locator("#event-in-force").inner_text())
    # the territory panel writes its dates with Babel's locale formats
    page.locator("#details-tab-place").click()
    page.locator("#unit-buttons button").first.click()
    panel = page.locator("#unit-panel .unit-summary")
    expect(panel).to_be_visible()
    assert norm(format_date_for(dt.date(1951, 9, 8), lang)) in norm(panel.inner_text())


PLATFORM_FONTS_JS = "CSS.getPlatformFontsForNode"


def platform_fonts(page, selector: str) -> list[dict]:
    """The fonts Chromium actually drew a node's text with (CDP), e.g. [{familyName, glyphCount}]."""  # noqa: E501
    cdp = page.context.new_cdp_session(page)
    cdp.send("DOM.enable")
    cdp.send("CSS.enable")
    root = cdp.send("DOM.getDocument", {"depth": -1})["root"]["nodeId"]
    node = cdp.send("DOM.querySelector", {"nodeId": root, "selector": selector})["nodeId"]
    fonts = cdp.send(PLATFORM_FONTS_JS, {"nodeId": node})["fonts"]
    cdp.detach()
    return fonts


@pytest.mark.parametrize("lang", ["ja", "zh", "zh-Hant", "ru"])
def test_i18n004_text_is_drawn_with_real_glyphs(page, live_server, lang):
    """No missing-glyph boxes: every glyph of the title and the legend comes from an installed
    Noto / DejaVu font (fonts-noto-cjk, fonts-noto-core), none from a last-resort font."""
    open_page(page, live_server, f"?lang={lang}")
    page.locator("#details-tab-key").click()
    page.locator(".legend-all summary").click()
    for selector in ("h1", "#legend h2", "#legend .legend-row span"):
        fonts = platform_fonts(page, selector)
        names = [f["familyName"] for f in fonts]
        assert fonts and all(f["glyphCount"] > 0 for f in fonts), (selector, fonts)
        assert not any(re.search(r"LastResort|Tofu|Unifont", n, re.I) for n in names), names
        if lang in ("ja", "zh", "zh-Hant"):
            assert any("CJK" in n for n in names), (selector, names)


def test_i18n005_event_mode_and_hover_text_in_chinese(page, live_server):
    open_page(page, live_server, "?mode=event&event=san_francisco_treaty_1951&lang=zh")
    expect(page.locator("#map-caption")).to_contain_text("条约或提案")
    expect(page.locator("#clause-panel h2")).to_have_text("旧金山对日和约")  # the title in the data (zh)  # noqa: E501
    hover = page.evaluate("() => window.skmap.lastRequest().table.keys.map(k => k.text).join('|')")
    assert "主权" in hover
    text = page.locator("#event-in-force").inner_text()
    assert text.startswith("正在显示其规定")


def test_i18n006_invalid_lang_falls_back_to_english_with_a_notice(page, live_server):
    open_page(page, live_server, "?lang=klingon")
    expect(page.locator("h1")).to_have_text(TITLE)
    expect(page.locator("#url-notice")).to_contain_text("klingon")


@pytest.mark.parametrize("lang", ["ja", "ru"])
def test_i18n007_screenshots_1280x720(page, live_server, lang):
    """On a classroom projector the translated page fits the screen: its title in the language, no scrolling,
    and the map keeps a large part of the screen (longer words must not squeeze it)."""
    page.set_viewport_size({"width": 1280, "height": 720})
    open_page(page, live_server, f"?date=1945-09-05&lang={lang}")
    expect(page.locator("h1")).to_have_text(translate(TITLE, lang))
    fit = page.evaluate("""() => {
        const doc = document.scrollingElement, map = document.querySelector('#map').getBoundingClientRect();
        return {overX: doc.scrollWidth - innerWidth, overY: doc.scrollHeight - innerHeight,
                mapShare: (map.width * map.height) / (innerWidth * innerHeight)};
    }""")
    assert fit["overX"] <= 0 and fit["overY"] <= 0, fit
    assert fit["mapShare"] > 0.3, fit
    shot(page, f"i18n_{lang}_1280x720")


def test_i18n008_presentation_tour_in_japanese(page, live_server):
    """?view=present&tour=key&step=3&lang=ja: a Japanese narration and Japanese step text."""
    from app import narration

    page.set_viewport_size({"width": 1280, "height": 720})
    open_page(page, live_server, "?view=present&tour=key&step=3&lang=ja")
    event = narration.TOURS["key"][2][0]
    expect(page.locator("#present-caption .present-text")).to_have_text(narration.narration_text(event, "ja"))
    expect(page.locator("#present-step")).to_have_text(
        translate("Step {n} of {total} · {tour}", "ja", n=3, total=len(narration.TOURS["key"]),
                  tour=translate("Key events, 1905–1956", "ja")))
    expect(page.locator("#present-step")).to_contain_text("ステップ 3")
    expect(page.locator("#present-caption .present-src-label")).to_have_text("出典：")
    shot(page, "i18n_present_ja_1280x720")


def test_i18n009_presentation_screenshot_in_russian(page, live_server):
    from app import narration

    page.set_viewport_size({"width": 1280, "height": 720})
    open_page(page, live_server, "?view=present&tour=key&step=8&lang=ru")
    expect(page.locator("#present-caption .present-text")).to_have_text(
        narration.narration_text(narration.TOURS["key"][7][0], "ru"))
    expect(page.locator("#present-step")).to_contain_text("Шаг 8 из")
    shot(page, "i18n_present_ru_1280x720")


def test_i18n010_table_headers_follow_the_language(page, live_server):
    open_page(page, live_server, "?date=1923-06-01&pov=russia&lang=ru")
    heads = page.locator("#table-body thead th")
    expect(heads.first).to_have_text("Место")
    sovereign = translate("Sovereign in {pov}", "ru", pov=translate("Russia's / the USSR's view", "ru"))
    expect(heads).to_contain_text(["Место", "Контроль на месте (фактический)", sovereign,
                                   "Притязания", "Другие роли", "Источники"])
    expect(page.locator("#table-body caption")).to_contain_text("Карта на 1 июня 1923")


def test_i18n011_url_notices_in_the_interface_language(page, live_server):
    open_page(page, live_server, "?date=1800-01-01&lang=ja")
    expect(page.locator("#url-notice")).to_contain_text("1800-01-01は1905年1月1日～1956年12月31日の範囲外です")


@pytest.mark.parametrize(("lang", "before", "after"), [
    ("en", "Soviet Russia's view", "The USSR's view"),
    ("ja", "ソビエト・ロシアの見解", "ソ連の見解"),
])
def test_i18n012_point_of_view_names_the_government_of_the_day(page, live_server, lang, before, after):
    """The header's Russia's / the USSR's view says Soviet Russia on 29 Dec 1922 and the USSR from 30 Dec 1922."""
    suffix = "&pov=russia" + ("" if lang == "en" else f"&lang={lang}")
    label = page.locator("#pov [data-pov=russia] .seg-long")
    open_page(page, live_server, "?date=1922-12-29" + suffix)
    expect(label).to_have_text(before)
    page.locator("#date-input").fill("1922-12-30")
    page.locator("#date-input").press("Enter")
    wait_painted(page, "1922-12-30")
    expect(label).to_have_text(after)


@pytest.fixture(scope="module")
def engine():
    return load_engine()


@pytest.mark.parametrize("lang", ["en", "ja", "ru", "zh", "zh-Hant"])
def test_i18n013_point_of_view_buttons_are_not_cut_on_a_phone(page, live_server, engine, lang):
    """At 390 px the point-of-view control shows the government of the day whole (ja 1921 was cut mid-word): four
    governments, reached by typing each day in the date box as a reader would."""
    page.set_viewport_size({"width": 390, "height": 844})
    open_page(page, live_server, f"?date=1905-12-31&pov=russia&lang={lang}")
    for date in ["1905-12-31", "1917-06-01", "1921-06-01", "1956-12-31"]:
        box = page.locator("#date-input")
        box.fill(date)
        box.press("Enter")
        wait_painted(page, date)
        expect(page.locator("#pov [data-pov=russia] .seg-long")).to_have_text(
            pov_label(engine, "russia", dt.date.fromisoformat(date), lang))
        cut = page.evaluate("""() => [...document.querySelectorAll('#pov [data-pov]')].filter(b => b.offsetParent)
            .map(b => { const box = (b.closest('label, button') || b.parentElement).getBoundingClientRect();
                        const r = document.createRange(); r.selectNodeContents(b);
                        const text = [...r.getClientRects()].filter(q => q.width > 0);
                        const out = text.some(q => q.left < box.left - 0.5 || q.right > box.right + 0.5);
                        return [b.innerText.trim(), out]; })
            .filter(([, outside]) => outside)""")
        assert cut == [], (date, cut)
