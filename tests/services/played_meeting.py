"""The demo's first family through a whole (fictional) meeting, through the services: attendance,
reports, decisions with dissent, the plan, the clerk's summary and the distribution list.

Shared by the documents, export GUI and command-line tests.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

from iro_desktop.domain.attendance import Attendance
from iro_desktop.domain.categories import Category
from iro_desktop.domain.decisions import DecisionInput, Outcome
from iro_desktop.domain.dissent import DissentInput
from iro_desktop.domain.mapping import Section
from iro_desktop.domain.plan import PlanActionInput, PlanHeaderInput
from iro_desktop.domain.record import RecordState, SectionKey, SendMethod
from iro_desktop.services.context import SYSTEM_USER
from iro_desktop.services.demo import DEMO_REFERENCE, load_demo
from iro_desktop.services.demo_records import load_demo_records
from iro_desktop.services.registry import Services
from iro_desktop.services.rules import CALENDAR
from tests.signing import with_key

DISSENTER = "Aoife Ó Súilleabháin"
ACTION_OWNERS = ("Amara Okafor", "محمد علي", "Katarzyna Wójcik")
SUMMARY = {
    SectionKey.PURPOSE: "To decide whether Zoë, Łucja and Mateusz need a child protection plan.",
    SectionKey.BACKGROUND: "Police were called on 3 October; the family moved twice this year.",
    SectionKey.PARENTS_VIEWS: "Pani Wójcik said: “We want the shouting to stop.”",
    SectionKey.ANALYSIS: "The danger is current; the network is strong but untested.",
}
AGENCY = ("Westshire Community Health NHS Trust", "Mateusz’s weight is on the 9th centile.")
RECIPIENTS = (("Dr Farhan Qureshi", "GP"), ("Nkechi Adeyemi", "School (DSL)"), ("Katarzyna Wójcik", "Parent"))
CONTINGENCY = "If Mum drinks again, Babcia Halina looks after the children and the social worker is told."
BOTTOM_LINES = ("No adult drinks alcohol while caring for the children.", "Nobody hits anyone at home.")


@dataclass(frozen=True)
class Played:
    conference_id: str
    family_reference: str
    child_ids: dict[str, str]  # given name -> id


def play_demo_meeting(services: Services) -> Played:
    """Load the demo (and its record in the clerk's queue) and hold DEMO-0001's conference."""
    load_demo(services.ctx)
    load_demo_records(services.ctx)
    family = next(f for f in services.families.search(DEMO_REFERENCE) if f.reference == DEMO_REFERENCE)
    conference = services.conferences.for_family(family.id)[-1]
    cid = conference.id
    children = {c.given_name: c.id for c in family.children}
    today = services.ctx.today()

    # Who came; the social worker's report and the police report.
    for inv in services.attendance.invitations(cid):
        if inv.person_name == "DC Siân Evans":
            services.attendance.set_attendance(inv.id, Attendance.SENT_REPORT)
        elif inv.person_name == "Eileen Brontë":
            services.attendance.set_attendance(inv.id, Attendance.APOLOGIES)
        else:
            services.attendance.set_attendance(inv.id, Attendance.ATTENDED)
    services.conferences.record_reports(cid, today - timedelta(days=1), today)

    # Decisions, one with dissent.
    decisions = services.decisions
    decisions.record(
        cid,
        children["Zoë"],
        DecisionInput(
            Outcome.PLAN_MADE,
            "Priya Raman",
            Category.NEGLECT,
            significant_factors=("domestic_abuse", "parental_alcohol_misuse"),
            rationale="Zoë’s basic needs are not being met — school reports “persistent” hunger.",
        ),
    )
    decisions.add_dissent(
        cid,
        children["Zoë"],
        DissentInput(DISSENTER, "Family", "Child in need plan", "We are already working with everyone."),
    )
    decisions.record(
        cid,
        children["Łucja"],
        DecisionInput(
            Outcome.NOT_MADE_CIN,
            "Priya Raman",
            cin_meeting_date=CALENDAR.add_working_days(conference.scheduled_date, 5),
        ),
    )
    decisions.record(
        cid, children["Mateusz"], DecisionInput(Outcome.PLAN_MADE, "Priya Raman", Category.EMOTIONAL)
    )

    # The plan: bottom lines, contingency, core group, actions towards the map's safety goals.
    services.plans.save_header(
        cid,
        PlanHeaderInput(
            "\n".join(BOTTOM_LINES),
            CONTINGENCY,
            core_group_date=CALENDAR.add_working_days(conference.scheduled_date, 8),
        ),
    )
    goals = services.mapping.board(cid).section(Section.SAFETY_GOALS)
    whats = ("Visit every week", "Walk the children to school", "Go to the clinic")
    for n, owner in enumerate(ACTION_OWNERS):
        services.plans.add_action(
            cid,
            PlanActionInput(
                f"Action {n + 1}: {whats[n]}",
                owner,
                "Westshire Children’s Social Care" if n == 0 else "Family",
                conference.scheduled_date + timedelta(days=14 * (n + 1)),
                "The core group hears how it went.",
                goals[n % len(goals)].id,
            ),
        )

    # The clerk's summary and the distribution list.
    for key, text in SUMMARY.items():
        services.records.save_section(cid, key, text)
    services.records.save_section(cid, SectionKey.AGENCY, AGENCY[1], agency=AGENCY[0])
    for name, role in RECIPIENTS:
        services.records.add_recipient(cid, name, role, SendMethod.SECURE_EMAIL)
    return Played(cid, DEMO_REFERENCE, children)


def finalise(services: Services, conference_id: str) -> None:
    """Hand to the clerk, send for approval and approve (the system user is a chair, with a signing key)."""
    with_key(services, services.ctx.session.user or SYSTEM_USER)
    for state in (RecordState.WITH_CLERK, RecordState.AWAITING_APPROVAL, RecordState.FINAL):
        services.records.move(conference_id, state)


def held_before_today(services: Services, conference_id: str) -> None:
    """Move the demo's conference (booked for the Wednesday after TODAY) to the Friday before and mark
    it held, so the clocks after a conference run (issue 18: the decision letter)."""
    from datetime import date

    c = services.conferences.get(conference_id)
    held = date(2026, 11, 20)
    services.conferences.update_details(
        c.id, held, c.start_time, c.venue, c.chair_name, c.clerk_name, c.interpreter_language
    )
    services.conferences.mark_held(c.id, held)
