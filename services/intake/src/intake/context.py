"""What an operation of an authenticated caller works with (the request's unit of work, the service
state, who is calling and what they may see), and the lookups every operation shares."""

from __future__ import annotations

import uuid
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from intake.access import Access
from intake.config import IntakeSettings
from intake.reference import AgencyRef, EntryRef, ReferenceData
from intake.state import IntakeState
from kit.auth import Principal
from kit.db import driver_connection
from kit.errors import AppError
from kit.jobs import JobBuffer

SCORING_SYNC = "scoring.sync"


@dataclass
class Ctx:
    session: AsyncSession
    state: IntakeState
    access: Access
    jobs: JobBuffer

    @property
    def ref(self) -> ReferenceData:
        return self.access.ref

    @property
    def principal(self) -> Principal:
        return self.access.principal

    @property
    def settings(self) -> IntakeSettings:
        return self.state.settings

    @asynccontextmanager
    async def single_statement(self) -> AsyncIterator[Any]:
        """An asyncpg connection for an operation whose whole write is one statement: the request's
        own when its transaction has begun (an Idempotency-Key's row must commit with the write),
        otherwise one on which the statement commits as it returns."""
        if self.session.in_transaction():
            yield await driver_connection(self.session)
            return
        async with self.state.runtime.statements.acquire() as connection:
            yield connection

    def events_added(self) -> None:
        """Wake scoring once this transaction commits (deduplicated: one pending sync at a time)."""
        self.jobs.enqueue(SCORING_SYNC, service="scoring", job_id=SCORING_SYNC)

    async def refreshed(self) -> ReferenceData:
        data = await self.state.reference.get(self.session, refresh=True)
        self.access = Access(self.access.principal, data)
        return data

    async def agency(self, code: str, field: str) -> AgencyRef:
        found = self.ref.agencies_by_code.get(code) or (await self.refreshed()).agencies_by_code.get(code)
        if found is None or not found.active:
            raise unknown_code(field, code, "หน่วยงาน", "agency")
        return found

    async def entry(self, kind: str, code: str, field: str) -> EntryRef:
        def lookup(data: ReferenceData) -> EntryRef | None:
            table = {"category": data.categories, "channel": data.channels, "group": data.groups}[kind]
            return table.get(code)

        found = lookup(self.ref) or lookup(await self.refreshed())
        if found is None or not found.active:
            th = {"category": "ประเภทเรื่อง", "channel": "ช่องทาง", "group": "กลุ่มผู้ร้องเรียน"}[kind]
            raise unknown_code(field, code, th, kind)
        return found

    def agency_code(self, agency_id: uuid.UUID | None) -> str | None:
        return self.ref.agency_code(agency_id)


def unknown_code(field: str, code: str, what_th: str, what_en: str) -> AppError:
    return AppError(
        422,
        "reference.unknown_code",
        f"ไม่พบ{what_th}รหัส '{code}' (หรือถูกปิดใช้งาน)",
        f"Unknown or inactive {what_en} code '{code}'",
        fields={field: f"unknown {what_en} code"},
    )
