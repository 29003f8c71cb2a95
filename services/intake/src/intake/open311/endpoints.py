"""Open311 GeoReport v2 (SPEC §7) under ``/open311/v2``: services, requests and tokens, each as
``.json`` or ``.xml``. Every error of these routes is a GeoReport error list in the asked format."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Coroutine
from typing import Annotated, Any

import orjson
from fastapi import APIRouter, Depends, Header, Path, Query, Request, Response
from fastapi.exceptions import RequestValidationError
from starlette.exceptions import HTTPException as StarletteHTTPException

from intake.access import Access
from intake.context import Ctx
from intake.deps import PublicDep, api_key_principal, intake_state
from intake.idempotency.service import request_hash, run_idempotent
from intake.open311 import service
from intake.open311.render import Format, error_response, format_of, render
from intake.open311.schemas import (
    ErrorOut,
    RequestCreatedOut,
    RequestForm,
    ServiceDefinitionOut,
    ServiceOut,
    ServiceRequestOut,
)
from kit.auth import PUBLIC, bearer_token, verify_token
from kit.errors import AppError, validation_error
from kit.runtime import TransactionalRoute, unit_of_work

PREFIX = "/open311/v2"
SPECIFICATION = "http://wiki.open311.org/GeoReport_v2"
# When this endpoint's contract last changed (discovery's "changeset").
CHANGESET = "2026-11-21T00:00:00+07:00"
_FORM_TYPES = frozenset({"application/x-www-form-urlencoded", "multipart/form-data"})


def _requested_format(request: Request) -> Format:
    return Format.XML if str(request.path_params.get("format", "")).lower() == Format.XML else Format.JSON


class GeoReportRoute(TransactionalRoute):
    """Answers every error of a route (auth, validation, rules) as a GeoReport error list — after the
    unit of work (the base class) has rolled back on it."""

    def get_route_handler(self) -> Callable[[Request], Coroutine[Any, Any, Response]]:
        handler = super().get_route_handler()

        async def handle(request: Request) -> Response:
            try:
                return await handler(request)
            except AppError as exc:
                error = exc
            except RequestValidationError as exc:
                error = validation_error(list(exc.errors()))
            except StarletteHTTPException as exc:
                error = AppError(exc.status_code, "request.bad", "คำขอไม่ถูกต้อง", str(exc.detail))
            return error_response(_requested_format(request), error)

        return handle


def _format(format: Annotated[str, Path(description="json or xml")]) -> Format:
    return format_of(format)


FormatDep = Annotated[Format, Depends(_format)]


def _key_required() -> AppError:
    return AppError(
        403,
        "open311.api_key_required",
        "ต้องส่ง API key (ช่อง api_key ของฟอร์ม หรือส่วนหัว X-API-Key)",
        "An API key is required: the api_key form field or the X-API-Key header",
    )


async def _form_api_key(request: Request) -> str | None:
    if request.method != "POST":
        return None
    value = (await request.form()).get("api_key")
    return value.strip() if isinstance(value, str) and value.strip() else None


async def _caller(
    request: Request,
    authorization: Annotated[str | None, Header(description="Bearer token of a staff user")] = None,
    x_api_key: Annotated[str | None, Header(description="rtk_<prefix>_<secret>")] = None,
) -> Ctx:
    """The caller: a bearer token, or an API key (header, or the api_key field of a POST form),
    resolved exactly as on /v1."""
    if "api_key" in request.query_params:
        # A key in a URL ends up in proxy and browser logs; refuse it rather than accept a leak.
        raise AppError(
            403,
            "open311.api_key_in_url",
            "ห้ามส่ง API key ใน URL ให้ส่งในส่วนหัว X-API-Key",
            "Do not put the API key in the URL; send it in the X-API-Key header",
        )
    state = intake_state(request)
    unit = unit_of_work(request)
    token = bearer_token(authorization)
    if token is not None:
        principal = verify_token(state.jwt_secret, token)
    else:
        raw = x_api_key or await _form_api_key(request)
        if not raw:
            raise _key_required()
        principal = await api_key_principal(state, unit.session, raw)
    request.state.principal_id = principal.actor_ref
    reference = await state.reference.get(unit.session)
    return Ctx(unit.session, state, Access(principal, reference), unit.jobs)


CtxDep = Annotated[Ctx, Depends(_caller)]
LocaleQuery = Annotated[str | None, Query(description="th (default) or en: the language of names and notes")]
IdempotencyKey = Annotated[
    str | None,
    Header(alias="Idempotency-Key", description="retrying with the same key returns the first response"),
]


_ERRORS: dict[int | str, dict[str, Any]] = {
    status: {"model": list[ErrorOut], "description": text, "content": {"text/xml": {}}}
    for status, text in (
        (400, "Bad input"),
        (403, "Missing or invalid API key, or not allowed"),
        (404, "Unknown service, request or token"),
        # Also keeps FastAPI from documenting its own 422, which these routes answer as 400.
        ("default", "Any other error, as the same GeoReport error list"),
    )
}


def _responses(model: Any, description: str, status: int = 200) -> dict[int | str, dict[str, Any]]:
    return {status: {"model": model, "description": description, "content": {"text/xml": {}}}, **_ERRORS}


def _form_schema() -> dict[str, Any]:
    schema = RequestForm.model_json_schema()
    schema["properties"].pop("attributes", None)
    schema["properties"]["api_key"] = {"type": "string", "description": "rtk_<prefix>_<secret> (or X-API-Key)"}
    schema["patternProperties"] = {r"^attribute\[.+\]$": {"type": "string"}}
    return {
        "requestBody": {
            "required": True,
            "content": {
                "application/x-www-form-urlencoded": {"schema": schema},
                "multipart/form-data": {"schema": schema},
            },
        }
    }


router = APIRouter(prefix=PREFIX, tags=["open311"], route_class=GeoReportRoute)


@router.get(
    "/discovery.{format}",
    response_class=Response,
    responses=_responses(dict[str, Any], "Where the GeoReport v2 endpoint is and what it speaks"),
    summary="Open311 service discovery",
    description="The GeoReport v2 discovery document: specification, endpoint URL and formats. No key needed.",
    openapi_extra=PUBLIC,
)
async def discovery(fmt: FormatDep, request: Request) -> Response:
    data = {
        "changeset": CHANGESET,
        "contact": "ติดต่อผู้ดูแลระบบรับเรื่องร้องเรียนของหน่วยงาน / the agency's Rongtook administrator",
        "key_service": "API key ออกโดยผู้ดูแลระบบ (POST /v1/api-keys) / issued by an administrator",
        "endpoints": [
            {
                "specification": SPECIFICATION,
                "url": str(request.base_url).rstrip("/") + PREFIX,
                "changeset": CHANGESET,
                "type": "production",
                "formats": ["text/xml", "application/json"],
            }
        ],
    }
    return render(fmt, data, root="discovery")


@router.get(
    "/services.{format}",
    response_class=Response,
    responses=_responses(list[ServiceOut], "The active categories as services"),
    summary="Open311: list services (complaint categories)",
    description=(
        "Every active complaint category (ประเภทเรื่อง) as a GeoReport service: `service_code` is the "
        "category code, `service_name` its Thai name (English with `?locale=en`). Services have no "
        "extra questions (`metadata: false`) and requests are created at once (`type: realtime`). "
        "No key needed."
    ),
    openapi_extra=PUBLIC,
)
async def list_services(fmt: FormatDep, public: PublicDep, locale: LocaleQuery = None) -> Response:
    found = await service.services(public.session, service.locale_of(locale))
    return render(fmt, [s.model_dump() for s in found], root="services", item="service")


@router.get(
    "/services/{service_code}.{format}",
    response_class=Response,
    responses=_responses(ServiceDefinitionOut, "The service definition (no attributes)"),
    summary="Open311: a service definition",
    description="The definition of one service. Categories ask nothing extra, so `attributes` is empty; "
    "404 for an unknown or inactive service_code. No key needed.",
    openapi_extra=PUBLIC,
)
async def service_definition(
    fmt: FormatDep, public: PublicDep, service_code: Annotated[str, Path(max_length=40)]
) -> Response:
    found = await service.definition(public.session, service_code)
    return render(fmt, found.model_dump(), root="service_definition")


@router.post(
    "/requests.{format}",
    status_code=201,
    response_class=Response,
    responses=_responses(list[RequestCreatedOut], "Created: the ticket number", 201),
    openapi_extra=_form_schema(),
    summary="Open311: submit a service request (creates a complaint)",
    description=(
        "Creates a complaint exactly as `POST /v1/complaints` does, through the `open311` channel, "
        "at the API key's agency; needs scope `complaints:write`. Form-encoded GeoReport v2 fields. "
        "The title is the first sentence of the first line of `description` (at most 300 characters), "
        "or the service name when there is no description. `first_name`/`last_name`, `phone` and "
        "`email` become the complainant (personal data, never returned). `media_url`, "
        "`address_id` and `attribute[...]` are kept as text in the description/address; "
        "`device_id` and `account_id` are not stored. The answer's `service_request_id` is the "
        "ticket number: requests are created at once, so no token is issued. Send an "
        "`Idempotency-Key` header to make retries safe."
    ),
)
async def create_request(
    fmt: FormatDep,
    ctx: CtxDep,
    request: Request,
    locale: LocaleQuery = None,
    idempotency_key: IdempotencyKey = None,
) -> Response:
    ctx.access.require_create_complaints()
    if request.headers.get("content-type", "").split(";")[0].strip().lower() not in _FORM_TYPES:
        # Otherwise a JSON body reads as an empty form and the client is told service_code is missing.
        raise AppError(
            400,
            "open311.form_required",
            "ส่งข้อมูลแบบฟอร์ม (application/x-www-form-urlencoded หรือ multipart/form-data)",
            "Send the request form-encoded (application/x-www-form-urlencoded or multipart/form-data)",
        )
    form = service.parse_form(await request.form())

    async def action() -> RequestCreatedOut:
        return await service.submit(ctx, form, service.locale_of(locale))

    result = await run_idempotent(
        ctx.session,
        ctx.jobs,
        principal=ctx.principal.actor_ref,
        key=idempotency_key,
        # Without the format: a retry may ask for the other format and still get the same request.
        digest=request_hash("POST", PREFIX + "/requests", form),
        status_code=201,
        action=action,
    )
    replayed = result.headers.get("idempotent-replayed")
    return render(
        fmt,
        [orjson.loads(result.body)],
        root="service_requests",
        item="request",
        status_code=result.status_code,
        headers={"Idempotent-Replayed": replayed} if replayed else None,
    )


@router.get(
    "/requests.{format}",
    response_class=Response,
    responses=_responses(list[ServiceRequestOut], "Matching requests, newest first (at most 1000)"),
    summary="Open311: find service requests",
    description=(
        "Requests (complaints) the caller may see, newest first, at most 1000. `service_request_id` "
        "(comma-separated ticket numbers, at most 100) overrides every other parameter. Otherwise "
        "`start_date`/`end_date` bound the received time (at most 90 days apart; default the last "
        "90 days), `service_code` (comma-separated) and `status` (`open`, `closed`) filter. Needs an "
        "API key with `complaints:read` or `complaints:write`, or a bearer token. Never contains "
        "the complainant's personal data."
    ),
)
async def list_requests(
    fmt: FormatDep,
    ctx: CtxDep,
    service_request_id: Annotated[
        str | None, Query(max_length=7000, description="ticket numbers, comma-separated")
    ] = None,
    service_code: Annotated[str | None, Query(max_length=2000, description="comma-separated")] = None,
    start_date: Annotated[dt.datetime | None, Query(description="ISO 8601; without an offset: Bangkok time")] = None,
    end_date: Annotated[dt.datetime | None, Query(description="ISO 8601; without an offset: Bangkok time")] = None,
    status: Annotated[str | None, Query(description="open, closed, or both comma-separated")] = None,
    locale: LocaleQuery = None,
) -> Response:
    query = service.request_query(service_request_id, service_code, start_date, end_date, status)
    found = await service.find(ctx, query, service.locale_of(locale))
    return render(fmt, [r.model_dump() for r in found], root="service_requests", item="request")


@router.get(
    "/requests/{service_request_id}.{format}",
    response_class=Response,
    responses=_responses(list[ServiceRequestOut], "The request, as a one-element list"),
    summary="Open311: one service request by ticket number",
    description="One request the caller may see, by ticket number; 404 otherwise. Same fields and rights as the list.",
)
async def get_request(
    fmt: FormatDep,
    ctx: CtxDep,
    service_request_id: Annotated[str, Path(max_length=64)],
    locale: LocaleQuery = None,
) -> Response:
    found = await service.one(ctx, service_request_id, service.locale_of(locale))
    return render(fmt, [found.model_dump()], root="service_requests", item="request")


@router.get(
    "/tokens/{token}.{format}",
    response_class=Response,
    responses=_ERRORS,
    summary="Open311: look up a request token (always 404)",
    description="Requests are created synchronously and the POST answer carries the "
    "`service_request_id` (ticket number), so no token is ever issued: every token is unknown (404).",
)
async def get_token(fmt: FormatDep, token: Annotated[str, Path(max_length=200)]) -> Response:
    raise service.token_not_found()
