"""Scoring's tables live in the ``scoring`` schema."""

from __future__ import annotations

import datetime as dt
import uuid

from sqlalchemy import DateTime, func
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

from kit.db import schema_metadata
from kit.ids import new_id

SCHEMA = "scoring"


class Base(DeclarativeBase):
    metadata = schema_metadata(SCHEMA)


def id_column() -> Mapped[uuid.UUID]:
    return mapped_column(primary_key=True, default=new_id)


def created_at_column() -> Mapped[dt.datetime]:
    return mapped_column(DateTime(timezone=True), server_default=func.now())
