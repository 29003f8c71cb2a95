"""What plans and projects share: a unique key that may be taken, and edits that must not overwrite
someone else's newer version."""

from __future__ import annotations

from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession

from kit.errors import AppError


async def flush_unique(session: AsyncSession, taken: AppError) -> None:
    """Write pending changes; ``taken`` when a unique key is already someone else's."""
    try:
        async with session.begin_nested():
            await session.flush()
    except IntegrityError:
        raise taken from None


def check_version(current: int, sent: int | None, code: str, what_th: str, what_en: str) -> None:
    if sent is not None and sent != current:
        raise AppError(
            409,
            code,
            f"มีผู้แก้ไข{what_th}นี้ไปก่อนแล้ว กรุณาเปิดใหม่",
            f"Someone changed this {what_en} since you read it: read it again",
            fields={"version": f"now {current}"},
        )
