"""Historical import (administrators): complaints from an older system with their whole history.

Each item is validated exactly as live input — the same schemas, the same state machine, the
events in time order — and either written whole or reported with the reason; the good items of a
batch are written together with COPY in one transaction.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import secrets
import uuid
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

import orjson
from pydantic import ValidationError
from sqlalchemy import or_, select

from intake.complaints.lifecycle import EventInput, EventType, Replay, TransitionRefused
from intake.complaints.models import Complaint
from intake.complaints.service import complainant_values
from intake.complaints.tickets import format_ticket
from intake.context import Ctx
from intake.db import SCHEMA
from intake.imports.schemas import ImportComplaint, ImportedItem, ImportEvent, ImportResult, ItemError
from intake.reference import AgencyRef, ReferenceData
from intake.text import normalize_text
from kit.db import UNIQUE_VIOLATION, driver_connection, sql_state
from kit.errors import AppError
from kit.ids import new_id
from kit.thai import fiscal_year_of

_FUTURE_SKEW = dt.timedelta(minutes=5)
_COMPLAINT_COLUMNS = (
    "id",
    "ticket_no",
    "receiving_agency_id",
    "channel_id",
    "category_id",
    "complainant_group_id",
    "title",
    "description",
    "address",
    "lat",
    "long",
    "search_text",
    "title_key",
    "triage",
    "status",
    "occurred_at",
    "received_at",
    "updated_at",
    "agency_ids",
    "created_by",
    "imported",
    "external_id",
    "duplicate_of_id",
    "public_token",
)
_EVENT_COLUMNS = (
    "id",
    "complaint_id",
    "type",
    "recorded_at",
    "occurred_at",
    "actor",
    "agency_id",
    "text",
    "payload",
    "imported",
)
_ASSIGNMENT_COLUMNS = (
    "id",
    "complaint_id",
    "agency_id",
    "status",
    "forwarded_at",
    "acknowledged_at",
    "completed_at",
    "ended_at",
)
_COMPLAINANT_COLUMNS = ("complaint_id", "anonymous", "name", "phone", "phone_digits", "email", "name_search")
_PAYLOAD_FIELDS = ("result", "letter_no", "order_no", "coordination", "notified_via", "evidence_kind")


class ItemRefused(Exception):
    def __init__(self, code: str, message_th: str, message_en: str, fields: dict[str, str] | None = None) -> None:
        super().__init__(code)
        self.error = (code, message_th, message_en, fields or {})


@dataclass
class Prepared:
    index: int
    item: ImportComplaint
    receiving: AgencyRef
    complaint_id: uuid.UUID
    complaint: dict[str, Any]
    events: list[tuple[Any, ...]]
    assignments: list[tuple[Any, ...]]
    complainant: tuple[Any, ...] | None
    fiscal_year: int
    ticket_no: str | None = None
    # The last duplicate_of event still in force: (its row, its field path, the ticket or id it names).
    duplicate: tuple[int, str, str] | None = None


@dataclass
class Batch:
    prepared: list[Prepared] = field(default_factory=list)
    errors: list[ItemError] = field(default_factory=list)

    def refuse(self, index: int, external_id: str | None, code: str, th: str, en: str, fields: dict[str, str]) -> None:
        self.errors.append(
            ItemError(index=index, external_id=external_id, code=code, message_th=th, message_en=en, fields=fields)
        )


def _agency(ref: ReferenceData, code: str, field_name: str) -> AgencyRef:
    found = ref.agencies_by_code.get(code)
    if found is None:
        raise ItemRefused(
            "reference.unknown_code",
            f"ไม่พบหน่วยงานรหัส '{code}'",
            f"Unknown agency code '{code}'",
            {field_name: "unknown agency code"},
        )
    return found


def _entry(table: dict[str, Any], code: str, field_name: str, what: str) -> Any:
    found = table.get(code)
    if found is None:
        raise ItemRefused(
            "reference.unknown_code",
            f"ไม่พบรหัส '{code}'",
            f"Unknown {what} code '{code}'",
            {field_name: f"unknown {what} code"},
        )
    return found


def _prepare(ctx: Ctx, index: int, item: ImportComplaint, now: dt.datetime) -> Prepared:
    ref = ctx.ref
    if item.receiving_agency:
        receiving: AgencyRef | None = _agency(ref, item.receiving_agency, "receiving_agency")
    else:
        own = ctx.principal.agency_id
        receiving = ref.agencies.get(own) if own else None
    if receiving is None:
        raise ItemRefused("complaint.no_receiving_agency", "ไม่พบหน่วยงานรับเรื่อง", "No receiving agency")
    channel = _entry(ref.channels, item.channel, "channel", "channel")
    category = _entry(ref.categories, item.category, "category", "category")
    group = (
        _entry(ref.groups, item.complainant.group, "complainant.group", "complainant group")
        if item.complainant and item.complainant.group
        else None
    )
    for name in ("received_at", "occurred_at"):
        moment = getattr(item, name)
        if moment is not None and moment > now + _FUTURE_SKEW:
            raise ItemRefused("import.in_future", "เวลาอยู่ในอนาคต", f"{name} is in the future", {name: "in the future"})
    complaint_id = new_id()
    replay: Replay[uuid.UUID] = Replay(item.triage)
    replay.received(item.received_at)
    events = list(item.events)
    if events and events[0].type is EventType.RECEIVED:
        if events[0].at != item.received_at:
            raise ItemRefused(
                "import.received_mismatch",
                "เวลาของเหตุการณ์รับเรื่องต้องตรงกับ received_at",
                "The 'received' event must be at received_at",
                {"events.0.at": "differs from received_at"},
            )
        events = events[1:]
    actor = ctx.principal.actor_ref
    rows: list[tuple[Any, ...]] = [
        (new_id(), complaint_id, "received", item.received_at, item.occurred_at, actor, receiving.id, None, "{}", True)
    ]
    offset = len(item.events) - len(events)
    latest = now + _FUTURE_SKEW
    duplicate: tuple[int, str, str] | None = None
    for i, event in enumerate(events):
        if event.at > latest:
            raise ItemRefused(
                "import.in_future",
                "เวลาของเหตุการณ์อยู่ในอนาคต",
                "An event is in the future",
                {f"events.{i + offset}.at": "in the future"},
            )
        agency = _agency(ref, event.agency, f"events.{i + offset}.agency").id if event.agency else None
        source = _agency(ref, event.from_agency, f"events.{i + offset}.from_agency").id if event.from_agency else None
        try:
            applied = replay.apply(EventInput(event.type, event.at, agency, source))
        except TransitionRefused as exc:
            rule = exc.rule
            position = f"events.{i + offset}"
            raise ItemRefused(
                rule.code, rule.message_th, f"{position} ({event.type.value}): {rule.message_en}", {position: rule.code}
            ) from exc
        payload = _payload(event)
        if applied.source is not None:
            payload["from_agency"] = ref.agency_code(applied.source)
        if event.type is EventType.DUPLICATE_OF:
            duplicate = (len(rows), f"events.{i + offset}", event.duplicate_of or "")
        elif event.type is EventType.REOPENED:
            duplicate = None  # a reopened complaint is no longer merged into the other one
        rows.append(
            (
                new_id(),
                complaint_id,
                event.type.value,
                event.at,
                None,
                actor,
                applied.agency,
                event.text or None,
                orjson.dumps(payload).decode() if payload else "{}",
                True,
            )
        )
    state = replay.state
    assert state is not None
    assignments = [
        (
            new_id(),
            complaint_id,
            a.agency,
            a.status.value,
            a.forwarded_at,
            a.acknowledged_at,
            a.completed_at,
            a.ended_at,
        )
        for a in state.assignments
    ]
    agency_ids = [receiving.id] + [a.agency for a in state.assignments if a.agency != receiving.id]
    location = item.location
    address = location.address if location and location.address else None
    complaint = {
        "id": complaint_id,
        "receiving_agency_id": receiving.id,
        "channel_id": channel.id,
        "category_id": category.id,
        "complainant_group_id": group.id if group else None,
        "title": item.title,
        "description": item.description,
        "address": address,
        "lat": location.lat if location else None,
        "long": location.long if location else None,
        "triage": item.triage.value,
        "status": state.status.value,
        "occurred_at": item.occurred_at,
        "received_at": item.received_at,
        "updated_at": state.last_event_at or item.received_at,
        "agency_ids": list(dict.fromkeys(agency_ids)),
        "created_by": actor,
        "imported": True,
        "external_id": item.external_id,
        "duplicate_of_id": None,
        "public_token": secrets.token_urlsafe(24),
    }
    complainant = None
    if item.complainant is not None:
        values = complainant_values(complaint_id, item.complainant)
        complainant = tuple(values[c] for c in _COMPLAINANT_COLUMNS)
    return Prepared(
        index,
        item,
        receiving,
        complaint_id,
        complaint,
        rows,
        assignments,
        complainant,
        fiscal_year_of(item.received_at),
        item.ticket_no,
        duplicate,
    )


def _payload(event: ImportEvent) -> dict[str, Any]:
    return {name: value for name in _PAYLOAD_FIELDS if (value := getattr(event, name))}


def _validation_fields(exc: ValidationError) -> dict[str, str]:
    return {".".join(str(p) for p in err["loc"]) or "item": err["msg"] for err in exc.errors()}


async def import_batch(ctx: Ctx, raw_items: list[dict[str, Any]]) -> ImportResult:
    ctx.access.require_admin()
    # Codes are looked up item by item below; a batch is worth one fresh read of the organisation
    # (another process may have added a category a moment ago).
    await ctx.refreshed()
    # Both settings end with this transaction. The batch's lookups run once each, against tables the
    # import itself is growing fast: plan them for the table as it is now, not with a plan cached
    # while it was small. Merging the text index's pending entries (when a batch overflows them) is
    # far cheaper with room to sort them in memory.
    await (await driver_connection(ctx.session)).execute(
        "SET LOCAL plan_cache_mode = force_custom_plan; SET LOCAL work_mem = '64MB'"
    )
    now = dt.datetime.now(dt.UTC)
    batch = Batch()
    seen_external: set[str] = set()
    seen_tickets: set[str] = set()
    for index, raw in enumerate(raw_items):
        external_id = raw.get("external_id") if isinstance(raw, dict) else None
        external_id = external_id if isinstance(external_id, str) else None
        try:
            item = ImportComplaint.model_validate(raw)
        except ValidationError as exc:
            fields = _validation_fields(exc)
            first = next(iter(fields))
            batch.refuse(
                index,
                external_id,
                "request.invalid",
                f"ข้อมูลไม่ถูกต้อง: {first}",
                f"Invalid item: {first}: {fields[first]}",
                fields,
            )
            continue
        if item.external_id in seen_external or (item.ticket_no and item.ticket_no in seen_tickets):
            batch.refuse(
                index,
                item.external_id,
                "import.duplicate_in_batch",
                "รายการซ้ำในชุดเดียวกัน",
                "The same external_id or ticket_no appears earlier in this batch",
                {"external_id": "repeated"},
            )
            continue
        try:
            prepared = _prepare(ctx, index, item, now)
        except ItemRefused as exc:
            code, th, en, fields = exc.error
            batch.refuse(index, item.external_id, code, th, en, fields)
            continue
        seen_external.add(item.external_id)
        if item.ticket_no:
            seen_tickets.add(item.ticket_no)
        batch.prepared.append(prepared)
    await _drop_existing(ctx, batch)
    await _number(ctx, batch.prepared)
    await _link_duplicates(ctx, batch)
    await _write(ctx, batch.prepared)
    if batch.prepared:
        ctx.events_added()
    batch.errors.sort(key=lambda e: e.index)
    return ImportResult(
        imported=len(batch.prepared),
        errors=batch.errors,
        items=[ImportedItem(index=p.index, id=p.complaint_id, ticket_no=p.ticket_no or "") for p in batch.prepared],
    )


async def _drop_existing(ctx: Ctx, batch: Batch) -> None:
    """Refuse items already imported (same external_id) or whose ticket number is taken."""
    if not batch.prepared:
        return
    externals = [p.item.external_id for p in batch.prepared]
    tickets = [p.ticket_no for p in batch.prepared if p.ticket_no]
    taken_external = set(
        (await ctx.session.execute(select(Complaint.external_id).where(Complaint.external_id.in_(externals)))).scalars()
    )
    taken_tickets = (
        set((await ctx.session.execute(select(Complaint.ticket_no).where(Complaint.ticket_no.in_(tickets)))).scalars())
        if tickets
        else set()
    )
    kept = []
    for p in batch.prepared:
        if p.item.external_id in taken_external:
            batch.refuse(
                p.index,
                p.item.external_id,
                "import.already_imported",
                "นำเข้ารายการนี้แล้ว",
                "A complaint with this external_id was already imported",
                {"external_id": "already imported"},
            )
        elif p.ticket_no and p.ticket_no in taken_tickets:
            batch.refuse(
                p.index,
                p.item.external_id,
                "import.ticket_taken",
                "เลขที่รับแจ้งนี้มีอยู่แล้ว",
                "This ticket number is already used",
                {"ticket_no": "already used"},
            )
        else:
            kept.append(p)
    batch.prepared = kept


async def _link_duplicates(ctx: Ctx, batch: Batch) -> None:
    """A duplicate_of event names the complaint it merges into — by ticket number, id or external id,
    already stored or earlier in this batch — and links to it as a live event does."""
    pending = [p for p in batch.prepared if p.duplicate is not None]
    if not pending:
        return
    known: dict[str, tuple[uuid.UUID, str]] = {}
    for p in batch.prepared:
        assert p.ticket_no is not None
        known[p.ticket_no] = known[p.item.external_id] = known[str(p.complaint_id)] = (p.complaint_id, p.ticket_no)
    wanted = sorted({p.duplicate[2] for p in pending if p.duplicate} - known.keys())
    if wanted:
        ids = []
        for reference in wanted:
            with contextlib.suppress(ValueError):
                ids.append(uuid.UUID(reference))
        stmt = select(Complaint.id, Complaint.ticket_no, Complaint.external_id).where(
            or_(Complaint.ticket_no.in_(wanted), Complaint.external_id.in_(wanted), Complaint.id.in_(ids))
        )
        for complaint_id, ticket_no, external_id in (await ctx.session.execute(stmt)).all():
            for key in (ticket_no, external_id, str(complaint_id)):
                if key:
                    known[key] = (complaint_id, ticket_no)
    kept = []
    for p in batch.prepared:
        if p.duplicate is None:
            kept.append(p)
            continue
        row, position, reference = p.duplicate
        target = known.get(reference)
        if target is None or target[0] == p.complaint_id:
            batch.refuse(
                p.index,
                p.item.external_id,
                "complaint.duplicate_target_not_found",
                "ไม่พบเรื่องที่ระบุว่าซ้ำ",
                f"{position}: the complaint named in duplicate_of was not found",
                {f"{position}.duplicate_of": "not found"},
            )
            continue
        event = list(p.events[row])
        payload = orjson.loads(event[8])
        payload["duplicate_of"] = {"id": str(target[0]), "ticket_no": target[1]}
        event[8] = orjson.dumps(payload).decode()
        p.events[row] = tuple(event)
        p.complaint["duplicate_of_id"] = target[0]
        kept.append(p)
    batch.prepared = kept


async def _number(ctx: Ctx, prepared: list[Prepared]) -> None:
    groups: dict[tuple[uuid.UUID, int], list[Prepared]] = defaultdict(list)
    for p in prepared:
        if p.ticket_no is None:
            groups[(p.receiving.id, p.fiscal_year)].append(p)
    for (agency_id, fiscal_year), members in groups.items():
        numbers = await ctx.state.tickets.take(ctx.session, agency_id, fiscal_year, len(members))
        for p, n in zip(members, numbers, strict=True):
            p.ticket_no = format_ticket(p.receiving.code, fiscal_year, n)


async def _write(ctx: Ctx, prepared: list[Prepared]) -> None:
    if not prepared:
        return
    complaints = []
    for p in prepared:
        values = dict(p.complaint, ticket_no=p.ticket_no)
        address = values["address"] or ""
        values["title_key"] = normalize_text(p.item.title)
        values["search_text"] = normalize_text(" ".join((p.ticket_no or "", p.item.title, p.item.description, address)))
        complaints.append(tuple(values[c] for c in _COMPLAINT_COLUMNS))
    raw = await driver_connection(ctx.session)
    try:
        await raw.copy_records_to_table(
            "complaints", schema_name=SCHEMA, columns=_COMPLAINT_COLUMNS, records=complaints
        )
        await raw.copy_records_to_table(
            "complainants",
            schema_name=SCHEMA,
            columns=_COMPLAINANT_COLUMNS,
            records=[p.complainant for p in prepared if p.complainant is not None],
        )
        await raw.copy_records_to_table(
            "assignments",
            schema_name=SCHEMA,
            columns=_ASSIGNMENT_COLUMNS,
            records=[a for p in prepared for a in p.assignments],
        )
        await raw.copy_records_to_table(
            "events", schema_name=SCHEMA, columns=_EVENT_COLUMNS, records=[e for p in prepared for e in p.events]
        )
    except Exception as exc:
        if sql_state(exc) == UNIQUE_VIOLATION:  # a concurrent batch imported the same items just now
            raise AppError(
                409,
                "import.conflict",
                "มีการนำเข้ารายการเดียวกันพร้อมกัน กรุณาส่งชุดนี้ใหม่",
                "Another batch imported some of these items at the same time; send this batch again",
            ) from exc
        raise
