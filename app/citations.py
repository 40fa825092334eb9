"""Readable citations of the timeline's sources, in the interface language.

Every surface (page, figures, downloads) shows a source by its `short` citation with the `full`
one on demand, never by its internal key. A quotation is offered only where the wording was read
in the document (`verbatim: true`).

    c = cite(engine, "portsmouth_1905_art9", lang="ja")
    c.short   # "ポーツマス条約（1905年）、第9条第1項" (en: "Treaty of Portsmouth (1905), Art. IX, para. 1")
    c.full    # "Japan and Russia, 「Treaty of Peace …」, 1905年9月5日, 第9条第1項. … https://…"

The short citation and the locator are our words, in the reader's language (app/source_words.py); the author,
title and publication are bibliographic data, as published.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import asdict, dataclass
from typing import Any

from app.i18n import BABEL_LOCALE, _, gettext_for, normalise_lang
from app.source_words import joined, words

# The reading order of sources everywhere (Help, captions, handouts): primary texts, scholarship, the seed
# documents, then web pages (additional references only, never a row's sole support).
TIER_ORDER = {"primary": 0, "scholarship": 1, "seed": 2, "web": 3}
TIER_LABELS = {"primary": _("Primary source"), "scholarship": _("Scholarship or reference work"),
               "seed": _("Seed document"), "web": _("Web page (additional reference)")}
_FRUS_DOC_RE = re.compile(r"^d(\d+)$")
_LINES_RE = re.compile(r"^L(\d+)(?:\s*[–-]\s*(\d+))?$")


@dataclass(frozen=True)
class Citation:
    key: str                      # internal key: never shown to a reader
    short: str
    full: str
    url: str | None
    quote: dict[str, str] | None  # {"lang", "original", "en"} only when verbatim
    tier: str

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


def format_reference_date(value: str | None, lang: str) -> str:
    """A reference date (YYYY, YYYY-MM, YYYY-MM-DD, an ISO interval YYYY-MM-DD/YYYY-MM-DD, or "n.d.") as the
    language writes it."""
    if not value:
        return ""
    from babel.dates import format_date, format_interval, format_skeleton

    locale = BABEL_LOCALE[normalise_lang(lang)]
    if value == "n.d.":
        return gettext_for(lang)("n.d.")
    if "/" in value:
        first, last = (dt.date.fromisoformat(v) for v in value.split("/"))
        return format_interval(first, last, "yMMMMd", locale=locale)
    parts = [int(x) for x in value.split("-")]
    if len(parts) == 3:
        return format_date(dt.date(*parts), format="long", locale=locale)
    if len(parts) == 2:
        return format_skeleton("yMMMM", dt.date(parts[0], parts[1], 1), locale=locale)
    return value


def full_citation(author: str, title: str, date: str | None, locator: str, publication: str, url: str,
                  lang: str) -> str:
    """Author, “title”, date, locator. Publication. URL — the one shape of a full reference everywhere."""
    head = _join([author, gettext_for(lang)("“{title}”", title=title), format_reference_date(date, lang), locator])
    return _join([_sentence(head), _sentence(publication or ""), url or ""], " ")


def _locator(source: Any, lang: str) -> str:
    """The locator in the reader's language ("Art. IX, para. 1", 第9条第1項); a seed's line range in words
    ("lines 969–975")."""
    locator = source.locator or ""
    if source.tier != "seed":
        return words(locator, lang)
    t = gettext_for(lang)
    found = _LINES_RE.match(locator)
    if not found:
        return words(locator, lang)
    if found.group(2):
        return t("lines {first}–{last}", first=found.group(1), last=found.group(2))
    return t("line {line}", line=found.group(1))


def _said_in(locator: str, base: str) -> bool:
    """Whether a short citation already says its locator: verbatim, or a FRUS "d779" as its "doc. 779"."""
    found = _FRUS_DOC_RE.match(locator)
    return locator in base or (found is not None and re.search(rf"\bdoc\. {found.group(1)}\b", base) is not None)


def _join(parts: list[str], sep: str = ", ") -> str:
    return sep.join(p for p in parts if p)


def _sentence(text: str) -> str:
    text = text.strip()
    if text[:1].islower() and text[:1].isascii():
        text = text[0].upper() + text[1:]
    return text if not text or text[-1] in ".。!?”」»" else text + "."


def _build(engine: Any, key: str, lang: str) -> Citation:
    t = gettext_for(lang)
    src = engine.timeline.sources[key]
    locator = _locator(src, lang)
    quote = None
    if src.quote is not None and src.verbatim is True:
        quote = {"lang": src.quote.lang, "original": src.quote.original, "en": src.quote.en}
    if src.tier == "seed":
        seed = engine.timeline.seeds[src.seed]
        short = joined(words(seed.short, lang), locator, lang)
        title = t("“{title}”", title=seed.title)
        if seed.title_en and seed.lang.split("-")[0] != normalise_lang(lang):
            title += f" [{seed.title_en}]"
        head = _join([seed.author, title, format_reference_date(seed.date, lang) or t("n.d."), locator])
        full = _join([_sentence(head), _sentence(seed.publication or ""), seed.url or ""], " ")
        return Citation(key, short, full, seed.url, quote, src.tier)
    base = src.short or src.title
    said = not src.locator or _said_in(src.locator, base)  # decided on the data's words, the same in every language
    short = joined(words(src.short, lang) if src.short else src.title, "" if said else locator, lang)
    full = full_citation(src.author, src.title, src.date, locator, src.publication, src.url, lang)
    return Citation(key, short, full, src.url, quote, src.tier)


def cite(engine: Any, key: str, lang: str = "en") -> Citation:
    """The citation of one source key (KeyError for an unknown key); cached on the engine."""
    lang = normalise_lang(lang)
    if key not in engine.timeline.sources:
        raise KeyError(key)
    cache = engine.__dict__.setdefault("_citation_cache", {})
    found = cache.get((key, lang))
    if found is None:
        found = cache[(key, lang)] = _build(engine, key, lang)
    return found


def cite_many(engine: Any, keys: Any, lang: str = "en") -> list[Citation]:
    """Citations of several keys: unknown keys skipped, the same reference once, primary sources
    first, then scholarship, then seeds, each group in the order given."""
    seen: set[tuple[str, str]] = set()
    found: list[tuple[int, int, Citation]] = []
    for n, key in enumerate(keys or []):
        if key not in engine.timeline.sources:
            continue
        c = cite(engine, key, lang)
        if (c.short, c.full) in seen:
            continue
        seen.add((c.short, c.full))
        found.append((TIER_ORDER.get(c.tier, 9), n, c))
    return [c for _tier, _n, c in sorted(found, key=lambda x: (x[0], x[1]))]


def reader_source(engine: Any, key: str, lang: str = "en") -> dict[str, Any]:
    """A source as the downloads give it: its bibliographic fields, the citations, the quote only
    when verbatim. Nothing about where the text was read during development."""
    src = engine.timeline.sources[key]
    c = cite(engine, key, lang)
    out: dict[str, Any] = {"key": key, "tier": src.tier,
                           "tier_label": gettext_for(lang)(TIER_LABELS.get(src.tier, src.tier)),
                           "short_citation": c.short, "citation": c.full}
    if src.tier == "seed":
        seed = engine.timeline.seeds[src.seed]
        out.update(seed=src.seed, author=seed.author, title=seed.title, date=seed.date,
                   publication=seed.publication, url=seed.url)
    else:
        out.update(author=src.author, title=src.title, date=src.date,
                   publication=src.publication, url=src.url)
    out.update(locator=src.locator, quote=c.quote, verbatim=bool(src.verbatim), note=src.note)
    return out


__all__ = ["Citation", "cite", "cite_many", "reader_source", "format_reference_date", "full_citation", "TIER_LABELS",
           "TIER_ORDER"]
