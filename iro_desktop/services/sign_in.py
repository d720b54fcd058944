"""Opening the records by signing in (issue 15): what the GUI's sign-in and the command line call.

`sign_in` reads the key file first (the accounts table is inside the encrypted store), unwraps the data
key with the password, opens the store with it and checks the account inside; `set_up` creates a new
encrypted store with its first administrator; `recover` opens a store with the recovery key and gives
an administrator a new password. A plain store of the previous version is encrypted first
(store.conversion). Every failure is a clear error and leaves every file as it was.

Loading is lazy: SQLAlchemy and the store's modules are imported only once a password was entered.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from iro_desktop.domain.errors import EnvironmentProblem, Problem, ValidationError
from iro_desktop.domain.roles import Role, User

if TYPE_CHECKING:
    from iro_desktop.services.registry import Services
    from iro_desktop.services.store_keys import StoreKeys
    from iro_desktop.store.conversion import Converted
    from iro_desktop.store.key_file import KeyFile
    from iro_desktop.store.location import StoreLocation
    from iro_desktop.store.opening import Store

log = logging.getLogger(__name__)


class NoRecordsYet(EnvironmentProblem):
    """Signing in where there are no records: the first administrator has to set them up."""

    title = "There are no records here yet"


class RecoveryRefused(ValidationError):
    """The recovery key does not open these records."""


@dataclass
class Opened:
    """An open store with its services, and the account signed in. `recovery_key` is set when a new
    recovery key was made (at set-up, or an administrator's first sign-in after conversion): show it
    once, it is not kept anywhere in the clear."""

    store: Store
    services: Services
    user: User
    recovery_key: str | None = None
    converted: Converted | None = None

    def close(self) -> None:
        if self.services.outage is not None:  # issue 16 item 4: the account's outage journal
            self.services.outage.journal.close()
        self.store.close()


def records_exist(location: StoreLocation) -> bool:
    """Whether there is a store to sign in to (else the first run sets one up). Reads no records."""
    from iro_desktop.store.key_file import key_file_path

    path = location.sqlite_path
    if path is None:
        return True
    return key_file_path(path).exists() or (path.exists() and path.stat().st_size > 0)


def is_encrypted(location: StoreLocation) -> bool:
    """Whether the records file is (to be opened as) an encrypted store: it has a key file, or is not
    a plain SQLite file. A plain store of the previous version is not, until it is converted."""
    from iro_desktop.store.cipher import is_plain_sqlite
    from iro_desktop.store.key_file import key_file_path

    path = location.sqlite_path
    if path is None or not path.exists():
        return False
    return key_file_path(path).exists() or not is_plain_sqlite(path)


def check_openable(location: StoreLocation) -> None:
    """Before anyone types a password: a records file that no password could open is told at once
    (damaged, or encrypted without its key file, or a damaged key file). Reads no records."""
    from iro_desktop.store import conversion
    from iro_desktop.store.cipher import is_plain_sqlite
    from iro_desktop.store.errors import key_file_missing, store_corrupt, store_empty
    from iro_desktop.store.key_file import key_file_path, read_key_file

    path = location.sqlite_path
    if path is not None and path.exists() and not path.stat().st_size:
        raise store_empty(path)
    if path is None or not path.exists() or conversion.needs_conversion(path):
        return
    keys_path = key_file_path(path)
    if keys_path.exists():
        read_key_file(keys_path)  # a damaged key file says so
        return
    if is_plain_sqlite(path) or path.stat().st_size % ENCRYPTED_PAGE_SIZE:
        raise store_corrupt()  # not an encrypted store (its size is whole pages), nor a usable plain one
    raise key_file_missing(path.parent)


ENCRYPTED_PAGE_SIZE = 4096  # SQLCipher 4's default page size: an encrypted file is whole pages


def sign_in(
    location: StoreLocation, username: str, password: str, today: Callable[[], date] = date.today
) -> Opened:
    """Unwrap the data key with this account's password and open the store as that account. A wrong
    username or password raises SignInFailed; a missing or damaged key file a clear StoreError."""
    from iro_desktop.services.accounts import SignInFailed
    from iro_desktop.store.cipher import DataKey
    from iro_desktop.store.opening import open_store

    path = location.sqlite_path
    if path is None:  # the team store: the server keeps its files; passwords checked by their hash
        store = open_store(location)
        services = _services(store, None, today)
        return _signed_in(store, services, lambda: services.accounts.sign_in(username, password))
    check_openable(location)
    converted = _convert_if_plain(location)
    keys_path, keys = _read_keys(location, path)
    from iro_desktop.services.store_keys import unwrap_account

    unlocked = unwrap_account(keys, username, password)
    if unlocked is None:
        log.info("Sign-in refused before opening the store")  # no username in the log
        raise SignInFailed([Problem("password", "That username and password do not match.")])
    store = open_store(location, key=DataKey(unlocked.data_key))
    vault = _vault(keys_path, keys, store)
    services = _services(store, vault, today)
    opened = _signed_in(
        store, services, lambda: services.accounts.sign_in_unlocked(username, password, unlocked)
    )
    opened.converted = converted
    if opened.user.is_admin and not vault.has_recovery:  # converted store: its recovery key, once
        opened.recovery_key = vault.new_recovery()
    return opened


def set_up(
    location: StoreLocation,
    username: str,
    display_name: str,
    password: str,
    role: Role,
    today: Callable[[], date] = date.today,
) -> Opened:
    """First run: a new encrypted store, its key file and first administrator (signed in), and the
    recovery key to show once. Refused where records or a key file already exist."""
    from iro_desktop.services.passwords import password_problems
    from iro_desktop.services.store_keys import new_key_file
    from iro_desktop.store.cipher import DataKey
    from iro_desktop.store.key_file import key_file_path
    from iro_desktop.store.opening import open_store

    problems = password_problems(password)
    if not username.strip():
        problems.append(Problem("username", "Enter a username."))
    if not display_name.strip():
        problems.append(Problem("display_name", "Enter the name shown on records."))
    if problems:
        raise ValidationError(problems)
    path = location.sqlite_path
    if path is None:
        store = open_store(location)
        services = _services(store, None, today)
        return _signed_in(
            store, services, lambda: _first_admin(services, username, display_name, password, role)
        )
    from iro_desktop.store.errors import StoreError

    if records_exist(location):
        raise StoreError(
            "There are records here already (or a key file for them), so no new records are set up over "
            "them. Sign in instead, or choose another data folder. Nothing was changed."
        )
    keys_path = key_file_path(path)
    store = open_store(location, key=DataKey.generate())
    try:
        vault = _vault(keys_path, new_key_file(), store)
        services = _services(store, vault, today)
        user = _first_admin(services, username, display_name, password, role)
        recovery = vault.new_recovery()
    except BaseException:
        store.close()
        _remove_new_store(path)
        raise
    services.ctx.session.user = user
    return Opened(store, services, user, recovery)


def recover(
    location: StoreLocation,
    recovery_key: str,
    username: str,
    new_password: str,
    today: Callable[[], date] = date.today,
) -> Opened:
    """Every password lost: the recovery key unwraps the data key; the administrator `username` gets
    `new_password` (a new copy in the key file) and is signed in."""
    from iro_desktop.services.passwords import password_problems
    from iro_desktop.services.store_keys import unwrap_recovery
    from iro_desktop.store.cipher import DataKey
    from iro_desktop.store.opening import open_store

    path = location.sqlite_path
    if path is None:
        raise ValidationError(
            [Problem("recovery_key", "The team store has no recovery key: ask its administrator.")]
        )
    if password_problems(new_password):
        raise ValidationError(password_problems(new_password))
    _convert_if_plain(location)
    keys_path, keys = _read_keys(location, path)
    data_key = unwrap_recovery(keys, recovery_key)
    if data_key is None:
        raise RecoveryRefused([Problem("recovery_key", "That recovery key does not open these records.")])
    store = open_store(location, key=DataKey(data_key))
    try:
        vault = _vault(keys_path, keys, store)
        services = _services(store, vault, today)
        services.accounts.recover_admin(username, new_password)
        unlocked = vault.unwrap(username, new_password)
        user = services.accounts.sign_in_unlocked(username, new_password, unlocked)
    except BaseException:
        store.close()
        raise
    services.ctx.session.user = user
    return Opened(store, services, user)


def _first_admin(services: Services, username: str, display_name: str, password: str, role: Role) -> User:
    services.accounts.create_first_admin(username, display_name, password, role)
    return services.accounts.sign_in(username, password)


def _signed_in(store: Store, services: Services, action: Callable[[], User]) -> Opened:
    try:
        user = action()
    except BaseException:
        store.close()
        raise
    services.ctx.session.user = user
    return Opened(store, services, user)


def _services(store: Store, vault: StoreKeys | None, today: Callable[[], date]) -> Services:
    from iro_desktop.services.context import ServiceContext
    from iro_desktop.services.registry import Services

    return Services.build(ServiceContext(uow=store.uow, today=today, keys=vault))


def _vault(keys_path: Path, keys: object, store: Store) -> StoreKeys:
    from iro_desktop.services.store_keys import StoreKeys

    return StoreKeys(keys_path, keys, store)  # type: ignore[arg-type]


def _read_keys(location: StoreLocation, path: Path) -> tuple[Path, KeyFile]:
    from iro_desktop.store.errors import StoreError
    from iro_desktop.store.key_file import key_file_path, read_key_file

    keys_path = key_file_path(path)
    if not keys_path.exists() and not (path.exists() and path.stat().st_size):
        raise NoRecordsYet(
            "There are no records in this data folder yet. Open the app to set up the first "
            "administrator (or load the demo into an empty folder with `iro-desktop demo`)."
        )
    if keys_path.exists() and not path.exists():
        raise StoreError(
            f"The records file is not in {path.parent}, though its key file is. Nothing was changed. Put "
            "the records file back, or restore it from the backups folder."
        )
    return keys_path, read_key_file(keys_path)


def _convert_if_plain(location: StoreLocation) -> Converted | None:
    """A plain store of the previous version is encrypted before anyone signs in (under the instance
    lock): every account keeps its password; the recovery key is made at an administrator's sign-in."""
    from iro_desktop.store import conversion
    from iro_desktop.store.opening import acquire_instance_lock

    path = location.sqlite_path
    if not conversion.needs_conversion(path):
        return None
    assert path is not None
    lock = acquire_instance_lock(location.data_dir)
    try:
        return convert_plain_store(location)
    finally:
        lock.release()


def convert_plain_store(
    location: StoreLocation, step: Callable[[str], None] = lambda _name: None
) -> Converted:
    """Encrypt the plain store (see store.conversion), giving each account a copy of the new data key
    that its existing password opens. `step` is told each stage (tests interrupt it there)."""
    from iro_desktop.services.store_keys import new_key_file, seal_with_hash
    from iro_desktop.store import conversion
    from iro_desktop.store.cipher import DataKey
    from iro_desktop.store.key_file import key_file_path, write_key_file

    path = location.sqlite_path
    assert path is not None
    accounts = conversion.plain_accounts(path)
    key = DataKey.generate()
    keys = new_key_file()
    for account in accounts:
        if not account.active:
            continue
        entry = seal_with_hash(keys, account.account_id, account.username, account.password_hash, key.raw())
        if entry is not None:
            keys = keys.with_account(entry)
    try:
        return conversion.convert(
            path, key, location.backups_dir, lambda: write_key_file(key_file_path(path), keys), step=step
        )
    finally:
        key.wipe()


def _remove_new_store(path: Path) -> None:
    from iro_desktop.store.key_file import key_file_path

    for suffix in ("", "-wal", "-shm", "-journal"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)
    key_file_path(path).unlink(missing_ok=True)


def open_for_check(location: StoreLocation, username: str, password: str) -> tuple[Store, list[str]]:
    """`iro-desktop check`: any account's password unwraps the key; the store is opened without
    migrating and without reading the accounts (they may be what is damaged). Also the key file's own
    problems. A plain store of the previous version is checked as it is (it is encrypted at sign-in)."""
    from iro_desktop.services.accounts import SignInFailed
    from iro_desktop.services.store_keys import unwrap_account
    from iro_desktop.store import conversion
    from iro_desktop.store.cipher import DataKey
    from iro_desktop.store.opening import open_store

    path = location.sqlite_path
    if path is None or conversion.needs_conversion(path) or not is_encrypted(location):
        return open_store(location, migrate=False), []
    _keys_path, keys = _read_keys(location, path)
    unlocked = unwrap_account(keys, username, password)
    if unlocked is None:
        raise SignInFailed([Problem("password", "That username and password do not match.")])
    store = open_store(location, migrate=False, key=DataKey(unlocked.data_key))
    try:
        problems = _key_file_problems(store, keys)
    except BaseException:
        store.close()
        raise
    return store, problems


def _key_file_problems(store: Store, keys: object) -> list[str]:
    """Accounts that can sign in but have no copy of the key, copies for no account, no recovery copy."""
    from iro_desktop.store.account_repository import all_accounts

    problems: list[str] = []
    try:
        with store.uow() as uow:
            accounts = {row.id: row.active for row in all_accounts(uow.session)}
    except Exception:  # noqa: BLE001 - the integrity check reports a damaged accounts table
        return problems
    entries = {e.account_id for e in keys.accounts}  # type: ignore[attr-defined]
    for account_id, active in accounts.items():
        if active and account_id not in entries:
            problems.append(f"key file: account {account_id} has no copy of the key (it cannot sign in)")
    for account_id in sorted(entries - set(accounts)):
        problems.append(f"key file: a copy of the key for an unknown account {account_id}")
    if keys.recovery is None:  # type: ignore[attr-defined]
        problems.append("key file: there is no recovery key (an administrator's next sign-in makes one)")
    return problems
