"""What the bot asked and what a reply refers to: no Telegram here, only ids and the database.

The bot records each message an officer may answer (a reminder, a confirmation, a note prompt,
a question) as an `About`; a reply is read against the one it answers (`context_for`), once
(`reading.read`), and questions wait server-side under a short id bound to their owner
(`pending`). Stale questions are forgotten (`forget_stale`).
"""

from conversation.model import (
    FIGURES,
    FIGURES_DONE,
    NOTE_WINDOW,
    QUESTION_TTL,
    REPLY_WINDOW,
    About,
    Context,
    Pending,
    reminder_about,
)
from conversation.store import (
    close,
    context_for,
    forget_stale,
    pending,
    record_sent,
    remember_question,
    source_of,
    take_pending,
)

__all__ = [
    "FIGURES",
    "FIGURES_DONE",
    "NOTE_WINDOW",
    "QUESTION_TTL",
    "REPLY_WINDOW",
    "About",
    "Context",
    "Pending",
    "close",
    "context_for",
    "forget_stale",
    "pending",
    "record_sent",
    "remember_question",
    "reminder_about",
    "source_of",
    "take_pending",
]
