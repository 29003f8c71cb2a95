"""Our face over the job queue (arq). Services never import arq; this is the one file to change.

Two halves:
- Producers: a request collects jobs in a :class:`JobBuffer`; only when its transaction commits
  are they handed to the process-wide :class:`JobSender`, which coalesces everything submitted in
  the same few milliseconds (deduplicated by job id) into one Redis round trip. A rollback drops
  the buffer. A failed send is logged and dropped: jobs are wake-up calls, every consumer also runs
  on a schedule, so a lost job only delays work.
- Consumers: :func:`build_worker` turns typed job functions into an arq worker whose functions
  receive the service's own state object instead of arq's untyped context dict.

Jobs may run more than once (arq retries, our own cron): every job must be idempotent.
"""

from __future__ import annotations

import asyncio
import time
import uuid
from collections.abc import AsyncIterator, Awaitable, Callable, Iterable
from contextlib import AbstractAsyncContextManager, suppress
from dataclasses import dataclass, field
from typing import Any, Generic, TypeVar

import orjson
import structlog
from arq import cron as arq_cron
from arq import func as arq_func
from arq.connections import RedisSettings
from arq.worker import Worker
from redis.asyncio import Redis

from kit.heap import settle_heap
from kit.metrics import JOB_SEND_FAILURES, JOBS_SENT

log = structlog.get_logger("kit.jobs")

_JOB_KEY = "arq:job:"
_RESULT_KEY = "arq:result:"
_DEFAULT_TTL_MS = 24 * 3600 * 1000

# Same keys and layout as arq's own enqueue, but as one script so a batch of jobs is one round
# trip: skip when the job id is queued, running or has a kept result (arq's dedup rule).
_ENQUEUE_SCRIPT = """
if redis.call('exists', KEYS[1], KEYS[2]) > 0 then return 0 end
redis.call('psetex', KEYS[1], ARGV[4], ARGV[2])
redis.call('zadd', KEYS[3], ARGV[3], ARGV[1])
return 1
"""


def queue_name(service: str) -> str:
    return f"rongtook:{service}:queue"


def serialize(data: dict[str, Any]) -> bytes:
    return orjson.dumps(data)


def deserialize(payload: bytes) -> dict[str, Any]:
    value = orjson.loads(payload)
    assert isinstance(value, dict)
    return value


@dataclass(frozen=True)
class JobRequest:
    function: str
    queue: str
    job_id: str | None = None
    kwargs: dict[str, Any] = field(default_factory=dict)
    defer_seconds: float = 0.0

    @property
    def dedup_key(self) -> tuple[str, str] | None:
        return (self.queue, self.job_id) if self.job_id else None


class JobBuffer:
    """Jobs asked for during one unit of work; sent only after it commits."""

    def __init__(self) -> None:
        self._jobs: list[JobRequest] = []

    def enqueue(
        self,
        function: str,
        *,
        service: str,
        job_id: str | None = None,
        defer_seconds: float = 0.0,
        **kwargs: Any,
    ) -> None:
        self._jobs.append(JobRequest(function, queue_name(service), job_id, kwargs, defer_seconds))

    def drain(self) -> list[JobRequest]:
        jobs, self._jobs = self._jobs, []
        return jobs

    def discard(self) -> None:
        self._jobs.clear()

    def __len__(self) -> int:
        return len(self._jobs)


class JobSender:
    """Process-wide, coalescing, after-commit job sender."""

    def __init__(self, redis: Redis, *, flush_interval: float = 0.002) -> None:
        self._redis = redis
        self._flush_interval = flush_interval
        self._pending: dict[object, JobRequest] = {}
        self._wakeup = asyncio.Event()
        self._task: asyncio.Task[None] | None = None
        self._script = redis.register_script(_ENQUEUE_SCRIPT)
        self._closed = False
        self.round_trips = 0

    def start(self) -> None:
        if self._task is None:
            self._task = asyncio.create_task(self._run(), name="job-sender")

    def submit(self, jobs: Iterable[JobRequest]) -> None:
        for job in jobs:
            self._pending[job.dedup_key or object()] = job
        if self._pending:
            self._wakeup.set()

    async def _run(self) -> None:
        while not self._closed:
            await self._wakeup.wait()
            # Let the other requests finishing right now add theirs: one round trip for all.
            await asyncio.sleep(self._flush_interval)
            self._wakeup.clear()
            await self.flush()

    async def flush(self) -> int:
        batch, self._pending = list(self._pending.values()), {}
        if not batch:
            return 0
        now_ms = int(time.time() * 1000)
        try:
            async with self._redis.pipeline(transaction=False) as pipe:
                for job in batch:
                    job_id = job.job_id or uuid.uuid4().hex
                    payload = serialize({"t": None, "f": job.function, "a": [], "k": job.kwargs, "et": now_ms})
                    score = now_ms + int(job.defer_seconds * 1000)
                    await self._script(
                        keys=[_JOB_KEY + job_id, _RESULT_KEY + job_id, job.queue],
                        args=[job_id, payload, score, _DEFAULT_TTL_MS + int(job.defer_seconds * 1000)],
                        client=pipe,
                    )
                results = await pipe.execute(raise_on_error=False)
            self.round_trips += 1
        except Exception as exc:  # Redis down: the schedule on the consumer side covers it.
            for job in batch:
                JOB_SEND_FAILURES.labels(job.queue).inc()
            log.warning("job_send_failed", jobs=len(batch), error=type(exc).__name__)
            return 0
        sent = 0
        for job, result in zip(batch, results, strict=True):
            if isinstance(result, Exception):
                JOB_SEND_FAILURES.labels(job.queue).inc()
                log.warning("job_send_failed", function=job.function, error=type(result).__name__)
            elif result:
                JOBS_SENT.labels(job.queue, job.function).inc()
                sent += 1
        return sent

    async def close(self) -> None:
        self._closed = True
        if self._task is not None:
            self._task.cancel()
            with suppress(asyncio.CancelledError):
                await self._task
            self._task = None
        await self.flush()


# ---- consumers -------------------------------------------------------------------------------

StateT = TypeVar("StateT")
_STATE_KEY = "rongtook_state"


@dataclass(frozen=True)
class JobFunction(Generic[StateT]):
    """A job: a coroutine taking the service state and keyword arguments."""

    name: str
    run: Callable[..., Awaitable[Any]]
    keep_result_seconds: int = 0  # 0: a finished job never blocks the next enqueue of its id
    max_tries: int = 5
    timeout_seconds: int = 600


@dataclass(frozen=True)
class CronJob(Generic[StateT]):
    """A job run every ``every_seconds`` (a divisor of 60) or at ``minute`` past each hour."""

    name: str
    run: Callable[[StateT], Awaitable[Any]]
    every_seconds: int | None = None
    minute: int | None = None
    timeout_seconds: int = 600


def _bind(name: str, run: Callable[..., Awaitable[Any]]) -> Callable[..., Awaitable[Any]]:
    async def call(ctx: dict[str, Any], *args: Any, **kwargs: Any) -> Any:
        return await run(ctx[_STATE_KEY], *args, **kwargs)

    call.__qualname__ = call.__name__ = name
    return call


def build_worker(
    *,
    service: str,
    redis_url: str,
    state: Callable[[], AbstractAsyncContextManager[StateT]],
    functions: Iterable[JobFunction[StateT]] = (),
    crons: Iterable[CronJob[StateT]] = (),
    burst: bool = False,
    handle_signals: bool | None = None,
    max_jobs: int = 10,
) -> Worker:
    """An arq worker for ``service``'s queue whose jobs receive the state ``state()`` yields."""
    holder: dict[str, AbstractAsyncContextManager[StateT]] = {}

    async def on_startup(ctx: dict[str, Any]) -> None:
        manager = state()
        holder["manager"] = manager
        ctx[_STATE_KEY] = await manager.__aenter__()
        settle_heap()

    async def on_shutdown(ctx: dict[str, Any]) -> None:
        manager = holder.pop("manager", None)
        if manager is not None:
            await manager.__aexit__(None, None, None)

    arq_functions = [
        arq_func(
            _bind(f.name, f.run),  # type: ignore[arg-type]
            name=f.name,
            keep_result=f.keep_result_seconds,
            max_tries=f.max_tries,
            timeout=f.timeout_seconds,
        )
        for f in functions
    ]
    arq_crons = []
    for c in crons:
        kwargs: dict[str, Any]
        if c.every_seconds is not None:
            kwargs = {"second": set(range(0, 60, c.every_seconds))}
            kwargs["minute"] = None
        else:
            kwargs = {"minute": c.minute or 0, "second": 0}
        arq_crons.append(
            arq_cron(
                _bind(c.name, c.run),  # type: ignore[arg-type]
                name=c.name,
                # One job per scheduled time, however many workers run. (A fixed job id would also
                # be unique, but arq keeps a finished cron job "in progress" for a minute.)
                unique=True,
                run_at_startup=True,
                timeout=c.timeout_seconds,
                keep_result=0,
                **kwargs,
            )
        )
    return Worker(
        functions=arq_functions,
        cron_jobs=arq_crons,
        queue_name=queue_name(service),
        redis_settings=RedisSettings.from_dsn(redis_url),
        on_startup=on_startup,
        on_shutdown=on_shutdown,
        burst=burst,
        max_jobs=max_jobs,
        # A process of its own stops on SIGTERM; a worker inside another program (a test) leaves
        # that program's signals alone.
        handle_signals=not burst if handle_signals is None else handle_signals,
        job_serializer=serialize,
        job_deserializer=deserialize,
        keep_result=0,
        poll_delay=0.2,
        health_check_interval=30,
    )


async def queued_jobs(redis: Redis, service: str) -> AsyncIterator[tuple[str, dict[str, Any]]]:
    """The jobs waiting in ``service``'s queue (for tests and the admin health view)."""
    for raw_id in await redis.zrange(queue_name(service), 0, -1):
        job_id = raw_id.decode() if isinstance(raw_id, bytes) else str(raw_id)
        payload = await redis.get(_JOB_KEY + job_id)
        if payload is not None:
            yield job_id, deserialize(payload)
