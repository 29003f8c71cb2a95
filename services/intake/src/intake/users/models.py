from __future__ import annotations

import datetime as dt
import uuid

from sqlalchemy import DateTime, ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column

from intake.db import Base, created_at_column, fk, id_column


class User(Base):
    __tablename__ = "users"

    id: Mapped[uuid.UUID] = id_column()
    username: Mapped[str] = mapped_column(String(64), unique=True)  # stored lower-case
    display_name: Mapped[str] = mapped_column(String(200))
    password_hash: Mapped[str] = mapped_column(String(200))
    role: Mapped[str] = mapped_column(String(32))
    agency_id: Mapped[uuid.UUID] = mapped_column(ForeignKey(fk("agencies")), index=True)
    active: Mapped[bool] = mapped_column(default=True)
    created_at: Mapped[dt.datetime] = created_at_column()
    last_login_at: Mapped[dt.datetime | None] = mapped_column(DateTime(timezone=True))
