"""Reading each file's rows into typed records: headers, required values, codes, dates, lengths, duplicate
ids and the rules of a single row. A row with any problem is left out of the records (its id is still
noted as seen, so rows referring to it are not blamed for its fault)."""

from __future__ import annotations

import functools
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import date
from enum import Enum
from typing import TypeVar

from iro_desktop.domain.attendance import Attendance
from iro_desktop.domain.conference import ClockStartKind, ConferenceStatus, ConferenceType
from iro_desktop.domain.decisions import Outcome
from iro_desktop.domain.family import ChildInput, validate_child, validate_family
from iro_desktop.domain.history.dates import DateFormatError, parse_date
from iro_desktop.domain.history.format import (
    ATTENDANCE,
    CATEGORY_CODES,
    CHILDREN,
    CODE_KINDS,
    CODES,
    CONFERENCES,
    DECISIONS,
    DISABILITY_CODES,
    EXTRACT,
    FAMILIES,
    FILES,
    HISTORY_STATUSES,
    LIST_CELLS,
    LOCAL_CODE_KINDS,
    PLAN_END_CODES,
    PLAN_END_REASONS,
    PLANS,
    SEX_CODES,
    TRANSFERRED_OUT,
    AttendanceRecord,
    ChildRecord,
    CodeMapping,
    ConferenceRecord,
    DecisionRecord,
    Extract,
    ExtractProblem,
    FamilyRecord,
    PlanRecord,
    RawTable,
)
from iro_desktop.domain.people import ETHNICITY, ETHNICITY_GROUPS, Role, validate_plan_history
from iro_desktop.domain.text_rules import character_message, safe_text

T = TypeVar("T")
E = TypeVar("E", bound=Enum)
Progress = Callable[[int], None]

CATEGORY_LIST = "N, P, E, S, M (or the CIN census codes NEG, PHY, EMO, SAB, MUL)"

ID_COLUMN = {
    FAMILIES: "fami_family_id",
    CHILDREN: "pers_person_id",
    CONFERENCES: "iro_conference_id",
    PLANS: "cppl_cp_plan_id",
}
#: Cells codes.csv may map, and the hint added when such a cell holds an unknown code.
MAPPABLE = frozenset(cell for cells in CODE_KINDS.values() for cell in cells)
MAP_HINT = " (or map the extract's code to one of these in codes.csv)"
#: Family members are grouped by household; the child's own attendance is participation, not counted.
HOUSEHOLD_ROLES = frozenset({Role.PARENT, Role.CARER, Role.FAMILY_NETWORK})
ETHNICITY_CODES = frozenset(ETHNICITY) | frozenset(ETHNICITY_GROUPS)


@dataclass
class _Row:
    """One data row being read: cells by column, and the problems found in it."""

    file: str
    number: int
    cells: dict[str, str]
    today: date
    problems: list[ExtractProblem] = field(default_factory=list)

    def problem(self, column: str, message: str) -> None:
        self.problems.append(ExtractProblem(self.file, self.number, column, message))

    def text(self, column: str, required: bool = False, what: str = "") -> str:
        value = self.cells.get(column, "").strip()
        if required and not value:
            self.problem(column, f"Missing value: enter {what or 'a value'}.")
        return value

    def date(self, column: str, required: bool = False, what: str = "", past: bool = True) -> date | None:
        raw = self.cells.get(column, "")
        try:
            value = parse_date(raw)
        except DateFormatError as error:
            self.problem(column, str(error))
            return None
        if value is None and required:
            self.problem(column, f"Missing value: enter {what or 'the date'}.")
        if value is not None and past and value > self.today:
            self.problem(column, f"{value:%d/%m/%Y} is in the future: the history holds only what happened.")
        return value

    def code(
        self, column: str, codes: Mapping[str, T], required: bool = False, what: str = "", listed: str = ""
    ) -> T | None:
        """A code looked up without regard to case; `listed` is how the accepted codes are shown."""
        raw = self.text(column, required, what)
        if not raw:
            return None
        found = codes.get(raw.upper())
        if found is None:
            shown = listed or ", ".join(sorted({k for k in codes if k}))
            hint = MAP_HINT if (self.file, column) in MAPPABLE else ""
            self.problem(column, f"Unknown code “{raw}”: use one of {shown}{hint}.")
        return found

    def enum(self, column: str, allowed: tuple[E, ...], what: str = "", required: bool = True) -> E | None:
        codes, listed = _enum_codes(allowed)
        return self.code(column, codes, required, what, listed)

    def clean(self, *columns: str) -> bool:
        """No problem found yet in any of these columns."""
        return not {p.field for p in self.problems} & set(columns)

    def check_characters(self) -> None:
        """The rule typing and conference files follow (domain.text_rules): control, bidi and broken
        characters are refused with their place; the cell is then shown escaped in any later message."""
        for column, value in list(self.cells.items()):
            message = character_message(value)
            if message is not None:
                self.problem(column, message)
                self.cells[column] = safe_text(value)

    def check_lengths(self) -> None:
        for spec in FILES[self.file]:
            value = self.cells.get(spec.name, "")
            if len(value.strip()) > spec.max_length:
                self.problem(
                    spec.name, f"Too long: {len(value.strip())} characters, at most {spec.max_length}."
                )


@functools.cache
def _enum_codes(allowed: tuple[E, ...]) -> tuple[dict[str, E], str]:
    """An enum's codes for look-up (upper case) and as listed to people."""
    return {str(m.value).upper(): m for m in allowed}, ", ".join(str(m.value) for m in allowed)


def read_extract(
    tables: Mapping[str, RawTable], today: date, progress: Progress | None = None
) -> tuple[Extract, list[ExtractProblem]]:
    """Every row of every file read into records, with every problem found within a single file. The
    extract's own codes are mapped by codes.csv before a row is read."""
    problems: list[ExtractProblem] = []
    source, extracted_on = _extract_row(tables.get(EXTRACT), today, problems)
    codes = _code_rows(tables.get(CODES), today, problems)
    cell_maps = code_maps(codes)
    readers: dict[str, Callable[[_Row], object | None]] = {
        FAMILIES: _family,
        CHILDREN: _child,
        CONFERENCES: _conference,
        DECISIONS: _decision,
        PLANS: _plan,
        ATTENDANCE: _attendance,
    }
    seen: dict[str, frozenset[str]] = {}
    out: dict[str, list[object]] = {}
    done = 0
    for file in readers:
        table = tables.get(file)
        rows, readable = _rows(table, today, problems) if table is not None else ([], False)
        id_column = ID_COLUMN.get(file)
        first_row: dict[str, int] = {}
        records: list[object] = []
        maps = {column: m for (f, column), m in cell_maps.items() if f == file}
        for row in rows:
            ident = row.cells.get(id_column, "").strip() if id_column else ""
            if ident in first_row:
                row.problem(id_column or "", f"Duplicate id “{ident}”: row {first_row[ident]} has it too.")
            elif ident:
                first_row[ident] = row.number
            if readable:
                row.check_characters()
                row.check_lengths()
                _map_cells(row, maps)
                record = readers[file](row)
                if record is not None and not row.problems:
                    records.append(record)
            problems.extend(row.problems)
            done += 1
            if progress is not None and done % 500 == 0:
                progress(done)
        seen[file] = frozenset(first_row)
        out[file] = records
    problems.extend(_duplicate_decisions(out[DECISIONS]))
    problems.extend(_duplicate_attendance(out[ATTENDANCE]))
    extract = Extract(
        source_system=source,
        extracted_on=extracted_on,
        families=tuple(out[FAMILIES]),  # type: ignore[arg-type]
        children=tuple(out[CHILDREN]),  # type: ignore[arg-type]
        conferences=tuple(out[CONFERENCES]),  # type: ignore[arg-type]
        decisions=tuple(_unique_decisions(out[DECISIONS])),  # type: ignore[arg-type]
        plans=tuple(out[PLANS]),  # type: ignore[arg-type]
        attendance=tuple(_unique_attendance(out[ATTENDANCE])),  # type: ignore[arg-type]
        codes=tuple(codes),
        seen_ids=seen,
    )
    return extract, problems


def code_maps(codes: list[CodeMapping]) -> dict[tuple[str, str], dict[str, str]]:
    """(file, column) -> the extract's code (upper case) -> the app's code, from clean codes.csv rows."""
    maps: dict[tuple[str, str], dict[str, str]] = {}
    for mapping in codes:
        for cell in CODE_KINDS[mapping.kind]:
            maps.setdefault(cell, {})[mapping.their_code.upper()] = mapping.our_code
    return maps


def _map_cells(row: _Row, maps: Mapping[str, Mapping[str, str]]) -> None:
    for column, mapping in maps.items():
        value = row.cells.get(column, "")
        if not value.strip():
            continue
        if (row.file, column) in LIST_CELLS:
            parts = [p.strip() for p in value.split(";")]
            row.cells[column] = ";".join(mapping.get(p.upper(), p) for p in parts)
        else:
            row.cells[column] = mapping.get(value.strip().upper(), value)


def _accepted(kind: str) -> tuple[frozenset[str], str]:
    """The app's codes a codes.csv row of `kind` may map to (upper case), and how they are listed;
    empty for the local lists, checked against the records."""
    enum_codes: dict[str, tuple[Enum, ...]] = {
        "conference_type": tuple(ConferenceType),
        "status": HISTORY_STATUSES,
        "clock_start_kind": tuple(ClockStartKind),
        "outcome": tuple(Outcome),
        "role": tuple(Role),
        "attendance": tuple(Attendance),
    }
    if kind in enum_codes:
        codes, listed = _enum_codes(enum_codes[kind])
        return frozenset(codes), listed
    plain: dict[str, Mapping[str, object]] = {
        "category": CATEGORY_CODES,
        "plan_end_reason": PLAN_END_CODES,
        "ethnicity": dict.fromkeys(ETHNICITY_CODES),
        "sex": SEX_CODES,
        "disability": DISABILITY_CODES,
    }
    keys = plain.get(kind, {})
    return frozenset(keys), ", ".join(sorted(keys))


def _code_rows(table: RawTable | None, today: date, problems: list[ExtractProblem]) -> list[CodeMapping]:
    """codes.csv read into mappings; a row with a problem maps nothing."""
    if table is None:
        return []
    rows, readable = _rows(table, today, problems)
    if not readable:
        return []
    out: list[CodeMapping] = []
    first: dict[tuple[str, str], int] = {}
    for row in rows:
        row.check_characters()
        row.check_lengths()
        kind = row.text("kind", True, "what the code is for").lower()
        their = row.text("their_code", True, "the extract's code")
        ours = row.text("our_code", True, "the app's code it stands for")
        if kind and kind not in CODE_KINDS:
            row.problem("kind", f"Unknown kind “{kind}”: use one of {', '.join(CODE_KINDS)}.")
        elif kind and ours and kind not in LOCAL_CODE_KINDS:
            accepted, listed = _accepted(kind)
            if ours.upper() not in accepted:
                row.problem("our_code", f"“{ours}” is not a {kind} code: use one of {listed}.")
        key = (kind, their.upper())
        if their and key in first:
            row.problem("their_code", f"Row {first[key]} already maps “{their}” for {kind}.")
        elif their:
            first[key] = row.number
        if not row.problems:
            ours = ours.lower() if kind in LOCAL_CODE_KINDS else ours
            out.append(CodeMapping(row.number, kind, their, ours))
        problems.extend(row.problems)
    return out


def _rows(table: RawTable, today: date, problems: list[ExtractProblem]) -> tuple[list[_Row], bool]:
    """The rows of a table, and whether its header lets them be read."""
    file = table.file
    specs = {s.name: s for s in FILES[file]}
    header = [h.strip() for h in table.header]
    ok = True
    if not header:
        problems.append(
            ExtractProblem(file, 1, "", "The file is empty: the first row must name the columns.")
        )
        return [], False
    for index, name in enumerate(header):
        if name not in specs:
            problems.append(
                ExtractProblem(
                    file,
                    1,
                    safe_text(name),
                    f"“{safe_text(name)}” is not a column of {file}: the columns are {', '.join(specs)}.",
                )
            )
            ok = False
        elif name in header[:index]:
            problems.append(ExtractProblem(file, 1, name, f"The column “{name}” appears twice."))
            ok = False
    for spec in specs.values():
        if spec.required and spec.name not in header:
            problems.append(ExtractProblem(file, 1, spec.name, f"Missing required column “{spec.name}”."))
            ok = False
    rows = []
    for number, values in table.rows:
        if not any(v.strip() for v in values):
            continue  # a blank line
        if len(values) > len(header):
            problems.append(
                ExtractProblem(
                    file, number, "", f"The row has {len(values)} cells but the header names {len(header)}."
                )
            )
            continue
        cells = dict(zip(header, values, strict=False))
        rows.append(_Row(file, number, cells, today))
    return rows, ok


def _extract_row(
    table: RawTable | None, today: date, problems: list[ExtractProblem]
) -> tuple[str, date | None]:
    if table is None:
        problems.append(
            ExtractProblem(EXTRACT, 0, "", "The extract needs extract.csv naming the source system.")
        )
        return "", None
    rows, readable = _rows(table, today, problems)
    if not readable:
        return "", None
    if len(rows) != 1:
        problems.append(
            ExtractProblem(
                EXTRACT, 0, "", f"extract.csv must have exactly one row under its header, not {len(rows)}."
            )
        )
        if not rows:
            return "", None
    row = rows[0]
    row.check_lengths()
    source = row.text("source_system", True, "the name of the system the extract came from")
    extracted_on = row.date("extracted_on")
    problems.extend(row.problems)
    return source, extracted_on


def _family(row: _Row) -> FamilyRecord | None:
    ident = row.text("fami_family_id", True, "the family's id")
    reference = row.text("iro_family_reference", True, "the family reference (case number)")
    name = row.text("iro_family_name", True, "the family's name")
    if reference and name and row.clean("iro_family_reference", "iro_family_name"):
        for p in validate_family(reference, name):
            row.problem({"reference": "iro_family_reference"}.get(p.field, "iro_family_name"), p.message)
    return FamilyRecord(row.number, ident, reference, name) if ident and reference and name else None


_CHILD_FIELDS = {
    "given_name": "pers_forename",
    "family_name": "pers_surname",
    "date_of_birth": "pers_dob",
    "expected_date": "pers_expected_dob",
}


def _child(row: _Row) -> ChildRecord | None:
    ident = row.text("pers_person_id", True, "the child's id")
    family = row.text("fami_family_id", True, "the id of the child's family")
    dob = row.date("pers_dob")
    expected = row.date("pers_expected_dob", past=False)
    gender = row.code("pers_sex", SEX_CODES, listed="F, M, O (other) or U (not known)")
    ethnicity = row.text("pers_ethnicity").upper()
    if ethnicity and ethnicity not in ETHNICITY_CODES:
        row.problem(
            "pers_ethnicity",
            f"Unknown code “{ethnicity}”: use a DfE ethnicity code such as WBRI, or the group code WHIT, "
            f"MIXD, ASIA, BLAC, CHIN or AOEG when only the group is held; REFU (refused) or NOBT (not yet "
            f"obtained){MAP_HINT}.",
        )
    disability = row.code("iro_disabled", DISABILITY_CODES, listed="Y, N or U (not known); blank is N")
    unborn = dob is None and expected is not None
    if dob is None and expected is None and not row.problems:
        row.problem(
            "pers_dob", "Missing value: enter the date of birth (or, for an unborn child, pers_expected_dob)."
        )
        return None
    data = ChildInput(
        given_name=row.text("pers_forename"),
        family_name=row.text("pers_surname", True, "the child's family name"),
        date_of_birth=dob,
        expected_date=expected,
        unborn=unborn,
        ethnicity_code=ethnicity,
    )
    already = {p.field for p in row.problems}
    for p in validate_child(data, row.today):
        column = _CHILD_FIELDS.get(p.field, p.field)
        if column not in already:
            row.problem(column, p.message)
    if not ident or not family:
        return None
    return ChildRecord(
        row.number,
        ident,
        family,
        data.given_name,
        data.family_name,
        dob,
        expected,
        unborn,
        gender or SEX_CODES["U"],
        ethnicity,
        disability == "yes",
        row.text("iro_case_number") or ident,
        disability_known=disability != "not_known",
    )


def _conference(row: _Row) -> ConferenceRecord | None:
    ident = row.text("iro_conference_id", True, "the conference's id")
    family = row.text("fami_family_id", True, "the id of the family")
    kind = row.enum("iro_conference_type", tuple(ConferenceType), "the conference type")
    status = row.enum("iro_status", HISTORY_STATUSES, "held, stood_down or adjourned")
    scheduled = row.date("iro_scheduled_date", True, "the date the conference was booked for")
    held = row.date("iro_held_date")
    clock = row.date("iro_clock_start_date")
    clock_kind = row.enum("iro_clock_start_kind", tuple(ClockStartKind), required=False)
    reason = row.text("iro_stood_down_reason").lower()
    note = row.text("iro_status_note")
    if status is ConferenceStatus.HELD and held is None and row.clean("iro_held_date"):
        row.problem("iro_held_date", "Missing value: a held conference needs the date it was held.")
    if status is not None and status is not ConferenceStatus.HELD and held is not None:
        row.problem(
            "iro_held_date", f"Only a held conference has a held date; this one is {status.label.lower()}."
        )
    if status is ConferenceStatus.STOOD_DOWN and not reason:
        row.problem(
            "iro_stood_down_reason", "Missing value: say why the conference was stood down (a reason code)."
        )
    if status is not None and status is not ConferenceStatus.STOOD_DOWN and reason:
        row.problem("iro_stood_down_reason", "Only a stood-down conference has a stood-down reason.")
    if reason == "other" and not note:
        row.problem("iro_status_note", "Missing value: say what the other reason was.")
    if (
        clock is not None
        and scheduled is not None
        and row.clean("iro_clock_start_date", "iro_scheduled_date")
        and clock > scheduled
    ):
        row.problem(
            "iro_clock_start_date", "The clock cannot start after the date the conference was booked for."
        )
    reports = {
        "iro_report_to_parents_date": row.date("iro_report_to_parents_date"),
        "iro_report_to_chair_date": row.date("iro_report_to_chair_date"),
    }
    distributed = row.date("iro_record_distributed_date")
    if distributed is not None and status is not None and status is not ConferenceStatus.HELD:
        row.problem("iro_record_distributed_date", "Only a held conference has a record to distribute.")
    elif (
        distributed is not None
        and held is not None
        and row.clean("iro_held_date", "iro_record_distributed_date")
        and distributed < held
    ):
        row.problem("iro_record_distributed_date", "The record cannot go out before the conference was held.")
    previous = row.text("iro_previous_conference_id")
    replaces = row.text("iro_replaces_conference_id")
    for column, value in (("iro_previous_conference_id", previous), ("iro_replaces_conference_id", replaces)):
        if value and value == ident:
            row.problem(column, "A conference cannot refer to itself.")
    if not (ident and family and kind and status and scheduled):
        return None
    return ConferenceRecord(
        row=row.number,
        source_id=ident,
        family=family,
        conference_type=kind,
        status=status,
        scheduled_date=scheduled,
        held_on=held,
        clock_start=clock,
        clock_start_kind=clock_kind,
        previous=previous,
        replaces=replaces,
        stood_down_reason=reason,
        status_note=note,
        chair_name=row.text("iro_chair_name"),
        lateness_reason=row.text("iro_lateness_reason"),
        report_to_parents_on=reports["iro_report_to_parents_date"],
        report_to_chair_on=reports["iro_report_to_chair_date"],
        record_distributed_on=distributed,
        quoracy_override_reason=row.text("iro_quoracy_override_reason"),
    )


def _fields(row: _Row) -> set[str]:
    return {p.field for p in row.problems}


def _decision(row: _Row) -> DecisionRecord | None:
    conference = row.text("iro_conference_id", True, "the id of the conference")
    child = row.text("pers_person_id", True, "the id of the child")
    outcome = row.enum("iro_decision_outcome", tuple(Outcome), "the decision's outcome code")
    category = row.code("iro_category", CATEGORY_CODES, listed=CATEGORY_LIST)
    if outcome is not None and outcome.child_on_plan_after and category is None and row.clean("iro_category"):
        row.problem("iro_category", f"Missing value: “{outcome.label}” needs the category of harm.")
    if outcome is not None and not outcome.child_on_plan_after and category is not None:
        row.problem(
            "iro_category", f"“{outcome.label}” leaves the child without a plan: leave the category blank."
        )
    factors = tuple(
        dict.fromkeys(f.strip().lower() for f in row.text("iro_significant_factors").split(";") if f.strip())
    )
    cin = row.date("iro_cin_meeting_date", past=False)
    if not (conference and child and outcome):
        return None
    return DecisionRecord(
        row=row.number,
        conference=conference,
        child=child,
        outcome=outcome,
        category=category,
        multiple_reason=row.text("iro_multiple_reason"),
        factors=factors,
        cin_meeting_date=cin,
        rationale=row.text("iro_rationale"),
        decided_by=row.text("iro_decided_by"),
    )


_PLAN_FIELDS = {
    "started_on": "cppl_cp_plan_start_date",
    "ended_on": "cppl_cp_plan_end_date",
    "category": "cppl_cp_plan_latest_category",
}


def _plan(row: _Row) -> PlanRecord | None:
    ident = row.text("cppl_cp_plan_id", True, "the plan's id")
    child = row.text("cppl_person_id", True, "the id of the child")
    started = row.date("cppl_cp_plan_start_date", True, "the date the plan started", past=False)
    ended = row.date("cppl_cp_plan_end_date", past=False)
    category = row.code(
        "cppl_cp_plan_latest_category", CATEGORY_CODES, True, "the plan's category of harm", CATEGORY_LIST
    )
    end_reason = row.code(
        "iro_plan_end_reason",
        PLAN_END_CODES,
        listed=", ".join(o.value for o in PLAN_END_REASONS) + f" or {TRANSFERRED_OUT}",
    )
    open_plan = not row.text("cppl_cp_plan_end_date")
    if end_reason is not None and open_plan:
        row.problem(
            "iro_plan_end_reason", "An open plan has no end reason: give the end date or leave this blank."
        )
    if started is not None and row.clean("cppl_cp_plan_start_date", "cppl_cp_plan_end_date"):
        for p in validate_plan_history(started, ended, category.value if category else "-", row.today):
            row.problem(_PLAN_FIELDS[p.field], p.message)
    ended_at = row.text("iro_ended_at_conference_id")
    if ended_at and open_plan:
        row.problem(
            "iro_ended_at_conference_id", "An open plan was not ended by a conference: give the end date."
        )
    elif ended_at and end_reason == TRANSFERRED_OUT:
        row.problem(
            "iro_ended_at_conference_id",
            "A plan transferred out was taken over by the receiving authority, not ended at a conference "
            "here: leave this blank (or use ends_moved_area for a review here that ended it).",
        )
    if not (ident and child and started and category):
        return None
    return PlanRecord(
        row=row.number,
        source_id=ident,
        child=child,
        started_on=started,
        ended_on=ended,
        category=category,
        end_reason=end_reason or "",
        started_at=row.text("iro_started_at_conference_id"),
        ended_at=ended_at,
    )


def _attendance(row: _Row) -> AttendanceRecord | None:
    conference = row.text("iro_conference_id", True, "the id of the conference")
    person = row.text("iro_person_id", True, "the person's id in the extract")
    name = row.text("iro_person_name", True, "the person's name")
    role = row.enum("iro_role", tuple(Role), "the person's role at the conference")
    household = row.text("iro_household_id")
    invited = row.date("iro_invited_date")
    attendance = row.enum("iro_attendance", tuple(Attendance), "what happened on the day")
    reason = row.text("iro_exclusion_reason")
    received = row.date("iro_report_received_date")
    if household and role is not None and role not in HOUSEHOLD_ROLES:
        row.problem(
            "iro_household_id",
            f"Only parents, carers and the family network belong to a household, not a {role.label.lower()}.",
        )
    if attendance is Attendance.EXCLUDED and not reason:
        row.problem("iro_exclusion_reason", "Missing value: say why this person was excluded.")
    if reason and attendance is not None and attendance is not Attendance.EXCLUDED:
        row.problem("iro_exclusion_reason", "Only an excluded person has an exclusion reason.")
    if not (conference and person and name and role and attendance):
        return None
    return AttendanceRecord(
        row=row.number,
        conference=conference,
        person=person,
        name=name,
        role=role.value,
        household=household if role in HOUSEHOLD_ROLES else "",
        invited_on=invited,
        attendance=attendance.value,
        exclusion_reason=reason,
        report_received_on=received,
    )


def _duplicate_attendance(records: list[object]) -> list[ExtractProblem]:
    first: dict[tuple[str, str], int] = {}
    problems = []
    for record in records:
        assert isinstance(record, AttendanceRecord)
        key = (record.conference, record.person)
        if key in first:
            problems.append(
                ExtractProblem(
                    ATTENDANCE,
                    record.row,
                    "iro_person_id",
                    f"This person is listed twice for conference “{record.conference}”: row {first[key]} "
                    "has them too.",
                )
            )
        else:
            first[key] = record.row
    return problems


def _unique_attendance(records: list[object]) -> list[object]:
    seen: set[tuple[str, str]] = set()
    out: list[object] = []
    for record in records:
        assert isinstance(record, AttendanceRecord)
        if (record.conference, record.person) not in seen:
            seen.add((record.conference, record.person))
            out.append(record)
    return out


def _duplicate_decisions(records: list[object]) -> list[ExtractProblem]:
    first: dict[tuple[str, str], int] = {}
    problems = []
    for record in records:
        assert isinstance(record, DecisionRecord)
        key = (record.conference, record.child)
        if key in first:
            problems.append(
                ExtractProblem(
                    DECISIONS,
                    record.row,
                    "pers_person_id",
                    f"A second decision for this child at conference “{record.conference}”: "
                    f"row {first[key]} has one.",
                )
            )
        else:
            first[key] = record.row
    return problems


def _unique_decisions(records: list[object]) -> list[object]:
    seen: set[tuple[str, str]] = set()
    out: list[object] = []
    for record in records:
        assert isinstance(record, DecisionRecord)
        if (record.conference, record.child) not in seen:
            seen.add((record.conference, record.child))
            out.append(record)
    return out
