"""Reporting: how long a user waits for a progress report and a 50-agency statistics report (from
the request to the file being ready, through the API and the worker, on the data the intake
import loaded and scoring followed), how long a 100,000-row XLSX takes to render, and whether the
API keeps answering while renders run."""

from __future__ import annotations

import asyncio
import datetime as dt
import statistics
import sys
import threading
import time

import asyncpg
import httpx

from bench.common import ADMIN_PASSWORD, Report, background, login, prepared, serving
from stack import throwaway


def _fiscal_year(database_url: str) -> int:
    async def query() -> int:
        conn = await asyncpg.connect(database_url)
        try:
            return int(
                await conn.fetchval(
                    "SELECT fiscal_year FROM scoring.complaints GROUP BY 1 ORDER BY count(*) DESC LIMIT 1"
                )
            )
        finally:
            await conn.close()

    return asyncio.run(query())


def _ask(client: httpx.Client, body: dict[str, object]) -> str:
    response = client.post("/v1/reports", json=body)
    response.raise_for_status()
    return str(response.json()["id"])


def _wait(client: httpx.Client, report_id: str, timeout: float = 300) -> None:
    deadline = time.monotonic() + timeout
    while True:
        status = client.get(f"/v1/reports/{report_id}").json()
        if status["status"] == "done":
            return
        if status["status"] == "failed" or time.monotonic() > deadline:
            raise RuntimeError(f"report {report_id}: {status}")
        time.sleep(0.01)


def _timed(client: httpx.Client, body: dict[str, object], runs: int) -> float:
    """Median seconds from the request to the file being ready."""
    timings = []
    for _ in range(runs):
        started = time.perf_counter()
        _wait(client, _ask(client, body))
        timings.append(time.perf_counter() - started)
    return statistics.median(timings)


def _xlsx_100k() -> float:
    from reporting.render.model import Column, Document, Kind, Table
    from reporting.render.xlsx import render_xlsx

    day = dt.date(2020, 1, 15)
    rows: list[list[object]] = [
        [f"2563-{n:07d}", day, "ท่อระบายน้ำ น้ำท่วม", "สายด่วน 1555", f"สำนักงานเขต {n % 50:02d}", day, n % 90,
         "เกินกำหนด" if n % 3 else None, None, n % 4, day, "เกินกำหนด" if n % 2 else None]
        for n in range(100_000)
    ]  # fmt: skip
    kinds = [Kind.TEXT, Kind.DATE, Kind.TEXT, Kind.TEXT, Kind.TEXT, Kind.DATE, Kind.INTEGER, Kind.TEXT, Kind.TEXT,
             Kind.INTEGER, Kind.DATE, Kind.TEXT]  # fmt: skip
    document = Document(
        type="cpl-r001",
        title="CPL_R001 รายงานเรื่องคงค้างหน่วยงานดำเนินการ",
        agency="กรุงเทพมหานคร",
        printed_at=dt.datetime.now(dt.UTC),
        blocks=[Table("complaints", "รายการ", [Column(f"c{i}", f"คอลัมน์ {i}", k) for i, k in enumerate(kinds)], rows)],  # type: ignore[arg-type]
    )
    started = time.perf_counter()
    content = render_xlsx(document)
    seconds = time.perf_counter() - started
    assert len(content) > 1_000_000
    return seconds


def _latencies_while(client: httpx.Client, report_id: str, busy: threading.Event) -> list[float]:
    timings = []
    while busy.is_set():
        started = time.perf_counter()
        client.get(f"/v1/reports/{report_id}").raise_for_status()
        timings.append((time.perf_counter() - started) * 1000)
        time.sleep(0.005)
    return timings


def run(env: dict[str, str]) -> Report:
    report = Report("reporting: render times and API latency under rendering")
    log_dir = prepared(env)
    database_url = env["RONGTOOK_DATABASE_URL"]
    fy = _fiscal_year(database_url)
    ports = {name: throwaway.free_port() for name in ("intake", "scoring", "reporting")}
    env = dict(env, **{f"RONGTOOK_{name.upper()}_URL": f"http://127.0.0.1:{port}" for name, port in ports.items()})

    def serve(name: str) -> list[str]:
        return [sys.executable, "-m", "stack.cli", "serve", name, "--workers", "1", "--port", str(ports[name])]

    worker = [sys.executable, "-m", "stack.cli", "worker", "reporting"]
    with (
        serving(serve("intake"), ports["intake"], env, log_dir / "intake-reporting.log") as intake_base,
        serving(serve("scoring"), ports["scoring"], env, log_dir / "scoring-reporting.log"),
        serving(serve("reporting"), ports["reporting"], env, log_dir / "reporting.log") as base,
        background(worker, env, log_dir / "reporting-worker.log"),
    ):
        admin = login(intake_base, "admin", ADMIN_PASSWORD)
        root = httpx.get(intake_base + "/v1/agencies", headers=admin, timeout=30).json()[0]["code"]
        with httpx.Client(base_url=base, headers=admin, timeout=60) as client:
            progress_body: dict[str, object] = {
                "type": "progress",
                "params": {"agency": "D01", "fy": fy, "periods": "monthly"},
            }
            stats_body: dict[str, object] = {"type": "statistics", "params": {"agency": root, "fy": fy}}
            _timed(client, progress_body, 1)  # warm the worker's imports and fonts
            progress_s = _timed(client, progress_body, 5)
            stats_s = _timed(client, stats_body, 3)
            probe = _ask(client, progress_body)
            _wait(client, probe)
            renders = [_ask(client, stats_body) for _ in range(4)]
            busy = threading.Event()
            busy.set()
            with httpx.Client(base_url=base, headers=admin, timeout=60) as poller:
                result: list[list[float]] = []
                thread = threading.Thread(target=lambda: result.append(_latencies_while(poller, probe, busy)))
                thread.start()
                for report_id in renders:
                    _wait(client, report_id)
                busy.clear()
                thread.join()
    xlsx_s = _xlsx_100k()
    p99 = statistics.quantiles(result[0], n=100)[98]
    report.add("progress-report PDF, one agency (request → file)", progress_s, "s", "≤ 1.5", progress_s <= 1.5)
    report.add("statistics PDF, 50 agencies (request → file)", stats_s, "s", "≤ 5", stats_s <= 5)
    report.add("XLSX of 100,000 complaint rows (render)", xlsx_s, "s", "≤ 10", xlsx_s <= 10)
    report.add("GET /v1/reports/{id} p99 while 4 renders run", p99, "ms", "< 50", p99 < 50)
    report.notes.append(
        f"fiscal year {fy}; {len(result[0])} status reads during the 4 renders; the XLSX figure renders a "
        "CPL_R001-shaped table of 100,000 rows in-process (the bench data has few outstanding complaints)"
    )
    return report
