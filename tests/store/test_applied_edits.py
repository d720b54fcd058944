"""Idempotency keys (issue 16 item 4): an edit applied under its key is written with the key in one
transaction; the same key again writes nothing and says it was applied before."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from iro_desktop.store.applied_edits import AlreadyApplied, applying, is_applied
from iro_desktop.store.models import AppliedEditRow, FamilyRow


def _add_family(store, reference: str) -> None:  # type: ignore[no-untyped-def]
    with store.uow() as uow:
        uow.session.add(FamilyRow(reference=reference, name="Brontë"))
        uow.commit()


def _count(store, model) -> int:  # type: ignore[no-untyped-def]
    with store.uow() as uow:
        return int(uow.session.scalar(select(func.count()).select_from(model)) or 0)


def test_an_edit_under_a_key_is_applied_once(store, backend):
    with applying("k-1"):
        _add_family(store, "R-1")
    with pytest.raises(AlreadyApplied), applying("k-1"):
        _add_family(store, "R-2")  # the same edit replayed: refused before anything is written
    assert _count(store, FamilyRow) == 1
    with store.uow() as uow:
        assert is_applied(uow.session, "k-1")
        assert uow.session.get(AppliedEditRow, "k-1").applied_at is not None


def test_a_rolled_back_edit_leaves_no_key_so_its_replay_applies(store, backend):
    with pytest.raises(RuntimeError), applying("k-2"), store.uow() as uow:
        uow.session.add(FamilyRow(reference="R-3", name="Wójcik"))
        uow.flush()
        raise RuntimeError("the server went away before the commit")
    assert _count(store, AppliedEditRow) == 0
    with applying("k-2"):
        _add_family(store, "R-3")
    assert _count(store, FamilyRow) == 1


def test_a_read_under_a_key_writes_no_key_and_writes_without_a_key_none(store, backend):
    with applying("k-3"), store.uow() as uow:
        uow.session.scalars(select(FamilyRow)).all()
        uow.commit()
    _add_family(store, "R-4")
    assert _count(store, AppliedEditRow) == 0
