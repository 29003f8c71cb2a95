"""Who is calling: tokens every service accepts, and the principal they describe.

Users log in at intake and receive a JWT (HS256, shared secret) that every service verifies.
Services call each other's ``/internal/*`` endpoints with a service token (a JWT of kind
``service``). API keys of integrations are resolved by intake, which owns them.
"""

from __future__ import annotations

import datetime as dt
import time
import uuid
from collections import OrderedDict
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

import jwt
from fastapi import Request

from kit.errors import AppError, forbidden, unauthorized

PUBLIC: dict[str, Any] = {"security": []}
"""``openapi_extra`` of a route anyone may call (no token, no key)."""

_ALGORITHM = "HS256"
_AUDIENCE = "rongtook"


class Role(StrEnum):
    FRONT_DESK = "front_desk"
    AGENCY_OFFICER = "agency_officer"
    SUPERVISOR = "supervisor"
    AUDITOR = "auditor"
    ADMINISTRATOR = "administrator"


class PrincipalKind(StrEnum):
    USER = "user"
    API_KEY = "api_key"
    SERVICE = "service"


@dataclass(frozen=True)
class Principal:
    kind: PrincipalKind
    id: str
    agency_id: uuid.UUID | None
    agency_code: str | None
    role: Role | None = None
    username: str | None = None
    scopes: frozenset[str] = field(default_factory=frozenset)

    @property
    def is_admin(self) -> bool:
        return self.kind is PrincipalKind.USER and self.role is Role.ADMINISTRATOR

    @property
    def is_service(self) -> bool:
        return self.kind is PrincipalKind.SERVICE

    @property
    def actor_ref(self) -> str:
        """Stable reference written into events and audit rows ("user:<id>", "api_key:<id>")."""
        return f"{self.kind.value}:{self.id}"

    def has_role(self, *roles: Role) -> bool:
        return self.kind is PrincipalKind.USER and self.role in roles

    def require_role(self, *roles: Role) -> None:
        if not self.has_role(*roles):
            raise forbidden()

    def has_scope(self, scope: str) -> bool:
        return self.kind is PrincipalKind.API_KEY and scope in self.scopes


def issue_user_token(
    secret: str,
    *,
    user_id: uuid.UUID,
    username: str,
    role: Role,
    agency_id: uuid.UUID,
    agency_code: str,
    ttl_seconds: int,
) -> str:
    now = dt.datetime.now(dt.UTC)
    claims: dict[str, Any] = {
        "sub": str(user_id),
        "kind": PrincipalKind.USER.value,
        "name": username,
        "role": role.value,
        "agency": str(agency_id),
        "agency_code": agency_code,
        "aud": _AUDIENCE,
        "iat": int(now.timestamp()),
        "exp": int((now + dt.timedelta(seconds=ttl_seconds)).timestamp()),
    }
    return jwt.encode(claims, secret, algorithm=_ALGORITHM)


def issue_service_token(secret: str, service: str, ttl_seconds: int = 3600) -> str:
    now = dt.datetime.now(dt.UTC)
    claims = {
        "sub": service,
        "kind": PrincipalKind.SERVICE.value,
        "aud": _AUDIENCE,
        "iat": int(now.timestamp()),
        "exp": int((now + dt.timedelta(seconds=ttl_seconds)).timestamp()),
    }
    return jwt.encode(claims, secret, algorithm=_ALGORITHM)


_verified: OrderedDict[tuple[str, str], tuple[float, Principal]] = OrderedDict()
_VERIFIED_MAX = 4096


def verify_token(secret: str, token: str) -> Principal:
    """The principal a token names. A token seen before and not yet expired is not verified again:
    the signature check costs more than the busiest endpoints' own work."""
    key = (secret, token)
    cached = _verified.get(key)
    if cached is not None and cached[0] > time.time():
        _verified.move_to_end(key)
        return cached[1]
    principal, expires = _verify(secret, token)
    _verified[key] = (expires, principal)
    if len(_verified) > _VERIFIED_MAX:
        _verified.popitem(last=False)
    return principal


def _verify(secret: str, token: str) -> tuple[Principal, float]:
    try:
        claims = jwt.decode(token, secret, algorithms=[_ALGORITHM], audience=_AUDIENCE)
    except jwt.ExpiredSignatureError as exc:
        raise AppError(
            401,
            "auth.token_expired",
            "โทเคนหมดอายุ กรุณาเข้าสู่ระบบใหม่",
            "Token expired; log in again",
            headers={"WWW-Authenticate": "Bearer"},
        ) from exc
    except jwt.PyJWTError as exc:
        raise unauthorized() from exc
    kind = claims.get("kind")
    expires = float(claims["exp"])
    if kind == PrincipalKind.SERVICE.value:
        return Principal(PrincipalKind.SERVICE, str(claims["sub"]), None, None), expires
    if kind != PrincipalKind.USER.value:
        raise unauthorized()
    try:
        principal = Principal(
            PrincipalKind.USER,
            str(claims["sub"]),
            uuid.UUID(claims["agency"]),
            str(claims["agency_code"]),
            role=Role(claims["role"]),
            username=str(claims["name"]),
        )
    except (KeyError, ValueError) as exc:
        raise unauthorized() from exc
    return principal, expires


def bearer_token(authorization: str | None) -> str | None:
    if not authorization:
        return None
    scheme, _, token = authorization.partition(" ")
    if scheme.lower() != "bearer" or not token:
        return None
    return token.strip()


def require_service(principal: Principal) -> None:
    if not principal.is_service:
        raise forbidden("เฉพาะบริการภายในระบบเท่านั้น", "Only Rongtook services may call this")


def request_principal(request: Request, secret: str) -> Principal:
    """The bearer token's principal (401 without a valid one), noted on the request for the access log."""
    token = bearer_token(request.headers.get("authorization"))
    if token is None:
        raise unauthorized()
    principal = verify_token(secret, token)
    request.state.principal_id = principal.actor_ref
    return principal
