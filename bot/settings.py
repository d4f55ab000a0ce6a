"""The settings live in `runtime.settings` (below `bot/` and `web/`, which both read them)."""

from runtime.settings import (
    DEFAULT_DATABASE_URL,
    Settings,
    SettingsError,
    deployment_language,
    load_settings,
)

__all__ = [
    "DEFAULT_DATABASE_URL",
    "Settings",
    "SettingsError",
    "deployment_language",
    "load_settings",
]
