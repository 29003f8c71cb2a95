from __future__ import annotations

from typing import Any

from sqlalchemy import insert
from sqlalchemy.ext.asyncio import AsyncSession

from intake.audit.models import AuditEntry
from kit.ids import new_id


async def record(
    session: AsyncSession,
    actor: str,
    action: str,
    subject_type: str,
    subject_id: str | None,
    detail: dict[str, Any] | None = None,
) -> None:
    """Write an audit row in the caller's transaction (so it exists exactly when the act does)."""
    await session.execute(
        insert(AuditEntry).values(
            id=new_id(),
            actor=actor,
            action=action,
            subject_type=subject_type,
            subject_id=subject_id,
            detail=detail or {},
        )
    )
