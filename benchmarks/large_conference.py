"""A large fictional conference put into a store through the services: 6 children, 150 map items (10
danger statements paired with 10 safety goals, scaled by 3 people each), 40 plan actions, 20 people
invited, a decision per child with dissent, and the clerk's summary. Used by `benchmarks.export`."""

from __future__ import annotations

from datetime import date, timedelta

from iro_desktop.domain.attendance import Attendance
from iro_desktop.domain.categories import Category
from iro_desktop.domain.conference import ConferenceType
from iro_desktop.domain.decisions import DecisionInput, Outcome
from iro_desktop.domain.dissent import DissentInput
from iro_desktop.domain.family import ChildInput
from iro_desktop.domain.mapping import Section
from iro_desktop.domain.people import AgencyKind, PersonInput, Role
from iro_desktop.domain.plan import PlanActionInput, PlanHeaderInput
from iro_desktop.domain.record import SectionKey
from iro_desktop.services.registry import Services

DAY = date(2026, 11, 23)
CHILDREN = (
    ("Zoë", "Brontë"),
    ("Łucja", "Wójcik"),
    ("Tomáš", "Dvořák"),
    ("Siobhán", "Ó Súilleabháin"),
    ("عائشہ", "خان"),
    ("محمد علي", "Brontë"),
)
OTHER_SECTIONS = (
    Section.HARM,
    Section.COMPLICATING,
    Section.STRENGTHS,
    Section.EXISTING_SAFETY,
    Section.NEXT_STEPS,
    Section.CHILDS_VOICE,
    Section.FAMILY_NETWORK,
)
TEXT = (
    "Police were called to the home after the adults argued late at night; the children were awake "
    "and frightened, and Zoë took Łucja to Babcia’s flat — “we know to go there”."
)


def build(services: Services) -> str:
    """The conference's id."""
    children = [ChildInput(g, f, DAY - timedelta(days=365 * (2 + n))) for n, (g, f) in enumerate(CHILDREN)]
    family = services.families.create_family("BENCH-0001", "Brontë–Wójcik–Khan family", children)
    agency = services.people.add_agency("Westshire Children’s Social Care", AgencyKind.CHILDRENS_SOCIAL_CARE)
    people = [
        services.people.add_person(
            PersonInput(
                f"Professional {n} Dvořák", Role.SOCIAL_WORKER if n == 0 else Role.HEALTH_VISITOR, agency.id
            )
        ).id
        for n in range(16)
    ]
    people += [
        services.people.add_person(PersonInput(f"Parent {n} Wójcik", Role.PARENT, family_id=family.id)).id
        for n in range(4)
    ]
    conference = services.conferences.book(
        family.id,
        ConferenceType.INITIAL,
        DAY,
        clock_start=DAY - timedelta(days=14),
        invite=people,
        invited_on=DAY - timedelta(days=10),
    )
    cid = conference.id
    for inv in services.attendance.invitations(cid):
        services.attendance.set_attendance(inv.id, Attendance.ATTENDED)
    child_ids = [c.id for c in services.families.get(family.id).children]
    mapping = services.mapping
    goals = []
    for n in range(10):
        danger = mapping.add_item(cid, Section.DANGER, f"Danger {n + 1}: {TEXT}", child_id=child_ids[n % 6])
        goal = mapping.add_item(cid, Section.SAFETY_GOALS, f"Goal {n + 1}: the children are safe at home.")
        mapping.pair(danger.id, goal.id)
        goals.append(goal.id)
        for who, score in (("Family", 6), ("Police", 3), ("Social worker", 4)):
            mapping.set_scale(cid, danger.id, who, score, "Calm since October")
    for n in range(130):
        section = OTHER_SECTIONS[n % len(OTHER_SECTIONS)]
        mapping.add_item(
            cid, section, f"Item {n + 1}: {TEXT}", source="Social worker", child_id=child_ids[n % 6]
        )
    mapping.set_scale(cid, None, "Family", 7, "We are working with everyone")
    for n, child_id in enumerate(child_ids):
        services.decisions.record(
            cid,
            child_id,
            DecisionInput(
                Outcome.PLAN_MADE,
                "Priya Raman",
                (Category.NEGLECT, Category.EMOTIONAL)[n % 2],
                significant_factors=("domestic_abuse",),
                rationale=TEXT,
            ),
        )
    services.decisions.add_dissent(
        cid,
        child_ids[0],
        DissentInput("Aoife Ó Súilleabháin", "School", "Child in need plan", "Attendance is good"),
    )
    services.plans.save_header(
        cid, PlanHeaderInput("No drinking while caring.\nNo hitting.", TEXT, DAY + timedelta(days=10))
    )
    for n in range(40):
        services.plans.add_action(
            cid,
            PlanActionInput(
                f"Action {n + 1}: {TEXT[:90]}",
                "Amara Okafor",
                "Children’s Social Care",
                DAY + timedelta(days=7 * (n % 12 + 1)),
                "The core group hears how it went.",
                goals[n % len(goals)],
            ),
        )
    for key in (SectionKey.PURPOSE, SectionKey.BACKGROUND, SectionKey.ANALYSIS, SectionKey.DECISION_SUMMARY):
        services.records.save_section(cid, key, TEXT * 3)
    for n in range(8):
        services.records.add_recipient(cid, f"Recipient {n} Ó Súilleabháin", "Professional")
    return cid
