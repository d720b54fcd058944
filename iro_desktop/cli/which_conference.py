"""What the export commands share: a sub-command whose epilog is printed as written, and the choice of
the conference (`--conference ID`, or `--family-ref REF` with `--latest` when the family has several).

Used by `export pdf`, `export copies` and `subject-access`; one wording of the choice and its messages.
"""

from __future__ import annotations

import argparse
import sys
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from iro_desktop.services.registry import Services


def described_command(
    sub: argparse._SubParsersAction, name: str, *, help: str, description: str, epilog: str
) -> argparse.ArgumentParser:
    """A sub-command whose epilog keeps its paragraphs and examples as written."""
    parser: argparse.ArgumentParser = sub.add_parser(
        name,
        help=help,
        description=description,
        epilog=epilog,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    return parser


def add_conference_choice(
    parser: argparse.ArgumentParser,
    latest_help: str = "with --family-ref: the family's most recent conference",
) -> None:
    """`--conference ID` or `--family-ref REF` (one of them, required), and `--latest`."""
    which = parser.add_mutually_exclusive_group(required=True)
    which.add_argument("--conference", metavar="ID", help="the conference's id")
    which.add_argument("--family-ref", metavar="REF", help="the family reference, e.g. DEMO-0001")
    parser.add_argument("--latest", action="store_true", help=latest_help)


def latest_without_family(args: argparse.Namespace) -> bool:
    """True (and says so) when --latest is given without --family-ref."""
    if args.latest and not args.family_ref:
        print("--latest goes with --family-ref.", file=sys.stderr)
        return True
    return False


def chosen_conference(services: Services, args: argparse.Namespace) -> str | None:
    """The conference the arguments name; None (with the reason, and the choices, printed) if none."""
    if args.conference:
        return str(args.conference)
    family_ref: str = args.family_ref
    conferences = services.documents.conferences_for_reference(family_ref)
    if not conferences:
        print(f"The family {family_ref} has no conferences.", file=sys.stderr)
        return None
    if len(conferences) == 1 or args.latest:
        return conferences[-1].id
    print(
        f"The family {family_ref} has {len(conferences)} conferences: add --latest, or choose one with "
        "--conference:",
        file=sys.stderr,
    )
    for c in conferences:
        print(f"  {c.id}  {c.date:%Y-%m-%d}  {c.conference_type.label} ({c.status.label})", file=sys.stderr)
    return None
