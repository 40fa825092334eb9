"""Sources a reader would accept, on the whole dataset (docs/data_model.md, "sources"): every status row rests on a
primary text or published scholarship; seeds and web pages are additional references only; links go to documents,
not to a site's home page; the bibliography and the downloads say which tier each source is."""

from __future__ import annotations

from urllib.parse import urlparse

import pytest

from app.citations import TIER_LABELS, TIER_ORDER, reader_source
from app.data import load_engine
from app.timeline.model import SourceTier


@pytest.fixture(scope="module")
def engine():
    return load_engine()


def test_no_status_row_rests_on_seeds_or_web_pages_alone(engine):
    sources = engine.timeline.sources
    weak = [f"{s.uid}: {s.target} {s.start} {s.role} {s.actor or '-'} ({', '.join(s.sources)})"
            for s in engine.timeline.statuses if all(sources[k].tier in ("seed", "web") for k in s.sources)]
    assert not weak, f"{len(weak)} status rows rest on seeds or web pages alone:\n" + "\n".join(weak)


def test_no_source_links_to_a_site_home_page(engine):
    home = [f"{s.key}: {s.url}" for s in engine.timeline.sources.values() if s.url
            and not [p for p in urlparse(s.url).path.split("/") if p] and not urlparse(s.url).query]
    assert not home, home


def test_every_tier_has_a_label_an_order_and_a_bibliography_heading():
    from app.help import TIERS

    tiers = set(SourceTier.__args__)
    assert tiers == set(TIER_ORDER) == set(TIER_LABELS) == {t for t, _h in TIERS}
    assert [t for t, _h in TIERS] == sorted(tiers, key=TIER_ORDER.get)


def test_web_pages_are_labelled_as_such_in_the_download(engine):
    web = [k for k, s in engine.timeline.sources.items() if s.tier == "web"]
    assert {"mofa_occupation_dates", "ria_2025_kuril_surrenders"} <= set(web)
    for key in web:
        assert reader_source(engine, key)["tier_label"] == "Web page (additional reference)"
    assert reader_source(engine, "frus_1955_57_d8", "ja")["tier_label"] != "Primary source"  # in the language


def test_a_source_not_read_in_full_says_so(engine):
    for key in ("frus_1951_d537_us_draft", "zhou_enlai_statement_1950_text"):
        src = engine.timeline.sources[key]
        assert src.verbatim is False and src.quote is None and "not" in (src.note or "")
