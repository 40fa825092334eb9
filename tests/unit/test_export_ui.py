"""The export panel speaks the page's language and exports in it by default."""

import pytest

from app.export import ui
from app.i18n import gettext_for


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


def _value(panel, id_: str):
    found = []

    def walk(c) -> None:
        if isinstance(c, (list, tuple)):
            for x in c:
                walk(x)
        elif c is not None and not isinstance(c, str):
            if getattr(c, "id", None) == id_:
                found.append(c.value)
            walk(getattr(c, "children", None))
    walk(panel)
    return found[0]


def test_default_panel_is_english():
    panel = ui.export_panel()
    texts = _texts(panel)
    assert "Export figure (SVG, PDF, PNG)" in texts and "Download figure" in texts
    assert _value(panel, ui.LANG) == "en"


@pytest.mark.parametrize("lang", ["ja", "ru", "zh"])
def test_panel_in_the_page_language(lang):
    panel = ui.export_panel(lang)
    texts = _texts(panel)
    t = gettext_for(lang)
    for msgid in ("Export figure (SVG, PDF, PNG)", "Format", "Size", "Download figure", "PNG resolution",
                  "Place names on the map"):
        assert t(msgid) != msgid and t(msgid) in texts
    assert "Download figure" not in texts
    assert _value(panel, ui.LANG) == lang  # the figure's language defaults to the page's


def test_unknown_language_falls_back_to_english():
    assert _value(ui.export_panel("xx"), ui.LANG) == "en"


def test_export_language_defaults_to_the_page_language():
    args = ui.args_from("?date=1951-09-08&lang=ru", "svg", "double", None, None, "300", None, "both", [])
    assert args["lang"] == "ru" and "date" in args
    assert ui.page_lang("?lang=zh") == "zh" and ui.page_lang("?lang=<x>") == "en" and ui.page_lang(None) == "en"


def test_a_compare_page_exports_two_panels():
    args = ui.args_from("?date=1952-04-28&pov=japan&view=compare&pov2=usa&date2=1952-04-28&tour=key", "pdf",
                        "double", None, None, "300", "en", "local", [])
    assert args["view"] == "compare" and args["pov2"] == "usa" and "tour" not in args
    assert ui.args_from("?view=present", "pdf", "double", None, None, "300", "en", "local", []).get("view") is None
