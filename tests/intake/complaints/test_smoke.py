from tests.intake.conftest import Api, Org


async def test_create_and_follow_a_complaint(api: Api, org: Org) -> None:
    created = await api.complaint(
        org.front_desk, agency=org.district_a, complainant={"name": "สมชาย ใจดี", "phone": "081-234-5678"}
    )
    assert created["status"] == "forwarded"
    response = await api.event(org.officer_a, created["id"], "acknowledged")
    assert response.status_code == 201, response.text
    got = await api.http.get(f"/v1/complaints/{created['id']}", headers=org.officer_a)
    assert got.status_code == 200, got.text
    body = got.json()
    assert [e["type"] for e in body["events"]] == ["received", "forwarded", "acknowledged"]
    assert body["complainant"]["phone"] == "081-234-5678"
