"""Text normalisation: the fast path never disagrees with pythainlp's normalize."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st
from pythainlp.util import normalize

from intake.text import normalize_text, phone_digits

THAI = "".join(chr(c) for c in range(0x0E01, 0x0E5C)) + " \u200b\u200cabc12"


@settings(max_examples=3000)
@given(st.text(alphabet=THAI, max_size=40))
def test_same_as_pythainlp(text: str) -> None:
    collapsed = " ".join(text.split())
    assert normalize_text(text) == normalize(collapsed).lower()


def test_examples() -> None:
    assert normalize_text("  ถนน   ชำรุด\n") == "ถนน ชำรุด"
    assert normalize_text("เเปลก") == "แปลก"
    assert normalize_text("น\u0e4d\u0e49า") == "น้ำ"
    assert normalize_text("ABC") == "abc"


def test_phone_digits() -> None:
    assert phone_digits("+66 81 234 5678") == "0812345678"
    assert phone_digits("081-234-5678") == "0812345678"
    assert phone_digits("๐๘๑๒๓๔๕๖๗๘") == "0812345678"
    assert phone_digits("02 123 4567") == "021234567"
