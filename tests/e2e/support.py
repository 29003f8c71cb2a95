"""What the end-to-end tests share: the running system (`E2EStack`, given by the `e2e_stack` fixture)
with an administrator's API client to set up data, the browser helpers `login` and `shot`, and
`png`, a picture made on the spot (photos, map tiles)."""

from __future__ import annotations

import re
import struct
import zlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlparse

import httpx
from playwright.sync_api import BrowserContext, Page, Route

REPO = Path(__file__).resolve().parents[2]
ARTIFACTS = REPO / "test-artifacts" / "e2e"
ADMIN_PASSWORD = "e2e-admin-password"
# Every user created by `E2EStack.create_user` gets this password unless told otherwise.
PASSWORD = "e2e-user-password"
# The map's tiles (RONGTOOK_MAP_TILE_URL of the system under test): a host that cannot exist, whose
# requests the browser answers itself (`serve_tiles`), so that nothing is asked of the internet.
TILE_URL = "http://tiles.invalid/{z}/{x}/{y}.png"


def _ok(response: httpx.Response) -> Any:
    if response.is_error:
        raise AssertionError(
            f"{response.request.method} {response.request.url.path}: {response.status_code} {response.text}"
        )
    return response.json() if response.content else None


@dataclass
class E2EStack:
    """The whole system as `make run` starts it, on ports of its own, with a fresh database.

    A fresh system holds the root agency `ORG`, the channels (walk_in, phone, call_center, website,
    …), the complainant groups (public, business, …), the shipped questionnaires and KPI schemes,
    and the administrator `admin` (password `ADMIN_PASSWORD`, display name
    "ผู้ดูแลระบบ (Administrator)") — and no categories, other agencies or users.
    """

    base_url: str
    root: Path  # the launcher's working directory; its logs are in var/log
    admin_password: str = ADMIN_PASSWORD
    api: httpx.Client = field(init=False)  # /api/<service>/… as the administrator

    def __post_init__(self) -> None:
        self.api = self.client_as("admin", self.admin_password)

    def close(self) -> None:
        self.api.close()

    def token(self, username: str, password: str) -> str:
        response = httpx.post(
            f"{self.base_url}/api/intake/v1/auth/token", data={"username": username, "password": password}, timeout=30
        )
        return str(_ok(response)["access_token"])

    def client_as(self, username: str, password: str = PASSWORD) -> httpx.Client:
        """An API client logged in as this user (close it, or let the session end)."""
        return httpx.Client(
            base_url=self.base_url,
            headers={"Authorization": f"Bearer {self.token(username, password)}"},
            timeout=60,
        )

    # -- setting up data as the administrator ---------------------------------------------------

    def get(self, path: str, **params: Any) -> Any:
        return _ok(self.api.get(path, params=params))

    def post(self, path: str, body: dict[str, Any]) -> Any:
        return _ok(self.api.post(path, json=body))

    def patch(self, path: str, body: dict[str, Any]) -> Any:
        return _ok(self.api.patch(path, json=body))

    def create_agency(self, code: str, name_th: str, *, name_en: str | None = None, parent: str = "ORG") -> Any:
        """An agency under `parent` (an agency code; the root `ORG` unless told)."""
        return self.post(
            "/api/intake/v1/agencies", {"code": code, "name_th": name_th, "name_en": name_en, "parent": parent}
        )

    def create_category(self, code: str, name_th: str, *, name_en: str | None = None) -> Any:
        return self.post("/api/intake/v1/categories", {"code": code, "name_th": name_th, "name_en": name_en})

    def create_user(
        self, username: str, role: str, agency: str, *, password: str = PASSWORD, display_name: str | None = None
    ) -> Any:
        """`role`: front_desk, agency_officer, supervisor, auditor or administrator."""
        return self.post(
            "/api/intake/v1/users",
            {
                "username": username,
                "display_name": display_name or username,
                "role": role,
                "agency": agency,
                "password": password,
            },
        )


def shot(page: Page, name: str) -> Path:
    """A full-page screenshot, test-artifacts/e2e/<name>.png."""
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    path = ARTIFACTS / (re.sub(r"[^\w.-]+", "_", name) + ".png")
    page.screenshot(path=str(path), full_page=True)
    return path


def login(page: Page, base_url: str, username: str, password: str = PASSWORD) -> None:
    """Log in through the login page and wait until the app has moved on from it (to the user's home
    screen). The visit of /login is a fresh one: a redirect to it (after logging out, say) keeps
    the page it came from in the history entry, and the app would go back there instead. Log the
    previous user out first: with a session the login page sends one on at once."""
    page.goto("about:blank")
    page.goto(f"{base_url}/login")
    page.get_by_role("textbox", name="ชื่อผู้ใช้", exact=True).fill(username)
    page.get_by_role("textbox", name="รหัสผ่าน", exact=True).fill(password)
    page.get_by_role("button", name="เข้าสู่ระบบ").click()
    page.wait_for_url(lambda url: urlparse(url).path != "/login")


def png(rgb: tuple[int, int, int], size: int = 48) -> bytes:
    """A small real PNG of one colour (a photo or a map tile the browser can show)."""
    row = b"\x00" + bytes(rgb) * size
    raw = row * size

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)

    header = struct.pack(">IIBBBBB", size, size, 8, 2, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(raw)) + chunk(b"IEND", b"")


def serve_tiles(context: BrowserContext) -> None:
    """Answer the map's tile requests in this browser context with a plain light-grey tile."""
    tile = png((228, 232, 236), 256)

    def fulfill(route: Route) -> None:
        route.fulfill(status=200, content_type="image/png", body=tile)

    context.route(TILE_URL.split("{", 1)[0] + "**", fulfill)
