"""The web app's frame: the login page in Thai with Sarabun, a refused login, the signed-in header
in both languages, and the size of what the first page load runs."""

from __future__ import annotations

import gzip
import re
from html.parser import HTMLParser

import httpx
import pytest
from playwright.sync_api import Page, expect

from tests.e2e.support import E2EStack, login, shot

pytestmark = pytest.mark.xdist_group("e2e")

FIRST_ROUTE_JS_BUDGET = 500 * 1024  # bytes, gzip


def test_login_page_is_thai_in_sarabun(e2e_stack: E2EStack, page: Page) -> None:
    page.goto(f"{e2e_stack.base_url}/login")
    expect(page.locator("html")).to_have_attribute("lang", "th")
    expect(page.get_by_role("textbox", name="ชื่อผู้ใช้", exact=True)).to_be_visible()
    expect(page.get_by_role("textbox", name="รหัสผ่าน", exact=True)).to_be_visible()
    expect(page.get_by_role("button", name="เข้าสู่ระบบ")).to_be_visible()
    expect(page.get_by_text("ระบบรับและติดตามเรื่องร้องเรียน")).to_be_visible()

    page.evaluate("() => document.fonts.ready")
    loaded = page.evaluate(
        """() => [...document.fonts]
            .filter((f) => f.family.replace(/["']/g, "") === "Sarabun" && f.status === "loaded")
            .map((f) => f.weight)"""
    )
    assert loaded, "the bundled Sarabun font was not loaded"
    assert page.evaluate("() => document.fonts.check('16px Sarabun', 'ร้องทุกข์')")
    family = page.get_by_role("button", name="เข้าสู่ระบบ").evaluate("(e) => getComputedStyle(e).fontFamily")
    assert family.strip("\"'").startswith("Sarabun"), family
    shot(page, "login")


def test_wrong_password_is_refused_in_thai_and_keeps_the_username(e2e_stack: E2EStack, page: Page) -> None:
    page.goto(f"{e2e_stack.base_url}/login")
    page.get_by_role("textbox", name="ชื่อผู้ใช้", exact=True).fill("admin")
    page.get_by_role("textbox", name="รหัสผ่าน", exact=True).fill("not-the-password")
    page.get_by_role("button", name="เข้าสู่ระบบ").click()
    expect(page.get_by_text("ชื่อผู้ใช้หรือรหัสผ่านไม่ถูกต้อง")).to_be_visible()
    expect(page).to_have_url(re.compile(r"/login$"))
    expect(page.get_by_role("textbox", name="ชื่อผู้ใช้", exact=True)).to_have_value("admin")
    shot(page, "login-refused")


def test_admin_sees_who_they_are_in_thai_then_english(e2e_stack: E2EStack, page: Page) -> None:
    login(page, e2e_stack.base_url, "admin", e2e_stack.admin_password)
    who = page.get_by_test_id("who")
    expect(who).to_contain_text("ผู้ดูแลระบบ (Administrator)")  # the display name
    expect(who).to_contain_text("ผู้ดูแลระบบ · สำนักงานกลาง")  # role · agency
    page.wait_for_load_state("networkidle")  # the home screen's code and data, for the picture
    shot(page, "shell-admin-th")

    page.get_by_text("EN", exact=True).click()
    expect(who).to_contain_text("Administrator · Central office")
    expect(who).not_to_contain_text("ผู้ดูแลระบบ ·")
    expect(page.locator("html")).to_have_attribute("lang", "en")
    shot(page, "shell-admin-en")


class _InitialScripts(HTMLParser):
    """The JS a page load fetches before anything else: module scripts and their preloads."""

    def __init__(self) -> None:
        super().__init__()
        self.urls: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = dict(attrs)
        if tag == "script" and found.get("type") == "module" and found.get("src"):
            self.urls.append(str(found["src"]))
        elif tag == "link" and found.get("rel") == "modulepreload" and found.get("href"):
            self.urls.append(str(found["href"]))


def test_first_route_js_is_within_budget(e2e_stack: E2EStack) -> None:
    with httpx.Client(base_url=e2e_stack.base_url, timeout=30) as client:
        index = client.get("/login")
        assert index.status_code == 200
        parser = _InitialScripts()
        parser.feed(index.text)
        assert parser.urls, "index.html loads no module script"
        raw = zipped = 0
        for url in parser.urls:
            script = client.get(url)
            assert script.status_code == 200 and "javascript" in script.headers["content-type"], url
            raw += len(script.content)
            zipped += len(gzip.compress(script.content, compresslevel=6))
    print(f"first route JS: {len(parser.urls)} file(s), {raw / 1024:.0f} KB, {zipped / 1024:.0f} KB gzip")
    assert zipped <= FIRST_ROUTE_JS_BUDGET, f"{zipped / 1024:.0f} KB gzip > {FIRST_ROUTE_JS_BUDGET // 1024} KB"
