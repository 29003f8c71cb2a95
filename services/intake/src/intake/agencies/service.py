from __future__ import annotations

from sqlalchemy import func, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession

from intake.agencies.models import Agency
from intake.agencies.schemas import AgencyCreate, AgencyOut, AgencyUpdate
from intake.audit import service as audit
from intake.reference import ReferenceData
from kit.auth import Principal
from kit.db import UNIQUE_VIOLATION, sql_state
from kit.errors import AppError
from kit.ids import new_id


def not_found(code: str) -> AppError:
    return AppError(404, "agency.not_found", f"ไม่พบหน่วยงานรหัส '{code}'", f"No agency with code '{code}'")


def agency_out(a: Agency, ref: ReferenceData) -> AgencyOut:
    return AgencyOut(
        id=a.id,
        code=a.code,
        name_th=a.name_th,
        name_en=a.name_en,
        parent=ref.agency_code(a.parent_id),
        level=a.path.count("/") - 2,
        active=a.active,
    )


async def _by_code(session: AsyncSession, code: str) -> Agency:
    agency = (await session.execute(select(Agency).where(Agency.code == code))).scalar_one_or_none()
    if agency is None:
        raise not_found(code)
    return agency


async def list_agencies(session: AsyncSession) -> list[Agency]:
    return list((await session.execute(select(Agency).order_by(Agency.path))).scalars())


async def get(session: AsyncSession, code: str) -> Agency:
    return await _by_code(session, code)


async def create(session: AsyncSession, actor: Principal, data: AgencyCreate) -> Agency:
    parent = await _parent(session, data.parent) if data.parent else None
    agency_id = new_id()
    agency = Agency(
        id=agency_id,
        code=data.code,
        name_th=data.name_th.strip(),
        name_en=data.name_en.strip() if data.name_en else None,
        parent_id=parent.id if parent else None,
        path=(parent.path if parent else "/") + f"{agency_id}/",
        active=True,
    )
    session.add(agency)
    try:
        await session.flush()
    except IntegrityError as exc:
        if sql_state(exc) == UNIQUE_VIOLATION:
            raise AppError(
                409,
                "agency.code_taken",
                f"มีหน่วยงานรหัส '{data.code}' แล้ว",
                f"Agency code '{data.code}' is already used",
                fields={"code": "already used"},
            ) from exc
        raise
    await audit.record(session, actor.actor_ref, "agency.create", "agency", data.code)
    return agency


async def _parent(session: AsyncSession, code: str) -> Agency:
    try:
        return await _by_code(session, code)
    except AppError as exc:
        raise AppError(
            422,
            "agency.unknown_parent",
            f"ไม่พบหน่วยงานแม่รหัส '{code}'",
            f"No parent agency with code '{code}'",
            fields={"parent": "unknown agency code"},
        ) from exc


async def change(session: AsyncSession, actor: Principal, code: str, data: AgencyUpdate) -> Agency:
    agency = await _by_code(session, code)
    changes = data.model_dump(exclude_unset=True)
    if "name_th" in changes and data.name_th:
        agency.name_th = data.name_th.strip()
    if "name_en" in changes:
        agency.name_en = data.name_en.strip() if data.name_en else None
    if data.active is not None:
        agency.active = data.active
    if data.parent is not None:
        parent = await _parent(session, data.parent)
        if parent.path.startswith(agency.path):
            raise AppError(
                422,
                "agency.cycle",
                "ย้ายหน่วยงานไปอยู่ใต้หน่วยงานย่อยของตัวเองไม่ได้",
                "An agency cannot move under itself or its own sub-agency",
                fields={"parent": "cycle"},
            )
        old_path = agency.path
        new_path = parent.path + f"{agency.id}/"
        # Move the whole subtree: every descendant's path starts with the old path.
        await session.execute(
            update(Agency)
            .where(Agency.path.startswith(old_path))
            .values(path=func.concat(new_path, func.substr(Agency.path, len(old_path) + 1)))
            .execution_options(synchronize_session=False)
        )
        agency.parent_id = parent.id
        agency.path = new_path
    await session.flush()
    await audit.record(session, actor.actor_ref, "agency.update", "agency", code, {"fields": sorted(changes)})
    return agency
