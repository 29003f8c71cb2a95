"""Report requests: accepted and queued in one transaction, rendered by the worker."""

from __future__ import annotations

import uuid
from typing import Any

from pydantic import BaseModel, ValidationError
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from kit.errors import AppError, not_found, validation_error
from kit.http import ServiceClient
from kit.jobs import JobBuffer
from reporting.reports.kinds import KINDS, ReportKind
from reporting.reports.models import Report, ReportFile
from reporting.reports.schemas import MonthlySubmission, ReportIn

RENDER = "reporting.render"


def kind_of(type_: str) -> ReportKind[Any]:
    kind = KINDS.get(type_)
    if kind is None:
        raise AppError(
            422,
            "report.unknown_type",
            f"ไม่รู้จักรายงานประเภท {type_}",
            f"Unknown report type {type_} (known: {', '.join(KINDS)})",
            fields={"type": "unknown"},
        )
    return kind


def parse_params(kind: ReportKind[Any], params: dict[str, Any]) -> BaseModel:
    try:
        parsed: BaseModel = kind.params.model_validate(params)
        return parsed
    except ValidationError as exc:
        errors = [{**e, "loc": ("params", *e["loc"])} for e in exc.errors(include_url=False)]
        raise validation_error(errors) from None


def enqueue(jobs: JobBuffer, report: Report, defer_seconds: float = 0.0) -> None:
    # One job id per attempt: a retry is never mistaken for the attempt before it.
    jobs.enqueue(
        RENDER,
        service="reporting",
        job_id=f"{report.id}:{report.attempts}",
        defer_seconds=defer_seconds,
        report_id=str(report.id),
    )


async def create(
    session: AsyncSession, jobs: JobBuffer, data: ReportIn, params: BaseModel, agency: str, actor: str
) -> Report:
    report = Report(
        type=data.type,
        params=params.model_dump(mode="json", exclude_none=True),
        format=data.format,
        language=data.language,
        thai_digits=data.thai_digits,
        agency=agency,
        requested_by=actor,
        status="queued",
        progress=0,
        attempts=0,
    )
    session.add(report)
    await session.flush()
    await session.refresh(report)
    enqueue(jobs, report)
    return report


async def get(session: AsyncSession, report_id: uuid.UUID) -> Report:
    report = await session.get(Report, report_id)
    if report is None:
        raise not_found("Report", "รายงาน", "report.not_found")
    return report


async def retry(session: AsyncSession, jobs: JobBuffer, report: Report) -> Report:
    if report.status != "failed":
        raise AppError(
            409,
            "report.not_failed",
            "ลองใหม่ได้เฉพาะรายงานที่ทำไม่สำเร็จ",
            f"Only a failed report can be retried (this one is {report.status})",
            fields={"status": report.status},
        )
    report.status = "queued"
    report.progress = 0
    report.error = report.error_code = None
    await session.flush()
    enqueue(jobs, report)
    return report


async def content(session: AsyncSession, report: Report) -> bytes:
    if report.status != "done":
        raise AppError(
            409,
            "report.not_ready",
            "รายงานยังไม่เสร็จ",
            f"The report is not ready (it is {report.status})",
            fields={"status": report.status},
        )
    file = await session.get(ReportFile, report.id)
    assert file is not None
    return file.content


async def recent(session: AsyncSession, actor: str, limit: int) -> list[Report]:
    query = select(Report).where(Report.requested_by == actor).order_by(Report.created_at.desc()).limit(limit)
    return list((await session.execute(query)).scalars())


async def submit_monthly(scoring: ServiceClient, report: Report, authorization: str) -> MonthlySubmission:
    """SPEC §5.1 step 3: the summary counts as sent when it is submitted, by the 10th."""
    if report.type != "monthly-summary" or report.status != "done":
        raise AppError(
            409,
            "report.not_submittable",
            "ส่งได้เฉพาะรายงานสรุปประจำเดือนที่จัดทำเสร็จแล้ว",
            "Only a finished monthly summary can be submitted",
            fields={"type": report.type, "status": report.status},
        )
    body = {"agency": report.params["agency"], "month": report.params["month"]}
    response = await scoring.post("/v1/monthly-reports", body, authorization=authorization)
    if response.status_code != 201:
        try:
            error = response.json()["error"]
        except (ValueError, KeyError):
            raise AppError(
                503, "scoring.unavailable", "ระบบประเมินผลไม่ตอบสนอง", "The scoring service is not answering"
            ) from None
        raise AppError(
            response.status_code, error["code"], error["message_th"], error["message_en"], fields=error["fields"]
        )
    return MonthlySubmission.model_validate(response.json())
