"""Readable citations (app/citations.py) on the committed data, and the downloads: every source
cited by author/issuer and title, seeds by bibliographic identity, quotations only when verbatim,
no development path anywhere, a dataset version in every download."""

from __future__ import annotations

import json
import re

import pytest
from flask import Flask

from app import PROJECT_ROOT
from app.api import register_api
from app.citations import cite, cite_many
from app.i18n import LANGUAGES
from app.timeline.engine import Engine

DEV_PATH = re.compile(r"/work/|/home/|/root/|/tmp/|\.\./shared|shared/(seeds|history|design)|primary_sources\.md"
                      r"|seeds?_0\d\d(_001)?\.md|[0-9a-f]{3}_[0-9a-f]{16}\.txt|where_read|seed_file")


@pytest.fixture(scope="module")
def engine() -> Engine:
    from app.data import load_engine

    return load_engine()


@pytest.fixture()
def client(engine):
    server = Flask(__name__)
    register_api(server, engine)
    return server.test_client()


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_source_has_a_readable_citation(engine, lang):
    for key, src in engine.timeline.sources.items():
        c = cite(engine, key, lang)
        assert c.short and c.full and key not in c.short and key not in c.full, key
        assert not DEV_PATH.search(c.full), (key, c.full)
        if src.tier == "seed":
            seed = engine.timeline.seeds[src.seed]
            assert seed.author in c.full and seed.title in c.full, key
        else:
            assert src.author in c.full and src.title in c.full, key
        if src.url:
            assert c.url == src.url and src.url in c.full


def test_seed_line_locator_is_a_detail(engine):
    c = cite(engine, "seed003_l45_signing", "en")
    assert c.short == "Ozawa (1987), lines 45–47"
    assert "小澤治子" in c.full and "法學研究" in c.full and "1987" in c.full
    assert cite(engine, "seed003_l45_signing", "ja").short.endswith("45–47行")


def test_quote_only_when_verbatim(engine):
    for key, src in engine.timeline.sources.items():
        c = cite(engine, key)
        if src.verbatim is not True:
            assert c.quote is None, key
        elif src.quote is not None:
            assert c.quote == {"lang": src.quote.lang, "original": src.quote.original, "en": src.quote.en}


def test_dates_in_the_language(engine):
    assert "5 September 1905" in cite(engine, "portsmouth_1905_art9", "en").full
    assert "1905年9月5日" in cite(engine, "portsmouth_1905_art9", "ja").full
    assert "5 сентября 1905" in cite(engine, "portsmouth_1905_art9", "ru").full


def test_cite_many_dedupes_and_orders(engine):
    keys = ["seed003_l45_signing", "portsmouth_1905_art9", "portsmouth_1905_art9", "no_such_key"]
    got = cite_many(engine, keys)
    assert [c.key for c in got] == ["portsmouth_1905_art9", "seed003_l45_signing"]


def test_no_development_path_in_the_data_files():
    for path in sorted((PROJECT_ROOT / "geodata" / "timeline").glob("*.yaml")):
        text = path.read_text(encoding="utf-8")
        found = DEV_PATH.search(text)
        assert not found, f"{path.name}: {found.group(0)!r}"


def test_downloads_are_readable_and_versioned(client, engine):
    body = client.get("/api/download/dataset.json").get_data(as_text=True)
    assert not DEV_PATH.search(body), DEV_PATH.search(body).group(0)
    data = json.loads(body)
    version = engine.timeline.dataset.version
    assert data["dataset"]["version"] == version and re.match(r"^\d+\.\d+\.\d+$", version)
    for src in data["sources"]:
        assert src["citation"] and src["short_citation"] and src["title"] and src["author"]
        if not src["verbatim"]:
            assert src["quote"] is None, src["key"]
    assert {s["id"] for s in data["seed_documents"]} == set(engine.timeline.seeds)
    csv_text = client.get("/api/download/statuses.csv").get_data(as_text=True)
    assert not DEV_PATH.search(csv_text)
    layers = client.get("/api/download/layers.geojson").get_data(as_text=True)
    assert not DEV_PATH.search(layers), DEV_PATH.search(layers).group(0)
    header, first = csv_text.splitlines()[:2]
    assert header.endswith("dataset_version") and first.endswith(version)


def test_citation_cff_names_the_dataset_version(engine):
    text = (PROJECT_ROOT / "CITATION.cff").read_text(encoding="utf-8")
    assert re.search(rf"^version: {re.escape(engine.timeline.dataset.version)}$", text, re.M)
    assert re.search(rf"^date-released: {engine.timeline.dataset.released.isoformat()}$", text, re.M)


def test_no_development_path_in_the_project_text():
    """The issue's check: no path to the development notes or a development machine in app, callbacks, geodata,
    docs or assets."""
    pattern = re.compile(r"shared/(seeds|history|design)|/work/|/home/\w|/root/|/tmp/")
    for folder in ("app", "callbacks", "geodata", "docs", "assets"):
        for path in sorted((PROJECT_ROOT / folder).rglob("*")):
            if path.suffix not in {".py", ".md", ".yaml", ".yml", ".json", ".js", ".css", ".txt"}:
                continue
            text = path.read_text(encoding="utf-8", errors="replace")
            found = pattern.search(text)
            assert not found, f"{path.relative_to(PROJECT_ROOT)}: {found.group(0)!r}"


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_status_row_has_a_source_a_reader_can_follow(engine, lang):
    """Each row cites at least one source whose reference is written out (author or issuer, title; seeds by
    their bibliographic identity), and never shows a reader an internal key."""
    for s in engine.timeline.statuses:
        cites = cite_many(engine, s.sources, lang)
        assert cites, (s.uid, s.target)
        for c in cites:
            assert c.full.strip() and c.short.strip(), (s.uid, c.key)
            assert c.key not in c.full and c.key not in c.short, (s.uid, c.key)
            assert not DEV_PATH.search(c.full), (s.uid, c.full)


def test_no_development_path_in_the_data_or_docs_anywhere():
    """Beyond the timeline: no absolute path of a development machine in any data file, doc or licence text."""
    roots = [PROJECT_ROOT / "geodata", PROJECT_ROOT / "docs", PROJECT_ROOT / "translations"]
    files = [p for root in roots for p in root.rglob("*")
             if p.suffix in {".yaml", ".yml", ".json", ".geojson", ".md", ".csv", ".txt", ".po", ".pot"}]
    files += [p for p in PROJECT_ROOT.glob("*") if p.suffix in {".md", ".cff", ".txt"} or p.name.startswith("LICENSE")]
    pattern = re.compile(r"/work/|/home/\w|/root/|/tmp/|shared/(seeds|history|design)")
    for path in files:
        if not path.is_file() or path.name.startswith(("FINDINGS", "HANDOFF")):  # untracked working notes
            continue
        text = path.read_text(encoding="utf-8", errors="replace")
        found = pattern.search(text)
        assert not found, f"{path.relative_to(PROJECT_ROOT)}: {found.group(0)!r}"
