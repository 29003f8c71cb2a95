"""The test run's PostgreSQL and Redis: started once by the pytest controller process and shared by
the xdist workers (each gets its own database and Redis database number) through the environment."""

from __future__ import annotations

import os

import asyncpg

from stack import throwaway

PG_ENV = "RONGTOOK_TEST_PG_ADMIN_URL"
REDIS_ENV = "RONGTOOK_TEST_REDIS_BASE"
# The end-to-end tests' running system uses this Redis database; the workers take 0 … 14.
E2E_REDIS_DB = 15
free_port = throwaway.free_port


def start() -> throwaway.Throwaway:
    servers = throwaway.start(durable=False)
    os.environ[PG_ENV] = servers.admin_url
    os.environ[REDIS_ENV] = servers.redis_url
    return servers


async def fresh_database(name: str) -> str:
    """An empty UTF-8 database `name` on the test run's PostgreSQL (dropped first if it is there);
    its URL."""
    admin_url = os.environ[PG_ENV]
    conn = await asyncpg.connect(admin_url)
    try:
        await conn.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")
        await conn.execute(
            f"CREATE DATABASE {name} ENCODING 'UTF8' LC_COLLATE 'C.UTF-8' LC_CTYPE 'C.UTF-8' TEMPLATE template0"
        )
    finally:
        await conn.close()
    return admin_url.rsplit("/", 1)[0] + f"/{name}"
