"""How the projector lays the map out: blocks of text flowed down columns, columns across pages.

The rule (issue 12): the map reads in board order (the three questions, then the child and the family
network), each question and section under its heading, down as many columns as fit the screen at a
readable size (a column is at least COLUMN_EMS wide), then on to the next page. A heading is never left
at the foot of a column without the first lines of what follows. An item may be cut between the columns
of a page (at least two lines each side), never between pages unless it is taller than a column; a page
that starts part-way through a question says which one, "(continued)". Pure arithmetic over laid-out
documents; a keystroke reflows only from the page of the item typed (`reflow`).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from PySide6.QtCore import QRectF
from PySide6.QtGui import QTextDocument

COLUMN_EMS = 15  # the narrowest column, in ems of the type size (about 28 characters a line)
MAX_COLUMNS = 3
READABLE_PT = 20.0  # at 768 lines (1024x768): what a parent reads from three metres
READABLE_LINES = 768


def readable_pt(height: float) -> float:
    """The smallest type on a projector `height` pixels tall: 20 pt at 768 lines and the same share of
    the height on taller screens (a projector throws the same size of picture whatever its resolution),
    never below 20 pt."""
    return max(READABLE_PT, READABLE_PT * height / READABLE_LINES)


@dataclass(frozen=True)
class PaintedText:
    """One piece of text drawn on the projector: a document (or a slice of it) in a rectangle."""

    kind: str  # "title", "question", "section", "item", "continued", "page", "rule"
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


def line_bottoms(doc: QTextDocument) -> list[float]:
    """The y of the foot of every laid-out line: where a tall document may be cut without cutting text."""
    layout = doc.documentLayout()
    bottoms = []
    block = doc.begin()
    while block.isValid():
        top = layout.blockBoundingRect(block).top()
        lines = block.layout()
        for n in range(lines.lineCount()):
            line = lines.lineAt(n)
            bottoms.append(top + line.y() + line.height())
        block = block.next()
    return bottoms


@dataclass
class Block:
    """A heading or an item: one document, laid out at the column width."""

    key: str  # "q:<question>", "s:<section>" or the item's id
    kind: str  # "question", "section" or "item"
    doc: QTextDocument
    question: str  # the question's value, for "(continued)" headings
    section: str = ""  # the section's value ("" for a question heading)
    height: float = 0.0
    lines: list[float] = field(default_factory=list)  # the foot of each line (see line_bottoms)
    text: str = ""  # plain text, for the accessible description


@dataclass(frozen=True)
class Piece:
    """A block (or part of one) placed on a page. `top` is where in the document the piece starts."""

    block: Block
    x: float
    y: float
    width: float
    height: float
    top: float = 0.0

    @property
    def rect(self) -> QRectF:
        return QRectF(self.x, self.y, self.width, self.height)


@dataclass
class Page:
    pieces: list[Piece] = field(default_factory=list)
    columns: int = 0  # how many columns hold something
    start: tuple[int, float] = (0, 0.0)  # the block it starts with, and how much of it went before


@dataclass(frozen=True)
class Frame:
    """Where the columns go on every page."""

    left: float
    top: float
    bottom: float
    column_width: float
    columns: int
    gap: float  # between columns
    em: float  # pixels in an em of the body type: the spacing between blocks is in ems


def columns_for(width: float, em: float, gap: float) -> int:
    """As many columns as are at least COLUMN_EMS wide, from one to MAX_COLUMNS."""
    return max(1, min(MAX_COLUMNS, int((width + gap) // (COLUMN_EMS * em + gap))))


def _space_before(kind: str, em: float) -> float:
    return 0.9 * em if kind == "question" else 0.5 * em if kind == "section" else 0.3 * em


Continued = Callable[[Block, bool], Block]


def flow(blocks: list[Block], frame: Frame, continued: Continued) -> list[Page]:
    """Pages of pieces. `continued(block, with_section)` gives the heading for a page that starts
    part-way through `block`'s question (and through its section, when `with_section`)."""
    return _flow(blocks, frame, continued)[0]


def reflow(
    pages: list[Page],
    blocks: list[Block],
    frame: Frame,
    continued: Continued,
    changed: int,
    last: int | None = None,
    shift: int = 0,
) -> list[Page]:
    """The pages again after blocks[changed] changed height, or blocks[changed..last] changed (an item
    moved, added or removed: their order or heights; nothing else changed): flowed from the page that
    holds the heading(s) just before blocks[changed] (a heading keeps with what follows it), up to the
    first later page that starts after `last` where it did before (the rest is as it was). `shift`: how
    many blocks were added (removed, if negative) in changed..last; `pages` count the blocks after
    `last` that many places earlier."""
    last = changed if last is None else last
    anchor = changed
    while anchor > 0 and blocks[anchor - 1].kind != "item":
        anchor -= 1  # headings before blocks[changed] are the same blocks, at the same places
    first = max(n for n, page in enumerate(pages) if page.start[0] < anchor or page.start == (anchor, 0.0))
    later = {
        (page.start[0] + shift, page.start[1]): n
        for n, page in enumerate(pages)
        if n > first and page.start[0] + shift > last
    }
    new, stopped = _flow(blocks, frame, continued, pages[first].start, later.__contains__)
    if stopped is None:
        return pages[:first] + new
    rest = pages[later[stopped] :]
    if shift:
        rest = [Page(p.pieces, p.columns, (p.start[0] + shift, p.start[1])) for p in rest]
    return pages[:first] + new + rest


def _flow(
    blocks: list[Block],
    frame: Frame,
    continued: Continued,
    start: tuple[int, float] = (0, 0.0),
    stop: Callable[[tuple[int, float]], bool] | None = None,
) -> tuple[list[Page], tuple[int, float] | None]:
    """Pages from `start`; stops before a page that would start where `stop` says (and says where)."""
    pages: list[Page] = [Page(start=start)]
    stopped: tuple[int, float] | None = None
    column = 0
    y = frame.top
    content = False  # the column holds a block of the map (not only "(continued)" headings)
    capacity = frame.bottom - frame.top

    def x() -> float:
        return frame.left + column * (frame.column_width + frame.gap)

    def place(block: Block, top: float, height: float) -> None:
        nonlocal y
        pages[-1].pieces.append(Piece(block, x(), y, frame.column_width, height, top))
        pages[-1].columns = column + 1
        y += height

    def next_column() -> None:
        nonlocal column, y, content, stopped
        column += 1
        if column == frame.columns:
            if stop is not None and stop((i, offset)):
                stopped = (i, offset)
            pages.append(Page(start=(i, offset)))
            column = 0
        y = frame.top
        content = False

    def keep_with_next(i: int) -> float:
        """A heading needs room for itself, the headings after it and the first lines of what follows
        (all of it in a page's last column, where an item is not cut)."""
        need = 0.0
        last = column == frame.columns - 1
        for j in range(i, len(blocks)):
            b = blocks[j]
            need += (_space_before(b.kind, frame.em) if j > i else 0.0) + (
                b.height if b.kind != "item" or last else _opening(b, 0.0)
            )
            if b.kind == "item":
                break
        return min(need, capacity)

    i, offset = start  # offset: how much of blocks[i] is already placed (an item cut between columns)
    while i < len(blocks) and stopped is None:
        block = blocks[i]
        rest = block.height - offset
        # An item may be cut between columns of a page, never between pages (unless taller than a column).
        may_cut = block.kind == "item" and column < frame.columns - 1
        space = _space_before(block.kind, frame.em) if content else 0.0
        if content:
            need = rest if block.kind == "item" and not may_cut else _opening(block, offset)
            if block.kind != "item":
                need = keep_with_next(i)
            if y + space + min(need, capacity) > frame.bottom + 0.01:
                next_column()
                continue
        if y == frame.top and column == 0 and block.kind != "question" and pages[-1].start != (0, 0.0):
            heading = continued(block, block.kind == "item")  # a page starting part-way through
            place(heading, 0.0, heading.height)
            space = 0.25 * frame.em
        room = frame.bottom - y - space
        if rest <= room + 0.01:
            y += space
            place(block, offset, rest)
            content = True
            i += 1
            offset = 0.0
            continue
        cut = _cut(block, offset, room, force=not content)
        if cut is None:
            next_column()
            continue
        y += space
        place(block, offset, cut - offset)
        offset = cut
        next_column()
    if not pages[-1].pieces and len(pages) > 1:
        pages.pop()
    return pages, stopped


def _opening(block: Block, offset: float) -> float:
    """The height of the first two lines of a block from `offset` (all of it if shorter)."""
    bottoms = [b for b in block.lines if b > offset + 0.01]
    if len(bottoms) <= 3:
        return block.height - offset
    return bottoms[1] - offset


def _cut(block: Block, offset: float, room: float, force: bool) -> float | None:
    """Where to cut a block that does not fit in `room`: after the last line that fits, leaving at least
    two lines on each side; None when that is impossible. `force` (an empty column): cut anyway, after at
    least one line."""
    bottoms = [b for b in block.lines if b > offset + 0.01]
    fitting = [n for n, b in enumerate(bottoms) if b - offset <= room + 0.01]
    good = [n for n in fitting if n >= 1 and len(bottoms) - 1 - n >= 2]
    if good:
        return bottoms[good[-1]]
    if not force:
        return None
    if fitting:
        return bottoms[fitting[-1]]
    return bottoms[0] if bottoms else block.height
