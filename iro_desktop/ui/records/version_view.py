"""The Records area's version viewer: one version of a final record, whole and readable, and what
changed from the version before, part by part and field by field."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import QHeaderView, QLabel, QTabWidget, QTextBrowser, QVBoxLayout, QWidget

from iro_desktop.domain.errors import DomainError
from iro_desktop.services.version_changes import Change
from iro_desktop.ui.models.table import Column, ObjectTableModel
from iro_desktop.ui.records.version_html import version_html
from iro_desktop.ui.widgets import table_view

if TYPE_CHECKING:
    from iro_desktop.services.registry import Services

WHOLE_TAB = "The &whole version"
COMPARE_TAB = "Compare with the version &before"


def changes_model() -> ObjectTableModel[Change]:
    return ObjectTableModel[Change](
        [
            Column("Part", lambda c: c.part),
            Column("Which", lambda c: c.item),
            Column("What changed", lambda c: c.field),
            Column("Before", lambda c: c.before, lambda c: c.before),
            Column("After", lambda c: c.after, lambda c: c.after),
        ]
    )


class VersionViewer(QWidget):
    """Shows the version chosen in the versions table (read-only)."""

    def __init__(self, services: Services, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.services = services
        self.caption = QLabel("Choose a version above to read it.")
        self.caption.setAccessibleName("Version shown")
        self.caption.setWordWrap(True)

        self.text = QTextBrowser()
        self.text.setAccessibleName("The whole version")
        self.text.setTabChangesFocus(True)
        self.text.setMinimumHeight(320)

        self.changes = changes_model()
        self.change_table = table_view(self.changes, "Changes from the version before")
        self.change_table.setWordWrap(True)
        header = self.change_table.horizontalHeader()
        for column in (3, 4):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Stretch)
        self.change_table.setMinimumHeight(320)
        self.compare_note = QLabel()
        self.compare_note.setAccessibleName("Comparison summary")
        self.compare_note.setWordWrap(True)
        compare_page = QWidget()
        compare_layout = QVBoxLayout(compare_page)
        compare_layout.setContentsMargins(0, 0, 0, 0)
        compare_layout.addWidget(self.compare_note)
        compare_layout.addWidget(self.change_table)

        self.tabs = QTabWidget()
        self.tabs.setAccessibleName("Selected version")
        self.tabs.addTab(self.text, WHOLE_TAB)
        self.tabs.addTab(compare_page, COMPARE_TAB)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.caption)
        layout.addWidget(self.tabs)

    def clear(self) -> None:
        self.caption.setText("Choose a version above to read it.")
        self.text.clear()
        self.changes.set_items([])
        self.compare_note.clear()

    def toPlainText(self) -> str:  # noqa: N802 - reads like the text editor it replaced
        return self.text.toPlainText()

    def show_version(self, conference_id: str, number: int) -> None:
        documents = self.services.documents
        try:
            doc = documents.version_document(conference_id, number)
            changes = documents.compare_versions(conference_id, number) if number > 1 else []
        except DomainError as error:
            self.clear()
            self.caption.setText(f"⚠ {error}")
            return
        self.caption.setText(doc.header.version_label)
        self.text.setHtml(version_html(doc))
        self.changes.set_items(changes)
        self.change_table.resizeRowsToContents()
        if number == 1:
            note = "Version 1 is the first version: there is no version before it to compare with."
        elif not changes:
            note = f"Version {number} says the same as version {number - 1}."
        else:
            count = f"{len(changes)} change{'s' if len(changes) != 1 else ''}"
            note = f"{count} from version {number - 1} (Before) to version {number} (After):"
        self.compare_note.setText(note)

    def compare(self) -> None:
        """Show the comparison with the version before."""
        self.tabs.setCurrentIndex(1)
