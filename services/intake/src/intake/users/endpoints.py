from __future__ import annotations

import asyncio
from typing import Annotated

from fastapi import APIRouter, Form
from sqlalchemy import select

from intake.deps import CtxDep, PublicDep
from intake.users import service
from intake.users.models import User
from intake.users.passwords import hash_password, verify_password
from intake.users.schemas import PasswordChange, Token, UserCreate, UserCreated, UserOut, UserUpdate
from kit.auth import PUBLIC
from kit.errors import ERROR_RESPONSES, AppError
from kit.runtime import TransactionalRoute

router = APIRouter(route_class=TransactionalRoute, tags=["users"], responses=ERROR_RESPONSES)


@router.post(
    "/v1/auth/token",
    response_model=Token,
    summary="Log in (OAuth2 password form) and get a bearer token",
    openapi_extra=PUBLIC,
)
async def token(
    username: Annotated[str, Form(max_length=64)],
    password: Annotated[str, Form(max_length=200)],
    public: PublicDep,
) -> Token:
    state = public.state
    return await service.login(
        public.session,
        state.reference,
        state.runtime.redis,
        state.jwt_secret,
        state.settings.access_token_ttl_seconds,
        username,
        password,
    )


@router.get("/v1/me", response_model=UserOut, summary="The logged-in user, with role and agency")
async def me(ctx: CtxDep) -> UserOut:
    if ctx.principal.username is None:
        raise AppError(404, "user.not_a_user", "ผู้เรียกไม่ใช่ผู้ใช้", "The caller is not a user")
    return service.user_out(await service.by_username(ctx.session, ctx.principal.username), ctx.ref)


@router.post("/v1/me/password", status_code=204, summary="Change one's own password")
async def change_password(data: PasswordChange, ctx: CtxDep) -> None:
    if ctx.principal.username is None:
        raise AppError(404, "user.not_a_user", "ผู้เรียกไม่ใช่ผู้ใช้", "The caller is not a user")
    user = await service.by_username(ctx.session, ctx.principal.username)
    if not await asyncio.to_thread(verify_password, user.password_hash, data.current_password):
        raise AppError(
            422,
            "auth.wrong_password",
            "รหัสผ่านปัจจุบันไม่ถูกต้อง",
            "The current password is wrong",
            fields={"current_password": "wrong"},
        )
    user.password_hash = await asyncio.to_thread(hash_password, data.new_password)


@router.get("/v1/users", response_model=list[UserOut], summary="All users (administrators)")
async def list_users(ctx: CtxDep) -> list[UserOut]:
    ctx.access.require_admin()
    users = (await ctx.session.execute(select(User).order_by(User.username))).scalars()
    return [service.user_out(u, ctx.ref) for u in users]


@router.post("/v1/users", status_code=201, response_model=UserCreated, summary="Add a user (administrators)")
async def create_user(data: UserCreate, ctx: CtxDep) -> UserCreated:
    ctx.access.require_admin()
    return await service.create(ctx.session, ctx.principal, ctx.ref, data)


@router.patch(
    "/v1/users/{username}", response_model=UserOut, summary="Change a user's role, agency, status or password"
)
async def update_user(username: str, data: UserUpdate, ctx: CtxDep) -> UserOut:
    ctx.access.require_admin()
    user = await service.change(ctx.session, ctx.principal, ctx.ref, username, data)
    return service.user_out(user, ctx.ref)
