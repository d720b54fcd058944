"""The annual report PDF: every figure with its definition, the period and the previous period, the
protective marking and page numbers on every page, charts drawn (worked sample of tests/reports)."""

from __future__ import annotations

from datetime import datetime

import pytest

from iro_desktop.export.pdf.annual_report import annual_report_pdf, bar_chart, figure_titles, headline
from iro_desktop.reports import annual_report, quarter, reporting_year
from tests.export.pdftext import all_text, page_texts
from tests.reports.sample import FACTS


@pytest.fixture(scope="module")
def report():
    return annual_report(FACTS, reporting_year(2025))


@pytest.fixture(scope="module")
def pdf(report):
    return annual_report_pdf(report, produced=datetime(2026, 11, 30, 9, 0))


def test_every_page_is_marked_and_numbered(pdf):
    pages = page_texts(pdf)
    assert len(pages) > 3
    for number, text in enumerate(pages, start=1):
        assert "OFFICIAL-SENSITIVE" in text
        assert f"Page {number} of {len(pages)}" in text
        assert "Period: 2025-26" in text


def test_period_and_previous_period_are_named(pdf):
    text = all_text(pdf)
    assert "Period: 2025-26 (1 April 2025 to 31 March 2026)" in text
    assert "2024-25 (1 April 2024 to 31 March 2025)" in text
    assert "Produced 30 November 2026 at 09:00" in text


def test_every_figure_with_its_value_and_definition(pdf, report):
    text = all_text(pdf)
    for title in figure_titles(report):
        assert title in text, title
    icpc = report.figure("icpc_in_timescale_children")
    assert headline(icpc) in text  # e.g. "6 of 7 (85.7%)"
    assert headline(report.previous("icpc_in_timescale_children")) in text
    # definitions (numerator and denominator in words) travel with the figures
    assert text.count("Definition:") == len(report.figures)
    assert "Numerator: initial, pre-birth and re-convened initial conferences" in text
    assert "within 15 working days of the clock start" in text  # the rules section


def test_charts_write_their_values_and_legend(report):
    figure, previous = report.figure("age_bands"), report.previous("age_bands")
    drawing = bar_chart(figure, previous, ("2025-26", "2024-25"), 480)
    strings = [getattr(node, "text", None) for node in drawing.contents]
    assert "2025-26" in strings
    assert "2024-25" in strings
    for row in figure.rows:
        assert row.label in strings
        assert f"{row.count:,}" in strings


def test_quarter_report_compares_with_the_quarter_before():
    data = annual_report_pdf(annual_report(FACTS, quarter(2025, 3)))
    text = all_text(data)
    assert "Q3 2025-26" in text
    assert "Q2 2025-26" in text


def test_a_period_not_yet_ended_says_so(report):
    early = all_text(annual_report_pdf(report, produced=datetime(2026, 1, 5, 10, 0)))
    assert "This period had not ended when the report was produced (5 January 2026)" in early
    later = all_text(annual_report_pdf(report, produced=datetime(2026, 4, 1, 10, 0)))
    assert "This period had not ended" not in later


def test_the_category_headline_names_what_it_counts(pdf, report):
    # issue 12: "0 of 6" read as if no plan had a category; the headline counts plans with category Multiple
    text = all_text(pdf)
    at_end = report.figure("category_mix_at_end")
    assert headline(at_end).startswith("Plans open at the period end with category Multiple: ")
    assert f"with category Multiple: {at_end.numerator} of {at_end.denominator}" in headline(at_end)
    assert headline(at_end) in text
    started = report.figure("category_mix_over_period")
    assert headline(started).startswith("Plans started in the period with category Multiple: ")
    assert headline(started) in text
    assert headline(report.figure("plans_started")).split(" ")[0].isdigit()  # other headlines unchanged
