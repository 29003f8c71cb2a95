from __future__ import annotations

import uuid
from typing import Annotated, Any

from pydantic import AwareDatetime, BaseModel, ConfigDict, Field

from intake.complaints.lifecycle import Triage
from intake.complaints.schemas import Code, ComplainantIn, EventFields, LocationIn, LongText, Text300

MAX_BATCH = 10_000


class ImportEvent(EventFields):
    """An event from the older system, with the time it really happened."""

    at: AwareDatetime


class ImportComplaint(BaseModel):
    model_config = ConfigDict(extra="forbid")

    external_id: Annotated[str, Field(min_length=1, max_length=200)]
    channel: Code
    title: Text300
    description: LongText
    category: Code
    received_at: AwareDatetime
    events: list[ImportEvent] = Field(default_factory=list, max_length=500)
    receiving_agency: Code | None = Field(None, description="defaults to the importing administrator's agency")
    ticket_no: Annotated[str, Field(min_length=1, max_length=64)] | None = Field(
        None, description="keep the older system's ticket number; generated when omitted"
    )
    occurred_at: AwareDatetime | None = None
    complainant: ComplainantIn | None = None
    location: LocationIn | None = None
    triage: Triage = Triage.GENERAL


class ImportRequest(BaseModel):
    complaints: Annotated[list[dict[str, Any]], Field(max_length=MAX_BATCH)]


class ItemError(BaseModel):
    index: int
    external_id: str | None = None
    code: str
    message_th: str
    message_en: str
    fields: dict[str, str] = Field(default_factory=dict)


class ImportedItem(BaseModel):
    index: int
    id: uuid.UUID
    ticket_no: str


class ImportResult(BaseModel):
    imported: int
    errors: list[ItemError]
    items: list[ImportedItem]
