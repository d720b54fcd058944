"""Issue 16 item 5: a conference taken from the team store (SQLite or PostgreSQL) onto a laptop's real
SQLCipher store, edited there, brought back with the hand-off's field-by-field merge; the checkout shown
on the team store, refusing everyone else's edits, audited, and cleared."""

from __future__ import annotations

from datetime import date

import pytest

from iro_desktop.domain.audit import AuditAction
from iro_desktop.domain.checkout import AlreadyCheckedOut, CheckedOut
from iro_desktop.domain.conference import ConferenceType
from iro_desktop.domain.mapping import Section
from iro_desktop.domain.plan import PlanHeaderInput
from iro_desktop.domain.record import SectionKey
from iro_desktop.domain.roles import PermissionDenied, Role, User
from iro_desktop.services.conference_file.service import FileRejected
from iro_desktop.services.context import ServiceContext, SignedIn
from iro_desktop.services.offline import NotBroughtBack, OfflineService, laptop_location, open_laptop
from iro_desktop.services.registry import Services
from iro_desktop.store.cipher import is_plain_sqlite
from iro_desktop.store.key_file import key_file_path
from tests.services.conference_files import TODAY, rich_conference, store_fingerprint

PRIYA = User("u-priya", "priya", "Priya Raman", Role.CHAIR)
CARA = User("u-cara", "cara", "Cara Clerk", Role.CLERK)
OMAR = User("u-omar", "omar", "Omar Haddad", Role.CHAIR)
PASSWORD = "correct horse battery staple 7"


def _as(services: Services, user: User) -> Services:
    return Services.build(ServiceContext(uow=services.ctx.uow, today=lambda: TODAY, session=SignedIn(user)))


@pytest.fixture
def team(services):
    """(admin, Priya, Cara, the review to take out, the initial conference before it) on the team store."""
    first = rich_conference(services)
    services.conferences.mark_held(first, TODAY)
    family_id = services.conferences.get(first).family_id
    kids = services.families.get(family_id).children
    review = services.conferences.book(
        family_id,
        ConferenceType.REVIEW,
        date(2027, 2, 15),
        previous_conference_id=first,
        advocacy={c.id: ("declined", "") for c in kids},
    )
    services.mapping.add_item(review.id, Section.STRENGTHS, "Nana Zofia walks them to school.")
    services.plans.save_header(review.id, PlanHeaderInput("No contact with Mr Černý.", "Team contingency."))
    return services, _as(services, PRIYA), _as(services, CARA), review.id, first


@pytest.fixture
def laptop(tmp_path):
    """Priya's laptop: a real SQLCipher store set up with her account on first use."""
    location = laptop_location(None, tmp_path / "data")
    services, close, recovery = open_laptop(
        location, "priya", PASSWORD, "Priya Raman", Role.CHAIR, lambda: TODAY
    )
    assert recovery is not None  # shown once to the chair (the command line and the app do)
    yield services, location, close
    close()  # (a second close is harmless)


def _texts(services: Services, conference_id: str) -> dict[str, str]:
    return {i.id: i.text for i in services.mapping.board(conference_id).items}


def _actions(services: Services, conference_id: str) -> list[AuditAction]:
    events = services.audit.events(services.ctx.session.user, conference_id)
    return [e.action for e in sorted(events, key=lambda e: e.seq) if e.action.value.startswith("check")]


def test_take_copies_history_into_an_encrypted_laptop_store(team, laptop, tmp_path):
    admin, priya, _cara, review, first = team
    laptop_services, location, _close = laptop
    result = OfflineService(priya.ctx).take(review, laptop_services, place="LAPTOP-7")
    assert (result.conferences, result.skipped) == (2, ())
    assert result.checkout.holder_name == "Priya Raman"
    assert result.checkout.place == "LAPTOP-7"
    # The family, its earlier conference with its map, and this one are on the laptop, encrypted.
    assert {c.id for c in laptop_services.conferences.all()} == {first, review}
    assert _texts(laptop_services, first) == _texts(admin, first)
    assert len(_texts(laptop_services, first)) == 6
    assert _texts(laptop_services, review) == _texts(admin, review)
    assert laptop_services.plans.header(review).contingency == "Team contingency."
    assert location.sqlite_path is not None
    assert location.sqlite_path.exists()
    assert not is_plain_sqlite(location.sqlite_path)  # SQLCipher: no "SQLite format 3" header
    assert key_file_path(location.sqlite_path).exists()
    # The team store shows who has it, and the audit trail says it went out.
    shown = OfflineService(admin.ctx).checkouts()[review]
    assert shown.who().startswith("Priya Raman has it on a laptop since ")
    assert _actions(admin, review) == [AuditAction.CHECKED_OUT]
    assert admin.audit.verify().breaks == ()


def test_others_are_refused_while_it_is_out_and_the_holder_is_not(team, laptop):
    admin, priya, cara, review, first = team
    OfflineService(priya.ctx).take(review, laptop[0])
    refusals = [
        lambda: cara.mapping.add_item(review, Section.DANGER, "Clerk's words"),
        lambda: cara.plans.save_header(review, PlanHeaderInput("x", "Clerk's contingency")),
        lambda: cara.records.save_section(review, SectionKey.PURPOSE, "Clerk's purpose"),
        lambda: cara.conferences.update_details(review, date(2027, 2, 16)),
        lambda: admin.mapping.add_item(review, Section.DANGER, "Admin's words"),  # admins cancel, not edit
    ]
    before = _texts(admin, review)
    for attempt in refusals:
        with pytest.raises(CheckedOut, match="Priya Raman has it on a laptop since .*read-only here"):
            attempt()
    assert _texts(admin, review) == before
    cara.mapping.add_item(first, Section.DANGER, "The earlier conference is not out")  # not refused
    priya.mapping.add_item(review, Section.DANGER, "Priya at her desk")  # the holder may
    with pytest.raises(AlreadyCheckedOut, match="Priya Raman has it"):
        OfflineService(_as(admin, OMAR).ctx).take(review, laptop[0])
    with pytest.raises(PermissionDenied, match="only they can bring it back"):
        OfflineService(_as(admin, OMAR).ctx).prepare_bring_back(review, laptop[0])
    with pytest.raises(PermissionDenied):
        OfflineService(cara.ctx).cancel(review)  # administrators only
    assert OfflineService(admin.ctx).cancel(review).holder_username == "priya"
    cara.mapping.add_item(review, Section.DANGER, "Clerk's words, after the cancel")
    assert _actions(admin, review) == [AuditAction.CHECKED_OUT, AuditAction.CHECKOUT_CANCELLED]


def test_bring_back_merges_field_by_field_with_a_team_edit(team, laptop):
    """The meeting on the laptop; meanwhile (the checkout cancelled by an administrator) the clerk edits
    the same map item and the plan's contingency on the team store: one Mine/Theirs conflict, the other
    changes merged silently both ways."""
    admin, priya, cara, review, _first = team
    laptop_services = laptop[0]
    OfflineService(priya.ctx).take(review, laptop_services)
    contested = next(iter(_texts(admin, review)))
    laptop_services.mapping.edit_text(contested, "Laptop: Nana Zofia walks them every day.")
    added = laptop_services.mapping.add_item(review, Section.DANGER, "Laptop: said at the meeting").id
    laptop_services.records.save_section(review, SectionKey.PURPOSE, "Laptop: review purpose")
    OfflineService(admin.ctx).cancel(review)
    cara.mapping.edit_text(contested, "Team: Nana Zofia walks them on Mondays.")
    cara.plans.save_header(review, PlanHeaderInput("No contact with Mr Černý.", "Team: new contingency."))

    offline = OfflineService(priya.ctx)
    prepared = offline.prepare_bring_back(review, laptop_services)
    assert prepared.checkout is None  # cancelled: brought back all the same, through the merge
    assert prepared.plan.base_found
    assert [(c.path, c.mine, c.theirs) for c in prepared.plan.conflicts] == [
        (
            f"map_items[{contested}].text",
            "Team: Nana Zofia walks them on Mondays.",
            "Laptop: Nana Zofia walks them every day.",
        )
    ]
    assert f"map_items[{added}]" in prepared.plan.merge.taken
    assert "plan.contingency" in prepared.plan.merge.kept
    with pytest.raises(FileRejected) as refused:
        offline.bring_back(prepared)  # never silently
    assert refused.value.problems[0].message.startswith("Choose mine or theirs for Signs of Safety map")
    result = offline.bring_back(prepared, {prepared.plan.conflicts[0].path: "theirs"})
    assert (result.conflicts, result.chose_laptop) == (1, 1)
    assert result.taken >= 2
    assert result.kept >= 1
    texts = _texts(admin, review)
    assert texts[contested] == "Laptop: Nana Zofia walks them every day."
    assert texts[added] == "Laptop: said at the meeting"
    assert admin.plans.header(review).contingency == "Team: new contingency."
    purpose = {s.key: s.text for s in admin.records.get(review).sections}[SectionKey.PURPOSE]
    assert purpose == "Laptop: review purpose"
    assert OfflineService(admin.ctx).checkout(review) is None
    assert _actions(admin, review) == [
        AuditAction.CHECKED_OUT,
        AuditAction.CHECKOUT_CANCELLED,
        AuditAction.CHECKED_IN,
    ]
    checked_in = [
        e for e in admin.audit.events(admin.ctx.session.user, review) if e.action is AuditAction.CHECKED_IN
    ][0]
    assert checked_in.actor == "priya"
    assert checked_in.after is not None
    assert (checked_in.after["conflicts"], checked_in.after["chose_laptop"]) == (1, 1)
    assert checked_in.after["checkout"] == "cancelled before"
    assert admin.audit.verify().breaks == ()


def test_bring_back_by_the_holder_clears_the_checkout(team, laptop):
    admin, priya, cara, review, _first = team
    laptop_services = laptop[0]
    offline = OfflineService(priya.ctx)
    offline.take(review, laptop_services)
    laptop_services.plans.save_header(review, PlanHeaderInput("No contact with Mr Černý.", "From the laptop"))
    priya.mapping.add_item(review, Section.STRENGTHS, "Priya at her desk, meanwhile")  # the holder
    prepared = offline.prepare_bring_back(review, laptop_services)
    assert prepared.checkout is not None
    assert prepared.plan.conflicts == []
    result = offline.bring_back(prepared)
    assert (result.taken, result.conflicts) == (1, 0)
    assert admin.plans.header(review).contingency == "From the laptop"
    assert "Priya at her desk, meanwhile" in _texts(admin, review).values()
    assert OfflineService(admin.ctx).checkouts() == {}
    cara.mapping.add_item(review, Section.DANGER, "Editable by everyone again")
    # The laptop's copy is now the one brought back: it can be taken again.
    assert offline.take(review, laptop_services).conferences == 2


def test_a_laptop_copy_not_brought_back_is_never_overwritten(team, laptop):
    admin, priya, _cara, review, _first = team
    laptop_services = laptop[0]
    OfflineService(priya.ctx).take(review, laptop_services)
    laptop_services.mapping.add_item(review, Section.DANGER, "Only on the laptop")
    OfflineService(admin.ctx).cancel(review)
    before = store_fingerprint_of(laptop_services)
    with pytest.raises(NotBroughtBack, match="never brought back"):
        OfflineService(priya.ctx).take(review, laptop_services)
    assert store_fingerprint_of(laptop_services) == before
    assert OfflineService(admin.ctx).checkout(review) is None


def store_fingerprint_of(services: Services) -> str:
    class _Store:  # store_fingerprint reads through uow() only
        uow = staticmethod(services.ctx.uow)

    return store_fingerprint(_Store())  # type: ignore[arg-type]


def test_the_laptop_copy_survives_a_restart(team, laptop):
    """Closed and opened again with the same password (the app restarted at the venue): all there."""
    _admin, priya, _cara, review, first = team
    laptop_services, location, first_close = laptop
    OfflineService(priya.ctx).take(review, laptop_services)
    laptop_services.mapping.add_item(review, Section.DANGER, "Typed at the venue")
    expected = _texts(laptop_services, review)
    first_close()
    again, close, recovery = open_laptop(location, "priya", PASSWORD, "Priya Raman", Role.CHAIR)
    try:
        assert recovery is None
        assert _texts(again, review) == expected
        assert {c.id for c in again.conferences.all()} == {first, review}
    finally:
        close()


def test_a_final_earlier_record_goes_as_history_and_stays_final_here(services, laptop):
    """The family's earlier conference, final and signed on the team store, is copied with its map; the
    laptop cannot check the team's signature, so there it awaits approval, and it is never brought back
    (only the conference taken out is): on the team store it stays final."""
    from tests.services.played_meeting import finalise

    first = rich_conference(services)
    services.conferences.mark_held(first, TODAY)
    finalise(services, first)
    family_id = services.conferences.get(first).family_id
    kids = services.families.get(family_id).children
    review = services.conferences.book(
        family_id,
        ConferenceType.REVIEW,
        date(2027, 2, 15),
        previous_conference_id=first,
        advocacy={c.id: ("declined", "") for c in kids},
    ).id
    priya, laptop_services = _as(services, PRIYA), laptop[0]
    offline = OfflineService(priya.ctx)
    assert offline.take(review, laptop_services).conferences == 2
    assert _texts(laptop_services, first) == _texts(services, first)
    assert laptop_services.records.get(first).state.value == "awaiting_approval"
    laptop_services.mapping.add_item(review, Section.DANGER, "Said at the review")
    assert offline.bring_back(offline.prepare_bring_back(review, laptop_services)).taken == 1
    assert services.records.get(first).state.value == "final"
    assert "Said at the review" in _texts(services, review).values()
