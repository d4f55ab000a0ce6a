"""Bounds on what reading one document may cost: bytes after decompression, elements, time,
memory. Checked where the data enters, before a library expands it."""

from __future__ import annotations

import io
import zipfile
from dataclasses import dataclass

from plans.errors import DocumentError


@dataclass(frozen=True)
class ReadLimits:
    """What one document may expand to; the defaults fit every real plan with a wide margin."""

    max_bytes: int = 20_000_000  # the upload itself
    max_unzipped_bytes: int = 60_000_000  # sum of the members of a .docx/.xlsx
    max_zip_members: int = 2_000
    max_compression_ratio: int = 200  # one member's size over its compressed size
    max_paragraphs: int = 20_000  # paragraphs + table rows of the whole document
    max_pages: int = 400
    max_cells: int = 200_000  # spreadsheet cells
    seconds: float = 60.0
    memory_bytes: int = 1_500_000_000


DEFAULT_LIMITS = ReadLimits()


def check_zip(data: bytes, limits: ReadLimits, *, kind: str) -> zipfile.ZipFile:
    """Open a .docx/.xlsx package after checking, from its directory alone, that it does not
    expand past the limits (a zip bomb is refused before any member is read)."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        members = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError, EOFError) as exc:
        raise DocumentError(f"corrupt_{kind}", reason=type(exc).__name__) from exc
    if len(members) > limits.max_zip_members:
        raise DocumentError("zip_bomb", members=len(members), limit_mb=_mb(limits))
    total = sum(max(0, m.file_size) for m in members)
    if total > limits.max_unzipped_bytes:
        raise DocumentError("zip_bomb", size=total, limit_mb=_mb(limits))
    for member in members:
        if member.file_size > 1_000_000 and member.file_size > (
            max(1, member.compress_size) * limits.max_compression_ratio
        ):
            raise DocumentError("zip_bomb", size=member.file_size, limit_mb=_mb(limits))
    return archive


def read_member(archive: zipfile.ZipFile, name: str, limits: ReadLimits) -> bytes:
    """One member of a checked package, read with a cap in case its header lied about its size."""
    with archive.open(name) as handle:
        data = handle.read(limits.max_unzipped_bytes + 1)
    if len(data) > limits.max_unzipped_bytes:
        raise DocumentError("zip_bomb", size=len(data), limit_mb=_mb(limits))
    return data


def _mb(limits: ReadLimits) -> int:
    return limits.max_unzipped_bytes // 1_000_000
