"""The intake app under test, reached over HTTP (httpx's ASGI transport), and helpers that set up
an organisation through the API as an administrator would."""

from __future__ import annotations

import asyncio
import itertools
from collections.abc import AsyncIterator
from dataclasses import dataclass, field
from typing import Any

import httpx
import pytest
from asgi_lifespan import LifespanManager
from fastapi import FastAPI

from kit.auth import issue_service_token
from tests.conftest import ADMIN_PASSWORD, JWT_SECRET

_counter = itertools.count(1)


def unique(prefix: str) -> str:
    return f"{prefix}{next(_counter)}"


@dataclass
class Api:
    http: httpx.AsyncClient
    app: FastAPI
    admin: dict[str, str] = field(default_factory=dict)

    async def login(self, username: str, password: str) -> dict[str, str]:
        response = await self.http.post("/v1/auth/token", data={"username": username, "password": password})
        assert response.status_code == 200, response.text
        return {"Authorization": f"Bearer {response.json()['access_token']}"}

    async def agency(self, code: str, parent: str | None = None, name_th: str | None = None) -> dict[str, Any]:
        body: dict[str, Any] = {"code": code, "name_th": name_th or f"หน่วยงาน {code}"}
        if parent:
            body["parent"] = parent
        response = await self.http.post("/v1/agencies", json=body, headers=self.admin)
        assert response.status_code == 201, response.text
        return dict(response.json())

    async def category(self, code: str, name_th: str | None = None) -> dict[str, Any]:
        response = await self.http.post(
            "/v1/categories", json={"code": code, "name_th": name_th or f"ประเภท {code}"}, headers=self.admin
        )
        assert response.status_code == 201, response.text
        return dict(response.json())

    async def user(self, role: str, agency: str, username: str | None = None) -> dict[str, str]:
        """A user of ``role`` at ``agency``; returns its auth headers."""
        username = username or unique(role.replace("_", "-"))
        password = "password-" + username
        response = await self.http.post(
            "/v1/users",
            json={"username": username, "display_name": username, "role": role, "agency": agency, "password": password},
            headers=self.admin,
        )
        assert response.status_code == 201, response.text
        return await self.login(username, password)

    async def complaint(self, headers: dict[str, str], **fields: Any) -> dict[str, Any]:
        body: dict[str, Any] = {
            "channel": "walk_in",
            "title": "ถนนชำรุดเป็นหลุมลึก",
            "description": "ถนนหน้าตลาดชำรุดเป็นหลุมลึก รถจักรยานยนต์ล้มหลายครั้ง",
            "category": "roads",
        }
        body.update(fields)
        response = await self.http.post("/v1/complaints", json=body, headers=headers)
        assert response.status_code == 201, response.text
        return dict(response.json())

    async def feed(self, expected: int) -> list[dict[str, Any]]:
        """Follow the event feed (as scoring does) until ``expected`` events came.

        Events are numbered once no older transaction anywhere in the cluster is still running
        (feed/sequencer.py); other test workers write to the same cluster, so wait for them rather
        than expect them at once."""
        headers = {"Authorization": f"Bearer {issue_service_token(JWT_SECRET, 'scoring')}"}
        events: list[dict[str, Any]] = []
        after = 0
        deadline = asyncio.get_running_loop().time() + 20
        while len(events) < expected and asyncio.get_running_loop().time() < deadline:
            response = await self.http.get(
                "/internal/v1/events", params={"after": after, "limit": 1000}, headers=headers
            )
            page = response.json()
            events.extend(page["events"])
            after = page["next_after"]
            if not page["events"]:
                await asyncio.sleep(0.05)
        return events

    async def event(self, headers: dict[str, str], complaint_id: str, type_: str, **fields: Any) -> httpx.Response:
        return await self.http.post(
            f"/v1/complaints/{complaint_id}/events", json={"type": type_, **fields}, headers=headers
        )


@pytest.fixture
async def api(clean: None, intake_settings: Any) -> AsyncIterator[Api]:
    from intake.app import create_app

    app = create_app(intake_settings)
    async with (
        LifespanManager(app),
        httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://intake") as http,
    ):
        api = Api(http, app)
        api.admin = await api.login("admin", ADMIN_PASSWORD)
        yield api


@dataclass
class Org:
    """A small organisation: a center (the root), two districts with a section each, a category."""

    root: str
    district_a: str
    district_b: str
    section_a: str
    front_desk: dict[str, str]
    officer_a: dict[str, str]
    officer_b: dict[str, str]
    section_officer_a: dict[str, str]
    supervisor: dict[str, str]
    auditor: dict[str, str]


@pytest.fixture
async def org(api: Api) -> Org:
    agencies = (await api.http.get("/v1/agencies", headers=api.admin)).json()
    root = agencies[0]["code"]
    await api.agency("DA", root, "สำนักงานเขตเอ")
    await api.agency("DB", root, "สำนักงานเขตบี")
    await api.agency("DA-WORKS", "DA", "ฝ่ายโยธา เขตเอ")
    await api.category("roads", "ถนน ทางเท้า")
    await api.category("drainage", "ท่อระบายน้ำ น้ำท่วม")
    return Org(
        root=root,
        district_a="DA",
        district_b="DB",
        section_a="DA-WORKS",
        front_desk=await api.user("front_desk", root),
        officer_a=await api.user("agency_officer", "DA"),
        officer_b=await api.user("agency_officer", "DB"),
        section_officer_a=await api.user("agency_officer", "DA-WORKS"),
        supervisor=await api.user("supervisor", root),
        auditor=await api.user("auditor", root),
    )
