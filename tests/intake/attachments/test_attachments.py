"""Attachments: multipart upload with kind, size limit (413), content type checked on the bytes,
sha256 stored, download only for those who may see the complaint."""

from __future__ import annotations

import hashlib
import struct
import zlib
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from asgi_lifespan import LifespanManager

from tests.conftest import ADMIN_PASSWORD
from tests.intake.conftest import Api, Org


def png(width: int = 2, height: int = 2, extra: int = 0) -> bytes:
    """A real PNG (what a phone camera might send, only smaller); ``extra`` pads it in a tEXt chunk."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)

    raw = b"".join(b"\x00" + b"\xff\x00\x00" * width for _ in range(height))
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    padding = chunk(b"tEXt", b"note\x00" + b"x" * extra) if extra else b""
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + padding
        + chunk(b"IDAT", zlib.compress(raw))
        + chunk(b"IEND", b"")
    )


JPEG = bytes.fromhex("ffd8ffe000104a46494600010100000100010000ffd9")


async def _upload(
    api: Api,
    headers: dict[str, str],
    complaint_id: str,
    content: bytes,
    kind: str = "before",
    filename: str = "รูปก่อนซ่อม.png",
    content_type: str = "image/png",
    **data: str,
) -> httpx.Response:
    return await api.http.post(
        f"/v1/complaints/{complaint_id}/attachments",
        files={"file": (filename, content, content_type)},
        data={"kind": kind, **data},
        headers=headers,
    )


async def test_before_and_after_photos(api: Api, org: Org) -> None:
    complaint = await api.complaint(org.front_desk, agency="DA")
    before = png()
    response = await _upload(api, org.officer_a, complaint["id"], before, note="สภาพก่อนซ่อม")
    assert response.status_code == 201, response.text
    body = response.json()
    assert body["kind"] == "before"
    assert body["filename"] == "รูปก่อนซ่อม.png"
    assert body["content_type"] == "image/png"
    assert body["size_bytes"] == len(before)
    assert body["sha256"] == hashlib.sha256(before).hexdigest()
    after = await _upload(
        api, org.officer_a, complaint["id"], JPEG, kind="after", filename="after.jpg", content_type="image/jpeg"
    )
    assert after.json()["content_type"] == "image/jpeg"

    got = (await api.http.get(f"/v1/complaints/{complaint['id']}", headers=org.front_desk)).json()
    assert [a["kind"] for a in got["attachments"]] == ["before", "after"]
    evidence = [e for e in got["events"] if e["type"] == "evidence_attached"]
    assert [e["payload"]["evidence_kind"] for e in evidence] == ["before", "after"]
    assert evidence[0]["payload"]["attachment_id"] == body["id"]
    assert evidence[0]["text"] == "สภาพก่อนซ่อม"

    download = await api.http.get(body["download_url"], headers=org.front_desk)
    assert download.status_code == 200
    assert download.content == before
    assert download.headers["content-type"] == "image/png"
    assert download.headers["x-content-type-options"] == "nosniff"
    listed = await api.http.get(f"/v1/complaints/{complaint['id']}/attachments", headers=org.officer_a)
    assert len(listed.json()) == 2


async def test_the_declared_type_is_not_trusted(api: Api, org: Org) -> None:
    complaint = await api.complaint(org.front_desk)
    script = b"#!/bin/sh\necho pwned\n"
    response = await _upload(api, org.front_desk, complaint["id"], script, filename="photo.png")
    assert response.status_code == 415
    assert response.json()["error"]["code"] == "attachment.unsupported_type"
    # A real PNG declared as something else is still a PNG.
    relabelled = await _upload(api, org.front_desk, complaint["id"], png(), content_type="application/octet-stream")
    assert relabelled.json()["content_type"] == "image/png"


async def test_bad_uploads(api: Api, org: Org) -> None:
    complaint = await api.complaint(org.front_desk)
    bad_kind = await _upload(api, org.front_desk, complaint["id"], png(), kind="during")
    assert bad_kind.status_code == 422
    assert bad_kind.json()["error"]["fields"] == {"kind": "before | after | other"}
    empty = await _upload(api, org.front_desk, complaint["id"], b"")
    assert empty.status_code == 422
    not_multipart = await api.http.post(
        f"/v1/complaints/{complaint['id']}/attachments", json={"x": 1}, headers=org.front_desk
    )
    assert not_multipart.status_code == 415
    got = (await api.http.get(f"/v1/complaints/{complaint['id']}", headers=org.front_desk)).json()
    assert got["attachments"] == [] and len(got["events"]) == 1


@pytest.fixture
async def small_limit_api(clean: None, intake_settings: Any) -> AsyncIterator[Api]:
    from intake.app import create_app

    app = create_app(intake_settings.model_copy(update={"max_attachment_bytes": 50_000}))
    async with (
        LifespanManager(app),
        httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://x") as http,
    ):
        api = Api(http, app)
        api.admin = await api.login("admin", ADMIN_PASSWORD)
        yield api


async def test_files_over_the_limit_get_413(small_limit_api: Api, intake_settings: Any) -> None:
    api = small_limit_api
    await api.category("roads")
    complaint = await api.complaint(api.admin)
    fits = await _upload(api, api.admin, complaint["id"], png(extra=40_000))
    assert fits.status_code == 201
    too_big = await _upload(api, api.admin, complaint["id"], png(extra=60_000))
    assert too_big.status_code == 413
    assert too_big.json()["error"]["code"] == "attachment.too_large"
    way_too_big = await _upload(api, api.admin, complaint["id"], png(extra=500_000))
    assert way_too_big.status_code == 413
    files_dir = Path(intake_settings.attachments_dir)
    stored = [p for p in files_dir.rglob("*") if p.is_file() and p.parent.name != "tmp"]
    assert len(stored) == 1  # only the one that fitted; no leftovers
    assert list((files_dir / "tmp").iterdir()) == []


async def test_download_needs_permission(api: Api, org: Org) -> None:
    complaint = await api.complaint(org.front_desk, agency="DA")
    uploaded = (await _upload(api, org.officer_a, complaint["id"], png())).json()
    assert (await api.http.get(uploaded["download_url"], headers=org.officer_b)).status_code == 404
    assert (await api.http.get(uploaded["download_url"])).status_code == 401
    hidden = await _upload(api, org.officer_b, complaint["id"], png())
    assert hidden.status_code == 404
    assert (await _upload(api, org.auditor, complaint["id"], png())).status_code == 403
