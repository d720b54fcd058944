"""`iro-desktop subject-access`: a named person's bundle (issue 18) as a PDF and a CSV, for the council's
subject-access team. Managers and administrators only; audited."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from iro_desktop.store.location import StoreLocation

EPILOG = """\
First find the person: --find TEXT lists parents, relatives and children whose name holds TEXT (children
also by family reference), each with the id to give to --person.

--person ID writes the bundle: everything the store holds that the person may see (their families'
conferences, records, maps, decisions and plans), and every item withheld from them listed by the reason
recorded for it (never its words), as a PDF and a CSV in --out (default: DATA_DIR/exports/). File names
carry the family reference and a short id, never a name. The export is written to the audit trail with
its counts only.
Exit status: 0 written (or listed), 1 not found or not allowed, 2 the records or the file could not be
opened or written."""


def add_parser(sub: argparse._SubParsersAction) -> argparse.ArgumentParser:
    from iro_desktop.cli.which_conference import described_command

    parser = described_command(
        sub,
        "subject-access",
        help="a person's subject-access bundle (PDF and CSV): managers and administrators",
        description="Write what the store holds that one person may see, and what is withheld and why.",
        epilog=EPILOG,
    )
    which = parser.add_mutually_exclusive_group(required=True)
    which.add_argument("--find", metavar="TEXT", help="list the people whose name holds TEXT")
    which.add_argument("--person", metavar="ID", help="the person's (or child's) id, from --find")
    parser.add_argument("--out", type=Path, help="folder for the PDF and CSV (default: DATA_DIR/exports/)")
    parser.set_defaults(handler=run_subject_access)
    return parser


def run_subject_access(args: argparse.Namespace, location: StoreLocation) -> int:
    from iro_desktop.cli.session import open_signed_in
    from iro_desktop.domain.errors import DomainError

    store, services = open_signed_in(location, args)
    try:
        if args.find is not None:
            found = services.subject_access.people(args.find)
            if not found:
                print(f"Nobody in the store matches “{args.find}”.", file=sys.stderr)
                return 1
            for choice in found:
                print(f"{choice.id}  {choice.text}")
            return 0
        out: Path = args.out if args.out is not None else location.data_dir / "exports"
        pdf, csv_path = services.subject_access.export(args.person, out)
        print(f"Wrote {pdf}")
        print(f"Wrote {csv_path}")
    except DomainError as error:
        print(str(error), file=sys.stderr)
        return 1
    finally:
        store.close()
    return 0
