"""Small shared widgets: headings, table views with accessible names, pages that scroll when large."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QAbstractItemModel, QEvent, QModelIndex, QObject, QPersistentModelIndex, QSize, Qt
from PySide6.QtGui import QKeyEvent, QResizeEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QSplitter,
    QStackedWidget,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableView,
    QTextEdit,
    QWidget,
)
from shiboken6 import isValid

from iro_desktop.ui.flow_layout import FlowLayout
from iro_desktop.ui.text_size import follow_row_height, refit_table, relative_font

HEADING_FACTOR = 1.5


def heading(text: str, parent: QWidget | None = None) -> QLabel:
    """Bold, half as large again as the text around it, also after the text size changes."""
    label = QLabel(text, parent)
    font = label.font()
    font.setBold(True)
    label.setFont(font)
    relative_font(label, HEADING_FACTOR)
    label.setAccessibleName(text)
    return label


class TextTableView(QTableView):
    """A table whose rows (and hand-set columns) follow the text size."""

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt's name
        super().changeEvent(event)
        if event.type() == QEvent.Type.FontChange:
            refit_table(self)


def shown_now(widget: QWidget) -> bool:
    """Whether a change should be shown in `widget` at once: it is on screen, or its window is not
    (tests, screenshots). A page hidden behind another in a window on screen refreshes when next shown,
    so a change (or the start-up's first fill) does not recompute pages nobody is looking at."""
    return widget.isVisible() or not widget.window().isVisible()


def table_view(model: QAbstractItemModel, name: str, parent: QWidget | None = None) -> QTableView:
    view = TextTableView(parent)
    view.setModel(model)
    view.setAccessibleName(name)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    view.setAlternatingRowColors(True)
    view.verticalHeader().setVisible(False)
    view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    view.horizontalHeader().setStretchLastSection(True)
    view.setTabKeyNavigation(False)
    follow_row_height(view)  # rows grow with the text size
    return view


def button(text: str, name: str | None = None, tip: str = "", parent: QWidget | None = None) -> QPushButton:
    """A push button whose accessible name is its text without the mnemonic (or `name`)."""
    widget = QPushButton(text, parent)
    widget.setAccessibleName(name or text.replace("&", "").rstrip("…"))
    if tip:
        widget.setToolTip(tip)
    return widget


class CurrentPageStack(QStackedWidget):
    """A stacked widget sized by the page in front only, so one large page does not make every other
    page (and the window) need its room. Put it in `scrolling` so a large page scrolls instead."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.currentChanged.connect(lambda _index: self.updateGeometry())

    def sizeHint(self) -> QSize:
        page = self.currentWidget()
        return page.sizeHint() if page is not None else super().sizeHint()

    def minimumSizeHint(self) -> QSize:
        page = self.currentWidget()
        return page.minimumSizeHint() if page is not None else super().minimumSizeHint()

    def hasHeightForWidth(self) -> bool:  # noqa: N802 - Qt's name
        return self.currentWidget() is not None

    def heightForWidth(self, width: int) -> int:  # noqa: N802 - Qt's name
        """The height the page in front asks of a scroll area: its least height, so its tables shrink
        before the page scrolls; or, for a page that `prefers_scrolling` (the meeting: room for the map),
        its preferred height at this width. (Qt's stacked layout would answer with the tallest page's
        preferred height, and every page would scroll.)"""
        page = self.currentWidget()
        if page is None:
            return -1
        least = page.minimumSizeHint().height()
        fitted = getattr(page, "least_height_for_width", None)  # wrapped rows above its tables count too
        if fitted is not None:
            least = max(least, fitted(width))
        if getattr(page, "prefers_scrolling", False) and page.hasHeightForWidth():
            return max(least, page.heightForWidth(width))
        return least


def scrolling(widget: QWidget, name: str) -> QScrollArea:
    """`widget` filling a frameless scroll area: it scrolls only when the window is smaller than the
    widget needs (large text on a small screen), instead of the window growing past the screen.
    Wherever the keyboard goes inside (Tab, Alt+letter, F-keys), the area scrolls to show it."""
    area = QScrollArea()
    area.setWidget(_Holder(widget))
    area.setWidgetResizable(True)
    area.setFrameShape(QFrame.Shape.NoFrame)
    area.setAccessibleName(name)
    app = QApplication.instance()
    if isinstance(app, QApplication):
        follower = _FocusFollower(area)
        app.focusChanged.connect(follower.on_focus)
    return area


def refit_scrolling(widget: QWidget) -> None:
    """`widget` now needs a different height (a step with other tables came to the front): the page
    that holds it in a `scrolling` area is refitted to it, so it scrolls rather than squeezing."""
    parent = widget.parentWidget()
    while parent is not None and not isinstance(parent, _Holder):
        parent = parent.parentWidget()
    if parent is not None:
        parent.updateGeometry()
        viewport = parent.parentWidget()
        area = viewport.parentWidget() if viewport is not None else None
        if isinstance(area, QScrollArea):
            QApplication.postEvent(area, QEvent(QEvent.Type.LayoutRequest))


class _Holder(QWidget):
    """Holds one widget in a scroll area and answers the area's questions (sizes, height for a width)
    from the widget's own methods. With a layout instead, Qt would ask the widget's layout directly and
    a stacked widget's layout answers with its tallest page."""

    def __init__(self, child: QWidget) -> None:
        super().__init__()
        self.child = child
        child.setParent(self)
        policy = self.sizePolicy()
        policy.setHeightForWidth(True)
        self.setSizePolicy(policy)

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt's name
        return self.child.sizeHint()

    def minimumSizeHint(self) -> QSize:  # noqa: N802 - Qt's name
        return self.child.minimumSizeHint()

    def hasHeightForWidth(self) -> bool:  # noqa: N802 - Qt's name
        return True

    def heightForWidth(self, width: int) -> int:  # noqa: N802 - Qt's name
        height = self.child.heightForWidth(width) if self.child.hasHeightForWidth() else -1
        return max(height, self.child.minimumSizeHint().height())

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 - Qt's name
        self.child.setGeometry(self.rect())
        super().resizeEvent(event)

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.LayoutRequest:  # the child's size needs changed: tell the area
            self.updateGeometry()
        return super().event(event)


class _FocusFollower(QObject):
    def __init__(self, area: QScrollArea) -> None:
        super().__init__(area)
        self.area = area

    def on_focus(self, _old: QWidget | None, new: QWidget | None) -> None:
        if new is None or not isValid(self.area):
            return  # the area is being deleted (its focused child lost the keyboard on the way)
        inner = self.area.widget()  # the holder
        if new is not None and inner is not None and inner.isAncestorOf(new) and new.isVisible():
            self.area.ensureWidgetVisible(new, 20, 20)


def fit_list_width(view: QListWidget) -> None:
    """The list exactly as wide as its longest item, now and when the text size changes."""
    view.installEventFilter(_ListWidth(view))
    _fit_list(view)


def _fit_list(view: QListWidget) -> None:
    width = view.sizeHintForColumn(0) + 2 * view.frameWidth() + 8
    view.setMinimumWidth(width)
    view.setMaximumWidth(width)
    splitter = view.parentWidget()
    if isinstance(splitter, QSplitter):  # the splitter keeps its old share for the list otherwise
        sizes = splitter.sizes()
        index = splitter.indexOf(view)
        spare = sizes[index] - width
        sizes[index] = width
        sizes[(index + 1) % len(sizes)] += spare
        splitter.setSizes(sizes)


class _ListWidth(QObject):
    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.FontChange and isinstance(watched, QListWidget):
            _fit_list(watched)
        return False


def wrapping_row(*widgets: QWidget, expanding: tuple[QWidget, ...] = ()) -> QWidget:
    """A row of controls that wraps onto a second line when the text is too large for one."""
    row = QWidget()
    flow = FlowLayout(row)
    for widget in widgets:
        flow.add(widget, expanding=widget in expanding)
    return row


def label_pair(label: QWidget, field: QWidget) -> QWidget:
    """A label and its field side by side, kept together when a row wraps."""
    pair = QWidget()
    row = QHBoxLayout(pair)
    row.setContentsMargins(0, 0, 0, 0)
    row.addWidget(label)
    row.addWidget(field, 1)
    return pair


def rows_fit_text(view: QTableView) -> QTableView:
    """Each row as tall as its wrapped text, at every text size (for small tables with long cells)."""
    view.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    return view


class FittedTextScroll(QScrollArea):
    """A word-wrapped label in a frameless scroll area as tall as its text, up to `max_lines` lines (then
    it scrolls); it refits when its width or the text size changes. `fixed`: always `max_lines` high,
    so what lies below never moves when the text changes (messages above a table someone is clicking)."""

    def __init__(
        self, label: QLabel, max_lines: int, parent: QWidget | None = None, *, fixed: bool = False
    ) -> None:
        super().__init__(parent)
        self.label = label
        self.max_lines = max_lines
        self.fixed = fixed
        self.setWidgetResizable(True)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setWidget(label)
        self._wordings: list[str] = []

    def show_fitting(self, wordings: Sequence[str], full: str) -> None:
        """Show the first of `wordings` (fullest first) that fits `max_lines` lines at the current width,
        rechosen when the width or the text size changes, so nothing scrolls or is cut in the middle of a
        line (when even the last does not fit, the box grows to show it whole); `full` is the tooltip
        and accessible description. Any other text set on the label later
        (a message) is shown as it is, and drops the wordings."""
        self._wordings = list(wordings)
        self.label.setText(self._wordings[0] if self._wordings else "")
        self.label.setToolTip(full)
        self.label.setAccessibleDescription(full)
        self._choose()

    def _choose(self) -> int:
        """Put the fullest wording that fits on the label; the height the chosen one needs (0: none)."""
        if not self._wordings:
            return 0
        if self.label.text() not in self._wordings and self.label.text():
            self._wordings = []  # a message replaced the wordings: it says what it says
            self.label.setToolTip("")
            self.label.setAccessibleDescription("")
            return 0
        metrics = self.label.fontMetrics()
        margins = self.label.contentsMargins()
        margin = self.label.margin() * 2 + margins.left() + margins.right()
        width = max(self.width() - margin, 40)  # as wide as it is without a scroll bar
        room = self.max_lines * metrics.lineSpacing()
        flags = Qt.TextFlag.TextWordWrap | Qt.AlignmentFlag.AlignLeft
        heights = [metrics.boundingRect(0, 0, width, 100_000, flags, w).height() for w in self._wordings]
        room = max(room, heights[-1])  # not even the shortest fits: the box grows to show it whole
        wording, needed = next((w, h) for w, h in zip(self._wordings, heights, strict=True) if h <= room)
        if self.label.text() != wording:
            self.label.setText(wording)
        return needed

    def fit(self) -> None:
        needed = self._choose()
        line = self.label.fontMetrics().lineSpacing()
        text = self.label.heightForWidth(max(self.viewport().width(), 40))
        room = max(self.max_lines * line, needed)
        wanted = (room if self.fixed else min(max(text, line), room)) + 6
        if self.minimumHeight() != wanted or self.maximumHeight() != wanted:
            self.setFixedHeight(wanted)

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 - Qt's name
        super().resizeEvent(event)
        self.fit()

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt's name
        super().changeEvent(event)
        if event.type() == QEvent.Type.FontChange:
            self.fit()


class DownScrollArea(QScrollArea):
    """A frameless scroll area that scrolls down only: it asks for the width its content needs, so a
    splitter or layout never squeezes it into hiding the content's right-hand side (issue 12)."""

    def __init__(self, widget: QWidget, name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWidgetResizable(True)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setWidget(widget)
        self.setAccessibleName(name)

    def minimumSizeHint(self) -> QSize:  # noqa: N802 - Qt's name
        hint = super().minimumSizeHint()
        inner = self.widget()
        if inner is None:
            return hint
        bar = self.verticalScrollBar().sizeHint().width()
        return QSize(inner.minimumSizeHint().width() + bar + 2 * self.frameWidth(), hint.height())


def fit_to_screen(window: QWidget, area: QScrollArea) -> None:
    """Size `window` to show all of `area`'s content, but no larger than the screen: with large text on
    a small screen the content scrolls and the buttons outside `area` stay in view."""
    inner = area.widget()
    if inner is None:
        return
    around = window.sizeHint() - area.sizeHint()  # margins, buttons and messages outside the area
    bar = area.verticalScrollBar().sizeHint().width()
    want = inner.sizeHint() + around + QSize(bar + 4, 4)
    screen = window.screen().availableGeometry()
    window.resize(min(want.width(), screen.width() - 40), min(want.height(), screen.height() - 60))


def resize_within_screen(window: QWidget, width: int, height: int) -> None:
    """`window.resize(width, height)`, but no larger than the screen it is on (small laptop screens)."""
    screen = window.screen().availableGeometry()
    window.resize(min(width, screen.width() - 40), min(height, screen.height() - 60))


def keep_room(widget: QWidget, lines: int = 1) -> None:
    """`widget` (a message that comes and goes) keeps `lines` lines of room while hidden or empty, so
    what lies below it does not move under the pointer when the message appears."""
    policy = widget.sizePolicy()
    policy.setRetainSizeWhenHidden(True)
    widget.setSizePolicy(policy)
    widget.setMinimumHeight(lines * widget.fontMetrics().lineSpacing())


# --- reading order of mixed English and Arabic-script text ----------------------------------------

FSI, PDI = "\u2068", "\u2069"  # first-strong isolate ... pop directional isolate


def isolate(name: str) -> str:
    """A name (or any inserted text) set inside an English sentence, isolated so that an Arabic-script
    name keeps the sentence's own order around it. For display only: never store the result."""
    return f"{FSI}{name}{PDI}" if name else name


def keep_ltr(root: QWidget) -> QWidget:
    """English paragraphs stay English: text typed into `root`'s line and text edits (and `root`
    itself) is laid out left to right even when its first strong character is Arabic-script (Qt would
    otherwise take the direction from that character and reverse the sentence on screen). The text
    is not changed; only its paragraph direction is fixed. Returns `root`."""
    widgets = [root, *root.findChildren(QWidget)]
    for widget in widgets:
        if isinstance(widget, QLineEdit):
            _line_edit_ltr(widget)
        elif isinstance(widget, QTextEdit | QPlainTextEdit):
            document = widget.document()
            option = document.defaultTextOption()
            option.setTextDirection(Qt.LayoutDirection.LeftToRight)
            document.setDefaultTextOption(option)
        elif isinstance(widget, QAbstractItemView) and type(widget.itemDelegate()) is QStyledItemDelegate:
            widget.setItemDelegate(LtrItemDelegate(widget))  # editors opened in the view later
    return root


def _line_edit_ltr(edit: QLineEdit) -> None:
    """A line edit takes its paragraph direction from its text unless told otherwise, and the one way
    to tell it is the key Qt defines for it (Key_Direction_L, what Ctrl+Shift sends on Windows)."""
    read_only = edit.isReadOnly()
    edit.setReadOnly(False)
    key = QKeyEvent(QEvent.Type.KeyPress, Qt.Key.Key_Direction_L, Qt.KeyboardModifier.NoModifier)
    QApplication.sendEvent(edit, key)
    edit.setReadOnly(read_only)


class LtrItemDelegate(QStyledItemDelegate):
    """The default delegate, with editors that keep English reading order (see `keep_ltr`)."""

    def createEditor(  # noqa: N802
        self, parent: QWidget, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex
    ) -> QWidget:
        return keep_ltr(super().createEditor(parent, option, index))


class FittingHint(QObject):
    """A line edit's placeholder in full when it fits, else a shorter one (the full one stays in the
    tooltip): a hint is never drawn cut off, at any width or text size."""

    def __init__(self, edit: QLineEdit, full: str, short: str) -> None:
        super().__init__(edit)
        self.edit, self.full, self.short = edit, full, short
        edit.setToolTip(edit.toolTip() or full)
        edit.installEventFilter(self)
        self.fit()

    def fit(self) -> None:
        edit = self.edit
        room = edit.width() - 12  # the frame and text margins
        metrics = edit.fontMetrics()
        for text in (self.full, self.short, ""):
            if metrics.horizontalAdvance(text) <= room:
                break
        if edit.placeholderText() != text:
            edit.setPlaceholderText(text)

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:
        if event.type() in (QEvent.Type.Resize, QEvent.Type.FontChange, QEvent.Type.Show):
            self.fit()
        return False
