"""The one public URL: serves the web app and routes /api/<service>/… to the services.

In the scaled stack nginx does this (deploy/nginx.conf); here a small ASGI proxy keeps the
embedded default to Python and Debian's packages.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

import httpx
from starlette.applications import Starlette
from starlette.background import BackgroundTask
from starlette.middleware import Middleware
from starlette.middleware.gzip import DEFAULT_EXCLUDED_CONTENT_TYPES, GZipMiddleware
from starlette.requests import Request
from starlette.responses import FileResponse, HTMLResponse, JSONResponse, Response, StreamingResponse
from starlette.routing import Route

_HOP_HEADERS = frozenset(
    {
        "connection",
        "keep-alive",
        "proxy-authenticate",
        "proxy-authorization",
        "te",
        "trailers",
        "transfer-encoding",
        "upgrade",
        "host",
        "content-length",
    }
)

_LANDING = """<!doctype html><html lang="th"><head><meta charset="utf-8"><title>Rongtook ร้องทุกข์</title>
<style>body{font-family:Sarabun,sans-serif;max-width:48rem;margin:3rem auto;line-height:1.6}</style></head>
<body><h1>ระบบรับเรื่องร้องเรียน Rongtook</h1>
<p>เว็บแอปยังไม่ได้ติดตั้ง — The web app is not built yet. The services answer here:</p><ul>%s</ul></body></html>"""


# Files that are compressed already gain nothing from gzip but its cost.
_ALREADY_COMPRESSED = (
    *DEFAULT_EXCLUDED_CONTENT_TYPES,
    "application/pdf",
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
)


def _built_file(root: Path, relative: str) -> Path | None:
    """A file of the built web app, or None. Looked up at each request, not indexed once: the app is
    built again while the gateway runs (scripts/bootstrap before `make test`, `npm run build`), and
    its new files, named by content, must be served at once."""
    candidate = (root / relative).resolve()
    if candidate == root / "index.html" or not candidate.is_relative_to(root) or not candidate.is_file():
        return None
    return candidate


def create_gateway(upstreams: dict[str, str], static_dir: Path | None) -> Starlette:
    """`static_dir`: the built web app (frontend/dist); a landing page while it holds no build."""
    clients: dict[str, httpx.AsyncClient] = {}
    static_root = static_dir.resolve() if static_dir is not None else None

    @asynccontextmanager
    async def lifespan(app: Starlette) -> AsyncIterator[None]:
        for name, base in upstreams.items():
            clients[name] = httpx.AsyncClient(base_url=base, timeout=httpx.Timeout(120.0, connect=5.0))
        yield
        for client in clients.values():
            await client.aclose()

    async def proxy(request: Request) -> Response:
        service = request.path_params["service"]
        client = clients.get(service)
        if client is None:
            return JSONResponse(
                {
                    "error": {
                        "code": "gateway.unknown_service",
                        "message_th": "ไม่พบบริการนี้",
                        "message_en": f"No service '{service}'",
                        "fields": {},
                    }
                },
                status_code=404,
            )
        path = "/" + request.path_params.get("path", "")
        headers = {k: v for k, v in request.headers.items() if k.lower() not in _HOP_HEADERS}
        headers["x-forwarded-for"] = request.client.host if request.client else ""
        headers["x-forwarded-prefix"] = f"/api/{service}"
        upstream = client.build_request(
            request.method, path, params=request.url.query, headers=headers, content=request.stream()
        )
        try:
            response = await client.send(upstream, stream=True)
        except httpx.TransportError:
            return JSONResponse(
                {
                    "error": {
                        "code": "gateway.unavailable",
                        "message_th": "บริการไม่พร้อมใช้งานชั่วคราว",
                        "message_en": f"The {service} service is not reachable",
                        "fields": {},
                    }
                },
                status_code=503,
            )
        out_headers = {k: v for k, v in response.headers.items() if k.lower() not in _HOP_HEADERS}
        return StreamingResponse(
            response.aiter_raw(),
            status_code=response.status_code,
            headers=out_headers,
            background=BackgroundTask(response.aclose),
        )

    async def spa(request: Request) -> Response:
        if static_root is not None and (static_root / "index.html").is_file():
            relative = request.path_params.get("path", "")
            found = _built_file(static_root, relative)
            if found is not None:
                cache = "public, max-age=31536000, immutable" if relative.startswith("assets/") else "no-cache"
                return FileResponse(found, headers={"Cache-Control": cache})
            # Client-side routes all get the app's page.
            return FileResponse(static_root / "index.html", headers={"Cache-Control": "no-cache"})
        links = "".join(f'<li><a href="/api/{n}/docs">{n}</a></li>' for n in upstreams)
        return HTMLResponse(_LANDING % links)

    async def healthz(request: Request) -> Response:
        return JSONResponse({"status": "ok"})

    return Starlette(
        routes=[
            Route("/healthz", healthz),
            Route(
                "/api/{service}/{path:path}",
                proxy,
                methods=["GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS"],
            ),
            Route("/{path:path}", spa),
        ],
        lifespan=lifespan,
        # The web app's scripts shrink to about a third; nginx does the same in the scaled stack.
        middleware=[
            Middleware(GZipMiddleware, minimum_size=1024, compresslevel=6, exclude_content_types=_ALREADY_COMPRESSED)
        ],
    )
