"""Throwaway PostgreSQL and Redis for one test run, started once by the pytest controller process
and shared by the xdist workers (each gets its own database and Redis database number)."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path

from stack.postgres import Cluster, wait_for_port
from stack.redis_server import PrivateRedis

PG_ENV = "RONGTOOK_TEST_PG_ADMIN_URL"
REDIS_ENV = "RONGTOOK_TEST_REDIS_BASE"
_PASSWORD = "test-superuser"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@dataclass
class TestServers:
    root: Path
    cluster: Cluster
    redis: subprocess.Popen[bytes]
    redis_port: int

    def stop(self) -> None:
        self.redis.terminate()
        try:
            self.redis.wait(10)
        except subprocess.TimeoutExpired:
            self.redis.kill()
        self.cluster.stop()
        shutil.rmtree(self.root, ignore_errors=True)


def start() -> TestServers:
    root = Path(tempfile.mkdtemp(prefix="rongtook-test-"))
    os.chmod(root, 0o755)
    cluster = Cluster(root / "pg", free_port(), _PASSWORD)
    cluster.init()
    cluster.start(fast=True)
    redis_port = free_port()
    redis = PrivateRedis(root / "redis", redis_port, None, persistent=False).start()
    wait_for_port(redis_port)
    os.environ[PG_ENV] = cluster.url("postgres", _PASSWORD, "postgres")
    os.environ[REDIS_ENV] = f"redis://127.0.0.1:{redis_port}"
    return TestServers(root, cluster, redis, redis_port)
