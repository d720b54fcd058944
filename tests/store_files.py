"""Reaching into a store file behind the app's back (tests that damage or inspect it, issue 15): an
encrypted store is opened with the data key unwrapped from its key file by an account's password."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from iro_desktop.services.demo_accounts import DEMO_ACCOUNTS
from iro_desktop.services.store_keys import unwrap_account
from iro_desktop.store.cipher import DataKey, connect, is_plain_sqlite
from iro_desktop.store.key_file import beside, key_file_path, read_key_file
from iro_desktop.store.location import DB_FILENAME

DEMO_CHAIR, _NAME, DEMO_CHAIR_PASSWORD, _ROLE = DEMO_ACCOUNTS[0]
TEST_PASSWORD = "correct horse battery"  # tests.cli_accounts.PASSWORD


def db_path(where: Path | str) -> Path:
    path = Path(where)
    return path / DB_FILENAME if path.is_dir() else path


def data_key(where: Path | str, username: str | None = None, password: str | None = None) -> DataKey:
    """The store's data key, unwrapped as the demo chair (or the account given, or any test account)."""
    path = db_path(where)
    copy_keys = beside(path)  # a backup's own key file, else the store's
    keys = read_key_file(copy_keys if copy_keys.exists() else key_file_path(path))
    tries = [(username, password)] if username else [(DEMO_CHAIR, DEMO_CHAIR_PASSWORD)]
    if not username:
        tries += [(name, TEST_PASSWORD) for name in ("chair", "admin", "priya", "clerk", "manager")]
    for name, secret in tries:
        unlocked = unwrap_account(keys, str(name), str(secret))
        if unlocked is not None:
            return DataKey(unlocked.data_key)
    raise AssertionError("no test account opens this key file")


def raw_connect(
    where: Path | str, username: str | None = None, password: str | None = None, *, read_only: bool = False
) -> Any:
    """A driver connection to the store file: plain sqlite3 for a plain file, SQLCipher keyed otherwise."""
    path = db_path(where)
    if not path.exists() or is_plain_sqlite(path) or not key_file_path(path).exists():
        return connect(path, None, read_only=read_only)
    return connect(path, data_key(path, username, password), read_only=read_only)


def open_keyed(location: Any, **kwargs: Any) -> Any:
    """open_store on a test's store: with its data key when it is encrypted."""
    from iro_desktop.store.opening import open_store

    path = location.sqlite_path
    if path is not None and key_file_path(path).exists():
        kwargs.setdefault("key", data_key(path))
    return open_store(location, **kwargs)


def open_services_any(data_dir: Path | str, today: Any = None) -> tuple[Any, Any]:
    """(store, services) on the store in `data_dir`, plain or encrypted (opened with its data key, its
    key file attached), nobody signed in yet: a test's in-process look at records the CLI made."""
    from datetime import date

    from iro_desktop.app import open_services
    from iro_desktop.services.context import ServiceContext
    from iro_desktop.services.registry import Services
    from iro_desktop.services.store_keys import StoreKeys
    from iro_desktop.store.location import resolve_location
    from iro_desktop.store.opening import open_store

    location = resolve_location(Path(data_dir), environ={})
    path = db_path(location.data_dir)
    if not key_file_path(path).exists():
        return open_services(location, today or date.today)
    store = open_store(location, key=data_key(path))
    vault = StoreKeys(key_file_path(path), read_key_file(key_file_path(path)), store)
    return store, Services.build(ServiceContext(uow=store.uow, today=today or date.today, keys=vault))


def behind_the_apps_back(store: Any, sql: str, **params: Any) -> list[Any]:
    """Run `sql` (named `:params`) on the store's database over a connection of its own, not the app's,
    and commit: what someone with a database tool could do to a plain SQLite file or a server database."""
    from sqlalchemy import create_engine, text

    engine = create_engine(store.location.url)
    try:
        with engine.begin() as conn:
            result = conn.execute(text(sql), params)
            return list(result.all()) if result.returns_rows else []
    finally:
        engine.dispose()
