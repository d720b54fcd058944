"""A throwaway PostgreSQL cluster for the tests (issue 16 item 6).

One cluster per test session, on a private unix socket in its own temporary folder (no TCP port is
opened), started from the server binaries Debian's `postgresql` package installs. initdb refuses to run
as root, so as root (CI) the server runs as the unprivileged `postgres` user the package creates. The
cluster's collation is ICU's en-GB (a real server's, not byte order), so ordering that depends on the
collation shows up here as it would in a council's server.

The schema is migrated once into a template database (made by pytest-postgresql's janitor); every test
gets a fresh copy of it (`CREATE DATABASE ... TEMPLATE` on one kept connection, about 70 ms with the
drop), dropped afterwards with its connections ended.

`IRO_DESKTOP_TEST_POSTGRES=off` leaves the PostgreSQL variants out, each reported as skipped with that
reason; without it a machine with no PostgreSQL server binaries fails them, saying what to install.
"""

from __future__ import annotations

import glob
import itertools
import os
import shutil
import subprocess
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

PG_TEST_ENV = "IRO_DESKTOP_TEST_POSTGRES"
PG_BIN_ENV = "IRO_DESKTOP_PG_BIN"
SUPERUSER = "postgres"
PORT = 5432  # names the socket file only: listen_addresses is empty
TEMPLATE_DB = "iro_template"
SERVER_OPTIONS = (
    "-c listen_addresses='' -c fsync=off -c synchronous_commit=off -c full_page_writes=off "
    "-c max_connections=200 -c log_min_messages=warning"
)
# A server that keeps what it committed through a crash (`Cluster.stop` is -m immediate): the fault tests.
DURABLE_OPTIONS = (
    SERVER_OPTIONS.replace("fsync=off", "fsync=on")
    .replace("synchronous_commit=off", "synchronous_commit=on")
    .replace("full_page_writes=off", "full_page_writes=on")
)
# For measuring (benchmarks/team_load.py): the server's default durability, fsync and synchronous commit on.
DURABLE_SERVER_OPTIONS = "-c listen_addresses='' -c max_connections=200 -c log_min_messages=warning"


def postgres_disabled() -> bool:
    return os.environ.get(PG_TEST_ENV, "").lower() in {"off", "0", "no", "false"}


def server_bin_dir() -> Path:
    """The folder holding pg_ctl and initdb: $IRO_DESKTOP_PG_BIN, else Debian's newest, else PATH's."""
    if os.environ.get(PG_BIN_ENV):
        return Path(os.environ[PG_BIN_ENV])
    found = sorted(
        glob.glob("/usr/lib/postgresql/*/bin/pg_ctl"), key=lambda p: int(Path(p).parts[-3].split(".")[0])
    )
    if found:
        return Path(found[-1]).parent
    on_path = shutil.which("pg_ctl")
    if on_path:
        return Path(on_path).parent
    raise RuntimeError(
        "No PostgreSQL server binaries (pg_ctl, initdb) were found: install Debian's `postgresql` package "
        f"(see the README), point {PG_BIN_ENV} at their folder, or set {PG_TEST_ENV}=off to leave the "
        "PostgreSQL variants of the store and services tests out."
    )


@dataclass
class Cluster:
    """A running server: its folder, socket folder and the way to run its programs."""

    root: Path
    bin_dir: Path
    run_as: tuple[str, ...]
    _admin: Any = field(default=None, repr=False)
    server_options: str = SERVER_OPTIONS

    @property
    def data(self) -> Path:
        return self.root / "data"

    @property
    def socket_dir(self) -> Path:
        return self.root / "socket"

    def url(self, dbname: str, user: str = SUPERUSER) -> str:
        return f"postgresql+psycopg://{user}@/{dbname}?host={self.socket_dir}&port={PORT}"

    def run(self, program: str, *args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [*self.run_as, str(self.bin_dir / program), *args],
            check=True,
            capture_output=True,
            text=True,
            timeout=120,
        )

    def janitor(self, dbname: str, template: str | None = None, as_template: bool = False):  # type: ignore[no-untyped-def]
        from pytest_postgresql.janitor import DatabaseJanitor

        return DatabaseJanitor(
            user=SUPERUSER,
            host=str(self.socket_dir),
            port=PORT,
            dbname=dbname,
            template_dbname=template,
            as_template=as_template,
        )

    def admin(self):  # type: ignore[no-untyped-def]
        """The superuser's connection to the maintenance database, kept for the session."""
        import psycopg

        if self._admin is None or self._admin.closed:
            self._admin = psycopg.connect(
                host=str(self.socket_dir), port=PORT, user=SUPERUSER, dbname="postgres", autocommit=True
            )
        return self._admin

    def start(self) -> None:
        """Start the server (again, after `stop`: the fault tests)."""
        self.run(
            "pg_ctl",
            "start",
            "-w",
            "-D",
            str(self.data),
            "-l",
            str(self.root / "server.log"),
            "-o",
            f"{self.server_options} -p {PORT} -c unix_socket_directories='{self.socket_dir}'",
        )

    def stop(self) -> None:
        """Stop at once (`-m immediate`: every connection cut, as a server going away would)."""
        if self._admin is not None:
            self._admin.close()
        self.run("pg_ctl", "stop", "-D", str(self.data), "-m", "immediate", "-w")


OWNER_FILE = "owner.pid"  # the test run that started the cluster


def stop_abandoned(bin_dir: Path) -> None:
    """Stop and remove the clusters of test runs that were killed before their teardown."""
    for owner in Path(tempfile.gettempdir()).glob(f"iro-pg-*/{OWNER_FILE}"):
        try:
            os.kill(int(owner.read_text()), 0)
            continue  # still running
        except ProcessLookupError:
            pass
        except (ValueError, OSError):
            continue
        root = owner.parent
        run_as = ("runuser", "-u", SUPERUSER, "--") if os.geteuid() == 0 else ()
        remove_cluster(Cluster(root, bin_dir, run_as))


def start_cluster(server_options: str = SERVER_OPTIONS) -> Cluster:
    """initdb and start a cluster in a fresh temporary folder (as `postgres` when run as root)."""
    bin_dir = server_bin_dir()
    stop_abandoned(bin_dir)
    root = Path(tempfile.mkdtemp(prefix="iro-pg-"))
    (root / OWNER_FILE).write_text(str(os.getpid()))
    run_as: tuple[str, ...] = ()
    if os.geteuid() == 0:
        run_as = ("runuser", "-u", SUPERUSER, "--")
        shutil.chown(root, user=SUPERUSER)
    cluster = Cluster(root, bin_dir, run_as, server_options=server_options)
    cluster_mkdir(cluster, cluster.socket_dir)
    cluster.run(
        "initdb",
        "-D",
        str(cluster.data),
        "-U",
        SUPERUSER,
        "-A",
        "trust",
        "-E",
        "UTF8",
        "--locale=C.UTF-8",
        "--locale-provider=icu",
        "--icu-locale=en-GB",
        "--no-sync",
    )
    cluster.start()
    return cluster


def cluster_mkdir(cluster: Cluster, path: Path) -> None:
    path.mkdir(mode=0o700)
    if cluster.run_as:
        shutil.chown(path, user=SUPERUSER)


def remove_cluster(cluster: Cluster) -> None:
    try:
        if (cluster.data / "postmaster.pid").exists():
            cluster.stop()
    finally:
        shutil.rmtree(cluster.root, ignore_errors=True)


def migrated_template(cluster: Cluster, data_dir: Path) -> str:
    """Create the template database and migrate it to head as its administrator would
    (`iro-desktop admin migrate`)."""
    from iro_desktop.store import server_admin
    from iro_desktop.store.location import StoreLocation

    cluster.janitor(TEMPLATE_DB, as_template=True).init()
    server_admin.migrate(StoreLocation(data_dir=data_dir, url=cluster.url(TEMPLATE_DB)))
    return TEMPLATE_DB


_names = itertools.count(1)


@contextmanager
def fresh_database(cluster: Cluster, template: str = TEMPLATE_DB) -> Iterator[str]:
    """A copy of the migrated template (or of `template0`: an empty database) for one test; dropped
    (its connections ended) afterwards."""
    name = f"iro_test_{os.getpid()}_{next(_names)}"
    cluster.admin().execute(f'CREATE DATABASE "{name}" TEMPLATE "{template}"')
    try:
        yield name
    finally:  # asked again: a fault test may have stopped and restarted the server meanwhile
        cluster.admin().execute(f'DROP DATABASE "{name}" WITH (FORCE)')
