"""Actor references in words, for every signed-in screen that shows who did something."""

from __future__ import annotations

import uuid

from tests.intake.conftest import Api, Org


async def test_names_users_and_keys_for_any_signed_in_caller(api: Api, org: Org) -> None:
    key = await api.http.post(
        "/v1/api-keys", json={"name": "ศูนย์ดำรงธรรม", "agency": "DA", "scopes": ["complaints:write"]}, headers=api.admin
    )
    assert key.status_code == 201, key.text
    created = await api.complaint({"X-API-Key": key.json()["key"]}, channel="call_center", agency="DA")
    acknowledged = await api.http.post(
        f"/v1/complaints/{created['id']}/events", json={"type": "acknowledged"}, headers=org.officer_a
    )
    assert acknowledged.status_code == 201, acknowledged.text
    events = (await api.http.get(f"/v1/complaints/{created['id']}/events", headers=org.officer_a)).json()
    refs = [e["actor"] for e in events]
    unknown = f"user:{uuid.uuid4()}"

    response = await api.http.get(
        "/v1/actors", params=[("ref", r) for r in [*refs, unknown, "user:not-an-id", "system"]], headers=org.officer_a
    )
    assert response.status_code == 200, response.text
    by_ref = {a["ref"]: a for a in response.json()}
    assert set(by_ref) == set(refs)
    key_actor = by_ref[refs[0]]
    assert (key_actor["kind"], key_actor["name"], key_actor["agency"]) == ("api_key", "ศูนย์ดำรงธรรม", "DA")
    officer = by_ref[refs[-1]]
    assert officer["kind"] == "user" and officer["agency"] == "DA"
    me = (await api.http.get("/v1/me", headers=org.officer_a)).json()
    assert officer["name"] == me["display_name"]


async def test_needs_a_caller_and_bounds_the_question(api: Api, org: Org) -> None:
    assert (await api.http.get("/v1/actors", params={"ref": "user:x"})).status_code == 401
    too_many: list[tuple[str, str | int | float | bool | None]] = [("ref", f"user:{uuid.uuid4()}") for _ in range(201)]
    response = await api.http.get("/v1/actors", params=too_many, headers=org.front_desk)
    assert response.status_code == 422
    assert "ref" in response.json()["error"]["fields"]
