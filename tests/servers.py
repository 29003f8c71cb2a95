"""The test run's PostgreSQL and Redis: started once by the pytest controller process and shared by
the xdist workers (each gets its own database and Redis database number) through the environment."""

from __future__ import annotations

import os

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
