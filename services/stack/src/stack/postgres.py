"""A private PostgreSQL cluster (the embedded default and the test runs).

PostgreSQL refuses to run as root: when we are root, the cluster belongs to and runs as the
``postgres`` system user that Debian's package creates.
"""

from __future__ import annotations

import glob
import os
import pwd
import shutil
import socket
import subprocess
import time
from dataclasses import dataclass
from pathlib import Path

import asyncpg


def pg_bin(tool: str) -> str:
    candidates = sorted(glob.glob(f"/usr/lib/postgresql/*/bin/{tool}"), key=lambda p: int(p.split("/")[4]))
    if candidates:
        return candidates[-1]
    found = shutil.which(tool)
    if found:
        return found
    raise SystemExit(f"PostgreSQL's {tool} was not found: install Debian's postgresql package")


def _as_owner(command: list[str]) -> list[str]:
    if os.geteuid() == 0:
        return ["runuser", "-u", "postgres", "--", *command]
    return command


def _owner_ids() -> tuple[int, int]:
    if os.geteuid() == 0:
        entry = pwd.getpwnam("postgres")
        return entry.pw_uid, entry.pw_gid
    return os.getuid(), os.getgid()


def _grant_traverse(path: Path) -> None:
    """The postgres user must be able to walk down to the data directory."""
    if os.geteuid() != 0:
        return
    for parent in reversed(path.resolve().parents):
        mode = parent.stat().st_mode
        if not mode & 0o001:
            os.chmod(parent, mode | 0o001)
            print(f"note: allowed the postgres user to traverse {parent} (chmod o+x)")


def _memory_bytes() -> int:
    try:
        with open("/proc/meminfo") as meminfo:
            for line in meminfo:
                if line.startswith("MemTotal:"):
                    return int(line.split()[1]) * 1024
    except OSError:
        pass
    return 4 * 1024**3


def server_settings() -> dict[str, str]:
    """A cluster sized for this machine rather than PostgreSQL's minimal defaults: the database is
    the busiest process of the stack. A quarter of the memory (at most 2 GB) for its own cache, and
    checkpoints far apart — each one makes every page's next change write the whole page to the WAL,
    which costs more than the change on an insert-heavy load."""
    shared = min(_memory_bytes() // 4, 2 * 1024**3)
    return {
        "max_connections": "300",
        "shared_buffers": f"{shared // (1024 * 1024)}MB",
        "effective_cache_size": f"{_memory_bytes() // 2 // (1024 * 1024)}MB",
        "max_wal_size": "4GB",
        "checkpoint_timeout": "15min",
        "wal_compression": "on",
        "maintenance_work_mem": "256MB",
    }


@dataclass
class Cluster:
    root: Path  # holds data/, run/ (socket) and postgresql.log
    port: int
    superuser_password: str

    @property
    def data(self) -> Path:
        return self.root / "data"

    @property
    def socket_dir(self) -> Path:
        return self.root / "run"

    @property
    def log(self) -> Path:
        return self.root / "postgresql.log"

    def url(self, user: str, password: str, database: str) -> str:
        return f"postgresql://{user}:{password}@127.0.0.1:{self.port}/{database}"

    def initialized(self) -> bool:
        return (self.data / "PG_VERSION").exists()

    def init(self) -> None:
        uid, gid = _owner_ids()
        for directory in (self.root, self.socket_dir):
            directory.mkdir(parents=True, exist_ok=True)
            os.chown(directory, uid, gid)
        _grant_traverse(self.root)
        pwfile = self.root / ".pwfile"
        pwfile.write_text(self.superuser_password + "\n")
        os.chown(pwfile, uid, gid)
        os.chmod(pwfile, 0o600)
        try:
            subprocess.run(
                _as_owner(
                    [
                        pg_bin("initdb"),
                        "-D",
                        str(self.data),
                        "--encoding=UTF8",
                        "--locale=C.UTF-8",
                        "-U",
                        "postgres",
                        "--auth-local=peer",
                        "--auth-host=scram-sha-256",
                        f"--pwfile={pwfile}",
                    ]
                ),
                check=True,
                stdout=subprocess.DEVNULL,
            )
        finally:
            pwfile.unlink(missing_ok=True)

    def running(self) -> bool:
        result = subprocess.run(
            _as_owner([pg_bin("pg_ctl"), "-D", str(self.data), "status"]),
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        return result.returncode == 0

    def start(self, *, fast: bool = False) -> None:
        options = f"-p {self.port} -k {self.socket_dir} -c listen_addresses=127.0.0.1 " + " ".join(
            f"-c {name}={value}" for name, value in server_settings().items()
        )
        if fast:
            # Throwaway test clusters: nothing here has to survive a crash.
            options += " -c fsync=off -c synchronous_commit=off -c full_page_writes=off"
        subprocess.run(
            _as_owner(
                [pg_bin("pg_ctl"), "-D", str(self.data), "-o", options, "-l", str(self.log), "-w", "-t", "60", "start"]
            ),
            check=True,
            stdout=subprocess.DEVNULL,
        )

    def stop(self) -> None:
        if self.data.exists():
            subprocess.run(
                _as_owner([pg_bin("pg_ctl"), "-D", str(self.data), "-m", "fast", "-w", "stop"]),
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
            )

    def postmaster_pid(self) -> int | None:
        pid_file = self.data / "postmaster.pid"
        try:
            return int(pid_file.read_text().split("\n", 1)[0])
        except (OSError, ValueError):
            return None


async def ensure_database(admin_url: str, role: str, password: str, database: str) -> None:
    """Create the application role and its database (UTF-8) unless they exist; keep the password current."""
    conn = await asyncpg.connect(admin_url)
    try:
        exists = await conn.fetchval("SELECT 1 FROM pg_roles WHERE rolname = $1", role)
        quoted_password = password.replace("'", "''")
        if exists:
            await conn.execute(f"ALTER ROLE {role} WITH LOGIN PASSWORD '{quoted_password}'")
        else:
            await conn.execute(f"CREATE ROLE {role} WITH LOGIN PASSWORD '{quoted_password}'")
        if not await conn.fetchval("SELECT 1 FROM pg_database WHERE datname = $1", database):
            await conn.execute(
                f"CREATE DATABASE {database} OWNER {role} ENCODING 'UTF8' LC_COLLATE 'C.UTF-8' "
                f"LC_CTYPE 'C.UTF-8' TEMPLATE template0"
            )
    finally:
        await conn.close()


def wait_for_port(port: int, timeout: float = 30.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        with socket.socket() as s:
            if s.connect_ex(("127.0.0.1", port)) == 0:
                return
        time.sleep(0.1)
    raise TimeoutError(f"nothing listens on port {port}")
