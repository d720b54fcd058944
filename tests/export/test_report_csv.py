"""The report as CSV: figures with the previous period beside them, and the records behind them
under Standard Safeguarding Dataset field names."""

from __future__ import annotations

import csv
import io
from dataclasses import replace
from datetime import date

from iro_desktop.export.report_csv import (
    CPPL_COLUMNS,
    CPPR_COLUMNS,
    ICPC_COLUMNS,
    RECORD_FILES,
    export_report,
    record_tables,
    write_csv,
    write_figures_csv,
)
from iro_desktop.reports import annual_report, reporting_year
from iro_desktop.reports.facts import ReportFacts
from tests.reports.sample import FACTS

YEAR = reporting_year(2025)


def _read(text: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(text)))


def _table(name: str) -> list[dict[str, str]]:
    columns, rows = record_tables(FACTS, YEAR)[name]
    stream = io.StringIO()
    write_csv(rows, columns, stream)
    return _read(stream.getvalue())


def test_figures_csv_has_headline_and_breakdown_rows_with_previous_period():
    stream = io.StringIO()
    count = write_figures_csv(annual_report(FACTS, YEAR), stream)
    rows = _read(stream.getvalue())
    assert len(rows) == count
    headline = next(r for r in rows if r["key"] == "icpc_in_timescale_meetings" and not r["row_label"])
    assert (headline["numerator"], headline["denominator"], headline["percentage"]) == ("4", "5", "80.0")
    assert (headline["previous_period"], headline["previous_percentage"]) == ("2024-25", "100.0")
    assert "transfers in are left out" in headline["definition"]
    neglect = next(r for r in rows if r["key"] == "plans_started" and r["row_label"] == "Neglect")
    assert (neglect["value"], neglect["percentage"], neglect["previous_value"]) == ("3", "42.9", "1")
    assert {r["section"] for r in rows} == {
        "Conferences",
        "Plans",
        "Timeliness",
        "Participation and practice",
        "Children on plans",
        "Family group decision-making, alerts and feedback",  # issue 19
    }


def test_icpc_file_uses_ssd_names_and_flags():
    rows = _table("icpc.csv")
    assert tuple(rows[0]) == ICPC_COLUMNS
    by_id = {r["icpc_icpc_id"]: r for r in rows}
    # 8 child rows: cB 2, cC 1, cG 2, cE (transfer) 1, cF 1, cD 1.
    assert len(rows) == 8
    late = by_id["cD-icpc/D1"]
    assert (late["icpc_icpc_target_date"], late["icpc_icpc_date"], late["iro_icpc_within_timescale"]) == (
        "2026-02-09",
        "2026-02-16",
        "N",
    )
    assert by_id["cE-tr/E1"]["icpc_icpc_transfer_in"] == "Y"
    assert (by_id["cG-icpc/G2"]["icpc_icpc_outcome_cp_flag"], by_id["cG-icpc/G2"]["icpc_cp_plan_id"]) == (
        "N",
        "",
    )
    assert by_id["cG-icpc/G1"]["icpc_cp_plan_id"] == "pG1"


def test_plan_file_lists_plans_open_in_the_period_with_cin_category_codes():
    rows = _table("cp_plans.csv")
    assert tuple(rows[0]) == CPPL_COLUMNS
    by_id = {r["cppl_cp_plan_id"]: r for r in rows}
    # Open at some time in 2025-26: all but pE1old and pF1old (ended before April 2025).
    assert set(by_id) == {"pA1", "pB1", "pB2", "pC1", "pD1", "pE1", "pF1", "pG1", "pH1"}
    assert by_id["pF1"]["cppl_cp_plan_latest_category"] == "MUL"
    assert (by_id["pF1"]["iro_plan_number"], by_id["pF1"]["iro_repeat_within_window"]) == ("2", "Y")
    assert (by_id["pE1"]["iro_plan_number"], by_id["pE1"]["iro_repeat_within_window"]) == ("2", "N")
    # pA1 spans the year end: no end date.
    assert (by_id["pA1"]["cppl_cp_plan_start_date"], by_id["pA1"]["cppl_cp_plan_end_date"]) == (
        "2024-11-04",
        "",
    )


def test_review_file():
    rows = _table("cp_reviews.csv")
    assert tuple(rows[0]) == CPPR_COLUMNS
    by_id = {r["cppr_cp_review_id"]: r for r in rows}
    assert len(rows) == 7
    late = by_id["cH-rev/H1"]
    assert (late["cppr_cp_review_due"], late["iro_review_within_timescale"]) == ("2025-04-21", "N")
    assert late["cppr_cp_review_outcome_continue_cp"] == "N"  # pH1 ended at this review
    assert by_id["cB-fr/B2"]["cppr_cp_review_outcome_continue_cp"] == "N"
    assert by_id["cB-fr/B1"]["cppr_cp_review_outcome_continue_cp"] == "Y"
    assert by_id["cA-rev1/A1"]["cppr_cp_review_quorate"] == "N"  # held on the chair's override


def test_person_and_conference_files():
    people = {r["pers_person_id"]: r for r in _table("persons.csv")}
    assert people["D1"]["pers_dob"] == ""
    assert people["D1"]["pers_expected_dob"] == "2026-05-01"
    assert (people["B2"]["pers_sex"], people["B2"]["iro_ethnic_group"], people["B2"]["iro_disabled"]) == (
        "F",
        "Mixed",
        "Y",
    )
    conferences = {r["iro_conference_id"]: r for r in _table("conferences.csv")}
    # Stood down and held later: both bookings are listed, the later one pointing at the first.
    assert conferences["cD-sd"]["iro_status"] == "stood_down"
    assert conferences["cD-icpc"]["iro_replaces_conference_id"] == "cD-sd"
    assert "cA-next" not in conferences  # booked for next year


def test_text_cells_never_start_a_formula_and_non_ascii_survives(tmp_path):
    odd = tuple(
        replace(c, stood_down_reason='=HYPERLINK("x")') if c.id == "cD-sd" else c for c in FACTS.conferences
    )
    accented = tuple(
        replace(c, lateness_reason="Zoë’s interpreter — “late”, £0") if c.id == "cD-icpc" else c for c in odd
    )
    facts = ReportFacts(FACTS.children, accented, FACTS.plans)
    written = export_report(annual_report(facts, YEAR), facts, tmp_path / "out")
    assert set(written) == {"figures.csv", *RECORD_FILES}
    raw = written["conferences.csv"].read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # BOM, so spreadsheets read UTF-8
    with written["conferences.csv"].open(encoding="utf-8-sig", newline="") as stream:
        rows = {r["iro_conference_id"]: r for r in csv.DictReader(stream)}
    assert rows["cD-sd"]["iro_stood_down_reason"] == '\'=HYPERLINK("x")'
    with written["icpc.csv"].open(encoding="utf-8-sig", newline="") as stream:
        icpc = {r["icpc_icpc_id"]: r for r in csv.DictReader(stream)}
    assert icpc["cD-icpc/D1"]["iro_lateness_reason"] == "Zoë’s interpreter — “late”, £0"


def test_empty_facts_export_headers_only(tmp_path):
    facts = ReportFacts()
    written = export_report(annual_report(facts, YEAR), facts, tmp_path)
    for name, columns in RECORD_FILES.items():
        text = written[name].read_bytes().decode("utf-8-sig")
        assert text == ",".join(columns) + "\r\n"
    assert date(2025, 4, 1).isoformat() in written["figures.csv"].read_text(encoding="utf-8-sig")
