"""The laptop that goes offline (issue 16 item 5): a conference taken out of the team store into the
laptop's own encrypted store (SQLCipher) before a meeting with no network, and brought back afterwards.

Both ways are the conference file hand-off (services/conference_file), store to store with no file in
between: taking out exports the family's conferences from the team store (earliest first, this one last)
and imports them on the laptop; bringing back exports it from the laptop and imports it on the team
store, compared field by field against the version taken out (`based_on`), so what only one side changed
merges silently and what both changed is a Mine/Theirs choice. While it is out a checkout row on the team
store says who has it and since when; every change there by anyone else is refused (services/checkouts).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path

from iro_desktop.domain.audit import AuditAction
from iro_desktop.domain.checkout import AlreadyCheckedOut, CancelReason, Checkout
from iro_desktop.domain.errors import DomainError
from iro_desktop.domain.roles import Action, PermissionDenied, can, require
from iro_desktop.services.checkouts import checkout_of
from iro_desktop.services.conference_file.document import revision_of
from iro_desktop.services.conference_file.merge import Side
from iro_desktop.services.conference_file.reading import read_conference
from iro_desktop.services.conference_file.service import (
    ConferenceFileService,
    FileRejected,
    ImportPlan,
)
from iro_desktop.services.context import ServiceContext
from iro_desktop.services.permissions import requires
from iro_desktop.services.records import ensure_not_final
from iro_desktop.services.registry import Services
from iro_desktop.store.audit_log import append_event
from iro_desktop.store.checkout_repository import CheckoutRepository, CheckoutTaken
from iro_desktop.store.conference_file_repository import ConferenceFileRepository, HandoffRepository
from iro_desktop.store.location import DB_FILENAME, StoreLocation
from iro_desktop.store.models import CheckoutRow
from iro_desktop.store.repositories import ConferenceRepository

LAPTOP_FOLDER = "offline"  # the default laptop store: <data folder>/offline/iro-desktop.sqlite3


class NotCheckedOut(DomainError):
    """Cancelling a checkout that is not there (brought back or cancelled meanwhile)."""


class NotOnLaptop(DomainError):
    """Bringing back a conference this laptop's store does not hold."""


class NotBroughtBack(DomainError):
    """The laptop's copy holds changes that were never brought back: taking it again would lose them."""


@dataclass(frozen=True)
class TakeResult:
    checkout: Checkout
    family_name: str
    conferences: int  # copied to the laptop, this one included
    skipped: tuple[str, ...] = ()  # earlier conferences the laptop could not take (why, no names)


@dataclass(frozen=True)
class BringBack:
    """A bring-back worked out before anything changes: the hand-off's plan, and the checkout (None when
    an administrator cancelled it meanwhile)."""

    plan: ImportPlan
    checkout: Checkout | None
    laptop: Services | None = field(default=None, compare=False, repr=False)  # its copy's row cleared


@dataclass(frozen=True)
class BringBackResult:
    conference_id: str
    family_name: str
    taken: int  # changes taken from the laptop
    kept: int  # changes made on the team store meanwhile, kept
    conflicts: int
    chose_laptop: int
    approval_note: str = ""
    notices: list[str] = field(default_factory=list)


def laptop_location(folder: Path | None, data_dir: Path) -> StoreLocation:
    """The laptop's encrypted store: `folder` (or <data folder>/offline) holding iro-desktop.sqlite3."""
    where = (folder if folder is not None else data_dir / LAPTOP_FOLDER).expanduser().resolve()
    return StoreLocation(data_dir=where, url=f"sqlite:///{where / DB_FILENAME}")


def open_laptop(
    location: StoreLocation,
    username: str,
    password: str,
    display_name: str,
    role: object,
    today: Callable[[], date] = date.today,
) -> tuple[Services, Callable[[], None], str | None]:
    """Sign in to the laptop's store with the same account and password, setting it up (a new SQLCipher
    file and key file, this account its administrator) the first time. Returns the services, how to close
    them, and the new store's recovery key to show once (None when it existed)."""
    from iro_desktop.domain.roles import Role
    from iro_desktop.services import sign_in

    location.data_dir.mkdir(parents=True, exist_ok=True, mode=0o700)
    if sign_in.records_exist(location):
        opened = sign_in.sign_in(location, username, password, today)
    else:
        opened = sign_in.set_up(
            location, username, display_name, password, role if isinstance(role, Role) else Role.CHAIR, today
        )
    return opened.services, opened.close, opened.recovery_key


class OfflineService:
    """On the team store's services: take a conference onto a laptop's store, bring it back, cancel."""

    def __init__(self, ctx: ServiceContext) -> None:
        self.ctx = ctx

    @requires(Action.VIEW)
    def checkout(self, conference_id: str) -> Checkout | None:
        require(self.ctx.session.user, Action.VIEW)
        with self.ctx.uow() as uow:
            row = CheckoutRepository(uow.session).get(conference_id)
            return checkout_of(row) if row is not None else None

    @requires(Action.VIEW)
    def checkouts(self) -> dict[str, Checkout]:
        """Every conference out on a laptop, by conference id (the register, Today and due)."""
        require(self.ctx.session.user, Action.VIEW)
        with self.ctx.uow() as uow:
            return {r.conference_id: checkout_of(r) for r in CheckoutRepository(uow.session).all()}

    @requires(Action.VIEW)
    def cancelled_from_me(self, conference_id: str) -> datetime | None:
        """When the signed-in account's checkout of this conference was cancelled (UTC), if that is the
        last that happened to it: its laptop copy is then still to be brought back, as a merged hand-off.
        None otherwise (never out, out now, or brought back since)."""
        user = self.ctx.session.user
        require(user, Action.VIEW)
        with self.ctx.uow() as uow:
            last = CheckoutRepository(uow.session).last_event(conference_id)
        if user is None or last is None:
            return None
        action, holder, at = last
        return at if action == AuditAction.CHECKOUT_CANCELLED.value and holder == user.username else None

    # --- taking out ----------------------------------------------------------------------------
    @requires(Action.RUN_MEETING)
    def take(self, conference_id: str, laptop: Services, place: str = "") -> TakeResult:
        """Copy the conference, its family and the family's earlier conferences (their maps and plans)
        into the laptop's store and mark it out. Refused when someone has it out already, when its record
        is final, or when the laptop's copy holds changes that were never brought back."""
        user = self.ctx.session.user
        require(user, Action.RUN_MEETING)
        assert user is not None
        with self.ctx.uow() as uow:
            ConferenceRepository(uow.session).get(conference_id)  # NotFound
            existing = CheckoutRepository(uow.session).get(conference_id)
            if existing is not None:
                raise AlreadyCheckedOut(checkout_of(existing))
            ensure_not_final(uow.session, conference_id)
            family = CheckoutRepository(uow.session).family_conferences(conference_id)
        _ensure_brought_back(laptop, conference_id)
        team_files, laptop_files = ConferenceFileService(self.ctx), ConferenceFileService(laptop.ctx)
        earlier = [cid for cid in family if cid != conference_id]
        skipped: list[str] = []
        for cid in earlier:  # history first, so each later conference finds the one before it
            try:
                _copy(laptop_files, team_files.export_text(cid).text)
            except (FileRejected, DomainError) as exc:
                skipped.append(_why(exc))
        exported = team_files.export_text(conference_id)
        result = _copy(laptop_files, exported.text)
        with self.ctx.uow() as uow:
            row = CheckoutRow(
                conference_id=conference_id,
                holder_id=user.id,
                holder_username=user.username,
                holder_name=user.display_name,
                revision=exported.revision,
                place=place[:200],
            )
            try:
                CheckoutRepository(uow.session).add(row)
            except CheckoutTaken:
                lost = True  # another desktop took it between our look and now: nothing written here
            else:
                lost = False
            if not lost:
                copied = 1 + len(earlier) - len(skipped)
                after = {"holder": user.username, "revision": row.revision, "conferences": copied}
                append_event(
                    uow.session,
                    self.ctx.session.actor_name,
                    AuditAction.CHECKED_OUT,
                    "conference",
                    conference_id,
                    after=after | {"place": row.place},
                )
                uow.commit()
                checkout = checkout_of(row)
        if lost:
            raise AlreadyCheckedOut(self._winner(conference_id))
        _mark_on_laptop(laptop, checkout)
        return TakeResult(checkout, result, 1 + len(earlier) - len(skipped), tuple(skipped))

    def _winner(self, conference_id: str) -> Checkout:
        with self.ctx.uow() as uow:
            row = CheckoutRepository(uow.session).get(conference_id)
            assert row is not None
            return checkout_of(row)

    # --- bringing back -------------------------------------------------------------------------
    @requires(Action.RUN_MEETING)
    def prepare_bring_back(self, conference_id: str, laptop: Services) -> BringBack:
        """The laptop's version compared with the team store's, field by field against the version taken
        out; nothing changes yet. Only the holder brings it back (anyone, once an administrator cancelled
        the checkout: the laptop's changes still come back through the merge)."""
        user = self.ctx.session.user
        require(user, Action.RUN_MEETING)
        checkout = self.checkout(conference_id)
        if checkout is not None and not checkout.is_held_by(user.id if user else None):
            raise PermissionDenied(f"{checkout.who()}: only they can bring it back.")
        with laptop.ctx.uow() as uow:
            on_laptop = ConferenceFileRepository(uow.session).conference_exists(conference_id)
        if not on_laptop:
            raise NotOnLaptop(
                "This laptop holds no copy of that conference (it was taken onto another laptop, or "
                "brought back already): nothing was changed."
            )
        text = ConferenceFileService(laptop.ctx).export_text(conference_id).text
        plan = ConferenceFileService(self.ctx).prepare_import(text)
        return BringBack(plan, checkout, laptop)

    @requires(Action.RUN_MEETING)
    def bring_back(self, prepared: BringBack, choices: dict[str, Side] | None = None) -> BringBackResult:
        """Apply the merge with a choice for every conflict ("mine": the team store's, "theirs": the
        laptop's) and end the checkout, audited with what was taken and kept."""
        require(self.ctx.session.user, Action.RUN_MEETING)
        plan = prepared.plan
        choices = choices or {}
        approval_note = ""
        if not plan.up_to_date:
            approval_note = ConferenceFileService(self.ctx).apply_import(plan, choices).approval_note
        m = plan.merge
        chose_laptop = sum(1 for c in plan.conflicts if choices.get(c.path) == "theirs")
        with self.ctx.uow() as uow:
            repo = CheckoutRepository(uow.session)
            row = repo.get(plan.conference_id)
            if row is not None:
                repo.remove(row)
            append_event(
                uow.session,
                self.ctx.session.actor_name,
                AuditAction.CHECKED_IN,
                "conference",
                plan.conference_id,
                before={"holder": row.holder_username, "revision": row.revision} if row else None,
                after={
                    "revision": plan.doc["revision"],
                    "taken": len(m.taken),
                    "kept": len(m.kept),
                    "conflicts": len(plan.conflicts),
                    "chose_laptop": chose_laptop,
                    "checkout": "held" if row is not None else "cancelled before",
                },
            )
            uow.commit()
        if prepared.laptop is not None:
            _unmark_on_laptop(prepared.laptop, plan.conference_id)
        return BringBackResult(
            plan.conference_id,
            plan.family_name,
            len(m.taken),
            len(m.kept),
            len(plan.conflicts),
            chose_laptop,
            approval_note,
            list(m.notices),
        )

    # --- cancelling ----------------------------------------------------------------------------
    @requires(Action.CANCEL_OWN_CHECKOUT)
    def cancel_own(self, conference_id: str, reason: CancelReason) -> Checkout:
        """The holder releases their own checkout (their laptop lost or broken): editable here again by
        everyone; what the laptop holds can still be brought back, but only as a merged hand-off."""
        require(self.ctx.session.user, Action.CANCEL_OWN_CHECKOUT)
        return self._cancel(conference_id, reason, anyone=False)

    @requires(Action.CANCEL_CHECKOUT)
    def cancel(self, conference_id: str, reason: CancelReason = CancelReason.OTHER) -> Checkout:
        """A manager or an administrator releases anyone's checkout (a lost laptop, a chair away)."""
        require(self.ctx.session.user, Action.CANCEL_CHECKOUT)
        return self._cancel(conference_id, reason, anyone=True)

    @requires(Action.VIEW)
    def may_cancel(self, checkout: Checkout) -> bool:
        """Whether the signed-in account may cancel this checkout (what the app offers; the methods above
        check it again)."""
        user = self.ctx.session.user
        if can(user, Action.CANCEL_CHECKOUT):
            return True
        return can(user, Action.CANCEL_OWN_CHECKOUT) and checkout.is_held_by(user.id if user else None)

    def _cancel(self, conference_id: str, reason: CancelReason, *, anyone: bool) -> Checkout:
        reason = CancelReason(reason)  # a code only: the audit trail holds no words about anyone
        user = self.ctx.session.user
        with self.ctx.uow() as uow:
            repo = CheckoutRepository(uow.session)
            row = repo.get(conference_id)
            if row is None:
                raise NotCheckedOut("That conference is not out on a laptop (nothing was changed).")
            checkout = checkout_of(row)
            if not anyone and not checkout.is_held_by(user.id if user else None):
                raise PermissionDenied(
                    f"{checkout.who()}: only they, a manager or an administrator can cancel the checkout."
                )
            repo.remove(row)
            append_event(
                uow.session,
                self.ctx.session.actor_name,
                AuditAction.CHECKOUT_CANCELLED,
                "conference",
                conference_id,
                before={"holder": checkout.holder_username, "revision": checkout.revision},
                after={
                    "reason": reason.value,
                    "by": "holder" if checkout.is_held_by(user.id if user else None) else "other",
                },
            )
            uow.commit()
        return checkout


def cancel_checkout(offline: OfflineService, conference_id: str, reason: CancelReason) -> Checkout:
    """Cancel as whoever is signed in: anyone's for a manager or an administrator, else one's own (the
    command line and the app both go through here)."""
    if can(offline.ctx.session.user, Action.CANCEL_CHECKOUT):
        return offline.cancel(conference_id, reason)
    return offline.cancel_own(conference_id, reason)


def _copy(laptop_files: ConferenceFileService, text: str) -> str:
    """Import one exported conference on the laptop; the team store's version wins every difference (the
    laptop was checked to hold nothing not brought back). Returns the family's name."""
    plan = laptop_files.prepare_import(text)
    if not plan.up_to_date:
        laptop_files.apply_import(plan, {c.path: "theirs" for c in plan.conflicts})
    return plan.family_name


def _mark_on_laptop(laptop: Services, checkout: Checkout) -> None:
    """The laptop's copy says it is one: a checkout row of its own (held by the same account there), so
    the record is not approved on the laptop (services/checkouts.ensure_not_out_for_approval)."""
    user = laptop.ctx.session.user
    assert user is not None
    with laptop.ctx.uow() as uow:
        repo = CheckoutRepository(uow.session)
        old = repo.get(checkout.conference_id)
        if old is not None:  # taken again after a bring-back that could not clear it
            repo.remove(old)
        repo.add(
            CheckoutRow(
                conference_id=checkout.conference_id,
                holder_id=user.id,
                holder_username=user.username,
                holder_name=user.display_name,
                since=checkout.since,
                revision=checkout.revision,
                place=checkout.place,
            )
        )
        append_event(
            uow.session,
            laptop.ctx.session.actor_name,
            AuditAction.CHECKED_OUT,
            "conference",
            checkout.conference_id,
            after={"holder": user.username, "revision": checkout.revision, "copy": "laptop"},
        )
        uow.commit()


def _unmark_on_laptop(laptop: Services, conference_id: str) -> None:
    with laptop.ctx.uow() as uow:
        repo = CheckoutRepository(uow.session)
        row = repo.get(conference_id)
        if row is None:
            return
        repo.remove(row)
        append_event(
            uow.session,
            laptop.ctx.session.actor_name,
            AuditAction.CHECKED_IN,
            "conference",
            conference_id,
            before={"holder": row.holder_username, "revision": row.revision},
            after={"copy": "laptop"},
        )
        uow.commit()


def _ensure_brought_back(laptop: Services, conference_id: str) -> None:
    with laptop.ctx.uow() as uow:
        store = ConferenceFileRepository(uow.session)
        if not store.conference_exists(conference_id):
            return
        last = HandoffRepository(uow.session).latest(conference_id)
        handed = last.revision if last is not None else None
        here = revision_of(read_conference(store, conference_id))
    if handed != here:
        raise NotBroughtBack(
            "This laptop's copy of the conference has changes that were never brought back to the team "
            "store. Bring it back first; nothing was changed."
        )


def _why(exc: Exception) -> str:
    if isinstance(exc, FileRejected):
        return "; ".join(p.message for p in exc.problems[:3])
    return str(exc)
