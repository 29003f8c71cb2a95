from __future__ import annotations

from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from kit.auth import Principal
from scoring.audit_log.models import AuditEntry


def record(session: AsyncSession, principal: Principal, action: str, subject: str, **detail: Any) -> None:
    session.add(AuditEntry(actor=principal.actor_ref, action=action, subject=subject, detail=detail))
