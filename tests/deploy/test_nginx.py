"""deploy/nginx.conf does what stack/gateway.py does, for every service of stack.services."""

from __future__ import annotations

import re

import pytest

from stack.services import SERVICES, ServiceSpec
from tests.deploy import files
from tests.deploy.files import Directive, nginx, parse_nginx


def _by_name(spec: ServiceSpec) -> str:
    return spec.name


def _http() -> Directive:
    (http,) = nginx().all("http")
    return http


def _server() -> Directive:
    (server,) = _http().all("server")
    return server


def _location(*args: str) -> Directive:
    matches = [d for d in _server().all("location") if d.args == list(args)]
    assert len(matches) == 1, f"nginx.conf: expected one `location {' '.join(args)}`"
    return matches[0]


def _one(block: Directive, name: str) -> list[str]:
    found = block.all(name)
    assert len(found) == 1, f"expected one `{name}` in `{block.name} {' '.join(block.args)}`"
    return found[0].args


def _size(value: str) -> int:
    units = {"": 1, "k": 1024, "m": 1024**2, "g": 1024**3}
    match = re.fullmatch(r"(\d+)([kmg]?)", value.lower())
    assert match, value
    return int(match[1]) * units[match[2]]


def _headers(block: Directive) -> dict[str, str]:
    return {d.args[0].lower(): " ".join(d.args[1:]) for d in block.all("proxy_set_header")}


def _map_for(variable: str) -> list[Directive]:
    (block,) = [d for d in _http().all("map") if d.args[1] == variable]
    return block.children


def test_parser_reads_nginx_syntax() -> None:
    parsed = parse_nginx(
        'a 1; # comment ; {\nb \'x;y\' "q\\"z" { c; d e { } }\nmap $u $v { "~^/(?<n>[a-z]+)/" $n; default \'\'; }'
    )
    assert [d.name for d in parsed.children] == ["a", "b", "map"]
    assert parsed.children[1].args == ["x;y", 'q"z']
    assert [d.name for d in parsed.children[1].children] == ["c", "d"]
    assert parsed.children[2].children[0].args == ["$n"]
    with pytest.raises(ValueError, match="ends inside"):
        parse_nginx("a { b;")
    with pytest.raises(ValueError, match="unbalanced"):
        parse_nginx("a; }")


@pytest.mark.parametrize("spec", SERVICES, ids=_by_name)
def test_every_service_has_an_upstream(spec: ServiceSpec) -> None:
    upstreams = {d.args[0]: d for d in _http().all("upstream")}
    assert spec.name in upstreams, f"nginx.conf: no `upstream {spec.name}` (stack.services registers it)"
    servers = [d.args[0] for d in upstreams[spec.name].all("server")]
    assert servers == [f"{spec.name}:{files.port(spec)}"], servers


@pytest.mark.parametrize("spec", SERVICES, ids=_by_name)
def test_every_service_is_proxied_with_its_prefix_stripped(spec: ServiceSpec) -> None:
    location = _location(f"/api/{spec.name}/")
    # A URI part ("/") on proxy_pass replaces the location's prefix: /api/intake/v1/x -> /v1/x.
    assert _one(location, "proxy_pass") == [f"http://{spec.name}/"]


def test_no_upstream_outside_the_registry() -> None:
    registered = {spec.name for spec in SERVICES}
    upstreams = {d.args[0] for d in _http().all("upstream")}
    assert upstreams == registered, (
        f"missing {sorted(registered - upstreams)}, unknown {sorted(upstreams - registered)}"
    )
    for directive in nginx().walk():
        if directive.name == "proxy_pass":
            host = directive.args[0].removeprefix("http://").split("/")[0]
            assert host in registered, f"proxy_pass to {host}, which stack.services does not have"


def _effective_headers(location: Directive) -> dict[str, str]:
    """nginx inherits the server's proxy_set_header lines only into a location that has none."""
    return _headers(location) or _headers(_server())


def _proxied_locations() -> list[Directive]:
    return [d for d in _server().all("location") if d.all("proxy_pass")]


@pytest.mark.parametrize("spec", SERVICES, ids=_by_name)
def test_forwarded_prefix_names_the_service(spec: ServiceSpec) -> None:
    """Each service learns its public prefix (FastAPI's docs page fetches its schema through it)."""
    prefix = _effective_headers(_location(f"/api/{spec.name}/")).get("x-forwarded-prefix")
    assert prefix, "no X-Forwarded-Prefix"
    if prefix == f"/api/{spec.name}":
        return
    # Otherwise a map from the URI gives the service's name.
    variable = re.fullmatch(r"/api/(\$\w+)", prefix)
    assert variable, prefix
    (entry,) = [e for e in _map_for(variable[1]) if e.name.startswith("~")]
    match = re.search(entry.name[1:].replace("(?<", "(?P<"), f"/api/{spec.name}/v1/anything")
    assert match, f"{variable[1]} is empty for /api/{spec.name}/"
    group = entry.args[0].lstrip("$")
    assert match[int(group) if group.isdigit() else group] == spec.name


def test_every_proxied_location_sends_the_forwarding_headers() -> None:
    assert _proxied_locations()
    for location in _proxied_locations():
        headers = _effective_headers(location)
        for header in ("host", "x-forwarded-for", "x-forwarded-proto", "x-forwarded-host", "x-forwarded-prefix"):
            assert header in headers, f"location {location.args}: no {header}"
        # The caller's X-Request-ID passes through; a request without one gets nginx's own.
        request_id = headers.get("x-request-id")
        assert request_id, f"location {location.args}: no X-Request-ID"
        if request_id != "$http_x_request_id":
            (source,) = [d.args[0] for d in _http().all("map") if d.args[1] == request_id]
            assert source == "$http_x_request_id"
            fallback = {e.name: e.args for e in _map_for(request_id)}
            assert fallback.get("") == ["$request_id"]
        # Keep-alive to the upstreams needs HTTP/1.1 without `Connection: close`.
        assert headers.get("connection") == ""
        assert (location.all("proxy_http_version") or _server().all("proxy_http_version"))[0].args == ["1.1"]


def test_attachments_fit_through_the_gateway() -> None:
    assert _size(_one(_server(), "client_max_body_size")[0]) >= 11 * 1024**2, "10 MB attachments must fit"
    for location in _proxied_locations():
        for directive in location.all("client_max_body_size"):
            assert _size(directive.args[0]) >= 11 * 1024**2


def test_web_app_falls_back_to_index_html() -> None:
    root = _location("/")
    assert _one(root, "try_files")[-1] == "/index.html"
    cache = " ".join(_one(root, "add_header"))
    assert "no-cache" in cache


def test_hashed_assets_are_cached_for_a_year() -> None:
    assets = _location("/assets/")
    cache = " ".join(_one(assets, "add_header"))
    assert "max-age=31536000" in cache
    assert "immutable" in cache
    assert _one(assets, "try_files")[-1] == "=404"


def test_health_and_errors_answer_like_the_python_gateway() -> None:
    health = _location("=", "/healthz")
    assert _one(health, "return")[0] == "200"
    unknown = _location("/api/")
    code, body = _one(unknown, "return")
    assert code == "404"
    assert '"gateway.unknown_service"' in body
    unavailable = _location("@unavailable")
    code, body = _one(unavailable, "return")
    assert code == "503"
    assert '"gateway.unavailable"' in body
    too_large = _location("@too_large")
    code, body = _one(too_large, "return")
    assert code == "413"
    assert '"error"' in body
    pages = [d.args for d in _server().all("error_page")]
    assert any(args[0] == "413" and args[-1] == "@too_large" for args in pages)
    assert any({"502", "504"} <= set(args) and args[-1] == "@unavailable" for args in pages)
