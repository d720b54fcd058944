"""The presentation view: the map in large, high-contrast type for the family, on the projector.

No controls. It listens to the board (including text as it is typed, before it is stored) and redraws
on the next turn of the event loop, so a burst of keystrokes costs one redraw, and a keystroke lays out
only the item typed (projector_layout then reflows the columns, which is arithmetic).

Type: the chair's size (default 28 pt), stepped down only as far as needed to get the map on one screen,
and never below the readable size for the screen (20 pt at 1024x768, see `readable_pt`). When the map no
longer fits at that size it flows down columns onto pages ("Page 2 of 3" at the foot); the page shown is
the one holding the item being typed, and the chair can step the pages from the laptop.
"""

from __future__ import annotations

from html import escape

from PySide6.QtCore import QPointF, QRectF, Qt, QTimer
from PySide6.QtGui import (
    QAction,
    QColor,
    QFont,
    QGuiApplication,
    QKeySequence,
    QPainter,
    QPaintEvent,
    QResizeEvent,
    QTextDocument,
    QTextOption,
)
from PySide6.QtWidgets import QWidget

from iro_desktop.domain.audience import ROOM, may_read
from iro_desktop.domain.mapping import MapItem, Question, Section
from iro_desktop.ui.fonts import load_fonts
from iro_desktop.ui.mapping.controller import BoardController
from iro_desktop.ui.mapping.projector_layout import (
    Block,
    Frame,
    Page,
    PaintedText,
    Piece,
    columns_for,
    flow,
    line_bottoms,
    readable_pt,
    reflow,
    smallest_pt,
)

DEFAULT_PT = 28
MIN_PT = 20
MAX_PT = 72
BACKGROUND = "#000000"
TEXT = "#ffffff"
HEADING = "#ffe066"  # yellow on black: contrast ratio above 15:1
NOTE = "#c8e6ff"
RULE = "#666666"
MARGIN = 24
GAP = 28
_DANGER = Section.DANGER  # (an enum member looked up once: the projector asks per item)
_GOALS = Section.SAFETY_GOALS
Wanted = tuple[str, str, str, str, str]  # a block as wanted: key, kind, question, section, html
MAIN_QUESTIONS = (Question.WORRIED, Question.WORKING_WELL, Question.NEEDS_TO_HAPPEN)  # shown even if empty


def isolate(name: str) -> str:
    """A name bidi-isolated, so an Arabic-script name does not reorder the English around it."""
    return f"\u2068{name}\u2069"


def plain(doc: QTextDocument) -> str:
    """A document's text without the invisible isolation marks (for the accessible description)."""
    return doc.toPlainText().replace("\u2068", "").replace("\u2069", "")


class PresentationWindow(QWidget):
    def __init__(self, controller: BoardController, font_pt: int = DEFAULT_PT) -> None:
        super().__init__(None, Qt.WindowType.Window)
        load_fonts()
        self.controller = controller
        self.blanked = False  # True while the app is locked
        self.setWindowTitle("Signs of Safety map — presentation")
        self.setAccessibleName("Presentation of the map")
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.setAttribute(Qt.WidgetAttribute.WA_OpaquePaintEvent)
        # The chair keeps typing in the main window: showing the projector never takes the keyboard.
        self.setAttribute(Qt.WidgetAttribute.WA_ShowWithoutActivating)
        self.setWindowFlag(Qt.WindowType.WindowDoesNotAcceptFocus)
        self.chosen_pt = max(MIN_PT, min(MAX_PT, font_pt))
        self.effective_pt = float(self.chosen_pt)
        self._pt = -1.0  # the size the documents are laid out at now
        self._width = -1.0  # the column width they are laid out at now
        self._option = QTextOption()
        self._option.setTextDirection(Qt.LayoutDirection.LeftToRight)  # an item starting in Arabic stays put
        self._option.setWrapMode(QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere)
        self._blocks: list[Block] = []
        self._index: dict[str, int] = {}
        self._by_key: dict[str, tuple[Block, str]] = {}  # key -> (block, the html it holds)
        self._continued: dict[str, tuple[Block, str]] = {}
        self.title_doc = self._doc()
        self.page_doc = self._doc()
        self._title_text = ""
        self.pages: list[Page] = [Page()]
        self._page_of: dict[str, int] = {}
        self._generation = 0  # counts the times the pages were flowed
        self._page_label = ""
        self.page = 0
        self._frame = Frame(MARGIN, MARGIN, 100, 100, 1, GAP, 10)
        self._following: str | None = None  # the item being typed: its page is shown
        self._stepped = False  # the chair stepped the page: stay there until the next keystroke
        self._item_ids: set[str] = set(controller.items)
        self._html: dict[str, tuple[tuple[object, ...], str]] = {}  # item id -> (what it shows, its html)
        # section -> (its items, what else they show, their blocks as _wanted gives them)
        self._sections: dict[Section, tuple[list[MapItem], tuple[object, ...], list[Wanted]]] = {}
        self._floor = self.floor_pt  # the screen's smallest type, as the html was built
        self._html_changed: set[str] = set()  # keys whose document got new html in the last fill
        self._dirty: set[str] = set()
        self._all_dirty = True
        self._grow = True  # try a larger type (the map may have got smaller, or the screen larger)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(0)
        self._timer.timeout.connect(self.render_now)
        controller.reloaded.connect(self._everything_changed)
        controller.rows_changed.connect(self._everything_changed)  # added or moved in place: new order
        controller.item_live.connect(self._item_changed)
        for key, step in (("Ctrl+=", 2), ("Ctrl++", 2), ("Ctrl+-", -2)):
            action = QAction(self)
            action.setShortcut(QKeySequence(key))
            action.triggered.connect(lambda _c=False, s=step: self.change_size(s))
            self.addAction(action)
        self.resize(1280, 720)
        self.render_now()

    def _doc(self) -> QTextDocument:
        doc = QTextDocument(self)
        doc.setDefaultTextOption(self._option)
        doc.setDocumentMargin(0)
        return doc

    # --- size --------------------------------------------------------------------------------------

    @property
    def floor_pt(self) -> float:
        """The smallest type this screen may show (20 pt at 1024x768)."""
        return readable_pt(self.height())

    def change_size(self, step: int) -> None:
        self.set_font_pt(self.chosen_pt + step)

    def set_font_pt(self, pt: int) -> None:
        self.chosen_pt = max(MIN_PT, min(MAX_PT, pt))
        self._all_dirty = True
        self._grow = True
        self.effective_pt = max(self.floor_pt, float(self.chosen_pt))
        self.render_now()

    def _sizes(self) -> list[float]:
        """The type sizes to choose from, smallest first: the floor, then whole points up to the choice."""
        floor = self.floor_pt
        return [floor, *(float(n) for n in range(int(floor) + 1, self.chosen_pt + 1))]

    # --- pages -------------------------------------------------------------------------------------

    @property
    def page_count(self) -> int:
        return len(self.pages)

    def show_page(self, page: int) -> None:
        """Show a page (0 = the first). The chair's choice holds until the next keystroke on the map."""
        page = max(0, min(self.page_count - 1, page))
        self._stepped = True
        if page != self.page:
            self.page = page
            self._label_page(self.page + 1, self.page_count)
            self.update()

    def step_page(self, delta: int) -> None:
        self.show_page(self.page + delta)

    def page_of(self, item_id: str) -> int | None:
        """The page holding the end of an item (where the typing is)."""
        return self._page_of.get(item_id)

    def _set_pages(self, pages: list[Page]) -> None:
        self.pages = pages
        self._page_of = {p.block.key: n for n, page in enumerate(pages) for p in page.pieces}
        self._generation += 1

    # --- what changed ------------------------------------------------------------------------------

    def _everything_changed(self) -> None:
        ids = set(self.controller.items)
        added = ids - self._item_ids
        if len(added) == 1 and self._item_ids:  # a new item (typing into "Type here"): follow it
            self._following = next(iter(added))
            self._stepped = False
        if len(ids) < len(self._item_ids):
            self._grow = True
        self._item_ids = ids
        self._all_dirty = True
        self.schedule()

    def _item_changed(self, item_id: str, _text: str) -> None:
        if item_id not in self.controller.items:
            self._all_dirty = True
        self._dirty.add(item_id)
        self._following = item_id
        self._stepped = False
        self.schedule()

    def schedule(self) -> None:
        if not self._timer.isActive():
            self._timer.start()

    # --- content -----------------------------------------------------------------------------------

    def _size(self, factor: float) -> str:
        """A type size relative to the body's, never below the screen's floor."""
        return f"font-size:{max(self._pt * factor, self._floor):.2f}pt"

    def _item_html(self, item: MapItem, label: str, goal_of: dict[str, str]) -> str:
        """An item's html, kept per item and built again only when something it shows changed: the item
        (not its place), its number, the dangers a goal answers, the family (children's names), the
        scales (dangers) or the type size (the notes' size has a floor)."""
        c = self.controller
        board = c.board
        danger = item.section is _DANGER
        inputs = (
            item.text,
            item.section,
            item.child_id,
            item.source,
            item.carried_forward,
            item.goal_id,
            label,
            goal_of.get(item.id, "") if item.section is _GOALS else "",
            c.family,
            self._pt,
            self._floor,
            (board.scales, board.previous_scales, c.goal_of(item) is None) if danger and board else None,
        )
        held = self._html.get(item.id)
        if held is not None and held[0] == inputs:
            return held[1]
        html = self._build_item_html(item, label, goal_of)
        self._html[item.id] = (inputs, html)
        return html

    def _build_item_html(self, item: MapItem, label: str, goal_of: dict[str, str]) -> str:
        c = self.controller
        text = escape(item.text).replace("\n", "<br>") or "&nbsp;"
        notes = []
        child = c.child_name(item.child_id)
        if child:
            notes.append(isolate(escape(child)))
        if item.source and item.source != child:
            notes.append(f"said by {isolate(escape(item.source))}")
        extra = f" <span style='color:{NOTE}; {self._size(0.8)}'>({'; '.join(notes)})</span>" if notes else ""
        mark = "↻ " if item.carried_forward else ""
        if label:
            mark += f"<b>{label}</b> "
        elif not item.carried_forward:
            mark = "• "
        if item.section == Section.SAFETY_GOALS and goal_of.get(item.id):
            mark += f"<span style='color:{NOTE}'>[{goal_of[item.id]}]</span> "
        html = f"<p dir='ltr' style='margin:0'>{mark}{text}{extra}</p>"
        if item.section == Section.DANGER:
            lines = []
            if c.goal_of(item) is None:
                lines.append("⚠ No safety goal yet")
            scores = []
            for scale, previous in c.scales_for(item.id):
                was = f" (last time {previous.score})" if previous is not None else ""
                scores.append(f"{isolate(escape(scale.participant))} <b>{scale.score}</b>/10{was}")
            scores += [
                f"{isolate(escape(s.participant))} last time {s.score}/10" for s in c.previous_only(item.id)
            ]
            if scores:
                lines.append(" · ".join(scores))
            style = f"margin:0.15em 0 0 1.2em; color:{NOTE}; {self._size(0.8)}"
            html += "".join(f"<p dir='ltr' style='{style}'>{line}</p>" for line in lines)
        return f"<div style='color:{TEXT}'>{html}</div>"

    def _shown(self, section: Section) -> list[MapItem]:
        """The section's items everyone in the room may read (issue 18): the others are left out
        altogether, not shown as a gap, and the numbering runs on without them."""
        return [i for i in self.controller.section_items(section) if may_read(i.audience, ROOM)]

    def _danger_numbers(self) -> dict[str, str]:
        """Goal id -> "D1, D2": which danger statements each safety goal answers."""
        numbers: dict[str, list[str]] = {}
        for n, danger in enumerate(self._shown(Section.DANGER), start=1):
            goal = self.controller.goal_of(danger)
            if goal is not None:
                numbers.setdefault(goal.id, []).append(f"D{n}")
        return {k: ", ".join(v) for k, v in numbers.items()}

    def _question_html(self, question: Question) -> str:
        style = f"margin:0; color:{HEADING}; {self._size(1.1)}"
        return f"<p dir='ltr' style='{style}'><b>{escape(question.label)}</b></p>"

    def _section_html(self, section: Section) -> str:
        style = f"margin:0; color:{HEADING}; {self._size(0.85)}"
        return f"<p dir='ltr' style='{style}'><b>{escape(section.label)}</b></p>"

    def _title_html(self) -> str:
        c = self.controller
        family = isolate(escape(c.family.name)) if c.family else ""
        parts = []
        for s, p in c.scales_for(None):
            was = f" (last time {p.score})" if p is not None else ""
            parts.append(f"{isolate(escape(s.participant))} <b>{s.score}</b>/10{was}")
        scale = f" — <span style='color:{HEADING}'>Safety scale:</span> " + "; ".join(parts) if parts else ""
        if not family and not scale:
            return ""
        return f"<p dir='ltr' style='margin:0; color:{TEXT}; {self._size(0.7)}'>{family}{scale}</p>"

    def _wanted(self) -> list[Wanted]:
        """(key, kind, question, section, html) of every block, in reading order."""
        goal_of = self._danger_numbers()
        wanted = []
        for question in Question:
            sections = [(s, self._shown(s)) for s in question.sections]
            if question not in MAIN_QUESTIONS and not any(items for _s, items in sections):
                continue
            wanted.append(
                (f"q:{question.value}", "question", question.value, "", self._question_html(question))
            )
            for section, items in sections:
                if not items:
                    continue
                wanted.append(
                    (
                        f"s:{section.value}",
                        "section",
                        question.value,
                        section.value,
                        self._section_html(section),
                    )
                )
                wanted.extend(self._section_wanted(question, section, items, goal_of))
        return wanted

    def _section_wanted(
        self, question: Question, section: Section, items: list[MapItem], goal_of: dict[str, str]
    ) -> list[Wanted]:
        """A section's items as blocks, kept while nothing they show changed (the same item objects: the
        board replaces an item when it changes)."""
        c = self.controller
        danger = section is _DANGER
        board = c.board
        shows = (
            self._pt,
            self._floor,
            c.family,
            goal_of if section is _GOALS else None,
            (board.scales, board.previous_scales) if danger and board else None,
            [c.goal_of(i) is None for i in items] if danger else None,
        )
        held = self._sections.get(section)
        if held is not None and held[0] == items and held[1] == shows:
            return held[2]
        q, v = question.value, section.value
        wanted = [
            (item.id, "item", q, v, self._item_html(item, f"D{n}" if danger else "", goal_of))
            for n, item in enumerate(items, start=1)
        ]
        self._sections[section] = (items, shows, wanted)
        return wanted

    def _set(self, block: Block, html: str, old: str | None, relaid: bool = False) -> None:
        """Give a block its html, and measure it again if that changed or it was `relaid` (new width or
        type size); otherwise it is as it was."""
        if html != old:
            block.doc.setHtml(html)
            block.text = plain(block.doc)
            self._html_changed.add(block.key)
        elif not relaid:
            return
        block.height = block.doc.size().height()
        block.lines = line_bottoms(block.doc)

    def _fill_all(self, pt: float, width: float) -> None:
        """Every block at a type size and column width (documents whose html is unchanged are kept)."""
        geometry_changed = (pt, width) != (self._pt, self._width)
        self._pt, self._width = pt, width
        self._floor = self.floor_pt
        font = QFont("DejaVu Sans")
        font.setPointSizeF(pt)
        if geometry_changed:
            for block, _html in (*self._by_key.values(), *self._continued.values()):
                block.doc.setDefaultFont(font)
                block.doc.setTextWidth(width)
            self._continued = {}
        blocks = []
        seen = set()
        for key, kind, question, section, html in self._wanted():
            seen.add(key)
            held = self._by_key.get(key)
            if held is None:
                doc = self._doc()
                doc.setDefaultFont(font)
                doc.setTextWidth(width)
                block = Block(key, kind, doc, question, section)
                self._set(block, html, None)
            elif held[1] is html and not geometry_changed:  # as it was (the usual case): nothing to do
                block = held[0]
                block.kind, block.question, block.section = kind, question, section
                blocks.append(block)
                continue
            else:
                block = held[0]
                block.kind, block.question, block.section = kind, question, section
                self._set(block, html, held[1], geometry_changed)
            self._by_key[key] = (block, html)
            blocks.append(block)
        for key in set(self._by_key) - seen:
            self._by_key.pop(key)[0].doc.deleteLater()
            self._html.pop(key, None)
        self._blocks = blocks
        self._index = {b.key: n for n, b in enumerate(blocks)}
        full = self._full_width()
        for doc in (self.title_doc, self.page_doc):
            doc.setDefaultFont(font)
            doc.setTextWidth(full)
        title = self._title_html()
        if title != self._title_text:
            self.title_doc.setHtml(title)
            self._title_text = title

    def _continuation(self, block: Block, with_section: bool) -> Block:
        """The heading of a page that starts part-way through a question (and section)."""
        key = f"{block.question}:{block.section if with_section else ''}"
        held = self._continued.get(key)
        if held is None:
            question = escape(Question(block.question).label)
            section = f" — {escape(Section(block.section).label)}" if with_section and block.section else ""
            html = (
                f"<p dir='ltr' style='margin:0; color:{HEADING}; {self._size(0.85)}'>"
                f"<b>{question}</b>{section} (continued)</p>"
            )
            doc = self._doc()
            font = QFont("DejaVu Sans")
            font.setPointSizeF(self._pt)
            doc.setDefaultFont(font)
            doc.setTextWidth(self._width)
            heading = Block(key, "continued", doc, block.question, block.section)
            self._set(heading, html, None)
            self._continued[key] = (heading, html)
        return self._continued[key][0]

    # --- layout ------------------------------------------------------------------------------------

    def _full_width(self) -> float:
        return float(max(self.width() - 2 * MARGIN, 200))

    def _em(self, pt: float) -> float:
        return pt * self.logicalDpiY() / 72

    def _column_width(self, pt: float) -> float:
        full = self._full_width()
        columns = columns_for(full, self._em(pt), GAP)
        return (full - GAP * (columns - 1)) / columns

    def _flow(self) -> None:
        """Columns and pages from the laid-out blocks (no text is laid out here)."""
        full = self._full_width()
        em = self._em(self._pt)
        columns = columns_for(full, em, GAP)
        title_h = self.title_doc.size().height() if self._title_text else 0.0
        top = MARGIN + (title_h + 0.5 * em if title_h else 0.0)
        bottom = float(self.height() - MARGIN)
        whole = Frame(MARGIN, top, bottom, self._width, columns, GAP, em)
        self._label_page(max(2, self.page_count), max(2, self.page_count))
        footer = self.page_doc.size().height() + 0.3 * em  # room at the foot for "Page 2 of 3"
        paged = Frame(MARGIN, top, bottom - footer, self._width, columns, GAP, em)
        # Flow as it was paged before (usually one flow), then the other way if that was wrong.
        self._frame = paged if self.page_count > 1 else whole
        pages = flow(self._blocks, self._frame, self._continuation)
        if (self._frame is paged) != (len(pages) > 1):
            self._frame = whole if self._frame is paged else paged
            again = flow(self._blocks, self._frame, self._continuation)
            if self._frame is whole and len(again) > 1:  # fits with the footer, not without: never
                self._frame = paged
            else:
                pages = again
        self._set_pages(pages)
        self._show_followed()

    def _reflow(self, key: str) -> None:
        """One block changed height: flow again from its page only (the whole map if paging starts or
        stops)."""
        index = self._index.get(key)
        if index is None or self.page_count == 1:
            self._flow()
            return
        pages = reflow(self.pages, self._blocks, self._frame, self._continuation, index)
        if len(pages) == 1:
            self._flow()
            return
        self._set_pages(pages)
        self._show_followed()

    def _show_followed(self) -> None:
        if self._following is not None and not self._stepped:
            page = self.page_of(self._following)
            if page is not None:
                self.page = page
        self.page = max(0, min(self.page_count - 1, self.page))
        self._label_page(self.page + 1, self.page_count)

    def _label_page(self, page: int, pages: int) -> None:
        html = self._page_html(page, pages) if pages > 1 else ""
        if html != self._page_label:
            self.page_doc.setHtml(html)
            self._page_label = html

    def _page_html(self, page: int, pages: int) -> str:
        return (
            f"<p dir='ltr' align='right' style='margin:0; color:{NOTE}; font-size:{self.floor_pt:.2f}pt'>"
            f"Page {page} of {pages}</p>"
        )

    def _geometry(self) -> tuple[float, float, str, int, int, int]:
        """What the frame the pages were flowed in depends on, besides the blocks."""
        return (self._pt, self._width, self._title_text, self.width(), self.height(), self.logicalDpiY())

    def _lay_out(self, pt: float) -> None:
        before = (self._geometry(), [(b, b.height) for b in self._blocks])
        self._fill_all(pt, self._column_width(pt))
        if not self._reflow_changed(*before):
            self._flow()

    def _reflow_changed(
        self, geometry: tuple[float, float, str, int, int, int], old: list[tuple[Block, float]]
    ) -> bool:
        """In the same frame (size, width, title, window): flow again only from the first block that
        differs (an item added, removed, moved, or numbered again) to the last that differs; the pages
        after are as they were. False when that does not apply (the caller flows the whole map)."""
        new = [(b, b.height) for b in self._blocks]
        if geometry != self._geometry():
            return False
        if self.page_count < 2 or not self.pages[0].pieces:
            return False
        shortest = min(len(old), len(new))
        first = next((n for n in range(shortest) if old[n] != new[n]), shortest)
        if first == len(old) == len(new):  # nothing moved or changed height: the pages stand
            self._show_followed()
            return True
        same_after = 0  # blocks at the end that are the same, in the same order
        while same_after < shortest - first and old[-1 - same_after] == new[-1 - same_after]:
            same_after += 1
        last = len(new) - 1 - same_after
        if first >= len(new):  # blocks removed from the end: flow again from the page of the last one
            if not new:
                return False
            first = last = len(new) - 1
        pages = reflow(
            self.pages, self._blocks, self._frame, self._continuation, first, last, len(new) - len(old)
        )
        if len(pages) == 1:
            return False
        self._set_pages(pages)
        self._show_followed()
        return True

    def render_now(self) -> None:
        """Lay out what changed. The type is the chosen size, stepped down only as far as needed to get the
        map on one page and never below the floor; below that, it pages."""
        self._timer.stop()
        before = (self.page, self.page_count, self._geometry())
        rules = self._rule_xs()
        self._html_changed = set()
        shown = self.pages[self.page].pieces
        sizes = self._sizes()
        if self._all_dirty or self._pt not in sizes:
            self._choose_size(sizes)
        else:
            changed = []
            for key in self._dirty:
                held = self._by_key.get(key)
                item = self.controller.items.get(key)
                if held is None or item is None:
                    continue
                old_height = held[0].height
                self._refill_item(held[0], held[1])
                if held[0].height != old_height:
                    changed.append(key)
            if changed:
                if len(changed) == 1:
                    self._reflow(changed[0])
                else:
                    self._flow()
                if self.page_count > 1 and self._pt > sizes[0]:  # typing made it overflow
                    self._choose_size([s for s in sizes if s < self._pt])
            else:
                self._show_followed()
        self.effective_pt = self._pt
        dirty = self._dirty
        self._all_dirty = False
        self._grow = False
        self._dirty = set()
        self.setAccessibleDescription(self.plain_text())
        if before != (self.page, self.page_count, self._geometry()):
            self.update()
            return
        # The same page at the same size: paint only the items whose text changed (typed, numbered
        # again) and the pieces that moved (an item added or moved: from it to the foot of the page).
        dirty |= self._html_changed
        now = self.pages[self.page].pieces
        for n in range(max(len(now), len(shown))):
            old = shown[n] if n < len(shown) else None
            new = now[n] if n < len(now) else None
            moved = (
                old is None
                or new is None
                or not (old.block is new.block and old.rect == new.rect and old.top == new.top)
            )
            for piece in (old, new):
                if piece is not None and (moved or piece.block.key in dirty):
                    self.update(piece.rect.toAlignedRect().adjusted(-2, -2, 2, 2))
        for x in set(rules) ^ set(self._rule_xs()):  # a column that filled or emptied: its rule
            self.update(
                QRectF(x - 1, self._frame.top, 3, self._frame.bottom - self._frame.top).toAlignedRect()
            )

    def _refill_item(self, block: Block, old_html: str) -> None:
        """One item's text changed (a keystroke): lay out that item only."""
        item = self.controller.items[block.key]
        self._floor = self.floor_pt
        label = ""
        if item.section == Section.DANGER:
            ids = [i.id for i in self._shown(Section.DANGER)]
            label = f"D{ids.index(item.id) + 1}" if item.id in ids else ""
        goal_of = self._danger_numbers() if item.section == Section.SAFETY_GOALS else {}
        html = self._item_html(item, label, goal_of)
        self._set(block, html, old_html)
        self._by_key[block.key] = (block, html)

    def _choose_size(self, sizes: list[float]) -> None:
        """The largest size that gets the map on one page (the smallest if none does), searched from the
        size in use: usually one layout."""
        start = min(max(self._pt, sizes[0]), sizes[-1]) if self._pt > 0 else sizes[-1]
        if start not in sizes:
            start = max([s for s in sizes if s <= start], default=sizes[0])
        n = sizes.index(start)
        self._lay_out(sizes[n])
        if self.page_count == 1:
            while self._grow and n + 1 < len(sizes):
                self._lay_out(sizes[n + 1])
                if self.page_count > 1:
                    self._lay_out(sizes[n])
                    break
                n += 1
        else:
            while self.page_count > 1 and n > 0:
                n -= 1
                self._lay_out(sizes[n])

    def plain_text(self) -> str:
        return "\n".join([self._title_doc_text(), *(b.text for b in self._blocks)])

    def _title_doc_text(self) -> str:
        return plain(self.title_doc) if self._title_text else ""

    def painted_layout(self) -> list[PaintedText]:
        """Every text piece and rule drawn on the page shown now, in window coordinates."""
        painted = []
        if self._title_text:
            doc = self.title_doc
            painted.append(
                self._painted("title", doc, QRectF(MARGIN, MARGIN, doc.textWidth(), doc.size().height()))
            )
        for piece in self.pages[self.page].pieces:
            doc = piece.block.doc
            kind = piece.block.kind
            whole = piece.top == 0 and abs(piece.height - piece.block.height) < 0.01
            painted.append(
                PaintedText(
                    kind,
                    piece.block.text,
                    piece.rect,
                    piece.block.height if whole else self._slice_height(piece),
                    doc.idealWidth(),
                    smallest_pt(doc),
                )
            )
        if self.page_count > 1:
            painted.append(self._painted("page", self.page_doc, self._page_rect()))
        for x in self._rule_xs():
            rect = QRectF(x, self._frame.top, 1, self._frame.bottom - self._frame.top)
            painted.append(PaintedText("rule", "", rect, 0.0, 0.0, float("inf")))
        return painted

    @staticmethod
    def _painted(kind: str, doc: QTextDocument, rect: QRectF) -> PaintedText:
        return PaintedText(kind, plain(doc), rect, doc.size().height(), doc.idealWidth(), smallest_pt(doc))

    @staticmethod
    def _slice_height(piece: Piece) -> float:
        """The height of the whole lines inside a slice: more than the slice if it cuts through a line."""
        bottoms = [b for b in piece.block.lines if b > piece.top + 0.01]
        inside = [b for b in bottoms if b <= piece.top + piece.height + 0.01]
        if len(inside) < len(bottoms) and bottoms[len(inside)] - piece.top < piece.height:
            return bottoms[len(inside)] - piece.top  # a line starts inside and ends below
        return (inside[-1] - piece.top) if inside else piece.height

    def _page_rect(self) -> QRectF:
        doc = self.page_doc
        height = doc.size().height()
        return QRectF(MARGIN, self.height() - MARGIN - height, doc.textWidth(), height)

    def _rule_xs(self) -> list[float]:
        f = self._frame
        used = self.pages[self.page].columns
        return [f.left + n * (f.column_width + f.gap) - f.gap / 2 for n in range(1, used)]

    # --- painting ----------------------------------------------------------------------------------

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._all_dirty = True
        self._grow = True
        self.render_now()
        self.update()

    def set_blanked(self, blanked: bool) -> None:
        """The app is locked: the projector shows nothing of the family until the chair unlocks."""
        self.blanked = blanked
        self.update()

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        region = event.region()  # what changed may be a few rectangles far apart: draw only inside them
        painter.setClipRegion(region)
        painter.fillRect(region.boundingRect(), QColor(BACKGROUND))  # (clipped to the region)
        if self.blanked:
            painter.setPen(QColor(RULE))
            painter.drawText(QRectF(self.rect()), int(Qt.AlignmentFlag.AlignCenter), "Locked")
            return
        placed: list[tuple[QTextDocument, QRectF, float]] = []
        if self._title_text:
            doc = self.title_doc
            placed.append((doc, QRectF(MARGIN, MARGIN, doc.textWidth(), doc.size().height()), 0.0))
        placed += [(p.block.doc, p.rect, p.top) for p in self.pages[self.page].pieces]
        if self.page_count > 1:
            placed.append((self.page_doc, self._page_rect(), 0.0))
        for doc, rect, top in placed:
            part = region.intersected(rect.toAlignedRect())
            if part.isEmpty():
                continue
            clip = QRectF(part.boundingRect())
            painter.save()
            painter.translate(rect.x(), rect.y() - top)
            doc.drawContents(
                painter,
                clip.translated(-rect.x(), top - rect.y()).intersected(
                    QRectF(0, top, rect.width(), rect.height())
                ),
            )
            painter.restore()
        painter.setPen(QColor(RULE))
        for x in self._rule_xs():
            painter.drawLine(QPointF(x, self._frame.top), QPointF(x, self._frame.bottom))
        painter.end()

    # --- showing -----------------------------------------------------------------------------------

    def present(self, main: QWidget | None = None) -> None:
        """Full screen on a second screen when there is one; otherwise a normal window."""
        screens = QGuiApplication.screens()
        main_screen = main.screen() if main is not None else QGuiApplication.primaryScreen()
        others = [s for s in screens if s is not main_screen]
        if others:
            target = others[0]
            self.setScreen(target)
            self.setGeometry(target.geometry())
            self.showFullScreen()
        else:
            self.show()
        self._all_dirty = True
        self._grow = True
        self.render_now()
