"""Projects whose progress is reported (seed 004)."""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Any

from sqlalchemy import Integer, String
from sqlalchemy.dialects.postgresql import JSONB
from sqlalchemy.orm import Mapped, mapped_column

from reporting.db import Base, created_at_column, id_column, updated_at_column


class Project(Base):
    __tablename__ = "projects"

    id: Mapped[uuid.UUID] = id_column()
    code: Mapped[str] = mapped_column(String(40), unique=True)
    agency: Mapped[str] = mapped_column(String(32), index=True)
    fiscal_year: Mapped[int] = mapped_column(Integer)
    # Everything else as entered (projects/schemas.py ProjectIn): read and written whole.
    body: Mapped[dict[str, Any]] = mapped_column(JSONB)
    version: Mapped[int] = mapped_column(Integer, default=1)
    created_by: Mapped[str] = mapped_column(String(80))
    created_at: Mapped[dt.datetime] = created_at_column()
    updated_at: Mapped[dt.datetime] = updated_at_column()
