"""The board the chair types into: every section as a list with a line to type into, keyboard first.

Typing into a section's line adds an item at the first keystroke (so it is on the projector and stored at
once) and Enter starts the next one. No dialog ever opens during capture: pairing, scaling and
attribution are inline strips under the board.

The board gives its room to what is being typed: the section in use grows, the others in its column fold
to their heading and a count, and the danger statements always keep a good share. Items wrap to as many
lines as they need; new items scroll into view.
"""

from __future__ import annotations

from collections.abc import Callable
from enum import Enum

from PySide6.QtCore import QEvent, QModelIndex, QSize, Qt, QTimer
from PySide6.QtGui import QAction, QFocusEvent, QKeyEvent, QMouseEvent, QResizeEvent, QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QCompleter,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListView,
    QPushButton,
    QSizePolicy,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from iro_desktop.domain.audience import MARK_GLYPH, Audience, AudienceKind, audience
from iro_desktop.domain.mapping import SECTION_ORDER, Question, Section, next_section
from iro_desktop.ui.audience_strip import AudienceStrip
from iro_desktop.ui.conflict_panel import HELD_WHEN, TYPING_WHEN, ConflictPanel, conflicts_of
from iro_desktop.ui.mapping.autosave import RETRY_INTERVAL_MS
from iro_desktop.ui.mapping.controller import BoardController, scale_text
from iro_desktop.ui.mapping.item_delegate import ItemDelegate, ShortcutPassThrough, keep_reading_order
from iro_desktop.ui.mapping.models import ItemIdRole, SectionModel
from iro_desktop.ui.text_size import relative_font
from iro_desktop.ui.widgets import FittingHint

PARTICIPANTS = ("Family", "Social worker", "Police", "Health visitor", "School", "GP", "Chair")


class QuickAdd(QLineEdit):
    """The line under a section: the first keystroke adds an item, Enter finishes it."""

    def __init__(self, board: BoardWidget, section: Section) -> None:
        super().__init__()
        self.board = board
        self.section = section
        self.adding_id: str | None = None
        self.hint = FittingHint(self, "Type here, Enter to add", "Type here")
        self.setAccessibleName(f"Add to {section.label}")
        keep_reading_order(self)  # a line starting with an Arabic-script name still reads as English
        self.textEdited.connect(self._edited)
        self.returnPressed.connect(self.finish)
        # If the records could not be written when the item was started, keep trying (the text stays).
        self._retry = QTimer(self)
        self._retry.setSingleShot(True)
        self._retry.setInterval(RETRY_INTERVAL_MS)
        self._retry.timeout.connect(self._try_again)

    def _edited(self, text: str) -> None:
        controller = self.board.controller
        if self.adding_id is None:
            if text:
                self.adding_id = controller.add_item(self.section, text)
                if self.adding_id is None:
                    self._retry.start()
        else:
            controller.live_text(self.adding_id, text)
        if self.adding_id is not None:
            self.board.panels[self.section].show_item(self.adding_id)

    def follow(self, item_id: str, text: str) -> None:
        """The item being typed changed from elsewhere (undo of the last words, redo): show it."""
        if item_id == self.adding_id and text != self.text():
            self.setText(text)

    def _try_again(self) -> None:
        if self.adding_id is None and self.text():
            self._edited(self.text())

    def finish(self) -> None:
        controller = self.board.controller
        text = self.text()
        if self.adding_id is None and text:
            self.adding_id = controller.add_item(self.section, text)
            if self.adding_id is None:
                if not controller.queue_new_item(self.section, text):
                    return  # not stored and not queued (e.g. refused): keep it on screen
                self._retry.stop()  # queued as its own item; the next typing starts a new one
        if self.adding_id is not None and controller.flush() and not text.strip():
            controller.delete(self.adding_id)  # (not stored yet: the autosave keeps it and retries)
        self.adding_id = None
        self.clear()

    def forget_if_gone(self) -> None:
        if self.adding_id is not None and self.adding_id not in self.board.controller.items:
            self.adding_id = None
            self.clear()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Escape:
            self.finish()
            return
        if event.key() == Qt.Key.Key_Up and event.modifiers() == Qt.KeyboardModifier.NoModifier:
            self.board.panels[self.section].focus_list(last=True)
            return
        super().keyPressEvent(event)

    def focusInEvent(self, event: QFocusEvent) -> None:
        super().focusInEvent(event)
        self.board.set_current_section(self.section)

    def focusOutEvent(self, event: QFocusEvent) -> None:
        super().focusOutEvent(event)
        self.board.controller.flush()


class SectionList(QListView):
    def __init__(self, board: BoardWidget, section: Section) -> None:
        super().__init__()
        self.board = board
        self.section = section
        self.setWordWrap(True)
        self.setUniformItemSizes(False)
        self.setTextElideMode(Qt.TextElideMode.ElideNone)
        self.setResizeMode(QListView.ResizeMode.Adjust)  # wrap again at the new width on resize
        self.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setLayoutDirection(Qt.LayoutDirection.LeftToRight)

    def focusInEvent(self, event: QFocusEvent) -> None:
        super().focusInEvent(event)
        self.board.set_current_section(self.section)
        if not self.currentIndex().isValid() and self.model().rowCount() > 0:
            self.setCurrentIndex(self.model().index(0, 0))

    def keyPressEvent(self, event: QKeyEvent) -> None:
        at_end = self.currentIndex().row() == self.model().rowCount() - 1
        if event.key() == Qt.Key.Key_Down and at_end and event.modifiers() == Qt.KeyboardModifier.NoModifier:
            self.board.panels[self.section].quick_add.setFocus()
            return
        super().keyPressEvent(event)


class Room(Enum):
    """How much of its column a section gets."""

    GROWN = "grown"  # the section being typed in
    OPEN = "open"  # shown, sharing the column
    FOLDED = "folded"  # its heading and a count only


STRETCH = {Room.GROWN: 8, Room.OPEN: 3, Room.FOLDED: 0}
DANGER_SHARE = 5  # the danger statements' stretch when another section of their column is in use
FEW_LINES = 2  # an open list is never smaller than this many lines
# Folded first when the board is short of height: the smaller sections of the tallest column, then the
# second section of each other column (never the danger statements, never the section in use).
FOLD_WHEN_SHORT = (
    Section.COMPLICATING,
    Section.HARM,
    Section.EXISTING_SAFETY,
    Section.NEXT_STEPS,
    Section.FAMILY_NETWORK,
    Section.STRENGTHS,
    Section.SAFETY_GOALS,
    Section.CHILDS_VOICE,
)
ROOM_LINES = {Room.GROWN: 14, Room.OPEN: 5, Room.FOLDED: 0}  # the lines a section would like


class WrapLabel(QLabel):
    """A word-wrapped label whose least height is that of its text wrapped at its width, so a layout
    short of room never draws what is below it over its second line (Qt's own minimum is one line)."""

    def __init__(self, text: str = "") -> None:
        super().__init__(text)
        self.setWordWrap(True)

    def minimumSizeHint(self) -> QSize:
        size = super().minimumSizeHint()
        if self.width() > 0:
            size.setHeight(max(size.height(), self.heightForWidth(self.width())))
        return size

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        if event.oldSize().width() != event.size().width():
            self.updateGeometry()


class SectionTitle(WrapLabel):
    """A section's heading; clicking it opens the section for typing."""

    def __init__(self, board: BoardWidget, section: Section) -> None:
        super().__init__()
        self.board = board
        self.section = section
        self.setAccessibleName(section.label)
        self.setCursor(Qt.CursorShape.PointingHandCursor)

    def mousePressEvent(self, event: QMouseEvent) -> None:
        self.board.focus_section(self.section)
        super().mousePressEvent(event)


class SectionPanel(QFrame):
    def __init__(self, board: BoardWidget, section: Section, number: int) -> None:
        super().__init__()
        self.board = board
        self.section = section
        self.number = number
        self.room = Room.OPEN
        self.setObjectName(f"section_{section.value}")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 4, 6, 6)
        layout.setSpacing(3)
        self.title = SectionTitle(board, section)
        layout.addWidget(self.title)
        self.list = SectionList(board, section)
        self.list.setModel(board.controller.models[section])
        self.list.setAccessibleName(f"{section.label} items")
        self.list.setSpacing(2)
        self.list.setAlternatingRowColors(True)
        self.list.setEditTriggers(
            QAbstractItemView.EditTrigger.DoubleClicked | QAbstractItemView.EditTrigger.EditKeyPressed
        )
        self.list.setDragDropMode(QAbstractItemView.DragDropMode.DragDrop)
        self.list.setDefaultDropAction(Qt.DropAction.MoveAction)
        self.list.setDragEnabled(True)
        self.list.setAcceptDrops(True)
        self.list.setDropIndicatorShown(True)
        self.delegate = ItemDelegate(board.controller, board.passthrough, self.list)  # one per view
        self.list.setItemDelegate(self.delegate)
        self.list.activated.connect(self.list.edit)
        layout.addWidget(self.list, 1)
        # The board reloads from the store after some edits: keep the selected item selected.
        self._keep: str | None = None
        model = board.controller.models[section]
        model.modelAboutToBeReset.connect(self._remember)
        model.modelReset.connect(self._restore)
        model.rowsInserted.connect(self._inserted)
        self._show_id: str | None = None
        self._show_timer = QTimer(self)
        self._show_timer.setSingleShot(True)
        self._show_timer.setInterval(0)
        self._show_timer.timeout.connect(self._scroll_to_shown)
        self.quick_add = QuickAdd(board, section)
        self.quick_add.installEventFilter(board.passthrough)
        layout.addWidget(self.quick_add)
        self.setFocusProxy(self.quick_add)
        self._set_list_minimum()
        self.show_title(False)

    def _set_list_minimum(self) -> None:
        """An open list always shows a few lines (so its typing line can never be drawn over it)."""
        lines = FEW_LINES * self.list.fontMetrics().lineSpacing() + 2 * self.list.frameWidth() + 8
        self.list.setMinimumHeight(lines)

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.FontChange:  # the text size changed: a few lines at the new size
            self._set_list_minimum()

    def set_room(self, room: Room, current: bool) -> None:
        if room != self.room:
            self.room = room
            self.updateGeometry()
        folded = room == Room.FOLDED
        self.list.setVisible(not folded)
        self.quick_add.setVisible(not folded)
        policy = self.sizePolicy()  # a folded section is as tall as its heading: the room goes to the others
        policy.setVerticalPolicy(QSizePolicy.Policy.Maximum if folded else QSizePolicy.Policy.Preferred)
        self.setSizePolicy(policy)
        self.show_title(current)

    def show_title(self, current: bool) -> None:
        count = self.board.controller.models[self.section].rowCount()
        marker = "▶ " if current else ("▸ " if self.room == Room.FOLDED else "")
        counted = f" · {count} item{'s' if count != 1 else ''}" if count or self.room == Room.FOLDED else ""
        self.title.setText(
            f"<b>{marker}{self.section.label}</b>{counted} <span style='color:#555'>Alt+{self.number}</span>"
        )
        self.title.setAccessibleName(f"{self.section.label}, {count} item{'s' if count != 1 else ''}")

    def _inserted(self, _parent: QModelIndex, first: int, _last: int) -> None:
        """A new item scrolls into view."""
        model = self.list.model()
        if 0 <= first < model.rowCount():
            self.show_item(str(model.index(first, 0).data(ItemIdRole)))

    def show_item(self, item_id: str) -> None:
        """Scroll to an item once the list has laid its rows out again (one scroll however many
        keystrokes asked for it in the meantime)."""
        self._show_id = item_id
        if not self._show_timer.isActive():
            self._show_timer.start()

    def _scroll_to_shown(self) -> None:
        model = self.list.model()
        if not isinstance(model, SectionModel) or not self.list.isVisible() or self._show_id is None:
            return
        row = model.row_of(self._show_id)
        if row >= 0:
            index = model.index(row, 0)
            if not self.list.viewport().rect().contains(self.list.visualRect(index)):
                self.list.scrollTo(index, QAbstractItemView.ScrollHint.EnsureVisible)

    def _remember(self) -> None:
        index = self.list.currentIndex()
        self._keep = str(index.data(ItemIdRole)) if index.isValid() else None

    def _restore(self) -> None:
        model = self.list.model()
        if self._keep is None or not isinstance(model, SectionModel):
            return
        row = model.row_of(self._keep)
        if row >= 0:
            self.list.setCurrentIndex(model.index(row, 0))

    def focus_list(self, last: bool = False) -> None:
        model = self.list.model()
        if model.rowCount():
            self.list.setCurrentIndex(model.index(model.rowCount() - 1 if last else 0, 0))
        self.list.setFocus()

    def sizeHint(self) -> QSize:
        """Room for a number of lines that follows the section's room (the column shares out what is
        left by these and the stretch factors)."""
        layout = self.layout()
        assert layout is not None
        margins, spacing = layout.contentsMargins(), layout.spacing()
        width = self.width() - margins.left() - margins.right()
        title = self.title.heightForWidth(width) if width > 0 else self.title.sizeHint().height()
        height = margins.top() + margins.bottom() + title
        if self.room != Room.FOLDED:
            lines = ROOM_LINES[self.room] * self.list.fontMetrics().lineSpacing()
            height += (
                2 * spacing + lines + 2 * self.list.frameWidth() + 8 + self.quick_add.sizeHint().height()
            )
        return QSize(240, height)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        if event.oldSize().width() != event.size().width():
            self.updateGeometry()  # the heading wraps differently: another preferred height

    def hasHeightForWidth(self) -> bool:  # noqa: N802 - Qt's name
        """No: the column shares its height by the sections' sizes and stretch (a height-for-width answer
        from the layout would make every section as tall as its list's default size)."""
        return False


class BoardWidget(QWidget):
    """Four columns (the three questions and the people around the child) and the inline strips."""

    def __init__(self, controller: BoardController, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.controller = controller
        self.passthrough = ShortcutPassThrough(self)
        self.current_section = Section.DANGER
        self.setAccessibleName("Signs of Safety map")
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        self.summary = QLabel()
        self.summary.setAccessibleName("Map warnings and overall scale")
        self.summary.setWordWrap(True)
        outer.addWidget(self.summary)
        grid = QGridLayout()
        grid.setSpacing(6)
        self.panels: dict[Section, SectionPanel] = {}
        self._stacks: list[tuple[QVBoxLayout, tuple[Section, ...]]] = []
        self._arranging = False
        for column, question in enumerate(Question):
            heading = WrapLabel(question.label)
            font = heading.font()
            font.setBold(True)
            heading.setFont(font)
            relative_font(heading, 1.2)  # follows the app's text size
            heading.setAccessibleName(question.label)
            grid.addWidget(heading, 0, column)
            stack = QVBoxLayout()
            stack.setSpacing(6)
            for section in question.sections:
                panel = SectionPanel(self, section, SECTION_ORDER.index(section) + 1)
                self.panels[section] = panel
                stack.addWidget(panel, 1)
            self._stacks.append((stack, question.sections))
            grid.addLayout(stack, 1, column)
            grid.setColumnStretch(column, 1)
        grid.setRowStretch(1, 1)
        outer.addLayout(grid, 1)
        outer.addWidget(self._build_strips())
        self.problem = QLabel()
        self.problem.setAccessibleName("Problem with the last entry")
        self.problem.setWordWrap(True)
        self.problem.setStyleSheet("QLabel { color: #9b1c1c; }")
        outer.addWidget(self.problem)
        # Issue 16: someone else typed in the same item; both versions here, inline (never a modal).
        self.conflict_panel = ConflictPanel()
        self.conflict_panel.resolved.connect(self._resolve_conflict)
        self._conflict_item: str | None = None
        outer.addWidget(self.conflict_panel)
        controller.conflict.connect(self._show_conflict)
        for panel in self.panels.values():
            panel.list.selectionModel().currentChanged.connect(self._current_changed)
        controller.reloaded.connect(self._refresh)
        controller.rows_changed.connect(self._refresh)
        controller.item_live.connect(self._typed)
        controller.problem.connect(self._show_problem)
        controller.notice.connect(self._show_problem)
        controller.opened.connect(self._opened)
        self._arrange()
        self._refresh()

    # --- room --------------------------------------------------------------------------------------

    def room_for(self, section: Section) -> Room:
        """The section in use grows and the others of its column fold, except the danger statements,
        which stay open; in the other columns every section is open (the dangers with a larger share)."""
        column = next(sections for _stack, sections in self._stacks if section in sections)
        if section == self.current_section:
            return Room.GROWN
        if self.current_section in column and section != Section.DANGER:
            return Room.FOLDED
        return Room.OPEN

    def _arrange(self) -> None:
        """Give each section its room; on a board too short for every open list (a small window), fold
        more sections, never the one in use or the danger statements."""
        rooms = {section: self.room_for(section) for section in self.panels}
        self._apply_rooms(rooms)
        if self.height() <= 0:
            return
        for section in FOLD_WHEN_SHORT:
            if self.minimumSizeHint().height() <= self.height():
                break
            if rooms[section] == Room.OPEN:
                rooms[section] = Room.FOLDED
                self._apply_rooms(rooms)

    def _apply_rooms(self, rooms: dict[Section, Room]) -> None:
        self._arranging = True  # folding a panel moves the keyboard on: that is not the chair's choice
        try:
            # Open first, then fold, so the keyboard never falls into a folded panel's neighbour.
            for section in sorted(self.panels, key=lambda s: rooms[s] == Room.FOLDED):
                self.panels[section].set_room(rooms[section], section == self.current_section)
            for stack, sections in self._stacks:
                for section in sections:
                    stretch = STRETCH[rooms[section]]
                    if section == Section.DANGER and rooms[section] == Room.OPEN:
                        stretch = DANGER_SHARE
                    stack.setStretchFactor(self.panels[section], stretch)
        finally:
            self._arranging = False

    # --- strips ------------------------------------------------------------------------------------

    def _build_strips(self) -> QWidget:
        """Who said it, which child, the safety goal and the scale, for the selected item. Two rows when
        the board is wide enough (the goal beside who said it), three when not."""
        strips = QFrame()
        strips.setFrameShape(QFrame.Shape.StyledPanel)
        rows = QVBoxLayout(strips)
        rows.setContentsMargins(6, 3, 6, 3)
        rows.setSpacing(3)
        self._row_top, self._row_goal, row_scale = QHBoxLayout(), QHBoxLayout(), QHBoxLayout()
        for row in (self._row_top, self._row_goal, row_scale):
            rows.addLayout(row)
        rows.addWidget(self._build_audience_strip())
        rows.addWidget(self._build_hold_row())

        self.selected_label = WrapLabel("Selected: nothing")
        self.selected_label.setAccessibleName("Selected item")
        self.selected_label.setMinimumWidth(120)

        source_label = QLabel("Said b&y:")
        self.source_edit = QLineEdit()
        self.source_edit.setAccessibleName("Who said it")
        self.source_edit.setToolTip("Who said it, e.g. Police, Mum, Zoë")
        self.source_hint = FittingHint(self.source_edit, "e.g. Police, Mum, Zoë", "e.g. Police")
        self.source_edit.setCompleter(_completer(self.source_edit))
        keep_reading_order(self.source_edit)
        source_label.setBuddy(self.source_edit)
        self.child_combo = QComboBox()
        self.child_combo.setAccessibleName("Which child")
        self.child_combo.view().setAccessibleName("Which child choices")
        self.child_combo.setMinimumContentsLength(16)  # "The whole family", a child's given names
        self.child_combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        child_label = QLabel("A&bout:")
        child_label.setBuddy(self.child_combo)
        self._row_top.addWidget(self.selected_label, 3)
        self._row_top.addWidget(source_label)
        self._row_top.addWidget(self.source_edit, 2)
        self._row_top.addWidget(child_label)
        self._row_top.addWidget(self.child_combo, 1)
        self.source_edit.returnPressed.connect(self._apply_details)
        self.child_combo.activated.connect(lambda _i: self._apply_details())

        self._goal_label = QLabel("Safety goa&l:")
        self.goal_combo = QComboBox()
        self.goal_combo.setAccessibleName("Safety goal for the selected danger statement")
        self.goal_combo.view().setAccessibleName("Safety goal choices")
        self.goal_combo.setMinimumContentsLength(12)
        self.goal_combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self._goal_label.setBuddy(self.goal_combo)
        self._goal_row_widgets = (self._goal_label, self.goal_combo)
        self._goal_beside = False
        self._row_goal.addWidget(self._goal_label)
        self._row_goal.addWidget(self.goal_combo, 1)
        self.goal_combo.activated.connect(self._apply_pair)

        self.scale_for = QComboBox()
        self.scale_for.setAccessibleName("Scale for")
        self.scale_for.view().setAccessibleName("Scale for choices")
        self.scale_for.setMinimumContentsLength(10)
        self.scale_for.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        scale_label = QLabel("Scale fo&r:")
        scale_label.setBuddy(self.scale_for)
        self.participant = QLineEdit()
        self.participant.setAccessibleName("Whose scale")
        self.participant.setToolTip("Whose scale: Family, Police, Social worker…")
        self.participant_hint = FittingHint(self.participant, "Family, Police…", "e.g. Family")
        self.participant.setCompleter(_completer(self.participant))
        keep_reading_order(self.participant)
        self.score = QSpinBox()
        self.score.setRange(0, 10)
        self.score.setValue(5)
        self.score.setAccessibleName("Score from 0 to 10")
        self.score.lineEdit().setAccessibleName("Score from 0 to 10")
        self.reason = QLineEdit()
        self.reason.setAccessibleName("Reason for the score")
        self.reason.setPlaceholderText("why this number")
        keep_reading_order(self.reason)
        self.record_scale = QPushButton("Record scale")
        self.record_scale.setAccessibleName("Record scale")
        score_label = QLabel("0-10:")
        score_label.setBuddy(self.score)
        row_scale.addWidget(scale_label)
        row_scale.addWidget(self.scale_for, 2)
        row_scale.addWidget(self.participant, 1)
        row_scale.addWidget(score_label)
        row_scale.addWidget(self.score)
        row_scale.addWidget(self.reason, 3)
        row_scale.addWidget(self.record_scale)
        for field in (self.participant, self.reason, self.source_edit, self.score.lineEdit()):
            field.installEventFilter(self.passthrough)
        self.record_scale.clicked.connect(self._apply_scale)
        self.reason.returnPressed.connect(self._apply_scale)
        self.participant.returnPressed.connect(self._apply_scale)
        return strips

    def _build_audience_strip(self) -> QWidget:
        """Who may read the item (issue 18): the shared strip (ui/audience_strip.py), shown once an item
        is held back (Ctrl+Shift+H), never a dialog."""
        self.audience_strip = AudienceStrip("the item")
        self.audience_strip.install_passthrough(self.passthrough)
        keep_reading_order(self.audience_strip.words)
        # The strip's parts, by the names the board has always given them.
        self.audience_label = self.audience_strip.label
        self.audience_kind = self.audience_strip.kind
        self.audience_person = self.audience_strip.people
        self.audience_reason = self.audience_strip.reason
        self.audience_words = self.audience_strip.words
        self.audience_strip.chosen.connect(self._apply_audience)
        self._audience_target: str | None = None
        return self.audience_strip

    def _build_hold_row(self) -> QWidget:
        """Issue 18: "start new items held back" (Ctrl+Alt+H, or tick it), said in words; and who is out
        of the room now (the attendance records it), whose absence restricts what is captured."""
        row_widget = QWidget()
        row = QHBoxLayout(row_widget)
        row.setContentsMargins(0, 0, 0, 0)
        self.hold_new = QCheckBox("Start new items held bac&k")
        self.hold_new.setAccessibleName("Start new items held back")
        self.hold_new.setToolTip("Ctrl+Alt+H. Each new item starts professionals only, off the projector.")
        self.hold_new.toggled.connect(self._set_hold_new)
        self.hold_words = QLabel()
        self.hold_words.setAccessibleName("Whether new items start held back")
        self.hold_words.setWordWrap(True)
        self.out_words = QLabel()
        self.out_words.setAccessibleName("Who is out of the room")
        self.out_words.setWordWrap(True)
        row.addWidget(self.hold_new)
        row.addWidget(self.hold_words, 1)
        row.addWidget(self.out_words, 1)
        self._set_hold_new(False)
        self.controller.hub.changed.connect(self._on_hub_changed)
        self.controller.opened.connect(self.refresh_out_of_room)
        return row_widget

    def _set_hold_new(self, on: bool) -> None:
        self.controller.hold_new = on
        if self.hold_new.isChecked() != on:
            self.hold_new.setChecked(on)
        self.hold_words.setText(
            f"{MARK_GLYPH} New items start held back: professionals only until marked otherwise."
            if on
            else ""
        )
        self.hold_words.setVisible(on)

    def toggle_hold_new(self) -> None:
        self._set_hold_new(not self.controller.hold_new)

    def _on_hub_changed(self, topics: frozenset[str]) -> None:
        if topics & {"attendance", "*"}:
            self.refresh_out_of_room()

    def refresh_out_of_room(self) -> None:
        names = self.controller.out_of_room()
        self.out_words.setText(
            f"{MARK_GLYPH} Out of the room: {', '.join(names)}. What is captured now is kept from them."
            if names
            else ""
        )
        self.out_words.setVisible(bool(names))

    def restrict_current(self) -> None:
        """Ctrl+Shift+H: hold back the item being typed (or the selected one) from the family and the
        room at once, and show where to say why. Typing goes on where it was; the chair says why after."""
        panel = self.panels[self.current_section]
        typing = panel.quick_add.hasFocus() and panel.quick_add.adding_id is not None
        item_id = panel.quick_add.adding_id if typing else self.current_item_id()
        item = self.controller.items.get(item_id) if item_id else None
        if item is None or item_id is None:
            self._show_problem("Start typing an item, or select one, then press Ctrl+Shift+H.")
            return
        self._audience_target = item_id
        if not item.audience.restricted:
            self.controller.set_audience(item_id, audience(AudienceKind.PROFESSIONALS))
        self._fill_audience()
        if not typing:
            self.audience_reason.setFocus()

    def _fill_audience(self) -> None:
        item = self.controller.items.get(self._audience_target) if self._audience_target else None
        shown = item is not None and (item.audience.restricted or self.audience_strip.isVisibleTo(self))
        self.audience_strip.setVisible(item is not None and shown)
        if item is None:
            return
        self.audience_strip.set_people(self.controller.people)
        self.audience_strip.show_audience(item.audience, self.controller.mark(item), _short(item.text, 30))

    def _apply_audience(self, chosen: Audience) -> None:
        item_id = self._audience_target
        if item_id is None:
            return
        if self.controller.set_audience(item_id, chosen):
            self._show_problem("")
        self._fill_audience()

    # --- actions -----------------------------------------------------------------------------------

    def install_actions(self, actions: dict[str, QAction], host: QWidget | None = None) -> None:
        """Board shortcuts act while the map (or `host`, the area around it) has the keyboard."""
        host = host or self
        handlers: dict[str, Callable[..., object]] = {
            "map_next_section": lambda: self.focus_section(next_section(self.current_section, 1)),
            "map_prev_section": lambda: self.focus_section(next_section(self.current_section, -1)),
            "map_edit": self.edit_current,
            "map_delete": self.delete_current,
            "map_move_up": lambda: self._move(lambda i: self.controller.move_by(i, -1)),
            "map_move_down": lambda: self._move(lambda i: self.controller.move_by(i, 1)),
            "map_move_left": lambda: self._move(lambda i: self.controller.move_across(i, -1)),
            "map_move_right": lambda: self._move(lambda i: self.controller.move_across(i, 1)),
            "map_pair": self.goal_combo.setFocus,
            "map_scale": self.focus_scale,
            "map_details": self.source_edit.setFocus,
            "map_restrict": self.restrict_current,
            "map_hold_new": self.toggle_hold_new,
        }
        for n, section in enumerate(SECTION_ORDER, start=1):
            handlers[f"map_section_{n}"] = lambda _checked=False, s=section: self.focus_section(s)
        for name, handler in handlers.items():
            action = actions[name]
            action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            action.triggered.connect(handler)
            host.addAction(action)

    def focus_section(self, section: Section) -> None:
        self.set_current_section(section)
        self.panels[section].quick_add.setFocus()

    def set_current_section(self, section: Section) -> None:
        if section != self.current_section and not self._arranging:
            self.current_section = section
            self._arrange()
            self._style_current()
            self._update_strips()

    def current_item_id(self) -> str | None:
        index = self.panels[self.current_section].list.currentIndex()
        return str(index.data(ItemIdRole)) if index.isValid() else None

    def _list_has_focus(self) -> bool:
        focus = self.focusWidget()
        panel = self.panels[self.current_section]
        return focus is panel.list or (focus is not None and panel.list.isAncestorOf(focus))

    def edit_current(self) -> None:
        panel = self.panels[self.current_section]
        if not panel.list.currentIndex().isValid():
            panel.focus_list(last=True)
        if panel.list.currentIndex().isValid():
            panel.list.setFocus()
            panel.list.edit(panel.list.currentIndex())

    def delete_current(self) -> None:
        item_id = self.current_item_id()
        if item_id is None or not self._list_has_focus():
            return
        row = self.panels[self.current_section].list.currentIndex().row()
        if self.controller.delete(item_id):
            model = self.controller.models[self.current_section]
            if model.rowCount():
                self.panels[self.current_section].list.setCurrentIndex(
                    model.index(min(row, model.rowCount() - 1), 0)
                )
            else:
                self.panels[self.current_section].quick_add.setFocus()

    def _move(self, mover: object) -> None:
        item_id = self.current_item_id()
        if item_id is None or not self._list_has_focus():
            return
        if mover(item_id):  # type: ignore[operator]
            self.select_item(item_id)

    def select_item(self, item_id: str) -> None:
        item = self.controller.items.get(item_id)
        if item is None:
            return
        panel = self.panels[item.section]
        model = self.controller.models[item.section]
        self.set_current_section(item.section)
        panel.list.setCurrentIndex(model.index(model.row_of(item_id), 0))
        panel.list.setFocus()

    def focus_scale(self) -> None:
        item_id = self.current_item_id() if self.current_section == Section.DANGER else None
        index = self.scale_for.findData(item_id) if item_id else 0
        self.scale_for.setCurrentIndex(max(index, 0))
        self.participant.setFocus()

    def _apply_pair(self, _index: int) -> None:
        item_id = self.current_item_id()
        if item_id is None or self.current_section != Section.DANGER:
            self._show_problem("Select a danger statement first (Alt+1, then the arrow keys).")
            return
        goal = self.goal_combo.currentData()
        self.controller.pair(item_id, goal if goal else None)

    def _apply_scale(self) -> None:
        danger = self.scale_for.currentData()
        if self.controller.scale(
            danger if danger else None, self.participant.text(), self.score.value(), self.reason.text()
        ):
            self.reason.clear()
            self.participant.clear()
            self._show_problem("")

    def _apply_details(self) -> None:
        item_id = self.current_item_id()
        if item_id is None:
            return
        child = self.child_combo.currentData()
        self.controller.set_details(item_id, self.source_edit.text(), child if child else None)

    # --- refreshing --------------------------------------------------------------------------------

    def _opened(self) -> None:
        self.child_combo.clear()
        self.child_combo.addItem("The whole family", "")
        family = self.controller.family
        for child in family.children if family else ():
            self.child_combo.addItem(child.full_name, child.id)
        self.focus_section(Section.DANGER)

    def _refresh(self) -> None:
        for panel in self.panels.values():
            panel.quick_add.forget_if_gone()
            panel.show_title(panel.section == self.current_section)
        warnings = self.controller.warnings()
        overall = [scale_text(s, p) for s, p in self.controller.scales_for(None)]
        overall += [f"{s.participant} last time {s.score}/10" for s in self.controller.previous_only(None)]
        parts = []
        if overall:
            parts.append("Overall safety scale: " + "; ".join(overall))
        parts.extend(f"⚠ {w}" for w in warnings)
        self.summary.setText("   ·   ".join(parts) if parts else "No warnings.")
        self._fill_goal_combos()
        self._update_strips()

    def _typed(self, item_id: str, _text: str) -> None:
        """A keystroke: only what shows this item's text needs a look (cheap, done per keystroke)."""
        item = self.controller.items.get(item_id)
        if item is not None:
            self.panels[item.section].quick_add.follow(item_id, _text)
        if item is not None and item.section in (Section.DANGER, Section.SAFETY_GOALS):
            self._fill_goal_combos()
        if item_id == self.current_item_id():
            self._update_strips()

    def _fill_goal_combos(self) -> None:
        goals = self.controller.section_items(Section.SAFETY_GOALS)
        dangers = self.controller.section_items(Section.DANGER)
        signature = (tuple((g.id, g.text) for g in goals), tuple((d.id, d.text) for d in dangers))
        if getattr(self, "_combo_signature", None) == signature:
            return
        self._combo_signature = signature
        self.goal_combo.blockSignals(True)
        self.goal_combo.clear()
        self.goal_combo.addItem("(no safety goal)", "")
        for n, goal in enumerate(goals, start=1):
            self.goal_combo.addItem(f"{n}. {_short(goal.text)}", goal.id)
        self.goal_combo.blockSignals(False)
        current = self.scale_for.currentData()
        self.scale_for.clear()
        self.scale_for.addItem("Overall safety", "")
        for n, danger in enumerate(dangers, start=1):
            self.scale_for.addItem(f"Danger {n}: {_short(danger.text, 30)}", danger.id)
        self.scale_for.setCurrentIndex(max(self.scale_for.findData(current), 0))

    def _current_changed(self, _current: QModelIndex, _previous: QModelIndex) -> None:
        self._update_strips()

    def _update_strips(self) -> None:
        item_id = self.current_item_id()
        item = self.controller.items.get(item_id) if item_id else None
        self.selected_label.setText(
            f"Selected in {self.current_section.label}: {_short(item.text, 60)}"
            if item
            else f"Selected in {self.current_section.label}: nothing"
        )
        if item is not None and not self.source_edit.hasFocus():
            self.source_edit.setText(item.source)
        if item is not None:
            self.child_combo.setCurrentIndex(max(self.child_combo.findData(item.child_id or ""), 0))
        if (
            item_id is not None
            and item_id != self._audience_target
            and self.focusWidget() not in self.audience_strip.fields()
        ):
            self._audience_target = item_id
            self.audience_strip.hide()  # shown again if this item is held back
        self._fill_audience()
        is_danger = item is not None and item.section == Section.DANGER
        self.goal_combo.setEnabled(is_danger)
        if is_danger and item is not None:
            self.goal_combo.setCurrentIndex(max(self.goal_combo.findData(item.goal_id or ""), 0))

    def _style_current(self) -> None:
        for section, panel in self.panels.items():
            current = section == self.current_section
            panel.setStyleSheet(
                f"QFrame#section_{section.value} {{ border: 2px solid #1d4ed8; }}" if current else ""
            )
            panel.show_title(current)

    def _show_conflict(self, item_id: str) -> None:
        conflict = self.controller.conflicts.get(item_id)
        item = self.controller.items.get(item_id)
        if conflict is not None and item_id.startswith("scale:"):  # a score: the entry keeps mine
            self._conflict_item = item_id
            self.conflict_panel.show_conflicts(conflict, conflicts_of(conflict, "scales", item_id, {}))
            return
        if conflict is None or item is None:
            return
        self._conflict_item = item_id
        self.conflict_panel.show_conflicts(
            conflict,
            conflicts_of(conflict, "map_items", item_id, {"text": item.text}),
            HELD_WHEN if self.controller.holds_words(item_id) else TYPING_WHEN,
        )

    def _resolve_conflict(self, keep_mine: bool) -> None:
        item_id, self._conflict_item = self._conflict_item, None
        if (
            item_id is not None
            and self.controller.resolve(item_id, keep_mine)
            and item_id.startswith("scale:")
        ):
            self.reason.clear()  # stored or theirs taken: the score entry is free again
            self.participant.clear()
            self._show_problem("")

    def _show_problem(self, message: str) -> None:
        self.problem.setText(f"⚠ {message}" if message else "")

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self._style_current()
        self._fit_strips()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        if event.oldSize().width() != event.size().width():
            self._fit_strips()
        if event.oldSize() != event.size():
            QTimer.singleShot(0, self._arrange)  # once the new size has been laid out

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.FontChange:
            self._fit_strips()

    def _fit_strips(self) -> None:
        """The safety goal beside who said it when the row has room for both, else on its own row."""
        items = (self._row_top.itemAt(n) for n in range(1, self._row_top.count()))
        widgets = [w for item in items if item is not None and (w := item.widget()) is not None]
        top = [self.selected_label.minimumWidth()] + [
            w.sizeHint().width() for w in widgets if w not in self._goal_row_widgets
        ]
        goal = [w.sizeHint().width() for w in self._goal_row_widgets]
        spacing = self._row_top.spacing() if self._row_top.spacing() >= 0 else 6
        needed = sum(top) + sum(goal) + spacing * (len(top) + len(goal)) + 40
        beside = self.width() >= needed
        if beside == self._goal_beside:
            return
        self._goal_beside = beside
        source, target = (self._row_goal, self._row_top) if beside else (self._row_top, self._row_goal)
        for widget in self._goal_row_widgets:
            source.removeWidget(widget)
        target.addWidget(self._goal_label)
        target.addWidget(self.goal_combo, 2)


def _completer(parent: QWidget) -> QCompleter:
    completer = QCompleter(list(PARTICIPANTS), parent)
    completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
    completer.setCompletionMode(QCompleter.CompletionMode.InlineCompletion)  # no popup while typing
    return completer


def _short(text: str, limit: int = 50) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"
