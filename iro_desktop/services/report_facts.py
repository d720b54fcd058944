"""The annual report from the store: fills `reports.ReportFacts` and runs the figures.

Reads everything in one unit of work with plain column queries (no ORM objects), so ten years of
a large council load in well under a second. How each fact is filled is documented in
docs/report-figures.md ("Filled from the store").
"""

from __future__ import annotations

import dataclasses
from collections import defaultdict
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from iro_desktop.domain.attendance import Attendance, TookPart
from iro_desktop.domain.audit import AuditAction
from iro_desktop.domain.chairing import Answer, Chairing, ChairRole, gave_reason
from iro_desktop.domain.clocks import ClockRules
from iro_desktop.domain.conference import ConferenceStatus, ConferenceType
from iro_desktop.domain.decisions import Outcome
from iro_desktop.domain.history.format import TRANSFERRED_OUT, TRANSFERRED_OUT_LABEL
from iro_desktop.domain.people import AgencyKind
from iro_desktop.domain.people import Role as PersonRole
from iro_desktop.domain.record import RecordState
from iro_desktop.domain.roles import Action, require
from iro_desktop.reports import AnnualReport, Period, ReportRules, annual_report
from iro_desktop.reports.drilldown import Names, relabel
from iro_desktop.reports.facts import ChildFact, ConferenceFact, PlanFact, ReportFacts
from iro_desktop.services.context import ServiceContext
from iro_desktop.services.permissions import requires
from iro_desktop.services.quality_report import load_quality_facts
from iro_desktop.services.rules import CALENDAR, load_rules
from iro_desktop.store.audit_log import append_event
from iro_desktop.store.report_repository import ReportRepository
from iro_desktop.store.uow import UnitOfWork

#: Family members counted for "family attendance": parents, carers and the family network. The
#: child's own attendance is participation, a different measure, so children are left out.
FAMILY_ROLES = frozenset({PersonRole.PARENT.value, PersonRole.CARER.value, PersonRole.FAMILY_NETWORK.value})
#: Store statuses the report knows; "in progress" is not yet held.
_STATUS = {
    ConferenceStatus.HELD.value: "held",
    ConferenceStatus.STOOD_DOWN.value: "stood_down",
    ConferenceStatus.ADJOURNED.value: "adjourned",
}


@dataclass(frozen=True)
class ReportBundle:
    """A computed report with the facts it came from and the names to show the records by."""

    report: AnnualReport
    facts: ReportFacts
    names: Names


def report_rules(clocks: ClockRules) -> ReportRules:
    """The report's rules from the council's clock settings (the same timescales the clocks use)."""
    return ReportRules(
        icpc_working_days=clocks.icpc_working_days,
        first_review_months=clocks.first_review_months,
        later_review_months=clocks.later_review_months,
        report_to_parents_icpc_wd=clocks.report_to_parents_icpc_wd,
        report_to_chair_icpc_wd=clocks.report_to_chair_icpc_wd,
        report_review_wd=clocks.report_before_review_wd,
        record_distribution_wd=clocks.record_distribution_wd,
        calendar=CALENDAR,
    )


def _chair(name: str) -> str | None:
    """A chair is known by name; spacing differences do not make a different chair."""
    cleaned = " ".join(name.split())
    return cleaned or None


def _children(store: ReportRepository) -> tuple[list[ChildFact], dict[str, list[str]], dict[str, str]]:
    children: list[ChildFact] = []
    by_family: dict[str, list[str]] = defaultdict(list)
    names: dict[str, str] = {}
    for (
        cid,
        fid,
        dob,
        expected,
        unborn,
        gender,
        ethnicity,
        disability,
        given,
        surname,
        known,
    ) in store.children():
        children.append(
            ChildFact(
                cid,
                fid,
                dob,
                expected,
                bool(unborn) and dob is None,
                gender or "unknown",
                (ethnicity or "").strip().upper(),
                bool(disability),
                disability_known=bool(known),
            )
        )
        by_family[fid].append(cid)
        names[cid] = f"{given} {surname}".strip()
    return children, by_family, names


def _decisions(store: ReportRepository) -> tuple[dict[str, list[str]], dict[tuple[str, str], str | None]]:
    """Children decided at each conference (in order), and (conference, child) -> category decided."""
    children: dict[str, list[str]] = defaultdict(list)
    category: dict[tuple[str, str], str | None] = {}
    for conference_id, child_id, cat in store.decisions():
        children[conference_id].append(child_id)
        category[(conference_id, child_id)] = cat
    return children, category


def _family_attendance(store: ReportRepository) -> dict[str, tuple[int, int, int, int]]:
    """Conference id -> (family members invited, family members who attended, households invited,
    households where at least one of them attended). People with no household recorded are the
    family's one household."""
    people: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    households: dict[str, dict[str, bool]] = defaultdict(dict)
    attended = Attendance.ATTENDED.value
    for conference_id, attendance, household in store.attendance_of(
        FAMILY_ROLES, Attendance.NOT_INVITED.value
    ):
        counts = people[conference_id]
        counts[0] += 1
        counts[1] += attendance == attended
        homes = households[conference_id]
        homes[household or ""] = homes.get(household or "", False) or attendance == attended
    return {k: (v[0], v[1], len(households[k]), sum(households[k].values())) for k, v in people.items()}


def _distributed(store: ReportRepository) -> dict[str, date]:
    """Conference id -> the day the record went to its last recipient, for records marked
    distributed (used when the conference has no distribution date of its own)."""
    return store.last_sent(RecordState.DISTRIBUTED.value)


def _plans(store: ReportRepository, decided_category: dict[tuple[str, str], str | None]) -> list[PlanFact]:
    plans = []
    for pid, child_id, started, ended, category, reason, s_conf, e_conf, r_conf, before in store.plans():
        initial: str | None = None
        if s_conf is not None and decided_category.get((s_conf, child_id)):
            initial = decided_category[(s_conf, child_id)]
        elif r_conf is not None and before:
            initial = before
        plans.append(
            PlanFact(
                pid,
                child_id,
                started,
                category or "",
                ended,
                reason or None,
                s_conf,
                e_conf,
                initial if initial and initial != category else None,
            )
        )
    return plans


def _conference_children(
    row_type: str,
    day: date,
    decided: list[str] | None,
    family_children: list[str],
    open_plans: dict[str, list[tuple[date, date | None]]],
) -> tuple[str, ...]:
    """The children a conference covered: those with a decision recorded at it; without decisions
    (stood down, not yet decided, or from before records were kept), a review covers the family's
    children on a plan that day and an initial conference the whole family."""
    if decided:
        return tuple(decided)
    if ConferenceType(row_type).is_review:
        on_plan = [
            c
            for c in family_children
            if any(s <= day and (e is None or e > day) for s, e in open_plans.get(c, ()))
        ]
        if on_plan:
            return tuple(on_plan)
    return tuple(family_children)


def load_facts(uow: UnitOfWork) -> tuple[ReportFacts, Names]:
    """Every fact the report needs, and the names to show the records by, read in the caller's unit of
    work."""
    store = ReportRepository(uow.session)
    children, by_family, child_names = _children(store)
    decided_children, decided_category = _decisions(store)
    plans = _plans(store, decided_category)
    spans: dict[str, list[tuple[date, date | None]]] = defaultdict(list)
    for plan in plans:
        spans[plan.child_id].append((plan.started_on, plan.ended_on))
    attendance = _family_attendance(store)
    ways = _ways(store)
    dissents = store.dissent_counts()
    distributed = _distributed(store)
    rows = store.conferences()
    replaces = {r.rearranged_to_id: r.id for r in rows if r.rearranged_to_id}
    conferences = []
    for r in rows:
        status = _STATUS.get(r.status, "scheduled")
        held_on = (r.held_on or r.scheduled_date) if status == "held" else None
        invited, attended, homes_invited, homes_attended = attendance.get(r.id, (0, 0, 0, 0))
        initial = ConferenceType(r.conference_type).is_initial
        conferences.append(
            ConferenceFact(
                r.id,
                r.family_id,
                r.conference_type,
                r.scheduled_date,
                status,
                held_on,
                clock_start=r.clock_start if initial else None,
                stood_down_reason=(r.stood_down_reason or None) if status != "held" else None,
                lateness_reason=r.lateness_reason or None,
                chair_id=_chair(r.chair_name),
                child_ids=_conference_children(
                    r.conference_type,
                    held_on or r.scheduled_date,
                    decided_children.get(r.id),
                    by_family.get(r.family_id, []),
                    spans,
                ),
                report_to_parents_on=r.report_to_parents_on,
                report_to_chair_on=r.report_to_chair_on,
                record_distributed_on=r.record_distributed_on or distributed.get(r.id),
                family_invited=invited,
                family_attended=attended,
                households_invited=homes_invited,
                households_attended=homes_attended,
                quoracy_override=bool((r.quoracy_override_reason or "").strip()),
                dissent_count=dissents.get(r.id, 0),
                replaces_id=replaces.get(r.id),
                **_chairing(r),
                ways=tuple(ways.get(r.id, ())),
            )
        )
    references = store.family_references()
    facts = ReportFacts(tuple(children), tuple(conferences), tuple(plans))
    return facts, Names(references, child_names, {})


def _chairing(r: Any) -> dict[str, Any]:
    """The chair's role and whether the conference was chaired otherwise, with a reason (issue 19)."""
    answers = Answer.__members__.values()

    def answer(code: str) -> Answer:
        return Answer(code) if code in answers else Answer.NOT_STATED

    role = r.chair_role if r.chair_role in ChairRole.__members__.values() else ChairRole.INDEPENDENT
    chairing = Chairing(
        ChairRole(role), answer(r.chair_took_part_in_enquiry), answer(r.chair_held_case), r.chair_reason or ""
    )
    return {
        "chair_role": chairing.role.value,
        "chaired_otherwise": chairing.chaired_otherwise,
        "chair_reason_given": gave_reason(chairing),
    }


def _ways(store: ReportRepository) -> dict[str, list[tuple[str, str]]]:
    """Conference id -> (family or agency kind, way taken part) per person who attended or sent a
    written report. A multi-agency team member counts as their discipline; a report sent with no way
    recorded is a written report."""
    out: dict[str, list[tuple[str, str]]] = defaultdict(list)
    for conference_id, role, kind, discipline, attendance, took_part in store.ways_of_taking_part():
        who = "family" if PersonRole(role).is_family else (discipline or kind or AgencyKind.OTHER.value)
        way = TookPart.WRITTEN.value if attendance == Attendance.SENT_REPORT.value else took_part
        out[conference_id].append((who, way))
    return out


def _reason_labels(stood_down: dict[str, str]) -> dict[str, str]:
    labels = {o.value: o.label for o in Outcome if o.ends_plan}
    labels[TRANSFERRED_OUT] = TRANSFERRED_OUT_LABEL
    labels.update(stood_down)
    return labels


class ReportService:
    """The annual report for managers and chairs."""

    def __init__(self, ctx: ServiceContext) -> None:
        self.ctx = ctx

    @requires(Action.RUN_REPORTS)
    def facts(self) -> tuple[ReportFacts, Names, ReportRules]:
        """The plain facts, the names for drill-down and the council's rules."""
        require(self.ctx.session.user, Action.RUN_REPORTS)
        with self.ctx.uow() as uow:
            local = load_rules(uow)
            facts, names = load_facts(uow)
            facts = dataclasses.replace(facts, quality=load_quality_facts(uow))  # issue 19
        labels = _reason_labels({r.code: r.label for r in local.stood_down_reasons})
        return facts, Names(names.family_references, names.child_names, labels), report_rules(local.clocks)

    @requires(Action.RUN_REPORTS)
    def report(self, period: Period) -> ReportBundle:
        """Every figure for `period` and the period before it, from the records as they are now."""
        facts, names, rules = self.facts()
        report = relabel(annual_report(facts, period, rules), names.reason_labels)
        return ReportBundle(report, facts, names)

    @requires(Action.RUN_REPORTS)
    def note_exported(self, period: Period, what: str, where: Path | str) -> None:
        """Audit an export of the report (the record-level files hold personal data)."""
        require(self.ctx.session.user, Action.RUN_REPORTS)
        with self.ctx.uow() as uow:
            append_event(
                uow.session,
                self.ctx.session.actor_name,
                AuditAction.EXPORTED,
                "annual_report",
                period.label,
                None,
                {
                    "what": what,
                    "period": f"{period.start.isoformat()} to {period.end.isoformat()}",
                    "file": Path(where).name,
                },
            )
            uow.commit()
