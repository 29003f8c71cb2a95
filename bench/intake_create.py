"""Create-complaint throughput (issue 2): 2 uvicorn workers, 64 concurrent clients, this machine.
Targets: ≥ 1,000 complaints/s, ≥ 0.6 × a bare FastAPI + asyncpg one-row insert measured in the same
run, p99 < 150 ms. The load comes from wrk (Debian's package), which costs the server far less CPU
than a Python client would."""

from __future__ import annotations

import asyncio
import json
import os
import subprocess
import sys
import time
from typing import Any

import asyncpg

from bench.common import (
    ADMIN_PASSWORD,
    ROOT,
    Report,
    background,
    cpu_per,
    cpu_seconds,
    login,
    organisation,
    organisation_exists,
    prepared,
    serving,
    wrk_available,
)
from stack import throwaway

CONNECTIONS = 64
WORKERS = "2"
SECONDS = int(os.environ.get("BENCH_SECONDS", "20"))


def wrk(base: str, seconds: int, token: str = "", keys: bool = False) -> dict[str, Any]:
    env = dict(os.environ, BENCH_TOKEN=token, BENCH_KEYS="1" if keys else "0")
    result = subprocess.run(
        [
            "wrk",
            "-t2",
            f"-c{CONNECTIONS}",
            f"-d{seconds}s",
            "--timeout",
            "10s",
            "--latency",
            "-s",
            str(ROOT / "bench" / "create_complaints.lua"),
            base,
        ],
        env=env,
        check=True,
        capture_output=True,
        text=True,
    )
    line = next(x for x in result.stdout.splitlines() if x.startswith("WRK_RESULT "))
    data: dict[str, Any] = json.loads(line.removeprefix("WRK_RESULT "))
    data["per_second"] = (data["requests"] - data["non_2xx"]) / (data["duration_us"] / 1e6)
    return data


def _count(database_url: str, sql: str) -> int:
    async def count() -> int:
        conn = await asyncpg.connect(database_url)
        try:
            return int(await conn.fetchval(sql))
        finally:
            await conn.close()

    return asyncio.run(count())


def run(env: dict[str, str]) -> Report:
    report = Report("intake: create complaints (2 workers, 64 clients)")
    if not wrk_available():
        raise SystemExit("wrk is not installed: `make bench` installs it (Debian's package wrk)")
    database_url = env["RONGTOOK_DATABASE_URL"]
    log_dir = prepared(env)

    port = throwaway.free_port()
    bare_command = [
        sys.executable,
        "-m",
        "uvicorn",
        "bench.bare_app:create_app",
        "--factory",
        "--workers",
        WORKERS,
        "--port",
        str(port),
        "--loop",
        "uvloop",
        "--http",
        "httptools",
        "--no-access-log",
        "--log-level",
        "warning",
    ]
    with serving(bare_command, port, dict(env, BENCH_DATABASE_URL=database_url), log_dir / "bare.log") as base:
        wrk(base, 5)
        bare = wrk(base, SECONDS)

    port = throwaway.free_port()
    intake_command = [sys.executable, "-m", "stack.cli", "serve", "intake", "--workers", WORKERS, "--port", str(port)]
    # The worker runs too, as in production: its upkeep of the search index is part of the cost.
    with (
        background([sys.executable, "-m", "stack.cli", "worker", "intake"], env, log_dir / "worker.log"),
        serving(intake_command, port, env, log_dir / "intake.log") as base,
    ):
        admin = login(base, "admin", ADMIN_PASSWORD)
        if not organisation_exists(base, admin):
            organisation(base, admin)
        token = login(base, "desk", "bench-desk-password")["Authorization"].removeprefix("Bearer ")
        wrk(base, 5, token)
        time.sleep(1)  # the warm-up's last requests finish before the count
        before = _count(database_url, "SELECT count(*) FROM intake.complaints")
        cpu_before = cpu_seconds()
        plain = wrk(base, SECONDS, token)
        cpu = cpu_per(cpu_before, cpu_seconds(), plain["requests"])
        written = _count(database_url, "SELECT count(*) FROM intake.complaints") - before
        keyed = wrk(base, SECONDS, token, keys=True)

    ratio = plain["per_second"] / bare["per_second"]
    report.add("bare FastAPI + asyncpg insert", bare["per_second"], "req/s", "(yardstick)", True)
    report.add("create complaint", plain["per_second"], "req/s", "≥ 1,000", plain["per_second"] >= 1000)
    report.add("create complaint ÷ bare insert", ratio, "×", "≥ 0.6", ratio >= 0.6)
    report.add("create complaint p99", plain["p99_ms"], "ms", "< 150", plain["p99_ms"] < 150)
    report.add("create complaint p50", plain["p50_ms"], "ms", "(info)", True)
    for role, value in sorted(cpu.items()):
        report.add(f"CPU per complaint: {role}", value, "ms", "(info)", True)
    report.add("create with Idempotency-Key", keyed["per_second"], "req/s", "(info)", True)
    report.add("create with Idempotency-Key p99", keyed["p99_ms"], "ms", "(info)", True)
    errors = plain["non_2xx"] + plain["connect_errors"] + plain["timeouts"]
    report.add("failed requests", errors, "", "0", errors == 0)
    accepted = plain["requests"] - plain["non_2xx"]
    report.add(
        "complaints written − 2xx answered (in flight at the end)",
        written - accepted,
        "",
        "≥ 0 and small",
        0 <= written - accepted <= CONNECTIONS,
    )
    return report
