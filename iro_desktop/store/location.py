"""Where the records live: the platform's user data folder, or a folder or URL the user chose."""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

DATA_DIR_ENV = "IRO_DESKTOP_DATA_DIR"
DATABASE_URL_ENV = "IRO_DESKTOP_DATABASE_URL"
DB_FILENAME = "iro-desktop.sqlite3"


def default_data_dir() -> Path:
    """The platform's per-user data folder (platformdirs)."""
    from platformdirs import user_data_path

    return user_data_path("IRO Desktop", appauthor=False, roaming=False)


@dataclass(frozen=True)
class StoreLocation:
    """A data folder (logs, backups, lock) and a database URL (an SQLite file in it by default)."""

    data_dir: Path
    url: str

    @property
    def sqlite_path(self) -> Path | None:
        """The SQLite file, or None for a server database."""
        prefix = "sqlite:///"
        if self.url.startswith(prefix) and ":memory:" not in self.url:
            return Path(self.url[len(prefix) :])
        return None

    @property
    def backups_dir(self) -> Path:
        return self.data_dir / "backups"

    @property
    def logs_dir(self) -> Path:
        return self.data_dir / "logs"

    @property
    def is_server(self) -> bool:
        """A database on a server (PostgreSQL), shared by many desktops."""
        return self.url.startswith("postgresql")

    def describe(self) -> str:
        """Where the records are, for the About box (no credentials)."""
        path = self.sqlite_path
        if path is not None:
            return str(path)
        scheme, _, rest = self.url.partition("://")
        return f"{scheme}://{rest.rpartition('@')[2]}"


def resolve_location(
    data_dir: str | os.PathLike[str] | None = None,
    database_url: str | None = None,
    environ: Mapping[str, str] | None = None,
) -> StoreLocation:
    """Command-line options win over environment variables, which win over the team server's settings
    file in the data folder (`team-store.toml`), which wins over SQLite in the data folder. A server URL
    is checked and completed (store.server_connection: no password, TLS for a remote host)."""
    from iro_desktop.store import server_connection

    env = os.environ if environ is None else environ
    folder = data_dir or env.get(DATA_DIR_ENV) or default_data_dir()
    folder_path = Path(folder).expanduser().resolve()
    url = (
        database_url
        or env.get(DATABASE_URL_ENV)
        or server_connection.url_from_settings(folder_path / server_connection.SETTINGS_FILENAME, env)
        or f"sqlite:///{folder_path / DB_FILENAME}"
    )
    if server_connection.is_server_url(url):
        url = server_connection.server_url(url, env)
    return StoreLocation(data_dir=folder_path, url=url)
