"""The Why tab: the document behind the colours — its title in every language, its dates, what it says (the
clause, quoted only where the wording was read), readable citations, and "Sources disagree: …"."""

from __future__ import annotations

from typing import Any

from dash import html

from app.i18n import format_date_for, gettext_for, localised, localised_span
from app.page.cite import cite_component, cite_dicts
from app.terms import date_label, kind_label, outcome_label


def _other_names(names: Any, lang: str) -> list:
    """The names of a four-language item in the languages other than `lang` (en/ja/ru), as spans."""
    spans: list = []
    for code in ("en", "ja", "ru"):
        text = getattr(names, code, None)
        if code == lang or not text:
            continue
        if spans:
            spans.append(" · ")
        spans.append(html.Span(text, lang=code))
    return spans


def quote_block(engine: Any, key: str) -> list:
    """A source's quotation (original, then English) — only where it is verbatim."""
    src = engine.timeline.sources.get(key)
    quote = getattr(src, "quote", None) if src is not None else None
    if quote is None or getattr(src, "verbatim", True) is False:
        return []
    out = [html.Blockquote(quote.original, lang=quote.lang)]
    if quote.lang != "en" and quote.en:
        out.append(html.Blockquote(quote.en, lang="en", className="translation"))
    return out


def event_disagreements(engine: Any, event_id: str, lang: str) -> list:
    finder = getattr(engine, "disagreements_for", None)
    if finder is None:
        return []
    from app.page.story import disagreements_list

    return disagreements_list(finder(event=event_id, lang=lang) or [], lang)


def clause_panel(engine: Any, event_id: str | None, lang: str = "en", shown_as_document: bool = True) -> list:
    """The event's panel; `shown_as_document` False in date mode, where the map shows what was in force, so an
    outcome never reads as "the map shows what would have been"."""
    t = gettext_for(lang)
    if not isinstance(event_id, str) or event_id not in engine.events:
        return [html.P(t("Choose a treaty, agreement or proposal to see what it provides."))]
    ev = engine.events[event_id]
    dates = t(", ").join(t("{what} {date}", what=date_label(k, lang), date=format_date_for(v, lang))
                         for k, v in ev.dates.items() if v)
    out: list = [html.H2(localised_span(ev.title, lang)),
                 html.P(_other_names(ev.title, lang), className="names-line"),
                 html.P(t("{kind} — {dates}", kind=kind_label(ev.kind, lang), dates=dates),
                        className="event-dates")]
    if ev.summary and ev.summary.en:
        out.append(html.P(localised_span(ev.summary, lang)))
    if ev.outcome is not None:
        became = ""
        if ev.outcome.became in engine.events:
            became = " → " + localised(engine.events[ev.outcome.became].title, lang)[0]
        out.append(html.P([t("Outcome: {status}", status=outcome_label(ev.outcome.status, lang)) + became + ". ",
                           html.Span(ev.outcome.note, lang="en") if ev.outcome.note else ""],
                          className="outcome"))
        if shown_as_document:
            out.append(html.P(t("The map shows what would have been, had it taken effect."), className="hint"))
    out += event_disagreements(engine, event_id, lang)
    if ev.clause is not None:
        out.append(html.H3(t("What it says")))
        quoted = quote_block(engine, ev.clause.source)
        out += quoted or [html.Blockquote(ev.clause.text, className="clause-text")]
        keys = [ev.clause.source]
    else:
        keys = list(ev.sources)
        for key in keys[:1]:
            out += quote_block(engine, key)
    out.append(html.H3(t("Sources")))
    out.append(html.Ul([html.Li(cite_component(c)) for c in cite_dicts(engine, keys, lang)], className="sources"))
    return out
