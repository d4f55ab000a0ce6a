"""Every sentence the bot says, one catalogue per language; values are HTML-escaped."""

from __future__ import annotations

import html
import re
from collections.abc import Mapping

from periods.labels import Named, period_label
from texts import en, vi

CATALOGUES: Mapping[str, Mapping[str, str]] = {"vi": vi.TEXTS, "en": en.TEXTS}

_TAG = re.compile(r"</?[a-z][^>]*>")


class Html(str):
    """A fragment that is already safe HTML (built from escaped parts); not escaped again."""

    __slots__ = ()


def plain_text(text: str) -> str:
    """A rendered entry as terminal text: no HTML tags, entities decoded."""
    return html.unescape(_TAG.sub("", text))


def escape(value: object) -> str:
    return value if isinstance(value, Html) else html.escape(str(value), quote=False)


class Texts:
    """Renders named templates in one language: `texts("welcome", name=user_name)`."""

    def __init__(self, language: str = "vi") -> None:
        self.language = language
        self.catalogue = CATALOGUES[language]

    def __call__(self, key: str, /, **values: object) -> Html:
        template = self.catalogue.get(key) or CATALOGUES["vi"][key]
        return Html(template.format(**{name: escape(v) for name, v in values.items()}))

    def terminal(self, key: str, /, **values: object) -> str:
        """One entry rendered for a terminal or a log line: plain text, no HTML."""
        return plain_text(self(key, **values))

    def plain(self, key: str) -> str:
        """A template with no placeholders, for button labels and command descriptions."""
        return self.catalogue.get(key) or CATALOGUES["vi"][key]

    def period(self, period: Named) -> str:
        """A period's label in this language, from its kind and key ("Quý IV/2026", "Q4/2026")."""
        return period_label(period, self.plain)

    def join(self, parts: list[str], sep: str = "\n") -> Html:
        return Html(sep.join(escape(p) for p in parts))
