"""Per complaint and agency assignment: the SLA checkpoints (sla/projection.py) as rows."""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Any

from sqlalchemy import BigInteger, DateTime, Index, Integer, SmallInteger, String, text
from sqlalchemy.dialects.postgresql import JSONB
from sqlalchemy.orm import Mapped, mapped_column

from scoring.db import Base


class AssignmentRow(Base):
    __tablename__ = "assignments"

    complaint_id: Mapped[uuid.UUID] = mapped_column(primary_key=True)
    number: Mapped[int] = mapped_column(SmallInteger, primary_key=True)
    agency: Mapped[str] = mapped_column(String(32))
    fiscal_year: Mapped[int] = mapped_column(Integer)  # of forwarded_at: the report it is counted in
    via: Mapped[str] = mapped_column(String(20))
    from_agency: Mapped[str | None] = mapped_column(String(32))
    forwarded_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))
    acknowledgement_due: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))
    handled_at: Mapped[dt.datetime | None] = mapped_column(DateTime(timezone=True))
    acknowledged_at: Mapped[dt.datetime | None] = mapped_column(DateTime(timezone=True))
    acknowledgement_met: Mapped[bool | None]
    first_report_due: Mapped[dt.datetime | None] = mapped_column(DateTime(timezone=True))
    first_report_at: Mapped[dt.datetime | None] = mapped_column(DateTime(timezone=True))
    first_report_met: Mapped[bool | None]
    completed_at: Mapped[dt.datetime | None] = mapped_column(DateTime(timezone=True))
    transferred_at: Mapped[dt.datetime | None] = mapped_column(DateTime(timezone=True))
    transferred_to: Mapped[str | None] = mapped_column(String(32))
    closed_at: Mapped[dt.datetime | None] = mapped_column(DateTime(timezone=True))
    concluded_at: Mapped[dt.datetime | None] = mapped_column(DateTime(timezone=True))
    is_open: Mapped[bool]
    has_result: Mapped[bool]
    has_result_details: Mapped[bool]
    evidence_before: Mapped[bool]
    evidence_after: Mapped[bool]
    followups_requested: Mapped[int] = mapped_column(Integer)
    # Follow-up checkpoints under each February rule: decided ones, missed count, the next one due.
    checkpoints: Mapped[dict[str, Any]] = mapped_column(JSONB)
    missed_last_day: Mapped[int] = mapped_column(Integer)
    pending_due_last_day: Mapped[dt.datetime | None] = mapped_column(DateTime(timezone=True))
    missed_last_working_day: Mapped[int] = mapped_column(Integer)
    pending_due_last_working_day: Mapped[dt.datetime | None] = mapped_column(DateTime(timezone=True))
    # The earliest deadline still ahead of the agency (the worklist's order); None when none is.
    next_due: Mapped[dt.datetime | None] = mapped_column(DateTime(timezone=True))
    last_seq: Mapped[int] = mapped_column(BigInteger)

    __table_args__ = (
        Index("ix_assignments_agency_fiscal_year", "agency", "fiscal_year"),
        Index("ix_assignments_agency_next_due", "agency", "next_due", postgresql_where=text("next_due IS NOT NULL")),
    )
