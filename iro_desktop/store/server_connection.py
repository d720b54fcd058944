"""Where a team store on a PostgreSQL server is, and how to reach it safely (issue 16 item 1).

The connection comes from `--database-url`/`IRO_DESKTOP_DATABASE_URL`, or from the settings file
`team-store.toml` in the data folder (`[postgresql]`: a `service` from `pg_service.conf`, or host, port,
dbname, user and TLS settings). The password is never given here: libpq finds it in `.pgpass` (or the file
`PGPASSFILE` or the service's `passfile` names), so it is never on a command line, in the environment or in
a settings file; a URL or file that carries one is refused with a message saying where it belongs.

TLS: for a host that is not this computer, `sslmode=require` is added unless the URL, the settings file,
the service or `PGSSLMODE` already chooses (for example `verify-full` with the council's CA).

A network that vanishes without a word (a laptop's Wi-Fi gone, a VPN dropped: no reset ever arrives):
without more, a save in flight waits for the operating system's TCP timeout, many minutes of "Saving…".
So every connection to a server gets a `connect_timeout`, and one to a server that is not this computer
also gets TCP keepalives and a `tcp_user_timeout` (`NETWORK_DEFAULTS`): a dead link is noticed within
about 25 seconds, whether a statement is on its way or the desktop is waiting for the answer, and the
save is then kept and retried as for a server that went away. Each is libpq's own setting, so the URL,
the settings file or the service can choose another value; what they choose is left as it is.
"""

from __future__ import annotations

import configparser
import os
import tomllib
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from sqlalchemy.engine import URL, make_url
from sqlalchemy.exc import ArgumentError

from iro_desktop.store.errors import StoreError

SETTINGS_FILENAME = "team-store.toml"
DRIVER = "postgresql+psycopg"
LOCAL_HOSTS = frozenset({"", "localhost", "127.0.0.1", "::1"})
# What the settings file's [postgresql] table may hold (libpq's own names).
SETTINGS_KEYS = frozenset(
    {
        "service",
        "host",
        "port",
        "dbname",
        "user",
        "sslmode",
        "sslrootcert",
        "sslcert",
        "sslkey",
        "passfile",
        "connect_timeout",
        "keepalives",
        "keepalives_idle",
        "keepalives_interval",
        "keepalives_count",
        "tcp_user_timeout",
        "application_name",
        "target_session_attrs",
    }
)
# Seconds libpq waits for a connection to be made (for each of the server's addresses).
CONNECT_TIMEOUT_S = 10
# For a server that is not this computer (libpq's names and units: seconds; tcp_user_timeout in ms).
REMOTE_DEFAULTS = {
    "keepalives": "1",
    "keepalives_idle": "10",  # a probe after 10 s of silence while waiting for an answer
    "keepalives_interval": "5",
    "keepalives_count": "3",  # three unanswered probes: the link is gone (10 + 3 × 5 s)
    "tcp_user_timeout": "20000",  # sent data not acknowledged for 20 s: the link is gone
}
PASSWORD_ADVICE = (
    "Put the password in the .pgpass file of the account that runs IRO Desktop (readable by that account "
    "only), or in the file PGPASSFILE names, and leave it out here. Nothing was opened."
)


class ServerSettingsRefused(StoreError):
    title = "The team server's settings cannot be used"


def is_server_url(url: str) -> bool:
    return url.split(":", 1)[0].split("+", 1)[0] in {"postgresql", "postgres"}


def server_url(raw: str, environ: Mapping[str, str] | None = None) -> str:
    """A PostgreSQL URL made ready to open: the psycopg driver, no password, TLS for a remote host."""
    env = os.environ if environ is None else environ
    try:
        url = make_url(raw.replace("postgres://", "postgresql://", 1))
    except ArgumentError as exc:
        raise ServerSettingsRefused(f"The database URL is not one IRO Desktop can read ({exc}).") from exc
    query = {key: str(value) for key, value in url.query.items()}
    if url.password is not None or "password" in query:
        raise ServerSettingsRefused("The database URL carries a password. " + PASSWORD_ADVICE)
    if "sslmode" not in query and _needs_tls(url.host or query.get("host", ""), query.get("service"), env):
        query["sslmode"] = "require"
    return url.set(drivername=DRIVER, query=query).render_as_string(hide_password=False)


def url_from_settings(path: Path, environ: Mapping[str, str] | None = None) -> str | None:
    """The server URL the settings file `path` describes; None when there is no such file."""
    if not path.is_file():  # none here (or the data folder is not a folder: opening says so)
        return None
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise ServerSettingsRefused(f"The settings file {path} cannot be read ({exc.strerror}).") from exc
    try:
        settings = tomllib.loads(text).get("postgresql")
    except tomllib.TOMLDecodeError as exc:
        raise ServerSettingsRefused(f"The settings file {path} is not valid TOML: {exc}.") from exc
    if not isinstance(settings, dict) or not settings:
        raise ServerSettingsRefused(
            f"The settings file {path} has no [postgresql] table (a service, or host and dbname)."
        )
    if "password" in settings:
        raise ServerSettingsRefused(f"The settings file {path} holds a password. " + PASSWORD_ADVICE)
    unknown = sorted(set(settings) - SETTINGS_KEYS)
    if unknown:
        raise ServerSettingsRefused(
            f"The settings file {path} has settings IRO Desktop does not know: {', '.join(unknown)}. "
            f"Use only: {', '.join(sorted(SETTINGS_KEYS))}."
        )
    values: dict[str, Any] = {key: str(value) for key, value in settings.items()}
    port = values.pop("port", None)
    url = URL.create(
        DRIVER,
        username=values.pop("user", None),
        host=values.pop("host", None) if not str(values.get("host", "")).startswith("/") else None,
        port=int(port) if port else None,
        database=values.pop("dbname", None),
        query=values,
    )
    return server_url(url.render_as_string(hide_password=False), environ)


def network_defaults(raw: str, environ: Mapping[str, str] | None = None) -> str:
    """`raw` (a server URL as `server_url` made it) with the timeouts that notice a vanished network
    added, where neither it, its service nor the environment chose them (the engine's URL: the store's,
    its listener's and pg_dump's connections all have them)."""
    env = os.environ if environ is None else environ
    url = make_url(raw)
    query = {key: str(value) for key, value in url.query.items()}
    entry = _service_entry(query["service"], env) if query.get("service") else {}
    chosen = set(query) | set(entry)
    wanted: dict[str, str] = {}
    if "connect_timeout" not in chosen and not env.get("PGCONNECT_TIMEOUT"):
        wanted["connect_timeout"] = str(CONNECT_TIMEOUT_S)
    if _is_remote(url.host or query.get("host", "") or entry.get("host", ""), env):
        wanted |= {key: value for key, value in REMOTE_DEFAULTS.items() if key not in chosen}
    if not wanted:
        return raw
    return url.set(query={**query, **wanted}).render_as_string(hide_password=False)


def _needs_tls(host: str, service: str | None, env: Mapping[str, str]) -> bool:
    """Whether the connection leaves this computer with nothing choosing its TLS mode yet."""
    if env.get("PGSSLMODE"):
        return False
    if service:
        entry = _service_entry(service, env)
        if "sslmode" in entry:
            return False
        host = host or entry.get("host", "")
    return _is_remote(host, env)


def _is_remote(host: str, env: Mapping[str, str]) -> bool:
    """Whether `host` (libpq's: a comma-separated list; empty: PGHOST's, else the local socket) is not
    this computer."""
    host = host or env.get("PGHOST", "")
    return not all(part.startswith("/") or part in LOCAL_HOSTS for part in host.split(","))


def _service_entry(service: str, env: Mapping[str, str]) -> dict[str, str]:
    """The named service's settings, read from the files libpq reads (the user's file first)."""
    files = [Path(env["PGSERVICEFILE"])] if env.get("PGSERVICEFILE") else [Path.home() / ".pg_service.conf"]
    if env.get("PGSYSCONFDIR"):
        files.append(Path(env["PGSYSCONFDIR"]) / "pg_service.conf")
    files.append(Path("/etc/postgresql-common/pg_service.conf"))
    for file in files:
        parser = configparser.ConfigParser(interpolation=None)
        try:
            parser.read(file, encoding="utf-8")
        except (OSError, configparser.Error):
            continue
        if parser.has_section(service):
            return dict(parser.items(service))
    return {}
