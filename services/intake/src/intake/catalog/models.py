"""Admin-managed lists: complaint categories, channels and complainant groups (SPEC §2)."""

from __future__ import annotations

import uuid

from sqlalchemy import String
from sqlalchemy.orm import Mapped, mapped_column

from intake.db import Base, id_column


class Entry:
    id: Mapped[uuid.UUID] = id_column()
    code: Mapped[str] = mapped_column(String(40), unique=True)
    name_th: Mapped[str] = mapped_column(String(200))
    name_en: Mapped[str | None] = mapped_column(String(200))
    active: Mapped[bool] = mapped_column(default=True)
    sort_order: Mapped[int] = mapped_column(default=0)


class Category(Entry, Base):
    """ประเภทเรื่อง."""

    __tablename__ = "categories"


class Channel(Entry, Base):
    """ช่องทาง."""

    __tablename__ = "channels"


class ComplainantGroup(Entry, Base):
    """กลุ่มผู้ร้องเรียน / กลุ่มผู้รับบริการ."""

    __tablename__ = "complainant_groups"
