"""The map as a text table: follows the date, the point of view and the mode; downloads as CSV."""

from __future__ import annotations

import csv
import io

from playwright.sync_api import expect

from tests.browser.helpers import wait_painted


def test_tabl001_table_follows_the_map(page, live_server):
    page.goto(live_server + "/?date=1923-06-01")
    wait_painted(page, "1923-06-01:de_facto")
    page.locator("#details-tab-table").click()
    body = page.locator("#table-body")
    expect(body.locator("caption")).to_contain_text("1 June 1923")
    expect(body.locator("tr[data-target=sakhalin_north]")).to_contain_text("Japan (military occupation)")
    expect(body.locator("th[scope=col]").first).to_be_visible()
    page.locator("#pov input[value=russia]").check()
    expect(body.locator("caption")).to_contain_text("USSR's view")  # the government on 1 Jun 1923
    expect(body.locator("tr[data-target=sakhalin_north]")).to_contain_text("USSR")
    page.locator("#date-slider [role=slider]").focus()
    page.keyboard.press("End")
    expect(body.locator("caption")).to_contain_text("31 December 1956")
    page.goto(live_server + "/?date=1951-09-05&mode=event&event=gromyko_amendments_1951")
    page.locator("#details-tab-table").click()
    expect(body.locator("caption")).to_contain_text("Gromyko")
    expect(body.locator("tr[data-target=strait_soya]")).to_contain_text("demilitarised")


def test_tabl002_csv_download(page, live_server):
    page.goto(live_server + "/?date=1956-12-31&pov=japan")
    wait_painted(page, "1956-12-31:japan")
    page.locator("#details-tab-table").click()
    page.locator("#table-body tbody tr").first.wait_for()
    with page.expect_download() as info:
        page.locator("#table-csv").click()
    download = info.value
    assert download.suggested_filename == "sakhalin_kurils_1956-12-31_japan.csv"
    raw = open(download.path(), "rb").read()
    assert raw.startswith(b"\xef\xbb\xbf")  # UTF-8 with a BOM: Excel on Windows reads 樺太 and Сахалин
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig"))))
    assert rows[0][0] == "place_id"
    by_target = {r[0]: r for r in rows[1:]}
    assert by_target["iturup"][2].startswith("USSR")  # control on the ground, named as on that day
    assert by_target["iturup"][3] == "Japan"                   # sovereign in Japan's view
    # Art. 2(c) renounced it; from 14 Sep 1955 Japan left it for the Allied Powers to decide (FRUS 1955–57 d52)
    assert by_target["sakhalin_south"][3] == "Undetermined"
    assert "renounced by Japan" in by_target["sakhalin_south"][5]
