"""The pieces every service's ``create_app`` puts together."""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable
from contextlib import AbstractAsyncContextManager, asynccontextmanager
from typing import Any

import orjson
from fastapi import APIRouter, FastAPI, Request, Response
from pydantic import BaseModel

from kit.docs import install_docs
from kit.errors import install_error_handlers
from kit.health import health_router
from kit.heap import settle_heap
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
    body_schemas: tuple[type[BaseModel], ...] = (),
) -> FastAPI:
    """``body_schemas``: models of bodies an endpoint reads itself (declared with ``openapi_extra``
    as ``#/components/schemas/<Model>``), added to the document's components."""

    @asynccontextmanager
    async def started(app: FastAPI) -> AsyncIterator[None]:
        async with lifespan(app):
            settle_heap()
            yield

    app = FastAPI(
        title=title, description=description, version="1.0.0", lifespan=started, docs_url=None, redoc_url=None
    )
    install_docs(app)
    install_error_handlers(app)
    app.add_middleware(RequestContextMiddleware, service=service)

    def checks() -> dict[str, Callable[[], object]]:
        runtime: Runtime = app.state.runtime
        return {"database": runtime.check_database, "redis": runtime.check_redis}

    app.include_router(health_router(checks))  # type: ignore[arg-type]
    app.include_router(metrics_router())
    for router in routers:
        app.include_router(router)
    _complete_openapi(app, body_schemas)
    return app


def _complete_openapi(app: FastAPI, body_schemas: tuple[type[BaseModel], ...]) -> None:
    """Say in the OpenAPI document how callers authenticate (the endpoints read the headers
    themselves: a dependency per header would cost every request), and add the bodies that
    endpoints parse themselves."""
    build = app.openapi

    def openapi() -> dict[str, Any]:
        if app.openapi_schema is None:
            schema = build()
            components = schema.setdefault("components", {})
            found = components.setdefault("schemas", {})
            for model in body_schemas:
                own = model.model_json_schema(ref_template="#/components/schemas/{model}")
                for name, definition in own.pop("$defs", {}).items():
                    found.setdefault(name, definition)
                found[model.__name__] = own
            components["securitySchemes"] = {
                "bearer": {"type": "http", "scheme": "bearer", "description": "token from POST /v1/auth/token"},
                "apiKey": {
                    "type": "apiKey",
                    "in": "header",
                    "name": "X-API-Key",
                    "description": "an integration's key: rtk_<prefix>_<secret>",
                },
            }
            schema["security"] = [{"bearer": []}, {"apiKey": []}]
            app.openapi_schema = schema
        return app.openapi_schema

    app.openapi = openapi  # type: ignore[method-assign]


class JSONBody(Response):
    """A JSON response rendered with orjson (for bodies built as plain data)."""

    media_type = "application/json"

    def render(self, content: object) -> bytes:
        if isinstance(content, bytes):
            return content
        return orjson.dumps(content)

    @classmethod
    def of(cls, model: BaseModel, status_code: int = 200) -> JSONBody:
        """A model's JSON straight from pydantic's serializer."""
        return cls(model.model_dump_json().encode(), status_code=status_code)


def app_path(request: Request) -> str:
    """The request's path inside the service, the same whether it came through the gateway or not."""
    root = str(request.scope.get("root_path", ""))
    path = request.url.path
    return path[len(root) :] if root and path.startswith(root) else path
