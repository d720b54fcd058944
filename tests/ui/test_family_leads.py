"""Issue 19: who leads for each child (Lead Practitioner, Family Help Lead Practitioner) is shown where a
chair or clerk looks: the Families area's children table (with the agency and, in the tooltip, the child),
a line in words for the chosen child, and the child's form; names bidi-isolated; refreshed on change."""

from __future__ import annotations

from PySide6.QtCore import Qt

from iro_desktop.domain.chairing import PractitionerKind
from iro_desktop.services.demo import load_demo
from iro_desktop.ui.areas.families import FamiliesArea
from iro_desktop.ui.booking.family_forms import ChildDialog
from iro_desktop.ui.events import ChangeHub
from iro_desktop.ui.models.register import NOT_NAMED, child_model, leads_by_child
from iro_desktop.ui.widgets import FSI, PDI


def _named(services):
    family = load_demo(services.ctx)
    assert family is not None
    child = family.children[0]
    lead = next(p for p in services.people.professionals() if p.name == "Ruth Abernathy")
    services.leads.set_practitioner(child.id, PractitionerKind.LEAD, lead.id)
    return family, child, lead


def _column(model, title: str) -> int:
    return next(
        c for c in range(model.columnCount()) if model.headerData(c, Qt.Orientation.Horizontal) == title
    )


def test_the_children_table_and_the_chosen_childs_line_show_who_leads(qtbot, services):
    family, child, lead = _named(services)
    hub = ChangeHub()
    area = FamiliesArea(services, hub)
    qtbot.addWidget(area)
    area.show()
    area.refresh()
    model = area.child_rows
    lead_col = _column(model, "Lead Practitioner")
    help_col = _column(model, "Family Help Lead")
    row = next(r for r in range(model.rowCount()) if model.item(r).id == child.id)
    shown = model.index(row, lead_col).data()
    assert shown.startswith(f"{FSI}Ruth Abernathy{PDI}")
    assert lead.agency_name
    assert lead.agency_name in shown
    tip = model.index(row, lead_col).data(Qt.ItemDataRole.ToolTipRole)
    assert f"Lead Practitioner for {FSI}{child.full_name}{PDI}" in tip
    assert "Chair and leads" in tip
    assert model.index(row, help_col).data() == NOT_NAMED  # words, not a blank cell

    area.child_table.selectRow(row)
    line = area.child_leads.text()
    assert area.child_leads.accessibleName() == "Who leads for the selected child"
    assert "Lead Practitioner: \u2068Ruth Abernathy\u2069" in line
    assert f"Family Help Lead Practitioner: {NOT_NAMED}" in line
    assert area.child_leads.isVisible()

    # Named elsewhere (the booking's Chair and leads tab): the table follows the change.
    services.leads.set_practitioner(child.id, PractitionerKind.FAMILY_HELP_LEAD, lead.id)
    hub.relay(services.ctx.take_changes())
    row = next(r for r in range(model.rowCount()) if model.item(r).id == child.id)
    assert model.index(row, help_col).data().startswith(f"{FSI}Ruth Abernathy{PDI}")


def test_the_childs_form_reads_who_leads(qtbot, services):
    family, child, _lead = _named(services)
    dialog = ChildDialog(services, ChangeHub(), family, child)
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.leads.accessibleName() == "Who leads for this child"
    assert "Lead Practitioner: \u2068Ruth Abernathy\u2069" in dialog.leads.text()
    assert f"Family Help Lead Practitioner: {NOT_NAMED}" in dialog.leads.text()
    assert dialog.leads.focusPolicy() == Qt.FocusPolicy.StrongFocus  # reachable by keyboard
    assert dialog.leads.accessibleDescription() == dialog.leads.text()
    new = ChildDialog(services, ChangeHub(), family, None)  # a child not yet added: nobody leads yet
    qtbot.addWidget(new)
    assert new.leads.text() == ""


def test_the_child_model_with_leads_passes_the_model_tester(qtmodeltester, services):
    family, _child, _lead = _named(services)
    model = child_model(services.ctx.today(), {}, leads_by_child(services.leads.practitioners(family.id)))
    model.set_items(family.children)
    qtmodeltester.check(model)
