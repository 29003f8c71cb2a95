"""Every signed-in screen opens for the administrator (who may open them all) without an error, in
Thai, and leaves a screenshot in the test run's artifacts."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from tests.e2e.support import E2EStack, login, shot

pytestmark = pytest.mark.xdist_group("e2e")

# path → the heading the screen shows
SCREENS = {
    "/search": "ค้นหาเรื่องร้องเรียน",
    "/work": "งานที่ต้องทำ",
    "/dashboard": "ผลคะแนนตัวชี้วัด",
    "/dashboard/statistics": "สถิติ",
    "/dashboard/satisfaction": "ความพึงพอใจ",
    "/audits": "สุ่มตรวจ",
    "/monthly": "รายงานประจำเดือน",
    "/reports": "รายงาน",
    "/admin": "สถานะระบบ",
    "/admin/agencies": "หน่วยงาน",
    "/admin/catalog": "ประเภทเรื่องและช่องทาง",
    "/admin/users": "ผู้ใช้",
    "/admin/api-keys": "คีย์ API",
    "/admin/calendar": "ปฏิทินวันทำการ",
    "/admin/schemes": "เกณฑ์การให้คะแนน",
}


def test_every_screen_opens(e2e_stack: E2EStack, page: Page) -> None:
    login(page, e2e_stack.base_url, "admin", e2e_stack.admin_password)
    for path, heading in SCREENS.items():
        page.goto(f"{e2e_stack.base_url}{path}")
        main = page.get_by_role("main")
        expect(main.get_by_role("heading", name=heading, exact=True).first).to_be_visible()
        page.wait_for_load_state("networkidle")
        expect(main.get_by_text("เกิดข้อผิดพลาด")).to_have_count(0)
        shot(page, "screen" + path.replace("/", "-"))
