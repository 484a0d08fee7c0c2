"""Picking rows by value is a lookup on PostgreSQL, not a scan: the guard's read of its persons'
records at a million submissions must not read the 2.4 million rows of the person tabs.

What the user notices is time (docs/benchmarks.md, *PostgreSQL beside SQLite*); what is checked
here is the layout that makes it: every column the services pick rows by has the indexes, the
query is one the planner can answer from them alone, and a store made by the previous layout
gets them at its next start.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import psycopg
import pytest

from schemas.registry import PICKED_BY, headers
from services import prerequisites
from storage.postgres import PostgresWorkbook, ddl
from tests.postgres_support import drop, postgres_workbook


@pytest.fixture
def wb(postgres_dsn: str) -> Iterator[PostgresWorkbook]:
    made = postgres_workbook(postgres_dsn)
    made.ensure_tabs(headers())
    yield made
    drop(made)


def _indexes(dsn: str, schema: str, tab: str) -> set[str]:
    with psycopg.connect(dsn) as conn:
        rows = conn.execute(
            "SELECT indexname FROM pg_indexes WHERE schemaname = %s AND tablename = %s", (schema, tab)
        )
        return {r[0] for r in rows.fetchall()}


def _plan(dsn: str, schema: str, tab: str, columns: list[str]) -> str:
    header = list(headers()[tab])
    query = ddl.matching_select(schema, tab, header, columns)
    with psycopg.connect(dsn) as conn:
        conn.execute("SET enable_seqscan = off")  # a table of a few rows would be scanned anyway
        rows = conn.execute(f"EXPLAIN {query}", [["P1", "P2"] for _ in columns]).fetchall()
    return "\n".join(r[0] for r in rows)


def test_every_picked_column_is_answered_from_indexes_without_a_scan(wb: PostgresWorkbook) -> None:
    for tab, columns in PICKED_BY.items():
        plan = _plan(wb.dsn, wb.schema, tab, list(columns))
        assert "Seq Scan" not in plan, plan
        assert "Bitmap Index Scan" in plan or "Index Scan" in plan, plan


def test_a_store_of_the_previous_layout_gets_the_indexes_at_its_next_start(wb: PostgresWorkbook) -> None:
    dsn, schema = wb.dsn, wb.schema
    wb.append("persons", [{"full_name": "Trần Văn Bình", "unit_id": "HN-CDCS-001"}], actor="seed")
    with psycopg.connect(dsn, autocommit=True) as conn:  # as layout 2 left it
        for tab in PICKED_BY:
            for name in _indexes(dsn, schema, tab):
                if name.endswith(("_pick", "_odd")):
                    conn.execute(f'DROP INDEX "{schema}"."{name}"')
        conn.execute(f"UPDATE \"{schema}\"._state SET value = '2' WHERE key = 'layout'")
    assert not any(n.endswith("_odd") for n in _indexes(dsn, schema, "persons"))
    wb.ensure_tabs(headers())
    assert {"persons_unit_id_pick", "persons_unit_id_odd", "persons_id_odd"} <= _indexes(
        dsn, schema, "persons"
    )
    assert list(wb.read_matching("persons", {"unit_id": {"HN-CDCS-001"}})["full_name"]) == ["Trần Văn Bình"]


def test_the_guard_picks_rows_only_in_the_indexed_columns(wb: PostgresWorkbook) -> None:
    """A column the guard starts picking by, without an index, would be a scan of millions of rows."""
    asked: list[tuple[str, tuple[str, ...]]] = []

    def matching(tab: str, where: Any) -> Any:
        asked.append((tab, tuple(where)))
        return wb.read_matching(tab, where)

    wb.append("persons", [{"id": "P1", "full_name": "Lê Thị Hoa", "unit_id": "HN-CDCS-001"}], actor="seed")
    rows = [{"unit_id": "HN-CDCS-001", "person_id": "P1", "award_code": "LDTT", "year": 2025}]
    frames = wb.read_many(["nominations", "initiatives", "units"])
    prerequisites.history_for_rows(frames, rows, matching=matching)
    assert {tab for tab, _ in asked} == set(PICKED_BY)
    assert all(set(columns) <= set(PICKED_BY[tab]) for tab, columns in asked), asked
