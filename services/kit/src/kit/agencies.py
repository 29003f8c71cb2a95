"""The agency tree, read from intake (which owns it) and kept for a short while by the services that
scope their answers by agency."""

from __future__ import annotations

import asyncio
import time
from dataclasses import dataclass

from kit.auth import Principal
from kit.errors import AppError
from kit.http import ServiceClient


@dataclass(frozen=True)
class Agency:
    code: str
    name_th: str
    name_en: str | None
    parent: str | None


class Agencies:
    def __init__(self, agencies: list[Agency]) -> None:
        self.by_code = {a.code: a for a in agencies}
        self.children: dict[str | None, list[str]] = {}
        for a in agencies:
            self.children.setdefault(a.parent, []).append(a.code)

    def get(self, code: str, field: str = "agency") -> Agency:
        agency = self.by_code.get(code)
        if agency is None:
            raise AppError(
                422, "agency.unknown", f"ไม่พบหน่วยงานรหัส {code}", f"Unknown agency code {code}", fields={field: code}
            )
        return agency

    def subtree(self, code: str) -> list[str]:
        """The agency and every agency under it."""
        found, stack = [], [code]
        while stack:
            current = stack.pop()
            found.append(current)
            stack.extend(self.children.get(current, []))
        return found

    def ancestors(self, code: str) -> list[str]:
        chain, current = [], self.by_code.get(code)
        while current is not None:
            chain.append(current.code)
            current = self.by_code.get(current.parent) if current.parent else None
        return chain


class AgencyTree:
    def __init__(self, intake: ServiceClient, ttl_seconds: float) -> None:
        self._intake = intake
        self._ttl = ttl_seconds
        self._loaded_at = 0.0
        self._agencies: Agencies | None = None
        self._lock = asyncio.Lock()

    async def get(self, *, refresh: bool = False) -> Agencies:
        if not refresh and self._agencies is not None and time.monotonic() - self._loaded_at < self._ttl:
            return self._agencies
        async with self._lock:
            response = await self._intake.get("/v1/agencies")
            if response.status_code != 200:
                raise AppError(503, "intake.unavailable", "ระบบรับเรื่องไม่ตอบสนอง", "The intake service is not answering")
            self._agencies = Agencies(
                [Agency(a["code"], a["name_th"], a.get("name_en"), a.get("parent")) for a in response.json()]
            )
            self._loaded_at = time.monotonic()
            return self._agencies

    async def resolve(self, code: str, field: str = "agency") -> Agencies:
        """The tree, read again once if ``code`` is not in it (an agency added a moment ago)."""
        agencies = await self.get()
        if code not in agencies.by_code:
            agencies = await self.get(refresh=True)
        agencies.get(code, field)
        return agencies


async def visible_tree(tree: AgencyTree, principal: Principal, code: str, field: str = "agency") -> Agencies:
    """The agency tree, once checked that ``principal`` may see ``code``."""
    agencies = await tree.resolve(code, field)
    check_visible(principal, agencies, code, field)
    return agencies


def home_agency(principal: Principal) -> str:
    """The caller's own agency: the default of every "which agency?" parameter."""
    if principal.agency_code is None:
        raise AppError(422, "agency.required", "กรุณาระบุหน่วยงาน", "Say which agency", fields={"agency": "required"})
    return principal.agency_code


def check_visible(principal: Principal, agencies: Agencies, code: str, field: str = "agency") -> None:
    """SPEC §8: an agency sees its own and its sub-agencies'; the central office, at the root, sees
    all; services see everything."""
    if principal.is_service or principal.agency_code in agencies.ancestors(code):
        return
    raise AppError(
        403,
        "auth.agency_not_visible",
        "คุณดูข้อมูลได้เฉพาะหน่วยงานของคุณและหน่วยงานในสังกัด",
        "You may see only your agency and the agencies under it",
        fields={field: code},
    )
