"""A private Redis server under var/redis (append-only file, so queued jobs survive a restart)."""

from __future__ import annotations

import os
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path


def redis_bin() -> str:
    found = shutil.which("redis-server") or (
        "/usr/bin/redis-server" if os.path.exists("/usr/bin/redis-server") else None
    )
    if not found:
        raise SystemExit("redis-server was not found: install Debian's redis-server package")
    return found


@dataclass
class PrivateRedis:
    root: Path
    port: int
    password: str | None
    persistent: bool = True

    @property
    def url(self) -> str:
        auth = f":{self.password}@" if self.password else ""
        return f"redis://{auth}127.0.0.1:{self.port}/0"

    def write_config(self) -> Path:
        self.root.mkdir(parents=True, exist_ok=True)
        lines = [
            f"port {self.port}",
            "bind 127.0.0.1",
            f"dir {self.root.resolve()}",
            "daemonize no",
            f"logfile {(self.root / 'redis.log').resolve()}",
            "protected-mode yes",
        ]
        if self.persistent:
            lines += ["appendonly yes", "appendfsync everysec", "save 60 1"]
        else:
            lines += ["appendonly no", 'save ""']
        if self.password:
            lines.append(f"requirepass {self.password}")
        config = self.root / "redis.conf"
        config.write_text("\n".join(lines) + "\n")
        os.chmod(config, 0o600)
        return config

    def start(self) -> subprocess.Popen[bytes]:
        config = self.write_config()
        return subprocess.Popen([redis_bin(), str(config)], stdout=subprocess.DEVNULL, start_new_session=True)
