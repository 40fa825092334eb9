"""Every era-1 date changed after the December 2026 audit, checked on the day before and on the day itself
in each point of view it affects (committed data). The sources are in the rows and events named."""

from __future__ import annotations

import datetime as dt

import pytest

from app.timeline.engine import Engine


@pytest.fixture(scope="module")
def engine() -> Engine:
    from app.data import load_engine

    return load_engine()


def before(day: str) -> str:
    return (dt.date.fromisoformat(day) - dt.timedelta(days=1)).isoformat()


def control(engine, day, unit):
    t = engine.state(day, "de_facto")["territories"][unit]
    return t["controlled_by"], t["control_kind"]


def sovereign(engine, day, unit, pov):
    return engine.state(day, pov)["territories"][unit]["sovereign"]


# (day, unit, control the day before, control on the day) — de facto view
CONTROL_CHANGES = [
    ("1905-07-07", "sakhalin_south", ("russia", "sovereignty"), ("japan", "military_occupation")),   # first landing
    ("1905-07-24", "sakhalin_north", ("russia", "sovereignty"), ("japan", "military_occupation")),   # Aleksandrovsk
    ("1905-10-15", "sakhalin_south", ("japan", "military_occupation"), ("japan", "sovereignty")),    # Art. XIV
    ("1905-10-15", "sakhalin_north", ("japan", "military_occupation"), ("russia", "sovereignty")),
    ("1917-03-15", "sakhalin_north", ("russia", "sovereignty"), ("russia_provisional", "sovereignty")),
    ("1917-11-07", "sakhalin_north", ("russia_provisional", "sovereignty"), ("sakhalin_local", "administration")),
    ("1918-11-18", "sakhalin_north", ("sakhalin_local", "administration"), ("russia_white", "administration")),
    ("1920-01-04", "sakhalin_north", ("russia_white", "administration"), ("sakhalin_local", "administration")),
    ("1920-04-22", "sakhalin_north", ("sakhalin_local", "administration"), ("japan", "military_occupation")),
]


@pytest.mark.parametrize(("day", "unit", "was", "now"), CONTROL_CHANGES)
def test_de_facto_control_changes_on_the_day(engine, day, unit, was, now):
    assert control(engine, before(day), unit) == was
    assert control(engine, day, unit) == now


# (day, unit, point of view, sovereign the day before, sovereign on the day)
SOVEREIGN_CHANGES = [
    ("1905-10-15", "sakhalin_south", "japan", "russia", "japan"),
    ("1905-10-15", "sakhalin_south", "russia", "russia", "japan"),
    ("1905-10-15", "sakhalin_south", "usa", "russia", "japan"),          # US view of Sakhalin from 1875 (F12)
    ("1917-03-15", "sakhalin_north", "russia", "russia", "russia_provisional"),
    ("1917-03-15", "sakhalin_north", "japan", "russia", "russia_provisional"),
    ("1917-11-07", "sakhalin_north", "japan", "russia_provisional", "russia_state"),   # Japan held it Russian (F9)
    ("1917-11-07", "sakhalin_north", "usa", "russia_provisional", "russia_state"),     # so did the USA (F5)
    ("1925-02-26", "sakhalin_north", "japan", "russia_state", "soviet"),
    ("1933-11-16", "sakhalin_north", "usa", "russia_state", "soviet"),                 # US recognition
    ("1945-08-09", "sakhalin_south", "russia", "japan", None),                          # USSR at war (F14)
    ("1945-08-09", "kurils_north", "russia", "japan", None),
    ("1945-08-09", "iturup", "russia", "japan", None),
]


@pytest.mark.parametrize(("day", "unit", "pov", "was", "now"), SOVEREIGN_CHANGES)
def test_sovereign_changes_on_the_day(engine, day, unit, pov, was, now):
    assert sovereign(engine, before(day), unit, pov) == was
    assert sovereign(engine, day, unit, pov) == now


@pytest.mark.parametrize("pov", ["usa", "uk"])
def test_potsdam_changes_nothing(engine, pov):
    for unit in ("sakhalin_south", "kurils_north", "iturup", "kunashir", "shikotan", "habomai"):
        assert sovereign(engine, "1945-07-25", unit, pov) == "japan"
        assert sovereign(engine, "1945-07-26", unit, pov) == "japan", (unit, pov)
    assert sovereign(engine, "1950-01-01", "habomai", "usa") == "japan"
    # Era 2 writes the US 'undetermined' rows from the Seven Principles (26 Oct 1950) on; until then Japanese.
    assert sovereign(engine, "1950-10-25", "sakhalin_south", "usa") == "japan"


def test_japan_view_of_north_sakhalin_occupation(engine):
    japan = engine.state("1920-07-02", "japan")["territories"]["sakhalin_north"]["statuses"]
    assert not any(s["role"] == "military_occupation" and "japan" in s["asserted_by"] for s in japan)
    japan = engine.state("1920-07-03", "japan")["territories"]["sakhalin_north"]["statuses"]
    assert any(s["role"] == "military_occupation" and s["event"] == "japan_sakhalin_declaration_1920"
               and "japan" in s["asserted_by"] for s in japan)


@pytest.mark.parametrize(("day", "shown"), [("1940-11-17", False), ("1940-11-18", True), ("1941-04-13", False)])
def test_molotov_tatekawa_proposal(engine, day, shown):
    for pov in ("russia", "japan"):
        marks = engine.state(day, pov)["territories"]["sakhalin_south"]["markers"]["proposed"]
        assert (["soviet", "sovereignty", "molotov_tatekawa_1940"] in marks) is shown, (day, pov)
    assert engine.state(day, "usa")["territories"]["sakhalin_south"]["markers"]["proposed"] == []
    marks = engine.state(day, "russia")["territories"]["sakhalin_north"]["markers"]["proposed"]
    assert (["japan", "renounced", "molotov_tatekawa_1940"] in marks) is (day != "1940-11-17")


@pytest.mark.parametrize(("day", "shown"), [("1905-10-14", False), ("1905-10-15", True), ("1945-08-08", True),
                                             ("1945-08-09", False)])
def test_portsmouth_strait_regime_in_de_facto_view(engine, day, shown):
    for strait in ("strait_soya", "strait_tatar"):
        roles = [s["role"] for s in engine.state(day, "de_facto")["regimes"][strait]]
        assert ("free_navigation" in roles) is shown, (day, strait)


@pytest.mark.parametrize(("day", "in_force"), [("1907-07-27", False), ("1907-07-28", True), ("1918-12-31", True),
                                                ("1919-01-01", False), ("1928-03-22", False), ("1928-03-23", True)])
def test_fisheries_in_force_between_the_parties(engine, day, in_force):
    roles = [s["role"] for s in engine.state(day, "de_facto")["regimes"]["strait_tatar"]]
    assert ("fishing_rights" in roles) is in_force


def test_yalta_quote_as_frus_prints_it(engine):
    src = engine.timeline.sources["yalta_1945_item2a"]
    assert "as well as all the islands adjacent to it shall be returned" in src.quote.original
    assert "has terminated the Soviet Union shall enter into the war" in src.quote.original
    assert "all the islands adjacent" in engine.events["yalta_agreement_1945"].clause.text


def test_event_dates(engine):
    ev = engine.events
    assert ev["portsmouth_1905"].dates["in_force"] == dt.date(1905, 10, 15)
    assert ev["sakhalin_invasion_1905"].sort_date == dt.date(1905, 7, 7)
    assert ev["north_sakhalin_occupation_1920"].sort_date == dt.date(1920, 4, 22)
    assert ev["japan_sakhalin_declaration_1920"].sort_date == dt.date(1920, 7, 3)
    assert ev["molotov_tatekawa_1940"].sort_date == dt.date(1940, 11, 18)
    assert ev["us_recognition_ussr_1933"].sort_date == dt.date(1933, 11, 16)
    for new in ("february_revolution_1917", "sakhalin_self_government_1918", "omsk_administration_1918",
                "sakhalin_soviet_power_1920", "japan_sakhalin_declaration_1920", "us_recognition_ussr_1933",
                "molotov_tatekawa_1940"):
        e = ev[new]
        assert all(getattr(e.title, lang) for lang in ("en", "ja", "ru", "zh")), new
        assert all(getattr(e.summary, lang) for lang in ("en", "ja", "ru", "zh")), new
        assert any(engine.timeline.sources[k].tier == "primary" or new in {
            "sakhalin_self_government_1918", "omsk_administration_1918", "sakhalin_soviet_power_1920"}
                   for k in e.sources), new
