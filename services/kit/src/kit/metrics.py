"""Prometheus metrics. With several worker processes, set PROMETHEUS_MULTIPROC_DIR (the launcher does)."""

from __future__ import annotations

import os

from fastapi import APIRouter, Response
from prometheus_client import (
    CONTENT_TYPE_LATEST,
    CollectorRegistry,
    Counter,
    Histogram,
    generate_latest,
    multiprocess,
)

REQUESTS = Counter("rongtook_http_requests_total", "HTTP requests handled", ["service", "method", "route", "status"])
LATENCY = Histogram(
    "rongtook_http_request_duration_seconds",
    "Time to handle an HTTP request",
    ["service", "route"],
    buckets=(0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0),
)
JOBS_SENT = Counter("rongtook_jobs_sent_total", "Jobs handed to the queue", ["queue", "function"])
JOB_SEND_FAILURES = Counter("rongtook_job_send_failures_total", "Job flushes that failed", ["queue"])


def metrics_router() -> APIRouter:
    router = APIRouter(include_in_schema=False)

    @router.get("/metrics")
    def metrics() -> Response:
        if os.environ.get("PROMETHEUS_MULTIPROC_DIR"):
            registry = CollectorRegistry()
            multiprocess.MultiProcessCollector(registry)  # type: ignore[no-untyped-call]
            payload = generate_latest(registry)
        else:
            payload = generate_latest()
        return Response(payload, media_type=CONTENT_TYPE_LATEST)

    return router
