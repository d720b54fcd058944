"""Issue 18 item 5 through the services: the decision letter to each parent (built for that parent, its
PDF, recorded as sent and audited, its clock on the strip's list and in the clerk's queue), and the
corrections window (logged, declined with a reason, accepted as a signed amendment)."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from iro_desktop.domain.audience import AudienceKind, Reason, audience
from iro_desktop.domain.clocks import ClockKind, ClockState
from iro_desktop.domain.errors import NotFound, ValidationError
from iro_desktop.domain.letters import CorrectionInput, CorrectionOutcome, RequesterKind
from iro_desktop.domain.mapping import Section
from iro_desktop.domain.people import Role
from iro_desktop.domain.record import RecordState, SectionKey, SendMethod
from iro_desktop.domain.roles import PermissionDenied, User
from iro_desktop.domain.roles import Role as UserRole
from iro_desktop.services.rules import CALENDAR
from tests.export.pdftext import page_texts
from tests.services.played_meeting import finalise, held_before_today, play_demo_meeting

MANAGER = User("u3", "lee", "Lee Manager", UserRole.MANAGER)


@pytest.fixture
def played(services):
    played = play_demo_meeting(services)
    held_before_today(services, played.conference_id)
    return played


def _parents(services, cid):
    return {s.person_name: s for s in services.letters.statuses(cid)}


def _hold_back_first_goal(services, cid, parent_id):
    """Keep the first safety goal (which plan action 1 works towards) from one parent."""
    goal = services.mapping.board(cid).section(Section.SAFETY_GOALS)[0]
    services.mapping.set_audience(goal.id, audience(AudienceKind.EXCEPT, [parent_id], Reason.ADDRESS))
    return goal


def test_each_parent_is_owed_a_letter_due_one_working_day_after(services, played):
    statuses = services.letters.statuses(played.conference_id)
    conference = services.conferences.get(played.conference_id)
    assert statuses, "the demo family has parents on the list"
    assert {s.role for s in statuses} <= {Role.PARENT, Role.CARER}
    held = conference.held_on or conference.date
    assert {s.due for s in statuses} == {CALENDAR.add_working_days(held, 1)}
    assert all(s.sent_on is None for s in statuses)


def test_the_letter_holds_each_childs_outcome_and_nothing_kept_from_that_parent(services, played):
    cid = played.conference_id
    parents = _parents(services, cid)
    mum = parents["Katarzyna Wójcik"]
    other = next(s for name, s in parents.items() if name != "Katarzyna Wójcik")
    goal = _hold_back_first_goal(services, cid, mum.person_id)
    letter = services.letters.letter(cid, mum.person_id)
    assert [c.name for c in letter.children] == [
        c.name for c in services.letters.letter(cid, other.person_id).children
    ]
    outcomes = {c.name.split()[0]: c for c in letter.children}
    assert outcomes["Zoë"].category == "Neglect"
    assert outcomes["Łucja"].category == ""
    assert "child in need" in outcomes["Łucja"].plain_outcome
    assert letter.actions
    assert all(a.goal != goal.text for a in letter.actions)
    assert any(a.goal == goal.text for a in services.letters.letter(cid, other.person_id).actions)
    assert letter.core_group_date is not None
    assert letter.review_date is not None
    assert letter.made_for == "Made for Katarzyna Wójcik (Parent)"


def test_the_letter_pdf_says_whom_it_is_for_on_every_page(services, played, tmp_path):
    cid = played.conference_id
    mum = _parents(services, cid)["Katarzyna Wójcik"]
    goal = _hold_back_first_goal(services, cid, mum.person_id)
    path = services.letters.export(cid, mum.person_id, tmp_path)
    assert "Wójcik" not in path.name
    assert path.name.startswith(played.family_reference)
    pages = page_texts(path.read_bytes())
    for text in pages:
        assert "OFFICIAL-SENSITIVE" in text
        assert "Made for Katarzyna Wójcik (Parent)" in text
    whole = " ".join(pages)
    assert goal.text not in whole
    assert "Neglect" in whole
    assert "How to complain" in whole
    assert "If something is wrong" in whole
    events = services.audit.events(services.ctx.session.user)
    assert any(e.entity_type == "decision_letter" and e.action.value == "exported" for e in events)


def test_marking_sent_is_stored_audited_and_stops_the_clock(services, played):
    cid = played.conference_id
    today = services.ctx.today()
    before = {c.kind: c for c in services.clocks.for_conference(cid)}
    assert before[ClockKind.DECISION_LETTER].done_on is None
    for status in services.letters.statuses(cid):
        services.letters.mark_sent(cid, status.person_id, today, SendMethod.POST)
    after = {c.kind: c for c in services.clocks.for_conference(cid)}
    assert after[ClockKind.DECISION_LETTER].done_on == today
    assert after[ClockKind.DECISION_LETTER].state in (ClockState.MET, ClockState.LATE)
    statuses = services.letters.statuses(cid)
    assert {(s.sent_on, s.method) for s in statuses} == {(today, SendMethod.POST)}
    created = [
        e for e in services.audit.events(services.ctx.session.user) if e.entity_type == "decision_letter"
    ]
    assert len(created) == len(statuses)
    assert all(e.after["method"] == "post" for e in created)


def test_a_bad_date_or_a_professional_is_refused(services, played):
    cid = played.conference_id
    mum = _parents(services, cid)["Katarzyna Wójcik"]
    with pytest.raises(ValidationError) as caught:
        services.letters.mark_sent(
            cid, mum.person_id, services.ctx.today() + timedelta(days=1), SendMethod.POST
        )
    assert caught.value.problems[0].field == "sent_on"
    professional = next(i for i in services.attendance.invitations(cid) if not i.role.is_family)
    with pytest.raises(NotFound):
        services.letters.mark_sent(cid, professional.person_id, services.ctx.today(), SendMethod.POST)
    assert all(s.sent_on is None for s in services.letters.statuses(cid))


def test_the_clerks_queue_shows_the_letters_owed(services, played):
    entry = next(e for e in services.records.queue() if e.conference_id == played.conference_id)
    assert entry.letter_due is not None
    assert entry.letters_unsent == len(services.letters.statuses(played.conference_id))
    for status in services.letters.statuses(played.conference_id):
        services.letters.mark_sent(
            played.conference_id, status.person_id, services.ctx.today(), SendMethod.BY_HAND
        )
    entry = next(e for e in services.records.queue() if e.conference_id == played.conference_id)
    assert entry.letters_unsent == 0
    assert entry.letter_text == "✔ All sent"


def _sent_record(services, cid):
    finalise(services, cid)
    record = services.records.get(cid)
    sent_on = services.ctx.today() - timedelta(days=2)
    for recipient in record.recipients:
        services.records.mark_sent(cid, recipient.id, sent_on, SendMethod.SECURE_EMAIL)
    return sent_on


def test_the_corrections_window_opens_when_the_record_is_sent(services, played):
    cid = played.conference_id
    assert services.corrections.window(cid).record_sent_on is None
    sent_on = _sent_record(services, cid)
    window = services.corrections.window(cid)
    assert window.record_sent_on == sent_on
    assert window.ends_on == CALENDAR.add_working_days(sent_on, 10)
    late = services.corrections.log(
        cid,
        CorrectionInput(
            "Dr Farhan Qureshi", RequesterKind.AGENCY, "Wrong surgery named.", sent_on - timedelta(days=1)
        ),
    )
    assert not late.in_window  # before the record was sent: logged, marked outside the window


def test_a_declined_request_keeps_its_reason(services, played):
    cid = played.conference_id
    _sent_record(services, cid)
    mum = _parents(services, cid)["Katarzyna Wójcik"]
    request = services.corrections.log(
        cid,
        CorrectionInput(
            "Katarzyna Wójcik",
            RequesterKind.PARENT,
            "I did not say that.",
            services.ctx.today(),
            mum.person_id,
        ),
    )
    assert request.in_window
    assert request.outcome is CorrectionOutcome.PENDING
    with pytest.raises(ValidationError) as caught:
        services.corrections.decline(request.id, " ")
    assert caught.value.problems[0].field == "outcome_reason"
    done = services.corrections.decline(request.id, "The minute-taker's notes record it as said.")
    assert done.outcome is CorrectionOutcome.DECLINED
    assert done.decided_on == services.ctx.today()
    assert services.records.get(cid).versions[-1].number == 1  # no amendment
    with pytest.raises(ValidationError):
        services.corrections.decline(request.id, "again")


def test_an_accepted_request_is_made_as_a_signed_amendment(services, played):
    cid = played.conference_id
    _sent_record(services, cid)
    request = services.corrections.log(
        cid,
        CorrectionInput(
            "Nkechi Adeyemi",
            RequesterKind.AGENCY,
            "The school is St Anne's, not St Ann's.",
            services.ctx.today(),
        ),
    )
    corrected = "Police were called on 4 October; the family moved twice this year."
    done = services.corrections.accept(
        request.id, {(SectionKey.BACKGROUND, ""): corrected}, "The police log shows 4 October."
    )
    assert done.outcome is CorrectionOutcome.ACCEPTED
    assert done.amendment_version == 2
    record = services.records.get(cid)
    assert record.state is RecordState.DISTRIBUTED or record.state.locked
    assert record.versions[-1].number == 2
    assert "Nkechi Adeyemi" in record.versions[-1].reason
    assert any(s.text == corrected for s in record.sections)
    assert services.records.lock_intact(cid)
    # It survives a fresh read, with its outcome.
    again = services.corrections.requests(cid)
    assert [(r.outcome, r.amendment_version) for r in again] == [(CorrectionOutcome.ACCEPTED, 2)]


def test_a_manager_may_not_log_or_decide(services, played):
    from tests.signing import with_key

    with_key(services, MANAGER)
    with pytest.raises(PermissionDenied):
        services.corrections.log(
            played.conference_id, CorrectionInput("X", RequesterKind.AGENCY, "x", date(2026, 11, 20))
        )
