"""Opaque cursors for keyset pagination."""

from __future__ import annotations

import base64
from typing import Any

import orjson

from kit.errors import AppError


def encode_cursor(values: list[Any]) -> str:
    return base64.urlsafe_b64encode(orjson.dumps(values, default=str)).decode().rstrip("=")


def decode_cursor(cursor: str) -> list[Any]:
    try:
        padded = cursor + "=" * (-len(cursor) % 4)
        values = orjson.loads(base64.urlsafe_b64decode(padded))
    except (ValueError, orjson.JSONDecodeError) as exc:
        raise AppError(
            422,
            "request.invalid_cursor",
            "ตัวชี้หน้าถัดไป (cursor) ไม่ถูกต้อง",
            "Invalid cursor",
            fields={"cursor": "not a cursor this API returned"},
        ) from exc
    if not isinstance(values, list):
        raise AppError(422, "request.invalid_cursor", "ตัวชี้หน้าถัดไป (cursor) ไม่ถูกต้อง", "Invalid cursor")
    return values
