"""An arq worker running beside a test, for the tests that need the real worker loop."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from arq.worker import Worker


@asynccontextmanager
async def running(worker: Worker) -> AsyncIterator[Worker]:
    """Run ``worker`` until the block ends, then stop it once the jobs it has begun have ended.

    arq's own ``close`` cancels the jobs still running and then awaits them, so a job that a cron or
    the test started a moment before (a report's job still finishing after its row said done) would
    end the test with a CancelledError that says nothing about what it checks."""
    loop = asyncio.create_task(worker.async_run())
    try:
        yield worker
    finally:
        loop.cancel()  # no job starts after this
        await asyncio.gather(loop, return_exceptions=True)
        await asyncio.gather(*worker.tasks.values(), return_exceptions=True)
        await worker.close()
