"""Text normalisation for Thai search and duplicate detection.

Everything indexed and every query goes through :func:`normalize_text` (ARCHITECTURE: pythainlp
``normalize``), so a query typed with a doubled vowel or a zero-width space still matches.
pythainlp's normalize runs some forty regular expressions (~0.1 ms for a sentence); most text
typed at a counter is already normal, so a single precompiled check decides whether it is needed.
The check is conservative: whenever it lets text through unchanged, normalize would not change it
either (a property test holds it to that).
"""

from __future__ import annotations

import re

from pythainlp import (
    thai_above_vowels,
    thai_below_vowels,
    thai_follow_vowels,
    thai_lead_vowels,
    thai_tonemarks,
)
from pythainlp.util import normalize as pythainlp_normalize

_NON_BASE = f"{thai_above_vowels}{thai_below_vowels}{thai_tonemarks}\u0e3a\u0e4c\u0e4d\u0e4e"
_NO_REPEAT = f"{thai_follow_vowels}{thai_lead_vowels}{thai_above_vowels}{thai_below_vowels}\u0e3a\u0e4c\u0e4d\u0e4e"

_NEEDS_NORMALIZE = re.compile(
    "|".join(
        (
            "[\u200b\u200c]",  # zero-width characters
            "  ",
            "\n",
            "^[ \n]",
            "[ \n]$",  # spacing and line breaks
            f"^[{_NON_BASE}]",
            f" [{_NON_BASE}]",  # dangling marks (and spaces before marks)
            "\u0e40\u0e40",  # two sara e typed for sara ae
            f"[{thai_tonemarks}\u0e4c][{thai_above_vowels}{thai_below_vowels}]",  # mark order
            "\u0e4d",
            "\u0e45",  # nikhahit, lakkhangyao
            f"[{thai_follow_vowels}][{thai_tonemarks}]",
            f"([{_NO_REPEAT}]) *\\1",  # repeated vowels and signs
            f"[{thai_tonemarks}]{{2}}",  # stacked tone marks
        )
    )
)
_SPACES = re.compile(r"\s+")
_NOT_DIGIT = re.compile(r"\D")


def normalize_text(text: str) -> str:
    """Normalised, lower-cased, single-spaced text, as stored for search and as searched for."""
    text = _SPACES.sub(" ", text).strip()
    if _NEEDS_NORMALIZE.search(text):
        text = pythainlp_normalize(text)
    return text.lower()


def phone_digits(phone: str) -> str:
    """Digits only, with the Thai country code folded to a leading 0 ('+66 81…' → '081…')."""
    digits = _NOT_DIGIT.sub("", phone.translate(str.maketrans("๐๑๒๓๔๕๖๗๘๙", "0123456789")))
    if digits.startswith("66") and len(digits) >= 10:
        digits = "0" + digits[2:]
    return digits
