"""One pure-ASGI middleware for what every request needs: a request id, an access log line and
metrics. Pure ASGI (not BaseHTTPMiddleware) because it sits on the hot path of every call."""

from __future__ import annotations

import time
import uuid

import structlog
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from kit.logging import request_id_var
from kit.metrics import LATENCY, REQUESTS

access_log = structlog.get_logger("access")
_QUIET_PATHS = frozenset({"/healthz", "/readyz", "/metrics"})


class RequestContextMiddleware:
    def __init__(self, app: ASGIApp, service: str) -> None:
        self.app = app
        self.service = service

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        request_id = None
        path = scope["path"]
        for name, value in scope["headers"]:
            if name == b"x-request-id":
                request_id = value.decode("latin-1")[:128]
            elif name == b"x-forwarded-prefix":
                _mount_at(scope, value.decode("latin-1")[:64].rstrip("/"))
        if not request_id:
            request_id = uuid.uuid4().hex
        token = request_id_var.set(request_id)
        scope.setdefault("state", {})["request_id"] = request_id
        started = time.perf_counter()
        status_holder = [500]
        header_value = request_id.encode("latin-1")

        async def send_with_id(message: Message) -> None:
            if message["type"] == "http.response.start":
                status_holder[0] = message["status"]
                headers = list(message.get("headers", []))
                headers.append((b"x-request-id", header_value))
                message["headers"] = headers
            await send(message)

        try:
            await self.app(scope, receive, send_with_id)
        finally:
            elapsed = time.perf_counter() - started
            route = scope.get("route")
            template = getattr(route, "path", None) or "unmatched"
            status = status_holder[0]
            REQUESTS.labels(self.service, scope["method"], template, str(status)).inc()
            LATENCY.labels(self.service, template).observe(elapsed)
            if path not in _QUIET_PATHS:
                principal = scope.get("state", {}).get("principal_id")
                access_log.info(
                    "request",
                    method=scope["method"],
                    route=template,
                    status=status,
                    duration_ms=round(elapsed * 1000, 2),
                    principal=principal,
                )
            request_id_var.reset(token)


def _mount_at(scope: Scope, prefix: str) -> None:
    """Behind the gateway the service answers under /api/<service>: as ASGI has it, the prefix is the
    root path and the path carries it too (links, the docs page and its files point there)."""
    if not prefix.startswith("/"):
        return
    scope["root_path"] = prefix
    scope["path"] = prefix + scope["path"]
    scope["raw_path"] = prefix.encode("latin-1") + scope.get("raw_path", b"")
