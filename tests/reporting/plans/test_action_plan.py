"""The seed-000 action plan entered through the API: budgets add up from the items, a sub-activity's
budget is part of its item's, and the report prints the total in every format."""

from __future__ import annotations

import copy
from typing import Any

import orjson
import pytest

from tests.reporting.conftest import Reporting
from tests.reporting.documents import as_text, pdf_text, xlsx_cells
from tests.scoring.history import organisation


def _item(
    number: str,
    name: str,
    budget: int,
    responsible: str | None,
    target: tuple[str, str] | None,
    kpi: str | None,
    months: list[int],
    **extra: Any,
) -> dict[str, Any]:
    indicator: dict[str, Any] = {"responsible": responsible, "kpi": kpi}
    if target:
        indicator.update(target_unit=target[0], target_value=target[1])
    return {"number": number, "name": name, "budget": str(budget), "months": months, "indicators": [indicator], **extra}


ALL_YEAR = [10, 11, 12, 1, 2, 3, 4, 5, 6, 7, 8, 9]
SEED_000_PLAN: dict[str, Any] = {
    "agency": "DA",
    "fiscal_year": 2557,
    "title": "แผนปฏิบัติการประจำปีงบประมาณ พ.ศ. 2557 ของศูนย์บริการประชาชน",
    "unit_name": "ศูนย์บริการประชาชน",
    "output": "การพัฒนาติดตามและประเมินผลการปฏิบัติราชการและสนับสนุนการมีส่วนร่วมของประชาชน",
    "activity": "ติดตามประเมินผลการตรวจสอบภาคราชการและส่งเสริมการมีส่วนร่วมของประชาชน",
    "budget_kpis": [
        "ร้อยละของจำนวนเรื่องที่ให้บริการแก่ประชาชนหรือหน่วยงานของรัฐผ่าน สปน. ที่ได้ดำเนินการจนเป็นที่ยุติ (ร้อยละ 91)",
    ],
    "budget_group": "งบรายจ่าย : งบดำเนินงาน",
    "items": [
        {
            **_item(
                "1",
                "โครงการจ้างเหมาเอกชนบริหารจัดการและดูแลระบบการจัดการเรื่องราวร้องทุกข์",
                17_400_000,
                "ทุกส่วน",
                ("ร้อยละ", "91"),
                "ร้อยละของจำนวนเรื่องที่ได้ดำเนินการจนเป็นที่ยุติ",
                ALL_YEAR,
            ),
            "indicators": [
                {
                    "responsible": "ทุกส่วน",
                    "target_unit": "ร้อยละ",
                    "target_value": "91",
                    "kpi": "ร้อยละของจำนวนเรื่องที่ได้ดำเนินการจนเป็นที่ยุติ",
                },
                {
                    "responsible": "ส่วนดำเนินการเรื่องร้องทุกข์",
                    "target_unit": "ร้อยละ",
                    "target_value": "100",
                    "kpi": "ร้อยละความสำเร็จที่สามารถรักษามาตรฐานการให้บริการ",
                },
            ],
        },
        _item(
            "2",
            "โครงการจ้างเหมาเอกชนบริหารจัดการระบบฐานข้อมูลอิเล็กทรอนิกส์",
            3_000_000,
            "สสร.",
            ("ร้อยละ", "95"),
            "ร้อยละของจำนวนโครงการของรัฐที่เผยแพร่ข้อมูล",
            ALL_YEAR,
        ),
        _item(
            "3",
            "โครงการประชุมเชิงปฏิบัติการเพื่อพัฒนากลไกการมีส่วนร่วมของประชาชน",
            260_100,
            "สสร.",
            ("ร้อยละ", "80"),
            "ข้าราชการที่เข้าร่วมการประชุมมีความรู้ความเข้าใจ",
            [3, 4],
        ),
        _item(
            "4",
            "โครงการพัฒนาขีดสมรรถนะของเจ้าหน้าที่ศูนย์บริการประชาชน ประกอบด้วย",
            1_025_000,
            "สพป.",
            ("ร้อยละ", "100"),
            "ร้อยละความสำเร็จของการจัดอบรม",
            [1, 2, 3, 4, 5, 6],
            sub_activities=[
                {"name": "จัดประชุมเชิงปฏิบัติการอบรมเจ้าหน้าที่ศูนย์บริการประชาชน", "budget": "800000", "months": [2, 3]},
                {
                    "name": "จัดส่งพนักงานราชการเข้ารับการอบรมตามแผนพัฒนาบุคลากรของ สปน. จำนวน 2 รุ่น",
                    "budget": "225000",
                    "months": [5, 6],
                },
            ],
        ),
        _item(
            "5",
            "โครงการเสริมสร้างความสัมพันธ์กับผู้รับบริการและผู้มีส่วนได้ส่วนเสีย",
            1_500_000,
            None,
            ("ร้อยละ", "85"),
            "ร้อยละความพึงพอใจของผู้รับบริการ",
            [12, 1, 2, 3],
            sub_activities=[
                {"name": "จัดกิจกรรมสร้างความสัมพันธ์กับเครือข่ายผู้ปฏิบัติงานเรื่องราวร้องทุกข์ (Contact Point)", "budget": "1000000"},
                {"name": "จัดกิจกรรมสร้างความสัมพันธ์กับผู้รับบริการให้ครอบคลุมทุกช่องทาง", "budget": "500000"},
            ],
        ),
        _item(
            "6",
            "โครงการสำรวจความพึงพอใจและความเชื่อมั่นของผู้รับบริการ",
            15_000,
            "สพป.",
            ("ระดับ", "5"),
            "ระดับความสำเร็จของการสำรวจความพึงพอใจ",
            [7, 8],
        ),
        _item(
            "7",
            "โครงการส่งเสริมการมีส่วนร่วมของประชาชนในการบริหารราชการ",
            250_000,
            "สปอ.",
            ("ระดับ", "5"),
            "ระดับความสำเร็จของการเปิดโอกาสให้ประชาชนมีส่วนร่วม",
            [1, 2, 3],
        ),
        _item(
            "9",
            "การประมวลผลเรื่องร้องทุกข์ และ/หรือจัดการประชุมคณะกรรมการ",
            3_000_000,
            "สปอ.",
            ("เรื่อง", "3"),
            "ร้อยละของข้อเสนอแนะเชิงนโยบาย",
            ALL_YEAR,
        ),
        _item(
            "10",
            "จัดตั้งศูนย์การแลกเปลี่ยนเรียนรู้และจัดกิจกรรมแลกเปลี่ยนเรียนรู้อย่างต่อเนื่อง",
            10_000,
            "ทุกส่วน",
            ("ครั้ง", "10"),
            "จำนวนครั้งของการจัดกิจกรรมแลกเปลี่ยนเรียนรู้",
            ALL_YEAR,
        ),
        _item("11", "ค่าใช้จ่ายในการบริหารจัดการภายในหน่วยงาน", 1_375_777, None, None, None, ALL_YEAR),
    ],
}


@pytest.fixture
async def plan(reporting: Reporting) -> dict[str, Any]:
    await organisation(reporting.stack)
    response = await reporting.post("/v1/plans", SEED_000_PLAN)
    assert response.status_code == 201, response.text
    return dict(response.json())


async def test_total_is_computed_from_the_items(plan: dict[str, Any]) -> None:
    assert plan["total_budget"] == "27835877.00"
    four = plan["items"][3]
    assert (four["budget_total"], len(four["sub_activities"])) == ("1025000.00", 2)


@pytest.mark.parametrize("format", ["pdf", "xlsx", "csv", "json"])
async def test_action_plan_prints_the_total(reporting: Reporting, plan: dict[str, Any], format: str) -> None:
    content = await reporting.make("action-plan", {"plan": plan["id"]}, format)
    text = as_text(format, content)
    expected = {"pdf": "27,835,877.00", "xlsx": "27835877", "csv": "27835877.00", "json": '"27835877.00"'}[format]
    assert expected in text
    assert "กิจกรรมที่ 2" in text  # the sub-activities are printed …
    assert "28,855,877" not in text and "28855877" not in text  # … but not counted twice (27,835,877 + 1,025,000)


async def test_with_item_8_it_matches_the_printed_total(reporting: Reporting, plan: dict[str, Any]) -> None:
    body = copy.deepcopy(SEED_000_PLAN)
    body["items"].insert(7, _item("8", "โครงการที่ไม่ปรากฏในเอกสาร", 420_000, "ทุกส่วน", None, None, [10]))
    response = await reporting.http.put(
        f"/v1/plans/{plan['id']}", json={**body, "version": plan["version"]}, headers=reporting.admin
    )
    assert response.status_code == 200, response.text
    assert response.json()["total_budget"] == "28255877.00"
    assert "28,255,877.00" in pdf_text(await reporting.make("action-plan", {"plan": plan["id"]}))
    cells = xlsx_cells(await reporting.make("action-plan", {"plan": plan["id"]}, "xlsx"))
    assert 28255877 in cells
    # Reading an older version back is refused rather than overwriting the newer one.
    stale = await reporting.http.put(
        f"/v1/plans/{plan['id']}", json={**body, "version": plan["version"]}, headers=reporting.admin
    )
    assert stale.status_code == 409 and stale.json()["error"]["code"] == "plan.changed"


async def test_sub_activities_may_not_exceed_their_item(reporting: Reporting, plan: dict[str, Any]) -> None:
    body = copy.deepcopy(SEED_000_PLAN)
    body["title"] = "another"
    body["items"][3]["sub_activities"][0]["budget"] = "900000"
    response = await reporting.post("/v1/plans", body)
    assert response.status_code == 422
    error = response.json()["error"]
    assert error["code"] == "plan.sub_activities_exceed_budget"
    assert "items.3.sub_activities" in error["fields"]
    listed = await reporting.http.get("/v1/plans", params={"agency": "DA"}, headers=reporting.admin)
    assert [p["title"] for p in listed.json()] == [SEED_000_PLAN["title"]]


async def test_months_print_by_quarter(reporting: Reporting, plan: dict[str, Any]) -> None:
    document = orjson.loads(await reporting.make("action-plan", {"plan": plan["id"]}, "json"))
    table = next(b for b in document["blocks"] if b["kind"] == "table")
    titles = [c["title"] for c in table["columns"]]
    assert titles[2:14] == [
        "ไตรมาส 1 ต.ค.",
        "พ.ย.",
        "ธ.ค.",
        "ไตรมาส 2 ม.ค.",
        "ก.พ.",
        "มี.ค.",
        "ไตรมาส 3 เม.ย.",
        "พ.ค.",
        "มิ.ย.",
        "ไตรมาส 4 ก.ค.",
        "ส.ค.",
        "ก.ย.",
    ]
    three = next(r for r in table["rows"] if str(r["activity"]).startswith("3."))
    assert [k for k in ("m03", "m04", "m05") if three[k]] == ["m03", "m04"]
