"""The hand-off dialog: every conflict with both values, no choice made for you, Apply only when all are
chosen, and the chosen values end up in the records."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMainWindow

from iro_desktop.domain.plan import PlanHeaderInput
from iro_desktop.services.conference_file.service import ConferenceFileService
from iro_desktop.ui.conference_file_dialogs import import_conference_file
from iro_desktop.ui.events import ChangeHub
from iro_desktop.ui.handoff_dialog import HandoffDialog
from tests.services.conference_files import rich_conference, second_store


def _conflicting_file(services, tmp_path):
    conference_id = rich_conference(services)
    first = ConferenceFileService(services.ctx).export_text(conference_id).text
    clerk_store, clerk = second_store(tmp_path, "clerk")
    ConferenceFileService(clerk.ctx).import_text(first)
    item = services.mapping.board(conference_id).items[0]
    clerk.mapping.edit_text(item.id, "Łucja (clerk’s wording)")
    clerk.plans.save_header(conference_id, PlanHeaderInput("Clerk’s bottom line", "Clerk’s contingency"))
    services.mapping.edit_text(item.id, "Łucja (chair’s wording)")
    services.plans.save_header(conference_id, PlanHeaderInput("Chair’s bottom line", "Clerk’s contingency"))
    path = tmp_path / "back.json"
    path.write_text(ConferenceFileService(clerk.ctx).export_text(conference_id).text, encoding="utf-8")
    clerk_store.close()
    return conference_id, item.id, path


def test_conflict_dialog_shows_both_values_and_applies_the_choices(qtbot, services, tmp_path):
    conference_id, item_id, path = _conflicting_file(services, tmp_path)
    parent = QMainWindow()
    qtbot.addWidget(parent)
    hub = ChangeHub()
    dialog = import_conference_file(parent, services, hub, str(path))
    assert isinstance(dialog, HandoffDialog)
    qtbot.addWidget(dialog)
    assert not dialog.isModal()
    assert len(dialog.plan.conflicts) == 2
    texts = {label.text() for label in dialog.findChildren(type(dialog.progress))}
    assert {
        "Łucja (clerk’s wording)",
        "Łucja (chair’s wording)",
        "Chair’s bottom line",
        "Clerk’s bottom line",
    } <= texts
    # No choice is made for the user; Apply waits for every one.
    assert dialog.choices() == {}
    assert not dialog.apply_button.isEnabled()
    assert "0 of 2 chosen" in dialog.progress.text()
    mine, theirs = dialog.radios[0]
    assert theirs.accessibleName().startswith("Take theirs:")
    conflicts = dialog.plan.conflicts
    text_index = next(i for i, c in enumerate(conflicts) if c.field == "text")
    dialog.choose(text_index, "theirs")
    assert not dialog.apply_button.isEnabled()
    dialog.choose(1 - text_index, "mine")
    assert dialog.apply_button.isEnabled()
    assert "✔ 2 of 2 chosen" in dialog.progress.text()
    with qtbot.waitSignal(hub.changed):
        qtbot.mouseClick(dialog.apply_button, Qt.MouseButton.LeftButton)
    assert dialog.result() == HandoffDialog.DialogCode.Accepted
    items = {i.id: i.text for i in services.mapping.board(conference_id).items}
    assert items[item_id] == "Łucja (clerk’s wording)"
    assert services.plans.header(conference_id).bottom_lines == "Chair’s bottom line"
    assert "Hand-off applied" in parent.statusBar().currentMessage()


def test_all_theirs_then_cancel_changes_nothing(qtbot, services, tmp_path):
    conference_id, item_id, path = _conflicting_file(services, tmp_path)
    parent = QMainWindow()
    qtbot.addWidget(parent)
    dialog = import_conference_file(parent, services, ChangeHub(), str(path))
    assert isinstance(dialog, HandoffDialog)
    qtbot.addWidget(dialog)
    hub = ChangeHub()
    hub.lock_changed.connect(dialog.on_lock_changed)
    hub.lock_changed.emit(True)  # the app locks: case text hidden
    assert not dialog.isVisible()
    hub.lock_changed.emit(False)
    assert dialog.isVisible()
    dialog.all_theirs.click()
    assert set(dialog.choices().values()) == {"theirs"}
    dialog.cancel_button.click()
    items = {i.id: i.text for i in services.mapping.board(conference_id).items}
    assert items[item_id] == "Łucja (chair’s wording)"


def test_an_encrypted_hand_off_opens_the_conflicts_once_its_passphrase_is_given(qtbot, services, tmp_path):
    """Issue 15: the clerk's file comes back encrypted; the passphrase first, then the same choices."""
    import pyrage

    from iro_desktop.ui.conference_file_passphrase import PassphraseDialog

    _conference_id, _item_id, plain = _conflicting_file(services, tmp_path)
    path = tmp_path / "back.iroconf.age"
    path.write_bytes(pyrage.passphrase.encrypt(plain.read_bytes(), "fictional demo hand-off passphrase"))
    parent = QMainWindow()
    qtbot.addWidget(parent)
    asking = import_conference_file(parent, services, ChangeHub(), str(path))
    assert isinstance(asking, PassphraseDialog)
    qtbot.addWidget(asking)
    qtbot.keyClicks(asking.passphrase, "fictional demo hand-off passphrase")
    qtbot.mouseClick(asking.open_button, Qt.MouseButton.LeftButton)
    assert asking.wait()
    assert not asking.isVisible()
    handoff = asking.result_value
    assert isinstance(handoff, HandoffDialog)
    qtbot.addWidget(handoff)
    assert handoff.isVisible()
    assert len(handoff.plan.conflicts) == 2
    assert handoff.plan.sealed
