"""All settings, read once at start from the environment and `.env` (see `.env.example`)."""

from __future__ import annotations

import re
from datetime import time
from pathlib import Path
from typing import Annotated, Literal
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from pydantic import Field, SecretStr, ValidationError, field_validator
from pydantic_core import ErrorDetails
from pydantic_settings import BaseSettings, NoDecode, SettingsConfigDict

from texts import CATALOGUES, Texts

DEFAULT_DATABASE_URL = "sqlite+aiosqlite:///./var/dondoc.sqlite3"


WEEKDAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")


class SettingProblem(ValueError):
    """A setting's value that cannot be used, named by its catalogue entry (`settings.…`), so
    that the message is said in the deployment's language; its str() is the English."""

    def __init__(self, key: str, **values: object) -> None:
        super().__init__(Texts("en").terminal(key, **values))
        self.key, self.values = key, values


def parse_digest(value: str) -> tuple[int, time] | None:
    """ "mon 08:30" → (0, 08:30); "off" → None; anything else → ValueError."""
    text = value.strip().lower()
    if text in ("off", "none", ""):
        return None
    day, _, clock = text.partition(" ")
    if day[:3] not in WEEKDAYS:
        raise SettingProblem("settings.digest")
    try:
        hour, minute = (int(p) for p in clock.strip().split(":"))
        return WEEKDAYS.index(day[:3]), time(hour, minute)
    except ValueError as exc:
        raise SettingProblem("settings.digest") from exc


class SettingsError(Exception):
    """A setting is missing or invalid; the message names it and how to fix it."""


class Settings(BaseSettings):
    """dondoc's configuration. Environment variables win over `.env`."""

    model_config = SettingsConfigDict(
        env_file=".env", env_file_encoding="utf-8", extra="ignore", populate_by_name=True
    )

    telegram_bot_token: SecretStr | None = Field(default=None, alias="TELEGRAM_BOT_TOKEN")
    telegram_api_base_url: str = Field(
        default="https://api.telegram.org", alias="TELEGRAM_API_BASE_URL"
    )
    database_url: str = Field(default=DEFAULT_DATABASE_URL, alias="DATABASE_URL")
    database_schema: str | None = Field(default=None, alias="DATABASE_SCHEMA")
    timezone: str = Field(default="Asia/Ho_Chi_Minh", alias="DONDOC_TIMEZONE")
    admin_ids: Annotated[list[int], NoDecode] = Field(
        default_factory=list, alias="DONDOC_ADMIN_IDS"
    )
    language: Literal["vi", "en"] = Field(default="vi", alias="DONDOC_LANGUAGE")
    work_start: time = Field(default=time(8, 0), alias="DONDOC_WORK_START")
    work_end: time = Field(default=time(17, 0), alias="DONDOC_WORK_END")
    tick_seconds: int = Field(default=60, ge=5, le=3600, alias="DONDOC_TICK_SECONDS")
    digest_cron: str = Field(default="mon 08:30", alias="DONDOC_DIGEST")
    max_upload_mb: int = Field(default=20, ge=1, le=50, alias="DONDOC_MAX_UPLOAD_MB")
    poll_timeout: int = Field(default=30, ge=0, le=50, alias="DONDOC_POLL_TIMEOUT")
    concurrent_updates: int = Field(default=8, ge=1, le=64, alias="DONDOC_CONCURRENT_UPDATES")
    # messages a second for the whole bot, all instances together (Telegram: about 30)
    send_rate: float = Field(default=28.0, ge=1, le=1000, alias="DONDOC_SEND_RATE")
    # messages a second in one private chat (Telegram: "avoid more than one a second")
    chat_rate: float = Field(default=1.0, gt=0, le=100, alias="DONDOC_CHAT_RATE")
    webhook_url: str = Field(default="", alias="DONDOC_WEBHOOK_URL")
    webhook_listen: str = Field(default="0.0.0.0", alias="DONDOC_WEBHOOK_LISTEN")
    webhook_port: int = Field(default=8443, ge=1, le=65535, alias="DONDOC_WEBHOOK_PORT")
    webhook_secret: SecretStr | None = Field(default=None, alias="DONDOC_WEBHOOK_SECRET")
    log_format: Literal["text", "json"] = Field(default="text", alias="DONDOC_LOG_FORMAT")
    web_enabled: bool = Field(default=False, alias="DONDOC_WEB")
    web_listen: str = Field(default="127.0.0.1", alias="DONDOC_WEB_LISTEN")
    web_port: int = Field(default=8080, ge=0, le=65535, alias="DONDOC_WEB_PORT")
    web_base_url: str = Field(default="", alias="DONDOC_WEB_BASE_URL")

    @field_validator("admin_ids", mode="before")
    @classmethod
    def _split_ids(cls, value: object) -> object:
        if isinstance(value, str):
            parts = [p.strip() for p in value.replace(";", ",").split(",")]
            try:
                return [int(p) for p in parts if p]
            except ValueError as exc:
                raise SettingProblem("settings.admin_ids") from exc
        if isinstance(value, int):
            return [value]
        return value

    @field_validator("telegram_api_base_url")
    @classmethod
    def _strip_slash(cls, value: str) -> str:
        if not value.startswith(("http://", "https://")):
            raise SettingProblem("settings.http")
        return value.rstrip("/")

    @field_validator("timezone")
    @classmethod
    def _known_zone(cls, value: str) -> str:
        try:
            ZoneInfo(value)
        except (ZoneInfoNotFoundError, ValueError) as exc:
            raise SettingProblem("settings.timezone") from exc
        return value

    @field_validator("database_url")
    @classmethod
    def _async_driver(cls, value: str) -> str:
        if value.startswith("sqlite:///"):
            return "sqlite+aiosqlite:///" + value.removeprefix("sqlite:///")
        if value.startswith(("postgresql://", "postgres://")):
            return "postgresql+asyncpg://" + value.split("://", 1)[1]
        if not value.startswith(("sqlite+aiosqlite://", "postgresql+asyncpg://")):
            raise SettingProblem("settings.database_url")
        return value

    @field_validator("web_base_url")
    @classmethod
    def _web_base(cls, value: str) -> str:
        if value and not value.startswith(("http://", "https://")):
            raise SettingProblem("settings.web_base_url")
        return value.rstrip("/")

    @field_validator("digest_cron")
    @classmethod
    def _digest(cls, value: str) -> str:
        parse_digest(value)
        return value

    @property
    def digest(self) -> tuple[int, time] | None:
        """(weekday 0=Monday, time) of the weekly digest, or None when off."""
        return parse_digest(self.digest_cron)

    @property
    def calendar_settings(self) -> dict[str, object]:
        """The working-calendar arguments these settings imply (hours and time zone)."""
        return {"work_start": self.work_start, "work_end": self.work_end, "tz": self.timezone}

    @property
    def tz(self) -> ZoneInfo:
        return ZoneInfo(self.timezone)

    @property
    def api_url(self) -> str:
        """Base for Bot API methods; python-telegram-bot fills in {token}."""
        return f"{self.telegram_api_base_url}/bot{{token}}"

    @property
    def file_url(self) -> str:
        return f"{self.telegram_api_base_url}/file/bot{{token}}"

    def token(self) -> str:
        """The bot token, or a SettingsError that says how to get one."""
        if self.telegram_bot_token is None or not self.telegram_bot_token.get_secret_value():
            raise SettingsError(Texts(self.language).terminal("settings.no_token"))
        return self.telegram_bot_token.get_secret_value()

    def webhook(self) -> tuple[str, str]:
        """(public URL, secret) for webhook mode, or a SettingsError saying what is missing."""
        if not self.webhook_url.startswith("https://") and not self.webhook_url.startswith(
            "http://127.0.0.1"
        ):
            raise SettingsError(Texts(self.language).terminal("settings.webhook_url"))
        secret = self.webhook_secret.get_secret_value() if self.webhook_secret else ""
        if not re.fullmatch(r"[A-Za-z0-9_-]{16,256}", secret):
            raise SettingsError(Texts(self.language).terminal("settings.webhook_secret"))
        return self.webhook_url, secret

    def secrets(self) -> list[str]:
        """Values that must never be logged: the token, the webhook secret, the database
        password."""
        from sqlalchemy.engine import make_url

        values = [
            secret.get_secret_value()
            for secret in (self.telegram_bot_token, self.webhook_secret)
            if secret is not None
        ]
        try:
            password = make_url(self.database_url).password
        except Exception:  # an unreadable URL has no password to hide
            password = None
        return values + ([str(password)] if password else [])

    def sqlite_path(self) -> Path | None:
        """The SQLite file, if the database is SQLite (to create its folder)."""
        prefix = "sqlite+aiosqlite:///"
        if self.database_url.startswith(prefix):
            path = self.database_url.removeprefix(prefix)
            return None if path in ("", ":memory:") else Path(path)
        return None


class _Language(BaseSettings):
    """Only the language, read from the same places as `Settings`: enough to say what is wrong
    with the other settings in the deployment's language."""

    model_config = Settings.model_config

    language: str = Field(default="vi", alias="DONDOC_LANGUAGE")


def deployment_language(**overrides: object) -> str:
    """The language the deployment chose (DONDOC_LANGUAGE in the environment or .env), read
    even when other settings are wrong; Vietnamese when it is unset or not a known language."""
    chosen = {
        k: v for k, v in overrides.items() if k in ("_env_file", "language", "DONDOC_LANGUAGE")
    }
    try:
        language = str(_Language(**chosen).language).strip().lower()  # type: ignore[arg-type]
    except Exception:  # an unreadable .env: the settings themselves say so
        return "vi"
    return language if language in CATALOGUES else "vi"


def load_settings(**overrides: object) -> Settings:
    """Read the settings, turning validation errors into one readable SettingsError, said in
    the deployment's language."""
    try:
        return Settings(**overrides)  # type: ignore[arg-type]
    except ValidationError as exc:
        first = exc.errors()[0]
        field = str(first["loc"][0]) if first["loc"] else "?"
        name = Settings.model_fields[field].alias if field in Settings.model_fields else field
        texts = Texts(deployment_language(**overrides))
        raise SettingsError(
            texts.terminal("settings.invalid", name=name or field, problem=_problem(texts, first))
        ) from exc


def _problem(texts: Texts, error: ErrorDetails) -> str:
    """What is wrong with one setting's value (a pydantic error), in words for a person."""
    kind, value = error["type"], error.get("input")
    context = error.get("ctx") or {}
    cause = context.get("error")
    if isinstance(cause, SettingProblem):
        return texts.terminal(cause.key, **cause.values)
    if kind == "literal_error":
        choices = re.findall(r"'([^']*)'", str(context.get("expected", "")))
        return texts.terminal("settings.choice", choices=", ".join(choices))
    limits = {"greater_than_equal": "ge", "greater_than": "gt", "less_than_equal": "le"}
    if kind in limits:
        limit = context.get(limits[kind])
        if isinstance(limit, float) and limit.is_integer():
            limit = int(limit)  # "greater than 0", not "0.0"
        return texts.terminal(f"settings.limit_{limits[kind]}", limit=limit)
    if kind in ("int_parsing", "float_parsing", "int_from_float"):
        return texts.terminal("settings.number", value=value)
    if kind == "bool_parsing":
        return texts.terminal("settings.boolean", value=value)
    if kind in ("time_parsing", "time_type"):
        return texts.terminal("settings.time", value=value)
    return texts.terminal("settings.other", detail=error["msg"])
