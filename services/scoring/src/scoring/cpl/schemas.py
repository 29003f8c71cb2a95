"""The evidence reports' data (seed 003): CPL_R001 outstanding complaints, CPL_R003 performance."""

from __future__ import annotations

import datetime as dt
import uuid

from pydantic import BaseModel, Field


class OutstandingItem(BaseModel):
    complaint_id: uuid.UUID
    ticket_no: str
    category: str
    channel: str
    status: str
    received_at: dt.datetime
    agency: str
    forwarded_at: dt.datetime
    age_working_days: int = Field(description="working days since it was forwarded to the agency")
    acknowledgement_overdue: bool
    first_report_overdue: bool
    checkpoints_missed: int = Field(description="15th/30th reports missed so far (February: last working day)")
    next_due: dt.datetime | None
    overdue: bool = Field(description="a deadline of this assignment has passed without the duty done")


class OutstandingOut(BaseModel):
    agency: str
    as_of: dt.datetime
    items: list[OutstandingItem]


class PerformanceRow(BaseModel):
    agency: str
    assigned: int = Field(description="assignments forwarded to the agency in the period")
    completed: int
    in_progress: int
    transferred: int
    concluded: int
    acknowledged_on_time: int
    acknowledgement_decided: int = Field(description="acknowledged, or overdue without one")
    first_report_on_time: int
    first_report_decided: int
    checkpoints_met: int
    checkpoints_decided: int


class PerformanceOut(BaseModel):
    agency: str
    start: dt.date = Field(serialization_alias="from")
    to: dt.date
    as_of: dt.datetime
    rows: list[PerformanceRow]
