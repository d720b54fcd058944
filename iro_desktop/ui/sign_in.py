"""Sign-in, first-run administrator, the idle lock and signing out. Dialogs appear only at start, never
mid-meeting; the idle lock and the signed-out panel cover the window in place and keep every open edit.

At start the records are still closed (issue 15: they are encrypted): the dialogs talk to a
`SignInGate`, which signs in through services.sign_in and keeps what it opened. "Use recovery key…"
gives an administrator a new password when every password is lost.

The Qt namespace (`PySide6.QtCore.Qt`) is imported where it is used, not at import: making its Python
enums takes about 14 ms, which would come before the sign-in prompt could appear (issue 14)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QEvent, QObject, QTimer, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from iro_desktop.domain.errors import EnvironmentProblem, ValidationError
from iro_desktop.domain.roles import Role, User

if TYPE_CHECKING:
    from iro_desktop.services.accounts import AccountService
    from iro_desktop.services.sign_in import Opened


class SignInGate:
    """What the start-up dialogs call before the records are open: each call signs in (or sets up, or
    recovers) through services.sign_in and keeps the opened store in `opened`."""

    def __init__(self, location: Any) -> None:  # a store.location.StoreLocation (ui never imports store)
        self.location = location
        self.opened: Opened | None = None

    def needs_set_up(self) -> bool:
        from iro_desktop.services.sign_in import records_exist

        return not records_exist(self.location)

    def sign_in(self, username: str, password: str) -> User:
        from iro_desktop.services import sign_in
        from iro_desktop.services.outage import attach_journal

        opened = sign_in.sign_in(self.location, username, password)
        try:
            attach_journal(opened, username, password)  # a team server: edits kept through an outage
        except BaseException:
            opened.close()
            raise
        return self._keep(opened)

    def create_first_admin(self, username: str, display_name: str, password: str, role: Role) -> User:
        from iro_desktop.services import sign_in

        return self._keep(sign_in.set_up(self.location, username, display_name, password, role))

    def recover(self, recovery_key: str, username: str, new_password: str) -> User:
        from iro_desktop.services import sign_in

        return self._keep(sign_in.recover(self.location, recovery_key, username, new_password))

    def _keep(self, opened: Opened) -> User:
        if self.opened is not None:
            self.opened.close()
        self.opened = opened
        return opened.user


def show_recovery_key(recovery_key: str, parent: QWidget | None = None) -> None:
    """The recovery key, shown once (at set-up, or after the records were encrypted on upgrading)."""
    from PySide6.QtWidgets import QMessageBox

    box = QMessageBox(parent)
    box.setWindowTitle("Write down the recovery key")
    box.setIcon(QMessageBox.Icon.Information)
    box.setText(
        "<p>Your records are encrypted. This recovery key is the only way back in if every password is "
        "lost. It is shown <b>once</b>: write it down and keep it somewhere safe, away from this "
        f"computer.</p><p style='font-family: monospace; font-size: 14pt'>{recovery_key}</p>"
    )
    from PySide6.QtCore import Qt  # see the module's note on Qt

    box.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    box.setAccessibleName("Recovery key")
    box.setAccessibleDescription(recovery_key)
    box.exec()


class RecoveryDialog(QDialog):
    """Every password lost: the recovery key and an administrator's username, and a new password."""

    def __init__(self, gate: SignInGate, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Use the recovery key")
        self.gate = gate
        self.user: User | None = None
        self.recovery_key = QLineEdit()
        self.recovery_key.setAccessibleName("Recovery key")
        self.recovery_key.setPlaceholderText("XXXXX-XXXXX-XXXXX-XXXXX-XXXXX-XXXXX-XXXXX-XXXXX")
        self.username = QLineEdit()
        self.username.setAccessibleName("Administrator's username")
        self.password = QLineEdit()
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.password.setAccessibleName("New password")
        self.confirm = QLineEdit()
        self.confirm.setEchoMode(QLineEdit.EchoMode.Password)
        self.confirm.setAccessibleName("Confirm new password")
        self.errors = {
            name: _error_label(f"Problem with {name.replace('_', ' ')}")
            for name in ("recovery_key", "username", "password", "confirm")
        }
        form = QFormLayout()
        intro = QLabel(
            "If every password is lost, the recovery key written down at set-up opens the records. "
            "Name an administrator's account: it gets the new password."
        )
        intro.setWordWrap(True)
        form.addRow(intro)
        for text, widget, key in (
            ("&Recovery key:", self.recovery_key, "recovery_key"),
            ("&Administrator's username:", self.username, "username"),
            ("&New password:", self.password, "password"),
            ("&Confirm new password:", self.confirm, "confirm"),
        ):
            form.addRow(text, widget)
            form.addRow("", self.errors[key])
        buttons = _ok_cancel()
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText("Set password and sign in")
        buttons.accepted.connect(self.try_recover)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(buttons)
        self.setMinimumWidth(480)

    def try_recover(self) -> None:
        from iro_desktop.domain.errors import Problem

        if self.password.text() != self.confirm.text():
            _show_problems(ValidationError([Problem("confirm", "The passwords do not match.")]), self.errors)
            return
        try:
            self.user = self.gate.recover(
                self.recovery_key.text(), self.username.text(), self.password.text()
            )
        except EnvironmentProblem as problem:
            _show_environment_problem(problem, self.errors["recovery_key"])
            return
        except ValidationError as error:
            _show_problems(error, self.errors)
            return
        self.accept()


def _error_label(name: str) -> QLabel:
    label = QLabel()
    label.setAccessibleName(name)
    label.setWordWrap(True)
    label.setStyleSheet("QLabel { color: #9b1c1c; }")
    label.hide()
    return label


def _show_problems(error: ValidationError, labels: dict[str, QLabel]) -> None:
    for label in labels.values():
        label.hide()
    for field, label in labels.items():
        messages = error.for_field(field)
        if messages:
            label.setText("⚠ " + " ".join(messages))
            label.show()


def _show_environment_problem(problem: EnvironmentProblem, label: QLabel) -> None:
    label.setText(f"⚠ {problem.title}. {problem.message}")
    label.show()


def _ok_cancel() -> QDialogButtonBox:
    """OK and Cancel. Set after construction: `QDialogButtonBox(buttons)` makes PySide6 weigh the
    `(Qt.Orientation)` overload, which builds every enum of the Qt namespace (about 15 ms before the
    prompt)."""
    buttons = QDialogButtonBox()
    buttons.setStandardButtons(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
    return buttons


class SignInDialog(QDialog):
    """Username and password; a wrong pair says so under the password field."""

    def __init__(self, accounts: AccountService | SignInGate, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Sign in to IRO Desktop")
        self.accounts = accounts
        self.user: User | None = None
        self.username = QLineEdit()
        self.username.setAccessibleName("Username")
        self.password = QLineEdit()
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.password.setAccessibleName("Password")
        self.errors = {"password": _error_label("Sign-in problem")}
        form = QFormLayout()
        heading = QLabel("<b>Sign in to IRO Desktop</b>")
        heading.setAccessibleName("Sign in to IRO Desktop")
        form.addRow(heading)
        form.addRow("&Username:", self.username)
        form.addRow("&Password:", self.password)
        form.addRow("", self.errors["password"])
        buttons = _ok_cancel()
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText("Sign in")
        buttons.accepted.connect(self.try_sign_in)
        buttons.rejected.connect(self.reject)
        self.recovery_button: QPushButton | None = None
        if isinstance(accounts, SignInGate):  # before the records are open: the way back in
            recovery = buttons.addButton("Use &recovery key…", QDialogButtonBox.ButtonRole.ResetRole)
            recovery.setAccessibleName("Use recovery key")
            recovery.clicked.connect(self.use_recovery_key)
            self.recovery_button = recovery
        # Issue 16: a team server that can't be used (wrong settings, password refused) is put right here.
        self.team_server_button = _team_server_button(accounts, buttons, self, servers_only=True)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(buttons)
        self.setMinimumWidth(420)

    def use_recovery_key(self) -> None:
        assert isinstance(self.accounts, SignInGate)
        dialog = RecoveryDialog(self.accounts, self)
        if dialog.exec() and dialog.user is not None:
            self.user = dialog.user
            self.accept()

    def try_sign_in(self) -> None:
        try:
            self.user = self.accounts.sign_in(self.username.text(), self.password.text())
        except EnvironmentProblem as problem:  # locked, full, read-only: said here, not the crash dialog
            _show_environment_problem(problem, self.errors["password"])
            return
        except ValidationError as error:
            _show_problems(error, self.errors)
            self.password.selectAll()
            self.password.setFocus()
            return
        self.accept()


class FirstRunDialog(QDialog):
    """The first run creates the administrator account."""

    def __init__(self, accounts: AccountService | SignInGate, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Welcome to IRO Desktop: create the administrator")
        self.accounts = accounts
        self.user: User | None = None
        self.username = QLineEdit()
        self.username.setAccessibleName("Username")
        self.display_name = QLineEdit()
        self.display_name.setAccessibleName("Name shown on records")
        self.password = QLineEdit()
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.password.setAccessibleName("Password")
        self.confirm = QLineEdit()
        self.confirm.setEchoMode(QLineEdit.EchoMode.Password)
        self.confirm.setAccessibleName("Confirm password")
        self.role = QComboBox()
        self.role.setAccessibleName("Role")
        for role in Role:
            self.role.addItem(role.label, role.value)
        self.errors = {
            name: _error_label(f"Problem with {name.replace('_', ' ')}")
            for name in ("username", "display_name", "password", "confirm")
        }
        form = QFormLayout()
        intro = QLabel(
            "No accounts exist yet. This first account is the administrator: it adds the other chairs, "
            "clerks and managers."
        )
        intro.setWordWrap(True)
        form.addRow(intro)
        for text, widget, key in (
            ("&Username:", self.username, "username"),
            ("&Name shown on records:", self.display_name, "display_name"),
            ("&Password:", self.password, "password"),
            ("&Confirm password:", self.confirm, "confirm"),
        ):
            form.addRow(text, widget)
            form.addRow("", self.errors[key])
        form.addRow("&Role:", self.role)
        buttons = _ok_cancel()
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText("Create administrator")
        buttons.accepted.connect(self.try_create)
        buttons.rejected.connect(self.reject)
        # Issue 16: a new desktop of a team connects to its server instead of setting up records here.
        self.team_server_button = _team_server_button(accounts, buttons, self, servers_only=False)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(buttons)

    def try_create(self) -> None:
        from iro_desktop.domain.errors import Problem

        if self.password.text() != self.confirm.text():
            _show_problems(ValidationError([Problem("confirm", "The passwords do not match.")]), self.errors)
            return
        try:
            self.user = self.accounts.create_first_admin(
                self.username.text(),
                self.display_name.text(),
                self.password.text(),
                Role(self.role.currentData()),
            )
        except EnvironmentProblem as problem:
            _show_environment_problem(problem, self.errors["confirm"])
            return
        except ValidationError as error:
            _show_problems(error, self.errors)
            return
        self.accept()


def _team_server_button(
    accounts: object, buttons: QDialogButtonBox, parent: QWidget, *, servers_only: bool
) -> QPushButton | None:
    """“Team server…” before the records are open (a SignInGate): the team-store.toml screen; after
    saving, IRO Desktop is started again. On sign-in only for a team store (`servers_only`)."""
    location = getattr(accounts, "location", None) if isinstance(accounts, SignInGate) else None
    if location is None or (servers_only and location.sqlite_path is not None):
        return None
    button = buttons.addButton("Team &server…", QDialogButtonBox.ButtonRole.ResetRole)
    button.setAccessibleName("Team server settings")
    button.setToolTip("Connect this desktop to the team store on a PostgreSQL server (restart afterwards)")

    def open_settings() -> None:
        from iro_desktop.ui.team_server_dialog import TeamServerDialog

        TeamServerDialog(location.data_dir, location.describe(), parent).exec()

    button.clicked.connect(open_settings)
    return button


def _centred(label: QLabel) -> QLabel:
    """A label that wraps and centres its lines; given the panel's whole width, never clipped."""
    label.setWordWrap(True)
    from PySide6.QtCore import Qt  # see the module's note on Qt

    label.setAlignment(Qt.AlignmentFlag.AlignHCenter)
    return label


class LockPanel(QWidget):
    """Covers the window while locked: asks for the signed-in user's password, or lets someone else sign
    in (everything typed is stored first). The heading and messages wrap across the whole panel, so
    they are never clipped at any window or text size."""

    unlocked = Signal()
    switch_user = Signal()

    def __init__(self, accounts: AccountService, user: User, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.accounts = accounts
        self.user = user
        self.setAutoFillBackground(True)
        self.setAccessibleName("Locked")
        from iro_desktop.ui.widgets import heading  # here: the sign-in prompt shows before ui.widgets loads

        self.title = _centred(heading(f"Locked. {user.display_name}, enter your password to carry on."))
        self.title.setAccessibleName("Locked")
        self.note = _centred(
            QLabel(
                "Everything you were working on is kept exactly as it was. Someone else can sign in "
                "instead: what was typed is stored first."
            )
        )
        self.password = QLineEdit()
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.password.setAccessibleName("Password to unlock")
        self.password.setMaximumWidth(360)
        self.error = _centred(_error_label("Unlock problem"))
        button = QPushButton("&Unlock")
        button.setAccessibleName("Unlock")
        button.clicked.connect(self.try_unlock)
        self.switch_button = QPushButton("&Sign in as someone else")
        self.switch_button.setAccessibleName("Sign in as someone else")
        self.switch_button.clicked.connect(self.switch_user)
        self.password.returnPressed.connect(self.try_unlock)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(button)
        buttons.addWidget(self.switch_button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(32, 24, 32, 24)
        layout.addStretch(1)
        layout.addWidget(self.title)
        layout.addWidget(self.note)
        from PySide6.QtCore import Qt  # see the module's note on Qt

        layout.addWidget(self.password, 0, Qt.AlignmentFlag.AlignHCenter)
        layout.addWidget(self.error)
        layout.addLayout(buttons)
        layout.addStretch(2)

    def try_unlock(self) -> None:
        if self.accounts.verify(self.user, self.password.text()):
            self.password.clear()
            self.error.hide()
            self.unlocked.emit()
        else:
            self.error.setText("⚠ That is not the password for this account.")
            self.error.show()
            self.password.selectAll()


class SignInPanel(QWidget):
    """After Sign out: covers the window (the work stays underneath) and asks who is next. Signing in
    gives that account's role in the same running app; a wrong pair says so under the password."""

    signed_in = Signal(object)  # the User

    def __init__(self, accounts: AccountService, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.accounts = accounts
        self.setAutoFillBackground(True)
        self.setAccessibleName("Signed out")
        from iro_desktop.ui.widgets import heading  # here: the sign-in prompt shows before ui.widgets loads

        self.title = _centred(heading("Signed out. Sign in to carry on."))
        self.title.setAccessibleName("Signed out")
        self.note = _centred(
            QLabel("What was typed has been stored. The projector is blank until someone signs in.")
        )
        self.username = QLineEdit()
        self.username.setAccessibleName("Username")
        self.password = QLineEdit()
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.password.setAccessibleName("Password")
        self.error = _centred(_error_label("Sign-in problem"))
        button = QPushButton("Sign &in")
        button.setAccessibleName("Sign in")
        button.clicked.connect(self.try_sign_in)
        self.username.returnPressed.connect(self.password.setFocus)
        self.password.returnPressed.connect(self.try_sign_in)
        form = QFormLayout()
        form.addRow("&Username:", self.username)
        form.addRow("&Password:", self.password)
        fields = QWidget()
        fields.setLayout(form)
        fields.setMaximumWidth(520)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(32, 24, 32, 24)
        layout.addStretch(1)
        layout.addWidget(self.title)
        layout.addWidget(self.note)
        from PySide6.QtCore import Qt  # see the module's note on Qt

        layout.addWidget(fields, 0, Qt.AlignmentFlag.AlignHCenter)
        layout.addWidget(self.error)
        layout.addWidget(button, 0, Qt.AlignmentFlag.AlignHCenter)
        layout.addStretch(2)

    def try_sign_in(self) -> None:
        try:
            user = self.accounts.sign_in(self.username.text(), self.password.text())
        except ValidationError as error:
            self.error.setText("⚠ " + " ".join(error.for_field("password") or [str(error)]))
            self.error.show()
            self.password.selectAll()
            self.password.setFocus()
            return
        self.error.hide()
        self.password.clear()
        self.signed_in.emit(user)


class IdleWatcher(QObject):
    """Emits `idle` after a period with no keyboard or mouse input anywhere in the app."""

    idle = Signal()
    INPUT_EVENTS = frozenset(
        {
            QEvent.Type.KeyPress,
            QEvent.Type.MouseButtonPress,
            QEvent.Type.MouseMove,
            QEvent.Type.Wheel,
            QEvent.Type.TouchBegin,
        }
    )

    def __init__(self, minutes: float, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setInterval(max(1, int(minutes * 60_000)))
        self.timer.timeout.connect(self.idle)

    def start(self) -> None:
        self.timer.start()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() in self.INPUT_EVENTS and self.timer.isActive():
            self.timer.start()
        return False
