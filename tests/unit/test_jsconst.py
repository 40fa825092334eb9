"""assets/constants.js is what app/jsconst.py writes from app/ids.py and app/mapstate.py (run `make constants` after
changing either), and the size classes it ships are the ones assets/map.css's media queries use."""

from __future__ import annotations

import re

from app import ASSETS_DIR, ids, jsconst, mapstate


def test_stat111_the_committed_constants_are_the_generated_ones():
    assert (ASSETS_DIR / "constants.js").read_text(encoding="utf-8") == jsconst.render(), \
        "assets/constants.js is stale: run `make constants` (python -m app.jsconst)"


def test_stat112_the_constants_carry_the_state_and_every_id():
    values = jsconst.constants()
    assert values["MAX_DAY"] == mapstate.MAX_DAY and values["EPOCH"] == mapstate.MIN_DATE.isoformat()
    assert values["ids"]["SLIDER"] == ids.SLIDER and values["DEFAULTS"]["date"] == "1945-09-05"
    assert list(values["KNOWN_KEYS"]) == list(mapstate.KNOWN_KEYS)
    text = jsconst.render()
    assert text.startswith("/*") and "window.skconst = Object.freeze(" in text


def test_stat113_the_size_classes_are_the_stylesheets():
    css = (ASSETS_DIR / "map.css").read_text(encoding="utf-8")
    widths = {int(w) for w in re.findall(r"max-width:\s*(\d+)px", css)}
    assert ids.PHONE_MAX_PX in widths and ids.DRAWER_MAX_PX in widths
    assert f"min-width: {ids.PHONE_MAX_PX + 1}px" in css
