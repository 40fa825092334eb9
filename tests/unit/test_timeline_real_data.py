"""Acceptance tests on the committed data (geodata/timeline/*.yaml).

These are the data authors' acceptance tests: they state what the primary texts say. Do not weaken
them to make incomplete data pass; fix the data.
"""

from __future__ import annotations

import re

import pytest

from app import PROJECT_ROOT, DataFileError
from app.timeline.engine import RANGE_END, RANGE_START, Engine
from app.timeline.model import DE_FACTO, Timeline

ERA_FILES = ("era1_1905_1944.yaml", "era2_1945_1956.yaml")


@pytest.fixture(scope="module")
def engine() -> Engine:
    from app.data import load_engine

    try:
        return load_engine()
    except DataFileError as error:
        pytest.fail(f"the committed timeline does not load:\n{error}")


@pytest.fixture(scope="module")
def timeline(engine: Engine) -> Timeline:
    return engine.timeline


def territory(engine: Engine, date: str, unit: str, perspective: str = "de_facto") -> dict:
    return engine.state(date, perspective)["territories"][unit]


# --- structure ----------------------------------------------------------------------------------

@pytest.mark.parametrize("name", ERA_FILES)
def test_era_file_present(name):
    assert (PROJECT_ROOT / "geodata" / "timeline" / name).is_file(), f"{name} is missing"


def test_has_statuses_and_events(timeline):
    assert timeline.events, "no events"
    assert timeline.statuses, "no statuses"


def test_canonical_events_exist(timeline):
    text = (PROJECT_ROOT / "docs" / "data_model.md").read_text(encoding="utf-8")
    section = text.split("## Canonical event ids", 1)[1].split("\n## ", 1)[0]
    canonical = re.findall(r"`([a-z0-9_]+_\d{4}(?:_\d{2})?)`", section)
    assert len(canonical) > 50
    missing = [e for e in canonical if e not in timeline.events]
    assert not missing, f"canonical events missing: {missing}"


def test_every_feature_has_one_de_facto_controller_every_day(engine):
    problems = engine.control_problems()
    assert not problems, f"{len(problems)} problems, first ones:\n" + "\n".join(problems[:30])


def test_every_referenced_id_exists(timeline):
    actors, events, sources = set(timeline.actors), set(timeline.events), set(timeline.sources)
    targets = timeline.registry.target_ids
    problems = []
    for s in timeline.statuses:
        refs = [("target", s.target, targets), ("event", s.event, events)]
        refs += [("end_event", s.end_event, events)] if s.end_event else []
        refs += [("actor", s.actor, actors)] if s.actor else []
        refs += [("recipient", s.recipient, actors)] if s.recipient else []
        refs += [("sources", k, sources) for k in s.sources]
        refs += [("asserted_by", a, actors | {DE_FACTO}) for a in s.asserted_by]
        problems += [f"{s.uid} {f}={v}" for f, v, known in refs if v not in known]
    for e in timeline.events.values():
        refs = [("sources", k, sources) for k in e.sources]
        refs += [("parties", a, actors) for a in e.parties]
        refs += [("clause.source", e.clause.source, sources)] if e.clause else []
        refs += ([("outcome.became", e.outcome.became, events)]
                 if e.outcome and e.outcome.became else [])
        problems += [f"{e.id} {f}={v}" for f, v, known in refs if v not in known]
    for d in timeline.disagreements.values():
        problems += [f"{d.id} sources={k}" for p in d.positions for k in p.sources
                     if k not in sources]
    assert not problems, problems


def test_every_status_and_event_has_a_source(timeline):
    assert all(s.sources for s in timeline.statuses)
    assert all(e.sources for e in timeline.events.values())


def test_statuses_start_before_range_end(timeline):
    late = [s.uid for s in timeline.statuses if s.start > RANGE_END]
    assert not late
    assert RANGE_START.isoformat() == "1905-01-01"


def test_core_perspectives(engine):
    assert engine.perspectives[:4] == ["de_facto", "japan", "russia", "usa"]


# --- dated facts from the primary texts ---------------------------------------------------------

CONTROL_FACTS = [
    # (date, unit, controlled_by, control_kind) — de facto.
    ("1905-01-01", "sakhalin_south", "russia", "sovereignty"),   # 1875 treaty: all Sakhalin Russian
    ("1905-01-01", "sakhalin_north", "russia", "sovereignty"),
    ("1905-01-01", "kurils_north", "japan", "sovereignty"),      # 1875: all Kurils Japanese
    ("1905-01-01", "iturup", "japan", "sovereignty"),            # 1855: Etorofu Japanese
    ("1905-09-04", "sakhalin_south", "japan", "military_occupation"),  # July 1905 invasion
    ("1905-10-14", "sakhalin_south", "japan", "military_occupation"),  # treaty not yet in force
    ("1905-10-15", "sakhalin_south", "japan", "sovereignty"),    # Portsmouth in force (Art. XIV)
    ("1905-10-15", "sakhalin_north", "russia", "sovereignty"),
    ("1923-06-01", "sakhalin_north", "japan", "military_occupation"),
    ("1925-05-15", "sakhalin_north", "soviet", "sovereignty"),   # evacuation completed
    ("1945-08-08", "sakhalin_south", "japan", "sovereignty"),
    ("1945-08-08", "kunashir", "japan", "sovereignty"),
    ("1945-09-06", "sakhalin_south", "soviet", "military_occupation"),
    ("1945-09-06", "kurils_north", "soviet", "military_occupation"),
    ("1945-09-06", "kurils_central", "soviet", "military_occupation"),
    ("1945-09-06", "iturup", "soviet", "military_occupation"),
    ("1945-09-06", "kunashir", "soviet", "military_occupation"),
    ("1945-09-06", "shikotan", "soviet", "military_occupation"),
    ("1945-09-06", "habomai", "soviet", "military_occupation"),
    ("1946-02-02", "sakhalin_south", "soviet", "sovereignty"),   # Presidium decree of 2 Feb 1946
    ("1946-02-02", "kurils_north", "soviet", "sovereignty"),
    ("1946-02-02", "kunashir", "soviet", "sovereignty"),
    ("1946-02-02", "habomai", "soviet", "sovereignty"),
    ("1956-12-31", "shikotan", "soviet", "sovereignty"),
]


@pytest.mark.parametrize(("date", "unit", "controller", "kind"), CONTROL_FACTS)
def test_control_facts(engine, date, unit, controller, kind):
    t = territory(engine, date, unit)
    assert (t["controlled_by"], t["control_kind"]) == (controller, kind), t["features"]


@pytest.mark.parametrize(("date", "controller", "kind"), [
    ("1945-08-17", "japan", "sovereignty"),            # before the Shumshu landing (18 Aug)
    ("1945-08-19", "soviet", "military_occupation"),
])
def test_shumshu_landing(engine, date, controller, kind):
    f = territory(engine, date, "kurils_north")["features"]["shumshu"]
    assert (f["controlled_by"], f["control_kind"]) == (controller, kind)


def test_1923_soviet_or_fer_claim_to_north_sakhalin(engine):
    claims = set(territory(engine, "1923-06-01", "sakhalin_north", "russia")["claimed_by"])
    assert claims & {"soviet", "fer"}, claims


def test_de_facto_sovereign_after_annexation(engine):
    for unit in ("sakhalin_south", "kurils_north", "kurils_central", "iturup", "kunashir",
                 "shikotan", "habomai"):
        assert territory(engine, "1946-02-02", unit)["sovereign"] == "soviet", unit
        assert territory(engine, "1946-02-02", unit, "russia")["sovereign"] == "soviet", unit


def test_japan_view_of_karafuto_ends_with_san_francisco_in_force(engine):
    # Signature (8 Sep 1951) is not entry into force (28 Apr 1952).
    assert territory(engine, "1951-09-08", "sakhalin_south", "japan")["sovereign"] == "japan"
    assert territory(engine, "1952-04-27", "sakhalin_south", "japan")["sovereign"] == "japan"
    assert territory(engine, "1952-04-28", "sakhalin_south", "japan")["sovereign"] != "japan"


def _rows(engine: Engine, date: str, unit: str, role: str, event: str) -> list[dict]:
    rows = [s for s in engine.history(unit)["statuses"]
            if s["role"] == role and s["event"] == event]
    return [s for s in rows if s["start"] <= date and (s["end"] is None or date < s["end"])]


@pytest.mark.parametrize("unit", ["sakhalin_south", "kurils_north", "kurils_central"])
def test_san_francisco_renunciation_in_force(engine, unit):
    # SF Art. 2(c): Japan renounces all right, title and claim; in force 28 Apr 1952.
    rows = _rows(engine, "1952-04-28", unit, "renounced", "san_francisco_treaty_1951")
    assert rows, f"no renunciation of {unit} in force on 1952-04-28"
    assert all(r["actor"] == "japan" and "japan" in r["asserted_by"] for r in rows)
    assert not _rows(engine, "1952-04-27", unit, "renounced", "san_francisco_treaty_1951")
    statuses = territory(engine, "1952-04-28", unit, "japan")["statuses"]
    assert any(s["role"] == "renounced" for s in statuses)


@pytest.mark.parametrize("unit", ["habomai", "shikotan"])
def test_joint_declaration_promise(engine, unit):
    # Joint Declaration, signed 19 Oct 1956, in force 12 Dec 1956, para 9: transfer after a peace
    # treaty is concluded.
    rows = _rows(engine, "1956-12-12", unit, "promised", "joint_declaration_1956")
    assert rows, f"no promise of {unit} in force on 1956-12-12"
    assert all(r["actor"] == "japan" and r["condition"] for r in rows)
    assert not _rows(engine, "1956-12-11", unit, "promised", "joint_declaration_1956")
    assert ["japan", "joint_declaration_1956"] in territory(
        engine, "1956-12-12", unit)["markers"]["promised"]


def test_joint_declaration_promises_nothing_else(engine):
    provided = engine.event_map("joint_declaration_1956")["provides"]["territories"]
    promised_units = {u for u, rows in provided.items()
                      if any(r["role"] == "promised" for r in rows)}
    assert promised_units == {"habomai", "shikotan"}


def test_portsmouth_event_map(engine):
    m = engine.event_map("portsmouth_1905")
    assert m["event"]["dates"]["in_force"] == "1905-10-15"  # the later announcement (Art. XIV)
    assert m["event"]["dates"]["ratifications_exchanged"] == "1905-11-25"
    assert "sakhalin_south" in m["provides"]["territories"]


def test_history_sorted(engine):
    for unit in engine.units:
        rows = engine.history(unit)["statuses"]
        keys = [(r["start"], r["end"] or "9999-12-31") for r in rows]
        assert keys == sorted(keys), unit


US_VIEW_FACTS = [
    # (date, unit, sovereign in the US view). Japanese title until Japan's renunciation took effect
    # (28 Apr 1952); then "The locus of sovereignty over these areas has not been determined" (FRUS
    # 1955-57 d12); aide-mémoire (7 Sep 1956): Etorofu/Kunashiri are Japanese.
    ("1950-10-26", "sakhalin_south", "japan"),         # the Seven Principles only proposed
    ("1952-04-28", "sakhalin_south", "undetermined"),
    ("1952-05-01", "sakhalin_south", "undetermined"),
    ("1952-05-01", "kurils_north", "undetermined"),
    ("1956-12-31", "kurils_central", "undetermined"),
    ("1952-05-01", "iturup", "undetermined"),
    ("1956-09-06", "kunashir", "undetermined"),
    ("1956-09-07", "kunashir", "japan"),
    ("1951-09-05", "habomai", "japan"),                # Dulles at San Francisco
]


@pytest.mark.parametrize(("date", "unit", "sovereign"), US_VIEW_FACTS)
def test_us_view_facts(engine, date, unit, sovereign):
    assert territory(engine, date, unit, "usa")["sovereign"] == sovereign
