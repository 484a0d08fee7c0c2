"""PostgreSQL workbooks for tests: each in a fresh schema of the test server, dropped afterwards."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from typing import Any

import psycopg

from storage.postgres import PostgresWorkbook


def fresh_schema() -> str:
    return f"t_{uuid.uuid4().hex[:16]}"


def postgres_workbook(dsn: str, clock: Callable[[], str] | None = None, **options: Any) -> PostgresWorkbook:
    """A workbook in a new, empty schema of the server at ``dsn``."""
    options.setdefault("schema", fresh_schema())
    return PostgresWorkbook(dsn, clock=clock, **options)


def drop(wb: PostgresWorkbook) -> None:
    """Close ``wb`` and drop its schema with everything in it."""
    wb.close()
    with psycopg.connect(wb.dsn, autocommit=True) as conn:
        conn.execute(f'DROP SCHEMA IF EXISTS "{wb.schema}" CASCADE')
