from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import DateTime, SmallInteger, String, func
from sqlalchemy.dialects.postgresql import JSONB
from sqlalchemy.orm import Mapped, mapped_column

from intake.db import Base


class IdempotentResponse(Base):
    """The first committed response to a (caller, Idempotency-Key), written in the same transaction."""

    __tablename__ = "idempotency_keys"

    principal: Mapped[str] = mapped_column(String(120), primary_key=True)
    key: Mapped[str] = mapped_column(String(200), primary_key=True)
    request_hash: Mapped[str] = mapped_column(String(64))
    status_code: Mapped[int] = mapped_column(SmallInteger)
    response: Mapped[Any] = mapped_column(JSONB)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), server_default=func.now(), index=True)
