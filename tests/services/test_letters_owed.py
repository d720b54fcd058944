"""Held conferences from before the store recorded decision letters (the demo's older conference) are not
shown as letters overdue: not in the clerk's queue, not on the conference's clocks, not in the letters
panel's list; conferences held from that day on owe them; recording a letter follows one up again."""

from __future__ import annotations

from iro_desktop.domain.audit import AuditAction
from iro_desktop.domain.clocks import ClockKind, ClockState
from iro_desktop.domain.conference import ConferenceStatus
from iro_desktop.domain.letters import NOT_OWED_BEFORE
from iro_desktop.domain.local_rules import LocalRules
from iro_desktop.domain.record import SendMethod
from iro_desktop.services.rules import record_letters_from
from tests.services.played_meeting import held_before_today, play_demo_meeting


def _older(services) -> str:
    family = next(f for f in services.families.search("DEMO-0002") if f.reference == "DEMO-0002")
    held = [c for c in services.conferences.for_family(family.id) if c.status is ConferenceStatus.HELD]
    return held[-1].id


def _letter_clock(services, cid):
    return next(c for c in services.clocks.for_conference(cid) if c.kind is ClockKind.DECISION_LETTER)


def test_the_demos_older_conference_owes_no_letters_and_the_meeting_held_since_does(services, backend):
    played = play_demo_meeting(services)
    held_before_today(services, played.conference_id)
    older = _older(services)
    cut = services.rules.get().letters_from
    assert cut is not None
    assert (
        services.conferences.get(older).held_on
        < cut
        <= services.conferences.get(played.conference_id).held_on
    )

    entry = next(e for e in services.records.queue() if e.conference_id == older)
    assert entry.letter_due is None
    assert not entry.letters_overdue
    assert entry.letter_text == "– None owed"
    clock = _letter_clock(services, older)
    assert (clock.state, clock.detail) == (ClockState.NOT_APPLICABLE, NOT_OWED_BEFORE)
    statuses = services.letters.statuses(older)
    assert statuses
    assert {s.not_owed for s in statuses} == {NOT_OWED_BEFORE}

    played_entry = next(e for e in services.records.queue() if e.conference_id == played.conference_id)
    assert played_entry.letter_due is not None
    assert played_entry.letters_unsent == len(services.letters.statuses(played.conference_id))
    assert _letter_clock(services, played.conference_id).state is not ClockState.NOT_APPLICABLE
    assert all(s.not_owed == "" for s in services.letters.statuses(played.conference_id))


def test_recording_one_letter_for_an_older_conference_follows_the_others_up(services, backend):
    play_demo_meeting(services)
    older = _older(services)
    first, *others = services.letters.statuses(older)
    assert others, "the demo's older conference has two parents on its list"
    services.letters.mark_sent(older, first.person_id, services.ctx.today(), SendMethod.POST)
    entry = next(e for e in services.records.queue() if e.conference_id == older)
    assert entry.letter_due is not None
    assert entry.letters_unsent == len(others)
    assert entry.letters_overdue  # held weeks ago: the rest are late now they are followed up here
    assert _letter_clock(services, older).state is ClockState.OVERDUE


def test_the_day_is_kept_once_audited_and_survives_saving_the_rules(services, backend):
    record_letters_from(services.ctx, services.ctx.today())
    kept = services.rules.get().letters_from
    assert kept == services.ctx.today()
    record_letters_from(services.ctx, services.ctx.today().replace(year=2020))  # a second time: nothing
    assert services.rules.get().letters_from == kept
    services.rules.save(LocalRules(alert_response_days=7))
    assert services.rules.get().letters_from == kept
    trail = services.audit.events(services.ctx.session.user)[::-1]  # oldest first
    events = [e for e in trail if e.entity_type == "local_rules"]
    assert [e.action for e in events][:1] == [AuditAction.CREATED]
    assert events[0].after == {"letters_from": kept.isoformat()}
    assert any(e.action is AuditAction.CHANGED and "alerts.response_days" in str(e.after) for e in events)
