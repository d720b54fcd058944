"""The annual report's figures, and the records behind them, as CSV.

Record-level files use the field names of the Standard Safeguarding Dataset (SSD) where one exists:
`icpc_*` (ssd_initial_cp_conference), `cppl_*` (ssd_cp_plans), `cppr_*` (ssd_cp_reviews), `pers_*`
(ssd_person). Fields the SSD has no name for start with `iro_`. Columns are documented in
docs/report-csv.md. Dates are ISO (YYYY-MM-DD), flags Y/N, blank when not known.
"""

from __future__ import annotations

import csv
from collections.abc import Iterable, Mapping, Sequence
from datetime import date
from pathlib import Path
from typing import IO

from iro_desktop.domain.calendar import add_months
from iro_desktop.private_files import private_folder, private_opener
from iro_desktop.reports import ethnicity
from iro_desktop.reports.annual import AnnualReport
from iro_desktop.reports.census import MODULE_COLUMNS, module_rows
from iro_desktop.reports.facts import (
    INITIAL_TYPES,
    REVIEW_TYPES,
    TRANSFER_IN,
    ConferenceFact,
    PlanFact,
    ReportFacts,
)
from iro_desktop.reports.figure import Figure
from iro_desktop.reports.figures import SECTIONS
from iro_desktop.reports.index import FactIndex
from iro_desktop.reports.periods import Period
from iro_desktop.reports.rules import ReportRules
from iro_desktop.reports.timeliness import icpc_deadline, review_due

Cell = str | int | float | date | bool | None

#: Plan category codes as the CIN census writes them.
CIN_CATEGORY = {"N": "NEG", "P": "PHY", "E": "EMO", "S": "SAB", "M": "MUL"}
SEX = {"female": "F", "f": "F", "male": "M", "m": "M"}

CENSUS_MODULE_FILE = "census_cp_module.csv"
FIGURE_COLUMNS = (
    "period",
    "period_start",
    "period_end",
    "section",
    "key",
    "title",
    "unit",
    "row_label",
    "value",
    "numerator",
    "denominator",
    "percentage",
    "not_recorded",
    "previous_period",
    "previous_value",
    "previous_numerator",
    "previous_denominator",
    "previous_percentage",
    "definition",
)
PERSON_COLUMNS = (
    "pers_person_id",
    "pers_sex",
    "pers_ethnicity",
    "pers_dob",
    "pers_expected_dob",
    "iro_ethnic_group",
    "iro_disabled",
    "iro_family_id",
)
ICPC_COLUMNS = (
    "icpc_icpc_id",
    "icpc_icpc_meeting_id",
    "icpc_person_id",
    "icpc_cp_plan_id",
    "icpc_icpc_transfer_in",
    "icpc_icpc_target_date",
    "icpc_icpc_date",
    "icpc_icpc_outcome_cp_flag",
    "iro_conference_type",
    "iro_clock_start_date",
    "iro_icpc_within_timescale",
    "iro_lateness_reason",
    "iro_family_id",
    "iro_chair_id",
)
CPPL_COLUMNS = (
    "cppl_cp_plan_id",
    "cppl_icpc_id",
    "cppl_person_id",
    "cppl_cp_plan_start_date",
    "cppl_cp_plan_end_date",
    "cppl_cp_plan_initial_category",
    "cppl_cp_plan_latest_category",
    "iro_plan_end_reason",
    "iro_ended_at_conference_id",
    "iro_plan_number",
    "iro_repeat_within_window",
)
CPPR_COLUMNS = (
    "cppr_cp_review_id",
    "cppr_person_id",
    "cppr_cp_plan_id",
    "cppr_cp_review_due",
    "cppr_cp_review_date",
    "cppr_cp_review_meeting_id",
    "cppr_cp_review_outcome_continue_cp",
    "cppr_cp_review_quorate",
    "iro_conference_type",
    "iro_review_within_timescale",
    "iro_previous_conference_date",
    "iro_lateness_reason",
    "iro_chair_id",
)
CONFERENCE_COLUMNS = (
    "iro_conference_id",
    "iro_family_id",
    "iro_conference_type",
    "iro_status",
    "iro_scheduled_date",
    "iro_held_date",
    "iro_stood_down_reason",
    "iro_replaces_conference_id",
    "iro_chair_id",
    "iro_child_count",
    "iro_report_to_parents_date",
    "iro_report_to_chair_date",
    "iro_record_distributed_date",
    "iro_record_deadline",
    "iro_family_invited",
    "iro_family_attended",
    "iro_households_invited",
    "iro_households_attended",
    "iro_quoracy_override",
    "iro_dissent_count",
)

#: File name -> columns, for `export_records`.
RECORD_FILES: dict[str, tuple[str, ...]] = {
    "persons.csv": PERSON_COLUMNS,
    "icpc.csv": ICPC_COLUMNS,
    "cp_plans.csv": CPPL_COLUMNS,
    "cp_reviews.csv": CPPR_COLUMNS,
    "conferences.csv": CONFERENCE_COLUMNS,
    CENSUS_MODULE_FILE: MODULE_COLUMNS,
}


def _cell(value: Cell) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "Y" if value else "N"
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, float):
        return f"{value:.1f}"
    text = str(value)
    # A spreadsheet must never read a text cell as a formula.
    if text[:1] in ("=", "+", "-", "@", "\t", "\r"):
        return "'" + text
    return text


def write_csv(rows: Iterable[Mapping[str, Cell]], columns: Sequence[str], stream: IO[str]) -> int:
    """Write `rows` (dicts keyed by column) with a header row; returns the number of data rows."""
    writer = csv.writer(stream, lineterminator="\r\n")
    writer.writerow(columns)
    count = 0
    for row in rows:
        writer.writerow([_cell(row.get(column)) for column in columns])
        count += 1
    return count


# --- figures --------------------------------------------------------------------------------------


def figure_rows(report: AnnualReport) -> list[dict[str, Cell]]:
    """One row per figure (row_label blank) followed by one per breakdown row, with the previous
    period's value beside each."""
    section_of = {key: title for title, keys in SECTIONS.items() for key in keys}
    out: list[dict[str, Cell]] = []
    for figure in report.figures:
        previous = report.previous(figure.key)
        base: dict[str, Cell] = {
            "period": report.period.label,
            "period_start": report.period.start,
            "period_end": report.period.end,
            "section": section_of.get(figure.key, ""),
            "key": figure.key,
            "title": figure.title,
            "unit": figure.unit,
            "previous_period": report.previous_period.label,
        }
        out.append(
            base
            | _values(figure, "")
            | {"not_recorded": figure.not_recorded}
            | _values(previous, "previous_")
            | {"definition": figure.definition}
        )
        previous_rows = {row.label: row for row in previous.rows}
        for row in figure.rows:
            before = previous_rows.get(row.label)
            out.append(
                base
                | {
                    "row_label": row.label,
                    "value": row.count,
                    "percentage": row.percentage,
                    "previous_value": before.count if before else None,
                    "previous_percentage": before.percentage if before else None,
                }
            )
    return out


def _values(figure: Figure, prefix: str) -> dict[str, Cell]:
    return {
        f"{prefix}value": figure.value,
        f"{prefix}numerator": figure.numerator,
        f"{prefix}denominator": figure.denominator,
        f"{prefix}percentage": figure.percentage,
    }


def write_figures_csv(report: AnnualReport, stream: IO[str]) -> int:
    return write_csv(figure_rows(report), FIGURE_COLUMNS, stream)


# --- records --------------------------------------------------------------------------------------


def _plan_started_at(index: FactIndex, child_id: str, conference: ConferenceFact) -> PlanFact | None:
    for plan in index.plans_by_child.get(child_id, ()):
        if plan.started_at_conference_id == conference.id or (
            plan.started_at_conference_id is None and plan.started_on == conference.held_on
        ):
            return plan
    return None


def _plan_at_review(index: FactIndex, child_id: str, conference: ConferenceFact) -> PlanFact | None:
    assert conference.held_on is not None
    for plan in index.plans_by_child.get(child_id, ()):
        if plan.ended_at_conference_id == conference.id:
            return plan
    for plan in index.plans_by_child.get(child_id, ()):
        if plan.started_on <= conference.held_on and (
            plan.ended_on is None or plan.ended_on >= conference.held_on
        ):
            return plan
    return None


def icpc_rows(index: FactIndex, period: Period, rules: ReportRules) -> list[dict[str, Cell]]:
    """One row per child at each initial, pre-birth, re-convened or transfer-in conference held in
    the period."""
    out: list[dict[str, Cell]] = []
    for conference in index.held_between(period.start, period.end):
        if conference.conference_type not in INITIAL_TYPES:
            continue
        deadline = icpc_deadline(conference, rules)
        assert conference.held_on is not None
        for child_id in conference.child_ids:
            plan = _plan_started_at(index, child_id, conference)
            out.append(
                {
                    "icpc_icpc_id": f"{conference.id}/{child_id}",
                    "icpc_icpc_meeting_id": conference.id,
                    "icpc_person_id": child_id,
                    "icpc_cp_plan_id": plan.id if plan else None,
                    "icpc_icpc_transfer_in": conference.conference_type == TRANSFER_IN,
                    "icpc_icpc_target_date": deadline,
                    "icpc_icpc_date": conference.held_on,
                    "icpc_icpc_outcome_cp_flag": plan is not None,
                    "iro_conference_type": conference.conference_type,
                    "iro_clock_start_date": conference.clock_start,
                    "iro_icpc_within_timescale": None if deadline is None else conference.held_on <= deadline,
                    "iro_lateness_reason": conference.lateness_reason,
                    "iro_family_id": conference.family_id,
                    "iro_chair_id": conference.chair_id,
                }
            )
    return out


def cppl_rows(index: FactIndex, period: Period, rules: ReportRules) -> list[dict[str, Cell]]:
    """One row per plan open at any time in the period."""
    out: list[dict[str, Cell]] = []
    for child_id in sorted(index.plans_by_child):
        history = index.plans_by_child[child_id]
        for number, plan in enumerate(history, start=1):
            if plan.started_on > period.end or (plan.ended_on is not None and plan.ended_on < period.start):
                continue
            earlier_ends = [p.ended_on for p in history[: number - 1] if p.ended_on is not None]
            within = None
            if number > 1:
                window = add_months(plan.started_on, -rules.repeat_window_months)
                within = bool(earlier_ends) and max(earlier_ends) >= window
            out.append(
                {
                    "cppl_cp_plan_id": plan.id,
                    "cppl_icpc_id": f"{plan.started_at_conference_id}/{child_id}"
                    if plan.started_at_conference_id
                    else None,
                    "cppl_person_id": child_id,
                    "cppl_cp_plan_start_date": plan.started_on,
                    "cppl_cp_plan_end_date": plan.ended_on,
                    "cppl_cp_plan_initial_category": CIN_CATEGORY.get(
                        plan.initial_category or plan.category, plan.initial_category or plan.category
                    ),
                    "cppl_cp_plan_latest_category": CIN_CATEGORY.get(plan.category, plan.category),
                    "iro_plan_end_reason": plan.end_reason,
                    "iro_ended_at_conference_id": plan.ended_at_conference_id,
                    "iro_plan_number": number,
                    "iro_repeat_within_window": within,
                }
            )
    return out


def cppr_rows(index: FactIndex, period: Period, rules: ReportRules) -> list[dict[str, Cell]]:
    """One row per child at each review conference held in the period."""
    out: list[dict[str, Cell]] = []
    for conference in index.held_between(period.start, period.end):
        if conference.conference_type not in REVIEW_TYPES:
            continue
        assert conference.held_on is not None
        for child_id in conference.child_ids:
            previous = index.previous_held_for_child(child_id, conference)
            due = review_due(previous, rules) if previous is not None else None
            plan = _plan_at_review(index, child_id, conference)
            out.append(
                {
                    "cppr_cp_review_id": f"{conference.id}/{child_id}",
                    "cppr_person_id": child_id,
                    "cppr_cp_plan_id": plan.id if plan else None,
                    "cppr_cp_review_due": due,
                    "cppr_cp_review_date": conference.held_on,
                    "cppr_cp_review_meeting_id": conference.id,
                    "cppr_cp_review_outcome_continue_cp": None
                    if plan is None
                    else plan.ended_at_conference_id != conference.id,
                    "cppr_cp_review_quorate": not conference.quoracy_override,
                    "iro_conference_type": conference.conference_type,
                    "iro_review_within_timescale": None if due is None else conference.held_on <= due,
                    "iro_previous_conference_date": previous.held_on if previous else None,
                    "iro_lateness_reason": conference.lateness_reason,
                    "iro_chair_id": conference.chair_id,
                }
            )
    return out


def conference_rows(index: FactIndex, period: Period, rules: ReportRules) -> list[dict[str, Cell]]:
    """Every conference booked for or held on a day in the period, whatever its status."""
    out: list[dict[str, Cell]] = []
    for conference in sorted(index.facts.conferences, key=lambda c: (c.day, c.id)):
        if not period.contains(conference.day):
            continue
        deadline = (
            rules.calendar.add_working_days(conference.held_on, rules.record_distribution_wd)
            if conference.held_on is not None
            else None
        )
        out.append(
            {
                "iro_conference_id": conference.id,
                "iro_family_id": conference.family_id,
                "iro_conference_type": conference.conference_type,
                "iro_status": conference.status,
                "iro_scheduled_date": conference.scheduled_on,
                "iro_held_date": conference.held_on,
                "iro_stood_down_reason": conference.stood_down_reason,
                "iro_replaces_conference_id": conference.replaces_id,
                "iro_chair_id": conference.chair_id,
                "iro_child_count": len(conference.child_ids),
                "iro_report_to_parents_date": conference.report_to_parents_on,
                "iro_report_to_chair_date": conference.report_to_chair_on,
                "iro_record_distributed_date": conference.record_distributed_on,
                "iro_record_deadline": deadline,
                "iro_family_invited": conference.family_invited,
                "iro_family_attended": conference.family_attended,
                "iro_households_invited": conference.households_invited,
                "iro_households_attended": conference.households_attended,
                "iro_quoracy_override": conference.quoracy_override,
                "iro_dissent_count": conference.dissent_count,
            }
        )
    return out


def person_rows(index: FactIndex, person_ids: Iterable[str]) -> list[dict[str, Cell]]:
    out: list[dict[str, Cell]] = []
    for child_id in sorted(set(person_ids)):
        child = index.children.get(child_id)
        if child is None:
            out.append({"pers_person_id": child_id})
            continue
        out.append(
            {
                "pers_person_id": child.id,
                "pers_sex": SEX.get(child.gender.strip().lower(), "U"),
                "pers_ethnicity": child.ethnicity_code or None,
                "pers_dob": child.date_of_birth,
                "pers_expected_dob": child.expected_date,
                "iro_ethnic_group": ethnicity.group_of(child.ethnicity_code),
                "iro_disabled": child.disability,
                "iro_family_id": child.family_id,
            }
        )
    return out


def record_tables(
    facts: ReportFacts | FactIndex, period: Period, rules: ReportRules | None = None
) -> dict[str, tuple[tuple[str, ...], Sequence[Mapping[str, Cell]]]]:
    """File name -> (columns, rows) for every record-level file of the period."""
    rules = rules or ReportRules()
    index = facts if isinstance(facts, FactIndex) else FactIndex.build(facts)
    icpc = icpc_rows(index, period, rules)
    cppl = cppl_rows(index, period, rules)
    cppr = cppr_rows(index, period, rules)
    conferences = conference_rows(index, period, rules)
    people: set[str] = {str(r["icpc_person_id"]) for r in icpc}
    people |= {str(r["cppl_person_id"]) for r in cppl}
    people |= {str(r["cppr_person_id"]) for r in cppr}
    people |= {
        child_id
        for conference in index.facts.conferences
        if period.contains(conference.day)
        for child_id in conference.child_ids
    }
    return {
        "persons.csv": (PERSON_COLUMNS, person_rows(index, people)),
        "icpc.csv": (ICPC_COLUMNS, icpc),
        "cp_plans.csv": (CPPL_COLUMNS, cppl),
        "cp_reviews.csv": (CPPR_COLUMNS, cppr),
        "conferences.csv": (CONFERENCE_COLUMNS, conferences),
        # The census's child protection module, with its own item names and codes (issue 17).
        CENSUS_MODULE_FILE: (MODULE_COLUMNS, list(module_rows(index.facts, period))),
    }


def export_report(report: AnnualReport, facts: ReportFacts | FactIndex, folder: Path) -> dict[str, Path]:
    """Write figures.csv and the record-level files for the report's period into `folder`
    (UTF-8 with a byte-order mark, so spreadsheet programs read accents correctly). The files are 0600
    and a folder made for them 0700: they carry names (iro_desktop.private_files)."""
    private_folder(folder)
    written: dict[str, Path] = {}
    path = folder / "figures.csv"
    with open(path, "w", encoding="utf-8-sig", newline="", opener=private_opener) as stream:
        write_figures_csv(report, stream)
    written["figures.csv"] = path
    for name, (columns, rows) in record_tables(facts, report.period, report.rules).items():
        path = folder / name
        with open(path, "w", encoding="utf-8-sig", newline="", opener=private_opener) as stream:
            write_csv(rows, columns, stream)
        written[name] = path
    return written
