"""Secrets of the embedded stack, generated once and kept in var/secrets.json (mode 600)."""

from __future__ import annotations

import json
import os
import secrets
from pathlib import Path

_KEYS = ("jwt_secret", "postgres_password", "app_db_password", "redis_password")


def load_or_create(var_dir: Path) -> dict[str, str]:
    path = var_dir / "secrets.json"
    data: dict[str, str] = {}
    if path.exists():
        data = json.loads(path.read_text())
    missing = [k for k in _KEYS if not data.get(k)]
    if missing:
        for key in missing:
            data[key] = secrets.token_urlsafe(32)
        var_dir.mkdir(parents=True, exist_ok=True)
        tmp = path.with_suffix(".tmp")
        tmp.write_text(json.dumps(data, indent=2))
        os.chmod(tmp, 0o600)
        tmp.replace(path)
    return data
