from __future__ import annotations

import datetime as dt
import uuid

from sqlalchemy import CheckConstraint, Date, DateTime, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from scoring.db import Base, created_at_column, id_column


class CalendarOverride(Base):
    """An administrator's decision about one day: a declared holiday or a make-up working day."""

    __tablename__ = "calendar_overrides"

    id: Mapped[uuid.UUID] = id_column()
    day: Mapped[dt.date] = mapped_column(Date, unique=True)
    working: Mapped[bool]
    name: Mapped[str] = mapped_column(String(300))
    reference: Mapped[str | None] = mapped_column(String(300))
    created_by: Mapped[str] = mapped_column(String(80))
    created_at: Mapped[dt.datetime] = created_at_column()


class Outage(Base):
    """A window in which the system was down: time inside does not count against any deadline."""

    __tablename__ = "outages"

    id: Mapped[uuid.UUID] = id_column()
    starts_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))
    ends_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))
    reason: Mapped[str] = mapped_column(Text)
    created_by: Mapped[str] = mapped_column(String(80))
    created_at: Mapped[dt.datetime] = created_at_column()

    __table_args__ = (CheckConstraint("ends_at > starts_at", name="ends_after_start"),)
