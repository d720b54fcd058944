"""Small shared widgets: headings, table views with accessible names."""

from __future__ import annotations

from PySide6.QtCore import QAbstractItemModel
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QLabel, QPushButton, QTableView, QWidget


def heading(text: str, parent: QWidget | None = None) -> QLabel:
    label = QLabel(text, parent)
    font = label.font()
    font.setPointSizeF(font.pointSizeF() * 1.5)
    font.setBold(True)
    label.setFont(font)
    label.setAccessibleName(text)
    return label


def table_view(model: QAbstractItemModel, name: str, parent: QWidget | None = None) -> QTableView:
    view = QTableView(parent)
    view.setModel(model)
    view.setAccessibleName(name)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    view.setAlternatingRowColors(True)
    view.verticalHeader().setVisible(False)
    view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    view.horizontalHeader().setStretchLastSection(True)
    view.setTabKeyNavigation(False)
    return view


def button(text: str, name: str | None = None, tip: str = "", parent: QWidget | None = None) -> QPushButton:
    """A push button whose accessible name is its text without the mnemonic (or `name`)."""
    widget = QPushButton(text, parent)
    widget.setAccessibleName(name or text.replace("&", "").rstrip("…"))
    if tip:
        widget.setToolTip(tip)
    return widget
