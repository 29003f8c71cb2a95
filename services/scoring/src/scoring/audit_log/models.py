from __future__ import annotations

import datetime as dt
import uuid
from typing import Any

from sqlalchemy import String
from sqlalchemy.dialects.postgresql import JSONB
from sqlalchemy.orm import Mapped, mapped_column

from scoring.db import Base, created_at_column, id_column


class AuditEntry(Base):
    """Who changed a rule of the game (calendar, scheme, audit verdict, report submission), and how."""

    __tablename__ = "audit_log"

    id: Mapped[uuid.UUID] = id_column()
    at: Mapped[dt.datetime] = created_at_column()
    actor: Mapped[str] = mapped_column(String(80))
    action: Mapped[str] = mapped_column(String(60))
    subject: Mapped[str] = mapped_column(String(200))
    detail: Mapped[dict[str, Any]] = mapped_column(JSONB)
