"""`rongtook run` (what `make run` starts): private PostgreSQL and Redis under ./var, every service,
one URL; data survives a restart; SIGTERM / `rongtook stop` stops everything it started and
nothing else."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from stack.postgres import Cluster
from tests.servers import free_port


@pytest.fixture
def stack_dir() -> Iterator[Path]:
    root = Path(tempfile.mkdtemp(prefix="rongtook-stack-"))
    os.chmod(root, 0o755)  # the postgres user walks down to var/pg
    yield root
    shutil.rmtree(root, ignore_errors=True)


def _start(cwd: Path, env: dict[str, str]) -> tuple[subprocess.Popen[str], list[str]]:
    process = subprocess.Popen(
        [sys.executable, "-m", "stack.cli", "run"],
        cwd=cwd,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    lines: list[str] = []
    deadline = time.monotonic() + 120
    assert process.stdout is not None
    while time.monotonic() < deadline:
        line = process.stdout.readline()
        if not line:
            break
        lines.append(line.rstrip())
        if "Stop: Ctrl-C" in line:  # the last line of the banner
            return process, lines
    process.kill()
    raise AssertionError("the stack did not start:\n" + "\n".join(lines) + _logs(cwd))


def _logs(cwd: Path) -> str:
    return "".join(f"\n--- {p.name}\n{p.read_text()[-3000:]}" for p in (cwd / "var" / "log").glob("*.log"))


def _listening(port: int) -> bool:
    import socket

    with socket.socket() as s:
        return s.connect_ex(("127.0.0.1", port)) == 0


def test_run_restart_and_stop(stack_dir: Path) -> None:
    ports = {name: free_port() for name in ("GATEWAY", "INTAKE", "PG", "REDIS")}
    env = dict(os.environ)
    for key in ("DATABASE_URL", "REDIS_URL", "RONGTOOK_DATABASE_URL", "RONGTOOK_REDIS_URL", "PROMETHEUS_MULTIPROC_DIR"):
        env.pop(key, None)
    env.update({f"RONGTOOK_{name}_PORT": str(port) for name, port in ports.items()})
    env.update(RONGTOOK_ADMIN_PASSWORD="launcher-test-password", RONGTOOK_LOG_LEVEL="WARNING")
    bystander = subprocess.Popen(["sleep", "300"])
    base = f"http://127.0.0.1:{ports['GATEWAY']}"
    try:
        process, lines = _start(stack_dir, env)
        assert any(base in line for line in lines)
        with httpx.Client(base_url=base, timeout=10) as client:
            assert client.get("/api/intake/readyz").json()["status"] == "ready"
            token = client.post(
                "/api/intake/v1/auth/token", data={"username": "admin", "password": "launcher-test-password"}
            ).json()
            headers = {"Authorization": f"Bearer {token['access_token']}"}
            created = client.post(
                "/api/intake/v1/agencies", json={"code": "KEEP", "name_th": "ต้องอยู่รอด"}, headers=headers
            )
            assert created.status_code == 201, created.text
            docs = client.get("/api/intake/docs")
            assert docs.status_code == 200 and "/api/intake/docs/assets/swagger-ui-bundle.js" in docs.text
            assert client.get("/api/intake/docs/assets/swagger-ui-bundle.js").status_code == 200
            assert client.get("/").status_code == 200
            unknown = client.get("/api/nothing/here")
            assert unknown.status_code == 404 and unknown.json()["error"]["code"] == "gateway.unknown_service"
        assert (stack_dir / "var" / "pg" / "data" / "PG_VERSION").exists()

        process.send_signal(signal.SIGTERM)
        assert process.wait(60) == 0
        for port in ports.values():
            assert not _listening(port), f"port {port} still open after SIGTERM"
        assert not Cluster(stack_dir / "var" / "pg", ports["PG"], "").running()
        assert bystander.poll() is None, "stopped a process it had not started"

        process, lines = _start(stack_dir, env)
        assert not any("shown this once" in line for line in lines)  # the admin exists already
        with httpx.Client(base_url=base, timeout=10) as client:
            token = client.post(
                "/api/intake/v1/auth/token", data={"username": "admin", "password": "launcher-test-password"}
            ).json()
            kept = client.get(
                "/api/intake/v1/agencies/KEEP", headers={"Authorization": f"Bearer {token['access_token']}"}
            )
            assert kept.json()["name_th"] == "ต้องอยู่รอด"

        subprocess.run(
            [sys.executable, "-m", "stack.cli", "stop"], cwd=stack_dir, env=env, check=True, stdout=subprocess.DEVNULL
        )
        assert process.wait(60) == 0
        for port in ports.values():
            assert not _listening(port)
        assert bystander.poll() is None
    finally:
        bystander.kill()
        subprocess.run(
            [sys.executable, "-m", "stack.cli", "stop"],
            cwd=stack_dir,
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
