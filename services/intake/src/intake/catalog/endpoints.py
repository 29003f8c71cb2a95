"""The three admin-managed lists share one shape, so one router factory serves them."""

from __future__ import annotations

from dataclasses import dataclass

from fastapi import APIRouter
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from intake.audit import service as audit
from intake.catalog.models import Category, Channel, ComplainantGroup, Entry
from intake.catalog.schemas import EntryCreate, EntryOut, EntryUpdate
from intake.deps import CtxDep
from kit.db import UNIQUE_VIOLATION, sql_state
from kit.errors import ERROR_RESPONSES, AppError
from kit.ids import new_id
from kit.runtime import TransactionalRoute

Model = type[Entry]


@dataclass(frozen=True)
class ListKind:
    model: Model
    path: str
    what_th: str
    what_en: str


KINDS = (
    ListKind(Category, "categories", "ประเภทเรื่อง", "category"),
    ListKind(Channel, "channels", "ช่องทาง", "channel"),
    ListKind(ComplainantGroup, "complainant-groups", "กลุ่มผู้ร้องเรียน", "complainant group"),
)


def _out(entry: Entry) -> EntryOut:
    return EntryOut(
        id=entry.id,
        code=entry.code,
        name_th=entry.name_th,
        name_en=entry.name_en,
        active=entry.active,
        sort_order=entry.sort_order,
    )


def catalog_router(kind: ListKind) -> APIRouter:
    router = APIRouter(
        route_class=TransactionalRoute, prefix=f"/v1/{kind.path}", tags=["catalog"], responses=ERROR_RESPONSES
    )
    model = kind.model

    def not_found(code: str) -> AppError:
        return AppError(
            404,
            f"{kind.what_en.replace(' ', '_')}.not_found",
            f"ไม่พบ{kind.what_th}รหัส '{code}'",
            f"No {kind.what_en} with code '{code}'",
        )

    @router.get("", response_model=list[EntryOut], summary=f"All {kind.what_en} entries")
    async def list_entries(ctx: CtxDep, include_inactive: bool = False) -> list[EntryOut]:
        stmt = select(model).order_by(model.sort_order, model.code)
        if not include_inactive:
            stmt = stmt.where(model.active.is_(True))
        return [_out(e) for e in (await ctx.session.execute(stmt)).scalars()]

    @router.post("", status_code=201, response_model=EntryOut, summary=f"Add a {kind.what_en} (administrators)")
    async def create_entry(data: EntryCreate, ctx: CtxDep) -> EntryOut:
        ctx.access.require_admin()
        session, state, access = ctx.session, ctx.state, ctx.access
        entry = model()
        entry.id = new_id()
        entry.code = data.code
        entry.name_th = data.name_th.strip()
        entry.name_en = data.name_en.strip() if data.name_en else None
        entry.sort_order = data.sort_order
        entry.active = True
        session.add(entry)
        try:
            await session.flush()
        except IntegrityError as exc:
            if sql_state(exc) == UNIQUE_VIOLATION:
                raise AppError(
                    409,
                    f"{kind.what_en.replace(' ', '_')}.code_taken",
                    f"มี{kind.what_th}รหัส '{data.code}' แล้ว",
                    f"Code '{data.code}' is already used",
                    fields={"code": "already used"},
                ) from exc
            raise
        await audit.record(session, access.principal.actor_ref, f"{kind.path}.create", kind.path, data.code)
        state.reference.invalidate()
        return _out(entry)

    @router.patch("/{code}", response_model=EntryOut, summary=f"Rename or (de)activate a {kind.what_en}")
    async def update_entry(code: str, data: EntryUpdate, ctx: CtxDep) -> EntryOut:
        ctx.access.require_admin()
        session, state, access = ctx.session, ctx.state, ctx.access
        entry = (await session.execute(select(model).where(model.code == code))).scalar_one_or_none()
        if entry is None:
            raise not_found(code)
        changes = data.model_dump(exclude_unset=True)
        if data.name_th:
            entry.name_th = data.name_th.strip()
        if "name_en" in changes:
            entry.name_en = data.name_en.strip() if data.name_en else None
        if data.sort_order is not None:
            entry.sort_order = data.sort_order
        if data.active is not None:
            entry.active = data.active
        await session.flush()
        await audit.record(
            session, access.principal.actor_ref, f"{kind.path}.update", kind.path, code, {"fields": sorted(changes)}
        )
        state.reference.invalidate()
        return _out(entry)

    return router


routers = [catalog_router(kind) for kind in KINDS]
