"""Reading the deploy files. There is no Docker engine, Compose or cluster here: the files are
parsed and checked against the service registry (stack.services) and the code's settings."""

from __future__ import annotations

import importlib
import re
import shlex
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

import yaml

from kit.settings import ServiceSettings
from stack.services import SERVICES, ServiceSpec

ROOT = Path(__file__).resolve().parents[2]
DEPLOY = ROOT / "deploy"
K8S = DEPLOY / "k8s"

# What the tests put where compose.yml interpolates a variable from deploy/.env.
TEST_ENV = {
    "POSTGRES_PASSWORD": "pg-password",
    "REDIS_PASSWORD": "redis-password",
    "RONGTOOK_JWT_SECRET": "jwt-secret-" + "j" * 32,
}


# ---- Compose variable interpolation ------------------------------------------------------------

_VARIABLE = re.compile(
    r"\$(?:(?P<escaped>\$)"
    r"|\{(?P<braced>[A-Za-z_][A-Za-z0-9_]*)(?:(?P<op>:?[-?+])(?P<arg>[^}]*))?\}"
    r"|(?P<bare>[A-Za-z_][A-Za-z0-9_]*))"
)


class MissingVariableError(LookupError):
    pass


def interpolate(text: str, env: Mapping[str, str]) -> str:
    """Compose's `${NAME}`, `${NAME:-default}`, `${NAME-default}`, `${NAME:?error}`, `${NAME?error}`,
    `${NAME:+other}`, `$NAME` and `$$`."""

    def replace(match: re.Match[str]) -> str:
        if match["escaped"]:
            return "$"
        name = match["braced"] or match["bare"]
        op = match["op"] or ""
        value = env.get(name)
        unset = value is None or (op.startswith(":") and value == "")
        if op.endswith("-"):
            return match["arg"] if unset else str(value)
        if op.endswith("?"):
            if unset:
                raise MissingVariableError(f"{name}: {match['arg']}")
            return str(value)
        if op.endswith("+"):
            return "" if unset else match["arg"]
        return value or ""

    return _VARIABLE.sub(replace, text)


def interpolate_tree(value: Any, env: Mapping[str, str]) -> Any:
    if isinstance(value, str):
        return interpolate(value, env)
    if isinstance(value, dict):
        return {key: interpolate_tree(item, env) for key, item in value.items()}
    if isinstance(value, list):
        return [interpolate_tree(item, env) for item in value]
    return value


def variables(text: str) -> dict[str, set[str]]:
    """Every variable ``text`` interpolates, with the operators it is used with ('' for none)."""
    found: dict[str, set[str]] = {}
    for match in _VARIABLE.finditer(text):
        name = match["braced"] or match["bare"]
        if name:
            found.setdefault(name, set()).add(match["op"] or "")
    return found


# ---- compose.yml -------------------------------------------------------------------------------


def compose_text() -> str:
    return (DEPLOY / "compose.yml").read_text(encoding="utf-8")


@cache
def compose_raw() -> dict[str, Any]:
    """compose.yml as written (anchors and merge keys resolved, variables not)."""
    document = yaml.safe_load(compose_text())
    assert isinstance(document, dict)
    return document


@cache
def compose() -> dict[str, Any]:
    """compose.yml as Compose sees it with TEST_ENV for deploy/.env."""
    document = interpolate_tree(compose_raw(), TEST_ENV)
    assert isinstance(document, dict)
    return document


def services() -> dict[str, dict[str, Any]]:
    found = compose()["services"]
    assert isinstance(found, dict)
    return found


def environment(service: Mapping[str, Any]) -> dict[str, str | None]:
    """A service's `environment`, in either of its two forms."""
    value = service.get("environment") or {}
    if isinstance(value, dict):
        return {str(k): None if v is None else str(v) for k, v in value.items()}
    pairs = [str(item).partition("=") for item in value]
    return {name: (val if sep else None) for name, sep, val in pairs}


def command(service: Mapping[str, Any], key: str = "command") -> list[str]:
    value = service.get(key) or []
    return shlex.split(value) if isinstance(value, str) else [str(v) for v in value]


def depends_on(service: Mapping[str, Any]) -> dict[str, dict[str, Any]]:
    """A service's `depends_on`, in either of its two forms (a list means `service_started`)."""
    value = service.get("depends_on") or {}
    if isinstance(value, list):
        return {str(name): {"condition": "service_started"} for name in value}
    return {str(name): dict(options or {}) for name, options in value.items()}


def option(args: list[str], name: str) -> str | None:
    """The value of ``--name value`` or ``--name=value`` in ``args``."""
    for index, arg in enumerate(args):
        if arg == name and index + 1 < len(args):
            return args[index + 1]
        if arg.startswith(name + "="):
            return arg.partition("=")[2]
    return None


# ---- what the code reads from the environment -------------------------------------------------


def settings_classes(spec: ServiceSpec | None = None) -> list[type[ServiceSettings]]:
    """kit's ServiceSettings and the subclasses in each service's `<package>.config`."""
    classes: list[type[ServiceSettings]] = [ServiceSettings]
    for each in SERVICES if spec is None else (spec,):
        module = importlib.import_module(f"{each.package}.config")
        classes += [
            value
            for value in vars(module).values()
            if isinstance(value, type) and issubclass(value, ServiceSettings) and value.__module__ == module.__name__
        ]
    return classes


@cache
def known_rongtook_variables() -> frozenset[str]:
    """Every RONGTOOK_* variable the code reads: its settings' fields (and aliases), and every
    name the services' source spells out."""
    names: set[str] = set()
    for cls in settings_classes():
        prefix = str(cls.model_config.get("env_prefix", ""))
        for name, info in cls.model_fields.items():
            names.add((prefix + name).upper())
            alias = info.validation_alias
            choices = getattr(alias, "choices", [alias])
            names.update(choice.upper() for choice in choices if isinstance(choice, str))
    for path in (ROOT / "services").glob("*/src/**/*.py"):
        source = path.read_text(encoding="utf-8")
        names.update(re.findall(r"RONGTOOK_[A-Z0-9_]*[A-Z0-9]", source))
        # f"RONGTOOK_{…name…}_SUFFIX": one variable per service.
        for suffix in re.findall(r"RONGTOOK_\{[^}]*\}_([A-Z0-9_]+)", source):
            names.update(f"RONGTOOK_{spec.name.upper()}_{suffix}" for spec in SERVICES)
    return frozenset(names)


def port(spec: ServiceSpec) -> int:
    """The port the deploy files give ``spec``: the registry's default, whatever RONGTOOK_<NAME>_PORT
    says in this process (it moves a local stack, not the containers)."""
    return int(getattr(spec, "default_port", spec.port))


def service_url_variable(spec: ServiceSpec) -> str:
    return f"RONGTOOK_{spec.name.upper()}_URL"


def service_url(spec: ServiceSpec) -> str:
    """How the other containers reach ``spec``: by its Compose service / Kubernetes Service name."""
    return f"http://{spec.name}:{port(spec)}"


# ---- nginx.conf ---------------------------------------------------------------------------------


@dataclass
class Directive:
    name: str
    args: list[str]
    children: list[Directive] = field(default_factory=list)

    def all(self, name: str) -> list[Directive]:
        """Directives called ``name`` directly inside this block."""
        return [child for child in self.children if child.name == name]

    def walk(self) -> Iterator[Directive]:
        for child in self.children:
            yield child
            yield from child.walk()


def _nginx_tokens(text: str) -> Iterator[str]:
    i = 0
    while i < len(text):
        char = text[i]
        if char.isspace():
            i += 1
        elif char == "#":
            end = text.find("\n", i)
            i = len(text) if end < 0 else end
        elif char in "{};":
            yield char
            i += 1
        elif char in "'\"":
            out = []
            i += 1
            while text[i] != char:
                if text[i] == "\\" and text[i + 1] in "'\"\\":
                    i += 1
                out.append(text[i])
                i += 1
            yield "".join(out)
            i += 1
        else:
            start = i
            while i < len(text) and not text[i].isspace() and text[i] not in "{};":
                i += 1
            yield text[start:i]


def parse_nginx(text: str) -> Directive:
    """nginx's configuration syntax: directives `name args… ;` and blocks `name args… { … }`."""
    root = Directive("", [])
    stack = [root]
    words: list[str] = []
    for token in _nginx_tokens(text):
        if token == ";":
            if not words:
                raise ValueError("nginx.conf: an empty directive")
            stack[-1].children.append(Directive(words[0], words[1:]))
            words = []
        elif token == "{":
            if not words:
                raise ValueError("nginx.conf: a block without a name")
            block = Directive(words[0], words[1:])
            stack[-1].children.append(block)
            stack.append(block)
            words = []
        elif token == "}":
            if words or len(stack) == 1:
                raise ValueError("nginx.conf: an unbalanced }")
            stack.pop()
        else:
            words.append(token)
    if words or len(stack) > 1:
        raise ValueError("nginx.conf ends inside a directive or block")
    return root


@cache
def nginx() -> Directive:
    return parse_nginx((DEPLOY / "nginx.conf").read_text(encoding="utf-8"))


# ---- Dockerfile ---------------------------------------------------------------------------------


@dataclass
class Instruction:
    keyword: str
    value: str
    stage: str | None  # None before the first FROM


def dockerfile_instructions(text: str) -> list[Instruction]:
    """The Dockerfile's instructions, continuation lines joined and comments dropped."""
    logical: list[str] = []
    current = ""
    for line in text.splitlines():
        if line.lstrip().startswith("#"):
            continue  # comments, also between continuation lines
        if line.rstrip().endswith("\\"):
            current += line.rstrip()[:-1] + " "
            continue
        current += line
        if current.strip():
            logical.append(current.strip())
        current = ""
    instructions: list[Instruction] = []
    stage: str | None = None
    for line in logical:
        keyword, _, value = line.partition(" ")
        keyword = keyword.upper()
        if keyword == "FROM":
            parts = value.split()
            stage = parts[2] if len(parts) >= 3 and parts[1].upper() == "AS" else parts[0]
        instructions.append(Instruction(keyword, value.strip(), stage))
    return instructions


@cache
def dockerfile() -> list[Instruction]:
    return dockerfile_instructions((DEPLOY / "Dockerfile").read_text(encoding="utf-8"))


def stage_images() -> dict[str, str]:
    """Each stage's base image, with the global ARG defaults put in."""
    defaults: dict[str, str] = {}
    images: dict[str, str] = {}
    for instruction in dockerfile():
        if instruction.keyword == "ARG" and instruction.stage is None:
            name, _, default = instruction.value.partition("=")
            defaults[name] = default
        elif instruction.keyword == "FROM":
            image = instruction.value.split()[0]
            assert instruction.stage is not None
            images[instruction.stage] = interpolate(image, defaults)
    return images


def stage_env(stage: str) -> dict[str, str]:
    """The ENV a stage sets (`ENV K=V …` form)."""
    env: dict[str, str] = {}
    for instruction in dockerfile():
        if instruction.stage == stage and instruction.keyword == "ENV":
            for pair in shlex.split(instruction.value):
                name, sep, value = pair.partition("=")
                assert sep, f"ENV {pair}: use the K=V form"
                env[name] = value
    return env


# ---- k8s/ ---------------------------------------------------------------------------------------


@dataclass
class Manifest:
    path: Path
    doc: dict[str, Any]

    @property
    def kind(self) -> str:
        return str(self.doc.get("kind"))

    @property
    def name(self) -> str:
        return str((self.doc.get("metadata") or {}).get("name"))


def k8s_files() -> list[Path]:
    return sorted(p for p in K8S.iterdir() if p.suffix in {".yaml", ".yml"} and p.name != "kustomization.yaml")


@cache
def kustomization() -> dict[str, Any]:
    document = yaml.safe_load((K8S / "kustomization.yaml").read_text(encoding="utf-8"))
    assert isinstance(document, dict)
    return document


@cache
def manifests() -> list[Manifest]:
    found: list[Manifest] = []
    for path in k8s_files():
        for doc in yaml.safe_load_all(path.read_text(encoding="utf-8")):
            if doc is not None:
                assert isinstance(doc, dict), f"{path.name}: a document that is not a mapping"
                found.append(Manifest(path, doc))
    return found


def manifest(kind: str, name: str) -> dict[str, Any]:
    matches = [m.doc for m in manifests() if m.kind == kind and m.name == name]
    assert len(matches) == 1, f"k8s/: expected one {kind} '{name}', found {len(matches)}"
    return matches[0]


def pod_spec(workload: Mapping[str, Any]) -> dict[str, Any]:
    spec = workload["spec"]["template"]["spec"]
    assert isinstance(spec, dict)
    return spec


def containers(workload: Mapping[str, Any], *, init: bool = True) -> list[dict[str, Any]]:
    spec = pod_spec(workload)
    return [*(spec.get("initContainers") or [] if init else []), *spec.get("containers", [])]
