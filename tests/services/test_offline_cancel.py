"""Issue 16: a checkout cancelled on the team store (SQLite or PostgreSQL) by its holder, a manager or an
administrator, with a reason kept as a code; what the laptop did since then comes back only as a merged
hand-off; and no record is approved while its conference is out (the laptop holds no team signing keys),
on the laptop or on the team store, until it is brought back."""

from __future__ import annotations

import json

import pytest

from iro_desktop.domain.audit import AuditAction
from iro_desktop.domain.checkout import ApprovalWhileOut, CancelReason, CheckedOut
from iro_desktop.domain.mapping import Section
from iro_desktop.domain.record import RecordState
from iro_desktop.domain.roles import PermissionDenied, Role, User
from iro_desktop.services.offline import (
    NotCheckedOut,
    NotOnLaptop,
    OfflineService,
    cancel_checkout,
    laptop_location,
    open_laptop,
)
from tests.services import test_offline
from tests.services.conference_files import TODAY
from tests.services.test_offline import PASSWORD, PRIYA, _actions, _as, _texts
from tests.signing import with_key

team = test_offline.team  # the fixture: the team store with a review and its history
MINA = User("u-mina", "mina", "Mina Manager", Role.MANAGER)


@pytest.fixture
def laptop(tmp_path):
    services, close, _recovery = open_laptop(
        laptop_location(None, tmp_path / "data"), "priya", PASSWORD, "Priya Raman", Role.CHAIR, lambda: TODAY
    )
    yield services
    close()


def _cancelled_event(services, conference_id):
    events = services.audit.events(services.ctx.session.user, conference_id)
    return [e for e in events if e.action is AuditAction.CHECKOUT_CANCELLED][-1]


def test_the_holder_cancels_their_own_with_a_reason_code(team, laptop):
    admin, priya, cara, review, _first = team
    OfflineService(priya.ctx).take(review, laptop, place="LAPTOP-7")
    out = OfflineService(priya.ctx).checkout(review)
    assert out is not None
    # Who may: the holder, not another chair or the clerk.
    assert OfflineService(priya.ctx).may_cancel(out)
    assert not OfflineService(cara.ctx).may_cancel(out)
    with pytest.raises(PermissionDenied, match="only they, a manager or an administrator can cancel"):
        OfflineService(cara.ctx).cancel_own(review, CancelReason.LOST)
    with pytest.raises(PermissionDenied):
        OfflineService(cara.ctx).cancel(review, CancelReason.LOST)  # anyone's: managers and admins only
    with pytest.raises(PermissionDenied):
        cancel_checkout(OfflineService(cara.ctx), review, CancelReason.LOST)
    assert OfflineService(admin.ctx).checkout(review) is not None  # nothing changed by the refusals

    cancelled = cancel_checkout(OfflineService(priya.ctx), review, CancelReason.LOST)
    assert (cancelled.holder_name, cancelled.place) == ("Priya Raman", "LAPTOP-7")
    assert OfflineService(admin.ctx).checkouts() == {}
    cara.mapping.add_item(review, Section.DANGER, "The clerk, after the cancel")  # editable again
    event = _cancelled_event(admin, review)
    assert event.actor == "priya"
    assert event.after == {"reason": "lost", "by": "holder"}  # a code, no words about anyone
    assert event.before is not None
    assert event.before["holder"] == "priya"
    assert "Priya" not in json.dumps(event.after)
    with pytest.raises(NotCheckedOut, match="not out on a laptop"):
        OfflineService(priya.ctx).cancel_own(review, CancelReason.LOST)
    assert admin.audit.verify().breaks == ()


def test_a_manager_cancels_anyones_and_the_laptop_comes_back_as_a_hand_off(team, laptop):
    """The manager (not an administrator) releases Priya's checkout; the clerk changes the same map item
    meanwhile; what the laptop did comes back only through the merge, the clash a choice."""
    admin, priya, cara, review, _first = team
    mina = _as(admin, MINA)
    OfflineService(priya.ctx).take(review, laptop)
    contested = next(iter(_texts(admin, review)))
    laptop.mapping.edit_text(contested, "Laptop: said at the venue.")
    assert OfflineService(priya.ctx).cancelled_from_me(review) is None  # out, not cancelled
    out = OfflineService(mina.ctx).checkout(review)
    assert out is not None
    assert OfflineService(mina.ctx).may_cancel(out)
    with pytest.raises(PermissionDenied):
        OfflineService(mina.ctx).cancel_own(review, CancelReason.HOLDER_AWAY)  # not theirs: `cancel`
    cancel_checkout(OfflineService(mina.ctx), review, CancelReason.HOLDER_AWAY)
    assert _cancelled_event(admin, review).after == {"reason": "holder_away", "by": "other"}
    # The holder's desktop knows its laptop copy is still to come back; nobody else's does.
    since = OfflineService(priya.ctx).cancelled_from_me(review)
    assert since is not None
    assert abs((since - out.since).total_seconds()) < 60
    assert OfflineService(cara.ctx).cancelled_from_me(review) is None
    cara.mapping.edit_text(contested, "Team: typed after the cancel.")

    offline = OfflineService(priya.ctx)
    prepared = offline.prepare_bring_back(review, laptop)
    assert prepared.checkout is None
    assert [c.path for c in prepared.plan.conflicts] == [f"map_items[{contested}].text"]
    result = offline.bring_back(prepared, {f"map_items[{contested}].text": "mine"})
    assert (result.conflicts, result.chose_laptop) == (1, 0)
    assert _texts(admin, review)[contested] == "Team: typed after the cancel."
    assert offline.cancelled_from_me(review) is None  # brought back since
    assert _actions(admin, review) == [
        AuditAction.CHECKED_OUT,
        AuditAction.CHECKOUT_CANCELLED,
        AuditAction.CHECKED_IN,
    ]
    assert admin.audit.verify().breaks == ()


def test_an_administrator_cancels_with_the_command_lines_meaning(team, laptop):
    admin, priya, cara, review, _first = team
    OfflineService(priya.ctx).take(review, laptop)
    with pytest.raises(CheckedOut):
        cara.mapping.add_item(review, Section.DANGER, "Refused while out")
    cancel_checkout(OfflineService(admin.ctx), review, CancelReason.BROKEN)
    assert _cancelled_event(admin, review).after == {"reason": "broken", "by": "other"}
    assert OfflineService(admin.ctx).checkout(review) is None


def test_bringing_back_from_a_laptop_without_the_conference_says_so(team, tmp_path):
    _admin, priya, _cara, review, _first = team
    other, close, _ = open_laptop(
        laptop_location(tmp_path / "other", tmp_path), "priya", PASSWORD, "Priya Raman", Role.CHAIR
    )
    try:
        with pytest.raises(NotOnLaptop, match="holds no copy of that conference"):
            OfflineService(priya.ctx).prepare_bring_back(review, other)
    finally:
        close()


def _to_awaiting_approval(services, conference_id):
    for state in (RecordState.WITH_CLERK, RecordState.AWAITING_APPROVAL):
        services.records.move(conference_id, state)


def test_no_approval_while_out_the_chair_signs_off_after_bringing_back(team, laptop):
    """On the laptop the chair finishes the record and sends it for approval; approving is refused there
    (and at her desk while it is out) with why; after bringing it back she approves on the team store."""
    admin, priya, _cara, _review, first = team
    offline = OfflineService(priya.ctx)
    offline.take(first, laptop)
    _to_awaiting_approval(laptop, first)
    with pytest.raises(ApprovalWhileOut) as on_laptop:
        laptop.records.move(first, RecordState.FINAL)
    message = str(on_laptop.value)
    assert message.startswith("Not approved: this conference is out on a laptop (Priya Raman has it")
    assert "the chair approves the record there once it is brought back" in message
    assert "send it for approval" in message
    assert laptop.records.get(first).state is RecordState.AWAITING_APPROVAL
    assert laptop.records.get(first).versions == ()
    with_key(priya, PRIYA)
    _to_awaiting_approval(priya, first)  # at her desk, the holder
    with pytest.raises(ApprovalWhileOut):
        priya.records.move(first, RecordState.FINAL)
    assert admin.records.get(first).versions == ()

    prepared = offline.prepare_bring_back(first, laptop)
    offline.bring_back(prepared, {c.path: "theirs" for c in prepared.plan.conflicts})
    assert admin.records.get(first).state is RecordState.AWAITING_APPROVAL
    approved = priya.records.move(first, RecordState.FINAL)
    assert approved.state is RecordState.FINAL
    assert approved.versions[-1].number == 1
    # The laptop's own row went with the bring-back: its copy no longer says it is out.
    assert OfflineService(laptop.ctx).checkout(first) is None
    assert admin.audit.verify().breaks == ()
