"""deploy/Dockerfile (read, not built: no Docker engine here) and deploy/healthcheck.py."""

from __future__ import annotations

import http.server
import importlib.util
import json
import re
import threading
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType

import pytest

from stack.services import SERVICES, ServiceSpec
from tests.deploy import files
from tests.deploy.files import DEPLOY, ROOT, dockerfile, stage_env, stage_images
from tests.servers import free_port


def _by_name(spec: ServiceSpec) -> str:
    return spec.name


def _in_stage(stage: str, keyword: str) -> list[str]:
    return [i.value for i in dockerfile() if i.stage == stage and i.keyword == keyword]


# ---- Dockerfile ----------------------------------------------------------------------------------


def test_stages_and_their_bases() -> None:
    images = stage_images()
    assert images.get("frontend") == "node:20-bookworm-slim"
    assert images.get("build") == "python:3.11-slim-bookworm"
    assert images.get("runtime") == "python:3.11-slim-bookworm"
    assert images.get("gateway", "").startswith("nginx:")
    assert list(images)[-1] == "runtime", "a build without --target must give the services' image"


def test_uv_comes_from_pypi_at_the_bootstrap_version() -> None:
    text = (DEPLOY / "Dockerfile").read_text(encoding="utf-8")
    assert not re.search(r"(curl|wget)[^\n]*\|\s*(ba)?sh", text), "no curl-pipe installers"
    pinned = re.search(r'"uv==([0-9.]+)"', (ROOT / "scripts" / "bootstrap").read_text(encoding="utf-8"))
    assert pinned, "scripts/bootstrap no longer pins uv"
    args = dict(v.partition("=")[::2] for v in _in_stage("build", "ARG"))
    assert args.get("UV_VERSION") == pinned[1], "the image and `make setup` should use the same uv"
    assert any("pip install" in run and "uv==${UV_VERSION}" in run for run in _in_stage("build", "RUN"))


def test_python_environment_comes_from_the_lock_file() -> None:
    syncs = [run for run in _in_stage("build", "RUN") if "uv sync" in run]
    assert syncs
    assert all("--frozen" in run and "--no-dev" in run for run in syncs)
    assert stage_env("build").get("UV_PROJECT_ENVIRONMENT") == "/app/.venv"
    copies = _in_stage("build", "COPY")
    assert any(c.split()[0] == "services/" for c in copies), "the workspace packages are not copied"
    assert any("uv.lock" in c for c in copies)


def test_frontend_builds_from_the_services_openapi() -> None:
    runs = " ".join(_in_stage("frontend", "RUN"))
    assert "npm ci" in runs
    assert "npm run build" in runs
    assert any("--from=build" in c and "openapi" in c for c in _in_stage("frontend", "COPY")), (
        "the web app's API types come from the services' OpenAPI documents"
    )
    assert "rongtook openapi" in " ".join(_in_stage("build", "RUN"))
    for stage in ("runtime", "gateway"):
        assert any("--from=frontend" in c for c in _in_stage(stage, "COPY")), f"{stage} lacks the web app"


def test_runtime_image() -> None:
    (user,) = _in_stage("runtime", "USER")
    assert user.split(":")[0] not in ("root", "0"), "the services must not run as root"
    assert _in_stage("runtime", "ENTRYPOINT") == ['["rongtook"]']
    (healthcheck,) = _in_stage("runtime", "HEALTHCHECK")
    assert "healthcheck.py" in healthcheck
    assert any(c.split()[0] == "deploy/healthcheck.py" for c in _in_stage("runtime", "COPY"))
    env = stage_env("runtime")
    assert env["PATH"].startswith("/app/.venv/bin:")
    assert env.get("RONGTOOK_FILES_DIR", "").startswith(env.get("RONGTOOK_VAR_DIR", "?"))
    known = files.known_rongtook_variables()
    unknown = sorted(name for name in env if name.startswith("RONGTOOK_") and name not in known)
    assert not unknown, f"no code reads {unknown}"


def test_gateway_image_runs_deploy_nginx_conf() -> None:
    copies = _in_stage("gateway", "COPY")
    assert "deploy/nginx.conf /etc/nginx/nginx.conf" in copies
    (user,) = _in_stage("gateway", "USER")
    assert user.split(":")[0] not in ("root", "0")
    assert _in_stage("gateway", "HEALTHCHECK")


def test_every_copied_path_exists() -> None:
    for instruction in dockerfile():
        if instruction.keyword != "COPY" or "--from=" in instruction.value:
            continue
        sources = [s for s in instruction.value.split()[:-1] if not s.startswith("--")]
        for source in sources:
            if any(char in source for char in "*?["):
                # BuildKit copies nothing for a wildcard that matches nothing, but fails on one
                # inside a directory that does not exist.
                first = min(source.index(char) for char in "*?[" if char in source)
                assert "/" not in source[:first], f"COPY {source}: put the wildcard in the top-level name"
                continue
            assert (ROOT / source).exists(), f"COPY {source}: no such path in the build context"


# ---- healthcheck.py ------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def healthcheck() -> ModuleType:
    spec = importlib.util.spec_from_file_location("deploy_healthcheck", DEPLOY / "healthcheck.py")
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.mark.parametrize("spec", SERVICES, ids=_by_name)
def test_healthcheck_finds_the_port_of_rongtook_serve(healthcheck: ModuleType, spec: ServiceSpec) -> None:
    rongtook = ["/app/.venv/bin/python", "/app/.venv/bin/rongtook"]
    serve = healthcheck.serve_address
    assert serve([*rongtook, "serve", spec.name, "--host", "0.0.0.0", "--port", "9100"]) == ("127.0.0.1", 9100)
    assert serve([*rongtook, "serve", spec.name, "--port=9101", "--workers", "2"]) == ("127.0.0.1", 9101)
    assert serve([*rongtook, "serve", spec.name]) == ("127.0.0.1", spec.port)
    assert serve([*rongtook, "serve", spec.name, "--host", "10.1.2.3"]) == ("10.1.2.3", spec.port)
    assert serve([*rongtook, "worker", spec.name]) is None
    assert serve([*rongtook, "migrate"]) is None
    assert serve(["/bin/sh", "-ec", "rongtook migrate && rongtook admin ensure-admin"]) is None


def test_healthcheck_reads_the_processes(healthcheck: ModuleType, tmp_path: Path) -> None:
    def process(pid: int, *argv: str) -> None:
        (tmp_path / str(pid)).mkdir()
        (tmp_path / str(pid) / "cmdline").write_bytes(b"\0".join(a.encode() for a in argv) + b"\0")

    (tmp_path / "self").mkdir()
    process(1, "/app/.venv/bin/python", "/app/.venv/bin/rongtook", "worker", "intake")
    assert healthcheck.find_serve_address(tmp_path) is None
    process(7, "/app/.venv/bin/python", "/app/.venv/bin/rongtook", "serve", "intake", "--port", "8123")
    assert healthcheck.find_serve_address(tmp_path) == ("127.0.0.1", 8123)
    target = healthcheck.target_url
    assert target(None, ("127.0.0.1", 8123)) == "http://127.0.0.1:8123/healthz"
    assert target("/readyz", ("127.0.0.1", 8123)) == "http://127.0.0.1:8123/readyz"
    assert target("http://127.0.0.1:1/x", None) == "http://127.0.0.1:1/x"
    assert target(None, None) is None


@pytest.fixture
def local_server() -> Iterator[str]:
    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            status = 200 if self.path == "/healthz" else 503
            body = json.dumps({"status": "ok" if status == 200 else "not_ready"}).encode()
            self.send_response(status)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, format: str, *args: object) -> None:
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(5)


def test_healthcheck_answers_with_the_exit_status(healthcheck: ModuleType, local_server: str) -> None:
    main = healthcheck.main
    assert main(["healthcheck.py", f"{local_server}/healthz"]) == 0
    assert main(["healthcheck.py", f"{local_server}/readyz"]) == 1
    assert main(["healthcheck.py", f"http://127.0.0.1:{free_port()}/healthz"]) == 1
