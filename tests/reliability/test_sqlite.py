"""SQLite: WAL and the busy timeout seen from outside, a process killed in the middle of the services'
writes, and ``cli.py backup`` / ``cli.py restore``.

The storage-level crash test (a writer killed mid-transaction with megabytes of uncommitted rows in the
WAL) is ``tests/unit/test_sqlite_specific.py::test_a_writer_killed_mid_transaction_...``; the one here
kills a process while it submits through :class:`Services`, at an unplanned moment, and checks that every
submission it was told about survived with its history and nothing is half-written.
"""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import textwrap
import threading
import time
from pathlib import Path

import pytest

import cli
from storage.sqlite import SqliteWorkbook
from tests.reliability.harness import Ledger, audit, officer, person_name, sqlite_backend

REPO = Path(__file__).resolve().parents[2]


@pytest.fixture
def db(tmp_path: Path) -> Path:
    path = tmp_path / "thidua.sqlite"
    sqlite_backend(path, 4).close()
    return path


def pragma(path: Path, name: str) -> object:
    probe = sqlite3.connect(path)
    try:
        return probe.execute(f"PRAGMA {name}").fetchone()[0]
    finally:
        probe.close()


def test_the_store_is_in_wal_mode_and_readers_do_not_wait_for_a_writer(db: Path) -> None:
    assert pragma(db, "journal_mode") == "wal"
    other = sqlite3.connect(db, isolation_level=None)
    try:
        other.execute("BEGIN IMMEDIATE")  # another process in the middle of a write
        other.execute("UPDATE units SET name_vi = 'đang sửa' WHERE id = 'RL-CDCS-001'")
        with SqliteWorkbook(db) as wb:
            started = time.monotonic()
            units = wb.read("units")
            assert time.monotonic() - started < 2.0
        assert "đang sửa" not in set(units["name_vi"])  # nothing uncommitted is seen
    finally:
        other.execute("ROLLBACK")
        other.close()


def test_a_writer_waits_for_another_process_lock_instead_of_failing(db: Path) -> None:
    """busy_timeout: a write that meets a lock held for ~1 s waits and succeeds (no 'database is locked')."""
    other = sqlite3.connect(db, isolation_level=None, check_same_thread=False)
    other.execute("BEGIN IMMEDIATE")
    release = threading.Timer(1.0, lambda: other.execute("COMMIT"))
    release.start()
    try:
        with SqliteWorkbook(db) as wb:
            started = time.monotonic()
            wb.append("history", [{"reason": "sau khi khóa được nhả"}], actor="x")
            waited = time.monotonic() - started
        assert waited >= 0.5
    finally:
        release.join()
        other.close()
    with SqliteWorkbook(db) as wb:
        assert list(wb.read("history")["reason"]) == ["sau khi khóa được nhả"]


SUBMITTER = textwrap.dedent(
    """
    import sys
    from core.clock import PinnedDateClock
    from storage.sqlite import SqliteWorkbook
    from tests.reliability.harness import CAMPAIGN, FORM, make_services, nomination, officer, person_name

    services = make_services(SqliteWorkbook(sys.argv[1]), cache_seconds=0.0)
    for k in range(10_000):
        n = k % 4 + 1
        token = f"tok-{n:03d}-{k:02d}"
        services.create(officer(n), CAMPAIGN, FORM, nomination(person_name(n, k)), client_token=token)
        print(token, flush=True)  # the user has been told "saved"
    """
)


@pytest.mark.slow
@pytest.mark.parametrize("after", [7, 23])
def test_a_process_killed_while_submitting_loses_nothing_it_confirmed(db: Path, after: int) -> None:
    proc = subprocess.Popen(
        [sys.executable, "-c", SUBMITTER, str(db)],
        cwd=REPO,
        env={**os.environ, "PYTHONPATH": str(REPO)},
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    confirmed: list[str] = []
    try:
        assert proc.stdout is not None
        while len(confirmed) < after:
            line = proc.stdout.readline().strip()
            assert line, proc.stderr.read() if proc.stderr else ""
            confirmed.append(line)
        time.sleep(after / 1000)  # a few ms into the next submission
        os.kill(proc.pid, signal.SIGKILL)  # wherever it is: mid-read, mid-transaction, mid-print
    finally:
        proc.kill()
        # lines printed before the kill but not read yet were confirmed to the user too
        rest, _ = proc.communicate(timeout=30)
    confirmed += [line.strip() for line in (rest or "").splitlines() if line.strip()]
    assert proc.returncode == -signal.SIGKILL

    assert pragma(db, "integrity_check") == "ok"
    ledger = Ledger()
    with SqliteWorkbook(db) as wb:
        stored = set(wb.read("nominations")["client_token"])
        assert set(confirmed) <= stored  # every "saved" the user saw
        assert len(stored) <= len(confirmed) + 1  # at most the one in flight when killed
        for token in stored:
            n, k = (int(x) for x in token.split("-")[1:])
            ledger.sent[token] = (officer(n).unit_id, person_name(n, k))
        result = audit(wb, ledger)
    assert result.clean, result.problems()


# ------------------------------------------------------------------------------------ cli


@pytest.fixture
def live(db: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The CLI pointed at ``db`` (through the environment, as an admin would)."""
    monkeypatch.setenv("THIDUA_BACKEND", "sqlite")
    monkeypatch.setenv("THIDUA_DB", str(db))
    return db


def names(path: Path) -> list[str]:
    with SqliteWorkbook(path) as wb:
        return list(wb.read("users")["full_name"])


def add_user(path: Path, name: str) -> None:
    with SqliteWorkbook(path) as wb:
        wb.append(
            "users",
            [{"email": "a@cd.vn", "full_name": name, "role": "ADMIN", "unit_id": "HN-LDLD"}],
            actor="t",
        )


def test_backup_then_restore_brings_back_the_store_and_keeps_the_current_one(
    live: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    before = names(live)
    out = tmp_path / "backups" / "thidua-2024-12-05.sqlite"
    assert cli.main(["backup", "--out", str(out)]) == 0
    assert pragma(out, "integrity_check") == "ok" and pragma(out, "journal_mode") == "delete"
    add_user(live, "Người thêm sau khi sao lưu")
    after = names(live)

    assert cli.main(["restore", str(out)]) == 0
    assert names(live) == before
    kept = [p for p in live.parent.iterdir() if p.name.startswith("thidua.") and p.name.endswith(".bak")]
    assert len(kept) == 1 and names(kept[0]) == after  # the replaced store is not lost
    assert pragma(live, "journal_mode") == "wal"
    printed = capsys.readouterr().out
    assert str(kept[0]) in printed and "Đã khôi phục" in printed


def test_a_backup_taken_while_the_app_writes_is_consistent(live: Path, tmp_path: Path) -> None:
    stop = threading.Event()

    def writer() -> None:
        with SqliteWorkbook(live) as wb:
            k = 0
            while not stop.is_set():
                wb.append("history", [{"reason": f"lô {k}-{i}"} for i in range(50)], actor="app")
                k += 1

    thread = threading.Thread(target=writer)
    thread.start()
    try:
        time.sleep(0.3)
        assert cli.main(["backup", "--out", str(tmp_path / "hot.sqlite")]) == 0
    finally:
        stop.set()
        thread.join()
    assert pragma(tmp_path / "hot.sqlite", "integrity_check") == "ok"
    with SqliteWorkbook(tmp_path / "hot.sqlite") as wb:
        n = len(wb.read("history"))
    assert n > 0 and n % 50 == 0  # whole transactions only


def test_backup_refuses_to_overwrite_and_restore_refuses_a_file_that_is_not_a_backup(
    live: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "b.sqlite"
    assert cli.main(["backup", "--out", str(out)]) == 0
    assert cli.main(["backup", "--out", str(out)]) == 1
    assert cli.main(["backup", "--out", str(out), "--force"]) == 0
    junk = tmp_path / "junk.sqlite"
    junk.write_bytes(b"not a database at all" * 100)
    before = names(live)
    assert cli.main(["restore", str(junk)]) == 1
    assert cli.main(["restore", str(tmp_path / "missing.sqlite")]) == 1
    assert cli.main(["restore", str(live)]) == 1
    assert names(live) == before
    assert not [p for p in live.parent.iterdir() if p.suffix == ".bak"]
    err = capsys.readouterr().err
    assert "không phải bản sao lưu hợp lệ" in err and "Không thấy tệp sao lưu" in err


def test_restore_into_a_fresh_install_needs_no_current_store(
    db: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "new" / "thidua.sqlite"
    monkeypatch.setenv("THIDUA_BACKEND", "sqlite")
    monkeypatch.setenv("THIDUA_DB", str(target))
    assert cli.main(["restore", str(db)]) == 0
    assert names(target) == names(db)
