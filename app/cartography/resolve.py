"""What the map shows for a state: the one answer every surface draws from.

    frame = resolve(table, MapState(date=dt.date(1952, 4, 28), pov="japan", lang="en"), events)
    frame.keys[i]        paint key (index into table["keys"]) of location i; frame.diff its disagreement flag
    frame.lines          the lines drawn, each with its status and its Key words
    frame.labels         label id → its text (names convention × language × date)
    frame.key            the Key rows in use: paint key, words, and whose marker it is (`note`)
    frame.headline       the day's headline event and its status (in_force | rejected | signed | dated)
    frame.in_force       the instruments in force on the day (app/timeline/milestones.py)
    frame.government     what the view is called on the day (app/pov_label.py)

`table` and `events` are the paint table and the event paints (app/cartography/paint_table.py): the page's, or
the print table of app/export/paint.py. The page's first paint, its Key, every export figure, series and lesson
frame call this; assets/map_paint.js `skmap.resolve` is its mirror in the browser, and
tests/browser/test_resol001 checks that both give the same Frame for 200+ states.
"""

from __future__ import annotations

import bisect
import datetime as dt
from collections.abc import Callable, Iterable
from dataclasses import asdict, dataclass
from typing import Any, Protocol

from app.i18n import format_date_for
from app.mapstate import MAX_DAY, MIN_DATE, normalise_pov

EMPTY_KEYS = ("S|", "T|none|none||||")  # a paint with nothing to explain: no Key row
LINE_WORDS = {1: "in_force", 2: "proposed"}


class StateLike(Protocol):
    """What resolve reads of a state: a MapState, or an export request carrying the same fields."""

    date: dt.date
    mode: str
    pov: str
    diff: bool
    event: str | None
    names: str
    lang: str


@dataclass(frozen=True)
class DrawnLine:
    id: str
    status: str  # in_force | provided | proposed
    name: str
    text: str  # its Key row


@dataclass(frozen=True)
class KeyEntry:
    key: int  # index into table["keys"]
    text: str
    note: str  # whose marker it is, when the view shows another government's ("" otherwise)


@dataclass(frozen=True)
class Headline:
    event: str | None
    what: str  # signed | in_force | dated | provides | none
    status: str  # in_force | rejected | signed | dated | provides | none
    day: int | None  # the milestone's day (negative before the map's range)
    title: str
    text: str  # the page's headline words


@dataclass(frozen=True)
class Government:
    name: str
    short: str


@dataclass(frozen=True)
class Frame:
    day: int
    mode: str
    pov: str
    names: str
    keys: tuple[int, ...]
    diff: tuple[int, ...] | None
    notes: tuple[int, ...] | None  # per location: index into table["notes"]["texts"] (0: none)
    lines: tuple[DrawnLine, ...]
    labels: dict[str, str]
    key: tuple[KeyEntry, ...]
    headline: Headline
    in_force: tuple[str, ...]
    government: Government

    def as_json(self) -> dict:
        """The Frame as JSON data, the shape `skmap.resolve` returns."""
        return asdict(self)

    def key_strings(self, table: dict) -> set[str]:
        """The paint keys (table["keys"][…]["key"]) of the Key rows in use."""
        return {table["keys"][entry.key]["key"] for entry in self.key}

    def line_on(self, line_id: str) -> bool:
        return any(line.id == line_id for line in self.lines)


def lookup(seg: list, day: int) -> Any:
    """The value of a [[starts], [values]] run list on `day` (the first value before the first start)."""
    return seg[1][max(0, bisect.bisect_right(seg[0], day) - 1)]


def day_of_state(state: StateLike) -> int:
    return max(0, min(MAX_DAY, (state.date - MIN_DATE).days))


def label_text(lab: dict, day: int, names: str, lang: str) -> str:
    """A label's text on `day`: `local` names in the language, `ja` / `ru` / `en` in that one, `both` as
    "ja / ru" (one form when they agree); a language without a form falls back to English."""
    idx = max(0, bisect.bisect_right(lab["starts"], day) - 1)
    if names == "both":
        ja, ru = lab["ja"][idx], lab["ru"][idx]
        return ja if ja == ru else f"{ja} / {ru}"
    code = lang if names == "local" else names
    return (lab.get(code) or lab["en"])[idx]


def _labels(table: dict, day: int, names: str, lang: str) -> dict[str, str]:
    out = {}
    for lab in [*table["labels"], *(lab for inset in table.get("insets") or () for lab in inset["labels"])]:
        out[lab["id"]] = label_text(lab, day, names, lang)
    return out


def _headline(table: dict, titles: dict[str, str], day: int) -> Headline:
    i = bisect.bisect_right([m["day"] for m in table["marks"]], day)
    mark = table["marks"][i - 1] if i else table.get("prelude")
    words = table["i18n"]
    if mark is None:
        return Headline(None, "none", "none", None, "", words["before"])
    status = mark["status"]
    if status == "in_force" and mark.get("end") is not None and day >= mark["end"]:
        status = "dated"
    title = titles.get(mark["id"], mark["id"])
    date = format_date_for(MIN_DATE + dt.timedelta(days=mark["day"]), words["lang"])
    text = words[mark["what"]].replace("{title}", title).replace("{date}", date)
    return Headline(mark["id"], mark["what"], status, mark["day"], title, text)


def _key_rows(table: dict, keys: list[int], notes: list[int] | None) -> tuple[KeyEntry, ...]:
    seen: set[tuple[int, int]] = set()
    out = []
    texts = table["notes"]["texts"]
    for i, k in enumerate(keys):
        n = notes[i] if notes else 0
        entry = table["keys"][k]
        if (k, n) in seen or not entry["text"] or entry["key"] in EMPTY_KEYS:
            continue
        seen.add((k, n))
        out.append(KeyEntry(k, entry["text"], texts[n]))
    return tuple(out)


def resolve(table: dict, state: StateLike, events: dict | None = None) -> Frame:
    """Everything a surface draws for `state` (see the module's docstring)."""
    day = day_of_state(state)
    n = len(table["locations"])
    pov = normalise_pov(state.pov)
    pov = pov if pov in table["pov"] else "de_facto"
    lang = state.lang or table["i18n"]["lang"]
    diff = notes = None
    event_keys = (events or {}).get("keys") or {}
    if state.mode == "event" and state.event in event_keys:
        mode = "event"
        keys = list(event_keys[state.event])
        on = (events.get("lines") or {}).get(state.event) or {}
        lines = tuple(DrawnLine(ln["id"], "proposed" if on[ln["id"]] == 2 else "provided", ln["name"],
                                ln["key"]["proposed" if on[ln["id"]] == 2 else "provided"])
                      for ln in table["lines"] if on.get(ln["id"]))
        title = events["titles"][state.event]
        headline = Headline(state.event, "provides", "provides", None, title,
                            table["i18n"]["showing"].replace("{title}", title))
    else:
        mode = "date"
        keys = [lookup(seg, day) for seg in table["pov"][pov]]
        if state.diff:
            diff = tuple(lookup(seg, day) for seg in table["diff"])
        runs = table["notes"]["pov"].get(pov)
        if runs is not None:
            notes = [0] * n
            for i, seg in runs.items():
                notes[int(i)] = lookup(seg, day)
        lines = tuple(DrawnLine(ln["id"], "in_force", ln["name"], ln["key"]["in_force"])
                      for ln in table["lines"] if lookup(ln["seg"], day))
        headline = _headline(table, (events or {}).get("titles") or {}, day)
    gov = lookup(_gov_seg(table["govs"][pov]), day)
    return Frame(day=day, mode=mode, pov=pov, names=state.names, keys=tuple(keys), diff=diff,
                 notes=tuple(notes) if notes is not None else None, lines=lines,
                 labels=_labels(table, day, state.names, lang), key=_key_rows(table, keys, notes),
                 headline=headline, in_force=tuple(lookup(table["inForce"], day)),
                 government=Government(gov[0], gov[1]))


def _gov_seg(rows: list[list]) -> list[list]:
    return [[r[0] for r in rows], [[r[1], r[2]] for r in rows]]


def group_notes(parts: Iterable[tuple[str, str]], say: Callable[[str, str], str], join: str) -> tuple[str, ...]:
    """One note per group of asserters, its markers in order ("United States, United Kingdom: promised to USSR,
    proposed for Japan"): a hover or a key never names the same governments twice. `say(who, what)` words one."""
    whats: dict[str, list[str]] = {}
    for who, what in parts:
        if what not in whats.setdefault(who, []):
            whats[who].append(what)
    return tuple(say(who, join.join(items)) for who, items in whats.items())


def key_note_parts(table: dict, frame: Frame) -> tuple[tuple[str, str], ...]:
    """The (asserters, marker) parts of the notes under the frame's Key rows, in Key order: what `group_notes`
    words once per asserter group for a printed key (two panels merge their parts first)."""
    texts, parts = table["notes"]["texts"], table["notes"]["parts"]
    out: list[tuple[str, str]] = []
    for entry in frame.key:
        if entry.note:
            out.extend((who, what) for who, what in parts[texts.index(entry.note)] if (who, what) not in out)
    return tuple(out)


def hover_texts(table: dict, frame: Frame) -> list[str]:
    """Per location the map's hover text: its name, what its paint says, whose marker it is, a disagreement."""
    texts = table["notes"]["texts"]
    out = []
    for i, k in enumerate(frame.keys):
        text = f"{table['names'][i]}<br>{table['keys'][k]['text']}"
        if frame.notes and frame.notes[i]:
            text += f"<br>{texts[frame.notes[i]]}"
        if frame.diff and frame.diff[i]:
            text += f"<br><b>{table['i18n']['disagree']}</b>"
        out.append(text)
    return out
