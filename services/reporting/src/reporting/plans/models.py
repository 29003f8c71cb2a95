"""Action plans (seed 000): one per agency, fiscal year and title; the items are one document."""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Any

from sqlalchemy import Integer, String, Text, UniqueConstraint
from sqlalchemy.dialects.postgresql import JSONB
from sqlalchemy.orm import Mapped, mapped_column

from reporting.db import Base, created_at_column, id_column, updated_at_column


class Plan(Base):
    __tablename__ = "plans"

    id: Mapped[uuid.UUID] = id_column()
    agency: Mapped[str] = mapped_column(String(32), index=True)
    fiscal_year: Mapped[int] = mapped_column(Integer)
    title: Mapped[str] = mapped_column(Text)
    # The plan as entered (plans/schemas.py PlanIn without agency, year and title): items with
    # their sub-activities are always read and written whole, so they are one JSON document.
    body: Mapped[dict[str, Any]] = mapped_column(JSONB)
    version: Mapped[int] = mapped_column(Integer, default=1)
    created_by: Mapped[str] = mapped_column(String(80))
    created_at: Mapped[dt.datetime] = created_at_column()
    updated_at: Mapped[dt.datetime] = updated_at_column()

    __table_args__ = (UniqueConstraint("agency", "fiscal_year", "title", name="uq_plans_agency_year_title"),)
