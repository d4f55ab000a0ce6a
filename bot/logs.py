"""Logging: plain lines for people, or one JSON object per event for log collectors
(DONDOC_LOG_FORMAT=json), carrying update id, user, agency, period where known.

Secrets never reach the log at any level: every line is redacted as it is written (the bot
token, which PTB's and httpx's debug lines carry in URLs; invite and sign-in tokens in links and
in `/start <token>`; passwords in database URLs; and the configured secrets verbatim)."""

from __future__ import annotations

import json
import logging
import re
from collections.abc import Iterable
from datetime import UTC, datetime

REDACTED = "<redacted>"
PATTERNS = (
    # a Telegram bot token, alone or in /bot<token>/ URLs
    (re.compile(r"\b\d{4,}:[A-Za-z0-9_-]{30,}"), REDACTED),
    # one-time tokens in links: ?start=…, ?token=…, &code=… and the like
    (
        re.compile(
            r"([?&](?:start|startgroup|token|t|code|key|secret|sig|signature|auth|login|"
            r"session)=)[^&\s\"'<>]+",
            re.IGNORECASE,
        ),
        r"\1" + REDACTED,
    ),
    # a one-time token as a path segment: the web sign-in link /web/login/<token>
    (re.compile(r"(/login/)[A-Za-z0-9_-]{8,}"), r"\1" + REDACTED),
    # an invite token typed or sent as "/start <token>"
    (re.compile(r"(/start(?:@\w+)?\s+)[A-Za-z0-9_-]{6,}"), r"\1" + REDACTED),
    # a password in a URL (user:password@host)
    (re.compile(r"(://[^/\s:@]+:)[^@\s/]+@"), r"\1" + REDACTED + "@"),
    (re.compile(r"(Bearer\s+)[A-Za-z0-9._~+/=-]+", re.IGNORECASE), r"\1" + REDACTED),
)


class Redactor:
    """Replaces secrets in a written log line."""

    def __init__(self, secrets: Iterable[str] = ()) -> None:
        self.secrets = sorted({s for s in secrets if s and len(s) >= 6}, key=len, reverse=True)

    def __call__(self, line: str) -> str:
        for secret in self.secrets:
            line = line.replace(secret, REDACTED)
        for pattern, replacement in PATTERNS:
            line = pattern.sub(replacement, line)
        return line


redact = Redactor()

STANDARD = set(logging.LogRecord("", 0, "", 0, "", (), None).__dict__) | {"message", "asctime"}


class JsonFormatter(logging.Formatter):
    def __init__(self, redactor: Redactor = redact) -> None:
        super().__init__()
        self.redact = redactor

    def format(self, record: logging.LogRecord) -> str:
        return self.redact(self._format(record))

    def _format(self, record: logging.LogRecord) -> str:
        event: dict[str, object] = {
            "ts": datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname.lower(),
            "logger": record.name,
            "event": record.getMessage(),
        }
        event.update({k: v for k, v in record.__dict__.items() if k not in STANDARD})
        if record.exc_info:
            event["error"] = self.formatException(record.exc_info)
        return json.dumps(event, ensure_ascii=False, default=str)


class TextFormatter(logging.Formatter):
    """The usual line, with the event's fields appended as key=value."""

    def __init__(self, fmt: str, redactor: Redactor = redact) -> None:
        super().__init__(fmt)
        self.redact = redactor

    def format(self, record: logging.LogRecord) -> str:
        line = super().format(record)
        fields = {k: v for k, v in record.__dict__.items() if k not in STANDARD}
        if fields:
            line += " " + " ".join(f"{k}={v}" for k, v in fields.items())
        return self.redact(line)


# libraries whose debug lines carry request URLs and bodies: INFO at most, even with -v
CHATTY = ("httpx", "httpcore", "telegram", "hpack")
QUIET = ("httpx", "httpcore", "alembic", "apscheduler", "aiohttp.access")


def configure(fmt: str = "text", *, verbose: bool = False, secrets: Iterable[str] = ()) -> None:
    """One handler on the root logger; `secrets` (the token, the webhook secret…) are
    redacted verbatim, besides the patterns every line goes through."""
    redactor = Redactor(secrets)
    handler = logging.StreamHandler()
    handler.setFormatter(
        JsonFormatter(redactor)
        if fmt == "json"
        else TextFormatter("%(asctime)s %(levelname)s %(name)s %(message)s", redactor)
    )
    root = logging.getLogger()
    root.handlers[:] = [handler]
    root.setLevel(logging.DEBUG if verbose else logging.INFO)
    for chatty in CHATTY:
        logging.getLogger(chatty).setLevel(logging.INFO)
    for noisy in QUIET:
        logging.getLogger(noisy).setLevel(logging.WARNING)
