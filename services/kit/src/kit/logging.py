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
    structlog.configure(
        processors=[
            structlog.contextvars.merge_contextvars,
            structlog.processors.add_log_level,
            structlog.processors.TimeStamper(fmt="iso", utc=True),
            _add_request_id,
            _add_service(service),
            # Tracebacks without local variables: locals may hold a complainant's contact data.
            structlog.processors.ExceptionRenderer(structlog.tracebacks.ExceptionDictTransformer(show_locals=False)),
            renderer,
        ],
        wrapper_class=structlog.make_filtering_bound_logger(logging.getLevelName(level.upper())),
        logger_factory=structlog.PrintLoggerFactory(_CurrentStderr()),  # type: ignore[arg-type]
        # Not cached: a reconfigured level (tests, a running service told to be verbose) applies to every logger.
        cache_logger_on_first_use=False,
    )
    # Libraries log through the standard library: route it to the same stream, and keep
    # uvicorn's access log off (it would print raw query strings).
    logging.basicConfig(level=level.upper(), stream=sys.stderr, format="%(message)s", force=True)
    logging.getLogger("uvicorn.access").disabled = True
