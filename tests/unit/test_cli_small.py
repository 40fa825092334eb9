"""`python -m app` on the tiny fixture: JSON on stdout, bad input on stderr with exit code 2."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from app.__main__ import build_parser, main

ROOT = Path(__file__).resolve().parent.parent.parent
FIXTURE = ROOT / "tests" / "fixtures" / "timeline_small"


def run(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(["--data", str(FIXTURE), *argv])
    out = capsys.readouterr()
    return code, out.out, out.err


def test_state(capsys):
    code, out, _ = run(capsys, "state", "--date", "1952-04-28", "--perspective", "usa")
    assert code == 0
    body = json.loads(out)
    assert body["territories"]["isle_a"]["sovereign"] == "undetermined"


def test_non_ascii_kept(capsys):
    code, out, _ = run(capsys, "events", "treaty_1905")
    assert code == 0
    assert "1905年条約" in out


@pytest.mark.parametrize(("argv", "parameter"), [
    (["state", "--date", "1945-8-1"], "date"),
    (["state", "--date", "1904-12-31"], "date"),
    (["state", "--date", "1950-01-01", "--perspective", "mars"], "perspective"),
    (["events", "nope_1999"], "event"),
    (["history", "atlantis"], "territory"),
    (["diff", "--from", "1950-01-01", "--to", "1960-01-01"], "to"),
])
def test_bad_input(capsys, argv, parameter):
    code, out, err = run(capsys, *argv)
    assert code == 2
    assert out == ""
    assert f": {parameter}: " in err
    assert "Traceback" not in err


def test_usage_error_exit_2(capsys):
    with pytest.raises(SystemExit) as info:
        main(["state"])
    assert info.value.code == 2
    assert "--date" in capsys.readouterr().err


def test_subcommands_are_subparsers():
    parser = build_parser()
    actions = [a for a in parser._actions if a.__class__.__name__ == "_SubParsersAction"]
    assert set(actions[0].choices) >= {"state", "events", "history", "diff"}


def test_subprocess_no_traceback():
    result = subprocess.run(
        [sys.executable, "-m", "app", "--data", str(FIXTURE), "state", "--date", "19450801"],
        capture_output=True, text=True, cwd=ROOT, timeout=60,
    )
    assert result.returncode == 2
    assert "date" in result.stderr and "Traceback" not in result.stderr


def test_broken_data_exit_1(tmp_path, capsys):
    broken = tmp_path / "timeline"
    broken.mkdir()
    for name in ("registry.yaml", "actors.yaml"):
        (broken / name).write_text((FIXTURE / name).read_text(encoding="utf-8"), encoding="utf-8")
    (broken / "era.yaml").write_text("statuses: [{target: nowhere}]\n", encoding="utf-8")
    code = main(["--data", str(broken), "events"])
    err = capsys.readouterr().err
    assert code == 1
    assert "era.yaml: statuses[0] (target 'nowhere'): field 'target'" in err
