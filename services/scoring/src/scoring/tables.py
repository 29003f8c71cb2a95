"""Every scoring table, imported in one place so Alembic and the tests see the whole schema."""

from scoring.audit_log.models import AuditEntry
from scoring.audits.models import Audit, AuditItem
from scoring.calendar.models import CalendarOverride, Outage
from scoring.db import Base
from scoring.monthly.models import MonthlyReport
from scoring.reviews.models import Review, ReviewCategories
from scoring.schemes.models import SchemeVersion
from scoring.sla.models import AssignmentRow
from scoring.stream.models import ComplaintFacts, Cursor, StoredEvent

metadata = Base.metadata

__all__ = [
    "AssignmentRow",
    "Audit",
    "AuditEntry",
    "AuditItem",
    "CalendarOverride",
    "ComplaintFacts",
    "Cursor",
    "MonthlyReport",
    "Outage",
    "Review",
    "ReviewCategories",
    "SchemeVersion",
    "StoredEvent",
    "metadata",
]
