from __future__ import annotations

import asyncio
import datetime as dt

import structlog
from redis.asyncio import Redis
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession

from intake.audit import service as audit
from intake.reference import ReferenceCache, ReferenceData
from intake.users.models import User
from intake.users.passwords import generate_password, hash_password, verify_password
from intake.users.schemas import AgencyBrief, Token, UserCreate, UserCreated, UserOut, UserUpdate
from kit.auth import Principal, Role, issue_user_token
from kit.db import UNIQUE_VIOLATION, sql_state
from kit.errors import AppError
from kit.ids import new_id

log = structlog.get_logger("intake.users")
MAX_FAILED_LOGINS = 10
LOCKOUT_SECONDS = 15 * 60


def invalid_credentials() -> AppError:
    return AppError(
        401,
        "auth.invalid_credentials",
        "ชื่อผู้ใช้หรือรหัสผ่านไม่ถูกต้อง",
        "Wrong username or password",
        headers={"WWW-Authenticate": "Bearer"},
    )


def user_out(user: User, ref: ReferenceData) -> UserOut:
    agency = ref.agencies.get(user.agency_id)
    return UserOut(
        id=user.id,
        username=user.username,
        display_name=user.display_name,
        role=Role(user.role),
        agency=AgencyBrief(
            code=agency.code if agency else "?",
            name_th=agency.name_th if agency else "?",
            name_en=agency.name_en if agency else None,
        ),
        active=user.active,
        last_login_at=user.last_login_at,
    )


async def _throttled(redis: Redis, username: str) -> bool:
    try:
        failures = await redis.get(f"rongtook:login-failures:{username}")
    except Exception:  # Redis down: logging in must still work
        return False
    return failures is not None and int(failures) >= MAX_FAILED_LOGINS


async def _count_failure(redis: Redis, username: str) -> None:
    key = f"rongtook:login-failures:{username}"
    try:
        async with redis.pipeline(transaction=True) as pipe:
            pipe.incr(key)
            pipe.expire(key, LOCKOUT_SECONDS)
            await pipe.execute()
    except Exception as exc:  # Redis down: the login is still refused, only not counted
        log.warning("login_failure_not_counted", error=type(exc).__name__)


async def login(
    session: AsyncSession, reference: ReferenceCache, redis: Redis, secret: str, ttl: int, username: str, password: str
) -> Token:
    name = username.strip().lower()
    if await _throttled(redis, name):
        raise AppError(
            429, "auth.too_many_attempts", "เข้าสู่ระบบผิดหลายครั้ง กรุณารอ 15 นาที", "Too many failed logins; wait 15 minutes"
        )
    user = (await session.execute(select(User).where(User.username == name))).scalar_one_or_none()
    ok = await asyncio.to_thread(verify_password, user.password_hash if user else None, password)
    if user is None or not ok or not user.active:
        await _count_failure(redis, name)
        raise invalid_credentials()
    agency = (await reference.covering(session, [user.agency_id])).agencies.get(user.agency_id)
    if agency is None:
        raise invalid_credentials()
    user.last_login_at = dt.datetime.now(dt.UTC)
    token = issue_user_token(
        secret,
        user_id=user.id,
        username=user.username,
        role=Role(user.role),
        agency_id=agency.id,
        agency_code=agency.code,
        ttl_seconds=ttl,
    )
    return Token(access_token=token, expires_in=ttl)


async def by_username(session: AsyncSession, username: str) -> User:
    user = (await session.execute(select(User).where(User.username == username.lower()))).scalar_one_or_none()
    if user is None:
        raise AppError(404, "user.not_found", "ไม่พบผู้ใช้", "User not found")
    return user


def _agency_id(ref: ReferenceData, code: str) -> object:
    agency = ref.agencies_by_code.get(code)
    if agency is None:
        raise AppError(
            422,
            "reference.unknown_code",
            f"ไม่พบหน่วยงานรหัส '{code}'",
            f"Unknown agency code '{code}'",
            fields={"agency": "unknown agency code"},
        )
    return agency.id


async def create(session: AsyncSession, actor: Principal, ref: ReferenceData, data: UserCreate) -> UserCreated:
    password = data.password or generate_password()
    user = User(
        id=new_id(),
        username=data.username.lower(),
        display_name=data.display_name.strip(),
        password_hash=await asyncio.to_thread(hash_password, password),
        role=data.role.value,
        agency_id=_agency_id(ref, data.agency),
        active=True,
    )
    session.add(user)
    try:
        await session.flush()
    except IntegrityError as exc:
        if sql_state(exc) == UNIQUE_VIOLATION:
            raise AppError(
                409,
                "user.username_taken",
                "ชื่อผู้ใช้นี้มีอยู่แล้ว",
                "Username already taken",
                fields={"username": "already taken"},
            ) from exc
        raise
    await audit.record(session, actor.actor_ref, "user.create", "user", str(user.id), {"role": data.role.value})
    return UserCreated(**user_out(user, ref).model_dump(), password=None if data.password else password)


async def change(session: AsyncSession, actor: Principal, ref: ReferenceData, username: str, data: UserUpdate) -> User:
    user = await by_username(session, username)
    changes = sorted(data.model_dump(exclude_unset=True))
    if data.display_name:
        user.display_name = data.display_name.strip()
    if data.role is not None:
        user.role = data.role.value
    if data.agency is not None:
        user.agency_id = _agency_id(ref, data.agency)  # type: ignore[assignment]
    if data.active is not None:
        user.active = data.active
    if data.password is not None:
        user.password_hash = await asyncio.to_thread(hash_password, data.password)
    await session.flush()
    await audit.record(session, actor.actor_ref, "user.update", "user", str(user.id), {"fields": changes})
    return user


async def ensure_admin(session: AsyncSession, agency_id: object, password: str) -> bool:
    """Create the first administrator 'admin' unless it exists; True when created."""
    exists = (await session.execute(select(User.id).where(User.username == "admin"))).first()
    if exists:
        return False
    session.add(
        User(
            id=new_id(),
            username="admin",
            display_name="ผู้ดูแลระบบ (Administrator)",
            password_hash=await asyncio.to_thread(hash_password, password),
            role=Role.ADMINISTRATOR.value,
            agency_id=agency_id,
            active=True,
        )
    )
    await session.flush()
    return True
