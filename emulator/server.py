"""An HTTP server that speaks enough of the Telegram Bot API for dondoc, and people to chat with.

It keeps every chat (both sides), queues updates for getUpdates with offset confirmation
(or pushes them to a webhook), validates what Telegram validates, can inject faults and
enforce Telegram's rate limits. Tests drive it directly; `dondoc demo` puts a web chat on it.
"""

from __future__ import annotations

import asyncio
import contextlib
import itertools
import json
import secrets
import time
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from typing import Any

from aiohttp import ClientSession, ClientTimeout, web

from emulator.validation import (
    ValidationError,
    check_caption,
    check_commands,
    check_reply_markup,
    check_text,
)

JSON_FIELDS = {
    "reply_markup", "allowed_updates", "commands", "scope", "entities", "reply_parameters",
    "link_preview_options", "caption_entities", "media",
}  # fmt: skip
# what getFile serves: Telegram's Bot API lets a bot download files of at most 20 MB
DOWNLOAD_LIMIT = 20 * 1024 * 1024
INT_FIELDS = {
    "chat_id", "message_id", "offset", "limit", "timeout", "reply_to_message_id", "user_id",
    "max_connections", "cache_time",
}  # fmt: skip


@dataclass(frozen=True)
class FakeUser:
    """A Telegram user who chats with the bot."""

    id: int
    first_name: str
    last_name: str = ""
    username: str | None = None
    language_code: str = "vi"

    def to_api(self) -> dict[str, Any]:
        data: dict[str, Any] = {
            "id": self.id,
            "is_bot": False,
            "first_name": self.first_name,
            "language_code": self.language_code,
        }
        if self.last_name:
            data["last_name"] = self.last_name
        if self.username:
            data["username"] = self.username
        return data


@dataclass
class SentMessage:
    """A message the bot sent (or edited), as the user sees it."""

    method: str
    chat_id: int
    message_id: int
    text: str
    raw_text: str
    parse_mode: str | None
    reply_markup: dict[str, Any] | None
    reply_to: int | None = None
    document: dict[str, Any] | None = None
    photo: dict[str, Any] | None = None
    edited: bool = False

    def buttons(self) -> list[tuple[str, str]]:
        """(text, callback_data) of every inline button, row by row."""
        rows = (self.reply_markup or {}).get("inline_keyboard", [])
        return [(b["text"], b.get("callback_data", "")) for row in rows for b in row]


@dataclass
class ApiError:
    """A fault to inject: the next `count` calls of `method` (for `chat_id`, if set) fail;
    `method` "file" is a download of a file's bytes (answered as plain text)."""

    method: str
    status: int
    description: str
    retry_after: int | None = None
    count: int = 1
    chat_id: int | None = None
    html: str | None = None  # answer this page instead of JSON (a proxy's "502 Bad Gateway")


@dataclass
class _File:
    file_id: str
    unique_id: str
    path: str
    content: bytes
    name: str = ""
    mime_type: str | None = None


@dataclass
class _Bot:
    token: str
    id: int
    username: str
    first_name: str
    updates: list[dict[str, Any]] = field(default_factory=list)
    update_ids: itertools.count[int] = field(default_factory=lambda: itertools.count(1))
    issued: list[int] = field(default_factory=list)  # every update id handed out, in order
    new_update: asyncio.Event = field(default_factory=asyncio.Event)
    webhook_url: str = ""
    webhook_secret: str | None = None
    poster: asyncio.Task[None] | None = None
    commands: dict[str, list[dict[str, Any]]] = field(default_factory=dict)


class BotApiEmulator:
    """One HTTP server; bots are created on first use of their token."""

    def __init__(self, *, enforce_limits: bool = False, overall_rate: int = 30) -> None:
        self.enforce_limits = enforce_limits
        self.overall_rate = overall_rate  # sends a second allowed to one bot (Telegram: 30)
        self.bots: dict[str, _Bot] = {}
        self.chats: dict[int, list[dict[str, Any]]] = {}
        self.sent: list[SentMessage] = []
        self.calls: list[tuple[str, dict[str, Any]]] = []
        self.callback_answers: list[dict[str, Any]] = []
        self.faults: list[ApiError] = []
        self.blocked: set[int] = set()
        self.group_chats: set[int] = set()
        self.files: dict[str, _File] = {}
        self.rate_limited = 0
        self.peak_rate = 0  # the most sends seen in one second (with enforce_limits)
        self.send_delay = 0.0  # seconds each send* call takes, to make fan-outs slow in tests
        self.chat_delays: dict[int, float] = {}  # seconds each send*/edit* to that chat takes
        self.delayed_in_flight = 0  # calls now waiting out a chat delay
        self.limits_hit: list[tuple[str, int | None]] = []  # which limit each 429 was for
        self.delayed_calls: list[tuple[float, float]] = []  # (start, end) of each, monotonic
        self.on_change: list[Callable[[], None]] = []
        self._message_ids: dict[int, itertools.count[int]] = {}
        self._sent_event = asyncio.Condition()
        self._recent_sends: deque[float] = deque()
        self._group_sends: dict[int, deque[float]] = {}
        self._chat_tokens: dict[int, tuple[float, float]] = {}  # chat → (tokens, at)
        self._runner: web.AppRunner | None = None
        self._http: ClientSession | None = None
        self.base_url = ""
        self.app = web.Application(client_max_size=60 * 1024 * 1024)
        self.app.router.add_route("*", "/bot{token}/{method}", self._handle_method)
        self.app.router.add_get("/file/bot{token}/{path:.*}", self._handle_file)

    # -- lifecycle ---------------------------------------------------------------------------
    async def start(self, host: str = "127.0.0.1", port: int = 0) -> str:
        self._runner = web.AppRunner(self.app, access_log=None)
        await self._runner.setup()
        site = web.TCPSite(self._runner, host, port)
        await site.start()
        sockets = site._server.sockets  # type: ignore[union-attr]
        self.base_url = f"http://{host}:{sockets[0].getsockname()[1]}"
        return self.base_url

    async def stop(self) -> None:
        for bot in self.bots.values():
            bot.new_update.set()
        if self._http is not None:
            await self._http.close()
        if self._runner is not None:
            await self._runner.cleanup()

    def bot(self, token: str) -> _Bot:
        if token not in self.bots:
            bot_id = int(token.split(":", 1)[0]) if token.split(":", 1)[0].isdigit() else 1000
            self.bots[token] = _Bot(token, bot_id, f"dondoc_{bot_id}_bot", "dondoc")
        return self.bots[token]

    # -- what users do -----------------------------------------------------------------------
    def _next_message_id(self, chat_id: int) -> int:
        return next(self._message_ids.setdefault(chat_id, itertools.count(1)))

    def _chat(self, user: FakeUser, chat_id: int | None = None) -> dict[str, Any]:
        if chat_id is not None and chat_id != user.id:
            return {"id": chat_id, "type": "group", "title": f"Group {chat_id}"}
        chat: dict[str, Any] = {"id": user.id, "type": "private", "first_name": user.first_name}
        if user.username:
            chat["username"] = user.username
        return chat

    def push_update(self, token: str, update: dict[str, Any]) -> dict[str, Any]:
        """Queue a raw update (or post it to the bot's webhook)."""
        bot = self.bot(token)
        update = {"update_id": next(bot.update_ids), **update}
        bot.issued.append(update["update_id"])
        bot.updates.append(update)
        bot.new_update.set()
        if bot.webhook_url:
            self._start_poster(bot)
        return update

    def redeliver(self, token: str, update: dict[str, Any]) -> None:
        """Deliver an update again, as Telegram sometimes does."""
        bot = self.bot(token)
        bot.updates.append(update)
        bot.updates.sort(key=lambda u: u["update_id"])
        bot.new_update.set()
        if bot.webhook_url:
            self._start_poster(bot)

    def _user_message(self, user: FakeUser, chat_id: int | None, **content: Any) -> dict[str, Any]:
        chat = self._chat(user, chat_id)
        message = {
            "message_id": self._next_message_id(chat["id"]),
            "from": user.to_api(),
            "chat": chat,
            "date": int(time.time()),
            **content,
        }
        self.chats.setdefault(chat["id"], []).append({**message, "outgoing": False})
        self._changed()
        return message

    def _reply_to(self, chat_id: int, message_id: int | None) -> dict[str, Any]:
        if message_id is None:
            return {}
        for message in self.chats.get(chat_id, []):
            if message["message_id"] == message_id:
                original = {k: v for k, v in message.items() if k != "outgoing"}
                return {"reply_to_message": original}
        return {}

    def send_text(
        self,
        token: str,
        user: FakeUser,
        text: str,
        *,
        reply_to: int | None = None,
        chat_id: int | None = None,
    ) -> dict[str, Any]:
        """The user types `text` (commands get their bot_command entity, as in Telegram)."""
        content: dict[str, Any] = {"text": text}
        if text.startswith("/"):
            length = len(text.split()[0])
            content["entities"] = [{"type": "bot_command", "offset": 0, "length": length}]
        target = chat_id if chat_id is not None else user.id
        content.update(self._reply_to(target, reply_to))
        message = self._user_message(user, chat_id, **content)
        return self.push_update(token, {"message": message})

    def edit_text(self, token: str, user: FakeUser, message_id: int, text: str) -> dict[str, Any]:
        """The user edits a text message they sent (Telegram sends an `edited_message`)."""
        original = self._find(user.id, message_id)
        if original is None:
            raise KeyError(f"no message {message_id} in chat {user.id}")
        original["text"] = text
        edited = {k: v for k, v in original.items() if k != "outgoing"}
        edited["edit_date"] = int(time.time())
        return self.push_update(token, {"edited_message": edited})

    def send_document(
        self,
        token: str,
        user: FakeUser,
        name: str,
        content: bytes,
        *,
        caption: str | None = None,
        mime_type: str = "application/octet-stream",
        reply_to: int | None = None,
        same_file_as: dict[str, Any] | None = None,
    ) -> dict[str, Any]:
        """The user sends a file; `same_file_as` (an update this returned) forwards the file
        of that message again: Telegram gives it the same `file_unique_id`."""
        stored = self._store_file(content, name, mime_type)
        unique_id = stored.unique_id
        if same_file_as is not None:
            unique_id = same_file_as["message"]["document"]["file_unique_id"]
        document = {
            "file_id": stored.file_id,
            "file_unique_id": unique_id,
            "file_name": name,
            "mime_type": mime_type,
            "file_size": len(content),
        }
        extra: dict[str, Any] = {"document": document, **self._reply_to(user.id, reply_to)}
        if caption:
            extra["caption"] = caption
        message = self._user_message(user, None, **extra)
        return self.push_update(token, {"message": message})

    def send_photo(
        self,
        token: str,
        user: FakeUser,
        content: bytes,
        *,
        caption: str | None = None,
        reply_to: int | None = None,
    ) -> dict[str, Any]:
        """The user sends a photo: Telegram gives its sizes, the last the biggest (here one
        thumbnail and the photo itself, both kept as the photo's bytes)."""
        stored = self._store_file(content, "", "image/jpeg", folder="photos")
        thumb = self._store_file(content, "", "image/jpeg", folder="photos")
        sizes = [
            {"file_id": thumb.file_id, "file_unique_id": thumb.unique_id, "width": 90,
             "height": 90, "file_size": len(content)},
            {"file_id": stored.file_id, "file_unique_id": stored.unique_id, "width": 1280,
             "height": 960, "file_size": len(content)},
        ]  # fmt: skip
        extra: dict[str, Any] = {"photo": sizes, **self._reply_to(user.id, reply_to)}
        if caption:
            extra["caption"] = caption
        message = self._user_message(user, None, **extra)
        return self.push_update(token, {"message": message})

    def press_button(
        self, token: str, user: FakeUser, message: SentMessage, data: str
    ) -> dict[str, Any]:
        """The user taps an inline button of a message the bot sent."""
        original = self._find(message.chat_id, message.message_id)
        query = {
            "id": secrets.token_hex(8),
            "from": user.to_api(),
            "chat_instance": str(message.chat_id),
            "data": data,
            "message": {k: v for k, v in (original or {}).items() if k != "outgoing"},
        }
        return self.push_update(token, {"callback_query": query})

    def _find(self, chat_id: int, message_id: int) -> dict[str, Any] | None:
        for message in self.chats.get(chat_id, []):
            if message["message_id"] == message_id:
                return message
        return None

    # -- what tests look at ------------------------------------------------------------------
    def messages_to(self, chat_id: int) -> list[SentMessage]:
        return [m for m in self.sent if m.chat_id == chat_id]

    def as_shown(self, message: SentMessage) -> SentMessage:
        """A message the bot sent as the chat shows it now (after edits of text or buttons)."""
        stored = self._find(message.chat_id, message.message_id) or {}
        text = stored.get("text", message.text)
        return replace(
            message,
            text=text,
            raw_text=stored.get("html") or text,
            reply_markup=stored.get("reply_markup"),
            edited=message.edited or "edit_date" in stored,
        )

    async def wait_for(
        self,
        predicate: Callable[[SentMessage], bool],
        *,
        timeout: float = 10.0,
        after: int = 0,
    ) -> SentMessage:
        """The first sent message (from index `after`) that matches, waiting for it if needed."""
        deadline = asyncio.get_running_loop().time() + timeout
        async with self._sent_event:
            while True:
                for message in self.sent[after:]:
                    if predicate(message):
                        return message
                remaining = deadline - asyncio.get_running_loop().time()
                if remaining <= 0:
                    seen = "\n".join(f"  {m.chat_id}: {m.text[:120]!r}" for m in self.sent[after:])
                    raise TimeoutError(f"no matching message within {timeout}s; sent:\n{seen}")
                with contextlib.suppress(TimeoutError):
                    await asyncio.wait_for(self._sent_event.wait(), remaining)

    async def reply_to(
        self, chat_id: int, *, timeout: float = 10.0, after: int | None = None
    ) -> SentMessage:
        """The next message the bot sends to `chat_id` after the `after`-th sent message."""
        start = len(self.sent) if after is None else after
        return await self.wait_for(lambda m: m.chat_id == chat_id, timeout=timeout, after=start)

    def pending_updates(self, token: str) -> int:
        return len(self.bot(token).updates)

    def _changed(self) -> None:
        for callback in self.on_change:
            callback()

    # -- faults and limits -------------------------------------------------------------------
    def inject(self, fault: ApiError) -> None:
        self.faults.append(fault)

    def block(self, user_id: int) -> None:
        self.blocked.add(user_id)

    def _take_fault(self, method: str, params: dict[str, Any]) -> ApiError | None:
        for fault in self.faults:
            if fault.method == method and fault.chat_id in (None, params.get("chat_id")):
                fault.count -= 1
                if fault.count <= 0:
                    self.faults.remove(fault)
                return fault
        return None

    def _rate_limit(self, chat_id: int | None) -> int | None:
        """Seconds to wait if this send breaks `overall_rate` a second, 20/min in a group, or
        one a second in a private chat (a burst of 3 allowed, as Telegram does)."""
        now = time.monotonic()
        window = self._recent_sends
        while window and now - window[0] > 1.0:
            window.popleft()
        if len(window) >= self.overall_rate:
            self.limits_hit.append(("overall", chat_id))
            return 1
        if chat_id is not None and chat_id > 0 and chat_id not in self.group_chats:
            tokens, at = self._chat_tokens.get(chat_id, (3.0, now))
            tokens = min(3.0, tokens + (now - at))
            if tokens < 1:
                self._chat_tokens[chat_id] = (tokens, now)
                self.limits_hit.append(("chat", chat_id))
                return 1
            self._chat_tokens[chat_id] = (tokens - 1, now)
        if chat_id is not None and chat_id in self.group_chats:
            group = self._group_sends.setdefault(chat_id, deque())
            while group and now - group[0] > 60.0:
                group.popleft()
            if len(group) >= 20:
                self.limits_hit.append(("group", chat_id))
                return int(60 - (now - group[0])) + 1
            group.append(now)
        window.append(now)
        self.peak_rate = max(self.peak_rate, len(window))
        return None

    # -- HTTP --------------------------------------------------------------------------------
    async def _params(self, request: web.Request) -> tuple[dict[str, Any], dict[str, bytes]]:
        params: dict[str, Any] = dict(request.query)
        uploads: dict[str, bytes] = {}
        filenames: dict[str, str] = {}
        if request.content_type == "application/json":
            params.update(await request.json())
        elif request.content_type == "multipart/form-data":
            reader = await request.multipart()
            async for part in reader:
                if part.filename is not None:  # type: ignore[union-attr]
                    uploads[part.name] = await part.read()  # type: ignore[union-attr,assignment]
                    filenames[part.name] = part.filename  # type: ignore[union-attr,index]
                else:
                    params[part.name] = await part.text()  # type: ignore[union-attr,index]
        elif request.can_read_body:
            params.update(await request.post())
        for key in list(params):
            value = params[key]
            if isinstance(value, str) and key in JSON_FIELDS:
                params[key] = json.loads(value)
            elif isinstance(value, str) and key in INT_FIELDS and value.lstrip("-").isdigit():
                params[key] = int(value)
        for key, value in list(params.items()):
            if isinstance(value, str) and value.startswith("attach://"):
                name = value.removeprefix("attach://")
                if name in uploads:
                    params[key] = {"filename": filenames[name], "content": uploads[name]}
        for key, content in uploads.items():
            params.setdefault(key, {"filename": filenames[key], "content": content})
        return params, uploads

    async def _handle_method(self, request: web.Request) -> web.Response:
        token = request.match_info["token"]
        method = request.match_info["method"]
        handler = getattr(self, f"_api_{method.lower()}", None)
        if handler is None:
            return _error(404, "Not Found: method not found")
        try:
            params, _ = await self._params(request)
        except (ValueError, json.JSONDecodeError):
            return _error(400, "Bad Request: can't parse request parameters")
        self.calls.append((method, params))
        fault = self._take_fault(method, params)
        if fault is not None:
            if fault.html is not None:
                return web.Response(status=fault.status, text=fault.html, content_type="text/html")
            return _error(fault.status, fault.description, fault.retry_after)
        chat_id = params.get("chat_id")
        if method.startswith("send") and chat_id in self.blocked:
            return _error(403, "Forbidden: bot was blocked by the user")
        if self.enforce_limits and method.startswith("send") and method != "sendChatAction":
            retry = self._rate_limit(chat_id)
            if retry is not None:
                self.rate_limited += 1
                return _error(429, f"Too Many Requests: retry after {retry}", retry)
        if self.send_delay and method.startswith("send"):
            await asyncio.sleep(self.send_delay)
        if method.startswith(("send", "edit")) and self.chat_delays.get(chat_id):  # type: ignore[arg-type]
            self.delayed_in_flight += 1
            start = time.monotonic()
            try:
                await asyncio.sleep(self.chat_delays[chat_id])  # type: ignore[index]
            finally:
                self.delayed_in_flight -= 1
                self.delayed_calls.append((start, time.monotonic()))
        try:
            result = await handler(self.bot(token), params)
        except ValidationError as exc:
            return _error(400, str(exc) if "Bad Request" in str(exc) else f"Bad Request: {exc}")
        except KeyError as exc:
            return _error(400, f"Bad Request: parameter {exc} is required")
        return web.json_response({"ok": True, "result": result})

    async def _handle_file(self, request: web.Request) -> web.Response:
        """A file's bytes at the path getFile gave, for the bot it gave it to (as Telegram:
        another token, an unknown path or a file over the download limit: 404)."""
        path = request.match_info["path"]
        self.calls.append(("file", {"path": path}))
        fault = self._take_fault("file", {})
        if fault is not None:
            return web.Response(status=fault.status, text=fault.description)
        known = request.match_info["token"] in self.bots
        for stored in self.files.values():
            if known and stored.path == path and len(stored.content) <= DOWNLOAD_LIMIT:
                return web.Response(body=stored.content)
        return web.Response(status=404, text="Not Found")

    # -- API methods -------------------------------------------------------------------------
    def _bot_user(self, bot: _Bot) -> dict[str, Any]:
        return {
            "id": bot.id,
            "is_bot": True,
            "first_name": bot.first_name,
            "username": bot.username,
        }

    async def _api_getme(self, bot: _Bot, params: dict[str, Any]) -> dict[str, Any]:
        return {
            **self._bot_user(bot),
            "can_join_groups": True,
            "can_read_all_group_messages": False,
            "supports_inline_queries": False,
        }

    async def _api_getupdates(self, bot: _Bot, params: dict[str, Any]) -> list[dict[str, Any]]:
        if bot.webhook_url:
            raise ValidationError("Conflict: can't use getUpdates while webhook is active")
        offset = int(params.get("offset") or 0)
        if offset:
            bot.updates = [u for u in bot.updates if u["update_id"] >= offset]
        limit = int(params.get("limit") or 100)
        timeout = float(params.get("timeout") or 0)
        if not bot.updates and timeout > 0:
            bot.new_update.clear()
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(bot.new_update.wait(), timeout)
        return bot.updates[:limit]

    async def _api_deletewebhook(self, bot: _Bot, params: dict[str, Any]) -> bool:
        bot.webhook_url = ""
        if str(params.get("drop_pending_updates", "")).lower() == "true":
            bot.updates.clear()
        return True

    async def _api_setwebhook(self, bot: _Bot, params: dict[str, Any]) -> bool:
        bot.webhook_url = str(params["url"])
        bot.webhook_secret = params.get("secret_token")
        if bot.updates:
            self._start_poster(bot)
        return True

    async def _api_getwebhookinfo(self, bot: _Bot, params: dict[str, Any]) -> dict[str, Any]:
        return {
            "url": bot.webhook_url,
            "has_custom_certificate": False,
            "pending_update_count": len(bot.updates),
        }

    def _start_poster(self, bot: _Bot) -> None:
        """One delivery loop per bot, like Telegram's (one update at a time, in order)."""
        if bot.poster is None or bot.poster.done():
            bot.poster = asyncio.get_running_loop().create_task(self._post_webhook(bot))

    async def _post_webhook(self, bot: _Bot) -> None:
        if self._http is None:
            self._http = ClientSession(timeout=ClientTimeout(total=60))
        while bot.webhook_url and bot.updates:
            update = bot.updates[0]
            headers = {}
            if bot.webhook_secret:
                headers["X-Telegram-Bot-Api-Secret-Token"] = bot.webhook_secret
            try:
                async with self._http.post(bot.webhook_url, json=update, headers=headers) as resp:
                    delivered = resp.status == 200
            except OSError:
                delivered = False
            if not delivered:
                await asyncio.sleep(0.5)
                continue
            if bot.updates and bot.updates[0] is update:
                bot.updates.pop(0)

    async def _api_setmycommands(self, bot: _Bot, params: dict[str, Any]) -> bool:
        commands = params.get("commands") or []
        check_commands(commands)
        scope = json.dumps(params.get("scope") or {"type": "default"}, sort_keys=True)
        bot.commands[scope] = commands
        return True

    async def _api_getmycommands(self, bot: _Bot, params: dict[str, Any]) -> list[Any]:
        scope = json.dumps(params.get("scope") or {"type": "default"}, sort_keys=True)
        return bot.commands.get(scope, [])

    async def _api_deletemycommands(self, bot: _Bot, params: dict[str, Any]) -> bool:
        scope = json.dumps(params.get("scope") or {"type": "default"}, sort_keys=True)
        bot.commands.pop(scope, None)
        return True

    def _bot_message(
        self, bot: _Bot, chat_id: int, params: dict[str, Any], **content: Any
    ) -> dict[str, Any]:
        chat = (
            {"id": chat_id, "type": "group", "title": f"Group {chat_id}"}
            if chat_id < 0 or chat_id in self.group_chats
            else {"id": chat_id, "type": "private", "first_name": "user"}
        )
        message: dict[str, Any] = {
            "message_id": self._next_message_id(chat_id),
            "from": self._bot_user(bot),
            "chat": chat,
            "date": int(time.time()),
            **content,
        }
        reply_to = params.get("reply_to_message_id") or (params.get("reply_parameters") or {}).get(
            "message_id"
        )
        if reply_to:
            message.update(self._reply_to(chat_id, int(reply_to)))
        if params.get("reply_markup"):
            message["reply_markup"] = params["reply_markup"]
        return message

    async def _record(self, message: dict[str, Any], sent: SentMessage) -> None:
        self.chats.setdefault(sent.chat_id, []).append({**message, "outgoing": True})
        async with self._sent_event:
            self.sent.append(sent)
            self._sent_event.notify_all()
        self._changed()

    async def _api_sendmessage(self, bot: _Bot, params: dict[str, Any]) -> dict[str, Any]:
        chat_id = int(params["chat_id"])
        raw, mode = str(params.get("text", "")), params.get("parse_mode")
        plain = check_text(raw, mode)
        markup = params.get("reply_markup")
        check_reply_markup(markup)
        message = self._bot_message(bot, chat_id, params, text=plain, html=raw if mode else None)
        sent = SentMessage(
            "sendMessage", chat_id, message["message_id"], plain, raw, mode, markup,
            reply_to=(message.get("reply_to_message") or {}).get("message_id"),
        )  # fmt: skip
        await self._record(message, sent)
        return {k: v for k, v in message.items() if k != "html"}

    async def _api_editmessagetext(self, bot: _Bot, params: dict[str, Any]) -> dict[str, Any]:
        chat_id, message_id = int(params["chat_id"]), int(params["message_id"])
        raw, mode = str(params.get("text", "")), params.get("parse_mode")
        plain = check_text(raw, mode)
        markup = params.get("reply_markup")
        check_reply_markup(markup)
        original = self._find(chat_id, message_id)
        if original is None or not original.get("outgoing"):
            raise ValidationError("Bad Request: message to edit not found")
        if original.get("text") == plain and original.get("reply_markup") == markup:
            raise ValidationError(
                "Bad Request: message is not modified: specified new message content and reply "
                "markup are exactly the same as a current content and reply markup of the message"
            )
        original.update(text=plain, html=raw if mode else None, edit_date=int(time.time()))
        original.pop("reply_markup", None)
        if markup:
            original["reply_markup"] = markup
        sent = SentMessage(
            "editMessageText", chat_id, message_id, plain, raw, mode, markup, edited=True
        )
        async with self._sent_event:
            self.sent.append(sent)
            self._sent_event.notify_all()
        self._changed()
        return {k: v for k, v in original.items() if k not in ("outgoing", "html")}

    async def _api_editmessagereplymarkup(
        self, bot: _Bot, params: dict[str, Any]
    ) -> dict[str, Any]:
        chat_id, message_id = int(params["chat_id"]), int(params["message_id"])
        markup = params.get("reply_markup")
        check_reply_markup(markup)
        original = self._find(chat_id, message_id)
        if original is None:
            raise ValidationError("Bad Request: message to edit not found")
        original.pop("reply_markup", None)
        if markup:
            original["reply_markup"] = markup
        original["edit_date"] = int(time.time())
        self._changed()
        return {k: v for k, v in original.items() if k not in ("outgoing", "html")}

    async def _api_answercallbackquery(self, bot: _Bot, params: dict[str, Any]) -> bool:
        if len(str(params.get("text") or "")) > 200:
            raise ValidationError("Bad Request: MESSAGE_TOO_LONG")
        self.callback_answers.append(params)
        return True

    async def _api_sendchataction(self, bot: _Bot, params: dict[str, Any]) -> bool:
        return True

    async def _api_deletemessage(self, bot: _Bot, params: dict[str, Any]) -> bool:
        chat = self.chats.get(int(params["chat_id"]), [])
        chat[:] = [m for m in chat if m["message_id"] != int(params["message_id"])]
        self._changed()
        return True

    def _store_file(
        self, content: bytes, name: str, mime_type: str | None, *, folder: str = "documents"
    ) -> _File:
        """Kept under a path like Telegram's ("documents/file_3.pdf", "photos/file_4.jpg"):
        never the sender's file name, which may hold any character."""
        file_id = f"F{secrets.token_hex(12)}"
        suffix = name.rsplit(".", 1)[-1] if "." in name else ""
        if folder == "photos":
            suffix = "jpg"
        ext = f".{suffix.lower()}" if suffix.isascii() and suffix.isalnum() else ""
        path = f"{folder}/file_{len(self.files)}{ext[:9]}"
        stored = _File(file_id, file_id[:12], path, content, name, mime_type)
        self.files[file_id] = stored
        return stored

    async def _send_file(
        self, bot: _Bot, params: dict[str, Any], field_name: str, method: str
    ) -> dict[str, Any]:
        chat_id = int(params["chat_id"])
        upload = params.get(field_name)
        if not isinstance(upload, dict):
            raise ValidationError(f"Bad Request: there is no {field_name} in the request")
        caption_raw, mode = params.get("caption"), params.get("parse_mode")
        caption = check_caption(caption_raw, mode)
        check_reply_markup(params.get("reply_markup"))
        stored = self._store_file(upload["content"], upload["filename"], None)
        info = {
            "file_id": stored.file_id,
            "file_unique_id": stored.unique_id,
            "file_size": len(stored.content),
        }
        content: dict[str, Any]
        if field_name == "photo":
            content = {"photo": [{**info, "width": 1080, "height": 1080}]}
        else:
            content = {"document": {**info, "file_name": stored.name}}
        if caption:
            content["caption"] = caption
        message = self._bot_message(bot, chat_id, params, **content)
        sent = SentMessage(
            method, chat_id, message["message_id"], caption or "", str(caption_raw or ""), mode,
            params.get("reply_markup"),
            document={**info, "file_name": stored.name, "content": stored.content}
            if field_name == "document" else None,
            photo={**info, "content": stored.content} if field_name == "photo" else None,
        )  # fmt: skip
        await self._record(message, sent)
        return message

    async def _api_senddocument(self, bot: _Bot, params: dict[str, Any]) -> dict[str, Any]:
        return await self._send_file(bot, params, "document", "sendDocument")

    async def _api_sendphoto(self, bot: _Bot, params: dict[str, Any]) -> dict[str, Any]:
        return await self._send_file(bot, params, "photo", "sendPhoto")

    async def _api_getfile(self, bot: _Bot, params: dict[str, Any]) -> dict[str, Any]:
        stored = self.files.get(str(params["file_id"]))
        if stored is None:
            raise ValidationError("Bad Request: invalid file_id")
        if len(stored.content) > DOWNLOAD_LIMIT:
            raise ValidationError("Bad Request: file is too big")
        return {
            "file_id": stored.file_id,
            "file_unique_id": stored.unique_id,
            "file_size": len(stored.content),
            "file_path": stored.path,
        }


def _error(status: int, description: str, retry_after: int | None = None) -> web.Response:
    body: dict[str, Any] = {"ok": False, "error_code": status, "description": description}
    if retry_after is not None:
        body["parameters"] = {"retry_after": retry_after}
    return web.json_response(body, status=status)
