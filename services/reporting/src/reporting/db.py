"""Reporting's tables live in the ``reporting`` schema."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import DateTime, func
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

from kit.db import created_at_column, id_column, schema_metadata

__all__ = ["SCHEMA", "Base", "created_at_column", "id_column"]

SCHEMA = "reporting"


class Base(DeclarativeBase):
    metadata = schema_metadata(SCHEMA)


def updated_at_column() -> Mapped[dt.datetime]:
    return mapped_column(DateTime(timezone=True), server_default=func.now(), onupdate=func.now())
