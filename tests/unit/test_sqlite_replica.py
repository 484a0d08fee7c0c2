"""The SQLite store's typed replica: a read returns exactly what a full read returns, at any time.

Reads after writes (through the port, through a second raw ``sqlite3`` connection as a SQLite tool
would, deletes included) are compared with a fresh full read (``replica=False``); snapshots on disk
must serve a new workbook on the same file and never another database, an older state of this one
(backup/restore) or a damaged file. "Read in full" is observed through SQLite's statement trace.
"""

from __future__ import annotations

import json
import shutil
import sqlite3
import tempfile
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from core.ports import Change
from schemas.registry import columns_of, headers
from storage.sqlite import SqliteWorkbook

TABS = ("users", "contest_prizes")
SHORT_PRIZES = list(columns_of("contest_prizes")[:-2])  # a header from before two columns existed


def full(path: Path, tabs: Sequence[str] = TABS) -> dict[str, pd.DataFrame]:
    with SqliteWorkbook(path, replica=False) as wb:
        return wb.read_many(list(tabs))


def assert_same(got: dict[str, pd.DataFrame], want: dict[str, pd.DataFrame]) -> None:
    assert list(got) == list(want)
    for tab in want:
        pd.testing.assert_frame_equal(got[tab], want[tab], check_exact=True)


@contextmanager
def traced(wb: SqliteWorkbook) -> Iterator[list[str]]:
    """The SQL statements ``wb`` runs meanwhile."""
    seen: list[str] = []
    wb._conn.set_trace_callback(seen.append)
    try:
        yield seen
    finally:
        wb._conn.set_trace_callback(None)


def full_reads(statements: list[str]) -> list[str]:
    """Tabs read whole (every row, in append order) among ``statements``."""
    return [s.split(" FROM ")[1].split(" ")[0].strip('"') for s in statements if s.endswith("ORDER BY _row")]


def user(name: str, **extra: Any) -> dict[str, Any]:
    return {
        "email": "a@cd.vn",
        "full_name": name,
        "role": "unit_officer",
        "unit_id": "U1",
        "active": True,
    } | extra


def prize(name: str, **extra: Any) -> dict[str, Any]:
    return {"contest_id": "C1", "unit_id": "U1", "full_name": name, "year": 2026} | extra


def new_store(path: Path, **options: Any) -> SqliteWorkbook:
    wb = SqliteWorkbook(path, **options)
    wb.ensure_tabs({"users": columns_of("users"), "contest_prizes": SHORT_PRIZES})
    return wb


# -- incremental reads equal full reads ------------------------------------------------------------

texts = st.text(alphabet="aăâbcdđeêABC 0123456789.=\u0301", max_size=8)
cells = st.one_of(
    st.none(), texts, st.integers(-3, 10**12), st.booleans(), st.floats(allow_nan=False, width=32)
)
ops = st.one_of(
    st.tuples(st.just("append"), st.sampled_from(TABS), st.lists(texts, min_size=1, max_size=3)),
    st.tuples(st.just("update"), st.sampled_from(TABS), st.integers(0, 50), texts, st.booleans()),
    st.tuples(st.just("raw_insert"), st.sampled_from(TABS), cells, cells),
    st.tuples(st.just("raw_update"), st.sampled_from(TABS), st.integers(0, 50), cells, cells),
    st.tuples(st.just("raw_delete"), st.sampled_from(TABS), st.integers(0, 50)),
    st.tuples(st.just("widen")),
    st.tuples(st.just("restart")),
    st.tuples(st.just("scribble"), st.sampled_from(TABS)),
)
#: (text column, other column) a raw write sets, per tab
RAW = {"users": ("full_name", "active"), "contest_prizes": ("full_name", "year")}


def apply(
    op: tuple[Any, ...], wb: SqliteWorkbook, raw: sqlite3.Connection, got: dict[str, pd.DataFrame]
) -> None:
    kind = op[0]
    if kind == "append":
        _, tab, names = op
        wb.append(tab, [user(n) if tab == "users" else prize(n) for n in names], actor="app")
    elif kind == "update":
        _, tab, at, text, flag = op
        frame = got[tab]
        if len(frame):
            row = frame.iloc[at % len(frame)]
            values: dict[str, Any] = {"full_name": text}
            if tab == "users":
                values["active"] = flag
            elif "certificate" in (wb.header(tab) or ()):  # widened: the two newer columns
                values |= {"certificate": flag, "amount_vnd": f"{len(text)}.000.000"}
            wb.update(tab, [Change(str(row["id"]), int(row["version"]), values)], actor="app")
    elif kind == "raw_insert":
        _, tab, a, b = op
        text_col, other = RAW[tab]
        n = raw.execute(f'SELECT coalesce(max(_row), 0) + 1 FROM "{tab}"').fetchone()[
            0
        ]  # count repeats after deletes
        raw.execute(
            f'INSERT INTO "{tab}" (id, version, "{text_col}", "{other}") VALUES (?, 1, ?, ?)',
            (f"raw-{tab}-{n}", a, b),
        )
    elif kind == "raw_update":
        _, tab, at, a, b = op
        text_col, other = RAW[tab]
        ids = [r[0] for r in raw.execute(f'SELECT _row FROM "{tab}" ORDER BY _row')]
        if ids:
            raw.execute(
                f'UPDATE "{tab}" SET "{text_col}" = ?, "{other}" = ? WHERE _row = ?',
                (a, b, ids[at % len(ids)]),
            )
    elif kind == "raw_delete":
        _, tab, at = op
        ids = [r[0] for r in raw.execute(f'SELECT _row FROM "{tab}" ORDER BY _row')]
        if ids:
            raw.execute(f'DELETE FROM "{tab}" WHERE _row = ?', (ids[at % len(ids)],))
    elif kind == "widen":
        wb.ensure_tabs(headers())
    elif kind == "scribble":  # a caller changing the frames it was given
        _, tab = op
        frame = got[tab]
        if len(frame):
            frame.loc[0, "id"] = "đổi"
            frame.iloc[-1, 1] = 99
        frame["extra"] = 1
        del frame["unit_id"]


@given(steps=st.lists(ops, min_size=1, max_size=25))
@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
def test_every_read_equals_a_full_read_whatever_writes_came_in_between(steps: list[tuple[Any, ...]]) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "thidua.sqlite"
        wb = new_store(path, snapshot_min_rows=2)
        raw = sqlite3.connect(path, isolation_level=None)
        try:
            got = wb.read_many(list(TABS))
            for op in steps:
                if op[0] == "restart":
                    wb.close()
                    wb = SqliteWorkbook(path, snapshot_min_rows=2)
                apply(op, wb, raw, got)
                got = wb.read_many(list(TABS))
                assert_same(got, full(path))
                wb.flush_snapshots()
        finally:
            raw.close()
            wb.close()


# -- what the file looks like ----------------------------------------------------------------------


def test_the_hidden_seq_column_is_never_in_the_header_nor_in_a_read(tmp_path: Path) -> None:
    db = tmp_path / "t.sqlite"
    with new_store(db) as wb:
        wb.append("users", [user("An")], actor="x")
        assert "_seq" not in wb.header("users")  # type: ignore[operator]
        assert list(wb.read("users").columns) == list(columns_of("users"))
        with pytest.raises(ValueError, match="reserved"):
            wb.ensure_tabs({"users": [*columns_of("users"), "_seq"]})


def test_each_insert_or_update_takes_exactly_one_number_from_the_counter(tmp_path: Path) -> None:
    db = tmp_path / "t.sqlite"
    with new_store(db) as wb:
        (a, _) = (r["id"] for r in wb.append("users", [user("An"), user("Bình")], actor="x"))
        wb.update("users", [Change(a, 1, {"full_name": "An Nhiên"})], actor="x")
    probe = sqlite3.connect(db)
    try:
        assert probe.execute("SELECT value FROM _replica WHERE key = 'seq'").fetchone() == (3,)
        assert probe.execute('SELECT full_name, _seq FROM "users" ORDER BY _row').fetchall() == [
            ("An Nhiên", 3),
            ("Bình", 2),
        ]
    finally:
        probe.close()


OLD_LAYOUT = """
CREATE TABLE _tabs (name TEXT PRIMARY KEY NOT NULL, header TEXT NOT NULL);
CREATE TABLE _changes (name TEXT PRIMARY KEY NOT NULL, mark INTEGER NOT NULL);
CREATE TABLE "users" (_row INTEGER PRIMARY KEY AUTOINCREMENT, id TEXT NOT NULL UNIQUE, "version",
  "created_at", "updated_at", "updated_by", "email", "full_name", "role", "unit_id", "active");
INSERT INTO _changes VALUES ('users', random());
CREATE TRIGGER "_changes_users_insert" AFTER INSERT ON "users"
  BEGIN UPDATE _changes SET mark = random() WHERE name = 'users'; END;
CREATE TRIGGER "_changes_users_update" AFTER UPDATE ON "users"
  BEGIN UPDATE _changes SET mark = random() WHERE name = 'users'; END;
CREATE TRIGGER "_changes_users_delete" AFTER DELETE ON "users"
  BEGIN UPDATE _changes SET mark = random() WHERE name = 'users'; END;
"""


def old_file(path: Path, names: Sequence[str]) -> None:
    """A store as versions before the replica wrote it: no ``_seq``, no ``_replica``."""
    conn = sqlite3.connect(path)
    try:
        conn.executescript(OLD_LAYOUT)
        conn.execute("INSERT INTO _tabs VALUES ('users', ?)", (json.dumps(list(columns_of("users"))),))
        for i, name in enumerate(names):
            conn.execute(
                'INSERT INTO "users" VALUES (NULL, ?, 1, ?, ?, ?, ?, ?, ?, ?, 1)',
                (
                    f"u{i}",
                    "2026-01-01T08:00:00+07:00",
                    "2026-01-01T08:00:00+07:00",
                    "x",
                    "a@cd.vn",
                    name,
                    "r",
                    "U1",
                ),
            )
        conn.execute('DELETE FROM "users" WHERE id = ?', ("u1",))  # a gap in _row
        conn.commit()
    finally:
        conn.close()


def test_a_file_made_before_the_replica_is_upgraded_in_place_and_loses_nothing(tmp_path: Path) -> None:
    db = tmp_path / "old.sqlite"
    old_file(db, ["An", "Bình", "Chi", "Dũng"])
    with SqliteWorkbook(db) as wb:
        before = wb.read("users")
        assert before["full_name"].tolist() == ["An", "Chi", "Dũng"]
        assert wb.header("users") == columns_of("users")
        wb.update("users", [Change("u2", 1, {"full_name": "Chi Mai"})], actor="x")
        wb.append("users", [user("Em")], actor="x")
        assert_same(wb.read_many(["users"]), full(db, ["users"]))
        assert wb.read("users")["full_name"].tolist() == ["An", "Chi Mai", "Dũng", "Em"]
    probe = sqlite3.connect(db)
    try:
        seqs = probe.execute('SELECT _seq FROM "users" ORDER BY _row').fetchall()
        assert None not in [s for (s,) in seqs] and len({s for (s,) in seqs}) == 4
        assert probe.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    finally:
        probe.close()


def test_restoring_a_backup_made_before_the_replica_gets_row_tracking(tmp_path: Path) -> None:
    old = tmp_path / "old.sqlite"
    old_file(old, ["An", "Bình"])
    with SqliteWorkbook.restore(old, tmp_path / "new.sqlite") as wb:
        wb.update("users", [Change("u0", 1, {"full_name": "An Nhiên"})], actor="x")
        assert wb.read("users")["full_name"].tolist() == ["An Nhiên"]
        assert_same(wb.read_many(["users"]), full(tmp_path / "new.sqlite", ["users"]))


# -- only what changed is read ---------------------------------------------------------------------


def test_after_one_write_only_the_changed_rows_are_fetched(tmp_path: Path) -> None:
    db = tmp_path / "t.sqlite"
    with new_store(db) as wb:
        ids = [r["id"] for r in wb.append("users", [user(f"Người {i}") for i in range(30)], actor="x")]
        wb.read_many(list(TABS))
        wb.update("users", [Change(ids[7], 1, {"full_name": "Đổi tên"})], also_append={}, actor="x")
        with SqliteWorkbook(db) as other:
            other.append("users", [user("Người mới")], actor="y")
        with traced(wb) as statements:
            got = wb.read("users")
        assert full_reads(statements) == []
        assert got.loc[7, "full_name"] == "Đổi tên" and got.iloc[-1]["full_name"] == "Người mới"
        assert_same({"users": got}, full(db, ["users"]))


def test_a_row_changed_or_deleted_by_a_sqlite_tool_is_seen(tmp_path: Path) -> None:
    db = tmp_path / "t.sqlite"
    with new_store(db) as wb:
        wb.append("users", [user(f"Người {i}") for i in range(5)], actor="x")
        wb.read("users")
        tool = sqlite3.connect(db)
        tool.execute("UPDATE \"users\" SET full_name = 'Sửa tay', active = 'x' WHERE _row = 2")
        tool.commit()
        assert wb.read("users").loc[1, ["full_name", "active"]].tolist() == ["Sửa tay", True]
        tool.execute('DELETE FROM "users" WHERE _row = 4')
        tool.commit()
        tool.close()
        with traced(wb) as statements:
            got = wb.read("users")
        assert full_reads(statements) == ["users"]  # a delete: the tab is read whole
        assert got["full_name"].tolist() == ["Người 0", "Sửa tay", "Người 2", "Người 4"]
        assert_same({"users": got}, full(db, ["users"]))


def test_a_caller_changing_its_frame_does_not_change_the_next_read(tmp_path: Path) -> None:
    with new_store(tmp_path / "t.sqlite") as wb:
        wb.append("users", [user("An"), user("Bình")], actor="x")
        first = wb.read("users")
        first.loc[0, "full_name"] = "Đã sửa trong trang"
        first["active"] = False
        del first["email"]
        second = wb.read("users")
        assert second["full_name"].tolist() == ["An", "Bình"] and second["active"].tolist() == [True, True]
        assert list(second.columns) == list(columns_of("users"))


def test_a_new_column_from_ensure_tabs_reads_the_tab_again(tmp_path: Path) -> None:
    db = tmp_path / "t.sqlite"
    with new_store(db) as wb:
        wb.append("contest_prizes", [prize("An")], actor="x")
        assert list(wb.read("contest_prizes").columns) == list(columns_of("contest_prizes"))
        with SqliteWorkbook(db) as other:
            other.ensure_tabs(headers())
        with traced(wb) as statements:
            got = wb.read("contest_prizes")
        assert full_reads(statements) == ["contest_prizes"]
        assert_same({"contest_prizes": got}, full(db, ["contest_prizes"]))


# -- snapshots on disk -----------------------------------------------------------------------------


def snapshot_store(db: Path, n: int = 20) -> dict[str, pd.DataFrame]:
    """A store with ``n`` users whose snapshot is on disk; the frames it read."""
    with new_store(db, snapshot_min_rows=10) as wb:
        wb.append("users", [user(f"Người {i}", active=i % 2 == 0) for i in range(n)], actor="x")
        got = wb.read_many(["users"])
        wb.flush_snapshots()
    assert (db.parent / f"{db.name}.replica" / "users.arrow").is_file()
    return got


def first_read(db: Path) -> tuple[pd.DataFrame, list[str]]:
    with SqliteWorkbook(db, snapshot_min_rows=10) as wb, traced(wb) as statements:
        return wb.read("users"), full_reads(statements)


def test_a_new_workbook_on_the_same_file_starts_from_the_snapshot(tmp_path: Path) -> None:
    db = tmp_path / "t.sqlite"
    before = snapshot_store(db)
    got, whole = first_read(db)
    assert whole == []
    assert_same({"users": got}, before)


def test_a_snapshot_catches_up_with_rows_written_after_it(tmp_path: Path) -> None:
    db = tmp_path / "t.sqlite"
    snapshot_store(db)
    with SqliteWorkbook(db, replica=False) as other:
        rows = other.read("users")
        other.update("users", [Change(str(rows.loc[3, "id"]), 1, {"full_name": "Đổi"})], actor="y")
        other.append("users", [user("Sau")], actor="y")
    got, whole = first_read(db)
    assert whole == []
    assert got.loc[3, "full_name"] == "Đổi" and got.iloc[-1]["full_name"] == "Sau"
    assert_same({"users": got}, full(db, ["users"]))


def test_a_snapshot_is_not_used_after_rows_were_deleted(tmp_path: Path) -> None:
    db = tmp_path / "t.sqlite"
    snapshot_store(db)
    tool = sqlite3.connect(db)
    tool.execute('DELETE FROM "users" WHERE _row = 5')
    tool.commit()
    tool.close()
    got, whole = first_read(db)
    assert whole == ["users"] and len(got) == 19
    assert_same({"users": got}, full(db, ["users"]))


@pytest.mark.parametrize(
    "damage",
    [
        lambda p: p.write_bytes(p.read_bytes()[: len(p.read_bytes()) // 2]),
        lambda p: p.write_bytes(b"ARROW1 not really" * 50),
        lambda p: p.write_bytes(b""),
    ],
    ids=["truncated", "garbage", "empty"],
)
def test_a_damaged_snapshot_is_ignored_and_the_tab_read_in_full(tmp_path: Path, damage: Any) -> None:
    db = tmp_path / "t.sqlite"
    before = snapshot_store(db)
    damage(db.parent / f"{db.name}.replica" / "users.arrow")
    got, whole = first_read(db)
    assert whole == ["users"]
    assert_same({"users": got}, before)


def test_a_snapshot_of_another_database_is_never_used(tmp_path: Path) -> None:
    a, b = tmp_path / "a.sqlite", tmp_path / "b.sqlite"
    snapshot_store(a, n=20)
    with new_store(b) as wb:  # same tab, same header, same number of rows: other people
        wb.append("users", [user(f"Khác {i}") for i in range(20)], actor="x")
    shutil.copytree(tmp_path / "a.sqlite.replica", tmp_path / "b.sqlite.replica")
    got, whole = first_read(b)
    assert whole == ["users"] and got["full_name"].iloc[0] == "Khác 0"


def test_a_snapshot_made_for_another_header_is_not_used(tmp_path: Path) -> None:
    db = tmp_path / "t.sqlite"
    with new_store(db, snapshot_min_rows=10) as wb:
        wb.append("contest_prizes", [prize(f"P{i}") for i in range(12)], actor="x")
        wb.read("contest_prizes")
        wb.flush_snapshots()
    with SqliteWorkbook(db) as wb:
        wb.ensure_tabs(headers())
    with SqliteWorkbook(db) as wb, traced(wb) as statements:
        got = wb.read("contest_prizes")
    assert full_reads(statements) == ["contest_prizes"]
    assert_same({"contest_prizes": got}, full(db, ["contest_prizes"]))


def test_a_restored_backup_is_never_served_from_the_replica_or_snapshot_of_what_it_replaced(
    tmp_path: Path,
) -> None:
    db = tmp_path / "t.sqlite"
    snapshot_store(db)
    live = SqliteWorkbook(db, snapshot_min_rows=10)
    try:
        live.read("users")
        backup = live.backup(tmp_path / "backup.sqlite")
        ids = live.read("users")["id"].tolist()
        live.update("users", [Change(ids[0], 1, {"full_name": "Sau sao lưu"})], actor="x")
        live.append("users", [user("Thêm sau sao lưu")], actor="x")
        assert live.read("users")["full_name"].iloc[0] == "Sau sao lưu"
        live.flush_snapshots()
        SqliteWorkbook.restore(backup, db).close()
        # the running workbook, and a new one finding the old snapshot on disk, see the backup
        for got in (live.read("users"), first_read(db)[0]):
            assert got["full_name"].iloc[0] == "Người 0" and len(got) == 20
            assert_same({"users": got}, full(db, ["users"]))
        # writes after the restore (the counter is back where the backup left it) are seen too
        live.update("users", [Change(ids[1], 1, {"full_name": "Sau khôi phục"})], actor="x")
        assert first_read(db)[0]["full_name"].iloc[1] == "Sau khôi phục"
        assert_same(live.read_many(["users"]), full(db, ["users"]))
    finally:
        live.close()


def test_a_memory_store_keeps_a_replica_but_writes_no_snapshot(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    with SqliteWorkbook(":memory:", snapshot_min_rows=1) as wb:
        wb.ensure_tabs(headers())
        wb.append("users", [user("An")], actor="x")
        assert wb.read("users")["full_name"].tolist() == ["An"]
        wb.append("users", [user("Bình")], actor="x")
        wb.flush_snapshots()
        assert wb.read("users")["full_name"].tolist() == ["An", "Bình"]
    assert list(tmp_path.iterdir()) == []


def snapshot_cursor(db: Path, tab: str = "users") -> int:
    import pyarrow as pa

    with pa.memory_map(str(db.parent / f"{db.name}.replica" / f"{tab}.arrow")) as source:
        meta = pa.ipc.open_file(source).schema.metadata[b"thidua.replica"]
    return int(json.loads(meta)["cursor"])


def test_a_tab_that_grows_past_the_threshold_gets_a_snapshot_and_it_is_refreshed(tmp_path: Path) -> None:
    db = tmp_path / "t.sqlite"
    folder = tmp_path / "t.sqlite.replica"
    with new_store(db, snapshot_min_rows=10) as wb:
        wb.append("users", [user(f"Người {i}") for i in range(6)], actor="x")
        wb.read("users")
        wb.flush_snapshots()
        assert not folder.exists()  # 6 rows: below the threshold
        wb.append("users", [user(f"Người {i}") for i in range(6, 12)], actor="x")
        wb.read("users")
        wb.flush_snapshots()
        first = snapshot_cursor(db)
        wb.append("users", [user("Thêm")], actor="x")  # a tenth of 13 rows: rewritten
        wb.read("users")
        wb.flush_snapshots()
        assert snapshot_cursor(db) > first
    got, whole = first_read(db)
    assert whole == [] and got["full_name"].iloc[-1] == "Thêm"


def test_a_tab_made_without_row_tracking_while_the_app_runs_is_still_read(tmp_path: Path) -> None:
    """An older version (or a tool) adds a tab the old way while this workbook is open."""
    db = tmp_path / "t.sqlite"
    with new_store(db) as wb:
        wb.append("users", [user("An")], actor="x")
        old = sqlite3.connect(db)
        old.execute(
            'CREATE TABLE "clusters" (_row INTEGER PRIMARY KEY AUTOINCREMENT, id TEXT NOT NULL UNIQUE, version, created_at, updated_at, updated_by, name_vi)'
        )
        old.execute(
            "INSERT INTO _tabs VALUES ('clusters', ?)",
            (json.dumps([*columns_of("clusters")[:5], "name_vi"]),),
        )
        old.execute("INSERT INTO \"clusters\" (id, name_vi) VALUES ('K1', 'Cụm 1')")
        old.commit()
        old.close()
        got = wb.read_many(["users", "clusters"])
        assert got["clusters"]["name_vi"].tolist() == ["Cụm 1"] and got["users"]["full_name"].tolist() == [
            "An"
        ]
        wb.ensure_tabs(headers())  # tracking added
        wb.append("clusters", [{"name_vi": "Cụm 2"}], actor="x")
        assert wb.read("clusters")["name_vi"].tolist() == ["Cụm 1", "Cụm 2"]
        assert_same(wb.read_many(["users", "clusters"]), full(db, ["users", "clusters"]))


def test_a_copy_of_the_file_put_back_by_hand_and_then_edited_is_not_served_from_the_snapshot(
    tmp_path: Path,
) -> None:
    """Same ``db_id`` (a plain file copy, not ``backup``), counter moved past the snapshot's by a tool."""
    db, kept = tmp_path / "t.sqlite", tmp_path / "copy.sqlite"
    snapshot_store(db)
    shutil.copyfile(db, kept)  # the store is closed: everything is in the main file
    with SqliteWorkbook(db, snapshot_min_rows=10) as wb:
        rows = wb.read("users")
        wb.update("users", [Change(str(i), 1, {"full_name": "Đổi"}) for i in rows["id"][:5]], actor="x")
        wb.read("users")
        wb.flush_snapshots()
    shutil.copyfile(kept, db)
    tool = sqlite3.connect(db)
    for k in range(6):  # updates, not inserts: the row count stays what the snapshot says
        tool.execute('UPDATE "users" SET full_name = ? WHERE _row = ?', (f"Công cụ {k}", 10 + k))
    tool.commit()
    tool.close()
    got, whole = first_read(db)
    assert whole == ["users"]
    assert "Đổi" not in got["full_name"].tolist() and got["full_name"].iloc[9] == "Công cụ 0"
    assert_same({"users": got}, full(db, ["users"]))


def test_temporary_files_left_by_a_killed_writer_are_swept(tmp_path: Path) -> None:
    import os

    db = tmp_path / "t.sqlite"
    folder = tmp_path / "t.sqlite.replica"
    folder.mkdir()
    old, recent = folder / ".users.arrow.1.2.tmp", folder / ".users.arrow.3.4.tmp"
    for leftover in (old, recent):
        leftover.write_bytes(b"half a snapshot")
    os.utime(old, (1_000_000_000, 1_000_000_000))
    snapshot_store(db)
    assert not old.exists() and recent.exists()  # another process may still be writing that one
