"""Service-to-service HTTP: a client that authenticates with a service token, propagates the
request id, and retries idempotent calls on connection errors and 502/503/504."""

from __future__ import annotations

import asyncio
from typing import Any

import httpx

from kit.auth import issue_service_token
from kit.logging import request_id_var

_RETRY_STATUSES = frozenset({502, 503, 504})


class ServiceClient:
    def __init__(self, base_url: str, *, secret: str, caller: str, timeout: float = 30.0, retries: int = 3) -> None:
        self._secret = secret
        self._caller = caller
        self._retries = retries
        self._client = httpx.AsyncClient(base_url=base_url, timeout=timeout)

    def _headers(self) -> dict[str, str]:
        headers = {"Authorization": f"Bearer {issue_service_token(self._secret, self._caller, 300)}"}
        request_id = request_id_var.get()
        if request_id:
            headers["X-Request-ID"] = request_id
        return headers

    async def get(self, path: str, params: dict[str, Any] | None = None) -> httpx.Response:
        delay = 0.2
        for attempt in range(self._retries + 1):
            try:
                response = await self._client.get(path, params=params, headers=self._headers())
            except httpx.TransportError:
                if attempt == self._retries:
                    raise
            else:
                if response.status_code not in _RETRY_STATUSES or attempt == self._retries:
                    return response
            await asyncio.sleep(delay)
            delay *= 2
        raise AssertionError("unreachable")

    async def post(
        self, path: str, json: Any, *, idempotency_key: str | None = None, authorization: str | None = None
    ) -> httpx.Response:
        """``authorization``: act as the user who asked (their own header) instead of as this service."""
        headers = self._headers()
        if authorization:
            headers["Authorization"] = authorization
        if idempotency_key:
            headers["Idempotency-Key"] = idempotency_key
        return await self._client.post(path, json=json, headers=headers)

    async def aclose(self) -> None:
        await self._client.aclose()
