"""What the projector paints, as data: each text piece's rectangle, so tests can check the layout."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QRectF
from PySide6.QtGui import QTextDocument


@dataclass(frozen=True)
class PaintedText:
    """One piece of text drawn on the projector: a document (or a slice of it) in a rectangle."""

    kind: str  # "title", "question", "section", "item", "continued", "page"
    text: str
    rect: QRectF  # where it is drawn, in window coordinates
    laid_out_height: float  # the height of what is drawn, as laid out (fits `rect` when nothing is clipped)
    laid_out_width: float  # the widest line as laid out
    smallest_pt: float  # the smallest type size used in it


def smallest_pt(doc: QTextDocument) -> float:
    """The smallest point size of any text in the document (its default font where none is set)."""
    default = doc.defaultFont().pointSizeF()
    smallest = float("inf")
    block = doc.begin()
    while block.isValid():
        it = block.begin()
        while not it.atEnd():
            fragment = it.fragment()
            if fragment.isValid() and fragment.text().strip():
                size = fragment.charFormat().fontPointSize() or default
                smallest = min(smallest, size)
            it += 1
        block = block.next()
    return default if smallest == float("inf") else smallest
