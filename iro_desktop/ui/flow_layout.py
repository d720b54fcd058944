"""A layout that lays its items in a row and wraps them onto further rows when the row is too narrow
(large text on a small screen). Items that expand horizontally share a row's spare width."""

from __future__ import annotations

from PySide6.QtCore import QMargins, QPoint, QRect, QSize, Qt
from PySide6.QtWidgets import QLayout, QLayoutItem, QSizePolicy, QWidget


class FlowLayout(QLayout):
    def __init__(self, parent: QWidget | None = None, spacing: int = 6) -> None:
        super().__init__(parent)
        self._items: list[QLayoutItem] = []
        self._spacing = spacing
        self.setContentsMargins(QMargins(0, 0, 0, 0))

    def addItem(self, item: QLayoutItem) -> None:
        self._items.append(item)

    def add(self, widget: QWidget, expanding: bool = False) -> None:
        """Add `widget`; `expanding` widgets take a share of their row's spare width."""
        if expanding:
            policy = widget.sizePolicy()
            policy.setHorizontalPolicy(QSizePolicy.Policy.Expanding)
            widget.setSizePolicy(policy)
        self.addWidget(widget)  # Qt makes the item (and owns it: Qt deletes it when the widget goes)
        self._items[-1].setAlignment(Qt.AlignmentFlag.AlignVCenter)
        self.invalidate()

    def count(self) -> int:
        return len(self._items)

    def itemAt(self, index: int) -> QLayoutItem | None:
        return self._items[index] if 0 <= index < len(self._items) else None

    def takeAt(self, index: int) -> QLayoutItem | None:
        return self._items.pop(index) if 0 <= index < len(self._items) else None

    def expandingDirections(self) -> Qt.Orientation:
        return Qt.Orientation.Horizontal

    def hasHeightForWidth(self) -> bool:
        return True

    def heightForWidth(self, width: int) -> int:
        return self._arrange(QRect(0, 0, width, 0), apply=False)

    def setGeometry(self, rect: QRect) -> None:
        super().setGeometry(rect)
        self._arrange(rect, apply=True)

    def sizeHint(self) -> QSize:
        visible = [i for i in self._items if not i.isEmpty() and not i.sizeHint().isEmpty()]
        width = sum(i.sizeHint().width() for i in visible) + self._spacing * max(len(visible) - 1, 0)
        height = max((i.sizeHint().height() for i in visible), default=0)
        m = self.contentsMargins()
        return QSize(width + m.left() + m.right(), height + m.top() + m.bottom())

    def minimumSize(self) -> QSize:
        size = QSize()
        for item in self._items:
            if not item.isEmpty():
                size = size.expandedTo(item.minimumSize())
        m = self.contentsMargins()
        return size + QSize(m.left() + m.right(), m.top() + m.bottom())

    def _rows(self, width: int) -> list[list[tuple[QLayoutItem, int]]]:
        """Items (with their width) row by row, each row no wider than `width` where it can be."""
        rows: list[list[tuple[QLayoutItem, int]]] = [[]]
        used = 0
        for item in self._items:
            if item.isEmpty() or item.sizeHint().isEmpty():
                continue  # hidden, or a container whose contents are all hidden
            item_width = min(max(item.sizeHint().width(), item.minimumSize().width()), width)
            if rows[-1] and used + self._spacing + item_width > width:
                rows.append([])
                used = 0
            used += (self._spacing if rows[-1] else 0) + item_width
            rows[-1].append((item, item_width))
        return [row for row in rows if row]

    def _arrange(self, rect: QRect, apply: bool) -> int:
        m = self.contentsMargins()
        area = rect.adjusted(m.left(), m.top(), -m.right(), -m.bottom())
        y = area.y()
        if apply:  # a shown container whose contents are all hidden takes no room (nor lies over others)
            for item in self._items:
                if not item.isEmpty() and item.sizeHint().isEmpty():
                    item.setGeometry(QRect(area.topLeft(), QSize(0, 0)))
        for row in self._rows(max(area.width(), 1)):
            spare = area.width() - sum(w for _, w in row) - self._spacing * (len(row) - 1)
            growing = [i for i, _ in row if i.expandingDirections() & Qt.Orientation.Horizontal]
            widths = [w + (spare // len(growing) if item in growing and spare > 0 else 0) for item, w in row]
            heights = [
                item.heightForWidth(w) if item.hasHeightForWidth() else item.sizeHint().height()
                for (item, _), w in zip(row, widths, strict=True)
            ]
            row_height = max(heights)
            x = area.x()
            for (item, _), w in zip(row, widths, strict=True):
                if apply:
                    item.setGeometry(QRect(QPoint(x, y), QSize(w, row_height)))
                x += w + self._spacing
            y += row_height + self._spacing
        return y - self._spacing - rect.y() + m.bottom()
