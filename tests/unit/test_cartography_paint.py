"""The paint table of app/cartography: what a document provides is drawn in the key's symbols."""

from __future__ import annotations

import pytest

from app import styles
from app.cartography.paint_table import build_table, event_paint_values
from app.layout import load_layers_fc


@pytest.fixture(scope="module")
def engine():
    from app.data import load_engine

    return load_engine()


@pytest.fixture(scope="module")
def built(engine):
    return build_table(engine, load_layers_fc())


def _event_key(built, event_id: str, loc: str) -> str:
    table = built["table"]
    return table["keys"][built["events"]["keys"][event_id][table["locations"].index(loc)]]["key"]


def test_yalta_promises_are_dashed_outlines_not_sovereignty_fill(built):
    for unit in ("sakhalin_south", "iturup", "kunashir"):
        key = _event_key(built, "yalta_agreement_1945", unit)
        holder, mode, _claims, promised, proposed = key[2:].split("|")
        assert (holder, mode, promised) == ("none", "none", "russia"), key
        style = styles.territory_style(styles.TerritoryPaint(holder, mode, (), promised or None, proposed or None))
        assert style["fill"] == styles.GROUP_COLOURS["none"] and style["dash"], style


def test_no_promise_or_proposal_is_ever_drawn_as_a_fill(engine, built):
    """Every event, every territory: a document that only promises, proposes or claims leaves the fill neutral."""
    table = built["table"]
    checked = 0
    for event_id, keys in built["events"]["keys"].items():
        rows = event_paint_values(engine, event_id)
        for i, loc in enumerate(table["locations"]):
            if loc not in engine.feature_ids:
                continue
            unit = engine.unit_of.get(loc, "")
            mine = rows.get(unit, []) + (rows.get(loc, []) if loc not in engine.units else [])
            if not mine or any(r["role"] not in ("promised", "proposed", "claim") for r in mine):
                continue
            key = table["keys"][keys[i]]["key"]
            assert key.startswith("T|none|none|"), (event_id, loc, key)
            checked += 1
    assert checked >= 10


def test_a_cession_still_fills(built):
    """Portsmouth cedes South Sakhalin to Japan: that is what the document does, so it fills."""
    assert _event_key(built, "portsmouth_1905", "sakhalin_south").startswith("T|japan|sovereignty|")


def test_hover_of_a_promise_says_promised_not_no_position():
    text = styles.describe_territory(styles.TerritoryPaint("none", "none", (), "russia"), "en")
    assert text.startswith("Promised to") and "No stated position" not in text


def _contrast(a: str, b: str) -> float:
    def lum(h: str) -> float:
        c = [int(h[i:i + 2], 16) / 255 for i in (1, 3, 5)]
        c = [x / 12.92 if x <= 0.03928 else ((x + 0.055) / 1.055) ** 2.4 for x in c]
        return 0.2126 * c[0] + 0.7152 * c[1] + 0.0722 * c[2]
    hi, lo = sorted((lum(a), lum(b)), reverse=True)
    return (hi + 0.05) / (lo + 0.05)


def test_no_stated_position_never_vanishes_into_the_sea_or_the_land(built):
    """Treaty mode's "no stated position" (the Kurils under Portsmouth) was near-white (#F2EFE8) with a white
    outline on a white sea: the islands disappeared from a projector. Its fill now stands off the sea and the land
    around, and its outline off both."""
    table = built["table"]
    keys = {table["keys"][k]["key"] for k in built["events"]["keys"]["portsmouth_1905"]}
    assert "T|none|none|||" in keys, keys
    style = styles.territory_style(styles.TerritoryPaint("none", "none"))
    assert _contrast(style["fill"], styles.SEA) >= 1.5 and _contrast(style["fill"], styles.CONTEXT_LAND) >= 1.3
    assert _contrast(style["stroke"], styles.SEA) >= 4.5 and _contrast(style["stroke"], style["fill"]) >= 2.5
    assert style["fill"] != styles.GROUP_COLOURS["undetermined"]
