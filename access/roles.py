"""The words admins use for a role ("cán bộ", "điều phối", "quản trị", and the English names),
read from the end of a command's words (pure; the words are data)."""

from __future__ import annotations

from domain.status import Role
from domain.text import fold

ROLE_WORDS: dict[Role, tuple[str, ...]] = {
    Role.OFFICER: (
        "officer", "can bo", "cb", "chuyen vien", "cv", "can bo dau moi", "dau moi", "bao cao",
    ),
    Role.COORDINATOR: (
        "coordinator", "dieu phoi", "theo doi", "tong hop", "dieu phoi vien", "theo doi tong hop",
    ),
    Role.ADMIN: ("admin", "quan tri", "quan tri vien", "qtv"),
}  # fmt: skip
_BY_WORDS = {words: role for role, all_words in ROLE_WORDS.items() for words in all_words}
_LONGEST = max(len(words.split()) for words in _BY_WORDS)


def role_at_end(words: list[str]) -> tuple[int, Role] | None:
    """(how many words name it, the role) when the words end with a role's name."""
    folded = [fold(w) for w in words]
    for size in range(min(_LONGEST, len(words)), 0, -1):
        role = _BY_WORDS.get(" ".join(folded[-size:]))
        if role is not None:
            return size, role
    return None
