"""What a point of view is called on a date, in the interface language: Russia's / the USSR's view names the
government that spoke for it then (Russian Empire, Provisional Government, Soviet Russia (RSFSR), USSR from
30 Dec 1922; engine.government_of and the actors' dated names). One wording for the page header, the figure
subtitles and the downloads."""

from __future__ import annotations

import datetime as dt
from typing import Any

from app import styles
from app.i18n import _, gettext_for, localised

GENERAL_POV = "russia"  # the point of view whose government changed within the map's range
GOV_SHORT = {"russia": _("Russia"), "russia_provisional": _("Russia"), "soviet": _("USSR")}


def _pov(pov: str) -> str:
    return "russia" if pov == "soviet" else pov


def government_name(engine: Any, pov: str, day: Any, lang: str) -> str | None:
    """The name of the government that spoke for `pov` on `day` (None for de facto and undated requests)."""
    if engine is None or day is None or _pov(pov) != GENERAL_POV:
        return None
    actor = engine.government_of(GENERAL_POV, day)
    names = engine.names_on(actor, day) if actor else None
    return localised(names, lang)[0] if names is not None else None


def pov_label(engine: Any, pov: str, day: Any, lang: str) -> str:
    """ "Japan's view", or for Russia's view on `day` e.g. "USSR's view" / "Russian Empire's view"."""
    t = gettext_for(lang)
    name = government_name(engine, pov, day, lang)
    if name:
        return t("{government}'s view", government=name)
    pov = _pov(pov)
    return t(styles.POV_LABELS[pov]) if pov in styles.POV_LABELS else pov


def government_segments(engine: Any, lang: str, first_day: dt.date) -> list[list]:
    """[day index from `first_day`, label, short label] from each day a government (or its name) changed:
    what the page's point-of-view control shows as the date moves (assets/frame.js)."""
    t = gettext_for(lang)
    out = []
    for period in engine.government_periods(GENERAL_POV):
        start = period["start"]
        day = max(0, (start - first_day).days) if start else 0
        name = localised(period["names"], lang)[0]
        short = (localised(period["short"], lang)[0] if period["short"] is not None
                 else t(GOV_SHORT.get(period["actor"], "USSR")))
        out.append([day, t("{government}'s view", government=name), short])
    return out
