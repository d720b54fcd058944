"""`iro-desktop keys`: the signing keys a store knows (issue 13). `keys list` prints each account's
public key; an administrator of another store adds one with `keys trust`, so that store accepts that
chair's approvals in conference files."""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from iro_desktop.store.location import StoreLocation


def add_parser(sub: argparse._SubParsersAction) -> None:
    parser = sub.add_parser("keys", help="signing keys: list them, or trust another store's account's key")
    keys = parser.add_subparsers(dest="keys_command", metavar="KEYS_COMMAND", required=True)
    keys.add_parser(
        "list", help="every signing key this store knows (its accounts' and trusted ones)"
    ).set_defaults(handler=run_list)
    trust = keys.add_parser(
        "trust", help="trust another store's account's public key (as `keys list` shows it)"
    )
    trust.add_argument("--user-id", required=True, help="the account's id in its own store")
    trust.add_argument("--username", default="", help="the account's username there")
    trust.add_argument("--name", required=True, help="the name shown on records, e.g. Priya Raman")
    trust.add_argument("--role", default="chair", choices=("chair", "clerk", "manager"))
    trust.add_argument("--public-key", required=True, help="64 hexadecimal characters")
    trust.set_defaults(handler=run_trust)


def run_trust(args: argparse.Namespace, location: StoreLocation) -> int:
    from iro_desktop.cli.session import open_signed_in
    from iro_desktop.domain.errors import ValidationError
    from iro_desktop.domain.roles import Role
    from iro_desktop.services.approval_signing import SigningKeyService

    store, services = open_signed_in(location, args)  # an administrator of this store
    try:
        signing = SigningKeyService(services.ctx)
        try:
            key = signing.trust(args.user_id, args.username, args.name, Role(args.role), args.public_key)
        except ValidationError as problem:
            print(problem)
            return 1
        print(f"Trusted the key of {key.display_name} ({key.role.value}).")
        return 0
    finally:
        store.close()


def run_list(args: argparse.Namespace, location: StoreLocation) -> int:
    from iro_desktop.cli.session import open_signed_in
    from iro_desktop.services.approval_signing import SigningKeyService

    store, services = open_signed_in(location, args)
    try:
        for key in SigningKeyService(services.ctx).known():
            where = "this store" if key.local else "trusted"
            print(f"{key.display_name}\t{key.role.value}\tuser id {key.user_id}\t{key.public_key}\t{where}")
        return 0
    finally:
        store.close()
