"""The unit of work says what it wrote: typed changes captured from the rows flushed (issue 14)."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import delete

from iro_desktop.domain.categories import Category
from iro_desktop.domain.changes import Change, Topic
from iro_desktop.domain.conference import ConferenceType
from iro_desktop.domain.decisions import DecisionInput, Outcome
from iro_desktop.domain.family import ChildInput
from iro_desktop.domain.mapping import Section
from iro_desktop.store import models
from iro_desktop.store.change_capture import TOPIC_OF
from iro_desktop.store.models import ChildRow, FamilyRow, ScaleScoreRow


def test_every_model_has_a_topic():
    mapped = {mapper.class_ for mapper in models.Base.registry.mappers}
    assert mapped == set(TOPIC_OF)


def test_a_commit_reports_the_rows_it_wrote(store):
    with store.uow() as uow:
        family = FamilyRow(reference="R-1", name="Brontë")
        family.children.append(ChildRow(given_name="Zoë", family_name="Brontë"))
        uow.session.add(family)
        uow.commit()
    assert uow.changes.topics == {Topic.FAMILIES}
    assert Change(Topic.FAMILIES, family.id) in uow.changes.items
    assert len(uow.changes.ids(Topic.FAMILIES)) == 2  # the family and its child


def test_nothing_is_reported_without_a_commit(store):
    seen = []
    with pytest.raises(RuntimeError), store.uow() as uow:
        uow.on_commit = seen.append
        uow.session.add(FamilyRow(reference="R-2", name="Wójcik"))
        uow.flush()
        raise RuntimeError("boom")
    assert not uow.changes
    assert seen == []


def test_reading_reports_nothing(store):
    with store.uow() as uow:
        uow.session.add(FamilyRow(reference="R-3", name="Dvořák"))
        uow.commit()
    with store.uow() as uow:
        uow.session.query(FamilyRow).all()
        uow.commit()
    assert not uow.changes


def test_an_update_and_a_delete_are_reported(store):
    with store.uow() as uow:
        family = FamilyRow(reference="R-4", name="Nowak")
        uow.session.add(family)
        uow.commit()
    with store.uow() as uow:
        row = uow.session.get(FamilyRow, family.id)
        row.name = "Nowak-Kowalska"
        uow.commit()
    assert uow.changes.items == {Change(Topic.FAMILIES, family.id)}
    with store.uow() as uow:
        uow.session.delete(uow.session.get(FamilyRow, family.id))
        uow.commit()
    assert uow.changes.items == {Change(Topic.FAMILIES, family.id)}


def test_a_bulk_statement_is_reported_by_its_table(store):
    with store.uow() as uow:
        uow.session.execute(delete(ScaleScoreRow).where(ScaleScoreRow.id == "none"))
        uow.commit()
    assert uow.changes.topics == {Topic.MAP}


def test_services_tell_the_context_what_they_changed(services):
    ctx = services.ctx
    family = services.families.create_family(
        "C-1", "Kowalski family", [ChildInput("Ola", "K", date(2018, 1, 1))]
    )
    assert Topic.FAMILIES in ctx.take_changes().topics
    assert not ctx.take_changes()  # taken: forgotten
    conference = services.conferences.book(
        family.id, ConferenceType.INITIAL, date(2026, 11, 23), clock_start=date(2026, 11, 13)
    )
    ctx.take_changes()
    services.decisions.record(
        conference.id, family.children[0].id, DecisionInput(Outcome.PLAN_MADE, "Priya", Category.NEGLECT)
    )
    changes = ctx.take_changes()
    assert Topic.DECISIONS in changes.topics
    assert Topic.MAP not in changes.topics
    item = services.mapping.add_item(conference.id, Section.DANGER, "Dad drinks")
    ctx.take_changes()
    services.mapping.edit_text(item.id, "Dad drinks every night")
    edited = ctx.take_changes()
    assert Change(Topic.MAP, item.id) in edited.items
