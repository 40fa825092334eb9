"""What is drawn inside the map graphs, checked on the screen's pixels: compare patterns, treaty symbols,
the inset, proxies and labels."""

from __future__ import annotations

import pytest

from tests.browser.carto_helpers import INSIDE_POINTS_JS, parse_rgb, screen, share_of_colour


def wait_graph_painted(page, graph: str, stamp: str) -> None:
    page.wait_for_function(
        """([id, s]) => { const g = document.querySelector('#' + id + ' .js-plotly-plot');
             return g && (g.getAttribute('data-painted') || '').startsWith(s)
                    && !!g.querySelector('path.choroplethlocation[data-loc]'); }""",
        arg=[graph, stamp], timeout=20000)


@pytest.mark.parametrize("side,stamp", [("compare-a", "1945-09-05:de_facto"), ("compare-b", "1946-01-01:de_facto")])
def test_cart001_compare_draws_dotted_striped_and_hatched_territories_filled(page, live_server, side, stamp):
    """Both compare graphs show their patterned territories in the pattern's colour (no shared pattern ids
    resolving into the hidden main map, which drew them empty)."""
    page.set_viewport_size({"width": 1440, "height": 900})
    page.goto(live_server + "/?date=1945-09-05&view=compare&date2=1946-01-01")
    wait_graph_painted(page, side, stamp)
    page.locator("#" + side).scroll_into_view_if_needed()
    page.wait_for_timeout(300)
    shown = page.evaluate(INSIDE_POINTS_JS, [side, None])
    img = screen(page)
    checked = 0
    for loc, item in shown.items():
        if not item["patterned"] or min(item["w"], item["h"]) < 24 or len(item["points"]) < 40:
            continue
        # a tile is the base colour with dots, rules or stripes on it: a quarter of it at least is the base
        share = share_of_colour(img, item["points"], parse_rgb(item["base"])) if item["base"] else 0.0
        assert share >= 0.25, (loc, item["key"], share)
        assert item["resolved"], (loc, "its pattern is not in the graph's own SVG")
        checked += 1
    assert checked >= 1, shown.keys()


def test_cart002_treaty_mode_draws_a_promise_as_a_dashed_outline_on_a_neutral_fill(page, live_server):
    """Yalta promised South Sakhalin and the Kurils to the USSR: the map shows the key's dashed outline in the
    USSR's colour around an unfilled island, not the solid fill the key keeps for sovereignty."""
    from app import styles
    from tests.browser.helpers import rgb

    page.set_viewport_size({"width": 1440, "height": 900})
    page.goto(live_server + "/?mode=event&event=yalta_agreement_1945")
    wait_graph_painted(page, "map", "event:yalta_agreement_1945")
    page.locator("#map").scroll_into_view_if_needed()
    page.wait_for_timeout(300)
    shown = page.evaluate(INSIDE_POINTS_JS, ["map", ["sakhalin_south"]])["sakhalin_south"]
    style = page.evaluate("""() => { const p = document.querySelector('#map path[data-loc=sakhalin_south]');
                                     const s = getComputedStyle(p);
                                     return {stroke: s.stroke, dash: s.strokeDasharray}; }""")
    assert style["stroke"] == rgb(styles.GROUP_COLOURS["russia"]) and style["dash"] not in ("", "none"), style
    img = screen(page)
    assert share_of_colour(img, shown["points"], parse_rgb(rgb(styles.GROUP_COLOURS["none"])), tol=12) >= 0.6
    assert share_of_colour(img, shown["points"], parse_rgb(rgb(styles.GROUP_COLOURS["russia"])), tol=30) <= 0.1
