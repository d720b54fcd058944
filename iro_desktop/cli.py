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
    sub.add_parser("check", help="check the store's integrity and schema; exit 1 on problems")
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
    add_user_option_everywhere(parser)
    return parser


GUI_OPTIONS = ("--data-dir", "--database-url", "--user")


def plain_gui_launch(argv: Sequence[str] | None) -> argparse.Namespace | None:
    """`iro-desktop [--data-dir D] [--database-url U] [--user N]`, the plain GUI launch, read without
    building every command's parser (about 50 ms before the sign-in prompt); None for anything else
    (a command, --help, --version, a mistake), which the full parser reads."""
    tokens = list(sys.argv[1:] if argv is None else argv)
    values: dict[str, str] = {}
    while tokens:
        option, equals, value = tokens.pop(0).partition("=")
        if option not in GUI_OPTIONS:
            return None
        if not equals:
            if not tokens or tokens[0].startswith("-"):
                return None
            value = tokens.pop(0)
        values[option[2:].replace("-", "_")] = value
    return argparse.Namespace(
        command=None,
        data_dir=values.get("data_dir"),
        database_url=values.get("database_url"),
        user=values.get("user"),
    )


def main(argv: Sequence[str] | None = None) -> int:
    args = plain_gui_launch(argv) or build_parser().parse_args(argv)
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
            from iro_desktop.cli_session import sign_in_cli

            width, _, height = args.size.partition("x")
            size = (int(width), int(height))
            path = take_screenshot(
                location,
                args.out,
                args.view,
                size,
                args.text_size,
                sign_in=lambda services: sign_in_cli(services, args.user),
            )
            print(f"Wrote {path}")
            return 0
        if command == "check":
            return _check(location)
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
    """On an empty store: the demo accounts first, then the families loaded as the demo chair (an
    administrator). Otherwise as the account signed in (`--user`), else the demo chair's own password."""
    from iro_desktop.app import open_services
    from iro_desktop.cli_session import sign_in_cli
    from iro_desktop.services.demo import load_demo
    from iro_desktop.services.demo_accounts import DEMO_ACCOUNTS, load_demo_accounts
    from iro_desktop.services.demo_records import load_demo_records

    store, services = open_services(location)  # type: ignore[arg-type]
    try:
        accounts = load_demo_accounts(services.ctx)  # signs the demo chair in when it creates them
        if not accounts:
            chair, _name, password, _role = DEMO_ACCOUNTS[0]
            sign_in_cli(services, args.user, fallback=(chair, password))
        family = load_demo(services.ctx)
        load_demo_records(services.ctx)
    finally:
        store.close()
    print("Demo families loaded." if family else "Demo families are already loaded.")
    if accounts:
        print("Demo sign-in (fictional):")
        for username, _name, password, role in DEMO_ACCOUNTS:
            print(f"  {role.label:<8} username {username!r}, password {password!r}")
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


def _check(location: object) -> int:
    from iro_desktop.store.integrity import check_store
    from iro_desktop.store.opening import open_store

    store = open_store(location, migrate=False)  # type: ignore[arg-type]
    try:
        problems = check_store(store)
        if not problems:  # the records' locks and approvals, once the schema is sound
            problems = record_lock_problems(store)
    finally:
        store.close()
    for problem in problems:
        print(problem)
    print("Store is sound." if not problems else f"{len(problems)} problem(s) found.")
    return 0 if not problems else 1


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
