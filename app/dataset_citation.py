"""The dataset's preferred citation as one sentence a journal can paste, generated from CITATION.cff's
`preferred-citation` (with the file's version and release date) so the Download dialog, the Help page and the file
itself cannot say it differently."""

from __future__ import annotations

import functools
from pathlib import Path

import yaml
from dash import html

import app
from app.i18n import gettext_for

CITATION_CFF = Path(app.__file__).resolve().parent.parent / "CITATION.cff"
LICENCE_WORDS = {"CC-BY-4.0": "CC BY 4.0"}


@functools.cache
def preferred_citation(path: Path = CITATION_CFF) -> str:
    """Authors (year). Title, version V [dataset], released YYYY-MM-DD. Licence: CC BY 4.0. URL / DOI when the
    file has them."""
    try:
        cff = yaml.safe_load(path.read_text(encoding="utf-8"))
        ref = cff["preferred-citation"]
        authors = "; ".join(a.get("name") or f"{a['family-names']}, {a['given-names']}" for a in ref["authors"])
        released = cff["date-released"]  # the file's own version and date: one copy (tests check dataset.yaml)
        text = (f"{authors} ({str(released)[:4]}). {ref['title']}, version {cff['version']} [dataset], released "
                f"{released}. Licence: {LICENCE_WORDS.get(ref['license'], ref['license'])}.")
    except (OSError, KeyError, TypeError, yaml.YAMLError) as error:
        raise RuntimeError(f"{path}: preferred-citation is missing or incomplete ({error!r})") from error
    for field in ("doi", "url"):
        if ref.get(field):
            text += f" {'https://doi.org/' if field == 'doi' else ''}{ref[field]}"
    return text


def cite_as(lang: str) -> html.P:
    """"Cite the dataset as: …" in the page's language, the citation itself in English as the file has it; the
    Download dialog and the Help page both show this one."""
    return html.P([gettext_for(lang)("Cite the dataset as:"), " ", html.Cite(preferred_citation(), lang="en")],
                  className="cite-as")
