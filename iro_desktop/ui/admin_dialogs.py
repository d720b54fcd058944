"""The audit trail viewer and user management (opened from the Tools menu, never mid-meeting)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from iro_desktop.domain.errors import DomainError, ValidationError
from iro_desktop.domain.roles import Role
from iro_desktop.ui.models.audit import audit_model, user_model
from iro_desktop.ui.widgets import button, table_view

if TYPE_CHECKING:
    from iro_desktop.services.registry import Services


class AuditDialog(QDialog):
    """Who created, changed, viewed, exported, approved or amended what, and when; with a chain check."""

    def __init__(self, services: Services, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Audit trail")
        self.services = services
        self.model = audit_model()
        self.table = table_view(self.model, "Audit trail")
        self.status = QLabel()
        self.status.setAccessibleName("Audit check result")
        self.status.setWordWrap(True)
        verify = button("&Verify the chain", "Verify the chain")
        verify.clicked.connect(self.verify)
        layout = QVBoxLayout(self)
        layout.addWidget(self.status)
        layout.addWidget(self.table)
        layout.addWidget(verify)
        self.resize(1000, 600)
        self.load()

    def load(self) -> None:
        try:
            self.model.set_items(self.services.audit.events(self.services.ctx.session.user))
        except DomainError as error:
            self.status.setText(f"⚠ {error}")
            return
        self.verify()

    def verify(self) -> None:
        report = self.services.audit.verify()
        if report.intact:
            self.status.setText(f"✔ The audit trail is intact: {report.entries} entries, none changed.")
        else:
            found = [f"entry {b.seq}: {b.reason}" for b in report.breaks] + list(report.anchor_problems)
            self.status.setText(
                f"⚠ The audit trail has been tampered with: {len(found)} problem(s); first: {found[0]}."
            )


class UsersDialog(QDialog):
    """The administrator adds chairs, clerks and managers."""

    def __init__(self, services: Services, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("User accounts")
        self.services = services
        self.model = user_model()
        self.table = table_view(self.model, "User accounts")
        self.username = QLineEdit()
        self.username.setAccessibleName("New username")
        self.display_name = QLineEdit()
        self.display_name.setAccessibleName("New user's name")
        self.password = QLineEdit()
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.password.setAccessibleName("New user's password")
        self.role = QComboBox()
        self.role.setAccessibleName("New user's role")
        for role in Role:
            self.role.addItem(role.label, role.value)
        self.message = QLabel()
        self.message.setAccessibleName("User accounts message")
        self.message.setWordWrap(True)
        add = button("&Add user", "Add user")
        add.clicked.connect(self.add)
        form = QFormLayout()
        form.addRow("&Username:", self.username)
        form.addRow("&Name:", self.display_name)
        form.addRow("&Password:", self.password)
        form.addRow("&Role:", self.role)
        buttons = QHBoxLayout()
        buttons.addWidget(add)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table)
        layout.addLayout(form)
        layout.addWidget(self.message)
        layout.addLayout(buttons)
        self.resize(640, 480)
        self.model.set_items(services.accounts.users())

    def add(self) -> None:
        try:
            user = self.services.accounts.add_user(
                self.services.ctx.session.user,
                self.username.text(),
                self.display_name.text(),
                self.password.text(),
                Role(self.role.currentData()),
            )
        except ValidationError as error:
            self.message.setText("⚠ " + " ".join(f"{p.message}" for p in error.problems))
            return
        except DomainError as error:
            self.message.setText(f"⚠ {error}")
            return
        self.message.setText(f"✔ Added {user.display_name} as {user.role.label.lower()}.")
        for field in (self.username, self.display_name, self.password):
            field.clear()
        self.model.set_items(self.services.accounts.users())
