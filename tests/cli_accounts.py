"""The command line signs in (issue 13/15): accounts for a test's store and the environment to use them."""

from __future__ import annotations

from pathlib import Path

import pytest

from iro_desktop.cli.session import PASSWORD_ENV, USER_ENV
from iro_desktop.domain.roles import Role
from iro_desktop.services.demo_accounts import DEMO_ACCOUNTS

PASSWORD = "correct horse battery"
DEMO_PASSWORDS = {username: password for username, _name, password, _role in DEMO_ACCOUNTS}


def add_account(data_dir: Path | str, username: str, role: Role = Role.CHAIR, *, admin: bool = True) -> None:
    """An account in the store in `data_dir` (the first one is its administrator), password PASSWORD."""
    from iro_desktop.app import open_services
    from iro_desktop.services.context import SYSTEM_USER
    from iro_desktop.store.location import resolve_location

    store, services = open_services(resolve_location(Path(data_dir), environ={}))
    try:
        services.ctx.session.user = SYSTEM_USER
        if services.accounts.needs_first_admin():
            assert admin, "the first account is always an administrator"
            services.accounts.create_first_admin(username, username.title(), PASSWORD, role)
        else:
            services.accounts.add_user(SYSTEM_USER, username, username.title(), PASSWORD, role)
    finally:
        store.close()


def sign_in_env(username: str, password: str | None = None) -> dict[str, str]:
    """The environment that signs the command line in as `username` (a demo account's own password)."""
    return {USER_ENV: username, PASSWORD_ENV: password or DEMO_PASSWORDS.get(username, PASSWORD)}


def act_as(monkeypatch: pytest.MonkeyPatch, username: str, password: str | None = None) -> None:
    for key, value in sign_in_env(username, password).items():
        monkeypatch.setenv(key, value)
