"""Lines on the map (issues 11 and 12): a boundary or zone line is drawn only while it exists, or in Treaty mode
as what that document draws or proposes, and every drawn line is named where a person looks (the Key, the
compare caption). No faint "for context" line anywhere."""

from __future__ import annotations

import re

from playwright.sync_api import expect

from app import styles
from tests.browser.helpers import rgb, shot, wait_painted

LATER_LINES = ("line_kushiro_rumoi", "line_macarthur", "line_bulganin")  # 1945, 1946 and 1956

# What a person sees of each line trace of a graph: drawn or not (display, opacity, stroke, a non-empty box)
# and its colour.
SEEN_LINES_JS = """
(graph) => {
  const out = {};
  document.querySelectorAll(graph + ' g.trace.scattergeo').forEach((g) => {
    const uid = g.__data__ && g.__data__[0] && g.__data__[0].trace.uid;
    if (!uid || !uid.startsWith('line-')) return;
    const p = g.querySelector('path.js-line');
    if (!p) { out[uid.slice(5)] = {drawn: false}; return; }
    const cs = getComputedStyle(p), box = p.getBoundingClientRect();
    const drawn = cs.display !== 'none' && cs.visibility !== 'hidden' && parseFloat(cs.strokeOpacity) > 0
                  && parseFloat(cs.opacity) > 0 && cs.stroke !== 'none' && box.width + box.height > 20;
    out[uid.slice(5)] = {drawn: drawn, stroke: cs.stroke, dash: cs.strokeDasharray};
  });
  return out;
}
"""


def seen_lines(page, graph: str = "#map") -> dict:
    return page.evaluate(SEEN_LINES_JS, graph)


def key_texts(page) -> list[str]:
    page.locator("#details-tab-key").click()
    rows = page.locator("#key-in-use .key-row")
    expect(rows.first).to_be_visible()
    return [t.strip() for t in rows.all_inner_texts()]


def test_line001_a_line_is_drawn_only_while_it_exists_and_is_named(page, live_server):
    page.set_viewport_size({"width": 1280, "height": 720})
    page.goto(live_server + "/?date=1905-12-31&lang=en")
    wait_painted(page, "1905-12-31:de_facto")
    lines = seen_lines(page)
    assert set(LATER_LINES) <= set(lines), lines
    assert not any(lines[x]["drawn"] for x in (*LATER_LINES, "line_1855")), lines
    assert lines["line_50n"]["drawn"] and lines["line_50n"]["stroke"] == rgb(styles.LINE_ACTIVE), lines
    texts = key_texts(page)
    assert "50th parallel boundary (1905–1945): in force." in texts, texts
    assert not [t for t in texts if re.search("MacArthur|Bulganin|Kushiro", t)], texts

    page.goto(live_server + "/?date=1950-01-01&lang=en")
    wait_painted(page, "1950-01-01:de_facto")
    lines = seen_lines(page)
    assert lines["line_macarthur"]["drawn"] and lines["line_macarthur"]["stroke"] == rgb(styles.LINE_ACTIVE), lines
    assert not any(lines[x]["drawn"] for x in ("line_50n", "line_bulganin", "line_kushiro_rumoi")), lines
    texts = key_texts(page)
    assert "MacArthur Line (SCAPIN-1033), 1946–1952: in force." in texts, texts
    assert not [t for t in texts if re.search("50th parallel|Bulganin|Kushiro", t)], texts
    shot(page, "line001_macarthur_1950")

    # the help's table of encodings no longer promises a faint context line
    page.goto(live_server + "/?view=help&lang=en")
    lines_rows = page.locator("#help-body .help-table tr[data-key^=line]")
    expect(lines_rows).to_have_count(2, timeout=60000)
    expect(lines_rows.first).to_contain_text("A line is drawn only while it exists")
    expect(page.locator("#help-body")).not_to_contain_text("for context")
    expect(page.locator("#help-body")).not_to_contain_text("grey line")


def test_line002_compare_draws_each_side_s_lines_and_names_them(page, live_server):
    page.set_viewport_size({"width": 1280, "height": 720})
    page.goto(live_server + "/?date=1905-12-31&view=compare&date2=1950-01-01&lang=ja")
    page.wait_for_function(
        """() => ['compare-a', 'compare-b'].every((id, i) => {
             const g = document.querySelector('#' + id + ' .js-plotly-plot');
             return g && (g.getAttribute('data-painted') || '').startsWith(['1905-12-31', '1950-01-01'][i])
                    && !!g.querySelector('path.choroplethlocation[data-loc]'); })""", timeout=30000)
    a, b = seen_lines(page, "#compare-a"), seen_lines(page, "#compare-b")
    assert not any(a[x]["drawn"] for x in LATER_LINES) and a["line_50n"]["drawn"], a
    assert b["line_macarthur"]["drawn"] and not b["line_50n"]["drawn"] and not b["line_bulganin"]["drawn"], b
    expect(page.locator("#compare-b-lines")).to_be_visible()
    expect(page.locator("#compare-b-lines [data-line]")).to_have_text("マッカーサー・ライン（1946–1952年）：有効。")
    expect(page.locator("#compare-a-lines [data-line]")).to_have_text("北緯50度線の国境（1905–1945年）：有効。")
    shot(page, "line002_compare_ja")


def test_line003_treaty_mode_draws_only_the_document_s_lines(page, live_server):
    page.set_viewport_size({"width": 1280, "height": 720})
    page.goto(live_server + "/?mode=event&event=scapin_1033_1946&lang=en")
    wait_painted(page, "event:scapin_1033_1946")
    lines = seen_lines(page)
    assert lines["line_macarthur"]["drawn"], lines
    assert not any(v["drawn"] for k, v in lines.items() if k != "line_macarthur"), lines
    assert "MacArthur Line (SCAPIN-1033), 1946–1952: drawn by the document." in key_texts(page)

    page.goto(live_server + "/?mode=event&event=yalta_agreement_1945&lang=en")
    wait_painted(page, "event:yalta_agreement_1945")
    assert not any(v["drawn"] for v in seen_lines(page).values())
    key_texts(page)
    expect(page.locator("#key-in-use .key-row[data-line]")).to_have_count(0)
