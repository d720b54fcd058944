"""Settings declared once: a typed wrapper over QSettings with defaults. Tests point it at a temp file."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any, Generic, TypeVar

from PySide6.QtCore import QSettings

from iro_desktop import APP_NAME, ORG_NAME

T = TypeVar("T")


@dataclass(frozen=True)
class Option(Generic[T]):
    """One setting: its key, type and default."""

    key: str
    default: T
    kind: type


class Settings:
    """Typed access to the app's settings. `Settings.at(path)` uses an INI file (tests, portable)."""

    presentation_font_pt = Option("presentation/font_pt", 28, int)
    idle_lock_minutes = Option("security/idle_lock_minutes", 10, int)
    last_conference_id = Option("session/last_conference_id", "", str)
    text_size_percent = Option("view/text_size_percent", 100, int)  # the whole app's text, 80-200

    def __init__(self, qsettings: QSettings | None = None) -> None:
        self._q = qsettings if qsettings is not None else QSettings(ORG_NAME, APP_NAME)

    @classmethod
    def at(cls, path: Path) -> Settings:
        return cls(QSettings(str(path), QSettings.Format.IniFormat))

    def get(self, option: Option[T]) -> T:
        raw: Any = self._q.value(option.key, option.default)
        if raw is None:
            return option.default
        if option.kind is bool and isinstance(raw, str):
            return raw.lower() in ("true", "1", "yes")  # type: ignore[return-value]
        try:
            return option.kind(raw)
        except (TypeError, ValueError):
            return option.default

    def set(self, option: Option[T], value: T) -> None:
        self._q.setValue(option.key, value)

    def sync(self) -> None:
        self._q.sync()

    @property
    def file_name(self) -> str:
        return self._q.fileName()
