"""GET /v1/audits: the audits already drawn for an agency and those under it, newest first, with
their progress — for reviewers, within the agencies they may see."""

from __future__ import annotations

from typing import Any

from tests.scoring.conftest import Stack
from tests.scoring.history import complaint, load, organisation

RESULT = {"result": "ซ่อมแซมเรียบร้อย แจ้งผู้ร้องแล้ว"}


def _completed(agency: str, day: str) -> dict[str, Any]:
    return complaint(
        [
            ("forwarded", f"{day} 09:00", {"agency": agency}),
            ("acknowledged", f"{day} 10:00", {}),
            ("completed", f"{day} 15:00", RESULT),
        ],
        f"{day} 08:00",
    )


async def _draw(stack: Stack, headers: dict[str, str], agency: str, month: str, seed: int) -> dict[str, Any]:
    response = await stack.scoring.post(
        "/v1/audits", json={"agency": agency, "month": month, "seed": seed}, headers=headers
    )
    assert response.status_code == 201, response.text
    return dict(response.json())


async def test_audits_drawn_are_listed_newest_first_with_their_progress(stack: Stack) -> None:
    root = await organisation(stack)
    await load(
        stack,
        *[_completed("DA", f"2024-06-{day:02d}") for day in (3, 4, 5, 6, 7, 10, 11, 12, 13, 14, 17)],
        _completed("DA-WORKS", "2024-05-14"),
        _completed("DB", "2024-06-05"),
    )
    auditor = await stack.intake.user("auditor", root)
    june = await _draw(stack, auditor, "DA", "2024-06", 42)
    may = await _draw(stack, auditor, "DA-WORKS", "2024-05", 7)
    other = await _draw(stack, auditor, "DB", "2024-06", 1)
    assert (june["population"], june["sample_size"]) == (11, 2)  # 10 % of 11, rounded up
    first = june["items"][0]
    judged = await stack.scoring.put(
        f"/v1/audits/{june['id']}/items/{first['complaint_id']}", json={"passed": True}, headers=auditor
    )
    assert judged.status_code == 200, judged.text

    listed = await stack.get("/v1/audits", auditor, agency="DA")
    assert listed == [
        {
            "id": june["id"],
            "agency": "DA",
            "month": "2024-06-01",
            "seed": 42,
            "population": 11,
            "sample_size": 2,
            "judged": 1,
            "passed": 1,
            "failed": 0,
            "pass_percent": "100.0000",
            "created_by": listed[0]["created_by"],
            "created_at": listed[0]["created_at"],
        },
        {
            "id": may["id"],
            "agency": "DA-WORKS",
            "month": "2024-05-01",
            "seed": 7,
            "population": 1,
            "sample_size": 1,
            "judged": 0,
            "passed": 0,
            "failed": 0,
            "pass_percent": None,
            "created_by": listed[1]["created_by"],
            "created_at": listed[1]["created_at"],
        },
    ]
    assert listed[0]["created_by"].startswith("user:")
    # The whole organisation: June's two (the later drawn first), then May's.
    everything = await stack.get("/v1/audits", auditor, agency=root)
    assert [a["id"] for a in everything] == [other["id"], june["id"], may["id"]]
    assert [a["id"] for a in await stack.get("/v1/audits", auditor, agency=root, month="2024-05")] == [may["id"]]
    assert await stack.get("/v1/audits", auditor, agency="DA", month="2024-07") == []


async def test_listing_is_for_reviewers_within_their_agencies(stack: Stack) -> None:
    root = await organisation(stack)
    await load(stack, _completed("DA", "2024-06-03"), _completed("DB", "2024-06-04"))
    auditor = await stack.intake.user("auditor", root)
    da = await _draw(stack, auditor, "DA", "2024-06", 1)
    await _draw(stack, auditor, "DB", "2024-06", 2)
    supervisor_a = await stack.intake.user("supervisor", "DA")
    # The caller's own agency by default.
    assert [a["id"] for a in await stack.get("/v1/audits", supervisor_a)] == [da["id"]]
    hidden = await stack.scoring.get("/v1/audits", params={"agency": "DB"}, headers=supervisor_a)
    assert hidden.status_code == 403 and hidden.json()["error"]["code"] == "auth.agency_not_visible"
    officer = await stack.intake.user("agency_officer", "DA")
    refused = await stack.scoring.get("/v1/audits", params={"agency": "DA"}, headers=officer)
    assert refused.status_code == 403 and refused.json()["error"]["code"] == "auth.forbidden"
    for month, code in (("2024-13", "audit.bad_month"), ("June", "request.invalid")):
        bad = await stack.scoring.get("/v1/audits", params={"agency": "DA", "month": month}, headers=auditor)
        assert bad.status_code == 422 and bad.json()["error"]["code"] == code, bad.text
