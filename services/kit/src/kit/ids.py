"""Row identifiers: UUIDv7 (RFC 9562), time-ordered so B-tree inserts stay local.

Monotonic within a process: ids made in the same millisecond count up in the 12-bit ``rand_a``
field (RFC 9562 §6.2, method 1), so the events of one request sort in the order they were made.
The random bits only keep processes apart; ids are not secrets (tokens come from ``secrets``), so
a fast generator seeded from the system's entropy serves — imports make ids by the hundred thousand.
"""

from __future__ import annotations

import os
import random
import threading
import time
import uuid

_lock = threading.Lock()
_last_ms = 0
_counter = 0
_COUNTER_MAX = 0xFFF
_random = random.Random(os.urandom(32))


def new_id() -> uuid.UUID:
    global _last_ms, _counter
    with _lock:
        now_ms = time.time_ns() // 1_000_000
        if now_ms > _last_ms:
            _last_ms = now_ms
            _counter = _random.getrandbits(8)  # start low, leave room to count up
        else:
            _counter += 1
            if _counter > _COUNTER_MAX:  # 4096 ids in one millisecond: borrow the next one
                _last_ms += 1
                _counter = 0
        value = (_last_ms & 0xFFFF_FFFF_FFFF) << 80
        value |= 0x7 << 76
        value |= _counter << 64
        value |= 0b10 << 62
        value |= _random.getrandbits(62)
    return uuid.UUID(int=value)
