from __future__ import annotations

import datetime as dt
import re
import uuid
from typing import Annotated, Any, Literal

from pydantic import AfterValidator, AwareDatetime, BaseModel, ConfigDict, Field, StringConstraints, model_validator
from pydantic_core import PydanticCustomError

from intake.complaints.lifecycle import EventType, Triage

# Constraints pydantic checks itself (stripped, then measured: blank is too short), not Python
# validators: these fields are validated on the busiest endpoints and by the thousand in imports.
Text300 = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=300)]
LongText = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=20000)]
OptionalText = Annotated[str, StringConstraints(strip_whitespace=True, max_length=20000)]
Code = Annotated[str, Field(min_length=1, max_length=40)]
_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")


def _email(value: str) -> str:
    value = value.strip()
    if not _EMAIL.match(value):
        raise ValueError("not an e-mail address")
    return value


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=False)


class ComplainantIn(Strict):
    anonymous: bool = False
    name: Annotated[str, StringConstraints(strip_whitespace=True, max_length=200)] | None = None
    phone: Annotated[str, StringConstraints(strip_whitespace=True, max_length=40)] | None = None
    email: Annotated[str, Field(max_length=200), AfterValidator(_email)] | None = None
    group: Code | None = Field(None, description="complainant group code (กลุ่มผู้ร้องเรียน)")

    @model_validator(mode="after")
    def _anonymous_has_no_contact(self) -> ComplainantIn:
        # ไม่ประสงค์ออกนาม: nothing identifying is stored at all.
        if self.anonymous and (self.name or self.phone or self.email):
            raise ValueError("an anonymous complainant has no name, phone or e-mail")
        return self


class LocationIn(Strict):
    address: Annotated[str, StringConstraints(strip_whitespace=True, max_length=1000)] | None = None
    lat: float | None = Field(None, ge=-90, le=90)
    long: float | None = Field(None, ge=-180, le=180)

    @model_validator(mode="after")
    def _both_or_neither(self) -> LocationIn:
        if (self.lat is None) != (self.long is None):
            raise ValueError("give both lat and long, or neither")
        return self


class ComplaintCreate(Strict):
    channel: Code
    title: Text300
    description: LongText
    category: Code
    complainant: ComplainantIn | None = None
    location: LocationIn | None = None
    triage: Triage = Triage.GENERAL
    agency: Code | None = Field(None, description="agency to forward the complaint to at once")
    occurred_at: AwareDatetime | None = Field(
        None, description="when the channel got it (a letter's date); never in the future"
    )


class EventFields(Strict):
    """The fields an event may carry; which are required depends on ``type``."""

    type: EventType
    agency: Code | None = None
    from_agency: Code | None = None
    text: OptionalText | None = None
    result: OptionalText | None = None
    letter_no: Annotated[str, Field(max_length=100)] | None = None
    order_no: Annotated[str, Field(max_length=100)] | None = None
    coordination: OptionalText | None = None
    notified_via: Annotated[str, Field(max_length=100)] | None = None
    evidence_kind: Literal["before", "after", "other"] | None = None
    duplicate_of: Annotated[str, Field(max_length=64)] | None = None

    @model_validator(mode="after")
    def _fields_fit_type(self) -> EventFields:
        problems = event_field_problems(self)
        if problems:
            # Named per field (kit.errors.validation_error reads ctx["fields"]), so a form can show
            # each message next to its field.
            english = {name: en for name, (en, _) in problems.items()}
            raise PydanticCustomError(
                "event_fields",
                "{summary}",
                {
                    "summary": "; ".join(f"{name}: {en}" for name, en in english.items()),
                    "fields": english,
                    "fields_th": {name: th for name, (_, th) in problems.items()},
                },
            )
        return self


_ALLOWED: dict[EventType, frozenset[str]] = {
    EventType.RECEIVED: frozenset(),
    EventType.FORWARDED: frozenset({"agency", "text"}),
    EventType.ACKNOWLEDGED: frozenset({"agency", "text"}),
    EventType.PROGRESS_REPORTED: frozenset({"agency", "text"}),
    EventType.FOLLOWUP_REQUESTED: frozenset({"agency", "text"}),
    EventType.EVIDENCE_ATTACHED: frozenset({"agency", "text", "evidence_kind"}),
    EventType.COMPLETED: frozenset({"agency", "text", "result", "letter_no", "order_no", "coordination"}),
    EventType.COMPLAINANT_NOTIFIED: frozenset({"agency", "text", "notified_via"}),
    EventType.CONCLUDED: frozenset({"agency", "text"}),
    EventType.TRANSFERRED: frozenset({"agency", "from_agency", "text", "letter_no"}),
    EventType.REJECTED: frozenset({"agency", "text"}),
    EventType.DUPLICATE_OF: frozenset({"agency", "text", "duplicate_of"}),
    EventType.REOPENED: frozenset({"agency", "text"}),
}
_REQUIRED: dict[EventType, tuple[str, ...]] = {
    EventType.FORWARDED: ("agency",),
    EventType.PROGRESS_REPORTED: ("text",),
    EventType.COMPLETED: ("result",),
    EventType.TRANSFERRED: ("agency",),
    EventType.REJECTED: ("text",),
    EventType.DUPLICATE_OF: ("duplicate_of",),
    EventType.EVIDENCE_ATTACHED: ("evidence_kind",),
}
_OPTIONAL_FIELDS = (
    "agency",
    "from_agency",
    "text",
    "result",
    "letter_no",
    "order_no",
    "coordination",
    "notified_via",
    "evidence_kind",
    "duplicate_of",
)


def event_field_problems(fields: EventFields) -> dict[str, tuple[str, str]]:
    """Field → (problem in English, in Thai), for a field the event type needs but lacks or
    carries but does not use."""
    problems: dict[str, tuple[str, str]] = {}
    allowed = _ALLOWED[fields.type]
    for name in _OPTIONAL_FIELDS:
        value = getattr(fields, name)
        if value is not None and value != "" and name not in allowed:
            problems[name] = (f"not used by a '{fields.type.value}' event", "เหตุการณ์ประเภทนี้ไม่ใช้ข้อมูลนี้")
    for name in _REQUIRED.get(fields.type, ()):
        if not getattr(fields, name):
            problems[name] = (f"required for a '{fields.type.value}' event", "ต้องระบุสำหรับเหตุการณ์ประเภทนี้")
    return problems


class EventCreate(EventFields):
    """POST /v1/complaints/{id}/events. The time is the server's: there is no field to set it."""

    @model_validator(mode="after")
    def _not_received(self) -> EventCreate:
        if self.type is EventType.RECEIVED:
            raise ValueError("'received' is recorded when the complaint is created")
        return self


class EventOut(BaseModel):
    id: uuid.UUID
    seq: int | None = Field(None, description="position in the event stream; given shortly after commit")
    type: EventType
    recorded_at: dt.datetime
    occurred_at: dt.datetime | None = None
    agency: str | None = None
    text: str | None = None
    payload: dict[str, Any] = Field(default_factory=dict)
    actor: str
    imported: bool = False


class AssignmentOut(BaseModel):
    agency: str
    agency_name_th: str | None = None
    status: str
    forwarded_at: dt.datetime
    acknowledged_at: dt.datetime | None = None
    completed_at: dt.datetime | None = None
    ended_at: dt.datetime | None = None


class ComplainantOut(BaseModel):
    anonymous: bool
    # Present only for roles that may read contact data (SPEC §8); otherwise ``redacted`` is true.
    redacted: bool = False
    name: str | None = None
    phone: str | None = None
    email: str | None = None
    group: str | None = None


class LocationOut(BaseModel):
    address: str | None = None
    lat: float | None = None
    long: float | None = None


class DuplicateCandidate(BaseModel):
    id: uuid.UUID
    ticket_no: str
    title: str
    status: str
    received_at: dt.datetime
    similarity: float
    distance_m: float | None = None


class AttachmentOut(BaseModel):
    id: uuid.UUID
    kind: str
    filename: str
    content_type: str
    size_bytes: int
    sha256: str
    uploaded_by: str
    created_at: dt.datetime
    download_url: str


class ComplaintSummary(BaseModel):
    id: uuid.UUID
    ticket_no: str
    status: str
    triage: str
    title: str
    category: str
    channel: str
    receiving_agency: str
    agencies: list[str] = Field(description="agencies the complaint is with now")
    address: str | None = None
    received_at: dt.datetime
    updated_at: dt.datetime
    imported: bool = False


class ComplaintOut(ComplaintSummary):
    description: str
    complainant_group: str | None = None
    complainant: ComplainantOut
    location: LocationOut
    occurred_at: dt.datetime | None = None
    duplicate_of: str | None = None
    assignments: list[AssignmentOut] = Field(default_factory=list)
    public_url: str | None = Field(None, description="the complainant's status and survey link")
    events: list[EventOut] | None = None
    attachments: list[AttachmentOut] | None = None
    duplicates: list[DuplicateCandidate] | None = None
    allowed_events: list[EventType] = Field(
        default_factory=list,
        description="the event types the caller may record now (the lifecycle and the caller's rights both allow "
        "them); evidence_attached is recorded by uploading an attachment",
    )


class ComplaintPage(BaseModel):
    items: list[ComplaintSummary]
    next_cursor: str | None = None


class EventAccepted(BaseModel):
    event: EventOut
    complaint: ComplaintSummary


class PublicStatus(BaseModel):
    """What the complainant sees through the receipt link: no personal data, no internal notes."""

    ticket_no: str
    title: str
    status: str
    category_th: str
    received_at: dt.datetime
    timeline: list[dict[str, Any]]
    result: str | None = None
    survey_available: bool
