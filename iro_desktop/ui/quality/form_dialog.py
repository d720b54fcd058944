"""A small form dialog: Save runs a service call; problems show under their fields, the dialog stays
open and keeps what was typed."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QFormLayout, QVBoxLayout, QWidget

from iro_desktop.domain.errors import DomainError, Problem, ValidationError
from iro_desktop.services.registry import Services
from iro_desktop.ui.events import ChangeHub
from iro_desktop.ui.fields import InlineErrors


class FormDialog(QDialog):
    def __init__(self, title: str, services: Services, hub: ChangeHub, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.services, self.hub = services, hub
        self.errors = InlineErrors()
        self.result_value: Any = None
        layout = QVBoxLayout(self)
        self.form = QFormLayout()
        layout.addLayout(self.form)
        layout.addWidget(self.errors.general)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        layout.addWidget(self.buttons)
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)

    def attempt(self, action: Callable[[], Any], problems: list[Problem] | None = None) -> bool:
        """Run the service call; on a problem show it in place and keep the dialog open."""
        if problems:
            self.errors.show(problems)
            return False
        try:
            self.result_value = action()
        except ValidationError as error:
            self.errors.show(error)
            return False
        except DomainError as error:  # not allowed for this role, or gone meanwhile: said in place
            self.errors.general.show_messages([str(error)])
            return False
        self.errors.clear()
        self.hub.relay(self.services.ctx.take_changes())
        self.accept()
        return True

    def save(self) -> None:
        raise NotImplementedError
