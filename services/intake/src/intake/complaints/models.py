"""A complaint, its complainant (personal data, kept apart), its agency assignments and its events.

The events are the source of truth (SPEC §3): append-only, never updated. ``Complaint.status``
and the assignments are a projection of them kept in the same transaction for fast filtering.
"""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Any

from sqlalchemy import (
    BigInteger,
    DateTime,
    Float,
    ForeignKey,
    Index,
    String,
    Text,
    Uuid,
    text,
)
from sqlalchemy.dialects.postgresql import ARRAY, JSONB
from sqlalchemy.orm import Mapped, mapped_column

from intake.db import Base, fk, id_column

# The writing transaction's id: the feed sequencer uses it to order events safely (see feed/).
CURRENT_TX = text("(pg_current_xact_id())::text::bigint")
# The open statuses, as SQL: partial indexes and the queries that use them must spell it alike.
OPEN_SQL = "('received', 'forwarded', 'in_progress')"


class Complaint(Base):
    __tablename__ = "complaints"
    __table_args__ = (
        # Trigrams of every complaint's text. Nearly every complaint shares some trigrams, so
        # concurrent inserts straight into the index queue on the same pages; instead they append
        # to GIN's pending list (a large one), which the worker merges every few seconds
        # (intake.worker.merge_search_index) — far cheaper in bulk, and never on a request.
        Index(
            "ix_complaints_search_text_trgm",
            "search_text",
            postgresql_using="gin",
            postgresql_ops={"search_text": "gin_trgm_ops"},
            postgresql_with={"fastupdate": "on", "gin_pending_list_limit": "32768"},
        ),
        Index("ix_complaints_agency_ids", "agency_ids", postgresql_using="gin"),
        # Lists are newest first and filtered on the way (status, category and channel are not
        # selective enough to pay for an index on the busiest insert).
        Index("ix_complaints_received_at_id", "received_at", "id"),
        # Likely duplicates are looked for among open complaints only (complaints/repository.py):
        # nearby ones by a range on latitude, the others by trigram distance of their titles
        # (GiST: nearest first, so the work stays bounded however many look alike).
        # One index per kind of open complaint, each the only one a lookup can use (a cached
        # generic plan built on old statistics once read a whole index instead of a small box):
        # with a point — category, the point itself (a box around it) and the title (nearest by
        # trigram distance) — and without one — category and title.
        Index(
            "ix_complaints_open_point",
            "category_id",
            text("point(long, lat)"),
            "title_key",
            postgresql_using="gist",
            postgresql_ops={"title_key": "gist_trgm_ops"},
            postgresql_where=text(f"status IN {OPEN_SQL} AND lat IS NOT NULL"),
        ),
        Index(
            "ix_complaints_open_title_no_point",
            "category_id",
            "title_key",
            postgresql_using="gist",
            postgresql_ops={"title_key": "gist_trgm_ops"},
            postgresql_where=text(f"status IN {OPEN_SQL} AND lat IS NULL"),
        ),
    )

    id: Mapped[uuid.UUID] = id_column()
    ticket_no: Mapped[str] = mapped_column(String(64), unique=True)
    receiving_agency_id: Mapped[uuid.UUID] = mapped_column(ForeignKey(fk("agencies")))
    channel_id: Mapped[uuid.UUID] = mapped_column(ForeignKey(fk("channels")))
    category_id: Mapped[uuid.UUID] = mapped_column(ForeignKey(fk("categories")))
    complainant_group_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey(fk("complainant_groups")))
    title: Mapped[str] = mapped_column(String(300))
    description: Mapped[str] = mapped_column(Text)
    address: Mapped[str | None] = mapped_column(Text)
    lat: Mapped[float | None] = mapped_column(Float)
    long: Mapped[float | None] = mapped_column(Float)
    # Normalised ticket number, title, description and address: what Thai search matches on.
    search_text: Mapped[str] = mapped_column(Text)
    # Normalised title: what duplicate detection compares.
    title_key: Mapped[str] = mapped_column(String(300))
    triage: Mapped[str] = mapped_column(String(16))
    status: Mapped[str] = mapped_column(String(16))
    occurred_at: Mapped[dt.datetime | None] = mapped_column(DateTime(timezone=True))
    received_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))
    updated_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))
    # The receiving agency and every agency it was ever forwarded to: who may see it (SPEC §8).
    agency_ids: Mapped[list[uuid.UUID]] = mapped_column(ARRAY(Uuid))
    created_by: Mapped[str] = mapped_column(String(80))
    imported: Mapped[bool] = mapped_column(default=False)
    external_id: Mapped[str | None] = mapped_column(String(200), unique=True)
    duplicate_of_id: Mapped[uuid.UUID | None] = mapped_column(Uuid)
    # Unguessable token of the complainant's status page and survey link.
    public_token: Mapped[str] = mapped_column(String(64), unique=True)


class Complainant(Base):
    """Personal data under the PDPA: read only by roles that need it, every read audit-logged."""

    __tablename__ = "complainants"
    __table_args__ = (
        Index(
            "ix_complainants_name_search_trgm",
            "name_search",
            postgresql_using="gin",
            postgresql_ops={"name_search": "gin_trgm_ops"},
        ),
    )

    complaint_id: Mapped[uuid.UUID] = mapped_column(ForeignKey(fk("complaints")), primary_key=True)
    anonymous: Mapped[bool] = mapped_column(default=False)
    name: Mapped[str | None] = mapped_column(String(200))
    phone: Mapped[str | None] = mapped_column(String(40))
    phone_digits: Mapped[str | None] = mapped_column(String(40), index=True)
    email: Mapped[str | None] = mapped_column(String(200))
    name_search: Mapped[str | None] = mapped_column(String(200))


class Assignment(Base):
    """One agency's part of a complaint: forwarded → acknowledged → completed (or transferred away)."""

    __tablename__ = "assignments"

    id: Mapped[uuid.UUID] = id_column()
    complaint_id: Mapped[uuid.UUID] = mapped_column(ForeignKey(fk("complaints")), index=True)
    agency_id: Mapped[uuid.UUID] = mapped_column(ForeignKey(fk("agencies")))
    status: Mapped[str] = mapped_column(String(16))
    forwarded_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))
    acknowledged_at: Mapped[dt.datetime | None] = mapped_column(DateTime(timezone=True))
    completed_at: Mapped[dt.datetime | None] = mapped_column(DateTime(timezone=True))
    ended_at: Mapped[dt.datetime | None] = mapped_column(DateTime(timezone=True))


class Event(Base):
    __tablename__ = "events"
    __table_args__ = (
        Index("ix_events_complaint_id_recorded_at", "complaint_id", "recorded_at"),
        Index("ix_events_tx_id", "tx", "id"),
    )

    id: Mapped[uuid.UUID] = id_column()
    complaint_id: Mapped[uuid.UUID] = mapped_column(ForeignKey(fk("complaints")))
    type: Mapped[str] = mapped_column(String(32))
    # Server clock, authoritative for every SLA; only the historical import sets it.
    recorded_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))
    occurred_at: Mapped[dt.datetime | None] = mapped_column(DateTime(timezone=True))
    actor: Mapped[str] = mapped_column(String(80))
    agency_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey(fk("agencies")))
    text: Mapped[str | None] = mapped_column(Text)
    payload: Mapped[dict[str, Any]] = mapped_column(JSONB, default=dict)
    imported: Mapped[bool] = mapped_column(default=False)
    tx: Mapped[int] = mapped_column(BigInteger, server_default=CURRENT_TX)
