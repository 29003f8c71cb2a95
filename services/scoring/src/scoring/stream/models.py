"""Scoring's copy of intake's event stream, and how far it has read."""

from __future__ import annotations

import datetime as dt
import uuid

from sqlalchemy import BigInteger, DateTime, Index, Integer, LargeBinary, String, text
from sqlalchemy.orm import Mapped, mapped_column

from scoring.db import Base


class Cursor(Base):
    """The last sequence number applied; advanced in the transaction that applies the batch."""

    __tablename__ = "cursors"

    name: Mapped[str] = mapped_column(String(40), primary_key=True)
    seq: Mapped[int] = mapped_column(BigInteger)
    updated_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))


class StoredEvent(Base):
    """The facts of an event that projections depend on (no free text: it may hold personal data).
    Kept so that a calendar or scheme change can rebuild every projection without intake."""

    __tablename__ = "events"

    seq: Mapped[int] = mapped_column(BigInteger, primary_key=True, autoincrement=False)
    id: Mapped[uuid.UUID] = mapped_column(unique=True)
    complaint_id: Mapped[uuid.UUID] = mapped_column(index=True)
    type: Mapped[str] = mapped_column(String(30))
    recorded_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))
    agency: Mapped[str | None] = mapped_column(String(32))
    from_agency: Mapped[str | None] = mapped_column(String(32))
    has_result: Mapped[bool]
    has_result_details: Mapped[bool]
    evidence_kind: Mapped[str | None] = mapped_column(String(10))

    # Progress reports count complaints forwarded to an agency in a period.
    __table_args__ = (
        Index(
            "ix_events_forwards",
            "agency",
            "recorded_at",
            postgresql_where=text("type IN ('forwarded', 'transferred')"),
        ),
    )


class ComplaintFacts(Base):
    """One row per complaint: what it is (by codes) and where it stands."""

    __tablename__ = "complaints"

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True)
    ticket_no: Mapped[str] = mapped_column(String(60))
    category: Mapped[str] = mapped_column(String(64))
    channel: Mapped[str] = mapped_column(String(64))
    receiving_agency: Mapped[str] = mapped_column(String(32))
    complainant_group: Mapped[str | None] = mapped_column(String(64))
    triage: Mapped[str] = mapped_column(String(20))
    received_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))
    fiscal_year: Mapped[int] = mapped_column(Integer)
    imported: Mapped[bool]
    status: Mapped[str] = mapped_column(String(20))
    completed_at: Mapped[dt.datetime | None] = mapped_column(DateTime(timezone=True))
    concluded_at: Mapped[dt.datetime | None] = mapped_column(DateTime(timezone=True))
    last_event_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))
    last_seq: Mapped[int] = mapped_column(BigInteger)
    # Of the projection last written (sla/repository.py): what a recompute compares against.
    projection_digest: Mapped[bytes | None] = mapped_column(LargeBinary)

    __table_args__ = (Index("ix_complaints_fiscal_year_receiving_agency", "fiscal_year", "receiving_agency"),)
