"""Conferences: booking, status (held, stood down, adjourned), report dates, advocacy."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, time

from iro_desktop.domain.attendance import AdvocacyAnswer, AdvocacyRecord, validate_advocacy
from iro_desktop.domain.clocks import conference_due
from iro_desktop.domain.concurrency import ReadAs, merged
from iro_desktop.domain.conference import (
    BookingInput,
    ClockStartKind,
    Conference,
    ConferenceStatus,
    ConferenceType,
    validate_booking,
    validate_held,
    validate_stood_down,
)
from iro_desktop.domain.errors import Problem, ValidationError, raise_if
from iro_desktop.domain.roles import Action
from iro_desktop.services.checkouts import ensure_not_checked_out
from iro_desktop.services.context import ServiceContext
from iro_desktop.services.permissions import requires
from iro_desktop.services.records import ensure_not_final
from iro_desktop.services.rules import CALENDAR, load_rules
from iro_desktop.store.decision_repository import DecisionRepository
from iro_desktop.store.models import ConferenceRow, InvitationRow
from iro_desktop.store.people_repositories import AdvocacyRepository, PersonRepository, advocacy_to_domain
from iro_desktop.store.repositories import (
    ConferenceRepository,
    FamilyRepository,
    conference_to_domain,
    family_to_domain,
)
from iro_desktop.store.uow import UnitOfWork


class ConferenceService:
    def __init__(self, ctx: ServiceContext) -> None:
        self.ctx = ctx

    @requires(Action.BOOK_CONFERENCE)
    def book(
        self,
        family_id: str,
        conference_type: ConferenceType,
        scheduled_date: date | None,
        clock_start: date | None = None,
        start_time: time | None = None,
        venue: str = "",
        chair_name: str = "",
        *,
        clock_start_kind: ClockStartKind | None = None,
        previous_conference_id: str | None = None,
        clerk_name: str = "",
        interpreter_language: str = "",
        lateness_reason: str = "",
        advocacy: dict[str, tuple[str, str]] | None = None,
        invite: list[str] | None = None,
        invited_on: date | None = None,
    ) -> Conference:
        """Book a conference; nothing is stored if anything is wrong.

        Reviews run their clock from the previous conference (which must exist for this family).
        Every child aged 10 or over on the conference date needs an advocacy answer
        (child id -> (code, note)).
        `invite` adds these people to the invitation list, invited on `invited_on` when given.
        """
        data = BookingInput(
            family_id=family_id,
            conference_type=conference_type,
            scheduled_date=scheduled_date,
            clock_start=clock_start,
            clock_start_kind=clock_start_kind,
            previous_conference_id=previous_conference_id,
            start_time=start_time,
            venue=venue,
            chair_name=chair_name,
            clerk_name=clerk_name,
            interpreter_language=interpreter_language,
            lateness_reason=lateness_reason,
        )
        today = self.ctx.today()
        with self.ctx.uow() as uow:
            family = family_to_domain(FamilyRepository(uow.session).get(family_id))
            rules = load_rules(uow).clocks
            previous = self._previous(uow, family_id, previous_conference_id, conference_type)
            start = previous.date if (conference_type.is_review and previous) else clock_start
            due = conference_due(conference_type, start, rules, CALENDAR)
            problems = validate_booking(
                data,
                due=due,
                previous=previous,
                has_unborn_child=any(c.unborn and c.expected_date for c in family.children),
            )
            # Ages as on the conference date (issue 17): a child who turns 10 before the day is asked.
            problems += validate_advocacy(family.children, scheduled_date or today, advocacy or {})
            raise_if(problems)
            assert scheduled_date is not None
            row = ConferenceRepository(uow.session).add(
                ConferenceRow(
                    family_id=family_id,
                    conference_type=conference_type.value,
                    clock_start=start,
                    clock_start_kind=(
                        ClockStartKind.PREVIOUS_CONFERENCE.value
                        if conference_type.is_review
                        else (clock_start_kind or ClockStartKind.STRATEGY_DISCUSSION).value
                    ),
                    previous_conference_id=previous.id if previous else None,
                    scheduled_date=scheduled_date,
                    start_time=start_time,
                    venue=venue.strip(),
                    status=ConferenceStatus.SCHEDULED.value,
                    chair_name=chair_name.strip(),
                    clerk_name=clerk_name.strip(),
                    interpreter_language=interpreter_language.strip(),
                    lateness_reason=lateness_reason.strip() if due and scheduled_date > due else "",
                )
            )
            uow.flush()
            advocacy_repo = AdvocacyRepository(uow.session)
            for child_id, (code, note) in (advocacy or {}).items():
                if code:
                    advocacy_repo.set(row.id, child_id, code, note.strip())
            people = PersonRepository(uow.session)
            for person_id in dict.fromkeys(invite or []):
                people.get(person_id)
                uow.session.add(
                    InvitationRow(conference_id=row.id, person_id=person_id, invited_on=invited_on)
                )
            uow.commit()
            return conference_to_domain(row)

    def _previous(
        self, uow: UnitOfWork, family_id: str, previous_id: str | None, conference_type: ConferenceType
    ) -> Conference | None:
        if not conference_type.is_review:
            return None
        repo = ConferenceRepository(uow.session)
        if previous_id:
            return conference_to_domain(repo.get(previous_id))
        earlier = [
            conference_to_domain(r)
            for r in repo.for_family(family_id)
            if r.status in (ConferenceStatus.HELD.value, ConferenceStatus.SCHEDULED.value)
        ]
        return earlier[-1] if earlier else None

    @requires(Action.VIEW)
    def due_date(
        self,
        family_id: str,
        conference_type: ConferenceType,
        clock_start: date | None,
        previous_conference_id: str | None = None,
    ) -> date | None:
        """The last day in timescale for a conference being booked (shown live on the booking form)."""
        with self.ctx.uow() as uow:
            rules = load_rules(uow).clocks
            previous = self._previous(uow, family_id, previous_conference_id, conference_type)
            start = previous.date if (conference_type.is_review and previous) else clock_start
            return conference_due(conference_type, start, rules, CALENDAR)

    @requires(Action.RESCHEDULE)
    def update_details(
        self,
        conference_id: str,
        scheduled_date: date | None,
        start_time: time | None = None,
        venue: str = "",
        chair_name: str = "",
        clerk_name: str = "",
        interpreter_language: str = "",
        lateness_reason: str = "",
        read: ReadAs | None = None,
    ) -> Conference:
        """Change a booked conference's date, time, venue, chair, clerk or interpreter. The same rules as
        booking apply: not before the clock start, and a reason when the new date is late. With `read`
        (the version and details on screen, issue 16), someone else's change since to other details is
        kept; a different change of the same one raises EditConflict with both (nothing stored)."""
        with self.ctx.uow() as uow:
            repo = ConferenceRepository(uow.session)
            row = repo.get(conference_id)
            if read is not None:
                mine = merged(
                    "the booking",
                    read,
                    {
                        "scheduled_date": scheduled_date,
                        "start_time": start_time,
                        "venue": venue.strip(),
                        "chair_name": chair_name.strip(),
                        "clerk_name": clerk_name.strip(),
                        "interpreter_language": interpreter_language.strip(),
                        "lateness_reason": lateness_reason.strip(),
                    },
                    conference_to_domain(row).details(),
                    row.version,
                )
                scheduled_date, start_time = mine["scheduled_date"], mine["start_time"]
                venue, chair_name, clerk_name = mine["venue"], mine["chair_name"], mine["clerk_name"]
                interpreter_language, lateness_reason = mine["interpreter_language"], mine["lateness_reason"]
            ensure_not_final(uow.session, conference_id)  # date, venue, chair are on the final record
            ensure_not_checked_out(self.ctx, uow.session, conference_id)  # issue 16: on a laptop
            if row.status not in (ConferenceStatus.SCHEDULED.value, ConferenceStatus.ADJOURNED.value):
                raise ValidationError(
                    [Problem("scheduled_date", "Only a scheduled or adjourned conference can be changed.")]
                )
            conference = conference_to_domain(row)
            kind = conference.conference_type
            due = conference_due(kind, row.clock_start, load_rules(uow).clocks, CALENDAR)
            previous = (
                conference_to_domain(repo.get(row.previous_conference_id))
                if row.previous_conference_id
                else None
            )
            data = BookingInput(
                family_id=row.family_id,
                conference_type=kind,
                scheduled_date=scheduled_date,
                clock_start=row.clock_start,
                previous_conference_id=row.previous_conference_id,
                start_time=start_time,
                venue=venue,
                chair_name=chair_name,
                clerk_name=clerk_name,
                interpreter_language=interpreter_language,
                lateness_reason=lateness_reason,
            )
            problems = validate_booking(data, due=due, previous=previous, has_unborn_child=True)
            if kind.is_review and previous is None:  # booked before records were kept: no previous to check
                problems = [p for p in problems if p.field != "previous_conference"]
            raise_if(problems)
            assert scheduled_date is not None
            row.scheduled_date = scheduled_date
            row.start_time = start_time
            row.venue = venue.strip()
            row.chair_name = chair_name.strip()
            row.clerk_name = clerk_name.strip()
            row.interpreter_language = interpreter_language.strip()
            row.lateness_reason = lateness_reason.strip() if due and scheduled_date > due else ""
            uow.flush()  # the version returned is the one stored
            uow.commit()
            return conference_to_domain(row)

    @requires(Action.VIEW)
    def get(self, conference_id: str) -> Conference:
        with self.ctx.uow() as uow:
            return conference_to_domain(ConferenceRepository(uow.session).get(conference_id))

    @requires(Action.VIEW)
    def for_family(self, family_id: str) -> list[Conference]:
        with self.ctx.uow() as uow:
            return [conference_to_domain(r) for r in ConferenceRepository(uow.session).for_family(family_id)]

    @requires(Action.VIEW)
    def all(self) -> list[Conference]:
        with self.ctx.uow() as uow:
            return [conference_to_domain(r) for r in ConferenceRepository(uow.session).upcoming()]

    @requires(Action.VIEW)
    def recent(self, since: date, include: Iterable[str | None] = ()) -> list[Conference]:
        """Open conferences, those dated on or after `since`, and the `include`d ones, in booking order:
        a picker's list without ten years of history."""
        wanted = [i for i in include if i]
        with self.ctx.uow() as uow:
            return [conference_to_domain(r) for r in ConferenceRepository(uow.session).recent(since, wanted)]

    @requires(Action.RUN_MEETING)
    def mark_held(self, conference_id: str, held_on: date | None, lateness_reason: str = "") -> Conference:
        """The conference took place; a reason is required when it was out of timescale."""
        with self.ctx.uow() as uow:
            row = ConferenceRepository(uow.session).get(conference_id)
            rules = load_rules(uow).clocks
            due = conference_due(ConferenceType(row.conference_type), row.clock_start, rules, CALENDAR)
            reason = lateness_reason.strip() or row.lateness_reason
            raise_if(validate_held(held_on, due, reason, self.ctx.today(), row.scheduled_date))
            row.held_on = held_on
            row.status = ConferenceStatus.HELD.value
            row.lateness_reason = reason if due and held_on and held_on > due else ""
            uow.commit()
            return conference_to_domain(row)

    @requires(Action.STAND_DOWN)
    def stand_down(
        self, conference_id: str, reason_code: str, note: str = "", rearranged_to_id: str | None = None
    ) -> Conference:
        return self._set_status(
            conference_id, ConferenceStatus.STOOD_DOWN, reason_code, note, rearranged_to_id
        )

    @requires(Action.STAND_DOWN)
    def adjourn(
        self, conference_id: str, reason_code: str, note: str = "", rearranged_to_id: str | None = None
    ) -> Conference:
        return self._set_status(
            conference_id, ConferenceStatus.ADJOURNED, reason_code, note, rearranged_to_id
        )

    def _set_status(
        self,
        conference_id: str,
        status: ConferenceStatus,
        reason_code: str,
        note: str,
        rearranged_to_id: str | None,
    ) -> Conference:
        with self.ctx.uow() as uow:
            reasons = load_rules(uow).stood_down_reasons
            raise_if(validate_stood_down(reason_code, reasons, note))
            repo = ConferenceRepository(uow.session)
            row = repo.get(conference_id)
            if rearranged_to_id:
                other = repo.get(rearranged_to_id)
                if other.family_id != row.family_id or other.id == row.id:
                    raise ValidationError(
                        [Problem("rearranged_to_id", "Choose another conference of this family.")]
                    )
            row.status = status.value
            row.stood_down_reason = reason_code
            row.status_note = note.strip()
            row.rearranged_to_id = rearranged_to_id or None
            uow.commit()
            return conference_to_domain(row)

    @requires(Action.TRACK_TIMESCALES)
    def record_reports(
        self, conference_id: str, to_parents_on: date | None, to_chair_on: date | None
    ) -> Conference:
        """When the social worker's report reached the parents and the chair (flagged against the clock)."""
        today = self.ctx.today()
        problems = [
            Problem(field, "This date is in the future.")
            for field, value in (("report_to_parents_on", to_parents_on), ("report_to_chair_on", to_chair_on))
            if value is not None and value > today
        ]
        raise_if(problems)
        with self.ctx.uow() as uow:
            row = ConferenceRepository(uow.session).get(conference_id)
            row.report_to_parents_on = to_parents_on
            row.report_to_chair_on = to_chair_on
            uow.commit()
            return conference_to_domain(row)

    @requires(Action.TRACK_TIMESCALES)
    def record_follow_up(
        self, conference_id: str, core_group_on: date | None, record_distributed_on: date | None
    ) -> Conference:
        """First core group date and the day the record went out."""
        with self.ctx.uow() as uow:
            row = ConferenceRepository(uow.session).get(conference_id)
            problems: list[Problem] = []
            for field, value in (
                ("core_group_on", core_group_on),
                ("record_distributed_on", record_distributed_on),
            ):
                if value is not None and row.held_on is not None and value < row.held_on:
                    problems.append(Problem(field, "This date is before the conference was held."))
            if record_distributed_on is not None and record_distributed_on > self.ctx.today():
                problems.append(Problem("record_distributed_on", "This date is in the future."))
            raise_if(problems)
            row.core_group_on = core_group_on
            row.record_distributed_on = record_distributed_on
            uow.commit()
            return conference_to_domain(row)

    @requires(Action.VIEW)
    def advocacy(self, conference_id: str) -> list[AdvocacyRecord]:
        with self.ctx.uow() as uow:
            return [
                advocacy_to_domain(r) for r in AdvocacyRepository(uow.session).for_conference(conference_id)
            ]

    @requires(Action.TRACK_TIMESCALES)
    def set_advocacy(
        self,
        conference_id: str,
        child_id: str,
        answer: AdvocacyAnswer,
        note: str = "",
        read: ReadAs | None = None,
    ) -> AdvocacyRecord:
        """With `read` (the answer and note shown, issue 16; version 0: not answered yet), someone
        else's change since to the other one is kept; a different change of the same one (or a different
        first answer) raises EditConflict with both (nothing stored)."""
        _check_advocacy(child_id, answer, note)
        with self.ctx.uow() as uow:
            ConferenceRepository(uow.session).get(conference_id)
            repo = AdvocacyRepository(uow.session)
            if read is not None:
                row = repo.find(conference_id, child_id)
                stored = advocacy_to_domain(row) if row is not None else None
                child = DecisionRepository(uow.session).child(child_id)
                name = f"{child.given_name} {child.family_name}".strip() if child is not None else "the child"
                chosen = merged(
                    f"{name}’s advocacy",
                    read,
                    {"answer": answer, "note": note.strip()},
                    {"answer": stored.answer, "note": stored.note} if stored is not None else {},
                    stored.version if stored is not None else 0,
                )
                answer, note = chosen["answer"], chosen["note"]
                _check_advocacy(child_id, answer, note)
            row = repo.set(conference_id, child_id, answer.value, note.strip())
            uow.flush()  # the version returned is the one stored
            uow.commit()
            return advocacy_to_domain(row)


def _check_advocacy(child_id: str, answer: AdvocacyAnswer, note: str) -> None:
    if answer is AdvocacyAnswer.NOT_OFFERED and not note.strip():
        raise ValidationError([Problem(f"advocacy[{child_id}]", "Say why advocacy was not offered.")])
