"""The gateway's web app: the built files, client-side routes, a build made while it runs, compression."""

from __future__ import annotations

from pathlib import Path

import httpx

from stack.gateway import create_gateway


def _build(dist: Path, asset: str) -> None:
    (dist / "assets").mkdir(parents=True, exist_ok=True)
    for old in (dist / "assets").iterdir():
        old.unlink()
    (dist / "assets" / asset).write_text(f"console.log('{asset}')")
    (dist / "index.html").write_text(f'<script type="module" src="/assets/{asset}"></script>')


async def test_serves_each_build_as_it_is(tmp_path: Path) -> None:
    dist = tmp_path / "dist"
    (tmp_path / "secret.txt").write_text("not the web app's")
    app = create_gateway({}, dist)
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://gw") as client:
        landing = await client.get("/")
        assert landing.status_code == 200 and "not built yet" in landing.text

        _build(dist, "index-1.js")
        asset = await client.get("/assets/index-1.js")
        assert asset.text == "console.log('index-1.js')"
        assert "immutable" in asset.headers["cache-control"]
        route = await client.get("/work/123")
        assert "/assets/index-1.js" in route.text and route.headers["cache-control"] == "no-cache"

        _build(dist, "index-2.js")  # built again while the gateway runs
        assert (await client.get("/assets/index-2.js")).text == "console.log('index-2.js')"
        assert "/assets/index-2.js" in (await client.get("/")).text

        for sneaky in ("/assets/../../secret.txt", "/%2e%2e/secret.txt", "/assets/..%2Findex.html"):
            response = await client.get(sneaky)
            assert "not the web app's" not in response.text
            assert "immutable" not in response.headers.get("cache-control", "")


async def test_compresses_what_compresses(tmp_path: Path) -> None:
    dist = tmp_path / "dist"
    _build(dist, "index-1.js")
    script = "".join(f"export const label{n} = 'ข้อความที่ {n}';\n" for n in range(2000))
    (dist / "assets" / "big.js").write_text(script)
    (dist / "assets" / "photo.png").write_bytes(b"\x89PNG" + bytes(4096))
    app = create_gateway({}, dist)
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://gw") as client:
        big = await client.get("/assets/big.js", headers={"Accept-Encoding": "gzip"})
        assert big.headers["content-encoding"] == "gzip"
        assert big.text == script  # httpx inflates it
        assert big.num_bytes_downloaded < len(script.encode()) / 3

        plain = await client.get("/assets/big.js", headers={"Accept-Encoding": "identity"})
        assert "content-encoding" not in plain.headers and plain.text == script

        image = await client.get("/assets/photo.png", headers={"Accept-Encoding": "gzip"})
        assert "content-encoding" not in image.headers
