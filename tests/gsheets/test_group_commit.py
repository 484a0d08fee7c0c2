"""Group commit: updates from several sessions of one app process that queue together share one
``values:batchGet`` and one ``spreadsheets.batchUpdate``, and each caller still gets its own
outcome (its rows, ``StaleRow``, ``AlreadyStored`` or its own error). A batchUpdate is
all-or-nothing, so an update Google refuses is set aside and the others are written without it.

The group is formed deterministically: the adapter's ``group_wait`` sleep is replaced by a wait
until the expected number of updates has queued (``GoogleSheetsWorkbook.queued``).
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import gspread
import pytest

import bootstrap
from core.errors import StaleRow, StorageUnavailable
from core.ports import AlreadyStored, Change
from schemas.registry import headers
from storage.gsheets import GoogleSheetsWorkbook
from storage.gsheets.tags import _tag
from tests.reliability.harness import before_write

from .conftest import Sheet, ticking
from .support import emulated, no_sleep
from .test_row_tags import tags, user


class Gate:
    """The leader's ``group_wait``: return once ``n`` updates are queued (the group is complete)."""

    def __init__(self) -> None:
        self.n = 0
        self.wb: GoogleSheetsWorkbook | None = None

    def __call__(self, seconds: float) -> None:
        deadline = time.monotonic() + 10
        while self.wb is not None and self.wb.queued() < self.n and time.monotonic() < deadline:
            time.sleep(0.002)


@pytest.fixture
def grouped() -> Iterator[tuple[Sheet, Gate]]:
    gate = Gate()
    sent: list[tuple[str, str]] = []
    wb, emu, key = emulated(clock=ticking(), sent=sent, group_wait=0.25, sleep=gate)
    wb.ensure_tabs(headers())
    gate.wb = wb
    emu.log.clear()
    yield Sheet(wb, emu, key, sent), gate
    wb.close()


def together(gate: Gate, *calls: Callable[[], Any]) -> list[Any]:
    """Run ``calls`` in threads as one group; each one's result or exception, in order."""
    gate.n = len(calls)

    def run(call: Callable[[], Any]) -> Any:
        try:
            return call()
        except Exception as exc:
            return exc

    with ThreadPoolExecutor(len(calls)) as pool:
        futures = [pool.submit(run, c) for c in calls]
        return [f.result(timeout=30) for f in futures]


def seeded(sheet: Sheet, *names: str) -> list[str]:
    """Rows created through update (tagged) before the group; the log cleared afterwards."""
    sheet.wb.update("users", [], actor="a", also_append={"users": [user(n) for n in names]})
    ids = list(sheet.wb.read("users")["id"])
    sheet.clear()
    return ids


def history(row_id: str, what: str) -> dict[str, Any]:
    return {"tab": "users", "row_id": row_id, "action": what, "actor_email": "r@cd.vn"}


def change(sheet: Sheet, row_id: str, unit: str) -> Callable[[], Any]:
    return lambda: sheet.wb.update(
        "users",
        [Change(row_id, 1, {"unit_id": unit})],
        actor=f"r-{unit}",
        also_append={"history": [history(row_id, unit)]},
    )


def create(sheet: Sheet, name: str, token_unit: str) -> Callable[[], Any]:
    row = {**user(name), "unit_id": token_unit}
    once = {"email": row["email"], "unit_id": token_unit}
    return lambda: sheet.wb.update("users", [], actor="o", also_append={"users": [row]}, once=once)


def statuses(sheet: Sheet) -> list[int]:
    return [e.status for e in sheet.emu.log.entries if e.endpoint == "spreadsheets:batchUpdate"]


def test_updates_queued_together_share_one_read_and_one_write_and_each_caller_gets_its_own_rows(
    grouped: tuple[Sheet, Gate],
) -> None:
    sheet, gate = grouped
    a, b = seeded(sheet, "An", "Bình")
    out = together(
        gate,
        change(sheet, a, "U-A"),
        change(sheet, b, "U-B"),
        create(sheet, "Chi", "U1"),
        create(sheet, "Dung", "U2"),
        create(sheet, "Em", "U3"),
    )
    assert sheet.endpoints() == ["values:batchGet", "spreadsheets:batchUpdate"]
    assert [r[0]["id"] for r in out[:2]] == [a, b] and [r[0]["version"] for r in out[:2]] == [2, 2]
    assert out[2:] == [[], [], []]  # creates return no changed rows, as before
    frame = sheet.wb.read("users").set_index("email")
    assert frame.loc["an@cd.vn", "unit_id"] == "U-A" and frame.loc["bình@cd.vn", "unit_id"] == "U-B"
    assert {frame.loc[f"{n}@cd.vn", "unit_id"] for n in ("chi", "dung", "em")} == {"U1", "U2", "U3"}
    assert sorted(sheet.wb.read("history")["action"]) == ["U-A", "U-B"]
    # every row carries exactly its own tag, on its own row
    where = tags(sheet)
    rows = sheet.cells("users")
    for value, r in where.items():
        row_id, version = value.split("@")
        assert rows[r][0] == row_id and str(rows[r][1]) == version


def test_a_colleagues_click_in_a_2nd_instance_inside_the_gap_fails_only_that_callers_change(
    grouped: tuple[Sheet, Gate],
) -> None:
    """B5 inside a group: Google refuses the batch naming the guard of b; b's caller gets StaleRow,
    a and c are read again and written without it, and nothing of b is applied twice."""
    sheet, gate = grouped
    a, b, c = seeded(sheet, "An", "Bình", "Cúc")
    client = gspread.Client(auth=None, session=sheet.emu.session())  # type: ignore[arg-type]
    other = GoogleSheetsWorkbook(sheet.key, client=client, clock=ticking(), sleep=no_sleep)
    before_write(sheet.wb, lambda: other.update("users", [Change(b, 1, {"unit_id": "U-TP"})], actor="o"))
    out = together(gate, change(sheet, a, "U-A"), change(sheet, b, "U-B"), change(sheet, c, "U-C"))
    ours = [url.split("?")[0].rsplit("/", 1)[-1] for _, url in sheet.sent]
    assert isinstance(out[1], StaleRow) and out[1].ids == (b,)
    assert out[0][0]["version"] == 2 and out[2][0]["version"] == 2
    frame = sheet.wb.read("users").set_index("id")
    assert list(frame.loc[[a, b, c], "unit_id"]) == ["U-A", "U-TP", "U-C"]
    assert list(frame.loc[[a, b, c], "version"]) == [2, 2, 2]
    assert sorted(sheet.wb.read("history")["action"]) == ["U-A", "U-C"]
    # the colleague's write (200); ours refused once (400), the rest read again and written (200);
    # b alone read again and found stale (no write)
    assert statuses(sheet) == [200, 400, 200]
    assert ours == ["values:batchGet", f"{sheet.key}:batchUpdate"] * 2 + ["values:batchGet"]


@pytest.mark.parametrize("edit", ["insert-above", "sort"])
def test_rows_a_person_moves_inside_the_gap_of_a_group_write_get_every_change_on_its_row(
    grouped: tuple[Sheet, Gate], edit: str
) -> None:
    sheet, gate = grouped
    a, b, c = seeded(sheet, "Cúc", "An", "Bình")
    human = sheet.emu.human(sheet.key)
    moves = {
        "insert-above": lambda: human.insert_rows(2, count=2, sheet="users"),
        "sort": lambda: human.sort("G", ascending=True, sheet="users"),
    }
    before_write(sheet.wb, moves[edit])
    out = together(gate, change(sheet, a, "U-A"), change(sheet, b, "U-B"), change(sheet, c, "U-C"))
    assert [r[0]["id"] for r in out] == [a, b, c]
    frame = sheet.wb.read("users").set_index("id")
    assert list(frame.loc[[a, b, c], "unit_id"]) == ["U-A", "U-B", "U-C"]
    assert list(frame.loc[[a, b, c], "full_name"]) == ["Cúc", "An", "Bình"]
    assert list(frame.loc[[a, b, c], "version"]) == [2, 2, 2]
    assert statuses(sheet)[0] == 400 and statuses(sheet)[-1] == 200
    assert sorted(sheet.wb.read("history")["action"]) == ["U-A", "U-B", "U-C"]


def test_two_callers_changing_the_same_row_in_one_group_the_first_wins_the_second_is_stale(
    grouped: tuple[Sheet, Gate],
) -> None:
    sheet, gate = grouped
    (a,) = seeded(sheet, "An")
    out = together(gate, change(sheet, a, "U-1"), change(sheet, a, "U-2"))
    assert sheet.endpoints() == ["values:batchGet", "spreadsheets:batchUpdate"]  # no refused write
    won = [r for r in out if isinstance(r, list)]
    lost = [r for r in out if isinstance(r, StaleRow)]
    assert len(won) == 1 and len(lost) == 1 and lost[0].ids == (a,)
    row = sheet.wb.read("users").iloc[0]
    assert row["version"] == 2 and row["unit_id"] == won[0][0]["unit_id"]
    assert list(sheet.wb.read("history")["action"]) == [row["unit_id"]]


def test_the_same_once_key_twice_in_one_group_stores_one_row_and_the_second_caller_gets_it(
    grouped: tuple[Sheet, Gate],
) -> None:
    sheet, gate = grouped
    out = together(gate, create(sheet, "An", "U1"), create(sheet, "An", "U1"), create(sheet, "Bình", "U1"))
    frame = sheet.wb.read("users")
    assert sorted(frame["full_name"]) == ["An", "Bình"]
    stored = [r for r in out if isinstance(r, AlreadyStored)]
    assert len(stored) == 1
    assert stored[0].row["id"] == frame.set_index("full_name").loc["An", "id"]


def test_a_caller_whose_update_is_invalid_gets_its_error_and_the_others_are_written(
    grouped: tuple[Sheet, Gate],
) -> None:
    sheet, gate = grouped
    a, b = seeded(sheet, "An", "Bình")
    bad = lambda: sheet.wb.update("users", [Change(b, 1, {"no_such_column": "x"})], actor="r")  # noqa: E731
    gone = lambda: sheet.wb.update("users", [Change("NO-SUCH-ID", 1, {"unit_id": "x"})], actor="r")  # noqa: E731
    out = together(gate, bad, change(sheet, a, "U-A"), gone)
    assert sheet.endpoints() == ["values:batchGet", "spreadsheets:batchUpdate"]
    assert isinstance(out[0], ValueError) and "no_such_column" in str(out[0])
    assert type(out[2]).__name__ == "RowNotFound"
    assert out[1][0]["unit_id"] == "U-A"


def test_an_update_google_keeps_refusing_is_reported_alone_after_bounded_re_plans_and_the_others_land(
    grouped: tuple[Sheet, Gate],
) -> None:
    """A metadata id taken by something else (a 31-bit hash collision) refuses b's write every
    time: b is set aside at once, a and c are written, b is re-planned alone at most 3 times."""
    sheet, gate = grouped
    a, b, c = seeded(sheet, "An", "Bình", "Cúc")
    sheet_id = sheet.emu.sheet(sheet.key, "users").sheet_id
    squatter = _tag(sheet_id, "users", b, 2, 5)  # b's next-version id, anchored on another row
    sheet.wb.client.http_client.batch_update(sheet.key, {"requests": [squatter]})
    sheet.clear()
    out = together(gate, change(sheet, a, "U-A"), change(sheet, b, "U-B"), change(sheet, c, "U-C"))
    assert statuses(sheet) == [400, 200, 400, 400, 400]
    assert isinstance(out[1], StorageUnavailable)
    assert "Google Trang tính" in out[1].message("vi")
    assert out[0][0]["unit_id"] == "U-A" and out[2][0]["unit_id"] == "U-C"
    frame = sheet.wb.read("users").set_index("id")
    assert list(frame.loc[[a, b, c], "unit_id"]) == ["U-A", "", "U-C"]
    assert list(frame.loc[[a, b, c], "version"]) == [2, 1, 2]
    assert sorted(sheet.wb.read("history")["action"]) == ["U-A", "U-C"]


def test_a_single_uncontended_update_is_still_one_read_and_one_write_without_waiting(sheet: Sheet) -> None:
    """The default group_wait is 0: an update that finds no group in flight is written at once."""
    assert sheet.wb.queued() == 0
    (a,) = seeded(sheet, "An")
    change(sheet, a, "U-A")()
    assert sheet.endpoints() == ["values:batchGet", "spreadsheets:batchUpdate"]


def test_the_group_settings_come_from_the_storage_section_and_bad_values_are_refused(tmp_path: Path) -> None:
    secrets = tmp_path / "secrets.toml"
    secrets.write_text(
        '[storage]\nbackend = "gsheets"\nspreadsheet = "k"\ngroup_wait_ms = 250\ngroup_max = 20\n',
        encoding="utf-8",
    )
    options = bootstrap.load_settings(env={}, secrets_path=secrets).backend_options
    assert options["group_wait"] == 0.25 and options["group_max"] == 20
    with pytest.raises(ValueError, match="group_max"):
        emulated(group_max=0)
