"""The agency tree (issue 2: agencies, a tree with codes, admin CRUD)."""

from __future__ import annotations

from tests.intake.conftest import Api, Org


async def test_tree_is_listed_parents_first(api: Api, org: Org) -> None:
    agencies = (await api.http.get("/v1/agencies", headers=org.front_desk)).json()
    codes = [a["code"] for a in agencies]
    assert codes.index(org.root) < codes.index("DA") < codes.index("DA-WORKS")
    works = next(a for a in agencies if a["code"] == "DA-WORKS")
    assert works["parent"] == "DA"
    assert works["level"] == 2
    assert (await api.http.get("/v1/agencies/DA-WORKS", headers=org.officer_b)).json()["name_th"] == "ฝ่ายโยธา เขตเอ"


async def test_agency_errors(api: Api, org: Org) -> None:
    taken = await api.http.post("/v1/agencies", json={"code": "DA", "name_th": "ซ้ำ"}, headers=api.admin)
    assert taken.status_code == 409
    assert taken.json()["error"]["code"] == "agency.code_taken"
    orphan = await api.http.post(
        "/v1/agencies", json={"code": "X1", "name_th": "x", "parent": "NOPE"}, headers=api.admin
    )
    assert orphan.status_code == 422
    assert orphan.json()["error"]["fields"] == {"parent": "unknown agency code"}
    bad_code = await api.http.post("/v1/agencies", json={"code": "มี ช่องว่าง", "name_th": "x"}, headers=api.admin)
    assert bad_code.status_code == 422
    assert "code" in bad_code.json()["error"]["fields"]
    assert (await api.http.get("/v1/agencies/NOPE", headers=api.admin)).status_code == 404
    not_admin = await api.http.post("/v1/agencies", json={"code": "X2", "name_th": "x"}, headers=org.supervisor)
    assert not_admin.status_code == 403


async def test_moving_an_agency_moves_its_subtree(api: Api, org: Org) -> None:
    await api.agency("DA-WORKS-1", "DA-WORKS")
    moved = await api.http.patch("/v1/agencies/DA-WORKS", json={"parent": "DB"}, headers=api.admin)
    assert moved.status_code == 200
    assert moved.json()["parent"] == "DB"
    deep = (await api.http.get("/v1/agencies/DA-WORKS-1", headers=api.admin)).json()
    assert deep["level"] == 3
    # An officer of DB now sees complaints of the moved section (its subtree grew).
    complaint = await api.complaint(org.front_desk, agency="DA-WORKS-1")
    assert (await api.http.get(f"/v1/complaints/{complaint['id']}", headers=org.officer_b)).status_code == 200
    assert (await api.http.get(f"/v1/complaints/{complaint['id']}", headers=org.officer_a)).status_code == 404


async def test_an_agency_cannot_move_under_itself(api: Api, org: Org) -> None:
    response = await api.http.patch("/v1/agencies/DA", json={"parent": "DA-WORKS"}, headers=api.admin)
    assert response.status_code == 422
    assert response.json()["error"]["code"] == "agency.cycle"


async def test_renaming_and_deactivating(api: Api, org: Org) -> None:
    renamed = await api.http.patch(
        "/v1/agencies/DB",
        json={"name_th": "สำนักงานเขตบางรัก", "name_en": "Bang Rak District Office"},
        headers=api.admin,
    )
    assert renamed.json()["name_en"] == "Bang Rak District Office"
    await api.http.patch("/v1/agencies/DB", json={"active": False}, headers=api.admin)
    response = await api.http.post(
        "/v1/complaints",
        json={"channel": "walk_in", "title": "t", "description": "d", "category": "roads", "agency": "DB"},
        headers=org.front_desk,
    )
    assert response.status_code == 422
    assert response.json()["error"]["code"] == "reference.unknown_code"
