"""JSON-lines logging with a request id carried across services.

Nothing personal goes into logs: the access log records the route template (never the raw path
or query string, which may carry a phone number being searched) and the principal's id.
"""

from __future__ import annotations

import logging
import sys
from contextvars import ContextVar

import orjson
import structlog
import structlog.tracebacks

request_id_var: ContextVar[str | None] = ContextVar("request_id", default=None)


def _add_request_id(logger: object, method: str, event: structlog.types.EventDict) -> structlog.types.EventDict:
    request_id = request_id_var.get()
    if request_id is not None:
        event.setdefault("request_id", request_id)
    return event


def _add_service(service: str) -> structlog.types.Processor:
    def add(logger: object, method: str, event: structlog.types.EventDict) -> structlog.types.EventDict:
        event.setdefault("service", service)
        return event

    return add


def _dumps(obj: object, default: object = None) -> str:
    return orjson.dumps(obj, default=str).decode()


class _CurrentStderr:
    """Whatever sys.stderr is at the time of writing (test runners and daemons swap it)."""

    def write(self, text: str) -> int:
        return sys.stderr.write(text)

    def flush(self) -> None:
        sys.stderr.flush()


def configure_logging(service: str, level: str = "INFO", json: bool = True) -> None:
    renderer: structlog.types.Processor = (
        structlog.processors.JSONRenderer(serializer=_dumps) if json else structlog.dev.ConsoleRenderer()
    )
    shared: list[structlog.types.Processor] = [
        structlog.processors.add_log_level,
        structlog.processors.TimeStamper(fmt="iso", utc=True),
        _add_request_id,
        _add_service(service),
    ]
    # Tracebacks without local variables: locals may hold a complainant's contact data.
    exceptions = structlog.processors.ExceptionRenderer(
        structlog.tracebacks.ExceptionDictTransformer(show_locals=False)
    )
    structlog.configure(
        processors=[structlog.contextvars.merge_contextvars, *shared, exceptions, renderer],
        wrapper_class=structlog.make_filtering_bound_logger(logging.getLevelName(level.upper())),
        logger_factory=structlog.PrintLoggerFactory(_CurrentStderr()),  # type: ignore[arg-type]
        # Not cached: a reconfigured level (tests, a running service told to be verbose) applies to every logger.
        cache_logger_on_first_use=False,
    )
    # Libraries (uvicorn, arq, SQLAlchemy) log through the standard library: the same lines, on the
    # same stream.
    handler = logging.StreamHandler(_CurrentStderr())
    handler.setFormatter(
        structlog.stdlib.ProcessorFormatter(
            foreign_pre_chain=[structlog.stdlib.add_logger_name, *shared],
            processors=[structlog.stdlib.ProcessorFormatter.remove_processors_meta, exceptions, renderer],
        )
    )
    root = logging.getLogger()
    root.handlers[:] = [handler]
    root.setLevel(level.upper())
    # uvicorn's access log is ours (kit.middleware): its own would print raw query strings.
    logging.getLogger("uvicorn.access").disabled = True
    # Quieter than INFO: httpx logs every call's full URL, query string (a phone number searched)
    # included; arq reports every job's start and end, a line a second for the crons alone.
    for name in ("httpx", "httpcore", "arq"):
        logging.getLogger(name).setLevel(max(root.level, logging.WARNING))
