"""Historical import: every kind of bad row refused with its file, row and field and the store left
exactly as it was; a good extract visible through the services; a second import adding nothing."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from datetime import date

import pytest

from iro_desktop.domain.history.format import CHILDREN, CONFERENCES, DECISIONS, EXTRACT, FAMILIES, PLANS
from iro_desktop.domain.roles import PermissionDenied, Role, User
from iro_desktop.services.history_import import Counts
from tests.history_extract import EXAMPLE, Tables, example_tables, row_of, snapshot, write_extract

ALL = Counts(families=3, children=6, conferences=11, decisions=15, plans=5)


def _set(file: str, key: str, value: str, column: str, new: str) -> Callable[[Tables], int]:
    def edit(tables: Tables) -> int:
        number, row = row_of(tables, file, key, value)
        row[column] = new
        return number

    return edit


def _decision(conference: str, child: str, column: str, new: str) -> Callable[[Tables], int]:
    def edit(tables: Tables) -> int:
        for index, row in enumerate(tables[DECISIONS]):
            if row["iro_conference_id"] == conference and row["pers_person_id"] == child:
                row[column] = new
                return index + 2
        raise KeyError(conference)

    return edit


def _append(file: str, **values: str) -> Callable[[Tables], int]:
    def edit(tables: Tables) -> int:
        row = dict.fromkeys(tables[file][0], "")
        row.update(values)
        tables[file].append(row)
        return len(tables[file]) + 1

    return edit


def _drop_column(file: str, column: str) -> Callable[[Tables], int]:
    def edit(tables: Tables) -> int:
        for row in tables[file]:
            del row[column]
        return 1

    return edit


# (what is wrong, the edit (returns the row it broke), file, field, words in the message)
BAD_ROWS = [
    (
        "missing required column",
        _drop_column(CHILDREN, "pers_surname"),
        CHILDREN,
        "pers_surname",
        "Missing required column",
    ),
    (
        "missing value",
        _set(FAMILIES, "fami_family_id", "F200", "iro_family_name", ""),
        FAMILIES,
        "iro_family_name",
        "Missing value",
    ),
    (
        "missing date of birth",
        _set(CHILDREN, "pers_person_id", "P1001", "pers_dob", ""),
        CHILDREN,
        "pers_dob",
        "date of birth",
    ),
    (
        "unknown conference type",
        _set(CONFERENCES, "iro_conference_id", "C5004", "iro_conference_type", "rcpc"),
        CONFERENCES,
        "iro_conference_type",
        "Unknown code “rcpc”",
    ),
    (
        "unknown status",
        _set(CONFERENCES, "iro_conference_id", "C5004", "iro_status", "scheduled"),
        CONFERENCES,
        "iro_status",
        "Unknown code",
    ),
    (
        "unknown stood-down reason",
        _set(CONFERENCES, "iro_conference_id", "C5002", "iro_stood_down_reason", "snowed_in"),
        CONFERENCES,
        "iro_stood_down_reason",
        "local stood-down reasons",
    ),
    (
        "unknown outcome",
        _decision("C5001", "P1001", "iro_decision_outcome", "cp_plan"),
        DECISIONS,
        "iro_decision_outcome",
        "Unknown code",
    ),
    (
        "unknown category",
        _decision("C5001", "P1001", "iro_category", "X"),
        DECISIONS,
        "iro_category",
        "Unknown code “X”",
    ),
    (
        "unknown factor",
        _decision("C5001", "P1001", "iro_significant_factors", "domestic_abuse;toxic"),
        DECISIONS,
        "iro_significant_factors",
        "toxic",
    ),
    (
        "unknown sex",
        _set(CHILDREN, "pers_person_id", "P1002", "pers_sex", "Q"),
        CHILDREN,
        "pers_sex",
        "Unknown code",
    ),
    (
        "unknown ethnicity",
        _set(CHILDREN, "pers_person_id", "P1002", "pers_ethnicity", "ZZZ"),
        CHILDREN,
        "pers_ethnicity",
        "DfE ethnicity",
    ),
    (
        "unknown plan end reason",
        _set(PLANS, "cppl_cp_plan_id", "PL01", "iro_plan_end_reason", "closed"),
        PLANS,
        "iro_plan_end_reason",
        "Unknown code",
    ),
    (
        "date that does not exist",
        _set(CONFERENCES, "iro_conference_id", "C5004", "iro_held_date", "31/11/2019"),
        CONFERENCES,
        "iro_held_date",
        "November 2019 has no day 31",
    ),
    (
        "date in the wrong format",
        _set(PLANS, "cppl_cp_plan_id", "PL03", "cppl_cp_plan_start_date", "2021.05.10"),
        PLANS,
        "cppl_cp_plan_start_date",
        "YYYY-MM-DD (2019-03-04) or DD/MM/YYYY",
    ),
    (
        "date in the future",
        _set(CONFERENCES, "iro_conference_id", "C7002", "iro_held_date", "01/01/2027"),
        CONFERENCES,
        "iro_held_date",
        "in the future",
    ),
    (
        "plan ends before it starts",
        _set(PLANS, "cppl_cp_plan_id", "PL03", "cppl_cp_plan_end_date", "2021-05-09"),
        PLANS,
        "cppl_cp_plan_end_date",
        "cannot end before it started",
    ),
    (
        "clock starts after the conference",
        _set(CONFERENCES, "iro_conference_id", "C5001", "iro_clock_start_date", "05/03/2019"),
        CONFERENCES,
        "iro_clock_start_date",
        "clock cannot start after",
    ),
    (
        "record out before the conference",
        _set(CONFERENCES, "iro_conference_id", "C5001", "iro_record_distributed_date", "01/03/2019"),
        CONFERENCES,
        "iro_record_distributed_date",
        "before the conference was held",
    ),
    (
        "family not in the extract",
        _set(CHILDREN, "pers_person_id", "P3002", "fami_family_id", "F999"),
        CHILDREN,
        "fami_family_id",
        "No family “F999”",
    ),
    (
        "conference not in the extract",
        _decision("C7002", "P3001", "iro_conference_id", "C9999"),
        DECISIONS,
        "iro_conference_id",
        "No conference “C9999”",
    ),
    (
        "child not in the extract",
        _set(PLANS, "cppl_cp_plan_id", "PL05", "cppl_person_id", "P9999"),
        PLANS,
        "cppl_person_id",
        "No child “P9999”",
    ),
    (
        "previous conference not in the extract",
        _set(CONFERENCES, "iro_conference_id", "C7002", "iro_previous_conference_id", "C0000"),
        CONFERENCES,
        "iro_previous_conference_id",
        "No conference “C0000”",
    ),
    (
        "child of another family",
        _decision("C7002", "P3001", "pers_person_id", "P1001"),
        DECISIONS,
        "pers_person_id",
        "not in the family",
    ),
    (
        "duplicate id",
        _set(FAMILIES, "fami_family_id", "F300", "fami_family_id", "F200"),
        FAMILIES,
        "fami_family_id",
        "Duplicate id “F200”",
    ),
    (
        "duplicate family reference",
        _set(FAMILIES, "fami_family_id", "F300", "iro_family_reference", "NS-100871"),
        FAMILIES,
        "iro_family_reference",
        "same family reference",
    ),
    (
        "duplicate decision",
        _decision("C7002", "P3001", "iro_conference_id", "C7001"),
        DECISIONS,
        "pers_person_id",
        "second decision",
    ),
    (
        "overlong text",
        _set(FAMILIES, "fami_family_id", "F100", "iro_family_name", "N" * 121),
        FAMILIES,
        "iro_family_name",
        "Too long: 121 characters, at most 120",
    ),
    (
        "overlapping plans",
        _append(
            PLANS,
            cppl_cp_plan_id="PL06",
            cppl_person_id="P1001",
            cppl_cp_plan_start_date="2019-06-01",
            cppl_cp_plan_end_date="2019-08-01",
            cppl_cp_plan_latest_category="N",
        ),
        PLANS,
        "cppl_cp_plan_start_date",
        "one plan at a time",
    ),
    (
        "second open plan",
        _append(
            PLANS,
            cppl_cp_plan_id="PL07",
            cppl_person_id="P3001",
            cppl_cp_plan_start_date="2026-01-05",
            cppl_cp_plan_latest_category="N",
        ),
        PLANS,
        "cppl_cp_plan_start_date",
        "one plan at a time",
    ),
    (
        "decision at a stood-down conference",
        _append(
            DECISIONS,
            iro_conference_id="C5002",
            pers_person_id="P1001",
            iro_decision_outcome="plan_continues",
            iro_category="N",
        ),
        DECISIONS,
        "iro_conference_id",
        "decisions come only from held conferences",
    ),
    (
        "outcome not for this conference type",
        _decision("C5001", "P1001", "iro_decision_outcome", "plan_continues"),
        DECISIONS,
        "iro_decision_outcome",
        "not a decision an initial conference can make",
    ),
    (
        "plan on without a category",
        _decision("C5003", "P1001", "iro_category", ""),
        DECISIONS,
        "iro_category",
        "needs the category",
    ),
    (
        "category without a plan",
        _decision("C7001", "P3002", "iro_category", "N"),
        DECISIONS,
        "iro_category",
        "leave the category blank",
    ),
    (
        "plan start is not its conference's day",
        _set(PLANS, "cppl_cp_plan_id", "PL05", "cppl_cp_plan_start_date", "2025-02-04"),
        PLANS,
        "iro_started_at_conference_id",
        "held on 03/02/2025",
    ),
    (
        "held conference without a held date",
        _set(CONFERENCES, "iro_conference_id", "C5004", "iro_held_date", ""),
        CONFERENCES,
        "iro_held_date",
        "needs the date it was held",
    ),
    (
        "stood down without a reason",
        _set(CONFERENCES, "iro_conference_id", "C5002", "iro_stood_down_reason", ""),
        CONFERENCES,
        "iro_stood_down_reason",
        "why the conference was stood down",
    ),
    (
        "replacing a held conference",
        _set(CONFERENCES, "iro_conference_id", "C5004", "iro_replaces_conference_id", "C5001"),
        CONFERENCES,
        "iro_replaces_conference_id",
        "was not stood down",
    ),
    (
        "unborn child with no family name",
        _set(CHILDREN, "pers_person_id", "P2002", "pers_surname", ""),
        CHILDREN,
        "pers_surname",
        "Missing value",
    ),
]


@pytest.fixture
def extract_dir(tmp_path):
    return tmp_path / "extract"


@pytest.mark.parametrize(("what", "edit", "file", "field", "words"), BAD_ROWS, ids=[c[0] for c in BAD_ROWS])
def test_each_bad_row_is_refused_with_file_row_and_field(
    services, store, extract_dir, what, edit, file, field, words
):
    tables = example_tables()
    row = edit(tables)
    write_extract(extract_dir, tables)
    before = snapshot(store)
    result = services.history_import.import_history(extract_dir)
    assert not result.imported
    found = [p for p in result.problems if (p.file, p.row, p.field) == (file, row, field)]
    assert found, f"{what}: {[str(p) for p in result.problems]}"
    assert any(words in p.message for p in found), [p.message for p in found]
    assert snapshot(store) == before


def test_a_good_extract_imports_and_shows_through_the_services(services, extract_dir):
    shutil.copytree(EXAMPLE, extract_dir)
    progress: list[tuple[str, int, int]] = []
    result = services.history_import.import_history(extract_dir, lambda *a: progress.append(a))
    assert result.problems == ()
    assert result.imported
    assert result.added == ALL
    assert result.present == Counts()
    assert {stage for stage, _, _ in progress} >= {"Reading the files", "Checking every row", "Importing"}
    assert progress[-1][1] == progress[-1][2]
    (family,) = services.families.search("NS-100234")
    assert family.name == "Okafor-Reid"
    amara, tobi = family.children
    assert (amara.full_name, amara.date_of_birth, amara.case_number) == (
        "Amara Okafor-Reid",
        date(2015, 6, 2),
        "LCS-1001",
    )
    assert tobi.disability
    history = services.families.plan_history(family.id)
    assert [(p.started_on, p.ended_on, p.category, p.end_reason) for p in history[tobi.id]] == [
        (date(2019, 3, 4), date(2019, 12, 9), "N", "ends_cin"),
        (date(2021, 5, 10), date(2021, 8, 2), "E", "ends_early_help"),
    ]
    assert services.families.repeat_plans(family.id, date(2026, 11, 23))[tobi.id].previous_plans == 2
    conferences = services.conferences.for_family(family.id)
    assert len(conferences) == 6
    stood_down = next(c for c in conferences if c.status.value == "stood_down")
    assert stood_down.stood_down_reason == "parent_unavailable"
    assert stood_down.rearranged_to_id is not None
    replacement = services.conferences.get(stood_down.rearranged_to_id)
    assert replacement.held_on == date(2019, 6, 10)
    assert replacement.previous_conference_id == next(
        c.id for c in conferences if c.held_on == date(2019, 3, 4)
    )
    decisions = services.decisions.for_conference(replacement.previous_conference_id)
    assert decisions[amara.id].significant_factors == ("domestic_abuse", "parental_mental_health")
    assert decisions[amara.id].decided_by == "Dana Whitfield"
    (unborn_family,) = services.families.search("Kowalczyk")
    assert [c.unborn for c in unborn_family.children] == [False, True]


def test_importing_twice_adds_nothing(services, store, extract_dir):
    shutil.copytree(EXAMPLE, extract_dir)
    services.history_import.import_history(extract_dir)
    before = snapshot(store)
    again = services.history_import.import_history(extract_dir)
    assert again.problems == ()
    assert again.added == Counts()
    assert again.present == ALL
    after = snapshot(store)
    assert {k: v for k, v in after.items() if k != "audit_events"} == {
        k: v for k, v in before.items() if k != "audit_events"
    }


def test_one_audit_event_per_import_with_counts_only(services, extract_dir):
    shutil.copytree(EXAMPLE, extract_dir)
    services.history_import.import_history(extract_dir)
    events = [
        e for e in services.audit.events(services.ctx.session.user) if e.entity_type == "history_import"
    ]
    assert len(events) == 1
    assert events[0].after == {
        **{f"{k}_added": v for k, v in ALL.as_dict().items()},
        **{f"{k}_already_present": 0 for k in ALL.as_dict()},
    }
    assert "Okafor" not in str(events[0].after)


def test_a_later_extract_refers_to_what_an_earlier_one_imported(services, extract_dir, tmp_path):
    tables = example_tables()
    first = {k: v for k, v in tables.items() if k in (EXTRACT, FAMILIES, CHILDREN)}
    assert services.history_import.import_history(write_extract(tmp_path / "one", first)).imported
    second = {k: v for k, v in tables.items() if k not in (FAMILIES, CHILDREN)}
    result = services.history_import.import_history(write_extract(tmp_path / "two", second))
    assert result.problems == ()
    assert result.added == Counts(conferences=11, decisions=15, plans=5)


def test_a_row_imported_before_with_different_content_is_a_problem(services, store, extract_dir, tmp_path):
    shutil.copytree(EXAMPLE, extract_dir)
    services.history_import.import_history(extract_dir)
    tables = example_tables()
    row = _set(CHILDREN, "pers_person_id", "P1002", "pers_dob", "2018-01-16")(tables)
    before = snapshot(store)
    result = services.history_import.import_history(write_extract(tmp_path / "changed", tables))
    (problem,) = result.problems
    assert (problem.file, problem.row, problem.field) == (CHILDREN, row, "pers_dob")
    assert "the records hold 15/01/2018, the extract says 16/01/2018" in problem.message
    assert snapshot(store) == before


def test_a_family_reference_already_entered_by_hand_is_a_problem(services, store, extract_dir):
    services.families.create_family("NS-100871", "Kowalczyk")
    shutil.copytree(EXAMPLE, extract_dir)
    before = snapshot(store)
    result = services.history_import.import_history(extract_dir)
    assert [(p.file, p.row, p.field) for p in result.problems] == [(FAMILIES, 3, "iro_family_reference")]
    assert snapshot(store) == before


def test_uk_and_iso_dates_give_the_same_records(services, tmp_path):
    tables = example_tables()
    for row in tables[PLANS]:
        for column in ("cppl_cp_plan_start_date", "cppl_cp_plan_end_date"):
            if row[column]:
                y, m, d = row[column].split("-")
                row[column] = f"{d}/{m}/{y}"
    for row in tables[CONFERENCES]:
        for column, value in row.items():
            if column.endswith("_date") and value:
                d, m, y = value.split("/")
                row[column] = f"{y}-{m}-{d}"
    result = services.history_import.import_history(write_extract(tmp_path / "swapped", tables))
    assert result.problems == ()
    assert result.added == ALL
    again = services.history_import.import_history(EXAMPLE)
    assert again.problems == ()
    assert again.present == ALL


def test_file_level_problems(services, store, tmp_path):
    folder = write_extract(tmp_path / "x", {k: v for k, v in example_tables().items() if k != EXTRACT})
    (folder / "Notes.csv").write_text("a,b\n1,2\n", encoding="utf-8")
    (folder / "children.csv").write_bytes("pers_person_id\n\xe9".encode("latin-1"))
    result = services.history_import.check(folder)
    messages = {(p.file, p.row): p.message for p in result.problems}
    assert "extract.csv naming the source system" in messages[(EXTRACT, 0)]
    assert "Not a file of the extract" in messages[("Notes.csv", 0)]
    assert "CSV UTF-8" in messages[("children.csv", 0)]


def test_an_unknown_column_is_named(services, tmp_path):
    tables = example_tables()
    for row in tables[FAMILIES]:
        row["family_nmae"] = ""
    result = services.history_import.check(write_extract(tmp_path / "x", tables))
    assert [(p.file, p.row, p.field) for p in result.problems] == [(FAMILIES, 1, "family_nmae")]


def test_dry_run_stores_nothing_and_says_what_would_be_added(services, store, extract_dir):
    shutil.copytree(EXAMPLE, extract_dir)
    before = snapshot(store)
    result = services.history_import.check(extract_dir)
    assert result.ok
    assert not result.imported
    assert result.added == ALL
    assert snapshot(store) == before


@pytest.mark.parametrize(
    ("role", "admin", "allowed"),
    [
        (Role.CHAIR, False, False),
        (Role.CLERK, False, False),
        (Role.MANAGER, False, True),
        (Role.CLERK, True, True),
    ],
)
def test_only_administrators_and_managers_import(services, extract_dir, role, admin, allowed):
    shutil.copytree(EXAMPLE, extract_dir)
    services.ctx.session.user = User("u", "u", "U", role, is_admin=admin)
    if allowed:
        assert services.history_import.check(extract_dir).ok
    else:
        with pytest.raises(PermissionDenied):
            services.history_import.check(extract_dir)


def test_a_plan_entered_in_the_app_counts_for_overlaps(services, store, extract_dir, tmp_path):
    shutil.copytree(EXAMPLE, extract_dir)
    services.history_import.import_history(extract_dir)
    (family,) = services.families.search("NS-101455")
    layla = family.children[0]
    services.families.add_previous_plan(layla.id, date(2020, 1, 6), date(2020, 6, 1), "N")
    tables = example_tables()
    row = _append(
        PLANS,
        cppl_cp_plan_id="PL09",
        cppl_person_id="P3001",
        cppl_cp_plan_start_date="2020-03-02",
        cppl_cp_plan_end_date="2020-04-01",
        cppl_cp_plan_latest_category="E",
    )(tables)
    before = snapshot(store)
    result = services.history_import.import_history(write_extract(tmp_path / "more", tables))
    (problem,) = result.problems
    assert (problem.file, problem.row, problem.field) == (PLANS, row, "cppl_cp_plan_start_date")
    assert "from 06/01/2020 to 01/06/2020 (already in the records)" in problem.message
    assert snapshot(store) == before


def test_the_benchmark_extract_is_clean(services, tmp_path):
    from benchmarks.history_import import generate

    counts = generate(tmp_path / "generated", years=2, seed=3, families_per_year=15)
    result = services.history_import.check(tmp_path / "generated")
    assert result.problems == ()
    assert result.added.conferences == counts["conferences.csv"]
    assert result.added.plans == counts["plans.csv"] > 0


def test_today_asks_for_reviews_only_while_a_plan_goes_on(services, extract_dir):
    shutil.copytree(EXAMPLE, extract_dir)
    services.history_import.import_history(extract_dir)
    due = services.clocks.today_and_due().out_of_timescale
    # Okafor-Reid's plans all ended at their last conference; the other two families' plans are open.
    assert sorted(item.family_reference for item in due) == ["NS-100871", "NS-101455"]
    assert {item.what for item in due} == {"Review conference not booked"}
