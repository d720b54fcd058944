"""How an item of the map is shown and edited in its section's list.

Items wrap to as many lines as they need at the list's width (never cut to one line with "…"). F2 or Enter
edits in a multi-line editor that grows with its text: every keystroke goes to the board at once (the
projector follows), Enter keeps the text, Escape puts it back as it was. Text reads in the surrounding
language's direction with Arabic-script names isolated (display only).
"""

from __future__ import annotations

from PySide6.QtCore import (
    QEvent,
    QMimeData,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QRect,
    QSize,
    Qt,
    Signal,
)
from PySide6.QtGui import QFontMetrics, QKeyEvent, QKeySequence, QTextOption
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QFrame,
    QLineEdit,
    QListView,
    QPlainTextEdit,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QWidget,
)

from iro_desktop.ui.mapping.bidi import isolate_names, paragraph_direction
from iro_desktop.ui.mapping.controller import BoardController
from iro_desktop.ui.mapping.models import ItemIdRole

ROW_PADDING = 4  # pixels above and below an item's text


class ShortcutPassThrough(QObject):
    """Lets Undo/Redo reach the window's Edit menu while a text field has the keyboard (a QLineEdit
    would otherwise undo its own text only, behind the map's back)."""

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:
        if (
            event.type() == QEvent.Type.ShortcutOverride
            and isinstance(event, QKeyEvent)
            and is_undo_or_redo(event)
        ):
            event.ignore()
            return True
        return False


def is_undo_or_redo(event: QKeyEvent) -> bool:
    """Ctrl+Z, Ctrl+Y and Ctrl+Shift+Z (and the platform's own undo/redo keys)."""
    if event.matches(QKeySequence.StandardKey.Undo) or event.matches(QKeySequence.StandardKey.Redo):
        return True
    ctrl = Qt.KeyboardModifier.ControlModifier
    modifiers = event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
    return (event.key() == Qt.Key.Key_Y and modifiers == ctrl) or (
        event.key() == Qt.Key.Key_Z and modifiers == ctrl | Qt.KeyboardModifier.ShiftModifier
    )


def keep_reading_order(field: QLineEdit) -> None:
    """Lay a one-line field out in the surrounding language's direction, whatever its first letter (Qt
    would otherwise right-align a line that starts with an Arabic-script name). Display only."""
    key = (
        Qt.Key.Key_Direction_L
        if paragraph_direction() == Qt.LayoutDirection.LeftToRight
        else Qt.Key.Key_Direction_R
    )
    QApplication.sendEvent(field, QKeyEvent(QEvent.Type.KeyPress, key, Qt.KeyboardModifier.NoModifier))


class ItemEditor(QPlainTextEdit):
    """The in-place editor: wraps, grows with its text up to the list's height, one paragraph per item
    (a pasted line break becomes a space)."""

    submitted = Signal()

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self.setAccessibleName("Edit item")
        self.setTabChangesFocus(True)
        self.setFrameShape(QFrame.Shape.Box)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setLineWrapMode(QPlainTextEdit.LineWrapMode.WidgetWidth)
        option = self.document().defaultTextOption()
        option.setTextDirection(paragraph_direction())  # from the surrounding language, not the first name
        option.setWrapMode(QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere)
        self.document().setDefaultTextOption(option)
        self.document().setDocumentMargin(2)
        self._anchor = QRect()
        self.document().documentLayout().documentSizeChanged.connect(lambda _size: self.grow())

    def text(self) -> str:
        return self.toPlainText()

    def set_text_keeping_cursor(self, text: str) -> None:
        """Show `text` (e.g. after undo), cursor at the end, without it counting as typing."""
        self.blockSignals(True)
        self.setPlainText(text)
        self.blockSignals(False)
        self.moveCursor(self.textCursor().MoveOperation.End)
        self.grow()

    def place(self, rect: QRect) -> None:
        self._anchor = QRect(rect)
        self.grow()

    def grow(self) -> None:
        """As tall as its text (at least the item's own row), within the list's viewport."""
        if self._anchor.isNull():
            return
        lines = max(1, int(self.document().size().height()))
        height = lines * self.fontMetrics().lineSpacing() + 2 * self.frameWidth() + 8
        viewport = self.parentWidget()
        limit = viewport.height() if viewport is not None else height
        height = min(max(height, self._anchor.height()), max(limit, self._anchor.height()))
        top = self._anchor.top()
        if viewport is not None and top + height > viewport.height():
            top = max(0, viewport.height() - height)  # grow upwards at the bottom of the list
        self.setGeometry(QRect(self._anchor.left(), top, self._anchor.width(), height))
        self.ensureCursorVisible()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.submitted.emit()  # Enter (Shift+Enter too) keeps the text: items are one paragraph
            return
        super().keyPressEvent(event)

    def insertFromMimeData(self, source: QMimeData) -> None:
        self.insertPlainText(" ".join(source.text().split()))


class ItemDelegate(QStyledItemDelegate):
    """Draws wrapped items (heights cached per text and width) and edits them in place."""

    def __init__(
        self, controller: BoardController, passthrough: ShortcutPassThrough, parent: QAbstractItemView
    ) -> None:
        super().__init__(parent)
        self.controller = controller
        self.passthrough = passthrough
        self.view = parent
        self._original: dict[int, tuple[str, str]] = {}
        self._heights: dict[tuple[str, int, str], int] = {}
        self.closeEditor.connect(self._closed)
        controller.item_live.connect(self._follow)
        self._editors: dict[str, ItemEditor] = {}

    # --- showing -----------------------------------------------------------------------------------

    def initStyleOption(
        self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex
    ) -> None:
        super().initStyleOption(option, index)
        option.text = isolate_names(option.text)  # display only: the model's text is untouched
        option.direction = paragraph_direction()
        option.features |= QStyleOptionViewItem.ViewItemFeature.WrapText
        option.textElideMode = Qt.TextElideMode.ElideNone

    def wrap_width(self, option: QStyleOptionViewItem, row_width: int) -> int:
        """The width the style wraps an item's text at in a row `row_width` wide (its text rectangle less
        the text margins, as QCommonStyle draws it)."""
        probe = QStyleOptionViewItem(option)
        probe.rect = QRect(0, 0, row_width, 1000)
        style = self.view.style()
        text_rect = style.subElementRect(QStyle.SubElement.SE_ItemViewItemText, probe, self.view)
        margin = style.pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin, None, self.view) + 1
        return max(20, text_rect.width() - 2 * margin)

    def sizeHint(self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex) -> QSize:
        """The list's width, and the height of the text wrapped at it (cached: typing recomputes one row)."""
        spacing = self.view.spacing() if isinstance(self.view, QListView) else 0
        width = max(60, self.view.viewport().width() - 2 * spacing - 1)
        text = isolate_names(str(index.data(Qt.ItemDataRole.DisplayRole) or ""))
        font = option.font
        key = (text, width, font.key())
        height = self._heights.get(key)
        if height is None:
            opt = QStyleOptionViewItem(option)
            self.initStyleOption(opt, index)
            wrap_at = self.wrap_width(opt, width)
            flags = int(Qt.TextFlag.TextWordWrap)
            rect = QFontMetrics(font).boundingRect(QRect(0, 0, wrap_at, 1_000_000), flags, text)
            height = max(rect.height(), QFontMetrics(font).height()) + 2 * ROW_PADDING
            if len(self._heights) > 4000:
                self._heights.clear()
            self._heights[key] = height
        return QSize(width, height)

    # --- editing -----------------------------------------------------------------------------------

    def createEditor(
        self, parent: QWidget, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex
    ) -> QWidget:
        editor = ItemEditor(parent)
        editor.installEventFilter(self.passthrough)
        item_id = str(index.data(ItemIdRole))
        self._original[id(editor)] = (item_id, str(index.data(Qt.ItemDataRole.EditRole)))
        self._editors[item_id] = editor
        editor.textChanged.connect(lambda: self.controller.live_text(item_id, editor.toPlainText()))
        editor.submitted.connect(lambda: self._submit(editor))
        return editor

    def setEditorData(self, editor: QWidget, index: QModelIndex | QPersistentModelIndex) -> None:
        if isinstance(editor, ItemEditor):
            text = str(index.data(Qt.ItemDataRole.EditRole) or "")
            if editor.toPlainText() != text:
                editor.set_text_keeping_cursor(text)
            return
        super().setEditorData(editor, index)

    def updateEditorGeometry(
        self, editor: QWidget, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex
    ) -> None:
        if isinstance(editor, ItemEditor):
            editor.place(option.rect)
            return
        super().updateEditorGeometry(editor, option, index)

    def setModelData(
        self, editor: QWidget, model: object, index: QModelIndex | QPersistentModelIndex
    ) -> None:
        assert isinstance(editor, ItemEditor)
        item_id = str(index.data(ItemIdRole))
        self.controller.live_text(item_id, editor.toPlainText())
        self.controller.flush()

    def eventFilter(self, editor: QObject, event: QEvent) -> bool:
        # Enter is the editor's own (it submits once, itself); Escape and Tab as any delegate.
        if (
            isinstance(editor, ItemEditor)
            and event.type() == QEvent.Type.KeyPress
            and isinstance(event, QKeyEvent)
            and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
        ):
            return False
        return super().eventFilter(editor, event)

    def _submit(self, editor: ItemEditor) -> None:
        self.commitData.emit(editor)
        self.closeEditor.emit(editor, QStyledItemDelegate.EndEditHint.NoHint)

    def _follow(self, item_id: str, text: str) -> None:
        """An open editor shows the item's text when it changes from elsewhere (undo, redo)."""
        editor = self._editors.get(item_id)
        if editor is not None and editor.toPlainText() != text:
            editor.set_text_keeping_cursor(text)

    def _closed(self, editor: QWidget, hint: QStyledItemDelegate.EndEditHint) -> None:
        original = self._original.pop(id(editor), None)
        if original is not None:
            self._editors.pop(original[0], None)
        if original is not None and hint == QStyledItemDelegate.EndEditHint.RevertModelCache:
            self.controller.live_text(*original)
            self.controller.flush()
