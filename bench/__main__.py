"""`make bench`: every benchmark, against durable throwaway PostgreSQL and Redis.

The intake benchmarks share one database, as a real deployment would: the historical import loads
years of history first, then complaints are created on top of it (duplicate detection and the
indexes then work on a realistic table, and the planner has statistics, not an empty table)."""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

from bench import intake_create, intake_import, reporting_render, scoring_stream
from bench.common import create_database, service_env, write_results
from stack import throwaway


def main() -> int:
    servers = throwaway.start(durable=True)
    reports = []
    try:
        database_url = create_database(servers, "bench_intake")
        env = service_env(database_url, servers.redis_url, Path(tempfile.mkdtemp(prefix="rongtook-bench-")))
        for module in (intake_import, intake_create, scoring_stream, reporting_render):
            report = module.run(env)
            report.print()
            reports.append(report)
    finally:
        servers.stop()
    path = write_results(reports)
    print(f"\nresults written to {path}")
    missed = [f.name for r in reports for f in r.figures if not f.ok]
    if missed:
        print("targets missed: " + ", ".join(missed))
    return 1 if missed else 0


if __name__ == "__main__":
    sys.exit(main())
