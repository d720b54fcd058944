"""`iro-desktop report`: periods read from the options, figures printed, PDF and CSV written."""

from __future__ import annotations

import csv
from datetime import date

import pytest

from iro_desktop.cli import main
from iro_desktop.cli.report import parse_period
from tests.cli_accounts import act_as
from tests.export.pdftext import all_text

TODAY = date(2026, 11, 23)


@pytest.mark.parametrize(
    ("text", "label", "start", "end"),
    [
        ("2025-26", "2025-26", date(2025, 4, 1), date(2026, 3, 31)),
        ("1999-00", "1999-00", date(1999, 4, 1), date(2000, 3, 31)),
        ("2026-Q1", "Q1 2026-27", date(2026, 4, 1), date(2026, 6, 30)),
        ("2025-q4", "Q4 2025-26", date(2026, 1, 1), date(2026, 3, 31)),
        ("2026-05", "May 2026", date(2026, 5, 1), date(2026, 5, 31)),
        (None, "2026-27", date(2026, 4, 1), date(2027, 3, 31)),
    ],
)
def test_periods(text, label, start, end):
    period = parse_period(text, None, None, TODAY)
    assert (period.label, period.start, period.end) == (label, start, end)


def test_custom_period_and_mistakes():
    period = parse_period(None, date(2026, 1, 5), date(2026, 2, 4), TODAY)
    assert period.days == 31
    assert period.previous().end == date(2026, 1, 4)
    for args, message in (
        (("2025-13", None, None), "Cannot read the period"),
        (("2025-26", date(2026, 1, 1), date(2026, 2, 1)), "not both"),
        ((None, date(2026, 1, 1), None), "needs both"),
        ((None, date(2026, 2, 1), date(2026, 1, 1)), "before --from"),
    ):
        with pytest.raises(ValueError, match=message):
            parse_period(*args, TODAY)


def test_help_documents_the_report_command(capsys):
    with pytest.raises(SystemExit):
        main(["report", "--help"])
    out = capsys.readouterr().out
    for text in ("--period", "2025-26", "2026-Q1", "--from", "--pdf", "--csv"):
        assert text in out
    with pytest.raises(SystemExit):
        main(["--help"])
    assert "report" in capsys.readouterr().out


def test_report_prints_and_writes_pdf_and_csv(tmp_path, capsys, monkeypatch):
    data = str(tmp_path / "d")
    assert main(["--data-dir", data, "demo"]) == 0
    act_as(monkeypatch, "manager")  # the demo's manager runs the report
    capsys.readouterr()
    pdf, folder = tmp_path / "out" / "report.pdf", tmp_path / "csv"
    assert (
        main(["--data-dir", data, "report", "--period", "2026-27", "--pdf", str(pdf), "--csv", str(folder)])
        == 0
    )
    out = capsys.readouterr().out
    assert "Annual report: 2026-27 (1 April 2026 to 31 March 2027)" in out
    assert "Previous period: 2025-26" in out
    assert "Conferences held (meetings)" in out
    # Breakdowns are printed line by line: the demo's held conference put three children on plans.
    started = out[out.index("Plans started") :].splitlines()
    assert started[0].split()[-2:] == ["3", "0"]
    assert started[1].split()[:3] == ["Neglect", "2", "(66.7%)"]
    assert f"Wrote {pdf}" in out
    text = all_text(pdf.read_bytes())
    assert "Period: 2026-27" in text
    assert "OFFICIAL-SENSITIVE" in text
    with (folder / "figures.csv").open(encoding="utf-8-sig", newline="") as stream:
        rows = list(csv.DictReader(stream))
    held = next(r for r in rows if r["key"] == "conferences_held_meetings" and not r["row_label"])
    assert held["period"] == "2026-27"
    assert int(held["value"]) >= 1
    assert sorted(p.name for p in folder.iterdir()) == [
        "census_cp_module.csv",
        "conferences.csv",
        "cp_plans.csv",
        "cp_reviews.csv",
        "figures.csv",
        "icpc.csv",
        "persons.csv",
    ]


def test_bad_period_exits_2(tmp_path, capsys):
    assert main(["--data-dir", str(tmp_path / "d"), "report", "--period", "26"]) == 2
    assert "Cannot read the period" in capsys.readouterr().err


def test_uk_dates_a_reporting_year_range_and_a_pipe_closed_early(tmp_path, monkeypatch):
    """Issue 17: --from/--to read 31/03/2018 as the import does; a range that is exactly a reporting
    year compares with the previous reporting year; piping into `head` ends quietly."""
    import os
    import subprocess
    import sys

    data = str(tmp_path / "d")
    assert main(["--data-dir", data, "demo"]) == 0
    act_as(monkeypatch, "manager")
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    command = [sys.executable, "-m", "iro_desktop", "--data-dir", data, "report", "--from", "01/04/2024"]
    shell = " ".join([*command, "--to", "31/03/2025", "|", "head", "-n", "2"])
    done = subprocess.run(["bash", "-o", "pipefail", "-c", shell], capture_output=True, text=True, env=env)
    assert done.returncode == 0, done.stderr
    assert "Traceback" not in done.stderr
    assert "BrokenPipeError" not in done.stderr
    assert done.stdout.splitlines() == [
        "Annual report: 2024-25 (1 April 2024 to 31 March 2025)",
        "Previous period: 2023-24 (1 April 2023 to 31 March 2024)",
    ]
    bad = subprocess.run([*command, "--to", "31/02/2025"], capture_output=True, text=True, env=env)
    assert bad.returncode == 2
    assert "February 2025 has no day 31" in bad.stderr


def test_census_check_lists_the_rules_broken(tmp_path, capsys, monkeypatch):
    """Issue 17: `census check` on the demo (census-clean), then with an initial conference moved to a
    Saturday: the rule, family and child named, exit 1."""
    from tests.store_files import raw_connect

    data = str(tmp_path / "d")
    assert main(["--data-dir", data, "demo"]) == 0
    act_as(monkeypatch, "clerk")
    capsys.readouterr()
    assert main(["--data-dir", data, "census", "check"]) == 0
    assert "No census problems" in capsys.readouterr().out
    with raw_connect(tmp_path / "d") as conn:
        conn.execute(
            "UPDATE conferences SET held_on = '2026-11-21', scheduled_date = '2026-11-21' WHERE id = "
            "(SELECT id FROM conferences WHERE conference_type = 'initial' AND status = 'held' LIMIT 1)"
        )
    assert main(["--data-dir", data, "census", "check"]) == 1
    out = capsys.readouterr().out
    assert "8875  DEMO-" in out
    assert "An initial conference cannot be held on a weekend" in out
