"""`rongtook run`: the whole system on its embedded default (ARCHITECTURE: the embedded default).

Starts a private PostgreSQL and Redis under ./var (unless DATABASE_URL / REDIS_URL are given),
migrates every service, starts each service, its worker and the gateway as their own processes,
restarts a process that dies, and on Ctrl-C or SIGTERM stops everything it started — and nothing
else.
"""

from __future__ import annotations

import asyncio
import contextlib
import os
import shutil
import signal
import subprocess
import sys
import time
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path
from types import FrameType

from stack.postgres import Cluster, ensure_database, wait_for_port
from stack.redis_server import PrivateRedis
from stack.secrets import load_or_create
from stack.services import SERVICES, gateway_port

APP_ROLE = "rongtook"
APP_DATABASE = "rongtook"
_RESTARTS_PER_MINUTE = 5


def _cli(*args: str) -> list[str]:
    return [sys.executable, "-m", "stack.cli", *args]


@dataclass
class Child:
    name: str
    command: list[str]
    process: subprocess.Popen[bytes] | None = None
    restarts: list[float] = field(default_factory=list)

    def start(self, env: dict[str, str], log_dir: Path) -> None:
        log = open(log_dir / f"{self.name}.log", "ab")  # noqa: SIM115 - the child owns it
        # A session of its own: Ctrl-C reaches only the launcher, which stops children in order.
        self.process = subprocess.Popen(
            self.command, env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True
        )
        log.close()

    def alive(self) -> bool:
        return self.process is not None and self.process.poll() is None

    def stop(self, timeout: float = 15.0) -> None:
        if self.process is None or self.process.poll() is not None:
            return
        try:
            os.killpg(self.process.pid, signal.SIGTERM)
        except ProcessLookupError:
            return
        try:
            self.process.wait(timeout)
        except subprocess.TimeoutExpired:
            os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait()


def _wait_ready(url: str, timeout: float = 60.0) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=2) as response:  # noqa: S310 - local URL
                if response.status == 200:
                    return True
        except OSError:
            pass
        time.sleep(0.25)
    return False


def _private_cluster(var: Path, secrets: dict[str, str]) -> Cluster:
    return Cluster(var / "pg", int(os.environ.get("RONGTOOK_PG_PORT", "55432")), secrets["postgres_password"])


def _private_redis(var: Path, secrets: dict[str, str]) -> PrivateRedis:
    return PrivateRedis(var / "redis", int(os.environ.get("RONGTOOK_REDIS_PORT", "56379")), secrets["redis_password"])


def embedded_settings(var: Path) -> dict[str, str]:
    """For a command run beside `make run` (`rongtook demo load`, `rongtook admin …`): the embedded
    stack's private servers and secret — each only where the environment does not name its own."""
    if not (var / "secrets.json").exists():
        return {}
    secrets = load_or_create(var)
    found: dict[str, str] = {}
    if not (os.environ.get("DATABASE_URL") or os.environ.get("RONGTOOK_DATABASE_URL")):
        cluster = _private_cluster(var, secrets)
        found["RONGTOOK_DATABASE_URL"] = cluster.url(APP_ROLE, secrets["app_db_password"], APP_DATABASE)
    if not (os.environ.get("REDIS_URL") or os.environ.get("RONGTOOK_REDIS_URL")):
        found["RONGTOOK_REDIS_URL"] = _private_redis(var, secrets).url
    if not os.environ.get("RONGTOOK_JWT_SECRET"):
        found["RONGTOOK_JWT_SECRET"] = secrets["jwt_secret"]
    return found


class Launcher:
    def __init__(self, root: Path) -> None:
        self.root = root
        self.var = root / "var"
        self.host = os.environ.get("RONGTOOK_HOST", "127.0.0.1")
        self.workers = os.environ.get("RONGTOOK_WORKERS", "1")
        self.cluster: Cluster | None = None
        self.redis: subprocess.Popen[bytes] | None = None
        self.children: list[Child] = []
        self.stopping = False

    def _on_signal(self, signum: int, frame: FrameType | None) -> None:
        self.stopping = True

    def run(self) -> int:
        signal.signal(signal.SIGINT, self._on_signal)
        signal.signal(signal.SIGTERM, self._on_signal)
        self.var.mkdir(parents=True, exist_ok=True)
        pid_file = self.var / "rongtook.pid"
        pid_file.write_text(str(os.getpid()))
        try:
            env = self._infrastructure()
            if self.stopping:
                return 130
            self._migrate(env)
            self._start_processes(env)
            if not self._ready():
                print("A service did not become ready; see var/log/*.log", file=sys.stderr)
                return 1
            self._banner(env)
            self._supervise(env)
            return 0
        finally:
            self._shutdown()
            pid_file.unlink(missing_ok=True)

    # -- infrastructure -----------------------------------------------------------------------

    def _infrastructure(self) -> dict[str, str]:
        secrets = load_or_create(self.var)
        database_url = os.environ.get("DATABASE_URL") or os.environ.get("RONGTOOK_DATABASE_URL")
        redis_url = os.environ.get("REDIS_URL") or os.environ.get("RONGTOOK_REDIS_URL")
        if not database_url:
            cluster = _private_cluster(self.var, secrets)
            if not cluster.initialized():
                print("Creating the private PostgreSQL cluster in var/pg …")
                cluster.init()
            if not cluster.running():  # a cluster left running by a killed launcher is ours too
                cluster.start()
            self.cluster = cluster
            admin_url = cluster.url("postgres", secrets["postgres_password"], "postgres")
            asyncio.run(ensure_database(admin_url, APP_ROLE, secrets["app_db_password"], APP_DATABASE))
            database_url = cluster.url(APP_ROLE, secrets["app_db_password"], APP_DATABASE)
        if not redis_url:
            redis = _private_redis(self.var, secrets)
            self.redis = redis.start()
            (self.var / "redis" / "redis.pid").write_text(str(self.redis.pid))
            wait_for_port(redis.port)
            redis_url = redis.url
        env = dict(os.environ)
        env.update(
            RONGTOOK_DATABASE_URL=database_url,
            RONGTOOK_REDIS_URL=redis_url,
            RONGTOOK_JWT_SECRET=os.environ.get("RONGTOOK_JWT_SECRET") or secrets["jwt_secret"],
            RONGTOOK_VAR_DIR=str(self.var.resolve()),
            RONGTOOK_PUBLIC_BASE_URL=os.environ.get("RONGTOOK_PUBLIC_BASE_URL", f"http://{self.host}:{gateway_port()}"),
        )
        for spec in SERVICES:
            env[f"RONGTOOK_{spec.name.upper()}_URL"] = f"http://127.0.0.1:{spec.port}"
        return env

    def _migrate(self, env: dict[str, str]) -> None:
        subprocess.run(_cli("migrate"), env=env, check=True)
        subprocess.run(_cli("admin", "ensure-admin"), env=env, check=True)

    # -- processes ----------------------------------------------------------------------------

    def _start_processes(self, env: dict[str, str]) -> None:
        log_dir = self.var / "log"
        log_dir.mkdir(parents=True, exist_ok=True)
        metrics_root = self.var / "metrics"
        shutil.rmtree(metrics_root, ignore_errors=True)
        for spec in SERVICES:
            metrics = metrics_root / spec.name
            metrics.mkdir(parents=True)
            service_env = dict(env, PROMETHEUS_MULTIPROC_DIR=str(metrics))
            self.children.append(
                Child(spec.name, _cli("serve", spec.name, "--port", str(spec.port), "--workers", self.workers))
            )
            self.children[-1].start(service_env, log_dir)
            if spec.has_worker:
                self.children.append(Child(f"{spec.name}-worker", _cli("worker", spec.name)))
                self.children[-1].start(service_env, log_dir)
        gateway = Child("gateway", _cli("gateway", "--host", self.host, "--port", str(gateway_port())))
        gateway.start(env, log_dir)
        self.children.append(gateway)

    def _ready(self) -> bool:
        urls = [f"http://127.0.0.1:{spec.port}/readyz" for spec in SERVICES]
        urls.append(f"http://127.0.0.1:{gateway_port()}/healthz")
        return all(_wait_ready(url) for url in urls if not self.stopping)

    def _banner(self, env: dict[str, str]) -> None:
        url = f"http://{self.host}:{gateway_port()}"
        print()
        print("  Rongtook (ร้องทุกข์) is running")
        print(f"  Open:            {url}")
        for spec in SERVICES:
            print(f"  {spec.name + ' API:':<16} {url}/api/{spec.name}/docs")
        print("  Administrator:   admin (password: see above at its creation, or $RONGTOOK_ADMIN_PASSWORD)")
        print("  Logs:            var/log/   ·   Stop: Ctrl-C or `make stop`")
        print(flush=True)

    def _supervise(self, env: dict[str, str]) -> None:
        log_dir = self.var / "log"
        while not self.stopping:
            time.sleep(0.5)
            for child in self.children:
                if self.stopping or child.alive():
                    continue
                now = time.monotonic()
                child.restarts = [t for t in child.restarts if now - t < 60] + [now]
                if len(child.restarts) > _RESTARTS_PER_MINUTE:
                    print(f"{child.name} keeps dying; stopping (see var/log/{child.name}.log)", file=sys.stderr)
                    self.stopping = True
                    break
                print(f"{child.name} exited; restarting it", file=sys.stderr)
                child.start(
                    dict(env, PROMETHEUS_MULTIPROC_DIR=str(self.var / "metrics" / child.name.split("-")[0])), log_dir
                )

    def _shutdown(self) -> None:
        # Gateway first (no new requests), then services, then workers, then the stores.
        for child in reversed(self.children):
            child.stop()
        if self.redis is not None and self.redis.poll() is None:
            self.redis.terminate()
            try:
                self.redis.wait(10)
            except subprocess.TimeoutExpired:
                self.redis.kill()
            (self.var / "redis" / "redis.pid").unlink(missing_ok=True)
        if self.cluster is not None:
            self.cluster.stop()
        print("Rongtook stopped.")


def stop(root: Path, timeout: float = 60.0) -> int:
    """`make stop`: ask a running launcher to stop; clean up stores a killed launcher left behind."""
    var = root / "var"
    pid_file = var / "rongtook.pid"
    if pid_file.exists():
        pid = int(pid_file.read_text())
        try:
            os.kill(pid, signal.SIGTERM)
            print(f"Stopping Rongtook (pid {pid}) …")
            deadline = time.monotonic() + timeout
            while time.monotonic() < deadline and pid_file.exists():
                time.sleep(0.2)
        except ProcessLookupError:
            pid_file.unlink(missing_ok=True)
    redis_pid = var / "redis" / "redis.pid"
    if redis_pid.exists():
        with contextlib.suppress(ProcessLookupError, ValueError):
            os.kill(int(redis_pid.read_text()), signal.SIGTERM)
        redis_pid.unlink(missing_ok=True)
    cluster = Cluster(var / "pg", 0, "")
    if cluster.initialized() and cluster.running():
        cluster.stop()
    print("Stopped.")
    return 0
