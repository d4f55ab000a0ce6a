"""What Telegram rejects: malformed HTML, over-long texts, bad buttons and commands."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from typing import Any

MAX_TEXT = 4096
MAX_CAPTION = 1024
MAX_CALLBACK_DATA = 64
ALLOWED_TAGS = {
    "b", "strong", "i", "em", "u", "ins", "s", "strike", "del", "span", "tg-spoiler",
    "a", "code", "pre", "blockquote", "tg-emoji",
}  # fmt: skip
_BAD_AMP = re.compile(r"&(?!(?:lt|gt|amp|quot|#\d+|#x[0-9a-fA-F]+);)")
_BAD_LT = re.compile(r"<(?!/?[a-zA-Z][a-zA-Z-]*(?:\s[^<>]*)?>)")
_COMMAND = re.compile(r"^[a-z0-9_]{1,32}$")


class ValidationError(Exception):
    """A request Telegram would answer with 400 Bad Request."""


def utf16_len(text: str) -> int:
    return len(text.encode("utf-16-le")) // 2


class _EntityParser(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=False)
        self.stack: list[str] = []
        self.length = 0
        self.plain: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag not in ALLOWED_TAGS:
            raise ValidationError(f'Can\'t parse entities: unsupported start tag "{tag}"')
        if tag == "a" and not dict(attrs).get("href"):
            raise ValidationError("Can't parse entities: a tag without href")
        self.stack.append(tag)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        raise ValidationError(f'Can\'t parse entities: unsupported self-closing tag "{tag}"')

    def handle_endtag(self, tag: str) -> None:
        if not self.stack or self.stack[-1] != tag:
            raise ValidationError(
                f"Can't parse entities: can't find end tag corresponding to {tag}"
            )
        self.stack.pop()

    def handle_data(self, data: str) -> None:
        self.plain.append(data)

    def handle_entityref(self, name: str) -> None:
        self.plain.append({"lt": "<", "gt": ">", "amp": "&", "quot": '"'}[name])

    def handle_charref(self, name: str) -> None:
        code = int(name[1:], 16) if name.lower().startswith("x") else int(name)
        self.plain.append(chr(code))


def plain_text(text: str, parse_mode: str | None) -> str:
    """The text as the user sees it; raises ValidationError where Telegram would refuse it."""
    if not parse_mode:
        return text
    if parse_mode.upper() != "HTML":
        raise ValidationError(f"unsupported parse_mode in the emulator: {parse_mode}")
    if match := _BAD_AMP.search(text):
        raise ValidationError(
            f"Can't parse entities: character '&' is reserved (byte offset {match.start()})"
        )
    if match := _BAD_LT.search(text):
        raise ValidationError(f"Can't parse entities: unsupported start tag at {match.start()}")
    parser = _EntityParser()
    parser.feed(text)
    parser.close()
    if parser.stack:
        raise ValidationError(f"Can't parse entities: can't find end tag for {parser.stack[-1]}")
    return "".join(parser.plain)


def check_text(text: str | None, parse_mode: str | None, *, limit: int = MAX_TEXT) -> str:
    if text is None or not str(text).strip():
        raise ValidationError("Bad Request: message text is empty")
    plain = plain_text(str(text), parse_mode)
    if not plain.strip():
        raise ValidationError("Bad Request: message text is empty")
    if utf16_len(plain) > limit:
        raise ValidationError("Bad Request: message is too long")
    return plain


def check_caption(caption: str | None, parse_mode: str | None) -> str | None:
    if caption is None:
        return None
    plain = plain_text(str(caption), parse_mode)
    if utf16_len(plain) > MAX_CAPTION:
        raise ValidationError("Bad Request: message caption is too long")
    return plain


def check_reply_markup(markup: dict[str, Any] | None) -> None:
    if not markup or "inline_keyboard" not in markup:
        return
    for row in markup["inline_keyboard"]:
        for button in row:
            if not str(button.get("text", "")).strip():
                raise ValidationError(
                    "Bad Request: text buttons are unallowed in the inline keyboard"
                )
            data = button.get("callback_data")
            if data is not None and not 1 <= len(str(data).encode()) <= MAX_CALLBACK_DATA:
                raise ValidationError("Bad Request: BUTTON_DATA_INVALID")
            if data is None and not button.get("url"):
                raise ValidationError("Bad Request: can't parse inline keyboard button")


def check_commands(commands: list[dict[str, Any]]) -> None:
    if len(commands) > 100:
        raise ValidationError("Bad Request: too many commands")
    for command in commands:
        if not _COMMAND.match(str(command.get("command", ""))):
            raise ValidationError("Bad Request: BOT_COMMAND_INVALID")
        if not 1 <= len(str(command.get("description", ""))) <= 256:
            raise ValidationError("Bad Request: command description is invalid")
