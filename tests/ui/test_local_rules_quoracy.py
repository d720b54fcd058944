"""The local rules dialog sets the four-discipline quoracy rule (children's social care, health, police
and education each present): stored in the records, audited by the key that changed, read back by the
dialog, and used by the quoracy check; a rule stored otherwise is kept as it was."""

from __future__ import annotations

from iro_desktop.domain.attendance import Attendance
from iro_desktop.domain.audit import AuditAction
from iro_desktop.domain.local_rules import LocalRules
from iro_desktop.domain.people import AgencyKind
from iro_desktop.domain.quoracy import FOUR_DISCIPLINES, REQUIRED_CHOICES, QuoracyRule
from iro_desktop.services.demo import load_demo
from iro_desktop.ui.booking.rules_dialog import LocalRulesDialog
from iro_desktop.ui.events import ChangeHub

FOUR = next(i for i, (_label, kinds) in enumerate(REQUIRED_CHOICES) if kinds == FOUR_DISCIPLINES)


def _dialog(qtbot, services) -> LocalRulesDialog:
    dialog = LocalRulesDialog(services, ChangeHub())
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def test_the_four_disciplines_are_offered_stored_audited_and_read_back(qtbot, services):
    dialog = _dialog(qtbot, services)
    choices = [dialog.required.itemText(i) for i in range(dialog.required.count())]
    assert choices == [label for label, _kinds in REQUIRED_CHOICES]
    assert dialog.required.currentIndex() == 0  # the default: children's social care
    assert dialog.required.accessibleName() == "Agencies that must be present for quoracy"
    dialog.required.setCurrentIndex(FOUR)
    dialog.min_others.setValue(0)
    dialog.save()
    rules = services.rules.get()
    assert rules.quoracy == QuoracyRule(FOUR_DISCIPLINES, 0)
    assert rules.quoracy.text == (
        "The four disciplines (children's social care, health, police and education)"
    )
    changed = [
        e
        for e in services.audit.events(services.ctx.session.user)
        if e.entity_type == "local_rules" and e.action is AuditAction.CHANGED
    ]
    assert changed
    assert changed[0].after == {"changed": ["quoracy.min_other_agencies", "quoracy.required_kinds"]}

    again = _dialog(qtbot, services)
    assert again.required.currentIndex() == FOUR
    assert again.min_others.value() == 0
    again.restore_defaults()
    assert again.required.currentIndex() == 0


def test_the_quoracy_check_asks_for_each_of_the_four(qtbot, services):
    family = load_demo(services.ctx)
    assert family is not None
    cid = services.conferences.for_family(family.id)[-1].id
    invitations = services.attendance.invitations(cid)
    for inv in invitations:
        services.attendance.set_attendance(inv.id, Attendance.ATTENDED)
    police = [i for i in invitations if i.agency_kind is AgencyKind.POLICE]
    assert police
    for inv in police:
        services.attendance.set_attendance(inv.id, Attendance.APOLOGIES)
    assert services.quoracy.assess(cid).quorate  # the default: CSC plus two others

    dialog = _dialog(qtbot, services)
    dialog.required.setCurrentIndex(FOUR)
    dialog.min_others.setValue(0)
    dialog.save()
    result = services.quoracy.assess(cid)
    assert not result.quorate
    assert result.required_missing == ("Police",)
    assert "police not present" in result.text
    for inv in police:
        services.attendance.set_attendance(inv.id, Attendance.ATTENDED)
    result = services.quoracy.assess(cid)
    assert result.quorate
    assert len(result.required_present) == 4


def test_a_rule_stored_otherwise_is_kept_when_the_dialog_saves(qtbot, services):
    odd = (AgencyKind.CHILDRENS_SOCIAL_CARE, AgencyKind.POLICE)
    services.rules.save(LocalRules(quoracy=QuoracyRule(odd, 1)))
    dialog = _dialog(qtbot, services)
    assert dialog.required.currentText() == "Children's social care and Police"
    dialog.save()
    assert services.rules.get().quoracy.required_kinds == odd


def test_the_short_choice_is_described_in_full_for_the_pointer_and_a_screen_reader(qtbot, services):
    dialog = _dialog(qtbot, services)
    dialog.required.setCurrentIndex(FOUR)
    full = "The four disciplines (children's social care, health, police and education)"
    assert dialog.required.toolTip() == full
    assert dialog.required.accessibleDescription() == full
