"""`iro-desktop import history FOLDER [--dry-run]`: check a case-management extract and import it.

Every problem is printed (file, row, column, message) and the exit status is 1; nothing is imported
unless there are none. On success the counts added and already present are printed.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any


def add_import_history_parser(import_subparsers: Any) -> None:
    """Register `history` under the `import` command group."""
    parser = import_subparsers.add_parser(
        "history",
        help="import past families, children, conferences, decisions, plans and attendance from an extract "
        "folder (see docs/historical-import.md); exit 1 and import nothing if any row has a problem",
    )
    parser.add_argument("folder", type=Path, help="folder holding extract.csv, families.csv, children.csv...")
    parser.add_argument("--dry-run", action="store_true", help="check everything but store nothing")
    parser.set_defaults(handler=run_import_history)


def run_import_history(args: argparse.Namespace, location: object) -> int:
    from iro_desktop.cli.session import open_signed_in

    store, services = open_signed_in(location, args)  # type: ignore[arg-type]
    last_stage = ""

    def progress(stage: str, done: int, total: int) -> None:
        nonlocal last_stage
        if stage != last_stage:
            print(f"{stage}…", file=sys.stderr)
            last_stage = stage

    try:
        service = services.history_import
        run = service.check if args.dry_run else service.import_history
        result = run(args.folder, progress)
    finally:
        store.close()
    for problem in result.problems:
        print(problem)
    if result.problems:
        print(f"{len(result.problems)} problem(s) found: nothing was imported.")
        return 1
    if args.dry_run:
        print(f"No problems found. Would add: {result.added.text()}.")
        print(f"Already present: {result.present.text()}.")
        return 0
    print(f"Imported. Added: {result.added.text()}.")
    print(f"Already present (unchanged): {result.present.text()}.")
    return 0
