from __future__ import annotations

import datetime as dt
import uuid

from sqlalchemy import DateTime, ForeignKey, String, Text, func
from sqlalchemy.orm import Mapped, mapped_column

from intake.db import Base, created_at_column, fk, id_column


class Agency(Base):
    """A node of the agency tree: city → district office (สำนักงานเขต) → section (ฝ่าย)."""

    __tablename__ = "agencies"

    id: Mapped[uuid.UUID] = id_column()
    code: Mapped[str] = mapped_column(String(32), unique=True)
    name_th: Mapped[str] = mapped_column(String(300))
    name_en: Mapped[str | None] = mapped_column(String(300))
    parent_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey(fk("agencies")), index=True)
    # Materialised ancestry '/<root id>/…/<own id>/': a subtree is one prefix match.
    path: Mapped[str] = mapped_column(Text, index=True)
    active: Mapped[bool] = mapped_column(default=True)
    created_at: Mapped[dt.datetime] = created_at_column()
    updated_at: Mapped[dt.datetime] = mapped_column(
        DateTime(timezone=True), server_default=func.now(), onupdate=func.now()
    )
