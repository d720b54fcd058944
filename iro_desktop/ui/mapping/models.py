"""One list model per section of the map. Items are domain objects; drag and drop moves them."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import replace
from typing import Any

from PySide6.QtCore import QAbstractListModel, QMimeData, QModelIndex, QPersistentModelIndex, Qt

from iro_desktop.domain.mapping import MapItem, Section

Index = QModelIndex | QPersistentModelIndex
ItemIdRole = Qt.ItemDataRole.UserRole + 1
ItemRole = Qt.ItemDataRole.UserRole + 2
MIME_TYPE = "application/x-iro-map-item"


class SectionModel(QAbstractListModel):
    """Rows of one section. Display text comes from the board (child, who said it, pairing, scales);
    editing text in place calls `on_edit`; a drop calls `on_drop(item_id, section, row)`."""

    def __init__(
        self,
        section: Section,
        describe: Callable[[MapItem], str],
        on_edit: Callable[[str, str], None] | None = None,
        on_drop: Callable[[str, Section, int], None] | None = None,
        parent: Any = None,
    ) -> None:
        super().__init__(parent)
        self.section = section
        self._describe = describe
        self._on_edit = on_edit
        self._on_drop = on_drop
        self._items: list[MapItem] = []
        self._rows: dict[str, int] = {}

    # --- content -----------------------------------------------------------------------------------

    def set_items(self, items: Sequence[MapItem]) -> None:
        self.beginResetModel()
        self._items = list(items)
        self._rows = {item.id: row for row, item in enumerate(self._items)}
        self.endResetModel()

    def items(self) -> list[MapItem]:
        return list(self._items)

    def item(self, row: int) -> MapItem:
        return self._items[row]

    def row_of(self, item_id: str) -> int:
        return self._rows.get(item_id, -1)

    def replace(self, item: MapItem) -> None:
        """Swap in a changed item (same id), e.g. live text while typing."""
        row = self._rows.get(item.id)
        if row is None:
            return
        self._items[row] = item
        index = self.index(row, 0)
        self.dataChanged.emit(index, index)

    def insert_item(self, item: MapItem) -> None:
        """Put one item in at its order (the rows after it move down one)."""
        row = max(0, min(item.order, len(self._items)))
        self.beginInsertRows(QModelIndex(), row, row)
        self._items.insert(row, item)
        self._renumber()
        self.endInsertRows()

    def remove_item(self, item_id: str) -> MapItem | None:
        row = self._rows.get(item_id)
        if row is None:
            return None
        self.beginRemoveRows(QModelIndex(), row, row)
        item = self._items.pop(row)
        self._renumber()
        self.endRemoveRows()
        return item

    def move_item(self, item_id: str, row: int) -> None:
        """Move one item to another row of this section (views keep it selected)."""
        source = self._rows.get(item_id)
        if source is None:
            return
        row = max(0, min(row, len(self._items) - 1))
        if row == source:
            return
        # Qt's destination row counts the rows before the moved one is taken out.
        self.beginMoveRows(QModelIndex(), source, source, QModelIndex(), row + 1 if row > source else row)
        self._items.insert(row, self._items.pop(source))
        self._renumber()
        self.endMoveRows()

    def _renumber(self) -> None:
        """Orders 0..n-1 in row order, as the store keeps them."""
        for row, item in enumerate(self._items):
            if item.order != row:
                self._items[row] = replace(item, order=row)
        self._rows = {item.id: row for row, item in enumerate(self._items)}

    def refresh_all(self) -> None:
        if self._items:
            self.dataChanged.emit(self.index(0, 0), self.index(len(self._items) - 1, 0))

    # --- Qt model ----------------------------------------------------------------------------------

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._items)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._items):
            return None
        item = self._items[index.row()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return self._describe(item)
        if role == Qt.ItemDataRole.EditRole:
            return item.text
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._describe(item)
        if role == ItemIdRole:
            return item.id
        if role == ItemRole:
            return item
        return None

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if role != Qt.ItemDataRole.EditRole or not index.isValid() or self._on_edit is None:
            return False
        if not 0 <= index.row() < len(self._items):
            return False
        self._on_edit(self._items[index.row()].id, str(value))
        return True

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.ItemIsDropEnabled
        return (
            Qt.ItemFlag.ItemIsEnabled
            | Qt.ItemFlag.ItemIsSelectable
            | Qt.ItemFlag.ItemIsEditable
            | Qt.ItemFlag.ItemIsDragEnabled
        )

    def supportedDropActions(self) -> Qt.DropAction:
        return Qt.DropAction.MoveAction

    def supportedDragActions(self) -> Qt.DropAction:
        return Qt.DropAction.MoveAction

    def mimeTypes(self) -> list[str]:
        return [MIME_TYPE]

    def mimeData(self, indexes: Sequence[QModelIndex]) -> QMimeData:
        data = QMimeData()
        rows = [i.row() for i in indexes if i.isValid()]
        if rows:
            data.setData(MIME_TYPE, self._items[rows[0]].id.encode("ascii"))
        return data

    def canDropMimeData(
        self, data: QMimeData, action: Qt.DropAction, row: int, column: int, parent: Index
    ) -> bool:
        return data.hasFormat(MIME_TYPE)

    def dropMimeData(
        self, data: QMimeData, action: Qt.DropAction, row: int, column: int, parent: Index
    ) -> bool:
        if not data.hasFormat(MIME_TYPE) or self._on_drop is None:
            return False
        item_id = bytes(data.data(MIME_TYPE).data()).decode("ascii")
        if row < 0:
            row = parent.row() if parent.isValid() else len(self._items)
        self._on_drop(item_id, self.section, row)
        # The move is done through an undo command; the views refresh from the store. Returning False
        # stops the source view from removing the dragged row itself.
        return False
