"""Who has a conference out on a laptop (issue 16 item 5), and the guard every change on the team store
passes while it is out: read-only for everyone but its holder (they, a manager or an administrator can
cancel the checkout). A record is not approved while it is out, on either side.
"""

from __future__ import annotations

from iro_desktop.domain.checkout import ApprovalWhileOut, CheckedOut, Checkout
from iro_desktop.services.context import ServiceContext
from iro_desktop.store.checkout_repository import CheckoutRepository
from iro_desktop.store.models import CheckoutRow
from iro_desktop.store.session import Session


def checkout_of(row: CheckoutRow) -> Checkout:
    return Checkout(
        row.conference_id,
        row.holder_id,
        row.holder_username,
        row.holder_name,
        row.since,
        row.revision,
        row.place,
    )


def ensure_not_checked_out(ctx: ServiceContext, session: Session, conference_id: str) -> None:
    """Refuse (CheckedOut) a change to a conference another account has taken onto a laptop."""
    row = CheckoutRepository(session).get(conference_id)
    if row is None:
        return
    user = ctx.session.user
    if user is not None and user.id == row.holder_id:
        return  # the holder's own desktop: brought back with the merge all the same
    raise CheckedOut(checkout_of(row))


def ensure_not_out_for_approval(session: Session, conference_id: str) -> None:
    """Refuse (ApprovalWhileOut) approving a record while its conference is out on a laptop, its holder
    included: on the laptop's copy (which keeps a row saying where it came from) the signing keys are not
    there; on the team store the laptop's changes are still to be brought back."""
    row = CheckoutRepository(session).get(conference_id)
    if row is not None:
        raise ApprovalWhileOut(checkout_of(row))
