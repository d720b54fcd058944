"""Tools → Team server… (issue 16 item 1): where this desktop's team store is, read from and written to
`team-store.toml` in the data folder. A service from pg_service.conf, or the server's host, port,
database, user and TLS mode; never a password (it says where that goes: .pgpass). Test connection runs
off the UI thread and says inline what it found, in the store's own words; problems are shown beside the
field that caused them. Saving says the app must be restarted to switch. It needs no signed-in account
(the setting is the computer's, not a record); the menu offers it once signed in."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QButtonGroup,
    QComboBox,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QProgressBar,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from iro_desktop.domain.errors import EnvironmentProblem
from iro_desktop.services import team_server
from iro_desktop.ui.widgets import button
from iro_desktop.ui.worker import Worker

SSL_CHOICES = (
    ("", "Required for another computer (the default)"),
    ("verify-full", "verify-full: check the server's certificate and name"),
    ("verify-ca", "verify-ca: check the server's certificate"),
    ("require", "require: encrypted, certificate not checked"),
    ("prefer", "prefer"),
    ("disable", "disable: not encrypted (this computer only)"),
)
RESTART = (
    "Restart IRO Desktop to switch: it opens the store these settings name at its next start (a "
    "--database-url or IRO_DESKTOP_DATABASE_URL given when starting it still wins)."
)


def _text(error: BaseException) -> str:
    if isinstance(error, EnvironmentProblem):
        return f"✘ {error.title}. {error.message}"
    return f"✘ Something went wrong ({type(error).__name__}); nothing was changed."


class TeamServerDialog(QDialog):
    def __init__(self, data_dir: Path, in_use: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.data_dir = data_dir
        self.setWindowTitle("Team server")
        self.setAccessibleName("Team server settings")
        self.worker = Worker(self, threads=1)
        self.tested: dict[str, str] | None = None  # the settings last connected with
        self._tried_with: dict[str, str] | None = None
        layout = QVBoxLayout(self)
        self.where = QLabel(
            f"This desktop now uses: {in_use}.\nThe team server's settings are kept in "
            f"{team_server.settings_path(data_dir)}."
        )
        self.where.setWordWrap(True)
        self.where.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.where.setAccessibleName("Where the records are now")
        layout.addWidget(self.where)

        self.by_service = QRadioButton("A &service from pg_service.conf")
        self.by_host = QRadioButton("The server's &details")
        self.kind = QButtonGroup(self)
        self.kind.addButton(self.by_service)
        self.kind.addButton(self.by_host)
        kinds = QHBoxLayout()
        kinds.addWidget(self.by_service)
        kinds.addWidget(self.by_host)
        kinds.addStretch(1)
        layout.addLayout(kinds)

        form = QFormLayout()
        self.fields: dict[str, QLineEdit] = {}
        self.problems: dict[str, QLabel] = {}
        names = {
            "service": ("Service &name:", "iro", "The service's name in pg_service.conf"),
            "host": ("&Host:", "db.council.example", "The server's host name"),
            "port": ("Po&rt:", "5432", "The server's port"),
            "dbname": ("Data&base:", "iro", "The database's name"),
            "user": ("Database &user:", "iro_app", "The database user the desktops connect as"),
            "sslrootcert": (
                "&CA certificate:",
                "~/.postgresql/root.crt",
                "The council's CA certificate file",
            ),
        }
        for key in ("service", "host", "port", "dbname", "user"):
            self._add_field(form, key, *names[key])
        self.sslmode = QComboBox()
        self.sslmode.setAccessibleName("TLS (encryption) mode")
        for value, label in SSL_CHOICES:
            self.sslmode.addItem(label, value)
        form.addRow("&TLS:", self.sslmode)
        self._add_problem(form, "sslmode")
        self._add_field(form, "sslrootcert", *names["sslrootcert"])
        layout.addLayout(form)

        self.password_note = QLabel()
        self.password_note.setWordWrap(True)
        self.password_note.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.password_note.setAccessibleName("Where the password goes")
        layout.addWidget(self.password_note)

        buttons = QHBoxLayout()
        self.test_button = button("Test c&onnection", tip="Connect to the server as this desktop would")
        self.save_button = button("Sa&ve", tip=f"Write {team_server.SETTINGS_FILENAME} in the data folder")
        self.remove_button = button(
            "Use this computer's o&wn records", tip=f"Remove {team_server.SETTINGS_FILENAME}"
        )
        self.close_button = button("Close")
        self.test_button.clicked.connect(self.test)
        self.save_button.clicked.connect(self.save)
        self.remove_button.clicked.connect(self.remove)
        self.close_button.clicked.connect(self.close)
        for b in (self.test_button, self.save_button, self.remove_button):
            buttons.addWidget(b)
        buttons.addStretch(1)
        buttons.addWidget(self.close_button)
        layout.addLayout(buttons)
        self.progress = QProgressBar()
        self.progress.setRange(0, 0)
        self.progress.setAccessibleName("Trying the connection")
        self.progress.setMaximumHeight(12)
        self.progress.hide()
        layout.addWidget(self.progress)
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.message.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.message.setAccessibleName("Result")
        layout.addWidget(self.message)

        for edit in self.fields.values():
            edit.textChanged.connect(self._changed)
        self.sslmode.currentIndexChanged.connect(self._changed)
        self.by_service.toggled.connect(self._kind_changed)
        self._load()
        self.resize(max(self.sizeHint().width(), 640), self.sizeHint().height())

    # --- the form ---------------------------------------------------------------------------------
    def _add_field(self, form: QFormLayout, key: str, label: str, placeholder: str, name: str) -> None:
        edit = QLineEdit()
        edit.setPlaceholderText(placeholder)
        edit.setAccessibleName(name)
        self.fields[key] = edit
        form.addRow(label, edit)
        self._add_problem(form, key)

    def _add_problem(self, form: QFormLayout, key: str) -> None:
        problem = QLabel()
        problem.setWordWrap(True)
        problem.setAccessibleName(f"Problem with {key}")
        problem.hide()
        self.problems[key] = problem
        form.addRow("", problem)

    def _load(self) -> None:
        try:
            settings = team_server.current(self.data_dir) or {}
        except EnvironmentProblem as problem:  # a file that would not be used: said, and replaced on save
            settings = {}
            self.message.setText(_text(problem))
        self.extra = {k: v for k, v in settings.items() if k not in team_server.FIELDS}  # kept as they are
        for key, edit in self.fields.items():
            edit.setText(settings.get(key, ""))
        index = self.sslmode.findData(settings.get("sslmode", ""))
        if index < 0:
            self.sslmode.addItem(settings["sslmode"], settings["sslmode"])
            index = self.sslmode.count() - 1
        self.sslmode.setCurrentIndex(index)
        (
            self.by_host if settings.get("host") and not settings.get("service") else self.by_service
        ).setChecked(True)
        self._kind_changed()

    def _kind_changed(self) -> None:
        service = self.by_service.isChecked()
        self.fields["service"].setEnabled(service)
        for key in ("host", "port", "dbname", "user"):
            self.fields[key].setEnabled(not service)
        self._changed()

    def settings(self) -> dict[str, str]:
        """What the form says (the chosen kind only), with the file's other settings kept."""
        values = {key: edit.text().strip() for key, edit in self.fields.items()}
        if self.by_service.isChecked():
            values.update(host="", port="", dbname="", user="")
        else:
            values["service"] = ""
        values["sslmode"] = str(self.sslmode.currentData() or "")
        return {**self.extra, **{k: v for k, v in values.items() if v}}

    def _changed(self) -> None:
        path = team_server.password_file(self.settings())
        self.password_note.setText(
            "No password is typed or kept here. Put it in "
            f"{path} as a line host:port:database:user:password, readable by you only (chmod 600 on "
            "Linux and macOS); PostgreSQL's own client library reads it from there."
        )
        for label in self.problems.values():
            label.hide()

    def _show_problems(self) -> bool:
        found = [(self._beside(key), message) for key, message in team_server.problems(self.settings())]
        for key, message in found:
            self.problems[key].setText(f"✘ {message}")
            self.problems[key].show()
        if found:
            key = found[0][0]
            (self.fields.get(key) or self.sslmode).setFocus()
        return bool(found)

    def _beside(self, key: str) -> str:
        """The field a problem is shown beside: "a service, or host and database" goes by the one chosen."""
        if key == "service" and self.by_host.isChecked():
            return "host" if not self.fields["host"].text().strip() else "dbname"
        return key if key in self.problems else "service"

    # --- acting -------------------------------------------------------------------------------------
    def test(self) -> None:
        if self._show_problems():
            return
        settings, data_dir = self.settings(), self.data_dir
        self._tried_with = settings
        self.message.setText("Trying the connection…")
        self.progress.show()
        self.test_button.setEnabled(False)
        self.worker.start(
            lambda: team_server.try_connection(data_dir, settings), self._tried, self._not_tried
        )

    def _tried(self, tried: team_server.Tried) -> None:
        self.tested = self._tried_with
        self.progress.hide()
        self.test_button.setEnabled(True)
        self.message.setText(tried.text())

    def _not_tried(self, error: BaseException) -> None:
        self.progress.hide()
        self.test_button.setEnabled(True)
        self.message.setText(_text(error))

    def save(self) -> None:
        if self._show_problems():
            return
        try:
            path = team_server.save(self.data_dir, self.settings())
        except EnvironmentProblem as problem:
            self.message.setText(_text(problem))
            return
        untested = (
            ""
            if self.tested == self.settings()
            else " Not tested yet: if the server can't be used at the next start, IRO Desktop says why "
            "and offers these settings again."
        )
        self.message.setText(f"✔ Saved in {path}. {RESTART}{untested}")

    def remove(self) -> None:
        try:
            removed = team_server.remove(self.data_dir)
        except EnvironmentProblem as problem:
            self.message.setText(_text(problem))
            return
        self.message.setText(
            f"✔ Removed {team_server.SETTINGS_FILENAME}: this computer's own records are used at the next "
            f"start. {RESTART}"
            if removed
            else f"There are no team server settings here: this computer's own records are used. {RESTART}"
        )

    def done(self, code: int) -> None:  # noqa: D102 - closing waits for a connection being tried
        self.worker.wait()
        super().done(code)


def startup_problem_box(problem: EnvironmentProblem, in_use: str) -> tuple[QMessageBox, QAbstractButton]:
    """At start-up, the team store could not be opened (can't be reached, the password refused, an older
    or newer schema): the store's own words, and a way to the settings so a wrong team-store.toml never
    leaves the app unable to start. Returns the box and its "Team server settings…" button."""
    box = QMessageBox(QMessageBox.Icon.Critical, problem.title, problem.message)
    box.setInformativeText(
        f"This desktop was set to use {in_use}. If that is wrong, change it in the team server's settings "
        "(or use this computer's own records), then start IRO Desktop again."
    )
    fix = box.addButton("Team server settings…", QMessageBox.ButtonRole.ActionRole)
    box.addButton(QMessageBox.StandardButton.Close)
    return box, fix


def offer_settings(problem: EnvironmentProblem, data_dir: Path, in_use: str) -> None:
    box, fix = startup_problem_box(problem, in_use)
    box.exec()
    if box.clickedButton() is fix:
        TeamServerDialog(data_dir, in_use).exec()
