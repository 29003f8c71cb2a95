"""Scheme versions: the shipped files are loaded at start; every change is a new version (SPEC §5)."""

from __future__ import annotations

import json
from importlib import resources
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from kit.auth import Principal
from kit.errors import AppError
from scoring.audit_log.service import record
from scoring.schemes.definitions import SchemeDefinition
from scoring.schemes.models import SchemeVersion

SYSTEM = "system:scoring"


def shipped() -> list[SchemeDefinition]:
    files = resources.files("scoring.schemes") / "data"
    return [
        SchemeDefinition.model_validate(json.loads(f.read_text(encoding="utf-8")))
        for f in sorted(files.iterdir(), key=lambda f: f.name)
        if f.name.endswith(".json")
    ]


async def latest(session: AsyncSession, code: str) -> SchemeVersion | None:
    return (
        await session.execute(
            select(SchemeVersion).where(SchemeVersion.code == code).order_by(SchemeVersion.version.desc()).limit(1)
        )
    ).scalar()


async def load_shipped(session: AsyncSession) -> None:
    """Store each shipped scheme not stored yet as its version 1. Later versions are added through
    the API (a file changed by a release is added the same way, so no version is ever rewritten)."""
    for definition in shipped():
        current = await latest(session, definition.code)
        if current is None:
            data = definition.model_dump(mode="json")
            session.add(SchemeVersion(code=definition.code, version=1, definition=data, created_by=SYSTEM))


class SchemeCatalog:
    async def get(self, session: AsyncSession, code: str, version: int | None = None) -> SchemeVersion:
        found = await latest(session, code) if version is None else await session.get(SchemeVersion, (code, version))
        if found is None:
            raise AppError(
                404,
                "scheme.not_found",
                f"ไม่พบเกณฑ์การให้คะแนน {code}" + (f" ฉบับที่ {version}" if version else ""),
                f"No scheme {code}" + (f" version {version}" if version else ""),
                fields={"scheme": code},
            )
        return found

    async def all_latest(self, session: AsyncSession) -> list[SchemeVersion]:
        newest = (
            select(SchemeVersion.code, func.max(SchemeVersion.version).label("version"))
            .group_by(SchemeVersion.code)
            .subquery()
        )
        stmt = (
            select(SchemeVersion)
            .join(newest, (newest.c.code == SchemeVersion.code) & (newest.c.version == SchemeVersion.version))
            .order_by(SchemeVersion.code)
        )
        return list((await session.execute(stmt)).scalars())

    async def add_version(
        self, session: AsyncSession, principal: Principal, definition: SchemeDefinition, note: str | None
    ) -> SchemeVersion:
        # Serialise new versions of one scheme: the advisory lock is keyed by the code.
        await session.execute(select(func.pg_advisory_xact_lock(func.hashtext("scheme:" + definition.code))))
        current = await latest(session, definition.code)
        data: dict[str, Any] = definition.model_dump(mode="json")
        version = SchemeVersion(
            code=definition.code,
            version=(current.version + 1) if current else 1,
            definition=data,
            note=note,
            created_by=principal.actor_ref,
        )
        session.add(version)
        await session.flush()
        record(session, principal, "scheme.version_added", f"{definition.code}@{version.version}", note=note)
        return version
