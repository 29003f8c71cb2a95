"""The error model: every error is ``{"error": {"code", "message_th", "message_en", "fields"}}``.

``code`` is stable and machine-readable; the two messages are for people; ``fields`` maps the
offending field (dotted path) to a short English explanation.
"""

from __future__ import annotations

from typing import Any

import structlog
from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException as StarletteHTTPException

log = structlog.get_logger("kit.errors")


class AppError(Exception):
    """An error the client can act on. Raising it rolls back the request's transaction."""

    def __init__(
        self,
        status: int,
        code: str,
        message_th: str,
        message_en: str,
        *,
        fields: dict[str, str] | None = None,
        extra: dict[str, Any] | None = None,
        headers: dict[str, str] | None = None,
    ) -> None:
        super().__init__(f"{code}: {message_en}")
        self.status = status
        self.code = code
        self.message_th = message_th
        self.message_en = message_en
        self.fields = fields or {}
        self.extra = extra or {}
        self.headers = headers

    def body(self) -> dict[str, Any]:
        error: dict[str, Any] = {
            "code": self.code,
            "message_th": self.message_th,
            "message_en": self.message_en,
            "fields": self.fields,
        }
        error.update(self.extra)
        return {"error": error}


def not_found(what_en: str, what_th: str, code: str) -> AppError:
    return AppError(404, code, f"ไม่พบ{what_th}", f"{what_en} not found")


def unauthorized() -> AppError:
    return AppError(
        401,
        "auth.required",
        "กรุณาเข้าสู่ระบบ หรือส่ง API key ที่ถูกต้อง",
        "Authentication required: send a valid bearer token or API key",
        headers={"WWW-Authenticate": "Bearer"},
    )


def forbidden(message_th: str = "คุณไม่มีสิทธิ์ทำรายการนี้", message_en: str = "You may not do this") -> AppError:
    return AppError(403, "auth.forbidden", message_th, message_en)


# Thai wording for the pydantic error types users actually meet in forms and integrations.
_THAI_VALIDATION: dict[str, str] = {
    "missing": "จำเป็นต้องระบุ",
    "string_too_short": "สั้นเกินไป",
    "string_too_long": "ยาวเกินไป",
    "string_type": "ต้องเป็นข้อความ",
    "int_parsing": "ต้องเป็นจำนวนเต็ม",
    "int_type": "ต้องเป็นจำนวนเต็ม",
    "float_parsing": "ต้องเป็นตัวเลข",
    "decimal_parsing": "ต้องเป็นตัวเลข",
    "bool_parsing": "ต้องเป็น true หรือ false",
    "enum": "ไม่ใช่ค่าที่อนุญาต",
    "literal_error": "ไม่ใช่ค่าที่อนุญาต",
    "extra_forbidden": "ไม่รู้จักช่องข้อมูลนี้",
    "datetime_parsing": "รูปแบบวันเวลาไม่ถูกต้อง (ISO 8601)",
    "datetime_from_date_parsing": "รูปแบบวันเวลาไม่ถูกต้อง (ISO 8601)",
    "timezone_aware": "ต้องระบุเขตเวลา (เช่น +07:00)",
    "date_parsing": "รูปแบบวันที่ไม่ถูกต้อง (YYYY-MM-DD)",
    "date_from_datetime_parsing": "รูปแบบวันที่ไม่ถูกต้อง (YYYY-MM-DD)",
    "uuid_parsing": "รูปแบบรหัสไม่ถูกต้อง",
    "greater_than_equal": "น้อยเกินไป",
    "less_than_equal": "มากเกินไป",
    "greater_than": "น้อยเกินไป",
    "less_than": "มากเกินไป",
    "value_error": "ค่าไม่ถูกต้อง",
    "json_invalid": "JSON ไม่ถูกต้อง",
    "model_attributes_type": "ต้องเป็นออบเจกต์ JSON",
    "dict_type": "ต้องเป็นออบเจกต์ JSON",
    "list_type": "ต้องเป็นรายการ",
    "too_long": "มีรายการมากเกินไป",
    "too_short": "มีรายการน้อยเกินไป",
}


def _field_path(loc: tuple[Any, ...] | list[Any]) -> str:
    parts = [str(p) for p in loc]
    if parts and parts[0] in ("body", "query", "path", "header", "form"):
        parts = parts[1:] or parts
    return ".".join(parts) or "body"


def validation_error(errors: list[dict[str, Any]] | Any) -> AppError:
    """A 422 in our envelope for pydantic errors, keeping every offending field."""
    fields: dict[str, str] = {}
    fields_th: dict[str, str] = {}
    for err in errors:
        path = _field_path(err.get("loc", ()))
        context = err.get("ctx") or {}
        named = context.get("fields")
        if isinstance(named, dict):
            # A model-level validator that names the fields it refused (and says why, in both
            # languages): report each field, not the model.
            prefix = "" if path == "body" else f"{path}."
            named_th = context.get("fields_th") or {}
            for name, message in named.items():
                fields.setdefault(prefix + name, str(message))
                fields_th.setdefault(prefix + name, str(named_th.get(name, "ค่าไม่ถูกต้อง")))
            continue
        fields.setdefault(path, str(err.get("msg", "invalid")))
        fields_th.setdefault(path, _THAI_VALIDATION.get(str(err.get("type")), "ค่าไม่ถูกต้อง"))
    first = next(iter(fields), "body")
    return AppError(
        422,
        "request.invalid",
        f"ข้อมูลไม่ถูกต้อง: {first} {fields_th.get(first, '')}".strip(),
        f"Invalid request: {first}: {fields.get(first, '')}".strip(),
        fields=fields,
        extra={"fields_th": fields_th},
    )


async def _app_error_handler(request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, AppError)
    return JSONResponse(exc.body(), status_code=exc.status, headers=exc.headers)


async def _validation_handler(request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, RequestValidationError)
    err = validation_error(list(exc.errors()))
    return JSONResponse(err.body(), status_code=err.status)


_HTTP_CODES: dict[int, tuple[str, str, str]] = {
    400: ("request.bad", "คำขอไม่ถูกต้อง", "Bad request"),
    401: ("auth.required", "กรุณาเข้าสู่ระบบ", "Authentication required"),
    403: ("auth.forbidden", "คุณไม่มีสิทธิ์ทำรายการนี้", "Forbidden"),
    404: ("route.not_found", "ไม่พบหน้าที่ต้องการ", "Not found"),
    405: ("route.method_not_allowed", "ไม่รองรับวิธีเรียกนี้", "Method not allowed"),
    413: ("request.too_large", "ข้อมูลมีขนาดใหญ่เกินกำหนด", "Request too large"),
    415: ("request.unsupported_media_type", "ไม่รองรับชนิดข้อมูลนี้", "Unsupported media type"),
}


async def _http_error_handler(request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, StarletteHTTPException)
    code, th, en = _HTTP_CODES.get(exc.status_code, ("request.error", "เกิดข้อผิดพลาด", "Error"))
    if isinstance(exc.detail, str) and exc.detail and exc.status_code not in (404, 405):
        en = exc.detail
    body: dict[str, Any] = {"error": {"code": code, "message_th": th, "message_en": en, "fields": {}}}
    return JSONResponse(body, status_code=exc.status_code, headers=getattr(exc, "headers", None))


async def _unexpected_handler(request: Request, exc: Exception) -> JSONResponse:
    request_id = getattr(request.state, "request_id", None)
    log.error("unhandled_error", error_type=type(exc).__name__, exc_info=exc)
    body: dict[str, Any] = {
        "error": {
            "code": "server.error",
            "message_th": "ระบบขัดข้อง กรุณาลองใหม่อีกครั้ง",
            "message_en": "Internal error; please retry",
            "fields": {},
            "request_id": request_id,
        }
    }
    return JSONResponse(body, status_code=500)


def install_error_handlers(app: FastAPI) -> None:
    app.add_exception_handler(AppError, _app_error_handler)
    app.add_exception_handler(RequestValidationError, _validation_handler)
    app.add_exception_handler(StarletteHTTPException, _http_error_handler)
    app.add_exception_handler(Exception, _unexpected_handler)


ERROR_RESPONSES: dict[int | str, dict[str, Any]] = {
    status: {"description": description, "model": None}
    for status, description in (
        (401, "Not authenticated"),
        (403, "Not allowed"),
        (404, "Not found"),
        (409, "Refused by a rule"),
        (422, "Invalid input"),
    )
}
