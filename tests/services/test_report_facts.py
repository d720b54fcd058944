"""The annual report from a small hand-built store, made through the services on a real migrated
SQLite file, acting on the day each thing happened. Every value below is worked out by hand for the
reporting year 2025-26 (1 April 2025 - 31 March 2026).

Bank holidays that matter: 2025-05-05, 2025-05-26, 2025-08-25, 2025-12-25/26, 2026-01-01.
Chairs: Priya Raman (PR) and Sam Jones (SJ).

- A (R-A): Amy (born 2021-03-31: 5 on the reference date, band 5-9) and Alfie (born 2010-03-31: 16
  on the reference date, band 16+). ICPC a1 19 May 2025 (clock 1 May, deadline 23 May: in time;
  reports on time; record 30 May, deadline 10 Jun: on time; parent attended, grandmother sent
  apologies, a social worker attended and does not count). First review a2 18 Aug (due 19 Aug; no
  report dates; record never distributed). Review a3 16 Feb 2026 with SJ (due 18 Feb; report to
  parents 10 Feb on time, to the chair 12 Feb late - latest 11 Feb; record 20 Mar, deadline 9 Mar:
  late; quoracy override; one dissent). Both children on a plan (neglect) across the year end.
- B (R-B): Ben. ICPC b1 13 Jan 2025 (previous year, plan: physical); first review b2 14 Apr 2025,
  due 13 Apr: late; review b3 13 Oct 2025 with SJ ends the plan (looked after): a plan spanning the
  start of the year.
- C (R-C): Cara. ICPC c1 16 Jun 2025 (emotional), first review c2 8 Sep 2025 ends the plan: starts
  and ends in the year, ended at the first review and within 3 months; record distributed through the
  distribution list on 12 Sep (on time).
- D (R-D): Dan (disabled) and Dina. ICPC booked 7 Jul 2025, stood down (parent unavailable) and held
  later as d2 on 14 Jul (in time): Dan on a plan (sexual), Dina not made subject. Parent excluded.
- E (R-E): Eve. Transfer-in e1 6 Oct 2025 (clock 1 Sep, deadline 22 Sep: late; left out of the ICPC
  figure, counted as a transfer).
- F (R-F): Finn, plan ended 30 Jun 2024; ICPC f1 17 Nov 2025: a repeat plan within 24 months.
- G (R-G): Gus, plan ended 1 Mar 2022; ICPC g1 3 Dec 2025 with SJ (clock 10 Nov, deadline 1 Dec:
  late): a repeat plan beyond 24 months.
- H (R-H): an unborn baby; pre-birth ICPC h1 1 Dec 2025 (in time), born 15 Jan 2026 during the plan.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import pytest

from iro_desktop.domain.attendance import Attendance
from iro_desktop.domain.categories import Category
from iro_desktop.domain.conference import ConferenceType
from iro_desktop.domain.decisions import DecisionInput, Outcome
from iro_desktop.domain.dissent import DissentInput
from iro_desktop.domain.family import ChildInput, Gender
from iro_desktop.domain.people import AgencyKind, PersonInput, Role
from iro_desktop.domain.record import RecordState, SendMethod
from iro_desktop.domain.roles import PermissionDenied, User
from iro_desktop.domain.roles import Role as UserRole
from iro_desktop.reports import quarter, reporting_year
from iro_desktop.reports.drilldown import Drill
from iro_desktop.services.context import SYSTEM_USER, ServiceContext, SignedIn
from iro_desktop.services.registry import Services
from tests.signing import with_key

PR, SJ = "Priya Raman", "Sam Jones"


@dataclass
class Clock:
    day: date


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    """The store, built once for the module (it takes a few seconds through the services)."""
    from iro_desktop.store.location import resolve_location
    from iro_desktop.store.opening import open_store

    store = open_store(resolve_location(tmp_path_factory.mktemp("report") / "data", environ={}))
    clock = Clock(date(2024, 12, 1))
    services = Services.build(
        ServiceContext(uow=store.uow, today=lambda: clock.day, session=SignedIn(SYSTEM_USER))
    )
    ids = _build(services, clock)
    clock.day = date(2026, 11, 23)
    yield services, ids, store
    store.close()


def _decide(s: Services, conference_id: str, child_id: str, outcome: Outcome, category=None, **kw):
    s.decisions.record(conference_id, child_id, DecisionInput(outcome, PR, category, **kw))


def _held(s: Services, clock: Clock, conference_id: str, day: date, reason: str = "") -> None:
    clock.day = day
    s.conferences.mark_held(conference_id, day, reason)


def _build(s: Services, clock: Clock) -> dict[str, str]:
    ids: dict[str, str] = {}
    f, c = s.families, s.conferences
    agency = s.people.add_agency("Northshire Children's Services", AgencyKind.CHILDRENS_SOCIAL_CARE)

    # B: plan from the previous year, ended at the second review in this one.
    b = f.create_family(
        "R-B",
        "Brown family",
        [ChildInput("Ben", "Brown", date(2018, 10, 1), gender=Gender.MALE, ethnicity_code="BCRB")],
    )
    ben = ids["ben"] = b.children[0].id
    b1 = c.book(b.id, ConferenceType.INITIAL, date(2025, 1, 13), clock_start=date(2025, 1, 2), chair_name=PR)
    _held(s, clock, b1.id, date(2025, 1, 13))
    _decide(s, b1.id, ben, Outcome.PLAN_MADE, Category.PHYSICAL)
    clock.day = date(2025, 3, 1)
    b2 = c.book(
        b.id, ConferenceType.FIRST_REVIEW, date(2025, 4, 14), chair_name=PR, lateness_reason="Chair on leave"
    )
    _held(s, clock, b2.id, date(2025, 4, 14))
    _decide(s, b2.id, ben, Outcome.PLAN_CONTINUES, Category.PHYSICAL)

    # A: two children, the ICPC in May 2025.
    clock.day = date(2025, 5, 2)
    a = f.create_family(
        "R-A",
        "Adams family",
        [
            ChildInput("Amy", "Adams", date(2021, 3, 31), gender=Gender.FEMALE, ethnicity_code="WBRI"),
            ChildInput("Alfie", "Adams", date(2010, 3, 31), gender=Gender.MALE, ethnicity_code="WBRI"),
        ],
    )
    amy, alfie = ids["amy"], ids["alfie"] = a.children[0].id, a.children[1].id
    parent = s.people.add_person(PersonInput("Anna Adams", Role.PARENT, family_id=a.id))
    gran = s.people.add_person(PersonInput("Gran Adams", Role.FAMILY_NETWORK, family_id=a.id))
    worker = s.people.add_person(PersonInput("Sol Worker", Role.SOCIAL_WORKER, agency_id=agency.id))
    a1 = c.book(
        a.id,
        ConferenceType.INITIAL,
        date(2025, 5, 19),
        clock_start=date(2025, 5, 1),
        chair_name=PR,
        advocacy={alfie: ("accepted", "")},
        invite=[parent.id, gran.id, worker.id],
        invited_on=date(2025, 5, 2),
    )
    ids["a1"] = a1.id
    clock.day = date(2025, 5, 16)
    c.record_reports(a1.id, date(2025, 5, 15), date(2025, 5, 16))
    _held(s, clock, a1.id, date(2025, 5, 19))
    for inv in s.attendance.invitations(a1.id):
        att = {"Anna Adams": Attendance.ATTENDED, "Gran Adams": Attendance.APOLOGIES}.get(
            inv.person_name, Attendance.ATTENDED
        )
        s.attendance.set_attendance(inv.id, att)
    for child in (amy, alfie):
        _decide(s, a1.id, child, Outcome.PLAN_MADE, Category.NEGLECT)
    clock.day = date(2025, 5, 30)
    c.record_follow_up(a1.id, None, date(2025, 5, 30))

    # C: ICPC in June, plan ended at the first review in September.
    clock.day = date(2025, 6, 3)
    cf = f.create_family(
        "R-C",
        "Cole family",
        [ChildInput("Cara", "Cole", date(2019, 2, 14), gender=Gender.FEMALE, ethnicity_code="WIRT")],
    )
    cara = ids["cara"] = cf.children[0].id
    c1 = c.book(cf.id, ConferenceType.INITIAL, date(2025, 6, 16), clock_start=date(2025, 6, 2), chair_name=PR)
    _held(s, clock, c1.id, date(2025, 6, 16))
    _decide(s, c1.id, cara, Outcome.PLAN_MADE, Category.EMOTIONAL)

    # D: booked, stood down, held a week later.
    clock.day = date(2025, 7, 2)
    d = f.create_family(
        "R-D",
        "Dale family",
        [
            ChildInput(
                "Dan", "Dale", date(2020, 1, 10), gender=Gender.MALE, ethnicity_code="APKN", disability=True
            ),
            ChildInput("Dina", "Dale", date(2022, 5, 5), gender=Gender.FEMALE, ethnicity_code="APKN"),
        ],
    )
    dan, dina = ids["dan"], ids["dina"] = d.children[0].id, d.children[1].id
    d_parent = s.people.add_person(PersonInput("Dev Dale", Role.PARENT, family_id=d.id))
    d1 = c.book(d.id, ConferenceType.INITIAL, date(2025, 7, 7), clock_start=date(2025, 7, 1), chair_name=PR)
    d2 = c.book(
        d.id,
        ConferenceType.INITIAL,
        date(2025, 7, 14),
        clock_start=date(2025, 7, 1),
        chair_name=PR,
        invite=[d_parent.id],
    )
    ids["d1"], ids["d2"] = d1.id, d2.id
    clock.day = date(2025, 7, 7)
    c.stand_down(d1.id, "parent_unavailable", rearranged_to_id=d2.id)
    _held(s, clock, d2.id, date(2025, 7, 14))
    (inv,) = s.attendance.invitations(d2.id)
    s.attendance.set_attendance(inv.id, Attendance.EXCLUDED, "Risk to others in the room")
    _decide(s, d2.id, dan, Outcome.PLAN_MADE, Category.SEXUAL)
    _decide(s, d2.id, dina, Outcome.NOT_MADE_NFA)

    # A: first review.
    clock.day = date(2025, 8, 1)
    a2 = c.book(
        a.id,
        ConferenceType.FIRST_REVIEW,
        date(2025, 8, 18),
        chair_name=PR,
        previous_conference_id=a1.id,
        advocacy={alfie: ("accepted", "")},
        invite=[parent.id],
        invited_on=date(2025, 8, 1),
    )
    ids["a2"] = a2.id
    _held(s, clock, a2.id, date(2025, 8, 18))
    (inv,) = s.attendance.invitations(a2.id)
    s.attendance.set_attendance(inv.id, Attendance.ATTENDED)
    for child in (amy, alfie):
        _decide(s, a2.id, child, Outcome.PLAN_CONTINUES, Category.NEGLECT)

    # C: first review ends the plan; the record goes out through the distribution list.
    c2 = c.book(cf.id, ConferenceType.FIRST_REVIEW, date(2025, 9, 8), chair_name=PR)
    ids["c2"] = c2.id
    _held(s, clock, c2.id, date(2025, 9, 8))
    _decide(s, c2.id, cara, Outcome.ENDS_NFA, rationale="Every safety goal met for three months.")
    recipient = s.records.add_recipient(c2.id, "Northshire social care")
    with_key(s, s.ctx.session.user)  # approvals are signed: the chair's key unlocked
    for state in (RecordState.WITH_CLERK, RecordState.AWAITING_APPROVAL, RecordState.FINAL):
        s.records.move(c2.id, state)
    clock.day = date(2025, 9, 12)
    s.records.mark_sent(c2.id, recipient.id, date(2025, 9, 12), SendMethod.SECURE_EMAIL)
    s.records.move(c2.id, RecordState.DISTRIBUTED)

    # E: transfer in, late.
    clock.day = date(2025, 9, 20)
    e = f.create_family(
        "R-E",
        "Ellis family",
        [ChildInput("Eve", "Ellis", date(2017, 9, 1), gender=Gender.FEMALE, ethnicity_code="MWBC")],
    )
    eve = ids["eve"] = e.children[0].id
    e1 = c.book(
        e.id,
        ConferenceType.TRANSFER_IN,
        date(2025, 10, 6),
        clock_start=date(2025, 9, 1),
        chair_name=PR,
        lateness_reason="Records from the old authority arrived late",
    )
    ids["e1"] = e1.id
    _held(s, clock, e1.id, date(2025, 10, 6))
    _decide(s, e1.id, eve, Outcome.PLAN_MADE, Category.NEGLECT)

    # B: second review ends the plan.
    b3 = c.book(b.id, ConferenceType.REVIEW, date(2025, 10, 13), chair_name=SJ)
    _held(s, clock, b3.id, date(2025, 10, 13))
    _decide(s, b3.id, ben, Outcome.ENDS_LOOKED_AFTER)

    # F and G: repeat plans within and beyond 24 months.
    clock.day = date(2025, 11, 4)
    ff = f.create_family(
        "R-F",
        "Ford family",
        [ChildInput("Finn", "Ford", date(2016, 2, 2), gender=Gender.MALE, ethnicity_code="WBRI")],
    )
    finn = ids["finn"] = ff.children[0].id
    f.add_previous_plan(finn, date(2023, 1, 10), date(2024, 6, 30), "N", "ends_cin")
    f1 = c.book(
        ff.id, ConferenceType.INITIAL, date(2025, 11, 17), clock_start=date(2025, 11, 3), chair_name=PR
    )
    _held(s, clock, f1.id, date(2025, 11, 17))
    _decide(s, f1.id, finn, Outcome.PLAN_MADE, Category.NEGLECT)
    clock.day = date(2025, 11, 11)
    g = f.create_family(
        "R-G", "Gray family", [ChildInput("Gus", "Gray", date(2016, 5, 5), gender=Gender.MALE)]
    )
    gus = ids["gus"] = g.children[0].id
    f.add_previous_plan(gus, date(2019, 1, 10), date(2022, 3, 1), "P", "ends_nfa")
    g1 = c.book(
        g.id,
        ConferenceType.INITIAL,
        date(2025, 12, 3),
        clock_start=date(2025, 11, 10),
        chair_name=SJ,
        lateness_reason="No interpreter until December",
    )
    ids["g1"] = g1.id

    # H: pre-birth conference; the baby is born during the plan.
    clock.day = date(2025, 11, 21)
    h = f.create_family("R-H", "Hill family", [ChildInput("", "Hill", None, date(2026, 1, 20), unborn=True)])
    hana = ids["hana"] = h.children[0].id
    h1 = c.book(
        h.id,
        ConferenceType.INITIAL_PRE_BIRTH,
        date(2025, 12, 1),
        clock_start=date(2025, 11, 20),
        chair_name=PR,
    )
    _held(s, clock, h1.id, date(2025, 12, 1))
    _decide(s, h1.id, hana, Outcome.PLAN_MADE, Category.NEGLECT)
    _held(s, clock, g1.id, date(2025, 12, 3))
    _decide(s, g1.id, gus, Outcome.PLAN_MADE, Category.EMOTIONAL)
    clock.day = date(2026, 1, 16)
    f.record_birth(hana, date(2026, 1, 15), "Hana")

    # A: review in February with a new chair, a dissent and a quoracy override.
    a3 = c.book(
        a.id,
        ConferenceType.REVIEW,
        date(2026, 2, 16),
        chair_name=SJ,
        previous_conference_id=a2.id,
        advocacy={alfie: ("declined", "")},
    )
    ids["a3"] = a3.id
    clock.day = date(2026, 2, 12)
    c.record_reports(a3.id, date(2026, 2, 10), date(2026, 2, 12))
    _held(s, clock, a3.id, date(2026, 2, 16))
    s.quoracy.record_override(a3.id, "Police report received; officer could not attend")
    for child in (amy, alfie):
        _decide(s, a3.id, child, Outcome.PLAN_CONTINUES, Category.NEGLECT)
    s.decisions.add_dissent(a3.id, amy, DissentInput("Dr Patel", "Health", "No plan needed", "Progress made"))
    clock.day = date(2026, 3, 20)
    c.record_follow_up(a3.id, None, date(2026, 3, 20))
    return ids


@pytest.fixture(scope="module")
def bundle(built):
    services, _ids, _store = built
    return services.reports.report(reporting_year(2025))


def _pct(bundle, key):
    f = bundle.report.figure(key)
    return f.numerator, f.denominator


def test_conferences_held_by_type_meetings_and_children(bundle):
    meetings = bundle.report.figure("conferences_held_meetings")
    assert meetings.value == 12
    assert {r.label: r.count for r in meetings.rows if r.count} == {
        "Initial conference": 5,  # a1 c1 d2 f1 g1
        "Initial pre-birth conference": 1,
        "Receiving-in (transfer) conference": 1,
        "First review conference": 3,  # a2 b2 c2
        "Review conference": 2,  # a3 b3
    }
    assert bundle.report.figure("conferences_held_children").value == 16
    assert bundle.report.previous("conferences_held_meetings").value == 1  # b1


def test_stood_down_and_held_later(bundle, built):
    _s, ids, _store = built
    down = bundle.report.figure("conferences_stood_down")
    assert (down.numerator, down.denominator) == (1, 13)
    assert down.conference_ids == (ids["d1"],)
    # reason shown in words; the held meeting points back at the stood-down booking
    assert [r.label for r in down.rows] == ["Parent unavailable (for example in hospital)"]
    held = next(c for c in bundle.facts.conferences if c.id == ids["d2"])
    assert held.replaces_id == ids["d1"]
    booked = next(c for c in bundle.facts.conferences if c.id == ids["d1"])
    assert booked.status == "stood_down"
    assert set(booked.child_ids) == {ids["dan"], ids["dina"]}


def test_plans_started_ended_and_on_plans(bundle, built):
    _s, ids, _store = built
    r = bundle.report
    assert r.figure("plans_started").value == 8  # Amy Alfie Cara Dan Eve Finn Gus Hana
    assert r.figure("plans_ended").value == 2  # Cara (first review), Ben (looked after)
    assert {row.label for row in r.figure("plans_ended").rows} == {
        "Plan ends: no further action",
        "Plan ends: child is looked after",
    }
    on_plans = r.figure("children_on_plans_at_end")
    assert on_plans.value == 7
    assert set(on_plans.child_ids) == {ids[k] for k in ("amy", "alfie", "dan", "eve", "finn", "gus", "hana")}
    # Ben's plan spans the start of the year: on a plan at the end of the previous one.
    assert r.previous("children_on_plans_at_end").child_ids == (ids["ben"],)
    # Dina, of 9 children at initial conferences: Eve's transfer-in is counted too (issue 17).
    assert _pct(bundle, "icpc_not_made_subject") == (1, 9)
    assert r.figure("icpc_not_made_subject").child_ids == (ids["dina"],)


def test_categories_repeats_and_durations(bundle, built):
    _s, ids, _store = built
    r = bundle.report
    mix = {row.label: row.count for row in r.figure("category_mix_at_end").rows if row.count}
    assert mix == {"Neglect": 5, "Emotional abuse": 1, "Sexual abuse": 1}
    assert _pct(bundle, "repeat_plans_ever") == (2, 8)  # Finn, Gus
    assert _pct(bundle, "repeat_plans_within_window")[0] == 1
    assert r.figure("repeat_plans_within_window").child_ids == (ids["finn"],)
    assert _pct(bundle, "plans_ended_first_review_or_short") == (1, 2)  # Cara
    assert r.figure("plans_ended_lasting_long").value == 0


def test_timeliness(bundle):
    assert _pct(bundle, "icpc_in_timescale_meetings") == (5, 6)  # g1 late
    assert _pct(bundle, "icpc_in_timescale_children") == (7, 8)
    assert _pct(bundle, "transfer_in_in_timescale_meetings") == (0, 1)  # e1, counted apart
    assert _pct(bundle, "reviews_in_timescale_meetings") == (4, 5)  # b2 late
    assert _pct(bundle, "reviews_in_timescale_children") == (6, 7)
    assert _pct(bundle, "report_to_parents_on_time") == (2, 12)  # a1, a3
    assert _pct(bundle, "report_to_chair_on_time") == (1, 12)  # a1 (a3 a day late)
    assert _pct(bundle, "record_distributed_on_time") == (2, 12)  # a1, c2 (distribution list)
    late = bundle.report.figure("record_distributed_on_time").row("Late")
    assert late.count == 1  # a3
    # Not distributed at 31 March 2026: b1 (previous year) and a2 b2 b3 d2 e1 f1 g1 h1.
    assert bundle.report.figure("record_backlog_at_end").value == 10


def test_participation_and_practice(bundle):
    assert _pct(bundle, "family_attendance") == (2, 4)  # a1 1 of 2, a2 1 of 1, d2 0 of 1
    assert _pct(bundle, "dissent") == (1, 12)
    assert _pct(bundle, "quoracy_overrides") == (1, 12)
    assert _pct(bundle, "same_chair_as_previous") == (3, 5)  # a2 b2 c2 same; a3 b3 new chair
    assert _pct(bundle, "families_one_chair") == (1, 3)  # C; A and B changed chair


def test_children_on_plans_at_the_year_end(bundle):
    r = bundle.report
    bands = {row.label: row.count for row in r.figure("age_bands").rows}
    # Amy 5 and Alfie 16 on their birthdays; Hana born in January.
    assert bands == {"Unborn": 0, "0-4": 1, "5-9": 4, "10-15": 1, "16+": 1}
    gender = {row.label: row.count for row in r.figure("gender").rows if row.count}
    assert gender == {"Female": 2, "Male": 4, "Not known": 1}  # Hana's gender not yet recorded
    ethnic = {row.label: row.count for row in r.figure("ethnicity").rows if row.count}
    assert ethnic == {"White": 3, "Asian or Asian British": 1, "Mixed": 1, "Not known": 2}
    assert _pct(bundle, "disability") == (1, 7)  # Dan


def test_child_born_during_plan_is_unborn_before_birth(built):
    services, ids, _store = built
    # Q3 2025-26 ends 31 December 2025: Hana is on a plan and not yet born.
    bundle = services.reports.report(quarter(2025, 3))
    bands = bundle.report.figure("age_bands")
    assert bands.row("Unborn").ids == (ids["hana"],)


def test_drill_down_names_the_records(bundle, built):
    _s, ids, _store = built
    drill = Drill(bundle.facts, bundle.names)
    rows = drill.for_figure(bundle.report.figure("conferences_stood_down"))
    assert [(r.family_reference, r.child, r.day, r.type_label) for r in rows] == [
        ("R-D", "Dan Dale, Dina Dale", date(2025, 7, 7), "Initial conference")
    ]
    children = drill.for_figure(bundle.report.figure("icpc_not_made_subject"))
    assert [(r.kind, r.family_reference, r.child) for r in children] == [("Child", "R-D", "Dina Dale")]


def test_managers_and_chairs_run_reports_clerks_do_not(built):
    _services, _ids, store = built
    for role, allowed in ((UserRole.MANAGER, True), (UserRole.CHAIR, True), (UserRole.CLERK, False)):
        ctx = ServiceContext(
            uow=store.uow, today=lambda: date(2026, 11, 23), session=SignedIn(User("u", "u", "U", role))
        )
        service = Services.build(ctx).reports
        if allowed:
            assert service.report(reporting_year(2025)).report.figure("plans_started").value == 8
        else:
            with pytest.raises(PermissionDenied):
                service.report(reporting_year(2025))


def test_exports_are_audited(built):
    services, _ids, _store = built
    services.reports.note_exported(reporting_year(2025), "CSV", "/somewhere/annual-report-2025-26")
    (event,) = [
        e for e in services.audit.events(services.ctx.session.user) if e.entity_type == "annual_report"
    ]
    assert event.entity_id == "2025-26"
    assert event.after == {
        "what": "CSV",
        "period": "2025-04-01 to 2026-03-31",
        "file": "annual-report-2025-26",
    }
    assert services.audit.verify().intact
