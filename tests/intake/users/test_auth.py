"""Login, tokens, users and their administration (issue 2: users with roles, JWT, argon2)."""

from __future__ import annotations

import datetime as dt

import jwt
import pytest

from kit.auth import issue_service_token
from tests.conftest import JWT_SECRET
from tests.intake.conftest import Api, Org


async def test_login_returns_a_bearer_token(api: Api, org: Org) -> None:
    response = await api.http.post("/v1/auth/token", data={"username": "admin", "password": "admin-password"})
    assert response.status_code == 200
    body = response.json()
    assert body["token_type"] == "bearer"
    claims = jwt.decode(body["access_token"], JWT_SECRET, algorithms=["HS256"], audience="rongtook")
    assert claims["role"] == "administrator"
    assert claims["agency_code"] == org.root


@pytest.mark.parametrize(("username", "password"), [("admin", "wrong-password"), ("nobody", "whatever-password")])
async def test_wrong_credentials_are_refused_alike(api: Api, username: str, password: str) -> None:
    response = await api.http.post("/v1/auth/token", data={"username": username, "password": password})
    assert response.status_code == 401
    error = response.json()["error"]
    assert error["code"] == "auth.invalid_credentials"
    assert error["message_th"] and error["message_en"]


async def test_login_form_fields_are_required(api: Api) -> None:
    response = await api.http.post("/v1/auth/token", data={"username": "admin"})
    assert response.status_code == 422
    assert "password" in response.json()["error"]["fields"]


async def test_repeated_failures_lock_the_username(api: Api) -> None:
    for _ in range(10):
        await api.http.post("/v1/auth/token", data={"username": "admin", "password": "nope-nope"})
    response = await api.http.post("/v1/auth/token", data={"username": "admin", "password": "admin-password"})
    assert response.status_code == 429
    assert response.json()["error"]["code"] == "auth.too_many_attempts"


async def test_requests_without_credentials_get_401(api: Api) -> None:
    response = await api.http.get("/v1/complaints")
    assert response.status_code == 401
    assert response.json()["error"]["code"] == "auth.required"
    response = await api.http.get("/v1/complaints", headers={"Authorization": "Bearer not-a-token"})
    assert response.status_code == 401


async def test_expired_token_is_refused(api: Api, org: Org) -> None:
    now = dt.datetime.now(dt.UTC)
    claims = jwt.decode(org.front_desk["Authorization"][7:], JWT_SECRET, algorithms=["HS256"], audience="rongtook")
    claims["exp"] = int((now - dt.timedelta(minutes=1)).timestamp())
    expired = jwt.encode(claims, JWT_SECRET, algorithm="HS256")
    response = await api.http.get("/v1/me", headers={"Authorization": f"Bearer {expired}"})
    assert response.status_code == 401
    assert response.json()["error"]["code"] == "auth.token_expired"


async def test_token_signed_with_another_secret_is_refused(api: Api) -> None:
    forged = issue_service_token("another-secret-" + "y" * 40, "scoring")
    response = await api.http.get("/internal/v1/events", headers={"Authorization": f"Bearer {forged}"})
    assert response.status_code == 401


async def test_me_shows_role_and_agency(api: Api, org: Org) -> None:
    response = await api.http.get("/v1/me", headers=org.officer_a)
    assert response.status_code == 200
    me = response.json()
    assert me["role"] == "agency_officer"
    assert me["agency"]["code"] == "DA"
    assert me["agency"]["name_th"] == "สำนักงานเขตเอ"


async def test_admin_manages_users(api: Api, org: Org) -> None:
    created = await api.http.post(
        "/v1/users",
        json={"username": "Somsri.K", "display_name": "สมศรี", "role": "front_desk", "agency": "DB"},
        headers=api.admin,
    )
    assert created.status_code == 201, created.text
    body = created.json()
    assert body["username"] == "somsri.k"  # usernames are case-insensitive
    assert len(body["password"]) >= 12  # generated, shown once
    token = await api.login("SOMSRI.K", body["password"])
    assert (await api.http.get("/v1/me", headers=token)).json()["display_name"] == "สมศรี"

    listed = (await api.http.get("/v1/users", headers=api.admin)).json()
    assert "password" not in str(listed)
    assert any(u["username"] == "somsri.k" for u in listed)

    moved = await api.http.patch("/v1/users/somsri.k", json={"role": "supervisor", "agency": "DA"}, headers=api.admin)
    assert moved.status_code == 200
    assert moved.json()["role"] == "supervisor" and moved.json()["agency"]["code"] == "DA"

    deactivated = await api.http.patch("/v1/users/somsri.k", json={"active": False}, headers=api.admin)
    assert deactivated.json()["active"] is False
    refused = await api.http.post("/v1/auth/token", data={"username": "somsri.k", "password": body["password"]})
    assert refused.status_code == 401


async def test_user_errors(api: Api, org: Org) -> None:
    body = {"username": "dup.user", "display_name": "x", "role": "auditor", "agency": "DA", "password": "long-enough-1"}
    assert (await api.http.post("/v1/users", json=body, headers=api.admin)).status_code == 201
    again = await api.http.post("/v1/users", json=body, headers=api.admin)
    assert again.status_code == 409
    assert again.json()["error"]["code"] == "user.username_taken"
    unknown = await api.http.post("/v1/users", json={**body, "username": "x2", "agency": "NOPE"}, headers=api.admin)
    assert unknown.status_code == 422
    assert unknown.json()["error"]["fields"] == {"agency": "unknown agency code"}
    bad_role = await api.http.post("/v1/users", json={**body, "username": "x3", "role": "king"}, headers=api.admin)
    assert bad_role.status_code == 422
    assert "role" in bad_role.json()["error"]["fields"]
    short = await api.http.post("/v1/users", json={**body, "username": "x4", "password": "short"}, headers=api.admin)
    assert short.status_code == 422
    missing = await api.http.patch("/v1/users/ghost", json={"active": False}, headers=api.admin)
    assert missing.status_code == 404


async def test_only_administrators_manage_users(api: Api, org: Org) -> None:
    for headers in (org.supervisor, org.front_desk, org.auditor):
        response = await api.http.post(
            "/v1/users",
            json={"username": "xx", "display_name": "x", "role": "auditor", "agency": "DA"},
            headers=headers,
        )
        assert response.status_code == 403
        assert response.json()["error"]["code"] == "auth.forbidden"
        assert (await api.http.get("/v1/users", headers=headers)).status_code == 403


async def test_change_own_password(api: Api, org: Org) -> None:
    await api.http.post(
        "/v1/users",
        json={
            "username": "pw.user",
            "display_name": "x",
            "role": "auditor",
            "agency": "DA",
            "password": "first-password",
        },
        headers=api.admin,
    )
    token = await api.login("pw.user", "first-password")
    wrong = await api.http.post(
        "/v1/me/password", json={"current_password": "nope", "new_password": "second-password"}, headers=token
    )
    assert wrong.status_code == 422
    assert wrong.json()["error"]["fields"] == {"current_password": "wrong"}
    changed = await api.http.post(
        "/v1/me/password", json={"current_password": "first-password", "new_password": "second-password"}, headers=token
    )
    assert changed.status_code == 204
    await api.login("pw.user", "second-password")


async def test_passwords_are_stored_as_argon2_hashes(api: Api, database_url: str) -> None:
    import asyncpg

    conn = await asyncpg.connect(database_url)
    try:
        stored = await conn.fetchval("SELECT password_hash FROM intake.users WHERE username = 'admin'")
    finally:
        await conn.close()
    assert stored.startswith("$argon2id$")
    assert "admin-password" not in stored
