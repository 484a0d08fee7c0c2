"""The documents page over the real services: generate a file, get a download button, see refusals."""

from __future__ import annotations

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from core.model import Actor
from tests.conftest import COUNCIL, OFFICER

PAGE = Path(__file__).resolve().parents[2] / "app_pages" / "documents.py"


def _open(actor: Actor, demo_db: Path, monkeypatch: pytest.MonkeyPatch) -> AppTest:
    monkeypatch.setenv("THIDUA_DB", str(demo_db))
    monkeypatch.setenv("THIDUA_TODAY", "2024-12-05")
    monkeypatch.delenv("THIDUA_BACKEND", raising=False)
    at = AppTest.from_file(str(PAGE), default_timeout=60)
    at.session_state["actor"] = actor
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def test_council_member_generates_a_decision(demo_db: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    at = _open(COUNCIL, demo_db, monkeypatch)
    assert at.title[0].value == "Văn bản & xuất dữ liệu"
    at.selectbox(key="documents_campaign").set_value("HN-2023-DTD-CAODIEM-DH")
    at.text_input(key="doc_no").set_value("123")
    at.button(key="documents_make_quyetdinh").click().run()
    assert not at.exception, [e.value for e in at.exception]
    assert not at.error, [e.value for e in at.error]
    buttons = at.get("download_button")
    assert len(buttons) == 1
    assert buttons[0].proto.label == "Tải về"


def test_officer_is_refused_council_minutes_but_gets_a_list(
    demo_db: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    at = _open(OFFICER, demo_db, monkeypatch)
    at.button(key="documents_make_bienban").click().run()
    assert any("không được lập biên bản" in str(e.value) for e in at.error)
    assert not at.get("download_button")
    at.button(key="documents_make_xlsx").click().run()
    assert len(at.get("download_button")) == 1


def test_the_page_keeps_the_quarterly_snapshot_but_no_tiles(
    demo_db: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The tiles and their drill-down moved to the dashboard; the snapshot document stays here."""
    at = _open(COUNCIL, demo_db, monkeypatch)
    assert not at.dataframe and not at.metric
    at.button(key="documents_make_giaoban").click().run()
    assert not at.exception, [e.value for e in at.exception]
    (button,) = at.get("download_button")
    assert button.proto.label == "Tải về"
