"""Password hashing with argon2id.

Defaults are argon2-cffi's (RFC 9106 low-memory profile). RONGTOOK_ARGON2_MEMORY_KIB and
RONGTOOK_ARGON2_TIME_COST lower the cost where passwords are throwaway (the test suite); a hash
records its own parameters, so verification works whatever they were.
"""

from __future__ import annotations

import os
import secrets
from functools import cache

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError


@cache
def _hasher() -> PasswordHasher:
    defaults = PasswordHasher()
    return PasswordHasher(
        time_cost=int(os.environ.get("RONGTOOK_ARGON2_TIME_COST", defaults.time_cost)),
        memory_cost=int(os.environ.get("RONGTOOK_ARGON2_MEMORY_KIB", defaults.memory_cost)),
        parallelism=defaults.parallelism,
    )


@cache
def _dummy_hash() -> str:
    # Verified when the username is unknown, so a wrong name costs as long as a wrong password.
    return _hasher().hash(secrets.token_urlsafe(16))


def hash_password(password: str) -> str:
    return _hasher().hash(password)


def verify_password(password_hash: str | None, password: str) -> bool:
    try:
        return _hasher().verify(password_hash or _dummy_hash(), password) and password_hash is not None
    except (VerificationError, InvalidHashError):
        return False


def generate_password() -> str:
    return secrets.token_urlsafe(12)
