"""One document, four formats."""

from __future__ import annotations

from collections.abc import Callable
from typing import Literal

from reporting.render.csv import render_csv
from reporting.render.jsondoc import render_json
from reporting.render.model import Document
from reporting.render.pdf import render_pdf
from reporting.render.xlsx import render_xlsx

Format = Literal["pdf", "xlsx", "csv", "json"]

RENDERERS: dict[str, tuple[Callable[[Document], bytes], str]] = {
    "pdf": (render_pdf, "application/pdf"),
    "xlsx": (render_xlsx, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
    "csv": (render_csv, "text/csv; charset=utf-8"),
    "json": (render_json, "application/json"),
}


def render(document: Document, format: Format) -> tuple[bytes, str]:
    """The file's bytes and its media type."""
    renderer, media_type = RENDERERS[format]
    return renderer(document), media_type
