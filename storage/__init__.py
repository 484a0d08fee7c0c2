"""Storage adapters implementing :class:`core.ports.Workbook`, found through one registry.

A new backend is one module, one entry in :data:`BACKENDS` and one ``pytest.param`` in
``tests/contract/conftest.py``. Importing this package opens nothing: connections are made by
:func:`open_workbook`, called from ``bootstrap.build()``.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from core.ports import Workbook
from storage.gsheets import GoogleSheetsWorkbook
from storage.postgres import PostgresWorkbook
from storage.sqlite import SqliteWorkbook

__all__ = ["BACKENDS", "GoogleSheetsWorkbook", "PostgresWorkbook", "SqliteWorkbook", "open_workbook"]

#: Backend name -> factory taking the backend's options as keywords.
BACKENDS: dict[str, Callable[..., Workbook]] = {
    "sqlite": SqliteWorkbook,  # options: path (file or ":memory:"), clock, replica, snapshot_min_rows
    "gsheets": GoogleSheetsWorkbook,  # options: spreadsheet (key or URL), credentials, clock
    "postgres": PostgresWorkbook,  # options: dsn, schema, clock, pool_size, listen, replica, retry_seconds
}


def open_workbook(kind: str, **options: Any) -> Workbook:
    """Open the workbook of backend ``kind`` with its ``options``; unknown kinds name the known ones."""
    try:
        factory = BACKENDS[kind]
    except KeyError:
        raise ValueError(f"unknown storage backend {kind!r}; known: {', '.join(sorted(BACKENDS))}") from None
    return factory(**options)
