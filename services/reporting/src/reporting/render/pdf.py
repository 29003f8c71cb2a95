"""A :class:`Document` as PDF: A4, Sarabun, Thai lines broken between words.

fpdf2 writes the file (pages, drawing, font embedding and subsetting); the text itself is shaped here
with HarfBuzz and written as positioned glyphs, for two reasons:

* the text layer: fpdf2 hands a shaped cluster's characters to its first glyph. SARA AM shapes to
  NIKHAHIT (no advance) + SARA AA, so "ำ" lands on the zero-width NIKHAHIT and extractors see a gap
  ("สำ เร็จ"); marks raised with a y offset are even read as a separate line. Here a base glyph carries
  its marks' characters and the marks carry none, so copying text gives back the source exactly;
* speed: fpdf2's ``cell()`` runs a bidi pass and reshapes per call (~0.6 ms). Shaping here is cached per
  string, and a report repeats its strings (agency names, headers, categories) a lot.
"""

from __future__ import annotations

import functools
import math
import unicodedata
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

import uharfbuzz as hb
from fpdf import FPDF
from fpdf.enums import PDFResourceType
from fpdf.fonts import Glyph, TTFFont

from kit.thai import thai_digits
from reporting.render import thai_text
from reporting.render.model import BarChart, Block, Column, Document, Facts, Kind, Paragraph, Table, Value
from reporting.render.values import format_moment, format_value

Style = Literal["", "B"]
Align = Literal["L", "C", "R"]
Color = tuple[int, int, int]

_FONT_DIR = Path(__file__).with_name("fonts")
_FONT_FILES: dict[Style, str] = {"": "Sarabun-Regular.ttf", "B": "Sarabun-Bold.ttf"}
_FAMILY = "sarabun"
_MM_PER_PT = 25.4 / 72
# Sarabun's hhea ascent and descent, in em: a line box centres this band.
_ASCENT = 1.068
_DESCENT = 0.232

_MARGIN = 15.0
_FOOTER_ZONE = 20.0  # the body stops this far above the page's bottom edge
_BLOCK_GAP = 4.0

_TITLE_SIZE = 16.0
_SUBTITLE_SIZE = 12.0
_HEADING_SIZE = 13.0
_BODY_SIZE = 11.0
_TABLE_SIZE = 10.0
_SMALL_SIZE = 9.0
_TICK_SIZE = 8.0
# Thai stacks tone marks above and vowels below the consonant: lines need room for both.
_LEADING = 1.5
_TABLE_LEADING = 1.45
_SMALL_LEADING = 1.4

_LINE_WIDTH = 0.2
_CELL_PAD_X = 1.5
_MIN_CELL_SIZE = 7.0
_CELL_PAD_Y = 0.8
_LEVEL_INDENT = 4.0

_BLACK: Color = (0, 0, 0)
_GREY_TEXT: Color = (90, 90, 90)
_BORDER: Color = (140, 140, 140)
_HEADER_FILL: Color = (230, 230, 230)
_TOTALS_FILL: Color = (245, 245, 245)
_GRID: Color = (215, 215, 215)
_SERIES_COLORS: tuple[Color, ...] = (
    (31, 119, 180),
    (255, 127, 14),
    (44, 160, 44),
    (214, 39, 40),
    (148, 103, 189),
    (140, 86, 75),
    (227, 119, 194),
    (127, 127, 127),
    (188, 189, 34),
    (23, 190, 207),
)

_NUMERIC = frozenset({Kind.INTEGER, Kind.DECIMAL, Kind.MONEY, Kind.PERCENT})
# C0 controls other than line breaks (which wrapping handles) shape to .notdef boxes.
_CONTROLS = {code: None for code in (*range(0x00, 0x09), 0x0B, 0x0C, *range(0x0E, 0x20), 0x7F)} | {0x09: " "}


# --- Shaping -------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Glyph:
    gid: int
    advance: int  # HarfBuzz's x advance, in font units
    dx: int
    dy: int
    text: str  # the characters this glyph stands for in the text layer; marks carry theirs on the base


@dataclass(frozen=True, slots=True)
class _Shaped:
    glyphs: tuple[_Glyph, ...]
    advance: int  # font units


@dataclass(frozen=True)
class _Face:
    font: hb.Font
    upem: int


@functools.cache
def _face(style: Style) -> _Face:
    # A HarfBuzz font is read-only once built: one per style serves every document and thread.
    face = hb.Face(hb.Blob.from_file_path(str(_FONT_DIR / _FONT_FILES[style])))
    return _Face(hb.Font(face), int(face.upem))


@functools.lru_cache(maxsize=4096)
def _glyph_width(style: Style, gid: int) -> int:
    """The glyph's own advance, in thousandths of an em: what the PDF viewer moves after drawing it."""
    face = _face(style)
    return round(int(face.font.get_glyph_h_advance(gid)) * 1000 / face.upem)


def _is_thai(char: str) -> bool:
    return "\u0e00" <= char <= "\u0e7f"


def _is_neutral(char: str) -> bool:
    """Digits, spaces, punctuation and marks: they take the script of the text around them."""
    return unicodedata.category(char)[0] in "NPZSMC"


def _script_runs(text: str) -> list[tuple[int, int, bool]]:
    """(start, end, is_thai) runs. HarfBuzz shapes a buffer in one script: Thai marks shaped as Latin
    get the wrong glyph variants and positions, so mixed text is shaped run by run."""
    runs: list[tuple[int, int, bool]] = []
    start = 0
    thai: bool | None = None
    for index, char in enumerate(text):
        if _is_neutral(char):
            continue
        char_thai = _is_thai(char)
        if thai is None:
            thai = char_thai
        elif char_thai != thai:
            runs.append((start, index, thai))
            start, thai = index, char_thai
    runs.append((start, len(text), bool(thai)))
    return runs


def _shape_run(font: hb.Font, text: str, thai: bool) -> tuple[list[int], list[int], list[tuple[int, int, int]]]:
    buffer = hb.Buffer()
    buffer.cluster_level = hb.BufferClusterLevel.MONOTONE_CHARACTERS
    buffer.add_str(text)
    buffer.guess_segment_properties()
    if thai:
        buffer.script = "Thai"
        buffer.language = "th"
    hb.shape(font, buffer, {})
    gids = [info.codepoint for info in buffer.glyph_infos]
    clusters = [info.cluster for info in buffer.glyph_infos]
    positions = [(pos.x_advance, pos.x_offset, pos.y_offset) for pos in buffer.glyph_positions]
    return gids, clusters, positions


@functools.lru_cache(maxsize=8192)
def _shape(style: Style, text: str) -> _Shaped:
    if not text:
        return _Shaped((), 0)
    font = _face(style).font
    gids: list[int] = []
    clusters: list[int] = []
    positions: list[tuple[int, int, int]] = []
    for start, end, thai in _script_runs(text):
        run_gids, run_clusters, run_positions = _shape_run(font, text[start:end], thai)
        gids += run_gids
        clusters += [cluster + start for cluster in run_clusters]
        positions += run_positions
    # Text extractors place each glyph's characters over its advance. So the characters go to the glyphs
    # that advance, each taking the source from its cluster up to the next such glyph's: a base takes
    # its marks ("ผู้" on ผ), SARA AA takes SARA AM whose NIKHAHIT half is drawn first. Zero-advance
    # glyphs carry nothing: a character there reads as a gap, or (raised) as a line of its own.
    advancing = [index for index in range(len(gids)) if positions[index][0] > 0] or [0]
    unit_text: dict[int, str] = {}
    for number, index in enumerate(advancing):
        begin = 0 if number == 0 else clusters[index]
        end = clusters[advancing[number + 1]] if number + 1 < len(advancing) else len(text)
        unit_text[index] = text[begin:end]
    glyphs = tuple(
        _Glyph(gid, advance, dx, dy, unit_text.get(index, ""))
        for index, (gid, (advance, dx, dy)) in enumerate(zip(gids, positions, strict=True))
    )
    return _Shaped(glyphs, sum(glyph.advance for glyph in glyphs))


def text_width(text: str, style: Style, size: float) -> float:
    """Width in mm of ``text`` set in Sarabun ``style`` at ``size`` pt."""
    face = _face(style)
    return _shape(style, text).advance * size / face.upem * _MM_PER_PT


# --- Drawing -------------------------------------------------------------------------------------


class _Canvas:
    """fpdf2 for pages, paths and font embedding; text written as shaped glyph runs."""

    def __init__(self, landscape: bool) -> None:
        pdf = FPDF(orientation="L" if landscape else "P", unit="mm", format="A4")
        pdf.set_auto_page_break(False)  # pages break where the layout decides, never inside a row
        pdf.set_margins(_MARGIN, _MARGIN, _MARGIN)
        for style, file in _FONT_FILES.items():
            pdf.add_font(_FAMILY, style, str(_FONT_DIR / file))
        # Text below goes through HarfBuzz directly; this keeps anything fpdf2 lays out itself shaped too.
        pdf.set_text_shaping(True)
        self.pdf = pdf
        self.fonts: dict[Style, TTFFont] = {}
        for style in _FONT_FILES:
            font = pdf.fonts[_FAMILY + style]
            assert isinstance(font, TTFFont)
            self.fonts[style] = font
        self._codes: dict[tuple[Style, int, str], int] = {}
        self._ops: dict[tuple[Style, float, str], str] = {}
        self._fonts_on_page: set[tuple[int, Style]] = set()
        # Paths are written here too, not through fpdf2's rect()/line(): fpdf2 skips a colour it last set
        # on another page, which is wrong once footers go back to earlier pages. So the colours and
        # line width each page's stream last set are tracked per page.
        self._state: dict[int, list[Color | float | None]] = {}

    @property
    def width(self) -> float:
        return float(self.pdf.w)

    @property
    def height(self) -> float:
        return float(self.pdf.h)

    def add_page(self) -> None:
        self.pdf.add_page()

    def go_to_page(self, number: int) -> None:
        self.pdf.page = number

    def _code(self, style: Style, glyph: _Glyph) -> int:
        key = (style, glyph.gid, glyph.text)
        code = self._codes.get(key)
        if code is None:
            font = self.fonts[style]
            # One subset code per (glyph, characters): the ToUnicode map then gives each code its text.
            entry = Glyph(
                glyph.gid,
                tuple(ord(char) for char in glyph.text),
                font.ttfont.getGlyphName(glyph.gid),
                _glyph_width(style, glyph.gid),
            )
            picked = font.subset.pick_glyph(entry)
            assert picked is not None
            code = self._codes[key] = picked
        return code

    def _text_ops(self, text: str, style: Style, size: float) -> str:
        """The TJ/Ts operators showing ``text``: glyph codes, with kerning and mark offsets as
        adjustments against the widths the PDF font declares."""
        key = (style, size, text)
        ops = self._ops.get(key)
        if ops is not None:
            return ops
        scale = 1000 / _face(style).upem
        parts: list[str] = []
        items: list[str] = []
        codes: list[str] = []
        pen = 0.0  # where HarfBuzz puts the next glyph's origin, thousandths of an em
        at = 0.0  # where the PDF viewer's pen is
        rise = 0

        def close_string() -> None:
            if codes:
                items.append("<" + "".join(codes) + ">")
                codes.clear()

        def close_array() -> None:
            close_string()
            if items:
                parts.append("[" + " ".join(items) + "] TJ")
                items.clear()

        for glyph in _shape(style, text).glyphs:
            if glyph.dy != rise:
                close_array()
                rise = glyph.dy
                parts.append(f"{rise * scale * size / 1000:.3f} Ts")
            target = pen + glyph.dx * scale
            if abs(target - at) > 0.01:
                close_string()
                items.append(f"{at - target:.1f}".removesuffix(".0"))
                at = target
            codes.append(f"{self._code(style, glyph):04X}")
            at += _glyph_width(style, glyph.gid)
            pen += glyph.advance * scale
        close_array()
        ops = self._ops[key] = " ".join(parts)
        return ops

    def text(
        self, x: float, top: float, line_height: float, text: str, style: Style, size: float, color: Color = _BLACK
    ) -> None:
        """``text`` with its line box's top-left corner at (x, top)."""
        if not text:
            return
        pdf = self.pdf
        font = self.fonts[style]
        if (pdf.page, style) not in self._fonts_on_page:
            # fpdf2 lists a page's fonts from its own text calls; ours bypass them.
            pdf._resource_catalog.add(PDFResourceType.FONT, font.i, pdf.page)
            self._fonts_on_page.add((pdf.page, style))
        em = size * _MM_PER_PT
        baseline = top + (line_height - (_ASCENT + _DESCENT) * em) / 2 + _ASCENT * em
        k = pdf.k
        # q/Q: the text colour stays out of the fill colour tracked for paths.
        pdf._out(
            f"q {_rgb(color)} rg BT /F{font.i} {size:.2f} Tf {x * k:.2f} {(pdf.h - baseline) * k:.2f} Td "
            f"{self._text_ops(text, style, size)} ET Q"
        )

    def _set(self, kind: int, value: Color | float, op: str) -> None:
        """Set a stroke colour (kind 0), fill colour (1) or line width (2) unless the page has it."""
        state = self._state.setdefault(self.pdf.page, [None, None, None])
        if state[kind] != value:
            state[kind] = value
            self.pdf._out(op)

    def _stroke(self, color: Color, width: float) -> None:
        self._set(0, color, f"{_rgb(color)} RG")
        self._set(2, width, f"{width * self.pdf.k:.2f} w")

    def rect(
        self, x: float, y: float, w: float, h: float, *, fill: Color | None = None, stroke: Color | None = None
    ) -> None:
        if fill is not None:
            self._set(1, fill, f"{_rgb(fill)} rg")
        if stroke is not None:
            self._stroke(stroke, _LINE_WIDTH)
        paint = "B" if fill is not None and stroke is not None else "f" if fill is not None else "S"
        k = self.pdf.k
        self.pdf._out(f"{x * k:.2f} {(self.height - y) * k:.2f} {w * k:.2f} {-h * k:.2f} re {paint}")

    def line(self, x1: float, y1: float, x2: float, y2: float, color: Color, width: float = _LINE_WIDTH) -> None:
        self._stroke(color, width)
        k = self.pdf.k
        self.pdf._out(f"{x1 * k:.2f} {(self.height - y1) * k:.2f} m {x2 * k:.2f} {(self.height - y2) * k:.2f} l S")


def _rgb(color: Color) -> str:
    return " ".join(f"{part / 255:.3f}".rstrip("0").rstrip(".") or "0" for part in color)


# --- Layout --------------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Font:
    style: Style
    size: float
    leading: float

    @property
    def line_height(self) -> float:
        return self.size * self.leading * _MM_PER_PT

    def measure(self, text: str) -> float:
        return text_width(text, self.style, self.size)

    def wrap(self, text: str, width: float) -> list[str]:
        return thai_text.wrap(text, max(width, 1.0), self.measure)

    def fitted(self, text: str, width: float, whole: bool = False) -> _Font:
        """This font, or a smaller size of it (down to a floor) in which no word of ``text`` (or, if
        ``whole``, no line of it) is wider than ``width``: a narrow column then shows "ดำเนินการ" or
        "27,835,877.00" whole, not cut."""
        if whole:
            widest = max((self.measure(line) for line in text.splitlines()), default=0.0)
        else:
            widest = thai_text.widest_word(text, self.measure)
        if widest <= width:
            return self
        size = max(math.floor(self.size * width / widest * 10) / 10, _MIN_CELL_SIZE)
        # Same line height as the full size: the smaller text sits centred on its neighbours' lines.
        return _Font(self.style, size, self.leading * self.size / size)


_TITLE = _Font("B", _TITLE_SIZE, 1.4)
_SUBTITLE = _Font("", _SUBTITLE_SIZE, _LEADING)
_HEADING = _Font("B", _HEADING_SIZE, _LEADING)
_BODY = _Font("", _BODY_SIZE, _LEADING)
_BODY_BOLD = _Font("B", _BODY_SIZE, _LEADING)
_CELL = _Font("", _TABLE_SIZE, _TABLE_LEADING)
_CELL_BOLD = _Font("B", _TABLE_SIZE, _TABLE_LEADING)
_SMALL = _Font("", _SMALL_SIZE, _SMALL_LEADING)
_TICK = _Font("", _TICK_SIZE, _SMALL_LEADING)


@dataclass
class _Cell:
    lines: list[str]
    align: Align
    font: _Font
    indent: float = 0.0


class _Renderer:
    def __init__(self, document: Document) -> None:
        self.document = document
        self.canvas = _Canvas(document.landscape)
        self.left = _MARGIN
        self.right = self.canvas.width - _MARGIN
        self.top = _MARGIN
        self.bottom = self.canvas.height - _FOOTER_ZONE
        self.y = self.top

    @property
    def usable_width(self) -> float:
        return self.right - self.left

    def free_text(self, text: str) -> str:
        text = text.translate(_CONTROLS)
        return thai_digits(text) if self.document.thai_digits else text

    def value_text(self, value: Value, kind: Kind) -> str:
        return format_value(value, kind, self.document.language, self.document.thai_digits).translate(_CONTROLS)

    def thai(self) -> bool:
        return self.document.language == "th"

    # Pages

    def new_page(self) -> None:
        self.canvas.add_page()
        self.y = self.top

    def at_page_top(self) -> bool:
        return self.y <= self.top + 0.01

    def ensure(self, height: float) -> None:
        """Start a new page unless ``height`` fits below the cursor (a fresh page takes what it can)."""
        if self.y + height > self.bottom and not self.at_page_top():
            self.new_page()

    def lines(self, lines: Sequence[str], font: _Font, align: Align = "L") -> None:
        """Lines one under another, breaking pages between lines."""
        for line in lines:
            self.ensure(font.line_height)
            self.put(line, font, self.left, self.usable_width, align)
            self.y += font.line_height

    def put(self, line: str, font: _Font, x: float, width: float, align: Align, color: Color = _BLACK) -> None:
        if align == "L":
            left = x
        else:
            free = width - font.measure(line)
            left = x + (free if align == "R" else free / 2)
        self.canvas.text(left, self.y, font.line_height, line, font.style, font.size, color)

    # Document

    def render(self) -> bytes:
        document = self.document
        pdf = self.canvas.pdf
        pdf.set_title(document.title)
        pdf.set_author(document.agency)
        pdf.set_creator("Rongtook")
        pdf.set_lang("th-TH" if self.thai() else "en")
        pdf.set_creation_date(document.printed_at)
        self.new_page()
        self.lines(_TITLE.wrap(self.free_text(document.title), self.usable_width), _TITLE, "C")
        if document.subtitle:
            self.lines(_SUBTITLE.wrap(self.free_text(document.subtitle), self.usable_width), _SUBTITLE, "C")
        self.y += _BLOCK_GAP
        for block in document.blocks:
            self.block(block)
        self.footers()
        return bytes(pdf.output())

    def block(self, block: Block) -> None:
        if isinstance(block, Facts):
            self.facts(block)
        elif isinstance(block, Paragraph):
            self.paragraph(block)
        elif isinstance(block, Table):
            self.table(block)
        else:
            self.chart(block)
        self.y += _BLOCK_GAP

    def footers(self) -> None:
        """Every page's footer, drawn once the page count is known."""
        canvas = self.canvas
        document = self.document
        total = canvas.pdf.page
        moment = format_moment(document.printed_at, document.language)
        printed = self.free_text(f"พิมพ์เมื่อ {moment}" if self.thai() else f"Printed {moment}")
        rule_y = canvas.height - _FOOTER_ZONE + 3.0
        gap = 6.0
        for number in range(1, total + 1):
            canvas.go_to_page(number)
            page = self.free_text(f"หน้า {number}/{total}" if self.thai() else f"Page {number} of {total}")
            page_width = _SMALL.measure(page)
            printed_width = _SMALL.measure(printed)
            agency_width = max(self.usable_width - page_width - printed_width - 2 * gap, 30.0)
            agency = _SMALL.wrap(self.free_text(document.agency), agency_width)[:2]
            canvas.line(self.left, rule_y, self.right, rule_y, _BORDER, 0.2)
            self.y = rule_y + 1.0
            self.put(page, _SMALL, self.left, self.usable_width, "R", _GREY_TEXT)
            self.put(printed, _SMALL, self.right - page_width - gap - printed_width, printed_width, "L", _GREY_TEXT)
            for line in agency:
                self.put(line, _SMALL, self.left, agency_width, "L", _GREY_TEXT)
                self.y += _SMALL.line_height
        canvas.go_to_page(total)

    # Blocks

    def paragraph(self, paragraph: Paragraph) -> None:
        font = _HEADING if paragraph.heading else _BODY
        lines = font.wrap(self.free_text(paragraph.text), self.usable_width)
        if paragraph.heading:
            # A heading keeps at least two lines of what follows with it.
            self.ensure(len(lines) * font.line_height + 2 * _BODY.line_height)
        self.lines(lines, font)

    def facts(self, facts: Facts) -> None:
        if facts.title:
            title = _BODY_BOLD.wrap(self.free_text(facts.title), self.usable_width)
            self.ensure((len(title) + 1) * _BODY_BOLD.line_height)
            self.lines(title, _BODY_BOLD)
        if not facts.items:
            return
        items = [(self.free_text(label), self.value_text(value, Kind.TEXT)) for label, value in facts.items]
        colon = " : "
        colon_width = _BODY.measure(colon)
        # Labels in one column, as on a form; a long label wraps inside the column.
        label_width = min(max(_BODY_BOLD.measure(label) for label, _ in items), 0.35 * self.usable_width)
        value_x = self.left + label_width + colon_width
        value_width = self.right - value_x
        height = _BODY.line_height
        for label, value in items:
            label_lines = _BODY_BOLD.wrap(label, label_width)
            value_lines = _BODY.wrap(value, value_width)
            for index in range(max(len(label_lines), len(value_lines))):
                self.ensure(height)
                if index < len(label_lines):
                    self.put(label_lines[index], _BODY_BOLD, self.left, label_width, "L")
                if index == 0:
                    self.put(colon, _BODY, self.left + label_width, colon_width, "L")
                if index < len(value_lines):
                    self.put(value_lines[index], _BODY, value_x, value_width, "L")
                self.y += height

    # Tables

    def table(self, table: Table) -> None:
        columns = table.columns
        if not columns:
            return
        shares = [max(column.width, 0.0) for column in columns]
        if not sum(shares):
            shares = [1.0] * len(columns)
        widths = [self.usable_width * share / sum(shares) for share in shares]
        header = [
            self.cell(self.free_text(column.title), width, "C", _CELL_BOLD)
            for column, width in zip(columns, widths, strict=True)
        ]
        levels = table.levels or []
        rows = [
            self.row(columns, widths, row, levels[index] if index < len(levels) else 0, _CELL)
            for index, row in enumerate(table.rows)
        ]
        totals = self.row(columns, widths, table.totals, 0, _CELL_BOLD) if table.totals is not None else None
        title = _BODY_BOLD.wrap(self.free_text(table.title), self.usable_width) if table.title else []
        header_height = _row_height(header)
        # The title, the header and the first row start on the same page; a row too tall for any page
        # runs on from wherever it starts, so then a few of its lines are enough.
        first = rows[0] if rows else totals
        first_height = _row_height(first) if first else 0.0
        if header_height + first_height > self.bottom - self.top:
            first_height = 3 * _CELL.line_height + 2 * _CELL_PAD_Y
        self.ensure(len(title) * _BODY_BOLD.line_height + header_height + first_height)
        self.lines(title, _BODY_BOLD)

        def draw_header() -> None:
            self.draw_row(header, widths, fill=_HEADER_FILL)

        if self.y + header_height > self.bottom:
            self.new_page()
        draw_header()
        for cells in rows:
            self.place_row(cells, widths, None, header_height, draw_header)
        if totals is not None:
            self.place_row(totals, widths, _TOTALS_FILL, header_height, draw_header)

    def cell(
        self, text: str, width: float, align: Align, font: _Font, indent: float = 0.0, whole: bool = False
    ) -> _Cell:
        inner = width - 2 * _CELL_PAD_X - indent
        fitted = font.fitted(text, inner, whole)
        return _Cell(fitted.wrap(text, inner), align, fitted, indent)

    def row(
        self, columns: Sequence[Column], widths: Sequence[float], values: Sequence[Value], level: int, font: _Font
    ) -> list[_Cell]:
        cells: list[_Cell] = []
        for index, (column, width) in enumerate(zip(columns, widths, strict=True)):
            value = values[index] if index < len(values) else None
            indent = _LEVEL_INDENT * max(level, 0) if index == 0 else 0.0
            # Deep levels in a narrow column still leave room for text.
            indent = min(indent, max(width - 2 * _CELL_PAD_X - 5.0, 0.0))
            if column.kind in _NUMERIC:
                align: Align = "R"
            elif column.kind is Kind.DATE:
                align = "C"
            else:
                align = "L"
            # Numbers and dates read badly broken over lines: they shrink to fit first.
            whole = column.kind is not Kind.TEXT
            cells.append(self.cell(self.value_text(value, column.kind), width, align, font, indent, whole))
        return cells

    def place_row(
        self,
        cells: list[_Cell],
        widths: Sequence[float],
        fill: Color | None,
        header_height: float,
        draw_header: Callable[[], None],
    ) -> None:
        """A row where it fits whole: here, or on a new page under a repeated header."""
        height = _row_height(cells)
        if self.y + height <= self.bottom:
            self.draw_row(cells, widths, fill)
            return
        if header_height + height <= self.bottom - self.top:
            self.new_page()
            draw_header()
            self.draw_row(cells, widths, fill)
            return
        # Taller than a page: the row runs on over as many pages as it needs.
        remaining = cells
        while any(cell.lines for cell in remaining):
            room = self.bottom - self.y - 2 * _CELL_PAD_Y
            if room < max(cell.font.line_height for cell in remaining):
                self.new_page()
                draw_header()
                continue
            chunk = []
            rest = []
            for cell in remaining:
                count = max(int(room // cell.font.line_height), 1)
                chunk.append(_Cell(cell.lines[:count], cell.align, cell.font, cell.indent))
                rest.append(_Cell(cell.lines[count:], cell.align, cell.font, cell.indent))
            self.draw_row(chunk, widths, fill)
            remaining = rest

    def draw_row(self, cells: Sequence[_Cell], widths: Sequence[float], fill: Color | None) -> None:
        height = _row_height(cells)
        canvas = self.canvas
        x = self.left
        top = self.y
        for cell, width in zip(cells, widths, strict=True):
            canvas.rect(x, top, width, height, fill=fill, stroke=_BORDER)
            self.y = top + _CELL_PAD_Y
            inner_x = x + _CELL_PAD_X + cell.indent
            inner_width = width - 2 * _CELL_PAD_X - cell.indent
            for line in cell.lines:
                self.put(line, cell.font, inner_x, inner_width, cell.align)
                self.y += cell.font.line_height
            x += width
        self.y = top + height

    # Charts

    def chart(self, chart: BarChart) -> None:
        """Horizontal clustered bars: a category per row, its label at the left, however long the list.
        The plot runs on over pages as needed, each page with its legend and value scale."""
        series = [(self.free_text(name), list(values)) for name, values in chart.series]
        categories = [self.free_text(category) for category in chart.categories]
        title = self.free_text(chart.title)
        if not categories or not series:
            self.lines(_BODY_BOLD.wrap(title, self.usable_width), _BODY_BOLD)
            return
        finite = [v for _, values in series for v in values if math.isfinite(v)]
        ticks = _ticks(min([0.0, *finite]), max([0.0, *finite]))
        low, high = ticks[0], ticks[-1]

        label_font = _SMALL
        label_width = min(max(label_font.measure(category) for category in categories) + 1.0, 0.3 * self.usable_width)
        tick_labels = [self.free_text(_tick_label(tick, ticks)) for tick in ticks]
        overhang = max(_TICK.measure(text) for text in (tick_labels[0], tick_labels[-1])) / 2 + 1.0
        plot_left = self.left + max(label_width + 2.0, overhang)
        plot_right = self.right - overhang

        def to_x(value: float) -> float:
            return plot_left + (value - low) / (high - low) * (plot_right - plot_left)

        bar = 1.7 if len(series) <= 3 else max(0.8, 5.1 / len(series))
        group_gap = 1.6
        groups = []
        for index, category in enumerate(categories):
            label_lines = label_font.wrap(category, label_width)
            bars_height = len(series) * bar
            height = max(len(label_lines) * label_font.line_height, bars_height) + group_gap
            groups.append((index, label_lines, height))

        legend = self.legend_rows([name for name, _ in series])
        legend_height = len(legend) * _SMALL.line_height + 1.0
        axis_height = _TICK.line_height + 1.0
        unit = self.free_text(chart.unit)
        unit_text = (f"หน่วย: {unit}" if self.thai() else f"Unit: {unit}") if unit else ""
        footer_height = axis_height + (_TICK.line_height if unit_text else 0.0)

        first = True
        position = 0
        while position < len(groups):
            heading = title if first else title + (" (ต่อ)" if self.thai() else " (continued)")
            heading_lines = _BODY_BOLD.wrap(heading, self.usable_width)
            head_height = len(heading_lines) * _BODY_BOLD.line_height + legend_height
            self.ensure(head_height + groups[position][2] + footer_height)
            self.lines(heading_lines, _BODY_BOLD)
            self.draw_legend(legend)
            self.y += 1.0
            plot_top = self.y
            # As many categories as fit above the scale, and always at least one.
            end = position
            used = 0.0
            while end < len(groups) and (
                end == position or plot_top + used + groups[end][2] + footer_height <= self.bottom
            ):
                used += groups[end][2]
                end += 1
            plot_bottom = plot_top + used
            for tick in ticks:
                color = _BORDER if tick == 0 else _GRID
                self.canvas.line(to_x(tick), plot_top, to_x(tick), plot_bottom, color, 0.3 if tick == 0 else 0.15)
            y = plot_top + group_gap / 2
            for index, label_lines, height in groups[position:end]:
                inner = height - group_gap
                label_top = y + (inner - len(label_lines) * label_font.line_height) / 2
                for number, line in enumerate(label_lines):
                    self.y = label_top + number * label_font.line_height
                    self.put(line, label_font, self.left, label_width, "R")
                bar_top = y + (inner - len(series) * bar) / 2
                for number, (_, values) in enumerate(series):
                    value = values[index] if index < len(values) else math.nan
                    if math.isfinite(value) and value != 0:
                        start, stop = sorted((to_x(0.0), to_x(value)))
                        color = _SERIES_COLORS[number % len(_SERIES_COLORS)]
                        self.canvas.rect(start, bar_top + number * bar, stop - start, bar * 0.85, fill=color)
                y += height
            self.canvas.line(plot_left, plot_bottom, plot_right, plot_bottom, _BORDER, 0.3)
            self.y = plot_bottom + 0.8
            for tick, text in zip(ticks, tick_labels, strict=True):
                half = _TICK.measure(text) / 2
                self.put(text, _TICK, to_x(tick) - half, 2 * half, "L", _GREY_TEXT)
            self.y += _TICK.line_height
            if unit_text:
                self.put(unit_text, _TICK, plot_left, plot_right - plot_left, "R", _GREY_TEXT)
                self.y += _TICK.line_height
            position = end
            first = False
            if position < len(groups):
                self.new_page()

    def legend_rows(self, names: Sequence[str]) -> list[list[tuple[int, str, float]]]:
        """Series names flowed into rows: (series number, name, width of swatch + name + gap)."""
        swatch = 3.0
        rows: list[list[tuple[int, str, float]]] = [[]]
        used = 0.0
        for number, name in enumerate(names):
            name = _SMALL.wrap(name, self.usable_width - swatch - 2.0)[0] if name else ""
            width = swatch + 1.5 + _SMALL.measure(name) + 6.0
            if rows[-1] and used + width > self.usable_width:
                rows.append([])
                used = 0.0
            rows[-1].append((number, name, width))
            used += width
        return rows

    def draw_legend(self, rows: Sequence[Sequence[tuple[int, str, float]]]) -> None:
        swatch = 3.0
        height = _SMALL.line_height
        for row in rows:
            x = self.left
            for number, name, width in row:
                color = _SERIES_COLORS[number % len(_SERIES_COLORS)]
                self.canvas.rect(x, self.y + (height - swatch) / 2, swatch, swatch, fill=color)
                self.put(name, _SMALL, x + swatch + 1.5, width, "L")
                x += width
            self.y += height


def _row_height(cells: Sequence[_Cell]) -> float:
    return max((len(cell.lines) * cell.font.line_height for cell in cells), default=0.0) + 2 * _CELL_PAD_Y


def _ticks(low: float, high: float) -> list[float]:
    """Round scale values covering [low, high], about five steps."""
    if high - low <= 0:
        high = low + 1.0
    raw = (high - low) / 5
    magnitude = 10 ** math.floor(math.log10(raw))
    step = next(m * magnitude for m in (1.0, 2.0, 2.5, 5.0, 10.0) if m * magnitude >= raw * (1 - 1e-9))
    first = math.floor(low / step + 1e-9)
    last = math.ceil(high / step - 1e-9)
    return [round(n * step, 10) for n in range(first, last + 1)]


def _tick_label(value: float, ticks: Sequence[float]) -> str:
    step = ticks[1] - ticks[0] if len(ticks) > 1 else 1.0
    places = 0
    while places < 2 and abs(step * 10**places - round(step * 10**places)) > 1e-6:
        places += 1
    text = f"{value:,.{places}f}"
    return text[1:] if text.startswith("-") and float(text.replace(",", "")) == 0 else text


def render_pdf(document: Document) -> bytes:
    """The document as an A4 PDF (landscape if asked), in its own language, with every page footed
    by the agency, the printing time and the page number."""
    return _Renderer(document).render()


def warm_up() -> None:
    """Load now what the first render would: the HarfBuzz fonts and pythainlp's word list (about half
    a second), e.g. at a server's startup, so that no request pays for it."""
    for style in _FONT_FILES:
        _face(style)
    thai_text.wrap("ภาษาไทย", 100.0, len)
