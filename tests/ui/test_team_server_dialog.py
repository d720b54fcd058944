"""GUI (issue 16 item 1): Tools → Team server… reads and writes team-store.toml in the data folder, never
takes a password (it says where it goes), tries the connection against the real test server off the UI
thread with the answer inline, shows a problem beside its field, and says a restart is needed."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from iro_desktop.store.server_connection import SETTINGS_FILENAME, read_settings
from iro_desktop.ui.main_window import MainWindow, WhereInfo
from iro_desktop.ui.team_server_dialog import TeamServerDialog
from tests import postgres

LEFT = Qt.MouseButton.LeftButton


@pytest.fixture
def dialog(qtbot, tmp_path, monkeypatch):
    monkeypatch.setenv("PGPASSFILE", str(tmp_path / "pgpass-for-iro"))
    (tmp_path / "data").mkdir()
    d = TeamServerDialog(tmp_path / "data", str(tmp_path / "data" / "iro-desktop.sqlite3"))
    qtbot.addWidget(d)
    d.show()
    return d


def test_host_details_tried_on_the_real_server_then_saved(qtbot, dialog, pg_cluster, tmp_path):
    d = dialog
    assert d.by_service.isChecked()  # nothing saved yet: a service is the usual way
    assert "No password is typed or kept here" in d.password_note.text()
    assert str(tmp_path / "pgpass-for-iro") in d.password_note.text()  # where libpq will look
    assert not any("password" in e.accessibleName().lower() for e in d.fields.values())
    qtbot.mouseClick(d.test_button, LEFT)
    assert d.problems["service"].isVisible()  # beside the field, nothing tried
    assert "Name a service" in d.problems["service"].text()
    d.by_host.setChecked(True)
    d.fields["host"].setText(str(pg_cluster.socket_dir))
    qtbot.mouseClick(d.save_button, LEFT)
    assert d.problems["dbname"].isVisible()  # host without a database: beside the database
    assert d.fields["dbname"].hasFocus()
    assert not (tmp_path / "data" / SETTINGS_FILENAME).exists()
    with postgres.fresh_database(pg_cluster) as name:
        d.fields["port"].setText(str(postgres.PORT))
        d.fields["dbname"].setText(name)
        d.fields["user"].setText(postgres.SUPERUSER)
        assert not d.problems["service"].isVisible()  # typing clears it
        qtbot.mouseClick(d.test_button, LEFT)
        assert d.progress.isVisible()
        assert d.worker.wait()
        assert d.message.text() == (
            f"✔ Connected to the team database “{name}” as {postgres.SUPERUSER}: its schema is this "
            "version's. Save, then restart IRO Desktop to use it."
        )
        assert not d.progress.isVisible()
    qtbot.mouseClick(d.save_button, LEFT)
    path = tmp_path / "data" / SETTINGS_FILENAME
    assert d.message.text().startswith(f"✔ Saved in {path}. Restart IRO Desktop to switch")
    assert read_settings(path) == {
        "host": str(pg_cluster.socket_dir),
        "port": str(postgres.PORT),
        "dbname": name,
        "user": postgres.SUPERUSER,
    }
    # Opened again, it shows what is saved; a database dropped since: told, in the store's words.
    again = TeamServerDialog(tmp_path / "data", "x")
    qtbot.addWidget(again)
    assert again.by_host.isChecked()
    assert again.fields["dbname"].text() == name
    qtbot.mouseClick(again.test_button, LEFT)
    assert again.worker.wait()
    assert again.message.text().startswith("✘ The team server can't be reached.")
    qtbot.mouseClick(again.remove_button, LEFT)
    assert not path.exists()
    assert "this computer's own records are used at the next start" in again.message.text()


def test_a_password_is_refused_and_nothing_written(qtbot, dialog, tmp_path):
    d = dialog
    d.fields["service"].setText("iro password=fictional-secret")
    qtbot.mouseClick(d.save_button, LEFT)
    assert d.message.text().startswith("✘ The team server's settings cannot be used. These settings hold")
    assert ".pgpass" in d.message.text()
    assert "fictional-secret" not in d.message.text()
    assert not (tmp_path / "data" / SETTINGS_FILENAME).exists()
    d.fields["service"].setText("iro")
    d.sslmode.setCurrentIndex(d.sslmode.findData("verify-full"))
    qtbot.mouseClick(d.save_button, LEFT)
    assert read_settings(tmp_path / "data" / SETTINGS_FILENAME) == {
        "service": "iro",
        "sslmode": "verify-full",
    }


def test_a_file_with_a_password_already_is_said_when_opening(qtbot, tmp_path):
    (tmp_path / SETTINGS_FILENAME).write_text('[postgresql]\nservice = "iro"\npassword = "fictional"\n')
    d = TeamServerDialog(tmp_path, "x")
    qtbot.addWidget(d)
    assert "holds a password" in d.message.text()
    assert d.fields["service"].text() == ""


def test_named_keyboard_reachable_and_in_the_tools_menu(qtbot, dialog, services, settings, tmp_path):
    from tests.ui.test_accessibility import unnamed_controls
    from tests.ui.test_mnemonics import visible_mnemonics

    d = dialog
    d.by_host.setChecked(True)
    assert unnamed_controls(d) == []
    seen = visible_mnemonics(d)
    assert all(len(texts) == 1 for texts in seen.values()), seen
    win = MainWindow(services, settings, WhereInfo("sqlite file", str(tmp_path / "data")))
    qtbot.addWidget(win)
    win.load()
    tools = next(m for m in win.menuBar().actions() if m.text() == "&Tools").menu()
    assert "Team &server…" in [a.text() for a in tools.actions()]
    win.action_map["team_server"].trigger()
    opened = win.team_server_dialog
    assert opened.isVisible()
    assert not opened.isModal()
    assert "This desktop now uses: sqlite file." in opened.where.text()
    opened.close()


def test_saving_untested_says_so_and_a_start_up_failure_offers_the_settings(qtbot, dialog, tmp_path):
    from iro_desktop.store.errors import server_unreachable
    from iro_desktop.ui.team_server_dialog import startup_problem_box

    d = dialog
    d.fields["service"].setText("iro")
    qtbot.mouseClick(d.save_button, LEFT)
    assert "Not tested yet: if the server can't be used at the next start, IRO Desktop says why" in (
        d.message.text()
    )
    # The next start cannot reach it: the store's words, and the way back to these settings.
    box, fix = startup_problem_box(server_unreachable("no such host"), "postgresql+psycopg://?service=iro")
    qtbot.addWidget(box)
    assert box.windowTitle() == "The team server can't be reached"
    assert box.text().startswith("The team server can't be reached (it may be down")
    assert "change it in the team server's settings" in box.informativeText()
    assert fix.text() == "Team server settings…"


def test_before_sign_in_the_team_server_screen_is_reachable(qtbot, tmp_path):
    """A new desktop (first run) and a team store's sign-in (its server refusing or unreachable) offer
    Team server…; a desktop's own records' sign-in does not (Tools → Team server… once signed in)."""
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    from iro_desktop.store.location import StoreLocation
    from iro_desktop.ui.sign_in import FirstRunDialog, SignInDialog, SignInGate

    own = SignInGate(StoreLocation(data_dir=tmp_path, url=f"sqlite:///{tmp_path / 'iro-desktop.sqlite3'}"))
    team = SignInGate(StoreLocation(data_dir=tmp_path, url="postgresql+psycopg://?service=iro"))
    assert SignInDialog(own).team_server_button is None
    first_run = FirstRunDialog(own)
    qtbot.addWidget(first_run)
    assert first_run.team_server_button is not None
    sign_in = SignInDialog(team)
    qtbot.addWidget(sign_in)
    button = sign_in.team_server_button
    assert button is not None
    assert button.text() == "Team &server…"
    seen = []

    def close_it() -> None:
        modal = QApplication.activeModalWidget()
        seen.append(type(modal).__name__)
        if modal is not None:
            seen.append(modal.where.text())
            modal.reject()

    QTimer.singleShot(0, close_it)
    button.click()
    assert seen[0] == "TeamServerDialog"
    assert seen[1].startswith("This desktop now uses: postgresql+psycopg://?service=iro.")
