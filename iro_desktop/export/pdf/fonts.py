"""Fonts for the PDFs, and text-to-markup that renders every script we meet.

reportlab's built-in Helvetica has no Polish, Czech or Arabic letters, so we register DejaVu Sans (shipped as
package data in `iro_desktop/resources/fonts/`). reportlab has no font fallback and no bidi, so each run of
Arabic-script letters (Arabic, Urdu, Persian) is reshaped with `arabic_reshaper`, put in visual order with
`bidi.get_display`, and set in Noto Naskh Arabic through inline `<font>` markup. reportlab's own shaping is
never switched on for the same text (it would shape twice).
"""

from __future__ import annotations

import re
from pathlib import Path
from xml.sax.saxutils import escape

import arabic_reshaper
from bidi import get_display
from reportlab.lib.fonts import addMapping
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

from iro_desktop.package_data import package_path

SANS = "DejaVuSans"
SANS_BOLD = "DejaVuSans-Bold"
SANS_ITALIC = "DejaVuSans-Oblique"
NASKH = "NotoNaskhArabic"
NASKH_BOLD = "NotoNaskhArabic-Bold"

_FILES = {
    SANS: "DejaVuSans.ttf",
    SANS_BOLD: "DejaVuSans-Bold.ttf",
    SANS_ITALIC: "DejaVuSans-Oblique.ttf",
    NASKH: "NotoNaskhArabic-Regular.ttf",
    NASKH_BOLD: "NotoNaskhArabic-Bold.ttf",
}

_registered = False


def resources_dir() -> Path:
    """`iro_desktop/resources/`, shipped as package data (checkout, wheel and frozen app alike)."""
    return package_path("resources")


def fonts_dir() -> Path:
    return resources_dir() / "fonts"


def register_fonts() -> None:
    """Register the shipped fonts with reportlab once per process."""
    global _registered
    if _registered:
        return
    folder = fonts_dir()
    for name, filename in _FILES.items():
        pdfmetrics.registerFont(TTFont(name, str(folder / filename)))
    # No bold-oblique face is shipped: bold italic falls back to bold.
    for bold in (0, 1):
        for italic in (0, 1):
            face = (SANS, SANS_ITALIC, SANS_BOLD, SANS_BOLD)[bold * 2 + italic]
            addMapping(SANS, bold, italic, face)
            addMapping(NASKH, bold, italic, NASKH_BOLD if bold else NASKH)
    _registered = True


_ARABIC_CHARS = "\u0600-\u06ff\u0750-\u077f\u08a0-\u08ff\ufb50-\ufdff\ufe70-\ufeff"
# A run: Arabic-script letters, with the spaces and marks between Arabic words kept inside the run.
_ARABIC_RUN = re.compile(f"[{_ARABIC_CHARS}]+(?:[ \u00a0\u200c\u200d]+[{_ARABIC_CHARS}]+)*")


def has_arabic(text: str) -> bool:
    return _ARABIC_RUN.search(text) is not None


def shape_arabic(run: str) -> str:
    """Contextual letter forms, then visual (left-to-right drawing) order."""
    return str(get_display(arabic_reshaper.reshape(run)))


def markup(text: str, bold: bool = False) -> str:
    """Paragraph markup for user text: XML-escaped, Arabic runs shaped and set in Naskh, newlines kept.

    `bold`: the paragraph's style is bold, so Arabic runs take Naskh's bold face too.
    """
    naskh = NASKH_BOLD if bold else NASKH
    parts: list[str] = []
    position = 0
    for match in _ARABIC_RUN.finditer(text):
        parts.append(escape(text[position : match.start()]))
        parts.append(f'<font name="{naskh}">{escape(shape_arabic(match.group()))}</font>')
        position = match.end()
    parts.append(escape(text[position:]))
    return "".join(parts).replace("\n", "<br/>")


def plain(text: str) -> str:
    """Text for drawing straight onto the canvas (page header): Arabic runs shaped, no markup."""
    return _ARABIC_RUN.sub(lambda m: shape_arabic(m.group()), text)
