"""Quoracy and the map feed the checks before the decision."""

from __future__ import annotations

from iro_desktop.domain.meeting_checks import meeting_checks
from iro_desktop.domain.quoracy import QuoracyResult


def _quoracy(quorate: bool, reason: str = "") -> QuoracyResult:
    return QuoracyResult(quorate, ("Children's social care",), () if quorate else ("Police",), (), 0, reason)


def test_not_quorate_is_first_and_an_override_clears_it(services):
    from iro_desktop.services.demo import load_demo

    family = load_demo(services.ctx)
    conference = services.conferences.for_family(family.id)[-1]
    board = services.mapping.board(conference.id)
    checks = meeting_checks(_quoracy(False), board)
    assert checks[0].kind == "quoracy"
    assert [c.kind for c in meeting_checks(_quoracy(False, "Police sent a report"), board)].count(
        "quoracy"
    ) == 0
    assert [c.kind for c in meeting_checks(_quoracy(True), board)].count("quoracy") == 0


def test_unpaired_and_unscaled_dangers_are_named(services):
    from iro_desktop.domain.mapping import Section
    from iro_desktop.services.demo import load_demo

    family = load_demo(services.ctx)
    conference = services.conferences.for_family(family.id)[-1]
    services.mapping.add_item(conference.id, Section.DANGER, "Łucja could be left alone at night")
    checks = services.meeting.checks(conference.id)
    kinds = [c.kind for c in checks]
    assert "danger_goal" in kinds
    assert "danger_scale" in kinds
    assert any("Łucja could be left alone at night" in c.message for c in checks)
    assert "Safety goal" not in " ".join(services.meeting.next_steps(conference.id))
    assert len(services.meeting.next_steps(conference.id)) == 2
    assert len(services.meeting.safety_goals(conference.id)) == 2
