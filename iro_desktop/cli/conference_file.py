"""`iro-desktop export file` and `iro-desktop import file`: the conference file on the command line."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any


def add_export_file_parser(export_subparsers: Any) -> None:
    """`export file --conference ID [--out F.json]` under the `export` group."""
    p = export_subparsers.add_parser(
        "file", help="write a conference as a conference file (JSON, docs/conference-file.md)"
    )
    p.add_argument("--conference", required=True, help="the conference's id")
    p.add_argument("--out", type=Path, help="file to write (default: conference-<id>.json here)")
    p.set_defaults(handler=run_export_file)


def add_import_file_parser(import_subparsers: Any) -> None:
    """`import file F.json`: check a conference file and add it to the records."""
    f = import_subparsers.add_parser(
        "file",
        help="check a conference file and add (or hand off) its conference; exit 1 listing every problem",
    )
    f.add_argument("path", type=Path, help="the conference file (.json)")
    f.set_defaults(handler=run_import_file)


def run_export_file(args: argparse.Namespace, location: object) -> int:
    from iro_desktop.cli.session import open_signed_in
    from iro_desktop.domain.errors import NotFound
    from iro_desktop.services.conference_file.service import ConferenceFileService

    out: Path = args.out or Path(f"conference-{args.conference}.json")
    store, services = open_signed_in(location, args)  # type: ignore[arg-type]
    try:
        result = ConferenceFileService(services.ctx).export_file(args.conference, out)
    except NotFound as exc:
        print(str(exc), file=sys.stderr)
        return 1
    finally:
        store.close()
    print(f"Wrote {out} (revision {result.revision[:12]})")
    return 0


def run_import_file(args: argparse.Namespace, location: object) -> int:
    from iro_desktop.cli.session import open_signed_in
    from iro_desktop.services.conference_file.service import (
        ConferenceFileService,
        FileRejected,
        HandoffConflicts,
    )

    path: Path = args.path
    try:
        data = path.read_bytes()
    except OSError as exc:
        print(f"Cannot read {path}: {exc.strerror}", file=sys.stderr)
        return 1
    store, services = open_signed_in(location, args)  # type: ignore[arg-type]
    try:
        result = ConferenceFileService(services.ctx).import_text(data)
    except FileRejected as rejected:
        for problem in rejected.problems:
            print(f"{problem.place or '(file)'}: {problem.message}")
        print(f"{path}: {len(rejected.problems)} problem(s); nothing was changed.", file=sys.stderr)
        return 1
    except HandoffConflicts as conflicts:
        for c in conflicts.plan.conflicts:
            print(f"{c.path}: {c.label}\n    mine:   {_shown(c.mine)}\n    theirs: {_shown(c.theirs)}")
        print(
            f"{path}: {len(conflicts.plan.conflicts)} conflict(s) with the records here; "
            "nothing was changed. Import it in the app (File → Import conference file…) to choose for each.",
            file=sys.stderr,
        )
        return 1
    finally:
        store.close()
    if result.created:
        print(f"Imported the conference for {result.family_name} ({result.conference_id}).")
    else:
        print(
            f"Handed off the conference for {result.family_name}: "
            f"{result.taken} change(s) taken from the file, {result.kept} of this store's kept."
        )
    return 0


def _shown(value: object) -> str:
    if value is None:
        return "(none)"
    text = " ".join(str(value).split())
    return text if len(text) <= 100 else text[:99] + "…"
