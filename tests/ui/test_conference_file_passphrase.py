"""Issue 15 in the GUI: File → Export conference file writes it encrypted to a passphrase unless a plain
file is chosen (with a warning in words); File → Import asks for an encrypted file's passphrase in a
non-modal dialog, says a wrong one in place and changes nothing."""

from __future__ import annotations

import json
import stat
import sys

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QAbstractButton, QLineEdit, QMainWindow

from iro_desktop.services.conference_file.passphrases import WORDS
from iro_desktop.services.conference_file.sealing import AGE_HEADER
from iro_desktop.services.conference_file.service import ConferenceFileService
from iro_desktop.ui.conference_file_dialogs import export_conference_file, import_conference_file
from iro_desktop.ui.conference_file_passphrase import ExportFileDialog, PassphraseDialog
from iro_desktop.ui.events import ChangeHub
from tests.services.conference_files import rich_conference, second_store, store_fingerprint

PASSPHRASE = "fictional demo hand-off passphrase"


def _parent(qtbot) -> QMainWindow:
    parent = QMainWindow()  # somewhere for the status messages
    qtbot.addWidget(parent)
    return parent


def _named(dialog) -> None:
    """Every control named for a screen reader, and each Alt+letter used once."""
    from tests.ui.test_mnemonics import visible_mnemonics

    for widget in dialog.findChildren(QLineEdit) + dialog.findChildren(QAbstractButton):
        assert widget.accessibleName(), widget
    assert {key: texts for key, texts in visible_mnemonics(dialog).items() if len(texts) > 1} == {}


def test_export_is_encrypted_by_default_and_a_weak_passphrase_is_said_in_place(qtbot, services, tmp_path):
    conference_id = rich_conference(services)
    parent = _parent(qtbot)
    folder = tmp_path / "data" / "exports"
    dialog = export_conference_file(parent, services, conference_id, folder)
    assert isinstance(dialog, ExportFileDialog)
    qtbot.addWidget(dialog)
    assert not dialog.isModal()
    assert dialog.encrypted.isChecked()
    assert not dialog.plain.isChecked()
    assert dialog.file.text() == str(folder / f"conference-{conference_id[:8]}.iroconf.age")
    assert dialog.passphrase.echoMode() is QLineEdit.EchoMode.Password
    assert "16 characters" in dialog.hint.text()
    _named(dialog)

    qtbot.keyClicks(dialog.passphrase, "cat dog pig")
    qtbot.keyClicks(dialog.again, "cat dog pig")
    qtbot.mouseClick(dialog.write_button, Qt.MouseButton.LeftButton)
    assert dialog.isVisible()  # nothing modal: the reason is beside the field
    assert dialog.passphrase_problem.isVisible()
    assert dialog.passphrase_problem.text().startswith("✘ Too weak to protect the file")
    assert not folder.exists()

    qtbot.keyClicks(dialog.passphrase, " cow")
    qtbot.mouseClick(dialog.write_button, Qt.MouseButton.LeftButton)
    assert "The two entries differ" in dialog.passphrase_problem.text()
    assert not folder.exists()

    qtbot.mouseClick(dialog.suggest, Qt.MouseButton.LeftButton)  # six words to read out over the phone
    suggestion = dialog.passphrase.text()
    assert dialog.again.text() == suggestion
    assert set(suggestion.split("-")) <= set(WORDS)
    assert len(suggestion.split("-")) == 6
    assert dialog.passphrase.echoMode() is QLineEdit.EchoMode.Normal  # shown, to be read out
    assert not dialog.passphrase_problem.isVisible()
    qtbot.mouseClick(dialog.copy, Qt.MouseButton.LeftButton)
    assert QGuiApplication.clipboard().text() == suggestion

    qtbot.mouseClick(dialog.write_button, Qt.MouseButton.LeftButton)
    assert dialog.busy.isVisible()  # encrypting off the UI thread
    assert not dialog.write_button.isEnabled()
    assert dialog.wait()
    assert not dialog.isVisible()
    assert dialog.path is not None
    data = dialog.path.read_bytes()
    assert data.startswith(AGE_HEADER)
    assert "encrypted to the passphrase" in parent.statusBar().currentMessage()
    if sys.platform != "win32":
        assert stat.S_IMODE(dialog.path.stat().st_mode) == 0o600
        assert stat.S_IMODE(folder.stat().st_mode) == 0o700
    import pyrage

    assert (
        json.loads(pyrage.passphrase.decrypt(data, suggestion))["conference"]["details"]["id"]
        == conference_id
    )


def test_a_plain_file_is_an_explicit_choice_with_a_warning(qtbot, services, tmp_path):
    conference_id = rich_conference(services)
    parent = _parent(qtbot)
    dialog = export_conference_file(parent, services, conference_id, tmp_path)
    qtbot.addWidget(dialog)
    assert dialog.warning.isHidden()
    dialog.plain.setChecked(True)
    assert not dialog.warning.isHidden()
    assert "not encrypted: anyone who finds it" in dialog.warning.text()
    assert dialog.warning.text().startswith("⚠ Warning:")  # in words, not by colour
    assert not dialog.passphrase.isEnabled()
    assert dialog.file.text().endswith(f"conference-{conference_id[:8]}.json")
    qtbot.mouseClick(dialog.write_button, Qt.MouseButton.LeftButton)
    assert dialog.wait()
    assert not dialog.isVisible()
    assert json.loads(dialog.path.read_text(encoding="utf-8"))["conference"]["details"]["id"] == conference_id
    assert "NOT encrypted" in parent.statusBar().currentMessage()
    dialog.encrypted.setChecked(True)  # back again: the encrypted name returns
    assert dialog.file.text().endswith(".iroconf.age")


def test_import_asks_for_the_passphrase_and_says_a_wrong_one_in_place(qtbot, services, tmp_path):
    conference_id = rich_conference(services)
    path = tmp_path / "handoff.iroconf.age"
    ConferenceFileService(services.ctx).export_file(conference_id, path, passphrase=PASSPHRASE)
    parent = _parent(qtbot)
    other_store, other = second_store(tmp_path)
    try:
        hub = ChangeHub()
        dialog = import_conference_file(parent, other, hub, str(path))
        assert isinstance(dialog, PassphraseDialog)
        qtbot.addWidget(dialog)
        assert not dialog.isModal()
        assert dialog.isVisible()
        assert "handoff.iroconf.age is encrypted" in dialog.findChildren(type(dialog.problem))[0].text()
        _named(dialog)
        before = store_fingerprint(other_store)
        qtbot.keyClicks(dialog.passphrase, "not the passphrase at all")
        qtbot.keyClick(dialog.passphrase, Qt.Key.Key_Return)
        assert dialog.busy.isVisible()  # opening off the UI thread
        assert dialog.wait()
        assert not dialog.busy.isVisible()
        assert dialog.open_button.isEnabled()
        assert dialog.isVisible()
        assert dialog.problem.isVisible()
        assert "The passphrase does not open this conference file" in dialog.problem.text()
        assert "Nothing was changed" in dialog.problem.text()
        assert store_fingerprint(other_store) == before
        assert dialog.passphrase.selectedText() == "not the passphrase at all"  # ready to type again

        qtbot.keyClicks(dialog.passphrase, PASSPHRASE)  # replaces the selected wrong one
        assert not dialog.problem.isVisible()
        with qtbot.waitSignal(hub.changed) as signal:
            qtbot.mouseClick(dialog.open_button, Qt.MouseButton.LeftButton)
            assert dialog.wait()
        assert signal.args == [frozenset({"*"})]
        assert not dialog.isVisible()
        assert "Imported the conference" in parent.statusBar().currentMessage()
        assert ConferenceFileService(other.ctx).export_text(conference_id).text == (
            ConferenceFileService(services.ctx).export_text(conference_id).text
        )
    finally:
        other_store.close()


def test_the_dialogs_hide_while_the_app_is_locked(qtbot, services, tmp_path):
    conference_id = rich_conference(services)
    parent = _parent(qtbot)
    hub = ChangeHub()
    export = export_conference_file(parent, services, conference_id, tmp_path, hub)
    qtbot.addWidget(export)
    path = tmp_path / "h.iroconf.age"
    ConferenceFileService(services.ctx).export_file(conference_id, path, passphrase=PASSPHRASE)
    asking = import_conference_file(parent, services, hub, str(path))
    qtbot.addWidget(asking)
    hub.lock_changed.emit(True)
    assert not export.isVisible()
    assert not asking.isVisible()
    hub.lock_changed.emit(False)
    assert export.isVisible()
    assert asking.isVisible()
