from __future__ import annotations

import datetime as dt
import uuid

from sqlalchemy import DateTime, Integer, String, Text
from sqlalchemy.dialects.postgresql import ARRAY
from sqlalchemy.orm import Mapped, mapped_column

from scoring.db import Base


class ReviewCategories(Base):
    """bma-2563 part 2: the (at most five) complaint categories an agency chose for the year."""

    __tablename__ = "review_categories"

    agency: Mapped[str] = mapped_column(String(32), primary_key=True)
    fiscal_year: Mapped[int] = mapped_column(Integer, primary_key=True)
    categories: Mapped[list[str]] = mapped_column(ARRAY(String(64)))
    chosen_by: Mapped[str] = mapped_column(String(80))


class Review(Base):
    """A reviewer's verdict on the quality of one completed complaint's resolution."""

    __tablename__ = "reviews"

    complaint_id: Mapped[uuid.UUID] = mapped_column(primary_key=True)
    agency: Mapped[str] = mapped_column(String(32), primary_key=True)
    passed: Mapped[bool]
    note: Mapped[str | None] = mapped_column(Text)
    reviewed_by: Mapped[str] = mapped_column(String(80))
    reviewed_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))
