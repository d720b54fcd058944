"""`iro-desktop admin migrate`: the team database's administrator upgrades its schema (issue 16 item 2).

Run as the database's owner role (its own service or URL, its password in its own .pgpass); the desktops
connect as the application role and never migrate. One migration runs at a time (an advisory lock); a
database with records is backed up with pg_dump first; a newer schema is refused.
"""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from iro_desktop.store.location import StoreLocation


def add_parser(sub: argparse._SubParsersAction) -> None:
    parser = sub.add_parser("admin", help="the team database (PostgreSQL): upgrade it, as its owner")
    admin = parser.add_subparsers(dest="admin_command", metavar="ADMIN_COMMAND", required=True)
    migrate = admin.add_parser(
        "migrate",
        help="upgrade the team database to this version's schema (backed up with pg_dump first), "
        "connected as its owner",
    )
    migrate.add_argument(
        "--app-role",
        help="the desktops' database role: granted what they need (no schema changes; the audit "
        "trail insert and read only)",
    )
    migrate.add_argument(
        "--no-backup", action="store_true", help="skip the pg_dump backup (a backup you made yourself)"
    )
    migrate.set_defaults(handler=run_migrate)
    first = admin.add_parser(
        "first-admin",
        help="the team database's first IRO Desktop account, an administrator (its password is asked twice)",
    )
    first.add_argument("--username", required=True)
    first.add_argument("--name", required=True, help="the name shown on records")
    first.add_argument("--role", default="manager", choices=("chair", "clerk", "manager"))
    first.set_defaults(handler=run_first_admin)


def run_first_admin(args: argparse.Namespace, location: StoreLocation) -> int:
    """Once, after the first `admin migrate`: the desktops' sign-in then has someone to add the team."""
    import sys

    from iro_desktop.app import open_services
    from iro_desktop.cli.accounts import new_password
    from iro_desktop.domain.errors import ValidationError
    from iro_desktop.domain.roles import Role

    if not location.is_server:
        print(
            "first-admin is for a team database; a new SQLite store asks for its first account.",
            file=sys.stderr,
        )
        return 2
    password = new_password(who=args.username)
    if password is None:
        print("The two passwords differ. Nothing was changed.", file=sys.stderr)
        return 1
    store, services = open_services(location)
    try:
        services.accounts.create_first_admin(args.username, args.name, password, Role(args.role))
    except ValidationError as refused:
        for problem in refused.problems:
            print(problem.message, file=sys.stderr)
        return 1
    finally:
        store.close()
    print(f"{args.username} is the team database's first administrator; they add the others.")
    return 0


def run_migrate(args: argparse.Namespace, location: StoreLocation) -> int:
    import sys

    from iro_desktop.store import server_admin

    if not location.is_server:
        print(
            "admin migrate is for a team database on a PostgreSQL server (--database-url or "
            "team-store.toml); an SQLite store on this computer is upgraded when it is opened.",
            file=sys.stderr,
        )
        return 2
    done = server_admin.migrate(location, args.app_role, backup=not args.no_backup)
    if done.before == done.after:
        print(f"The team database is up to date (schema {done.after}).")
    else:
        print(f"The team database was upgraded from schema {done.before or 'none'} to {done.after}.")
    if done.backup is not None:
        print(f"Backup made first: {done.backup}")
    if args.app_role:
        print(f"Role {args.app_role} may use it (records read and written, the audit trail appended to).")
    return 0
