"""The yardstick: a bare FastAPI + asyncpg endpoint that inserts one row per request, served the
same way as intake (uvicorn, uvloop, httptools, same worker count). Intake's create-complaint must
reach at least 0.6 × its throughput in the same run."""

from __future__ import annotations

import os
import uuid
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

import asyncpg
import orjson
from fastapi import FastAPI


@asynccontextmanager
async def lifespan(app: FastAPI) -> AsyncIterator[None]:
    pool = await asyncpg.create_pool(os.environ["BENCH_DATABASE_URL"], min_size=10, max_size=20)
    async with pool.acquire() as conn:
        await conn.execute("CREATE TABLE IF NOT EXISTS bare (id uuid PRIMARY KEY, body jsonb NOT NULL)")
    app.state.pool = pool
    yield
    await pool.close()


def create_app() -> FastAPI:
    app = FastAPI(lifespan=lifespan)

    @app.get("/healthz")
    async def healthz() -> dict[str, str]:
        return {"status": "ok"}

    @app.post("/v1/complaints", status_code=201)
    async def insert(body: dict[str, Any]) -> dict[str, str]:
        row_id = uuid.uuid4()
        await app.state.pool.execute("INSERT INTO bare (id, body) VALUES ($1, $2)", row_id, orjson.dumps(body).decode())
        return {"id": str(row_id)}

    return app
