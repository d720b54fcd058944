"""Issue 17 item 5: the import carries what the figures need. The fixture extract
(tests/fixtures/history-attendance) uses its own codes, mapped by its codes.csv; the figures below are
worked out by hand from its rows for the reporting year 2024-25 (1 April 2024 - 31 March 2025):

- family attendance per person: invited 3 + 2 + 2 + 1 + 1 = 9 (M5's "not invited" partner is left out,
  the child at M6 is participation), attended 2 + 1 + 2 + 0 + 1 = 6;
- per household: M1 H1 (attended) and H2 (not), M3 H1 (not) and H2 (attended), M4 one household
  (attended), M5 one (not), M6 one (attended): 4 of 7; initial conferences 3 of 4, reviews 1 of 3;
- children on a plan on 31 March 2025: K1, K2, K4, K5 (K3's plan was transferred out in October):
  ethnicity White 2 (WBRI via codes.csv, WHIT group only), Asian 1 (ASIA group only), Not known 1
  (NOBT); disability 1 of 2 known (K4), not known for 2 (K2, K5);
- stood down: M2 (replaced by M3, held) and M7 (no replacement): 1 of 2 rearranged and held;
- plans ended: P3, transferred out.
"""

from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path

import pytest

from iro_desktop.domain.history.format import ATTENDANCE, CODES, CONFERENCES, DECISIONS
from iro_desktop.reports import reporting_year
from iro_desktop.services.history_import import Counts
from tests.history_extract import EXAMPLE, snapshot

FIXTURE = Path(__file__).resolve().parents[1] / "fixtures" / "history-attendance"
ADDED = Counts(families=3, children=5, conferences=7, decisions=8, plans=5, people=8, invitations=13)


@pytest.fixture
def extract(tmp_path: Path) -> Path:
    return Path(shutil.copytree(FIXTURE, tmp_path / "extract"))


def _rewrite(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_the_fixture_imports_with_its_own_codes_mapped(services, extract):
    result = services.history_import.import_history(extract)
    assert result.problems == ()
    assert result.imported
    assert result.added == ADDED
    (family,) = services.families.search("EM-2001")
    conferences = services.conferences.for_family(family.id)
    stood_down = next(c for c in conferences if c.status.value == "stood_down")
    assert stood_down.stood_down_reason == "parent_unavailable"  # PAR-ILL in codes.csv
    replacement = services.conferences.get(stood_down.rearranged_to_id)
    assert replacement.held_on == date(2024, 8, 12)
    first = next(c for c in conferences if c.conference_type.value == "initial")
    ivy = family.children[0]
    assert services.decisions.for_conference(first.id)[ivy.id].significant_factors == ("domestic_abuse",)
    history = services.families.plan_history(services.families.search("EM-2002")[0].id)
    (plan,) = next(iter(history.values()))
    assert plan.end_reason == "transferred_out"  # TO in codes.csv


def test_importing_the_fixture_twice_adds_nothing(services, store, extract):
    services.history_import.import_history(extract)
    before = snapshot(store)
    again = services.history_import.import_history(extract)
    assert again.problems == ()
    assert again.added == Counts()
    assert again.present == ADDED
    assert {k: v for k, v in snapshot(store).items() if k != "audit_events"} == {
        k: v for k, v in before.items() if k != "audit_events"
    }


def test_the_figures_come_from_the_extract(services, extract):
    assert services.history_import.import_history(extract).imported
    report = services.reports.report(reporting_year(2024)).report

    people = report.figure("family_attendance")
    assert (people.numerator, people.denominator, people.percentage) == (6, 9, 66.7)
    homes = report.figure("family_attendance_households")
    assert (homes.numerator, homes.denominator, homes.percentage, homes.not_recorded) == (4, 7, 57.1, 0)
    assert [(r.label, r.count) for r in homes.rows[:2]] == [
        ("Initial conferences: 3 of 4 households invited", 3),
        ("Review conferences: 1 of 3 households invited", 1),
    ]

    ethnicity = report.figure("ethnicity")
    assert ethnicity.value == 4
    assert {r.label: r.count for r in ethnicity.rows} == {
        "White": 2,
        "Mixed": 0,
        "Asian or Asian British": 1,
        "Black or Black British": 0,
        "Other ethnic group": 0,
        "Not known": 1,
    }
    disability = report.figure("disability")
    assert (disability.numerator, disability.denominator, disability.not_recorded) == (1, 2, 2)
    assert disability.row("Not known").count == 2

    rearranged = report.figure("stood_down_rearranged")
    assert (rearranged.numerator, rearranged.denominator) == (1, 2)
    assert rearranged.row("No rearranged conference recorded").count == 1

    ended = report.figure("plans_ended")
    assert ended.value == 1
    assert [(r.label, r.count) for r in ended.rows] == [
        ("Plan ended: transferred out to another authority", 1)
    ]


def test_an_older_extract_without_the_new_files_imports_unchanged(services, tmp_path):
    result = services.history_import.import_history(shutil.copytree(EXAMPLE, tmp_path / "old"))
    assert result.imported
    assert (result.added.people, result.added.invitations) == (0, 0)
    (family,) = services.families.search("NS-100234")
    assert [c.disability for c in family.children] == [False, True]
    report = services.reports.report(reporting_year(2019)).report
    # Every child's disability is known (Y or N): none is left out of the denominator.
    assert report.figure("disability").not_recorded == 0
    assert report.figure("family_attendance_households").denominator == 0


def test_an_unknown_code_is_reported_with_its_row_and_nothing_is_stored(services, store, extract):
    _rewrite(extract / ATTENDANCE, "M3,A2,Liam Ashdown,DAD", "M3,A2,Liam Ashdown,UNCLE")
    _rewrite(extract / CONFERENCES, "SW-SICK", "SNOW")
    before = snapshot(store)
    result = services.history_import.import_history(extract)
    assert not result.imported
    found = {(p.file, p.row, p.field): p.message for p in result.problems}
    assert "Unknown code “UNCLE”" in found[(ATTENDANCE, 7, "iro_role")]
    assert "codes.csv" in found[(ATTENDANCE, 7, "iro_role")]
    assert "Unknown code “snow”" in found[(CONFERENCES, 8, "iro_stood_down_reason")]
    assert snapshot(store) == before


def test_a_bad_mapping_file_is_reported_by_its_own_rows(services, store, extract):
    with (extract / CODES).open("a", encoding="utf-8") as handle:
        handle.write("stood_down_reason,SNOW,snowed_in,\n")  # row 13: not on the local list
        handle.write("colour,RED,red,\n")  # row 14: no such kind
        handle.write("role,mum,carer,\n")  # row 15: MUM is mapped on row 6 already
        handle.write("attendance,LATE,late,\n")  # row 16: not an attendance code
    before = snapshot(store)
    result = services.history_import.import_history(extract)
    assert not result.imported
    found = {(p.file, p.row, p.field): p.message for p in result.problems}
    assert "not on the local list" in found[(CODES, 13, "our_code")]
    assert "Unknown kind “colour”" in found[(CODES, 14, "kind")]
    assert "Row 6 already maps" in found[(CODES, 15, "their_code")]
    assert "is not a attendance code" in found[(CODES, 16, "our_code")]
    assert snapshot(store) == before


@pytest.mark.parametrize(
    ("file", "old", "new", "row", "column", "words"),
    [
        (ATTENDANCE, "M5,B2,Sam Penn,carer", "M5,B2,Sam Penn,parent", 12, "iro_role", "same on every row"),
        (ATTENDANCE, "M1,S1,Priya Noon,SW,", "M1,S1,Priya Noon,SW,H9", 5, "iro_household_id", "household"),
        (
            ATTENDANCE,
            "M4,B1,Jo Brook,MUM,,20/05/2024",
            "M7,B1,Jo Brook,MUM,,20/05/2024",
            9,
            "iro_conference_id",
            "held conferences only",
        ),
        (
            ATTENDANCE,
            "M6,C1,Hana Carrow,MUM,,17/06/2024",
            "M6,C1,Hana Carrow,MUM,,02/07/2024",
            13,
            "iro_invited_date",
            "after the conference",
        ),
        (
            ATTENDANCE,
            "M3,A1,Kate Ashdown,MUM,H1,29/07/2024,APOL",
            "M3,A1,Kate Ashdown,MUM,H1,29/07/2024,excluded",
            6,
            "iro_exclusion_reason",
            "excluded",
        ),
        (ATTENDANCE, "M3,S1,Priya Noon", "M1,S1,Priya Noon", 8, "iro_person_id", "listed twice"),
        ("children.csv", "NOBT,U", "NOBT,maybe", 6, "iro_disabled", "U (not known)"),
        ("children.csv", "WHIT", "GREY", 3, "pers_ethnicity", "WHIT"),
        ("plans.csv", "E,TO,M4,", "E,TO,M4,M5", 4, "iro_ended_at_conference_id", "transferred out"),
        (
            DECISIONS,
            "M1,K1,plan_made,N,DV",
            "M1,K1,plan_made,N,DV;XX",
            2,
            "iro_significant_factors",
            "codes.csv",
        ),
    ],
)
def test_bad_new_values_are_refused_with_file_row_and_column(
    services, store, extract, file, old, new, row, column, words
):
    _rewrite(extract / file, old, new)
    before = snapshot(store)
    result = services.history_import.import_history(extract)
    assert not result.imported
    found = [p for p in result.problems if (p.file, p.row, p.field) == (file, row, column)]
    assert found, [str(p) for p in result.problems]
    assert any(words in p.message for p in found), [p.message for p in found]
    assert snapshot(store) == before


def test_a_changed_attendance_on_import_again_is_a_problem(services, store, extract, tmp_path):
    services.history_import.import_history(extract)
    _rewrite(
        extract / ATTENDANCE,
        "M3,A2,Liam Ashdown,DAD,H2,29/07/2024,ATT",
        "M3,A2,Liam Ashdown,DAD,H2,29/07/2024,APOL",
    )
    before = snapshot(store)
    result = services.history_import.import_history(extract)
    (problem,) = result.problems
    assert (problem.file, problem.row, problem.field) == (ATTENDANCE, 7, "iro_attendance")
    assert "the records hold “attended”, the extract says “apologies”" in problem.message
    assert snapshot(store) == before


def test_imported_attendance_shows_on_the_conference(services, extract):
    services.history_import.import_history(extract)
    (family,) = services.families.search("EM-2001")
    first = next(
        c for c in services.conferences.for_family(family.id) if c.conference_type.value == "initial"
    )
    listed = {i.person_name: i.attendance.value for i in services.attendance.invitations(first.id)}
    assert listed == {
        "Kate Ashdown": "attended",
        "Liam Ashdown": "apologies",
        "Maud Ashdown": "attended",
        "Priya Noon": "attended",
    }
