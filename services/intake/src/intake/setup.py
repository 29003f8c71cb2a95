"""What a fresh intake database needs besides its tables: the root of the agency tree, the
channels of SPEC §2, default complainant groups and the shipped questionnaires. Idempotent: only
what is missing is added, nothing an administrator changed is overwritten."""

from __future__ import annotations

import os

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from intake.agencies.models import Agency
from intake.catalog.models import Channel, ComplainantGroup
from intake.surveys.service import ensure_presets
from kit.ids import new_id

# SPEC §2: the channels a complaint arrives through.
CHANNELS = (
    ("walk_in", "ยื่นด้วยตนเอง", "Walk-in"),
    ("phone", "โทรศัพท์", "Phone"),
    ("call_center", "ศูนย์บริการข้อมูลทางโทรศัพท์ (Call Center)", "Call center"),
    ("website", "เว็บไซต์", "Website"),
    ("mobile_app", "แอปพลิเคชันบนมือถือ", "Mobile app"),
    ("email", "อีเมล", "E-mail"),
    ("letter", "หนังสือ/จดหมาย", "Letter"),
    ("suggestion_box", "ตู้รับฟังความคิดเห็น", "Suggestion box"),
    ("mobile_unit", "หน่วยเคลื่อนที่", "Mobile unit"),
    ("social_media", "สื่อสังคมออนไลน์ / LINE", "Social media / LINE"),
    ("referral", "หน่วยงานอื่นส่งต่อ", "Referral from another agency"),
    ("open311", "ระบบเชื่อมต่อ Open311", "Open311 integration"),
)
GROUPS = (
    ("public", "ประชาชนทั่วไป", "General public"),
    ("business", "ผู้ประกอบการ", "Business operators"),
    ("community", "ชุมชน/องค์กรภาคประชาชน", "Communities and civil society"),
    ("government", "หน่วยงานภาครัฐ", "Government agencies"),
    ("farmer", "เกษตรกร", "Farmers"),
    ("student", "นักเรียน/นักศึกษา", "Students"),
)
ROOT_CODE = "ORG"


async def ensure_root_agency(session: AsyncSession) -> Agency:
    root = (
        (await session.execute(select(Agency).where(Agency.parent_id.is_(None)).order_by(Agency.created_at)))
        .scalars()
        .first()
    )
    if root is not None:
        return root
    agency_id = new_id()
    root = Agency(
        id=agency_id,
        code=os.environ.get("RONGTOOK_ORG_CODE", ROOT_CODE),
        name_th=os.environ.get("RONGTOOK_ORG_NAME", "สำนักงานกลาง (ตั้งชื่อหน่วยงานได้ที่หน้าผู้ดูแลระบบ)"),
        name_en="Central office",
        parent_id=None,
        path=f"/{agency_id}/",
        active=True,
    )
    session.add(root)
    await session.flush()
    return root


async def _ensure_entries(
    session: AsyncSession, model: type[Channel] | type[ComplainantGroup], entries: tuple[tuple[str, str, str], ...]
) -> None:
    existing = set((await session.execute(select(model.code))).scalars())
    for order, (code, name_th, name_en) in enumerate(entries):
        if code not in existing:
            session.add(model(id=new_id(), code=code, name_th=name_th, name_en=name_en, active=True, sort_order=order))
    await session.flush()


async def prepare(session: AsyncSession) -> None:
    await ensure_root_agency(session)
    await _ensure_entries(session, Channel, CHANNELS)
    await _ensure_entries(session, ComplainantGroup, GROUPS)
    await ensure_presets(session)
