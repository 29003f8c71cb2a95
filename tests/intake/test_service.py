"""What every service offers: /healthz, /readyz, /metrics, JSON logs with a request id — and no
personal data in those logs."""

from __future__ import annotations

import json
from collections.abc import AsyncIterator
from typing import Any

import httpx
import pytest
from asgi_lifespan import LifespanManager

from tests.intake.conftest import Api, Org


async def test_health_and_readiness(api: Api) -> None:
    assert (await api.http.get("/healthz")).json() == {"status": "ok"}
    ready = await api.http.get("/readyz")
    assert ready.status_code == 200
    assert ready.json() == {"status": "ready", "checks": {"database": "ok", "redis": "ok"}}


@pytest.fixture
async def broken_redis_app(clean: None, intake_settings: Any) -> AsyncIterator[httpx.AsyncClient]:
    from intake.app import create_app

    app = create_app(intake_settings.model_copy(update={"redis_url": "redis://127.0.0.1:1/0"}))
    async with (
        LifespanManager(app),
        httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://x") as c,
    ):
        yield c


async def test_not_ready_without_redis_but_still_accepting_complaints(broken_redis_app: httpx.AsyncClient) -> None:
    ready = await broken_redis_app.get("/readyz")
    assert ready.status_code == 503
    assert ready.json()["checks"]["database"] == "ok"
    assert ready.json()["checks"]["redis"].startswith("error")
    # ARCHITECTURE: intake keeps accepting complaints while Redis is down (scoring's cron catches up).
    token = (
        await broken_redis_app.post("/v1/auth/token", data={"username": "admin", "password": "admin-password"})
    ).json()
    headers = {"Authorization": f"Bearer {token['access_token']}"}
    await broken_redis_app.post("/v1/categories", json={"code": "roads", "name_th": "ถนน"}, headers=headers)
    created = await broken_redis_app.post(
        "/v1/complaints",
        json={"channel": "phone", "title": "ถนนชำรุด", "description": "หลุม", "category": "roads"},
        headers=headers,
    )
    assert created.status_code == 201


async def test_metrics(api: Api, org: Org) -> None:
    await api.complaint(org.front_desk)
    metrics = (await api.http.get("/metrics")).text
    assert 'rongtook_http_requests_total{method="POST",route="/v1/complaints",service="intake",status="201"}' in metrics
    assert "rongtook_http_request_duration_seconds_bucket" in metrics


async def test_request_id_is_echoed_or_made(api: Api) -> None:
    given = await api.http.get("/healthz", headers={"X-Request-ID": "call-center-42"})
    assert given.headers["x-request-id"] == "call-center-42"
    made = await api.http.get("/healthz")
    assert len(made.headers["x-request-id"]) == 32


@pytest.fixture
def intake_settings(intake_settings: Any) -> Any:
    """Logs at INFO here: the access log is what is looked at."""
    return intake_settings.model_copy(update={"log_level": "INFO"})


async def test_logs_are_json_with_request_ids_and_no_personal_data(
    api: Api, org: Org, capfd: pytest.CaptureFixture[str]
) -> None:
    capfd.readouterr()
    created = await api.complaint(
        org.front_desk, complainant={"name": "นางสาวลับเฉพาะ", "phone": "089-765-4321", "email": "secret@example.com"}
    )
    await api.http.get(f"/v1/complaints/{created['id']}", headers={**org.front_desk, "X-Request-ID": "trace-me"})
    await api.http.get("/v1/complaints", params={"phone": "0897654321"}, headers=org.front_desk)
    await api.http.post(
        "/v1/complaints", json={"title": "x", "complainant": {"phone": "0897654321"}}, headers=org.front_desk
    )
    out = capfd.readouterr()
    logged = out.err + out.out
    lines = [json.loads(line) for line in logged.splitlines() if line.startswith("{")]
    access = [line for line in lines if line.get("event") == "request"]
    assert any(line["request_id"] == "trace-me" and line["route"] == "/v1/complaints/{complaint_id}" for line in access)
    assert all(line["service"] == "intake" for line in access)
    for secret in ("0897654321", "089-765-4321", "ลับเฉพาะ", "secret@example.com"):
        assert secret not in logged


async def test_openapi_documents_every_route(api: Api) -> None:
    schema = (await api.http.get("/openapi.json")).json()
    assert schema["info"]["title"] == "Rongtook intake"
    for path, operations in schema["paths"].items():
        for method, operation in operations.items():
            assert operation.get("summary"), f"{method.upper()} {path} has no summary"
    assert "/v1/complaints" in schema["paths"]
    assert "/internal/v1/events" in schema["paths"]


async def test_api_docs_work_without_internet(api: Api) -> None:
    for page, asset in (("/docs", "swagger-ui-bundle.js"), ("/redoc", "redoc.standalone.js")):
        html = (await api.http.get(page)).text
        assert "cdn." not in html and "fonts.googleapis" not in html
        assert f'"/docs/assets/{asset}"' in html and "/openapi.json" in html
        served = await api.http.get(f"/docs/assets/{asset}")
        assert served.status_code == 200 and len(served.content) > 100_000
    # Behind the gateway every address carries the service's prefix.
    gateway = {"X-Forwarded-Prefix": "/api/intake"}
    behind = (await api.http.get("/docs", headers=gateway)).text
    assert '"/api/intake/docs/assets/swagger-ui-bundle.js"' in behind and "'/api/intake/openapi.json'" in behind
    served = await api.http.get("/docs/assets/swagger-ui-bundle.js", headers=gateway)
    assert served.status_code == 200 and len(served.content) > 100_000
