"""One preferred citation: CITATION.cff's `preferred-citation` agrees with the data (dataset.yaml), and the
Download dialog and the Help page show the same sentence, generated from it."""

import yaml

from app.data import load_engine
from app.dataset_citation import CITATION_CFF, preferred_citation
from app.help import help_content
from app.page.download import create_download_dialog


def texts(component) -> list[str]:
    """Every string under a Dash component, depth first."""
    if isinstance(component, str):
        return [component]
    children = getattr(component, "children", None)
    if children is None:
        return []
    items = children if isinstance(children, list | tuple) else [children]
    return [s for child in items for s in texts(child)]


def test_export011_one_citation_in_the_file_the_dialog_and_help():
    engine = load_engine()
    info = engine.timeline.dataset
    cff = yaml.safe_load(CITATION_CFF.read_text(encoding="utf-8"))
    ref = cff["preferred-citation"]
    assert (str(cff["version"]), str(cff["date-released"])) == (info.version, info.released.isoformat())
    assert ref["title"] == cff["title"] and "version" not in ref  # one copy of the version in the file
    assert ref["license"] == "CC-BY-4.0" and "CC-BY-4.0 (data)" in info.licence
    sentence = preferred_citation()
    for part in (ref["title"], f"version {info.version}", info.released.isoformat(), "CC BY 4.0", ref["authors"][0]
                 ["name"]):
        assert part in sentence
    for lang in ("en", "ja"):
        assert sentence in texts(create_download_dialog(lang)), lang
        assert sentence in [s for block in help_content(engine, lang) for s in texts(block)], lang
