"""Streaming a multipart upload to a scratch file: the size limit is enforced while reading (413
as soon as it is passed, without reading the rest), the sha256 is computed on the way, and the
first bytes are kept to decide the real content type."""

from __future__ import annotations

import hashlib
from collections.abc import AsyncIterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO

import filetype
from python_multipart.multipart import MultipartParser, parse_options_header

from kit.errors import AppError

# What a complaint's evidence may be; checked on the bytes, never on the client's word.
ALLOWED_TYPES = {
    "image/jpeg": ".jpg",
    "image/png": ".png",
    "image/webp": ".webp",
    "image/gif": ".gif",
    "image/heic": ".heic",
    "application/pdf": ".pdf",
}
_SNIFF_BYTES = 512
_MAX_FIELD_BYTES = 4096


def too_large(limit: int) -> AppError:
    return AppError(
        413,
        "attachment.too_large",
        f"ไฟล์ใหญ่เกินกำหนด ({limit // (1024 * 1024)} MB)",
        f"The file is larger than the limit of {limit} bytes",
        fields={"file": f"over {limit} bytes"},
    )


@dataclass
class Upload:
    filename: str | None = None
    size: int = 0
    head: bytes = b""
    sha256: str = ""
    fields: dict[str, str] = field(default_factory=dict)

    @property
    def content_type(self) -> str | None:
        kind = filetype.guess(self.head)
        return kind.mime if kind is not None else None


class _Parser:
    """python-multipart callbacks: the part named 'file' streams to disk, other parts are small fields."""

    def __init__(self, upload: Upload, out: IO[bytes], limit: int) -> None:
        self.upload = upload
        self.out = out
        self.limit = limit
        self.digest = hashlib.sha256()
        self.head = bytearray()
        self.name: str | None = None
        self.headers: dict[bytes, bytes] = {}
        self.header_field = b""
        self.header_value = b""
        self.value = bytearray()

    def on_part_begin(self) -> None:
        self.headers, self.name, self.value = {}, None, bytearray()

    def on_header_field(self, data: bytes, start: int, end: int) -> None:
        self.header_field += data[start:end]

    def on_header_value(self, data: bytes, start: int, end: int) -> None:
        self.header_value += data[start:end]

    def on_header_end(self) -> None:
        self.headers[self.header_field.lower()] = self.header_value
        self.header_field = self.header_value = b""

    def on_headers_finished(self) -> None:
        _, disposition = parse_options_header(self.headers.get(b"content-disposition", b""))
        self.name = disposition.get(b"name", b"").decode("utf-8", "replace")
        if self.name == "file":
            raw = disposition.get(b"filename", b"upload").decode("utf-8", "replace")
            self.upload.filename = Path(raw.replace("\\", "/")).name[:255] or "upload"

    def on_part_data(self, data: bytes, start: int, end: int) -> None:
        chunk = data[start:end]
        if self.name == "file":
            self.upload.size += len(chunk)
            if self.upload.size > self.limit:
                raise too_large(self.limit)
            self.digest.update(chunk)
            if len(self.head) < _SNIFF_BYTES:
                self.head.extend(chunk[: _SNIFF_BYTES - len(self.head)])
            self.out.write(chunk)
            return
        self.value.extend(chunk)
        if len(self.value) > _MAX_FIELD_BYTES:
            raise AppError(413, "request.field_too_large", "ข้อมูลในแบบฟอร์มยาวเกินไป", "A form field is too long")

    def on_part_end(self) -> None:
        if self.name and self.name != "file":
            self.upload.fields[self.name] = self.value.decode("utf-8", "replace")


async def read_upload(content_type: str, body: AsyncIterator[bytes], scratch: Path, limit: int) -> Upload:
    """Parse a multipart body: the part named 'file' goes to ``scratch``, small fields are kept."""
    mime, params = parse_options_header(content_type)
    boundary = params.get(b"boundary")
    if mime != b"multipart/form-data" or not boundary:
        raise AppError(
            415, "attachment.not_multipart", "ต้องส่งไฟล์แบบ multipart/form-data", "Send the file as multipart/form-data"
        )
    upload = Upload()
    # Appending to a local file lands in the page cache; no need for a thread per chunk.
    with open(scratch, "wb") as out:  # noqa: ASYNC230
        handler = _Parser(upload, out, limit)
        parser = MultipartParser(
            boundary,
            {
                "on_part_begin": handler.on_part_begin,
                "on_part_data": handler.on_part_data,
                "on_part_end": handler.on_part_end,
                "on_header_field": handler.on_header_field,
                "on_header_value": handler.on_header_value,
                "on_header_end": handler.on_header_end,
                "on_headers_finished": handler.on_headers_finished,
            },
        )
        async for chunk in body:
            parser.write(chunk)
        parser.finalize()
    upload.head = bytes(handler.head)
    upload.sha256 = handler.digest.hexdigest()
    return upload
