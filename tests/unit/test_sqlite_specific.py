"""What only the SQLite backend promises: WAL on disk, reopening, backup/restore, crash safety.

Behaviour every backend shares lives in ``tests/contract/``; this file may look at the file and
its SQL because that is the subject here.
"""

from __future__ import annotations

import os
import re
import signal
import sqlite3
import subprocess
import sys
import textwrap
import threading
import unicodedata
from pathlib import Path
from typing import Any

import pandas as pd
import pytest

from core.errors import StaleRow
from core.ports import Change, Workbook
from schemas.registry import columns_of, headers
from storage import BACKENDS, open_workbook
from storage.sqlite import SqliteWorkbook, now_hanoi

REPO = Path(__file__).resolve().parents[2]


def user(name: str, **extra: Any) -> dict[str, Any]:
    return {
        "email": "a@cd.vn",
        "full_name": name,
        "role": "unit_officer",
        "unit_id": "U1",
        "active": True,
    } | extra


@pytest.fixture
def db(tmp_path: Path) -> Path:
    return tmp_path / "thidua.sqlite"


def test_a_file_store_uses_the_wal_journal(db: Path) -> None:
    with SqliteWorkbook(db) as wb:
        wb.ensure_tabs(headers())
        wb.append("users", [user("An")], actor="x")
    probe = sqlite3.connect(db)
    try:
        assert probe.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    finally:
        probe.close()


def test_the_file_survives_reopening_with_its_rows_and_header(db: Path) -> None:
    with SqliteWorkbook(db) as wb:
        wb.ensure_tabs({"users": [c for c in columns_of("users") if c != "active"]})
        (a,) = (r["id"] for r in wb.append("users", [{"full_name": "Đặng Văn Đức"}], actor="x"))
        before = wb.read("users")
    with SqliteWorkbook(db) as wb:
        pd.testing.assert_frame_equal(wb.read("users"), before)
        assert wb.header("users") == tuple(c for c in columns_of("users") if c != "active")
        wb.ensure_tabs(headers())
        assert wb.header("users") == columns_of("users")
        wb.update("users", [Change(a, 1, {"active": True})], actor="y")
    with SqliteWorkbook(db) as wb:
        row = wb.read("users").iloc[0]
        assert (row["full_name"], row["active"], row["version"]) == ("Đặng Văn Đức", True, 2)


def test_ensure_tabs_appends_new_columns_at_the_end_and_never_reorders() -> None:
    with SqliteWorkbook(":memory:") as wb:
        envelope = list(columns_of("users")[:5])
        wb.ensure_tabs({"users": [*envelope, "email", "full_name"]})
        wb.ensure_tabs({"users": [*envelope, "role", "full_name", "email"]})
        wb.ensure_tabs({"users": envelope})  # fewer columns: nothing is dropped
        assert wb.header("users") == (*envelope, "email", "full_name", "role")
        assert wb.header("works") is None


def test_two_connections_to_one_file_serialise_their_writes(db: Path) -> None:
    """Two app processes (here: two workbooks on one file) rely on SQLite's locks, not ours."""
    with SqliteWorkbook(db) as setup:
        setup.ensure_tabs(headers())
        (a,) = (r["id"] for r in setup.append("users", [user("An")], actor="x"))
    books = [SqliteWorkbook(db) for _ in range(4)]
    start = threading.Barrier(len(books))
    outcome: list[str] = []

    def worker(n: int) -> None:
        start.wait()
        try:
            books[n].update("users", [Change(a, 1, {"role": f"r{n}"})], actor=f"w{n}")
            outcome.append("won")
        except StaleRow:
            outcome.append("stale")
        for b in range(5):
            books[n].append("history", [{"reason": f"{n}:{b}:{i}"} for i in range(20)], actor=f"w{n}")

    threads = [threading.Thread(target=worker, args=(n,)) for n in range(len(books))]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=60)
    try:
        assert sorted(outcome) == ["stale", "stale", "stale", "won"]
        history = books[0].read("history")
        assert len(history) == 400
        assert history["id"].is_unique
        assert books[0].read("users").loc[0, "version"] == 2
    finally:
        for wb in books:
            wb.close()


def test_cells_keep_their_sqlite_type_and_booleans_are_1_or_0(db: Path) -> None:
    with SqliteWorkbook(db) as wb:
        wb.ensure_tabs(headers())
        wb.append("users", [user("An", active=True), user("Bình", active=False)], actor="x")
        works = [
            {"revision": "2", "value_vnd": "8.500.000", "name_vi": "=1+1"},
            {"revision": 0, "name_vi": "Cầu"},
        ]
        (_, w) = (r["id"] for r in wb.append("works", works, actor="x"))
        # update converts like append: money text -> integer, NFD -> NFC
        nfd = unicodedata.normalize("NFD", "Cầu Ngọc Hà")
        wb.update("works", [Change(w, 1, {"value_vnd": "1.250.000", "name_vi": nfd})], actor="x")
    probe = sqlite3.connect(db)
    try:
        users = probe.execute('SELECT typeof(active), active, typeof(version) FROM "users" ORDER BY _row')
        assert users.fetchall() == [("integer", 1, "integer"), ("integer", 0, "integer")]
        rows = probe.execute('SELECT typeof(revision), value_vnd, name_vi FROM "works" ORDER BY _row')
        assert rows.fetchall() == [("integer", 8_500_000, "=1+1"), ("integer", 1_250_000, "Cầu Ngọc Hà")]
    finally:
        probe.close()


def test_column_names_are_quoted_safely() -> None:
    evil = 'ghi chú"); DROP TABLE users; --'
    with SqliteWorkbook(":memory:") as wb:
        wb.ensure_tabs({"users": [*columns_of("users"), evil]})
        wb.append("users", [user("An") | {evil: "vẫn còn"}], actor="x")
        assert wb.header("users") == (*columns_of("users"), evil)
        assert len(wb.read("users")) == 1


@pytest.mark.parametrize(
    ("tabs", "error", "match"),
    [
        ({"khong_co": ["id"]}, KeyError, "khong_co"),
        ({"users": ["full_name", "id"]}, ValueError, "envelope"),
        ({"users": [*columns_of("users"), "email"]}, ValueError, "repeated"),
        ({"users": [*columns_of("users"), "_row"]}, ValueError, "reserved"),
    ],
)
def test_ensure_tabs_refuses_headers_it_cannot_store(tabs: Any, error: type[Exception], match: str) -> None:
    with SqliteWorkbook(":memory:") as wb:
        with pytest.raises(error, match=match):
            wb.ensure_tabs(tabs)
        assert wb.header("users") is None


def test_append_to_a_tab_never_created_says_to_run_ensure_tabs() -> None:
    with SqliteWorkbook(":memory:") as wb, pytest.raises(ValueError, match="ensure_tabs"):
        wb.append("users", [user("An")], actor="x")


def test_the_default_clock_is_iso_8601_in_hanoi_time() -> None:
    assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}\+07:00", now_hanoi())
    with SqliteWorkbook(":memory:") as wb:
        wb.ensure_tabs(headers())
        (row,) = wb.append("users", [user("An")], actor="x")
        assert str(row["created_at"]).endswith("+07:00")


@pytest.mark.parametrize("source", ["memory", "file"])
@pytest.mark.parametrize("target", ["memory", "file"])
def test_backup_and_restore_round_trip(tmp_path: Path, source: str, target: str) -> None:
    src_path = ":memory:" if source == "memory" else tmp_path / "live.sqlite"
    with SqliteWorkbook(src_path) as wb:
        wb.ensure_tabs(headers())
        stored = wb.append("users", [user("Nguyễn Thị Thu Thủy"), user("Lê Hữu Phước")], actor="x")
        wb.update("users", [Change(stored[0]["id"], 1, {"role": "reviewer"})], actor="y")
        expected = wb.read_many(list(headers()))
        backup = wb.backup(tmp_path / "backup.sqlite")
        wb.append("users", [user("after the backup")], actor="x")

    probe = sqlite3.connect(backup)  # one self-contained file, no -wal needed
    try:
        assert probe.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert probe.execute("PRAGMA journal_mode").fetchone()[0] == "delete"
    finally:
        probe.close()

    into = ":memory:" if target == "memory" else tmp_path / "restored.sqlite"
    with SqliteWorkbook.restore(backup, into) as restored:
        got = restored.read_many(list(headers()))
        assert set(got) == set(expected)
        for tab in expected:
            pd.testing.assert_frame_equal(got[tab], expected[tab])
        restored.append("users", [user("after the restore")], actor="z")
        assert list(restored.read("users")["full_name"])[-1] == "after the restore"
    if target == "file":
        probe = sqlite3.connect(into)
        try:
            assert probe.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        finally:
            probe.close()


def test_restore_overwrites_an_existing_store(tmp_path: Path) -> None:
    with SqliteWorkbook(tmp_path / "a.sqlite") as wb:
        wb.ensure_tabs(headers())
        wb.append("users", [user("An")], actor="x")
        backup = wb.backup(tmp_path / "backup.sqlite")
    with SqliteWorkbook(tmp_path / "b.sqlite") as other:
        other.ensure_tabs(headers())
        other.append("users", [user("Bình"), user("Cường")], actor="x")
    with SqliteWorkbook.restore(backup, tmp_path / "b.sqlite") as wb:
        assert list(wb.read("users")["full_name"]) == ["An"]


def test_restore_from_a_missing_file_fails_clearly(tmp_path: Path) -> None:
    with pytest.raises(FileNotFoundError, match=r"nope\.sqlite"):
        SqliteWorkbook.restore(tmp_path / "nope.sqlite", ":memory:")
    assert not (tmp_path / "nope.sqlite").exists()


def test_the_registry_opens_sqlite_and_names_known_backends_on_a_typo() -> None:
    assert "sqlite" in BACKENDS
    wb = open_workbook("sqlite", path=":memory:")
    assert isinstance(wb, Workbook)
    assert isinstance(wb, SqliteWorkbook)
    wb.close()
    with pytest.raises(ValueError, match="sqlite"):
        open_workbook("sqllite", path=":memory:")


def test_importing_storage_touches_no_file(tmp_path: Path) -> None:
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    subprocess.run(
        [sys.executable, "-c", "import storage, storage.sqlite"], cwd=tmp_path, env=env, check=True
    )
    assert list(tmp_path.iterdir()) == []


CRASHING_WRITER = textwrap.dedent(
    """
    import sys, time
    from core.ports import Change
    from schemas.registry import headers
    from storage.sqlite import SqliteWorkbook

    class Hang:
        '''A cell whose text conversion blocks: it is reached mid-way through the transaction.'''
        def __str__(self):
            print("in-transaction", flush=True)
            time.sleep(120)
            return ""

    wb = SqliteWorkbook(sys.argv[1])
    wb.ensure_tabs(headers())
    first = None
    for b in range(5):
        rows = wb.append("history", [{"reason": f"committed {b}:{n}"} for n in range(20)], actor="w")
        first = first or rows[0]["id"]
    print("committed", flush=True)
    # ~3 MB of uncommitted rows (more than SQLite's page cache, so pages spill to the WAL file),
    # an update of a committed row, then a cell that never finishes converting.
    doomed = [{"reason": "chưa lưu " + "x" * 1000 + str(n)} for n in range(3000)] + [{"reason": Hang()}]
    change = Change(first, 1, {"reason": "changed"})
    wb.update("history", [change], actor="w", also_append={"history": doomed})
    """
)


def test_a_writer_killed_mid_transaction_leaves_every_committed_row_and_nothing_else(db: Path) -> None:
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    proc = subprocess.Popen(
        [sys.executable, "-c", CRASHING_WRITER, str(db)],
        cwd=REPO,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        assert proc.stdout is not None
        lines = [proc.stdout.readline().strip(), proc.stdout.readline().strip()]
        assert lines == ["committed", "in-transaction"], proc.stderr.read() if proc.stderr else ""
        wal = db.with_name(db.name + "-wal")
        assert wal.stat().st_size > 2_000_000  # the uncommitted rows really reached the disk
        os.kill(proc.pid, signal.SIGKILL)
    finally:
        proc.kill()
        proc.communicate(timeout=30)
    assert proc.returncode == -signal.SIGKILL

    with SqliteWorkbook(db) as wb:
        history = wb.read("history")
    assert list(history["reason"]) == [f"committed {b}:{n}" for b in range(5) for n in range(20)]
    assert list(history["version"]) == [1] * 100
    probe = sqlite3.connect(db)
    try:
        assert probe.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    finally:
        probe.close()
