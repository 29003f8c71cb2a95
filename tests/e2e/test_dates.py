"""Date fields in the Buddhist era in a real browser: a day typed at the keyboard as 4/12/2569 is
sent as 2026-12-04 and shown as "4 ธ.ค. 2569", the calendar that drops down shows Buddhist-era
years and Thai names, a day picked there is taken, and a text that is no date is said so."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from tests.e2e.support import E2EStack, login, shot

pytestmark = pytest.mark.xdist_group("e2e")


def test_the_working_day_calculator_takes_a_buddhist_era_day_typed_or_picked(e2e_stack: E2EStack, page: Page) -> None:
    login(page, e2e_stack.base_url, "admin", e2e_stack.admin_password)
    page.goto(f"{e2e_stack.base_url}/admin/calendar")
    calculator = page.get_by_role("region", name="คำนวณวันทำการ")
    field = calculator.get_by_role("textbox", name=re.compile("^นับจากวันที่"))
    field.clear()
    field.press_sequentially("4/12/2569")
    field.press("Tab")
    expect(field).to_have_value("4 ธ.ค. 2569")
    with page.expect_request(lambda r: "/calendar/add-working-days" in r.url) as asked:
        calculator.get_by_role("button", name="คำนวณ").click()
    assert "date=2026-12-04" in asked.value.url, asked.value.url
    expect(page.get_by_test_id("calculator-result")).to_contain_text("หลังวันที่ 4 ธ.ค. 2569 คือ")

    field.click()
    calendar = page.locator("[data-dates-dropdown]")
    expect(calendar.get_by_role("button", name="ธันวาคม 2569")).to_be_visible()
    expect(calendar.get_by_text("อา.", exact=True)).to_be_visible()
    shot(page, "date-input-calendar")
    calendar.get_by_role("button", name="11 ธ.ค. 2569").click()
    expect(calendar).to_be_hidden()
    expect(field).to_have_value("11 ธ.ค. 2569")

    field.clear()
    field.press_sequentially("31/02/2569")
    field.press("Tab")
    expect(calculator.get_by_text("ไม่ใช่วันที่ พิมพ์เช่น 21/11/2569")).to_be_visible()
    expect(field).to_have_value("31/02/2569")
    shot(page, "date-input-invalid")


def test_search_sends_a_buddhist_era_day_as_an_iso_one(e2e_stack: E2EStack, page: Page) -> None:
    login(page, e2e_stack.base_url, "admin", e2e_stack.admin_password)
    page.goto(f"{e2e_stack.base_url}/search")
    field = page.get_by_role("textbox", name="รับเรื่องตั้งแต่วันที่")
    field.press_sequentially("1/11/2569")
    field.press("Tab")
    expect(field).to_have_value("1 พ.ย. 2569")
    page.get_by_role("button", name="ค้นหา", exact=True).click()
    expect(page).to_have_url(re.compile(r"[?&]received_from=2026-11-01(&|$)"))
