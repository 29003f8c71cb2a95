"""deploy/k8s/: plain manifests that parse, that kustomization.yaml lists, and that run every
service of stack.services. No cluster here: `kubectl kustomize` runs where kubectl is installed."""

from __future__ import annotations

import shutil
import subprocess
from typing import Any

import pytest
import yaml

from stack.services import SERVICES, ServiceSpec
from tests.deploy import files
from tests.deploy.files import K8S, containers, k8s_files, kustomization, manifest, manifests, option, pod_spec

NEEDED = ("RONGTOOK_DATABASE_URL", "RONGTOOK_REDIS_URL", "RONGTOOK_JWT_SECRET")


def _by_name(spec: ServiceSpec) -> str:
    return spec.name


def _workloads() -> list[dict[str, Any]]:
    return [m.doc for m in manifests() if m.kind in {"Deployment", "Job", "StatefulSet", "DaemonSet"}]


def _config_map() -> dict[str, str]:
    data: dict[str, str] = {}
    for m in manifests():
        if m.kind == "ConfigMap":
            data.update({str(k): str(v) for k, v in (m.doc.get("data") or {}).items()})
    return data


def _container_env(container: dict[str, Any]) -> dict[str, str | None]:
    """The variables a container gets: envFrom ConfigMaps (values known) and Secrets, then env."""
    env: dict[str, str | None] = {}
    for source in container.get("envFrom") or []:
        if "configMapRef" in source:
            data = manifest("ConfigMap", source["configMapRef"]["name"]).get("data") or {}
            env.update({str(k): str(v) for k, v in data.items()})
        if "secretRef" in source:
            secret = manifest("Secret", source["secretRef"]["name"])
            env.update({str(k): None for k in {**(secret.get("data") or {}), **(secret.get("stringData") or {})}})
    for item in container.get("env") or []:
        env[item["name"]] = str(item["value"]) if "value" in item else None
    return env


def _only_container(workload: dict[str, Any]) -> dict[str, Any]:
    (container,) = containers(workload, init=False)
    return container


def test_every_manifest_parses_and_is_named() -> None:
    assert manifests()
    for m in manifests():
        assert m.doc.get("apiVersion"), f"{m.path.name}: no apiVersion"
        assert m.doc.get("kind"), f"{m.path.name}: no kind"
        assert (m.doc.get("metadata") or {}).get("name"), f"{m.path.name}: no metadata.name"
    keys = [(m.kind, m.name) for m in manifests()]
    assert len(keys) == len(set(keys)), "two manifests of one kind share a name"


def test_kustomization_lists_every_file() -> None:
    resources = [str(r) for r in kustomization().get("resources") or []]
    assert len(resources) == len(set(resources))
    assert sorted(resources) == sorted(p.name for p in k8s_files()), "kustomization.yaml and k8s/ disagree"
    for resource in resources:
        assert (K8S / resource).is_file(), resource


def test_kustomize_builds() -> None:
    kubectl = shutil.which("kubectl")
    if kubectl is None:
        pytest.skip("kubectl is not installed")
    result = subprocess.run([kubectl, "kustomize", str(K8S)], capture_output=True, text=True, timeout=120, check=False)
    assert result.returncode == 0, result.stderr
    built = [doc for doc in yaml.safe_load_all(result.stdout) if doc]
    assert len(built) == len(manifests())
    namespace = kustomization().get("namespace")
    for doc in built:
        if doc["kind"] != "Namespace" and namespace:
            assert doc["metadata"].get("namespace") == namespace


@pytest.mark.parametrize("spec", SERVICES, ids=_by_name)
def test_every_registered_service_has_a_deployment_and_a_service(spec: ServiceSpec) -> None:
    deployment = manifest("Deployment", spec.name)
    container = _only_container(deployment)
    args = [str(a) for a in container.get("args") or []]
    assert "command" not in container, "the image's entrypoint is `rongtook`"
    assert args[:2] == ["serve", spec.name], args
    assert option(args, "--host") == "0.0.0.0"
    port = files.port(spec)
    assert option(args, "--port") in (None, str(port))
    ports = {p.get("name"): p["containerPort"] for p in container.get("ports") or []}
    assert port in ports.values()
    for probe, path in (("readinessProbe", "/readyz"), ("livenessProbe", "/healthz")):
        get = (container.get(probe) or {}).get("httpGet") or {}
        assert get.get("path") == path, f"{spec.name}: {probe} is not on {path}"
        assert get.get("port") in (port, *[n for n, p in ports.items() if p == port])
    service = manifest("Service", spec.name)
    assert [p["port"] for p in service["spec"]["ports"]] == [port], "other services call http://<name>:<port>"
    labels = deployment["spec"]["template"]["metadata"]["labels"]
    selector = service["spec"]["selector"]
    assert selector.items() <= labels.items(), f"Service {spec.name} selects no pod of its Deployment"
    assert deployment["spec"]["selector"]["matchLabels"].items() <= labels.items()


@pytest.mark.parametrize("spec", SERVICES, ids=_by_name)
def test_every_registered_worker_has_a_deployment(spec: ServiceSpec) -> None:
    name = f"{spec.name}-worker"
    names = {m.name for m in manifests() if m.kind == "Deployment"}
    if not spec.has_worker:
        assert name not in names
        return
    assert name in names, f"k8s/: no Deployment '{name}' (stack.services gives {spec.name} a worker)"
    assert [str(a) for a in _only_container(manifest("Deployment", name)).get("args") or []] == ["worker", spec.name]


def test_no_deployment_outside_the_registry() -> None:
    expected = {"gateway"}
    for spec in SERVICES:
        expected.add(spec.name)
        if spec.has_worker:
            expected.add(f"{spec.name}-worker")
    found = {m.name for m in manifests() if m.kind == "Deployment"}
    assert found == expected, f"missing {sorted(expected - found)}, not in stack.services {sorted(found - expected)}"


def test_migrate_job_migrates_then_ensures_the_admin() -> None:
    (job,) = [m.doc for m in manifests() if m.kind == "Job"]
    runs = [[str(a) for a in c.get("command") or []] + [str(a) for a in c.get("args") or []] for c in containers(job)]
    assert runs.index(["migrate"]) < runs.index(["admin", "ensure-admin"]), runs
    assert pod_spec(job).get("restartPolicy") in ("OnFailure", "Never")


def test_gateway_deployment_and_service() -> None:
    deployment = manifest("Deployment", "gateway")
    container = _only_container(deployment)
    port = container["ports"][0]["containerPort"]
    assert port == 8000
    assert (container.get("readinessProbe") or {}).get("httpGet", {}).get("path") == "/healthz"
    service = manifest("Service", "gateway")
    assert service["spec"]["selector"].items() <= deployment["spec"]["template"]["metadata"]["labels"].items()


def test_every_container_requests_resources_and_runs_unprivileged() -> None:
    for workload in _workloads():
        spec = pod_spec(workload)
        for container in containers(workload):
            where = f"{workload['metadata']['name']}/{container['name']}"
            requests = (container.get("resources") or {}).get("requests") or {}
            assert {"cpu", "memory"} <= requests.keys(), f"{where}: no resource requests"
            context = {**(spec.get("securityContext") or {}), **(container.get("securityContext") or {})}
            assert context.get("runAsNonRoot") is True, f"{where}: may run as root"
            assert context.get("allowPrivilegeEscalation") is False, where


def test_every_process_gets_what_it_needs_from_the_environment() -> None:
    for spec in SERVICES:
        names = [spec.name] + ([f"{spec.name}-worker"] if spec.has_worker else [])
        for name in names:
            env = _container_env(_only_container(manifest("Deployment", name)))
            missing = [v for v in NEEDED if v not in env]
            assert not missing, f"{name}: {missing} not set"
            for other in SERVICES:
                variable = files.service_url_variable(other)
                assert env.get(variable) == files.service_url(other), f"{name}: {variable}"
    assert "RONGTOOK_PUBLIC_BASE_URL" in _config_map()


def test_every_reference_points_at_a_manifest() -> None:
    objects = {(m.kind, m.name): m.doc for m in manifests()}
    for workload in _workloads():
        where = workload["metadata"]["name"]
        for container in containers(workload):
            for source in container.get("envFrom") or []:
                for kind, key in (("ConfigMap", "configMapRef"), ("Secret", "secretRef")):
                    if key in source:
                        assert (kind, source[key]["name"]) in objects, f"{where}: no {kind} {source[key]['name']}"
            for item in container.get("env") or []:
                ref = (item.get("valueFrom") or {}).get("secretKeyRef")
                if ref:
                    secret = objects.get(("Secret", ref["name"]))
                    assert secret is not None, f"{where}: no Secret {ref['name']}"
                    keys = {**(secret.get("data") or {}), **(secret.get("stringData") or {})}
                    assert ref["key"] in keys or ref.get("optional"), f"{where}: Secret has no {ref['key']}"
            mounts = {m["name"] for m in container.get("volumeMounts") or []}
            volumes = {v["name"]: v for v in pod_spec(workload).get("volumes") or []}
            assert mounts <= volumes.keys(), f"{where}: mounts undeclared volumes {mounts - volumes.keys()}"
        for volume in pod_spec(workload).get("volumes") or []:
            claim = (volume.get("persistentVolumeClaim") or {}).get("claimName")
            if claim:
                assert ("PersistentVolumeClaim", claim) in objects, f"{where}: no PersistentVolumeClaim {claim}"


@pytest.mark.parametrize("spec", SERVICES, ids=_by_name)
def test_attachments_live_on_a_shared_volume(spec: ServiceSpec) -> None:
    fields = {name for cls in files.settings_classes(spec) for name in cls.model_fields}
    if "files_dir" not in fields:
        return
    files_dir = files.stage_env("runtime")["RONGTOOK_FILES_DIR"]
    names = [spec.name] + ([f"{spec.name}-worker"] if spec.has_worker else [])
    for name in names:
        deployment = manifest("Deployment", name)
        container = _only_container(deployment)
        files_dir = _container_env(container).get("RONGTOOK_FILES_DIR") or files_dir
        volumes = {v["name"]: v for v in pod_spec(deployment).get("volumes") or []}
        mounted = [m["name"] for m in container.get("volumeMounts") or [] if m["mountPath"] == files_dir]
        assert mounted, f"{name}: nothing mounted on {files_dir}"
        assert "persistentVolumeClaim" in volumes[mounted[0]], f"{name}: attachments not on a claim"


def test_every_rongtook_variable_is_one_the_code_reads() -> None:
    known = files.known_rongtook_variables()
    names = set(_config_map())
    for m in manifests():
        if m.kind == "Secret":
            names |= set(m.doc.get("stringData") or {}) | set(m.doc.get("data") or {})
    for workload in _workloads():
        for container in containers(workload):
            names |= {item["name"] for item in container.get("env") or []}
    unknown = sorted(n for n in names if n.startswith("RONGTOOK_") and n not in known)
    assert not unknown, f"no code reads {unknown}"


def test_images_are_the_ones_the_dockerfile_builds() -> None:
    overridden = {str(i["name"]) for i in kustomization().get("images") or []}
    for workload in _workloads():
        for container in containers(workload):
            name = str(container["image"]).rsplit(":", 1)[0]
            assert name in {"rongtook", "rongtook-gateway"}, container["image"]
            assert name in overridden, f"kustomization.yaml `images:` does not set {name}"
