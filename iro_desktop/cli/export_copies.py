"""`iro-desktop export copies`: make each recipient's copy of a final record (issue 18).

Registered under the `export` command group by `cli/__init__.py` (`add_export_copies_parser`). Each
recipient on the distribution list gets the documents their audience allows, marked on every page with
whom they were made for; a family member's copy is released only once its check is answered in the app.
"""

from __future__ import annotations

import argparse
import sys
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from iro_desktop.services.registry import Services
    from iro_desktop.store.location import StoreLocation

EPILOG = """\
Choose the conference by its id (--conference) or by the family reference (--family-ref, with --latest
when the family has more than one conference).

Every recipient on the record's distribution list gets their copy, or only the one numbered --recipient N
(as listed by --check). A family member (a parent, a carer, the child, a relative) gets the family
version and the mapping handout, holding only what everyone may read; a professional gets the record
and the plan, without what is kept from them by name. Every page says whom the copy was made for.

--check: list each recipient's copy and what its check before release found (each detail with its place,
answered or not), and write nothing. The answers are given in the app's Records area.

A family member's copy is released only when every detail the check found is answered (and signed off
by a second person when the local rules ask); the others are still written. Each document written is
in the distribution log and the audit trail, with the date sent (--sent-on, default today) and how
(--method, default the recipient's).

File names carry the family reference, the document, the date, the version and the recipient's place on
the list and role (e.g. DEMO-0001_family-version_2026-11-25_v1_for-3-parent.pdf); never a name.
Exit status: 0 every copy written, 1 one or more refused (the reasons are printed) or nothing found,
2 the records could not be opened or a file could not be written."""


def add_export_copies_parser(export_subparsers: argparse._SubParsersAction) -> argparse.ArgumentParser:
    from iro_desktop.cli.which_conference import add_conference_choice, described_command
    from iro_desktop.domain.record import SendMethod

    parser = described_command(
        export_subparsers,
        "copies",
        help="make each recipient's copy of a final record (issue 18)",
        description="Make each recipient's copy of a final record, marked with whom it is for.",
        epilog=EPILOG,
    )
    add_conference_choice(parser, latest_help="with --family-ref: the most recent conference")
    parser.add_argument("--recipient", type=int, metavar="N", help="only the Nth recipient on the list")
    parser.add_argument(
        "--check", action="store_true", help="list what each copy's check found; write nothing"
    )
    parser.add_argument("--out", type=Path, help="folder (default: DATA_DIR/exports/copies/)")
    parser.add_argument("--sent-on", type=date.fromisoformat, metavar="YYYY-MM-DD", help="default: today")
    parser.add_argument("--method", choices=[m.value for m in SendMethod], help="default: the recipient's")
    parser.set_defaults(handler=run_export_copies)
    return parser


def run_export_copies(args: argparse.Namespace, location: StoreLocation) -> int:
    from iro_desktop.cli.session import open_signed_in
    from iro_desktop.cli.which_conference import chosen_conference, latest_without_family
    from iro_desktop.domain.errors import DomainError, ValidationError
    from iro_desktop.domain.record import SendMethod

    if latest_without_family(args):
        return 1
    out: Path = args.out if args.out is not None else location.data_dir / "exports" / "copies"
    store, services = open_signed_in(location, args)
    refused = 0
    try:
        conference_id = chosen_conference(services, args)
        if conference_id is None:
            return 1
        recipients = list(services.records.get(conference_id).recipients)
        if not recipients:
            print("The distribution list is empty: add the recipients in the Records area.", file=sys.stderr)
            return 1
        chosen = list(enumerate(recipients, start=1))
        if args.recipient is not None:
            if not 1 <= args.recipient <= len(recipients):
                print(f"--recipient: choose 1 to {len(recipients)}.", file=sys.stderr)
                return 1
            chosen = [chosen[args.recipient - 1]]
        sent_on = args.sent_on or services.ctx.today()
        for n, recipient in chosen:
            if args.check:
                _print_check(services, conference_id, n, recipient.id)
                continue
            method = SendMethod(args.method) if args.method else recipient.method
            try:
                paths = services.distribution.release(conference_id, recipient.id, out, sent_on, method)
            except ValidationError as error:
                refused += 1
                print(f"{n}. {recipient.name}: not released: {error}", file=sys.stderr)
                continue
            for path in paths:
                print(f"Wrote {path}")
    except DomainError as error:
        print(str(error), file=sys.stderr)
        return 1
    finally:
        store.close()
    return 1 if refused else 0


def _print_check(services: Services, conference_id: str, n: int, recipient_id: str) -> None:
    check = services.distribution.check(conference_id, recipient_id)
    r = check.recipient
    head = f"{n}. {r.name} ({r.role or check.audience.label}): {check.audience.label.lower()} copy"
    if not check.needed:
        print(f"{head}; not checked (a professional's copy)")
        return
    state = "ready to release" if check.ready else "; ".join(p.message for p in check.problems)
    print(f"{head}; {len(check.flags)} found; {state}")
    for flag in check.flags:
        answer = check.answers.get(flag.key)
        said = answer.label if answer else "not answered"
        print(f"   [{said}] {flag.kind.label}: {flag.found} — {flag.place}")
