"""Picking rows by value (``core.ports.MatchingRows``), for the stores that offer it (SQLite and
PostgreSQL; a Google Sheet is read whole). A reviewer's cold page reads the yearly ratings and
grants of the few dozen persons in its queue this way: a row missed here would be a prerequisite
judged without the record that decides it, so the answer may hold more rows, never fewer."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import psycopg
import pytest

from core.ports import MatchingRows, Workbook
from schemas.registry import headers
from storage.postgres import PostgresWorkbook
from storage.sqlite import SqliteWorkbook

from .conftest import BACKENDS, TickingClock, opened

PICKING = [p for p in BACKENDS if p.id != "gsheets-emulator"]


@pytest.fixture(params=PICKING)
def book(request: pytest.FixtureRequest, tmp_path: Path, clock: TickingClock) -> Iterator[Workbook]:
    for wb in opened(request, tmp_path, clock):
        wb.ensure_tabs(headers())
        yield wb


def rating(person: str, year: int, task: str = "HTTNV") -> dict[str, Any]:
    return {"person_id": person, "year": year, "task_rating": task, "discipline": "NONE"}


def sql(book: Workbook, statement: str) -> None:
    """An edit made beside the app (a database tool), as a careless admin would."""
    if isinstance(book, PostgresWorkbook):
        with psycopg.connect(book.dsn, autocommit=True) as conn:
            conn.execute(statement.replace("person_years", f'"{book.schema}".person_years'))
    elif isinstance(book, SqliteWorkbook) and book.path == ":memory:":  # no other connection reaches it
        with book._lock:
            book._conn.execute(statement)
            book._conn.commit()
    else:
        assert isinstance(book, SqliteWorkbook)
        with sqlite3.connect(book.path) as conn:
            conn.execute(statement)


def test_the_rows_holding_the_values_come_typed_as_a_whole_read_types_them(book: Workbook) -> None:
    assert isinstance(book, MatchingRows)
    book.append(
        "person_years",
        [
            rating(f"P{i:03d}", year, "HTXSNV" if i % 7 == 0 else "HTTNV")
            for i in range(60)
            for year in (2023, 2024)
        ],
        actor="seed",
    )
    wanted = {"P007", "P021", "P999"}
    picked = book.read_matching("person_years", {"person_id": wanted})
    whole = book.read("person_years")
    expected = whole[whole["person_id"].isin(wanted)].reset_index(drop=True)
    assert list(picked.columns) == list(whole.columns)
    assert picked.dtypes.to_dict() == whole.dtypes.to_dict()
    assert picked.reset_index(drop=True).equals(expected)


def test_either_column_may_hold_a_value(book: Workbook) -> None:
    assert isinstance(book, MatchingRows)
    book.append(
        "person_years", [rating("P001", 2023), rating("P002", 2023), rating("P003", 2024)], actor="seed"
    )
    picked = book.read_matching("person_years", {"person_id": {"P001"}, "id": set()})
    assert set(picked["person_id"]) == {"P001"}
    assert book.read_matching("person_years", {"person_id": set()}).empty


def test_a_cell_typed_beside_the_app_with_stray_spaces_is_not_missed(book: Workbook) -> None:
    """Typing cleans " P001 " into "P001": the store cannot compare it, so it hands the row over."""
    assert isinstance(book, MatchingRows)
    book.append(
        "person_years", [rating("P001", 2023), rating("P002", 2023), rating("P003", 2023)], actor="seed"
    )
    sql(book, "UPDATE person_years SET person_id = ' P001 ' WHERE person_id = 'P001'")
    sql(book, "UPDATE person_years SET person_id = 'Nguyễn P003' WHERE person_id = 'P003'")
    picked = book.read_matching("person_years", {"person_id": {"P001"}})
    assert "P001" in set(picked["person_id"])  # as a whole read types it
    assert "P002" not in set(picked["person_id"])


def test_a_tab_not_created_yet_has_no_rows_and_an_unknown_column_is_refused(
    tmp_path: Path, book: Workbook
) -> None:
    assert isinstance(book, MatchingRows)
    fresh = SqliteWorkbook(tmp_path / "empty.sqlite")
    try:
        assert fresh.read_matching("person_years", {"person_id": {"P001"}}).empty
    finally:
        fresh.close()
    with pytest.raises(ValueError, match="no column"):
        book.read_matching("person_years", {"ho_ten": {"P001"}})
