"""A complaint from the counter to the citizen's survey, through the screens each user works in:
the front desk logs it (sees the likely duplicate, sets its place with a click on the map and drags the pin), the
district officer sees the place on the complaint's map, acknowledges it, reports progress, attaches a
before and an after photo and completes it, and sees the SLA checkpoints met;
the supervisor sees the district's scorecard change and downloads a progress report as PDF; the
complainant follows the receipt's link and answers the survey without logging in."""

from __future__ import annotations

import datetime as dt
import re
import subprocess
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Browser, Page, expect

from tests.e2e.support import ARTIFACTS, E2EStack, login, png, shot

pytestmark = pytest.mark.xdist_group("e2e")

EXISTING_TITLE = "ถนนหน้าโรงเรียนวัดใหม่ชำรุดเป็นหลุมลึก รถจักรยานยนต์ล้ม"
NEW_TITLE = "ถนนหน้าโรงเรียนวัดใหม่ชำรุดเป็นหลุมลึก"
RESULT = "ซ่อมผิวถนนหน้าโรงเรียนวัดใหม่เรียบร้อยแล้ว"


def _eventually(check: Callable[[], Any], timeout: float = 60.0, what: str = "condition") -> Any:
    deadline = time.monotonic() + timeout
    while True:
        value = check()
        if value:
            return value
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out waiting for {what}")
        time.sleep(0.5)


def _pick(page: Page, label: str, text: str) -> None:
    """Choose in a searchable select by typing, as a keyboard user does."""
    box = page.get_by_role("combobox", name=re.compile(f"^{re.escape(label)}"))
    box.click()
    box.fill(text)
    page.get_by_role("option", name=re.compile(re.escape(text))).first.click()


def _log_out(page: Page) -> None:
    page.get_by_role("button", name="ออกจากระบบ").click()
    expect(page).to_have_url(re.compile(r"/login"))


def _fill(page: Page, label: str, text: str) -> None:
    page.get_by_label(re.compile(f"^{re.escape(label)}")).first.fill(text)


def _record(page: Page, action: str, fields: dict[str, str] | None = None) -> None:
    page.get_by_role("group", name="การดำเนินการ").get_by_role("button", name=action, exact=True).click()
    dialog = page.get_by_role("dialog")
    for label, text in (fields or {}).items():
        dialog.get_by_label(re.compile(f"^{re.escape(label)}")).fill(text)
    dialog.get_by_role("button", name="บันทึก", exact=True).click()
    expect(dialog).to_be_hidden()


def _upload(page: Page, kind: str, name: str, content: bytes) -> None:
    page.get_by_label("ประเภทหลักฐาน").select_option(kind)
    page.get_by_label("ไฟล์แนบ").set_input_files({"name": name, "mimeType": "image/png", "buffer": content})
    page.get_by_role("button", name="อัปโหลด").click()
    expect(page.get_by_test_id(f"attachments-{kind}").get_by_test_id("attachment-image")).to_have_count(1)


@pytest.fixture(scope="module")
def district(e2e_stack: E2EStack) -> dict[str, str]:
    """A district office with its officer, a front desk and a supervisor at the centre, a category,
    and one complaint already logged there (the duplicate the front desk should be shown)."""
    e2e_stack.create_agency("D01", "สำนักงานเขตพระนคร", name_en="Phra Nakhon District Office")
    e2e_stack.create_category("roads", "ถนนและทางเท้าชำรุด", name_en="Damaged roads and pavements")
    e2e_stack.create_user("desk1", "front_desk", "ORG", display_name="สมศรี รับเรื่อง")
    e2e_stack.create_user("officer1", "agency_officer", "D01", display_name="สมชาย ดำเนินการ")
    e2e_stack.create_user("super1", "supervisor", "ORG", display_name="สมหญิง กำกับ")
    with e2e_stack.client_as("desk1") as desk:
        existing = desk.post(
            "/api/intake/v1/complaints",
            json={
                "channel": "phone",
                "category": "roads",
                "title": EXISTING_TITLE,
                "description": "ผู้ร้องแจ้งว่าถนนหน้าโรงเรียนวัดใหม่เป็นหลุมลึก มีรถจักรยานยนต์ล้มแล้วสองคัน",
                "agency": "D01",
            },
        )
        assert existing.status_code == 201, existing.text
    return {"existing_ticket": existing.json()["ticket_no"]}


def _scorecard_counts(page: Page) -> list[str]:
    """The step rows of the district's scorecard as the supervisor sees them."""
    steps = page.get_by_test_id("scorecard-step")
    expect(steps.first).to_be_visible()
    return [row.inner_text() for row in steps.all()]


def _open_district_scorecard(page: Page, base_url: str) -> None:
    page.goto(f"{base_url}/dashboard")
    _pick(page, "หน่วยงาน", "พระนคร")
    expect(page.get_by_test_id("scorecard-total")).to_be_visible()


def test_a_complaint_from_the_counter_to_the_citizens_survey(
    e2e_stack: E2EStack, district: dict[str, str], page: Page, browser: Browser, tmp_path: Path
) -> None:
    base = e2e_stack.base_url

    # -- the supervisor looks at the district's scorecard first --------------------------------
    login(page, base, "super1")
    _open_district_scorecard(page, base)
    before = _scorecard_counts(page)
    shot(page, "scorecard-before")
    _log_out(page)

    # -- the front desk logs a complaint, shown the likely duplicate ----------------------------
    login(page, base, "desk1")
    expect(page).to_have_url(re.compile(r"/desk/new$"))
    _pick(page, "ช่องทาง", "ยื่นด้วยตนเอง")
    _pick(page, "ประเภทเรื่อง", "ถนน")
    _fill(page, "หัวเรื่อง", NEW_TITLE)
    _fill(page, "รายละเอียด", "ถนนหน้าโรงเรียนวัดใหม่เป็นหลุมลึกประมาณหนึ่งฟุต อันตรายต่อเด็กนักเรียน")
    duplicates = page.get_by_test_id("duplicates")
    expect(duplicates).to_contain_text(district["existing_ticket"])
    shot(page, "desk-new-complaint-duplicate-hint")
    place = page.get_by_role("application", name="แผนที่สถานที่เกิดเหตุ")
    expect(place.locator("img.leaflet-tile-loaded").first).to_be_visible()  # the tiles conftest serves
    place.click(position={"x": 300, "y": 150})
    lat, long = page.get_by_role("textbox", name="ละติจูด"), page.get_by_role("textbox", name="ลองจิจูด")
    expect(lat).to_have_value(re.compile(r"^1[34]\.\d{6}$"))  # around Bangkok, where the map opens
    expect(long).to_have_value(re.compile(r"^100\.\d{6}$"))
    clicked = float(long.input_value())
    # Then the pin is dragged 60 px east: the longitude follows it.
    box = place.get_by_title(re.compile("^หมุดที่ ")).bounding_box()
    assert box is not None
    page.mouse.move(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    page.mouse.down()
    page.mouse.move(box["x"] + box["width"] / 2 + 30, box["y"] + box["height"] / 2, steps=5)
    page.mouse.move(box["x"] + box["width"] / 2 + 60, box["y"] + box["height"] / 2, steps=5)
    page.mouse.up()
    expect(long).not_to_have_value(f"{clicked:.6f}")
    assert float(long.input_value()) > clicked
    typed = (lat.input_value(), long.input_value())
    pin = f"หมุดที่ {typed[0]}, {typed[1]}"
    expect(place.get_by_title(pin)).to_be_visible()
    shot(page, "desk-new-complaint-map-pin")
    _pick(page, "ส่งต่อให้หน่วยงาน", "พระนคร")
    # The letter's date, typed at the keyboard in the Buddhist era.
    letter = dt.date.today() - dt.timedelta(days=1)
    letter_day = rf"{letter.day} \S+ {letter.year + 543}"
    occurred = page.get_by_role("textbox", name=re.compile("^วันเวลาที่ช่องทางได้รับเรื่อง"))
    occurred.press_sequentially(f"{letter.day}/{letter.month}/{letter.year + 543} 09:30")
    occurred.press("Tab")
    expect(occurred).to_have_value(re.compile(rf"^{letter_day} 09:30$"))
    page.get_by_role("button", name="บันทึกรับเรื่อง").click()
    expect(page).to_have_url(re.compile(r"/desk/receipt/"))
    location = e2e_stack.get(f"/api/intake/v1/complaints/{page.url.rsplit('/', 1)[-1]}")["location"]
    assert (location["lat"], location["long"]) == tuple(map(float, typed)), location
    ticket = page.get_by_test_id("ticket-no").inner_text().strip()
    public_url = page.get_by_test_id("public-link").inner_text().strip()
    assert ticket and ticket != district["existing_ticket"]
    assert public_url.startswith(f"{base}/p/"), public_url
    shot(page, "desk-receipt")
    _log_out(page)

    # -- the district officer works it -----------------------------------------------------------
    login(page, base, "officer1")
    expect(page).to_have_url(re.compile(r"/work$"))
    row = page.get_by_test_id("worklist-row").filter(has_text=ticket)
    expect(row).to_be_visible()
    shot(page, "officer-worklist")
    row.click()
    expect(page.get_by_test_id("ticket-no")).to_contain_text(ticket)
    expect(page.get_by_role("application", name="แผนที่ตำแหน่งที่เกิดเหตุ").get_by_title(pin)).to_be_visible()
    expect(page.get_by_text(re.compile(rf"^{letter_day}$"))).to_be_visible()

    _record(page, "รับทราบ")
    expect(page.get_by_test_id("timeline-event").and_(page.locator("[data-type=acknowledged]"))).to_have_count(1)
    _record(page, "รายงานความคืบหน้า", {"ความคืบหน้า": "สำรวจพื้นที่แล้ว ประสานผู้รับจ้างเข้าซ่อม"})
    _upload(page, "before", "ก่อนซ่อม.png", png((120, 90, 60)))
    _upload(page, "after", "หลังซ่อม.png", png((60, 60, 60)))
    _record(page, "ดำเนินการแล้วเสร็จ", {"ผลการดำเนินการ": RESULT})
    expect(page.get_by_test_id("timeline-event").and_(page.locator("[data-type=completed]"))).to_have_count(1)

    sla = page.get_by_test_id("sla")
    for kind in ("acknowledgement", "first_report"):
        expect(sla.locator(f"[data-testid=sla-checkpoint][data-kind={kind}]")).to_have_attribute(
            "data-state", "met", timeout=40_000
        )
    shot(page, "officer-complaint-completed")
    _log_out(page)

    # -- the supervisor sees the scorecard change and downloads a progress report ---------------
    login(page, base, "super1")

    def changed() -> list[str] | None:
        _open_district_scorecard(page, base)
        now = _scorecard_counts(page)
        return now if now != before else None

    after = _eventually(changed, timeout=90, what="the scorecard to count the completed complaint")
    assert after != before
    shot(page, "scorecard-after")

    page.goto(f"{base}/reports")
    page.get_by_label("ประเภทรายงาน").select_option("progress")
    _pick(page, "หน่วยงาน", "พระนคร")
    page.get_by_label("รูปแบบไฟล์").select_option("pdf")
    page.get_by_role("button", name="สร้างรายงาน").click()
    download_button = page.get_by_role("button", name="ดาวน์โหลด").first
    expect(download_button).to_be_visible(timeout=60_000)
    with page.expect_download() as caught:
        download_button.click()
    pdf = tmp_path / "progress.pdf"
    caught.value.save_as(pdf)
    assert pdf.read_bytes().startswith(b"%PDF")
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    assert "สำนักงานเขตพระนคร" in text
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    (ARTIFACTS / "progress-report.pdf").write_bytes(pdf.read_bytes())
    shot(page, "supervisor-reports")

    # -- the complainant follows the receipt's link: no login ----------------------------------
    citizen = browser.new_context(viewport={"width": 390, "height": 844}, locale="th-TH", timezone_id="Asia/Bangkok")
    try:
        phone = citizen.new_page()
        phone.goto(public_url)
        expect(phone.get_by_test_id("public-ticket-no")).to_contain_text(ticket)
        expect(phone.get_by_text(RESULT)).to_be_visible()
        shot(phone, "public-status")
        phone.get_by_role("link", name="ตอบแบบสำรวจความพึงพอใจ").click()
        groups = phone.get_by_role("radiogroup", name=re.compile(r"^\d+\.\d+ "))  # the numbered items
        expect(groups.first).to_be_visible()
        for index in range(groups.count()):
            groups.nth(index).get_by_role("radio").first.check()
        shot(phone, "public-survey")
        phone.get_by_role("button", name="ส่งแบบสำรวจ").click()
        expect(phone.get_by_text("ขอบคุณที่ตอบแบบสำรวจ")).to_be_visible()
        shot(phone, "public-survey-sent")
    finally:
        citizen.close()
