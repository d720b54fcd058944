"""GUI: exporting the PDFs of the conference in view. The PDF is made off the UI thread, progress and the
result show inline (never a dialog), then Open file / Open folder; problems say what to do."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QUrl
from PySide6.QtWidgets import QMessageBox

from iro_desktop.domain.audit import AuditAction
from iro_desktop.domain.record import SectionKey
from iro_desktop.ui.actions import ACTIONS, EXPORT_PDF_ACTIONS
from iro_desktop.ui.export_panel import NO_CONFERENCE
from iro_desktop.ui.main_window import MainWindow, WhereInfo
from iro_desktop.ui.meeting.steps import Step
from tests.services.played_meeting import finalise, play_demo_meeting

WAIT_MS = 30_000


@pytest.fixture
def window(qtbot, services, settings, monkeypatch, tmp_path):
    for name in ("critical", "warning", "information", "question"):
        monkeypatch.setattr(
            QMessageBox, name, lambda *a, **k: (_ for _ in ()).throw(AssertionError("dialog shown"))
        )
    played = play_demo_meeting(services)
    main = MainWindow(services, settings, WhereInfo("test", str(tmp_path / "data")))
    qtbot.addWidget(main)
    main.show()
    main.load()
    main.played = played  # type: ignore[attr-defined]
    opened: list[QUrl] = []
    for panel in _panels(main):
        panel.opener = lambda url: opened.append(url) or True
    main.opened = opened  # type: ignore[attr-defined]
    return main


def _panels(window):
    return (window.exports.panel, window.meeting.handouts.panel_slot.itemAt(0).widget())


def _wait_done(qtbot, window):
    qtbot.waitUntil(lambda: window.exports.job is None, timeout=WAIT_MS)


def test_the_handouts_step_makes_the_handout_in_the_background_then_offers_to_open_it(
    qtbot, window, tmp_path
):
    meeting = window.meeting
    meeting.open_conference(window.played.conference_id)
    window.action_map["meeting_step_5"].trigger()
    assert meeting.current_step() is Step.HANDOUTS
    bar, in_handouts = _panels(window)
    meeting.handouts.buttons["handout"].click()
    # Started, not finished: the UI thread is free while the worker lays the PDF out.
    assert window.exports.job is not None
    assert in_handouts.bar.isVisible()
    assert "Making the mapping handout" in in_handouts.message.text()
    assert not bar.isVisible()
    _wait_done(qtbot, window)
    path = tmp_path / "data" / "exports" / "DEMO-0001_mapping-handout_2026-11-25_DRAFT.pdf"
    assert path.read_bytes()[:5] == b"%PDF-"
    assert in_handouts.open_file.isVisible()
    assert in_handouts.open_folder.isVisible()
    assert not in_handouts.bar.isVisible()
    assert (
        "✔ Mapping handout saved: DEMO-0001_mapping-handout_2026-11-25_DRAFT.pdf"
        in in_handouts.message.text()
    )
    in_handouts.open_file.click()
    in_handouts.open_folder.click()
    assert [Path(url.toLocalFile()) for url in window.opened] == [path, path.parent]
    for widget in (in_handouts.open_file, in_handouts.open_folder, in_handouts.bar, in_handouts.message):
        assert widget.accessibleName()


def test_the_record_exports_from_records_to_finalise_by_its_shortcut_and_is_audited(
    qtbot, window, services, tmp_path
):
    window.action_map["go_records"].trigger()
    area = window.areas["records"]
    area.open(window.played.conference_id)
    action = window.action_map["export_record"]
    assert action.shortcut().toString() == "Ctrl+Shift+R"
    action.trigger()
    bar = window.exports.panel
    assert bar.isVisible()
    assert bar.bar.isVisible()
    _wait_done(qtbot, window)
    assert (tmp_path / "data" / "exports" / "DEMO-0001_record_2026-11-25_DRAFT.pdf").exists()
    assert bar.open_file.isVisible()
    events = [e for e in services.audit.events(services.ctx.session.user) if e.action is AuditAction.EXPORTED]
    assert [e.after for e in events] == [{"document": "record", "version": None}]


def test_an_earlier_version_exports_from_the_versions_list(qtbot, window, services, tmp_path):
    cid = window.played.conference_id
    finalise(services, cid)
    services.records.amend(cid, {(SectionKey.ANALYSIS, ""): "Corrected."}, "Corrected the analysis")
    window.action_map["go_records"].trigger()
    area = window.areas["records"]
    area.open(cid)
    window.action_map["export_record_version"].trigger()
    assert "choose a version" in window.exports.panel.message.text()
    area.version_table.selectRow(0)
    window.action_map["export_record_version"].trigger()
    _wait_done(qtbot, window)
    assert (tmp_path / "data" / "exports" / "DEMO-0001_record_2026-11-25_v1.pdf").exists()
    assert "Conference record saved" in window.exports.panel.message.text()


def test_with_no_conference_in_view_the_bar_says_what_to_do(window):
    window.action_map["go_today"].trigger()
    assert window.action_map["export_plan"].isEnabled()
    window.action_map["export_plan"].trigger()
    bar = window.exports.panel
    assert bar.isVisible()
    assert bar.message.text() == NO_CONFERENCE
    assert not bar.open_file.isVisible()
    assert window.exports.job is None


def test_a_folder_that_cannot_be_written_is_reported_inline(qtbot, window, tmp_path):
    blocked = tmp_path / "not-a-folder"
    blocked.write_text("x")
    window.exports.folder = blocked / "exports"
    window.meeting.open_conference(window.played.conference_id)
    window.action_map["go_meeting"].trigger()
    window.action_map["export_family"].trigger()
    _wait_done(qtbot, window)
    bar = window.exports.panel
    assert bar.message.text().startswith("✘ The PDF was not saved.")
    assert "Choose another folder" in bar.message.text()
    assert not bar.open_file.isVisible()
    assert bar.close_button.isVisible()
    bar.close_button.click()
    assert not bar.isVisible()


def test_export_actions_are_in_the_file_menu_with_shortcuts_that_clash_with_nothing(window):
    file_menu = window.menuBar().actions()[0].menu()
    export_menu = next(a.menu() for a in file_menu.actions() if a.text() == "&Export")
    assert [a.objectName() for a in export_menu.actions()] == [f"action_{s.name}" for s in EXPORT_PDF_ACTIONS]
    keys = [a.shortcut().toString() for a in window.action_map.values() if not a.shortcut().isEmpty()]
    assert len(keys) == len(set(keys))
    assert {s.shortcut for s in EXPORT_PDF_ACTIONS} >= {
        "Ctrl+Shift+M",
        "Ctrl+Shift+P",
        "Ctrl+Shift+R",
        "Ctrl+Shift+L",
    }
    assert len(ACTIONS) == len({s.name for s in ACTIONS})


def test_text_still_waiting_for_its_autosave_is_in_the_pdf(qtbot, window, tmp_path):
    from iro_desktop.domain.record import SectionKey as Key
    from tests.export.pdftext import all_text

    window.action_map["go_records"].trigger()
    area = window.areas["records"]
    area.open(window.played.conference_id)
    area.editors[Key.LEGAL].setPlainText("No proceedings; the family has legal advice — typed just now.")
    window.action_map["export_record"].trigger()  # before the half-second autosave has run
    _wait_done(qtbot, window)
    data = (tmp_path / "data" / "exports" / "DEMO-0001_record_2026-11-25_DRAFT.pdf").read_bytes()
    assert "typed just now." in all_text(data)
