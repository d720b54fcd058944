"""A small store written row by row (no services), for the repository tests: two families, three
conferences, people invited, decisions, dissents, a distributed record and plan periods."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from iro_desktop.store.models import (
    AgencyRow,
    ChildDecisionFactorRow,
    ChildDecisionRow,
    ChildPlanHistoryLinkRow,
    ChildPlanHistoryRow,
    ChildRow,
    ConferenceRow,
    DissentRow,
    FamilyRow,
    InvitationRow,
    PersonRow,
    RecipientRow,
    RecordRow,
    RecordSectionRow,
)

HELD = date(2026, 3, 2)


@dataclass(frozen=True)
class Seeded:
    families: tuple[str, str]
    children: tuple[str, str, str]  # Zoë (sort 1) and Łucja (sort 0) in family 1, Aoife in family 2
    held: str  # family 1's initial conference, held, record distributed
    review: str  # family 1's review, booked
    other: str  # family 2's initial conference, booked, no record
    people: dict[str, str]  # name -> id
    periods: tuple[str, str]  # Zoë's open plan (started at the held conference), Łucja's ended plan


def seed(store) -> Seeded:  # type: ignore[no-untyped-def]
    with store.uow() as uow:
        s = uow.session
        f1 = FamilyRow(reference="REF-1", name="Wójcik")
        f2 = FamilyRow(reference="REF-2", name="Ní Bhriain")
        zoe = ChildRow(given_name="Zoë", family_name="Wójcik", date_of_birth=date(2018, 5, 1), sort_order=1)
        lucja = ChildRow(
            given_name="Łucja", family_name="Wójcik", date_of_birth=date(2016, 1, 9), sort_order=0
        )
        aoife = ChildRow(
            given_name="Aoife", family_name="Ní Bhriain", unborn=True, expected_date=date(2026, 9, 1)
        )
        f1.children.extend([zoe, lucja])
        f2.children.append(aoife)
        s.add_all([f1, f2])
        s.flush()
        police = AgencyRow(name="Police", kind="police")
        s.add(police)
        s.flush()
        people = {
            "mother": PersonRow(name="Anna Wójcik", role="parent", family_id=f1.id),
            "carer": PersonRow(name="Piotr Nowak", role="carer", family_id=f1.id),
            "aunt": PersonRow(name="Ewa Wójcik", role="family_network", family_id=f1.id),
            "officer": PersonRow(
                name="PC Dana Reed", role="police", agency_id=police.id, contact="01234 567"
            ),
            "other parent": PersonRow(name="Siobhán Ní Bhriain", role="parent", family_id=f2.id),
        }
        s.add_all(people.values())
        held = ConferenceRow(
            family_id=f1.id,
            conference_type="initial",
            scheduled_date=HELD,
            held_on=HELD,
            status="held",
            chair_name="Chair One",
        )
        review = ConferenceRow(
            family_id=f1.id,
            conference_type="first_review",
            scheduled_date=date(2026, 6, 1),
            status="scheduled",
        )
        other = ConferenceRow(
            family_id=f2.id, conference_type="initial", scheduled_date=date(2026, 4, 20), status="scheduled"
        )
        s.add_all([held, review, other])
        s.flush()
        for who, attendance in (
            ("mother", "attended"),
            ("carer", "apologies"),
            ("aunt", "not_invited"),
            ("officer", "attended"),
        ):
            s.add(InvitationRow(conference_id=held.id, person_id=people[who].id, attendance=attendance))
        s.add(
            InvitationRow(conference_id=other.id, person_id=people["other parent"].id, attendance="attended")
        )
        at = datetime(2026, 3, 2, 11, 0)
        for child, category in ((zoe, "N"), (lucja, None)):
            decision = ChildDecisionRow(
                conference_id=held.id,
                child_id=child.id,
                outcome="plan_made" if category else "not_made_nfa",
                category=category,
                decided_by="Chair One",
                decided_at=at,
            )
            decision.factors.extend(
                [
                    ChildDecisionFactorRow(factor_code="b", sort_order=1),
                    ChildDecisionFactorRow(factor_code="a"),
                ]
            )
            s.add(decision)
        for order in (1, 0):
            s.add(
                DissentRow(
                    conference_id=held.id,
                    child_id=zoe.id,
                    name=f"Dissenter {order}",
                    agency="Police",
                    view="No plan",
                    reason="Reason",
                    sort_order=order,
                )
            )
        record = RecordRow(conference_id=held.id, state="distributed")
        record.sections.append(RecordSectionRow(key="purpose", text="Why we met"))
        record.recipients.extend(
            [
                RecipientRow(name="Anna Wójcik", sent_on=date(2026, 3, 5), sort_order=0),
                RecipientRow(name="PC Dana Reed", sent_on=date(2026, 3, 9), sort_order=1),
                RecipientRow(name="Not yet sent", sent_on=None, sort_order=2),
            ]
        )
        s.add(record)
        open_plan = ChildPlanHistoryRow(child_id=zoe.id, started_on=HELD, category="N")
        ended = ChildPlanHistoryRow(
            child_id=lucja.id,
            started_on=date(2020, 1, 6),
            ended_on=date(2021, 2, 1),
            category="E",
            end_reason="step_down_cin",
        )
        s.add_all([open_plan, ended])
        s.flush()
        s.add(ChildPlanHistoryLinkRow(history_id=open_plan.id, started_conference_id=held.id))
        uow.commit()
        return Seeded(
            (f1.id, f2.id),
            (zoe.id, lucja.id, aoife.id),
            held.id,
            review.id,
            other.id,
            {p.name: p.id for p in people.values()},
            (open_plan.id, ended.id),
        )
