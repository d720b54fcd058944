"""About and keyboard-shortcut dialogs (opened on request, never during capture)."""

from __future__ import annotations

from html import escape

from PySide6.QtWidgets import QMessageBox, QWidget

from iro_desktop import APP_NAME, __version__


def about_text(data_location: str, data_dir: str) -> str:
    return (
        f"<h3>{APP_NAME} {escape(__version__)}</h3>"
        "<p>For chairs and clerks of child protection conferences.</p>"
        f"<p><b>Records:</b> {escape(data_location)}<br><b>Data folder:</b> {escape(data_dir)}</p>"
        "<p>OFFICIAL-SENSITIVE: this app holds special-category data about children.</p>"
    )


def show_about(parent: QWidget, data_location: str, data_dir: str) -> None:
    QMessageBox.about(parent, f"About {APP_NAME}", about_text(data_location, data_dir))


def shortcuts_html(rows: list[tuple[str, str]]) -> str:
    body = "".join(f"<tr><td>{escape(a)}</td><td><b>{escape(k)}</b></td></tr>" for a, k in rows)
    return f"<table cellpadding='4'>{body}</table>"


def show_shortcuts(parent: QWidget, rows: list[tuple[str, str]]) -> None:
    QMessageBox.information(parent, "Keyboard shortcuts", shortcuts_html(rows))
