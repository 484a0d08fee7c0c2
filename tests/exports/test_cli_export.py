"""`cli.py export` writes the file a user would download from the documents page."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from docx import Document

import cli
from tests.conftest import DEMO_DOMAIN


def test_cli_export_decision_and_refusal(
    demo_db: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("THIDUA_DB", str(demo_db))
    monkeypatch.setenv("THIDUA_TODAY", "2024-12-05")
    monkeypatch.delenv("THIDUA_BACKEND", raising=False)
    out = tmp_path / "qd.docx"
    argv = ["export", "--campaign", "HN-2023-DTD-CAODIEM-DH", "--kind", "quyetdinh", "--number", "123"]
    assert cli.main([*argv, "--as", f"hoi.dong@{DEMO_DOMAIN}", "--out", str(out)]) == 0
    text = "\n".join(p.text for p in Document(io.BytesIO(out.read_bytes())).paragraphs)
    assert "DANH SÁCH KÈM THEO" in text
    refused = tmp_path / "no.docx"
    assert cli.main([*argv, "--as", f"can.bo.canon@{DEMO_DOMAIN}", "--out", str(refused)]) == 1
    assert not refused.exists()
    assert "không được lập biên bản" in capsys.readouterr().err
