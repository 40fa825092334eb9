"""Public claims are facts of the dispute (docs/data_model.md, "Points of view"): the de facto view draws a
government's claim to land another holds from the day the claim was made public, never a title from an old treaty,
an inferred position, a secret or internal one, or the holder's own. Boundary days on the real data, in the engine,
the paint and the text table."""

from __future__ import annotations

import csv
import io

import pytest

from app.data import load_engine
from app.table import state_rows, to_csv


@pytest.fixture(scope="module")
def engine():
    return load_engine()


def claims(engine, date: str, unit: str) -> list[str]:
    return engine.state(date, "de_facto")["territories"][unit]["claimed_by"]


def painted(engine, date: str, feature: str) -> list[str]:
    return next(v["claimed_by"] for start, end, v in engine.paint_segments("de_facto")["features"][feature]
                if start <= date < end)


@pytest.mark.parametrize(("date", "unit", "expected"), [
    # 1905: the Russian Empire's title to occupied Sakhalin is a title, not a claim made public: no stripes.
    ("1905-07-07", "sakhalin_south", []), ("1905-08-01", "sakhalin_north", []), ("1905-10-14", "sakhalin_south", []),
    # 1920: the Far Eastern Republic's proclamation named Sakhalin; Soviet Russia's 1917-20 title is only inferred.
    ("1920-04-21", "sakhalin_north", []), ("1920-04-22", "sakhalin_north", ["fer"]),
    ("1920-05-13", "sakhalin_north", ["fer"]),
    # 1923: the Soviet claim to the Japanese-occupied north, from the FER's merger to the evacuation.
    ("1922-11-14", "sakhalin_north", ["fer"]), ("1922-11-15", "sakhalin_north", ["soviet"]),
    ("1923-06-01", "sakhalin_north", ["soviet"]), ("1925-05-14", "sakhalin_north", ["soviet"]),
    ("1925-05-15", "sakhalin_north", []),
    # 1945: Japan's title under Soviet military occupation is not drawn as a claim; Stalin's address names only
    # the Kurils, so its claim to Habomai (still Japanese on 2 Sep) is inferred and not drawn.
    ("1945-08-28", "iturup", []), ("1945-09-02", "habomai", []), ("1945-09-03", "habomai", []),
    # 1946-1951: no public claim by Japan to the annexed lands.
    ("1946-02-01", "kurils_north", []), ("1946-02-02", "kurils_north", []), ("1948-06-01", "sakhalin_south", []),
    ("1948-06-01", "iturup", []), ("1951-09-08", "kurils_central", []),
    # 1951: Yoshida at San Francisco claimed Shikotan and Habomai in public; not Iturup and Kunashir.
    ("1951-09-06", "shikotan", []), ("1951-09-07", "shikotan", ["japan"]), ("1951-09-07", "habomai", ["japan"]),
    ("1951-09-07", "iturup", []),
    # 1952: the treaty in force changes nothing on the default map.
    ("1952-04-27", "kunashir", []), ("1952-04-28", "kunashir", []), ("1952-04-28", "shikotan", ["japan"]),
    # 1955: the London claim was confidential; the Foreign Ministry's answer in the Diet of 9 Dec made it public.
    ("1955-06-01", "iturup", []), ("1955-12-08", "iturup", []), ("1955-12-09", "iturup", ["japan"]),
    ("1955-12-09", "kunashir", ["japan"]), ("1955-06-01", "shikotan", ["japan"]),
    # 1956: kept through the official view of 11 Feb and the Joint Declaration.
    ("1956-02-10", "iturup", ["japan"]), ("1956-02-11", "iturup", ["japan"]),
    ("1956-12-12", "iturup", ["japan"]), ("1956-12-12", "kunashir", ["japan"]),
    ("1956-12-12", "habomai", ["japan"]),
])
def test_de_facto_claims_on_boundary_days(engine, date, unit, expected):
    assert claims(engine, date, unit) == expected


@pytest.mark.parametrize(("date", "feature", "expected"), [
    ("1923-06-01", "sakhalin_north", ["soviet"]), ("1956-12-12", "iturup", ["japan"]),
    ("1956-12-12", "kunashir", ["japan"]), ("1945-08-17", "shumshu", []), ("1945-08-18", "shumshu", []),
    ("1950-01-01", "shumshu", []), ("1951-09-06", "yuri", []), ("1951-09-07", "yuri", ["japan"]),
])
def test_de_facto_paint_carries_the_claim(engine, date, feature, expected):
    assert painted(engine, date, feature) == expected


def test_only_claims_made_public_are_drawn(engine):
    # The rule itself, over every day the default map can show: every claimant drawn comes from a `claim` row
    # whose event was public that day and which is not inferred; never from a title (a sovereignty row).
    for day in engine.breakpoints:
        for unit, terr in engine.state(day, "de_facto")["territories"].items():
            for actor in terr["claimed_by"]:
                rows = [s for s in engine._rows_for_unit(unit) if s.actor == actor and s.role == "claim"
                        and s.start <= day and (s.end is None or day < s.end)]
                assert any(engine.public_claim(s, day) for s in rows), (day, unit, actor)


def test_a_secret_position_stays_out(engine):
    # Yalta (secret to 11 Feb 1946) is a promise, not drawn in the de facto view; the Soviet draft of 1955
    # and Malik's offer stay out as well.
    for date in ("1945-02-11", "1945-08-10", "1955-08-09", "1955-10-01"):
        for unit, terr in engine.state(date, "de_facto")["territories"].items():
            assert not terr["markers"]["promised"] or date >= "1956-12-12", (date, unit)
            assert terr["markers"]["proposed"] == [], (date, unit)


def test_the_holder_is_never_drawn_as_claiming_its_own_land(engine):
    for date in ("1905-08-01", "1923-06-01", "1945-09-05", "1950-01-01", "1956-12-31"):
        for unit, terr in engine.state(date, "de_facto")["territories"].items():
            holders = {f["controlled_by"] for f in terr["features"].values()}
            groups = {engine.timeline.actors[h].group for h in holders if h}
            for actor in terr["claimed_by"]:
                assert engine.timeline.actors[actor].group not in groups, (date, unit, actor)


@pytest.mark.parametrize(("date", "unit", "name"), [("1956-12-12", "iturup", "Japan"),
                                                     ("1956-12-12", "kunashir", "Japan"),
                                                     ("1923-06-01", "sakhalin_north", "USSR")])
def test_the_text_table_and_its_csv_name_the_claimant(engine, date, unit, name):
    rows = state_rows(engine, date, "de_facto", "en")
    row = next(r for r in rows if r["target"] == unit)
    assert row["claimed_by"] == name
    table = list(csv.reader(io.StringIO(to_csv(engine, rows, "en").lstrip("\ufeff"))))
    header = table[0]
    line = next(r for r in table[1:] if r[0] == unit)
    assert line[header.index("Claimed by")] == name


def test_the_claimants_sources_reach_the_table(engine):
    # The claim is a row the reader can check: its source is listed beside the place.
    row = next(r for r in state_rows(engine, "1956-12-12", "de_facto", "en") if r["target"] == "iturup")
    assert {"diet_1955_12_09_nakagawa", "morishita_diet_1956"} <= set(row["sources"])


def _story(engine, date: str, unit: str, pov: str, lang: str = "en") -> list[str]:
    import datetime as dt

    from app.page.story import rows_in_force, sentence
    return [sentence(engine, r, unit, lang) for r in rows_in_force(engine, unit, dt.date.fromisoformat(date), pov)]


def test_story_tells_claims_made_public_and_a_title_as_a_title(engine):
    # referee2 R4: 3.0.0 told "From 7 February 1855, Japan claimed Habomai islets" while Japan held them.
    assert not any("claimed" in s for s in _story(engine, "1930-01-01", "habomai", "de_facto"))
    assert not any("claimed" in s for s in _story(engine, "1910-01-01", "sakhalin_north", "de_facto"))
    assert not any("claimed" in s for s in _story(engine, "1948-06-01", "iturup", "de_facto"))
    assert "From 7 February 1855 to 28 April 1952, Japan held title to iturup (Treaty of Shimoda)." in _story(
        engine, "1948-06-01", "iturup", "japan")
    told = _story(engine, "1956-12-12", "iturup", "de_facto")
    assert any(s.startswith("From 9 December 1955, Japan claimed iturup") for s in told), told
    told_ja = _story(engine, "1923-06-01", "sakhalin_north", "de_facto", "ja")
    assert any("ソビエト" in s and "主張" in s for s in told_ja), told_ja
