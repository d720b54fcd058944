"""GUI: an imported conference's panel says 'Not recorded' for quoracy and the invitation clocks, with
no 'Go on anyway' row and no warning colour."""

from __future__ import annotations

import shutil

from iro_desktop.domain.conference import ConferenceStatus
from iro_desktop.ui.booking.conference_panel import ConferencePanel
from iro_desktop.ui.events import ChangeHub
from iro_desktop.ui.quoracy_indicator import NOT_RECORDED_STYLE
from tests.history_extract import EXAMPLE


def test_the_panel_of_an_imported_conference(qtbot, services, tmp_path):
    shutil.copytree(EXAMPLE, tmp_path / "extract")
    assert services.history_import.import_history(tmp_path / "extract").imported
    held = next(c for c in services.conferences.all() if c.status is ConferenceStatus.HELD)
    panel = ConferencePanel(services, ChangeHub())
    qtbot.addWidget(panel)
    panel.show()
    panel.set_conference(held.id)
    assert panel.quoracy.label.text() == "– Not recorded (no attendance list)"
    assert not panel.quoracy.override_row.isVisible()
    assert panel.quoracy.styleSheet() == NOT_RECORDED_STYLE
    model = panel.clocks
    texts = {
        model.index(row, 0).data(): " ".join(
            str(model.index(row, col).data() or "") for col in range(model.columnCount())
        )
        for row in range(model.rowCount())
    }
    assert "– Not recorded" in texts["Police invited in time"]
    assert "Overdue" not in texts["Police invited in time"]
