"""`iro-desktop report`: the annual report from the command line (figures to the screen, PDF, CSV)."""

from __future__ import annotations

import argparse
import re
import sys
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from iro_desktop.reports import AnnualReport, Period
    from iro_desktop.reports.figure import Row
    from iro_desktop.store.location import StoreLocation

PERIOD_HELP = (
    "the period: a reporting year 1 April to 31 March as YYYY-YY (2025-26), a quarter of the reporting "
    "year starting in YYYY as YYYY-Qn (2026-Q1 = April to June 2026), or a calendar month as YYYY-MM "
    "(2026-05). Default: the reporting year containing today"
)


def add_parser(sub: argparse._SubParsersAction) -> None:
    parser = sub.add_parser(
        "report",
        help="the annual report: figures beside the previous period; PDF and CSV exports",
        description="Count every annual-report figure for a period from the records, beside the same "
        "figure for the previous period, and print them. --pdf writes the report with charts and "
        "definitions; --csv writes figures.csv and the record-level files (Standard Safeguarding "
        "Dataset field names) into a folder. Dates are DD/MM/YYYY or YYYY-MM-DD, as the import reads them.",
    )
    parser.add_argument("--period", help=PERIOD_HELP)
    parser.add_argument(
        "--from", dest="start", type=_day, help="custom period: first day (31/03/2025 or 2025-03-31)"
    )
    parser.add_argument("--to", dest="end", type=_day, help="custom period: last day (as --from)")
    parser.add_argument("--pdf", type=Path, metavar="FILE", help="write the annual report PDF here")
    parser.add_argument("--csv", type=Path, metavar="DIR", help="write the CSV files into this folder")
    parser.add_argument("--quiet", action="store_true", help="do not print the figures")
    parser.set_defaults(handler=run)


def _day(text: str) -> date:
    """A day as the historical import reads it: DD/MM/YYYY or YYYY-MM-DD; argparse says why not."""
    from iro_desktop.domain.history.dates import DateFormatError, parse_date

    try:
        day = parse_date(text)
    except DateFormatError as error:
        raise argparse.ArgumentTypeError(str(error)) from None
    if day is None:
        raise argparse.ArgumentTypeError("give a date, e.g. 31/03/2025")
    return day


def parse_period(text: str | None, start: date | None, end: date | None, today: date) -> Period:
    """The period the options name; ValueError with a message when they do not make one."""
    from iro_desktop.reports.periods import custom, month, quarter, reporting_year, year_containing

    if text and (start or end):
        raise ValueError("Give either --period or --from and --to, not both.")
    if start or end:
        if not (start and end):
            raise ValueError("A custom period needs both --from and --to.")
        if end < start:
            raise ValueError("--to is before --from.")
        return custom(start, end)
    if not text:
        return year_containing(today)
    text = text.strip()
    if m := re.fullmatch(r"(\d{4})-[Qq]([1-4])", text):
        return quarter(int(m[1]), int(m[2]))
    if m := re.fullmatch(r"(\d{4})-(\d{2})", text):
        first, second = int(m[1]), int(m[2])
        if second == (first + 1) % 100:
            return reporting_year(first)
        if 1 <= second <= 12:
            return month(first, second)
    raise ValueError(f"Cannot read the period {text!r}: use 2025-26, 2026-Q1 or 2026-05 (or --from/--to).")


def format_report(report: AnnualReport) -> str:
    """The figures as plain text, section by section, each beside the previous period."""
    from iro_desktop.export.pdf.annual_report import headline, period_text

    lines = [
        f"Annual report: {period_text(report.period)}",
        f"Previous period: {period_text(report.previous_period)}",
    ]
    width = 62
    for section, pairs in report.sections():
        lines += ["", section, "-" * len(section)]
        lines.append(f"{'Figure':<{width}} {report.period.label:>24} {report.previous_period.label:>24}")
        for figure, previous in pairs:
            title = figure.title if len(figure.title) <= width else figure.title[: width - 1] + "…"
            lines.append(f"{title:<{width}} {headline(figure):>24} {headline(previous):>24}")
            before = {row.label: row for row in previous.rows}
            for row in figure.rows:  # the breakdown, so a mix is read line by line, not by its headline
                label = f"  {row.label}"[:width]
                old = before.get(row.label)
                lines.append(f"{label:<{width}} {_row_text(row):>24} {_row_text(old):>24}")
    return "\n".join(lines)


def _row_text(row: Row | None) -> str:
    if row is None:
        return "0"
    return f"{row.count} ({row.percentage:.1f}%)" if row.percentage is not None else str(row.count)


def run(args: argparse.Namespace, location: StoreLocation) -> int:
    from iro_desktop.cli.session import open_signed_in
    from iro_desktop.domain.errors import DomainError

    try:  # a mistyped period is told before anyone is asked for a password
        period = parse_period(args.period, args.start, args.end, date.today())
    except ValueError as error:
        print(error, file=sys.stderr)
        return 2
    store, services = open_signed_in(location, args)
    try:
        try:
            bundle = services.reports.report(period)
        except DomainError as error:
            print(error, file=sys.stderr)
            return 1
        if not args.quiet:
            print(format_report(bundle.report))
        if args.pdf is not None:
            from iro_desktop.export.pdf.annual_report import annual_report_pdf
            from iro_desktop.private_files import private_folder

            private_folder(args.pdf.parent)
            produced = datetime.now().replace(second=0, microsecond=0)
            annual_report_pdf(bundle.report, args.pdf, produced=produced)
            services.reports.note_exported(period, "PDF", args.pdf)
            print(f"Wrote {args.pdf}")
        if args.csv is not None:
            from iro_desktop.export.report_csv import export_report

            written = export_report(bundle.report, bundle.facts, args.csv)
            services.reports.note_exported(period, "CSV", args.csv)
            print(f"Wrote {len(written)} CSV files into {args.csv}")
    finally:
        store.close()
    return 0
