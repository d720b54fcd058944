"""`iro-desktop census check`: the Children in Need census's child protection rules the records break
(issue 17), one line each with the rule, family reference, child and conference; exit 1 when any.
The census's child protection module itself is written with `report --csv` (census_cp_module.csv)."""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from iro_desktop.store.location import StoreLocation


def add_parser(sub: argparse._SubParsersAction) -> None:
    parser = sub.add_parser("census", help="the census's child protection rules: census check")
    census = parser.add_subparsers(dest="census_command", metavar="CENSUS_COMMAND", required=True)
    census.add_parser(
        "check", help="list every census rule the records break (DfE rule numbers); exit 1 when any"
    ).set_defaults(handler=run_check)


def run_check(args: argparse.Namespace, location: StoreLocation) -> int:
    from iro_desktop.cli.session import open_signed_in

    store, services = open_signed_in(location, args)
    try:
        findings = services.census.check()
    finally:
        store.close()
    for f in findings:
        where = f" (conference {f.conference_id})" if f.conference_id else ""
        print(f"{f.rule}  {f.family_reference}  {f.child_name}: {f.title}. {f.message}{where}")
    children = len({f.child_id for f in findings})
    print(
        f"{len(findings)} census problem(s) for {children} child(ren)."
        if findings
        else "No census problems: every plan and conference passes the child protection rules."
    )
    return 1 if findings else 0
