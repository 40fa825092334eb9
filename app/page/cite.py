"""Readable citations on the page: the short form, the full reference (and its link) on demand; never a key.

Uses `app.citations` (the history engineer's, INTERFACES.md); until it lands, the source's own citation text.
"""

from __future__ import annotations

from typing import Any

from dash import html


def cite_dicts(engine: Any, keys: list[str], lang: str = "en") -> list[dict]:
    """[{short, full, url}] of source keys, de-duplicated, in a stable reading order."""
    try:
        from app.citations import cite_many
    except ImportError:
        out, seen = [], set()
        for key in keys:
            src = engine.timeline.sources.get(key)
            if src is None or key in seen:
                continue
            seen.add(key)
            text = src.citation + (f", {src.locator}" if src.locator and src.locator not in src.citation else "")
            out.append({"short": text, "full": text, "url": None})
        return out
    return [{"short": c.short, "full": c.full, "url": c.url} for c in cite_many(engine, list(keys), lang)]


def cite_component(c: dict) -> html.Details:
    """One citation: its short form; opened, the full reference and its stable link."""
    full: list = [html.Span(c["full"], className="cite-full")]
    if c.get("url") and str(c["url"]).startswith(("http://", "https://")):
        full += [" ", html.A(c["url"], href=c["url"], target="_blank", rel="noopener")]
    return html.Details([html.Summary(c["short"]), *full], className="cite")


def cite_list(engine: Any, keys: list[str], lang: str = "en", class_name: str = "sources") -> html.Ul:
    return html.Ul([html.Li(cite_component(c)) for c in cite_dicts(engine, keys, lang)], className=class_name)
