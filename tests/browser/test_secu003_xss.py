"""Script payloads in every URL parameter (and as a parameter name) never run and never become HTML.

The page shows a notice for each bad value; it must show the payload as text. Every parameter the
URL parser knows (app.mapstate.KNOWN_KEYS) gets the payload at once, so a new parameter is covered
without editing this test.
"""

from __future__ import annotations

from urllib.parse import quote, urlencode

import pytest
from playwright.sync_api import expect

from app.mapstate import KNOWN_KEYS
from tests.browser.helpers import settle

PAYLOADS = ["<script>window.__pwned=1</script>", '"><img src=x onerror=window.__pwned=1>']
CSP_LISTENER = """
window.__cspViolations = [];
document.addEventListener('securitypolicyviolation', (e) => window.__cspViolations.push(
  e.violatedDirective + ' ' + e.blockedURI));
"""


def _load(page, url: str) -> list[str]:
    errors: list[str] = []
    page.add_init_script(CSP_LISTENER)
    page.on("console", lambda m: m.type == "error" and errors.append(m.text))
    page.on("pageerror", lambda e: errors.append(f"pageerror: {e}"))
    page.goto(url)
    expect(page.locator("#map path.choroplethlocation").first).to_be_attached(timeout=30_000)
    expect(page.locator("#url-notice")).not_to_be_empty()  # the address was read and what was wrong said
    settle(page)  # and every callback it started has answered
    return errors


def _assert_inert(page, errors: list[str]) -> None:
    assert page.evaluate("typeof window.__pwned") == "undefined"
    assert page.locator("img[src='x']").count() == 0
    assert page.evaluate("document.querySelectorAll('body script:not([src]):not([type])').length"
                         " + document.querySelectorAll('#react-entry-point script').length") == 0
    assert page.evaluate("window.__cspViolations") == []
    assert errors == []


@pytest.mark.parametrize("payload", PAYLOADS, ids=["script", "img-onerror"])
def test_secu003_payload_in_every_url_parameter(page, live_server, payload):
    query = urlencode([(key, payload) for key in KNOWN_KEYS], quote_via=quote)
    errors = _load(page, f"{live_server}/?{query}")
    _assert_inert(page, errors)
    notice = page.locator("#url-notice")
    expect(notice).to_contain_text(payload[:12])  # shown, as text


@pytest.mark.parametrize("payload", PAYLOADS, ids=["script", "img-onerror"])
def test_secu004_payload_as_parameter_name_and_event(page, live_server, payload):
    query = urlencode([(payload, "1"), ("mode", "event"), ("event", payload)], quote_via=quote)
    errors = _load(page, f"{live_server}/?{query}")
    _assert_inert(page, errors)
