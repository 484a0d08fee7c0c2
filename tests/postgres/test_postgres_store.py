"""What the PostgreSQL backend adds to the contract: several app servers on one database.

Each test opens two or more workbooks on one schema, as separate app servers would, against the
test server (``tests/pgserver.py``); connection failures are real cuts made by
``tests/faultproxy.py``; the restart test starts a server of its own.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from typing import Any

import pandas as pd
import psycopg
import pytest

from core.errors import StaleRow, StorageUnavailable
from core.ports import AlreadyStored, Change
from schemas.registry import columns_of, headers
from storage.postgres import PostgresWorkbook
from tests.faultproxy import FaultProxy
from tests.pgserver import ThrowawayPostgres
from tests.postgres_support import fresh_schema


def nomination(name: str, unit: str = "CDCS_01", token: str = "") -> dict[str, Any]:
    return {
        "campaign_id": "C1",
        "unit_id": unit,
        "full_name": name,
        "state": "SUBMITTED",
        "client_token": token,
    }


def event(row_id: str, reason: str = "") -> dict[str, Any]:
    return {"tab": "nominations", "row_id": row_id, "action": "approve", "reason": reason}


@pytest.fixture
def schema(postgres_dsn: str) -> Iterator[str]:
    name = fresh_schema()
    first = PostgresWorkbook(postgres_dsn, schema=name)
    first.ensure_tabs(headers())
    first.close()
    yield name
    with psycopg.connect(postgres_dsn, autocommit=True) as conn:
        conn.execute(f'DROP SCHEMA IF EXISTS "{name}" CASCADE')


@pytest.fixture
def servers(postgres_dsn: str, schema: str) -> Iterator[list[PostgresWorkbook]]:
    """Three app servers' workbooks on one schema."""
    books = [PostgresWorkbook(postgres_dsn, schema=schema) for _ in range(3)]
    yield books
    for wb in books:
        wb.close()


def wait_for(check: Any, seconds: float = 10.0) -> bool:
    give_up = time.monotonic() + seconds
    while time.monotonic() < give_up:
        if check():
            return True
        time.sleep(0.02)
    return False


def test_a_write_on_one_server_reaches_the_others_change_marks_through_notify(
    servers: list[PostgresWorkbook],
) -> None:
    a, b, c = servers
    assert b.listening(timeout=10) and c.listening(timeout=10)
    before = b.change_marks(["nominations", "history"])
    (row,) = a.append("nominations", [nomination("Nguyễn Thị Thu Thủy")], actor="officer")

    # b's listener gets the commit's notification: its marks move without b asking the database
    assert wait_for(lambda: b.change_marks(["nominations"])["nominations"] != before["nominations"], 5.0)
    assert b.change_marks(["history"]) == {"history": before["history"]}  # an untouched tab keeps its mark
    assert list(b.read("nominations")["id"]) == [row["id"]]
    assert c.read("nominations")["full_name"].tolist() == ["Nguyễn Thị Thu Thủy"]


def test_marks_without_a_listener_come_from_the_database(postgres_dsn: str, schema: str) -> None:
    quiet = PostgresWorkbook(postgres_dsn, schema=schema, listen=False)
    other = PostgresWorkbook(postgres_dsn, schema=schema, listen=False)
    try:
        before = quiet.change_marks(["nominations", "works"])
        other.append("nominations", [nomination("Lê Hữu Phước")], actor="x")
        after = quiet.change_marks(["nominations", "works"])
        assert after["nominations"] != before["nominations"]
        assert after["works"] == before["works"]
    finally:
        quiet.close()
        other.close()


def test_reads_after_changes_on_other_servers_equal_a_full_read(
    postgres_dsn: str, servers: list[PostgresWorkbook], schema: str
) -> None:
    a, b, _ = servers
    rows = a.append("nominations", [nomination(f"Người {i}") for i in range(50)], actor="x")
    first = b.read_many(["nominations", "history"])
    assert len(first["nominations"]) == 50
    a.update(
        "nominations",
        [
            Change(rows[3]["id"], 1, {"state": "APPROVED"}),
            Change(rows[40]["id"], 1, {"full_name": "Đổi tên"}),
        ],
        actor="reviewer",
        also_append={"history": [event(rows[3]["id"]), event(rows[40]["id"])]},
    )
    a.append("nominations", [nomination("Mới thêm")], actor="x")
    cold = PostgresWorkbook(postgres_dsn, schema=schema, replica=False, listen=False)
    try:
        for tab in ("nominations", "history"):
            pd.testing.assert_frame_equal(b.read(tab), cold.read(tab))
        # a row deleted by hand (psql) is seen too: the tab is read whole again
        with psycopg.connect(postgres_dsn, autocommit=True) as conn:
            conn.execute(f'DELETE FROM "{schema}".nominations WHERE id = %s', (rows[7]["id"],))
        got = b.read("nominations")
        pd.testing.assert_frame_equal(got, cold.read("nominations"))
        assert rows[7]["id"] not in set(got["id"]) and len(got) == 50
    finally:
        cold.close()


def test_one_client_token_posted_to_three_servers_at_once_is_stored_once(
    servers: list[PostgresWorkbook],
) -> None:
    start = threading.Barrier(len(servers) * 2)
    answers: list[str] = []
    lock = threading.Lock()

    def post(wb: PostgresWorkbook) -> None:
        start.wait()
        try:
            mine = f"N-{threading.get_ident()}"
            wb.update(
                "nominations",
                [],
                actor="officer",
                also_append={
                    "nominations": [nomination("Trần Thị Bình", token="tok-1") | {"id": mine}],
                    "history": [event(mine)],
                },
                once={"client_token": "tok-1", "unit_id": "CDCS_01"},
            )
            got = mine
        except AlreadyStored as stored:
            got = str(stored.row["id"])
        with lock:
            answers.append(got)

    threads = [threading.Thread(target=post, args=(wb,)) for wb in servers for _ in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=30)
    stored = servers[0].read_many(["nominations", "history"])
    assert len(stored["nominations"]) == 1 and len(stored["history"]) == 1
    assert answers == [stored["nominations"]["id"].iloc[0]] * 6  # everyone is told the same row


def test_the_same_rows_imported_by_two_servers_at_once_are_stored_once(
    servers: list[PostgresWorkbook],
) -> None:
    """Rows carrying client tokens (an import that gives each row one): the unique index of
    (unit, token) lets one import store them; the other is refused, naming the tokens."""
    rows = [nomination(f"Người {i:04d}", token=f"import-abc-{i}") for i in range(3000)]
    start = threading.Barrier(2)
    outcome: list[str] = []

    def run(wb: PostgresWorkbook) -> None:
        start.wait()
        try:
            wb.append("nominations", rows, actor="officer")
            outcome.append("stored")
        except ValueError as exc:
            outcome.append("refused" if "import-abc-" in str(exc) else f"other: {exc}")

    threads = [threading.Thread(target=run, args=(wb,)) for wb in servers[:2]]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=60)
    assert sorted(outcome) == ["refused", "stored"]
    frame = servers[2].read("nominations")
    assert len(frame) == 3000 and frame["client_token"].is_unique


def test_the_database_refuses_a_second_row_for_a_token_whatever_writes_it(
    postgres_dsn: str, schema: str
) -> None:
    with psycopg.connect(postgres_dsn, autocommit=True) as conn:
        insert = (
            f'INSERT INTO "{schema}".nominations (id, version, unit_id, client_token) VALUES (%s, 1, %s, %s)'
        )
        conn.execute(insert, ("n1", "CDCS_01", "tok-9"))
        conn.execute(insert, ("n2", "CDCS_02", "tok-9"))  # another unit may draw the same token
        conn.execute(insert, ("n3", "CDCS_01", ""))
        conn.execute(insert, ("n4", "CDCS_01", ""))  # rows without a token are not concerned
        with pytest.raises(psycopg.errors.UniqueViolation):
            conn.execute(insert, ("n5", "CDCS_01", "tok-9"))


def test_stale_versions_across_servers_name_the_rows_and_write_nothing(
    servers: list[PostgresWorkbook],
) -> None:
    a, b, _ = servers
    x, y = (r["id"] for r in a.append("nominations", [nomination("X"), nomination("Y")], actor="o"))
    a.update(
        "nominations", [Change(x, 1, {"state": "APPROVED"})], actor="r1", also_append={"history": [event(x)]}
    )
    with pytest.raises(StaleRow) as caught:
        b.update(
            "nominations",
            [Change(y, 1, {"state": "RETURNED"}), Change(x, 1, {"state": "RETURNED"})],
            actor="r2",
            also_append={"history": [event(x), event(y)]},
        )
    assert caught.value.ids == (x,)
    frame = b.read("nominations")
    assert frame.set_index("id")["state"].to_dict() == {x: "APPROVED", y: "SUBMITTED"}
    assert len(b.read("history")) == 1


def test_typed_columns_follow_the_schemas(postgres_dsn: str, schema: str) -> None:
    with psycopg.connect(postgres_dsn) as conn:
        types = dict(
            conn.execute(
                "SELECT column_name, data_type FROM information_schema.columns "
                "WHERE table_schema = %s AND table_name = 'users'",
                (schema,),
            ).fetchall()
        )
    assert types["version"] == "bigint" and types["active"] == "boolean" and types["email"] == "text"
    assert [c for c in types if not c.startswith("_")] == list(columns_of("users"))


@pytest.mark.parametrize("after", [False, True], ids=["cut-before-commit", "cut-after-commit"])
def test_a_connection_cut_at_the_commit_neither_loses_nor_doubles_the_write(
    postgres_dsn: str, schema: str, after: bool
) -> None:
    socket_dir = psycopg.conninfo.conninfo_to_dict(postgres_dsn)["host"]
    proxy = FaultProxy(str(socket_dir))
    wb = PostgresWorkbook(proxy.dsn(), schema=schema, listen=False, sleep=lambda s: None)
    try:
        (row,) = wb.append("nominations", [nomination("Phạm Quỳnh Hương")], actor="o")
        proxy.cut_next(b"COMMIT", after=after)
        out = wb.update(
            "nominations",
            [Change(row["id"], 1, {"state": "APPROVED"})],
            actor="reviewer",
            also_append={"history": [event(row["id"], "duyệt")]},
        )
        assert not proxy.armed() and proxy.cuts == 1
        assert out[0]["version"] == 2 and out[0]["state"] == "APPROVED"
        assert wb.retries >= 1
        assert wb.landed == (1 if after else 0)  # after: the first attempt had committed
        frames = wb.read_many(["nominations", "history"])
        assert frames["nominations"]["version"].tolist() == [2]
        assert frames["history"]["reason"].tolist() == ["duyệt"]  # once, not twice
    finally:
        wb.close()
        proxy.close()


def test_a_write_gives_up_with_a_vietnamese_message_when_the_database_stays_away(postgres_dsn: str) -> None:
    proxy = FaultProxy(str(psycopg.conninfo.conninfo_to_dict(postgres_dsn)["host"]), drop=1.0)
    wb = PostgresWorkbook(
        proxy.dsn(),
        schema=fresh_schema(),
        listen=False,
        retry_seconds=0.5,
        connect_timeout=1,
        sleep=time.sleep,
    )
    try:
        with pytest.raises(StorageUnavailable) as caught:
            wb.read("users")
        assert "PostgreSQL" in caught.value.message("vi") and "thử lại" in caught.value.message("vi")
        assert "try again" in caught.value.message("en")
    finally:
        wb.close()
        proxy.close()


@pytest.mark.slow
def test_the_database_restarting_mid_use_costs_a_wait_not_a_write() -> None:
    server = ThrowawayPostgres()
    dsn = server.start()
    wb = PostgresWorkbook(dsn, schema="thidua")
    other = PostgresWorkbook(dsn, schema="thidua")
    try:
        wb.ensure_tabs(headers())
        (row,) = wb.append("nominations", [nomination("Đặng Văn Đức")], actor="o")
        assert other.listening(timeout=10)
        server.restart("fast")  # every session is cut, the server comes back
        out = wb.update(
            "nominations",
            [Change(row["id"], 1, {"state": "APPROVED"})],
            actor="r",
            also_append={"history": [event(row["id"])]},
        )
        assert out[0]["version"] == 2
        assert other.listening(timeout=15)  # the listener is back, and saw what changed meanwhile
        assert wait_for(lambda: other.read("nominations")["state"].tolist() == ["APPROVED"])
        assert len(other.read("history")) == 1
    finally:
        wb.close()
        other.close()
        server.stop()
