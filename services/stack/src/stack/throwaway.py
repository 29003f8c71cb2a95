"""Throwaway PostgreSQL and Redis in a temporary directory: for the test suite (fast, nothing kept)
and the benchmarks (durable settings, so the figures are honest)."""

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

SUPERUSER_PASSWORD = "throwaway-superuser"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@dataclass
class Throwaway:
    root: Path
    cluster: Cluster
    redis: subprocess.Popen[bytes]
    redis_port: int

    @property
    def admin_url(self) -> str:
        return self.cluster.url("postgres", SUPERUSER_PASSWORD, "postgres")

    def database_url(self, name: str) -> str:
        return self.cluster.url("postgres", SUPERUSER_PASSWORD, name)

    @property
    def redis_url(self) -> str:
        return f"redis://127.0.0.1:{self.redis_port}"

    def stop(self) -> None:
        self.redis.terminate()
        try:
            self.redis.wait(10)
        except subprocess.TimeoutExpired:
            self.redis.kill()
        self.cluster.stop()
        shutil.rmtree(self.root, ignore_errors=True)


def start(*, durable: bool) -> Throwaway:
    """``durable=False`` turns off fsync: only for runs whose data may be lost (tests)."""
    root = Path(tempfile.mkdtemp(prefix="rongtook-throwaway-"))
    os.chmod(root, 0o755)  # noqa: S103 - the postgres user walks down to its data directory
    cluster = Cluster(root / "pg", free_port(), SUPERUSER_PASSWORD)
    cluster.init()
    cluster.start(fast=not durable)
    redis_port = free_port()
    redis = PrivateRedis(root / "redis", redis_port, None, persistent=False).start()
    wait_for_port(redis_port)
    return Throwaway(root, cluster, redis, redis_port)
