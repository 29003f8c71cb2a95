"""Complaint histories imported through intake's historical import, with their original times."""

from __future__ import annotations

import itertools
from typing import Any

from tests.scoring.conftest import Stack

_numbers = itertools.count(1)


def complaint(
    events: list[tuple[str, str, dict[str, Any]]] | list[Any], received: str, **fields: Any
) -> dict[str, Any]:
    """``events``: (type, Bangkok time 'YYYY-MM-DD HH:MM', extra fields)."""
    n = next(_numbers)
    body: dict[str, Any] = {
        "external_id": f"history-{n}",
        "channel": "call_center",
        "title": f"ท่อระบายน้ำอุดตัน จุดที่ {n}",
        "description": "น้ำท่วมขังหน้าบ้านทุกครั้งที่ฝนตก",
        "category": "drainage",
        "received_at": received.replace(" ", "T") + ":00+07:00",
        "events": [{"type": kind, "at": at.replace(" ", "T") + ":00+07:00", **extra} for kind, at, extra in events],
    }
    body.update(fields)
    return body


async def load(stack: Stack, *complaints: dict[str, Any]) -> list[str]:
    """Import, let scoring catch up; the complaint ids."""
    response = await stack.intake.http.post(
        "/v1/import/complaints", json={"complaints": list(complaints)}, headers=stack.intake.admin
    )
    assert response.status_code == 200, response.text
    result = response.json()
    assert not result["errors"], result["errors"]
    await stack.sync()
    return [item["id"] for item in result["items"]]


async def organisation(stack: Stack) -> str:
    """Two district offices with a section, the categories the histories use; the root's code."""
    agencies = (await stack.intake.http.get("/v1/agencies", headers=stack.intake.admin)).json()
    root = str(agencies[0]["code"])
    await stack.intake.agency("DA", root, "สำนักงานเขตเอ")
    await stack.intake.agency("DB", root, "สำนักงานเขตบี")
    await stack.intake.agency("DA-WORKS", "DA", "ฝ่ายโยธา เขตเอ")
    await stack.intake.category("drainage", "ท่อระบายน้ำ น้ำท่วม")
    await stack.intake.category("roads", "ถนน ทางเท้า")
    return root
