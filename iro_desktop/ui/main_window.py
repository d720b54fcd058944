"""The main window: layout and wiring only. Areas do their own work."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QCloseEvent
from PySide6.QtWidgets import (
    QLabel,
    QListWidget,
    QMainWindow,
    QSplitter,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from iro_desktop import APP_NAME
from iro_desktop.ui.actions import EXPORT_PDF_ACTIONS, apply_permissions, build_actions, shortcut_rows
from iro_desktop.ui.dialogs import show_about, show_shortcuts
from iro_desktop.ui.events import ChangeHub
from iro_desktop.ui.save_status import SaveStatusLabel
from iro_desktop.ui.settings import Settings
from iro_desktop.ui.text_size import TextSizeControl
from iro_desktop.ui.undo_command import runner_for
from iro_desktop.ui.widgets import CurrentPageStack, fit_list_width, resize_within_screen, scrolling

if TYPE_CHECKING:
    from iro_desktop.domain.roles import User
    from iro_desktop.services.accounts import AccountService
    from iro_desktop.services.registry import Services
    from iro_desktop.ui.areas.meeting import MeetingArea
    from iro_desktop.ui.sign_in import IdleWatcher

VIEWS = ("today", "families", "meeting", "records", "report")


@dataclass(frozen=True)
class WhereInfo:
    """Where the records are, for the About box."""

    location: str
    data_dir: str


class MainWindow(QMainWindow):
    """Two phases: the shell (menus, navigation, status bar) paints at once; `attach(services)` then
    builds the areas once the store is open, so heavy imports stay off the start-up path."""

    idle: IdleWatcher  # armed by sign_in_as

    def __init__(
        self,
        services: Services | None,
        settings: Settings,
        where: WhereInfo,
        hub: ChangeHub | None = None,
    ) -> None:
        super().__init__()
        self.setWindowTitle(APP_NAME)
        self.settings = settings
        self.where = where
        self.hub = hub or ChangeHub(self)
        self.action_map = build_actions(self)
        self.areas: dict[str, QWidget] = {}

        self.nav = QListWidget()
        self.nav.setAccessibleName("Areas")
        self.nav.setMaximumWidth(200)
        self.stack = CurrentPageStack()  # text size: a page larger than the window scrolls
        self.opening = QLabel("Opening your records…")
        self.opening.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.opening.setAccessibleName("Opening your records")
        self.stack.addWidget(self.opening)
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(self.nav)
        splitter.addWidget(scrolling(self.stack, "Work area"))
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([200, 1080])  # the areas list no wider than its names
        self.outer = QStackedWidget()  # page 0: the work; page 1: the lock panel (work kept underneath)
        work = QWidget()
        self.work_layout = QVBoxLayout(work)  # the areas, and bars under them (issue 6: exports)
        self.work_layout.setContentsMargins(0, 0, 0, 0)
        self.work_layout.addWidget(splitter, 1)
        self.outer.addWidget(work)
        self.setCentralWidget(self.outer)
        self.user_label = QLabel("")
        self.user_label.setAccessibleName("Signed in as")
        self.lock_panel: QWidget | None = None
        self.sign_in_panel: QWidget | None = None  # shown after Sign out (issue 12)

        self.save_status = SaveStatusLabel(self.hub)
        self.statusBar().addPermanentWidget(self.user_label)
        self.statusBar().addPermanentWidget(self.save_status)
        self._build_menus()
        self._wire()
        resize_within_screen(self, 1280, 800)  # a 1366×768 laptop: the status bar stays on the screen
        if services is not None:
            self.attach(services)

    def attach(self, services: Services) -> None:
        """Build every area on the open store (imports kept here, off the start-up path)."""
        from iro_desktop.ui.fonts import load_fonts

        load_fonts()  # names in Arabic script render on screen as in the PDFs
        self.services = services
        self.areas = self._build_areas(services)
        self.stack.removeWidget(self.opening)
        self.opening.deleteLater()
        for area in self.areas.values():
            self.nav.addItem(getattr(area, "title", ""))
            self.stack.addWidget(area)
        fit_list_width(self.nav)  # the areas' names in full at every text size
        self.nav.setCurrentRow(0)
        self.meeting.install_actions(self.action_map)  # the live map and the meeting's steps
        today = self.areas["today"]
        today.open_conference.connect(self.show_conference)  # type: ignore[attr-defined]
        today.open_record.connect(self.show_record)  # type: ignore[attr-defined]
        from iro_desktop.ui.export_panel import install_exports  # issue 6: PDFs of the conference in view

        self.exports = install_exports(self, services, Path(self.where.data_dir) / "exports")
        if self.where.location.startswith("postgresql"):  # issue 16: a team store's conference onto a laptop
            from iro_desktop.ui.offline_panel import install_offline

            install_offline(self, services, Path(self.where.data_dir))
        else:  # this computer's own store: if it is a laptop's copy of a team store's conference, say so
            from iro_desktop.ui.offline_panel import install_laptop_copy

            install_laptop_copy(self, services)

    def _build_areas(self, services: Services) -> dict[str, QWidget]:
        from iro_desktop.ui.areas.families import FamiliesArea
        from iro_desktop.ui.areas.meeting import MeetingArea
        from iro_desktop.ui.areas.records import RecordsArea
        from iro_desktop.ui.areas.report import ReportArea  # issue 8
        from iro_desktop.ui.areas.today import TodayArea

        return {
            "today": TodayArea(services, self.hub),
            "families": FamiliesArea(services, self.hub),
            "meeting": MeetingArea(services, self.hub, self.settings),  # issue 4: the live map
            "records": RecordsArea(services, self.hub, exports=Path(self.where.data_dir) / "exports"),
            "report": ReportArea(services, self.hub, exports=Path(self.where.data_dir) / "exports"),
        }

    def sign_in_as(self, user: User, accounts: AccountService, idle_minutes: float) -> None:
        """Show who is signed in and arm the idle lock for them."""
        from PySide6.QtWidgets import QApplication

        from iro_desktop.ui.sign_in import IdleWatcher, LockPanel

        self.user_label.setText(f"Signed in: {user.display_name} ({user.role.label})")
        app = QApplication.instance()
        if self.lock_panel is not None:  # switching user: the last account's lock and idle timer go
            self.outer.removeWidget(self.lock_panel)
            self.lock_panel.deleteLater()
            self.idle.timer.stop()
            if app is not None:
                app.removeEventFilter(self.idle)
        panel = LockPanel(accounts, user)
        panel.unlocked.connect(self.unlock)
        panel.switch_user.connect(self.sign_out)
        self.lock_panel = panel
        self.outer.addWidget(panel)
        self.idle = IdleWatcher(idle_minutes, self)
        self.idle.idle.connect(self.lock)
        if app is not None:
            app.installEventFilter(self.idle)
        self.idle.start()
        self.action_map["lock"].setEnabled(True)
        self.action_map["sign_out"].setEnabled(True)
        apply_permissions(self.action_map, user)  # issue 13: only what this role may do is offered

    def sign_out(self) -> None:
        """Switch user (issue 12): store what is typed, blank the projector, ask who is next. The work
        stays underneath; the next account gets its own role in the same running app."""
        from iro_desktop.ui.sign_in import SignInPanel

        if not self.areas or self.lock_panel is None or self.sign_in_panel is not None:
            return  # nobody signed in yet, or already signed out
        if not self.is_locked:  # locking stored it all already, and put the records' key away
            self.store_typing()
        self.idle.timer.stop()
        self.services.ctx.session.user = None
        self.user_label.setText("Signed out")
        panel = SignInPanel(self.services.accounts)
        panel.signed_in.connect(self._signed_in_again)
        self.sign_in_panel = panel
        self.outer.addWidget(panel)
        self._cover(panel)
        panel.username.setFocus()

    def _signed_in_again(self, user: User) -> None:
        assert self.sign_in_panel is not None
        self.services.ctx.session.user = user
        self.outer.removeWidget(self.sign_in_panel)
        self.sign_in_panel.deleteLater()
        self.sign_in_panel = None
        self.sign_in_as(user, self.services.accounts, self.settings.get(Settings.idle_lock_minutes))
        self.unlock()
        self.hub.announce("*")  # every area shows what this account may do

    def lock(self) -> None:
        """Cover the window; every open edit stays where it is, and what is typed is stored. Then the
        signing key and the records' key are dropped from memory (issue 15): unlocking unwraps again."""
        if self.lock_panel is None or self.is_locked or self.sign_in_panel is not None:
            return
        self.store_typing()
        self._cover(self.lock_panel)
        services = getattr(self, "services", None)
        if services is not None:
            services.accounts.lock()
        self.lock_panel.setFocus()
        password = getattr(self.lock_panel, "password", None)
        if password is not None:
            password.setFocus()

    def _cover(self, panel: QWidget) -> None:
        """Blank the projector and cover the work with `panel`; only Quit stays on."""
        self.hub.lock_changed.emit(True)
        self.outer.setCurrentWidget(panel)
        self.menuBar().setEnabled(False)
        for action in self.action_map.values():
            action.setEnabled(action is self.action_map["quit"])

    def unlock(self) -> None:
        self.outer.setCurrentIndex(0)
        self.menuBar().setEnabled(True)
        for action in self.action_map.values():
            action.setEnabled(True)
        services = getattr(self, "services", None)
        if services is not None:
            apply_permissions(self.action_map, services.ctx.session.user)
        self.hub.lock_changed.emit(False)
        self.idle.start()

    @property
    def is_locked(self) -> bool:
        return self.lock_panel is not None and self.outer.currentWidget() is self.lock_panel

    def _build_menus(self) -> None:
        a = self.action_map
        file_menu = self.menuBar().addMenu("&File")
        file_menu.addActions([a["export_conference_file"], a["import_conference_file"]])  # issue 6/7
        file_menu.addSeparator()
        file_menu.addAction(a["lock"])
        file_menu.addAction(a["sign_out"])  # issue 12
        export_menu = file_menu.addMenu("&Export")  # issue 6
        for spec in EXPORT_PDF_ACTIONS:
            export_menu.addAction(a[spec.name])
        file_menu.addSeparator()
        file_menu.addAction(a["quit"])
        # issue 4: Edit menu (undo/redo of the map) and the presentation view.
        edit_menu = self.menuBar().addMenu("&Edit")
        edit_menu.addAction(a["undo"])
        edit_menu.addAction(a["redo"])
        map_menu = self.menuBar().addMenu("&Map")
        for name in (
            "present",
            "present_larger",
            "present_smaller",
            "present_next_page",
            "present_prev_page",
        ):
            map_menu.addAction(a[name])
        # The whole app's text size. No Alt letter: V, and every other letter of "View", is taken by a
        # control on some page (test_mnemonics); Alt alone reaches it, and each action has its shortcut.
        view_menu = self.menuBar().addMenu("View")
        view_menu.addActions([a["text_larger"], a["text_smaller"], a["text_normal"]])
        go_menu = self.menuBar().addMenu("&Go")
        for name in ("go_today", "go_families", "go_meeting", "go_records", "go_decisions", "go_report"):
            go_menu.addAction(a[name])
        meeting_menu = go_menu.addMenu("Meeting &steps")
        for n in range(1, 6):
            meeting_menu.addAction(a[f"meeting_step_{n}"])
        tools_menu = self.menuBar().addMenu("&Tools")
        tools_menu.addAction(a["audit"])
        tools_menu.addAction(a["users"])
        tools_menu.addAction(a["import_history"])  # issue 8
        tools_menu.addAction(a["census_check"])  # issue 17
        tools_menu.addAction(a["subject_access"])  # issue 18
        tools_menu.addSeparator()
        tools_menu.addAction(a["team_server"])  # issue 16: the computer's own setting
        # Issue 3: register and booking actions.
        register_menu = self.menuBar().addMenu("&Conferences")
        for name in ("new_family", "book_conference", "local_rules"):
            register_menu.addAction(a[name])
        help_menu = self.menuBar().addMenu("&Help")
        help_menu.addAction(a["shortcuts"])
        help_menu.addAction(a["about"])

    def _wire(self) -> None:
        a = self.action_map
        self.nav.currentRowChanged.connect(self.stack.setCurrentIndex)
        for name in VIEWS:
            self._connect_nav(a[f"go_{name}"], name)
        a["go_decisions"].triggered.connect(self.show_decisions)
        for n in range(1, 6):
            a[f"meeting_step_{n}"].triggered.connect(lambda _checked=False, n=n: self.show_meeting_step(n))
        a["quit"].triggered.connect(self.close)
        a["lock"].triggered.connect(self.lock)
        a["audit"].triggered.connect(self.show_audit)
        a["users"].triggered.connect(self.show_users)
        a["export_conference_file"].triggered.connect(self.export_conference_file)  # issue 6/7
        a["import_conference_file"].triggered.connect(self.import_conference_file)
        a["import_history"].triggered.connect(self.import_history)  # issue 8
        a["census_check"].triggered.connect(self.show_census_check)  # issue 17
        a["team_server"].triggered.connect(self.show_team_server)  # issue 16
        a["sign_out"].triggered.connect(self.sign_out)  # issue 12
        a["lock"].setEnabled(False)
        a["sign_out"].setEnabled(False)
        self.text_size = TextSizeControl(self.settings, a, self)  # View → Larger / Smaller / Normal text
        a["about"].triggered.connect(lambda: show_about(self, self.where.location, self.where.data_dir))
        a["shortcuts"].triggered.connect(lambda: show_shortcuts(self, shortcut_rows(self.action_map)))
        # Issue 3: register and booking actions open their forms in the families area.
        for name, method in (
            ("new_family", "new_family"),
            ("book_conference", "book_conference"),
            ("local_rules", "edit_local_rules"),
            ("subject_access", "subject_access"),  # issue 18
        ):
            self._connect_area_action(a[name], "families", method)

    def _connect_nav(self, action: QAction, name: str) -> None:
        action.triggered.connect(lambda: self.show_view(name))

    def show_audit(self) -> None:
        from iro_desktop.ui.admin_dialogs import AuditDialog

        if self.areas:
            AuditDialog(self.services, self).exec()

    def show_census_check(self) -> None:
        from iro_desktop.ui.census_dialog import CensusDialog

        if self.areas:
            CensusDialog(self.services, self.show_conference, self).exec()

    def show_team_server(self) -> None:
        """Tools → Team server…: this computer's own setting (team-store.toml), for any role."""
        from iro_desktop.ui.team_server_dialog import TeamServerDialog

        dialog = TeamServerDialog(Path(self.where.data_dir), self.where.location, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.team_server_dialog = dialog
        dialog.show()

    def show_users(self) -> None:
        from iro_desktop.ui.admin_dialogs import UsersDialog

        if self.areas:
            UsersDialog(self.services, self).exec()

    def export_conference_file(self) -> None:
        from iro_desktop.ui.conference_file_dialogs import export_conference_file

        if self.areas:
            selected = getattr(self.areas["families"], "selected_conference", lambda: None)()
            conference_id = selected.id if selected else None  # issue 15: encrypted, into the exports folder
            export_conference_file(self, self.services, conference_id, self.exports.folder, self.hub)

    def import_conference_file(self) -> None:
        from iro_desktop.ui.conference_file_dialogs import import_conference_file

        if self.areas:
            import_conference_file(self, self.services, self.hub)

    def import_history(self) -> None:
        from iro_desktop.ui.history_import import open_history_import

        if self.areas:
            open_history_import(self.services, self.hub, self)

    def _connect_area_action(self, action: QAction, view: str, method: str) -> None:
        """The area is looked up when the action runs: areas are built once the store is open."""

        def run() -> None:
            if view not in self.areas:
                return
            self.show_view(view)
            getattr(self.areas[view], method)()

        action.triggered.connect(run)

    def show_view(self, name: str) -> None:
        if self.areas:
            self.nav.setCurrentRow(list(self.areas).index(name))

    def show_conference(self, conference_id: str) -> None:
        """The conference in the register (its booking, invitations and reports)."""
        self.show_view("families")
        self.areas["families"].select_conference(conference_id)  # type: ignore[attr-defined]

    def show_record(self, conference_id: str) -> None:
        """The conference's record in the clerk's queue."""
        self.show_view("records")
        self.areas["records"].open(conference_id)  # type: ignore[attr-defined]

    def show_decisions(self) -> None:
        """Decisions live in the meeting workspace, after the map."""
        self.show_meeting_step(3)

    def show_meeting_step(self, number: int) -> None:
        """Step `number` (1-5) of the meeting workspace: who is here, map, decisions, plan, handouts."""
        from iro_desktop.ui.meeting.steps import Step

        if self.areas:
            self.show_view("meeting")
            self.meeting.show_step(Step(number - 1))

    def load(self) -> None:
        """Fill every area from the store (called after the first paint)."""
        self.hub.announce("*")
        if self.areas and self.meeting.resume():  # issue 4: straight back to an unfinished conference
            self.show_view("meeting")

    @property
    def meeting(self) -> MeetingArea:
        from iro_desktop.ui.areas.meeting import MeetingArea

        area = self.areas["meeting"]
        assert isinstance(area, MeetingArea)
        return area

    def store_typing(self) -> None:
        """Store what is still waiting for its autosave (the map, decisions, the record's summary)."""
        if self.areas:
            meeting = self.meeting
            meeting.controller.flush()
            meeting.decisions.panel.flush_drafts()
            meeting.decisions.builder.new_action_draft.flush()
            flush = getattr(self.areas.get("records"), "flush", None)
            if flush is not None:
                flush()
            # Edits the records could not take yet (busy): one more try now.
            for stack in (meeting.decisions.stack, meeting.attendance_stack):
                runner_for(stack, self.hub).retry()

    def closeEvent(self, event: QCloseEvent) -> None:
        """Store whatever is still being typed before closing."""
        if self.areas:
            self.exports.shutdown()  # issue 6: a PDF being written is finished, never left half-written
            self.meeting.shutdown()
            records = self.areas.get("records")
            flush = getattr(records, "flush", None)
            if flush is not None:
                flush()
        super().closeEvent(event)
