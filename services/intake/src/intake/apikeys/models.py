from __future__ import annotations

import datetime as dt
import uuid

from sqlalchemy import DateTime, ForeignKey, String
from sqlalchemy.dialects.postgresql import ARRAY
from sqlalchemy.orm import Mapped, mapped_column

from intake.db import Base, created_at_column, fk, id_column


class ApiKey(Base):
    """A key for an integration, bound to an agency and scopes. Only a hash of the secret is kept."""

    __tablename__ = "api_keys"

    id: Mapped[uuid.UUID] = id_column()
    name: Mapped[str] = mapped_column(String(200))
    prefix: Mapped[str] = mapped_column(String(16), unique=True)
    secret_sha256: Mapped[str] = mapped_column(String(64))
    agency_id: Mapped[uuid.UUID] = mapped_column(ForeignKey(fk("agencies")), index=True)
    scopes: Mapped[list[str]] = mapped_column(ARRAY(String(40)))
    active: Mapped[bool] = mapped_column(default=True)
    created_by: Mapped[str] = mapped_column(String(80))
    created_at: Mapped[dt.datetime] = created_at_column()
    revoked_at: Mapped[dt.datetime | None] = mapped_column(DateTime(timezone=True))
    # Kept to within a minute or so (deps.py): enough to tell a key still in use from a forgotten one.
    last_used_at: Mapped[dt.datetime | None] = mapped_column(DateTime(timezone=True))
