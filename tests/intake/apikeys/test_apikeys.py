"""API keys for integrations: bound to an agency and scopes, stored hashed, shown once."""

from __future__ import annotations

from typing import Any

import asyncpg

from tests.intake.conftest import Api, Org


async def _key(api: Api, agency: str, scopes: list[str]) -> dict[str, Any]:
    response = await api.http.post(
        "/v1/api-keys", json={"name": "ศูนย์ 1111", "agency": agency, "scopes": scopes}, headers=api.admin
    )
    assert response.status_code == 201, response.text
    return dict(response.json())


async def test_key_is_shown_once_and_stored_hashed(api: Api, org: Org, database_url: str) -> None:
    created = await _key(api, org.root, ["complaints:write"])
    assert created["key"].startswith("rtk_")
    listed = (await api.http.get("/v1/api-keys", headers=api.admin)).json()
    assert created["key"] not in str(listed)
    conn = await asyncpg.connect(database_url)
    try:
        stored = await conn.fetchrow("SELECT * FROM intake.api_keys WHERE id = $1", created["id"])
    finally:
        await conn.close()
    assert created["key"] not in str(dict(stored))


async def test_integration_creates_and_reads_with_its_key(api: Api, org: Org) -> None:
    key = (await _key(api, org.root, ["complaints:write", "events:write"]))["key"]
    headers = {"X-API-Key": key}
    created = await api.complaint(headers, channel="call_center", agency="DA")
    assert created["receiving_agency"] == org.root
    got = await api.http.get(f"/v1/complaints/{created['id']}", headers=headers)
    assert got.status_code == 200
    assert got.json()["events"][0]["actor"].startswith("api_key:")


async def test_scopes_are_enforced(api: Api, org: Org) -> None:
    reader = {"X-API-Key": (await _key(api, org.root, ["complaints:read"]))["key"]}
    response = await api.http.post(
        "/v1/complaints",
        json={"channel": "phone", "title": "t", "description": "d", "category": "roads"},
        headers=reader,
    )
    assert response.status_code == 403
    assert (await api.http.get("/v1/complaints", headers=reader)).status_code == 200


async def test_key_of_an_agency_sees_only_that_agency(api: Api, org: Org) -> None:
    complaint = await api.complaint(org.front_desk, agency="DA")
    b_key = {"X-API-Key": (await _key(api, "DB", ["complaints:read"]))["key"]}
    assert (await api.http.get(f"/v1/complaints/{complaint['id']}", headers=b_key)).status_code == 404


async def test_revoked_and_forged_keys_are_refused(api: Api, org: Org) -> None:
    created = await _key(api, org.root, ["complaints:read"])
    headers = {"X-API-Key": created["key"]}
    assert (await api.http.get("/v1/complaints", headers=headers)).status_code == 200
    assert (await api.http.delete(f"/v1/api-keys/{created['id']}", headers=api.admin)).status_code == 204
    assert (await api.http.get("/v1/complaints", headers=headers)).status_code == 401
    prefix = created["key"].split("_")[1]
    forged = {"X-API-Key": f"rtk_{prefix}_not-the-secret"}
    assert (await api.http.get("/v1/complaints", headers=forged)).status_code == 401
    assert (await api.http.get("/v1/complaints", headers={"X-API-Key": "garbage"})).status_code == 401


async def test_key_validation(api: Api, org: Org) -> None:
    unknown_scope = await api.http.post(
        "/v1/api-keys", json={"name": "x", "agency": org.root, "scopes": ["everything"]}, headers=api.admin
    )
    assert unknown_scope.status_code == 422
    unknown_agency = await api.http.post(
        "/v1/api-keys", json={"name": "x", "agency": "NOPE", "scopes": ["complaints:read"]}, headers=api.admin
    )
    assert unknown_agency.status_code == 422
    not_admin = await api.http.post(
        "/v1/api-keys", json={"name": "x", "agency": org.root, "scopes": ["complaints:read"]}, headers=org.supervisor
    )
    assert not_admin.status_code == 403
    assert (
        await api.http.delete(f"/v1/api-keys/{'0' * 8}-0000-0000-0000-{'0' * 12}", headers=api.admin)
    ).status_code == 404


async def test_last_use_is_kept_for_good_keys_only(api: Api, org: Org) -> None:
    used = await _key(api, org.root, ["complaints:read"])
    idle = await _key(api, org.root, ["complaints:read"])
    assert used["last_used_at"] is None
    assert (await api.http.get("/v1/complaints", headers={"X-API-Key": used["key"]})).status_code == 200
    forged = f"rtk_{idle['key'].split('_')[1]}_not-the-secret"
    assert (await api.http.get("/v1/complaints", headers={"X-API-Key": forged})).status_code == 401
    listed = {k["id"]: k for k in (await api.http.get("/v1/api-keys", headers=api.admin)).json()}
    assert listed[used["id"]]["last_used_at"] is not None
    assert listed[idle["id"]]["last_used_at"] is None
