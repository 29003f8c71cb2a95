"""Every intake table, imported in one place so Alembic and the tests see the whole schema."""

from intake.agencies.models import Agency
from intake.apikeys.models import ApiKey
from intake.attachments.models import Attachment
from intake.audit.models import AuditEntry
from intake.catalog.models import Category, Channel, ComplainantGroup
from intake.complaints.models import Assignment, Complainant, Complaint, Event
from intake.db import Base
from intake.feed.models import EventPosition, SequencerState
from intake.idempotency.models import IdempotentResponse
from intake.surveys.models import SurveyAnswer, SurveyResponse, SurveyTemplate
from intake.users.models import User

metadata = Base.metadata

__all__ = [
    "Agency",
    "ApiKey",
    "Assignment",
    "Attachment",
    "AuditEntry",
    "Category",
    "Channel",
    "Complainant",
    "ComplainantGroup",
    "Complaint",
    "Event",
    "EventPosition",
    "IdempotentResponse",
    "SequencerState",
    "SurveyAnswer",
    "SurveyResponse",
    "SurveyTemplate",
    "User",
    "metadata",
]
