"""Every paragraph and table style of the PDFs, in one place.

`standard_styles()` serves the professional documents (handout, plan, record); `family_styles()` is the same
set in larger type with more space, for the plain-language family version.
"""

from __future__ import annotations

from dataclasses import dataclass

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER
from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import TableStyle

from iro_desktop.export.pdf.fonts import SANS, SANS_BOLD, SANS_ITALIC, register_fonts

INK = colors.HexColor("#1a1a1a")
MUTED = colors.HexColor("#555555")
RULE = colors.HexColor("#8a8a8a")
HEAD_FILL = colors.HexColor("#e4e8ee")
BAND_FILL = colors.HexColor("#f3f4f6")
WATERMARK = colors.Color(0.55, 0.55, 0.55, alpha=0.18)
MARKING_RED = colors.HexColor("#a00000")

# The question headings' side bar (colour is never the only signal: each has its heading text).
QUESTION_COLOURS = {
    "worried": colors.HexColor("#b3261e"),
    "working_well": colors.HexColor("#2e7d32"),
    "needs_to_happen": colors.HexColor("#1f5fa8"),
    "childs_voice": colors.HexColor("#6a3d9a"),
    "network": colors.HexColor("#8a5a00"),
    "other": colors.HexColor("#555555"),
    "scaling": colors.HexColor("#00695c"),
}


@dataclass(frozen=True)
class StyleSet:
    """The paragraph styles one document uses."""

    name: str
    title: ParagraphStyle
    subtitle: ParagraphStyle
    h1: ParagraphStyle
    h2: ParagraphStyle
    h3: ParagraphStyle
    body: ParagraphStyle
    bullet: ParagraphStyle
    note: ParagraphStyle
    cell: ParagraphStyle
    cell_head: ParagraphStyle
    label: ParagraphStyle
    marking: str  # font for the page frame
    frame_size: float  # font size of the page frame


def _set(name: str, base: float) -> StyleSet:
    register_fonts()
    leading = base * 1.3
    body = ParagraphStyle(
        f"{name}-body",
        fontName=SANS,
        fontSize=base,
        leading=leading,
        textColor=INK,
        spaceAfter=base * 0.45,
        allowWidows=0,
        allowOrphans=0,
    )
    return StyleSet(
        name=name,
        title=ParagraphStyle(
            f"{name}-title",
            parent=body,
            fontName=SANS_BOLD,
            fontSize=base * 1.75,
            leading=base * 2.2,
            spaceAfter=base * 0.3,
        ),
        subtitle=ParagraphStyle(
            f"{name}-subtitle", parent=body, textColor=MUTED, fontSize=base * 1.05, spaceAfter=base
        ),
        h1=ParagraphStyle(
            f"{name}-h1",
            parent=body,
            fontName=SANS_BOLD,
            fontSize=base * 1.4,
            leading=base * 1.8,
            spaceBefore=base * 1.1,
            spaceAfter=base * 0.5,
            keepWithNext=1,
        ),
        h2=ParagraphStyle(
            f"{name}-h2",
            parent=body,
            fontName=SANS_BOLD,
            fontSize=base * 1.15,
            leading=base * 1.5,
            spaceBefore=base * 0.8,
            spaceAfter=base * 0.35,
            keepWithNext=1,
        ),
        h3=ParagraphStyle(
            f"{name}-h3",
            parent=body,
            fontName=SANS_BOLD,
            fontSize=base,
            leading=leading,
            spaceBefore=base * 0.5,
            spaceAfter=base * 0.25,
            keepWithNext=1,
        ),
        body=body,
        bullet=ParagraphStyle(
            f"{name}-bullet",
            parent=body,
            leftIndent=base * 1.4,
            bulletIndent=base * 0.3,
            bulletFontName=SANS,
            bulletFontSize=base,
            spaceAfter=base * 0.3,
        ),
        note=ParagraphStyle(
            f"{name}-note",
            parent=body,
            fontName=SANS_ITALIC,
            fontSize=base * 0.85,
            leading=base * 1.1,
            textColor=MUTED,
        ),
        cell=ParagraphStyle(
            f"{name}-cell", parent=body, fontSize=base * 0.9, leading=base * 1.15, spaceAfter=0
        ),
        cell_head=ParagraphStyle(
            f"{name}-cell-head",
            parent=body,
            fontName=SANS_BOLD,
            fontSize=base * 0.9,
            leading=base * 1.15,
            spaceAfter=0,
        ),
        label=ParagraphStyle(
            f"{name}-label",
            parent=body,
            fontName=SANS_BOLD,
            fontSize=base * 0.9,
            leading=base * 1.15,
            spaceAfter=0,
            textColor=MUTED,
        ),
        marking=SANS_BOLD,
        frame_size=8.0 if base < 11 else 9.5,
    )


_cache: dict[str, StyleSet] = {}


def standard_styles() -> StyleSet:
    if "standard" not in _cache:
        _cache["standard"] = _set("standard", 9.5)
    return _cache["standard"]


def family_styles() -> StyleSet:
    """Larger type for the family: 13 pt body text."""
    if "family" not in _cache:
        _cache["family"] = _set("family", 13.0)
    return _cache["family"]


def watermark_style(size: float) -> ParagraphStyle:
    return ParagraphStyle("watermark", fontName=SANS_BOLD, fontSize=size, alignment=TA_CENTER)


def grid_table() -> TableStyle:
    """A data table: header row shaded and repeated on every page, thin grid, top-aligned cells."""
    return TableStyle(
        [
            ("GRID", (0, 0), (-1, -1), 0.4, RULE),
            ("BACKGROUND", (0, 0), (-1, 0), HEAD_FILL),
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ("LEFTPADDING", (0, 0), (-1, -1), 4),
            ("RIGHTPADDING", (0, 0), (-1, -1), 4),
            ("TOPPADDING", (0, 0), (-1, -1), 3),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
        ]
    )


def key_value_table() -> TableStyle:
    """Label/value pairs: labels in a shaded first column, no outer heavy lines."""
    return TableStyle(
        [
            ("LINEBELOW", (0, 0), (-1, -1), 0.4, RULE),
            ("BACKGROUND", (0, 0), (0, -1), BAND_FILL),
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ("LEFTPADDING", (0, 0), (-1, -1), 4),
            ("RIGHTPADDING", (0, 0), (-1, -1), 4),
            ("TOPPADDING", (0, 0), (-1, -1), 3),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
        ]
    )


def question_band(colour: colors.Color) -> TableStyle:
    """A heading band: a coloured bar at the left of the question heading."""
    return TableStyle(
        [
            ("LINEBEFORE", (0, 0), (0, -1), 5, colour),
            ("BACKGROUND", (0, 0), (-1, -1), BAND_FILL),
            ("LEFTPADDING", (0, 0), (-1, -1), 8),
            ("TOPPADDING", (0, 0), (-1, -1), 4),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 4),
        ]
    )
