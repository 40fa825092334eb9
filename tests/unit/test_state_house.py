"""The house reads one way: the map state's constants are defined once (app/mapstate.py, and the generated
assets/constants.js), the import graph of app/ and callbacks/ has no cycle, app/__init__.py imports nothing of its
own, and the export and lesson packages are free of Dash."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

from app import PROJECT_ROOT

SOURCES = [p for base in ("app", "callbacks", "assets") for p in sorted((PROJECT_ROOT / base).rglob("*"))
           if p.suffix in (".py", ".js") and p.is_file()]
# Where the state's constants may be written: their home and the file generated from it.
HOMES = {PROJECT_ROOT / "app" / "mapstate.py", PROJECT_ROOT / "assets" / "constants.js"}
Q = r"""["']"""
COPIES = {
    "the epoch 1905-01-01": [r"date\(\s*1905\s*,\s*1\s*,\s*1\s*\)", r"Date\.UTC\(\s*1905\s*,\s*0\s*,\s*1\s*\)",
                             Q + r"1905-01-01" + Q],
    "the last day 1956-12-31": [r"date\(\s*1956\s*,\s*12\s*,\s*31\s*\)", r"Date\.UTC\(\s*1956\s*,\s*11\s*,\s*31\s*\)",
                                Q + r"1956-12-31" + Q, r"\b18992\b", r"\b18627\b"],
    "the points of view": [Q + r"de_facto" + Q + r"\s*,\s*" + Q + r"japan" + Q + r"\s*,\s*" + Q + r"russia" + Q],
    "the languages": [r"\s*,\s*".join(Q + code + Q for code in ("en", "ja", "ru", "zh"))],
}


def _code(path: Path) -> str:
    """The file without its comments (a date named in a comment or a docstring is not a definition)."""
    text = path.read_text(encoding="utf-8")
    if path.suffix == ".py":
        text = re.sub(r'"""(?:.|\n)*?"""', '""', text)
        return re.sub(r"#[^\n]*", "", text)
    text = re.sub(r"/\*(?:.|\n)*?\*/", "", text)
    return re.sub(r"(?<![:\"'])//[^\n]*", "", text)


@pytest.mark.parametrize("what", list(COPIES))
def test_stat101_the_states_constants_are_defined_once(what):
    found = [f"{p.relative_to(PROJECT_ROOT)}: {m.group(0)}" for p in SOURCES if p not in HOMES
             for pattern in COPIES[what] for m in re.finditer(pattern, _code(p))]
    assert not found, f"{what} written again outside app/mapstate.py:\n" + "\n".join(found)


def test_stat102_the_grep_finds_what_it_looks_for():
    """The patterns above find each constant in its home (a pattern that finds nothing proves nothing)."""
    home = _code(PROJECT_ROOT / "app" / "mapstate.py") + _code(PROJECT_ROOT / "assets" / "constants.js")
    for what, patterns in COPIES.items():
        assert any(re.search(p, home) for p in patterns), what


def _modules() -> dict[str, Path]:
    out = {}
    for base in ("app", "callbacks"):
        for path in (PROJECT_ROOT / base).rglob("*.py"):
            parts = list(path.relative_to(PROJECT_ROOT).with_suffix("").parts)
            if parts[-1] == "__init__":
                parts = parts[:-1]
            out[".".join(parts)] = path
    return out


def import_graph() -> dict[str, set[str]]:
    """module → the first-party modules it imports, at the top or inside a function (`from pkg import mod` imports
    mod; `from pkg import name` imports pkg)."""
    modules = _modules()

    def owner(name: str) -> str | None:
        while name and name not in modules:
            name = name.rpartition(".")[0]
        return name or None

    graph: dict[str, set[str]] = {m: set() for m in modules}
    for module, path in modules.items():
        package = module if path.name == "__init__.py" else module.rpartition(".")[0]
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                targets = [a.name for a in node.names]
            elif isinstance(node, ast.ImportFrom):
                base = node.module or ""
                if node.level:
                    parts = package.split(".")[:len(package.split(".")) - node.level + 1]
                    base = ".".join(parts + ([base] if base else []))
                targets = [f"{base}.{a.name}" if f"{base}.{a.name}" in modules else base for a in node.names]
            else:
                continue
            for target in targets:
                found = owner(target)
                if found and found != module:
                    graph[module].add(found)
    return graph


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """The strongly connected groups of more than one module (Tarjan), each a circle of imports."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []

    def visit(v: str) -> None:
        index[v] = low[v] = len(index)
        stack.append(v)
        on_stack.add(v)
        for w in sorted(graph[v]):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on_stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            group = []
            while True:
                w = stack.pop()
                on_stack.discard(w)
                group.append(w)
                if w == v:
                    break
            if len(group) > 1:
                found.append(sorted(group))

    for v in sorted(graph):
        if v not in index:
            visit(v)
    return found


def test_stat103_no_import_cycle_in_app_and_callbacks():
    assert not cycles(import_graph()), "import circles:\n" + "\n".join(" ↔ ".join(c) for c in cycles(import_graph()))


def test_stat104_the_cycle_finder_finds_a_cycle():
    assert cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]
    graph = import_graph()
    assert "app.mapstate" in graph["app.export.request"] and "app.ids" in graph["app.mapstate"]


def test_stat105_the_package_face_imports_nothing_of_its_own():
    assert import_graph()["app"] == set(), "app/__init__.py holds constants only (create_app: app/server.py)"


@pytest.mark.parametrize("package", ["app/export", "app/lessons"])
def test_stat106_export_and_lessons_are_free_of_dash(package):
    found = []
    for path in sorted((PROJECT_ROOT / package).rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            names = [a.name for a in node.names] if isinstance(node, ast.Import) else \
                [node.module or ""] if isinstance(node, ast.ImportFrom) else []
            found += [f"{path.relative_to(PROJECT_ROOT)}: {n}" for n in names if n == "dash" or n.startswith("dash.")]
    assert not found, found


def test_stat107_one_keyboard_listener():
    """One keydown listener on the page: the keyboard controller (assets/keys.js)."""
    listeners = [p.name for p in (PROJECT_ROOT / "assets").glob("*.js")
                 for _ in re.finditer(r"addEventListener\(\s*[\"']keydown", p.read_text(encoding="utf-8"))]
    assert listeners == ["keys.js"], listeners
