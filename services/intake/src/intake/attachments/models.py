from __future__ import annotations

import datetime as dt
import uuid

from sqlalchemy import BigInteger, ForeignKey, String, Uuid
from sqlalchemy.orm import Mapped, mapped_column

from intake.db import Base, created_at_column, fk, id_column


class Attachment(Base):
    __tablename__ = "attachments"

    id: Mapped[uuid.UUID] = id_column()
    complaint_id: Mapped[uuid.UUID] = mapped_column(ForeignKey(fk("complaints")), index=True)
    kind: Mapped[str] = mapped_column(String(8))  # before | after | other
    filename: Mapped[str] = mapped_column(String(255))
    content_type: Mapped[str] = mapped_column(String(100))
    size_bytes: Mapped[int] = mapped_column(BigInteger)
    sha256: Mapped[str] = mapped_column(String(64))
    storage_key: Mapped[str] = mapped_column(String(200))
    uploaded_by: Mapped[str] = mapped_column(String(80))
    event_id: Mapped[uuid.UUID] = mapped_column(Uuid)
    created_at: Mapped[dt.datetime] = created_at_column()
