"""Reading order on screen for English text with Arabic-script names in it (display only).

The paragraph direction comes from the surrounding language (the application's layout direction, English:
left to right), never from the first strong character, so "محمد علي said ..." reads as an English sentence.
Each Arabic-script run is wrapped in Unicode isolates (FSI ... PDI) for display, so numbers and punctuation
after a name stay in the sentence's order. The stored text is never altered.
"""

from __future__ import annotations

import re

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication

FSI = "\u2068"  # first strong isolate
PDI = "\u2069"  # pop directional isolate

# Arabic, Syriac, Thaana, NKo and the Arabic supplements and presentation forms (Arabic, Urdu, Persian...).
_RTL_LETTER = "\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufefc"
# A run of right-to-left words, with the spaces between them (a full name is one run).
_RTL_RUN = re.compile(
    f"[{_RTL_LETTER}][{_RTL_LETTER}\u064b-\u065f\u0670]*(?:\\s+[{_RTL_LETTER}][{_RTL_LETTER}]*)*"
)


def paragraph_direction() -> Qt.LayoutDirection:
    """The direction of the surrounding language: the application's (left to right for English)."""
    direction = QGuiApplication.layoutDirection()
    return (
        Qt.LayoutDirection.LeftToRight if direction == Qt.LayoutDirection.LayoutDirectionAuto else direction
    )


def has_rtl(text: str) -> bool:
    return _RTL_RUN.search(text) is not None


def isolate_names(text: str) -> str:
    """The text with each right-to-left run isolated, for display only (never store the result)."""
    if not has_rtl(text):
        return text
    return _RTL_RUN.sub(lambda m: f"{FSI}{m.group(0)}{PDI}", text)
