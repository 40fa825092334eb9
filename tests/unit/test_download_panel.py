"""The Download dialog's figure panel (app/page/download.py) speaks the page's language and exports in it by
default; its names conventions are the ones a figure takes."""

import pytest

from app import ids, mapstate
from app.i18n import gettext_for
from app.page import download as ui


def _texts(component) -> list[str]:
    out: list[str] = []

    def walk(c) -> None:
        if isinstance(c, str):
            out.append(c)
        elif isinstance(c, (list, tuple)):
            for x in c:
                walk(x)
        elif c is not None:
            walk(getattr(c, "children", None))
            for opt in getattr(c, "options", None) or []:
                out.append(opt["label"])
    walk(component)
    return out


def _component(panel, id_: str):
    """The component with this id in a layout tree."""
    found = []

    def walk(c) -> None:
        if isinstance(c, (list, tuple)):
            for x in c:
                walk(x)
        elif c is not None and not isinstance(c, str):
            if getattr(c, "id", None) == id_:
                found.append(c)
            walk(getattr(c, "children", None))
    walk(panel)
    return found[0]


def _value(panel, id_: str):
    return _component(panel, id_).value


def test_default_panel_is_english():
    panel = ui.export_panel()
    texts = _texts(panel)
    assert "Export figure (SVG, PDF, PNG)" in texts and "Download figure" in texts
    assert _value(panel, ids.EXPORT_LANG) == "en"


@pytest.mark.parametrize("lang", ["ja", "ru", "zh"])
def test_panel_in_the_page_language(lang):
    panel = ui.export_panel(lang)
    texts = _texts(panel)
    t = gettext_for(lang)
    for msgid in ("Export figure (SVG, PDF, PNG)", "Format", "Size", "Download figure", "PNG resolution",
                  "Place names on the map"):
        assert t(msgid) != msgid and t(msgid) in texts
    assert "Download figure" not in texts
    assert _value(panel, ids.EXPORT_LANG) == lang  # the figure's language defaults to the page's


def test_unknown_language_falls_back_to_english():
    assert _value(ui.export_panel("xx"), ids.EXPORT_LANG) == "en"


def test_the_figures_names_are_the_states():
    options = _component(ui.export_panel(), ids.EXPORT_NAMES).options
    assert tuple(o["value"] for o in options) == mapstate.FIGURE_NAMES
