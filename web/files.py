"""Evidence files for the desktop view: the database keeps only each file's Telegram file id,
so a download asks the Bot API for it (getFile, then the file's URL) with the bot's token, on
the configured TELEGRAM_API_BASE_URL, and hands the bytes on as an attachment."""

from __future__ import annotations

import asyncio
import logging
import mimetypes
import re
import unicodedata
from urllib.parse import quote

from telegram import Bot
from telegram.error import BadRequest, TelegramError
from telegram.request import HTTPXRequest

from domain.text import strip_diacritics
from runtime.settings import Settings

log = logging.getLogger("dondoc.web")

# the types a browser may be told; anything else (HTML, SVG, scripts, unknown) is sent as
# application/octet-stream. Every file goes as an attachment with nosniff anyway.
SAFE_TYPES = frozenset(
    {
        "application/pdf",
        "image/jpeg",
        "image/png",
        "image/gif",
        "image/webp",
        "image/heic",
        "image/tiff",
        "application/msword",
        "application/vnd.ms-excel",
        "application/vnd.ms-powerpoint",
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        "application/vnd.openxmlformats-officedocument.presentationml.presentation",
        "application/vnd.oasis.opendocument.text",
        "application/vnd.oasis.opendocument.spreadsheet",
        "application/zip",
        "application/x-7z-compressed",
        "application/vnd.rar",
        "audio/mpeg",
        "audio/ogg",
        "video/mp4",
    }
)
FALLBACK_TYPE = "application/octet-stream"
DOWNLOADS_AT_ONCE = 4  # each holds a whole file (Telegram serves bots at most 20 MB) in memory
_UNSAFE_NAME = re.compile(r'[\x00-\x1f\x7f/\\"]+')
_NOT_PLAIN = re.compile(r"[^A-Za-z0-9._ ()+-]+")


class FileUnavailable(Exception):
    """Telegram did not give the file: `too_big` (over the 20 MB bots may download), or
    anything else (a network error, Telegram down, a file id it no longer knows)."""

    def __init__(self, too_big: bool = False) -> None:
        super().__init__("file is too big" if too_big else "file unavailable")
        self.too_big = too_big


class TelegramFiles:
    """A Bot of the view's own (the running bot's settings: token, TELEGRAM_API_BASE_URL), made
    on the first download and closed with the view. It is never initialized (no getMe), so it
    keeps its connection pools to close them itself."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self._bot: Bot | None = None
        self._requests: tuple[HTTPXRequest, ...] = ()
        self._slots = asyncio.Semaphore(DOWNLOADS_AT_ONCE)

    def bot(self) -> Bot:
        if self._bot is None:
            requests = (
                HTTPXRequest(
                    connection_pool_size=DOWNLOADS_AT_ONCE, connect_timeout=10, read_timeout=30
                ),
                HTTPXRequest(connection_pool_size=1),  # getUpdates: never used here
            )
            self._bot = Bot(
                self.settings.token(),
                base_url=self.settings.api_url,
                base_file_url=self.settings.file_url,
                request=requests[0],
                get_updates_request=requests[1],
            )
            self._requests = requests
        return self._bot

    async def fetch(self, file_id: str) -> bytes:
        """The file's bytes, or FileUnavailable (logged without the token)."""
        async with self._slots:
            try:
                found = await self.bot().get_file(file_id)
                return bytes(await found.download_as_bytearray())
            except BadRequest as exc:
                too_big = "too big" in exc.message.lower()
                log.warning("evidence file not given by Telegram: %s", self._redact(exc))
                raise FileUnavailable(too_big) from None
            except (TelegramError, RuntimeError) as exc:
                log.warning("evidence file download failed: %s", self._redact(exc))
                raise FileUnavailable() from None

    def _redact(self, exc: Exception) -> str:
        text = f"{type(exc).__name__}: {exc}"
        token = self.settings.telegram_bot_token
        return text.replace(token.get_secret_value(), "<token>") if token else text

    async def close(self) -> None:
        requests, self._requests, self._bot = self._requests, (), None
        await asyncio.gather(*(request.shutdown() for request in requests))


def safe_name(name: str, fallback: str = "tep") -> str:
    """The file name as it was sent, without control characters, slashes or quotes."""
    cleaned = _UNSAFE_NAME.sub("_", unicodedata.normalize("NFC", name)).strip(" .")
    return cleaned[:200] or fallback


def content_type(mime: str | None, name: str) -> str:
    """The stored type, or the name's, if it is one a browser may be told; else a download."""
    wanted = (mime or mimetypes.guess_type(name)[0] or "").split(";")[0].strip().lower()
    return wanted if wanted in SAFE_TYPES else FALLBACK_TYPE


def attachment(name: str) -> str:
    """Content-Disposition for a download keeping a Vietnamese name (RFC 6266 and 5987): an
    ASCII `filename` for old clients, the UTF-8 name as `filename*`."""
    name = safe_name(name)
    plain = _NOT_PLAIN.sub("_", strip_diacritics(name)).strip("_ ") or "tep"
    return f"attachment; filename=\"{plain}\"; filename*=UTF-8''{quote(name, safe='')}"
