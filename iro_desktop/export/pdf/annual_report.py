"""The annual report as a PDF: every figure beside the previous period, with its definition, a
breakdown table and a bar chart where one helps.

Takes plain data (an `AnnualReport`); no database, no widget, so the GUI can run it in a worker
thread. Charts are reportlab drawings: each bar has its value written beside it and the previous
period's bar is outlined rather than filled, so colour is never the only signal.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date, datetime
from pathlib import Path

from reportlab.graphics.shapes import Drawing, Line, Rect, String
from reportlab.lib.colors import Color, HexColor, white
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import CondPageBreak, Flowable, KeepTogether, Spacer

from iro_desktop.export.pdf.fonts import SANS, plain
from iro_desktop.export.pdf.page import PageFrame, content_width, render
from iro_desktop.export.pdf.parts import (
    bullets,
    data_table,
    fixed,
    key_values,
    long_date,
    para,
    produced_text,
)
from iro_desktop.export.pdf.styles import INK, StyleSet, standard_styles
from iro_desktop.reports.annual import AnnualReport
from iro_desktop.reports.figure import Figure, headline_text
from iro_desktop.reports.periods import Period

TITLE = "Child protection conferences: annual report"
CURRENT: Color = HexColor("#1f5fa8")
PREVIOUS_LINE: Color = HexColor("#1a1a1a")
MAX_CHART_LINES = 14

Progress = Callable[[str, int], None]


def period_text(period: Period) -> str:
    return f"{period.label} ({long_date(period.start)} to {long_date(period.end)})"


def headline(figure: Figure) -> str:
    """ "12"; "5 of 6 (83.3%)"; a category mix names what it counts (`Figure.counts`)."""
    count = f"{figure.value:,}" if figure.denominator is None else f"{figure.numerator:,}"
    return headline_text(figure, count, f"{figure.denominator or 0:,}")


def _pct(value: float | None) -> str:
    return "" if value is None else f"{value:.1f}%"


def bar_chart(
    figure: Figure, previous: Figure, labels: tuple[str, str], width: float, size: float = 7.5
) -> Drawing:
    """A horizontal bar chart of the figure's breakdown: this period filled, the previous one
    outlined, each with its count written beside it, and a legend in words."""
    before = {r.label: r.count for r in previous.rows}
    lines = [(r.label, r.count, before.get(r.label, 0)) for r in figure.rows[:MAX_CHART_LINES]]
    bar_h, gap = size + 1.5, size * 0.9
    label_w = min(max(stringWidth(plain(label), SANS, size) for label, _, _ in lines) + 6, width * 0.38)
    value_w = stringWidth("00,000", SANS, size) + 8
    plot_w = width - label_w - value_w
    top_value = max([c for _, c, _ in lines] + [p or 0 for _, _, p in lines] + [1])
    legend_h = size * 2.4
    height = legend_h + len(lines) * (2 * bar_h + gap) + 2
    drawing = Drawing(width, height)
    # Legend.
    y = height - size * 1.3
    x = 0.0
    for text, filled in ((labels[0], True), (labels[1], False)):
        drawing.add(
            Rect(
                x,
                y - 1,
                10,
                size,
                fillColor=CURRENT if filled else white,
                strokeColor=PREVIOUS_LINE,
                strokeWidth=0.6,
            )
        )
        drawing.add(String(x + 14, y, plain(text), fontName=SANS, fontSize=size, fillColor=INK))
        x += 14 + stringWidth(plain(text), SANS, size) + 16
    y = height - legend_h
    drawing.add(Line(label_w, 0, label_w, y, strokeColor=HexColor("#8a8a8a"), strokeWidth=0.4))
    for label, count, prev in lines:
        y -= bar_h
        text = plain(label)
        while stringWidth(text, SANS, size) > label_w - 6 and len(text) > 4:
            text = text.rstrip("…")[:-1].rstrip() + "…"
        drawing.add(String(0, y - bar_h / 2 + 2, text, fontName=SANS, fontSize=size, fillColor=INK))
        for value, filled, row_y in ((count, True, y), (prev, False, y - bar_h)):
            if value is None:
                continue
            length = plot_w * value / top_value
            if length > 0:
                drawing.add(
                    Rect(
                        label_w,
                        row_y + 1,
                        length,
                        bar_h - 2,
                        fillColor=CURRENT if filled else white,
                        strokeColor=PREVIOUS_LINE,
                        strokeWidth=0.6,
                    )
                )
            drawing.add(
                String(
                    label_w + length + 3, row_y + 2, f"{value:,}", fontName=SANS, fontSize=size, fillColor=INK
                )
            )
        y -= bar_h + gap
    return drawing


def _figure_story(figure: Figure, previous: Figure, report: AnnualReport, s: StyleSet) -> list[Flowable]:
    now, before = report.period.label, report.previous_period.label
    head: list[Flowable] = [fixed(plain(figure.title), s.h2)]
    pairs = [(f"{now}", headline(figure)), (f"{before}", headline(previous))]
    if figure.denominator is not None:
        pairs.append(("Numerator / denominator", f"{figure.numerator:,} / {figure.denominator:,}"))
    pairs.append(("Counted in", figure.unit))
    story: list[Flowable] = [KeepTogether([*head, key_values(pairs, s, 0.34)])]
    if figure.rows:
        previous_rows = {r.label: r for r in previous.rows}
        rows = []
        for r in figure.rows:
            p = previous_rows.get(r.label)
            rows.append(
                [
                    r.label,
                    f"{r.count:,}",
                    _pct(r.percentage),
                    "" if p is None else f"{p.count:,}",
                    "" if p is None else _pct(p.percentage),
                ]
            )
        table = data_table(("Line", now, "Share", before, "Share"), rows, (0.46, 0.13, 0.14, 0.13, 0.14), s)
        story.append(Spacer(0, 3))
        story.append(KeepTogether([table]) if len(rows) <= 12 else table)
    tail: list[Flowable] = []
    if len(figure.rows) >= 2 and any(r.count for r in figure.rows):
        tail += [Spacer(0, 4), bar_chart(figure, previous, (now, before), content_width())]
    tail += [Spacer(0, 2), para(f"Definition: {figure.definition}", s.note)]
    story.append(KeepTogether(tail))
    return story


def rules_text(report: AnnualReport) -> list[str]:
    r = report.rules
    return [
        f"Initial conferences within {r.icpc_working_days} working days of the clock start "
        "(strategy discussion or section 47 start); transfers in are measured separately.",
        f"First review within {r.first_review_months} months of the initial conference; later reviews "
        f"within {r.later_review_months} months of the previous one.",
        f"Social worker's report to parents at least {r.report_to_parents_icpc_wd} working days and to "
        f"the chair {r.report_to_chair_icpc_wd} before an initial conference; {r.report_review_wd} "
        "before a review.",
        f"Record distributed within {r.record_distribution_wd} working days of the conference.",
        f"Repeat plans within {r.repeat_window_months} months of the previous plan's end; short plans under "
        f"{r.short_plan_months} months; long plans {r.long_plan_months} months or more.",
        "Age bands: " + ", ".join(["Unborn", *(b.label for b in r.age_bands)]) + " (whole years on the "
        "period's last day; a birthday on that day counts).",
    ]


def unfinished_note(report: AnnualReport, as_of: date | None) -> str:
    """A warning when the period had not ended on the day the report was produced."""
    if as_of is None or as_of >= report.period.end:
        return ""
    return (
        f"This period had not ended when the report was produced ({long_date(as_of)}): the figures count "
        "the records up to that day, and figures 'at the period end' count what was open then."
    )


def story(report: AnnualReport, s: StyleSet, as_of: date | None = None) -> list[Flowable]:
    out: list[Flowable] = [
        fixed(TITLE, s.title),
        fixed(f"Period: {plain(period_text(report.period))}", s.subtitle),
        fixed(f"Compared with the previous period: {plain(period_text(report.previous_period))}", s.body),
        fixed(
            "Every figure below is counted from the conference records by IRO Desktop, with its "
            "definition: what is counted, the numerator and the denominator. The previous period stands "
            "beside each figure. Records are counted as they stood when the report was produced.",
            s.body,
        ),
    ]
    if note := unfinished_note(report, as_of):
        out.append(para(note, s.body))
    out.append(fixed("How the figures are counted", s.h1))
    out += bullets(rules_text(report), s)
    out.append(fixed("Summary", s.h1))
    summary = []
    for key in (
        "conferences_held_meetings",
        "conferences_held_children",
        "children_on_plans_at_end",
        "plans_started",
        "plans_ended",
        "icpc_in_timescale_children",
        "reviews_in_timescale_children",
        "repeat_plans_ever",
        "conferences_stood_down",
    ):
        figure, previous = report.figure(key), report.previous(key)
        summary.append([figure.title, headline(figure), headline(previous)])
    out.append(
        data_table(
            ("Figure", report.period.label, report.previous_period.label), summary, (0.46, 0.27, 0.27), s
        )
    )
    for section, pairs in report.sections():
        out.append(CondPageBreak(120))
        out.append(fixed(plain(section), s.h1))
        for figure, previous in pairs:
            out.extend(_figure_story(figure, previous, report, s))
    return out


def frame(report: AnnualReport, produced: datetime | None = None) -> PageFrame:
    return PageFrame(
        TITLE,
        report.period.label,
        True,
        standard_styles(),
        produced_text(produced) if produced is not None else "",
        reference_label="Period",
    )


def annual_report_pdf(
    report: AnnualReport,
    out: Path | str | None = None,
    progress: Progress | None = None,
    produced: datetime | None = None,
) -> bytes:
    """Lay out the annual report; write it to `out` when given; return the PDF bytes."""
    s = standard_styles()
    as_of = produced.date() if produced is not None else None
    return render(story(report, s, as_of), frame(report, produced), out, progress)


def figure_titles(report: AnnualReport) -> Sequence[str]:
    """Every figure title in report order (what the PDF lists)."""
    return [f.title for _, pairs in report.sections() for f, _ in pairs]
