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
    """An account in the store in `data_dir` (the first one is its administrator), password PASSWORD.
    A new folder gets an encrypted store (issue 15); an encrypted one is opened with its data key."""
    from iro_desktop.app import open_services
    from iro_desktop.services import sign_in
    from iro_desktop.services.context import SYSTEM_USER, ServiceContext
    from iro_desktop.services.registry import Services
    from iro_desktop.services.store_keys import StoreKeys
    from iro_desktop.store.key_file import key_file_path, read_key_file
    from iro_desktop.store.location import resolve_location
    from iro_desktop.store.opening import open_store
    from tests.store_files import data_key

    location = resolve_location(Path(data_dir), environ={})
    if not sign_in.records_exist(location):
        assert admin, "the first account is always an administrator"
        sign_in.set_up(location, username, username.title(), PASSWORD, role).close()
        return
    if not sign_in.is_encrypted(location):
        store, services = open_services(location)
    else:
        assert location.sqlite_path is not None
        store = open_store(location, key=data_key(location.sqlite_path))
        keys_path = key_file_path(location.sqlite_path)
        vault = StoreKeys(keys_path, read_key_file(keys_path), store)
        services = Services.build(ServiceContext(uow=store.uow, keys=vault))
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
