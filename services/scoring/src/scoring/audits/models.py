from __future__ import annotations

import datetime as dt
import uuid

from sqlalchemy import BigInteger, Date, DateTime, ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from scoring.db import SCHEMA, Base, created_at_column, id_column


class Audit(Base):
    """A month's sample of an agency's completed complaints (SPEC §5.1 step 2)."""

    __tablename__ = "audits"

    id: Mapped[uuid.UUID] = id_column()
    agency: Mapped[str] = mapped_column(String(32))
    month: Mapped[dt.date] = mapped_column(Date)  # first day of the month
    seed: Mapped[int] = mapped_column(BigInteger)
    population: Mapped[int] = mapped_column(Integer)
    created_by: Mapped[str] = mapped_column(String(80))
    created_at: Mapped[dt.datetime] = created_at_column()

    __table_args__ = (UniqueConstraint("agency", "month"),)


class AuditItem(Base):
    __tablename__ = "audit_items"

    audit_id: Mapped[uuid.UUID] = mapped_column(ForeignKey(f"{SCHEMA}.audits.id", ondelete="CASCADE"), primary_key=True)
    complaint_id: Mapped[uuid.UUID] = mapped_column(primary_key=True)
    ticket_no: Mapped[str] = mapped_column(String(60))
    passed: Mapped[bool | None]
    note: Mapped[str | None] = mapped_column(Text)
    reviewed_by: Mapped[str | None] = mapped_column(String(80))
    reviewed_at: Mapped[dt.datetime | None] = mapped_column(DateTime(timezone=True))
