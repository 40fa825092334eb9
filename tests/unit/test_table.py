"""The map as a text table (pure): rows follow the engine's state, CSV carries every row and citation."""

import csv
import io

import pytest

from app import table
from app.data import load_engine


@pytest.fixture(scope="module")
def engine():
    return load_engine()


@pytest.mark.parametrize("date", ["1905-06-01", "1923-06-01", "1945-08-25", "1956-12-31"])
@pytest.mark.parametrize("pov", ["de_facto", "japan", "russia", "usa"])
def test_rows_follow_the_engine_state(engine, date, pov):
    rows = table.state_rows(engine, date, pov)
    state = engine.state(date, pov)
    by_target = {r["target"]: r for r in rows}
    assert [r["target"] for r in rows if r["kind"] == "territory"] == list(state["territories"])
    for unit, terr in state["territories"].items():
        row = by_target[unit]
        if terr["controlled_by"] and terr["control_kind"] != "divided":
            assert engine.names_on(terr["controlled_by"], date).en in row["control"]  # the name on the day
        if terr["control_kind"] == "divided":
            assert row["control"].startswith("Divided")
        sov = terr["sovereign"]
        if sov is None and pov != "de_facto":
            renounced = any(m[0] == pov for m in terr["markers"]["renounced"])
            assert row["sovereign"] == ("Renounced, no recipient named" if renounced else "No stated position")
        elif sov == "undetermined":
            assert row["sovereign"] == "Undetermined"
        elif sov:
            name = engine.names_on(sov, date).en
            assert row["sovereign"] == (f"{name} (inferred)" if terr["sovereign_inferred"] else name)
        for actor in terr["claimed_by"]:
            assert engine.names_on(actor, date).en in row["claimed_by"]
        status_sources = {k for s in terr["statuses"] for k in s["sources"]}
        assert set(row["sources"]) == status_sources
        assert all(k in engine.timeline.sources for k in row["sources"])


def test_event_rows_name_every_place_the_event_provides_for(engine):
    rows = table.event_rows(engine, "gromyko_amendments_1951")
    provided = engine.event_map("gromyko_amendments_1951")["provides"]
    expected = [p for g in ("territories", "regimes", "lines") for p in provided.get(g, {})]
    assert [r["target"] for r in rows] == expected
    assert {"strait_soya", "strait_nemuro", "strait_tsugaru", "strait_tsushima"} <= {r["target"] for r in rows}


def test_csv_has_a_bom_a_header_a_row_per_place_and_no_source_keys(engine):
    """Excel on Windows needs the BOM to read UTF-8 (樺太, Сахалин); sources are readable citations, never keys."""
    rows = table.state_rows(engine, "1951-09-08", "japan")
    text = table.to_csv(engine, rows)
    assert text.startswith("\ufeff")
    parsed = list(csv.reader(io.StringIO(text.lstrip("\ufeff"))))
    assert parsed[0][0] == "place_id" and parsed[0][-2:] == ["Sources", "Full references"]
    assert [r[0] for r in parsed[1:]] == [r["target"] for r in rows]
    assert "Treaty" in text
    keys = {k for r in rows for k in r["sources"]}
    cells = " ".join(c for r in parsed[1:] for c in r[-2:])
    assert keys and not any(k in cells for k in keys if "_" in k)


def test_on_screen_table_follows_the_language_csv_stays_english(engine):
    assert table.header("place", "ru") == "Место" and table.header("sources", "ja") == "出典"
    rows_ru = table.state_rows(engine, "1923-06-01", "russia", "ru")
    assert any("Япония" in r["control"] for r in rows_ru)
    text = table.to_csv(engine, table.state_rows(engine, "1923-06-01", "russia")).lstrip("\ufeff")
    parsed = next(csv.reader(io.StringIO(text)))
    assert parsed[1] == "Place"


def test_table_model_is_what_the_page_draws(engine):
    """The page draws this model as its text table (assets/classroom.js skclass.table): one row per target,
    a header per column, the place first, sources as readable citations (short, full)."""
    from callbacks.classroom import table_model

    model = table_model(engine, "date", "1923-06-01", "de_facto", None, "en")
    assert "1 June 1923" in model["caption"] and "1923-06-01" not in model["caption"]
    rows = {r["target"]: r["cells"] for r in model["rows"]}
    assert [r["target"] for r in model["rows"]] == [r["target"] for r in table.rows_for(
        engine, "date", "1923-06-01", "de_facto", None, "en")]
    assert all(len(cells) == len(model["head"]) for cells in rows.values())
    assert "Japan (military occupation)" in " ".join(c for c in rows["sakhalin_north"] if isinstance(c, str))
    cites = [c for c in rows["sakhalin_north"] if isinstance(c, dict)]
    assert cites and cites[0]["cites"] and all(set(x) >= {"short", "full"} for x in cites[0]["cites"])

    treaty = table_model(engine, "event", "1951-09-05", "de_facto", "gromyko_amendments_1951", "en")
    assert len(treaty["head"]) == 3
    assert "Gromyko" in treaty["caption"]
    soya = {r["target"]: r["cells"] for r in treaty["rows"]}["strait_soya"]
    assert "demilitarised" in soya[1] and isinstance(soya[2], dict)


@pytest.mark.parametrize(("date", "pov", "unit", "expected"), [
    ("1942-06-01", "russia", "iturup", "Japan (inferred)"),  # the Neutrality Pact, not a statement
    ("1905-06-01", "usa", "sakhalin_north", "Russian Empire (inferred)"),
    ("1942-06-01", "japan", "iturup", "Japan"),
])
def test_an_inferred_position_says_so(engine, date, pov, unit, expected):
    row = next(r for r in table.state_rows(engine, date, pov) if r["target"] == unit)
    assert row["sovereign"] == expected


def test_proposals_name_who_proposed_what_for_whom(engine):
    def other(date, pov, target):
        return next(r for r in table.state_rows(engine, date, pov) if r["target"] == target)["other_roles"]

    soya = other("1955-10-01", "japan", "strait_soya")
    assert soya.startswith("USSR proposed: closed to non-riparian warships, Japan to bar them")
    assert "proposed (Japan)" not in soya
    assert other("1951-09-06", "japan", "strait_tsugaru").startswith("USSR proposed: demilitarised on Japan's side")
    molotov = other("1941-01-01", "japan", "sakhalin_north")
    assert "USSR proposed that Japan give up its concessions here" in molotov and "renounced for" not in molotov
    assert other("1955-10-01", "japan", "shikotan").startswith("USSR proposed that it pass to Japan")
    assert other("1951-07-10", "russia", "iturup").endswith(
        "United States, United Kingdom proposed that Japan renounce all right, title and claim to it "
        "(US–UK joint draft of July 1951)")


def test_every_marker_is_prefixed_once_another_governments_is_shown(engine):
    # Japan's view 1952-56: the UK's Yalta promise and Japan's own renunciation each say whose they are.
    text = next(r for r in table.state_rows(engine, "1955-10-01", "japan") if r["target"] == "kurils_north")
    assert text["other_roles"] == ("United Kingdom: promised to USSR (Yalta Agreement regarding Japan); "
                                   "Japan: renounced by Japan, no recipient named (Treaty of Peace with Japan "
                                   "(San Francisco))")
    # a view showing only its own markers prefixes none
    own = next(r for r in table.state_rows(engine, "1956-12-12", "de_facto") if r["target"] == "shikotan")
    assert own["other_roles"] == "promised to Japan (Soviet–Japanese Joint Declaration)"


@pytest.mark.parametrize(("date", "unit", "expected"), [
    ("1923-06-01", "sakhalin_north", "None: held under military occupation, not as sovereign"),
    ("1956-12-12", "iturup", "USSR"),
])
def test_de_facto_sovereign_column_says_what_happened(engine, date, unit, expected):
    row = next(r for r in table.state_rows(engine, date, "de_facto") if r["target"] == unit)
    assert row["sovereign"] == expected
    assert "sovereignty row" not in " ".join(r["sovereign"] for r in table.state_rows(engine, date, "de_facto"))
