"""``cli.py copy``: a federation moves its workbook between SQLite, Google Sheets and PostgreSQL.

The demo (a small one: one generated grassroots union per upper union) goes SQLite -> PostgreSQL ->
Google Sheets (the emulator) -> SQLite, and comes back row for row identical: ids, versions,
timestamps, authors and the whole history.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pandas as pd
import psycopg
import pytest

import bootstrap
import cli
import demo
from core.ports import Change
from schemas.registry import headers
from storage.copy import NotEmpty, checksum, copy_workbook
from storage.postgres import PostgresWorkbook
from storage.sqlite import SqliteWorkbook
from tests.gsheets.support import emulated
from tests.postgres_support import drop, fresh_schema
from workflows.loader import load_campaigns, load_catalogue

DAY = dt.date(2024, 12, 5)


@pytest.fixture(scope="module")
def small_demo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("copy") / "demo.sqlite"
    store = SqliteWorkbook(path)
    store.ensure_tabs(headers())
    demo.seed(store, demo.build(load_campaigns(), load_catalogue(), DAY, per_parent=1))
    # rows changed after their creation: versions above 1, updated_at after created_at
    noms = store.read("nominations")
    store.update(
        "nominations",
        [Change(str(noms["id"].iloc[0]), int(noms["version"].iloc[0]), {"position": "Tổ trưởng"})],
        actor="chuyen.vien@demo.thidua.vn",
    )
    store.close()
    return path


def frames(store: object) -> dict[str, pd.DataFrame]:
    return store.read_many(list(headers()))  # type: ignore[attr-defined,no-any-return]


def test_the_demo_round_trips_sqlite_postgres_sheets_sqlite_identically(
    small_demo: Path, tmp_path: Path, postgres_dsn: str
) -> None:
    original = SqliteWorkbook(small_demo)
    pg = PostgresWorkbook(postgres_dsn, schema=fresh_schema())
    sheet, _emu, _key = emulated()
    back = SqliteWorkbook(tmp_path / "back.sqlite")
    try:
        for source, target in ((original, pg), (pg, sheet), (sheet, back)):
            report = copy_workbook(source, target)
            assert all(t.same for t in report), [t for t in report if not t.same]
        before, after = frames(original), frames(back)
        for tab in headers():
            pd.testing.assert_frame_equal(after[tab], before[tab], obj=tab)
        assert len(before["history"]) > 1000 and (before["nominations"]["version"] > 1).any()
        assert checksum(frames(pg)["history"]) == checksum(before["history"])
    finally:
        original.close()
        drop(pg)
        back.close()


def test_cli_copy_prints_counts_and_checksums_and_refuses_a_store_that_is_not_empty(
    small_demo: Path,
    tmp_path: Path,
    postgres_dsn: str,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("THIDUA_BACKEND", "sqlite")
    monkeypatch.setenv("THIDUA_DB", str(tmp_path / "unused.sqlite"))
    schema = fresh_schema()
    monkeypatch.setenv("THIDUA_PG_SCHEMA", schema)
    url = psycopg.conninfo.make_conninfo(postgres_dsn)
    try:
        assert cli.main(["copy", "--from", f"sqlite:{small_demo}", "--to", f"postgres:{url}"]) == 0
        out = capsys.readouterr().out
        with SqliteWorkbook(small_demo) as src:
            history = src.read("history")
        line = next(line for line in out.splitlines() if line.startswith("history "))
        assert f"{len(history):,}" in line and checksum(history)[:16] in line and "khớp / same" in line
        assert "mọi bảng khớp" in out

        # copying again into the same, now full, store writes nothing
        assert cli.main(["copy", "--from", f"sqlite:{small_demo}", "--to", f"postgres:{url}"]) == 1
        assert "không sao chép gì" in capsys.readouterr().err
        with PostgresWorkbook(postgres_dsn, schema=schema) as pg:
            assert len(pg.read("history")) == len(history)

        # and back into a new SQLite file
        assert cli.main(["copy", "--from", f"postgres:{url}", "--to", f"sqlite:{tmp_path / 'b.sqlite'}"]) == 0
        with SqliteWorkbook(tmp_path / "b.sqlite") as back, SqliteWorkbook(small_demo) as src:
            pd.testing.assert_frame_equal(back.read("nominations"), src.read("nominations"))
    finally:
        with psycopg.connect(postgres_dsn, autocommit=True) as conn:
            conn.execute(f'DROP SCHEMA IF EXISTS "{schema}" CASCADE')


def test_a_store_spec_that_names_no_known_store_is_refused_with_the_forms_to_use(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert cli.main(["copy", "--from", "mysql://x", "--to", "sqlite:/tmp/x.sqlite"]) == 2
    assert "postgres:DSN" in capsys.readouterr().err
    with pytest.raises(ValueError, match="postgres"):
        bootstrap.parse_store_spec("oracle:whatever")


def test_copy_refuses_a_non_empty_target_before_writing_anything(small_demo: Path, tmp_path: Path) -> None:
    target = SqliteWorkbook(tmp_path / "t.sqlite")
    target.ensure_tabs(headers())
    target.append("users", [{"email": "a@b.vn", "full_name": "Có sẵn", "role": "ADMIN"}], actor="x")
    with SqliteWorkbook(small_demo) as source, pytest.raises(NotEmpty, match="users: 1"):
        copy_workbook(source, target)
    assert len(target.read("units")) == 0
    target.close()
