"""The image's health check: does this container's `rongtook serve` answer?

    python /app/healthcheck.py                  GET /healthz of the `rongtook serve` process running here
    python /app/healthcheck.py /readyz          the same process, another path
    python /app/healthcheck.py http://host/x    that URL

The port comes from that process's own arguments (`--port`, else the service's port in
stack.services). A container running anything else (a worker, a migration) has no HTTP endpoint
and is healthy for as long as its process runs. Exit status 0: healthy, 1: not.
"""

from __future__ import annotations

import sys
import urllib.error
import urllib.request
from pathlib import Path

from stack.services import SERVICES

# A server listening on every address (or on localhost) is reached on the loopback address.
_WILDCARDS = frozenset({"", "0.0.0.0", "::", "localhost"})  # noqa: S104 - addresses compared, not bound


def serve_address(argv: list[str]) -> tuple[str, int] | None:
    """(host, port) to reach the `rongtook serve <service>` that ``argv`` starts, else None."""
    for index, arg in enumerate(argv):
        if Path(arg).name == "rongtook":
            rest = argv[index + 1 :]
            break
    else:
        return None
    if len(rest) < 2 or rest[0] != "serve":
        return None
    options: dict[str, str] = {}
    positional: list[str] = []
    args = iter(rest[1:])
    for arg in args:
        if arg.startswith("--"):
            name, equals, value = arg.partition("=")
            options[name] = value if equals else next(args, "")
        else:
            positional.append(arg)
    if not positional:
        return None
    port = int(options.get("--port") or 0)
    if port == 0:
        known = {spec.name: spec.port for spec in SERVICES}
        if positional[0] not in known:
            return None
        port = known[positional[0]]
    host = options.get("--host", "127.0.0.1")
    return ("127.0.0.1" if host in _WILDCARDS else host), port


def find_serve_address(proc: Path = Path("/proc")) -> tuple[str, int] | None:
    """The address of the first `rongtook serve` process found in ``proc`` (PID 1 first)."""
    pids = sorted((int(p.name) for p in proc.iterdir() if p.name.isdigit()), key=lambda pid: pid != 1)
    for pid in pids:
        try:
            raw = (proc / str(pid) / "cmdline").read_bytes()
        except OSError:
            continue
        address = serve_address([part.decode(errors="replace") for part in raw.split(b"\0") if part])
        if address is not None:
            return address
    return None


def target_url(argument: str | None, address: tuple[str, int] | None) -> str | None:
    if argument and "://" in argument:
        return argument
    if address is None:
        return None
    host, port = address
    if ":" in host:
        host = f"[{host}]"
    return f"http://{host}:{port}{argument or '/healthz'}"


def main(argv: list[str]) -> int:
    argument = argv[1] if len(argv) > 1 else None
    url = target_url(argument, None if argument and "://" in argument else find_serve_address())
    if url is None:
        return 0  # nothing here serves HTTP: healthy while the process runs
    try:
        with urllib.request.urlopen(url, timeout=4) as response:  # noqa: S310 - a URL of this container
            return 0 if response.status == 200 else 1
    except (urllib.error.URLError, OSError) as exc:
        print(f"unhealthy: {url}: {exc}", file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main(sys.argv))
