"""The benchmark's generated council (two small years) goes through the whole report and export:
a smoke test on realistic data, no timing."""

from __future__ import annotations

from benchmarks.report import baseline, generate
from iro_desktop.export.report_csv import export_report
from iro_desktop.reports import annual_report, reporting_year


def test_generated_council_reports_and_exports(tmp_path):
    facts = generate(years=2, seed=3, families_per_year=40)
    assert facts.conferences
    assert facts.plans
    assert baseline(facts) > 0
    report = annual_report(facts, reporting_year(2025))
    on_plans = report.figure("children_on_plans_at_end")
    assert on_plans.value == len({p.child_id for p in facts.plans if p.is_open_on(reporting_year(2025).end)})
    assert sum(r.count for r in report.figure("age_bands").rows) == on_plans.value
    written = export_report(report, facts, tmp_path)
    assert all(path.stat().st_size > 0 for path in written.values())
