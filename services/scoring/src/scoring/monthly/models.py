from __future__ import annotations

import datetime as dt

from sqlalchemy import Date, DateTime, String
from sqlalchemy.orm import Mapped, mapped_column

from scoring.db import Base, created_at_column


class MonthlyReport(Base):
    """When an agency submitted its monthly summary (SPEC §5.1 step 3: due by the 10th of the next month)."""

    __tablename__ = "monthly_reports"

    agency: Mapped[str] = mapped_column(String(32), primary_key=True)
    month: Mapped[dt.date] = mapped_column(Date, primary_key=True)  # first day of the month reported
    submitted_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))
    recorded_by: Mapped[str] = mapped_column(String(80))
    recorded_at: Mapped[dt.datetime] = created_at_column()
