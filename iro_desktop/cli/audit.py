"""`iro-desktop audit verify` and `audit re-anchor`: the audit trail's hash chain and its anchor."""

from __future__ import annotations

import argparse
import sys
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from iro_desktop.store.location import StoreLocation


def add_parser(sub: argparse._SubParsersAction) -> None:
    audit = sub.add_parser("audit", help="the audit trail")
    audit_sub = audit.add_subparsers(dest="audit_command", metavar="AUDIT_COMMAND", required=True)
    audit_sub.add_parser(
        "verify", help="verify the hash chain and its anchor; exit 1 if any entry was changed or removed"
    ).set_defaults(handler=run_verify)
    audit_sub.add_parser(
        "re-anchor",
        help="administrators: anchor the trail at its newest entry (once after upgrading, or after "
        "investigating a missing anchor); audited",
    ).set_defaults(handler=run_re_anchor)


def run_verify(args: argparse.Namespace, location: StoreLocation) -> int:
    from iro_desktop.cli.session import open_signed_in
    from iro_desktop.services.audit import AuditService

    store, services = open_signed_in(location, args)
    try:
        report = AuditService(services.ctx).verify()
    finally:
        store.close()
    for broken in report.breaks:
        print(f"entry {broken.seq}: {broken.reason}")
    for problem in report.anchor_problems:  # issue 13: the end of the trail, against its anchor
        print(problem)
    if report.intact:
        print(f"Audit trail intact: {report.entries} entries.")
        return 0
    found = len(report.breaks) + len(report.anchor_problems)
    print(f"Audit trail BROKEN: {found} problem(s) in {report.entries} entries.")
    return 1


def run_re_anchor(args: argparse.Namespace, location: StoreLocation) -> int:
    from iro_desktop.cli.session import open_signed_in
    from iro_desktop.domain.errors import ValidationError

    store, services = open_signed_in(location, args)
    try:
        anchor = services.audit.re_anchor()
    except ValidationError as refused:
        print(refused.problems[0].message, file=sys.stderr)
        return 1
    finally:
        store.close()
    print(f"Audit trail anchored: {anchor.footer()}.")
    return 0
