"""Intake's tables live in the ``intake`` schema."""

from __future__ import annotations

from sqlalchemy.orm import DeclarativeBase

from kit.db import created_at_column, id_column, schema_metadata

__all__ = ["SCHEMA", "Base", "created_at_column", "id_column"]

SCHEMA = "intake"


class Base(DeclarativeBase):
    metadata = schema_metadata(SCHEMA)


def fk(table: str) -> str:
    return f"{SCHEMA}.{table}.id"
