"""Dialogs opened from the app bar (native <dialog>, opened by assets/frame.js): Share and the keyboard
shortcuts (Download: app/page/download.py). Esc closes each; focus returns to the button that opened it."""

from __future__ import annotations

from dash import html

from app import ids
from app.help import reading_symbols
from app.i18n import _, gettext_for
from app.page.fragments import holder

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
    ("F1", _("Help and About")),
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


# "?": how to read the map first (a phone has no keys), then the keys
READING = [
    (_("Points of view"),
     _("The buttons above the map choose whose picture you see. “De facto” shows who actually held each place on "
       "the ground that day. “Japan”, “USSR” and “USA” show whom that government held to be the rightful owner, "
       "with the claims, promises and proposals it made or knew of. Where the pictures differ, the place was in "
       "dispute.")),
    (_("De facto"),
     _("Latin for “in fact”: who held and governed a place, whatever anyone claimed. Stripes in another colour "
       "show a government's public claim to a place someone else held.")),
    (_("Places"),
     _("Tap a place on the map, or in the enlarged box of Shikotan and the Habomai islets, to read who held it, "
       "why, and the sources.")),
]


def keys_content(lang: str) -> list:
    """"?": what a point of view is, what de facto means and the symbols, then the keyboard shortcuts (sent on first
    use, app/page/fragments.py)."""
    t = gettext_for(lang)
    rows = []
    for keys, what in SHORTCUTS:
        rows += [html.Dt(html.Kbd(keys)), html.Dd(t(what))]
    reading = [x for title, text in READING for x in (html.H3(t(title)), html.P(t(text)))]
    return [
        *reading,
        html.H3(t("Symbols")),
        reading_symbols(lang),
        html.H3(t("Keyboard shortcuts")),
        html.Dl(rows, className="keys-list"),
    ]


def create_keys_dialog(lang: str) -> html.Dialog:
    """The "?" dialog's frame; its content arrives when it is first opened (assets/lazy.js)."""
    t = gettext_for(lang)
    return html.Dialog([
        html.Div([html.H2(t("How to read the map"), id=ids.KEYS_DIALOG + "-h"), close_button(lang)],
                 className="dialog-head"),
        holder(ids.KEYS_BODY, ids.KEYS_FRAGMENT, lang),
    ], id=ids.KEYS_DIALOG, className="dialog keys-dialog", **{"aria-labelledby": ids.KEYS_DIALOG + "-h"})
