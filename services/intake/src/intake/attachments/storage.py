"""Where attachment bytes live. Content-addressed (by sha256), so an identical photo is stored once."""

from __future__ import annotations

import asyncio
import os
import tempfile
from pathlib import Path
from typing import Protocol


class Storage(Protocol):
    async def put(self, sha256: str, source: Path) -> str:
        """Store the file at ``source`` (moved, not copied) and return its storage key."""
        ...

    def path(self, key: str) -> Path:
        """A local path to read the stored bytes from."""
        ...

    def scratch_file(self) -> Path:
        """A temporary file on the same filesystem, to stream an upload into."""
        ...


class LocalStorage:
    def __init__(self, root: Path) -> None:
        self.root = root
        (root / "tmp").mkdir(parents=True, exist_ok=True)

    def _key(self, sha256: str) -> str:
        return f"{sha256[:2]}/{sha256}"

    async def put(self, sha256: str, source: Path) -> str:
        key = self._key(sha256)
        target = self.root / key

        def move() -> None:
            target.parent.mkdir(parents=True, exist_ok=True)
            with open(source, "rb") as handle:
                os.fsync(handle.fileno())
            os.replace(source, target)  # atomic; an identical earlier file is simply replaced

        await asyncio.to_thread(move)
        return key

    def path(self, key: str) -> Path:
        resolved = (self.root / key).resolve()
        if self.root.resolve() not in resolved.parents:
            raise ValueError("storage key outside the storage root")
        return resolved

    def scratch_file(self) -> Path:
        handle, name = tempfile.mkstemp(dir=self.root / "tmp")
        os.close(handle)
        return Path(name)
