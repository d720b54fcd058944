"""About and keyboard-shortcut dialogs (opened on request, never during capture)."""

from __future__ import annotations

from html import escape

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QMessageBox, QTextBrowser, QVBoxLayout, QWidget

from iro_desktop import APP_NAME, __version__
from iro_desktop.ui.widgets import resize_within_screen


def about_text(data_location: str, data_dir: str) -> str:
    return (
        f"<h3>{APP_NAME} {escape(__version__)}</h3>"
        "<p>For chairs and clerks of child protection conferences.</p>"
        f"<p><b>Records:</b> {escape(data_location)}<br><b>Data folder:</b> {escape(data_dir)}</p>"
        "<p>OFFICIAL-SENSITIVE: this app holds special-category data about children.</p>"
    )


def about_box(parent: QWidget | None, data_location: str, data_dir: str) -> QMessageBox:
    return QMessageBox(
        QMessageBox.Icon.Information,
        f"About {APP_NAME}",
        about_text(data_location, data_dir),
        QMessageBox.StandardButton.Ok,
        parent,
    )


def show_about(parent: QWidget, data_location: str, data_dir: str) -> None:
    about_box(parent, data_location, data_dir).exec()


def shortcuts_html(rows: list[tuple[str, str]]) -> str:
    body = "".join(f"<tr><td>{escape(a)}</td><td><b>{escape(k)}</b></td></tr>" for a, k in rows)
    return f"<table cellpadding='4'>{body}</table>"


class ShortcutsDialog(QDialog):
    """Every shortcut in one list that scrolls: some sixty rows are taller than any laptop screen (a
    message box with them ran 1,900 pixels off the bottom, issue 12)."""

    def __init__(self, rows: list[tuple[str, str]], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Keyboard shortcuts")
        layout = QVBoxLayout(self)
        self.text = QTextBrowser()
        self.text.setAccessibleName("Keyboard shortcuts")
        self.text.setHtml(shortcuts_html(rows))
        layout.addWidget(self.text, 1)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        width = self.text.document().idealWidth() + 60
        resize_within_screen(self, int(max(width, 480)), 640)


def shortcuts_box(parent: QWidget | None, rows: list[tuple[str, str]]) -> ShortcutsDialog:
    return ShortcutsDialog(rows, parent)


def show_shortcuts(parent: QWidget, rows: list[tuple[str, str]]) -> None:
    shortcuts_box(parent, rows).exec()
