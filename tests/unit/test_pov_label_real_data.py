"""Russia's / the USSR's view names the government on the date shown (Russian Empire → Provisional Government
from 15 Mar 1917 → Soviet Russia (RSFSR) → USSR from 30 Dec 1922) on the page, the figure subtitle and the
downloads; and a marker a government's view shows only because that government knew of it is named as the
other government's position (docs/data_model.md, "Points of view")."""

from __future__ import annotations

import datetime as dt

import pytest

from app.pov_label import government_segments, pov_label
from app.timeline.engine import Engine

LABELS = {  # day → the label in en, ja, ru, zh (the catalogue's words: styles.GOVERNMENT_VIEW_LABELS)
    "1917-03-14": ("The Russian Empire's view", "ロシア帝国の見解", "Позиция Российской империи", "俄罗斯帝国的立场"),
    "1917-03-15": ("The Provisional Government's view", "ロシア臨時政府の見解", "Позиция Временного правительства",
                   "俄国临时政府的立场"),
    "1922-12-29": ("Soviet Russia's view", "ソビエト・ロシアの見解", "Позиция Советской России", "苏俄的立场"),
    "1922-12-30": ("The USSR's view", "ソ連の見解", "Позиция СССР", "苏联的立场"),
    "1956-12-31": ("The USSR's view", "ソ連の見解", "Позиция СССР", "苏联的立场"),
}


@pytest.fixture(scope="module")
def engine() -> Engine:
    from app.data import load_engine

    return load_engine()


@pytest.mark.parametrize("day", LABELS)
@pytest.mark.parametrize(("i", "lang"), enumerate(("en", "ja", "ru", "zh")))
def test_russias_view_names_the_government_of_the_day(engine, day, i, lang):
    assert pov_label(engine, "russia", day, lang) == LABELS[day][i]
    assert pov_label(engine, "soviet", day, lang) == LABELS[day][i]  # the old id still answers


def test_the_ussrs_name_and_its_formation_agree(engine):
    # the actors' dated name (tables, stories) and the label's switch (the formation event) fall on one day
    from app import styles

    formed = engine.events[styles.USSR_FORMATION].sort_date
    assert formed == dt.date(1922, 12, 30)
    assert engine.names_on("soviet", formed).en == "USSR"
    assert engine.names_on("soviet", formed - dt.timedelta(days=1)).en == "Soviet Russia (RSFSR)"


def test_other_views_keep_their_names(engine):
    assert pov_label(engine, "japan", "1956-12-31", "en") == "Japan's view"
    assert pov_label(engine, "russia", None, "en") == "Russia's / the USSR's view"  # no date: the general name


@pytest.mark.parametrize("lang", ["en", "ja", "ru", "zh"])
def test_header_segments_change_on_the_boundary_days(engine, lang):
    from app.mapstate import MIN_DATE

    segments = government_segments(engine, lang, MIN_DATE)
    starts = [MIN_DATE + dt.timedelta(days=s[0]) for s in segments]
    assert starts == [MIN_DATE, dt.date(1917, 3, 15), dt.date(1917, 11, 7), dt.date(1922, 12, 30)]
    i = ("en", "ja", "ru", "zh").index(lang)
    assert segments[1][1] == LABELS["1917-03-15"][i] and segments[-1][1] == LABELS["1922-12-30"][i]
    assert all(s[2] for s in segments)  # a short form for the phone's control


@pytest.mark.parametrize(("day", "label"), [("1922-12-29", "Soviet Russia's view"),
                                            ("1922-12-30", "The USSR's view")])
def test_figure_subtitle_and_file_name_the_government(engine, day, label):
    from app.export import caption
    from app.export.request import ExportRequest

    req = ExportRequest(date=dt.date.fromisoformat(day), pov="russia")
    _title, subtitle = caption.titles(engine, req)
    assert subtitle.startswith(label)
    assert "Soviet Russia / USSR" not in subtitle


def test_table_and_csv_name_the_ussr_in_1956(engine):
    from app import table

    rows = {r["target"]: r for r in table.state_rows(engine, "1956-12-31", "russia", "en")}
    assert rows["iturup"]["control"] == "USSR (sovereignty)"
    assert "Russian Empire" in table.caption_for(engine, "date", "1917-03-14", "russia", None, "en")
    assert "Provisional Government" in table.caption_for(engine, "date", "1917-03-15", "russia", None, "en")


# --- markers of other governments in a government's view --------------------------------------------------

def marker_asserters(engine: Engine, day: str, unit: str, pov: str, role: str) -> list:
    return engine.state(day, pov)["territories"][unit]["marker_asserters"][role]


def test_japans_own_renunciation_then_the_others(engine):
    # To 10 Feb 1956 Japan itself held Iturup renounced; from 11 Feb (its official view: Japanese) the
    # 'renounced' marker still shown is the USA's and the UK's, and says so.
    assert marker_asserters(engine, "1956-02-10", "iturup", "japan", "renounced") == [[]]
    assert marker_asserters(engine, "1956-02-11", "iturup", "japan", "renounced") == [["usa", "uk"]]
    assert marker_asserters(engine, "1956-09-07", "iturup", "japan", "renounced") == [["uk"]]
    assert engine.state("1956-02-11", "japan")["territories"]["iturup"]["sovereign"] == "japan"


def test_de_facto_markers_name_no_government(engine):
    by = engine.state("1956-12-31", "de_facto")["territories"]["habomai"]["marker_asserters"]
    assert by["promised"] == [[]]


def test_table_row_names_the_uk(engine):
    from app import table

    before = {r["target"]: r for r in table.state_rows(engine, "1956-02-10", "japan", "en")}["iturup"]
    after = {r["target"]: r for r in table.state_rows(engine, "1956-02-11", "japan", "en")}["iturup"]
    assert before["sovereign"] == "Renounced, no recipient named"
    assert "renounced by Japan, no recipient named" in before["other_roles"]
    assert "United States, United Kingdom: renounced by Japan" not in before["other_roles"]
    assert after["sovereign"] == "Japan"
    assert "United States, United Kingdom: renounced by Japan, no recipient named" in after["other_roles"]
    assert "United Kingdom: promised to USSR (Yalta" in after["other_roles"]


def test_story_says_whose_position_each_marker_is(engine):
    from app.page.story import _who_says, rows_in_force, summary

    day = dt.date(1956, 12, 31)
    told = [(_who_says(engine, r, day, "en"), r["role"]) for r in rows_in_force(engine, "iturup", day, "japan")]
    assert ("United Kingdom", "renounced") in told and ("United Kingdom", "promised") in told
    assert ("Japan's view", "sovereignty") in told
    terr = engine.state(day.isoformat(), "japan")["territories"]["iturup"]
    assert "United Kingdom: It had been promised to the USSR." in summary(engine, terr, "Iturup", day, "japan", "en")


def test_story_in_russias_view_tells_the_soviet_rows(engine):
    from app.page.story import _who_says, rows_in_force

    day = dt.date(1946, 1, 10)  # before the decree: the Soviet claim (Stalin's address), the USSR's own row
    told = [(_who_says(engine, r, day, "en"), r["role"]) for r in rows_in_force(engine, "iturup", day, "russia")]
    assert ("The USSR's view", "claim") in told, told


def test_story_tells_japans_own_renunciation_as_a_position(engine):
    # 28 Apr 1952: Japan's view holds Iturup renounced (its own marker), not "no stated position"
    from app.page.story import summary

    def said(day: str) -> str:
        terr = engine.state(day, "japan")["territories"]["iturup"]
        return summary(engine, terr, "Iturup", dt.date.fromisoformat(day), "japan", "en")
    assert "In Japan's view, it belonged to Japan." in said("1952-04-27")
    assert "In Japan's view, it had been renounced, with no recipient named." in said("1952-04-28")
    assert "stated no position" not in said("1952-04-28")
