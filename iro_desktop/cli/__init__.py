"""Command line: `iro-desktop` opens the GUI; subcommands for demo data, screenshots, checks, the audit
trail, exports and imports, the annual report and signing keys.

One argparse tree, one dispatch style: every command's parser sets `handler` (`handler(args, location)`
returns the exit status), and `main` runs the chosen one. One module per command group in this package;
`session` signs the command line in.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence

from iro_desktop import __version__
from iro_desktop.cli import app_commands
from iro_desktop.cli.app_commands import VIEW_NAMES

__all__ = ["VIEW_NAMES", "build_parser", "main"]


def build_parser() -> argparse.ArgumentParser:
    """Every command's parser. The command modules are imported here, not at import, so the plain GUI
    launch (`plain_gui_launch`) reaches the sign-in prompt without them (issue 14)."""
    from iro_desktop.cli import (
        accounts,
        admin,
        audit,
        census,
        conference_file,
        export_copies,
        export_pdf,
        history_import,
        keys,
        offline,
        report,
        subject_access,
    )
    from iro_desktop.cli.session import add_user_option, add_user_option_everywhere

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
        help="URL of the store: postgresql://host/dbname?sslmode=verify-full or postgresql:///?service=NAME "
        "(no password: libpq reads .pgpass); default: team-store.toml in the data folder, else SQLite "
        "there; env IRO_DESKTOP_DATABASE_URL",
    )
    add_user_option(parser, top=True)
    parser.set_defaults(handler=app_commands.run_gui)  # no command: open the app
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    app_commands.add_parsers(sub)  # gui, demo, screenshot, check
    audit.add_parser(sub)
    export = sub.add_parser(
        "export", help="write records out: PDFs (export pdf) or a conference file (export file)"
    )
    export_sub = export.add_subparsers(dest="export_command", metavar="EXPORT_COMMAND", required=True)
    export_pdf.add_export_pdf_parser(export_sub)
    export_copies.add_export_copies_parser(export_sub)  # issue 18: a copy for each reader
    conference_file.add_export_file_parser(export_sub)
    imports = sub.add_parser("import", help="bring records in: a conference file, or history from an extract")
    import_sub = imports.add_subparsers(dest="import_command", metavar="IMPORT_COMMAND", required=True)
    conference_file.add_import_file_parser(import_sub)
    history_import.add_import_history_parser(import_sub)
    report.add_parser(sub)
    keys.add_parser(sub)
    accounts.add_parser(sub)  # issue 15: accounts of an encrypted store
    census.add_parser(sub)  # issue 17: the census's child protection rules
    admin.add_parser(sub)  # issue 16: the team database's migrations, as its owner
    subject_access.add_parser(sub)  # issue 18: a person's subject-access bundle
    offline.add_parser(sub)  # issue 16: a conference taken onto a laptop, and brought back
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
        handler=app_commands.run_gui,
    )


def main(argv: Sequence[str] | None = None) -> int:
    from iro_desktop.private_files import make_process_private, secure_data_folder

    make_process_private()  # issue 15: umask 0o077 first, so everything created (SQLite's too) is 0600/0700
    args = plain_gui_launch(argv) or build_parser().parse_args(argv)
    from iro_desktop.domain.errors import EnvironmentProblem
    from iro_desktop.domain.roles import PermissionDenied
    from iro_desktop.store.location import resolve_location

    try:
        location = resolve_location(args.data_dir, args.database_url)  # a refused server setting: exit 2
        secure_data_folder(location.data_dir)  # an older version's 0755 folder: tightened, with all in it
        return int(args.handler(args, location))
    except BrokenPipeError:  # `iro-desktop report | head`: the reader has gone, so end quietly
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())  # and no second error when Python flushes stdout at exit
        return 0
    except EnvironmentProblem as problem:
        print(f"{problem.title}: {problem.message}", file=sys.stderr)
        return 2
    except PermissionDenied as denied:  # the signed-in account's role does not allow it
        print(f"Not allowed: {denied}", file=sys.stderr)
        return 1
