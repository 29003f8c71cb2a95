"""Every reporting table, imported in one place so Alembic and the tests see the whole schema."""

from reporting.db import Base
from reporting.plans.models import Plan
from reporting.projects.models import Project
from reporting.reports.models import Report, ReportFile

metadata = Base.metadata

__all__ = ["Plan", "Project", "Report", "ReportFile", "metadata"]
