"""The organisation in memory: agencies (with their subtrees), categories, channels, groups.

Every request resolves codes and checks visibility against it, so it is held per process and
reloaded when older than ``ttl`` seconds, when a code is not found (another process may have just
created it), and at once after this process changes it.
"""

from __future__ import annotations

import asyncio
import time
import uuid
from collections.abc import Iterable
from dataclasses import dataclass, field

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from intake.agencies.models import Agency
from intake.catalog.models import Category, Channel, ComplainantGroup, Entry


@dataclass(frozen=True)
class AgencyRef:
    id: uuid.UUID
    code: str
    name_th: str
    name_en: str | None
    parent_id: uuid.UUID | None
    path: str
    active: bool


@dataclass(frozen=True)
class EntryRef:
    id: uuid.UUID
    code: str
    name_th: str
    name_en: str | None
    active: bool


@dataclass
class ReferenceData:
    agencies: dict[uuid.UUID, AgencyRef] = field(default_factory=dict)
    agencies_by_code: dict[str, AgencyRef] = field(default_factory=dict)
    categories: dict[str, EntryRef] = field(default_factory=dict)
    channels: dict[str, EntryRef] = field(default_factory=dict)
    groups: dict[str, EntryRef] = field(default_factory=dict)
    by_id: dict[uuid.UUID, EntryRef] = field(default_factory=dict)
    _subtrees: dict[uuid.UUID, frozenset[uuid.UUID]] = field(default_factory=dict)

    def subtree(self, agency_id: uuid.UUID) -> frozenset[uuid.UUID]:
        """The agency and all agencies below it."""
        cached = self._subtrees.get(agency_id)
        if cached is None:
            root = self.agencies.get(agency_id)
            if root is None:
                return frozenset()
            cached = frozenset(a.id for a in self.agencies.values() if a.path.startswith(root.path))
            self._subtrees[agency_id] = cached
        return cached

    def agency_code(self, agency_id: uuid.UUID | None) -> str | None:
        if agency_id is None:
            return None
        ref = self.agencies.get(agency_id)
        return ref.code if ref else None

    def entry_code(self, entry_id: uuid.UUID | None) -> str | None:
        if entry_id is None:
            return None
        ref = self.by_id.get(entry_id)
        return ref.code if ref else None


async def _load(session: AsyncSession) -> ReferenceData:
    data = ReferenceData()
    for a in (await session.execute(select(Agency))).scalars():
        ref = AgencyRef(a.id, a.code, a.name_th, a.name_en, a.parent_id, a.path, a.active)
        data.agencies[a.id] = ref
        data.agencies_by_code[a.code] = ref
    lists: tuple[tuple[type[Entry], dict[str, EntryRef]], ...] = (
        (Category, data.categories),
        (Channel, data.channels),
        (ComplainantGroup, data.groups),
    )
    for model, target in lists:
        e: Entry
        for e in (await session.execute(select(model))).scalars():
            entry = EntryRef(e.id, e.code, e.name_th, e.name_en, e.active)
            target[e.code] = entry
            data.by_id[e.id] = entry
    return data


class ReferenceCache:
    def __init__(self, ttl: float = 30.0) -> None:
        self._ttl = ttl
        self._data: ReferenceData | None = None
        self._loaded_at = 0.0
        self._lock = asyncio.Lock()

    async def get(self, session: AsyncSession, *, refresh: bool = False) -> ReferenceData:
        if not refresh and self._data is not None and time.monotonic() - self._loaded_at < self._ttl:
            return self._data
        async with self._lock:
            if not refresh and self._data is not None and time.monotonic() - self._loaded_at < self._ttl:
                return self._data
            self._data = await _load(session)
            self._loaded_at = time.monotonic()
            return self._data

    async def covering(self, session: AsyncSession, agency_ids: Iterable[uuid.UUID | None]) -> ReferenceData:
        """The data, reloaded first if it does not know one of these agencies (just created elsewhere)."""
        data = await self.get(session)
        if any(a is not None and a not in data.agencies for a in agency_ids):
            data = await self.get(session, refresh=True)
        return data

    async def snapshot(self, session: AsyncSession) -> ReferenceData:
        """Fresh data as this session sees it (its own uncommitted changes included), not cached."""
        self.invalidate()
        return await _load(session)

    def invalidate(self) -> None:
        self._loaded_at = 0.0
