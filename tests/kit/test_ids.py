from __future__ import annotations

import uuid

from kit.ids import new_id


def test_ids_are_version_7_and_increase() -> None:
    ids = [new_id() for _ in range(20_000)]
    assert ids == sorted(ids)
    assert len(set(ids)) == len(ids)
    assert all(i.version == 7 and i.variant == uuid.RFC_4122 for i in ids[:100])
