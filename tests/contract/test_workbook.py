"""The storage contract: what every ``Workbook`` backend does, seen only through the port.

Each test reads like something a user would notice: a lost row, a clobbered edit, a name with
its accents broken, a formula where text was typed.
"""

from __future__ import annotations

import threading
import unicodedata
from typing import Any

import pandas as pd
import pytest

from core.errors import RowNotFound, StaleRow
from core.ports import ENVELOPE, AlreadyStored, Change, Loader, Workbook
from core.text import clean
from schemas.registry import columns_of, headers

from .conftest import TickingClock

VIETNAMESE_NAMES = [
    "Nguyễn Thị Thu Thủy",
    "Đặng Văn Đức",
    "Trương Thị Ngọc Ánh",
    "Lê Hữu Phước",
    "Phạm Quỳnh Hương",
    "Công đoàn cơ sở Công ty TNHH Điện tử Samsung Việt Nam – Thái Nguyên",
]


def user(name: str = "Nguyễn Văn An", **extra: Any) -> dict[str, Any]:
    row: dict[str, Any] = {
        "email": "an.nguyen@congdoan.vn",
        "full_name": name,
        "role": "unit_officer",
        "unit_id": "CDCS_01",
        "active": True,
    }
    row.update(extra)
    return row


def event(reason: str, **extra: Any) -> dict[str, Any]:
    row: dict[str, Any] = {"tab": "nominations", "row_id": "N1", "action": "approve", "reason": reason}
    row.update(extra)
    return row


def ids_of(wb: Workbook, tab: str) -> list[str]:
    return list(wb.read(tab)["id"])


# -- ensure_tabs ------------------------------------------------------------------------------


def test_reading_a_tab_never_created_gives_the_empty_typed_frame(workbook: Workbook) -> None:
    frame = workbook.read("works")
    assert len(frame) == 0
    assert list(frame.columns) == list(columns_of("works"))
    assert frame["version"].dtype == "Int64"


def test_ensure_tabs_creates_every_tab_with_its_header_and_is_idempotent(workbook: Workbook) -> None:
    workbook.ensure_tabs(headers())
    stored = workbook.append("users", [user()], actor="admin@congdoan.vn")
    assert list(stored[0]) == list(columns_of("users"))  # every header column, in header order

    workbook.ensure_tabs(headers())
    workbook.ensure_tabs(headers())

    frames = workbook.read_many(list(headers()))
    assert set(frames) == set(headers())
    assert {tab: list(f.columns) for tab, f in frames.items()} == {t: list(h) for t, h in headers().items()}
    assert list(frames["users"]["id"]) == [stored[0]["id"]]
    assert all(len(f) == 0 for tab, f in frames.items() if tab != "users")


def test_ensure_tabs_adds_a_new_column_and_keeps_existing_data(workbook: Workbook) -> None:
    old_header = [c for c in columns_of("users") if c != "active"]
    workbook.ensure_tabs({"users": old_header})
    with pytest.raises(ValueError, match="active"):
        workbook.append("users", [user("Đặng Văn Đức")], actor="a")
    row = {k: v for k, v in user("Đặng Văn Đức").items() if k != "active"}
    before = workbook.append("users", [row], actor="a")

    workbook.ensure_tabs({"users": columns_of("users")})
    after = workbook.append("users", [user("Lê Hữu Phước", active=True)], actor="a")

    frame = workbook.read("users")
    assert list(frame["id"]) == [before[0]["id"], after[0]["id"]]
    assert list(frame["full_name"]) == ["Đặng Văn Đức", "Lê Hữu Phước"]
    assert list(frame["active"]) == [False, True]  # the old row reads the new column as empty
    assert list(frame["version"]) == [1, 1]


# -- append -----------------------------------------------------------------------------------


def test_append_assigns_ids_version_timestamps_and_author(book: Workbook, clock: TickingClock) -> None:
    stored = book.append(
        "users",
        [user("Nguyễn Văn An"), user("Trần Thị Bình", id="U-0002"), user("Lê Văn Cường")],
        actor="officer@cd.vn",
    )

    ids = [r["id"] for r in stored]
    assert ids[1] == "U-0002"  # a caller's id is kept
    assert all(isinstance(i, str) and len(i) >= 10 for i in (ids[0], ids[2]))
    assert len(set(ids)) == 3
    assert [r["version"] for r in stored] == [1, 1, 1]
    assert {r["created_at"] for r in stored} == {clock.last}
    assert all(r["updated_at"] == r["created_at"] for r in stored)
    assert all(r["updated_by"] == "officer@cd.vn" for r in stored)

    frame = book.read("users")
    assert list(frame["id"]) == ids
    assert frame.to_dict("records") == [dict(r) for r in stored]


def test_read_returns_typed_columns_in_append_order(book: Workbook) -> None:
    work = {
        "campaign_id": "C2025",
        "unit_id": "CDCS_01",
        "state": "draft",
        "name_vi": "Cầu Ngọc Hà vượt sông Cà Lồ",
    }
    book.append("works", [work | {"id": "w-z", "revision": 0, "value_vnd": "8.500.000"}], actor="a")
    book.append("works", [work | {"id": "w-a", "revision": 2, "value_vnd": None}], actor="a")
    book.append("works", [work | {"id": "w-m", "revision": "3", "value_vnd": 1_250_000_000}], actor="a")
    book.append("users", [user(active=True), user(active=False)], actor="a")

    works = book.read("works")
    assert list(works["id"]) == ["w-z", "w-a", "w-m"]  # append order, not id order
    assert works["revision"].dtype == "Int64"
    assert works["value_vnd"].dtype == "Int64"
    assert works["version"].dtype == "Int64"
    assert list(works["revision"]) == [0, 2, 3]
    assert works["value_vnd"].tolist() == [8_500_000, pd.NA, 1_250_000_000]
    assert works["name_vi"].tolist() == ["Cầu Ngọc Hà vượt sông Cà Lồ"] * 3
    assert all(isinstance(v, str) for v in works["name_vi"])
    users = book.read("users")
    assert users["active"].dtype == bool
    assert list(users["active"]) == [True, False]


def test_text_typed_with_another_input_method_is_stored_nfc(book: Workbook) -> None:
    nfd = unicodedata.normalize("NFD", "Nguyễn Thị Thu Thủy")
    assert nfd != "Nguyễn Thị Thu Thủy"
    stored = book.append("users", [user(nfd)], actor=unicodedata.normalize("NFD", "Đức"))
    assert stored[0]["full_name"] == "Nguyễn Thị Thu Thủy"
    frame = book.read("users")
    assert frame.loc[0, "full_name"] == "Nguyễn Thị Thu Thủy"
    assert unicodedata.is_normalized("NFC", frame.loc[0, "full_name"])
    assert frame.loc[0, "updated_by"] == "Đức"


@pytest.mark.parametrize(
    "typed",
    [
        "=1+1",
        '=HYPERLINK("http://evil.example";"bấm vào đây")',
        "+84912345678",
        "-5",
        "@SUM(A1:A3)",
        "'0123",
        "0912345678",
        "\t=1+1",  # the schema trims whitespace, so this reads back as the text "=1+1"
        "1/5",
        "TRUE",
    ],
)
def test_text_that_looks_like_a_formula_or_number_stays_text(book: Workbook, typed: str) -> None:
    expected = clean(typed)
    stored = book.append("history", [event(typed)], actor="a")
    book.update("history", [Change(stored[0]["id"], 1, {"from_state": typed})], actor="a")
    row = book.read("history").iloc[0]
    assert row["reason"] == expected
    assert row["from_state"] == expected
    assert isinstance(row["reason"], str)


def test_vietnamese_names_round_trip(book: Workbook) -> None:
    stored = book.append("users", [user(n) for n in VIETNAMESE_NAMES], actor="Trần Thị Bình")
    assert list(book.read("users")["full_name"]) == VIETNAMESE_NAMES
    book.update("users", [Change(stored[0]["id"], 1, {"full_name": "Đỗ Thị Hồng Nhung"})], actor="Lý Thái Tổ")
    frame = book.read("users")
    assert list(frame["full_name"]) == ["Đỗ Thị Hồng Nhung", *VIETNAMESE_NAMES[1:]]
    assert frame.loc[0, "updated_by"] == "Lý Thái Tổ"


def test_unknown_column_in_append_raises_and_writes_nothing(book: Workbook) -> None:
    with pytest.raises(ValueError, match="ngay_sinh"):
        book.append("users", [user("Nguyễn Văn An"), user("Lê Văn Cường", ngay_sinh="1985-02-28")], actor="a")
    assert len(book.read("users")) == 0


def test_duplicate_id_raises_and_writes_nothing_of_the_batch(book: Workbook) -> None:
    book.append("users", [user(id="U-1")], actor="a")
    with pytest.raises(ValueError, match="U-1"):
        book.append("users", [user("Mới", id="U-2"), user("Trùng", id="U-1")], actor="a")
    with pytest.raises(ValueError, match="U-3"):
        book.append("users", [user("Một", id="U-3"), user("Hai", id="U-3")], actor="a")
    frame = book.read("users")
    assert list(frame["id"]) == ["U-1"]
    assert list(frame["full_name"]) == ["Nguyễn Văn An"]


# -- update -----------------------------------------------------------------------------------


def test_update_bumps_version_and_changes_only_the_named_columns_of_the_named_row(
    book: Workbook, clock: TickingClock
) -> None:
    stored = book.append("users", [user("An"), user("Bình"), user("Cường")], actor="creator")
    before = book.read("users")

    result = book.update("users", [Change(stored[1]["id"], 1, {"full_name": "Bình (sửa)"})], actor="editor")

    after = book.read("users")
    assert result[0]["id"] == stored[1]["id"]
    assert result[0]["version"] == 2
    assert result[0]["full_name"] == "Bình (sửa)"
    assert after.loc[1, "version"] == 2
    assert after.loc[1, "full_name"] == "Bình (sửa)"
    assert after.loc[1, "updated_by"] == "editor"
    assert after.loc[1, "updated_at"] == clock.last != before.loc[1, "updated_at"]
    assert after.loc[1, "created_at"] == before.loc[1, "created_at"]
    untouched = [
        c for c in columns_of("users") if c not in ("full_name", "version", "updated_at", "updated_by")
    ]
    pd.testing.assert_frame_equal(after[untouched], before[untouched])
    pd.testing.assert_frame_equal(after.drop(index=1), before.drop(index=1))
    assert after.to_dict("records")[1] == result[0]


def test_update_with_a_wrong_version_names_exactly_the_stale_rows_and_writes_nothing(book: Workbook) -> None:
    a, b, c, d = (r["id"] for r in book.append("users", [user(n) for n in "ABCD"], actor="x"))
    book.update("users", [Change(a, 1, {"full_name": "A2"}), Change(c, 1, {"full_name": "C2"})], actor="y")
    before = book.read("users")

    with pytest.raises(StaleRow) as caught:
        book.update(
            "users",
            [
                Change(b, 1, {"full_name": "B!"}),
                Change(a, 1, {"full_name": "A!"}),
                Change(c, 1, {"role": "x"}),
            ],
            actor="z",
            also_append={"history": [event("should not appear")]},
        )

    assert sorted(caught.value.ids) == sorted([a, c])
    assert caught.value.tab == "users"
    pd.testing.assert_frame_equal(book.read("users"), before)  # b was not changed either
    assert len(book.read("history")) == 0
    assert d in list(before["id"])


def test_update_of_unknown_ids_raises_row_not_found_and_writes_nothing(book: Workbook) -> None:
    (a,) = (r["id"] for r in book.append("users", [user("An")], actor="x"))
    before = book.read("users")
    with pytest.raises(RowNotFound) as caught:
        book.update(
            "users",
            [Change(a, 1, {"full_name": "An!"}), Change("khong-co", 1, {"full_name": "?"})],
            actor="z",
        )
    assert caught.value.ids == ("khong-co",)
    assert caught.value.tab == "users"
    pd.testing.assert_frame_equal(book.read("users"), before)


def test_update_refuses_to_change_the_envelope(book: Workbook) -> None:
    (a,) = (r["id"] for r in book.append("users", [user("An")], actor="x"))
    before = book.read("users")
    for column, value in [("id", "other"), ("version", 9), ("created_at", "2020-01-01T00:00:00+07:00")]:
        with pytest.raises(ValueError, match=column):
            book.update("users", [Change(a, 1, {"full_name": "An!", column: value})], actor="z")
    pd.testing.assert_frame_equal(book.read("users"), before)


def test_update_with_an_unknown_column_raises_and_writes_nothing(book: Workbook) -> None:
    (a,) = (r["id"] for r in book.append("users", [user("An")], actor="x"))
    before = book.read("users")
    with pytest.raises(ValueError, match="ngay_sinh"):
        book.update("users", [Change(a, 1, {"full_name": "An!", "ngay_sinh": "x"})], actor="z")
    with pytest.raises(ValueError, match="ngay_sinh"):
        book.update(
            "users",
            [Change(a, 1, {"full_name": "An!"})],
            actor="z",
            also_append={"history": [event("ok"), event("bad", ngay_sinh="x")]},
        )
    pd.testing.assert_frame_equal(book.read("users"), before)
    assert len(book.read("history")) == 0


def test_also_append_is_written_with_the_update(book: Workbook) -> None:
    (a,) = (r["id"] for r in book.append("nominations", [{"campaign_id": "C1", "state": "draft"}], actor="x"))
    book.update(
        "nominations",
        [Change(a, 1, {"state": "submitted"})],
        actor="officer@cd.vn",
        also_append={"history": [event("nộp hồ sơ", row_id=a, from_state="draft", to_state="submitted")]},
    )
    history = book.read("history")
    assert list(history["row_id"]) == [a]
    assert list(history["reason"]) == ["nộp hồ sơ"]
    assert list(history["updated_by"]) == ["officer@cd.vn"]
    assert list(history["version"]) == [1]
    assert book.read("nominations").loc[0, "state"] == "submitted"


def test_once_stores_a_submission_a_single_time_and_hands_back_the_stored_row(book: Workbook) -> None:
    """A double click or a browser resend: the same client token of the same unit is stored once,
    with its history once; the second call gets the first row instead of a copy."""

    def submit(name: str, unit: str = "CDCS_01") -> list[dict[str, Any]]:
        row = {"campaign_id": "C1", "unit_id": unit, "full_name": name, "client_token": "tok-1"}
        return book.update(
            "nominations",
            [],
            actor="officer@cd.vn",
            also_append={"nominations": [row], "history": [event("nộp", to_state="submitted")]},
            once={"client_token": "tok-1", "unit_id": unit},
        )

    submit("Nguyễn Văn An")
    first = book.read("nominations").iloc[0]
    with pytest.raises(AlreadyStored) as again:
        submit("Nguyễn Văn An (gửi lại)")
    assert again.value.row["id"] == first["id"]
    assert again.value.row["full_name"] == "Nguyễn Văn An"
    assert len(book.read("nominations")) == 1 and len(book.read("history")) == 1
    submit("Trần Thị Bình", unit="CDCS_02")  # the same token drawn by another unit's browser
    assert list(book.read("nominations")["unit_id"]) == ["CDCS_01", "CDCS_02"]


# -- concurrency ------------------------------------------------------------------------------


def test_two_people_editing_the_same_row_one_wins_the_other_is_told(book: Workbook) -> None:
    (a,) = (r["id"] for r in book.append("users", [user("An")], actor="x"))
    start = threading.Barrier(2)
    outcome: dict[str, str] = {}

    def edit(who: str) -> None:
        start.wait()
        try:
            book.update("users", [Change(a, 1, {"full_name": f"sửa bởi {who}"})], actor=who)
            outcome[who] = "won"
        except StaleRow as e:
            outcome[who] = "stale" if e.ids == (a,) else f"wrong ids {e.ids}"

    threads = [threading.Thread(target=edit, args=(who,)) for who in ("Hà", "Huế")]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=30)

    assert sorted(outcome.values()) == ["stale", "won"]
    (winner,) = (who for who, o in outcome.items() if o == "won")
    row = book.read("users").iloc[0]
    assert row["version"] == 2
    assert row["full_name"] == f"sửa bởi {winner}"
    assert row["updated_by"] == winner


def test_many_threads_appending_lose_and_duplicate_nothing(book: Workbook) -> None:
    threads_n, per_thread, batch = 20, 50, 10
    start = threading.Barrier(threads_n)
    errors: list[BaseException] = []

    def officer(t: int) -> None:
        start.wait()
        try:
            for b in range(0, per_thread, batch):
                book.append("history", [event(f"{t}:{n}") for n in range(b, b + batch)], actor=f"officer{t}")
        except BaseException as e:
            errors.append(e)

    threads = [threading.Thread(target=officer, args=(t,)) for t in range(threads_n)]
    for th in threads:
        th.start()
    for th in threads:
        th.join(timeout=60)

    assert errors == []
    frame = book.read("history")
    assert len(frame) == threads_n * per_thread
    assert frame["id"].is_unique
    reasons = list(frame["reason"])
    assert set(reasons) == {f"{t}:{n}" for t in range(threads_n) for n in range(per_thread)}
    for t in range(threads_n):  # each officer's rows appear in the order they were sent
        mine = [int(r.split(":")[1]) for r in reasons if r.startswith(f"{t}:")]
        assert mine == list(range(per_thread))


# -- read_many --------------------------------------------------------------------------------


def test_read_many_returns_every_requested_tab(book: Workbook) -> None:
    book.append("users", [user("An")], actor="x")
    book.append("history", [event("một"), event("hai")], actor="x")
    frames = book.read_many(["users", "history", "works"])
    assert list(frames) == ["users", "history", "works"]
    assert [len(frames[t]) for t in ("users", "history", "works")] == [1, 2, 0]
    for tab, frame in frames.items():
        pd.testing.assert_frame_equal(frame, book.read(tab))
        assert list(frame.columns) == list(columns_of(tab))
    assert list(frames["users"].columns[: len(ENVELOPE)]) == list(ENVELOPE)


# -- load (moving a workbook between stores) --------------------------------------------------


def test_load_keeps_each_rows_envelope_and_refuses_an_id_already_stored(book: Workbook) -> None:
    """``cli.py copy``: rows arrive with the id, version, times and author they had elsewhere."""
    assert isinstance(book, Loader)
    moved = [
        user("Nguyễn Thị Thu Thủy", id="U-7", version=4, created_at="2024-01-02T08:00:00+07:00",
             updated_at="2024-11-30T16:45:10+07:00", updated_by="chuyen.vien@cd.vn"),
        user("Đặng Văn Đức", id="U-3", version=1, created_at="2024-02-01T09:00:00+07:00",
             updated_at="2024-02-01T09:00:00+07:00", updated_by="an@cd.vn", active=False),
    ]  # fmt: skip
    assert book.load("users", moved) == 2
    frame = book.read("users")
    assert frame.to_dict("records") == [{c: r[c] for c in columns_of("users")} for r in moved]
    with pytest.raises(ValueError, match="U-3"):
        book.load("users", [user("Trùng", id="U-9", version=1), user("Trùng", id="U-3", version=1)])
    assert list(book.read("users")["id"]) == ["U-7", "U-3"]
    # the next change goes on from the loaded version
    (changed,) = book.update("users", [Change("U-7", 4, {"full_name": "Đỗ Thị Hồng Nhung"})], actor="x")
    assert changed["version"] == 5
