"""deploy/compose.yml is valid and runs every service of stack.services (and its worker).

No Docker engine here: the file is interpolated as Compose would (tests/deploy/files.py), checked
against the Compose Specification's JSON schema where check-jsonschema (which ships it) is
installed, and checked against the service registry and the code's settings."""

from __future__ import annotations

import importlib.resources
import json
from typing import Any
from urllib.parse import urlsplit

import pytest

from stack.services import SERVICES, ServiceSpec
from tests.deploy import files
from tests.deploy.files import TEST_ENV, command, compose, compose_raw, depends_on, environment, option, services

INFRASTRUCTURE = ("postgres", "redis", "migrate", "gateway")
SECRETS = ("POSTGRES_PASSWORD", "REDIS_PASSWORD", "RONGTOOK_JWT_SECRET")
CONDITIONS = {"service_started", "service_healthy", "service_completed_successfully"}


def _by_name(spec: ServiceSpec) -> str:
    return spec.name


def _service(name: str) -> dict[str, Any]:
    service = services().get(name)
    assert service is not None, f"compose.yml has no service '{name}'"
    return service


def _rongtook_image() -> str:
    image = services()["migrate"]["image"]
    assert isinstance(image, str)
    return image


def _rongtook_services() -> dict[str, dict[str, Any]]:
    """The services that run the Rongtook image (as opposed to postgres, redis, nginx)."""
    return {name: s for name, s in services().items() if s.get("image") == _rongtook_image()}


def _processes() -> dict[str, dict[str, Any]]:
    """The services that run a Rongtook service or worker: the ones that need its settings."""
    return {name: s for name, s in _rongtook_services().items() if name != "migrate"}


# ---- valid --------------------------------------------------------------------------------------


def test_compose_file_matches_the_compose_specification_schema() -> None:
    jsonschema = pytest.importorskip(
        "jsonschema", reason="add check-jsonschema (it ships the Compose Specification schema) to the dev group"
    )
    pytest.importorskip(
        "check_jsonschema", reason="add check-jsonschema (it ships the Compose Specification schema) to the dev group"
    )
    resource = importlib.resources.files("check_jsonschema.builtin_schemas.vendor") / "compose-spec.json"
    schema = json.loads(resource.read_text(encoding="utf-8"))
    validator_class = jsonschema.validators.validator_for(schema)
    validator_class.check_schema(schema)
    errors = sorted(validator_class(schema).iter_errors(compose()), key=lambda e: list(e.absolute_path))
    assert not errors, "\n".join(f"{'/'.join(map(str, e.absolute_path))}: {e.message}" for e in errors)


def test_compose_file_has_the_shape_compose_reads() -> None:
    document = compose()
    allowed = {"name", "services", "volumes", "networks", "secrets", "configs", "include"}
    unknown = {key for key in document if key not in allowed and not key.startswith("x-")}
    assert not unknown, f"top-level keys Compose does not know: {unknown}"
    assert "version" not in document, "`version` is obsolete in the Compose Specification"
    for name, service in services().items():
        assert isinstance(service, dict), name
        assert "image" in service or "build" in service, f"{name}: neither image nor build"
        for key in ("command", "entrypoint"):
            value = service.get(key)
            assert value is None or isinstance(value, str | list), f"{name}.{key}"
        healthcheck = service.get("healthcheck") or {}
        if not healthcheck.get("disable"):
            test = healthcheck.get("test")
            assert test is None or (isinstance(test, list) and test[0] in {"CMD", "CMD-SHELL", "NONE"}), name
        for port in service.get("ports") or []:
            assert isinstance(port, str | int | dict), f"{name}.ports: {port!r}"


def test_compose_file_interpolates_only_with_its_secrets_set() -> None:
    """`${VAR:?…}` makes `docker compose` refuse to start without the secrets."""
    text = files.compose_text()
    used = files.variables(text)
    for secret in SECRETS:
        assert used.get(secret) == {":?"}, f"{secret} is not required with ${{{secret}:?…}} everywhere"
    for secret in SECRETS:
        env = {k: v for k, v in TEST_ENV.items() if k != secret}
        with pytest.raises(files.MissingVariableError, match=secret):
            files.interpolate_tree(compose_raw(), env)
    with pytest.raises(files.MissingVariableError):
        files.interpolate_tree(compose_raw(), {**TEST_ENV, "RONGTOOK_JWT_SECRET": ""})


def test_every_required_variable_is_in_env_example() -> None:
    example = (files.DEPLOY / "env.example").read_text(encoding="utf-8")
    listed = {line.lstrip("# ").partition("=")[0] for line in example.splitlines() if "=" in line}
    used = files.variables(files.compose_text())
    missing = sorted(name for name in used if name not in listed)
    assert not missing, f"deploy/env.example does not mention {missing}"
    required = sorted(name for name, ops in used.items() if ops & {":?", "?"})
    for name in required:
        assert f"\n{name}=" in "\n" + example, f"env.example: the required {name} is not an uncommented line"


# ---- names every service ------------------------------------------------------------------------


def test_infrastructure_services_are_there() -> None:
    missing = [name for name in INFRASTRUCTURE if name not in services()]
    assert not missing, f"compose.yml has no {missing}"


@pytest.mark.parametrize("spec", SERVICES, ids=_by_name)
def test_every_registered_service_is_served(spec: ServiceSpec) -> None:
    service = services().get(spec.name)
    assert service is not None, f"compose.yml has no service '{spec.name}' (stack.services registers it)"
    assert service.get("image") == _rongtook_image(), f"{spec.name}: not the Rongtook image"
    args = command(service)
    assert args[:2] == ["serve", spec.name], f"{spec.name}: command {args}"
    assert option(args, "--host") == "0.0.0.0", f"{spec.name}: must listen on every address"
    assert option(args, "--port") in (None, str(files.port(spec))), f"{spec.name}: port other than {files.port(spec)}"
    assert int(option(args, "--workers") or 1) >= 1
    assert "entrypoint" not in service, f"{spec.name}: the image's entrypoint is `rongtook`"
    check = command(service.get("healthcheck") or {}, "test")
    assert any("/readyz" in part for part in check), f"{spec.name}: healthcheck is not on /readyz"


@pytest.mark.parametrize("spec", SERVICES, ids=_by_name)
def test_every_registered_worker_runs(spec: ServiceSpec) -> None:
    name = f"{spec.name}-worker"
    if not spec.has_worker:
        assert name not in services(), f"{spec.name} has no worker in stack.services"
        return
    service = services().get(name)
    assert service is not None, f"compose.yml has no service '{name}' (stack.services gives {spec.name} a worker)"
    assert service.get("image") == _rongtook_image()
    assert command(service) == ["worker", spec.name]


def test_no_rongtook_service_outside_the_registry() -> None:
    expected = {"migrate"}
    for spec in SERVICES:
        expected.add(spec.name)
        if spec.has_worker:
            expected.add(f"{spec.name}-worker")
    found = set(_rongtook_services())
    assert found == expected, f"missing {sorted(expected - found)}, not in stack.services {sorted(found - expected)}"


def test_rongtook_services_build_the_runtime_image() -> None:
    stages = set(files.stage_images())
    for name, service in _rongtook_services().items():
        build = service.get("build")
        assert isinstance(build, dict), f"{name}: no build section"
        assert build.get("dockerfile") == "deploy/Dockerfile"
        assert build.get("context") == ".."
        assert build.get("target") in stages, f"{name}: no stage {build.get('target')!r} in the Dockerfile"
    gateway_build = services()["gateway"].get("build") or {}
    assert gateway_build.get("target") in stages


def test_migrate_runs_migrations_then_ensures_the_admin() -> None:
    migrate = services()["migrate"]
    script = " ".join(command(migrate, "entrypoint") + command(migrate))
    assert "rongtook migrate" in script, script
    assert "rongtook admin ensure-admin" in script, script
    assert script.index("rongtook migrate") < script.index("rongtook admin ensure-admin")
    assert "&&" in script, "ensure-admin must not run after a failed migration"
    assert migrate.get("restart") in ("no", None), "a one-shot job must not be restarted"
    needs = depends_on(migrate)
    for store in ("postgres", "redis"):
        assert needs.get(store, {}).get("condition") == "service_healthy", f"migrate does not wait for {store}"


def test_postgres_and_redis() -> None:
    postgres, redis = services()["postgres"], services()["redis"]
    assert str(postgres["image"]).startswith("postgres:15")
    initdb = environment(postgres).get("POSTGRES_INITDB_ARGS") or ""
    assert "UTF8" in initdb.replace("-", "").upper(), "pg_trgm on Thai needs a UTF-8 database"
    assert "C.UTF-8" in initdb, "pg_trgm on Thai needs a UTF-8 ctype"
    assert any(str(v).endswith(":/var/lib/postgresql/data") for v in postgres.get("volumes", []))
    assert postgres.get("healthcheck", {}).get("test")
    assert str(redis["image"]).startswith("redis:7")
    redis_args = command(redis)
    assert option(redis_args, "--appendonly") == "yes"
    assert option(redis_args, "--maxmemory-policy") in (None, "noeviction"), "the job queue must never be evicted"
    assert any(str(v).endswith(":/data") for v in redis.get("volumes", []))
    assert redis.get("healthcheck", {}).get("test")


def test_gateway_publishes_8000_and_waits_for_every_service() -> None:
    gateway = services()["gateway"]
    assert any(str(port).split(":")[-1] == "8000" for port in gateway.get("ports", [])), "8000 is not published"
    assert any(str(v).startswith("./nginx.conf:") for v in gateway.get("volumes", [])) or (
        (gateway.get("build") or {}).get("target") == "gateway"
    ), "the gateway does not run deploy/nginx.conf"
    needs = depends_on(gateway)
    for spec in SERVICES:
        assert needs.get(spec.name, {}).get("condition") == "service_healthy", f"gateway starts before {spec.name}"
    published = [name for name, s in services().items() if s.get("ports") and name != "gateway"]
    assert not published, f"only the gateway is reachable from outside; {published} publish ports"


# ---- depends_on, environment, volumes -----------------------------------------------------------


def test_every_depends_on_target_exists() -> None:
    for name, service in services().items():
        for target, options in depends_on(service).items():
            assert target in services(), f"{name} depends on '{target}', which is not a service"
            assert target != name
            assert options.get("condition", "service_started") in CONDITIONS, f"{name} -> {target}"
            if options.get("condition") == "service_healthy":
                healthcheck = services()[target].get("healthcheck") or {}
                image_has_one = services()[target].get("image") == _rongtook_image()
                message = f"{name} waits for {target} to be healthy, and it has no health check"
                assert healthcheck.get("test") or image_has_one, message
                assert not healthcheck.get("disable"), message


def test_services_and_workers_start_after_the_migration() -> None:
    for name, service in _processes().items():
        needs = depends_on(service)
        assert needs.get("migrate", {}).get("condition") == "service_completed_successfully", name


def test_every_process_gets_what_it_needs_from_the_environment() -> None:
    postgres = environment(services()["postgres"])
    for name, service in _rongtook_services().items():
        env = environment(service)
        database = urlsplit(env.get("RONGTOOK_DATABASE_URL") or env.get("DATABASE_URL") or "")
        assert database.scheme in ("postgresql", "postgres"), f"{name}: no PostgreSQL URL"
        assert (database.hostname, database.port or 5432) == ("postgres", 5432), f"{name}: {database.hostname}"
        assert database.username == postgres["POSTGRES_USER"]
        assert database.password == postgres["POSTGRES_PASSWORD"]
        assert database.path == "/" + str(postgres["POSTGRES_DB"])
        if name == "migrate":
            continue
        redis = urlsplit(env.get("RONGTOOK_REDIS_URL") or env.get("REDIS_URL") or "")
        assert (redis.scheme, redis.hostname, redis.port or 6379) == ("redis", "redis", 6379), f"{name}: {redis}"
        assert redis.password == TEST_ENV["REDIS_PASSWORD"]
        assert len(env.get("RONGTOOK_JWT_SECRET") or "") >= 32, f"{name}: RONGTOOK_JWT_SECRET"
        for spec in SERVICES:
            variable = files.service_url_variable(spec)
            assert env.get(variable) == files.service_url(spec), f"{name}: {variable}"


@pytest.mark.parametrize("spec", SERVICES, ids=_by_name)
def test_public_base_url_reaches_the_service(spec: ServiceSpec) -> None:
    fields = {name for cls in files.settings_classes(spec) for name in cls.model_fields}
    if "public_base_url" in fields:
        assert environment(_service(spec.name)).get("RONGTOOK_PUBLIC_BASE_URL")


def test_every_rongtook_variable_is_one_the_code_reads() -> None:
    known = files.known_rongtook_variables()
    for name, service in services().items():
        unknown = sorted(v for v in environment(service) if v.startswith("RONGTOOK_") and v not in known)
        assert not unknown, f"{name}: no code reads {unknown}"


def test_every_named_volume_is_declared_and_used() -> None:
    declared = set(compose().get("volumes") or {})
    used: set[str] = set()
    for name, service in services().items():
        for volume in service.get("volumes") or []:
            source = volume.get("source") if isinstance(volume, dict) else str(volume).split(":")[0]
            kind = volume.get("type", "volume") if isinstance(volume, dict) else None
            if not source or kind not in (None, "volume") or source.startswith((".", "/", "~", "$")):
                continue  # a bind mount or anonymous volume
            assert source in declared, f"{name} mounts the undeclared volume '{source}'"
            used.add(source)
    assert declared == used, f"declared and never mounted: {declared - used}"


@pytest.mark.parametrize("spec", SERVICES, ids=_by_name)
def test_attachments_live_on_a_volume(spec: ServiceSpec) -> None:
    fields = {name for cls in files.settings_classes(spec) for name in cls.model_fields}
    if "files_dir" not in fields:
        return
    files_dir = files.stage_env("runtime").get("RONGTOOK_FILES_DIR")
    assert files_dir, "the image does not set RONGTOOK_FILES_DIR"
    declared = set(compose().get("volumes") or {})
    names = [spec.name] + ([f"{spec.name}-worker"] if spec.has_worker else [])
    for name in names:
        env_dir = environment(_service(name)).get("RONGTOOK_FILES_DIR") or files_dir
        mounts = [str(v).split(":") for v in _service(name).get("volumes") or []]
        assert any(m[0] in declared and m[1] == env_dir for m in mounts if len(m) >= 2), (
            f"{name}: no named volume on {env_dir} (attachments would be lost with the container)"
        )
