"""The map state in the browser (assets/mapstate.js): at load the controls take the boot state the server wrote into
the index page (app/page/boot.py); from then on the browser follows the controls and writes the address, Share and
Download from what it holds. The language switch loads the page in another language at that state."""

from __future__ import annotations

from dash import ClientsideFunction, Dash, Input, Output, State

from app import ids


def register_state(app: Dash) -> None:
    app.clientside_callback(
        ClientsideFunction("skstate", "boot"),
        Output(ids.NOTICE, "children"), Input(ids.LANG_STORE, "data"),
    )
    app.clientside_callback(
        ClientsideFunction("skstate", "track"),
        Input(ids.VIEW, "data"), Input(ids.TOUR, "data"), Input(ids.STEP, "data"), Input(ids.CMP_DATE2, "value"),
        Input(ids.CMP_POV2, "value"), Input(ids.CMP_EVENT2, "value"),
    )
    app.clientside_callback(
        ClientsideFunction("i18n", "follow"),
        Output(ids.LANG_STORE, "data"), Input(ids.LANG, "value"), State(ids.LANG_STORE, "data"),
        prevent_initial_call=True,
    )
