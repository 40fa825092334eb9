"""Every era-2 date changed after the December 2026 audit, checked on the day before and on the day itself
in each point of view it affects (committed data). The sources are in the rows and events named."""

from __future__ import annotations

import datetime as dt

import pytest

from app.timeline.engine import Engine

HABOMAI_ISLETS = ("polonsky", "zelyony", "tanfilyev", "yuri", "anuchina", "demina", "signalny",
                  "habomai_other")


@pytest.fixture(scope="module")
def engine() -> Engine:
    from app.data import load_engine

    return load_engine()


def before(day: str) -> str:
    return (dt.date.fromisoformat(day) - dt.timedelta(days=1)).isoformat()


def territory(engine: Engine, day: str, unit: str, pov: str = "de_facto") -> dict:
    return engine.state(day, pov)["territories"][unit]


def sovereign(engine: Engine, day: str, unit: str, pov: str) -> str | None:
    return territory(engine, day, unit, pov)["sovereign"]


def shown_rows(engine: Engine, day: str, unit: str, pov: str, role: str) -> list[dict]:
    """The rows of `role` a point of view shows for `unit` on `day` (its own and those it knew of)."""
    return [s for s in territory(engine, day, unit, pov)["statuses"] if s["role"] == role]


def asserters(rows: list[dict]) -> set[str]:
    return {a for r in rows for a in r["asserted_by"]}


# --- de facto: the Habomai landings of 3 Sep 1945 (F05) ----------------------------------------------

@pytest.mark.parametrize("islet", HABOMAI_ISLETS)
def test_habomai_islets_occupied_on_3_september(engine, islet):
    was = territory(engine, "1945-09-02", "habomai")["features"][islet]
    now = territory(engine, "1945-09-03", "habomai")["features"][islet]
    assert (was["controlled_by"], was["control_kind"]) == ("japan", "sovereignty")
    assert (now["controlled_by"], now["control_kind"]) == ("soviet", "military_occupation")


def test_habomai_unit_changes_hands_on_3_september(engine):
    assert territory(engine, "1945-09-02", "habomai")["controlled_by"] == "japan"
    assert territory(engine, "1945-09-03", "habomai")["controlled_by"] == "soviet"


def test_south_sakhalin_occupied_at_the_end_of_the_operation(engine):
    # F06: the operation's end (25 Aug 1945; Hasegawa, Russian Historical Society), not the editors' note
    was = territory(engine, "1945-08-24", "sakhalin_south")
    now = territory(engine, "1945-08-25", "sakhalin_south")
    assert (was["controlled_by"], was["control_kind"]) == ("japan", "sovereignty")
    assert (now["controlled_by"], now["control_kind"]) == ("soviet", "military_occupation")


# --- sovereign per point of view -------------------------------------------------------------------------

# (day, unit, point of view, sovereign the day before, sovereign on the day)
SOVEREIGN_CHANGES = [
    # US: undetermined from Japan's renunciation in force, not from the Seven Principles (F13, era-1 F6)
    ("1952-04-28", "sakhalin_south", "usa", "japan", "undetermined"),
    ("1952-04-28", "kurils_north", "usa", "japan", "undetermined"),
    ("1952-04-28", "kurils_central", "usa", "japan", "undetermined"),
    ("1952-04-28", "iturup", "usa", "japan", "undetermined"),
    ("1952-04-28", "kunashir", "usa", "japan", "undetermined"),
    # US: Etorofu and Kunashiri Japanese from the aide-mémoire of 7 Sep 1956
    ("1956-09-07", "iturup", "usa", "undetermined", "japan"),
    ("1956-09-07", "kunashir", "usa", "undetermined", "japan"),
    # Japan's own view: renounced with the Kurils in 1952, Japanese again from 11 Feb 1956 (F03)
    ("1952-04-28", "iturup", "japan", "japan", None),
    ("1952-04-28", "kunashir", "japan", "japan", None),
    ("1956-02-11", "iturup", "japan", None, "japan"),
    ("1956-02-11", "kunashir", "japan", None, "japan"),
    # Japan from Sep 1955: the rest to be decided by the Allied Powers (F25)
    ("1955-09-14", "sakhalin_south", "japan", None, "undetermined"),
    ("1955-09-14", "kurils_north", "japan", None, "undetermined"),
    ("1955-09-14", "kurils_central", "japan", None, "undetermined"),
]


@pytest.mark.parametrize(("day", "unit", "pov", "was", "now"), SOVEREIGN_CHANGES)
def test_sovereign_changes_on_the_day(engine, day, unit, pov, was, now):
    assert sovereign(engine, before(day), unit, pov) == was
    assert sovereign(engine, day, unit, pov) == now


def test_the_seven_principles_change_no_colour(engine):
    for unit in ("sakhalin_south", "kurils_north", "iturup"):
        assert sovereign(engine, "1950-10-25", unit, "usa") == sovereign(engine, "1950-10-26", unit, "usa") == "japan"


def test_japan_and_habomai_shikotan_unchanged(engine):
    # Japan always held Habomai and Shikotan part of Hokkaido.
    for day in ("1952-04-28", "1955-06-01", "1956-02-11"):
        for unit in ("habomai", "shikotan"):
            assert sovereign(engine, day, unit, "japan") == "japan"


# --- renunciation of Iturup and Kunashir in each view (F03, F04) ------------------------------------------

@pytest.mark.parametrize("unit", ["iturup", "kunashir"])
@pytest.mark.parametrize(("pov", "start", "end"), [
    ("japan", "1952-04-28", "1956-02-11"),
    ("usa", "1952-04-28", "1956-09-07"),
    ("uk", "1952-04-28", None),
])
def test_renunciation_of_the_southern_kurils(engine, unit, pov, start, end):
    def own(day: str) -> bool:
        return pov in asserters(shown_rows(engine, day, unit, pov, "renounced"))
    assert not own(before(start))
    assert own(start)
    if end is not None:
        assert own(before(end))
        assert not own(end)
    else:
        assert own("1956-12-31")


@pytest.mark.parametrize("unit", ["iturup", "kunashir"])
def test_japan_claims_the_southern_kurils_from_london_to_the_official_view(engine, unit):
    def claims(day: str) -> bool:  # the London claim (Japan's public claim of 10 Dec 1955 goes on: see below)
        rows = [r for r in shown_rows(engine, day, unit, "japan", "claim") if r["event"] == "london_talks_1955"]
        return "japan" in asserters(rows)
    assert not claims("1955-05-31")
    assert claims("1955-06-01")
    assert claims("1956-02-10")
    assert not claims("1956-02-11")


@pytest.mark.parametrize("unit", ["sakhalin_south", "kurils_north", "kurils_central"])
def test_london_claims_from_1_june_1955(engine, unit):
    def claims(day: str) -> bool:
        return bool(shown_rows(engine, day, unit, "japan", "claim"))
    assert not claims("1955-05-31")
    assert claims("1955-06-01")
    assert claims("1955-09-13")
    assert not claims("1955-09-14")


# --- the Yalta promise: the US stopped holding it on 20 Mar 1952 (F02); the UK's stays (F15) --------------

@pytest.mark.parametrize("unit", ["sakhalin_south", "kurils_north", "kurils_central", "iturup", "kunashir"])
@pytest.mark.parametrize("pov", ["usa", "japan"])
def test_us_yalta_promise_ends_with_the_senate_declaration(engine, unit, pov):
    def us_promise(day: str) -> bool:
        rows = [r for r in shown_rows(engine, day, unit, pov, "promised") if r["event"] == "yalta_agreement_1945"]
        return "usa" in asserters(rows)
    assert us_promise("1952-03-19")
    assert not us_promise("1952-03-20")


def test_uk_yalta_promise_is_the_uks(engine):
    rows = [r for r in shown_rows(engine, "1955-01-01", "iturup", "usa", "promised")
            if r["event"] == "yalta_agreement_1945"]
    assert rows and asserters(rows) == {"uk"}


# --- lines: the MacArthur Line was enforced, so every view draws it (F14) ---------------------------------

@pytest.mark.parametrize("pov", ["de_facto", "japan", "russia", "usa"])
def test_macarthur_line_drawn_while_in_force(engine, pov):
    def drawn(day: str) -> bool:
        return bool(engine.state(day, pov)["lines"].get("line_macarthur"))
    assert not drawn("1946-06-21")
    assert drawn("1946-06-22")
    assert drawn("1952-04-24")
    assert not drawn("1952-04-25")


# --- events, dates and their words ------------------------------------------------------------------------

NEW_EVENTS = {
    "nishimura_diet_1951": "1951-10-19",
    "us_senate_sf_resolution_1952": "1952-03-20",
    "us_aide_memoire_1955": "1955-07-04",
    "japan_unified_view_1956": "1956-02-11",
}


@pytest.mark.parametrize(("event_id", "day"), NEW_EVENTS.items())
def test_new_events_dated_and_worded_in_four_languages(engine, event_id, day):
    event = engine.timeline.events[event_id]
    assert event.sort_date.isoformat() == day
    for lang in ("en", "ja", "ru", "zh"):
        assert getattr(event.title, lang) and getattr(event.summary, lang), (event_id, lang)
    primary = [engine.timeline.sources[k] for k in event.sources if engine.timeline.sources[k].tier == "primary"]
    assert any(s.verbatim for s in primary), event_id


def test_corrected_event_dates(engine):
    events = engine.timeline.events
    assert events["london_talks_1955"].dates["started"].isoformat() == "1955-06-01"     # FRUS d34 fn 3
    assert events["shigemitsu_moscow_1956"].dates["ended"].isoformat() == "1956-08-13"  # FRUS d89 fn 3
    assert events["us_aide_memoire_1956"].dates["published"].isoformat() == "1956-09-12"  # FRUS d101
    assert events["kuril_landings_1945"].date_certainty == "approximate"


def test_frus_1955_documents_dated(engine):
    sources = engine.timeline.sources
    for key in ("frus_1955_57_d34", "frus_1955_57_d34_habomai", "frus_1955_57_d34_undetermined"):
        assert sources[key].date == "1955-07-01", key
    assert sources["frus_1955_57_d52"].date == "1955-09-18"


def test_us_aide_memoire_of_1955_not_known_to_moscow(engine):
    # A confidential communication to Japan: its own rows are the US's position, and no one else's.
    event = engine.timeline.events["us_aide_memoire_1955"]
    assert event.disclosed == "parties" and event.known_to == ["japan"]


def test_no_editors_note_and_no_recalled_quotation_as_clause(engine):
    t = engine.timeline
    assert "report_background_1945_dates" not in t.sources
    for event_id in ("us_aide_memoire_1956", "stalin_address_1945", "gromyko_amendments_1951",
                     "us_senate_sf_resolution_1952"):
        clause = t.events[event_id].clause
        assert clause is not None and t.sources[clause.source].verbatim, event_id


@pytest.mark.parametrize("disagreement", ["us_yalta_promise_end", "uk_yalta_position_after_1951",
                                          "london_talks_start", "japan_view_southern_kurils",
                                          "habomai_landing_date"])
def test_disagreements_recorded(engine, disagreement):
    found = [d for d in engine.disagreements_for() if d["id"] == disagreement]
    assert found and len(found[0]["positions"]) >= 2
    for pos in found[0]["positions"]:
        assert all(c["short"] and c["full"] for c in pos["citations"])


def test_latest_event_is_san_francisco_on_its_entry_into_force(engine):
    # The Senate declaration (20 Mar 1952) falls between the treaty's signature and its entry into force;
    # on 28 Apr 1952 the map changes because the treaty is in force, and the page and files say so.
    assert engine.current_event(dt.date(1952, 4, 27)) == "us_senate_sf_resolution_1952"
    assert engine.current_event(dt.date(1952, 4, 28)) == "san_francisco_treaty_1951"
