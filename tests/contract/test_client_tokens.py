"""The idempotency rule of the port, on every backend: in a tab with ``unit_id`` and
``client_token``, a non-empty token is stored once per unit, whatever writes the row (issue 23,
"imports that double"). A PostgreSQL adapter keeps the same rule with a unique index."""

from __future__ import annotations

import threading
from typing import Any

import pytest

from core.ports import TokensTaken, Workbook


def nomination(name: str, token: str, unit: str = "CDCS_01") -> dict[str, Any]:
    return {"campaign_id": "C1", "unit_id": unit, "full_name": name, "client_token": token}


def history(row_id: str) -> dict[str, Any]:
    return {"tab": "nominations", "row_id": row_id, "action": "create", "to_state": "DRAFT"}


def test_a_token_is_stored_once_per_unit_by_append_and_by_update(book: Workbook) -> None:
    book.append("nominations", [nomination("An", "imp-1"), nomination("Bình", "imp-2")], actor="a")
    with pytest.raises(TokensTaken) as refused:
        book.append("nominations", [nomination("Chi", "imp-3"), nomination("An again", "imp-1")], actor="a")
    assert refused.value.keys == (("CDCS_01", "imp-1"),)
    with pytest.raises(TokensTaken) as again:
        book.update(
            "nominations",
            [],
            actor="a",
            also_append={"nominations": [nomination("Bình again", "imp-2")], "history": [history("x")]},
        )
    assert again.value.keys == (("CDCS_01", "imp-2"),)
    frames = book.read_many(["nominations", "history"])
    assert sorted(frames["nominations"]["full_name"]) == ["An", "Bình"]  # nothing else written
    assert frames["history"].empty


def test_the_same_token_twice_in_one_call_is_refused_and_other_units_and_blank_tokens_pass(
    book: Workbook,
) -> None:
    with pytest.raises(TokensTaken) as twice:
        book.append("nominations", [nomination("An", "imp-1"), nomination("An bis", "imp-1")], actor="a")
    assert twice.value.keys == (("CDCS_01", "imp-1"),)
    assert book.read("nominations").empty
    rows = [nomination("An", "imp-1"), nomination("An", "imp-1", unit="CDCS_02")]
    rows += [nomination("Không mã 1", ""), nomination("Không mã 2", "")]
    book.append("nominations", rows, actor="a")
    assert len(book.read("nominations")) == 4


def test_two_writers_of_the_same_tokens_at_once_store_each_row_once(book: Workbook) -> None:
    rows = [nomination(f"Người {i:03d}", f"imp-{i}") for i in range(60)]
    start = threading.Barrier(2)
    outcome: list[str] = []

    def write(part: list[dict[str, Any]]) -> None:
        start.wait()
        try:
            book.update("nominations", [], actor="a", also_append={"nominations": part})
            outcome.append("stored")
        except TokensTaken as exc:
            outcome.append(f"refused {len(exc.keys)}")

    threads = [
        threading.Thread(target=write, args=(rows,)),
        threading.Thread(target=write, args=(rows[::-1],)),
    ]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=60)
    assert sorted(outcome) == ["refused 60", "stored"]
    frame = book.read("nominations")
    assert len(frame) == 60 and frame["client_token"].is_unique


def test_a_row_whose_id_and_token_are_both_stored_is_refused_for_its_token(book: Workbook) -> None:
    """Imported rows take ids derived from their tokens: the refusal names the token (which an
    import leaves out and goes on), not the id."""
    row = {**nomination("An", "imp-7"), "id": "I-IMP-7"}
    book.append("nominations", [row], actor="a")
    for write in (
        lambda: book.append("nominations", [row], actor="a"),
        lambda: book.update("nominations", [], actor="a", also_append={"nominations": [row]}),
    ):
        with pytest.raises(TokensTaken) as refused:
            write()
        assert refused.value.keys == (("CDCS_01", "imp-7"),)
