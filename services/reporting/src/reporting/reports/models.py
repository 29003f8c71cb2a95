"""Report requests and their rendered files."""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Any

from sqlalchemy import Boolean, DateTime, ForeignKey, Index, Integer, LargeBinary, SmallInteger, String, Text, text
from sqlalchemy.dialects.postgresql import JSONB
from sqlalchemy.orm import Mapped, mapped_column

from reporting.db import Base, created_at_column, id_column


class Report(Base):
    __tablename__ = "reports"

    id: Mapped[uuid.UUID] = id_column()
    type: Mapped[str] = mapped_column(String(30))
    params: Mapped[dict[str, Any]] = mapped_column(JSONB)
    format: Mapped[str] = mapped_column(String(8))
    language: Mapped[str] = mapped_column(String(2))
    thai_digits: Mapped[bool] = mapped_column(Boolean)
    # The agency the report is about: who may read it (SPEC §8).
    agency: Mapped[str] = mapped_column(String(32))
    requested_by: Mapped[str] = mapped_column(String(80), index=True)
    status: Mapped[str] = mapped_column(String(10))  # queued | running | done | failed
    progress: Mapped[int] = mapped_column(SmallInteger, default=0)
    error_code: Mapped[str | None] = mapped_column(String(60))
    error: Mapped[str | None] = mapped_column(Text)
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    created_at: Mapped[dt.datetime] = created_at_column()
    started_at: Mapped[dt.datetime | None] = mapped_column(DateTime(timezone=True))
    # Touched while a render runs; a stale one means its worker died (reports/tasks.py recover).
    heartbeat_at: Mapped[dt.datetime | None] = mapped_column(DateTime(timezone=True))
    finished_at: Mapped[dt.datetime | None] = mapped_column(DateTime(timezone=True))
    filename: Mapped[str | None] = mapped_column(String(200))
    media_type: Mapped[str | None] = mapped_column(String(100))
    size: Mapped[int | None] = mapped_column(Integer)

    __table_args__ = (
        Index("ix_reports_unfinished", "status", postgresql_where=text("status IN ('queued', 'running')")),
    )


class ReportFile(Base):
    __tablename__ = "report_files"

    report_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("reports.id", ondelete="CASCADE"), primary_key=True)
    content: Mapped[bytes] = mapped_column(LargeBinary)
