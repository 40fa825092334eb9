"""What a point of view is called on a date, in the interface language: Russia's / the USSR's view names the
government that spoke for it then (The Russian Empire's, The Provisional Government's, Soviet Russia's, The USSR's
view from 30 Dec 1922; engine.government_of, styles.GOVERNMENT_VIEW_LABELS). One wording for the page header, the
figure subtitles and the downloads."""

from __future__ import annotations

import datetime as dt
from typing import Any

from app import styles
from app.i18n import _, gettext_for, localised
from app.timeline.engine import parse_date as parse_day

GENERAL_POV = "russia"  # the point of view whose government changed within the map's range
GOV_SHORT = {"russia": _("Russia"), "russia_provisional": _("Russia"), "soviet": _("USSR")}
# The short names of the points of view (the page's narrow control); Russia's follows its government.
POV_SHORT = {"de_facto": _("De facto"), "japan": _("Japan"), "russia": _("USSR"), "usa": _("USA")}
POVS = tuple(POV_SHORT)


def _pov(pov: str) -> str:
    return "russia" if pov == "soviet" else pov


def _government_key(engine: Any, pov: str, day: Any) -> str | None:
    """The government that held `pov` on `day` as a key of styles.GOVERNMENT_VIEW_LABELS (`soviet` becomes
    `ussr` from the USSR's formation, styles.USSR_FORMATION); None for de facto or without a date."""
    if engine is None or day is None or pov not in styles.POV_LABELS or pov == "de_facto":
        return None
    gov = engine.government_of(pov, day)
    if gov == "soviet":
        formed = engine.events.get(styles.USSR_FORMATION)
        if formed is not None and formed.sort_date <= parse_day(day):
            gov = "ussr"
    return gov


def pov_label(engine: Any, pov: str, day: Any, lang: str) -> str:
    """ "The USSR's view", "The Russian Empire's view", "Japan's view", … on `day` (the catalogue's words, declined
    per language); without a date or for de facto, the general name ("Russia's / the USSR's view")."""
    t = gettext_for(lang)
    pov = _pov(pov)
    gov = _government_key(engine, pov, day)
    if gov in styles.GOVERNMENT_VIEW_LABELS:
        return t(styles.GOVERNMENT_VIEW_LABELS[gov])
    if gov is not None and engine.names_on(gov, day) is not None:
        return t("{government}'s view", government=localised(engine.names_on(gov, day), lang)[0])
    return t(styles.POV_LABELS[pov]) if pov in styles.POV_LABELS else pov


def government_segments(engine: Any, lang: str, first_day: dt.date) -> list[list]:
    """[day index from `first_day`, label, short label] from each day a government (or its name) changed:
    what the page's point-of-view control shows as the date moves (assets/frame.js)."""
    t = gettext_for(lang)
    out = []
    for period in engine.government_periods(GENERAL_POV):
        start = period["start"] or first_day
        short = (localised(period["short"], lang)[0] if period["short"] is not None
                 else t(GOV_SHORT.get(period["actor"], "USSR")))
        out.append([max(0, (start - first_day).days), pov_label(engine, GENERAL_POV, start, lang), short])
    return out


def government_table(engine: Any, lang: str, first_day: dt.date) -> dict[str, list[list]]:
    """Per point of view, [day index from `first_day`, name, short name] from each day its name changes: what the
    map's view is called on a date (app/cartography/resolve.py and its mirror in assets/map_paint.js)."""
    t = gettext_for(lang)
    out = {pov: [[0, pov_label(engine, pov, first_day, lang), t(POV_SHORT[pov])]] for pov in POVS}
    out[GENERAL_POV] = government_segments(engine, lang, first_day)
    return out
