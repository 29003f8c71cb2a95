"""Reading rendered reports back, as a user's tools would."""

from __future__ import annotations

import csv
import io
import subprocess
from typing import Any

import orjson
from openpyxl import load_workbook


def pdf_text(content: bytes, *, layout: bool = False) -> str:
    args = ["pdftotext", "-enc", "UTF-8", *(["-layout"] if layout else []), "-", "-"]
    return subprocess.run(args, input=content, capture_output=True, check=True).stdout.decode()


def xlsx_cells(content: bytes) -> list[Any]:
    workbook = load_workbook(io.BytesIO(content), read_only=True, data_only=True)
    return [cell for sheet in workbook.worksheets for row in sheet.iter_rows(values_only=True) for cell in row]


def xlsx_text(content: bytes) -> str:
    return "\n".join(str(cell) for cell in xlsx_cells(content) if cell is not None)


def csv_rows(content: bytes) -> list[list[str]]:
    assert content.startswith(b"\xef\xbb\xbf"), "CSV must start with a BOM so Excel reads it as UTF-8"
    return list(csv.reader(io.StringIO(content.decode("utf-8-sig"))))


def as_text(format: str, content: bytes) -> str:
    """What a reader sees in the file, as text."""
    if format == "pdf":
        return pdf_text(content)
    if format == "xlsx":
        return xlsx_text(content)
    if format == "csv":
        return "\n".join(",".join(row) for row in csv_rows(content))
    return orjson.dumps(orjson.loads(content)).decode()
