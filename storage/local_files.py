"""Dossier files in a folder on disk (:class:`core.ports.FileStore`): the SQLite store keeps them in
``<database>.files/<campaign>/`` beside its file, so a backup of the folder and the file go together.

A reference is ``<campaign>/<ulid>-<name>``: unique per upload, never reused, never overwritten; a
reference that leaves the folder (``..``, an absolute path) is refused.
"""

from __future__ import annotations

import os
import re
import tempfile
import unicodedata
from pathlib import Path

from ulid import ULID

_UNSAFE = re.compile(r"[^A-Za-z0-9._-]+")


def safe_name(name: str, limit: int = 120) -> str:
    """A file name without accents, spaces or path separators ("Tờ trình 01.pdf" -> "To-trinh-01.pdf")."""
    base = unicodedata.normalize("NFKD", name.replace("đ", "d").replace("Đ", "D"))
    base = "".join(c for c in base if not unicodedata.combining(c))
    base = _UNSAFE.sub("-", base).strip(".-") or "file"
    return base[-limit:]


class FolderFiles:
    """Files under one root folder (created on first use)."""

    def __init__(self, root: Path | None) -> None:
        self._root = root

    @property
    def root(self) -> Path:
        if self._root is None:  # an in-memory store: a private temporary folder for its lifetime
            self._root = Path(tempfile.mkdtemp(prefix="thidua-files-"))
        return self._root

    def put_file(self, folder: str, name: str, data: bytes, mime: str) -> str:
        """Write ``data`` atomically (a temporary file renamed into place); returns the reference."""
        ref = f"{safe_name(folder, 80)}/{ULID()}-{safe_name(name)}"
        path = self._path(ref)
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".upload-")
        try:
            with os.fdopen(fd, "wb") as out:
                out.write(data)
                out.flush()
                os.fsync(out.fileno())
            os.replace(tmp, path)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
        return ref

    def get_file(self, ref: str) -> bytes:
        return self._path(ref).read_bytes()

    def _path(self, ref: str) -> Path:
        root = self.root.resolve()
        path = (root / ref).resolve()
        if root not in path.parents:
            raise FileNotFoundError(ref)
        return path
