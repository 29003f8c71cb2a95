"""What every report builder works with: where the data comes from, and the printing options."""

from __future__ import annotations

import datetime as dt
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Any

import httpx
from sqlalchemy.ext.asyncio import AsyncSession

from kit.agencies import Agencies
from kit.http import ServiceClient
from reporting.render.model import Block, Document, Language


class RenderError(Exception):
    """A report that cannot be made from what it was asked for; its reason is shown to the user."""

    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.code = code
        self.message = message


@dataclass(frozen=True)
class Options:
    language: Language
    thai_digits: bool
    printed_at: dt.datetime

    def t(self, thai: str, english: str) -> str:
        return thai if self.language == "th" else english

    def document(
        self,
        *,
        type: str,
        title: str,
        agency: str,
        blocks: list[Block],
        subtitle: str | None = None,
        landscape: bool = False,
    ) -> Document:
        return Document(
            type=type,
            title=title,
            subtitle=subtitle,
            agency=agency,
            printed_at=self.printed_at,
            language=self.language,
            thai_digits=self.thai_digits,
            landscape=landscape,
            blocks=blocks,
        )


@dataclass
class Sources:
    session: AsyncSession  # reporting's own tables (plans, projects)
    scoring: ServiceClient
    intake: ServiceClient
    agencies: Agencies
    report_progress: Callable[[int], Awaitable[None]]

    async def scoring_get(self, path: str, **params: Any) -> Any:
        return await _get(self.scoring, "scoring", path, params)

    async def intake_get(self, path: str, **params: Any) -> Any:
        return await _get(self.intake, "intake", path, params)

    async def names(self, catalog: str, language: Language) -> dict[str, str]:
        """Code → name of an intake list: categories, channels, complainant-groups."""
        entries = await self.intake_get(f"/v1/{catalog}")
        return {
            e["code"]: (e.get("name_en") if language == "en" and e.get("name_en") else e["name_th"]) for e in entries
        }

    def agency_name(self, code: str, language: Language) -> str:
        agency = self.agencies.by_code.get(code)
        if agency is None:
            return code
        return agency.name_en if language == "en" and agency.name_en else agency.name_th


async def _get(client: ServiceClient, service: str, path: str, params: dict[str, Any]) -> Any:
    """An answer from another service, or the reason it gave none (shown as the report's error)."""
    try:
        response = await client.get(path, params={k: v for k, v in params.items() if v is not None})
    except httpx.TransportError as exc:
        raise RenderError(f"{service}.unavailable", f"{service} did not answer ({type(exc).__name__})") from exc
    if response.status_code != 200:
        try:
            error = response.json()["error"]
            reason = f"{error['code']}: {error['message_en']}"
        except (ValueError, KeyError, TypeError):
            reason = f"HTTP {response.status_code}"
        if response.status_code >= 500:
            raise RenderError(f"{service}.unavailable", f"{service} failed on {path}: {reason}")
        raise RenderError(f"{service}.refused", f"{service} refused {path}: {reason}")
    return response.json()
