"""KPI scorecards end to end (SPEC §5): counts from imported histories, deductions from audits and
monthly reports, a parent agency's children with a roll-up, the scheme version shown."""

from __future__ import annotations

from typing import Any

from tests.scoring.conftest import Stack
from tests.scoring.history import complaint, load, organisation

RESULT = {"result": "ซ่อมแซมเรียบร้อย แจ้งผู้ร้องแล้ว", "letter_no": "กท 1234/2567"}
BEFORE = ("evidence_attached", {"evidence_kind": "before"})
AFTER = ("evidence_attached", {"evidence_kind": "after"})


def _history(ack: str, *, evidence: bool = True, complete: str | None = "2024-06-07 10:00") -> dict[str, Any]:
    events: list[tuple[str, str, dict[str, Any]]] = [
        ("forwarded", "2024-06-03 10:00", {"agency": "DA"}),  # Monday: acknowledgement due end of Tuesday
        ("acknowledged", ack, {}),
        ("progress_reported", "2024-06-06 09:00", {"text": "เข้าตรวจสอบพื้นที่"}),
    ]
    if evidence:
        events += [(BEFORE[0], "2024-06-06 09:30", BEFORE[1]), (AFTER[0], "2024-06-07 09:30", AFTER[1])]
    if complete:
        events.append(("completed", complete, RESULT))
    return complaint(events, "2024-06-03 09:00")


async def _scenario(stack: Stack) -> str:
    root = await organisation(stack)
    await load(
        stack,
        _history("2024-06-03 11:00"),  # correct in both steps
        _history("2024-06-05 09:00"),  # acknowledged late: receipt wrong, resolution right
        _history("2024-06-03 11:00", evidence=False),  # no before/after photos: resolution wrong
        _history("2024-06-03 11:00", complete=None),  # still open: missed the 15 June checkpoint
    )
    admin = stack.intake.admin
    for month in ("2023-10", "2023-12", "2024-01", "2024-02", "2024-03", "2024-04", "2024-05", "2024-06", "2024-07"):
        year, number = (int(p) for p in month.split("-"))
        next_year, next_month = (year + 1, 1) if number == 12 else (year, number + 1)
        on_time = f"{next_year}-{next_month:02d}-10T16:00:00+07:00"
        response = await stack.scoring.post(
            "/v1/monthly-reports", json={"agency": "DA", "month": month, "submitted_at": on_time}, headers=admin
        )
        assert response.status_code == 201, response.text
    # November's came on 11 December; August and September's never came.
    late = {"agency": "DA", "month": "2023-11", "submitted_at": "2023-12-11T09:00:00+07:00"}
    assert (await stack.scoring.post("/v1/monthly-reports", json=late, headers=admin)).status_code == 201
    return root


async def test_bma_2557_steps_deductions_and_rollup(stack: Stack) -> None:
    root = await _scenario(stack)
    admin = stack.intake.admin
    auditor = await stack.intake.user("auditor", root)
    drawn = await stack.scoring.post("/v1/audits", json={"agency": "DA", "month": "2024-06"}, headers=auditor)
    assert drawn.status_code == 201, drawn.text
    audit = drawn.json()
    # Three complaints completed by DA in June 2024: 10 % rounded up is one.
    assert (audit["population"], audit["sample_size"]) == (3, 1)
    again = await stack.scoring.post("/v1/audits", json={"agency": "DA", "month": "2024-06"}, headers=auditor)
    assert again.status_code == 409
    [item] = audit["items"]
    verdict = await stack.scoring.put(
        f"/v1/audits/{audit['id']}/items/{item['complaint_id']}",
        json={"passed": False, "note": "ไม่มีเลขที่หนังสือ"},
        headers=auditor,
    )
    assert verdict.status_code == 200, verdict.text
    assert verdict.json()["pass_percent"] == "0.0000"

    cards = await stack.get("/v1/scorecards", admin, scheme="bma-2557", fy=2567, agency=root)
    assert (cards["scheme"], cards["scheme_version"], cards["fiscal_year"]) == ("bma-2557", 1, 2567)
    by_agency = {c["agency"]: c for c in cards["scorecards"]}
    assert set(by_agency) == {"DA", "DB"}
    da = by_agency["DA"]
    receipt, resolution, reporting = da["steps"]
    assert (receipt["counted"], receipt["correct"], receipt["percent"]) == (4, 3, "75.0000")
    assert receipt["score"] == "0.7895"  # 75 × 1 / 95
    assert (resolution["correct"], resolution["score_before_deductions"]) == (2, "1.0526")  # 50 × 2 / 95
    assert [(d["rule"], d["month"], d["points"]) for d in resolution["deductions"]] == [
        ("audit_month_below", "2024-06-01", "0.05")
    ]
    assert resolution["score"] == "1.0026"
    assert [d["month"] for d in reporting["deductions"]] == ["2023-11-01", "2024-08-01", "2024-09-01"]
    assert "ล่าช้า" in reporting["deductions"][0]["reason_th"]
    assert reporting["score"] == "1.7000"
    assert da["total"] == "3.4921"  # 0.7895 + 1.0026 + 1.7
    assert da["max_total"] == "5"
    # DB had nothing forwarded and sent no report: every month deducts, never below zero.
    db = by_agency["DB"]
    assert db["counted"] == 0
    assert [s["score"] for s in db["steps"]] == ["0.0000", "0.0000", "0.8000"]
    rollup = cards["rollup"]
    assert rollup["rollup"] and rollup["agency"] == root and rollup["counted"] == 4


async def test_bma_2563_counts_only_tickets_correct_in_both_steps(stack: Stack) -> None:
    await _scenario(stack)
    cards = await stack.get("/v1/scorecards", stack.intake.admin, scheme="bma-2563", fy=2567, agency="DA")
    # DA has a section under it: one scorecard for the section, and DA's roll-up over both.
    assert [c["agency"] for c in cards["scorecards"]] == ["DA-WORKS"]
    part1, part2 = cards["rollup"]["steps"]
    # Correct in both: the first and the third (bma-2563 does not ask for photos); the open one
    # missed its 15 June report, the second was acknowledged late.
    assert (part1["counted"], part1["correct"], part1["percent"]) == (4, 2, "50.0000")
    assert part1["score_before_deductions"] == "11.1111"  # 50 × 20 / 90
    assert part2["counted"] == 0 and part2["score"] == "0.0000"


async def test_a_scheme_change_is_a_new_version(stack: Stack) -> None:
    await organisation(stack)
    admin = stack.intake.admin
    current = await stack.get("/v1/schemes/bma-2557", admin)
    definition = current["definition"]
    definition["steps"][0]["full_at_percent"] = "90"
    created = await stack.scoring.post(
        "/v1/schemes", json={"definition": definition, "note": "เกณฑ์ปี 2568"}, headers=admin
    )
    assert created.status_code == 201, created.text
    assert created.json()["version"] == 2
    assert (await stack.get("/v1/schemes/bma-2557", admin, version=1))["definition"]["steps"][0][
        "full_at_percent"
    ] == "95"
    bad = dict(definition, steps=[])
    refused = await stack.scoring.post("/v1/schemes", json={"definition": bad}, headers=admin)
    assert refused.status_code == 422
    officer = await stack.intake.user("agency_officer", "DA")
    assert (
        await stack.scoring.post("/v1/schemes", json={"definition": definition}, headers=officer)
    ).status_code == 403
