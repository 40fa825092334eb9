"""The loader: valid fixture loads; broken files give one clear message naming file, item and
field (never a traceback)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from app import DataFileError
from app.timeline.model import TimelineDataError, load_timeline

FIXTURE = Path(__file__).resolve().parent.parent / "fixtures" / "timeline_small"


@pytest.fixture()
def data(tmp_path: Path) -> Path:
    target = tmp_path / "timeline"
    shutil.copytree(FIXTURE, target)
    return target


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def load_error(directory: Path) -> str:
    with pytest.raises(TimelineDataError) as info:
        load_timeline(directory)
    assert isinstance(info.value, DataFileError)
    return str(info.value)


def test_fixture_loads():
    t = load_timeline(FIXTURE)
    assert len(t.statuses) == 23
    assert t.statuses[0].uid == "era1_small#0"
    assert set(t.events) >= {"treaty_1905", "sf_1951", "decl_1956"}
    assert t.events["treaty_1905"].dates["in_force"].isoformat() == "1905-11-25"
    # Dates in free text stay text (YAML would make a date of them).
    assert t.disagreements["landing_dates"].positions[1].value.en == "1945-08-27"


def test_unknown_actor(data):
    row = "target: isle_a, start: 1945-08-20, end: 1946-02-02, actor: "
    edit(data / "era2_small.yaml", row + "soviet", row + "sovjet")
    msg = load_error(data)
    assert "era2_small.yaml: statuses[1] (target 'isle_a'): field 'actor': 'sovjet' is not a " \
           "known actor" in msg


def test_bad_date(data):
    edit(data / "era1_small.yaml", "start: 1905-07-07, end: 1905-11-25",
         "start: 1905-13-07, end: 1905-11-25")
    msg = load_error(data)
    assert "era1_small.yaml: statuses[1] (target 'isle_a'): field 'start': '1905-13-07' is not " \
           "a valid date (YYYY-MM-DD)" in msg


def test_bad_date_format_in_event(data):
    edit(data / "era2_small.yaml", "sort_date: 1945-02-11", "sort_date: 11 Feb 1945")
    msg = load_error(data)
    assert "era2_small.yaml: events[0] (id 'yalta_1945'): field 'sort_date': '11 Feb 1945' is " \
           "not a valid date" in msg


def test_missing_source_key(data):
    edit(data / "era2_small.yaml", "event: decree_1946, sources: [src_decree]}",
         "event: decree_1946, sources: [src_decre]}")
    msg = load_error(data)
    assert "era2_small.yaml: statuses[2] (target 'isle_a'): field 'sources[0]': 'src_decre' is " \
           "not a known source key" in msg


def test_unknown_target(data):
    edit(data / "era2_small.yaml", "target: line_y", "target: line_q")
    msg = load_error(data)
    assert "era2_small.yaml: statuses[10] (target 'line_q'): field 'target': 'line_q' is not a " \
           "unit, feature, strait, zone or line id" in msg


def test_unknown_event_and_end_event(data):
    edit(data / "era2_small.yaml", "end_event: decree_1946, sources: [src_yalta]",
         "end_event: decree_1964, sources: [src_yalta]")
    msg = load_error(data)
    assert "statuses[0] (target 'isle_a'): field 'end_event': 'decree_1964' is not a known " \
           "event id" in msg


def test_event_references(data):
    edit(data / "era2_small.yaml", "parties: [usa, soviet, uk]", "parties: [usa, soviet, ussr]")
    edit(data / "era2_small.yaml", "became: sf_1951", "became: sf_1952")
    edit(data / "era1_small.yaml", "text: \"cedes\", source: src_treaty",
         "text: \"cedes\", source: src_tretay")
    msg = load_error(data)
    assert "events[0] (id 'yalta_1945'): field 'parties[2]': 'ussr' is not a known actor" in msg
    assert "events[4] (id 'draft_1951'): field 'outcome.became': 'sf_1952' is not a known event" \
           in msg
    assert "events[2] (id 'treaty_1905'): field 'clause.source': 'src_tretay' is not a known " \
           "source key" in msg


def test_disagreement_sources(data):
    edit(data / "era2_small.yaml", "\n         sources: [src_landing]}", "\n         sources: [src_landingg]}")
    msg = load_error(data)
    assert "disagreements[0] (id 'landing_dates'): field 'positions[0].sources[0]': " \
           "'src_landingg' is not a known source key" in msg


@pytest.mark.parametrize("field", ["question", "positions[0].value", "adopted"])
def test_disagreement_text_in_every_language(data, field):
    # What a reader sees of a disagreement is shown in the interface language: a missing one stops the load.
    old = {"question": 'ja: "B群への上陸はいつ終わったか。",', "positions[0].value": 'ja: "1945年8月25日",',
           "adopted": 'ja: "このフィクスチャは1945年8月25日を用いる。",'}[field]
    edit(data / "era2_small.yaml", old, "")
    msg = load_error(data)
    assert f"era2_small.yaml: disagreements[0] (id 'landing_dates'): field '{field}.ja': Field required" in msg


def test_asserted_by(data):
    edit(data / "era1_small.yaml", "asserted_by: [de_facto], event: invasion_1905",
         "asserted_by: [defacto], event: invasion_1905")
    msg = load_error(data)
    assert "statuses[1] (target 'isle_a'): field 'asserted_by[0]': 'defacto' is neither " \
           "'de_facto' nor a known actor" in msg


def test_role_rules(data):
    edit(data / "era2_small.yaml", "\n     proposed_role: sovereignty,", "")
    edit(data / "era2_small.yaml", "actor: soviet, role: claim", "actor: null, role: claim")
    msg = load_error(data)
    assert "statuses[8] (target 'group_b'): field 'proposed_role': role 'proposed' needs a " \
           "proposed_role" in msg
    assert "statuses[0] (target 'isle_a'): field 'actor': role 'claim' needs an actor" in msg


def test_unknown_role_and_field(data):
    edit(data / "era2_small.yaml", "role: fishing_limit", "role: fishing_limits")
    edit(data / "era2_small.yaml", "note: \"Japan (bound)", "notes: \"Japan (bound)")
    msg = load_error(data)
    assert "statuses[10] (target 'line_y'): field 'role': 'fishing_limits': Input should be" in msg
    assert "statuses[10] (target 'line_y'): field 'notes': unknown field" in msg


def test_end_before_start(data):
    edit(data / "era2_small.yaml", "start: 1946-06-22, end: 1952-04-25",
         "start: 1946-06-22, end: 1946-06-22")
    msg = load_error(data)
    assert "statuses[10] (target 'line_y'): field 'end': end 1946-06-22 must be after start " \
           "1946-06-22" in msg


def test_empty_sources(data):
    edit(data / "era2_small.yaml", "event: scapin_1946, sources: [src_scapin]",
         "event: scapin_1946, sources: []")
    msg = load_error(data)
    assert "statuses[10] (target 'line_y'): field 'sources'" in msg


def test_duplicate_key_across_files(data):
    edit(data / "era2_small.yaml", "key: src_decree,", "key: src_treaty,")
    msg = load_error(data)
    assert "era2_small.yaml: sources[1] (key 'src_treaty'): field 'key': 'src_treaty' is " \
           "already defined in" in msg


def test_unknown_actor_in_actors_file(data):
    edit(data / "actors.yaml", "- {id: uk, group: other,", "- {id: uk, grop: other,")
    msg = load_error(data)
    assert "actors.yaml: actors[4] (id 'uk'): field 'group': Field required" in msg


def test_yaml_syntax_error(data):
    (data / "era2_small.yaml").write_text("sources: [\n  - key: x\n", encoding="utf-8")
    msg = load_error(data)
    assert "era2_small.yaml: line" in msg and "YAML syntax error" in msg


def test_top_level_shape(data):
    (data / "era2_small.yaml").write_text("- 1\n- 2\n", encoding="utf-8")
    msg = load_error(data)
    assert "era2_small.yaml: must be a mapping" in msg


def test_cross_file_reference_is_fine(data):
    # era2 statuses reference treaty_1905 (era1) already; moving an event keeps it valid.
    t = load_timeline(data)
    assert t.source_file["treaty_1905"].endswith("era1_small.yaml")


def test_all_errors_listed(data):
    edit(data / "era2_small.yaml", "actor: soviet, role: claim", "actor: sovjet, role: claim")
    edit(data / "era2_small.yaml", "target: line_y", "target: line_q")
    with pytest.raises(TimelineDataError) as info:
        load_timeline(data)
    assert len(info.value.errors) == 2
