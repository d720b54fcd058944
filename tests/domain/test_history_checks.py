"""The extract's checks as pure rules: no files, no store."""

from __future__ import annotations

from datetime import date, timedelta

from hypothesis import given
from hypothesis import strategies as st

from iro_desktop.domain.categories import Category
from iro_desktop.domain.family import Gender
from iro_desktop.domain.history.checks import Known, KnownPlan, check_extract
from iro_desktop.domain.history.format import (
    CHILDREN,
    FAMILIES,
    PLANS,
    ChildRecord,
    Extract,
    FamilyRecord,
    PlanRecord,
    RawTable,
)
from iro_desktop.domain.history.ids import CHILD, PLAN, IdMaker
from iro_desktop.domain.history.rows import read_extract

TODAY = date(2026, 11, 23)
BASE = date(2020, 1, 1)


def _extract(periods: list[tuple[int, int | None]]) -> Extract:
    plans = tuple(
        PlanRecord(
            row=n + 2,
            source_id=f"PL{n}",
            child="P1",
            started_on=BASE + timedelta(days=start),
            ended_on=None if length is None else BASE + timedelta(days=start + length),
            category=Category.NEGLECT,
        )
        for n, (start, length) in enumerate(periods)
    )
    child = ChildRecord(
        2, "P1", "F1", "Ada", "Lee", date(2015, 1, 1), None, False, Gender.FEMALE, "", False, "P1"
    )
    return Extract(
        source_system="Test",
        families=(FamilyRecord(2, "F1", "R1", "Lee"),),
        children=(child,),
        plans=plans,
        seen_ids={
            FAMILIES: frozenset({"F1"}),
            CHILDREN: frozenset({"P1"}),
            PLANS: frozenset(p.source_id for p in plans),
        },
    )


def _span(start: int, length: int | None) -> tuple[int, float]:
    """A plan as a half-open day interval; a plan ended on its first day still takes that day."""
    return start, float("inf") if length is None else start + max(length, 1)


def _overlap(a: tuple[int, int | None], b: tuple[int, int | None]) -> bool:
    (s1, e1), (s2, e2) = _span(*a), _span(*b)
    return s1 < e2 and s2 < e1


PERIODS = st.lists(
    st.tuples(st.integers(0, 60), st.one_of(st.none(), st.integers(0, 30))), min_size=1, max_size=6
)


@given(PERIODS)
def test_overlapping_plans_are_flagged_and_only_those(periods):
    problems = check_extract(_extract(periods), Known(), IdMaker("Test"))
    flagged = {p.row - 2 for p in problems}
    assert all(p.field == "cppl_cp_plan_start_date" for p in problems)
    for i, a in enumerate(periods):
        overlapping = [j for j, b in enumerate(periods) if j != i and _overlap(a, b)]
        if i in flagged:
            assert overlapping, (i, periods)  # never a false alarm
        for j in overlapping:
            assert i in flagged or j in flagged  # every overlapping pair is caught


@given(PERIODS, st.tuples(st.integers(0, 60), st.one_of(st.none(), st.integers(1, 30))))
def test_plans_already_in_the_records_count_too(periods, held):
    ids = IdMaker("Test")
    start, length = held
    known_plan = KnownPlan(
        "app-made",
        BASE + timedelta(days=start),
        None if length is None else BASE + timedelta(days=start + length),
    )
    problems = check_extract(_extract(periods), Known(plans={ids(CHILD, "P1"): (known_plan,)}), ids)
    flagged = {p.row - 2 for p in problems}
    for i, a in enumerate(periods):
        if _overlap(a, held):
            assert i in flagged or any(_overlap(a, b) for j, b in enumerate(periods) if j != i)


def test_a_plan_reimported_is_not_compared_with_itself():
    ids = IdMaker("Test")
    extract = _extract([(0, 10)])
    itself = KnownPlan(ids(PLAN, "PL0"), BASE, BASE + timedelta(days=10))
    assert check_extract(extract, Known(plans={ids(CHILD, "P1"): (itself,)}), ids) == []


def test_ids_are_stable_and_depend_on_the_source():
    assert IdMaker("LCS")(CHILD, "P1") == IdMaker("LCS")(CHILD, "P1")
    assert IdMaker("LCS")(CHILD, "P1") != IdMaker("Mosaic")(CHILD, "P1")
    assert IdMaker("LCS")(CHILD, "P1") != IdMaker("LCS")(PLAN, "P1")


def _tables(**files: tuple[tuple[str, ...], list[tuple[str, ...]]]) -> dict[str, RawTable]:
    tables = {"extract.csv": RawTable("extract.csv", ("source_system",), ((2, ("Test",)),))}
    for name, (header, rows) in files.items():
        file = f"{name}.csv"
        tables[file] = RawTable(file, header, tuple((n + 2, r) for n, r in enumerate(rows)))
    return tables


def test_blank_lines_are_skipped_and_rows_keep_their_numbers():
    tables = _tables(
        families=(
            ("fami_family_id", "iro_family_reference", "iro_family_name"),
            [("F1", "R1", "Lee"), ("", "", ""), ("F2", "R2", "")],
        )
    )
    extract, problems = read_extract(tables, TODAY)
    assert [f.source_id for f in extract.families] == ["F1"]
    assert [(p.file, p.row, p.field) for p in problems] == [("families.csv", 4, "iro_family_name")]


def test_a_row_longer_than_its_header_is_refused():
    tables = _tables(
        families=(
            ("fami_family_id", "iro_family_reference", "iro_family_name"),
            [("F1", "R1", "Lee", "extra")],
        )
    )
    _, problems = read_extract(tables, TODAY)
    assert [(p.row, p.message) for p in problems] == [(2, "The row has 4 cells but the header names 3.")]


def test_an_unborn_child_needs_no_first_name_but_a_born_one_does():
    header = (
        "pers_person_id",
        "fami_family_id",
        "pers_forename",
        "pers_surname",
        "pers_dob",
        "pers_expected_dob",
    )
    tables = _tables(
        families=(("fami_family_id", "iro_family_reference", "iro_family_name"), [("F1", "R1", "Lee")]),
        children=(
            header,
            [("P1", "F1", "", "Lee", "", "2027-01-10"), ("P2", "F1", "", "Lee", "2020-01-01", "")],
        ),
    )
    extract, problems = read_extract(tables, TODAY)
    assert [(c.source_id, c.unborn) for c in extract.children] == [("P1", True)]
    assert [(p.row, p.field) for p in problems] == [(3, "pers_forename")]


def test_a_file_with_only_a_header_is_fine_and_an_empty_one_is_not():
    tables = _tables(
        families=(("fami_family_id", "iro_family_reference", "iro_family_name"), []), plans=((), [])
    )
    _, problems = read_extract(tables, TODAY)
    assert [(p.file, p.row) for p in problems] == [("plans.csv", 1)]


def _table(file: str, rows: list[list[str]]) -> RawTable:
    return RawTable(file, tuple(rows[0]), tuple((n + 2, tuple(r)) for n, r in enumerate(rows[1:])))


def test_codes_csv_maps_cells_before_they_are_read():
    """Issue 17 item 5: a code of the extract's own is read as the app's code codes.csv names; a
    code neither the app's nor mapped is a problem on its own row; the app's own codes still work."""
    from iro_desktop.domain.history.format import ATTENDANCE, CODES, CONFERENCES, EXTRACT

    tables = {
        EXTRACT: _table(EXTRACT, [["source_system"], ["Test"]]),
        CODES: _table(
            CODES,
            [["kind", "their_code", "our_code"], ["role", "mum", "parent"], ["attendance", "Y", "attended"]],
        ),
        CONFERENCES: _table(
            CONFERENCES,
            [
                [
                    "iro_conference_id",
                    "fami_family_id",
                    "iro_conference_type",
                    "iro_status",
                    "iro_scheduled_date",
                    "iro_held_date",
                ],
                ["M1", "F1", "initial", "held", "2024-05-07", "2024-05-07"],
            ],
        ),  # fmt: skip
        ATTENDANCE: _table(
            ATTENDANCE,
            [
                ["iro_conference_id", "iro_person_id", "iro_person_name", "iro_role", "iro_attendance"],
                ["M1", "A1", "Kate Lee", "MUM", "Y"],
                ["M1", "A2", "Tom Lee", "parent", "attended"],
                ["M1", "A3", "Ann Lee", "AUNTIE", "Y"],
            ],
        ),
    }
    extract, problems = read_extract(tables, TODAY)
    assert [(a.person, a.role, a.attendance) for a in extract.attendance] == [
        ("A1", "parent", "attended"),
        ("A2", "parent", "attended"),
    ]
    assert [(p.file, p.row, p.field) for p in problems] == [(ATTENDANCE, 4, "iro_role")]
    assert "Unknown code “AUNTIE”" in problems[0].message


def test_a_person_the_app_already_lists_for_the_conference_is_a_problem():
    from iro_desktop.domain.conference import ConferenceStatus, ConferenceType
    from iro_desktop.domain.history.checks import KnownConference
    from iro_desktop.domain.history.format import ATTENDANCE, AttendanceRecord
    from iro_desktop.domain.history.ids import CONFERENCE, FAMILY, PERSON

    ids = IdMaker("Test")
    conference = KnownConference(ids(FAMILY, "F1"), ConferenceType.INITIAL, ConferenceStatus.HELD, BASE)
    row = AttendanceRecord(2, "M1", "A1", "Kate Lee", "parent", "", None, "attended")
    extract = Extract(source_system="Test", attendance=(row,), seen_ids={ATTENDANCE: frozenset()})
    pair = (ids(CONFERENCE, "M1"), ids(PERSON, "A1"))
    known = Known(conferences={pair[0]: conference}, invitations={pair: "made-in-the-app"})
    (problem,) = check_extract(extract, known, ids)
    assert (problem.file, problem.row, problem.field) == (ATTENDANCE, 2, "iro_person_id")
    assert "added in IRO Desktop" in problem.message
    again = Known(conferences={pair[0]: conference}, invitations={pair: ids.invitation("M1", "A1")})
    assert check_extract(extract, again, ids) == []
