"""A starting app server loads the large tabs from typed snapshots other servers stored in the
database, then fetches only the rows changed since; anything doubtful and it reads the tab whole.

What a person would notice if this went wrong: a new server showing rows that were deleted, missing
rows written after the snapshot, or failing to start on a damaged snapshot. Every test compares the
new server's frames with a full read of the same database (``replica=False``).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pandas as pd
import psycopg
import pytest

from core.ports import Change
from schemas.registry import headers
from storage.postgres import PostgresWorkbook
from storage.postgres.replica import SNAPSHOT_MIN_ROWS
from tests.postgres_support import fresh_schema

ROWS = SNAPSHOT_MIN_ROWS + 500


def nomination(i: int) -> dict[str, Any]:
    return {
        "campaign_id": "C1",
        "unit_id": f"CDCS_{i % 40:02d}",
        "full_name": f"Người {i}",
        "state": "SUBMITTED",
    }


@pytest.fixture
def schema(postgres_dsn: str) -> Iterator[str]:
    name = fresh_schema()
    first = PostgresWorkbook(postgres_dsn, schema=name, listen=False)
    first.ensure_tabs(headers())
    first.close()
    yield name
    with psycopg.connect(postgres_dsn, autocommit=True) as conn:
        conn.execute(f'DROP SCHEMA IF EXISTS "{name}" CASCADE')


def server(dsn: str, schema: str, **options: Any) -> PostgresWorkbook:
    return PostgresWorkbook(dsn, schema=schema, listen=False, **options)


def full_read(dsn: str, schema: str, tab: str) -> pd.DataFrame:
    cold = server(dsn, schema, replica=False)
    try:
        return cold.read(tab)
    finally:
        cold.close()


@pytest.fixture
def stored(postgres_dsn: str, schema: str) -> list[dict[str, Any]]:
    """A large nominations tab, read once by a first server, which stored its snapshot."""
    first = server(postgres_dsn, schema)
    try:
        rows = first.append("nominations", [nomination(i) for i in range(ROWS)], actor="seed")
        first.read("nominations")
        first.flush_snapshots()
        assert first.replica is not None and first.replica.snapshots_written == 1
        return rows
    finally:
        first.close()


def sql(dsn: str, statement: str, *args: Any) -> None:
    with psycopg.connect(dsn, autocommit=True) as conn:
        conn.execute(statement, args)


def test_a_new_server_loads_the_snapshot_then_only_the_rows_changed_since(
    postgres_dsn: str, schema: str, stored: list[dict[str, Any]]
) -> None:
    other = server(postgres_dsn, schema)
    other.update(
        "nominations",
        [
            Change(stored[10]["id"], 1, {"state": "APPROVED"}),
            Change(stored[-1]["id"], 1, {"full_name": "Đổi"}),
        ],
        actor="reviewer",
    )
    other.append("nominations", [nomination(ROWS + 1)], actor="officer")
    other.close()
    new = server(postgres_dsn, schema)
    try:
        got = new.read("nominations")
        assert new.replica is not None
        assert (new.replica.snapshot_loads, new.replica.full_reads, new.replica.delta_rows) == (1, 0, 3)
        pd.testing.assert_frame_equal(got, full_read(postgres_dsn, schema, "nominations"))
        assert got.set_index("id").loc[stored[10]["id"], "state"] == "APPROVED"
        assert len(got) == ROWS + 1
    finally:
        new.close()


def test_rows_deleted_by_hand_after_the_snapshot_make_the_new_server_read_the_tab_whole(
    postgres_dsn: str, schema: str, stored: list[dict[str, Any]]
) -> None:
    sql(postgres_dsn, f'DELETE FROM "{schema}".nominations WHERE id = %s', stored[5]["id"])
    new = server(postgres_dsn, schema)
    try:
        got = new.read("nominations")
        assert new.replica is not None and (new.replica.snapshot_loads, new.replica.full_reads) == (0, 1)
        assert stored[5]["id"] not in set(got["id"]) and len(got) == ROWS - 1
        pd.testing.assert_frame_equal(got, full_read(postgres_dsn, schema, "nominations"))
    finally:
        new.close()


@pytest.mark.parametrize(
    "damage",
    [
        "UPDATE {s}._snapshots SET data = substr(data, 1, length(data) / 2)",  # cut short
        "UPDATE {s}._snapshots SET data = '\\x00'::bytea",  # not Arrow at all
        "UPDATE {s}._snapshots SET table_oid = table_oid + 1",  # another table's (dropped, made again)
        "UPDATE {s}._snapshots SET cursor = cursor + 1000",  # further than the tab: not this database's
    ],
    ids=["cut-short", "not-arrow", "other-table", "ahead-of-the-tab"],
)
def test_a_damaged_or_foreign_snapshot_costs_a_full_read_never_an_error_or_wrong_rows(
    postgres_dsn: str, schema: str, stored: list[dict[str, Any]], damage: str
) -> None:
    sql(postgres_dsn, damage.format(s=f'"{schema}"'))
    new = server(postgres_dsn, schema)
    try:
        got = new.read("nominations")
        assert new.replica is not None and (new.replica.snapshot_loads, new.replica.full_reads) == (0, 1)
        pd.testing.assert_frame_equal(got, full_read(postgres_dsn, schema, "nominations"))
    finally:
        new.close()


def test_a_snapshot_in_several_parts_loads_whole_and_one_with_a_part_missing_is_not_used(
    postgres_dsn: str, schema: str, stored: list[dict[str, Any]]
) -> None:
    writer = server(postgres_dsn, schema)
    writer.SNAPSHOT_PART_BYTES = 20_000  # type: ignore[misc]
    sql(postgres_dsn, f'DELETE FROM "{schema}"._snapshots')
    try:
        writer.read("nominations")
        writer.flush_snapshots()
    finally:
        writer.close()
    with psycopg.connect(postgres_dsn, autocommit=True) as conn:
        (parts,) = conn.execute(f'SELECT count(*) FROM "{schema}"._snapshots').fetchone() or (0,)
    assert parts > 2
    whole = server(postgres_dsn, schema)
    try:
        pd.testing.assert_frame_equal(
            whole.read("nominations"), full_read(postgres_dsn, schema, "nominations")
        )
        assert whole.replica is not None and whole.replica.snapshot_loads == 1
    finally:
        whole.close()
    sql(postgres_dsn, f'DELETE FROM "{schema}"._snapshots WHERE part = 1')
    gap = server(postgres_dsn, schema)
    try:
        gap.read("nominations")
        assert gap.replica is not None and (gap.replica.snapshot_loads, gap.replica.full_reads) == (0, 1)
    finally:
        gap.close()


def test_a_server_that_moved_further_replaces_the_snapshot_and_an_older_one_never_does(
    postgres_dsn: str, schema: str, stored: list[dict[str, Any]]
) -> None:
    def cursor() -> int:
        with psycopg.connect(postgres_dsn, autocommit=True) as conn:
            found = conn.execute(f'SELECT max(cursor) FROM "{schema}"._snapshots').fetchone()
        return int(found[0]) if found and found[0] is not None else -1

    old = server(postgres_dsn, schema, snapshots=False)
    old.read("nominations")  # loads the first snapshot, keeps its own frame at that cursor
    first = cursor()
    busy = server(postgres_dsn, schema)
    busy.append("nominations", [nomination(ROWS + i) for i in range(ROWS // 5)], actor="import")
    busy.read("nominations")  # moved on by more than a tenth since its snapshot: writes again
    busy.flush_snapshots()
    busy.close()
    assert cursor() > first
    newer = cursor()
    assert old.replica is not None
    stale = old.replica._kept["nominations"].state  # the old server writes now, from its older frame
    old._save_snapshot("nominations", b"older", stale.cursor, old.replica._kept["nominations"].oid)
    old.close()
    assert cursor() == newer  # the newer snapshot stays
    new = server(postgres_dsn, schema)
    try:
        pd.testing.assert_frame_equal(new.read("nominations"), full_read(postgres_dsn, schema, "nominations"))
        assert new.replica is not None and new.replica.snapshot_loads == 1
    finally:
        new.close()
