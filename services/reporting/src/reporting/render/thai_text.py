"""Line breaking for text that may be Thai.

Thai writes words without spaces, so a line may break between any two words, and finding the words
takes a dictionary segmenter (pythainlp's newmm). Spaces still separate phrases and are dropped where a
line breaks, as in Latin text.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Callable

from pythainlp.tokenize import word_tokenize

Measure = Callable[[str], float]

# Above and below vowels, tone marks and the other marks that sit on a consonant, plus SARA AM,
# which Unicode counts as a spacing mark of the syllable before it.
_THAI_NON_STARTERS = frozenset(
    "\u0e31\u0e33" + "".join(map(chr, range(0x0E34, 0x0E3B))) + "".join(map(chr, range(0x0E47, 0x0E4F)))
)
# Written before the consonant they are pronounced after: splitting them off orphans the vowel.
_LEADING_VOWELS = frozenset("เแโใไ")
_ZWJ = "\u200d"
# Punctuation that would look stranded at the start of a line (closing marks, Thai repetition and
# abbreviation signs) or at the end of one (opening marks). Straight quotes can be either, so neither.
_NO_BREAK_BEFORE = frozenset(")]}>,.;:!?%…ๆฯ”’»")
_NO_BREAK_AFTER = frozenset("([{<“‘«")
# Non-breaking spaces are spaces that must not become a line break.
_GLUE_SPACES = frozenset("\u00a0\u2007\u202f\ufeff")
_NEWLINE = re.compile(r"\r\n|\r|\n")


def _is_non_starter(char: str) -> bool:
    return char in _THAI_NON_STARTERS or char == _ZWJ or unicodedata.category(char) in ("Mn", "Mc", "Me")


def _is_break_space(token: str) -> bool:
    return token.isspace() and not any(char in _GLUE_SPACES for char in token)


def _glued(before: str, after: str) -> bool:
    """Whether no line may break between two adjacent non-space units."""
    return (
        before[-1] in _NO_BREAK_AFTER
        or before[-1] in _LEADING_VOWELS
        or before[-1] in _GLUE_SPACES
        or before[-1] == _ZWJ
        or after[0] in _NO_BREAK_BEFORE
        or after[0] in _GLUE_SPACES
        or _is_non_starter(after[0])
    )


@functools.lru_cache(maxsize=4096)
def units(paragraph: str) -> tuple[tuple[str, bool], ...]:
    """The paragraph (no newlines) as unbreakable units, each with whether it is a breaking space.

    Reports repeat the same strings (agency names, column titles, category labels), and segmenting is
    the slow part of wrapping, hence the cache.
    """
    result: list[tuple[str, bool]] = []
    for token in word_tokenize(paragraph, engine="newmm", keep_whitespace=True):
        if not token:
            continue
        space = _is_break_space(token)
        if result and not space and not result[-1][1] and _glued(result[-1][0], token):
            result[-1] = (result[-1][0] + token, False)
        else:
            result.append((token, space))
    return tuple(result)


def clusters(word: str) -> list[str]:
    """The word cut where a line may break inside it: never before a mark, never after a leading vowel."""
    pieces: list[str] = []
    for char in word:
        if pieces and (_is_non_starter(char) or pieces[-1][-1] in _LEADING_VOWELS or pieces[-1][-1] == _ZWJ):
            pieces[-1] += char
        else:
            pieces.append(char)
    return pieces


def _split_word(word: str, max_width: float, measure: Measure) -> list[str]:
    """A word wider than a line, cut into pieces that fit (each holds at least one cluster)."""
    pieces: list[str] = []
    current = ""
    for cluster in clusters(word):
        if current and measure(current + cluster) > max_width:
            pieces.append(current)
            current = cluster
        else:
            current += cluster
    pieces.append(current)
    return pieces


# A sum of unit widths can differ from the width of the joined string by kerning across the joint;
# near the end of a line the joined string is measured to be sure.
_CLOSE = 0.97


def _wrap_paragraph(paragraph: str, max_width: float, measure: Measure) -> list[str]:
    lines: list[str] = []
    line: list[str] = []
    width = 0.0
    line_space_tail = 0  # how many units at the end of `line` are breaking spaces

    def flush() -> None:
        nonlocal line, width, line_space_tail
        # Spaces where the line breaks are dropped.
        kept = line[: len(line) - line_space_tail] if line_space_tail else line
        lines.append("".join(kept))
        line, width, line_space_tail = [], 0.0, 0

    for unit, space in units(paragraph):
        unit_width = measure(unit)
        fits = width + unit_width <= max_width
        if fits and line and width + unit_width > max_width * _CLOSE:
            fits = measure("".join(line) + unit) <= max_width
        if fits:
            line.append(unit)
            width += unit_width
            line_space_tail = line_space_tail + 1 if space else 0
            continue
        if space:
            # A space that does not fit is where the line breaks.
            if line:
                line.append(unit)
                line_space_tail += 1
                flush()
            continue
        if line:
            flush()
        if unit_width <= max_width:
            line, width = [unit], unit_width
            continue
        *full, last = _split_word(unit, max_width, measure)
        lines.extend(full)
        line, width = [last], measure(last)
    if line:
        flush()
    elif not lines:
        lines.append("")
    return lines


def widest_word(text: str, measure: Measure) -> float:
    """The width of the widest stretch of ``text`` that :func:`wrap` would not break."""
    return max(
        (measure(unit) for paragraph in _NEWLINE.split(text) for unit, space in units(paragraph) if not space),
        default=0.0,
    )


def wrap(text: str, max_width: float, measure: Measure) -> list[str]:
    """``text`` as lines no wider than ``max_width`` as ``measure`` counts width.

    Lines break between words (Thai words found by pythainlp's newmm segmenter), at spaces, and at every
    newline. Spaces at a break and the newlines are dropped; nothing else is, so the lines joined with
    what was dropped give back the text. A word wider than a line is cut between character clusters.
    """
    lines: list[str] = []
    for paragraph in _NEWLINE.split(text):
        lines.extend(_wrap_paragraph(paragraph, max_width, measure))
    return lines
