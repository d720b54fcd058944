"""Render the release check (issue 18) and the first page of a family copy and an agency copy to PNG, in a
temporary store with the hand-built fictional record the tests use (tests/services/disclosure_record.py).

Run: PYTHONPATH=. python scripts/copies_screenshots.py [OUT_DIR]   (default docs/screenshots; needs
pdftoppm from poppler-utils)

The check is shown for the parent's copy with one detail answered; then every detail is answered, the
chair signs off, the record is approved and the copies are released, so the PDFs are the real ones.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtWidgets import QApplication  # noqa: E402

from iro_desktop.domain.disclosure import Answer, FlagKind  # noqa: E402
from iro_desktop.domain.record import SendMethod  # noqa: E402
from iro_desktop.services.context import SYSTEM_USER  # noqa: E402
from iro_desktop.ui.areas.records import RecordsArea  # noqa: E402
from iro_desktop.ui.events import ChangeHub  # noqa: E402
from tests.conftest import TODAY  # noqa: E402
from tests.services.disclosure_record import CHAIR, CLERK, build, finalise  # noqa: E402
from tests.signing import with_key  # noqa: E402
from tests.store_files import open_services_any  # noqa: E402


def _page_png(pdf: Path, out: Path, page: int = 1) -> None:
    subprocess.run(
        [
            "pdftoppm",
            "-r",
            "70",
            "-png",
            "-f",
            str(page),
            "-l",
            str(page),
            "-singlefile",
            pdf,
            out.with_suffix(""),
        ],
        check=True,
    )


def main(out_dir: Path) -> None:
    app = QApplication.instance() or QApplication(["iro-desktop"])
    with tempfile.TemporaryDirectory() as tmp:
        store, services = open_services_any(Path(tmp) / "data", today=lambda: TODAY)
        try:
            services.ctx.session.user = SYSTEM_USER
            made = build(services, store, sign_off=True)
            with_key(services, CLERK)
            area = RecordsArea(services, ChangeHub(), exports=Path(tmp) / "exports")
            area.resize(1366, 900)
            area.show()
            area.refresh()
            area.queue_table.selectRow(0)
            area.recipient_table.selectRow(0)  # the parent
            panel = area.copies
            rows = panel.flags.items()
            panel.flag_table.selectRow(next(n for n, r in enumerate(rows) if r.flag.kind is FlagKind.PHONE))
            panel.answer(Answer.FINE)
            area.sections_scroll.ensureWidgetVisible(panel.message)
            app.processEvents()
            panel.grab().save(str(out_dir / "release-check.png"))
            cid = made.conference_id
            for flag in services.distribution.check(cid, made.mum).flags:
                services.distribution.answer(cid, made.mum, flag.key, Answer.FINE)
            finalise(services, cid)
            with_key(services, CHAIR)
            services.distribution.sign_off(cid, made.mum)
            copies = Path(tmp) / "copies"
            family = services.distribution.release(cid, made.mum, copies, TODAY, SendMethod.BY_HAND)
            agency = services.distribution.release(cid, made.police, copies, TODAY, SendMethod.SECURE_EMAIL)
            _page_png(family[0], out_dir / "pdf-copy-family.png")
            _page_png(agency[0], out_dir / "pdf-copy-agency.png", page=2)  # the map, with its marks
        finally:
            store.close()
    print(f"Wrote release-check.png, pdf-copy-family.png, pdf-copy-agency.png in {out_dir}")


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else Path("docs/screenshots"))
