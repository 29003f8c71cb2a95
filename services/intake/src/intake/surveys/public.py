"""The complainant's pages, reached through the unguessable link on the receipt; no login."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Path
from sqlalchemy.ext.asyncio import AsyncSession

from intake.complaints import repository as complaints
from intake.complaints.lifecycle import EventType
from intake.complaints.models import Complaint
from intake.complaints.schemas import PublicStatus
from intake.deps import PublicDep
from intake.surveys import service
from intake.surveys.presets import COMPLAINT_SURVEY
from intake.surveys.schemas import PublicResponseCreate, PublicSurvey
from kit.auth import PUBLIC
from kit.errors import ERROR_RESPONSES, AppError
from kit.runtime import TransactionalRoute

router = APIRouter(
    route_class=TransactionalRoute, prefix="/v1/public/complaints", tags=["public"], responses=ERROR_RESPONSES
)
Token = Annotated[str, Path(min_length=16, max_length=64)]

# What the complainant sees of each event: no internal notes, no names of officers.
_PUBLIC_STEPS = {
    EventType.RECEIVED: ("รับเรื่องแล้ว", "Received"),
    EventType.FORWARDED: ("ส่งเรื่องให้หน่วยงานที่รับผิดชอบ", "Forwarded to the responsible agency"),
    EventType.ACKNOWLEDGED: ("หน่วยงานรับเรื่องแล้ว", "Accepted by the agency"),
    EventType.PROGRESS_REPORTED: ("อยู่ระหว่างดำเนินการ", "In progress"),
    EventType.COMPLETED: ("ดำเนินการเสร็จสิ้น", "Completed"),
    EventType.CONCLUDED: ("ยุติเรื่อง", "Closed"),
    EventType.TRANSFERRED: ("โอนเรื่องให้หน่วยงานอื่น", "Transferred to another agency"),
    EventType.REJECTED: ("ไม่อยู่ในอำนาจหน้าที่", "Not within the agency's authority"),
    EventType.DUPLICATE_OF: ("เป็นเรื่องซ้ำกับเรื่องที่รับไว้แล้ว", "Merged with an earlier complaint"),
    EventType.REOPENED: ("เปิดเรื่องดำเนินการอีกครั้ง", "Reopened"),
}


def _not_found() -> AppError:
    return AppError(404, "public.not_found", "ไม่พบเรื่อง หรือลิงก์ไม่ถูกต้อง", "No complaint at this link")


async def _complaint(session: AsyncSession, token: str) -> Complaint:
    complaint = await complaints.get_by_token(session, token)
    if complaint is None:
        raise _not_found()
    return complaint


@router.get("/{token}", response_model=PublicStatus, summary="The complainant's status page", openapi_extra=PUBLIC)
async def status(token: Token, public: PublicDep) -> PublicStatus:
    session = public.session
    complaint = await _complaint(session, token)
    timeline = []
    result = None
    for event, _ in await complaints.events_of(session, complaint.id):
        step = _PUBLIC_STEPS.get(EventType(event.type))
        if step is None:
            continue
        timeline.append(
            {"type": event.type, "at": event.recorded_at.isoformat(), "label_th": step[0], "label_en": step[1]}
        )
        if event.type == EventType.COMPLETED:
            result = (event.payload or {}).get("result")
    category = (await public.state.reference.get(session)).by_id.get(complaint.category_id)
    return PublicStatus(
        ticket_no=complaint.ticket_no,
        title=complaint.title,
        status=complaint.status,
        category_th=category.name_th if category else "",
        received_at=complaint.received_at,
        timeline=timeline,
        result=result,
        survey_available=not await service.answered_by_link(session, complaint.id),
    )


@router.get(
    "/{token}/survey",
    response_model=PublicSurvey,
    summary="The satisfaction survey of this complaint",
    openapi_extra=PUBLIC,
)
async def survey(token: Token, public: PublicDep) -> PublicSurvey:
    session = public.session
    complaint = await _complaint(session, token)
    template = await service.template(session, COMPLAINT_SURVEY)
    return PublicSurvey(
        ticket_no=complaint.ticket_no,
        template=service.template_out(template),
        answered=await service.answered_by_link(session, complaint.id),
    )


@router.post(
    "/{token}/survey",
    status_code=201,
    summary="Answer the satisfaction survey (once per complaint)",
    openapi_extra=PUBLIC,
)
async def answer(token: Token, data: PublicResponseCreate, public: PublicDep) -> dict[str, str]:
    session = public.session
    complaint = await _complaint(session, token)
    reference = await public.state.reference.get(session)
    template = await service.template(session, COMPLAINT_SURVEY)
    group = reference.groups.get(data.respondent.group) if data.respondent.group else None
    if data.respondent.group and group is None:
        raise AppError(
            422,
            "reference.unknown_code",
            "ไม่พบกลุ่มผู้ร้องเรียนที่ระบุ",
            "Unknown complainant group",
            fields={"respondent.group": "unknown code"},
        )
    await service.record_public_response(session, complaint, template, data, group.id if group else None)
    return {"status": "recorded", "message_th": "ขอบคุณที่ตอบแบบสำรวจ", "message_en": "Thank you for answering"}
