from __future__ import annotations

import uuid
from pathlib import Path

from fastapi import Request
from sqlalchemy import insert, select

from intake.attachments.models import Attachment
from intake.attachments.upload import ALLOWED_TYPES, read_upload, too_large
from intake.complaints.lifecycle import EventType
from intake.complaints.recorder import apply_event
from intake.complaints.schemas import AttachmentOut, EventFields
from intake.complaints.service import attachment_out, load_visible
from intake.context import Ctx
from kit.errors import AppError
from kit.ids import new_id

_KINDS = ("before", "after", "other")
# Multipart framing around the file: a request this much over the limit cannot fit under it.
_FRAMING_ALLOWANCE = 64 * 1024


async def upload(ctx: Ctx, complaint_id: uuid.UUID, request: Request) -> AttachmentOut:
    ctx.access.require_upload()
    limit = ctx.settings.max_attachment_bytes
    declared = request.headers.get("content-length")
    if declared and declared.isdigit() and int(declared) > limit + _FRAMING_ALLOWANCE:
        raise too_large(limit)
    # Check the complaint before reading megabytes for nothing (the lock is taken again below).
    await load_visible(ctx, complaint_id)
    storage = ctx.state.storage
    scratch = storage.scratch_file()
    try:
        received = await read_upload(request.headers.get("content-type", ""), request.stream(), scratch, limit)
        kind = received.fields.get("kind", "").strip()
        if kind not in _KINDS:
            raise AppError(
                422,
                "request.invalid",
                "ต้องระบุชนิดไฟล์แนบ: before, after หรือ other",
                "kind must be before, after or other",
                fields={"kind": "before | after | other"},
            )
        if received.filename is None or received.size == 0:
            raise AppError(
                422,
                "attachment.missing_file",
                "ไม่พบไฟล์ในคำขอ (ช่อง file)",
                "No file in the request (field 'file')",
                fields={"file": "required"},
            )
        content_type = received.content_type
        if content_type not in ALLOWED_TYPES:
            raise AppError(
                415,
                "attachment.unsupported_type",
                "รับเฉพาะไฟล์ภาพ (JPEG, PNG, WebP, GIF, HEIC) หรือ PDF",
                "Only JPEG, PNG, WebP, GIF, HEIC images and PDF files are accepted",
                fields={"file": f"detected {content_type or 'unknown'} content"},
            )
        key = await storage.put(received.sha256, scratch)
    finally:
        scratch.unlink(missing_ok=True)
    note = received.fields.get("note", "").strip() or None
    attachment_id = new_id()
    accepted = await apply_event(
        ctx,
        complaint_id,
        EventFields(type=EventType.EVIDENCE_ATTACHED, evidence_kind=kind, text=note),
        payload_extra={"attachment_id": str(attachment_id), "filename": received.filename},
    )
    row = {
        "id": attachment_id,
        "complaint_id": complaint_id,
        "kind": kind,
        "filename": received.filename,
        "content_type": content_type,
        "size_bytes": received.size,
        "sha256": received.sha256,
        "storage_key": key,
        "uploaded_by": ctx.principal.actor_ref,
        "event_id": accepted.event.id,
    }
    await ctx.session.execute(insert(Attachment).values(**row))
    saved = (await ctx.session.execute(select(Attachment).where(Attachment.id == attachment_id))).scalar_one()
    return attachment_out(saved)


async def list_for(ctx: Ctx, complaint_id: uuid.UUID) -> list[AttachmentOut]:
    await load_visible(ctx, complaint_id)
    rows = await ctx.session.execute(
        select(Attachment).where(Attachment.complaint_id == complaint_id).order_by(Attachment.created_at)
    )
    return [attachment_out(a) for a in rows.scalars()]


async def file_of(ctx: Ctx, attachment_id: uuid.UUID) -> tuple[Attachment, Path]:
    attachment = await ctx.session.get(Attachment, attachment_id)
    if attachment is None:
        raise AppError(404, "attachment.not_found", "ไม่พบไฟล์แนบ", "Attachment not found")
    try:
        await load_visible(ctx, attachment.complaint_id)
    except AppError as exc:
        if exc.status == 404:
            raise AppError(404, "attachment.not_found", "ไม่พบไฟล์แนบ", "Attachment not found") from exc
        raise
    return attachment, ctx.state.storage.path(attachment.storage_key)
