"""Imports that never double (issue 23): the same 3,000-row file imported twice at the same moment,
by two processes (two stores over one SQLite file; two adapters over one Google sheet; two servers
over one PostgreSQL schema), while a reviewer approves other rows: each row is stored once, the
second import reports the rows as already stored, and every history row is accounted for."""

from __future__ import annotations

import threading
from collections import Counter
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import gspread
import pytest

import demo
from core.errors import StaleRow
from schemas.registry import headers
from services.intake import rows_upload
from services.intake_import import IntakeResult, import_upload
from services.services import Services
from storage.gsheets import GoogleSheetsWorkbook
from storage.sqlite import SqliteWorkbook
from tests.gsheets.support import no_sleep
from tests.reliability.harness import (
    CAMPAIGN,
    FORM,
    Backend,
    emulator_backend,
    make_services,
    nomination,
    officer,
    org_rows,
    reviewers,
    sqlite_backend,
)
from workflows.loader import load_campaigns

ROWS = 3_000
TO_APPROVE = 15


def second_sqlite(backend: Backend, path: Path) -> Services:
    store = SqliteWorkbook(path)
    backend.extra.append(store)
    return make_services(store)


def second_sheet(backend: Backend) -> Services:
    assert backend.emu is not None
    client = gspread.Client(auth=None, session=backend.emu.session())  # type: ignore[arg-type]
    store = GoogleSheetsWorkbook(backend.key, client=client, sleep=no_sleep, seed=1)
    backend.extra.append(store)
    return make_services(store)


def postgres_backend(dsn: str) -> tuple[Backend, Services]:
    from tests.postgres_support import postgres_workbook

    store = postgres_workbook(dsn)
    store.ensure_tabs(headers())
    demo.seed(store, org_rows(2))
    backend = Backend("postgres", store, make_services(store))
    other = postgres_workbook(dsn, schema=store.schema)
    backend.extra.append(other)
    return backend, make_services(other)


@pytest.fixture(params=["sqlite-file", "gsheets-emulator", "postgres"])
def two_processes(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[tuple[Backend, Services]]:
    if request.param == "sqlite-file":
        backend = sqlite_backend(tmp_path / "thidua.sqlite", 2)
        other = second_sqlite(backend, tmp_path / "thidua.sqlite")
    elif request.param == "gsheets-emulator":
        backend = emulator_backend(2)
        other = second_sheet(backend)
    else:
        backend, other = postgres_backend(request.getfixturevalue("postgres_dsn"))
    yield backend, other
    backend.close()
    if request.param == "postgres":
        from tests.postgres_support import drop

        drop(backend.store)  # type: ignore[arg-type]


def _file_rows() -> list[dict[str, Any]]:
    return [nomination(f"Người Nhập {i:04d}") for i in range(ROWS)]


@pytest.mark.slow
def test_two_imports_of_one_file_at_once_store_each_row_once_while_a_reviewer_works(
    two_processes: tuple[Backend, Services],
) -> None:
    backend, other = two_processes
    first = backend.services
    campaign = load_campaigns()[CAMPAIGN]
    importer, submitter = officer(1), officer(2)
    reviewer = next(r for r in reviewers() if r.unit_id == "HN-LDLD-HADONG")  # the parent of unit 2
    waiting = [
        first.create(
            submitter, CAMPAIGN, FORM, nomination(f"Chờ Duyệt {k:02d}"), submit=True, client_token=f"t{k}"
        )
        for k in range(TO_APPROVE)
    ]
    positions = [("", r) for r in range(2, ROWS + 2)]
    uploads = [rows_upload(campaign, FORM, _file_rows(), positions, source="ds.xlsx") for _ in range(2)]
    start = threading.Barrier(3)
    results: dict[str, IntakeResult] = {}
    approved: list[str] = []
    problems: list[str] = []

    def run(name: str, job: Callable[[], None]) -> threading.Thread:
        def body() -> None:
            start.wait()
            try:
                job()
            except Exception as exc:  # any failure is a finding
                problems.append(f"{name}: {type(exc).__name__}: {exc}")

        thread = threading.Thread(target=body, name=name)
        thread.start()
        return thread

    def importing(services: Services, key: str, i: int) -> Callable[[], None]:
        return lambda: results.__setitem__(
            key, import_upload(services, importer, uploads[i], accept_warnings=True)
        )

    def approving() -> None:
        for row in waiting:
            for _ in range(10):
                current = first.get(reviewer, "nominations", str(row["id"]))
                try:
                    first.act(reviewer, "nominations", str(row["id"]), int(current["version"]), "approve")
                except StaleRow:
                    continue
                approved.append(str(row["id"]))
                break

    threads = [
        run("import A", importing(first, "a", 0)),
        run("import B", importing(other, "b", 1)),
        run("reviewer", approving),
    ]
    for thread in threads:
        thread.join(timeout=600)
    assert problems == []
    a, b = results["a"], results["b"]
    # every row stored by exactly one of the imports; the other says it was stored already
    assert len(a.imported) + len(b.imported) == ROWS
    assert len(a.already) + len(b.already) == ROWS
    assert a.rejected == [] and b.rejected == []
    store = backend.store
    noms = store.read("nominations")
    mine = noms[noms["unit_id"] == importer.unit_id]
    assert len(mine) == ROWS and mine["client_token"].is_unique and mine["id"].is_unique
    assert sorted(mine["full_name"]) == sorted(r["full_name"] for r in _file_rows())
    # every history row is accounted for: one "create" per imported row, none for a row not stored,
    # the seeded rows' create + submit, and one approval per row the reviewer approved
    history = store.read("history")
    ids = set(noms["id"])
    assert set(history["row_id"]) <= ids
    creates = Counter(history[history["action"] == "create"]["row_id"])
    assert all(creates[i] == 1 for i in mine["id"]) and len(creates) == ROWS + TO_APPROVE
    assert sorted(history[history["action"] == "approve"]["row_id"]) == sorted(approved)
    assert len(approved) == TO_APPROVE
    assert len(history) == ROWS + 2 * TO_APPROVE + len(approved)
    versions = noms.set_index("id")["version"]
    assert all(int(versions[i]) == 2 for i in approved)  # each approval applied once
