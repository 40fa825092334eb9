"""The words of a citation that are ours, in the reader's language: a source's `short` citation and `locator`
("Treaty of Portsmouth (1905)", "Art. IX, para. 1") and a seed document's `short`, as the gettext domain `sources`.

Titles, authors and publications are bibliographic data and stay as published; only these words are translated.
`extract` is a Babel extraction method (named in babel_sources.cfg; `make extract` writes translations/sources.pot
and updates translations/<lang>/LC_MESSAGES/sources.po), so a new source's words reach the catalogues, and
tests/unit/test_source_words.py fails until they are translated. A date inside the words ("Diet record, 9 Dec
1955") is extracted as a {date} placeholder and written at run time as the language writes dates (Babel), so a
translation never carries a date of its own.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from typing import Any

import yaml

from app.i18n import catalogue, format_date_for, normalise_lang
from app.mapstate import DEFAULT_LANG

DOMAIN = "sources"
# How a short citation and its locator are joined ("Treaty of Portsmouth (1905), Art. IX, para. 1"); a message of
# the domain, extracted with the words, so each language writes its own punctuation (ja 、, zh ，).
JOIN = "{source}, {locator}"
FIELDS = ("short", "locator")

_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
# "9 Dec 1955", "11 August 1945", and the two dates of "7 and 10 Dec 1955".
_MONTH = "|".join(_MONTHS)
_DATE = re.compile(rf"\b(\d{{1,2}})(?: and (\d{{1,2}}))? ((?:{_MONTH})[a-z]*)\.? (\d{{4}})\b")


def message(text: str) -> tuple[str, dict[str, dt.date]]:
    """The msgid of `text` (whitespace as YAML folds it; its dates as {date}, {date_2} …) and the dates it holds."""
    dates: dict[str, dt.date] = {}

    def placeholder(found: re.Match[str]) -> str:
        first, second, month, year = found.groups()
        try:
            days = [dt.date(int(year), _MONTHS.index(month[:3]) + 1, int(day)) for day in (first, second) if day]
        except ValueError:  # not a date ("31 Feb"): the words as written
            return found.group(0)
        names = []
        for day in days:
            names.append("date" if not dates else f"date_{len(dates) + 1}")
            dates[names[-1]] = day
        return " and ".join(f"{{{name}}}" for name in names)

    return _DATE.sub(placeholder, " ".join(text.split())), dates


def words(text: str | None, lang: str) -> str:
    """`text` (a short citation or a locator as the data writes it) in `lang`; as written in English or when the
    catalogue has no translation for it."""
    lang = normalise_lang(lang)
    if not text or lang == DEFAULT_LANG:
        return text or ""
    msgid, dates = message(text)
    found = catalogue(lang, DOMAIN).get(msgid)
    if not found:
        return text
    if not dates:
        return found
    try:
        return found.format(**{name: format_date_for(day, lang) for name, day in dates.items()})
    except (KeyError, IndexError, ValueError):  # a broken translation never breaks the page
        return text


def joined(source: str, locator: str, lang: str) -> str:
    """A short citation and its locator (both already in `lang`) as one citation."""
    if not locator:
        return source
    pattern = catalogue(normalise_lang(lang), DOMAIN).get(JOIN, JOIN) if normalise_lang(lang) != DEFAULT_LANG else JOIN
    try:
        return pattern.format(source=source, locator=locator)
    except (KeyError, IndexError, ValueError):
        return JOIN.format(source=source, locator=locator)


def _scalars(node: yaml.Node) -> dict[str, yaml.ScalarNode]:
    return {k.value: v for k, v in node.value if isinstance(k, yaml.ScalarNode) and isinstance(v, yaml.ScalarNode)} \
        if isinstance(node, yaml.MappingNode) else {}


def _documents(root: yaml.Node | None) -> Iterator[tuple[str, dict[str, yaml.ScalarNode]]]:
    """(kind, fields) of each source (a timeline file's `sources:`) and each seed document (seeds.yaml, a list)."""
    if isinstance(root, yaml.SequenceNode):
        for item in root.value:
            yield "seed_document", _scalars(item)
    elif isinstance(root, yaml.MappingNode):
        for key, value in root.value:
            if isinstance(key, yaml.ScalarNode) and key.value == "sources" and isinstance(value, yaml.SequenceNode):
                for item in value.value:
                    yield "source", _scalars(item)


def extract(fileobj: Any, keywords: Any, comment_tags: Any, options: dict) -> Iterator[tuple[int, None, str, list]]:
    """Babel extraction method: the `short` and `locator` of every source (a seed source's locator is a line range
    that app/citations.py words itself) and the `short` of every seed document, with the join of the two; each
    with the key it belongs to as a comment for the translator."""
    root = yaml.compose(fileobj.read().decode(options.get("encoding", "utf-8")))
    found = False
    for kind, fields in _documents(root):
        name = fields.get("key") or fields.get("id")
        tier = fields["tier"].value if "tier" in fields else None
        for field in FIELDS:
            node = fields.get(field)
            if node is None or node.tag.endswith(":null") or not str(node.value).strip() \
                    or (field == "locator" and tier == "seed"):
                continue
            found = True
            msgid, _dates = message(str(node.value))
            yield node.start_mark.line + 1, None, msgid, [f"{name.value if name else kind}: {field}"]
    if found:
        yield 1, None, JOIN, ["how a short citation and its locator are joined"]


__all__ = ["DOMAIN", "JOIN", "extract", "joined", "message", "words"]
