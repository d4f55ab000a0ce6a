"""A web chat on the emulator: pick a demo user, read their chat with the bot as Telegram would
show it, type, reply, tap buttons, send files, and move the demo clock (`dondoc demo`).

The page (static/index.html, app.js, style.css) needs no build step. The bot's HTML is turned
into a tree of Telegram's own tags here (`telegram_html_tree`) and the page builds DOM nodes
from that tree with textContent, so no stored text ever reaches innerHTML.
"""

from __future__ import annotations

import asyncio
import contextlib
import html
import json
import mimetypes
import re
import urllib.parse
from collections.abc import Awaitable, Callable, Mapping
from dataclasses import dataclass
from datetime import datetime, tzinfo
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

from aiohttp import web

from emulator.server import BotApiEmulator, FakeUser, SentMessage

STATIC = Path(__file__).parent / "static"
LONG_POLL_SECONDS = 20.0
MAX_TEXT = 4096
WEEKDAYS_VI = ("Thứ Hai", "Thứ Ba", "Thứ Tư", "Thứ Năm", "Thứ Sáu", "Thứ Bảy", "Chủ Nhật")

# Telegram's formatting tags, by the name the page renders them with.
TAGS = {
    "b": "b", "strong": "b", "i": "i", "em": "i", "u": "u", "ins": "u", "s": "s",
    "strike": "s", "del": "s", "code": "code", "pre": "pre", "a": "a",
    "blockquote": "blockquote", "tg-spoiler": "spoiler",
}  # fmt: skip
SAFE_SCHEMES = ("http://", "https://", "tg://", "mailto:")

Node = str | dict[str, Any]


class _TreeBuilder(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.root: list[Node] = []
        self.stack: list[tuple[str | None, list[Node]]] = [(None, self.root)]

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        name = TAGS.get(tag)
        if tag == "span" and "tg-spoiler" in (values.get("class") or "").split():
            name = "spoiler"
        if name is None:  # tg-emoji, unknown spans: keep their text only
            self.stack.append((tag, self.stack[-1][1]))
            return
        node: dict[str, Any] = {"tag": name, "children": []}
        if name == "a":
            href = (values.get("href") or "").strip()
            if href.lower().startswith(SAFE_SCHEMES):
                node["href"] = href
        if name == "code":
            language = (values.get("class") or "").removeprefix("language-")
            if language and language.replace("-", "").isalnum():
                node["language"] = language
        self.stack[-1][1].append(node)
        self.stack.append((tag, node["children"]))

    def handle_endtag(self, tag: str) -> None:
        for depth in range(len(self.stack) - 1, 0, -1):
            if self.stack[depth][0] == tag:
                del self.stack[depth:]
                return

    def handle_data(self, data: str) -> None:
        children = self.stack[-1][1]
        if children and isinstance(children[-1], str):
            children[-1] += data
        else:
            children.append(data)


def telegram_html_tree(html: str) -> list[Node]:
    """The bot's HTML as a tree: strings for text, {"tag", "children"[, "href"]} for Telegram's
    tags (b, i, u, s, code, pre, a, blockquote, spoiler); anything else keeps only its text."""
    builder = _TreeBuilder()
    builder.feed(html)
    builder.close()
    return builder.root


@dataclass(frozen=True)
class ChatUser:
    """A demo user the page can chat as."""

    user: FakeUser
    label: str
    role: str

    @property
    def name(self) -> str:
        return f"{self.user.first_name} {self.user.last_name}".strip()


Clock = Callable[[], datetime]
ClockMover = Callable[[str], Awaitable[None]]


class WebChat:
    """The web chat's routes on the emulator's aiohttp app (install before the server starts)."""

    def __init__(
        self,
        emulator: BotApiEmulator,
        token: str,
        users: list[ChatUser],
        clock: Clock,
        move_clock: ClockMover,
        *,
        tz: tzinfo | None = None,
        strings: Mapping[str, str] | None = None,
        language: str = "vi",
    ) -> None:
        self.emulator = emulator
        # the page's words in the demo's language ("webchat.*" keys; the page falls back to
        # the key itself, so a missing one shows up in the browser test)
        self.strings = dict(strings or {})
        self.language = language
        self.token = token
        self.users = {u.user.id: u for u in users}
        self.order = [u.user.id for u in users]
        self.clock = clock
        self.move_clock = move_clock
        self.tz = tz
        self.version = 0
        self._changed = asyncio.Event()
        self._queries: dict[str, int] = {}  # callback query id → user id
        self._clock_lock = asyncio.Lock()
        self.closing = False
        emulator.on_change.append(self.bump)

    def install(self, app: web.Application) -> None:
        app.router.add_get("/", self._index)
        app.router.add_static("/static/", STATIC, name="webchat-static")
        app.router.add_get("/demo/api/state", self._state)
        app.router.add_post("/demo/api/send", self._send)
        app.router.add_post("/demo/api/press", self._press)
        app.router.add_post("/demo/api/upload", self._upload)
        app.router.add_post("/demo/api/clock", self._clock)
        app.router.add_get("/demo/api/file/{file_id}", self._file)

    def close(self) -> None:
        """Let waiting long polls answer now (the server waits for them when it stops)."""
        self.closing = True
        self.bump()

    def bump(self) -> None:
        self.version += 1
        self._changed.set()
        self._changed = asyncio.Event()

    def stamp(self) -> int:
        """Changes whenever anything the page shows changes (callback answers included)."""
        return self.version + len(self.emulator.callback_answers)

    # -- views ---------------------------------------------------------------------------------
    def clock_view(self) -> dict[str, Any]:
        now = self.clock()
        if self.tz is not None:
            now = now.astimezone(self.tz)
        return {
            "iso": now.isoformat(),
            "weekday": self.weekdays()[now.weekday()],
            "date": f"{now:%d/%m/%Y}",
            "time": f"{now:%H:%M}",
            "zone": str(getattr(now.tzinfo, "key", None) or now.tzname() or ""),
        }

    def _sent_index(self, chat_id: int) -> dict[int, SentMessage]:
        return {
            m.message_id: m
            for m in self.emulator.sent
            if m.chat_id == chat_id and m.method in ("sendDocument", "sendPhoto")
        }

    def message_view(
        self, message: dict[str, Any], chat: list[dict[str, Any]], sent: dict[int, SentMessage]
    ) -> dict[str, Any]:
        outgoing = bool(message.get("outgoing"))
        body: list[Node]
        if message.get("html"):
            body = telegram_html_tree(str(message["html"]))
        elif "text" in message:
            body = [str(message["text"])]
        elif message.get("caption"):
            original = sent.get(message["message_id"])
            if original is not None and original.parse_mode and original.raw_text:
                body = telegram_html_tree(original.raw_text)
            else:
                body = [str(message["caption"])]
        else:
            body = []
        view: dict[str, Any] = {
            "id": message["message_id"],
            "outgoing": outgoing,
            "edited": "edit_date" in message,
            "body": body,
            "text": message.get("text") or message.get("caption") or "",
        }
        quoted = message.get("reply_to_message")
        if quoted:
            current = next((m for m in chat if m["message_id"] == quoted["message_id"]), quoted)
            view["reply"] = {
                "id": quoted["message_id"],
                "from_bot": bool(current.get("from", {}).get("is_bot")),
                "name": _sender_name(current),
                "text": _preview(current),
            }
        rows = (message.get("reply_markup") or {}).get("inline_keyboard") or []
        if rows:
            view["buttons"] = [
                [
                    {"text": b.get("text", ""), "data": b.get("callback_data")}
                    | ({"url": b["url"]} if str(b.get("url", "")).startswith(SAFE_SCHEMES) else {})
                    for b in row
                ]
                for row in rows
            ]
        document = message.get("document")
        if document:
            view["document"] = {
                "file_id": document["file_id"],
                "name": document.get("file_name") or "file",
                "size": document.get("file_size") or 0,
                "url": f"/demo/api/file/{document['file_id']}",
            }
        photos = message.get("photo")
        if photos:
            biggest = photos[-1]
            view["photo"] = {
                "file_id": biggest["file_id"],
                "url": f"/demo/api/file/{biggest['file_id']}?inline=1",
            }
        return view

    def state(self, user_id: int | None) -> dict[str, Any]:
        users = []
        for uid in self.order:
            chat = self.emulator.chats.get(uid, [])
            item = self.users[uid]
            users.append(
                {
                    "id": uid,
                    "name": item.name,
                    "label": item.label,
                    "role": item.role,
                    "bot_messages": sum(1 for m in chat if m.get("outgoing")),
                }
            )
        result: dict[str, Any] = {
            "version": self.stamp(),
            "clock": self.clock_view(),
            "bot": self.emulator.bot(self.token).username,
            "users": users,
        }
        if user_id is not None:
            chat = self.emulator.chats.get(user_id, [])
            sent = self._sent_index(user_id)
            result["messages"] = [self.message_view(m, chat, sent) for m in chat]
            result["alerts"] = [
                {"seq": seq, "text": answer.get("text"), "alert": bool(answer.get("show_alert"))}
                for seq, answer in enumerate(self.emulator.callback_answers)
                if answer.get("text")
                and self._queries.get(str(answer.get("callback_query_id"))) == user_id
            ]
        return result

    # -- handlers ------------------------------------------------------------------------------
    def weekdays(self) -> tuple[str, ...]:
        names = tuple(self.strings.get("webchat.weekdays", "").split(","))
        return names if len(names) == 7 else WEEKDAYS_VI

    async def _index(self, request: web.Request) -> web.StreamResponse:
        """The page with its words filled in (escaped) and handed to the script as JSON."""
        page = (STATIC / "index.html").read_text(encoding="utf-8")

        def word(match: re.Match[str]) -> str:
            key = match.group(1)
            if key == "lang":
                return html.escape(self.language)
            if key == "strings":  # inside a script element: no "</" may close it early
                return json.dumps(self.strings, ensure_ascii=False).replace("</", "<\\/")
            return html.escape(self.strings.get(key, key))

        body = re.sub(r"\{\{([\w.]+)\}\}", word, page)
        return web.Response(
            text=body, content_type="text/html", headers={"Cache-Control": "no-store"}
        )

    def _user(self, value: Any) -> ChatUser:
        try:
            return self.users[int(value)]
        except (TypeError, ValueError, KeyError):
            raise web.HTTPBadRequest(text="unknown demo user") from None

    async def _state(self, request: web.Request) -> web.Response:
        user = self._user(request.query["user"]) if request.query.get("user") else None
        since = request.query.get("since")
        if since is not None and since.lstrip("-").isdigit():
            loop = asyncio.get_running_loop()
            deadline = loop.time() + LONG_POLL_SECONDS
            while self.stamp() == int(since) and loop.time() < deadline and not self.closing:
                waiter = self._changed
                with contextlib.suppress(TimeoutError):
                    await asyncio.wait_for(waiter.wait(), 0.5)
        return web.json_response(self.state(user.user.id if user else None))

    async def _json(self, request: web.Request) -> dict[str, Any]:
        _same_origin(request)
        try:
            data = await request.json()
        except ValueError:
            raise web.HTTPBadRequest(text="expected a JSON body") from None
        if not isinstance(data, dict):
            raise web.HTTPBadRequest(text="expected a JSON object")
        return data

    async def _send(self, request: web.Request) -> web.Response:
        data = await self._json(request)
        user = self._user(data.get("user"))
        text = str(data.get("text") or "").strip()
        if not text:
            raise web.HTTPBadRequest(text="empty message")
        if len(text) > MAX_TEXT:
            raise web.HTTPBadRequest(text="message too long")
        reply_to = _int_or_none(data.get("reply_to"))
        self.emulator.send_text(self.token, user.user, text, reply_to=reply_to)
        return web.json_response({"ok": True})

    async def _press(self, request: web.Request) -> web.Response:
        data = await self._json(request)
        user = self._user(data.get("user"))
        message_id = _int_or_none(data.get("message_id"))
        callback = str(data.get("data") or "")
        chat = self.emulator.chats.get(user.user.id, [])
        message = next((m for m in chat if m["message_id"] == message_id), None)
        buttons = [
            b.get("callback_data")
            for row in ((message or {}).get("reply_markup") or {}).get("inline_keyboard", [])
            for b in row
        ]
        if message is None or callback not in buttons:
            raise web.HTTPBadRequest(text="no such button")
        target = SentMessage("sendMessage", user.user.id, message["message_id"], "", "", None, None)
        update = self.emulator.press_button(self.token, user.user, target, callback)
        self._queries[update["callback_query"]["id"]] = user.user.id
        return web.json_response({"ok": True})

    async def _upload(self, request: web.Request) -> web.Response:
        _same_origin(request)
        fields: dict[str, str] = {}
        name, content, mime = "", b"", "application/octet-stream"
        reader = await request.multipart()
        async for part in reader:
            if part.name == "file" and getattr(part, "filename", None):
                name = str(part.filename)  # type: ignore[union-attr]
                content = await part.read()  # type: ignore[union-attr]
                mime = part.headers.get("Content-Type") or mime
            elif part.name:
                fields[part.name] = await part.text()  # type: ignore[union-attr]
        user = self._user(fields.get("user"))
        if not name:
            raise web.HTTPBadRequest(text="no file")
        if mime == "application/octet-stream":
            mime = mimetypes.guess_type(name)[0] or mime
        self.emulator.send_document(
            self.token,
            user.user,
            Path(name).name,
            bytes(content),
            caption=(fields.get("caption") or "").strip() or None,
            mime_type=mime,
            reply_to=_int_or_none(fields.get("reply_to")),
        )
        return web.json_response({"ok": True})

    async def _clock(self, request: web.Request) -> web.Response:
        data = await self._json(request)
        action = str(data.get("action") or "")
        if action not in ("next_day", "hour"):
            raise web.HTTPBadRequest(text="action must be next_day or hour")
        async with self._clock_lock:
            await self.move_clock(action)
        self.bump()
        return web.json_response({"ok": True, "clock": self.clock_view()})

    async def _file(self, request: web.Request) -> web.Response:
        stored = self.emulator.files.get(request.match_info["file_id"])
        if stored is None:
            raise web.HTTPNotFound(text="no such file")
        name = stored.name or "file"
        mime = stored.mime_type or mimetypes.guess_type(name)[0] or "application/octet-stream"
        disposition = "inline" if request.query.get("inline") else "attachment"
        quoted = urllib.parse.quote(name, safe="")
        ascii_name = name.encode("ascii", "replace").decode().replace('"', "_")
        return web.Response(
            body=stored.content,
            content_type=mime,
            headers={
                "Content-Disposition": (
                    f"{disposition}; filename=\"{ascii_name}\"; filename*=UTF-8''{quoted}"
                ),
                "X-Content-Type-Options": "nosniff",
                "Cache-Control": "private, max-age=86400",  # a file id never changes content
            },
        )


def _same_origin(request: web.Request) -> None:
    """Refuse posts that another site's page makes to the local demo."""
    origin = request.headers.get("Origin")
    if origin and urllib.parse.urlsplit(origin).netloc != request.host:
        raise web.HTTPForbidden(text="cross-origin request refused")


def _int_or_none(value: Any) -> int | None:
    try:
        return int(value) if value not in (None, "") else None
    except (TypeError, ValueError):
        return None


def _sender_name(message: dict[str, Any]) -> str:
    sender = message.get("from") or {}
    return " ".join(p for p in (sender.get("first_name"), sender.get("last_name")) if p)


def _preview(message: dict[str, Any], limit: int = 90) -> str:
    if message.get("document"):
        text = "📄 " + str(message["document"].get("file_name") or "")
    elif message.get("photo"):
        text = "🖼 " + str(message.get("caption") or "")
    else:
        text = str(message.get("text") or message.get("caption") or "")
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"
