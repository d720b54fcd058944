"""Time to build each PDF for a large conference (6 children, 150 map items, 40 actions).

    python -m benchmarks.export [--repeat N] [--no-store]

Part 1, the builders on the sample `large_document()`. Baseline, measured in the same run: a bare
reportlab document with the same number of paragraphs as the mapping handout (Helvetica, no page frame, no
tables), so the figures show what our layout costs on top of reportlab itself. Target: the mapping handout
in about a second or less.

Part 2, from the store: the same size of conference put into a temporary SQLite store through the services
(`benchmarks/large_conference.py`); times filling the `ConferenceDocument` from the store
(`DocumentService.document`) and each PDF built from it, end to end as an export does (fill, lay out,
write the file, audit). Baseline, same run: reading the conference's map items and actions with two bare
SELECTs on the same store.
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
    parser.add_argument("--no-store", action="store_true", help="only the builders on the sample document")
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
    if not args.no_store:
        from_store(args.repeat)
    return 0


def from_store(repeat: int) -> None:
    """Part 2: fill the document from a store holding a large conference, then each PDF end to end."""
    import tempfile
    from datetime import date
    from pathlib import Path

    from sqlalchemy import text

    from benchmarks.large_conference import build
    from iro_desktop.services.context import SYSTEM_USER, ServiceContext, SignedIn
    from iro_desktop.services.documents import DocumentKind
    from iro_desktop.services.registry import Services
    from iro_desktop.store.location import resolve_location
    from iro_desktop.store.opening import open_store

    with tempfile.TemporaryDirectory() as tmp:
        store = open_store(resolve_location(Path(tmp) / "data", environ={}))
        try:
            services = Services.build(
                ServiceContext(uow=store.uow, today=lambda: date(2026, 11, 23), session=SignedIn(SYSTEM_USER))
            )
            start = time.perf_counter()
            cid = build(services)
            print(f"\nFrom the store (built through the services in {time.perf_counter() - start:.1f} s):")
            doc = services.documents.document(cid)
            items = len(doc.map_items) + 2 * len(doc.danger_pairs)
            print(
                f"  {len(doc.children)} children, {items} map items, "
                f"{len(doc.actions)} actions, {len(doc.people)} people"
            )

            def bare() -> None:
                with store.engine.connect() as conn:
                    for table in ("map_items", "plan_actions"):
                        conn.execute(
                            text(f"SELECT * FROM {table} WHERE conference_id = :c"), {"c": cid}
                        ).all()

            print(f"  {'step':<34}{'first (s)':>11}{'median (s)':>12}")
            for label, fn in (
                ("baseline: two bare SELECTs", bare),
                ("fill the document from the store", lambda: services.documents.document(cid)),
            ):
                first, median = _time(fn, repeat)
                print(f"  {label:<34}{first:>11.3f}{median:>12.3f}")
            out = Path(tmp) / "exports"
            for kind in DocumentKind:
                first, median = _time(lambda kind=kind: services.documents.export(cid, kind, out), repeat)
                print(f"  {'export ' + kind.value:<34}{first:>11.3f}{median:>12.3f}")
        finally:
            store.close()


if __name__ == "__main__":
    raise SystemExit(main())
