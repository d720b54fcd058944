"""`iro-desktop offline take|bring-back|cancel|status`: a conference taken from the team store onto this
laptop's encrypted store before a meeting with no network, and brought back afterwards (issue 16 item 5).

The laptop's store is opened with the same account and password as the team store (IRO_DESKTOP_PASSWORD,
else asked once on the terminal); the first time it is set up, and its recovery key is shown once."""

from __future__ import annotations

import argparse
import socket
import sys
from pathlib import Path
from typing import Any

from iro_desktop.domain.checkout_cancel import CancelReason

CHOICE = {"team": "mine", "laptop": "theirs"}


def add_parser(sub: Any) -> None:
    p = sub.add_parser(
        "offline",
        help="take a conference from the team store onto this laptop, and bring it back (merged by field)",
    )
    o = p.add_subparsers(dest="offline_command", metavar="OFFLINE_COMMAND", required=True)
    take = o.add_parser(
        "take", help="copy a conference, its family and history onto this laptop; mark it out"
    )
    take.add_argument("conference", help="the conference's id")
    take.add_argument(
        "--to",
        type=Path,
        help="folder of the laptop's encrypted store (default: offline/ in the data folder)",
    )
    take.set_defaults(handler=run_take)
    back = o.add_parser("bring-back", help="merge the laptop's version into the team store; end the checkout")
    back.add_argument("conference", help="the conference's id")
    back.add_argument("--from", dest="source", type=Path, help="folder of the laptop's store (as for take)")
    back.add_argument(
        "--conflicts",
        choices=sorted(CHOICE),
        help="where both sides changed the same field, keep the team store's or the laptop's version "
        "(without it, conflicts are listed and nothing is changed)",
    )
    back.set_defaults(handler=run_bring_back)
    cancel = o.add_parser(
        "cancel",
        help="release a conference out on a laptop (its holder, a manager or an administrator): editable "
        "here again; the laptop's changes then come back only as a merged hand-off",
    )
    cancel.add_argument("conference", help="the conference's id")
    cancel.add_argument(
        "--reason",
        required=True,
        choices=[r.value for r in CancelReason],
        help="why (a code, kept in the audit trail): "
        + "; ".join(f"{r.value}: {r.label.lower()}" for r in CancelReason),
    )
    cancel.set_defaults(handler=run_cancel)
    status = o.add_parser("status", help="which conferences are out on a laptop, who has them, since when")
    status.set_defaults(handler=run_status)


def _team_and_laptop(args: argparse.Namespace, location: Any, folder: Path | None) -> tuple[Any, Any]:
    """(team Opened, (laptop services, close)) signed in as one account with one password."""
    from iro_desktop.cli.session import SignInRefused, credentials, no_records, show_recovery_key
    from iro_desktop.services import sign_in
    from iro_desktop.services.accounts import SignInFailed
    from iro_desktop.services.offline import laptop_location, open_laptop

    sign_in.check_openable(location)
    if not sign_in.records_exist(location):
        raise no_records(location)
    name, password = credentials(getattr(args, "user", None))
    try:
        team = sign_in.sign_in(location, name, password)
    except SignInFailed:
        raise SignInRefused("That username and password do not match.") from None
    where = laptop_location(folder, location.data_dir)
    if where.sqlite_path == location.sqlite_path:
        team.close()
        raise SignInRefused("The laptop's store must be another folder than the team store's.")
    try:
        laptop, close, recovery = open_laptop(where, name, password, team.user.display_name, team.user.role)
    except SignInFailed:
        team.close()
        raise SignInRefused(
            f"The laptop's store in {where.data_dir} does not open with this password (it opens with the "
            "password you had when it was set up). Nothing was changed."
        ) from None
    except BaseException:
        team.close()
        raise
    if recovery:
        show_recovery_key(recovery)
    return team, (laptop, close, where)


def run_take(args: argparse.Namespace, location: object) -> int:
    from iro_desktop.domain.errors import DomainError
    from iro_desktop.services.offline import OfflineService

    team, (laptop, close, where) = _team_and_laptop(args, location, args.to)
    try:
        result = OfflineService(team.services.ctx).take(args.conference, laptop, place=socket.gethostname())
    except DomainError as exc:
        print(str(exc), file=sys.stderr)
        return 1
    finally:
        close()
        team.close()
    print(
        f"Took the conference for {result.family_name} onto this laptop ({result.conferences} "
        f"conference(s) of the family, encrypted in {where.data_dir})."
    )
    for why in result.skipped:
        print(f"An earlier conference was not copied: {why}", file=sys.stderr)
    print(f"The team store shows: {result.checkout.who()}.")
    print(f"Work on it with: iro-desktop --data-dir {where.data_dir}")
    return 0


def run_bring_back(args: argparse.Namespace, location: object) -> int:
    from iro_desktop.cli.conference_file import _shown
    from iro_desktop.domain.errors import DomainError
    from iro_desktop.services.conference_file.service import FileRejected
    from iro_desktop.services.offline import OfflineService

    team, (laptop, close, _where) = _team_and_laptop(args, location, args.source)
    try:
        offline = OfflineService(team.services.ctx)
        prepared = offline.prepare_bring_back(args.conference, laptop)
        conflicts = prepared.plan.conflicts
        if conflicts and args.conflicts is None:
            for c in conflicts:
                print(f"{c.path}: {c.label}\n    team:   {_shown(c.mine)}\n    laptop: {_shown(c.theirs)}")
            print(
                f"{len(conflicts)} conflict(s) between the laptop and the team store; nothing was changed. "
                "Choose with --conflicts team|laptop, or bring it back in the app to choose for each.",
                file=sys.stderr,
            )
            return 1
        side = CHOICE.get(args.conflicts or "", "mine")
        result = offline.bring_back(prepared, {c.path: side for c in conflicts})  # type: ignore[misc]
    except FileRejected as rejected:
        for problem in rejected.problems:
            print(f"{problem.place or '(file)'}: {problem.message}")
        print(f"{len(rejected.problems)} problem(s); nothing was changed.", file=sys.stderr)
        return 1
    except DomainError as exc:
        print(str(exc), file=sys.stderr)
        return 1
    finally:
        close()
        team.close()
    print(
        f"Brought the conference for {result.family_name} back to the team store: {result.taken} change(s) "
        f"from the laptop, {result.kept} made on the team store kept, {result.conflicts} conflict(s) "
        f"({result.chose_laptop} as on the laptop). It is editable by everyone again."
    )
    if result.approval_note:
        print(result.approval_note, file=sys.stderr)
    return 0


def run_cancel(args: argparse.Namespace, location: object) -> int:
    from iro_desktop.cli.session import open_signed_in
    from iro_desktop.domain.checkout import CANCEL_MEANS
    from iro_desktop.domain.errors import DomainError
    from iro_desktop.services.offline import OfflineService, cancel_checkout

    store, services = open_signed_in(location, args)  # type: ignore[arg-type]
    try:
        checkout = cancel_checkout(OfflineService(services.ctx), args.conference, CancelReason(args.reason))
    except DomainError as exc:
        print(str(exc), file=sys.stderr)
        return 1
    finally:
        store.close()
    print(f"Cancelled: {checkout.who()}. {CANCEL_MEANS}")
    return 0


def run_status(args: argparse.Namespace, location: object) -> int:
    from iro_desktop.cli.session import open_signed_in
    from iro_desktop.services.offline import OfflineService

    store, services = open_signed_in(location, args)  # type: ignore[arg-type]
    try:
        checkouts = OfflineService(services.ctx).checkouts()
    finally:
        store.close()
    if not checkouts:
        print("No conference is out on a laptop.")
    for conference_id, checkout in checkouts.items():
        print(f"{conference_id}: {checkout.who()}")
    return 0
