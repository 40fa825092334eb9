"""Key notes say each group of asserters once: "United States, United Kingdom: promised to USSR, proposed for
Japan", never "United States, United Kingdom: …; United States, United Kingdom: …", on the page's hover and Key
(the paint table's note texts) and in a printed key, one panel or two (app/cartography/resolve.group_notes)."""

import datetime as dt
import re

import pytest

from app.cartography.key import key_rows, key_state, note_words
from app.cartography.resolve import group_notes
from app.data import load_engine
from app.export import paint
from app.export.request import ExportRequest

VIEWS = ("japan", "russia", "usa")
DAYS = [dt.date.fromisoformat(d) for d in (
    "1945-02-11", "1945-09-02", "1946-02-02", "1951-09-05", "1951-09-08", "1952-04-28", "1955-06-01",
    "1955-12-10", "1956-10-19", "1956-12-12")]


@pytest.fixture(scope="module")
def engine():
    return load_engine()


def whos(note: str) -> list[str]:
    """The asserter groups a note names: the text before each colon that starts a group (en ": ", ja "：")."""
    return [m.group(1) for m in re.finditer(r"(?:^|; |；)([^:;：；]+)(?:: |：)", note)]


def test_group_notes_names_each_asserter_group_once():
    say, join, _between = note_words("en")
    parts = [("United States, United Kingdom", "promised to USSR"), ("United States", "proposed for USSR"),
             ("United States, United Kingdom", "proposed for Japan"), ("United States", "proposed for USSR")]
    assert group_notes(parts, say, join) == (
        "United States, United Kingdom: promised to USSR, proposed for Japan", "United States: proposed for USSR")


@pytest.mark.parametrize("lang", ["en", "ja"])
def test_note_texts_and_printed_keys_never_repeat_their_asserters(engine, lang):
    ctx = paint.context(engine, lang)
    for text in ctx.table["notes"]["texts"]:
        assert len(whos(text)) == len(set(whos(text))), text
    seen_notes = 0
    for day in DAYS:
        states = {pov: key_state(ctx.table, paint.frame_for(engine, ExportRequest(date=day, pov=pov, lang=lang)))
                  for pov in VIEWS}
        for a in VIEWS:
            for b in VIEWS:  # one panel (a == b) or two panels sharing one key
                merged = states[a] if a == b else states[a].merge(states[b])
                notes = [row.text for row in key_rows(merged, "government", lang) if row.kind == "note"]
                seen_notes += len(notes)
                groups = [w for note in notes for w in whos(note)]
                assert len(groups) == len(set(groups)), (day, a, b, notes)
    assert seen_notes > 20  # the views show other governments' markers on these days
