"""The fourth reader's findings (referee4 U1–U12) on the real data: which texts start a claim on the default map,
what the UK's view rests on, when the "when made public?" questions are asked, and how the story names a claimant
renamed while its row runs. Boundary days in the default view and the claimant's view."""

from __future__ import annotations

import datetime as dt

import pytest

from app.data import load_engine
from app.table import state_rows


@pytest.fixture(scope="module")
def engine():
    return load_engine()


def claims(engine, date: str, unit: str) -> list[str]:
    return engine.state(date, "de_facto")["territories"][unit]["claimed_by"]


def own_claim(engine, date: str, unit: str, pov: str, actor: str) -> bool:
    """A claim row of `actor` in force on `date` in `pov`'s own view."""
    rows = engine.state(date, pov)["territories"][unit]["statuses"]
    return any(r["role"] == "claim" and r["actor"] == actor for r in rows)


def position(engine, dis_id: str, startswith: str, lang: str = "en") -> dict:
    dis = next(d for d in engine.disagreements_for(lang=lang, include_seed_errors=True) if d["id"] == dis_id)
    return next(p for p in dis["positions"] if p["value"].startswith(startswith))


# --- U1: Habomai, 31 Mar 1951: the vote was not read, so the claim stays on Yoshida's speech ------------------

@pytest.mark.parametrize(("date", "expected"), [("1951-03-30", []), ("1951-03-31", []), ("1951-09-06", []),
                                                ("1951-09-07", ["japan"])])
def test_habomai_claim_starts_on_yoshidas_speech(engine, date, expected):
    assert claims(engine, date, "habomai") == expected
    assert own_claim(engine, date, "habomai", "japan", "japan") is bool(expected)


def test_the_1951_draft_lists_why_adoption_is_likely(engine):
    pos = position(engine, "japan_public_claim_habomai_shikotan", "31 Mar 1951")
    keys = {c["key"] for c in pos["citations"]}
    assert {"hor_resolution_1951_03_31", "hor_resolution_1953_07_07", "cccpcamera_2009_diet_resolutions"} <= keys
    assert "vote was not read" in pos["value"]
    quote = engine.timeline.sources["hor_resolution_1953_07_07"].quote.original
    assert "院議をもつてしばしばこれを要望した" in quote


# --- U4: Shigemitsu, 10 Dec 1955: the quote is whole and the copy read is named -------------------------------

def test_shigemitsu_quote_is_whole_and_names_the_copy(engine):
    src = engine.timeline.sources["diet_1955_12_10_shigemitsu"]
    assert "南千島は固有の領土だとして返還を主張するということにはアメリカもこれは異議はな" in src.quote.original
    assert "日本の固有の領土、いまだかつて問題に従来なったことのない領土" in src.quote.original
    assert "has no objection" in src.quote.en
    assert "naritakaede.coresv.com" in src.publication
    assert "naritakaede.coresv.com" in engine.timeline.sources["sangiin_2020_inherent_territory"].note


@pytest.mark.parametrize("unit", ["iturup", "kunashir"])
def test_southern_kurils_claim_still_starts_on_10_december(engine, unit):
    assert claims(engine, "1955-12-09", unit) == [] and claims(engine, "1955-12-10", unit) == ["japan"]


# --- U2, U3: the Soviet claim starts by succession; Joffe's words as the report gives them ---------------------

@pytest.mark.parametrize(("date", "soviet"), [("1922-11-14", False), ("1922-11-15", True), ("1925-05-14", True),
                                              ("1925-05-15", False)])
def test_soviet_claim_by_succession_on_its_boundary_days(engine, date, soviet):
    assert (claims(engine, date, "sakhalin_north") == ["soviet"]) is soviet
    assert own_claim(engine, date, "sakhalin_north", "russia", "soviet") is soviet


def test_the_succession_rule_is_written_and_applied(engine):
    row = next(r for r in engine.history("sakhalin_north")["statuses"]
               if r["role"] == "claim" and r["actor"] == "soviet" and r["start"] == "1922-11-15")
    assert "by succession" in row["note"] and "fall short of the standard" in row["note"]
    with open("docs/data_model.md", encoding="utf-8") as fh:
        assert "**Succession:**" in fh.read()


@pytest.mark.parametrize(("lang", "wrong", "right"), [
    ("en", "rejected any link", "preliminary agreement"), ("ja", "結びつきを否定した", "予備的合意"),
    ("ru", "отверг связь", "предварительного соглашения"), ("zh", "否认", "初步协议")])
def test_joffe_position_says_what_the_report_says(engine, lang, wrong, right):
    dis = next(d for d in engine.disagreements_for(lang=lang) if d["id"] == "soviet_public_claim_north_sakhalin")
    joffe = dis["positions"][0]["value"]
    assert wrong not in joffe and right in joffe
    assert "published in September" not in engine.timeline.sources["changchun_1922_09_26_joffe"].author


# --- U5: the UK's view is inferred and cites the treaty; no ROC view ----------------------------------------

@pytest.mark.parametrize("unit", ["sakhalin_south", "kurils_north", "kurils_central", "iturup", "kunashir"])
def test_uk_view_is_inferred_on_both_sides_of_the_treaty(engine, unit):
    before = engine.state("1952-04-27", "uk")["territories"][unit]
    after = engine.state("1952-04-28", "uk")["territories"][unit]
    assert (before["sovereign"], before["sovereign_inferred"]) == ("japan", True)
    assert (after["sovereign"], after["sovereign_inferred"]) == ("undetermined", True)
    assert engine.state("1952-04-27", "usa")["territories"][unit]["sovereign_inferred"] is False
    row = next(r for r in state_rows(engine, "1953-01-01", "uk", "en") if r["target"] == unit)
    assert row["sovereign"] == "Undetermined (inferred)" and "sfpt_1951_art2c" in row["sources"]


@pytest.mark.parametrize("unit", ["shikotan", "habomai"])
def test_uk_states_no_position_on_shikotan_and_habomai_after_the_treaty(engine, unit):
    assert engine.state("1952-04-27", "uk")["territories"][unit]["sovereign"] == "japan"
    assert engine.state("1952-04-28", "uk")["territories"][unit]["sovereign"] is None
    row = next(r for r in state_rows(engine, "1952-04-28", "uk", "en") if r["target"] == unit)
    assert row["sovereign"] == "No stated position"


def test_no_republic_of_china_view_without_an_roc_text(engine):
    assert "china_roc" not in engine.perspectives


# --- U6: the "when made public?" questions on the alternative days and the right places ----------------------

@pytest.mark.parametrize(("unit", "date", "question", "asked"), [
    ("sakhalin_north", "1922-09-25", "soviet_public_claim_north_sakhalin", False),
    ("sakhalin_north", "1922-09-26", "soviet_public_claim_north_sakhalin", True),
    ("sakhalin_north", "1922-10-25", "soviet_public_claim_north_sakhalin", True),
    ("sakhalin_north", "1922-11-14", "soviet_public_claim_north_sakhalin", True),
    ("sakhalin_north", "1925-05-15", "soviet_public_claim_north_sakhalin", False),
    ("iturup", "1955-12-08", "japan_public_claim_southern_kurils", False),
    ("iturup", "1955-12-09", "japan_public_claim_southern_kurils", True),
    ("habomai", "1947-10-07", "japan_public_claim_habomai_shikotan", False),
    ("habomai", "1947-10-08", "japan_public_claim_habomai_shikotan", True),
    ("shikotan", "1951-03-31", "japan_public_claim_habomai_shikotan", True),
    ("iturup", "1951-03-31", "japan_public_claim_habomai_shikotan", False),
    ("iturup", "1955-06-01", "japan_public_claim_south_sakhalin_kurils_1955", False),
    ("kunashir", "1955-12-10", "japan_public_claim_south_sakhalin_kurils_1955", False),
    ("sakhalin_south", "1955-06-01", "japan_public_claim_south_sakhalin_kurils_1955", True),
])
def test_when_made_public_questions_are_asked_on_the_days_a_reader_asks(engine, unit, date, question, asked):
    assert (question in [d["id"] for d in engine.disagreements_for(target=unit, date=date)]) is asked


# --- U7, U9, U11: gloss marked as ours, the Yoshida note, one claimant named once ------------------------------

def test_southern_chishima_gloss_is_marked_in_every_language(engine):
    events = engine.timeline.events
    assert "the names are not in the passages read" in events["shigemitsu_diet_1955"].summary.en
    assert "読んだ箇所に島名はない" in events["shigemitsu_diet_1955"].summary.ja
    assert "読んだ箇所に島名はない" in events["diet_southern_kurils_1955"].summary.ja
    assert "острова не названы" in events["diet_southern_kurils_1955"].summary.ru
    assert "未提岛名" in events["diet_southern_kurils_1955"].summary.zh


def test_yoshida_note_gives_the_words_as_the_reason(engine):
    note = engine.timeline.events["yoshida_speech_1951"].note
    assert "Czarist" in note and "no demand" in note


@pytest.mark.parametrize(("day", "lang", "expected"), [
    ("1923-06-01", "en", "Soviet Russia (RSFSR), from 30 December 1922 the USSR, claimed North Sakhalin"),
    ("1923-06-01", "ja", "ソビエト・ロシア（RSFSR）（1922年12月30日からはソ連）"),
    ("1922-12-01", "en", "From 15 November 1922 to 15 May 1925, Soviet Russia (RSFSR) claimed North Sakhalin"),
])
def test_story_names_a_renamed_claimant_as_the_summary_does(engine, day, lang, expected):
    from app.page.story import rows_in_force, sentence

    shown = dt.date.fromisoformat(day)
    told = [sentence(engine, r, "North Sakhalin", lang, shown)
            for r in rows_in_force(engine, "sakhalin_north", shown, "de_facto") if r["role"] == "claim"]
    assert any(expected in s for s in told), told


def test_story_lists_views_with_one_capital(engine):
    from app.page.story import _who_says, rows_in_force

    day = dt.date(1905, 8, 1)
    told = [_who_says(engine, r, day, "en") for r in rows_in_force(engine, "sakhalin_south", day, "russia")]
    assert "Japan's view, the Russian Empire's view" in told, told
