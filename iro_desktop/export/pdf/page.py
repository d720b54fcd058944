"""The page frame of every PDF: protective marking, family reference, "Page X of Y", DRAFT.

The frame is drawn in two passes. Each page's header, footer and DRAFT watermark are drawn as the page
begins (under the content); "Page X of Y" needs the page count, so `NumberedCanvas` keeps every page's
drawing state and writes the numbers when the document is saved (the reportlab two-pass canvas recipe).
"""

from __future__ import annotations

import io
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import Any

from reportlab import rl_config
from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import BaseDocTemplate, Flowable, Frame, KeepTogether, PageTemplate, Table

from iro_desktop.export.pdf.fonts import SANS, plain
from iro_desktop.export.pdf.styles import INK, MARKING_RED, MUTED, RULE, WATERMARK, StyleSet
from iro_desktop.private_files import write_private

# Same input, same bytes: no timestamps or random ids in the file.
rl_config.invariant = 1

MARKING = "OFFICIAL-SENSITIVE"
PAGE_SIZE = A4
MARGIN_X = 18 * mm
MARGIN_TOP = 24 * mm
MARGIN_BOTTOM = 22 * mm


@dataclass(frozen=True)
class PageFrame:
    """What the frame of each page shows."""

    title: str  # e.g. "Conference record"
    family_reference: str
    is_final: bool
    styles: StyleSet
    produced: str = ""  # e.g. "Produced 23 November 2026 at 14:05"
    version_number: int | None = None  # an earlier version of a final record: "- version N" after the title
    reference_label: str = "Family reference"  # the annual report shows "Period: 2025-26"
    audit: str = ""  # issue 13: the record's "Audit: entry N, head abcd1234", bottom right
    copy_mark: str = ""  # issue 18: whom this copy was made for and its audience, under the marking

    @property
    def page_title(self) -> str:
        title = self.title if self.version_number is None else f"{self.title} - version {self.version_number}"
        return title if self.is_final else f"{title} - DRAFT"

    @property
    def frame_size(self) -> float:
        return self.styles.frame_size


def content_width() -> float:
    return PAGE_SIZE[0] - 2 * MARGIN_X


class NumberedCanvas(Canvas):
    """A canvas that writes "Page X of Y" on every page once the page count is known."""

    def __init__(self, *args: Any, page_frame: PageFrame, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._page_frame = page_frame
        self._saved_pages: list[dict[str, Any]] = []

    def showPage(self) -> None:  # noqa: N802 - reportlab's name
        self._saved_pages.append(dict(self.__dict__))
        self._startPage()

    def save(self) -> None:
        total = len(self._saved_pages)
        for state in self._saved_pages:
            self.__dict__.update(state)
            self._draw_page_number(total)
            super().showPage()
        super().save()

    def _draw_page_number(self, total: int) -> None:
        frame = self._page_frame
        width = PAGE_SIZE[0]
        self.saveState()
        self.setFont(SANS, frame.frame_size)
        self.setFillColor(INK)
        self.drawRightString(width - MARGIN_X, 10 * mm, f"Page {self._pageNumber} of {total}")
        self.restoreState()


class KeepHeadingsWithTable(KeepTogether):
    """Keeps headings with what follows; when that is a table, with its first rows only.

    reportlab groups a heading (keepWithNext) and the next flowable in a KeepTogether, which moves the whole
    group to the next page when it does not fit, leaving half a page empty before a long table. Here the
    group stays put when the headings plus the table's header and first row fit, and the table splits.
    """

    def split(self, aW: float, aH: float) -> list[Flowable]:  # noqa: N803 - reportlab's names
        *heads, last = self._content
        if heads and isinstance(last, Table):
            needed = 0.0
            for flowable in heads:
                needed += flowable.wrap(aW, aH)[1] + flowable.getSpaceBefore() + flowable.getSpaceAfter()
            last.wrap(aW, aH)
            rows = last._rowHeights[:2]  # header row and the first row
            if needed + sum(rows) + last.getSpaceBefore() <= aH:
                return list(self._content)
        return list(super().split(aW, aH))


def draw_frame(frame: PageFrame, canvas: Canvas, _doc: BaseDocTemplate) -> None:
    """Header, footer and (for drafts) the DRAFT marking; drawn as each page begins."""
    width, height = PAGE_SIZE
    size = frame.frame_size
    canvas.saveState()
    if not frame.is_final:
        canvas.setFillColor(WATERMARK)
        canvas.setFont(frame.styles.marking, 110)
        canvas.translate(width / 2, height / 2)
        canvas.rotate(45)
        canvas.drawCentredString(0, -38, "DRAFT")
        canvas.rotate(-45)
        canvas.translate(-width / 2, -height / 2)
    # Top: marking centred (a recipient's copy: its mark under it), title left, reference right.
    top = height - 11 * mm
    canvas.setFillColor(MARKING_RED)
    canvas.setFont(frame.styles.marking, size + 1)
    if frame.copy_mark:
        canvas.drawCentredString(width / 2, height - 7 * mm, MARKING)
        canvas.setFillColor(INK)
        canvas.setFont(frame.styles.marking, size - 1)
        canvas.drawCentredString(width / 2, height - 11 * mm, plain(frame.copy_mark))
        top = height - 12 * mm
    else:
        canvas.drawCentredString(width / 2, top, MARKING)
    canvas.setFillColor(MUTED)
    canvas.setFont(SANS, size)
    canvas.drawString(MARGIN_X, top - 5 * mm, plain(frame.page_title))
    canvas.drawRightString(
        width - MARGIN_X, top - 5 * mm, plain(f"{frame.reference_label}: {frame.family_reference}")
    )
    canvas.setStrokeColor(RULE)
    canvas.setLineWidth(0.5)
    canvas.line(MARGIN_X, top - 7 * mm, width - MARGIN_X, top - 7 * mm)
    # Bottom: rule, marking centred; reference left; page number right (NumberedCanvas).
    canvas.line(MARGIN_X, 15 * mm, width - MARGIN_X, 15 * mm)
    canvas.setFillColor(MARKING_RED)
    canvas.setFont(frame.styles.marking, size + 1)
    canvas.drawCentredString(width / 2, 10 * mm, MARKING)
    if frame.copy_mark:  # and at the foot, so a page cut from the copy still says whose it is
        canvas.setFillColor(INK)
        canvas.setFont(SANS, size - 1)
        canvas.drawCentredString(width / 2, 6 * mm, plain(_short_mark(frame.copy_mark)))
    canvas.setFillColor(MUTED)
    canvas.setFont(SANS, size)
    canvas.drawString(MARGIN_X, 10 * mm, plain(frame.family_reference))
    if frame.produced:
        canvas.setFont(SANS, size - 1)
        canvas.drawString(MARGIN_X, 6 * mm, plain(frame.produced))
    if frame.audit:
        canvas.setFont(SANS, size - 1)
        canvas.drawRightString(width - MARGIN_X, 6 * mm, plain(frame.audit))
    canvas.restoreState()


def _short_mark(mark: str) -> str:
    """The footer's part of the mark: whom the copy is for."""
    return mark.split(" \u00b7 ")[0]


def render(
    story: Sequence[Flowable],
    frame: PageFrame,
    out: Path | str | None = None,
    progress: Callable[[str, int], None] | None = None,
) -> bytes:
    """Lay the story out on framed A4 pages; write to `out` if given; return the PDF bytes."""
    buffer = io.BytesIO()
    doc = BaseDocTemplate(
        buffer,
        pagesize=PAGE_SIZE,
        leftMargin=MARGIN_X,
        rightMargin=MARGIN_X,
        topMargin=MARGIN_TOP,
        bottomMargin=MARGIN_BOTTOM,
        title=f"{frame.title} {frame.family_reference}",
        author="IRO Desktop",
        subject=MARKING,
        creator="IRO Desktop",
        keepTogetherClass=KeepHeadingsWithTable,
    )
    if progress is not None:
        doc.setProgressCallBack(progress)
    body = Frame(doc.leftMargin, doc.bottomMargin, doc.width, doc.height, id="body")
    doc.addPageTemplates([PageTemplate(id="page", frames=[body], onPage=partial(draw_frame, frame))])
    doc.build(list(story), canvasmaker=partial(NumberedCanvas, page_frame=frame))
    data = buffer.getvalue()
    if out is not None:  # 0600, written atomically (issue 15)
        write_private(Path(out), data)
    return data
