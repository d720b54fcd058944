"""Conference file round trip for a large conference (6 children, 150 map items, 40 actions).

    python -m benchmarks.conference_file [--repeat N]

Times: export (read the store, canonical JSON, audit), check (parse, JSON Schema, every rule), import into
an empty store, export again, and the hand-off back (field-by-field compare, then apply). Baseline,
measured in the same run: plain json.dumps and json.loads of the same content, so the figures show what
reading, checking and writing the store cost on top of JSON.
"""

from __future__ import annotations

import argparse
import json
import statistics
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from iro_desktop.services.conference_file.service import ConferenceFileService
from iro_desktop.services.conference_file.validation import validate_document
from tests.services.conference_files import TODAY, rich_conference, second_store


def _time(fn: Callable[[], object], repeat: int) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5, help="timed runs (default 5)")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        store, services = second_store(Path(tmp), "chair")
        conference_id = rich_conference(services, actions=40, map_items=150, children=6)
        files = ConferenceFileService(services.ctx)
        text = files.export_text(conference_id).text
        doc = json.loads(text)
        content = doc["conference"]
        counts = {k: len(content[k]) for k in ("children", "map_items", "plan_actions")}
        print(f"Conference file: {len(text.encode()) / 1024:.0f} KiB, {counts}")
        rows: list[tuple[str, float]] = [
            (
                "baseline json.dumps (indent 2)",
                _time(lambda: json.dumps(doc, ensure_ascii=False, indent=2), args.repeat),
            ),
            ("baseline json.loads", _time(lambda: json.loads(text), args.repeat)),
            ("export (store -> file text)", _time(lambda: files.export_text(conference_id), args.repeat)),
            (
                "check (parse + schema + rules)",
                _time(lambda: validate_document(json.loads(text), TODAY), args.repeat),
            ),
        ]
        imports: list[float] = []
        again = ""
        for n in range(args.repeat):
            other_store, other = second_store(Path(tmp), f"clerk{n}")
            start = time.perf_counter()
            ConferenceFileService(other.ctx).import_text(text)
            imports.append(time.perf_counter() - start)
            again = ConferenceFileService(other.ctx).export_text(conference_id).text
            other_store.close()
        rows.append(("import into an empty store (checks included)", statistics.median(imports)))
        # The hand-off back: the clerk edits one item, the chair edits it too, then imports the clerk's file.
        clerk_store, clerk = second_store(Path(tmp), "clerk-handoff")
        ConferenceFileService(clerk.ctx).import_text(text)
        item = services.mapping.board(conference_id).items[0].id
        clerk.mapping.edit_text(item, "clerk")
        back = ConferenceFileService(clerk.ctx).export_text(conference_id).text
        clerk_store.close()
        services.mapping.edit_text(item, "chair")
        prepare = _time(lambda: files.prepare_import(back), args.repeat)
        plan = files.prepare_import(back)
        start = time.perf_counter()
        files.apply_import(plan, {c.path: "theirs" for c in plan.conflicts})
        rows.append(("hand-off: compare field by field (3-way)", prepare))
        rows.append((f"hand-off: apply ({len(plan.conflicts)} conflict chosen)", time.perf_counter() - start))
        store.close()
    for name, seconds in rows:
        print(f"  {name:<48} {seconds * 1000:8.1f} ms")
    print(f"  round trip byte-identical: {again == text}")
    return 0 if again == text else 1


if __name__ == "__main__":
    raise SystemExit(main())
