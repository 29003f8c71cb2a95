"""The garbage collector, tuned once a process has started."""

from __future__ import annotations

import gc


def settle_heap() -> None:
    """Once a process has started: move what it built (modules, routes, models, pools) out of the
    garbage collector's sight, and collect the young generation less often. Otherwise every full
    collection walks the whole startup heap again — a large share of a request or a job that
    allocates many objects (an import batch, a page of the event stream, a recompute)."""
    gc.collect()
    gc.freeze()
    gc.set_threshold(20_000, 20, 20)
