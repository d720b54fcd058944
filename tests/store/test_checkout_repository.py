"""Checkout rows (issue 16 item 5): one holder per conference, even when two desktops claim it at once."""

from __future__ import annotations

import pytest

from iro_desktop.store.checkout_repository import CheckoutRepository, CheckoutTaken
from iro_desktop.store.models import CheckoutRow
from tests.services.conference_files import rich_conference


def _row(conference_id: str, holder: str) -> CheckoutRow:
    return CheckoutRow(
        conference_id=conference_id,
        holder_id=holder,
        holder_username=holder,
        holder_name=holder.title(),
        revision="a" * 64,
        place="",
    )


def test_the_second_claim_on_one_conference_is_refused(services, store):
    conference_id = rich_conference(services)
    first, second = store.uow(), store.uow()
    with first as a, second as b:
        CheckoutRepository(a.session).add(_row(conference_id, "priya"))
        assert CheckoutRepository(b.session).get(conference_id) is None  # not committed yet
        a.commit()
        with pytest.raises(CheckoutTaken):
            CheckoutRepository(b.session).add(_row(conference_id, "omar"))
    with store.uow() as uow:
        repo = CheckoutRepository(uow.session)
        assert [r.holder_id for r in repo.all()] == ["priya"]
        assert repo.family_conferences(conference_id) == [conference_id]
