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
import json
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
SSL_MODES = ("disable", "allow", "prefer", "require", "verify-ca", "verify-full")
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


def read_settings(path: Path) -> dict[str, str] | None:
    """The `[postgresql]` table of the settings file `path`, checked (no password, only libpq's names);
    None when there is no such file."""
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
    return _checked(settings, f"The settings file {path}")


def _checked(settings: Mapping[str, Any], what: str) -> dict[str, str]:
    """The settings as strings, refused when they hold a password or a name libpq's settings lack."""
    if "password" in settings or any("password=" in str(v).replace(" ", "") for v in settings.values()):
        raise ServerSettingsRefused(f"{what} holds a password. " + PASSWORD_ADVICE)
    unknown = sorted(set(settings) - SETTINGS_KEYS)
    if unknown:
        raise ServerSettingsRefused(
            f"{what} has settings IRO Desktop does not know: {', '.join(unknown)}. "
            f"Use only: {', '.join(sorted(SETTINGS_KEYS))}."
        )
    return {key: str(value) for key, value in settings.items()}


def url_from_settings(path: Path, environ: Mapping[str, str] | None = None) -> str | None:
    """The server URL the settings file `path` describes; None when there is no such file."""
    settings = read_settings(path)
    return None if settings is None else url_of(settings, environ)


def url_of(settings: Mapping[str, str], environ: Mapping[str, str] | None = None) -> str:
    """The server URL for checked settings (a service, or host, port, dbname, user, TLS)."""
    values: dict[str, Any] = dict(settings)
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


def settings_problems(settings: Mapping[str, str]) -> list[tuple[str, str]]:
    """(field, message) for what the settings lack or get wrong, before anything is written."""
    problems: list[tuple[str, str]] = []
    if not settings.get("service") and not (settings.get("host") and settings.get("dbname")):
        problems.append(
            ("service", "Name a service from pg_service.conf, or the server's host and database.")
        )
    port = settings.get("port", "")
    if port and not (port.isdigit() and 0 < int(port) < 65536):
        problems.append(("port", "The port is a number from 1 to 65535 (usually 5432)."))
    mode = settings.get("sslmode", "")
    if mode and mode not in SSL_MODES:
        problems.append(("sslmode", f"The TLS mode is one of: {', '.join(SSL_MODES)}."))
    return problems


def write_settings(path: Path, settings: Mapping[str, str]) -> None:
    """Write `team-store.toml` (`[postgresql]`, the settings given, empty ones left out): refused, like
    the reader, when it would hold a password or a name libpq's settings lack; written whole or not at all
    (a temporary file beside it, then renamed), readable by this account only."""
    values = _checked({k: v.strip() for k, v in settings.items() if v and v.strip()}, "These settings")
    problems = settings_problems(values)
    if problems:
        raise ServerSettingsRefused(" ".join(message for _field, message in problems))
    lines = [
        "# The team server IRO Desktop connects to (docs/deployment.md). No password here: .pgpass.",
        "[postgresql]",
    ]
    lines += [f"{key} = {json.dumps(values[key], ensure_ascii=False)}" for key in sorted(values)]
    text = "\n".join(lines) + "\n"
    tomllib.loads(text)  # what is written reads back
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_name(path.name + ".partial")
    try:
        fd = os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(fd, "w", encoding="utf-8") as out:
            out.write(text)
        os.replace(partial, path)
    except OSError as exc:
        partial.unlink(missing_ok=True)
        raise ServerSettingsRefused(f"The settings file {path} cannot be written ({exc.strerror}).") from exc


def remove_settings(path: Path) -> bool:
    """Remove `team-store.toml` (this computer's own records are used at the next start); False if none."""
    try:
        path.unlink()
    except FileNotFoundError:
        return False
    except OSError as exc:
        raise ServerSettingsRefused(f"The settings file {path} cannot be removed ({exc.strerror}).") from exc
    return True


def passfile(settings: Mapping[str, str] | None = None, environ: Mapping[str, str] | None = None) -> Path:
    """Where libpq looks for the password: the settings' `passfile`, PGPASSFILE, else the account's own
    .pgpass (%APPDATA%\\postgresql\\pgpass.conf on Windows)."""
    env = os.environ if environ is None else environ
    if settings and settings.get("passfile"):
        return Path(settings["passfile"]).expanduser()
    if env.get("PGPASSFILE"):
        return Path(env["PGPASSFILE"]).expanduser()
    if os.name == "nt":
        return Path(env.get("APPDATA", str(Path.home()))) / "postgresql" / "pgpass.conf"
    return Path.home() / ".pgpass"


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


class ServerPasswordRefused(StoreError):
    title = "The team server refused the password"


# How libpq and the server say a password was wrong or missing (SQLSTATE 28P01, or before any is sent).
_PASSWORD_SIGNS = ("password authentication failed", "no password supplied", "28P01")


def check_server(
    settings: Mapping[str, str], data_dir: Path, environ: Mapping[str, str] | None = None
) -> tuple[str, str]:
    """Connect as a desktop would (never migrating): (the role, the database) when the team database is
    there at this version's schema. Otherwise the store's own StoreError (can't be reached, no records
    yet, older or newer schema), or ServerPasswordRefused saying where the password is looked for."""
    from iro_desktop.store.location import StoreLocation
    from iro_desktop.store.opening import open_store

    values = _checked(settings, "These settings")
    url = url_of(values, environ)
    try:
        store = open_store(StoreLocation(data_dir=data_dir, url=url))
    except StoreError as exc:
        if _says_password(exc):
            who = values.get("user") or "the service names"
            raise ServerPasswordRefused(
                f"The team server did not accept a password for the user {who}: the one in "
                f"{passfile(values, environ)} is wrong or missing (a line host:port:dbname:user:password, "
                "readable by you only). Correct it there; IRO Desktop never takes the password. Nothing was "
                "changed."
            ) from exc
        raise
    try:
        with store.engine.connect() as conn:
            role, database = conn.exec_driver_sql("SELECT current_user, current_database()").one()
    finally:
        store.close()
    return str(role), str(database)


def _says_password(exc: BaseException) -> bool:
    seen: BaseException | None = exc
    for _ in range(6):  # the error and what caused it
        if seen is None:
            return False
        text = f"{seen} {getattr(seen, 'sqlstate', '') or ''}"
        if any(sign in text for sign in _PASSWORD_SIGNS):
            return True
        seen = seen.__cause__ or seen.__context__
    return False
