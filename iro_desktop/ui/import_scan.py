"""PySide6's check of every module imported after it, made cheaper (issue 14: start-up).

For `from __feature__ import snake_case`, PySide6 (6.4 and later) asks of each module imported after
QtCore whether its source mentions "PySide6", through `inspect.getsource`: measured here at 0.1-2.3 ms
a module (2.3 ms for `threading`, already imported), so about 10 ms before the sign-in prompt and more
while SQLAlchemy and Alembic load in the background. `quicken()` asks the same question by reading
the file's bytes, and falls back to PySide6's own check for anything that is not a plain `.py` file. The
answer, and so PySide6's behaviour, is unchanged; with another PySide6 that lacks the hook it does
nothing.
"""

from __future__ import annotations

import sys
from types import ModuleType
from typing import Any

_MARK = "_iro_desktop_quick"


def quicken() -> bool:
    """Install the cheaper check (once); whether it is installed."""
    import PySide6.QtCore  # noqa: F401  (the hook and its module exist once QtCore is loaded)

    feature: Any = sys.modules.get("shibokensupport.feature")
    original = getattr(feature, "_mod_uses_pyside", None)
    if original is None:
        return False
    if getattr(original, _MARK, False):
        return True

    def uses_pyside(module: ModuleType) -> bool:
        path = getattr(module, "__file__", None)
        if not isinstance(path, str) or not path.endswith(".py"):
            return bool(original(module))
        try:
            with open(path, "rb") as source:
                return b"PySide6" in source.read()
        except OSError:
            return bool(original(module))

    setattr(uses_pyside, _MARK, True)
    feature._mod_uses_pyside = uses_pyside
    return True
