"""Categories, channels and complainant groups: admin-managed lists (SPEC §2)."""

from __future__ import annotations

import pytest

from tests.intake.conftest import Api, Org


async def test_channels_and_groups_are_installed(api: Api, org: Org) -> None:
    channels = {c["code"] for c in (await api.http.get("/v1/channels", headers=org.front_desk)).json()}
    assert {"walk_in", "phone", "call_center", "website", "letter", "suggestion_box", "open311"} <= channels
    groups = (await api.http.get("/v1/complainant-groups", headers=org.front_desk)).json()
    assert any(g["name_th"] == "ประชาชนทั่วไป" for g in groups)


@pytest.mark.parametrize("path", ["categories", "channels", "complainant-groups"])
async def test_list_crud(api: Api, org: Org, path: str) -> None:
    created = await api.http.post(
        f"/v1/{path}", json={"code": "new-entry", "name_th": "รายการใหม่", "sort_order": 5}, headers=api.admin
    )
    assert created.status_code == 201, created.text
    again = await api.http.post(f"/v1/{path}", json={"code": "new-entry", "name_th": "ซ้ำ"}, headers=api.admin)
    assert again.status_code == 409
    assert again.json()["error"]["fields"] == {"code": "already used"}
    bad = await api.http.post(f"/v1/{path}", json={"code": "Bad Code", "name_th": "x"}, headers=api.admin)
    assert bad.status_code == 422
    forbidden = await api.http.post(f"/v1/{path}", json={"code": "x", "name_th": "x"}, headers=org.supervisor)
    assert forbidden.status_code == 403

    renamed = await api.http.patch(f"/v1/{path}/new-entry", json={"name_en": "New entry"}, headers=api.admin)
    assert renamed.json()["name_en"] == "New entry"
    await api.http.patch(f"/v1/{path}/new-entry", json={"active": False}, headers=api.admin)
    active = [e["code"] for e in (await api.http.get(f"/v1/{path}", headers=org.front_desk)).json()]
    assert "new-entry" not in active
    everything = (await api.http.get(f"/v1/{path}?include_inactive=true", headers=org.front_desk)).json()
    assert "new-entry" in [e["code"] for e in everything]
    assert (await api.http.patch(f"/v1/{path}/ghost", json={"active": False}, headers=api.admin)).status_code == 404


async def test_a_new_category_is_usable_at_once(api: Api, org: Org) -> None:
    await api.category("stray_animals", "สัตว์จรจัด")
    created = await api.complaint(org.front_desk, category="stray_animals", title="สุนัขจรจัดกัดคน")
    assert created["category"] == "stray_animals"
