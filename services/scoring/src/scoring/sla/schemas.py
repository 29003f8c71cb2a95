from __future__ import annotations

import datetime as dt
import uuid
from typing import Literal

from pydantic import BaseModel, Field

State = Literal["met", "missed", "due", "overdue", "not_required"]


class Deadline(BaseModel):
    due: dt.datetime | None
    at: dt.datetime | None = Field(None, description="when it was done")
    state: State


class CheckpointOut(BaseModel):
    day: dt.date
    due: dt.datetime
    reported_at: dt.datetime | None
    state: State


class AssignmentSla(BaseModel):
    agency: str
    number: int
    fiscal_year: int
    via: str
    from_agency: str | None
    forwarded_at: dt.datetime
    acknowledgement: Deadline
    first_report: Deadline
    checkpoints: dict[str, list[CheckpointOut]] = Field(
        description="by February rule: 'last_day' (bma-2557) and 'last_working_day' (bma-2563)"
    )
    completed_at: dt.datetime | None
    result_present: bool
    result_details_present: bool
    evidence_before: bool
    evidence_after: bool
    transferred_at: dt.datetime | None
    transferred_to: str | None
    concluded_at: dt.datetime | None
    open: bool
    next_due: dt.datetime | None


class ComplaintSla(BaseModel):
    complaint_id: uuid.UUID
    ticket_no: str
    status: str
    received_at: dt.datetime
    completed_at: dt.datetime | None
    concluded_at: dt.datetime | None
    as_of: dt.datetime
    assignments: list[AssignmentSla]


class DueItem(BaseModel):
    complaint_id: uuid.UUID
    ticket_no: str
    category: str
    channel: str
    status: str
    agency: str
    forwarded_at: dt.datetime
    duty: Literal["acknowledge", "first_report", "checkpoint"]
    due: dt.datetime
    bucket: Literal["overdue", "due_today", "due_soon"]
    working_days_left: int = Field(description="working days from today to the due day (negative: overdue)")


class DueList(BaseModel):
    agency: str
    as_of: dt.datetime
    within: int
    overdue: int
    due_today: int
    due_soon: int
    items: list[DueItem]
