"""Survey templates and responses (SPEC §5.5)."""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Any

from sqlalchemy import func, insert, select, tuple_
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession

from intake.audit import service as audit
from intake.complaints import repository as complaints
from intake.complaints.models import Complaint
from intake.context import Ctx
from intake.surveys.models import SurveyAnswer, SurveyResponse, SurveyTemplate
from intake.surveys.presets import PRESETS
from intake.surveys.schemas import (
    PublicResponseCreate,
    Respondent,
    ResponseCreate,
    ResponseOut,
    ResponsePage,
    TemplateCreate,
    TemplateDefinition,
    TemplateOut,
)
from kit.auth import Principal
from kit.db import UNIQUE_VIOLATION, sql_state
from kit.errors import AppError
from kit.ids import new_id
from kit.pagination import decode_cursor, encode_cursor


def template_out(t: SurveyTemplate) -> TemplateOut:
    return TemplateOut(
        id=t.id,
        code=t.code,
        version=t.version,
        name_th=t.name_th,
        name_en=t.name_en,
        scale=t.scale,
        definition=TemplateDefinition.model_validate(t.definition),
        preset=t.preset,
        active=t.active,
    )


def _unknown_template(code: str) -> AppError:
    return AppError(404, "survey.template_not_found", f"ไม่พบแบบสำรวจ '{code}'", f"No survey template '{code}'")


async def latest_templates(session: AsyncSession) -> list[SurveyTemplate]:
    latest = (
        select(SurveyTemplate.code, func.max(SurveyTemplate.version).label("version"))
        .group_by(SurveyTemplate.code)
        .subquery()
    )
    stmt = (
        select(SurveyTemplate)
        .join(latest, (latest.c.code == SurveyTemplate.code) & (latest.c.version == SurveyTemplate.version))
        .order_by(SurveyTemplate.code)
    )
    return list((await session.execute(stmt)).scalars())


async def template(session: AsyncSession, code: str, version: int | None = None) -> SurveyTemplate:
    stmt = select(SurveyTemplate).where(SurveyTemplate.code == code)
    stmt = stmt.where(SurveyTemplate.version == version) if version else stmt.order_by(SurveyTemplate.version.desc())
    found = (await session.execute(stmt.limit(1))).scalar_one_or_none()
    if found is None:
        raise _unknown_template(code)
    return found


async def add_template(session: AsyncSession, actor: Principal, data: TemplateCreate) -> SurveyTemplate:
    """A new template, or a new version of an existing code (never an edit in place)."""
    _check_definition(data.definition, data.scale)
    current = (
        await session.execute(select(func.max(SurveyTemplate.version)).where(SurveyTemplate.code == data.code))
    ).scalar_one()
    row = SurveyTemplate(
        id=new_id(),
        code=data.code,
        version=(current or 0) + 1,
        name_th=data.name_th,
        name_en=data.name_en,
        scale=data.scale,
        definition=data.definition.model_dump(mode="json"),
        preset=False,
        active=True,
    )
    session.add(row)
    try:
        await session.flush()
    except IntegrityError as exc:
        if sql_state(exc) == UNIQUE_VIOLATION:
            raise AppError(
                409,
                "survey.version_conflict",
                "มีผู้บันทึกแบบสำรวจรุ่นนี้พร้อมกัน ลองใหม่อีกครั้ง",
                "Another version was saved at the same time; retry",
            ) from exc
        raise
    await audit.record(
        session, actor.actor_ref, "survey_template.create", "survey_template", f"{row.code}@{row.version}"
    )
    return row


def _check_definition(definition: TemplateDefinition, scale: int) -> None:
    if len(definition.levels) != scale:
        raise AppError(
            422,
            "survey.levels_mismatch",
            "จำนวนระดับต้องเท่ากับมาตรวัด",
            "The number of levels must equal the scale",
            fields={"definition.levels": f"need {scale}"},
        )
    codes = [i.code for d in definition.dimensions for i in d.items]
    if len(codes) != len(set(codes)):
        raise AppError(
            422,
            "survey.duplicate_item",
            "รหัสข้อคำถามซ้ำกัน",
            "Item codes must be unique",
            fields={"definition.dimensions": "duplicate item code"},
        )


async def ensure_presets(session: AsyncSession) -> int:
    """Install the shipped questionnaires that are missing (version 1); returns how many were added."""
    existing = set((await session.execute(select(SurveyTemplate.code))).scalars())
    added = 0
    for preset in PRESETS:
        if preset["code"] in existing:
            continue
        session.add(
            SurveyTemplate(
                id=new_id(),
                code=preset["code"],
                version=1,
                name_th=preset["name_th"],
                name_en=preset["name_en"],
                scale=preset["scale"],
                definition=preset["definition"],
                preset=True,
                active=True,
            )
        )
        added += 1
    await session.flush()
    return added


def _answers_problems(t: SurveyTemplate, answers: dict[str, int], extra: dict[str, Any]) -> dict[str, str]:
    definition = TemplateDefinition.model_validate(t.definition)
    items = {i.code for d in definition.dimensions for i in d.items}
    values = {level.value for level in definition.levels}
    problems: dict[str, str] = {}
    for code, value in answers.items():
        if code not in items:
            problems[f"answers.{code}"] = "no such item in this questionnaire"
        elif value not in values:
            problems[f"answers.{code}"] = f"must be one of {sorted(values)}"
    questions = {q.code: q for q in definition.questions}
    for code, value in extra.items():
        question = questions.get(code)
        if question is None:
            problems[f"extra.{code}"] = "no such question in this questionnaire"
        elif question.type == "text" and not (isinstance(value, str) and len(value) <= 2000):
            problems[f"extra.{code}"] = "text up to 2000 characters"
        elif question.type == "choice":
            allowed = {c["code"] for c in question.choices}
            chosen = value if isinstance(value, list) and question.multiple else [value]
            if not chosen or any(c not in allowed for c in chosen):
                problems[f"extra.{code}"] = f"choose from {sorted(allowed)}"
    return problems


async def _store(
    ctx_session: AsyncSession,
    t: SurveyTemplate,
    *,
    complaint: Complaint | None,
    agency_id: uuid.UUID | None,
    channel_id: uuid.UUID | None,
    group_id: uuid.UUID | None,
    topic: str | None,
    respondent: Respondent,
    answers: dict[str, int],
    extra: dict[str, Any],
    suggestion: str | None,
    source: str,
    submitted_by: str | None,
    answered_at: dt.datetime | None = None,
) -> SurveyResponse:
    now = dt.datetime.now(dt.UTC)
    if answered_at is not None and answered_at > now + dt.timedelta(minutes=5):
        raise AppError(
            422,
            "survey.answered_in_future",
            "วันที่ตอบแบบสำรวจต้องไม่อยู่ในอนาคต",
            "answered_at cannot be in the future",
            fields={"answered_at": "in the future"},
        )
    problems = _answers_problems(t, answers, extra)
    if problems:
        first = next(iter(problems))
        raise AppError(
            422,
            "survey.invalid_answers",
            "คำตอบไม่ตรงกับแบบสำรวจ",
            f"Answers do not fit the questionnaire: {first}: {problems[first]}",
            fields=problems,
        )
    definition = TemplateDefinition.model_validate(t.definition)
    dimension_of = {i.code: d.code for d in definition.dimensions for i in d.items}
    row = SurveyResponse(
        id=new_id(),
        template_id=t.id,
        complaint_id=complaint.id if complaint else None,
        agency_id=agency_id,
        channel_id=channel_id,
        complainant_group_id=group_id,
        topic=topic,
        gender=respondent.gender,
        age_band=respondent.age_band,
        education=respondent.education,
        occupation=respondent.occupation,
        suggestion=suggestion,
        extra=extra,
        source=source,
        submitted_by=submitted_by,
        submitted_at=(answered_at or now).astimezone(dt.UTC),
    )
    ctx_session.add(row)
    await ctx_session.flush()
    await ctx_session.execute(
        insert(SurveyAnswer),
        [
            {"response_id": row.id, "item_code": code, "dimension_code": dimension_of[code], "value": value}
            for code, value in answers.items()
        ],
    )
    return row


def _assessed_agency(complaint: Complaint | None, assignments: list[uuid.UUID]) -> uuid.UUID | None:
    if assignments:
        return assignments[-1]
    return complaint.receiving_agency_id if complaint else None


async def record_response(ctx: Ctx, data: ResponseCreate) -> ResponseOut:
    ctx.access.require_survey_entry()
    t = await template(ctx.session, data.template, data.version)
    complaint = None
    if data.complaint:
        complaint = await _find_complaint(ctx, data.complaint)
    agency_id: uuid.UUID | None
    if data.agency:
        agency_id = (await ctx.agency(data.agency, "agency")).id
    elif complaint is not None:
        in_force = (await complaints.agencies_in_force(ctx.session, [complaint.id])).get(complaint.id, [])
        agency_id = _assessed_agency(complaint, in_force)
    else:
        agency_id = ctx.principal.agency_id
    channel_id = (await ctx.entry("channel", data.channel, "channel")).id if data.channel else None
    group_id = (
        (await ctx.entry("group", data.respondent.group, "respondent.group")).id if data.respondent.group else None
    )
    row = await _store(
        ctx.session,
        t,
        complaint=complaint,
        agency_id=agency_id,
        channel_id=channel_id,
        group_id=group_id,
        topic=data.topic,
        respondent=data.respondent,
        answers=data.answers,
        extra=data.extra,
        suggestion=data.suggestion,
        source="api" if ctx.principal.kind.value == "api_key" else "staff",
        submitted_by=ctx.principal.actor_ref,
        answered_at=data.answered_at,
    )
    return response_out(ctx, row, t, data.answers, complaint.ticket_no if complaint else None)


async def _find_complaint(ctx: Ctx, reference: str) -> Complaint:
    try:
        complaint = await complaints.get_complaint(ctx.session, uuid.UUID(reference))
    except ValueError:
        complaint = await complaints.get_by_ticket(ctx.session, reference)
    if complaint is None or not ctx.access.can_see(complaint.agency_ids):
        raise AppError(
            422,
            "reference.unknown_complaint",
            "ไม่พบเรื่องร้องเรียนที่ระบุ",
            "Unknown complaint",
            fields={"complaint": "not found"},
        )
    return complaint


def response_out(
    ctx: Ctx, row: SurveyResponse, t: SurveyTemplate, answers: dict[str, int], ticket: str | None
) -> ResponseOut:
    return ResponseOut(
        id=row.id,
        template=t.code,
        version=t.version,
        complaint_ticket=ticket,
        agency=ctx.agency_code(row.agency_id),
        channel=ctx.ref.entry_code(row.channel_id),
        topic=row.topic,
        respondent=Respondent.model_validate(
            {
                "gender": row.gender,
                "age_band": row.age_band,
                "education": row.education,
                "occupation": row.occupation,
                "group": ctx.ref.entry_code(row.complainant_group_id),
            }
        ),
        answers=answers,
        extra=row.extra or {},
        suggestion=row.suggestion,
        source=row.source,
        submitted_at=row.submitted_at,
    )


async def list_responses(
    ctx: Ctx, template_code: str | None, agency: str | None, cursor: str | None, limit: int
) -> ResponsePage:
    ctx.access.require_read_complaints()
    stmt = select(SurveyResponse, SurveyTemplate).join(SurveyTemplate, SurveyTemplate.id == SurveyResponse.template_id)
    if template_code:
        stmt = stmt.where(SurveyTemplate.code == template_code)
    visible = ctx.access.visible_agencies()
    if agency:
        subtree = ctx.ref.subtree((await ctx.agency(agency, "agency")).id)
        visible = subtree if visible is None else visible & subtree
    if visible is not None:
        stmt = stmt.where(SurveyResponse.agency_id.in_(sorted(visible)))
    if cursor:
        at, rid = decode_cursor(cursor)
        stmt = stmt.where(
            tuple_(SurveyResponse.submitted_at, SurveyResponse.id) < (dt.datetime.fromisoformat(at), uuid.UUID(rid))
        )
    rows = (
        await ctx.session.execute(
            stmt.order_by(SurveyResponse.submitted_at.desc(), SurveyResponse.id.desc()).limit(limit + 1)
        )
    ).all()
    page = rows[:limit]
    answers: dict[uuid.UUID, dict[str, int]] = {}
    if page:
        for a in (
            await ctx.session.execute(select(SurveyAnswer).where(SurveyAnswer.response_id.in_([r[0].id for r in page])))
        ).scalars():
            answers.setdefault(a.response_id, {})[a.item_code] = a.value
    tickets: dict[uuid.UUID, str] = {}
    complaint_ids = [r[0].complaint_id for r in page if r[0].complaint_id]
    if complaint_ids:
        for cid, ticket in (
            await ctx.session.execute(select(Complaint.id, Complaint.ticket_no).where(Complaint.id.in_(complaint_ids)))
        ).all():
            tickets[cid] = ticket
    items = [
        response_out(ctx, r, t, answers.get(r.id, {}), tickets.get(r.complaint_id) if r.complaint_id else None)
        for r, t in page
    ]
    next_cursor = (
        encode_cursor([page[-1][0].submitted_at.isoformat(), str(page[-1][0].id)]) if len(rows) > limit else None
    )
    return ResponsePage(items=items, next_cursor=next_cursor)


async def answered_by_link(session: AsyncSession, complaint_id: uuid.UUID) -> bool:
    stmt = select(SurveyResponse.id).where(
        SurveyResponse.complaint_id == complaint_id, SurveyResponse.source == "public_link"
    )
    return (await session.execute(stmt.limit(1))).first() is not None


def _already_answered() -> AppError:
    return AppError(
        409,
        "survey.already_answered",
        "ท่านได้ตอบแบบสำรวจของเรื่องนี้แล้ว ขอบคุณค่ะ",
        "This complaint's survey has already been answered",
    )


async def record_public_response(
    session: AsyncSession,
    complaint: Complaint,
    t: SurveyTemplate,
    data: PublicResponseCreate,
    group_id: uuid.UUID | None,
    *,
    answered_at: dt.datetime | None = None,
) -> SurveyResponse:
    """``answered_at`` is for loading history (the demo); the public endpoint never sets it."""
    if await answered_by_link(session, complaint.id):
        raise _already_answered()
    in_force = (await complaints.agencies_in_force(session, [complaint.id])).get(complaint.id, [])
    try:
        return await _store(
            session,
            t,
            complaint=complaint,
            agency_id=_assessed_agency(complaint, in_force),
            channel_id=complaint.channel_id,
            group_id=group_id,
            topic=complaint.title,
            respondent=data.respondent,
            answers=data.answers,
            extra=data.extra,
            suggestion=data.suggestion,
            source="public_link",
            submitted_by=None,
            answered_at=answered_at,
        )
    except IntegrityError as exc:  # answered twice at the same moment
        if sql_state(exc) == UNIQUE_VIOLATION:
            raise _already_answered() from exc
        raise
