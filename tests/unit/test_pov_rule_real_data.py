"""The point-of-view rule on the committed data, on the boundary days (docs/data_model.md, "Points of
view"): what each view draws as markers and claims, and who speaks for Russia's / the USSR's view."""

from __future__ import annotations

import pytest

from app.timeline.engine import Engine


@pytest.fixture(scope="module")
def engine() -> Engine:
    from app.data import load_engine

    return load_engine()


def markers(engine: Engine, date: str, unit: str, pov: str, role: str) -> list:
    return engine.state(date, pov)["territories"][unit]["markers"][role]


def events_of(items: list) -> set[str]:
    return {item[-1] for item in items}


@pytest.mark.parametrize(("date", "shown"), [("1946-02-10", False), ("1946-02-11", True)])
def test_japan_sees_the_yalta_promise_from_its_publication(engine, date, shown):
    for unit in ("sakhalin_south", "kurils_north", "iturup"):
        assert ("yalta_agreement_1945" in events_of(markers(engine, date, unit, "japan", "promised"))) is shown


@pytest.mark.parametrize("date", ["1945-02-10", "1945-02-11", "1945-08-08"])
def test_yalta_promise_in_the_parties_views_only(engine, date):
    signed = date >= "1945-02-11"
    for pov in ("usa", "russia"):
        assert ("yalta_agreement_1945" in events_of(markers(engine, date, "sakhalin_south", pov, "promised"))) is signed
    assert "yalta_agreement_1945" not in events_of(markers(engine, date, "sakhalin_south", "japan", "promised"))
    assert "yalta_agreement_1945" not in events_of(markers(engine, date, "sakhalin_south", "de_facto", "promised"))


@pytest.mark.parametrize("date", ["1945-05-13", "1945-05-14", "1945-07-01"])
def test_supreme_war_council_terms_only_in_japans_view(engine, date):
    internal = "supreme_war_council_terms_1945"
    drafted = date >= "1945-05-14"
    assert (internal in events_of(markers(engine, date, "kurils_north", "japan", "proposed"))) is drafted
    for pov in ("usa", "russia", "de_facto"):
        assert internal not in events_of(markers(engine, date, "kurils_north", pov, "proposed")), pov
    paint = engine.paint_segments("usa")["straits"]["strait_tsugaru"]
    assert not any(internal in str(v) for _s, _e, v in paint)


@pytest.mark.parametrize("date", ["1924-10-05", "1924-10-06", "1924-12-27"])
def test_1924_bargaining_positions_not_in_the_us_view(engine, date):
    for pov, expected in (("usa", False), ("de_facto", False), ("japan", True), ("russia", True)):
        shown = "yoshizawa_karakhan_talks_1924" in events_of(markers(engine, date, "sakhalin_north", pov, "proposed"))
        assert shown is expected, (pov, date)


@pytest.mark.parametrize(("date", "shown"), [("1956-12-11", False), ("1956-12-12", True)])
def test_joint_declaration_promise_in_de_facto_once_in_force(engine, date, shown):
    for unit in ("habomai", "shikotan"):
        assert ("joint_declaration_1956" in events_of(markers(engine, date, unit, "de_facto", "promised"))) is shown


def test_de_facto_shows_no_proposal(engine):
    for date in ("1923-06-01", "1945-09-05", "1955-07-01", "1956-12-31"):
        state = engine.state(date, "de_facto")
        for unit, terr in state["territories"].items():
            assert terr["markers"]["proposed"] == [], (date, unit)


def test_stalin_claim_of_1945_is_public(engine):
    # Stalin's address of 2 Sep 1945 was public: the claim shows in Japan's view on that day. It names only the
    # Kurils, so its claim to the Habomai islets (Japanese until 3 Sep) is inferred and not drawn on the default map.
    assert "soviet" in engine.state("1945-09-02", "japan")["territories"]["kurils_north"]["claimed_by"]
    assert engine.state("1945-09-02", "de_facto")["territories"]["habomai"]["claimed_by"] == []
    assert engine.status_by_id["era2_1945_1956#62"].inferred
    assert "soviet" not in engine.state("1945-09-02", "de_facto")["territories"]["kurils_north"]["claimed_by"]


@pytest.mark.parametrize(("date", "government"), [
    ("1905-01-01", "russia"), ("1917-03-14", "russia"), ("1917-03-15", "russia_provisional"),
    ("1917-11-06", "russia_provisional"), ("1917-11-07", "soviet"), ("1956-12-31", "soviet")])
def test_government_of_russia(engine, date, government):
    assert engine.government_of("russia", date) == government
    assert engine.government_of("soviet", date) == government  # the old id is an alias


@pytest.mark.parametrize(("date", "actor"), [
    ("1917-03-14", "russia"), ("1917-03-15", "russia_provisional"), ("1917-11-06", "russia_provisional")])
def test_russia_is_not_the_empire_after_the_abdication(engine, date, actor):
    assert engine.state(date, "russia")["territories"]["sakhalin_north"]["sovereign"] == actor
    assert engine.state(date, "japan")["territories"]["sakhalin_north"]["sovereign"] == actor


def test_old_soviet_id_answers_as_russia(engine):
    assert engine.state("1950-01-01", "soviet") == engine.state("1950-01-01", "russia")
    assert engine.paint_segments("soviet") is engine.paint_segments("russia")


def test_disagreements_for(engine):
    ids = {d["id"] for d in engine.disagreements_for(event="kuril_landings_1945")}
    assert {"habomai_landing_date", "central_kurils_dates"} <= ids
    assert "annexation_retroactive_date" not in ids
    on_day = engine.disagreements_for(target="habomai", date="1945-09-10", lang="ja")
    assert "habomai_landing_date" in {d["id"] for d in on_day}
    for d in on_day:
        assert d["question"] and d["adopted"] and len(d["positions"]) >= 1
        for pos in d["positions"]:
            assert pos["citations"] and all(c["short"] and c["full"] for c in pos["citations"])
    assert not any(d["seed_error"] for d in engine.disagreements_for())
    assert any(d["seed_error"] for d in engine.disagreements_for(include_seed_errors=True))
