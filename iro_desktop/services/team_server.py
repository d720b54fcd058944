"""Connecting this desktop to a team server from the app (issue 16 item 1): Tools → Team server… reads
and writes `team-store.toml` in the data folder (a service from pg_service.conf, or host, port, database,
user and TLS mode) and tries the connection.

This is the computer's own setting, not a record: it needs no signed-in account or role (the desktop's
account on the server is what the server checks), is not audited (no store holds it), and never
holds a password (libpq reads that from .pgpass; the writer refuses one as the reader does). The app
opens the store it names at its next start."""

from __future__ import annotations

import logging
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from iro_desktop.store import server_connection
from iro_desktop.store.server_connection import SETTINGS_FILENAME

log = logging.getLogger(__name__)

# The fields the screen offers, in its order (the file may hold more of libpq's names: kept as they are).
FIELDS = ("service", "host", "port", "dbname", "user", "sslmode", "sslrootcert")


@dataclass(frozen=True)
class Tried:
    """A connection that worked: as which database role, to which database."""

    role: str
    database: str

    def text(self) -> str:
        return (
            f"✔ Connected to the team database “{self.database}” as {self.role}: its schema is this "
            "version's. Save, then restart IRO Desktop to use it."
        )


def settings_path(data_dir: Path) -> Path:
    return data_dir / SETTINGS_FILENAME


def current(data_dir: Path) -> dict[str, str] | None:
    """What `team-store.toml` holds now (checked as at start-up); None when there is none."""
    return server_connection.read_settings(settings_path(data_dir))


def problems(settings: Mapping[str, str]) -> list[tuple[str, str]]:
    """(field, message) for what is missing or wrong, shown beside the field."""
    return server_connection.settings_problems({k: v.strip() for k, v in settings.items() if v.strip()})


def save(data_dir: Path, settings: Mapping[str, str]) -> Path:
    """Write `team-store.toml`; refused (ServerSettingsRefused) with a password or a problem."""
    path = settings_path(data_dir)
    server_connection.write_settings(path, settings)
    log.info("Team server settings written (%s)", "service" if settings.get("service") else "host")
    return path


def remove(data_dir: Path) -> bool:
    """Back to this computer's own records at the next start."""
    removed = server_connection.remove_settings(settings_path(data_dir))
    if removed:
        log.info("Team server settings removed")
    return removed


def try_connection(data_dir: Path, settings: Mapping[str, str]) -> Tried:
    """Connect as a desktop would; the store's own EnvironmentProblem (can't be reached, the password
    from .pgpass refused, no records yet, an older or newer schema) when it cannot be used."""
    values = {k: v.strip() for k, v in settings.items() if v.strip()}
    found = server_connection.settings_problems(values)
    if found:
        raise server_connection.ServerSettingsRefused(" ".join(message for _f, message in found))
    role, database = server_connection.check_server(values, data_dir)
    return Tried(role, database)


def password_file(settings: Mapping[str, str]) -> Path:
    """Where libpq looks for the password for these settings."""
    return server_connection.passfile({k: v for k, v in settings.items() if v})
