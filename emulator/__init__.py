"""Local Telegram Bot API emulator: the fake server of the tests and of `dondoc demo`."""

from emulator.server import ApiError, BotApiEmulator, FakeUser, SentMessage

__all__ = ["ApiError", "BotApiEmulator", "FakeUser", "SentMessage"]
