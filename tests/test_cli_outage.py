"""The command line when the team server goes away mid-command (issue 16 item 4): one line saying so, exit
status 2, no traceback. On a server of its own, stopped while the command waits on it."""

from __future__ import annotations

import os
import subprocess
import sys
import time

import psycopg
import pytest

from iro_desktop.cli.session import PASSWORD_ENV, USER_ENV
from iro_desktop.domain.roles import Role
from iro_desktop.services.context import ServiceContext
from iro_desktop.services.registry import Services
from iro_desktop.store.location import StoreLocation
from iro_desktop.store.opening import open_store
from tests import postgres

pytestmark = [
    pytest.mark.postgresql,
    pytest.mark.skipif(postgres.postgres_disabled(), reason=f"{postgres.PG_TEST_ENV}=off"),
]
PASSWORD = "correct horse battery"


@pytest.fixture(scope="module")
def own_cluster(tmp_path_factory):
    cluster = postgres.start_cluster()
    try:
        postgres.migrated_template(cluster, tmp_path_factory.mktemp("pg-cli-outage"))
        yield cluster
    finally:
        postgres.remove_cluster(cluster)


def test_the_server_going_away_mid_command_is_one_line_and_exit_2(own_cluster, tmp_path):
    with postgres.fresh_database(own_cluster) as name:
        url = own_cluster.url(name)
        store = open_store(StoreLocation(data_dir=tmp_path / "setup", url=url))
        Services.build(ServiceContext(uow=store.uow)).accounts.create_first_admin(
            "ada", "Ada Okafor", PASSWORD, Role.MANAGER
        )
        store.close()
        holder = psycopg.connect(
            host=str(own_cluster.socket_dir), port=postgres.PORT, user=postgres.SUPERUSER, dbname=name
        )
        holder.execute("LOCK TABLE audit_events IN ACCESS EXCLUSIVE MODE")  # the command waits here
        env = {**os.environ, USER_ENV: "ada", PASSWORD_ENV: PASSWORD}
        command = subprocess.Popen(
            [sys.executable, "-m", "iro_desktop", "--data-dir", str(tmp_path / "data"), "--database-url", url]
            + ["audit", "verify"],
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        cluster_admin = own_cluster.admin()
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            waiting = cluster_admin.execute(  # autocommit: a fresh look each time
                "SELECT count(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND datname = %s",
                (name,),
            ).fetchone()
            if waiting and waiting[0]:
                break
            assert command.poll() is None, command.communicate()
            time.sleep(0.05)
        else:
            raise AssertionError("the command never reached the server")
        own_cluster.stop()
        out, err = command.communicate(timeout=60)
        holder.close()
        own_cluster.start()
    assert command.returncode == 2, err
    lines = err.strip().splitlines()
    assert len(lines) == 1, err
    assert lines[0].startswith("The team server can't be reached")
    assert "Traceback" not in err
