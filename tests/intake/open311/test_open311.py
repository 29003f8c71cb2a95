"""Open311 GeoReport v2 on intake (SPEC §7): services, requests and tokens, as JSON and XML."""

from __future__ import annotations

import datetime as dt
import xml.etree.ElementTree as ET
from typing import Any

import httpx
import pytest

from intake.open311.service import derive_title
from tests.intake.conftest import Api, Org

BASE = "/open311/v2"
NAME = "สมชาย ใจดี"
PHONE = "081-234-5678"
EMAIL = "somchai@example.com"


async def _key(api: Api, agency: str, *scopes: str) -> str:
    response = await api.http.post(
        "/v1/api-keys", json={"name": "แอปเมือง", "agency": agency, "scopes": list(scopes)}, headers=api.admin
    )
    assert response.status_code == 201, response.text
    return str(response.json()["key"])


def _form(**fields: str) -> dict[str, str]:
    form = {
        "service_code": "roads",
        "lat": "13.7563",
        "long": "100.5018",
        "address_string": "หน้าตลาดบางกะปิ ถนนลาดพร้าว",
        "description": "ถนนหน้าตลาดชำรุดเป็นหลุมลึก\nรถจักรยานยนต์ล้มหลายครั้งในสัปดาห์นี้",
        "first_name": "สมชาย",
        "last_name": "ใจดี",
        "phone": PHONE,
        "email": EMAIL,
    }
    form.update(fields)
    return form


async def _post(
    api: Api, key: str | None, fmt: str = "json", headers: dict[str, str] | None = None, **fields: str
) -> httpx.Response:
    form = _form(**fields)
    if key is not None:
        form["api_key"] = key
    return await api.http.post(f"{BASE}/requests.{fmt}", data=form, headers=headers or {})


async def _created(api: Api, key: str, **fields: str) -> str:
    response = await _post(api, key, "json", None, **fields)
    assert response.status_code == 201, response.text
    body = response.json()
    assert len(body) == 1
    assert body[0]["account_id"] is None
    assert body[0]["service_notice"]
    return str(body[0]["service_request_id"])


def _error(response: httpx.Response, status: int, error_code: str | None = None) -> dict[str, Any]:
    assert response.status_code == status, response.text
    body = response.json()
    assert isinstance(body, list)
    assert len(body) == 1
    assert body[0]["code"] == status
    assert body[0]["description"]
    if error_code is not None:
        assert body[0]["error_code"] == error_code
    return dict(body[0])


def _xml(response: httpx.Response) -> ET.Element:
    assert response.headers["content-type"].startswith("text/xml")
    assert response.content.startswith(b'<?xml version="1.0" encoding="UTF-8"?>')
    return ET.fromstring(response.content)


async def _complaint(api: Api, org: Org, ticket_no: str) -> dict[str, Any]:
    listed = await api.http.get("/v1/complaints", params={"ticket_no": ticket_no}, headers=org.front_desk)
    assert listed.status_code == 200, listed.text
    assert len(listed.json()["items"]) == 1
    got = await api.http.get(f"/v1/complaints/{listed.json()['items'][0]['id']}", headers=org.front_desk)
    assert got.status_code == 200, got.text
    return dict(got.json())


# ---- services -----------------------------------------------------------------------------------


async def test_services_as_json_and_xml(api: Api, org: Org) -> None:
    response = await api.http.get(f"{BASE}/services.json")
    assert response.status_code == 200, response.text
    services = {s["service_code"]: s for s in response.json()}
    assert set(services) == {"roads", "drainage"}
    assert services["roads"] == {
        "service_code": "roads",
        "service_name": "ถนน ทางเท้า",
        "description": "ถนน ทางเท้า",
        "metadata": False,
        "type": "realtime",
        "keywords": None,
        "group": None,
    }

    root = _xml(await api.http.get(f"{BASE}/services.xml"))
    assert root.tag == "services"
    by_code = {s.findtext("service_code"): s for s in root.findall("service")}
    assert by_code["drainage"].findtext("service_name") == "ท่อระบายน้ำ น้ำท่วม"
    assert by_code["drainage"].findtext("metadata") == "false"
    assert by_code["drainage"].findtext("type") == "realtime"


async def test_services_in_english_and_inactive_ones_hidden(api: Api, org: Org) -> None:
    created = await api.http.post(
        "/v1/categories",
        json={"code": "lights", "name_th": "ไฟฟ้าส่องสว่าง", "name_en": "Street lights"},
        headers=api.admin,
    )
    assert created.status_code == 201, created.text
    english = {s["service_code"]: s for s in (await api.http.get(f"{BASE}/services.json?locale=en")).json()}
    assert english["lights"]["service_name"] == "Street lights"
    assert english["lights"]["description"] == "ไฟฟ้าส่องสว่าง / Street lights"
    assert english["roads"]["service_name"] == "ถนน ทางเท้า"  # no English name: Thai

    off = await api.http.patch("/v1/categories/lights", json={"active": False}, headers=api.admin)
    assert off.status_code == 200, off.text
    assert "lights" not in {s["service_code"] for s in (await api.http.get(f"{BASE}/services.json")).json()}
    _error(await api.http.get(f"{BASE}/services/lights.json"), 404, "open311.service_not_found")


async def test_service_definition_and_unknown_service(api: Api, org: Org) -> None:
    response = await api.http.get(f"{BASE}/services/roads.json")
    assert response.status_code == 200, response.text
    assert response.json() == {"service_code": "roads", "attributes": []}

    root = _xml(await api.http.get(f"{BASE}/services/roads.xml"))
    assert root.tag == "service_definition"
    assert root.findtext("service_code") == "roads"
    attributes = root.find("attributes")
    assert attributes is not None
    assert len(attributes) == 0

    _error(await api.http.get(f"{BASE}/services/nope.json"), 404, "open311.service_not_found")
    errors = _xml(await api.http.get(f"{BASE}/services/nope.xml"))
    assert errors.tag == "errors"
    assert errors.findtext("error/code") == "404"
    assert "nope" in (errors.findtext("error/description") or "")


async def test_discovery_and_formats(api: Api, org: Org) -> None:
    body = (await api.http.get(f"{BASE}/discovery.json")).json()
    endpoint = body["endpoints"][0]
    assert endpoint["url"].endswith("/open311/v2")
    assert set(endpoint["formats"]) == {"text/xml", "application/json"}
    root = _xml(await api.http.get(f"{BASE}/discovery.xml"))
    assert root.findtext("endpoints/endpoint/specification") == "http://wiki.open311.org/GeoReport_v2"
    assert {f.text for f in root.findall("endpoints/endpoint/formats/format")} == {"text/xml", "application/json"}

    _error(await api.http.get(f"{BASE}/services.csv"), 400, "open311.unsupported_format")


# ---- creating requests --------------------------------------------------------------------------


async def test_create_a_request_with_a_key(api: Api, org: Org) -> None:
    key = await _key(api, org.district_a, "complaints:write")
    extra = {"attribute[size]": "ใหญ่", "device_id": "device-1", "account_id": "acct-9"}
    response = await _post(api, key, "json", None, media_url="https://img.example.com/pothole.jpg", **extra)
    assert response.status_code == 201, response.text
    body = response.json()
    ticket_no = body[0]["service_request_id"]
    assert ticket_no in body[0]["service_notice"]
    assert body[0]["account_id"] is None

    complaint = await _complaint(api, org, ticket_no)
    assert complaint["channel"] == "open311"
    assert complaint["category"] == "roads"
    assert complaint["receiving_agency"] == org.district_a
    assert complaint["title"] == "ถนนหน้าตลาดชำรุดเป็นหลุมลึก"
    assert complaint["description"].startswith(_form()["description"])
    assert "https://img.example.com/pothole.jpg" in complaint["description"]
    assert "attribute[size]: ใหญ่" in complaint["description"]
    assert "device-1" not in complaint["description"]
    assert "acct-9" not in complaint["description"]
    assert complaint["location"] == {"address": "หน้าตลาดบางกะปิ ถนนลาดพร้าว", "lat": 13.7563, "long": 100.5018}
    assert complaint["complainant"]["name"] == NAME
    assert complaint["complainant"]["phone"] == PHONE
    assert complaint["complainant"]["email"] == EMAIL


async def test_the_key_may_come_in_the_header_and_xml_answers(api: Api, org: Org) -> None:
    key = await _key(api, org.district_a, "complaints:write")
    response = await _post(api, None, "xml", headers={"X-API-Key": key}, description="")
    assert response.status_code == 201, response.text
    root = _xml(response)
    assert root.tag == "service_requests"
    ticket_no = root.findtext("request/service_request_id")
    assert ticket_no
    assert root.find("request/account_id") is not None
    # No description: the service name stands in for the title and the text.
    complaint = await _complaint(api, org, ticket_no)
    assert complaint["title"] == "ถนน ทางเท้า"
    assert complaint["description"] == "ถนน ทางเท้า"


async def test_a_retry_with_the_same_idempotency_key_creates_nothing_new(api: Api, org: Org) -> None:
    key = await _key(api, org.district_a, "complaints:write")
    first = await _post(api, key, headers={"Idempotency-Key": "open311-retry-1"})
    again = await _post(api, key, "xml", headers={"Idempotency-Key": "open311-retry-1"})
    assert first.status_code == 201, first.text
    assert again.status_code == 201, again.text
    assert again.headers["idempotent-replayed"] == "true"
    assert _xml(again).findtext("request/service_request_id") == first.json()[0]["service_request_id"]
    listed = await api.http.get("/v1/complaints", headers=org.front_desk)
    assert len(listed.json()["items"]) == 1

    other = await _post(api, key, headers={"Idempotency-Key": "open311-retry-1"}, description="เรื่องอื่น")
    _error(other, 409, "idempotency.key_reused")


async def test_missing_or_invalid_key_is_403(api: Api, org: Org) -> None:
    _error(await _post(api, None), 403, "open311.api_key_required")
    _error(await _post(api, "rtk_nope_not-a-real-secret"), 403, "auth.required")
    _error(await _post(api, "not-even-a-key"), 403)
    real = await _key(api, org.district_a, "complaints:write")
    _error(await _post(api, real[:-2] + "xx"), 403)
    errors = _xml(await _post(api, None, "xml"))
    assert errors.tag == "errors"
    assert errors.findtext("error/code") == "403"
    # A key in the URL leaks into logs: refused even when it is valid.
    in_url = await api.http.get(f"{BASE}/requests.json", params={"api_key": real})
    _error(in_url, 403, "open311.api_key_in_url")
    assert (await api.http.get("/v1/complaints", headers=org.front_desk)).json()["items"] == []


async def test_a_key_without_complaints_write_cannot_post(api: Api, org: Org) -> None:
    reader = await _key(api, org.district_a, "complaints:read")
    _error(await _post(api, reader), 403, "auth.forbidden")
    # Refused before anything else is looked at: an unknown service is still a 403.
    _error(await _post(api, reader, service_code="nope"), 403, "auth.forbidden")
    assert (await api.http.get("/v1/complaints", headers=org.front_desk)).json()["items"] == []
    # The same key reads.
    assert (await api.http.get(f"{BASE}/requests.json", headers={"X-API-Key": reader})).status_code == 200


async def test_bad_input_is_400_and_unknown_service_404(api: Api, org: Org) -> None:
    key = await _key(api, org.district_a, "complaints:write")
    missing = _error(await _post(api, key, service_code=""), 400, "request.invalid")
    assert "service_code" in missing["description"]
    errors = _xml(await _post(api, key, "xml", service_code=""))
    assert errors.findtext("error/code") == "400"

    _error(await _post(api, key, service_code="nope"), 404, "open311.service_not_found")
    as_json = await api.http.post(f"{BASE}/requests.json", json=_form(), headers={"X-API-Key": key})
    _error(as_json, 400, "open311.form_required")
    multipart = await api.http.post(
        f"{BASE}/requests.json", data=_form(), files={"media": ("a.txt", b"x")}, headers={"X-API-Key": key}
    )
    assert multipart.status_code == 201, multipart.text
    assert "email" in _error(await _post(api, key, email="not-an-email"), 400)["description"]
    assert "lat" in _error(await _post(api, key, lat="north"), 400)["description"]
    assert "lat" in _error(await _post(api, key, long=""), 400)["description"]  # lat without long
    assert "media_url" in _error(await _post(api, key, media_url="javascript:alert(1)"), 400)["description"]
    assert len((await api.http.get("/v1/complaints", headers=org.front_desk)).json()["items"]) == 1


# ---- reading requests ---------------------------------------------------------------------------


async def test_find_a_request_by_id_and_by_filters(api: Api, org: Org) -> None:
    key = await _key(api, org.district_a, "complaints:write")
    headers = {"X-API-Key": key}
    roads = await _created(api, key, media_url="https://img.example.com/a.jpg")
    drainage = await _created(api, key, service_code="drainage", description="ท่อระบายน้ำอุดตัน น้ำท่วมขัง")

    one = await api.http.get(f"{BASE}/requests/{roads}.json", headers=headers)
    assert one.status_code == 200, one.text
    (request,) = one.json()
    assert request["service_request_id"] == roads
    assert request["status"] == "open"
    assert request["status_notes"] == "รับเรื่องแล้ว"
    assert request["service_code"] == "roads"
    assert request["service_name"] == "ถนน ทางเท้า"
    assert request["agency_responsible"] == "สำนักงานเขตเอ"
    assert request["address"] == "หน้าตลาดบางกะปิ ถนนลาดพร้าว"
    assert (request["lat"], request["long"]) == (13.7563, 100.5018)
    assert request["media_url"] == "https://img.example.com/a.jpg"
    assert request["description"].startswith("ถนนหน้าตลาดชำรุดเป็นหลุมลึก")
    assert request["requested_datetime"].endswith("+07:00")
    assert dt.datetime.fromisoformat(request["updated_datetime"]).tzinfo is not None
    assert request["expected_datetime"] is None
    assert request["address_id"] is None

    async def ids(**params: str) -> list[str]:
        response = await api.http.get(f"{BASE}/requests.json", params=params, headers=headers)
        assert response.status_code == 200, response.text
        return [r["service_request_id"] for r in response.json()]

    assert await ids() == [drainage, roads]  # newest first
    assert await ids(service_request_id=f"{roads},{drainage},NO-SUCH") == [roads, drainage]
    assert await ids(service_code="roads") == [roads]
    assert sorted(await ids(service_code="roads,drainage")) == sorted([roads, drainage])
    assert await ids(status="open", service_code="drainage") == [drainage]
    assert await ids(status="closed") == []
    now = dt.datetime.now(dt.UTC)
    assert await ids(start_date=(now - dt.timedelta(hours=1)).isoformat()) == [drainage, roads]
    assert await ids(start_date=(now + dt.timedelta(minutes=5)).isoformat()) == []
    assert await ids(end_date=(now - dt.timedelta(days=1)).isoformat()) == []
    assert await ids(start_date="2020-01-01T00:00:00+07:00", end_date="2020-03-01T00:00:00+07:00") == []

    _error(await api.http.get(f"{BASE}/requests/NO-SUCH.json", headers=headers), 404, "complaint.not_found")
    _error(await api.http.get(f"{BASE}/requests.json?service_code=nope", headers=headers), 404)


async def test_query_errors_are_400(api: Api, org: Org) -> None:
    headers = {"X-API-Key": await _key(api, org.district_a, "complaints:read")}
    for params, code in (
        ({"status": "pending"}, "open311.invalid_status"),
        ({"start_date": "2024-01-01T00:00:00Z", "end_date": "2024-06-01T00:00:00Z"}, "open311.range_too_long"),
        ({"start_date": "2024-02-01T00:00:00Z", "end_date": "2024-01-01T00:00:00Z"}, "open311.invalid_range"),
        ({"start_date": "yesterday"}, "request.invalid"),
    ):
        _error(await api.http.get(f"{BASE}/requests.json", params=params, headers=headers), 400, code)
    errors = _xml(await api.http.get(f"{BASE}/requests.xml", params={"status": "x"}, headers=headers))
    assert errors.findtext("error/code") == "400"


async def test_reading_needs_a_read_scope_or_a_login(api: Api, org: Org) -> None:
    writer = await _key(api, org.district_a, "complaints:write")
    ticket_no = await _created(api, writer)
    surveys_only = await _key(api, org.district_a, "surveys:write")
    _error(await api.http.get(f"{BASE}/requests.json", headers={"X-API-Key": surveys_only}), 403, "auth.forbidden")
    _error(await api.http.get(f"{BASE}/requests.json"), 403, "open311.api_key_required")
    # Staff with a bearer token see what their agency sees, and nothing of other agencies.
    mine = await api.http.get(f"{BASE}/requests/{ticket_no}.json", headers=org.officer_a)
    assert mine.status_code == 200, mine.text
    _error(await api.http.get(f"{BASE}/requests/{ticket_no}.json", headers=org.officer_b), 404)
    other_key = await _key(api, org.district_b, "complaints:read")
    listed = await api.http.get(f"{BASE}/requests.json", headers={"X-API-Key": other_key})
    assert listed.status_code == 200
    assert listed.json() == []


async def test_no_personal_data_in_request_listings(api: Api, org: Org) -> None:
    # A key that may read contact data still gets none through Open311.
    key = await _key(api, org.district_a, "complaints:write", "contact:read")
    ticket_no = await _created(api, key)
    for path in (f"{BASE}/requests.json", f"{BASE}/requests.xml", f"{BASE}/requests/{ticket_no}.xml"):
        response = await api.http.get(path, headers={"X-API-Key": key})
        assert response.status_code == 200, response.text
        text = response.content.decode("utf-8")
        assert ticket_no in text
        for personal in ("สมชาย", "ใจดี", PHONE, "2345678", EMAIL, "complainant"):
            assert personal not in text, (path, personal)
    (request,) = (await api.http.get(f"{BASE}/requests/{ticket_no}.json", headers={"X-API-Key": key})).json()
    assert set(request) == {
        "service_request_id",
        "status",
        "status_notes",
        "service_name",
        "service_code",
        "description",
        "agency_responsible",
        "service_notice",
        "requested_datetime",
        "updated_datetime",
        "expected_datetime",
        "address",
        "address_id",
        "zipcode",
        "lat",
        "long",
        "media_url",
    }


async def test_xml_round_trips_thai_text_and_markup(api: Api, org: Org) -> None:
    key = await _key(api, org.district_a, "complaints:write")
    description = 'ไฟดับทั้งซอย <ซอย 5> & "หน้าวัด"\r\nช่วงค่ำมืดมาก ๆ\x07 อันตราย'
    ticket_no = await _created(api, key, description=description, address_string="ซอยลาดพร้าว 5 & 7")
    as_json = (await api.http.get(f"{BASE}/requests/{ticket_no}.json", headers={"X-API-Key": key})).json()[0]
    root = _xml(await api.http.get(f"{BASE}/requests/{ticket_no}.xml", headers={"X-API-Key": key}))
    request = root.find("request")
    assert root.tag == "service_requests"
    assert request is not None
    assert request.findtext("description") == as_json["description"].replace("\x07", "")
    assert request.findtext("description") == description.replace("\x07", "")
    assert request.findtext("address") == "ซอยลาดพร้าว 5 & 7"
    assert request.findtext("service_name") == "ถนน ทางเท้า"
    assert request.findtext("agency_responsible") == "สำนักงานเขตเอ"
    assert request.findtext("status") == "open"
    assert float(request.findtext("lat") or "nan") == 13.7563
    assert request.find("expected_datetime") is not None
    assert request.findtext("expected_datetime") == ""


async def test_status_follows_the_lifecycle_with_the_answer(api: Api, org: Org) -> None:
    key = await _key(api, org.district_a, "complaints:write")
    headers = {"X-API-Key": key}
    ticket_no = await _created(api, key)
    complaint_id = (await _complaint(api, org, ticket_no))["id"]
    for type_, fields in (
        ("forwarded", {"agency": org.section_a}),
        ("acknowledged", {}),
        ("completed", {"result": "ซ่อมผิวจราจรเรียบร้อยแล้ว"}),
    ):
        who = org.front_desk if type_ == "forwarded" else org.section_officer_a
        response = await api.event(who, complaint_id, type_, **fields)
        assert response.status_code == 201, response.text
    (request,) = (await api.http.get(f"{BASE}/requests/{ticket_no}.json", headers=headers)).json()
    assert request["status"] == "closed"
    assert request["status_notes"] == "ดำเนินการเสร็จสิ้น: ซ่อมผิวจราจรเรียบร้อยแล้ว"
    assert request["agency_responsible"] == "ฝ่ายโยธา เขตเอ"
    (english,) = (await api.http.get(f"{BASE}/requests/{ticket_no}.json?locale=en", headers=headers)).json()
    assert english["status_notes"] == "Completed: ซ่อมผิวจราจรเรียบร้อยแล้ว"
    assert [
        r["service_request_id"]
        for r in (await api.http.get(f"{BASE}/requests.json?status=closed", headers=headers)).json()
    ] == [ticket_no]


async def test_tokens_are_never_issued(api: Api, org: Org) -> None:
    _error(await api.http.get(f"{BASE}/tokens/abc123.json"), 404, "open311.token_not_found")
    assert _xml(await api.http.get(f"{BASE}/tokens/abc123.xml")).findtext("error/code") == "404"


# ---- the title ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("description", "title"),
    [
        ("ไฟดับทั้งซอย\nมืดมาก", "ไฟดับทั้งซอย"),
        ("\n\n   น้ำท่วมขัง   หน้าบ้าน  \nรายละเอียด", "น้ำท่วมขัง หน้าบ้าน"),
        ("Broken street light. It has been dark for a week.", "Broken street light."),
        ("", "ถนน ทางเท้า"),
        (None, "ถนน ทางเท้า"),
    ],
)
def test_title_from_the_description(description: str | None, title: str) -> None:
    assert derive_title(description, "ถนน ทางเท้า") == title


def test_a_long_first_line_is_cut_to_300_characters() -> None:
    title = derive_title("ก" * 500, "ถนน")
    assert len(title) == 300
    assert title.endswith("…")


async def test_an_error_after_the_complaint_is_written_commits_nothing(
    api: Api, org: Org, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Errors here are answered (a return, not a raise), so the route must undo the work itself.
    from intake.complaints import service as complaints
    from kit.errors import AppError

    create = complaints.create

    async def create_then_fail(ctx: Any, payload: Any) -> Any:
        await create(ctx, payload)
        raise AppError(409, "test.refused", "ปฏิเสธ", "Refused after writing")

    monkeypatch.setattr(complaints, "create", create_then_fail)
    key = await _key(api, org.district_a, "complaints:write")
    _error(await _post(api, key), 409, "test.refused")
    assert (await api.http.get("/v1/complaints", headers=org.front_desk)).json()["items"] == []
