"""HTML built from templates that escape every value unless it is already `Markup`."""

from __future__ import annotations

import html
from collections.abc import Iterable
from string import Template
from urllib.parse import quote

from texts import Html


class Markup(Html):
    """A fragment that is already safe HTML (built from escaped parts). It is the catalogue's
    `Html` too, so a value escaped here is not escaped again by `Texts`: one escaping layer."""

    __slots__ = ()


def esc(value: object) -> Markup:
    """Escape for text and attribute values (quotes too); Markup passes through."""
    if isinstance(value, Markup):
        return value
    return Markup(html.escape("" if value is None else str(value), quote=True))


def render(template: str, /, **values: object) -> Markup:
    """`render("<a href='$url'>$name</a>", url=…, name=…)`: every value escaped."""
    return Markup(Template(template).substitute({k: esc(v) for k, v in values.items()}))


def join(parts: Iterable[Markup | str], sep: str = "") -> Markup:
    return Markup(esc(sep).join(esc(p) for p in parts))


def url_part(value: object) -> str:
    return quote(str(value), safe="")
