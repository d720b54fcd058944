"""Time to build each PDF for a large conference (6 children, 150 map items, 40 actions).

    python -m benchmarks.export [--repeat N]

Baseline, measured in the same run: a bare reportlab document with the same number of paragraphs as the
mapping handout (Helvetica, no page frame, no tables), so the figures show what our layout costs on top of
reportlab itself. Target: the mapping handout in about a second or less.
"""

from __future__ import annotations

import argparse
import io
import statistics
import time
from collections.abc import Callable

from pypdf import PdfReader
from reportlab.lib.styles import getSampleStyleSheet
from reportlab.platypus import Paragraph, SimpleDocTemplate

from iro_desktop.export.pdf import DOCUMENTS
from iro_desktop.export.pdf.fonts import register_fonts
from iro_desktop.export.samples import large_document

HANDOUT_TARGET_SECONDS = 1.0


def _time(fn: Callable[[], object], repeat: int) -> tuple[float, float]:
    """(first run, median of the runs after it)."""
    times = []
    for _ in range(repeat + 1):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return times[0], statistics.median(times[1:])


def _pages(data: bytes) -> int:
    return len(PdfReader(io.BytesIO(data)).pages)


def baseline(paragraphs: int) -> bytes:
    buffer = io.BytesIO()
    style = getSampleStyleSheet()["BodyText"]
    text = "Police were called to the home three times since June after arguments between the adults."
    SimpleDocTemplate(buffer).build([Paragraph(f"{n}: {text}", style) for n in range(paragraphs)])
    return buffer.getvalue()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5, help="timed runs after the first (default 5)")
    args = parser.parse_args(argv)

    start = time.perf_counter()
    register_fonts()
    fonts_seconds = time.perf_counter() - start
    doc = large_document()
    print(
        f"Large conference: {len(doc.children)} children, {len(doc.map_items)} map items, "
        f"{len(doc.actions)} actions, {len(doc.people)} people"
    )
    print(f"Registering the fonts (once per process): {fonts_seconds * 1000:.0f} ms")
    print(f"{'document':<26}{'pages':>6}{'KiB':>7}{'first (s)':>11}{'median (s)':>12}")
    handout_median = 0.0
    for name, build in DOCUMENTS.items():
        data = build(doc)
        first, median = _time(lambda build=build: build(doc), args.repeat)
        if name == "mapping-handout":
            handout_median = median
        print(f"{name:<26}{_pages(data):>6}{len(data) // 1024:>7}{first:>11.3f}{median:>12.3f}")
    paragraphs = len(doc.map_items) + 4 * len(doc.danger_pairs) + len(doc.scales) + 30
    data = baseline(paragraphs)
    first, median = _time(lambda: baseline(paragraphs), args.repeat)
    label = f"baseline ({paragraphs} paras)"
    print(f"{label:<26}{_pages(data):>6}{len(data) // 1024:>7}{first:>11.3f}{median:>12.3f}")
    verdict = "within" if handout_median <= HANDOUT_TARGET_SECONDS else "OVER"
    print(f"Mapping handout: {handout_median:.3f} s, {verdict} the {HANDOUT_TARGET_SECONDS:.1f} s target")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
