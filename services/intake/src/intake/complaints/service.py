"""Creating, reading, finding complaints (SPEC §3, §7, §8)."""

from __future__ import annotations

import datetime as dt
import re
import secrets
import uuid
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from pythainlp.tokenize import word_tokenize
from sqlalchemy import select

from intake.access import not_found_complaint
from intake.attachments.models import Attachment
from intake.audit import service as audit
from intake.complaints import repository as repo
from intake.complaints.lifecycle import ComplaintState, EventType, Status, recordable, recordable_when_created
from intake.complaints.models import Complainant, Complaint, Event
from intake.complaints.schemas import (
    AssignmentOut,
    AttachmentOut,
    ComplainantIn,
    ComplainantOut,
    ComplaintCreate,
    ComplaintOut,
    ComplaintPage,
    ComplaintSummary,
    DuplicateCandidate,
    EventOut,
    LocationOut,
)
from intake.complaints.tickets import ticket_prefix
from intake.context import Ctx
from intake.text import normalize_text, phone_digits
from kit.errors import AppError
from kit.ids import new_id
from kit.pagination import decode_cursor, encode_cursor
from kit.thai import BANGKOK, fiscal_year_of

_MAX_FUTURE_SKEW = dt.timedelta(minutes=5)
_THAI = re.compile("[\u0e00-\u0e7f]")


def utcnow() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


# ---- rendering ----------------------------------------------------------------------------------


def summary(ctx: Ctx, c: Complaint, in_force: Sequence[uuid.UUID]) -> ComplaintSummary:
    return ComplaintSummary(
        id=c.id,
        ticket_no=c.ticket_no,
        status=c.status,
        triage=c.triage,
        title=c.title,
        category=ctx.ref.entry_code(c.category_id) or "",
        channel=ctx.ref.entry_code(c.channel_id) or "",
        receiving_agency=ctx.agency_code(c.receiving_agency_id) or "",
        agencies=[code for a in in_force if (code := ctx.agency_code(a))],
        address=c.address,
        received_at=c.received_at,
        updated_at=c.updated_at,
        imported=c.imported,
    )


def event_out(ctx: Ctx, e: Event, seq: int | None) -> EventOut:
    return EventOut(
        id=e.id,
        seq=seq,
        type=EventType(e.type),
        recorded_at=e.recorded_at,
        occurred_at=e.occurred_at,
        agency=ctx.agency_code(e.agency_id),
        text=e.text,
        payload=e.payload or {},
        actor=e.actor,
        imported=e.imported,
    )


def public_url(ctx: Ctx, token: str) -> str:
    return f"{ctx.settings.public_base_url.rstrip('/')}/p/{token}"


def attachment_out(a: Attachment) -> AttachmentOut:
    return AttachmentOut(
        id=a.id,
        kind=a.kind,
        filename=a.filename,
        content_type=a.content_type,
        size_bytes=a.size_bytes,
        sha256=a.sha256,
        uploaded_by=a.uploaded_by,
        created_at=a.created_at,
        download_url=f"/v1/attachments/{a.id}",
    )


def _complainant_out(ctx: Ctx, row: Complainant | None, *, with_contact: bool) -> ComplainantOut:
    if row is None:
        return ComplainantOut(anonymous=False)
    has_contact = bool(row.name or row.phone or row.email)
    if with_contact or not has_contact:
        return ComplainantOut(anonymous=row.anonymous, name=row.name, phone=row.phone, email=row.email)
    return ComplainantOut(anonymous=row.anonymous, redacted=True)


def _group_code(ctx: Ctx, c: Complaint) -> str | None:
    return ctx.ref.entry_code(c.complainant_group_id)


# Stands for "an agency the complaint is not with" when asking whether it may be forwarded or transferred.
_ELSEWHERE = uuid.UUID(int=0)


def allowed_events(ctx: Ctx, state: ComplaintState[uuid.UUID], at: dt.datetime) -> list[EventType]:
    """The event types the caller may record on a complaint in ``state`` at ``at``: each one the
    state machine accepts, for an agency the caller may act for (SPEC §3, §8)."""
    return _permitted(ctx, ((type_, applied.agency) for type_, applied in recordable(state, at, _ELSEWHERE)))


def _permitted(ctx: Ctx, found: Iterable[tuple[EventType, uuid.UUID | None]]) -> list[EventType]:
    allowed = {type_ for type_, agency in found if ctx.access.may_record(type_, agency)}
    return [t for t in EventType if t in allowed]


# ---- create -------------------------------------------------------------------------------------


async def create(ctx: Ctx, payload: ComplaintCreate) -> ComplaintOut:
    """Log a complaint with one statement (see Ctx.single_statement)."""
    ctx.access.require_create_complaints()
    if ctx.principal.agency_id is None:
        raise AppError(422, "complaint.no_receiving_agency", "ผู้บันทึกต้องสังกัดหน่วยงาน", "The caller belongs to no agency")
    channel = await ctx.entry("channel", payload.channel, "channel")
    category = await ctx.entry("category", payload.category, "category")
    group = None
    if payload.complainant and payload.complainant.group:
        group = await ctx.entry("group", payload.complainant.group, "complainant.group")
    forward_to = await ctx.agency(payload.agency, "agency") if payload.agency else None
    receiving = ctx.ref.agencies.get(ctx.principal.agency_id) or (await ctx.refreshed()).agencies.get(
        ctx.principal.agency_id
    )
    if receiving is None:
        raise AppError(
            422, "complaint.no_receiving_agency", "ไม่พบหน่วยงานของผู้บันทึก", "The caller's agency does not exist"
        )
    now = utcnow()
    if payload.occurred_at is not None and payload.occurred_at > now + _MAX_FUTURE_SKEW:
        raise AppError(
            422,
            "complaint.occurred_in_future",
            "วันที่ได้รับเรื่องต้องไม่อยู่ในอนาคต",
            "occurred_at cannot be in the future",
            fields={"occurred_at": "in the future"},
        )
    location = payload.location
    lat = location.lat if location else None
    long = location.long if location else None
    address = location.address if location and location.address else None

    fiscal_year = fiscal_year_of(now)
    title_key = normalize_text(payload.title)
    complaint_id = new_id()
    agency_ids = [receiving.id] + ([forward_to.id] if forward_to and forward_to.id != receiving.id else [])
    token = secrets.token_urlsafe(24)
    status = Status.FORWARDED if forward_to else Status.RECEIVED
    new = repo.NewComplaint(
        id=complaint_id,
        ticket_prefix=ticket_prefix(receiving.code, fiscal_year),
        ticket_sequence=await ctx.state.tickets.sequence(receiving.id, fiscal_year),
        receiving_agency_id=receiving.id,
        channel_id=channel.id,
        category_id=category.id,
        complainant_group_id=group.id if group else None,
        title=payload.title,
        description=payload.description,
        address=address,
        lat=lat,
        long=long,
        search_text=normalize_text(" ".join((payload.title, payload.description, address or ""))),
        title_key=title_key,
        triage=payload.triage.value,
        status=status.value,
        occurred_at=payload.occurred_at,
        received_at=now,
        agency_ids=agency_ids,
        actor=ctx.principal.actor_ref,
        public_token=token,
        complainant=complainant_values(complaint_id, payload.complainant) if payload.complainant else None,
        forwarded_to=forward_to.id if forward_to else None,
    )
    async with ctx.single_statement() as connection:
        ticket_no, duplicates = await repo.create_complaint(
            connection, new, _duplicate_query(ctx, category.id, title_key, lat, long)
        )
    ctx.events_added()
    return ComplaintOut(
        id=complaint_id,
        ticket_no=ticket_no,
        status=status.value,
        triage=payload.triage.value,
        title=payload.title,
        description=payload.description,
        category=category.code,
        channel=channel.code,
        receiving_agency=receiving.code,
        agencies=[forward_to.code] if forward_to else [],
        address=address,
        received_at=now,
        updated_at=now,
        complainant_group=group.code if group else None,
        # Contact data is not echoed back (it is shown, audit-logged, by GET to roles that may see it).
        complainant=ComplainantOut(
            anonymous=bool(payload.complainant and payload.complainant.anonymous),
            redacted=bool(
                payload.complainant
                and (payload.complainant.name or payload.complainant.phone or payload.complainant.email)
            ),
        ),
        location=LocationOut(address=address, lat=lat, long=long),
        occurred_at=payload.occurred_at,
        assignments=[
            AssignmentOut(
                agency=forward_to.code, agency_name_th=forward_to.name_th, status="forwarded", forwarded_at=now
            )
        ]
        if forward_to
        else [],
        public_url=public_url(ctx, token),
        duplicates=_candidates(duplicates),
        allowed_events=_permitted(
            ctx, recordable_when_created(payload.triage, forward_to.id if forward_to else None, _ELSEWHERE)
        ),
    )


def complainant_values(complaint_id: uuid.UUID, c: ComplainantIn) -> dict[str, object]:
    return {
        "complaint_id": complaint_id,
        "anonymous": c.anonymous,
        "name": c.name or None,
        "phone": c.phone or None,
        "phone_digits": phone_digits(c.phone) if c.phone else None,
        "email": c.email or None,
        "name_search": normalize_text(c.name) if c.name else None,
    }


def _duplicate_query(
    ctx: Ctx, category_id: uuid.UUID, title_key: str, lat: float | None, long: float | None
) -> repo.DuplicateQuery:
    settings = ctx.settings
    return repo.DuplicateQuery(
        category_id=category_id,
        title_key=title_key,
        lat=lat,
        long=long,
        since=utcnow() - dt.timedelta(days=settings.duplicate_window_days),
        radius_m=settings.duplicate_radius_m,
        # Titles of two or three letters match everything: ask for more than a trigram in common.
        min_similarity=settings.duplicate_min_similarity if len(title_key) >= 3 else 1.0,
        visible=ctx.access.visible_agencies(),
    )


def _candidates(rows: list[repo.DuplicateRow]) -> list[DuplicateCandidate]:
    return [
        DuplicateCandidate(
            id=r.id,
            ticket_no=r.ticket_no,
            title=r.title,
            status=r.status,
            received_at=r.received_at,
            similarity=round(r.similarity, 3),
            distance_m=None if r.distance_m is None else round(r.distance_m, 1),
        )
        for r in rows
    ]


async def likely_duplicates(
    ctx: Ctx, category_code: str, text: str, lat: float | None, long: float | None
) -> list[DuplicateCandidate]:
    ctx.access.require_read_complaints()
    category = await ctx.entry("category", category_code, "category")
    query = _duplicate_query(ctx, category.id, normalize_text(text), lat, long)
    return _candidates(await repo.find_duplicates(ctx.session, query))


# ---- read ---------------------------------------------------------------------------------------


async def load_visible(ctx: Ctx, complaint_id: uuid.UUID, *, lock: bool = False) -> Complaint:
    ctx.access.require_read_complaints()
    complaint = await repo.get_complaint(ctx.session, complaint_id, lock=lock)
    if complaint is None:
        raise not_found_complaint()
    if not ctx.access.can_see(complaint.agency_ids) and any(a not in ctx.ref.agencies for a in complaint.agency_ids):
        await ctx.refreshed()  # an agency created elsewhere a moment ago: the subtrees have grown
    ctx.access.require_visible(complaint.agency_ids)
    return complaint


async def get(ctx: Ctx, complaint_id: uuid.UUID) -> ComplaintOut:
    c = await load_visible(ctx, complaint_id)
    assignments = await repo.assignments_of(ctx.session, c.id)
    complainant = await repo.get_complainant(ctx.session, c.id)
    with_contact = ctx.access.reads_contact
    if with_contact and complainant is not None and (complainant.name or complainant.phone or complainant.email):
        # SPEC §8: every read of contact data is audit-logged (the act, never the data).
        await audit.record(ctx.session, ctx.principal.actor_ref, "complainant.read", "complaint", str(c.id))
    events = await repo.events_of(ctx.session, c.id)
    attachments = (
        await ctx.session.execute(
            select(Attachment).where(Attachment.complaint_id == c.id).order_by(Attachment.created_at)
        )
    ).scalars()
    in_force = [a.agency_id for a in assignments if a.status != "transferred"]
    duplicate_of = None
    if c.duplicate_of_id is not None:
        target = await repo.get_complaint(ctx.session, c.duplicate_of_id)
        duplicate_of = target.ticket_no if target else None
    base = summary(ctx, c, in_force)
    return ComplaintOut(
        **base.model_dump(),
        description=c.description,
        complainant_group=_group_code(ctx, c),
        complainant=_complainant_out(ctx, complainant, with_contact=with_contact),
        location=LocationOut(address=c.address, lat=c.lat, long=c.long),
        occurred_at=c.occurred_at,
        duplicate_of=duplicate_of,
        assignments=[
            AssignmentOut(
                agency=ctx.agency_code(a.agency_id) or "",
                agency_name_th=(ref.name_th if (ref := ctx.ref.agencies.get(a.agency_id)) else None),
                status=a.status,
                forwarded_at=a.forwarded_at,
                acknowledged_at=a.acknowledged_at,
                completed_at=a.completed_at,
                ended_at=a.ended_at,
            )
            for a in assignments
        ],
        public_url=public_url(ctx, c.public_token) if not ctx.principal.is_service else None,
        events=[event_out(ctx, e, seq) for e, seq in events],
        attachments=[attachment_out(a) for a in attachments],
        allowed_events=allowed_events(ctx, repo.state_of(c, assignments), max(utcnow(), c.updated_at)),
    )


@dataclass
class ListQuery:
    status: list[str] | None = None
    agency: str | None = None
    category: str | None = None
    channel: str | None = None
    received_from: dt.date | None = None
    received_to: dt.date | None = None
    q: str | None = None
    phone: str | None = None
    name: str | None = None
    ticket_no: str | None = None
    imported: bool | None = None
    cursor: str | None = None
    limit: int = 50


def search_terms(q: str) -> list[str]:
    """The substrings a complaint must all contain to match ``q``.

    Thai is written without spaces, so each chunk is cut into words (pythainlp); a word shorter
    than three characters cannot use the trigram index and matches too much on its own, so it
    stays attached to its neighbour ("ไฟดับ" stays whole; "ถนนชำรุด" becomes "ถนน" and "ชำรุด").
    """
    terms: list[str] = []
    for chunk in normalize_text(q).split(" "):
        if not chunk:
            continue
        if not _THAI.search(chunk):
            terms.append(chunk)
            continue
        words = [w for w in word_tokenize(chunk, engine="newmm", keep_whitespace=False) if w.strip()]
        merged: list[str] = []
        pending = ""
        for word in words:
            pending += word
            if len(pending) >= 3:
                merged.append(pending)
                pending = ""
        if pending:
            if merged:
                merged[-1] += pending
            else:
                merged.append(pending)
        terms.extend(merged)
    return terms


def _day_start(day: dt.date) -> dt.datetime:
    return dt.datetime.combine(day, dt.time.min, tzinfo=BANGKOK).astimezone(dt.UTC)


async def list_complaints(ctx: Ctx, query: ListQuery) -> ComplaintPage:
    ctx.access.require_read_complaints()
    filters = repo.ListFilters(statuses=query.status, imported=query.imported, ticket_no=query.ticket_no)
    if query.status:
        unknown = [s for s in query.status if s not in Status.__members__.values()]
        if unknown:
            raise AppError(
                422,
                "request.invalid",
                f"ไม่รู้จักสถานะ {unknown[0]}",
                f"Unknown status '{unknown[0]}'",
                fields={"status": "one of " + ", ".join(s.value for s in Status)},
            )
    if query.agency:
        agency = await ctx.agency(query.agency, "agency")
        filters.agency_subtree = ctx.ref.subtree(agency.id)
    if query.category:
        filters.category_id = (await ctx.entry("category", query.category, "category")).id
    if query.channel:
        filters.channel_id = (await ctx.entry("channel", query.channel, "channel")).id
    if query.received_from:
        filters.received_from = _day_start(query.received_from)
    if query.received_to:
        filters.received_before = _day_start(query.received_to + dt.timedelta(days=1))
    if query.q:
        filters.words = search_terms(query.q)
    if query.phone or query.name:
        if not ctx.access.reads_contact:
            raise AppError(
                403, "auth.forbidden", "คุณไม่มีสิทธิ์ค้นหาด้วยข้อมูลผู้ร้อง", "You may not search by the complainant's contact data"
            )
        filters.phone_digits = phone_digits(query.phone) if query.phone else None
        filters.name = normalize_text(query.name) if query.name else None
        # The search itself touches personal data: audit it (without the searched value).
        await audit.record(
            ctx.session,
            ctx.principal.actor_ref,
            "complainant.search",
            "complaint",
            None,
            {"by": "phone" if query.phone else "name"},
        )
    after = None
    if query.cursor:
        values = decode_cursor(query.cursor)
        try:
            after = (dt.datetime.fromisoformat(values[0]), uuid.UUID(values[1]))
        except (IndexError, ValueError, TypeError) as exc:
            raise AppError(422, "request.invalid_cursor", "ตัวชี้หน้าถัดไป (cursor) ไม่ถูกต้อง", "Invalid cursor") from exc
    stmt = repo.list_statement(filters, ctx.access.visible_agencies(), after, query.limit)
    rows: list[Complaint] = list((await ctx.session.execute(stmt)).scalars())
    more = len(rows) > query.limit
    rows = rows[: query.limit]
    in_force = await repo.agencies_in_force(ctx.session, [c.id for c in rows])
    items = [summary(ctx, c, in_force.get(c.id, [])) for c in rows]
    next_cursor = encode_cursor([rows[-1].received_at.isoformat(), str(rows[-1].id)]) if more and rows else None
    return ComplaintPage(items=items, next_cursor=next_cursor)
