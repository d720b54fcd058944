"""Render the sign-in, the clerk's queue, an amendment of a final record and its comparison to PNG, in a
temporary store with the fictional demo data.

Run: python scripts/records_screenshots.py [OUT_DIR]   (default docs/screenshots)

The demo record is taken through the clerk's and the chair's steps as each would (clerk submits, chair
approves), then amended with a reason, so the pictures show the real lifecycle; it never touches the
user's records.
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtWidgets import QApplication, QScrollArea  # noqa: E402

from iro_desktop.app import open_services  # noqa: E402
from iro_desktop.domain.record import RecordState, SectionKey  # noqa: E402
from iro_desktop.services.demo import load_demo  # noqa: E402
from iro_desktop.services.demo_accounts import DEMO_ACCOUNTS, load_demo_accounts  # noqa: E402
from iro_desktop.services.demo_records import load_demo_records  # noqa: E402
from iro_desktop.store.location import resolve_location  # noqa: E402
from iro_desktop.ui.main_window import MainWindow, WhereInfo  # noqa: E402
from iro_desktop.ui.screenshot import render_png  # noqa: E402
from iro_desktop.ui.settings import Settings  # noqa: E402
from iro_desktop.ui.sign_in import SignInDialog  # noqa: E402


def main(out_dir: Path) -> None:
    app = QApplication.instance() or QApplication(["iro-desktop"])
    with tempfile.TemporaryDirectory() as tmp:
        location = resolve_location(Path(tmp) / "data", environ={})
        store, services = open_services(location)
        try:
            load_demo_accounts(services.ctx)  # first: the demo is loaded as its chair (issue 13)
            load_demo(services.ctx)
            load_demo_records(services.ctx)
            dialog = SignInDialog(services.accounts)
            dialog.username.setText("clerk")
            render_png(dialog, out_dir / "sign-in.png")
            dialog.close()

            def sign_in(username: str) -> None:
                password = next(p for u, _n, p, _r in DEMO_ACCOUNTS if u == username)
                services.ctx.session.user = services.accounts.sign_in(username, password)

            sign_in("clerk")
            window = MainWindow(
                services, Settings.at(Path(tmp) / "s.ini"), WhereInfo(location.describe(), tmp)
            )
            window.load()
            window.show_view("records")
            area = window.areas["records"]
            area.queue_table.selectRow(0)
            app.processEvents()
            render_png(window, out_dir / "records-queue.png", (1400, 900))

            conference_id = area.record.conference_id
            services.records.move(conference_id, RecordState.AWAITING_APPROVAL)
            sign_in("chair")
            services.records.move(conference_id, RecordState.FINAL)
            window.hub.announce("records")
            area.open(conference_id)
            area.start_amendment()
            area.editors[SectionKey.BACKGROUND].setPlainText(
                "The family moved to a two-bedroom flat in July; the section 47 enquiry began after a "
                "referral from school."
            )
            area.amend_reason.setText("Mrs Khan pointed out the move was in July, not the summer holidays.")
            area.save_amendment()
            rows = area.versions.rowCount()
            area.version_table.selectRow(rows - 1)
            app.processEvents()
            scroll = area.findChild(QScrollArea)
            if scroll is not None:
                scroll.ensureWidgetVisible(area.amend_reason, 0, 0)
                scroll.ensureWidgetVisible(area.version_view, 0, 0)
            app.processEvents()
            render_png(window, out_dir / "records-amendment.png", (1400, 900))
            area.version_view.compare()  # what the amendment changed, field by field
            if scroll is not None:
                scroll.verticalScrollBar().setValue(scroll.verticalScrollBar().maximum())
            render_png(window, out_dir / "records-version-compare.png", (1400, 900))
            window.close()
        finally:
            store.close()
    names = "sign-in.png, records-queue.png, records-amendment.png, records-version-compare.png"
    print(f"Wrote {names} to {out_dir}")


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else Path("docs/screenshots"))
