"""Files shipped inside the package (migrations, fonts), found through `importlib.resources`.

The same call works in a checkout, an installed wheel and the frozen app (PyInstaller's importer serves
the bundled files from `sys._MEIPASS/iro_desktop`). Alembic and reportlab need real paths on disk, so a
resource that is not a plain file-system path (a zipped install) is extracted for the process's lifetime.
"""

from __future__ import annotations

import atexit
from contextlib import ExitStack
from importlib.resources import as_file, files
from pathlib import Path

_extracted = ExitStack()
atexit.register(_extracted.close)


def package_path(*parts: str) -> Path:
    """The real path of `iro_desktop/<parts...>` (a file or a folder)."""
    resource = files("iro_desktop").joinpath(*parts)
    if isinstance(resource, Path):
        return resource
    return _extracted.enter_context(as_file(resource))
