from __future__ import annotations

import datetime as dt
import uuid
from typing import Any

from sqlalchemy import DateTime, ForeignKey, Index, SmallInteger, String, Text, UniqueConstraint, text
from sqlalchemy.dialects.postgresql import JSONB
from sqlalchemy.orm import Mapped, mapped_column

from intake.db import Base, created_at_column, fk, id_column


class SurveyTemplate(Base):
    """A questionnaire: items grouped in dimensions, answered on a 3- or 5-level scale (SPEC §5.5).
    Versioned: a change is a new version, so old responses keep meaning what they meant."""

    __tablename__ = "survey_templates"
    __table_args__ = (UniqueConstraint("code", "version"),)

    id: Mapped[uuid.UUID] = id_column()
    code: Mapped[str] = mapped_column(String(40))
    version: Mapped[int] = mapped_column(SmallInteger)
    name_th: Mapped[str] = mapped_column(String(300))
    name_en: Mapped[str | None] = mapped_column(String(300))
    scale: Mapped[int] = mapped_column(SmallInteger)
    definition: Mapped[dict[str, Any]] = mapped_column(JSONB)
    preset: Mapped[bool] = mapped_column(default=False)
    active: Mapped[bool] = mapped_column(default=True)
    created_at: Mapped[dt.datetime] = created_at_column()


class SurveyResponse(Base):
    __tablename__ = "survey_responses"
    __table_args__ = (
        # A complainant answers through the receipt link once per complaint.
        Index(
            "uq_survey_responses_public_link",
            "complaint_id",
            unique=True,
            postgresql_where=text("source = 'public_link'"),
        ),
    )

    id: Mapped[uuid.UUID] = id_column()
    template_id: Mapped[uuid.UUID] = mapped_column(ForeignKey(fk("survey_templates")), index=True)
    complaint_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey(fk("complaints")), index=True)
    agency_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey(fk("agencies")), index=True)
    channel_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey(fk("channels")))
    complainant_group_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey(fk("complainant_groups")))
    topic: Mapped[str | None] = mapped_column(Text)
    gender: Mapped[str | None] = mapped_column(String(16))
    age_band: Mapped[str | None] = mapped_column(String(16))
    education: Mapped[str | None] = mapped_column(String(32))
    occupation: Mapped[str | None] = mapped_column(String(32))
    suggestion: Mapped[str | None] = mapped_column(Text)
    # Answers to the open questions (text, choices), by question code.
    extra: Mapped[dict[str, Any]] = mapped_column(JSONB, default=dict)
    source: Mapped[str] = mapped_column(String(16))  # public_link | staff | api
    submitted_by: Mapped[str | None] = mapped_column(String(80))
    submitted_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), index=True)
    created_at: Mapped[dt.datetime] = created_at_column()


class SurveyAnswer(Base):
    __tablename__ = "survey_answers"

    response_id: Mapped[uuid.UUID] = mapped_column(ForeignKey(fk("survey_responses")), primary_key=True)
    item_code: Mapped[str] = mapped_column(String(40), primary_key=True)
    dimension_code: Mapped[str] = mapped_column(String(40))
    value: Mapped[int] = mapped_column(SmallInteger)
