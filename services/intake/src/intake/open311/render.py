"""GeoReport v2 output: the same data as JSON or as XML, and errors as GeoReport error lists."""

from __future__ import annotations

import re
from collections.abc import Mapping
from enum import StrEnum

import orjson
from fastapi import Response

from kit.errors import AppError


class Format(StrEnum):
    JSON = "json"
    XML = "xml"


MEDIA_TYPES = {Format.JSON: "application/json", Format.XML: "text/xml; charset=utf-8"}

# GeoReport's XML names each element of a list after the list: <attributes><attribute>…
_ITEM_NAMES = {"attributes": "attribute", "endpoints": "endpoint", "formats": "format", "values": "value"}
# Characters XML 1.0 cannot carry at all, not even escaped; free text may still hold them.
_NOT_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
# GeoReport has no 401 (a missing or bad api_key is 403) and no 422 (bad input is 400).
_GEOREPORT_STATUS = {401: 403, 422: 400}


def format_of(value: str) -> Format:
    try:
        return Format(value.lower())
    except ValueError:
        raise AppError(
            400,
            "open311.unsupported_format",
            f"ไม่รองรับรูปแบบ '{value}' ใช้ .json หรือ .xml",
            f"Unsupported format '{value}': use .json or .xml",
        ) from None


def _escape(text: str) -> str:
    # \r is escaped too: a parser would otherwise fold "\r\n" into "\n" and change the text.
    text = _NOT_XML.sub("", text)
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\r", "&#13;")


def _scalar(value: object) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    return _escape(str(value))


def _element(tag: str, value: object, out: list[str]) -> None:
    if value is None:
        out.append(f"<{tag}/>")
    elif isinstance(value, Mapping):
        out.append(f"<{tag}>")
        for key, child in value.items():
            _element(str(key), child, out)
        out.append(f"</{tag}>")
    elif isinstance(value, list):
        out.append(f"<{tag}>")
        for child in value:
            _element(_ITEM_NAMES[tag], child, out)
        out.append(f"</{tag}>")
    else:
        out.append(f"<{tag}>{_scalar(value)}</{tag}>")


def to_xml(root: str, item: str, data: object) -> bytes:
    """``data`` as a GeoReport XML document; a top-level list becomes ``<root><item>…</item></root>``."""
    out = ['<?xml version="1.0" encoding="UTF-8"?>\n']
    if isinstance(data, list):
        out.append(f"<{root}>")
        for child in data:
            _element(item, child, out)
        out.append(f"</{root}>")
    else:
        _element(root, data, out)
    return "".join(out).encode("utf-8")


def render(
    fmt: Format,
    data: object,
    *,
    root: str,
    item: str = "",
    status_code: int = 200,
    headers: Mapping[str, str] | None = None,
) -> Response:
    body = to_xml(root, item, data) if fmt is Format.XML else orjson.dumps(data)
    return Response(body, status_code=status_code, media_type=MEDIA_TYPES[fmt], headers=headers)


def error_response(fmt: Format, error: AppError) -> Response:
    status = _GEOREPORT_STATUS.get(error.status, error.status)
    description = f"{error.message_th} / {error.message_en}"
    if len(error.fields) > 1:
        # The messages name the first field only; a client fixing its form wants them all.
        description += " [" + "; ".join(f"{name}: {problem}" for name, problem in error.fields.items()) + "]"
    body = [{"code": status, "description": description, "error_code": error.code}]
    # A 401's WWW-Authenticate challenge does not belong on the 403 it becomes.
    headers = error.headers if status == error.status else None
    return render(fmt, body, root="errors", item="error", status_code=status, headers=headers)
