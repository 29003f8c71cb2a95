from __future__ import annotations

import datetime as dt
import uuid

from pydantic import BaseModel, Field


class FeedComplaint(BaseModel):
    """What scoring needs to know of the complaint an event belongs to, by codes."""

    ticket_no: str
    category: str
    channel: str
    receiving_agency: str
    complainant_group: str | None
    triage: str
    received_at: dt.datetime
    imported: bool


class FeedEvent(BaseModel):
    seq: int
    id: uuid.UUID
    complaint_id: uuid.UUID
    type: str
    recorded_at: dt.datetime
    occurred_at: dt.datetime | None
    agency: str | None
    from_agency: str | None = None
    imported: bool
    # Flags, not texts: the stream carries no free text (it may hold personal data).
    has_text: bool
    has_result: bool
    has_result_details: bool = Field(description="letter/order number or coordination detail given")
    evidence_kind: str | None = None
    duplicate_of: uuid.UUID | None = None
    complaint: FeedComplaint


class FeedPage(BaseModel):
    events: list[FeedEvent]
    next_after: int = Field(description="pass as 'after' to continue")
    last_seq: int = Field(description="highest sequence number given so far")
