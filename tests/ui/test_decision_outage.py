"""A decision typed while the team server can't be reached (issue 16 item 4): Record says beside the button
that it is not recorded yet, nothing is lost from the form, and the draft is in this computer's encrypted
outage journal at once (so closing or a crash loses nothing); when the server is back the draft is
stored, put back in the form, and recorded. The server's absence is as the listening connection reports
it (`server_away`): the form never reaches for the server then."""

from __future__ import annotations

from iro_desktop.domain.categories import Category
from iro_desktop.domain.decisions import Outcome
from iro_desktop.services.demo import load_demo
from iro_desktop.services.drafts import DECISION
from iro_desktop.services.outage import DRAFT_SAVE, OutageService
from iro_desktop.store.cipher import DataKey
from iro_desktop.store.outage_journal import OutageJournal, journal_path
from iro_desktop.ui.decisions.draft_keeper import RESTORED_NOTE
from iro_desktop.ui.decisions.panel import OUTAGE_NOT_RECORDED
from iro_desktop.ui.save_status import OUTAGE
from tests.ui.test_decision_drafts import REASONS, _window


def test_record_during_an_outage_keeps_the_draft_on_this_computer(
    qtbot, services, settings, monkeypatch, tmp_path
):
    load_demo(services.ctx)
    journal = OutageJournal(journal_path(tmp_path, "u1"), DataKey.generate())
    outage = OutageService(services, journal)
    kept_services = services.with_outage(outage)
    try:
        window, conference = _window(qtbot, kept_services, settings, monkeypatch)
        outage.server_away = True  # the listening connection said the server went away
        zoe = window.meeting.decisions.panel.forms[0]
        zoe.select_outcome(Outcome.PLAN_MADE)
        zoe.select_category(Category.NEGLECT)
        zoe.rationale.setPlainText(REASONS)

        assert zoe.record() is False
        assert zoe.status.text() == OUTAGE_NOT_RECORDED  # beside the button, not a dialog
        assert zoe.selected_outcome() is Outcome.PLAN_MADE  # the form keeps everything
        assert zoe.rationale.toPlainText() == REASONS
        assert window.save_status.text() == OUTAGE
        found, fields = outage.kept_draft(conference.id, zoe.child.id, DECISION)
        assert found
        assert (fields["outcome"], fields["category"], fields["rationale"]) == (
            Outcome.PLAN_MADE.value,
            Category.NEGLECT.value,
            REASONS,
        )
        assert [e.operation for e in outage.entries()][-1] == DRAFT_SAVE
        assert services.drafts.get(conference.id, zoe.child.id) is None  # not on the server yet
        assert services.decisions.for_conference(conference.id) == {}
        window.close()  # closed during the outage

        outage.server_away = False  # back: the bridge replays the journal
        result = outage.replay()
        assert (result.left, result.refused) == (0, [])
        assert services.drafts.get(conference.id, zoe.child.id)["rationale"] == REASONS

        window2, _ = _window(qtbot, kept_services, settings, monkeypatch)
        zoe2 = window2.meeting.decisions.panel.forms[0]
        assert zoe2.rationale.toPlainText() == REASONS
        assert zoe2.selected_category() is Category.NEGLECT
        assert RESTORED_NOTE in zoe2.status.text()
        assert zoe2.record()
        recorded = services.decisions.for_conference(conference.id)[zoe2.child.id]
        assert (recorded.category, recorded.rationale) == (Category.NEGLECT, REASONS)
        window2.close()
    finally:
        journal.close()
