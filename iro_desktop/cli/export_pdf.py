"""`iro-desktop export pdf`: write a conference's PDFs from the command line.

Registered under the `export` command group by `cli/__init__.py` (`add_export_pdf_parser`); like every
command, it runs through `args.handler(args, location)`.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from iro_desktop.services.documents import DocumentKind
    from iro_desktop.store.location import StoreLocation

# Command-line names of the four PDFs -> DocumentKind values.
KINDS = {
    "handout": "mapping-handout",
    "plan": "plan",
    "record": "record",
    "family": "family-version",
}

EPILOG = """\
Choose the conference by its id (--conference) or by the family reference (--family-ref): when the
family has more than one conference, add --latest for the most recent one (stood-down conferences are
left out), or use --conference with one of the ids listed.

--kind: handout (the typed map for everyone in the room), plan (the child protection plan), record (the
conference record), family (the plain-language version for the family), or all four.

--out: a folder (the default is the data folder's exports/ folder) or, for one document, a .pdf file.
File names carry the family reference, the document, the conference date, the version and DRAFT
(e.g. DEMO-0001_record_2026-12-02_DRAFT.pdf); never a child's name.

--record-version N: the record as it stood in version N of the final record (1 is the version the
chair approved; amendments add versions). The document is marked "version N".

Every export is written to the audit trail (the document type and version only).
Exit status: 0 written, 1 nothing written (conference or version not found, several conferences),
2 the records could not be opened or the file could not be written."""


def add_export_pdf_parser(export_subparsers: argparse._SubParsersAction) -> argparse.ArgumentParser:
    from iro_desktop.cli.which_conference import add_conference_choice, described_command

    parser = described_command(
        export_subparsers,
        "pdf",
        help="write a conference's PDFs (mapping handout, plan, record, family version)",
        description="Write one or all of a conference's PDFs.",
        epilog=EPILOG,
    )
    add_conference_choice(parser)
    parser.add_argument("--kind", required=True, choices=(*KINDS, "all"), help="which PDF (or all)")
    parser.add_argument("--out", type=Path, help="folder or .pdf file (default: DATA_DIR/exports/)")
    parser.add_argument(
        "--record-version", type=int, metavar="N", help="an earlier version of the final record"
    )
    parser.set_defaults(handler=run_export_pdf)
    return parser


def run_export_pdf(args: argparse.Namespace, location: StoreLocation) -> int:
    from iro_desktop.cli.session import open_signed_in
    from iro_desktop.cli.which_conference import chosen_conference, latest_without_family
    from iro_desktop.domain.errors import DomainError

    kinds = list(KINDS.values()) if args.kind == "all" else [KINDS[args.kind]]
    out: Path = args.out if args.out is not None else location.data_dir / "exports"
    if len(kinds) > 1 and out.suffix.lower() == ".pdf":
        print("--out must be a folder when writing all four PDFs.", file=sys.stderr)
        return 1
    if latest_without_family(args):
        return 1
    store, services = open_signed_in(location, args)
    try:
        conference_id = chosen_conference(services, args)
        if conference_id is None:
            return 1
        for kind in kinds:
            path = services.documents.export(conference_id, _kind(kind), out, version=args.record_version)
            print(f"Wrote {path}")
    except DomainError as error:
        print(str(error), file=sys.stderr)
        return 1
    finally:
        store.close()
    return 0


def _kind(value: str) -> DocumentKind:
    from iro_desktop.services.documents import DocumentKind

    return DocumentKind(value)
