"""Queries and row-to-domain mapping for families, children and conferences."""

from __future__ import annotations

from collections.abc import Collection, Iterable
from datetime import date
from typing import Any

from sqlalchemy import ColumnElement, and_, exists, func, or_, select
from sqlalchemy.orm import Session, aliased, selectinload

from iro_desktop.domain.conference import ClockStartKind, Conference, ConferenceStatus, ConferenceType
from iro_desktop.domain.errors import NotFound
from iro_desktop.domain.family import Child, Family, Gender
from iro_desktop.domain.text_rules import search_key
from iro_desktop.store.models import ChildDecisionRow, ChildRow, ConferenceRow, FamilyRow, PersonRow
from iro_desktop.store.ordering import stable_order

# Conferences not yet held or stood down: a chair still has to act on each of them.
OPEN_STATUSES = (ConferenceStatus.SCHEDULED, ConferenceStatus.IN_PROGRESS, ConferenceStatus.ADJOURNED)
# Bound parameters per IN list: well under SQLite's limit, however many ids a caller has.
CHUNK = 500
# Conferences in the order they are booked; the id settles ties, so every listing is the same each time.
BOOKING_ORDER = (ConferenceRow.scheduled_date, ConferenceRow.start_time, ConferenceRow.id)


# The columns of a child in the order of domain Child's fields (search builds thousands of them).
CHILD_COLUMNS = (
    ChildRow.id,
    ChildRow.family_id,
    ChildRow.given_name,
    ChildRow.family_name,
    ChildRow.date_of_birth,
    ChildRow.expected_date,
    ChildRow.unborn,
    ChildRow.gender,
    ChildRow.ethnicity_code,
    ChildRow.disability,
    ChildRow.case_number,
    ChildRow.disability_known,
)


def child_to_domain(row: ChildRow) -> Child:
    return Child(
        id=row.id,
        family_id=row.family_id,
        given_name=row.given_name,
        family_name=row.family_name,
        date_of_birth=row.date_of_birth,
        expected_date=row.expected_date,
        unborn=row.unborn,
        gender=Gender(row.gender),
        ethnicity_code=row.ethnicity_code,
        disability=row.disability,
        case_number=row.case_number,
        disability_known=row.disability_known,
        nhs_number=row.nhs_number,
    )


def family_to_domain(row: FamilyRow) -> Family:
    return Family(
        id=row.id,
        reference=row.reference,
        name=row.name,
        children=tuple(child_to_domain(c) for c in row.children),
    )


def conference_to_domain(row: ConferenceRow) -> Conference:
    return Conference(
        id=row.id,
        family_id=row.family_id,
        conference_type=ConferenceType(row.conference_type),
        clock_start=row.clock_start,
        scheduled_date=row.scheduled_date,
        start_time=row.start_time,
        venue=row.venue,
        status=ConferenceStatus(row.status),
        chair_name=row.chair_name,
        clock_start_kind=ClockStartKind(row.clock_start_kind) if row.clock_start_kind else None,
        clerk_name=row.clerk_name,
        interpreter_language=row.interpreter_language,
        previous_conference_id=row.previous_conference_id,
        held_on=row.held_on,
        lateness_reason=row.lateness_reason,
        stood_down_reason=row.stood_down_reason,
        status_note=row.status_note,
        rearranged_to_id=row.rearranged_to_id,
        report_to_parents_on=row.report_to_parents_on,
        report_to_chair_on=row.report_to_chair_on,
        quoracy_override_reason=row.quoracy_override_reason,
        core_group_on=row.core_group_on,
        record_distributed_on=row.record_distributed_on,
        version=row.version,
    )


class FamilyRepository:
    def __init__(self, session: Session) -> None:
        self.session = session

    def get(self, family_id: str) -> FamilyRow:
        row = self.session.get(FamilyRow, family_id)
        if row is None:
            raise NotFound("That family is no longer in the records.")
        return row

    def by_reference(self, reference: str) -> FamilyRow | None:
        return self.session.scalars(select(FamilyRow).where(FamilyRow.reference == reference)).first()

    def search(self, text: str = "") -> list[Family]:
        """Families (by name, then reference) whose name, reference, child or family member matches the
        text, with their children; all of them for no text. Matched in Python with the domain's
        `search_key` (case and accents ignored), so SQLite and PostgreSQL find the same families in the
        same order. Read as plain columns, not ORM objects: ten years of history is thousands of
        families."""
        needle = search_key(text)
        families = list(self.session.execute(select(FamilyRow.id, FamilyRow.reference, FamilyRow.name)))
        if needle:
            wanted = self._matching(needle, families)
            families = [f for f in families if f[0] in wanted]
        families.sort(key=lambda f: (search_key(f[2]), f[2], f[1], f[0]))
        kids = select(*CHILD_COLUMNS).order_by(*stable_order(ChildRow.family_id, ChildRow.sort_order))
        if needle and len(families) <= CHUNK:
            kids = kids.where(ChildRow.family_id.in_([f[0] for f in families]))
        children: dict[str, list[Child]] = {}
        genders = {g.value: g for g in Gender}
        listed = {f[0] for f in families} if needle else None
        for c in self.session.execute(kids):
            if listed is None or c[1] in listed:
                child = Child(
                    c[0], c[1], c[2], c[3], c[4], c[5], c[6], genders[c[7]], c[8], c[9], c[10], c[11]
                )
                children.setdefault(child.family_id, []).append(child)
        return [Family(i, reference, name, tuple(children.get(i, ()))) for i, reference, name in families]

    def _matching(self, needle: str, families: list[Any]) -> set[str]:
        """Ids of the families whose name or reference, a child's names or case number, or a family
        member's name (issue 3) contains `needle` once folded."""
        texts: list[Any] = [(i, f"{name}\n{reference}") for i, reference, name in families]
        children = select(ChildRow.family_id, ChildRow.given_name, ChildRow.family_name, ChildRow.case_number)
        texts += ((f, "\n".join((g, n, c or ""))) for f, g, n, c in self.session.execute(children))
        members = select(PersonRow.family_id, PersonRow.name).where(PersonRow.family_id.is_not(None))
        texts += self.session.execute(members)
        return {family_id for family_id, value in texts if value and needle in search_key(value)}

    def by_ids(self, family_ids: Iterable[str], *, with_children: bool = True) -> list[Family]:
        """The given families (in chunks, so any number of ids is fine); without their children when
        only names and references are wanted, which saves loading them."""
        wanted = sorted(set(family_ids))
        out: list[Family] = []
        for at in range(0, len(wanted), CHUNK):
            chunk = wanted[at : at + CHUNK]
            if with_children:
                stmt = select(FamilyRow).options(selectinload(FamilyRow.children))
                out += (
                    family_to_domain(r) for r in self.session.scalars(stmt.where(FamilyRow.id.in_(chunk)))
                )
            else:
                names = select(FamilyRow.id, FamilyRow.reference, FamilyRow.name).where(
                    FamilyRow.id.in_(chunk)
                )
                out += (Family(i, reference, name) for i, reference, name in self.session.execute(names))
        return out

    def add(self, row: FamilyRow) -> FamilyRow:
        self.session.add(row)
        return row


class ConferenceRepository:
    def __init__(self, session: Session) -> None:
        self.session = session

    def get(self, conference_id: str) -> ConferenceRow:
        row = self.session.get(ConferenceRow, conference_id)
        if row is None:
            raise NotFound("That conference is no longer in the records.")
        return row

    def for_family(self, family_id: str) -> list[ConferenceRow]:
        stmt = (
            select(ConferenceRow)
            .where(ConferenceRow.family_id == family_id)
            .order_by(ConferenceRow.scheduled_date)
        )
        return list(self.session.scalars(stmt))

    def upcoming(self) -> list[ConferenceRow]:
        stmt = select(ConferenceRow).order_by(*BOOKING_ORDER)
        return list(self.session.scalars(stmt))

    def recent(self, since: date, include: Iterable[str] = ()) -> list[ConferenceRow]:
        """Open conferences (not yet held or stood down), those held, booked or stood down on or after
        `since`, and the given ones, in booking order: what a conference picker offers."""
        stmt = (
            select(ConferenceRow)
            .where(
                or_(
                    ConferenceRow.status.in_([s.value for s in OPEN_STATUSES]),
                    _day(ConferenceRow) >= since,
                    ConferenceRow.id.in_(sorted(set(include))),
                )
            )
            .order_by(*BOOKING_ORDER)
        )
        return list(self.session.scalars(stmt))

    def for_today(self, on_plan_outcomes: Collection[str]) -> list[tuple[ConferenceRow, bool]]:
        """What 'Today and due' looks at, in booking order, each with whether a review is owed after it:
        every open conference (not yet held or stood down), every held conference whose record has not
        been distributed, and each family's latest held conference while a child is still on a plan.

        A review is owed after a held conference when no later conference of the family is booked or held
        (stood-down ones do not count), no later review was held, and either no decision is recorded on
        it (a review is assumed due) or at least one child is on a plan after it (`on_plan_outcomes`).
        """
        owes = owes_review(on_plan_outcomes)
        held = ConferenceRow.status == ConferenceStatus.HELD.value
        undistributed = and_(
            ConferenceRow.held_on.is_not(None), ConferenceRow.record_distributed_on.is_(None)
        )
        stmt = (
            select(ConferenceRow, owes)
            .where(
                or_(
                    ConferenceRow.status.in_([s.value for s in OPEN_STATUSES]),
                    and_(held, or_(undistributed, owes)),
                )
            )
            .order_by(*BOOKING_ORDER)
        )
        return [(row, bool(owed)) for row, owed in self.session.execute(stmt)]

    def add(self, row: ConferenceRow) -> ConferenceRow:
        self.session.add(row)
        return row


def _day(row: type[ConferenceRow]) -> ColumnElement[object]:
    """The day a conference happened, or is booked for (Conference.date)."""
    return func.coalesce(row.held_on, row.scheduled_date)


def owes_review(on_plan_outcomes: Collection[str]) -> ColumnElement[bool]:
    """SQL for 'a review is owed after this (held) conference' (see ConferenceRepository.for_today)."""
    later = aliased(ConferenceRow)
    reviews = [t.value for t in ConferenceType if t.is_review]
    superseded = exists().where(
        later.family_id == ConferenceRow.family_id,
        or_(
            and_(_day(later) > _day(ConferenceRow), later.status != ConferenceStatus.STOOD_DOWN.value),
            and_(later.held_on > _day(ConferenceRow), later.conference_type.in_(reviews)),
        ),
    )
    decided = exists().where(ChildDecisionRow.conference_id == ConferenceRow.id)
    on_plan = exists().where(
        ChildDecisionRow.conference_id == ConferenceRow.id, ChildDecisionRow.outcome.in_(on_plan_outcomes)
    )
    return and_(~superseded, or_(~decided, on_plan))
