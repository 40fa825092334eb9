"""Content that arrives on first use: Help and the "?" dialog as HTML fragments (GET /fragment/<name>/<lang>).

Help is ~1,300 Dash components (300 KB of JSON) that React would build on every opening; the "?" dialog another
~90 in every page load. They are built by the same functions as before (app/help.py, app/page/dialogs.py), written
once per process and language as HTML, and inserted by assets/lazy.js into their holder when first shown: one
string for the browser to parse, nothing for Dash to render, nothing in the initial layout. ETag'd: a later
opening in a new page is a 304.
"""

from __future__ import annotations

import hashlib
import re
import threading
from collections.abc import Callable
from html import escape
from typing import Any

from dash import html
from dash.development.base_component import Component
from flask import Response, request

from app.i18n import gettext_for, normalise_lang

FRAGMENT_PATH = "/fragment/{name}/{lang}"
LOADED, FAILED = "data-loaded", "data-failed"
# Dash's bookkeeping props: not HTML attributes
_NOT_ATTRIBUTES = {"children", "n_clicks", "n_clicks_timestamp", "disable_n_clicks", "key", "loading_state",
                   "setProps"}
_RENAMED = {"className": "class", "htmlFor": "for"}
_VOID = {"area", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}


def _attribute(prop: str) -> str:
    return _RENAMED.get(prop) or prop.lower()


_CAMEL = re.compile(r"(?<!^)([A-Z])")


def _style(style: dict) -> str:
    return "; ".join(_CAMEL.sub(lambda m: "-" + m.group(1), k).lower() + f": {v}" for k, v in style.items())


def to_html(node: Any) -> str:
    """A tree of dash.html components (and strings) as HTML, every text and attribute escaped. Anything else (a dcc
    component, a pattern-matching id) has no plain HTML and raises TypeError, so a fragment never drops content."""
    if node is None or node is False:
        return ""
    if isinstance(node, list | tuple):
        return "".join(to_html(child) for child in node)
    if isinstance(node, str | int | float):
        return escape(str(node), quote=False)
    if not isinstance(node, Component) or node._namespace != "dash_html_components":
        raise TypeError(f"{type(node).__name__} cannot be written as plain HTML")
    tag = node._type.lower()
    attrs = []
    for prop, value in node.to_plotly_json()["props"].items():
        if prop in _NOT_ATTRIBUTES or value is None or value is False:
            continue
        if isinstance(value, dict) and prop == "style":
            value = _style(value)
        elif not isinstance(value, str | int | float):
            raise TypeError(f"{tag}'s {prop} cannot be written as an HTML attribute: {value!r}")
        name = _attribute(prop)
        attrs.append(f" {name}" if value is True else f' {name}="{escape(str(value))}"')
    head = f"<{tag}{''.join(attrs)}>"
    if tag in _VOID:
        return head
    return f"{head}{to_html(getattr(node, 'children', None))}</{tag}>"


def fragment_url(name: str, lang: str) -> str:
    return FRAGMENT_PATH.format(name=name, lang=normalise_lang(lang))


def holder(id_: str, name: str, lang: str, **props: Any) -> html.Div:
    """The empty box a fragment lands in: assets/lazy.js fetches data-src when its view or dialog is first shown,
    says aria-busy meanwhile, sets data-loaded after, or shows data-failed-text if it cannot."""
    t = gettext_for(lang)
    return html.Div(id=id_, className="fragment", **{
        "data-src": fragment_url(name, lang),
        "data-failed-text": t("Cannot load this part of the page. Check the connection and open it again."),
        **props})


class Fragments:
    """Each fragment's HTML and ETag, built on first request per language and kept (a few hundred KB at most)."""

    def __init__(self, builders: dict[str, Callable[[str], Any]]) -> None:
        self.builders = builders
        self._built: dict[tuple[str, str], tuple[bytes, str]] = {}
        self._lock = threading.Lock()

    def get(self, name: str, lang: str) -> tuple[bytes, str]:
        key = (name, lang)
        if key not in self._built:
            body = to_html(self.builders[name](lang)).encode("utf-8")
            with self._lock:
                self._built.setdefault(key, (body, hashlib.sha256(body).hexdigest()[:32]))
        return self._built[key]


def register_fragment_routes(server: Any, builders: dict[str, Callable[[str], Any]]) -> Fragments:
    """GET /fragment/<name>/<lang>: `builders` maps each name to the function that lays its content out."""
    fragments = Fragments(builders)

    @server.route(FRAGMENT_PATH.format(name="<name>", lang="<lang>"), methods=["GET"])
    def fragment(name: str, lang: str):  # noqa: ANN202
        if name not in fragments.builders or normalise_lang(lang) != lang:
            return Response("no such fragment", status=404, mimetype="text/plain")
        body, tag = fragments.get(name, lang)
        response = Response(body, mimetype="text/html")
        response.set_etag(tag)
        response.headers["Cache-Control"] = "no-cache"  # revalidated: a 304 until the data or the words change
        return response.make_conditional(request)

    return fragments
