"""Command line: `iro-desktop` opens the GUI; subcommands for demo data, screenshots and checks."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

from iro_desktop import __version__
from iro_desktop.cli_export_pdf import add_export_pdf_parser
from iro_desktop.cli_history_import import add_import_history_parser

VIEW_NAMES = (
    "today",
    "families",
    "meeting",
    "who-is-here",
    "decisions",
    "plan",
    "handouts",
    "records",
    "presentation",
    "report",
)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="iro-desktop",
        description="IRO Desktop: child protection conferences, live Signs of Safety mapping, "
        "decisions, plans and records. With no command, opens the app.",
    )
    parser.add_argument("--version", action="version", version=f"iro-desktop {__version__}")
    parser.add_argument(
        "--data-dir",
        help="folder for the records, backups and logs (default: your user data folder; "
        "env IRO_DESKTOP_DATA_DIR)",
    )
    parser.add_argument(
        "--database-url",
        help="SQLAlchemy URL of the store (default: SQLite in the data folder; env IRO_DESKTOP_DATABASE_URL)",
    )
    from iro_desktop.cli_session import add_user_option, add_user_option_everywhere

    add_user_option(parser, top=True)
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    sub.add_parser("gui", help="open the app (the default)")
    sub.add_parser("demo", help="load the fictional demo families (does nothing if already loaded)")
    shot = sub.add_parser("screenshot", help="render a view of the app to PNG (needs no display)")
    shot.add_argument("--out", required=True, type=Path, help="PNG file to write")
    shot.add_argument(
        "--view",
        default="today",
        choices=VIEW_NAMES,
        help="which view (default: today); the meeting's views open the full-size family's conference",
    )
    shot.add_argument("--size", default="1280x800", help="window size WIDTHxHEIGHT (default 1280x800)")
    shot.add_argument("--text-size", type=int, default=100, metavar="PERCENT", help="text size, 80-200")
    sub.add_parser(
        "check",
        help="check the store's integrity, schema and key file (any account signs in); exit 1 on problems",
    )
    audit = sub.add_parser("audit", help="the audit trail")
    audit_sub = audit.add_subparsers(dest="audit_command", metavar="AUDIT_COMMAND", required=True)
    audit_sub.add_parser(
        "verify", help="verify the hash chain and its anchor; exit 1 if any entry was changed or removed"
    )
    audit_sub.add_parser(
        "re-anchor",
        help="administrators: anchor the trail at its newest entry (once after upgrading, or after "
        "investigating a missing anchor); audited",
    )
    from iro_desktop.cli_conference_file import add_export_file_parser, add_import_file_parser

    export = sub.add_parser(
        "export", help="write records out: PDFs (export pdf) or a conference file (export file)"
    )
    export_sub = export.add_subparsers(dest="export_command", metavar="EXPORT_COMMAND", required=True)
    add_export_pdf_parser(export_sub)  # issue 6: each export subcommand sets args.handler
    add_export_file_parser(export_sub)
    imports = sub.add_parser("import", help="bring records in: a conference file, or history from an extract")
    import_sub = imports.add_subparsers(dest="import_command", metavar="IMPORT_COMMAND", required=True)
    add_import_file_parser(import_sub)
    add_import_history_parser(import_sub)  # issue 8: sets args.import_run
    from iro_desktop import cli_report  # issue 8: the annual report

    cli_report.add_parser(sub)
    from iro_desktop import cli_keys  # issue 13: signing keys

    cli_keys.add_parser(sub)
    from iro_desktop import cli_accounts  # issue 15: accounts of an encrypted store

    cli_accounts.add_parser(sub)
    add_user_option_everywhere(parser)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    from iro_desktop.domain.errors import EnvironmentProblem
    from iro_desktop.domain.roles import PermissionDenied
    from iro_desktop.store.location import resolve_location

    location = resolve_location(args.data_dir, args.database_url)
    command = args.command or "gui"
    try:
        if command == "gui":
            from iro_desktop.app import configure_logging, run_gui

            configure_logging(location)
            return run_gui(location)
        if command == "demo":
            return _demo(location, args)
        if command == "screenshot":
            from iro_desktop.app import take_screenshot
            from iro_desktop.cli_session import open_signed_in

            width, _, height = args.size.partition("x")
            size = (int(width), int(height))
            path = take_screenshot(
                location,
                args.out,
                args.view,
                size,
                args.text_size,
                open_signed=lambda: open_signed_in(location, args),
            )
            print(f"Wrote {path}")
            return 0
        if command == "check":
            return _check(location, args)
        if command == "accounts":  # issue 15
            from iro_desktop.cli_accounts import run as run_accounts

            return run_accounts(args, location)
        if command == "audit" and args.audit_command == "re-anchor":
            return _audit_re_anchor(location, args)
        if command == "audit":
            return _audit_verify(location, args)
        if command == "import" and args.import_command == "history":
            return int(args.import_run(location, args))
        if command == "import" or (command == "export" and args.export_command == "file"):
            from iro_desktop import cli_conference_file as files

            return (files.run_import_file if command == "import" else files.run_export_file)(location, args)
        if command == "export":
            return int(args.handler(args, location))
        if command == "report":  # issue 8
            from iro_desktop.cli_report import run as run_report

            return run_report(args, location)
        if command == "keys":  # issue 13
            from iro_desktop.cli_keys import run as run_keys

            return run_keys(args, location)
    except EnvironmentProblem as problem:
        print(f"{problem.title}: {problem.message}", file=sys.stderr)
        return 2
    except PermissionDenied as denied:  # the signed-in account's role does not allow it
        print(f"Not allowed: {denied}", file=sys.stderr)
        return 1
    raise AssertionError(command)


def _demo(location: object, args: argparse.Namespace) -> int:
    """In an empty folder: a new encrypted store with the demo accounts (the demo chair its first
    administrator), the families loaded as the demo chair. Otherwise as the account signed in
    (`--user`), else the demo chair's own password."""
    from iro_desktop.cli_session import sign_in_opened
    from iro_desktop.services import sign_in
    from iro_desktop.services.demo import load_demo
    from iro_desktop.services.demo_accounts import DEMO_ACCOUNTS, add_demo_team
    from iro_desktop.services.demo_records import load_demo_records

    chair, name, password, role = DEMO_ACCOUNTS[0]
    created = not sign_in.records_exist(location)  # type: ignore[arg-type]
    if created:
        opened = sign_in.set_up(location, chair, name, password, role)  # type: ignore[arg-type]
    else:
        opened = sign_in_opened(location, args, fallback=(chair, password))  # type: ignore[arg-type]
    try:
        if created:
            add_demo_team(opened.services.ctx)
        family = load_demo(opened.services.ctx)
        load_demo_records(opened.services.ctx)
    finally:
        opened.close()
    print("Demo families loaded." if family else "Demo families are already loaded.")
    if created:
        print("Demo sign-in (fictional):")
        for username, _name, demo_password, demo_role in DEMO_ACCOUNTS:
            print(f"  {demo_role.label:<8} username {username!r}, password {demo_password!r}")
        print(f"The records are encrypted. Demo recovery key (shown once): {opened.recovery_key}")
    return 0


def record_lock_problems(store: object) -> list[str]:
    """Each final record whose fingerprint or signed approval does not hold, naming its conference."""
    from iro_desktop.services.context import SYSTEM_USER, ServiceContext, SignedIn
    from iro_desktop.services.records import RecordService

    # `check` needs no sign-in (it must work when nobody can sign in); it reads fingerprints, not content,
    # and its labels name no person.
    ctx = ServiceContext(uow=store.uow, session=SignedIn(SYSTEM_USER))  # type: ignore[attr-defined]
    records = RecordService(ctx)
    return [
        f"record of {label} (conference {cid}): {'; '.join(i.problems)}"
        for cid, label, i in records.check_all()
    ]


def _check(location: object, args: argparse.Namespace) -> int:
    """Any account signs in (the records are encrypted: nothing opens without a password); the check
    then reads as the system, with no migration. The key file is checked too."""
    from iro_desktop.services.sign_in import open_for_check
    from iro_desktop.store.integrity import check_store

    store, key_problems = _open_for_check(location, args, open_for_check)
    try:
        problems = key_problems + check_store(store)
        if not problems:  # the records' locks and approvals, once the schema is sound
            problems = record_lock_problems(store)
    finally:
        store.close()
    for problem in problems:
        print(problem)
    print("Store is sound." if not problems else f"{len(problems)} problem(s) found.")
    return 0 if not problems else 1


def _open_for_check(location: object, args: argparse.Namespace, open_for_check: object):  # type: ignore[no-untyped-def]
    from iro_desktop.cli_session import NO_ACCOUNTS, SignInRefused, credentials
    from iro_desktop.services import sign_in
    from iro_desktop.services.accounts import SignInFailed

    sign_in.check_openable(location)  # type: ignore[arg-type]
    if not sign_in.is_encrypted(location):  # type: ignore[arg-type]
        return open_for_check(location, "", "")  # type: ignore[operator]  # a plain (older) store
    if not sign_in.records_exist(location):  # type: ignore[arg-type]
        raise SignInRefused(NO_ACCOUNTS)
    name, password = credentials(getattr(args, "user", None))
    try:
        return open_for_check(location, name, password)  # type: ignore[operator]
    except SignInFailed:
        raise SignInRefused("That username and password do not match.") from None


def _audit_verify(location: object, args: argparse.Namespace) -> int:
    from iro_desktop.cli_session import open_signed_in
    from iro_desktop.services.audit import AuditService

    store, services = open_signed_in(location, args)  # type: ignore[arg-type]
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


def _audit_re_anchor(location: object, args: argparse.Namespace) -> int:
    from iro_desktop.cli_session import open_signed_in
    from iro_desktop.domain.errors import ValidationError

    store, services = open_signed_in(location, args)  # type: ignore[arg-type]
    try:
        anchor = services.audit.re_anchor()
    except ValidationError as refused:
        print(refused.problems[0].message, file=sys.stderr)
        return 1
    finally:
        store.close()
    print(f"Audit trail anchored: {anchor.footer()}.")
    return 0
