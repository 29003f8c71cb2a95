"""Survey responses and questionnaires, read from intake (which owns them) as this service."""

from __future__ import annotations

import datetime as dt
from typing import Any

import httpx

from kit.errors import AppError
from kit.http import ServiceClient
from kit.thai import bangkok_date
from scoring.satisfaction.counting import Named, Questionnaire

_PAGE = 500  # the most intake gives per page


def _unavailable() -> AppError:
    return AppError(503, "intake.unavailable", "ระบบรับเรื่องไม่ตอบสนอง", "The intake service is not answering")


async def _get(intake: ServiceClient, path: str, params: dict[str, Any] | None = None) -> httpx.Response:
    try:
        response = await intake.get(path, params={k: v for k, v in (params or {}).items() if v is not None})
    except httpx.TransportError as exc:
        raise _unavailable() from exc
    if response.status_code not in (200, 404):
        raise _unavailable()
    return response


async def _json(intake: ServiceClient, path: str, params: dict[str, Any] | None = None) -> Any:
    response = await _get(intake, path, params)
    if response.status_code != 200:
        raise _unavailable()
    return response.json()


async def responses(
    intake: ServiceClient, *, agency: str | None, template: str | None, start: dt.date, end: dt.date
) -> list[tuple[dt.date, dict[str, Any]]]:
    """The responses submitted from ``start`` to ``end`` (Bangkok days, inclusive), with their day;
    ``agency``: its and its sub-agencies' only. Intake pages them newest first."""
    found: list[tuple[dt.date, dict[str, Any]]] = []
    cursor = None
    while True:
        page = await _json(
            intake,
            "/v1/surveys/responses",
            {"agency": agency, "template": template, "cursor": cursor, "limit": _PAGE},
        )
        for item in page["items"]:
            day = bangkok_date(dt.datetime.fromisoformat(item["submitted_at"]))
            if day < start:
                return found
            if day <= end:
                found.append((day, item))
        cursor = page.get("next_cursor")
        if not cursor:
            return found


async def questionnaire(intake: ServiceClient, code: str, version: int | None = None) -> Questionnaire | None:
    """One version of a questionnaire (the latest without ``version``); None if there is no such one."""
    response = await _get(intake, f"/v1/surveys/templates/{code}", {"version": version})
    if response.status_code == 404:
        return None
    return Questionnaire.of(response.json()["definition"])


async def names(intake: ServiceClient, catalog: str) -> dict[str, Named]:
    """Code → entry of one of intake's lists: channels, complainant-groups."""
    entries = await _json(intake, f"/v1/{catalog}", {"include_inactive": "true"})
    return {e["code"]: Named(e["code"], e["name_th"], e.get("name_en")) for e in entries}
