"""The shipped fonts, registered with Qt so every name renders on screen as in the PDFs.

DejaVu Sans covers Latin (Polish, Czech, Irish); Noto Naskh Arabic covers Arabic and Urdu letters the
system fonts may lack (Urdu heh goal, ہ). Qt falls back to them glyph by glyph.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtGui import QFontDatabase

from iro_desktop.package_data import package_path

FONTS = ("DejaVuSans.ttf", "DejaVuSans-Bold.ttf", "NotoNaskhArabic-Regular.ttf", "NotoNaskhArabic-Bold.ttf")
_loaded = False


def font_folder() -> Path:
    """`iro_desktop/resources/fonts`, shipped as package data (checkout, wheel and frozen app alike)."""
    return package_path("resources", "fonts")


def load_fonts() -> None:
    """Register the shipped fonts once per process (after the first paint: it costs a few ms)."""
    global _loaded
    if _loaded:
        return
    _loaded = True
    folder = font_folder()
    for name in FONTS:
        if (folder / name).exists():
            QFontDatabase.addApplicationFont(str(folder / name))
