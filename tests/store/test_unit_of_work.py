"""A unit of work that fails leaves nothing behind."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError

from iro_desktop.store.models import ChildRow, FamilyRow


def _count(store, model) -> int:
    with store.uow() as uow:
        return uow.session.scalar(select(func.count()).select_from(model))


def test_failure_mid_unit_leaves_nothing(store):
    with pytest.raises(RuntimeError, match="boom"), store.uow() as uow:
        family = FamilyRow(reference="R-1", name="Brontë")
        family.children.append(ChildRow(given_name="Zoë", family_name="Brontë"))
        uow.session.add(family)
        uow.flush()
        raise RuntimeError("boom")
    assert _count(store, FamilyRow) == 0
    assert _count(store, ChildRow) == 0


def test_leaving_without_commit_discards(store):
    with store.uow() as uow:
        uow.session.add(FamilyRow(reference="R-2", name="Wójcik"))
    assert _count(store, FamilyRow) == 0


def test_commit_keeps(store):
    with store.uow() as uow:
        uow.session.add(FamilyRow(reference="R-3", name="Dvořák"))
        uow.commit()
    assert _count(store, FamilyRow) == 1


def test_constraint_failure_at_commit_rolls_back_everything(store):
    with store.uow() as uow:
        uow.session.add(FamilyRow(reference="DUP", name="A"))
        uow.commit()
    with pytest.raises(IntegrityError, match="(?i)unique"), store.uow() as uow:
        uow.session.add(FamilyRow(reference="OK-1", name="B"))
        uow.session.add(FamilyRow(reference="DUP", name="C"))
        uow.commit()
    assert _count(store, FamilyRow) == 1
