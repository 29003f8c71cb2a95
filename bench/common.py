"""What every benchmark needs: durable throwaway servers, a migrated database, a running service
process, an organisation set up through the API, and a way to report figures against targets."""

from __future__ import annotations

import asyncio
import json
import os
import shutil
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import asyncpg
import httpx

from stack import throwaway

ROOT = Path(__file__).resolve().parent.parent
JWT_SECRET = "bench-secret-" + "x" * 40
ADMIN_PASSWORD = "bench-admin-password"


@dataclass
class Figure:
    name: str
    value: float
    unit: str
    target: str
    ok: bool


@dataclass
class Report:
    benchmark: str
    figures: list[Figure] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    def add(self, name: str, value: float, unit: str, target: str, ok: bool) -> None:
        self.figures.append(Figure(name, value, unit, target, ok))

    def print(self) -> None:
        print(f"\n== {self.benchmark}")
        for f in self.figures:
            mark = "ok " if f.ok else "MISS"
            print(f"  [{mark}] {f.name:<52} {f.value:>12,.1f} {f.unit:<10} target {f.target}")
        for note in self.notes:
            print(f"         {note}")


def create_database(servers: throwaway.Throwaway, name: str) -> str:
    async def create() -> None:
        conn = await asyncpg.connect(servers.admin_url)
        try:
            await conn.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")
            await conn.execute(f"CREATE DATABASE {name} LC_CTYPE 'C.UTF-8' LC_COLLATE 'C.UTF-8' TEMPLATE template0")
        finally:
            await conn.close()

    asyncio.run(create())
    return servers.database_url(name)


def service_env(database_url: str, redis_url: str, var_dir: Path) -> dict[str, str]:
    env = dict(os.environ)
    env.update(
        RONGTOOK_DATABASE_URL=database_url,
        RONGTOOK_REDIS_URL=redis_url + "/0",
        RONGTOOK_JWT_SECRET=JWT_SECRET,
        RONGTOOK_VAR_DIR=str(var_dir),
        RONGTOOK_LOG_LEVEL="WARNING",
        RONGTOOK_ADMIN_PASSWORD=ADMIN_PASSWORD,
    )
    env.pop("PROMETHEUS_MULTIPROC_DIR", None)
    return env


def prepared(env: dict[str, str]) -> Path:
    """Migrate the database (once) and make sure the administrator exists; returns the log folder."""
    cli("migrate", env=env)
    cli("admin", "ensure-admin", env=env)
    log_dir = Path(env["RONGTOOK_VAR_DIR"]) / "log"
    log_dir.mkdir(parents=True, exist_ok=True)
    return log_dir


def settle(database_url: str) -> None:
    """After a bulk load, what an operator (or, in time, autovacuum) does anyway: vacuum — which also
    merges the text index's pending entries — and gather statistics, so the next measurement does
    not pay for the previous one's aftermath."""

    async def run() -> None:
        conn = await asyncpg.connect(database_url)
        try:
            await conn.execute("VACUUM ANALYZE")
        finally:
            await conn.close()

    asyncio.run(run())


def organisation_exists(base: str, admin: dict[str, str]) -> bool:
    return httpx.get(base + "/v1/agencies/D01", headers=admin, timeout=30).status_code == 200


def cli(*args: str, env: dict[str, str]) -> None:
    subprocess.run([sys.executable, "-m", "stack.cli", *args], env=env, check=True, stdout=subprocess.DEVNULL)


@contextmanager
def serving(command: list[str], port: int, env: dict[str, str], log: Path) -> Iterator[str]:
    """Run an HTTP server process; yield its base URL once /healthz answers."""
    with open(log, "wb") as out:
        process = subprocess.Popen(command, env=env, stdout=out, stderr=subprocess.STDOUT, start_new_session=True)
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                if httpx.get(base + "/healthz", timeout=1).status_code == 200:
                    break
            except httpx.TransportError:
                pass
            if time.monotonic() > deadline or process.poll() is not None:
                raise RuntimeError(f"{command} did not start; see {log}")
            time.sleep(0.2)
        yield base
    finally:
        process.terminate()
        try:
            process.wait(20)
        except subprocess.TimeoutExpired:
            process.kill()


@contextmanager
def background(command: list[str], env: dict[str, str], log: Path) -> Iterator[None]:
    """Run a process (a worker) for the duration of the block."""
    with open(log, "wb") as out:
        process = subprocess.Popen(command, env=env, stdout=out, stderr=subprocess.STDOUT, start_new_session=True)
    try:
        yield
    finally:
        process.terminate()
        try:
            process.wait(20)
        except subprocess.TimeoutExpired:
            process.kill()


def login(base: str, username: str, password: str) -> dict[str, str]:
    response = httpx.post(base + "/v1/auth/token", data={"username": username, "password": password}, timeout=30)
    response.raise_for_status()
    return {"Authorization": f"Bearer {response.json()['access_token']}"}


def organisation(base: str, admin: dict[str, str], districts: int = 50) -> list[str]:
    """A root, ``districts`` district offices, the demo's categories; returns the district codes."""
    with httpx.Client(base_url=base, headers=admin, timeout=30) as client:
        root = client.get("/v1/agencies").json()[0]["code"]
        codes = []
        for n in range(1, districts + 1):
            code = f"D{n:02d}"
            client.post("/v1/agencies", json={"code": code, "name_th": f"สำนักงานเขตที่ {n}", "parent": root})
            codes.append(code)
        for code, name in CATEGORIES:
            client.post("/v1/categories", json={"code": code, "name_th": name})
        client.post(
            "/v1/users",
            json={
                "username": "desk",
                "display_name": "desk",
                "role": "front_desk",
                "agency": root,
                "password": "bench-desk-password",
            },
        )
    return codes


CATEGORIES = [
    ("roads", "ถนน ทางเท้าชำรุด"),
    ("drainage", "ท่อระบายน้ำ น้ำท่วมขัง"),
    ("waste", "ขยะมูลฝอย"),
    ("noise", "เสียงดังรบกวน"),
    ("street_lights", "ไฟฟ้าสาธารณะ"),
    ("encroachment", "รุกล้ำที่สาธารณะ"),
]


def cpu_seconds() -> dict[str, float]:
    """CPU time used so far by the processes of a run, by role (Linux /proc)."""
    ticks = os.sysconf("SC_CLK_TCK")
    totals: dict[str, float] = {}
    for pid in os.listdir("/proc"):
        if not pid.isdigit():
            continue
        try:
            stat = Path(f"/proc/{pid}/stat").read_text()
            command = Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace")
        except OSError:
            continue
        name = stat[stat.index("(") + 1 : stat.rindex(")")]
        fields = stat[stat.rindex(")") + 2 :].split()
        used = (int(fields[11]) + int(fields[12])) / ticks
        if name == "postgres":
            role = "postgres"
        elif " worker " in command:
            role = "worker"
        elif " serve " in command or "multiprocessing" in command or "uvicorn" in command:
            role = "server"
        elif name == "wrk":
            role = "load"
        else:
            continue
        totals[role] = totals.get(role, 0.0) + used
    return totals


def cpu_per(before: dict[str, float], after: dict[str, float], count: int) -> dict[str, float]:
    """Milliseconds of CPU per item, by role, between two snapshots (processes that ended between
    them are not counted)."""
    return {role: (after.get(role, 0.0) - before.get(role, 0.0)) * 1000 / max(count, 1) for role in after}


def wrk_available() -> str | None:
    return shutil.which("wrk")


def write_results(reports: list[Report]) -> Path:
    out = ROOT / "bench" / "results"
    out.mkdir(parents=True, exist_ok=True)
    path = out / time.strftime("%Y%m%d-%H%M%S.json")
    data: list[dict[str, Any]] = [
        {"benchmark": r.benchmark, "figures": [f.__dict__ for f in r.figures], "notes": r.notes} for r in reports
    ]
    path.write_text(json.dumps(data, ensure_ascii=False, indent=2))
    return path
