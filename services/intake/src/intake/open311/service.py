"""Open311 GeoReport v2 on the complaint service (SPEC §7).

A service is an active category (``service_code`` = the category code); a service request is a
complaint received through the ``open311`` channel, and its ``service_request_id`` is the ticket
number. Requests are created and read only through :mod:`intake.complaints.service`, so access
rules, visibility and the lifecycle stay in one place.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
import uuid
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from pydantic import ValidationError
from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession
from starlette.datastructures import FormData

from intake.access import not_found_complaint
from intake.catalog.models import Category
from intake.complaints import service as complaints
from intake.complaints.lifecycle import CLOSED, OPEN, EventType, Status
from intake.complaints.models import Complaint, Event
from intake.complaints.repository import uuid_array
from intake.complaints.schemas import ComplaintCreate, ComplaintSummary
from intake.context import Ctx
from intake.open311.schemas import RequestCreatedOut, RequestForm, ServiceDefinitionOut, ServiceOut, ServiceRequestOut
from intake.reference import EntryRef
from kit.errors import AppError, validation_error
from kit.thai import BANGKOK

CHANNEL = "open311"
MAX_REQUESTS = 1000
MAX_WINDOW = dt.timedelta(days=90)
MAX_IDS = 100
TITLE_MAX = 300
MEDIA_LABEL = "ภาพประกอบ (media_url)"

_SENTENCE_END = re.compile(r"(?<=[.!?])\s")
_MEDIA_LINE = re.compile(rf"^{re.escape(MEDIA_LABEL)}: (https?://\S+)$", re.MULTILINE)
_ATTRIBUTE = re.compile(r"^attribute\[([^\]]+)\](\[\])?$")
_FORM_FIELDS = frozenset(RequestForm.model_fields) - {"attributes"}
# Where a ComplaintCreate field came from in the form, so an error names what the client sent.
_FORM_FIELD_OF = {
    "title": "description",
    "name": "first_name",
    "complainant": "first_name",
    "address": "address_string",
    "location": "lat",
}
_RESULT_STATUSES = frozenset({Status.COMPLETED, Status.CONCLUDED})
_STATUS_NOTES: dict[Status, tuple[str, str]] = {
    Status.RECEIVED: ("รับเรื่องแล้ว", "Received"),
    Status.FORWARDED: ("ส่งเรื่องให้หน่วยงานที่รับผิดชอบแล้ว", "Forwarded to the responsible agency"),
    Status.IN_PROGRESS: ("อยู่ระหว่างดำเนินการ", "In progress"),
    Status.COMPLETED: ("ดำเนินการเสร็จสิ้น", "Completed"),
    Status.CONCLUDED: ("ยุติเรื่อง", "Closed"),
    Status.REJECTED: ("ไม่อยู่ในอำนาจหน้าที่", "Not within the agency's authority"),
    Status.DUPLICATE: ("เป็นเรื่องซ้ำกับเรื่องที่รับไว้แล้ว", "Duplicate of an earlier request"),
}


class Locale(StrEnum):
    TH = "th"
    EN = "en"


def locale_of(value: str | None) -> Locale:
    """GeoReport passes e.g. ``en`` or ``en_US``; Thai unless English is asked for."""
    return Locale.EN if value and value.strip().lower()[:2] == "en" else Locale.TH


def _name(th: str, en: str | None, locale: Locale) -> str:
    return en if locale is Locale.EN and en else th


def bad_request(code: str, message_th: str, message_en: str, field: str) -> AppError:
    return AppError(400, code, message_th, message_en, fields={field: message_en})


def service_not_found(code: str) -> AppError:
    return AppError(
        404,
        "open311.service_not_found",
        f"ไม่พบบริการ (ประเภทเรื่อง) รหัส '{code}' หรือถูกปิดใช้งาน",
        f"No active service with service_code '{code}'",
    )


def token_not_found() -> AppError:
    return AppError(
        404,
        "open311.token_not_found",
        "ไม่มีโทเคนนี้: ระบบรับเรื่องทันทีและตอบเลขที่รับแจ้ง (service_request_id) ตั้งแต่ตอนส่งเรื่อง",
        "No such token: requests are created at once and the POST answer already carries service_request_id",
    )


# ---- services -----------------------------------------------------------------------------------


def _service(category: Category, locale: Locale) -> ServiceOut:
    description = category.name_th + (f" / {category.name_en}" if category.name_en else "")
    return ServiceOut(
        service_code=category.code,
        service_name=_name(category.name_th, category.name_en, locale),
        description=description,
    )


async def services(session: AsyncSession, locale: Locale) -> list[ServiceOut]:
    stmt = select(Category).where(Category.active.is_(True)).order_by(Category.sort_order, Category.code)
    return [_service(c, locale) for c in (await session.execute(stmt)).scalars()]


async def definition(session: AsyncSession, code: str) -> ServiceDefinitionOut:
    category = (await session.execute(select(Category).where(Category.code == code))).scalar_one_or_none()
    if category is None or not category.active:
        raise service_not_found(code)
    # Categories carry no extra questions, so every service is ``metadata: false``.
    return ServiceDefinitionOut(service_code=category.code, attributes=[])


# ---- creating a request -------------------------------------------------------------------------


def parse_form(form: FormData) -> RequestForm:
    """The posted form as a :class:`RequestForm`. Empty fields count as absent (HTML forms send
    them); ``api_key`` is the caller's credential, not part of the request."""
    values: dict[str, Any] = {}
    attributes: dict[str, list[str]] = {}
    for key, value in form.multi_items():
        if not isinstance(value, str) or not value.strip():
            continue
        if match := _ATTRIBUTE.match(key):
            attributes.setdefault(match.group(1), []).append(value.strip())
        elif key in _FORM_FIELDS and key not in values:
            values[key] = value
    values["attributes"] = {code: ", ".join(answers) for code, answers in attributes.items()}
    try:
        return RequestForm.model_validate(values)
    except ValidationError as exc:
        raise validation_error(exc.errors()) from exc


def derive_title(description: str | None, fallback: str) -> str:
    """The first sentence of the first non-blank line (Thai sentences have no full stop, so
    usually the whole line), cut to fit; the service name when there is no text."""
    for line in (description or "").splitlines():
        line = " ".join(line.split())
        if line:
            first = _SENTENCE_END.split(line, maxsplit=1)[0]
            return first if len(first) <= TITLE_MAX else first[: TITLE_MAX - 1].rstrip() + "…"
    return fallback[:TITLE_MAX]


def _description(form: RequestForm, category: EntryRef) -> str:
    # Nothing accepted is lost (SPEC §8): what has no column of its own becomes lines the
    # officer reads; the media line is found again by media_url_of.
    parts = [form.description or category.name_th]
    if form.media_url:
        parts.append(f"{MEDIA_LABEL}: {form.media_url}")
    if form.attributes:
        parts.append("\n".join(f"attribute[{code}]: {value}" for code, value in sorted(form.attributes.items())))
    return "\n\n".join(parts)


def _address(form: RequestForm) -> str | None:
    if form.address_id is None:
        return form.address_string
    if form.address_string is None:
        return f"address_id: {form.address_id}"
    return f"{form.address_string} (address_id: {form.address_id})"


def complaint_from(form: RequestForm, category: EntryRef) -> ComplaintCreate:
    name = " ".join(part for part in (form.first_name, form.last_name) if part) or None
    complainant = {"name": name, "phone": form.phone, "email": form.email} if name or form.phone or form.email else None
    address = _address(form)
    location = (
        {"address": address, "lat": form.lat, "long": form.long}
        if address or form.lat is not None or form.long is not None
        else None
    )
    try:
        return ComplaintCreate.model_validate(
            {
                "channel": CHANNEL,
                "title": derive_title(form.description, category.name_th),
                "description": _description(form, category),
                "category": category.code,
                "complainant": complainant,
                "location": location,
            }
        )
    except ValidationError as exc:
        errors = [
            {**err, "loc": (_FORM_FIELD_OF.get(str(err["loc"][-1]), str(err["loc"][-1])),) if err["loc"] else ()}
            for err in exc.errors()
        ]
        raise validation_error(errors) from exc


async def _active_category(ctx: Ctx, code: str) -> EntryRef:
    found = ctx.ref.categories.get(code) or (await ctx.refreshed()).categories.get(code)
    if found is None or not found.active:
        raise service_not_found(code)
    return found


async def submit(ctx: Ctx, form: RequestForm, locale: Locale) -> RequestCreatedOut:
    """Create the complaint exactly as ``POST /v1/complaints`` would."""
    ctx.access.require_create_complaints()
    category = await _active_category(ctx, form.service_code)
    created = await complaints.create(ctx, complaint_from(form, category))
    if locale is Locale.EN:
        notice = f"Received as ticket {created.ticket_no}."
        if created.public_url:
            notice += f" The complainant can follow it at {created.public_url}"
    else:
        notice = f"รับเรื่องแล้ว เลขที่รับแจ้ง {created.ticket_no}"
        if created.public_url:
            notice += f" ผู้ร้องติดตามสถานะได้ที่ {created.public_url}"
    return RequestCreatedOut(service_request_id=created.ticket_no, service_notice=notice, account_id=None)


# ---- finding requests ---------------------------------------------------------------------------


@dataclass(frozen=True)
class RequestQuery:
    ticket_nos: list[str] | None = None
    service_codes: list[str] | None = None
    start: dt.datetime | None = None
    end: dt.datetime | None = None
    statuses: list[str] | None = None


def _split(value: str | None) -> list[str]:
    return list(dict.fromkeys(part.strip() for part in (value or "").split(",") if part.strip()))


def _aware(value: dt.datetime | None) -> dt.datetime | None:
    # GeoReport requires an offset; a client that leaves it out means local (Bangkok) time.
    if value is None or value.tzinfo is not None:
        return value
    return value.replace(tzinfo=BANGKOK)


def request_query(
    service_request_id: str | None,
    service_code: str | None,
    start_date: dt.datetime | None,
    end_date: dt.datetime | None,
    status: str | None,
) -> RequestQuery:
    """The GeoReport parameters checked and turned into a query (defaults: the last 90 days)."""
    ticket_nos = _split(service_request_id)
    if ticket_nos:
        if len(ticket_nos) > MAX_IDS:
            raise bad_request(
                "open311.too_many_ids",
                f"ระบุ service_request_id ได้ไม่เกิน {MAX_IDS} รายการต่อครั้ง",
                f"At most {MAX_IDS} service_request_id values per call",
                "service_request_id",
            )
        # GeoReport: service_request_id overrides every other parameter.
        return RequestQuery(ticket_nos=ticket_nos)
    wanted = _split(status)
    unknown = [s for s in wanted if s not in ("open", "closed")]
    if unknown:
        raise bad_request(
            "open311.invalid_status",
            f"สถานะ '{unknown[0]}' ไม่ถูกต้อง ใช้ open หรือ closed",
            f"Invalid status '{unknown[0]}': use open or closed",
            "status",
        )
    statuses: list[str] | None = None
    if len(wanted) == 1:
        statuses = sorted(s.value for s in (OPEN if wanted[0] == "open" else CLOSED))
    start, end = _aware(start_date), _aware(end_date)
    if start is not None and end is not None:
        if end < start:
            raise bad_request(
                "open311.invalid_range",
                "end_date ต้องไม่อยู่ก่อน start_date",
                "end_date is before start_date",
                "end_date",
            )
        if end - start > MAX_WINDOW:
            raise bad_request(
                "open311.range_too_long",
                "ช่วงวันที่ค้นหาต้องไม่เกิน 90 วัน",
                "start_date to end_date may span at most 90 days",
                "end_date",
            )
    elif start is not None:
        end = start + MAX_WINDOW
    elif end is not None:
        start = end - MAX_WINDOW
    else:
        start = dt.datetime.now(dt.UTC) - MAX_WINDOW
    return RequestQuery(service_codes=_split(service_code) or None, start=start, end=end, statuses=statuses)


async def _by_ticket(ctx: Ctx, ticket_nos: Iterable[str]) -> list[ComplaintSummary]:
    found: list[ComplaintSummary] = []
    for ticket_no in ticket_nos:
        page = await complaints.list_complaints(ctx, complaints.ListQuery(ticket_no=ticket_no, limit=1))
        found.extend(page.items)
    return found


async def _in_window(
    ctx: Ctx, query: RequestQuery, category: str | None, start: dt.datetime, end: dt.datetime | None
) -> list[ComplaintSummary]:
    # The complaint list filters by Bangkok calendar day; the GeoReport window is to the second,
    # so whole days are listed (newest first) and the edges trimmed here.
    listing = complaints.ListQuery(
        status=query.statuses,
        category=category,
        received_from=start.astimezone(BANGKOK).date(),
        received_to=end.astimezone(BANGKOK).date() if end else None,
        limit=MAX_REQUESTS,
    )
    found: list[ComplaintSummary] = []
    while True:
        page = await complaints.list_complaints(ctx, listing)
        for item in page.items:
            if item.received_at < start:
                return found
            if end is None or item.received_at <= end:
                found.append(item)
                if len(found) >= MAX_REQUESTS:
                    return found
        if page.next_cursor is None:
            return found
        listing = dataclasses.replace(listing, cursor=page.next_cursor)


async def find(ctx: Ctx, query: RequestQuery, locale: Locale) -> list[ServiceRequestOut]:
    ctx.access.require_read_complaints()
    if query.ticket_nos:
        return await _requests(ctx, await _by_ticket(ctx, query.ticket_nos), locale)
    assert query.start is not None
    categories: Sequence[str | None] = query.service_codes or [None]
    for code in query.service_codes or ():
        await _active_category(ctx, code)
    found: list[ComplaintSummary] = []
    for category in categories:
        found.extend(await _in_window(ctx, query, category, query.start, query.end))
    found.sort(key=lambda s: (s.received_at, s.id), reverse=True)
    return await _requests(ctx, found[:MAX_REQUESTS], locale)


async def one(ctx: Ctx, ticket_no: str, locale: Locale) -> ServiceRequestOut:
    ctx.access.require_read_complaints()
    found = await _by_ticket(ctx, [ticket_no])
    if not found:
        raise not_found_complaint()
    return (await _requests(ctx, found, locale))[0]


@dataclass(frozen=True)
class _Details:
    description: str
    lat: float | None
    long: float | None
    duplicate_of: str | None


async def _details(session: AsyncSession, ids: Sequence[uuid.UUID]) -> dict[uuid.UUID, _Details]:
    """What a summary leaves out. The ids come from the complaint list, which already applied
    the caller's visibility."""
    if not ids:
        return {}
    rows = (
        await session.execute(
            select(Complaint.id, Complaint.description, Complaint.lat, Complaint.long, Complaint.duplicate_of_id).where(
                Complaint.id == func.any(uuid_array("ids", ids))
            )
        )
    ).all()
    targets = [r.duplicate_of_id for r in rows if r.duplicate_of_id is not None]
    tickets: dict[uuid.UUID, str] = {}
    if targets:
        stmt = select(Complaint.id, Complaint.ticket_no).where(Complaint.id == func.any(uuid_array("targets", targets)))
        tickets = {r.id: r.ticket_no for r in (await session.execute(stmt)).all()}
    return {
        r.id: _Details(
            r.description,
            r.lat,
            r.long,
            tickets.get(r.duplicate_of_id) if r.duplicate_of_id is not None else None,
        )
        for r in rows
    }


async def _results(session: AsyncSession, ids: Sequence[uuid.UUID]) -> dict[uuid.UUID, list[str]]:
    """The answers given to the complainant (``completed`` events) since the last reopening."""
    if not ids:
        return {}
    stmt = (
        select(Event.complaint_id, Event.type, Event.payload)
        .where(
            Event.complaint_id == func.any(uuid_array("ids", ids)),
            Event.type.in_((EventType.COMPLETED.value, EventType.REOPENED.value)),
        )
        .order_by(Event.recorded_at, Event.id)
    )
    results: dict[uuid.UUID, list[str]] = {}
    for complaint_id, event_type, payload in (await session.execute(stmt)).all():
        if event_type == EventType.REOPENED.value:
            results[complaint_id] = []
        elif (result := (payload or {}).get("result")) and result not in results.setdefault(complaint_id, []):
            results[complaint_id].append(str(result))
    return results


def media_url_of(description: str) -> str | None:
    found = _MEDIA_LINE.findall(description)
    return str(found[-1]) if found else None


def _iso(value: dt.datetime) -> str:
    return value.astimezone(BANGKOK).isoformat(timespec="seconds")


def _status_notes(status: Status, details: _Details | None, results: list[str], locale: Locale) -> str:
    th, en = _STATUS_NOTES[status]
    notes = en if locale is Locale.EN else th
    if status is Status.DUPLICATE and details is not None and details.duplicate_of:
        notes += f": {details.duplicate_of}"
    elif results:
        notes += ": " + " / ".join(results)
    return notes


def _agency_names(ctx: Ctx, summary: ComplaintSummary, locale: Locale) -> str | None:
    # Not yet forwarded: the receiving agency holds it.
    codes = summary.agencies or [summary.receiving_agency]
    names = [
        _name(agency.name_th, agency.name_en, locale)
        for code in codes
        if (agency := ctx.ref.agencies_by_code.get(code)) is not None
    ]
    return ", ".join(names) or None


async def _requests(ctx: Ctx, summaries: Sequence[ComplaintSummary], locale: Locale) -> list[ServiceRequestOut]:
    details = await _details(ctx.session, [s.id for s in summaries])
    results = await _results(ctx.session, [s.id for s in summaries if s.status in _RESULT_STATUSES])
    out: list[ServiceRequestOut] = []
    for s in summaries:
        status = Status(s.status)
        detail = details.get(s.id)
        category = ctx.ref.categories.get(s.category)
        out.append(
            ServiceRequestOut(
                service_request_id=s.ticket_no,
                status="closed" if status in CLOSED else "open",
                status_notes=_status_notes(status, detail, results.get(s.id, []), locale),
                service_name=_name(category.name_th, category.name_en, locale) if category else None,
                service_code=s.category,
                description=detail.description if detail else None,
                agency_responsible=_agency_names(ctx, s, locale),
                requested_datetime=_iso(s.received_at),
                updated_datetime=_iso(s.updated_at),
                address=s.address,
                lat=detail.lat if detail else None,
                long=detail.long if detail else None,
                media_url=media_url_of(detail.description) if detail else None,
            )
        )
    return out
