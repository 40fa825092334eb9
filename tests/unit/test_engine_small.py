"""The engine on the tiny fixture (tests/fixtures/timeline_small): boundaries, perspectives,
claims, divided control, diff, event_map, history, paint segments."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from app.timeline.engine import Engine, QueryError, parse_date
from app.timeline.model import load_timeline

FIXTURE = Path(__file__).resolve().parent.parent / "fixtures" / "timeline_small"


@pytest.fixture(scope="module")
def engine() -> Engine:
    return Engine(load_timeline(FIXTURE))


def unit(engine: Engine, date: str, name: str, perspective: str = "de_facto") -> dict:
    return engine.state(date, perspective)["territories"][name]


def test_perspectives_listed(engine):
    assert engine.perspectives[:4] == ["de_facto", "japan", "russia", "usa"]
    assert "uk" in engine.perspectives
    # The Empire and the USSR speak for one point of view; `soviet` is an alias of it.
    assert engine.asserters["russia"] == {"russia", "soviet"}
    assert engine.check_perspective("soviet") == "russia"
    assert engine.state("1950-01-01", "soviet")["perspective"] == "russia"


@pytest.mark.parametrize(("date", "government"), [
    ("1905-01-01", "russia"), ("1917-11-06", "russia"), ("1917-11-07", "soviet"), ("1956-12-31", "soviet")])
def test_government_of(engine, date, government):
    assert engine.government_of("russia", date) == government
    assert engine.state(date, "russia")["government"] == government
    assert engine.government_of("japan", date) == "japan"
    assert engine.government_of("de_facto", date) is None


@pytest.mark.parametrize(("date", "controller", "kind"), [
    ("1905-07-06", "russia", "sovereignty"),          # last day of the Russian row
    ("1905-07-07", "japan", "military_occupation"),   # first day of the occupation
    ("1905-09-05", "japan", "military_occupation"),   # treaty signed: not yet in force
    ("1905-11-24", "japan", "military_occupation"),   # last day before entry into force
    ("1905-11-25", "japan", "sovereignty"),           # day of end: the occupation row is over
    ("1945-08-19", "japan", "sovereignty"),
    ("1945-08-20", "soviet", "military_occupation"),
    ("1946-02-01", "soviet", "military_occupation"),
    ("1946-02-02", "soviet", "sovereignty"),
    ("1956-12-31", "soviet", "sovereignty"),
])
def test_half_open_control(engine, date, controller, kind):
    a = unit(engine, date, "isle_a")
    assert (a["controlled_by"], a["control_kind"]) == (controller, kind)
    assert a["features"]["isle_a"]["controlled_by"] == controller


def test_control_is_the_fact_in_every_perspective(engine):
    for p in engine.perspectives:
        a = unit(engine, "1945-09-01", "isle_a", p)
        assert (a["controlled_by"], a["control_kind"]) == ("soviet", "military_occupation")
        # The de facto control row is listed in every perspective.
        assert any(s["id"] == "era2_small#1" for s in a["statuses"])


def test_signature_vs_entry_into_force(engine):
    # Japan's view of its title over Isle A runs to San Francisco's entry into force.
    assert unit(engine, "1951-09-08", "isle_a", "japan")["sovereign"] == "japan"
    assert unit(engine, "1952-04-27", "isle_a", "japan")["sovereign"] == "japan"
    assert unit(engine, "1952-04-28", "isle_a", "japan")["sovereign"] is None
    roles = {s["role"] for s in unit(engine, "1952-04-28", "isle_a", "japan")["statuses"]}
    assert "renounced" in roles
    roles_before = {s["role"] for s in unit(engine, "1952-04-27", "isle_a", "japan")["statuses"]}
    assert "renounced" not in roles_before
    # Treaty of 1905: Russian title in Japan's eyes until 1905-11-25 (not the signature).
    assert unit(engine, "1905-09-05", "isle_a", "japan")["sovereign"] == "russia"
    assert unit(engine, "1905-11-25", "isle_a", "japan")["sovereign"] == "japan"


def test_sovereign_per_perspective(engine):
    day = "1953-01-01"
    assert unit(engine, day, "isle_a", "usa")["sovereign"] == "undetermined"
    assert unit(engine, day, "isle_a", "soviet")["sovereign"] == "soviet"
    assert unit(engine, day, "isle_a", "japan")["sovereign"] is None
    assert unit(engine, day, "isle_a", "de_facto")["sovereign"] == "soviet"
    assert unit(engine, day, "isle_a", "uk")["sovereign"] is None  # no position
    assert unit(engine, day, "group_b", "japan")["sovereign"] == "japan"
    # Under occupation there is no de facto sovereign row.
    assert unit(engine, "1945-09-01", "isle_a")["sovereign"] is None


def test_statuses_filtered_by_perspective(engine):
    usa = unit(engine, "1953-01-01", "isle_a", "usa")["statuses"]
    assert all("usa" in s["asserted_by"] or s["role"] in ("sovereignty", "military_occupation")
               for s in usa)
    ids = {s["id"] for s in usa}
    # renounced, undetermined, control
    assert {"era2_small#3", "era2_small#4", "era2_small#2"} <= ids
    facts = unit(engine, "1953-01-01", "isle_a")["statuses"]
    assert all("de_facto" in s["asserted_by"] for s in facts)


def test_claimed_by(engine):
    # The de facto view draws a public claim against the holder, never a secret one or the holder's own.
    assert unit(engine, "1945-03-01", "isle_a")["claimed_by"] == []  # Yalta is secret; Japan holds it
    # A title as its holder sees it (a sovereignty row from an old treaty) is no claim made public:
    assert unit(engine, "1905-08-01", "isle_a")["claimed_by"] == []  # occupied; Russia's title is not drawn
    assert unit(engine, "1950-01-01", "isle_a")["claimed_by"] == []  # held by the USSR; Japan's title is not drawn
    assert unit(engine, "1952-04-28", "isle_a")["claimed_by"] == []  # renounced
    assert unit(engine, "1956-12-31", "group_b")["claimed_by"] == ["japan"]  # the claim of 7 Sep 1951
    # The Soviet claim rests on the secret Yalta agreement: its parties (USA, USSR) see it ...
    assert unit(engine, "1945-03-01", "isle_a", "usa")["claimed_by"] == ["japan", "soviet"]
    assert unit(engine, "1945-03-01", "isle_a", "russia")["claimed_by"] == ["japan", "soviet"]
    assert unit(engine, "1945-02-10", "isle_a", "usa")["claimed_by"] == ["japan"]
    # ... Japan does not.
    assert unit(engine, "1945-03-01", "isle_a", "japan")["claimed_by"] == ["japan"]
    # Group B: Japan never gave up its claim; the USSR holds it as sovereign (a public decree).
    assert unit(engine, "1956-12-31", "group_b", "japan")["claimed_by"] == ["japan", "soviet"]
    assert unit(engine, "1905-08-01", "isle_a", "russia")["claimed_by"] == ["russia"]


def test_divided_control_with_feature_override(engine):
    b = unit(engine, "1945-08-18", "group_b")
    assert b["controlled_by"] is None
    assert b["control_kind"] == "divided"
    assert b["features"]["b1"] == {"controlled_by": "soviet", "control_kind": "military_occupation",
                                   "event": "landing_1945"}
    assert b["features"]["b2"] == {"controlled_by": "japan", "control_kind": "sovereignty",
                                   "event": "treaty_1905"}
    before = unit(engine, "1945-08-17", "group_b")
    assert (before["controlled_by"], before["control_kind"]) == ("japan", "sovereignty")
    after = unit(engine, "1945-08-25", "group_b")
    assert (after["controlled_by"], after["control_kind"]) == ("soviet", "military_occupation")


def test_regimes_and_lines(engine):
    st = engine.state("1920-01-01", "de_facto")
    assert [s["role"] for s in st["regimes"]["strait_x"]] == ["free_navigation"]
    assert engine.state("1945-08-09", "de_facto")["regimes"]["strait_x"] == []
    assert [s["role"] for s in engine.state("1950-01-01", "usa")["lines"]["line_y"]] == [
        "fishing_limit"]


def test_events_in_force_and_current_event(engine):
    st = engine.state("1945-08-18", "de_facto")
    assert st["current_event"] == "landing_1945"
    assert "landing_1945" in st["events_in_force"]
    assert engine.state("1905-09-04", "de_facto")["current_event"] == "invasion_1905"
    assert engine.state("1905-09-05", "de_facto")["current_event"] == "treaty_1905"
    assert "treaty_1905" not in engine.state("1905-09-05", "de_facto")["events_in_force"]


def test_markers(engine):
    # A treaty promise in force between the parties: in the de facto view from entry into force.
    b = unit(engine, "1956-12-12", "group_b")
    assert b["markers"]["promised"] == [["japan", "decl_1956"]]
    assert unit(engine, "1956-12-11", "group_b")["markers"]["promised"] == []
    promised = [s for s in unit(engine, "1956-12-12", "group_b", "japan")["statuses"]
                if s["role"] == "promised"]
    assert promised[0]["condition"] == "after a peace treaty is concluded"
    # A draft (known to its parties only) is drawn in its author's view, never in the de facto view.
    assert unit(engine, "1951-05-01", "group_b", "usa")["markers"]["proposed"] == [
        ["japan", "sovereignty", "draft_1951"]]
    assert unit(engine, "1951-05-01", "group_b")["markers"]["proposed"] == []
    assert unit(engine, "1951-05-01", "group_b", "japan")["markers"]["proposed"] == []


@pytest.mark.parametrize(("date", "japan_sees"), [("1946-02-10", False), ("1946-02-11", True)])
def test_secret_agreement_known_from_publication(engine, date, japan_sees):
    """Yalta (secret, published 11 Feb 1946): the rows its parties asserted are known to Japan from
    the day of publication, not before (the segment boundary is the publication day)."""
    rows = engine.state(date, "japan")["territories"]["isle_a"]["statuses"]
    assert any(s["event"] == "yalta_1945" for s in rows) is False  # the claim row ended 1946-02-02
    assert engine._known("yalta_1945", "japan", parse_date(date)) is japan_sees
    assert engine._known("yalta_1945", "usa", parse_date("1945-02-11"))


def test_diff(engine):
    d = engine.diff("1945-08-17", "1946-02-02")
    assert d["from"] == "1945-08-17" and d["to"] == "1946-02-02"
    a = d["territories"]["isle_a"]
    assert a["controlled_by"] == {"from": "japan", "to": "soviet"}
    assert "control_kind" not in a  # sovereignty -> sovereignty
    assert set(a["events"]) == {"landing_1945", "decree_1946"}
    assert {s["id"] for s in a["statuses_added"]} == {"era2_small#2"}
    assert {s["id"] for s in a["statuses_removed"]} == {"era1_small#3"}
    b = d["territories"]["group_b"]
    assert b["features"]["b1"]["to"]["controlled_by"] == "soviet"
    assert d["events"] == ["landing_1945", "decree_1946"]
    # Nothing changes inside one segment.
    quiet = engine.diff("1930-01-01", "1930-06-01")
    assert quiet["territories"] == {} and quiet["events"] == []
    # Reverse order is allowed: the same events, from/to swapped.
    back = engine.diff("1946-02-02", "1945-08-17")
    assert back["events"] == d["events"]
    assert back["territories"]["isle_a"]["controlled_by"] == {"from": "soviet", "to": "japan"}


def test_diff_perspective(engine):
    d = engine.diff("1952-04-27", "1952-04-28", "usa")
    assert d["territories"]["isle_a"]["sovereign"] == {"from": "japan", "to": "undetermined"}
    assert d["events"] == ["sf_1951"]


def test_event_map(engine):
    m = engine.event_map("draft_1951")
    assert m["event"]["id"] == "draft_1951"
    assert m["event"]["outcome"]["became"] == "sf_1951"
    rows = m["provides"]["territories"]["group_b"]
    assert [(r["role"], r["actor"], r["proposed_role"]) for r in rows] == [
        ("proposed", "japan", "sovereignty")]
    t = engine.event_map("treaty_1905")
    assert set(t["provides"]["territories"]) == {"isle_a", "group_b"}
    assert set(t["provides"]["regimes"]) == {"strait_x"}
    assert set(t["ends"]["territories"]) == {"isle_a", "group_b"}
    landing = engine.event_map("landing_1945")
    assert {r["target"] for r in landing["provides"]["territories"]["group_b"]} == {"b1", "group_b"}
    with pytest.raises(QueryError) as info:
        engine.event_map("nope_1999")
    assert info.value.parameter == "event"


def test_history_sorted(engine):
    h = engine.history("group_b")
    starts = [(s["start"], s["end"] or "9999") for s in h["statuses"]]
    assert starts == sorted(starts)
    assert {s["target"] for s in h["statuses"]} == {"group_b", "b1"}
    assert [r["controlled_by"] for r in h["control"]["b1"]] == [
        "russia", "japan", "soviet", "soviet"]
    assert h["control"]["b1"][2]["start"] == "1945-08-18"
    assert h["control"]["b2"][2]["start"] == "1945-08-25"
    feature = engine.history("b1")
    assert {s["target"] for s in feature["statuses"]} == {"group_b", "b1"}
    assert engine.history("strait_x")["kind"] == "strait"
    with pytest.raises(QueryError):
        engine.history("atlantis")


def test_paint_segments(engine):
    paint = engine.paint_segments("de_facto")
    assert paint["range"] == ["1905-01-01", "1957-01-01"]
    b1 = paint["features"]["b1"]
    # Contiguous and covering the whole range.
    assert b1[0][0] == "1905-01-01" and b1[-1][1] == "1957-01-01"
    assert all(x[1] == y[0] for x, y in zip(b1, b1[1:], strict=False))
    # Adjacent equal segments are merged.
    assert all(x[2] != y[2] for x, y in zip(b1, b1[1:], strict=False))
    at = {seg[0]: seg[2] for seg in b1}
    assert at["1945-08-18"]["controlled_by"] == "soviet"
    assert paint["features"]["b2"][2][0] == "1945-08-25"
    assert paint["units"]["b1"] == "group_b"
    assert paint["straits"]["strait_x"][1][2]["roles"] == [["free_navigation", None]]
    assert engine.paint_segments("usa") is engine.paint_segments("usa")  # cached


@pytest.mark.parametrize("bad", ["1945-8-1", "19450801", "1945-02-30", "1904-12-31",
                                 "1957-01-01", "", None, "1945-08-01T00:00"])
def test_bad_dates(engine, bad):
    with pytest.raises(ValueError) as info:
        engine.state(bad, "de_facto")
    assert "date" in str(info.value)


def test_parse_date_range_message():
    with pytest.raises(QueryError, match="outside the map's range 1905-01-01"):
        parse_date("1904-12-31")
    assert parse_date("1905-01-01").isoformat() == "1905-01-01"
    assert parse_date("1956-12-31").isoformat() == "1956-12-31"


def test_unknown_perspective(engine):
    with pytest.raises(QueryError) as info:
        engine.state("1950-01-01", "mars")
    assert info.value.parameter == "perspective"
    assert "de_facto" in info.value.allowed


def test_no_control_problems_in_fixture(engine):
    assert engine.control_problems() == []


@pytest.mark.parametrize(("date", "claims"), [("1955-05-31", []), ("1955-06-01", []), ("1955-09-30", []),
                                              ("1955-10-01", ["japan"])])
def test_de_facto_draws_a_claim_from_its_publication(engine, date, claims):
    # Japan's claim of 1 Jun 1955 was a confidential negotiating position until published on 1 Oct 1955.
    assert unit(engine, date, "isle_a")["claimed_by"] == claims
    painted = [v["claimed_by"] for start, end, v in engine.paint_segments("de_facto")["features"]["isle_a"]
               if start <= date < end]
    assert painted == [claims]


@pytest.mark.parametrize(("date", "shown"), [("1955-09-17", False), ("1955-09-18", True)])
def test_known_from_dates_a_later_knowledge(engine, date, shown):
    # The US learnt of the talks' position on 18 Sep 1955 (known_from), before its publication.
    assert ("japan" in unit(engine, date, "isle_a", "usa")["claimed_by"]) is shown
    assert "japan" in unit(engine, date, "isle_a", "russia")["claimed_by"]  # a party


@pytest.mark.parametrize(("date", "claims"), [("1951-09-06", []), ("1951-09-07", ["japan"]), ("1956-12-31", ["japan"])])
def test_de_facto_draws_a_claim_from_the_statement_that_made_it_public(engine, date, claims):
    # Japan's title to Group B (a sovereignty row since 1905) is drawn only from its public claim (row 12).
    assert unit(engine, date, "group_b")["claimed_by"] == claims
    painted = [v["claimed_by"] for start, end, v in engine.paint_segments("de_facto")["features"]["b2"]
               if start <= date < end]
    assert painted == [claims]


def test_an_inferred_claim_is_not_drawn_as_made_public(engine):
    # 1945-08-20: the USSR holds B1, Japan still B2; the Soviet claim on Group B is only inferred (row 13).
    assert [v["claimed_by"] for start, end, v in engine.paint_segments("de_facto")["features"]["b2"]
            if start <= "1945-08-20" < end] == [[]]
    inferred = engine.statuses[[r.uid for r in engine.statuses].index("era2_small#13")]
    assert not engine.public_claim(inferred, dt.date(1945, 8, 20))
    assert "soviet" in unit(engine, "1945-08-20", "group_b", "russia")["claimed_by"]  # its own view keeps it


def test_a_claimant_holding_the_land_is_not_drawn_as_claiming_it(engine):
    # 1946-1952: the USSR holds Isle A as sovereign; its own title is no claim against itself.
    assert "soviet" not in unit(engine, "1950-01-01", "isle_a")["claimed_by"]
    values = engine.paint_segments("de_facto")["features"]["b1"]
    assert all("soviet" not in (v["claimed_by"] or []) for _s, _e, v in values)
