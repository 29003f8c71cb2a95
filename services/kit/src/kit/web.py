"""The pieces every service's ``create_app`` puts together."""

from __future__ import annotations

from collections.abc import Callable
from contextlib import AbstractAsyncContextManager

import orjson
from fastapi import APIRouter, FastAPI, Response

from kit.errors import install_error_handlers
from kit.health import health_router
from kit.metrics import metrics_router
from kit.middleware import RequestContextMiddleware
from kit.runtime import Runtime


def build_app(
    *,
    service: str,
    title: str,
    description: str,
    lifespan: Callable[[FastAPI], AbstractAsyncContextManager[None]],
    routers: list[APIRouter],
) -> FastAPI:
    app = FastAPI(title=title, description=description, version="1.0.0", lifespan=lifespan)
    install_error_handlers(app)
    app.add_middleware(RequestContextMiddleware, service=service)

    def checks() -> dict[str, Callable[[], object]]:
        runtime: Runtime = app.state.runtime
        return {"database": runtime.check_database, "redis": runtime.check_redis}

    app.include_router(health_router(checks))  # type: ignore[arg-type]
    app.include_router(metrics_router())
    for router in routers:
        app.include_router(router)
    return app


class JSONBody(Response):
    """A JSON response rendered with orjson (for bodies built as plain data)."""

    media_type = "application/json"

    def render(self, content: object) -> bytes:
        return orjson.dumps(content)
