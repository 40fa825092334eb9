"""Help and the "?" dialog on first use: the page's layout carries only their empty holders; GET /fragment/<name>/<lang>
answers their content as escaped HTML, ETag'd, in every language; a bad name or language is a 404, never a trace."""

from __future__ import annotations

import json
from html.parser import HTMLParser

import plotly
import pytest
from dash import dcc, html
from flask import Flask

from app import ids
from app.data import load_engine
from app.help import help_content
from app.i18n import LANGUAGES
from app.layout import build_layout
from app.page.dialogs import SHORTCUTS, keys_content
from app.page.fragments import fragment_url, register_fragment_routes, to_html


@pytest.fixture(scope="module")
def engine():
    return load_engine()


@pytest.fixture(scope="module")
def client(engine):
    server = Flask(__name__)
    register_fragment_routes(server, {ids.HELP_FRAGMENT: lambda lang: help_content(engine, lang),
                                      ids.KEYS_FRAGMENT: keys_content})
    return server.test_client()


class Outline(HTMLParser):
    """What a browser would build from a fragment: the elements' ids and classes, and the text."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict]] = []
        self.ids: list[str] = []
        self.classes: list[str] = []
        self.text: list[str] = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        self.tags.append((tag, attrs))
        if attrs.get("id"):
            self.ids.append(attrs["id"])
        self.classes += (attrs.get("class") or "").split()

    def handle_data(self, data):
        self.text.append(data)


def outline(body: str) -> Outline:
    parsed = Outline()
    parsed.feed(body)
    return parsed


def test_lazy001_to_html_escapes_every_text_and_attribute():
    tree = html.Div([
        "<script>alert(1)</script> & co",
        html.Img(src='x" onerror="alert(1)', alt=""),
        html.Th("row", scope="row", hidden=True, n_clicks=3, style={"marginTop": "1px"}),
    ], id="a<b", className="c", tabIndex="0", **{"aria-label": "l&r", "data-key": "k"})
    written = to_html(tree)
    assert written.count("<") == 5 and "<script" not in written and 'onerror="' not in written
    page = outline(written)
    assert page.tags == [
        ("div", {"id": "a<b", "class": "c", "tabindex": "0", "aria-label": "l&r", "data-key": "k"}),
        ("img", {"src": 'x" onerror="alert(1)', "alt": ""}),
        ("th", {"hidden": None, "style": "margin-top: 1px", "scope": "row"})]
    assert "".join(page.text) == "<script>alert(1)</script> & corow"
    with pytest.raises(TypeError):  # a Dash-only component has no plain HTML: never dropped silently
        to_html(html.Div(dcc.Input(id="x")))


def test_lazy002_the_layout_carries_holders_not_the_content(engine):
    for lang in ("en", "zh-Hant"):
        layout = json.dumps(build_layout(engine, lang), cls=plotly.utils.PlotlyJSONEncoder)
        for holder_id, name in ((ids.HELP_BODY, ids.HELP_FRAGMENT), (ids.KEYS_BODY, ids.KEYS_FRAGMENT)):
            assert f'"id": "{holder_id}"' in layout
            assert json.dumps(fragment_url(name, lang)) in layout
        for only_in_fragments in ("bibliography", "help-table", "keys-list", "reading-list", "disagreements"):
            assert only_in_fragments not in layout, (lang, only_in_fragments)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_lazy003_help_fragment_in_every_language(client, engine, lang):
    response = client.get(fragment_url(ids.HELP_FRAGMENT, lang))
    assert response.status_code == 200 and response.mimetype == "text/html"
    assert response.headers["Cache-Control"] == "no-cache" and response.get_etag()[0]
    page = outline(response.get_data(as_text=True))
    assert sorted(i for i in page.ids if i.startswith("src-")) == sorted(f"src-{k}" for k in engine.timeline.sources)
    assert sorted(i for i in page.ids if i.startswith("dis-")) == sorted(
        f"dis-{k}" for k in engine.timeline.disagreements)
    assert page.classes.count("help-table") == 1
    text = "".join(page.text)
    assert "Coastlines: GSHHG 2.3.6" in text
    assert to_html(help_content(engine, lang)) == response.get_data(as_text=True)
    again = client.get(fragment_url(ids.HELP_FRAGMENT, lang), headers={"If-None-Match": response.headers["ETag"]})
    assert again.status_code == 304 and not again.data


@pytest.mark.parametrize("lang", ["en", "ja", "zh-Hant"])
def test_lazy004_keys_fragment_lists_every_shortcut(client, lang):
    response = client.get(fragment_url(ids.KEYS_FRAGMENT, lang))
    assert response.status_code == 200
    page = outline(response.get_data(as_text=True))
    text = "".join(page.text)
    for keys, _what in SHORTCUTS:
        assert keys in text
    assert page.classes.count("reading-row") >= 7 and "keys-list" in page.classes


@pytest.mark.parametrize("path", ["/fragment/help/xx", "/fragment/nope/en", "/fragment/help/EN",
                                  "/fragment/help/<script>"])
def test_lazy005_unknown_fragment_is_a_404(client, path):
    response = client.get(path)
    assert response.status_code == 404 and response.mimetype == "text/plain"
