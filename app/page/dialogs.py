"""Dialogs opened from the app bar (native <dialog>, opened by assets/frame.js): Share and the keyboard
shortcuts (Download: app/page/download.py). Esc closes each; focus returns to the button that opened it."""

from __future__ import annotations

from dash import html

from app import ids
from app.i18n import _, gettext_for

# (keys, what they do): the one list the dialog and Help show
SHORTCUTS = [
    ("← →", _("Previous / next change (in treaty mode: document)")),
    ("Shift + ← →", _("One month back / forward")),
    ("Page Up / Page Down", _("Previous / next change, for a clicker (in Present: previous / next step)")),
    ("Home / End", _("1905 / 1956")),
    ("Space", _("Play / pause")),
    ("1 2 3 4", _("Point of view: de facto, Japan, Russia/USSR, USA")),
    ("M", _("Switch between a date and a treaty")),
    ("W", _("Where they disagree")),
    ("N", _("Place names: both, Japanese, Russian")),
    ("Y K T S P", _("Details: Why, Key, Table, Sources, Place")),
    ("F", _("Present (full screen)")),
    ("C", _("Compare")),
    ("D", _("Download")),
    ("?", _("This list")),
    ("Esc", _("Close a dialog, leave Present or Compare")),
]


def close_button(lang: str) -> html.Button:
    t = gettext_for(lang)
    return html.Button("✕", className="icon-btn dialog-close", title=t("Close"), **{"aria-label": t("Close"),
                                                                                  "data-close": "1"})


def create_share_dialog(lang: str) -> html.Dialog:
    t = gettext_for(lang)
    return html.Dialog([
        html.Div([html.H2(t("Share this view")), close_button(lang)], className="dialog-head"),
        html.P(t("This link opens the map exactly as it is now: date, point of view, treaty, territory and view.")),
        html.Div([
            html.Code(id=ids.SHARE_LINK, className="share-link", tabIndex="0"),
            html.Button(t("Copy link"), id=ids.SHARE_COPY, className="btn"),
        ], className="share-row"),
        html.P(id=ids.SHARE_COPIED, className="hint", role="status", **{"aria-live": "polite"}),
        html.Img(id=ids.SHARE_QR, alt=t("QR code of this link"), className="share-qr"),
    ], id=ids.SHARE_DIALOG, className="dialog share-dialog", **{"aria-labelledby": ids.SHARE_DIALOG + "-h"})


def create_keys_dialog(lang: str) -> html.Dialog:
    t = gettext_for(lang)
    rows = []
    for keys, what in SHORTCUTS:
        rows += [html.Dt(html.Kbd(keys)), html.Dd(t(what))]
    return html.Dialog([
        html.Div([html.H2(t("Keyboard shortcuts")), close_button(lang)], className="dialog-head"),
        html.Dl(rows, className="keys-list"),
    ], id=ids.KEYS_DIALOG, className="dialog keys-dialog")
