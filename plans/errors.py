"""The one error a plan document can raise; its `code` is rendered into Vietnamese by the bot."""

from __future__ import annotations


class DocumentError(Exception):
    """A document that cannot be imported; `code` is rendered into Vietnamese by the bot."""

    def __init__(self, code: str, **params: object) -> None:
        super().__init__(code)
        self.code = code
        self.params: dict = dict(params)


ERROR_CODES = (
    "empty",
    "binary",
    "too_large",
    "corrupt_docx",
    "corrupt_xlsx",
    "encrypted",
    "unsupported_format",
    "no_tasks",
    "appendix_missing",
    "no_columns",
    "pdf_no_text",
    "zip_bomb",
    "too_many_paragraphs",
    "too_many_pages",
    "timeout",
    "too_much_memory",
)
