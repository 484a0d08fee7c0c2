"""Definitions that change while the app holds data: a field's type changed after rows exist is
refused (naming the rows) or migrated (recorded, with history), at start and when an admin saves;
the catalogue and rules files take effect at the next start without reseeding, with history, and an
edit made in the store's tab is kept unless the file changes that row."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

import bootstrap
from core.errors import ThiduaError
from schemas.rules import default_rule_rows
from services import campaign_admin, reference_sync
from services.field_ledger import FieldChangeRefused
from services.reference_sync import catalogue_rows
from storage.sqlite import SqliteWorkbook
from tests.conftest import ADMIN, OFFICER
from tests.contest.conftest import campaign
from workflows.loader import load_catalogue

AGE_TEXT = (
    "- {name: age, type: text, label: Tuổi}\n- {name: team, type: choice, label: Tổ, options: [A, B]}\n"
)
AGE_INT = AGE_TEXT.replace("type: text, label: Tuổi", "type: integer, label: Tuổi, min: 18")
TAB = "ledger_tab"


def build(folder: Path, db: Path, text: str) -> bootstrap.Services:  # type: ignore[name-defined]
    (folder / "c.yaml").write_text(text, encoding="utf-8")
    settings = bootstrap.Settings(sqlite_path=str(db), today=dt.date(2025, 4, 15), campaigns_dir=folder)
    return bootstrap.build(settings)


@pytest.fixture
def started(tmp_path: Path, demo_db: Path):  # type: ignore[no-untyped-def]
    folder = tmp_path / "campaigns"
    folder.mkdir()
    svc = build(folder, demo_db, campaign(AGE_TEXT, tab=TAB, cid="TEST-LEDGER"))
    return folder, demo_db, svc


def test_a_type_the_stored_cells_do_not_fit_is_refused_naming_the_rows(started) -> None:  # type: ignore[no-untyped-def]
    folder, db, svc = started
    svc.create(OFFICER, "TEST-LEDGER", "f", {"age": "30", "team": "A"}, submit=False)
    bad = svc.create(OFFICER, "TEST-LEDGER", "f", {"age": "khoảng 30", "team": "B"}, submit=False)
    svc.store.close()  # type: ignore[attr-defined]
    with pytest.raises(FieldChangeRefused) as err:
        build(folder, db, campaign(AGE_INT, tab=TAB, cid="TEST-LEDGER"))
    msg = err.value.message("vi")
    assert f"Bảng '{TAB}', trường 'age': đổi kiểu từ text sang integer không được vì 1 dòng" in msg
    assert f"{bad['id']} = 'khoảng 30'" in msg and "khai báo một trường mới" in msg
    with pytest.raises(FieldChangeRefused) as err:  # an option removed while a row uses it
        build(
            folder,
            db,
            campaign(AGE_TEXT.replace("options: [A, B]", "options: [A, C]"), tab=TAB, cid="TEST-LEDGER"),
        )
    assert "choice:A,B sang choice:A,C" in err.value.message("vi")


def test_a_type_the_stored_cells_fit_is_migrated_with_history(started) -> None:  # type: ignore[no-untyped-def]
    folder, db, svc = started
    made = svc.create(OFFICER, "TEST-LEDGER", "f", {"age": "30", "team": "A"}, submit=False)
    svc.store.close()  # type: ignore[attr-defined]
    again = build(folder, db, campaign(AGE_INT, tab=TAB, cid="TEST-LEDGER"))
    assert again.get(OFFICER, TAB, str(made["id"]))["age"] == 30  # read with the new type
    ledger = again.store.read("form_fields").set_index("id")
    assert ledger.loc[f"{TAB}.age", "field_type"] == "integer"
    history = again.store.read("history")
    change = history[history["action"] == "field_change"]
    assert list(change["row_id"]) == [f"{TAB}.age"] and list(change["from_state"]) == ["text"]


def test_an_admin_saving_a_version_that_does_not_fit_is_refused(started) -> None:  # type: ignore[no-untyped-def]
    _folder, _db, svc = started
    svc.create(OFFICER, "TEST-LEDGER", "f", {"age": "ba mươi", "team": "A"}, submit=False)
    with pytest.raises(ThiduaError) as err:
        campaign_admin.save(svc, ADMIN, campaign(AGE_INT, tab=TAB, cid="TEST-LEDGER"), note="tuổi là số")
    assert "'ba mươi'" in err.value.message("vi")
    assert campaign_admin.versions(svc.store, "TEST-LEDGER").empty  # nothing saved


def test_an_admin_saving_a_new_field_gets_a_new_column(started) -> None:  # type: ignore[no-untyped-def]
    _folder, _db, svc = started
    text = campaign(
        AGE_TEXT + "- {name: phone, type: phone, required: false, label: Điện thoại}\n",
        tab=TAB,
        cid="TEST-LEDGER",
    )
    campaign_admin.save(svc, ADMIN, text, note="thêm điện thoại")
    assert isinstance(svc.store, SqliteWorkbook) and svc.store.header(TAB)[-1] == "phone"
    made = svc.create(
        OFFICER, "TEST-LEDGER", "f", {"age": "30", "team": "A", "phone": "0912.345.678"}, submit=False
    )
    assert svc.get(OFFICER, TAB, str(made["id"]))["phone"] == "0912345678"


# ------------------------------------------------------------------------------------- catalogue and rules


def files(
    catalogue: list[dict[str, object]] | None = None, rules: list[dict[str, object]] | None = None
) -> dict:  # type: ignore[type-arg]
    return {
        "catalogue": catalogue if catalogue is not None else catalogue_rows(load_catalogue()),
        "rules": rules if rules is not None else default_rule_rows(),
    }


def test_catalogue_and_rules_files_take_effect_with_history(demo_db: Path) -> None:
    store = SqliteWorkbook(demo_db)
    first = reference_sync.sync(store, files(), now="2025-04-15T09:00:00+07:00")
    assert not first.changed  # the demo's tabs hold the files as they are: only remembered
    before = len(store.read("history"))
    assert not reference_sync.sync(store, files()).changed and len(store.read("history")) == before

    cat = catalogue_rows(load_catalogue())
    renamed = [{**c, "name_vi": "Lao động tiên tiến (sửa)"} if c["id"] == "LDTT" else c for c in cat]
    added = [
        *renamed,
        {**cat[0], "id": "HN_THO_GIOI", "name_vi": "Thợ giỏi Thủ đô", "name_en": "Capital master worker"},
    ]
    dropped = [c for c in added if c["id"] != "NTVT"]
    rules = [*default_rule_rows(), {"id": "contest_min_age@2025-01-01", "code": "contest_min_age", "value": "18",
             "valid_from": "2025-01-01", "valid_to": "", "status": "CONFIG", "source_url": "", "note": "Demo"}]  # fmt: skip
    report = reference_sync.sync(store, files(dropped, rules), now="2025-04-16T09:00:00+07:00")
    assert report.added == {"catalogue": ["HN_THO_GIOI"], "rules": ["contest_min_age@2025-01-01"]}
    assert report.updated == {"catalogue": [("LDTT", ["name_vi"])]} and report.retired == {
        "catalogue": ["NTVT"]
    }
    cat_now = store.read("catalogue").set_index("id")
    assert cat_now.loc["LDTT", "name_vi"] == "Lao động tiên tiến (sửa)" and not cat_now.loc["NTVT", "active"]
    assert cat_now.loc["HN_THO_GIOI", "name_en"] == "Capital master worker"
    assert "contest_min_age@2025-01-01" in set(store.read("rules")["id"])
    history = store.read("history").iloc[before:]
    assert sorted(history["action"]) == ["sync_add", "sync_add", "sync_retire", "sync_update"]
    assert "workflows/catalogue.yaml: name_vi" in set(history["reason"])


def test_an_edit_made_in_the_tab_is_kept_until_the_file_changes_that_row(demo_db: Path) -> None:
    store = SqliteWorkbook(demo_db)
    reference_sync.sync(store, files())
    row = store.read("catalogue").set_index("id").loc["LDTT"]
    from core.ports import Change

    store.update(
        "catalogue",
        [Change("LDTT", int(row["version"]), {"name_en": "Advanced worker (admin)"})],
        actor="admin",
    )
    assert not reference_sync.sync(store, files()).changed  # the file did not change LDTT: the edit stays
    assert store.read("catalogue").set_index("id").loc["LDTT", "name_en"] == "Advanced worker (admin)"
    cat = [{**c, "name_vi": "LĐTT"} if c["id"] == "LDTT" else c for c in catalogue_rows(load_catalogue())]
    reference_sync.sync(store, files(cat))  # now the file changes it: the file's row wins, with history
    assert store.read("catalogue").set_index("id").loc["LDTT", "name_en"] == "Advanced Worker"


def test_the_app_applies_the_files_at_start(tmp_path: Path, demo_db: Path) -> None:
    """``bootstrap.build`` runs the sync: a start after the demo is seeded remembers the rows, and
    a second start with nothing changed writes nothing."""
    settings = bootstrap.Settings(sqlite_path=str(demo_db), today=dt.date(2024, 12, 5))
    svc = bootstrap.build(settings)
    ledger = svc.store.read("reference_sync")
    assert len(ledger) == len(load_catalogue()) + len(default_rule_rows())
    history = len(svc.store.read("history"))
    svc.store.close()  # type: ignore[attr-defined]
    svc = bootstrap.build(settings)
    assert len(svc.store.read("history")) == history and len(svc.store.read("reference_sync")) == len(ledger)
