from __future__ import annotations

import uuid

from fastapi import APIRouter, Request
from fastapi.responses import FileResponse

from intake.attachments import service
from intake.complaints.schemas import AttachmentOut
from intake.deps import CtxDep
from kit.errors import ERROR_RESPONSES
from kit.runtime import TransactionalRoute

router = APIRouter(route_class=TransactionalRoute, tags=["attachments"], responses=ERROR_RESPONSES)

_UPLOAD_DOC = {
    "requestBody": {
        "content": {
            "multipart/form-data": {
                "schema": {
                    "type": "object",
                    "required": ["file", "kind"],
                    "properties": {
                        "file": {"type": "string", "format": "binary"},
                        "kind": {"type": "string", "enum": ["before", "after", "other"]},
                        "note": {"type": "string"},
                    },
                }
            }
        },
        "required": True,
    }
}


@router.post(
    "/v1/complaints/{complaint_id}/attachments",
    status_code=201,
    response_model=AttachmentOut,
    summary="Attach a photo or document (before / after / other); records an evidence_attached event",
    openapi_extra=_UPLOAD_DOC,
)
async def upload_attachment(complaint_id: uuid.UUID, request: Request, ctx: CtxDep) -> AttachmentOut:
    return await service.upload(ctx, complaint_id, request)


@router.get("/v1/complaints/{complaint_id}/attachments", response_model=list[AttachmentOut])
async def list_attachments(complaint_id: uuid.UUID, ctx: CtxDep) -> list[AttachmentOut]:
    return await service.list_for(ctx, complaint_id)


@router.get("/v1/attachments/{attachment_id}", response_class=FileResponse, summary="Download an attachment")
async def download_attachment(attachment_id: uuid.UUID, ctx: CtxDep) -> FileResponse:
    attachment, path = await service.file_of(ctx, attachment_id)
    return FileResponse(
        path,
        media_type=attachment.content_type,
        filename=attachment.filename,
        content_disposition_type="inline" if attachment.content_type.startswith("image/") else "attachment",
        headers={"X-Content-Type-Options": "nosniff", "Cache-Control": "private, max-age=3600"},
    )
