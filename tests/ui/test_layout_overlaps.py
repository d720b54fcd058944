"""No layout overlaps anywhere (issue 12): every area, meeting step, the lock panel and every reachable
dialog, at 1024×700, 1366×768 and 1920×1080, at 100% and 150% text, with the full-size map (40 items),
checked by `layout_check`: no visible siblings intersect, no text wider than its rectangle, nothing outside
its window. One main window per text size is built and resized per screen size (keeps the file quick)."""

from __future__ import annotations

import shutil
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from PySide6.QtCore import QSize
from PySide6.QtWidgets import QApplication, QDialog, QMainWindow, QMessageBox, QScrollArea, QWidget

from iro_desktop.domain.mapping import Section
from iro_desktop.domain.roles import Role
from iro_desktop.services.conference_file.document import FileProblem
from iro_desktop.services.conference_file.service import ConferenceFileService
from iro_desktop.services.context import SYSTEM_USER, ServiceContext, SignedIn
from iro_desktop.services.demo import load_demo
from iro_desktop.services.demo_large_map import LARGE_REFERENCE
from iro_desktop.services.registry import Services
from iro_desktop.store.location import resolve_location
from iro_desktop.store.opening import open_store
from iro_desktop.ui.events import ChangeHub
from iro_desktop.ui.main_window import MainWindow, WhereInfo
from iro_desktop.ui.settings import Settings
from iro_desktop.ui.text_size import NORMAL, apply_text_size
from tests.conftest import TODAY
from tests.history_extract import EXAMPLE
from tests.ui.layout_check import check_layout

SIZES = ((1024, 700), (1366, 768), (1920, 1080))
TEXT = (100, 150)
PASSWORD = "correct horse battery"

AREAS = (
    "today",
    "families",
    "families-invitations",
    "families-booking",
    "families-not-quorate",
    "meeting-who-is-here",
    "meeting-map",
    "meeting-decisions",
    "meeting-plan",
    "meeting-handouts",
    "records",
    "report",
    "lock-panel",
)
DIALOGS = (
    "new-family",
    "edit-family",
    "edit-child",
    "record-birth",
    "booking",
    "people",
    "local-rules",
    "accounts",
    "audit-trail",
    "file-problems",
    "hand-off",
    "history-import",
    "crash",
    "sign-in",
    "first-run",
    "about",
    "keyboard-shortcuts",
)

# Known failures in areas other engineers own (issue 12, in parallel). Each names its owner and branch.
# The lead removes every entry after merging their fixes: strict, so a fixed case fails until removed.
_BOARD = (
    "owned by the map board (ui/mapping/board.py): the 'Type here' line over its list; "
    "fixed on branch h2-board"
)
_PLAN = (
    "owned by the meeting flow (ui/decisions/plan_builder.py): the plan's action table squeezed under "
    "the row below it; fixed on branch h4-flow"
)
_LOCK = (
    "owned by the lock screen (ui/sign_in.py LockPanel): its wrapped message cut to one line; "
    "fixed on branch h6-lock"
)
_BOARD_HINTS = (
    "owned by the map board (ui/mapping/board.py): 'Type here, Enter to add' and the details row's hints "
    "cut at 150% text; fixed on branch h2-board"
)
_PLAN_HINTS = (
    "owned by the meeting flow (ui/decisions/plan_builder.py): the new action's and the review date "
    "reason's hints cut at 150% text; fixed on branch h4-flow"
)
KNOWN: dict[tuple[str, str, int], str] = {}  # every case passes: nothing is known to fail


def _case_id(view: str, size: tuple[int, int], text: int) -> str:
    return f"{view}-{size[0]}x{size[1]}-{text}pct"


def _cases(views: tuple[str, ...]) -> list[object]:
    cases = []
    for text in TEXT:  # text size outermost: one window per text size, resized per screen size
        for size in SIZES:
            for view in views:
                key = (view, f"{size[0]}x{size[1]}", text)
                marks = [pytest.mark.xfail(strict=True, reason=KNOWN[key])] if key in KNOWN else []
                cases.append(pytest.param(view, size, text, id=_case_id(view, size, text), marks=marks))
    return cases


@dataclass
class Rig:
    services: Services
    settings: Settings
    conference_id: str
    folder: Path
    booked_id: str
    window: MainWindow | None = None
    text: int = 0


@pytest.fixture(scope="module")
def rig(qapp, tmp_path_factory) -> Iterator[Rig]:
    """One store for the whole file: the demo, whose fourth family has the full-size map (40 items)."""
    folder = tmp_path_factory.mktemp("layout")
    store = open_store(resolve_location(folder / "data", environ={}))
    services = Services.build(
        ServiceContext(uow=store.uow, today=lambda: TODAY, session=SignedIn(SYSTEM_USER))
    )
    load_demo(services.ctx)
    family = next(f for f in services.families.search(LARGE_REFERENCE) if f.reference == LARGE_REFERENCE)
    conference = next(c for c in services.conferences.all() if c.family_id == family.id)
    assert len(services.mapping.board(conference.id).items) == 40
    services.accounts.create_first_admin("priya", "Priya Raman", PASSWORD, Role.CHAIR)
    booked = next(  # the small demo family's conference in two days: invited, not yet quorate
        c for c in services.conferences.all() if c.family_id == services.families.search("DEMO-0001")[0].id
    )
    rig = Rig(services, Settings.at(folder / "settings.ini"), conference.id, folder, booked.id)
    yield rig
    if rig.window is not None:
        rig.window.close()
        rig.window.deleteLater()
    apply_text_size(NORMAL)
    QApplication.processEvents()
    store.close()


def _window(rig: Rig, size: tuple[int, int], text: int) -> MainWindow:
    if rig.window is None or rig.text != text:
        if rig.window is not None:
            rig.window.close()
            rig.window.deleteLater()
            QApplication.processEvents()
        apply_text_size(text)
        window = MainWindow(rig.services, rig.settings, WhereInfo("test", str(rig.folder)))
        window.show()
        window.load()
        window.meeting.open_conference(rig.conference_id)
        window.sign_in_as(rig.services.accounts.sign_in("priya", PASSWORD), rig.services.accounts, 600)
        rig.window, rig.text = window, text
    rig.window.resize(*size)
    QApplication.processEvents()
    return rig.window


def _show_view(window: MainWindow, rig: Rig, view: str) -> QWidget:
    steps = {"who-is-here": 1, "map": 2, "decisions": 3, "plan": 4, "handouts": 5}
    if window.is_locked:
        window.unlock()
    if view.startswith("meeting-"):
        window.show_meeting_step(steps[view.removeprefix("meeting-")])
    elif view.startswith("families"):
        tab = {"families-invitations": 1, "families-booking": 2}.get(view, 0)
        window.show_conference(rig.booked_id if view == "families-not-quorate" else rig.conference_id)
        window.areas["families"].panel.tabs.setCurrentIndex(tab)  # type: ignore[attr-defined]
    elif view == "records":
        window.show_view("records")
        area = window.areas["records"]
        queue = area.queue.items()  # type: ignore[attr-defined]
        if queue:
            area.open(queue[0].conference_id)  # type: ignore[attr-defined]
    elif view == "lock-panel":
        window.lock()
        assert window.is_locked
    else:
        window.show_view(view)
        wait = getattr(window.areas[view], "wait", None)
        if wait is not None:
            assert wait()
    for _ in range(3):
        QApplication.processEvents()
    return window


@pytest.mark.parametrize(("view", "size", "text"), _cases(AREAS))
def test_main_window_views_have_no_layout_problems(rig, view, size, text):
    window = _window(rig, size, text)
    _show_view(window, rig, view)
    assert window.size() == QSize(*size)
    problems = check_layout(window)
    if window.is_locked:
        window.unlock()
    assert not problems, f"{view} at {size[0]}x{size[1]}, {text}% text:\n" + "\n".join(problems)


# --- dialogs -----------------------------------------------------------------------------------------


def _large_family(rig: Rig):  # type: ignore[no-untyped-def]
    return next(f for f in rig.services.families.search(LARGE_REFERENCE) if f.reference == LARGE_REFERENCE)


def _hand_off(rig: Rig, parent: QWidget) -> QDialog:
    """A real hand-off: the clerk changed a danger statement and the plan on a copy; so did the chair."""
    from iro_desktop.ui.conference_file_dialogs import import_conference_file

    services = rig.services
    files = ConferenceFileService(services.ctx)
    other_dir = rig.folder / f"clerk-{len(list(rig.folder.glob('clerk-*')))}"
    clerk_store = open_store(resolve_location(other_dir, environ={}))
    try:
        clerk = Services.build(
            ServiceContext(uow=clerk_store.uow, today=lambda: TODAY, session=SignedIn(SYSTEM_USER))
        )
        ConferenceFileService(clerk.ctx).import_text(files.export_text(rig.conference_id).text)
        danger = next(
            i for i in services.mapping.board(rig.conference_id).items if i.section == Section.DANGER
        )
        clerk.mapping.edit_text(danger.id, danger.text + " The clerk’s wording, agreed with Mum afterwards.")
        services.mapping.edit_text(danger.id, danger.text + " The chair’s wording, as said in the room.")
        path = other_dir / "back.json"
        path.write_text(ConferenceFileService(clerk.ctx).export_text(rig.conference_id).text, "utf-8")
    finally:
        clerk_store.close()
    dialog = import_conference_file(parent, services, ChangeHub(), str(path))
    assert dialog is not None
    services.mapping.edit_text(danger.id, danger.text)  # back as it was for the other cases
    return dialog


def _history_import(rig: Rig, parent: QWidget) -> QDialog:
    from iro_desktop.ui.history_import import HistoryImportDialog

    folder = rig.folder / "extract"
    if not folder.exists():
        shutil.copytree(EXAMPLE, folder)
        (folder / "Notes.csv").write_text("not,an,extract\n", encoding="utf-8")  # one problem listed
    dialog = HistoryImportDialog(rig.services, folder, None, parent)
    deadline = time.monotonic() + 30
    while dialog.busy and time.monotonic() < deadline:  # the check runs on a worker thread
        QApplication.processEvents()
        time.sleep(0.02)
    assert not dialog.busy
    assert dialog.model.rowCount() == 1  # the problem is listed in the table
    return dialog


def _make_dialog(rig: Rig, name: str, parent: QMainWindow) -> QWidget:
    from iro_desktop.ui.actions import shortcut_rows
    from iro_desktop.ui.admin_dialogs import AuditDialog, UsersDialog
    from iro_desktop.ui.booking.booking_form import BookingDialog
    from iro_desktop.ui.booking.family_forms import BirthDialog, ChildDialog, FamilyDialog
    from iro_desktop.ui.booking.people_dialog import PeopleDialog
    from iro_desktop.ui.booking.rules_dialog import LocalRulesDialog
    from iro_desktop.ui.conference_file_dialogs import FileProblemsDialog
    from iro_desktop.ui.crash import crash_dialog
    from iro_desktop.ui.dialogs import about_box, shortcuts_box
    from iro_desktop.ui.sign_in import FirstRunDialog, SignInDialog

    services, hub = rig.services, ChangeHub()
    family = _large_family(rig)
    unborn = next(
        c
        for f in services.families.search("DEMO-0003")
        for c in services.families.get(f.id).children
        if c.unborn
    )
    makers: dict[str, Callable[[], QWidget]] = {
        "new-family": lambda: FamilyDialog(services, hub, None, parent),
        "edit-family": lambda: FamilyDialog(services, hub, family, parent),
        "edit-child": lambda: ChildDialog(services, hub, family, family.children[2], parent),
        "record-birth": lambda: BirthDialog(services, hub, unborn, parent),
        "booking": lambda: BookingDialog(services, hub, family, parent),
        "people": lambda: PeopleDialog(services, hub, family, parent),
        "local-rules": lambda: LocalRulesDialog(services, hub, parent),
        "accounts": lambda: UsersDialog(services, parent),
        "audit-trail": lambda: AuditDialog(services, parent),
        "file-problems": lambda: FileProblemsDialog(
            str(rig.folder / "Ó Súilleabháin-Wójcik conference.json"),
            [
                FileProblem(
                    "/conference/children/0/date_of_birth", "“31/02/2019” is not a date (YYYY-MM-DD)."
                ),
                FileProblem("/conference/family/name", "Missing: every family has a name."),
                FileProblem("", "The file was written by a newer IRO Desktop (format 9); update to read it."),
            ],
            parent,
        ),
        "hand-off": lambda: _hand_off(rig, parent),
        "history-import": lambda: _history_import(rig, parent),
        "crash": lambda: crash_dialog(rig.folder / "logs" / "crash-2026-11-23T10-14-07.log"),
        "sign-in": lambda: SignInDialog(services.accounts, parent),
        "first-run": lambda: FirstRunDialog(services.accounts, parent),
        "about": lambda: about_box(parent, "SQLite file in the data folder", str(rig.folder / "data")),
        "keyboard-shortcuts": lambda: shortcuts_box(parent, shortcut_rows(parent.action_map)),
    }
    return makers[name]()


@pytest.mark.parametrize(("view", "size", "text"), _cases(DIALOGS))
def test_dialogs_have_no_layout_problems(rig, qtbot, view, size, text):
    parent = _window(rig, size, text)
    dialog = _make_dialog(rig, view, parent)
    qtbot.addWidget(dialog)
    dialog.show()
    QApplication.processEvents()
    # On a screen of this size the dialog can be no larger than the screen: clamp it as a window
    # manager would, and say so if it cannot shrink that far.
    problems: list[str] = []
    least = dialog.minimumSizeHint().expandedTo(dialog.minimumSize())
    if least.width() > size[0] or least.height() > size[1] - 40:
        problems.append(
            f"too large: {type(dialog).__name__} needs at least {least.width()}x{least.height()}, "
            f"more than a {size[0]}x{size[1]} screen (less 40px of task bar)"
        )
    # The offscreen test screen is 800×800, so a dialog that sizes itself to its screen (fit_to_screen,
    # resize_within_screen) is given the size it would take on this screen: what it wants, at most the screen.
    wanted = dialog.sizeHint().expandedTo(dialog.size())
    for area in dialog.findChildren(QScrollArea):  # as fit_to_screen: room for each scrolled form's width
        if area.widget() is not None and area.isVisible():
            bar = area.verticalScrollBar().sizeHint().width()
            extra = area.widget().minimumSizeHint().width() + bar - area.viewport().width()
            wanted.setWidth(max(wanted.width(), dialog.width() + extra))
    dialog.resize(min(wanted.width(), size[0]), min(wanted.height(), size[1] - 40))
    QApplication.processEvents()
    problems += check_layout(dialog)
    dialog.close()
    if isinstance(dialog, QMessageBox):
        dialog.deleteLater()
    assert not problems, f"{view} at {size[0]}x{size[1]}, {text}% text:\n" + "\n".join(problems)
