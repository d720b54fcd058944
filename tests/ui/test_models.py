"""Item models pass Qt's model tester."""

from __future__ import annotations

from iro_desktop.services.demo import load_demo
from iro_desktop.ui.models.register import child_model, conference_model, family_model
from tests.conftest import TODAY


def test_family_and_child_models(qtmodeltester, services):
    load_demo(services.ctx)
    families = family_model()
    families.set_items(services.families.search())
    qtmodeltester.check(families)
    children = child_model(TODAY)
    children.set_items(families.item(0).children)
    qtmodeltester.check(children)
    assert children.rowCount() == 3


def test_conference_model(qtmodeltester, services):
    load_demo(services.ctx)
    model = conference_model({f.id: f.name for f in services.families.search()})
    model.set_items(services.conferences.all())
    qtmodeltester.check(model)
    assert model.index(0, 3).data() == "Initial conference"
