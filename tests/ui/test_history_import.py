"""Tools → Import history…: checks off the UI thread, lists every problem, imports only when clean."""

from __future__ import annotations

import shutil
from datetime import date

from PySide6.QtWidgets import QApplication, QFileDialog, QMenu, QMessageBox

from iro_desktop.domain.history.format import ExtractProblem
from iro_desktop.domain.roles import Role, User
from iro_desktop.ui.history_import import HistoryImportDialog, open_history_import
from iro_desktop.ui.models.history_import import problem_model
from tests.history_extract import EXAMPLE, example_tables, write_extract


def test_problem_model(qtmodeltester):
    model = problem_model()
    model.set_items(
        [
            ExtractProblem("plans.csv", 4, "cppl_cp_plan_end_date", "A plan cannot end before it started."),
            ExtractProblem("Notes.csv", 0, "", "Not a file of the extract."),
        ]
    )
    qtmodeltester.check(model)
    assert [model.index(0, c).data() for c in range(4)] == [
        "plans.csv",
        "4",
        "cppl_cp_plan_end_date",
        "A plan cannot end before it started.",
    ]
    assert [model.index(1, c).data() for c in range(3)] == ["Notes.csv", "whole file", "—"]


def _checked(qtbot, services, folder):
    """Open the dialog (it starts checking on a worker thread) and wait for the check to finish."""
    dialog = HistoryImportDialog(services, folder)
    qtbot.addWidget(dialog)
    assert dialog.busy
    with qtbot.waitSignal(dialog.settled, timeout=30000):
        pass
    return dialog


def test_problems_are_listed_and_nothing_can_be_imported(qtbot, services, tmp_path):
    tables = example_tables()
    tables["children.csv"][0]["pers_dob"] = "31/02/2015"
    tables["families.csv"][2]["iro_family_name"] = ""
    dialog = _checked(qtbot, services, write_extract(tmp_path / "bad", tables))
    rows = [tuple(dialog.model.index(r, c).data() for c in range(3)) for r in range(dialog.model.rowCount())]
    assert rows == [("families.csv", "4", "iro_family_name"), ("children.csv", "2", "pers_dob")]
    assert "2 problem(s) found" in dialog.status.text()
    assert not dialog.import_button.isEnabled()
    assert dialog.check_button.isEnabled()
    assert services.families.search("") == []
    dialog.copy_button.click()
    copied = QApplication.clipboard().text().splitlines()
    assert copied[0] == "File\tRow\tColumn\tProblem"
    assert copied[2].startswith("children.csv\t2\tpers_dob\t“31/02/2015” is not a date that exists")
    assert "Copied 2 to the clipboard" in dialog.status.text()


def test_a_clean_extract_imports_on_request_and_says_what_it_added(qtbot, services, tmp_path):
    folder = tmp_path / "good"
    shutil.copytree(EXAMPLE, folder)
    dialog = _checked(qtbot, services, folder)
    assert dialog.model.rowCount() == 0
    assert not dialog.copy_button.isEnabled()
    will = "Import will add: 3 families, 6 children, 11 conferences, 15 decisions, 5 plans"
    assert will in dialog.status.text()
    assert services.families.search("") == []
    assert dialog.import_button.isEnabled()
    with qtbot.waitSignal(dialog.settled, timeout=30000):
        dialog.import_button.click()
    assert dialog.status.text().startswith("✔ Imported. Added: 3 families")
    assert not dialog.import_button.isEnabled()
    assert len(services.families.search("")) == 3
    assert dialog.bar.value() == dialog.bar.maximum()
    with qtbot.waitSignal(dialog.settled, timeout=30000):
        dialog.check_button.click()
    assert "Import will add: 0 families" in dialog.status.text()
    assert "Already present: 3 families" in dialog.status.text()


def test_controls_are_named_for_screen_readers(qtbot, services, tmp_path):
    dialog = _checked(qtbot, services, tmp_path)
    for widget in (dialog.status, dialog.bar, dialog.table, dialog.import_button, dialog.check_button):
        assert widget.accessibleName()
    assert dialog.model.rowCount() == 1  # an empty folder: "No extract files in this folder."


def test_a_chair_is_told_before_choosing_a_folder(qtbot, services, monkeypatch):
    services.ctx.session.user = User("c", "chair", "Chair", Role.CHAIR)
    told: list[str] = []
    monkeypatch.setattr(QMessageBox, "information", lambda _p, _t, text: told.append(text))
    monkeypatch.setattr(QFileDialog, "getExistingDirectory", lambda *a: (_ for _ in ()).throw(AssertionError))
    open_history_import(services, None, None)  # type: ignore[arg-type]
    assert told == ["Only administrators and managers import history."]


def test_tools_menu_opens_the_import_on_the_chosen_folder(qtbot, services, settings, monkeypatch, tmp_path):
    from iro_desktop.ui import history_import
    from iro_desktop.ui.main_window import MainWindow, WhereInfo

    window = MainWindow(services, settings, WhereInfo("test.sqlite3", "/tmp/data"))
    qtbot.addWidget(window)
    tools = next(m for m in window.menuBar().findChildren(QMenu) if m.title() == "&Tools")
    assert window.action_map["import_history"] in tools.actions()
    folder = tmp_path / "chosen"
    shutil.copytree(EXAMPLE, folder)
    monkeypatch.setattr(QFileDialog, "getExistingDirectory", lambda *a: str(folder))
    opened: list[object] = []

    def run(dialog):
        opened.append(dialog.folder)
        qtbot.waitUntil(lambda: not dialog.busy, timeout=30000)
        return 0

    monkeypatch.setattr(history_import.HistoryImportDialog, "exec", run)
    window.action_map["import_history"].trigger()
    assert opened == [folder]


def test_an_extract_with_attendance_and_codes_lists_a_mapping_problem_then_imports(qtbot, services, tmp_path):
    """Issue 17 item 5: a code the extract's codes.csv does not map is listed with its file, row and
    column; once mapped, the import adds the people and invitations too."""
    from tests.services.test_history_new_columns import FIXTURE

    folder = tmp_path / "attendance"
    shutil.copytree(FIXTURE, folder)
    attendance = folder / "attendance.csv"
    attendance.write_text(attendance.read_text(encoding="utf-8").replace(",GRAN,", ",NAN,"), encoding="utf-8")
    dialog = _checked(qtbot, services, folder)
    rows = [tuple(dialog.model.index(r, c).data() for c in range(3)) for r in range(dialog.model.rowCount())]
    assert rows == [("attendance.csv", "4", "iro_role")]
    assert "“NAN”" in dialog.model.index(0, 3).data()
    assert not dialog.import_button.isEnabled()
    with (folder / "codes.csv").open("a", encoding="utf-8") as handle:
        handle.write("role,NAN,family_network,\n")
    with qtbot.waitSignal(dialog.settled, timeout=30000):
        dialog.check_button.click()
    assert "8 people, 13 invitations" in dialog.status.text()
    with qtbot.waitSignal(dialog.settled, timeout=30000):
        dialog.import_button.click()
    assert dialog.status.text().startswith("✔ Imported. Added: 3 families, 5 children, 7 conferences")
    assert len(services.families.search("EM-")) == 3


def test_editing_an_imported_child_keeps_a_group_only_ethnicity(
    qtbot, qtmodeltester, services, store, tmp_path
):
    """A child imported with only the ethnic group (ASIA) and disability not known: the edit form
    shows the group, saving keeps it, and ticking Disabled makes the disability known."""
    from sqlalchemy import select

    from iro_desktop.store.models import ChildRow
    from iro_desktop.ui.booking.family_forms import ChildDialog
    from iro_desktop.ui.events import ChangeHub
    from tests.services.test_history_new_columns import FIXTURE

    assert services.history_import.import_history(shutil.copytree(FIXTURE, tmp_path / "x")).imported
    (family,) = services.families.search("EM-2003")
    noor, ezra = family.children
    from iro_desktop.ui.models.register import child_model

    model = child_model(date(2026, 12, 1))
    model.set_items(list(family.children))
    qtmodeltester.check(model)
    assert [model.index(r, 5).data() for r in range(2)] == ["Yes", "Not known"]
    dialog = ChildDialog(services, ChangeHub(), family, ezra)
    qtbot.addWidget(dialog)
    assert dialog.fields.ethnicity.currentData() == "NOBT"
    dialog.save()
    dialog = ChildDialog(services, ChangeHub(), family, noor)
    qtbot.addWidget(dialog)
    assert (
        dialog.fields.ethnicity.currentText()
        == "Asian or Asian British: Asian or Asian British (group only) (ASIA)"
    )
    dialog.save()
    dialog = ChildDialog(services, ChangeHub(), services.families.get(family.id), ezra)
    qtbot.addWidget(dialog)
    dialog.fields.disability.setChecked(True)
    dialog.save()
    with store.uow() as uow:
        rows = {
            r.given_name: r
            for r in uow.session.scalars(select(ChildRow).where(ChildRow.family_id == family.id))
        }
        assert (rows["Noor"].ethnicity_code, rows["Noor"].disability, rows["Noor"].disability_known) == (
            "ASIA",
            True,
            True,
        )
        assert (rows["Ezra"].ethnicity_code, rows["Ezra"].disability, rows["Ezra"].disability_known) == (
            "NOBT",
            True,
            True,
        )
