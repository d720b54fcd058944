"""Decision and plan item models pass Qt's model tester and hand edits on instead of changing."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate, Qt

from iro_desktop.domain.dissent import Dissent
from iro_desktop.domain.plan import ActionStatus, PlanAction, PlanPeriod
from iro_desktop.domain.significant_factors import DEFAULT_FACTORS
from iro_desktop.ui.decisions.models import (
    ActionTableModel,
    FactorChecklistModel,
    dissent_model,
    plan_history_model,
)
from tests.conftest import TODAY


def _actions():
    return [
        PlanAction(
            "a1",
            "c",
            0,
            "Mum to attend the Freedom programme",
            "Zoë Brontë",
            "Health",
            date(2026, 12, 1),
            "Certificate",
            "g1",
            ActionStatus.IN_PROGRESS,
        ),
        PlanAction("a2", "c", 1, "Advocate for Zoë", "", "", None, "", "", ActionStatus.NOT_STARTED),
    ]


def test_action_model(qtmodeltester):
    model = ActionTableModel()
    model.set_actions(_actions())
    qtmodeltester.check(model)
    assert model.index(0, 3).data() == "01 Dec 2026"
    assert model.index(1, 1).data() == "— not set"  # no owner: said in words, not colour
    assert model.index(1, 3).data() == "— not set"
    assert model.index(0, 6).data() == "In progress"
    assert model.headerData(4, Qt.Orientation.Horizontal) == "How we will know it is done"


def test_action_model_hands_edits_on(qtmodeltester):
    model = ActionTableModel()
    model.set_actions(_actions())
    edits = []
    assert model.setData(model.index(0, 1), "Łucja") is False  # no handler: read-only
    model.on_edit = lambda action, new: edits.append((action.id, new))
    assert model.setData(model.index(1, 1), "Anna Dvořák")
    assert model.setData(model.index(1, 3), QDate(2027, 1, 5))
    assert model.setData(model.index(1, 6), "done")
    assert not model.setData(model.index(1, 0), "  ")  # "what" cannot be emptied
    assert not model.setData(model.index(1, 6), "bogus")
    assert [e[1].who_person for e in edits] == ["Anna Dvořák", "", ""]
    assert edits[1][1].by_when == date(2027, 1, 5)
    assert edits[2][1].status is ActionStatus.DONE
    assert model.index(1, 1).data() == "— not set"  # unchanged until the store says so
    qtmodeltester.check(model)


def test_factor_checklist(qtmodeltester):
    model = FactorChecklistModel()
    model.set_factors(DEFAULT_FACTORS, ["parental_mental_health"])
    qtmodeltester.check(model)
    assert model.index(0).data() == "Domestic abuse"
    assert model.setData(model.index(0), Qt.CheckState.Checked.value, Qt.ItemDataRole.CheckStateRole)
    assert model.checked_codes() == ("domestic_abuse", "parental_mental_health")
    model.setData(model.index(1), Qt.CheckState.Unchecked.value, Qt.ItemDataRole.CheckStateRole)
    assert model.checked_codes() == ("domestic_abuse",)


def test_dissent_and_history_models(qtmodeltester):
    dissents = dissent_model()
    dissents.set_items(
        [Dissent("d", "c", "k", "Siobhán Ó Súilleabháin", "School", "CIN plan", "Attendance up", "Noted")]
    )
    qtmodeltester.check(dissents)
    assert dissents.index(0, 0).data() == "Siobhán Ó Súilleabháin"
    history = plan_history_model(TODAY)
    history.set_items(
        [
            PlanPeriod("p1", "k", date(2024, 1, 10), date(2024, 9, 1), "N", "ends_cin"),
            PlanPeriod("p2", "k", date(2026, 11, 1), None, "E", ""),
        ]
    )
    qtmodeltester.check(history)
    assert history.index(0, 3).data() == "Stepped down to child in need"
    assert history.index(1, 1).data() == "Still on the plan"
    assert history.index(1, 2).data() == "Emotional abuse"
    assert history.index(1, 4).data() == "22"
