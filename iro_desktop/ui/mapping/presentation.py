"""The presentation view: the map in large, high-contrast type for the family, on the projector.

No controls. It listens to the board (including text as it is typed, before it is stored) and redraws
on the next turn of the event loop, so a burst of keystrokes costs one redraw. The type size is the
chair's choice (default 28 pt, at least 24 pt by default); only when the map would not fit does it step
down, never below MIN_PT, so nothing is cut off.
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
    QTextDocument,
    QTextOption,
)
from PySide6.QtWidgets import QWidget

from iro_desktop.domain.mapping import MapItem, Question, Section
from iro_desktop.ui.fonts import load_fonts
from iro_desktop.ui.mapping.controller import BoardController
from iro_desktop.ui.mapping.projector_layout import PaintedText, smallest_pt

DEFAULT_PT = 28
MIN_PT = 14
MAX_PT = 72
BACKGROUND = "#000000"
TEXT = "#ffffff"
HEADING = "#ffe066"  # yellow on black: contrast ratio above 15:1
NOTE = "#c8e6ff"
MARGIN = 24
GAP = 28

COLUMNS: tuple[tuple[str, tuple[Section, ...]], ...] = (
    (Question.WORRIED.label, Question.WORRIED.sections),
    (Question.WORKING_WELL.label, (*Question.WORKING_WELL.sections, Section.FAMILY_NETWORK)),
    (Question.NEEDS_TO_HAPPEN.label, Question.NEEDS_TO_HAPPEN.sections),
)
BAND = Section.CHILDS_VOICE  # the child's own words, across the foot of the screen


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
        option = QTextOption()
        option.setTextDirection(Qt.LayoutDirection.LeftToRight)  # an item starting in Arabic stays in place
        option.setWrapMode(QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere)
        self.sections: dict[Section, QTextDocument] = {}
        for section in (*(s for _t, group in COLUMNS for s in group), BAND):
            self.sections[section] = self._doc(option)
        self.headings = [self._doc(option) for _ in COLUMNS]
        self.title_doc = self._doc(option)
        self._dirty: set[Section] = set()
        self._all_dirty = True
        self._positions: list[tuple[QTextDocument, float, float]] = []
        self._column_rects: list[QRectF] = []
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(0)
        self._timer.timeout.connect(self.render_now)
        controller.reloaded.connect(self._everything_changed)
        controller.item_live.connect(self._item_changed)
        for key, step in (("Ctrl+=", 2), ("Ctrl++", 2), ("Ctrl+-", -2)):
            action = QAction(self)
            action.setShortcut(QKeySequence(key))
            action.triggered.connect(lambda _c=False, s=step: self.change_size(s))
            self.addAction(action)
        self.resize(1280, 720)
        self.render_now()

    def _doc(self, option: QTextOption) -> QTextDocument:
        doc = QTextDocument(self)
        doc.setDefaultTextOption(option)
        doc.setDocumentMargin(0)
        return doc

    # --- size --------------------------------------------------------------------------------------

    def change_size(self, step: int) -> None:
        self.set_font_pt(self.chosen_pt + step)

    def set_font_pt(self, pt: int) -> None:
        self.chosen_pt = max(MIN_PT, min(MAX_PT, pt))
        self.effective_pt = float(self.chosen_pt)
        self._all_dirty = True
        self.render_now()

    # --- what changed ------------------------------------------------------------------------------

    def _everything_changed(self) -> None:
        self._all_dirty = True
        self.schedule()

    def _item_changed(self, item_id: str, _text: str) -> None:
        item = self.controller.items.get(item_id)
        if item is None:
            self._all_dirty = True
        else:
            self._dirty.add(item.section)
            if item.section == Section.SAFETY_GOALS or item.section == Section.DANGER:
                self._all_dirty = True  # a goal's text also shows beside its danger statements
        self.schedule()

    def schedule(self) -> None:
        if not self._timer.isActive():
            self._timer.start()

    # --- content -----------------------------------------------------------------------------------
    def _item_html(self, item: MapItem) -> str:
        c = self.controller
        text = escape(item.text).replace("\n", "<br>") or "&nbsp;"
        notes = []
        child = c.child_name(item.child_id)
        if child:
            notes.append(escape(child))
        if item.source and item.source != child:
            notes.append(f"said by {escape(item.source)}")
        extra = f" <span style='color:{NOTE}; {self._size(0.8)}'>({'; '.join(notes)})</span>" if notes else ""
        mark = "↻ " if item.carried_forward else "• "
        html = f"<p style='margin:0 0 0.35em 0'>{mark}{text}{extra}</p>"
        if item.section == Section.DANGER:
            goal = c.goal_of(item)
            lines = []
            if goal is None:
                lines.append("⚠ No safety goal yet")
            scores = []
            for scale, previous in c.scales_for(item.id):
                was = f" (last time {previous.score})" if previous is not None else ""
                scores.append(f"{escape(scale.participant)} <b>{scale.score}</b>/10{was}")
            scores += [f"{escape(s.participant)} last time {s.score}/10" for s in c.previous_only(item.id)]
            if scores:
                lines.append(" · ".join(scores))
            style = f"margin:0 0 0.35em 1.2em; color:{NOTE}; {self._size(0.8)}"
            html += "".join(f"<p style='{style}'>{line}</p>" for line in lines)
        if item.section == Section.SAFETY_GOALS:
            number = self._danger_numbers().get(item.id)
            if number:
                html = html.replace("• ", f"• <span style='color:{NOTE}'>[{number}]</span> ", 1)
        return html

    def _danger_numbers(self) -> dict[str, str]:
        """Goal id -> "D1, D2": which danger statements each safety goal answers."""
        numbers: dict[str, list[str]] = {}
        for n, danger in enumerate(self.controller.section_items(Section.DANGER), start=1):
            goal = self.controller.goal_of(danger)
            if goal is not None:
                numbers.setdefault(goal.id, []).append(f"D{n}")
        return {k: ", ".join(v) for k, v in numbers.items()}

    def _section_html(self, section: Section) -> str:
        items = self.controller.section_items(section)
        if not items:
            return ""
        body = []
        for n, item in enumerate(items, start=1):
            html = self._item_html(item)
            if section == Section.DANGER:
                html = html.replace("• ", f"<b>D{n}</b> ", 1).replace("↻ ", f"↻ <b>D{n}</b> ", 1)
            body.append(html)
        style = f"margin:0.4em 0 0.2em 0; color:{HEADING}; {self._size(0.85)}"
        return f"<p style='{style}'><b>{escape(section.label)}</b></p>" + "".join(body)

    def _title_html(self) -> str:
        c = self.controller
        family = escape(c.family.name) if c.family else ""
        overall = c.scales_for(None)
        scale = ""
        if overall:
            parts = []
            for s, p in overall:
                was = f" (last time {p.score})" if p is not None else ""
                parts.append(f"{escape(s.participant)} <b>{s.score}</b>/10{was}")
            scale = f" — <span style='color:{HEADING}'>Safety scale:</span> " + "; ".join(parts)
        return f"<div style='color:{TEXT}'>{family}{scale}</div>"

    def _size(self, factor: float) -> str:
        return f"font-size:{max(self._pt * factor, 12):.1f}pt"

    def _fill_section(self, section: Section) -> None:
        html = self._section_html(section)
        self.sections[section].setHtml(f"<div style='color:{TEXT}'>{html}</div>" if html else "")

    def _fill_all(self, pt: float, width: float) -> None:
        """Every document at a type size and column width."""
        geometry_changed = (pt, width) != (self._pt, self._width)
        self._pt = pt
        font = QFont("DejaVu Sans")
        font.setPointSizeF(pt)
        full = self._full_width()
        for section, doc in self.sections.items():
            if geometry_changed:  # each of these lays the document out again: only when needed
                doc.setDefaultFont(font)
                doc.setTextWidth(full if section == BAND else width)
            self._fill_section(section)
        for doc, (title, _sections) in zip(self.headings, COLUMNS, strict=True):
            doc.setDefaultFont(font)
            doc.setTextWidth(width)
            style = f"margin:0 0 0.2em 0; color:{HEADING}; {self._size(1.1)}"
            doc.setHtml(f"<p style='{style}'><b>{escape(title)}</b></p>")
        small = QFont(font)
        small.setPointSizeF(max(pt * 0.7, MIN_PT))
        self.title_doc.setDefaultFont(small)
        self.title_doc.setTextWidth(full)
        self.title_doc.setHtml(self._title_html())
        self._width = width

    def _full_width(self) -> float:
        return float(max(self.width() - 2 * MARGIN, 200))

    def _column_width(self) -> float:
        return (self._full_width() - GAP * (len(COLUMNS) - 1)) / len(COLUMNS)

    def _heights(self) -> tuple[float, float, list[float]]:
        title_h = (
            self.title_doc.size().height()
            if self.controller.scales_for(None) or self.controller.family
            else 0.0
        )
        band = self.sections[BAND]
        band_h = band.size().height() if not band.isEmpty() else 0.0
        columns = [
            self.headings[n].size().height()
            + sum(self.sections[s].size().height() + self._gap(s) for s in sections)
            for n, (_t, sections) in enumerate(COLUMNS)
        ]
        return title_h, band_h, columns

    def _fits(self) -> bool:
        title_h, band_h, columns = self._heights()
        area = self.height() - 2 * MARGIN - title_h - band_h - (GAP if band_h else 0)
        return max(columns) <= area

    def render_now(self) -> None:
        """Lay out what changed. The type is the chosen size, stepped down only as far as needed to fit."""
        self._timer.stop()
        width = self._column_width()
        everything = self._all_dirty or width != self._width
        if everything:
            # Structure or size changed: the largest size up to the chosen one that fits, searched from
            # the size in use (usually one layout).
            pt = min(float(self.chosen_pt), self.effective_pt)
            self._fill_all(pt, width)
            if self._fits():
                while pt < self.chosen_pt:
                    self._fill_all(pt + 1, width)
                    if not self._fits():
                        self._fill_all(pt, width)
                        break
                    pt += 1
            else:
                while not self._fits() and pt > MIN_PT:
                    pt = max(float(MIN_PT), pt - 1)
                    self._fill_all(pt, width)
            dirty_columns = set(range(len(COLUMNS))) | {len(COLUMNS)}
        else:
            for section in self._dirty:
                self._fill_section(section)
            if not self._fits() and self._pt > MIN_PT:
                self._fill_all(max(float(MIN_PT), self._pt - 1), width)  # typing made it overflow
                dirty_columns = set(range(len(COLUMNS))) | {len(COLUMNS)}
            else:
                dirty_columns = {self._column_of(s) for s in self._dirty}
        self.effective_pt = self._pt
        self._all_dirty = False
        self._dirty = set()
        self._place()
        self.setAccessibleDescription(self.plain_text())
        for n in dirty_columns:
            if n < len(self._column_rects):
                self.update(self._column_rects[n].toAlignedRect())

    def _gap(self, section: Section) -> float:
        """Space above a section that has items (about half a line)."""
        return 0.0 if self.sections[section].isEmpty() else self._pt * 0.6

    @staticmethod
    def _column_of(section: Section) -> int:
        for n, (_t, sections) in enumerate(COLUMNS):
            if section in sections:
                return n
        return len(COLUMNS)  # the band

    def _place(self) -> None:
        """Where each document is drawn, and the rectangle of each column (the band last)."""
        title_h, band_h, _columns = self._heights()
        width = self._column_width()
        top = MARGIN + title_h
        bottom = self.height() - MARGIN - band_h - (GAP if band_h else 0)
        self._positions = [(self.title_doc, MARGIN, MARGIN)] if title_h else []
        self._column_rects = []
        for n, (_t, sections) in enumerate(COLUMNS):
            x = MARGIN + n * (width + GAP)
            y = top
            self._positions.append((self.headings[n], x, y))
            y += self.headings[n].size().height()
            for section in sections:
                y += self._gap(section)
                self._positions.append((self.sections[section], x, y))
                y += self.sections[section].size().height()
            self._column_rects.append(QRectF(x - GAP / 2 + 1, top, width + GAP - 2, bottom - top + GAP / 2))
        band_y = self.height() - MARGIN - band_h
        if band_h:
            self._positions.append((self.sections[BAND], MARGIN, band_y))
        self._column_rects.append(QRectF(0, band_y - GAP / 2 + 1, self.width(), self.height() - band_y))
        self._band_line = band_y - GAP / 2 if band_h else None
        self._column_bottom = bottom

    page_count = 1  # the layout before issue 12 never pages

    def show_page(self, page: int) -> None:
        pass

    def painted_layout(self) -> list[PaintedText]:
        """Every text piece as drawn now."""
        kinds = {id(self.title_doc): "title", **{id(d): "question" for d in self.headings}}
        return [
            PaintedText(
                kinds.get(id(doc), "section"),
                doc.toPlainText(),
                QRectF(x, y, doc.textWidth(), doc.size().height()),
                doc.size().height(),
                doc.idealWidth(),
                smallest_pt(doc),
            )
            for doc, x, y in self._positions
            if not doc.isEmpty()
        ]

    def plain_text(self) -> str:
        docs = (self.title_doc, *self.headings, *self.sections.values())
        return "\n".join(doc.toPlainText() for doc in docs)

    # --- painting ----------------------------------------------------------------------------------

    def resizeEvent(self, event: object) -> None:  # type: ignore[override]
        super().resizeEvent(event)  # type: ignore[arg-type]
        self._all_dirty = True
        self.render_now()
        self.update()

    def set_blanked(self, blanked: bool) -> None:
        """The app is locked: the projector shows nothing of the family until the chair unlocks."""
        self.blanked = blanked
        self.update()

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        clip = QRectF(event.rect())
        painter.fillRect(event.rect(), QColor(BACKGROUND))
        if self.blanked:
            painter.setPen(QColor("#666666"))
            painter.drawText(QRectF(self.rect()), int(Qt.AlignmentFlag.AlignCenter), "Locked")
            return
        for doc, x, y in self._positions:
            height = doc.size().height()
            box = QRectF(x, y, doc.textWidth(), height)
            if not box.intersects(clip):
                continue
            painter.save()
            painter.translate(x, y)
            doc.drawContents(
                painter, clip.translated(-x, -y).intersected(QRectF(0, 0, doc.textWidth(), height))
            )
            painter.restore()
        painter.setPen(QColor("#666666"))
        width = self._column_width()
        top = MARGIN + (
            self._positions[0][0].size().height()
            if self._positions and self._positions[0][0] is self.title_doc
            else 0
        )
        for n in range(1, len(COLUMNS)):
            x = MARGIN + n * (width + GAP) - GAP / 2
            painter.drawLine(QPointF(x, top), QPointF(x, self._column_bottom))
        if self._band_line is not None:
            painter.drawLine(
                QPointF(MARGIN, self._band_line), QPointF(self.width() - MARGIN, self._band_line)
            )
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
        self.render_now()
