from __future__ import annotations

import datetime as dt
import uuid
from typing import Any, Literal

from pydantic import BaseModel, Field

from reporting.render import Format

Status = Literal["queued", "running", "done", "failed"]


class ReportIn(BaseModel):
    type: str = Field(description="progress, action-plan, kpi-scorecard, cpl-r001, cpl-r003, monthly-summary, …")
    params: dict[str, Any] = Field(default_factory=dict, description="what the report is about; depends on the type")
    format: Format = "pdf"
    language: Literal["th", "en"] = "th"
    thai_digits: bool = Field(False, description="print digits as ๐๑๒…")


class ReportOut(BaseModel):
    id: uuid.UUID
    status: Status
    progress: int = Field(description="0–100")
    error: str | None = Field(None, description="why it failed (only when failed)")
    error_code: str | None = None
    type: str
    params: dict[str, Any]
    format: Format
    language: Literal["th", "en"]
    thai_digits: bool
    agency: str
    attempts: int
    created_at: dt.datetime
    started_at: dt.datetime | None = None
    finished_at: dt.datetime | None = None
    filename: str | None = None
    media_type: str | None = None
    size: int | None = None


class MonthlySubmission(BaseModel):
    agency: str
    month: dt.date
    submitted_at: dt.datetime = Field(description="the first submission's time: a second one does not move it")
    recorded_by: str
